//! The consumer side of capture: the recording thread takes the callback's blocks, downmixes
//! them to mono and resamples them to 16 kHz, and hands them to its three parts: the level
//! meter the display reads (`meter`), the watch for a silent start (`silence`), and the WAV
//! writer that also forwards the samples to the live transcriber (`writer`).

mod meter;
mod silence;
mod writer;

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::capture::BlockSource;
use super::resample::{downmix_into, MonoResampler, ResampleError};
use meter::LevelWindow;
pub use meter::LiveMeter;
use silence::SilenceWatch;
use writer::TakeWriter;

/// The rate everything downstream (the WAV, whisper) works at.
pub const OUTPUT_RATE: u32 = 16_000;

/// How often the WAV header is rewritten (bounds what a crash can lose).
const FLUSH_EVERY: Duration = Duration::from_secs(1);

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
    pub fn start(
        source: BlockSource,
        mut config: RecorderConfig,
    ) -> Result<Recorder, RecorderError> {
        let resampler = MonoResampler::new(config.source_rate)?;
        let writer = TakeWriter::create(&config.path, config.forward.take())?;
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

fn run(
    source: BlockSource,
    config: RecorderConfig,
    mut resampler: MonoResampler,
    mut writer: TakeWriter,
) -> Result<RecorderSummary, RecorderError> {
    let meter = config.meter;
    let mut level = LevelWindow::new(config.source_rate);
    let mut silence = SilenceWatch::new(config.source_rate);
    let mut frames_in: u64 = 0;
    let mut mono = Vec::with_capacity(super::capture::BLOCK_FRAMES);
    let mut last_flush = Instant::now();
    loop {
        match source.blocks.recv_timeout(Duration::from_millis(250)) {
            Ok(block) => {
                downmix_into(&block, source.channels, &mut mono);
                source.recycle(block);
                if silence.feed(&mono) {
                    meter.set_heard_sound();
                }
                frames_in += mono.len() as u64;
                meter.set_frames_in(frames_in);
                level.feed(&mono, &meter);
                resampler.push(&mono, |s| {
                    meter.set_samples_written(writer.write(s)?);
                    Ok::<_, RecorderError>(())
                })?;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if last_flush.elapsed() >= FLUSH_EVERY {
            writer.flush()?;
            last_flush = Instant::now();
        }
    }
    resampler.finish(|s| {
        meter.set_samples_written(writer.write(s)?);
        Ok::<_, RecorderError>(())
    })?;
    let samples_written = writer.finalize()?;
    meter.set_samples_written(samples_written);
    Ok(RecorderSummary {
        samples_written,
        frames_in,
        silent_start: silence.silent_start(),
    })
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
}
