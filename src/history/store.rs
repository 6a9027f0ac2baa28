//! The session store: one folder per take under `<data dir>/sessions/`, holding the recording
//! (`take.wav`) and its analysis (`report.json`), plus `index.jsonl`, one summary line per take.
//!
//! The folders are the truth; the index is a cache that can always be rebuilt from them. Writes
//! are atomic (temporary file + rename) so a crash never leaves a half-written report, and
//! everything is private to its owner (folders 0700, files 0600): recordings are a person's voice.
//!
//! Concurrency: several `rehearse` processes may save at once. `create_dir` reserves a session id
//! (it fails if the folder exists, so it works as a lock), and each index line is appended with a
//! single `O_APPEND` write, which the kernel never interleaves with another writer's.

use anyhow::{anyhow, bail, Context as _, Result};
use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

use super::entry::{not_a_take, parse_index, SessionEntry};
use super::id;
use crate::fsutil::{
    create_private_dir_all, create_private_file, open_private, private_dir_builder,
};
use crate::report::{QuestionRef, Report};

const SESSIONS: &str = "sessions";
const INDEX: &str = "index.jsonl";
const REPORT: &str = "report.json";
const WAV: &str = "take.wav";
const QUESTION: &str = "question.json";
/// A WAV header with no samples after it.
const WAV_HEADER_BYTES: u64 = 44;
/// More takes than this starting within one second means something is looping.
const MAX_SAME_SECOND: u32 = 10_000;

/// The sessions folder of one data dir.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// One take's session folder, handed out by the store ([`Store::begin`] for a new take,
/// [`Store::take`] for a stored one). It is the only thing that knows what the folder holds:
/// the recording, the question noted when the take started, and the report.
#[derive(Debug, Clone)]
pub struct Take {
    store: Store,
    id: String,
    dir: PathBuf,
}

/// A saved take, loaded in full.
#[derive(Debug, Clone)]
pub struct StoredSession {
    pub id: String,
    pub dir: PathBuf,
    pub wav_path: PathBuf,
    pub report: Report,
}

/// Saved takes in time order, and what was skipped on the way (one line each, for stderr).
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub entries: Vec<SessionEntry>,
    pub warnings: Vec<String>,
}

/// What a session folder holds, judged without reading the index.
enum Folder {
    Saved(Box<Report>),
    Unreadable(String),
    RecordingOnly,
    Empty,
}

