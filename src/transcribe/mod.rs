//! Speech to text with whisper.cpp (through whisper-rs): model discovery and loading, the
//! transcription engine, and the converter that makes the default model from CTranslate2 weights.

pub mod convert;
