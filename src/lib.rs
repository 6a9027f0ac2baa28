//! rehearse: a local, offline coach for spoken interview answers.
//!
//! Data flows one way: audio → 16 kHz samples → transcript (words with times) + speech regions →
//! analysis → report → store. `run` dispatches a parsed command line to the command modules.

pub mod analysis;
pub mod cli;
pub mod commands;
pub mod config;
pub mod history;
pub mod report;
pub mod transcribe;
pub mod transcript;

pub use commands::dispatch as run;
