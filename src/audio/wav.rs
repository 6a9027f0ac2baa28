//! Reading recordings: any PCM WAV a user has (8/16/24/32-bit integer or 32/64-bit float, any
//! channel count, 8–96 kHz, from a file or a pipe), decoded a block at a time, mixed to mono and
//! resampled to 16 kHz as it is read, so memory holds the 16 kHz result and one block however
//! large the file is.
//!
//! A recording cut off by a crash is worth keeping: its header promises more data than the file
//! holds, or (hound writes sizes only when it flushes) declares sizes of 0. Such a file is read as
//! far as it goes and reported as recovered. `repair_in_place` writes the corrected sizes back
//! for `rehearse recover`.

use std::fs::{self, File};
use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::resample::{downmix_into, MonoResampler, ResampleError};
use super::riff::{self, Encoding, Format, Header, HeaderError};
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
    #[error("{0}: nothing came out of it (a pipe or device that gave no data); give a WAV file")]
    NothingRead(PathBuf),
    #[error("{0}: not a WAV file (no RIFF/WAVE header); convert the recording to WAV first, e.g. `ffmpeg -i recording.m4a answer.wav`")]
    NotWav(PathBuf),
    #[error(
        "{0}: damaged WAV header ({1}); if it came from a crashed recording, the audio may be lost"
    )]
    BadHeader(PathBuf, String),
    #[error("{0}: unsupported WAV encoding ({1}); convert it to 16-bit PCM, e.g. `sox {0} -e signed-integer -b 16 OUT.wav` or `ffmpeg -i {0} -c:a pcm_s16le OUT.wav`")]
    Unsupported(PathBuf, String),
    #[error("{0}: the recording holds no audio samples")]
    NoSamples(PathBuf),
    #[error("{0}: sample rate {1} Hz is outside 8,000–96,000 Hz; resample it first, e.g. `sox {0} -r 16000 OUT.wav`")]
    Rate(PathBuf, u32),
    #[error("{0}: not a regular file; `recover` repairs a WAV file on disk")]
    NotAFile(PathBuf),
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

/// Bytes read from the file per block: large enough to read fast, small next to the result.
const READ_BLOCK_BYTES: usize = 1 << 20;

/// Reads, decodes, mixes and resamples a WAV file (or a pipe carrying one) to 16 kHz mono.
pub fn read_wav(path: &Path) -> Result<DecodedAudio, WavError> {
    let (file, meta) = open(path)?;
    if !meta.is_file() {
        // A pipe (`<(sox …)`) or a device: read forwards as far as the header says.
        return decode_wav_stream(BufReader::with_capacity(READ_BLOCK_BYTES, file), path);
    }
    if meta.len() == 0 {
        return Err(WavError::Empty(path.to_path_buf()));
    }
    decode_wav(
        BufReader::with_capacity(READ_BLOCK_BYTES, file),
        meta.len(),
        path,
    )
}

/// Decodes a seekable WAV of `len` bytes; `path` is only used in messages. Cut-off files are
/// read as far as they go.
pub fn decode_wav<R: Read + Seek>(
    mut r: R,
    len: u64,
    path: &Path,
) -> Result<DecodedAudio, WavError> {
    let header = riff::read_header(&mut r).map_err(|e| header_error(path, e))?;
    check_rate(path, &header.format)?;
    let extent = riff::measure_data(&mut r, len, &header).map_err(|e| io_error(path, e))?;
    r.seek(SeekFrom::Start(header.data_start))
        .map_err(|e| io_error(path, e))?;
    let decoded = decode_samples(path, r.take(extent.bytes), &header.format, extent.bytes)?;
    let cut_off = extent.cut_off.map(|(declared, found)| CutOff {
        declared_bytes: u64::from(declared),
        found_bytes: found,
    });
    decoded.into_audio(path, &header.format, cut_off)
}

/// Decodes a WAV from a stream that cannot seek: the data runs for the size the header
/// declares, or to the end when a streaming writer left the size unset (0 or all ones).
pub fn decode_wav_stream(mut r: impl Read, path: &Path) -> Result<DecodedAudio, WavError> {
    let header = riff::read_header(&mut r).map_err(|e| header_error(path, e))?;
    check_rate(path, &header.format)?;
    let limit = match header.declared {
        0 | u32::MAX => u64::MAX,
        n => u64::from(n),
    };
    let decoded = decode_samples(path, r.take(limit), &header.format, 0)?;
    let cut_off = (limit != u64::MAX && decoded.bytes < limit).then_some(CutOff {
        declared_bytes: limit,
        found_bytes: decoded.bytes,
    });
    decoded.into_audio(path, &header.format, cut_off)
}

