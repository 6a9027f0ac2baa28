//! Audio in and out: capturing from the microphone (cpal) and writing takes safely while they
//! are recorded, reading any WAV a user has (including cut-off ones), mixing to mono and
//! resampling to the 16 kHz the recogniser needs, and finding where the speaker was talking.

pub mod capture;
pub mod pcm;
pub mod recorder;
pub mod resample;
pub mod riff;
pub mod speech;
pub mod wav;

/// The sample rate everything downstream of audio works at (Whisper's).
pub const ANALYSIS_RATE: u32 = 16_000;