impl Take {
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The take's folder (for messages; what is in it is the take's business).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `take.wav`: written while recording, or copied in by `analyze --save`.
    pub fn recording_path(&self) -> PathBuf {
        self.dir.join(WAV)
    }

    /// Creates `take.wav` readable by its owner only; hand the file to the WAV writer.
    pub fn create_recording(&self) -> Result<File> {
        let path = self.recording_path();
        create_private_file(&path)
            .with_context(|| format!("cannot create the recording {}", path.display()))
    }

    /// Writes a decoded recording as `take.wav` (16 kHz mono 16-bit), for takes that come from a
    /// file rather than the microphone.
    pub fn save_recording(&self, samples: &[f32]) -> Result<()> {
        let path = self.recording_path();
        crate::audio::wav::write_take(&path, samples)
            .with_context(|| format!("cannot write the recording {}", path.display()))
    }

    /// True when the recording holds audio, not just a header (or nothing at all).
    pub fn has_audio(&self) -> bool {
        fs::metadata(self.recording_path()).is_ok_and(|m| m.len() > WAV_HEADER_BYTES)
    }

    /// When the take started, from its id (UTC, to the second).
    pub fn recorded_at(&self) -> Option<OffsetDateTime> {
        id::time_of(&self.id)
    }

    /// Keeps the question beside the recording from the moment the take starts, so a take whose
    /// analysis never ran (a second Ctrl-C, a crash) is re-analysed with it.
    pub fn remember_question(&self, question: &QuestionRef) -> Result<()> {
        let path = self.dir.join(QUESTION);
        let json = serde_json::to_vec_pretty(question)?;
        write_atomic(&path, &json).with_context(|| format!("cannot write {}", path.display()))
    }

    /// The report saved for this take, if it has a readable one.
    pub fn report(&self) -> Option<Report> {
        match self.store.inspect(&self.id) {
            Folder::Saved(report) => Some(*report),
            _ => None,
        }
    }

    /// The question this take answered: from its report, else from the note made when it
    /// started, else from the index (a report emptied or damaged by hand).
    pub fn question(&self) -> Option<QuestionRef> {
        if let Some(q) = self.report().and_then(|r| r.question) {
            return Some(q);
        }
        let noted = fs::read(self.dir.join(QUESTION))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok());
        noted.or_else(|| {
            let entry = self.store.indexed_entry(&self.id)?;
            Some(QuestionRef {
                id: entry.question_id,
                text: entry.question?,
                example: None,
            })
        })
    }

    /// Saves the take's report and records it in the index. Calling it again (re-analysis)
    /// replaces the report; the index's later line wins.
    pub fn finish(&self, report: &Report) -> Result<SessionEntry> {
        if let Some(question) = &report.question {
            // Beside the report too, so a report damaged later still tells its question.
            self.remember_question(question)?;
        }
        self.store.save_report(&self.id, &self.dir, report)
    }

    /// Removes the take's folder and all in it. Only for a take whose recording is a copy of a
    /// file the user still has (`analyze --save` that failed half-way); a microphone take is
    /// never discarded, see [`Take::abandon`].
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }

    /// Gives up on the take. A folder with no audio in it is removed; one with audio is kept
    /// (a recording is never thrown away) and its path returned, to tell the user where it is.
    pub fn abandon(self) -> Option<PathBuf> {
        if self.has_audio() {
            return Some(self.recording_path());
        }
        let _ = fs::remove_file(self.recording_path());
        let _ = fs::remove_file(self.dir.join(QUESTION));
        let _ = fs::remove_dir(&self.dir);
        None
    }
}

impl Store {
    /// Opens the store in `data_dir`, creating `data_dir/sessions` (0700) if missing.
    pub fn open(data_dir: &Path) -> Result<Store> {
        let root = data_dir.join(SESSIONS);
        create_private_dir_all(&root).with_context(|| {
            format!(
                "cannot create the session folder {}: make the data dir writable or choose \
                 another with --data-dir DIR",
                root.display()
            )
        })?;
        Ok(Store { root })
    }