/// Samples at 16 kHz and how much of the source they came from.
struct Decoded {
    samples: Vec<f32>,
    frames: u64,
    bytes: u64,
}

impl Decoded {
    fn into_audio(
        self,
        path: &Path,
        format: &Format,
        cut_off: Option<CutOff>,
    ) -> Result<DecodedAudio, WavError> {
        if self.frames == 0 {
            return Err(WavError::NoSamples(path.to_path_buf()));
        }
        Ok(DecodedAudio {
            samples: self.samples,
            duration_s: self.frames as f64 / f64::from(format.sample_rate),
            source: SourceFormat {
                sample_rate: format.sample_rate,
                channels: format.channels,
                bits_per_sample: format.bits_per_sample,
                float: matches!(format.encoding, Encoding::Float32 | Encoding::Float64),
            },
            cut_off,
        })
    }
}

/// Decodes whole frames from `r` a block at a time straight into the resampler. `expected_bytes`
/// (0 when unknown) sizes the result once, so it is never copied while growing.
fn decode_samples(
    path: &Path,
    mut r: impl Read,
    format: &Format,
    expected_bytes: u64,
) -> Result<Decoded, WavError> {
    let align = usize::from(format.block_align);
    let channels = usize::from(format.channels);
    let resample_err = |e: ResampleError| WavError::Unsupported(path.to_path_buf(), e.to_string());
    let mut resampler = MonoResampler::new(format.sample_rate).map_err(resample_err)?;
    let expected_frames = expected_bytes / align as u64;
    let mut samples = Vec::with_capacity(
        (expected_frames * u64::from(ANALYSIS_RATE)).div_ceil(u64::from(format.sample_rate))
            as usize,
    );
    let mut raw = vec![0u8; (READ_BLOCK_BYTES / align).max(1) * align];
    let mut interleaved = Vec::new();
    let mut mono = Vec::new();
    let (mut frames, mut bytes) = (0u64, 0u64);
    loop {
        let n = riff::read_up_to(&mut r, &mut raw).map_err(|e| header_error(path, e))?;
        let whole = n - n % align;
        decode_block(&raw[..whole], format.encoding, &mut interleaved);
        downmix_into(&interleaved, channels, &mut mono);
        resampler
            .push(&mono, |s| -> Result<(), ResampleError> {
                samples.extend_from_slice(s);
                Ok(())
            })
            .map_err(resample_err)?;
        frames += (whole / align) as u64;
        bytes += n as u64;
        if n < raw.len() {
            break;
        }
    }
    resampler
        .finish(|s| -> Result<(), ResampleError> {
            samples.extend_from_slice(s);
            Ok(())
        })
        .map_err(resample_err)?;
    Ok(Decoded {
        samples,
        frames,
        bytes,
    })
}

/// Converts whole frames of little-endian samples to f32 in [-1, 1] (cleared first). Integers
/// are scaled by their container, so 24 valid bits in 32-bit containers come out right.
fn decode_block(raw: &[u8], encoding: Encoding, out: &mut Vec<f32>) {
    out.clear();
    match encoding {
        // 8-bit WAV is unsigned, centred on 128.
        Encoding::Int { bytes: 1 } => {
            out.extend(raw.iter().map(|&b| (f32::from(b) - 128.0) / 128.0))
        }
        Encoding::Int { bytes: 2 } => out.extend(
            raw.chunks_exact(2)
                .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32_768.0),
        ),
        Encoding::Int { bytes: 3 } => out.extend(
            raw.chunks_exact(3)
                .map(|b| (i32::from_le_bytes([0, b[0], b[1], b[2]]) >> 8) as f32 / 8_388_608.0),
        ),
        Encoding::Int { .. } => out.extend(
            raw.chunks_exact(4)
                .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as f32 / 2_147_483_648.0),
        ),
        Encoding::Float32 => out.extend(
            raw.chunks_exact(4)
                .map(|b| unit(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))),
        ),
        Encoding::Float64 => out.extend(raw.chunks_exact(8).map(|b| {
            unit(f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]) as f32)
        })),
    }
}

