//! `rehearse review [ID|latest] [--out FILE.html] [--open]`: writes a take's web page (the
//! recording embedded, the transcript following along) and prints its path;
//! `rehearse review --progress [--question TEXT]`: the progress page over the saved takes.
//!
//! This is the I/O edge of `crate::review`: it loads the report and the recording, encodes the
//! audio, writes the page atomically and private to its owner (it holds a voice), and asks the
//! desktop to open it.

use anyhow::{Context as _, Result};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::progress::matching_takes;
use crate::audio::wav::read_wav;
use crate::cli::ReviewArgs;
use crate::config::Config;
use crate::history::compare::{compare, Comparison};
use crate::history::trend::question_key;
use crate::history::when::{local_minute, LocalClock};
use crate::history::{SessionEntry, Store};
use crate::output::say;
use crate::review::audio::{self, Recording};
use crate::review::page::file_url;
use crate::review::progress::{self, ProgressPage};
use crate::review::take::{self, Sound, TakePage};

/// A take's page, in its session folder.
pub const TAKE_PAGE: &str = "review.html";
/// The progress page, in the sessions folder (beside the take folders it links into).
pub const PROGRESS_PAGE: &str = "progress.html";

pub fn run(args: &ReviewArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let store = Store::open(&config.data_dir)?;
    let (path, html) = if args.progress {
        progress_page(&store, args)?
    } else {
        take_page(&store, args)?
    };
    crate::fsutil::write_atomic(&path, html.as_bytes(), 0o600).with_context(|| {
        format!(
            "cannot write {}: check that its folder exists and is writable, or choose another \
             file with --out",
            path.display()
        )
    })?;
    writeln!(out, "{}", path.display())?;
    if args.open {
        open_in_browser(&path);
    }
    Ok(())
}

fn take_page(store: &Store, args: &ReviewArgs) -> Result<(PathBuf, String)> {
    let session = store.load(&args.id)?;
    let entry = SessionEntry::of_take(&session.id, &session.report)?;
    let when = local_minute(&entry, &mut LocalClock::new());
    let recording = load_recording(&session.wav_path);
    let sound = match &recording {
        Ok(rec) => Sound::Embedded(rec),
        Err(why) => Sound::Missing(why.clone()),
    };
    let html = take::render(&TakePage {
        id: &session.id,
        report: &session.report,
        when,
        sound,
    });
    let path = args
        .out
        .clone()
        .unwrap_or_else(|| session.dir.join(TAKE_PAGE));
    Ok((path, html))
}

/// The recording ready for the page, or the note the page shows instead.
fn load_recording(wav: &Path) -> Result<Recording, String> {
    let without = "the transcript and the numbers are here, without the sound";
    if !wav.exists() {
        return Err(format!(
            "The recording is missing ({} is not there): {without}.",
            wav.display()
        ));
    }
    let decoded =
        read_wav(wav).map_err(|e| format!("The recording could not be read ({e}): {without}."))?;
    audio::prepare(&decoded)
        .map_err(|e| format!("The recording could not be embedded ({e:#}): {without}."))
}

fn progress_page(store: &Store, args: &ReviewArgs) -> Result<(PathBuf, String)> {
    let mut clock = LocalClock::new();
    let takes = matching_takes(store, args.question.as_deref(), &mut clock)?;
    let path = args
        .out
        .clone()
        .unwrap_or_else(|| store.root().join(PROGRESS_PAGE));
    let when: HashMap<String, String> = takes
        .iter()
        .filter_map(|e| local_minute(e, &mut clock).map(|w| (e.id.clone(), w)))
        .collect();
    let pages = take_pages(store, &takes, &path);
    let pair = latest_pair(store, &takes);
    let html = progress::render(&ProgressPage {
        takes: &takes,
        question_filter: args.question.as_deref(),
        when: &when,
        pages: &pages,
        pair: pair.as_ref(),
    });
    Ok((path, html))
}

/// Links to the takes' pages that exist: relative when the progress page sits in the sessions
/// folder (so the folder can move), `file://` URLs otherwise.
fn take_pages(store: &Store, takes: &[SessionEntry], page: &Path) -> HashMap<String, String> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let root = absolute(store.root());
    let beside = absolute(page).parent() == Some(root.as_path());
    takes
        .iter()
        .filter_map(|e| {
            let file = root.join(&e.id).join(TAKE_PAGE);
            file.is_file().then(|| {
                let href = if beside {
                    format!("{}/{TAKE_PAGE}", e.id)
                } else {
                    file_url(&file)
                };
                (e.id.clone(), href)
            })
        })
        .collect()
}

/// The latest take and the one before it of the same question, compared; `None` when that
/// question has one take or either report cannot be read (then with a warning).
fn latest_pair(store: &Store, takes: &[SessionEntry]) -> Option<Comparison> {
    let b = takes.last()?;
    let key = question_key(b);
    let a = takes[..takes.len() - 1]
        .iter()
        .rev()
        .find(|e| question_key(e) == key)?;
    let load = |id: &str| match store.load(id) {
        Ok(s) => Some(s),
        Err(e) => {
            crate::output::warn(&format!("{e:#}; the side-by-side comparison is left out"));
            None
        }
    };
    let (sa, sb) = (load(&a.id)?, load(&b.id)?);
    compare(&sa.id, &sa.report, &sb.id, &sb.report)
        .map_err(|e| {
            crate::output::warn(&format!("{e:#}; the side-by-side comparison is left out"))
        })
        .ok()
}

/// Hands the page to the desktop's browser and returns at once; says what to do instead when
/// there is no desktop (a server, a container, an SSH session) or no opener.
fn open_in_browser(path: &Path) {
    let url = file_url(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let opener = if cfg!(target_os = "macos") {
        Some("open")
    } else if ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
    {
        Some("xdg-open")
    } else {
        None
    };
    let Some(opener) = opener else {
        say(&format!(
            "no desktop to open a browser on here: open {url} in a browser"
        ));
        return;
    };
    // Not waited for: some openers run the browser in the foreground until it closes.
    let started = std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = started {
        say(&format!(
            "could not start {opener} ({e}): open {url} in a browser"
        ));
    }
}
