//! Reading recordings: any PCM WAV a user has (8/16/24/32-bit integer or 32-bit float, any
//! channel count, 8–96 kHz) decoded with hound, mixed to mono and resampled to 16 kHz.
//!
//! A recording cut off by a crash is worth keeping: its header promises more data than the file
//! holds, or (hound writes sizes only when it flushes) declares sizes of 0. Such a file is read as
//! far as it goes after patching the sizes in memory, and reported as recovered. `repair_in_place`
//! writes the patched header back for `rehearse recover`.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::resample::{downmix_into, MonoResampler, ResampleError};
use super::ANALYSIS_RATE;

#[derive(Debug, Error)]
pub enum WavError {
    #[error("{0}: no such file")]
    NotFound(PathBuf),
    #[error("{0}: is a directory, not a recording")]
    IsDirectory(PathBuf),
    #[error("{0}: cannot read: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: the file is empty (0 bytes); record again or pick another file")]
    Empty(PathBuf),
    #[error("{0}: not a WAV file (no RIFF/WAVE header); convert the recording to WAV first, e.g. `ffmpeg -i recording.m4a answer.wav`")]
    NotWav(PathBuf),
    #[error(
        "{0}: damaged WAV header ({1}); if it came from a crashed recording, the audio may be lost"
    )]
    BadHeader(PathBuf, String),
    #[error("{0}: unsupported WAV format ({1}); use 8/16/24/32-bit PCM or 32-bit float")]
    Unsupported(PathBuf, String),
    #[error("{0}: the recording holds no audio samples")]
    NoSamples(PathBuf),
    #[error("{0}: sample rate {1} Hz is outside 8,000–96,000 Hz; resample it first, e.g. `sox {0} -r 16000 OUT.wav`")]
    Rate(PathBuf, u32),
}

/// What the file was, before conversion.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFormat {
    pub sample_rate: u32,
    pub channels: u16,
    pub bits_per_sample: u16,
    pub float: bool,
}

/// A recording decoded to 16 kHz mono f32 in [-1, 1].
#[derive(Debug, Clone)]
pub struct DecodedAudio {
    pub samples: Vec<f32>,
    pub source: SourceFormat,
    /// Length of the recording in seconds.
    pub duration_s: f64,
    /// Set when the file was cut off and read as far as it goes.
    pub cut_off: Option<CutOff>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CutOff {
    /// Bytes of sample data the header declared.
    pub declared_bytes: u64,
    /// Bytes of sample data actually in the file.
    pub found_bytes: u64,
}

impl CutOff {
    pub fn describe(&self, path: &Path) -> String {
        if self.declared_bytes > 0 && self.declared_bytes < self.found_bytes {
            format!(
                "{}: the WAV header was not updated at the end (an interrupted recording): it \
                 covers {} bytes of audio, the file holds {}; read all of it — `rehearse recover \
                 {}` repairs the file",
                path.display(),
                self.declared_bytes,
                self.found_bytes,
                path.display()
            )
        } else if self.declared_bytes == 0 {
            format!(
                "{}: the WAV header was never finished (an interrupted recording); read all {} \
                 bytes of audio that are there — `rehearse recover {}` repairs the file",
                path.display(),
                self.found_bytes,
                path.display()
            )
        } else {
            format!(
                "{}: the recording is cut off (header promises {} bytes of audio, file holds {}); \
                 analysed what is there",
                path.display(),
                self.declared_bytes,
                self.found_bytes
            )
        }
    }
}

/// Reads, decodes, mixes and resamples a WAV file to 16 kHz mono.
pub fn read_wav(path: &Path) -> Result<DecodedAudio, WavError> {
    let mut bytes = read_bytes(path)?;
    let cut_off = patch_sizes(&mut bytes).map_err(|e| header_error(path, e))?;
    let reader =
        hound::WavReader::new(Cursor::new(&bytes[..])).map_err(|e| hound_error(path, e))?;
    let spec = reader.spec();
    let source = SourceFormat {
        sample_rate: spec.sample_rate,
        channels: spec.channels,
        bits_per_sample: spec.bits_per_sample,
        float: spec.sample_format == hound::SampleFormat::Float,
    };
    if !(8_000..=96_000).contains(&spec.sample_rate) {
        return Err(WavError::Rate(path.to_path_buf(), spec.sample_rate));
    }
    if spec.channels == 0 {
        return Err(WavError::Unsupported(
            path.to_path_buf(),
            "0 channels".into(),
        ));
    }
    let interleaved = decode_samples(path, reader)?;
    let frames = interleaved.len() / spec.channels as usize;
    if frames == 0 {
        return Err(WavError::NoSamples(path.to_path_buf()));
    }
    let channels = spec.channels as usize;
    let samples = to_analysis_rate(
        &interleaved[..frames * channels],
        channels,
        spec.sample_rate,
    )
    .map_err(|e| WavError::Unsupported(path.to_path_buf(), e.to_string()))?;
    drop(interleaved);
    Ok(DecodedAudio {
        samples,
        duration_s: frames as f64 / spec.sample_rate as f64,
        source,
        cut_off,
    })
}

/// Mixes interleaved samples to mono and resamples them to 16 kHz, a block at a time.
fn to_analysis_rate(
    interleaved: &[f32],
    channels: usize,
    rate: u32,
) -> Result<Vec<f32>, ResampleError> {
    let mut resampler = MonoResampler::new(rate)?;
    let mut samples = Vec::new();
    let mut mono = Vec::new();
    for block in interleaved.chunks(channels * 65_536) {
        downmix_into(block, channels, &mut mono);
        resampler.push(&mono, |s| -> Result<(), ResampleError> {
            samples.extend_from_slice(s);
            Ok(())
        })?;
    }
    resampler.finish(|s| -> Result<(), ResampleError> {
        samples.extend_from_slice(s);
        Ok(())
    })?;
    Ok(samples)
}

/// Rewrites a cut-off WAV's header so it covers every sample in the file. Returns what was wrong,
/// or `None` when the file was already sound. The file is replaced atomically.
pub fn repair_in_place(path: &Path) -> Result<Option<CutOff>, WavError> {
    let mut bytes = read_bytes(path)?;
    let cut_off = patch_sizes(&mut bytes).map_err(|e| header_error(path, e))?;
    if cut_off.is_none() {
        return Ok(None);
    }
    // Decode once before replacing anything: a file hound cannot read is left untouched.
    let reader =
        hound::WavReader::new(Cursor::new(&bytes[..])).map_err(|e| hound_error(path, e))?;
    if reader.len() == 0 {
        return Err(WavError::NoSamples(path.to_path_buf()));
    }
    crate::fsutil::write_atomic(path, &bytes, crate::fsutil::mode_of(path).unwrap_or(0o600))
        .map_err(|e| WavError::Io(path.to_path_buf(), e))?;
    Ok(cut_off)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, WavError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => WavError::NotFound(path.to_path_buf()),
        _ => WavError::Io(path.to_path_buf(), e),
    })?;
    if meta.is_dir() {
        return Err(WavError::IsDirectory(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Err(WavError::Empty(path.to_path_buf()));
    }
    let bytes = fs::read(path).map_err(|e| WavError::Io(path.to_path_buf(), e))?;
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Err(WavError::NotWav(path.to_path_buf()));
    }
    Ok(bytes)
}