/// A float sample limited to full scale; NaN and infinities (a broken writer) become silence.
fn unit(x: f32) -> f32 {
    if x.is_finite() {
        x.clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

fn check_rate(path: &Path, format: &Format) -> Result<(), WavError> {
    if (8_000..=96_000).contains(&format.sample_rate) {
        Ok(())
    } else {
        Err(WavError::Rate(path.to_path_buf(), format.sample_rate))
    }
}

/// Rewrites a cut-off WAV's header so it covers every sample in the file. Returns what was wrong,
/// or `None` when the file was already sound (then nothing is written). The file is replaced
/// atomically: through a symbolic link, the file it points at.
pub fn repair_in_place(path: &Path) -> Result<Option<Repaired>, WavError> {
    let (file, meta) = open(path)?;
    if !meta.is_file() {
        return Err(WavError::NotAFile(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Err(WavError::Empty(path.to_path_buf()));
    }
    let mut r = BufReader::new(file);
    let header = riff::read_header(&mut r).map_err(|e| header_error(path, e))?;
    let extent = riff::measure_data(&mut r, meta.len(), &header).map_err(|e| io_error(path, e))?;
    let Some((declared, _)) = extent.cut_off else {
        return Ok(None);
    };
    let Some(sizes) = repaired_sizes(&header, extent.bytes) else {
        return Err(WavError::NoSamples(path.to_path_buf()));
    };
    if sizes.data == declared {
        return Ok(None);
    }
    let mut source = r.into_inner();
    crate::fsutil::write_atomic_with(path, 0o600, |out| {
        source.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut source, out)?;
        out.seek(SeekFrom::Start(4))?;
        out.write_all(&sizes.riff.to_le_bytes())?;
        out.seek(SeekFrom::Start(header.data_size_at))?;
        out.write_all(&sizes.data.to_le_bytes())
    })
    .map_err(|e| io_error(path, e))?;
    let format = header.format;
    Ok(Some(Repaired {
        cut_off: CutOff {
            declared_bytes: u64::from(declared),
            found_bytes: u64::from(sizes.data),
        },
        duration_s: f64::from(sizes.data / u32::from(format.block_align))
            / f64::from(format.sample_rate),
    }))
}

/// What `repair_in_place` changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Repaired {
    pub cut_off: CutOff,
    /// The length of the audio the header now covers.
    pub duration_s: f64,
}

/// The RIFF and data sizes that make a header cover `data_bytes` of audio.
struct Sizes {
    riff: u32,
    data: u32,
}

/// Sizes for a repaired header, capped below 4 GiB (the most a RIFF size can say) at a whole
/// frame; `None` when there is no whole frame to cover.
fn repaired_sizes(header: &Header, data_bytes: u64) -> Option<Sizes> {
    let align = u64::from(header.format.block_align);
    let room = u64::from(u32::MAX) - header.data_start;
    let data = data_bytes.min(room - room % align);
    if data == 0 {
        return None;
    }
    Some(Sizes {
        riff: (header.data_start - 8 + data) as u32,
        data: data as u32,
    })
}

/// Opens a recording, telling a missing file and a folder apart from other failures.
fn open(path: &Path) -> Result<(File, fs::Metadata), WavError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => WavError::NotFound(path.to_path_buf()),
        _ => io_error(path, e),
    })?;
    if meta.is_dir() {
        return Err(WavError::IsDirectory(path.to_path_buf()));
    }
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    Ok((file, meta))
}

fn io_error(path: &Path, e: std::io::Error) -> WavError {
    WavError::Io(path.to_path_buf(), e)
}

