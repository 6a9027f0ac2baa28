//! Audio helpers for the checks: reading WAVs (also past a stale header), resampling the source
//! to the feed format, and normalized cross-correlation.

use std::io::Read;
use std::path::Path;

use rubato::audioadapter_buffers::direct::SequentialSlice;
use rubato::{Fft, FixedSync, Resampler};

/// Reads a mono 16-bit WAV as f32 (full scale 32768) with its sample rate.
pub fn read_wav(path: &Path) -> Result<(Vec<f32>, u32), String> {
    let mut reader =
        hound::WavReader::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let spec = reader.spec();
    if spec.channels != 1 || spec.bits_per_sample != 16 {
        return Err(format!(
            "{}: expected mono 16-bit, got {spec:?}",
            path.display()
        ));
    }
    let samples: Result<Vec<f32>, _> = reader
        .samples::<i16>()
        .map(|s| s.map(|v| f32::from(v) / 32768.0))
        .collect();
    Ok((samples.map_err(|e| e.to_string())?, spec.sample_rate))
}

/// The sizes a WAV header declares, and what is really on disk.
#[derive(Debug, Clone, Copy)]
pub struct WavLayout {
    pub riff_size: u32,
    pub data_size: u32,
    pub data_offset: u64,
    pub file_len: u64,
}

impl WavLayout {
    /// Bytes of sample data on disk (may exceed `data_size` after a crash).
    pub fn bytes_on_disk(&self) -> u64 {
        self.file_len.saturating_sub(self.data_offset)
    }
}

/// Walks the RIFF chunks to the data chunk.
pub fn wav_layout(path: &Path) -> Result<WavLayout, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let le32 = |at: usize| -> Result<u32, String> {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| "truncated header".to_string())
    };
    if bytes.get(0..4) != Some(b"RIFF") || bytes.get(8..12) != Some(b"WAVE") {
        return Err("not a RIFF/WAVE file".into());
    }
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let size = le32(at + 4)?;
        if id == b"data" {
            return Ok(WavLayout {
                riff_size: le32(4)?,
                data_size: size,
                data_offset: (at + 8) as u64,
                file_len: bytes.len() as u64,
            });
        }
        at += 8 + size as usize + (size as usize & 1);
    }
    Err("no data chunk".into())
}

/// Every 16-bit sample after the header, whatever the header declares (crash recovery).
pub fn read_all_samples(path: &Path) -> Result<Vec<f32>, String> {
    let layout = wav_layout(path)?;
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes[layout.data_offset as usize..]
        .chunks_exact(2)
        .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0)
        .collect())
}

/// Resamples mono audio and duplicates it into interleaved stereo: the feed format.
pub fn to_stereo(mono: &[f32], from_rate: u32, to_rate: u32) -> Result<Vec<f32>, String> {
    let mut fft = Fft::<f32>::new(
        from_rate as usize,
        to_rate as usize,
        1024,
        1,
        FixedSync::Input,
    )
    .map_err(|e| e.to_string())?;
    let input = SequentialSlice::new(mono, 1, mono.len()).map_err(|e| e.to_string())?;
    let out = fft
        .process_all(&input, mono.len(), None)
        .map_err(|e| e.to_string())?;
    let out = out.take_data();
    Ok(out.iter().flat_map(|&s| [s, s]).collect())
}

/// Normalized cross-correlation of `b` against `a` at `lag` (b[i + lag] vs a[i]).
pub fn correlation_at(a: &[f32], b: &[f32], lag: isize) -> f64 {
    let (mut ab, mut aa, mut bb) = (0.0f64, 0.0f64, 0.0f64);
    for (i, &x) in a.iter().enumerate() {
        let j = i as isize + lag;
        if j < 0 || j as usize >= b.len() {
            continue;
        }
        let y = b[j as usize];
        ab += f64::from(x) * f64::from(y);
        aa += f64::from(x) * f64::from(x);
        bb += f64::from(y) * f64::from(y);
    }
    if aa == 0.0 || bb == 0.0 {
        0.0
    } else {
        ab / (aa * bb).sqrt()
    }
}

/// The best normalized cross-correlation for lags in `-max_lag..=max_lag`, found on
/// 4×-decimated signals first and then refined at full rate: (correlation, lag).
pub fn best_correlation(a: &[f32], b: &[f32], max_lag: usize) -> (f64, isize) {
    let dec =
        |x: &[f32]| -> Vec<f32> { x.chunks(4).map(|c| c.iter().sum::<f32>() / 4.0).collect() };
    let (da, db) = (dec(a), dec(b));
    let coarse_max = (max_lag / 4) as isize + 1;
    let coarse = (-coarse_max..=coarse_max)
        .map(|lag| (correlation_at(&da, &db, lag), lag))
        .fold((f64::MIN, 0), |best, c| if c.0 > best.0 { c } else { best });
    let centre = coarse.1 * 4;
    (centre - 8..=centre + 8)
        .map(|lag| (correlation_at(a, b, lag), lag))
        .fold((f64::MIN, 0), |best, c| if c.0 > best.0 { c } else { best })
}
