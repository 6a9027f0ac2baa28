//! Test support for the recording path, without a sound card.
//!
//! alsa-lib's `file` PCM plugin stands in for a microphone: an ALSA config (pointed at by
//! `ALSA_CONFIG_PATH`) makes `default` a `file` PCM over a `null` slave that reads its capture
//! data from file descriptor 3. The test opens a named FIFO as fd 3 of the rehearse process and a
//! feeder thread writes raw interleaved f32 stereo 48 kHz into it at real-time pace, so cpal
//! records exactly what the test fed, on the wall clock, as from a real device.
//!
//! Plain module files, used from the single integration test binary with `mod capture_support;`.
#![allow(dead_code)]

pub mod alsa;
pub mod audio;
pub mod feeder;
pub mod take;
pub mod tmux;

use std::sync::{Mutex, MutexGuard};

/// Real-time tests share two cores with everything else: run them one at a time so their
/// timing checks measure rehearse, not each other.
pub fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The speech fixture (16 kHz mono 16-bit, espeak-ng; see tests/fixtures/README.md).
pub fn speech_fixture() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speech16k.wav")
}
