//! whisper.cpp's model file, apart from the application that uses it (and without whisper.cpp
//! itself): [`ggml`] knows the file's layout, checks a file against what its header promises and
//! writes one; [`ct2`] makes one from the CTranslate2 Whisper weights faster-whisper uses.

// Every dependency must be used by the library itself: one only the tests use belongs in
// [dev-dependencies] (cargo-machete in scripts/lint.sh cannot tell the two apart).
#![cfg_attr(not(test), warn(unused_crate_dependencies))]

pub mod ct2;
pub mod ggml;

pub use ggml::check::{check_file, CheckError, ModelFile};
pub use ggml::{Hparams, ModelSize, TensorType};