    /// The `sessions` folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn index_path(&self) -> PathBuf {
        self.root.join(INDEX)
    }

    /// Reserves a new session folder named after the current UTC second, adding `-2`, `-3`, …
    /// when that name is taken (by this or another process).
    pub fn begin(&self) -> Result<Take> {
        self.begin_at(OffsetDateTime::now_utc())
    }

    /// [`Store::begin`] for a given moment (tests and imports of old recordings).
    pub fn begin_at(&self, at: OffsetDateTime) -> Result<Take> {
        let base = id::base_id(at);
        for n in 1..=MAX_SAME_SECOND {
            let id = id::candidate(&base, n);
            let dir = self.root.join(&id);
            match private_dir_builder().create(&dir) {
                Ok(()) => return Ok(self.take_at(id)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!(
                            "cannot create the session folder {}: check the data dir's \
                             permissions and free space",
                            dir.display()
                        )
                    })
                }
            }
        }
        bail!(
            "more than {MAX_SAME_SECOND} sessions started at {base}: remove stray folders in {}",
            self.root.display()
        )
    }

    /// A stored take by id, unique id prefix or `latest` (the newest saved take).
    pub fn take(&self, query: &str) -> Result<Take> {
        Ok(self.take_at(self.resolve(query)?))
    }

    /// Like [`Store::take`], but `latest` means the newest recording even if its analysis never
    /// finished (what `reanalyze` is for).
    pub fn recorded_take(&self, query: &str) -> Result<Take> {
        if !query.trim().eq_ignore_ascii_case("latest") {
            return self.take(query);
        }
        let id = self
            .recording_ids()?
            .pop()
            .ok_or_else(|| anyhow!("no recordings yet: record one with `rehearse practice`"))?;
        Ok(self.take_at(id))
    }

    /// Every stored take that holds a recording, analysed or not, oldest first.
    pub fn recorded_takes(&self) -> Result<Vec<Take>> {
        Ok(self
            .recording_ids()?
            .into_iter()
            .map(|id| self.take_at(id))
            .collect())
    }

    fn take_at(&self, id: String) -> Take {
        Take {
            dir: self.root.join(&id),
            id,
            store: self.clone(),
        }
    }

    fn save_report(&self, id: &str, dir: &Path, report: &Report) -> Result<SessionEntry> {
        // Checked before anything is written: the store keeps recorded takes only.
        let entry = SessionEntry::of_take(id, report)?;
        let json = crate::report::json::to_pretty_json(report)?;
        let target = dir.join(REPORT);
        write_atomic(&target, json.as_bytes()).with_context(|| {
            format!(
                "cannot save the report {}: check free space and permissions",
                target.display()
            )
        })?;
        self.append_index(std::slice::from_ref(&entry))
            .with_context(|| {
                format!(
                    "saved {} but could not add it to the index {}: run `rehearse history \
                     --rebuild`",
                    target.display(),
                    self.index_path().display()
                )
            })?;
        Ok(entry)
    }

    /// The index's latest line for a session, if the index has one.
    fn indexed_entry(&self, id: &str) -> Option<SessionEntry> {
        let bytes = fs::read(self.index_path()).ok()?;
        let (entries, _) = parse_index(&bytes);
        entries.into_iter().rev().find(|e| e.id == id)
    }

    /// Saved takes in time order. Reads the index, and the folder names (not their files) to
    /// spot takes the index lacks or has lost; never fails on bad data, only warns. Takes
    /// saved but missing from the index (a crash between the two writes, or a save during a
    /// rebuild) are read from their folder and added to the index.
    pub fn list(&self) -> Result<Listing> {
        let index_path = self.index_path();
        let bytes = match fs::read(&index_path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // No index yet (or it was deleted): build it from the folders. If it cannot be
                // saved (a read-only data dir), the listing is still good.
                let mut listing = self.scan_folders()?;
                if let Err(e) = self.write_index(&listing.entries) {
                    listing.warnings.push(format!("{e:#}"));
                }
                return Ok(listing);
            }
            Err(e) => {
                return Err(e).with_context(|| {
                    format!(
                        "cannot read the index {}: fix its permissions or remove it so it is \
                         rebuilt",
                        index_path.display()
                    )
                })
            }
        };
        let (indexed, bad) = parse_index(&bytes);
        let mut warnings: Vec<String> = bad
            .iter()
            .map(|b| {
                format!(
                    "{} line {} skipped ({}): run `rehearse history --rebuild` to rewrite the index",
                    index_path.display(),
                    b.line,
                    b.reason
                )
            })
            .collect();

        let folders = self.folder_ids()?;
        let on_disk: HashSet<&str> = folders.iter().map(String::as_str).collect();
        let mut known: HashSet<String> = HashSet::with_capacity(indexed.len());
        let mut entries = Vec::with_capacity(indexed.len());
        for e in indexed {
            if on_disk.contains(e.id.as_str()) {
                known.insert(e.id.clone());
                entries.push(e);
            } else {
                warnings.push(format!(
                    "session {} is in the index but its folder is gone: run `rehearse history \
                     --rebuild`",
                    e.id
                ));
            }
        }

        let mut healed = Vec::new();
        for id in folders.iter().filter(|id| !known.contains(id.as_str())) {
            match self.inspect(id) {
                Folder::Saved(report) => match SessionEntry::from_report(id, &report) {
                    Some(entry) => healed.push(entry),
                    None => warnings.push(not_a_take(id)),
                },
                other => warnings.extend(self.folder_warning(id, &other)),
            }
        }
        if !healed.is_empty() {
            if let Err(e) = self.append_index(&healed) {
                warnings.push(format!(
                    "could not add {} saved takes to the index ({e}): run `rehearse history \
                     --rebuild`",
                    healed.len()
                ));
            }
            entries.extend(healed);
        }
        sort_entries(&mut entries);
        Ok(Listing { entries, warnings })
    }

    /// Rewrites the index from the session folders (atomic replace) and returns the listing.
    pub fn rebuild_index(&self) -> Result<Listing> {
        let listing = self.scan_folders()?;
        self.write_index(&listing.entries)?;
        Ok(listing)
    }

    /// Every saved take, read from the session folders (one report.json each).
    fn scan_folders(&self) -> Result<Listing> {
        let mut entries = Vec::new();
        let mut warnings = Vec::new();
        for id in self.folder_ids()? {
            match self.inspect(&id) {
                Folder::Saved(report) => match SessionEntry::from_report(&id, &report) {
                    Some(entry) => entries.push(entry),
                    None => warnings.push(not_a_take(&id)),
                },
                other => warnings.extend(self.folder_warning(&id, &other)),
            }
        }
        sort_entries(&mut entries);
        Ok(Listing { entries, warnings })
    }

    /// Replaces the index with these entries, atomically.
    fn write_index(&self, entries: &[SessionEntry]) -> Result<()> {
        let mut text = String::with_capacity(entries.len() * 400);
        for e in entries {
            text.push_str(&e.to_line());
            text.push('\n');
        }
        let index_path = self.index_path();
        write_atomic(&index_path, text.as_bytes()).with_context(|| {
            format!(
                "cannot write the index {}: check free space and permissions",
                index_path.display()
            )
        })
    }

    /// Loads a take by id, unique id prefix, or `latest`.
    pub fn load(&self, query: &str) -> Result<StoredSession> {
        let id = self.resolve(query)?;
        let dir = self.root.join(&id);
        let report = match self.inspect(&id) {
            Folder::Saved(report) => *report,
            Folder::Unreadable(why) => bail!(
                "session {id}: report.json is unreadable ({why}): run `rehearse reanalyze {id}`"
            ),
            Folder::RecordingOnly => {
                bail!("session {id} has a recording but no report: run `rehearse reanalyze {id}`")
            }
            Folder::Empty => bail!(
                "session {id} has no recording and no report: remove {}",
                dir.display()
            ),
        };
        Ok(StoredSession {
            wav_path: dir.join(WAV),
            id,
            dir,
            report,
        })
    }

    /// Ids of the sessions holding a recording, analysed or not, oldest first.
    fn recording_ids(&self) -> Result<Vec<String>> {
        Ok(self
            .folder_ids()?
            .into_iter()
            .filter(|id| self.root.join(id).join(WAV).is_file())
            .collect())
    }

    /// Turns `latest`, a full id or a unique prefix into a session id.
    pub fn resolve(&self, query: &str) -> Result<String> {
        let query = query.trim();
        if query.eq_ignore_ascii_case("latest") {
            return self.list()?.entries.pop().map(|e| e.id).ok_or_else(|| {
                anyhow!(
                    "no saved takes yet: record one with `rehearse practice` or `rehearse \
                         analyze FILE.wav --save`"
                )
            });
        }
        if id::is_valid(query) && self.root.join(query).is_dir() {
            return Ok(query.to_string());
        }
        if query.is_empty() {
            bail!("no session id given: use an id from `rehearse history`, or `latest`");
        }
        let mut matches: Vec<String> = self
            .folder_ids()?
            .into_iter()
            .filter(|id| id.starts_with(query))
            .collect();
        match matches.len() {
            0 => bail!("no session '{query}': `rehearse history` lists the ids"),
            1 => Ok(matches.remove(0)),
            n => bail!(
                "session id '{query}' matches {n} sessions ({}, {}, …): give more of the id",
                matches[0],
                matches[1]
            ),
        }
    }

    /// Names of the session folders, in time order. Skips temporary files and anything else
    /// that is not shaped like a session id.
    fn folder_ids(&self) -> Result<Vec<String>> {
        let read = fs::read_dir(&self.root)
            .with_context(|| format!("cannot read the session folder {}", self.root.display()))?;
        let mut ids = Vec::new();
        for item in read {
            let Ok(item) = item else { continue };
            let Ok(name) = item.file_name().into_string() else {
                continue;
            };
            // `file_type` comes from the directory listing itself: no extra stat per folder.
            let is_dir = item
                .file_type()
                .map(|t| t.is_dir() || (t.is_symlink() && item.path().is_dir()))
                .unwrap_or(false);
            if is_dir && id::is_valid(&name) {
                ids.push(name);
            }
        }
        ids.sort_by(|a, b| id::sort_key(a).cmp(&id::sort_key(b)));
        Ok(ids)
    }

    fn inspect(&self, id: &str) -> Folder {
        let dir = self.root.join(id);
        match fs::read(dir.join(REPORT)) {
            Ok(bytes) => match serde_json::from_slice::<Report>(&bytes) {
                Ok(r) => Folder::Saved(Box::new(r)),
                Err(e) if bytes.is_empty() => Folder::Unreadable(format!("empty file: {e}")),
                Err(e) => Folder::Unreadable(e.to_string()),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if dir.join(WAV).exists() {
                    Folder::RecordingOnly
                } else {
                    Folder::Empty
                }
            }
            Err(e) => Folder::Unreadable(e.to_string()),
        }
    }

    fn folder_warning(&self, id: &str, folder: &Folder) -> Option<String> {
        match folder {
            Folder::Saved(_) => None,
            Folder::Unreadable(why) => Some(format!(
                "session {id} skipped: its report.json is unreadable ({why}): run `rehearse \
                 reanalyze {id}`"
            )),
            Folder::RecordingOnly => Some(format!(
                "session {id} has a recording but no report: run `rehearse reanalyze {id}`"
            )),
            Folder::Empty => Some(format!(
                "session {id} is empty (a take that was never recorded, or is starting now): \
                 remove {} if it stays empty",
                self.root.join(id).display()
            )),
        }
    }

    /// Appends entries to the index in one write. `O_APPEND` makes the kernel place each write
    /// at the current end of file atomically, so lines from concurrent savers never interleave.
    fn append_index(&self, entries: &[SessionEntry]) -> io::Result<()> {
        let path = self.index_path();
        let mut file = open_private(
            OpenOptions::new().read(true).append(true).create(true),
            &path,
        )?;
        let mut buf = String::new();
        // A line cut short by a crash (no newline) would swallow the next one: start afresh.
        if !ends_with_newline(&file)? {
            buf.push('\n');
        }
        for e in entries {
            buf.push_str(&e.to_line());
            buf.push('\n');
        }
        file.write_all(buf.as_bytes())
    }
}

