//! The one place audio is mixed to mono and resampled to the 16 kHz the analysis runs on, used by
//! both the live recorder (callback-sized blocks) and the WAV reader (blocks read from disk).
//! Resampling uses rubato's FFT resampler (band-limited, exact for fixed ratios) rather than
//! linear interpolation, which would alias consonant energy into the speech band.

use rubato::audioadapter_buffers::direct::SequentialSlice;
use rubato::{Fft, FixedSync, Indexing, Resampler};

use super::ANALYSIS_RATE;

#[derive(Debug, thiserror::Error)]
#[error("cannot resample {rate} Hz input to 16 kHz: {reason}")]
pub struct ResampleError {
    pub rate: u32,
    pub reason: String,
}

/// Averages interleaved channels into `mono` (cleared first).
pub fn downmix_into(interleaved: &[f32], channels: usize, mono: &mut Vec<f32>) {
    mono.clear();
    if channels <= 1 {
        mono.extend_from_slice(interleaved);
        return;
    }
    let scale = 1.0 / channels as f32;
    mono.extend(
        interleaved
            .chunks_exact(channels)
            .map(|frame| frame.iter().sum::<f32>() * scale),
    );
}

/// Streaming mono resampler to 16 kHz: rubato's synchronous FFT resampler with its start-up
/// delay trimmed, so output sample n lines up with input time n / 16000; a pass-through when
/// the source is already at 16 kHz.
pub struct MonoResampler {
    inner: Option<FftState>,
    rate: u32,
}

struct FftState {
    fft: Fft<f32>,
    pending: Vec<f32>,
    out: Vec<f32>,
    to_trim: usize,
    frames_in: u64,
    frames_out: u64,
}

/// Input frames per resampler call: small enough for low latency, large enough to be cheap.
const RESAMPLE_CHUNK: usize = 1024;

impl MonoResampler {
    pub fn new(source_rate: u32) -> Result<Self, ResampleError> {
        if source_rate == 0 {
            return Err(ResampleError {
                rate: 0,
                reason: "the source reports 0 Hz".into(),
            });
        }
        if source_rate == ANALYSIS_RATE {
            return Ok(MonoResampler {
                inner: None,
                rate: source_rate,
            });
        }
        let fft = Fft::<f32>::new(
            source_rate as usize,
            ANALYSIS_RATE as usize,
            RESAMPLE_CHUNK,
            1,
            FixedSync::Input,
        )
        .map_err(|e| ResampleError {
            rate: source_rate,
            reason: e.to_string(),
        })?;
        let to_trim = fft.output_delay();
        let out = vec![0.0; fft.output_frames_max()];
        let pending = Vec::with_capacity(fft.input_frames_max() * 2);
        Ok(MonoResampler {
            inner: Some(FftState {
                fft,
                pending,
                out,
                to_trim,
                frames_in: 0,
                frames_out: 0,
            }),
            rate: source_rate,
        })
    }

    /// Feeds mono samples; `emit` receives every finished run of 16 kHz samples.
    pub fn push<E>(
        &mut self,
        mono: &[f32],
        mut emit: impl FnMut(&[f32]) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<ResampleError>,
    {
        let rate = self.rate;
        let Some(st) = self.inner.as_mut() else {
            return emit(mono);
        };
        st.pending.extend_from_slice(mono);
        st.frames_in += mono.len() as u64;
        // Taken out for the loop so `process` can borrow the state mutably; put back after.
        let mut pending = std::mem::take(&mut st.pending);
        let mut pos = 0;
        let mut result = Ok(());
        while pending.len() - pos >= st.fft.input_frames_next() {
            let n = st.fft.input_frames_next();
            match st.process(&pending[pos..pos + n], None, rate) {
                Ok(produced) => {
                    pos += n;
                    if let Err(e) = st.emit(produced, &mut emit) {
                        result = Err(e);
                        break;
                    }
                }
                Err(e) => {
                    result = Err(e.into());
                    break;
                }
            }
        }
        pending.drain(..pos);
        st.pending = pending;
        result
    }

    /// Flushes what is still inside the resampler, so the output is exactly
    /// ceil(input × 16000 / rate) samples long.
    pub fn finish<E>(&mut self, mut emit: impl FnMut(&[f32]) -> Result<(), E>) -> Result<(), E>
    where
        E: From<ResampleError>,
    {
        let rate = self.rate;
        let Some(st) = self.inner.as_mut() else {
            return Ok(());
        };
        let expected = (st.frames_in * u64::from(ANALYSIS_RATE)).div_ceil(u64::from(rate));
        let rest = std::mem::take(&mut st.pending);
        let mut partial = Some(rest.len());
        // The tail: first the leftover input, then silence until the delayed output is out.
        while st.frames_out < expected {
            let produced = st.process(&rest, partial, rate)?;
            partial = Some(0);
            let room = (expected - st.frames_out) as usize;
            let produced = produced.min(room + st.to_trim);
            st.emit(produced, &mut emit)?;
        }
        Ok(())
    }
}

impl FftState {
    /// One resampler call; returns how many output frames landed in `self.out`.
    fn process(
        &mut self,
        input: &[f32],
        partial: Option<usize>,
        rate: u32,
    ) -> Result<usize, ResampleError> {
        let err = |reason: String| ResampleError { rate, reason };
        let frames_needed = self.fft.input_frames_next();
        // With a partial chunk rubato reads only `partial` frames but still wants a buffer of
        // full size to describe; pad with silence.
        let padded;
        let input = if input.len() < frames_needed {
            padded = {
                let mut v = input.to_vec();
                v.resize(frames_needed, 0.0);
                v
            };
            &padded[..]
        } else {
            input
        };
        let buf_in = SequentialSlice::new(input, 1, input.len()).map_err(|e| err(e.to_string()))?;
        let out_len = self.out.len();
        let mut buf_out = SequentialSlice::new_mut(&mut self.out[..], 1, out_len)
            .map_err(|e| err(e.to_string()))?;
        let indexing = partial.map(|p| Indexing::new().partial_len(p));
        let (_, produced) = self
            .fft
            .process_into_buffer(&buf_in, &mut buf_out, indexing.as_ref())
            .map_err(|e| err(e.to_string()))?;
        Ok(produced)
    }