/// Finds the data chunk and, if its declared size disagrees with the bytes present (a cut-off
/// file), patches the RIFF and data sizes in place. Chunks before `data` must be whole.
fn patch_sizes(bytes: &mut [u8]) -> Result<Option<CutOff>, String> {
    let mut pos = 12usize;
    let mut block_align: u64 = 0;
    loop {
        if pos + 8 > bytes.len() {
            return Err("no data chunk".into());
        }
        let id = &bytes[pos..pos + 4];
        let size = u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().unwrap()) as u64;
        let body = pos + 8;
        if id == b"fmt " && body + 14 <= bytes.len() {
            block_align = u16::from_le_bytes([bytes[body + 12], bytes[body + 13]]) as u64;
        }
        if id == b"data" {
            let found = (bytes.len() - body) as u64;
            let usable = if block_align > 0 {
                found - found % block_align
            } else {
                found
            };
            // A data chunk may legitimately be followed by other chunks (LIST…). Anything
            // else after the declared data is audio the header does not cover yet: a recorder
            // that updates the sizes once a second and was killed in between leaves up to a
            // second of samples past a stale size. So: a size past the end of the file, the
            // unfinished size 0, or a size followed by bytes that are not chunks means "cut off".
            if size != 0 && size <= found && only_chunks_after(bytes, body as u64 + size) {
                return Ok(None);
            }
            if size == 0 && usable == 0 {
                return Ok(None); // genuinely empty: reported as "no samples" by the caller
            }
            let new_size = usable.min(u32::MAX as u64 - 64) as u32;
            bytes[pos + 4..pos + 8].copy_from_slice(&new_size.to_le_bytes());
            let riff = (body as u64 + new_size as u64 - 8).min(u32::MAX as u64) as u32;
            bytes[4..8].copy_from_slice(&riff.to_le_bytes());
            return Ok(Some(CutOff {
                declared_bytes: size,
                found_bytes: usable,
            }));
        }
        let next = body as u64 + size + (size & 1);
        if next > bytes.len() as u64 {
            return Err(format!(
                "chunk '{}' runs past the end of the file",
                String::from_utf8_lossy(id)
            ));
        }
        pos = next as usize;
    }
}

