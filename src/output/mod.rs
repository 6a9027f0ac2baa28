//! What rehearse shows besides a command's own result: colour (decided once, `colour`),
//! messages on stderr (warnings, notes, status lines, the final error, `REHEARSE_TRACE` lines,
//! all from the functions here), progress bars and spinners (`progress`), and the styles and
//! tables the commands print with (`style`).
//!
//! Results go to stdout and everything else to stderr, so a pipe or `--json -` gets only what it
//! asked for. Warnings and notes are printed always (they matter in scripts too); status lines
//! and progress only when a person is watching stderr.

pub mod colour;
pub mod progress;
pub mod style;

use console::Term;
use std::io::Write;

/// At most this many warnings of one listing are printed one by one; the rest are counted.
const MAX_WARNINGS: usize = 10;

/// Writes one line on stderr. A closed stderr must not turn a finished command into a failure,
/// so write errors are ignored.
fn line(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// A warning, always: something went wrong but the command carried on.
pub fn warn(message: &str) {
    line(&format!("warning: {message}"));
}

/// Warnings from one listing (problems with saved takes), one line each up to a limit.
pub fn warn_all(warnings: &[String]) {
    for w in warnings.iter().take(MAX_WARNINGS) {
        warn(w);
    }
    if warnings.len() > MAX_WARNINGS {
        warn(&format!(
            "… and {} more problems like these",
            warnings.len() - MAX_WARNINGS
        ));
    }
}

/// A note, always: something the user asked for was adjusted.
pub fn note(message: &str) {
    line(&format!("note: {message}"));
}

/// A plain line for the person running the command, always: where a file was written, why a
/// listing is empty.
pub fn say(message: &str) {
    line(message);
}

/// A status line, only when stderr is a terminal: progress news a script does not need.
pub fn status(message: &str) {
    let term = Term::stderr();
    if term.is_term() {
        let _ = term.write_line(message);
    }
}

/// The error that ended the command, with its causes (`{:#}` of an `anyhow::Error`).
pub fn error(err: impl std::fmt::Display) {
    line(&format!("error: {err:#}"));
}

/// `REHEARSE_TRACE=1` prints what the transcription did (speech regions, windows, timings, and
/// whisper.cpp's own log) on stderr, for bug reports and tuning.
pub fn tracing() -> bool {
    std::env::var_os("REHEARSE_TRACE").is_some()
}

/// One `REHEARSE_TRACE` line, stamped with the seconds since the first one (so the lines show
/// where the time goes); the text is only built when tracing is on.
pub fn trace(text: impl FnOnce() -> String) {
    static FIRST: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    if tracing() {
        let since = FIRST.get_or_init(std::time::Instant::now).elapsed();
        line(&format!("[{:8.3}] {}", since.as_secs_f64(), text()));
    }
}
