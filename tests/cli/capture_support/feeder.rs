//! Feeds a FIFO with raw interleaved f32 samples at real-time pace on the wall clock, one ALSA
//! period per write (1920 bytes for 240 stereo frames: under PIPE_BUF, so writes are atomic),
//! then silence until stopped or until the reader goes away.

use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::io::AsRawFd;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const RATE: u32 = 48_000;
pub const CHANNELS: usize = 2;
/// Frames per write: the period size cpal's ALSA stream uses with the file plugin here.
pub const PERIOD_FRAMES: usize = 240;

/// What the feeder did.
#[derive(Debug, Clone, Default)]
pub struct FeedReport {
    /// Frames written in total (clip and silence).
    pub frames_written: u64,
    /// Frames of the clip written (the rest was silence).
    pub clip_frames_written: u64,
    /// Wall time from the first write to the last.
    pub wall: Duration,
    pub error: Option<String>,
}

pub struct Feeder {
    stop: Arc<AtomicBool>,
    frames: Arc<AtomicU64>,
    handle: JoinHandle<FeedReport>,
}

impl Feeder {
    /// Starts feeding `clip` (interleaved stereo f32 at 48 kHz) into `fifo`, then silence.
    /// Opening waits (up to 20 s) for the reader, the process under test, to open its end.
    pub fn start(fifo: &Path, clip: Vec<f32>) -> Feeder {
        let stop = Arc::new(AtomicBool::new(false));
        let frames = Arc::new(AtomicU64::new(0));
        let (s, f, path) = (stop.clone(), frames.clone(), fifo.to_path_buf());
        let handle = std::thread::spawn(move || feed(&path, &clip, &s, &f));
        Feeder {
            stop,
            frames,
            handle,
        }
    }

    /// Frames written so far.
    pub fn frames_written(&self) -> u64 {
        self.frames.load(Ordering::SeqCst)
    }

    /// Stops feeding (after the process under test has exited, or it may block reading fd 3).
    pub fn stop(self) -> FeedReport {
        self.stop.store(true, Ordering::SeqCst);
        self.handle.join().unwrap_or_else(|_| FeedReport {
            error: Some("feeder thread panicked".into()),
            ..FeedReport::default()
        })
    }
}

fn feed(path: &Path, clip: &[f32], stop: &AtomicBool, frames: &AtomicU64) -> FeedReport {
    let mut report = FeedReport::default();
    let mut file = match open_writer(path, stop) {
        Ok(f) => f,
        Err(e) => {
            report.error = Some(format!("open {}: {e}", path.display()));
            return report;
        }
    };
    let period = Duration::from_secs_f64(PERIOD_FRAMES as f64 / f64::from(RATE));
    let samples_per_period = PERIOD_FRAMES * CHANNELS;
    let silence = vec![0u8; samples_per_period * 4];
    let mut bytes = Vec::with_capacity(silence.len());
    let mut pos = 0;
    let mut first: Option<Instant> = None;
    let mut deadline = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        let clip_end = (pos + samples_per_period).min(clip.len());
        let chunk: &[u8] = if pos < clip.len() {
            bytes.clear();
            bytes.extend(clip[pos..clip_end].iter().flat_map(|s| s.to_le_bytes()));
            bytes.resize(silence.len(), 0);
            &bytes
        } else {
            &silence
        };
        if let Err(e) = file.write_all(chunk) {
            // The reader exited (EPIPE): the normal end.
            if e.kind() != io::ErrorKind::BrokenPipe {
                report.error = Some(e.to_string());
            }
            break;
        }
        if pos < clip.len() {
            report.clip_frames_written += ((clip_end - pos) / CHANNELS) as u64;
            pos = clip_end;
        }
        let now = Instant::now();
        first.get_or_insert(now);
        report.wall = now - first.unwrap_or(now);
        report.frames_written += PERIOD_FRAMES as u64;
        frames.store(report.frames_written, Ordering::SeqCst);
        deadline += period;
        match deadline.checked_duration_since(Instant::now()) {
            Some(wait) => std::thread::sleep(wait),
            // Blocked on a full pipe (the reader had not started): restart the clock rather
            // than burst to catch up.
            None if Instant::now() - deadline > Duration::from_millis(50) => {
                deadline = Instant::now()
            }
            None => {}
        }
    }
    report
}

/// Opens the FIFO for writing without blocking forever: O_NONBLOCK fails with ENXIO until a
/// reader has it open; then switch back to blocking writes.
fn open_writer(path: &Path, stop: &AtomicBool) -> io::Result<File> {
    let give_up = Instant::now() + Duration::from_secs(20);
    loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
        {
            Ok(file) => {
                let fd = file.as_raw_fd();
                // SAFETY: fcntl on a descriptor we own.
                unsafe {
                    let flags = libc::fcntl(fd, libc::F_GETFL);
                    libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
                }
                return Ok(file);
            }
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
                if Instant::now() > give_up || stop.load(Ordering::SeqCst) {
                    return Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "no reader opened the FIFO",
                    ));
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(e),
        }
    }
}