/// True when the bytes from `pos` to the end of the file are whole RIFF chunks (ids of four
/// printable ASCII characters, sizes that chain exactly to the end), or nothing but the pad byte
/// of an odd-sized data chunk. Samples left behind by a stale header almost never pass: their
/// first four bytes would have to be printable and their "size" land exactly on the file's end.
fn only_chunks_after(bytes: &[u8], data_end: u64) -> bool {
    let len = bytes.len() as u64;
    let mut pos = data_end;
    if pos & 1 == 1 && pos < len && bytes[pos as usize] == 0 {
        pos += 1;
    }
    while pos < len {
        if pos + 8 > len {
            return false;
        }
        let at = pos as usize;
        let id = &bytes[at..at + 4];
        if !id.iter().all(|b| (b' '..=b'~').contains(b)) {
            return false;
        }
        let size = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()) as u64;
        pos += 8 + size + (size & 1);
        // A last chunk's pad byte may be missing.
        if pos == len + 1 && size & 1 == 1 {
            return true;
        }
    }
    pos == len
}

fn decode_samples(
    path: &Path,
    reader: hound::WavReader<Cursor<&[u8]>>,
) -> Result<Vec<f32>, WavError> {
    let spec = reader.spec();
    let unsupported = || {
        WavError::Unsupported(
            path.to_path_buf(),
            format!(
                "{}-bit {}",
                spec.bits_per_sample,
                if spec.sample_format == hound::SampleFormat::Float {
                    "float"
                } else {
                    "integer"
                }
            ),
        )
    };
    let read_err = |e: hound::Error| WavError::BadHeader(path.to_path_buf(), e.to_string());
    match (spec.sample_format, spec.bits_per_sample) {
        (hound::SampleFormat::Float, 32) => reader
            .into_samples::<f32>()
            .map(|s| {
                s.map(|x| {
                    if x.is_finite() {
                        x.clamp(-1.0, 1.0)
                    } else {
                        0.0
                    }
                })
            })
            .collect::<Result<_, _>>()
            .map_err(read_err),
        (hound::SampleFormat::Int, bits @ (8 | 16 | 24 | 32)) => {
            let scale = 1.0 / (1u64 << (bits - 1)) as f32;
            reader
                .into_samples::<i32>()
                .map(|s| s.map(|x| x as f32 * scale))
                .collect::<Result<_, _>>()
                .map_err(read_err)
        }
        _ => Err(unsupported()),
    }
}

fn header_error(path: &Path, msg: String) -> WavError {
    WavError::BadHeader(path.to_path_buf(), msg)
}

fn hound_error(path: &Path, e: hound::Error) -> WavError {
    match e {
        hound::Error::Unsupported => {
            WavError::Unsupported(path.to_path_buf(), "compressed or unusual encoding".into())
        }
        hound::Error::FormatError(m) => WavError::BadHeader(path.to_path_buf(), m.to_string()),
        hound::Error::IoError(io) => WavError::BadHeader(path.to_path_buf(), io.to_string()),
        other => WavError::BadHeader(path.to_path_buf(), other.to_string()),
    }
}