    /// Hands on the new output, after dropping the resampler's start-up delay.
    fn emit<E>(
        &mut self,
        produced: usize,
        emit: &mut impl FnMut(&[f32]) -> Result<(), E>,
    ) -> Result<(), E> {
        let skip = self.to_trim.min(produced);
        self.to_trim -= skip;
        let fresh = &self.out[skip..produced];
        self.frames_out += fresh.len() as u64;
        if fresh.is_empty() {
            return Ok(());
        }
        emit(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resample_all(rate: u32, input: &[f32], chunk: usize) -> Vec<f32> {
        let mut r = MonoResampler::new(rate).expect("resampler");
        let mut out = Vec::new();
        for piece in input.chunks(chunk) {
            r.push(piece, |s| -> Result<(), ResampleError> {
                out.extend_from_slice(s);
                Ok(())
            })
            .expect("push");
        }
        r.finish(|s| -> Result<(), ResampleError> {
            out.extend_from_slice(s);
            Ok(())
        })
        .expect("finish");
        out
    }

    fn sine(rate: u32, freq: f32, secs: f32) -> Vec<f32> {
        let n = (rate as f32 * secs) as usize;
        (0..n)
            .map(|i| 0.5 * (2.0 * std::f32::consts::PI * freq * i as f32 / rate as f32).sin())
            .collect()
    }

    fn zero_crossings(x: &[f32]) -> usize {
        x.windows(2)
            .filter(|w| (w[0] < 0.0) != (w[1] < 0.0))
            .count()
    }

    #[test]
    fn resampling_keeps_length_and_timing_for_common_rates() {
        for rate in [8_000u32, 22_050, 44_100, 48_000, 96_000] {
            let input = sine(rate, 100.0, 1.3);
            let out = resample_all(rate, &input, 480);
            let expected = (input.len() as u64 * 16_000).div_ceil(u64::from(rate)) as usize;
            assert_eq!(out.len(), expected, "{rate} Hz");
            // The start-up delay is trimmed: the output is the same sine sampled at 16 kHz. What
            // is left is under one output sample (rubato rounds its delay to whole frames), which
            // at 100 Hz and amplitude 0.5 is an error of at most 0.02.
            let reference = sine(16_000, 100.0, 1.3);
            let err: f32 = (4000..16000)
                .map(|i| (out[i] - reference[i]).abs())
                .fold(0.0, f32::max);
            assert!(err < 0.02, "{rate} Hz: max error {err}");
        }
    }

    #[test]
    fn resampling_keeps_pitch_whatever_the_block_size() {
        for (rate, block) in [(44_100u32, 1), (48_000, 4096), (96_000, 65_536)] {
            let out = resample_all(rate, &sine(rate, 440.0, 2.0), block);
            assert_eq!(out.len(), 32_000, "{rate} Hz");
            // 440 Hz over 2 s crosses zero about 1760 times at any rate.
            let zc = zero_crossings(&out[100..out.len() - 100]) as f64;
            assert!(
                (zc - 1760.0 * (31_800.0 / 32_000.0)).abs() < 15.0,
                "{rate} Hz: {zc} crossings"
            );
        }
    }

    #[test]
    fn resampling_filters_content_above_the_new_nyquist() {
        // A 10 kHz tone cannot exist at 16 kHz; a naive resampler would alias it to 6 kHz.
        let out = resample_all(48_000, &sine(48_000, 10_000.0, 1.0), 1024);
        let rms = (out[200..out.len() - 200].iter().map(|x| x * x).sum::<f32>() / out.len() as f32)
            .sqrt();
        assert!(rms < 0.01, "aliased energy {rms}");
    }

    #[test]
    fn passthrough_at_16k() {
        let input = sine(16_000, 300.0, 0.5);
        assert_eq!(resample_all(16_000, &input, 333), input);
    }

    #[test]
    fn zero_hz_is_refused() {
        assert!(MonoResampler::new(0).is_err());
    }

    #[test]
    fn downmix_averages_channels() {
        let mut mono = Vec::new();
        downmix_into(&[1.0, 0.0, 0.5, 0.5, -1.0, 1.0], 2, &mut mono);
        assert_eq!(mono, vec![0.5, 0.5, 0.0]);
        downmix_into(&[0.1, 0.2, 0.3], 3, &mut mono);
        assert!((mono[0] - 0.2).abs() < 1e-6);
        downmix_into(&[0.25, 0.5], 1, &mut mono);
        assert_eq!(mono, vec![0.25, 0.5]);
    }
}
