//! Runs `rehearse practice` in an AlsaWorld with a feeder, and collects what it did.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::alsa::AlsaWorld;
use super::audio;
use super::feeder::{FeedReport, Feeder};

pub struct RunningTake {
    pub world: AlsaWorld,
    pub wav: PathBuf,
    child: Child,
    feeder: Feeder,
}

/// What a finished run left.
#[derive(Debug)]
pub struct TakeRun {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub feed: FeedReport,
}

impl TakeRun {
    /// The RecordedTake JSON the scratch CLI prints on stdout.
    pub fn take_json(&self) -> Result<serde_json::Value, String> {
        serde_json::from_str(self.stdout.trim()).map_err(|e| {
            format!(
                "stdout is not the take JSON ({e}): {:?}; stderr: {}",
                self.stdout, self.stderr
            )
        })
    }
}

/// Starts `bin practice --countdown 0 --out <wav> extra…` fed with `clip_16k` (mono 16 kHz),
/// resampled to the 48 kHz stereo f32 the file plugin hands to cpal, then silence.
pub fn start(bin: &Path, clip_16k: &[f32], extra: &[&str]) -> Result<RunningTake, String> {
    let world = AlsaWorld::fed().map_err(|e| e.to_string())?;
    let wav = world.path("takes/take.wav");
    let wav_arg = wav.to_string_lossy().into_owned();
    let mut args = vec!["practice", "--countdown", "0", "--out", &wav_arg];
    args.extend_from_slice(extra);
    let clip = audio::to_stereo(clip_16k, 16_000, 48_000)?;
    let feeder = Feeder::start(&world.fifo, clip);
    let child = world
        .command(bin, &args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("spawn {}: {e}", bin.display()))?;
    Ok(RunningTake {
        world,
        wav,
        child,
        feeder,
    })
}

impl RunningTake {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Seconds of audio the feeder has written so far (clip and silence).
    pub fn fed_seconds(&self) -> f64 {
        self.feeder.frames_written() as f64 / f64::from(super::feeder::RATE)
    }

    /// Waits until the WAV on disk holds at least `secs` of flushed audio (so recording runs).
    pub fn wait_for_audio(&mut self, secs: f64, timeout: Duration) -> Result<(), String> {
        let until = Instant::now() + timeout;
        let want = 44 + (secs * 32_000.0) as u64;
        loop {
            let len = std::fs::metadata(&self.wav).map(|m| m.len()).unwrap_or(0);
            if len >= want {
                return Ok(());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("rehearse exited early with {status}"));
            }
            if Instant::now() > until {
                return Err(format!(
                    "no {secs} s of audio in {} after {timeout:?}",
                    self.wav.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process (killing it after `timeout`), then stops the feeder.
    pub fn finish(mut self, timeout: Duration) -> Result<(TakeRun, AlsaWorld, PathBuf), String> {
        let until = Instant::now() + timeout;
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() > until => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    self.feeder.stop();
                    return Err(format!("rehearse did not exit within {timeout:?}"));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(e.to_string()),
            }
        };
        let feed = self.feeder.stop();
        let mut stdout = String::new();
        let mut stderr = String::new();
        if let Some(mut out) = self.child.stdout.take() {
            let _ = out.read_to_string(&mut stdout);
        }
        if let Some(mut err) = self.child.stderr.take() {
            let _ = err.read_to_string(&mut stderr);
        }
        Ok((
            TakeRun {
                status,
                stdout,
                stderr,
                feed,
            },
            self.world,
            self.wav,
        ))
    }
}
