//! The WAV reader on any bytes, as a file (seekable) and as a pipe: it must return audio or an
//! error, and audio must be finite samples with a finite length.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rehearse::fuzzing::{decode_wav, decode_wav_stream, DecodedAudio};
use std::io::Cursor;
use std::path::Path;

fn check(audio: &DecodedAudio) {
    assert!(
        audio.samples.iter().all(|s| s.is_finite()),
        "non-finite samples"
    );
    assert!(audio.duration_s.is_finite() && audio.duration_s > 0.0);
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.wav");
    if let Ok(audio) = decode_wav(Cursor::new(data), data.len() as u64, path) {
        check(&audio);
    }
    match decode_wav_stream(Cursor::new(data), path) {
        Ok(audio) => check(&audio),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
