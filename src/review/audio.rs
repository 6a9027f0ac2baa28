//! The take's recording as it goes into the page: decoded from `take.wav`, encoded as lossless
//! FLAC (speech compresses to about half of 16-bit PCM, and every current browser plays it), and
//! carried as a base64 `data:` URL by the page's one `<audio>` element. The speech regions for
//! the page's timeline are measured from the same samples, as the analysis measured them.

use anyhow::{anyhow, Result};
use base64::Engine as _;
use flacenc::bitsink::ByteSink;
use flacenc::component::BitRepr;
use flacenc::error::Verify;

use crate::audio::speech::{detect_speech, DetectorSettings};
use crate::audio::wav::DecodedAudio;
use crate::audio::ANALYSIS_RATE;
use crate::units::Span;

/// The recording, ready to embed.
#[derive(Debug, Clone)]
pub struct Recording {
    /// `data:audio/flac;base64,…`
    pub data_url: String,
    /// Bytes of FLAC inside the URL (for the benchmark and the page's footer).
    pub flac_bytes: usize,
    /// Where the speaker was talking, from the signal.
    pub speech: Vec<Span>,
}

/// Encodes a decoded take for the page.
pub fn prepare(audio: &DecodedAudio) -> Result<Recording> {
    let flac = encode_flac(&to_pcm16(&audio.samples), ANALYSIS_RATE)?;
    let speech = detect_speech(&audio.samples, &DetectorSettings::default()).regions;
    Ok(Recording {
        data_url: data_url("audio/flac", &flac),
        flac_bytes: flac.len(),
        speech,
    })
}

/// Back to 16-bit integers. The WAV reader scales 16-bit samples by 1/32768, so this is exact
/// for the store's own takes (16 kHz, 16-bit), and rounds anything finer to 16 bits.
fn to_pcm16(samples: &[f32]) -> Vec<i32> {
    samples
        .iter()
        .map(|&s| (s * 32768.0).round().clamp(-32768.0, 32767.0) as i32)
        .collect()
}

/// 16-bit mono PCM samples as a FLAC stream.
pub fn encode_flac(samples: &[i32], sample_rate: u32) -> Result<Vec<u8>> {
    let config = flacenc::config::Encoder::default()
        .into_verified()
        .map_err(|(_, e)| anyhow!("FLAC encoder settings: {e:?}"))?;
    let source = flacenc::source::MemSource::from_samples(samples, 1, 16, sample_rate as usize);
    let stream = flacenc::encode_with_fixed_block_size(&config, source, config.block_size)
        .map_err(|e| anyhow!("cannot encode the recording as FLAC: {e}"))?;
    let mut sink = ByteSink::new();
    stream
        .write(&mut sink)
        .map_err(|e| anyhow!("cannot write the FLAC stream: {e}"))?;
    Ok(sink.as_slice().to_vec())
}

/// A `data:` URL holding `bytes` in base64.
pub fn data_url(mime: &str, bytes: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut url = String::with_capacity(bytes.len() * 4 / 3 + mime.len() + 16);
    url.push_str("data:");
    url.push_str(mime);
    url.push_str(";base64,");
    b64.encode_string(bytes, &mut url);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A decoded FLAC stream's header fields: sample rate, channels, bits, total samples.
    fn streaminfo(flac: &[u8]) -> (u32, u8, u8, u64) {
        assert_eq!(&flac[..4], b"fLaC");
        // Metadata block header (4 bytes), then STREAMINFO: min/max block (4), min/max frame
        // (6), then 20 bits rate, 3 bits channels-1, 5 bits bits-1, 36 bits total samples.
        let si = &flac[8..];
        let bits = u64::from_be_bytes(si[10..18].try_into().unwrap());
        let rate = (bits >> 44) as u32;
        let channels = ((bits >> 41) & 0x7) as u8 + 1;
        let bps = ((bits >> 36) & 0x1f) as u8 + 1;
        let total = bits & 0xf_ffff_ffff;
        (rate, channels, bps, total)
    }

    #[test]
    fn flac_describes_the_take_and_is_smaller_than_pcm() {
        // A second of a quiet tone with a little noise, like speech over a room.
        let mut seed = 1u32;
        let samples: Vec<i32> = (0..16_000)
            .map(|i| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let noise = (seed >> 28) as i32 - 8;
                let tone =
                    ((i as f32 / 16_000.0 * 220.0 * std::f32::consts::TAU).sin() * 4000.0) as i32;
                tone + noise
            })
            .collect();
        let flac = encode_flac(&samples, 16_000).unwrap();
        assert_eq!(streaminfo(&flac), (16_000, 1, 16, 16_000));
        assert!(flac.len() < samples.len() * 2 / 2, "{} bytes", flac.len());
    }

    #[test]
    fn pcm_round_trips_the_readers_scaling() {
        let ints = [-32768, -1, 0, 1, 12345, 32767];
        let floats: Vec<f32> = ints.iter().map(|&i| i as f32 / 32768.0).collect();
        assert_eq!(to_pcm16(&floats), ints);
        assert_eq!(to_pcm16(&[1.5, -2.0]), [32767, -32768]);
    }

    #[test]
    fn data_urls_are_base64() {
        assert_eq!(
            data_url("audio/flac", b"fLaC"),
            "data:audio/flac;base64,ZkxhQw=="
        );
    }
}
