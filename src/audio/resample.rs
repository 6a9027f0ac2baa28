//! Channel mixing and sample-rate conversion to the 16 kHz mono signal the analysis runs on.
//! Resampling uses rubato's FFT resampler (band-limited, exact for fixed ratios) rather than
//! linear interpolation, which would alias consonant energy into the speech band.

use anyhow::{anyhow, Result};
use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Resampler};

/// Averages interleaved channels into one.
pub fn mix_to_mono(interleaved: &[f32], channels: usize) -> Vec<f32> {
    if channels <= 1 {
        return interleaved.to_vec();
    }
    let scale = 1.0 / channels as f32;
    interleaved
        .chunks_exact(channels)
        .map(|frame| frame.iter().sum::<f32>() * scale)
        .collect()
}

/// Resamples a mono signal from `from_hz` to `to_hz`, keeping its duration.
pub fn resample_mono(samples: &[f32], from_hz: u32, to_hz: u32) -> Result<Vec<f32>> {
    if from_hz == to_hz || samples.is_empty() {
        return Ok(samples.to_vec());
    }
    let mut resampler =
        Fft::<f32>::new(from_hz as usize, to_hz as usize, 1024, 1, FixedSync::Input)
            .map_err(|e| anyhow!("cannot resample {from_hz} Hz to {to_hz} Hz: {e}"))?;
    let input = InterleavedSlice::new(samples, 1, samples.len())
        .map_err(|e| anyhow!("resampler input: {e}"))?;
    let needed = resampler.process_all_needed_output_len(samples.len());
    let mut out = vec![0.0f32; needed];
    let produced = {
        let mut output = InterleavedSlice::new_mut(&mut out, 1, needed)
            .map_err(|e| anyhow!("resampler output: {e}"))?;
        let (_, produced) = resampler
            .process_all_into_buffer(&input, &mut output, samples.len(), None)
            .map_err(|e| anyhow!("resampling failed: {e}"))?;
        produced
    };
    out.truncate(produced);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(freq: f32, rate: u32, seconds: f32) -> Vec<f32> {
        (0..(rate as f32 * seconds) as usize)
            .map(|i| (2.0 * std::f32::consts::PI * freq * i as f32 / rate as f32).sin() * 0.5)
            .collect()
    }

    fn zero_crossings(x: &[f32]) -> usize {
        x.windows(2)
            .filter(|w| (w[0] < 0.0) != (w[1] < 0.0))
            .count()
    }

    #[test]
    fn mixes_channels_by_averaging() {
        assert_eq!(mix_to_mono(&[1.0, 0.0, 0.5, 0.5], 2), vec![0.5, 0.5]);
        assert_eq!(mix_to_mono(&[0.25, 0.5], 1), vec![0.25, 0.5]);
    }

    #[test]
    fn resampling_keeps_duration_and_pitch() {
        for rate in [8_000, 22_050, 44_100, 48_000, 96_000] {
            let input = sine(440.0, rate, 2.0);
            let out = resample_mono(&input, rate, 16_000).unwrap();
            let expected = 32_000.0;
            assert!(
                (out.len() as f64 - expected).abs() <= 2.0,
                "{rate}: {} samples",
                out.len()
            );
            // 440 Hz over 2 s crosses zero about 1760 times at any rate.
            let zc = zero_crossings(&out[100..out.len() - 100]) as f64;
            assert!(
                (zc - 1760.0 * (31_800.0 / 32_000.0)).abs() < 15.0,
                "{rate}: {zc} crossings"
            );
        }
    }

    #[test]
    fn resampling_filters_content_above_the_new_nyquist() {
        // A 10 kHz tone cannot exist at 16 kHz; a naive resampler would alias it to 6 kHz.
        let out = resample_mono(&sine(10_000.0, 48_000, 1.0), 48_000, 16_000).unwrap();
        let rms = (out[200..out.len() - 200].iter().map(|x| x * x).sum::<f32>() / out.len() as f32)
            .sqrt();
        assert!(rms < 0.01, "aliased energy {rms}");
    }
}
