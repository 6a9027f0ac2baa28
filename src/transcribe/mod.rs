//! Speech to text with whisper.cpp (through whisper-rs): model discovery and checks, planning
//! which audio the recogniser hears, the engine, cleanup of its output, and the converter that
//! makes the default model from CTranslate2 weights.

pub mod chunks;
pub mod cleanup;
pub mod convert;
pub mod engine;
pub mod model;
pub mod segmenter;

pub use engine::{Engine, Progress};
