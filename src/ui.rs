//! Terminal feedback on stderr: the transcription progress bar and status messages. Both hide
//! when stderr is not a terminal, so scripts and pipes see only what they asked for.

use console::Term;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Arc;

use crate::transcribe::Progress;

/// A progress bar for transcription, and the callback that drives it.
pub fn transcription_progress(label: &str) -> (ProgressBar, Progress) {
    let bar = ProgressBar::with_draw_target(Some(1000), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30.cyan/blue}] {percent:>3}% ({elapsed})")
            .expect("static template")
            .progress_chars("=> "),
    );
    bar.set_message(label.to_string());
    let handle = bar.clone();
    let progress: Progress = Arc::new(move |fraction: f64| {
        handle.set_position((fraction.clamp(0.0, 1.0) * 1000.0) as u64)
    });
    (bar, progress)
}

/// A spinner with a message on stderr (hidden when stderr is not a terminal), for short waits.
pub fn spinner(label: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("static template"),
    );
    bar.set_message(label.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    bar
}

/// Prints a status line on stderr when it is a terminal.
pub fn status(message: &str) {
    let term = Term::stderr();
    if term.is_term() {
        let _ = term.write_line(message);
    }
}

/// Prints a warning on stderr, always (warnings matter in scripts too).
pub fn warn(message: &str) {
    eprintln!("warning: {message}");
}

/// Prints a note on stderr, always: something the user asked for was adjusted.
pub fn note(message: &str) {
    eprintln!("note: {message}");
}

/// `REHEARSE_TRACE=1` prints what the transcription did (speech regions, windows, timings, and
/// whisper.cpp's own log) on stderr, for bug reports and tuning.
pub fn tracing() -> bool {
    std::env::var_os("REHEARSE_TRACE").is_some()
}