fn header_error(path: &Path, e: HeaderError) -> WavError {
    let path = path.to_path_buf();
    match e {
        HeaderError::Nothing => WavError::NothingRead(path),
        HeaderError::NotWav => WavError::NotWav(path),
        HeaderError::Damaged(m) => WavError::BadHeader(path, m),
        HeaderError::Unsupported(m) => WavError::Unsupported(path, m),
        HeaderError::Io(m) => WavError::Io(path, std::io::Error::other(m)),
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
    // Written straight into the temporary file: no second copy of a long take in memory.
    crate::fsutil::write_atomic_with(path, 0o600, |file| {
        let mut w = hound::WavWriter::new(std::io::BufWriter::new(file), spec)
            .map_err(std::io::Error::other)?;
        for &s in samples {
            w.write_sample(super::pcm::to_i16(s))
                .map_err(std::io::Error::other)?;
        }
        w.finalize().map_err(std::io::Error::other)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

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

    fn decode(b: &[u8]) -> Result<DecodedAudio, WavError> {
        decode_wav(Cursor::new(b), b.len() as u64, Path::new("t.wav"))
    }

    #[test]
    fn sound_file_is_read_whole_and_not_called_cut_off() {
        let a = decode(&wav_bytes(spec(1, 16_000, 16, false), 1000)).unwrap();
        assert_eq!(a.samples.len(), 1000);
        assert_eq!(a.cut_off, None);
    }

    #[test]
    fn truncated_file_is_read_to_its_last_whole_frame() {
        let mut b = wav_bytes(spec(2, 48_000, 24, false), 1000);
        b.truncate(b.len() - 601); // not a whole frame: rounded down to block align (6)
        let a = decode(&b).unwrap();
        let cut = a.cut_off.unwrap();
        assert_eq!(cut.declared_bytes, 6000);
        assert_eq!(cut.found_bytes, (6000 - 601) / 6 * 6);
        assert_eq!(a.duration_s, (cut.found_bytes / 6) as f64 / 48_000.0);
    }

    #[test]
    fn unfinished_header_with_zero_sizes_is_recovered() {
        let mut b = wav_bytes(spec(1, 16_000, 16, false), 500);
        b[4..8].copy_from_slice(&0u32.to_le_bytes());
        b[40..44].copy_from_slice(&0u32.to_le_bytes());
        let a = decode(&b).unwrap();
        let cut = a.cut_off.unwrap();
        assert_eq!((cut.declared_bytes, cut.found_bytes), (0, 1000));
        assert_eq!(a.samples.len(), 500);
    }

    #[test]
    fn stale_sizes_from_an_earlier_flush_are_extended_to_every_sample() {
        // hound updates the sizes when it flushes; a process killed a moment later leaves
        // samples after the declared data.
        let mut b = wav_bytes(spec(1, 16_000, 16, false), 1500);
        let declared = 2 * 1000u32;
        b[40..44].copy_from_slice(&declared.to_le_bytes());
        b[4..8].copy_from_slice(&(36 + declared).to_le_bytes());
        let a = decode(&b).unwrap();
        let cut = a.cut_off.clone().unwrap();
        assert_eq!((cut.declared_bytes, cut.found_bytes), (2000, 3000));
        assert_eq!(a.samples.len(), 1500);
        let message = cut.describe(Path::new("take.wav"));
        assert!(message.contains("rehearse recover take.wav"), "{message}");
    }

    #[test]
    fn chunks_after_the_data_are_not_mistaken_for_samples() {
        let mut b = wav_bytes(spec(1, 16_000, 16, false), 1001);
        // An odd-length LIST chunk (with its pad byte), then one without its last pad byte.
        b.extend_from_slice(b"LIST\x05\x00\x00\x00INFOa\x00");
        b.extend_from_slice(b"id3 \x03\x00\x00\x00abc");
        let a = decode(&b).unwrap();
        assert_eq!((a.samples.len(), a.cut_off), (1001, None));
        // An odd data size is followed by its pad byte only.
        let mut b = wav_bytes(spec(1, 16_000, 8, false), 1001);
        b.push(0);
        let a = decode(&b).unwrap();
        assert_eq!((a.samples.len(), a.cut_off), (1001, None));
    }

    #[test]
    fn a_pipe_is_read_for_the_declared_size_or_to_its_end() {
        let b = wav_bytes(spec(2, 16_000, 16, false), 800);
        let a = decode_wav_stream(Cursor::new(&b), Path::new("pipe")).unwrap();
        assert_eq!((a.samples.len(), a.cut_off), (800, None));
        // A streaming writer that could not go back to fill in the size.
        let mut unset = b.clone();
        unset[40..44].copy_from_slice(&u32::MAX.to_le_bytes());
        let a = decode_wav_stream(Cursor::new(&unset), Path::new("pipe")).unwrap();
        assert_eq!((a.samples.len(), a.cut_off), (800, None));
        let short = &b[..b.len() - 400];
        let a = decode_wav_stream(Cursor::new(short), Path::new("pipe")).unwrap();
        assert_eq!(a.samples.len(), 700);
        assert_eq!(a.cut_off.unwrap().found_bytes, 2800);
        let err = decode_wav_stream(Cursor::new(b""), Path::new("pipe")).unwrap_err();
        assert!(matches!(err, WavError::NothingRead(_)), "{err}");
    }

    #[test]
    fn float64_is_decoded() {
        let mut b = wav_bytes(spec(1, 16_000, 16, false), 0);
        b[20..22].copy_from_slice(&3u16.to_le_bytes());
        b[28..32].copy_from_slice(&128_000u32.to_le_bytes());
        b[32..34].copy_from_slice(&8u16.to_le_bytes());
        b[34..36].copy_from_slice(&64u16.to_le_bytes());
        for x in [0.25f64, -0.5, 2.0] {
            b.extend_from_slice(&x.to_le_bytes());
        }
        b[40..44].copy_from_slice(&24u32.to_le_bytes());
        let a = decode(&b).unwrap();
        assert_eq!(a.samples, vec![0.25, -0.5, 1.0]);
        assert!(a.source.float && a.source.bits_per_sample == 64);
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