fn sort_entries(entries: &mut [SessionEntry]) {
    entries.sort_by(|a, b| id::sort_key(&a.id).cmp(&id::sort_key(&b.id)));
}

fn ends_with_newline(file: &File) -> io::Result<bool> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(true);
    }
    let mut last = [0u8; 1];
    read_at(file, &mut last, len - 1)?;
    Ok(last[0] == b'\n')
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

#[cfg(not(unix))]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file.try_clone()?;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}

/// Writes `bytes` to `target` atomically (temporary file + rename; see `fsutil`). The file is
/// private (0600); see [`write_atomic_shared`] for files the user names.
pub(crate) fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::fsutil::write_atomic(target, bytes, 0o600)
}

/// [`write_atomic`] for a file the user asked for (a chart): a new one is readable by others
/// too, as far as the umask allows.
pub(crate) fn write_atomic_shared(target: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::fsutil::write_atomic(target, bytes, 0o644)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::synthetic::{report, Script};
    use time::macros::datetime;

    const AT: OffsetDateTime = datetime!(2026-11-26 04:15:02 UTC);

    fn take(store: &Store, at: OffsetDateTime, text: &str) -> SessionEntry {
        let s = store.begin_at(at).unwrap();
        fs::write(s.recording_path(), b"RIFF").unwrap();
        s.finish(&report(&Script::new(Some("Why us?"), text, at)))
            .unwrap()
    }

    #[test]
    fn ids_collide_into_numbered_folders() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let ids: Vec<String> = (0..12)
            .map(|_| store.begin_at(AT).unwrap().id().to_string())
            .collect();
        assert_eq!(ids[0], "20261126T041502Z");
        assert_eq!(ids[1], "20261126T041502Z-2");
        assert_eq!(ids[11], "20261126T041502Z-12");
    }

    #[cfg(unix)]
    #[test]
    fn folders_and_files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("data")).unwrap();
        let s = store.begin_at(AT).unwrap();
        drop(s.create_recording().unwrap());
        s.finish(&report(&Script::new(None, "Hello there.", AT)))
            .unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(store.root()), 0o700);
        assert_eq!(mode(&s.dir), 0o700);
        assert_eq!(mode(&s.recording_path()), 0o600);
        assert_eq!(mode(&s.dir.join(REPORT)), 0o600);
        assert_eq!(mode(&store.index_path()), 0o600);
        // Nothing temporary is left behind.
        let names: Vec<_> = fs::read_dir(&s.dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn list_is_in_time_order_and_load_finds_latest_and_prefixes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let later = take(&store, datetime!(2026-11-27 09:00:00 UTC), "Second answer.");
        let first = take(&store, AT, "First answer.");
        let listing = store.list().unwrap();
        assert!(listing.warnings.is_empty(), "{:?}", listing.warnings);
        let ids: Vec<_> = listing.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, [first.id.as_str(), later.id.as_str()]);
        assert_eq!(store.load("latest").unwrap().id, later.id);
        assert_eq!(store.load("20261126").unwrap().id, first.id);
        let err = store.load("2026").unwrap_err().to_string();
        assert!(err.contains("matches 2 sessions"), "{err}");
        let err = store.load("1999").unwrap_err().to_string();
        assert!(err.contains("no session '1999'"), "{err}");
    }

    #[test]
    fn half_written_folders_and_lines_are_warnings_not_errors() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let good = take(&store, AT, "A fine answer.");
        // A take still recording, one whose report is cut short, an empty folder, stray files.
        let recording = store.begin_at(AT).unwrap();
        fs::write(recording.recording_path(), b"RIFF").unwrap();
        let broken = store.begin_at(AT).unwrap();
        fs::write(broken.dir.join(REPORT), b"{\"schema_version\": 1, \"tool\"").unwrap();
        let empty = store.begin_at(AT).unwrap();
        fs::write(store.root().join("notes.txt"), b"hi").unwrap();
        fs::create_dir(store.root().join("not-a-session")).unwrap();
        let mut index = OpenOptions::new()
            .append(true)
            .open(store.index_path())
            .unwrap();
        index
            .write_all(b"{\"id\": \"20261126T041502Z\", \"trunc")
            .unwrap();

        let listing = store.list().unwrap();
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.entries[0].id, good.id);
        let all = listing.warnings.join("\n");
        assert!(
            all.contains(&format!(
                "session {} has a recording but no report",
                recording.id()
            )),
            "{all}"
        );
        assert!(
            all.contains(&format!("rehearse reanalyze {}", recording.id())),
            "{all}"
        );
        assert!(
            all.contains(&format!("session {} skipped", broken.id())),
            "{all}"
        );
        assert!(
            all.contains(&format!("session {} is empty", empty.id())),
            "{all}"
        );
        assert!(all.contains("line 2 skipped"), "{all}");
        assert_eq!(listing.warnings.len(), 4, "{all}");

        // The next save still lands on a line of its own after the truncated one.
        let next = take(&store, datetime!(2026-11-27 09:00:00 UTC), "Next answer.");
        let listing = store.list().unwrap();
        assert_eq!(listing.entries.len(), 2);
        assert_eq!(listing.entries[1].id, next.id);
    }

    #[test]
    fn missing_index_lines_are_healed_and_a_lost_index_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let a = take(&store, AT, "One.");
        let b = take(&store, datetime!(2026-11-27 09:00:00 UTC), "Two.");
        // Crash between the report rename and the index append: drop b's line.
        fs::write(store.index_path(), format!("{}\n", a.to_line())).unwrap();
        let listing = store.list().unwrap();
        assert_eq!(listing.entries.len(), 2);
        assert!(listing.warnings.is_empty(), "{:?}", listing.warnings);
        let (lines, _) = parse_index(&fs::read(store.index_path()).unwrap());
        assert_eq!(lines.len(), 2, "the index was repaired");

        fs::remove_file(store.index_path()).unwrap();
        let listing = store.list().unwrap();
        assert_eq!(listing.entries, vec![a, b.clone()]);
        assert!(store.index_path().exists());

        // A folder removed by hand disappears from the listing with a warning.
        fs::remove_dir_all(store.root().join(&b.id)).unwrap();
        let listing = store.list().unwrap();
        assert_eq!(listing.entries.len(), 1);
        assert!(
            listing.warnings[0].contains("folder is gone"),
            "{:?}",
            listing.warnings
        );
        let rebuilt = store.rebuild_index().unwrap();
        assert_eq!(rebuilt.entries.len(), 1);
        assert!(store.list().unwrap().warnings.is_empty());
    }

    #[test]
    fn finishing_again_replaces_the_report_and_the_entry() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let s = store.begin_at(AT).unwrap();
        s.finish(&report(&Script::new(None, "Um, first.", AT)))
            .unwrap();
        let again = store.take(s.id()).unwrap();
        again
            .finish(&report(&Script::new(None, "Second try here.", AT)))
            .unwrap();
        let listing = store.list().unwrap();
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.entries[0].word_count, 3);
        assert_eq!(store.load(s.id()).unwrap().report.metrics.word_count, 3);
    }

    #[test]
    fn a_take_keeps_its_question_when_its_report_is_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let s = store.begin_at(AT).unwrap();
        fs::write(s.recording_path(), vec![0u8; 1000]).unwrap();
        s.finish(&report(&Script::new(Some("Why us?"), "Because.", AT)))
            .unwrap();
        // Emptied by hand: the note kept beside the recording still has the question…
        fs::write(s.dir.join(REPORT), b"").unwrap();
        let again = store.recorded_take(s.id()).unwrap();
        assert!(again.report().is_none());
        assert_eq!(again.question().unwrap().text, "Why us?");
        // …and without the note, the index does.
        fs::remove_file(s.dir.join(QUESTION)).unwrap();
        assert_eq!(again.question().unwrap().text, "Why us?");
        assert_eq!(again.recorded_at(), Some(AT));
    }

    #[test]
    fn abandoning_keeps_a_recording_and_removes_an_empty_take() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let empty = store.begin_at(AT).unwrap();
        empty
            .remember_question(&QuestionRef {
                id: None,
                text: "Why?".into(),
                example: None,
            })
            .unwrap();
        drop(empty.create_recording().unwrap());
        let folder = empty.dir.clone();
        assert_eq!(empty.abandon(), None);
        assert!(!folder.exists(), "an empty take leaves nothing behind");

        let recorded = store.begin_at(AT).unwrap();
        fs::write(recorded.recording_path(), vec![1u8; 4000]).unwrap();
        let path = recorded.recording_path();
        assert_eq!(recorded.abandon(), Some(path.clone()));
        assert!(path.is_file(), "audio is never thrown away");
    }

    #[test]
    fn concurrent_savers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let root = root.clone();
                std::thread::spawn(move || {
                    let store = Store::open(&root).unwrap();
                    for _ in 0..25 {
                        let s = store.begin_at(AT).unwrap();
                        s.finish(&report(&Script::new(None, "Quick one.", AT)))
                            .unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let store = Store::open(&root).unwrap();
        let (lines, bad) = parse_index(&fs::read(store.index_path()).unwrap());
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(lines.len(), 100);
        let listing = store.list().unwrap();
        assert_eq!(listing.entries.len(), 100);
        assert_eq!(listing.entries[99].id, "20261126T041502Z-100");
    }
}