/// Writes 16 kHz mono samples as a 16-bit PCM WAV (how sessions store takes).
pub fn write_take(path: &Path, samples: &[f32]) -> std::io::Result<()> {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: ANALYSIS_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut buf = Cursor::new(Vec::with_capacity(samples.len() * 2 + 44));
    {
        let mut w = hound::WavWriter::new(&mut buf, spec).map_err(std::io::Error::other)?;
        for &s in samples {
            w.write_sample((s.clamp(-1.0, 1.0) * 32767.0).round() as i16)
                .map_err(std::io::Error::other)?;
        }
        w.finalize().map_err(std::io::Error::other)?;
    }
    crate::fsutil::write_atomic(path, buf.get_ref(), 0o600)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wav_bytes(spec: hound::WavSpec, n: usize) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = hound::WavWriter::new(&mut buf, spec).unwrap();
            for i in 0..n * spec.channels as usize {
                let v = ((i as f32 * 0.01).sin() * 0.5) as f64;
                match (spec.sample_format, spec.bits_per_sample) {
                    (hound::SampleFormat::Float, _) => w.write_sample(v as f32).unwrap(),
                    (_, 8) => w.write_sample((v * 127.0) as i8).unwrap(),
                    (_, 16) => w.write_sample((v * 32767.0) as i16).unwrap(),
                    (_, bits) => w
                        .write_sample((v * ((1i64 << (bits - 1)) - 1) as f64) as i32)
                        .unwrap(),
                }
            }
            w.finalize().unwrap();
        }
        buf.into_inner()
    }

    fn spec(channels: u16, rate: u32, bits: u16, float: bool) -> hound::WavSpec {
        hound::WavSpec {
            channels,
            sample_rate: rate,
            bits_per_sample: bits,
            sample_format: if float {
                hound::SampleFormat::Float
            } else {
                hound::SampleFormat::Int
            },
        }
    }

    #[test]
    fn sound_file_needs_no_patch() {
        let mut b = wav_bytes(spec(1, 16_000, 16, false), 1000);
        assert_eq!(patch_sizes(&mut b).unwrap(), None);
    }

    #[test]
    fn truncated_file_is_patched_to_what_is_there() {
        let mut b = wav_bytes(spec(2, 48_000, 24, false), 1000);
        b.truncate(b.len() - 601); // not a whole frame: rounded down to block align (6)
        let cut = patch_sizes(&mut b).unwrap().unwrap();
        assert_eq!(cut.declared_bytes, 6000);
        assert_eq!(cut.found_bytes, (6000 - 601) / 6 * 6);
        let r = hound::WavReader::new(Cursor::new(&b[..])).unwrap();
        assert_eq!(r.len() as u64, cut.found_bytes / 3);
    }

    #[test]
    fn unfinished_header_with_zero_sizes_is_recovered() {
        let mut b = wav_bytes(spec(1, 16_000, 16, false), 500);
        b[4..8].copy_from_slice(&0u32.to_le_bytes());
        b[40..44].copy_from_slice(&0u32.to_le_bytes());
        let cut = patch_sizes(&mut b).unwrap().unwrap();
        assert_eq!((cut.declared_bytes, cut.found_bytes), (0, 1000));
    }

    #[test]
    fn stale_sizes_from_an_earlier_flush_are_extended_to_every_sample() {
        // hound updates the sizes when it flushes; a process killed a moment later leaves
        // samples after the declared data.
        let mut b = wav_bytes(spec(1, 16_000, 16, false), 1500);
        let declared = 2 * 1000u32;
        b[40..44].copy_from_slice(&declared.to_le_bytes());
        b[4..8].copy_from_slice(&(36 + declared).to_le_bytes());
        let cut = patch_sizes(&mut b).unwrap().unwrap();
        assert_eq!((cut.declared_bytes, cut.found_bytes), (2000, 3000));
        let r = hound::WavReader::new(Cursor::new(&b[..])).unwrap();
        assert_eq!(r.len(), 1500);
        let message = cut.describe(Path::new("take.wav"));
        assert!(message.contains("rehearse recover take.wav"), "{message}");
    }

    #[test]
    fn chunks_after_the_data_are_not_mistaken_for_samples() {
        let mut b = wav_bytes(spec(1, 16_000, 16, false), 1001);
        let riff_before = b[4..8].to_vec();
        // An odd-length LIST chunk (with its pad byte), then one without its last pad byte.
        b.extend_from_slice(b"LIST\x05\x00\x00\x00INFOa\x00");
        b.extend_from_slice(b"id3 \x03\x00\x00\x00abc");
        assert_eq!(patch_sizes(&mut b).unwrap(), None);
        assert_eq!(b[4..8], riff_before[..], "nothing patched");
        // An odd data size is followed by its pad byte only.
        let mut b = wav_bytes(spec(1, 16_000, 8, false), 1001);
        b.push(0);
        assert_eq!(patch_sizes(&mut b).unwrap(), None);
    }

    #[test]
    fn every_pcm_format_decodes_to_the_same_signal() {
        let dir = tempfile::tempdir().unwrap();
        for (bits, float) in [
            (8, false),
            (16, false),
            (24, false),
            (32, false),
            (32, true),
        ] {
            let path = dir.path().join(format!("{bits}{float}.wav"));
            fs::write(&path, wav_bytes(spec(2, 16_000, bits, float), 1600)).unwrap();
            let a = read_wav(&path).unwrap();
            assert_eq!(a.samples.len(), 1600, "{bits} {float}");
            assert!(
                (a.samples[100] - (200.0f32 * 0.01).sin() * 0.5).abs() < 0.02,
                "{bits} {float}"
            );
            assert!((a.duration_s - 0.1).abs() < 1e-9);
        }
    }

    #[test]
    fn rejects_non_wav_and_empty_files_naming_them() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.wav");
        fs::write(&text, "hello, this is text").unwrap();
        let e = read_wav(&text).unwrap_err().to_string();
        assert!(e.contains("notes.wav") && e.contains("not a WAV"), "{e}");
        let empty = dir.path().join("empty.wav");
        fs::write(&empty, "").unwrap();
        assert!(matches!(read_wav(&empty), Err(WavError::Empty(_))));
        let header_only = dir.path().join("zero.wav");
        fs::write(&header_only, wav_bytes(spec(1, 16_000, 16, false), 0)).unwrap();
        assert!(matches!(
            read_wav(&header_only),
            Err(WavError::NoSamples(_))
        ));
        assert!(matches!(
            read_wav(&dir.path().join("missing.wav")),
            Err(WavError::NotFound(_))
        ));
    }
}
