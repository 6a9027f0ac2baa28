//! The one integration-test binary (every extra one would re-link whisper.cpp). Tests run the
//! real `rehearse` binary with the real model on the project's fixture recordings, each in a
//! temporary world (data and config dirs of its own). `practice` records for real: cpal reads
//! from alsa-lib's `file` plugin, fed in real time by `capture_support` (no sound card needed,
//! but alsa-lib and tmux must be installed).

mod analyze;
mod capture_support;
mod history;
mod practice;
mod structure;
mod support;
mod support_history;
