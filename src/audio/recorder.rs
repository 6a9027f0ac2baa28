//! The consumer side of capture: a thread that takes the callback's blocks, downmixes them to
//! mono, resamples to 16 kHz with rubato, writes a 16 kHz mono 16-bit WAV with hound, and keeps
//! the live level meter and counters up to date.
//!
//! Crash safety: hound only writes the WAV sizes when flushing or finalizing, so the writer
//! flushes about once a second. A killed process then leaves a valid header describing all but
//! the last second, with the rest of the samples on disk after it.
//!
//! The live transcriber gets the same 16-bit samples as the WAV, block by block, through
//! `RecorderConfig::forward`; sending never blocks the writer.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::capture::BlockSource;
use super::pcm::to_i16;
use super::resample::{downmix_into, MonoResampler, ResampleError};

/// The rate everything downstream (the WAV, whisper) works at.
pub const OUTPUT_RATE: u32 = 16_000;

/// Below this peak level (dBFS) input counts as silence: a muted or dead microphone gives
/// digital zero or faint noise far under it, while room tone from a live one is above.
pub const SILENCE_DBFS: f32 = -60.0;

/// How long silent input from the start must last before it counts as a silent start.
pub const SILENT_START_S: f64 = 3.0;

/// How often the WAV header is rewritten (bounds what a crash can lose).
const FLUSH_EVERY: Duration = Duration::from_secs(1);

/// The level meter publishes one value per window of this length.
const METER_WINDOW_S: f64 = 0.1;

/// The level reported for digital silence (log of zero).
pub const FLOOR_DBFS: f32 = -120.0;

#[derive(Debug, thiserror::Error)]
pub enum RecorderError {
    #[error(
        "cannot create the recording {path}: {source}; check the folder exists and is writable"
    )]
    Create { path: PathBuf, source: io::Error },
    #[error("cannot write the recording {path}: {source}; check free disk space")]
    Write { path: PathBuf, source: hound::Error },
    #[error(transparent)]
    Resample(#[from] ResampleError),
    #[error("the recording thread stopped unexpectedly; the take at {path} may be incomplete")]
    Crashed { path: PathBuf },
}

/// Live values shared with the display. Levels are f32 bit patterns in atomics so neither side
/// ever waits for the other.
#[derive(Debug)]
pub struct LiveMeter {
    rms_bits: AtomicU32,
    peak_bits: AtomicU32,
    /// 16 kHz samples written to the WAV so far.
    samples_written: AtomicU64,
    /// Source frames (per channel) the writer has taken in.
    frames_in: AtomicU64,
    /// Set once any sample rises above SILENCE_DBFS.
    heard_sound: AtomicBool,
    source_rate: u32,
}

impl LiveMeter {
    pub fn new(source_rate: u32) -> Self {
        LiveMeter {
            rms_bits: AtomicU32::new(FLOOR_DBFS.to_bits()),
            peak_bits: AtomicU32::new(FLOOR_DBFS.to_bits()),
            samples_written: AtomicU64::new(0),
            frames_in: AtomicU64::new(0),
            heard_sound: AtomicBool::new(false),
            source_rate: source_rate.max(1),
        }
    }

    /// RMS level of the last ~0.1 s, in dBFS.
    pub fn rms_dbfs(&self) -> f32 {
        f32::from_bits(self.rms_bits.load(Ordering::Relaxed))
    }

    /// Peak level of the last ~0.1 s, in dBFS.
    pub fn peak_dbfs(&self) -> f32 {
        f32::from_bits(self.peak_bits.load(Ordering::Relaxed))
    }

    pub fn samples_written(&self) -> u64 {
        self.samples_written.load(Ordering::Relaxed)
    }

    /// Seconds of input taken in so far (audio time, not wall time).
    pub fn seconds_in(&self) -> f64 {
        self.frames_in.load(Ordering::Relaxed) as f64 / f64::from(self.source_rate)
    }

    pub fn heard_sound(&self) -> bool {
        self.heard_sound.load(Ordering::Relaxed)
    }

    /// True while the input has been silent from the start for at least SILENT_START_S.
    pub fn silent_so_far(&self) -> bool {
        !self.heard_sound() && self.seconds_in() >= SILENT_START_S
    }

    fn publish(&self, rms: f32, peak: f32) {
        self.rms_bits.store(rms.to_bits(), Ordering::Relaxed);
        self.peak_bits.store(peak.to_bits(), Ordering::Relaxed);
    }
}

/// What the recorder needs to know.
pub struct RecorderConfig {
    pub path: PathBuf,
    pub source_rate: u32,
    /// Receives every 16 kHz mono block written to the WAV, as written (the live transcriber).
    /// Unbounded, so a slow receiver never stalls the writer; a dropped receiver is ignored.
    pub forward: Option<Sender<Vec<i16>>>,
    pub meter: Arc<LiveMeter>,
}

