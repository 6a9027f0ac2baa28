//! The end of every analysing command: the finished report goes to the user (summary or JSON on
//! stdout, the JSON file) and into the session store, each attempted whatever happened to the
//! others. A report that cannot be saved is still shown, and one that cannot be written to
//! `--json PATH` is still saved; the failures are reported together afterwards (exit 1).

use anyhow::{anyhow, Result};
use std::io::Write;
use std::path::Path;

use crate::audio::wav::DecodedAudio;
use crate::history::store::{Store, Take};
use crate::report::{json, summary, Report};

/// Delivers a finished report. `saved` is how keeping it went (save the take before calling
/// this: whatever happens to the output, the work is kept): the line that says where, printed
/// after the summary, or nothing when it was not to be kept. `json` is `--json PATH|-` (with `-`
/// the JSON replaces the summary). The report's warnings go to stderr too, unless the summary,
/// which lists them, is on the terminal already.
pub fn deliver(
    report: &Report,
    json: Option<&Path>,
    out: &mut dyn Write,
    saved: Result<Option<String>>,
) -> Result<()> {
    let mut failures = Vec::new();
    let saved = saved.map_err(|e| failures.push(e)).ok().flatten();
    let to_stdout = json == Some(Path::new("-"));
    // Said once on screen: twice on the same terminal would be noise.
    if to_stdout || !console::Term::stdout().is_term() {
        for w in &report.warnings {
            crate::output::warn(w);
        }
    }
    if let Some(path) = json {
        if let Err(e) = json::write_report(report, path, out) {
            failures.push(e);
        }
    }
    if !to_stdout {
        let color = crate::output::colour::stdout();
        out.write_all(summary::render(report, color).as_bytes())?;
        if let Some(line) = saved.as_deref().filter(|l| !l.is_empty()) {
            writeln!(out, "\n{line}")?;
        }
    } else if let Some(line) = saved.as_deref().filter(|l| !l.is_empty()) {
        crate::output::status(line);
    }
    match failures.len() {
        0 => Ok(()),
        1 => Err(failures.remove(0)),
        _ => Err(anyhow!(failures
            .iter()
            .map(|e| format!("{e:#}"))
            .collect::<Vec<_>>()
            .join("; also: "))),
    }
}

/// Keeps an outside recording (already decoded) and its report as a new take. The stored report
/// describes the stored recording (16 kHz mono 16-bit `take.wav`), so it can be re-analysed later;
/// that is the version returned.
pub fn save_outside_recording(
    store: &Store,
    audio: &DecodedAudio,
    report: &Report,
) -> Result<(Take, Report)> {
    let take = store.begin()?;
    let mut stored = report.clone();
    if let Some(audio) = stored.audio.as_mut() {
        audio.path = take.recording_path().display().to_string();
        audio.sample_rate = crate::audio::ANALYSIS_RATE;
        audio.channels = 1;
        audio.bits_per_sample = 16;
    }
    let kept = take
        .save_recording(&audio.samples)
        .and_then(|()| take.finish(&stored).map(|_| ()));
    if let Err(e) = kept {
        // Whatever part of the folder was made goes again; the original file is untouched.
        take.discard();
        return Err(e);
    }
    Ok((take, stored))
}
