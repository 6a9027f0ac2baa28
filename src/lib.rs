//! rehearse: a local, offline coach for spoken interview answers.
//!
//! Data flows one way: audio → 16 kHz samples → transcript (words with times) + speech regions →
//! analysis → report → store. `run` dispatches a parsed command line to the command modules.

// Every dependency must be used by the library itself: one only the tests use belongs in
// [dev-dependencies] (cargo-machete in scripts/lint.sh cannot tell the two apart).
#![cfg_attr(not(test), warn(unused_crate_dependencies))]

pub mod analysis;
mod audio;
pub mod cli;
mod commands;
mod config;
pub mod exit_code;
mod fsutil;
pub mod history;
mod output;
mod pipeline;
mod practice;
pub mod report;
mod review;
mod signals;
mod transcribe;
pub mod transcript;
pub mod units;

pub use commands::dispatch as run;
/// How `main` shows the error that ends a run: one line on stderr, as every other message.
pub use output::error as print_error;

// Test tooling shared with the examples (`tests/support/synthetic.rs`) names this crate
// `rehearse`, as code outside it does.
#[cfg(test)]
extern crate self as rehearse;

/// What the fuzz targets (fuzz/, a workspace of its own) drive directly: the readers of
/// recordings, config and question files, and the command dispatcher writing to a buffer.
/// Compiled only with the `fuzzing` feature, so the normal build keeps reporting dead code.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::audio::wav::{
        decode_wav, decode_wav_stream, read_wav, repair_in_place, DecodedAudio,
    };
    pub use crate::commands::dispatch_to;
    pub use crate::config::Config;
    pub use crate::practice::questions::{QuestionBank, FILE_NAME};
}