/// What the recorder did, once finished.
#[derive(Debug, Clone, PartialEq)]
pub struct RecorderSummary {
    pub samples_written: u64,
    /// Source frames taken in.
    pub frames_in: u64,
    /// True when the first SILENT_START_S (or the whole take, if shorter) was silent.
    pub silent_start: bool,
}

/// A running writer thread.
pub struct Recorder {
    handle: JoinHandle<Result<RecorderSummary, RecorderError>>,
    path: PathBuf,
}

impl Recorder {
    /// Creates the WAV file (mode 0600, its folder 0700 if created) and starts the writer thread.
    /// The file is created here, on the caller's thread, so a bad path fails before recording.
    pub fn start(source: BlockSource, config: RecorderConfig) -> Result<Recorder, RecorderError> {
        let resampler = MonoResampler::new(config.source_rate)?;
        let writer = create_wav(&config.path)?;
        let path = config.path.clone();
        let handle = std::thread::Builder::new()
            .name("rehearse-writer".to_string())
            .spawn(move || run(source, config, resampler, writer))
            .map_err(|source| RecorderError::Create {
                path: path.clone(),
                source,
            })?;
        Ok(Recorder { handle, path })
    }

    /// True once the thread has ended (normally only after the stream is dropped; earlier means
    /// it failed, and `finish` returns the error).
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Waits for the thread to drain the pipe and finalize the WAV. Drop the capture stream
    /// first: the thread ends when the pipe closes.
    pub fn finish(self) -> Result<RecorderSummary, RecorderError> {
        match self.handle.join() {
            Ok(result) => result,
            Err(_) => Err(RecorderError::Crashed { path: self.path }),
        }
    }
}

type WavWriter = hound::WavWriter<BufWriter<File>>;

