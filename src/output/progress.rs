//! Progress on stderr: the transcription bar and the spinner for short waits. indicatif hides
//! both when stderr is not a terminal, so scripts and pipes never see them.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Arc;

use crate::transcribe::Progress;

/// A progress bar for transcription, and the callback that drives it.
pub fn transcription(label: &str) -> (ProgressBar, Progress) {
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

/// A spinner with a message on stderr, for short waits.
pub fn spinner(label: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("static template"),
    );
    bar.set_message(label.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    bar
}
