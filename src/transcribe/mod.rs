//! Speech to text with whisper.cpp (through whisper-rs): model discovery and checks, planning
//! which audio the recogniser hears, the engine, and cleanup of its output. The model file itself
//! (its format, its check, the CTranslate2 importer) is the `whisper-ggml` crate's.

pub mod chunks;
pub mod cleanup;
pub mod engine;
pub mod model;

pub use engine::{AbortFlag, Engine, Progress};