fn run(
    source: BlockSource,
    config: RecorderConfig,
    mut resampler: MonoResampler,
    writer: WavWriter,
) -> Result<RecorderSummary, RecorderError> {
    let mut out = WavOut {
        writer,
        path: config.path,
        forward: config.forward,
        meter: config.meter.clone(),
        written: 0,
    };
    let mut level = LevelWindow::new(config.source_rate);
    let silent_limit = (SILENT_START_S * f64::from(config.source_rate)) as u64;
    let mut frames_in: u64 = 0;
    let mut first_sound: Option<u64> = None;
    let mut mono = Vec::with_capacity(super::capture::BLOCK_FRAMES);
    let mut last_flush = Instant::now();
    loop {
        match source.blocks.recv_timeout(Duration::from_millis(250)) {
            Ok(block) => {
                downmix_into(&block, source.channels, &mut mono);
                source.recycle(block);
                if first_sound.is_none() {
                    first_sound = first_loud_sample(&mono).map(|i| frames_in + i as u64);
                    if first_sound.is_some() {
                        config.meter.heard_sound.store(true, Ordering::Relaxed);
                    }
                }
                frames_in += mono.len() as u64;
                config.meter.frames_in.store(frames_in, Ordering::Relaxed);
                level.feed(&mono, &config.meter);
                resampler.push(&mono, |s| out.write(s))?;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if last_flush.elapsed() >= FLUSH_EVERY {
            out.flush()?;
            last_flush = Instant::now();
        }
    }
    resampler.finish(|s| out.write(s))?;
    let samples_written = out.finalize()?;
    let silent_start = match first_sound {
        None => frames_in > 0,
        Some(at) => at >= silent_limit,
    };
    Ok(RecorderSummary {
        samples_written,
        frames_in,
        silent_start,
    })
}

/// The WAV writer plus the optional forward, behind one `write`.
struct WavOut {
    writer: WavWriter,
    path: PathBuf,
    forward: Option<Sender<Vec<i16>>>,
    meter: Arc<LiveMeter>,
    written: u64,
}

impl WavOut {
    fn write(&mut self, samples: &[f32]) -> Result<(), RecorderError> {
        let pcm: Vec<i16> = samples.iter().map(|&s| to_i16(s)).collect();
        for &v in &pcm {
            self.writer.write_sample(v).map_err(|e| self.error(e))?;
        }
        self.written += samples.len() as u64;
        self.meter
            .samples_written
            .store(self.written, Ordering::Relaxed);
        if let Some(tx) = &self.forward {
            if tx.send(pcm).is_err() {
                // The other consumer went away; recording goes on without it.
                self.forward = None;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), RecorderError> {
        self.writer.flush().map_err(|e| self.error(e))
    }

    fn finalize(self) -> Result<u64, RecorderError> {
        let path = self.path;
        self.writer
            .finalize()
            .map_err(|source| RecorderError::Write { path, source })?;
        Ok(self.written)
    }

    fn error(&self, source: hound::Error) -> RecorderError {
        RecorderError::Write {
            path: self.path.clone(),
            source,
        }
    }
}

/// Creates the WAV file readable by its owner only, and its folder (if missing) likewise.
fn create_wav(path: &Path) -> Result<WavWriter, RecorderError> {
    let err = |source| RecorderError::Create {
        path: path.to_path_buf(),
        source,
    };
    let file = create_private_file(path).map_err(err)?;
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: OUTPUT_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    hound::WavWriter::new(BufWriter::new(file), spec).map_err(|source| RecorderError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Only folders created here get 0700; an existing folder (say /tmp) is left alone.
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    // `mode` only applies when the file is new; an old file keeps its mode unless set again.
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    File::create(path)
}

/// dBFS of an amplitude (1.0 = full scale), floored at FLOOR_DBFS for silence.
pub fn dbfs(amplitude: f32) -> f32 {
    if amplitude <= 0.0 || !amplitude.is_finite() {
        return FLOOR_DBFS;
    }
    (20.0 * amplitude.log10()).max(FLOOR_DBFS)
}

/// Index of the first sample louder than SILENCE_DBFS.
fn first_loud_sample(mono: &[f32]) -> Option<usize> {
    let threshold = 10f32.powf(SILENCE_DBFS / 20.0);
    mono.iter().position(|s| s.abs() > threshold)
}

/// Accumulates RMS and peak over short windows and publishes each finished window.
struct LevelWindow {
    len: usize,
    n: usize,
    sum_sq: f64,
    peak: f32,
}

impl LevelWindow {
    fn new(rate: u32) -> Self {
        let len = ((f64::from(rate) * METER_WINDOW_S) as usize).max(1);
        LevelWindow {
            len,
            n: 0,
            sum_sq: 0.0,
            peak: 0.0,
        }
    }

    fn feed(&mut self, mono: &[f32], meter: &LiveMeter) {
        for &s in mono {
            self.sum_sq += f64::from(s) * f64::from(s);
            self.peak = self.peak.max(s.abs());
            self.n += 1;
            if self.n == self.len {
                let rms = (self.sum_sq / self.n as f64).sqrt() as f32;
                meter.publish(dbfs(rms), dbfs(self.peak));
                *self = LevelWindow {
                    len: self.len,
                    n: 0,
                    sum_sq: 0.0,
                    peak: 0.0,
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(rate: u32, freq: f32, secs: f32) -> Vec<f32> {
        let n = (rate as f32 * secs) as usize;
        (0..n)
            .map(|i| 0.5 * (2.0 * std::f32::consts::PI * freq * i as f32 / rate as f32).sin())
            .collect()
    }

    #[test]
    fn levels_and_sample_conversion() {
        assert_eq!(dbfs(0.0), FLOOR_DBFS);
        assert!((dbfs(1.0)).abs() < 1e-6);
        assert!((dbfs(0.001) + 60.0).abs() < 1e-3);
    }

    #[test]
    fn writer_thread_writes_and_forwards_the_same_16k_audio() {
        use crate::audio::capture::{block_pipe, CaptureStats};
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("take.wav");
        let stats = Arc::new(CaptureStats::default());
        let (mut sink, source) = block_pipe(2, stats);
        let meter = Arc::new(LiveMeter::new(48_000));
        let (tx, rx) = std::sync::mpsc::channel();
        let config = RecorderConfig {
            path: path.clone(),
            source_rate: 48_000,
            forward: Some(tx),
            meter: meter.clone(),
        };
        let recorder = Recorder::start(source, config).expect("start");
        // 1.5 s of a stereo sine in callback-sized pieces, after 0.5 s of digital silence.
        let mono = sine(48_000, 300.0, 1.5);
        let mut stereo: Vec<f32> = vec![0.0; 48_000];
        stereo.extend(mono.iter().flat_map(|&s| [s, s]));
        for piece in stereo.chunks(480) {
            sink.push(piece);
        }
        drop(sink);
        let summary = recorder.finish().expect("finish");
        let expected = (stereo.len() / 2) as u64 / 3;
        assert_eq!(summary.samples_written, expected);
        assert_eq!(meter.samples_written(), expected);
        assert!(
            !summary.silent_start,
            "sound came after 0.5 s, within the first 3 s"
        );
        let forwarded: Vec<i16> = rx.try_iter().flatten().collect();
        assert_eq!(forwarded.len() as u64, expected);
        let reader = hound::WavReader::open(&path).expect("valid WAV");
        assert_eq!(reader.spec().sample_rate, 16_000);
        let written: Vec<i16> = reader
            .into_samples::<i16>()
            .map(|s| s.unwrap_or(0))
            .collect();
        assert_eq!(
            written, forwarded,
            "the WAV and the forward carry the same samples"
        );
        assert!(
            meter.peak_dbfs() > -7.0 && meter.peak_dbfs() < -5.0,
            "{}",
            meter.peak_dbfs()
        );
    }

    #[cfg(unix)]
    #[test]
    fn wav_is_private_and_its_new_folder_too() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("new/take.wav");
        let w = create_wav(&path).expect("create");
        w.finalize().expect("finalize");
        let mode = |p: &Path| {
            std::fs::metadata(p)
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0)
        };
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.path().join("new")), 0o700);
    }
}
