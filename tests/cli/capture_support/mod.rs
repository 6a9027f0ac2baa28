//! Test support for the recording path, without a sound card.
//!
//! alsa-lib's `file` PCM plugin stands in for a microphone: an ALSA config (pointed at by
//! `ALSA_CONFIG_PATH`) makes `default` a `file` PCM over a `null` slave that reads its capture
//! data from file descriptor 3. The test opens a named FIFO as fd 3 of the rehearse process and a
//! feeder thread writes raw interleaved f32 stereo 48 kHz into it at real-time pace, so cpal
//! records exactly what the test fed, on the wall clock, as from a real device.
//!
//! `take` runs the real `rehearse practice` that way in a `support::World` (its own data dir) and
//! collects what it left: exit status, output, the session folder, and the recorder's own
//! statistics (written by practice when `REHEARSE_TAKE_STATS` is set).
#![allow(dead_code)]

pub mod alsa;
pub mod audio;
pub mod feeder;
pub mod take;
pub mod tmux;

/// Real-time tests share two cores with everything else: each runs alone, with no other test
/// running the model beside it, so its timing checks measure rehearse, not the other tests.
pub fn serial() -> crate::support::CpuHold {
    crate::support::cpu_exclusive()
}

/// The first `sentences` sentences of `tests/fixtures/clean.wav` (16 kHz mono, cut 0.25 s after
/// the last one ends) and exactly what they say, from `clean.json`.
pub fn clean_clip(sentences: usize) -> (Vec<f32>, String) {
    let labels = crate::support::labels("clean.json");
    let said = labels["sentences"].as_array().expect("sentences");
    let n = sentences.clamp(1, said.len());
    let end_s = said[n - 1]["end"].as_f64().expect("sentence end") + 0.25;
    let text: Vec<&str> = said[..n]
        .iter()
        .map(|s| s["text"].as_str().expect("sentence text"))
        .collect();
    let (samples, rate) =
        audio::read_wav(&crate::support::fixture("clean.wav")).expect("clean.wav");
    assert_eq!(rate, 16_000);
    let end = ((end_s * 16_000.0) as usize).min(samples.len());
    (samples[..end].to_vec(), text.join(" "))
}
