//! Runs the real `rehearse practice` in a `World` whose microphone is an `AlsaWorld` fed by a
//! `Feeder`, and collects what it left: status, output, the new session folder (`take.wav`,
//! `report.json`) and the recorder's statistics (`REHEARSE_TAKE_STATS`).

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::alsa::AlsaWorld;
use super::audio;
use super::feeder::{FeedReport, Feeder};
use crate::support::World;

/// The environment variable that makes `practice` write its `RecordedTake` as JSON.
pub const STATS_ENV: &str = "REHEARSE_TAKE_STATS";

pub struct RunningTake {
    pub alsa: AlsaWorld,
    child: Child,
    feeder: Option<Feeder>,
    sessions: PathBuf,
    before: HashSet<String>,
    stats: PathBuf,
}

/// What a finished run left.
#[derive(Debug)]
pub struct TakeRun {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub feed: FeedReport,
    /// The session folder this run created, if it left one.
    pub session: Option<PathBuf>,
    stats: PathBuf,
}

impl TakeRun {
    /// The session folder; panics (with the run's output) if there is none.
    pub fn session(&self) -> &Path {
        match &self.session {
            Some(dir) => dir,
            None => panic!("no session folder was left: {self:#?}"),
        }
    }

    pub fn session_id(&self) -> String {
        self.session()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    pub fn wav(&self) -> PathBuf {
        self.session().join("take.wav")
    }

    /// `report.json` of the session, checked against the published schema.
    pub fn report(&self) -> Value {
        let path = self.session().join("report.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run: {self:#?}", path.display()));
        let report =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        crate::support::assert_valid_report(&report);
        report
    }

    /// The recorder's `RecordedTake` (samples written, dropped blocks, wall time, stop cause).
    pub fn stats(&self) -> Value {
        let text = std::fs::read_to_string(&self.stats).unwrap_or_else(|e| {
            panic!(
                "no take statistics at {} ({e}); run: {self:#?}",
                self.stats.display()
            )
        });
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad take statistics: {e}"))
    }

    pub fn has_stats(&self) -> bool {
        self.stats.exists()
    }
}

/// Starts `rehearse practice args…` in `world`, its microphone fed with `clip_16k` (mono 16 kHz)
/// resampled to the 48 kHz stereo f32 the file plugin hands to cpal, then silence.
pub fn start(world: &World, clip_16k: &[f32], args: &[&str]) -> Result<RunningTake, String> {
    start_under(world, clip_16k, args, &[])
}

/// strace's options, before the output file, for a record of every socket a process and its
/// threads and children open or connect. The seccomp filter stops only at those calls, so a
/// traced take still keeps real time.
pub const TRACE_SOCKETS: [&str; 6] = [
    "-f",
    "--seccomp-bpf",
    "-qq",
    "-e",
    "trace=socket,connect",
    "-o",
];

/// `start`, with rehearse run under strace (`TRACE_SOCKETS`), its record written to `trace`.
pub fn start_traced(
    world: &World,
    clip_16k: &[f32],
    args: &[&str],
    trace: &Path,
) -> Result<RunningTake, String> {
    let runner: Vec<&std::ffi::OsStr> = std::iter::once(&"strace")
        .chain(&TRACE_SOCKETS)
        .map(|s| std::ffi::OsStr::new(*s))
        .chain([trace.as_os_str()])
        .collect();
    start_under(world, clip_16k, args, &runner)
}

fn start_under(
    world: &World,
    clip_16k: &[f32],
    args: &[&str],
    runner: &[&std::ffi::OsStr],
) -> Result<RunningTake, String> {
    let alsa = AlsaWorld::fed().map_err(|e| e.to_string())?;
    let sessions = world.data_dir().join("sessions");
    let before = session_ids(&sessions);
    let stats = world.path("take-stats.json");
    let _ = std::fs::remove_file(&stats);
    let clip = audio::to_stereo(clip_16k, 16_000, 48_000)?;
    let feeder = Feeder::start(&alsa.fifo, clip);
    let mut full = vec!["practice"];
    full.extend_from_slice(args);
    let child = alsa
        .command_under(world, runner, &full)
        .env(STATS_ENV, &stats)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("spawn rehearse: {e}"))?;
    Ok(RunningTake {
        alsa,
        child,
        feeder: Some(feeder),
        sessions,
        before,
        stats,
    })
}

/// Names of the folders in `sessions`.
pub fn session_ids(sessions: &Path) -> HashSet<String> {
    std::fs::read_dir(sessions)
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

impl RunningTake {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Seconds of audio the feeder has written so far (clip and silence).
    pub fn fed_seconds(&self) -> f64 {
        self.feeder.as_ref().map_or(0, |f| f.frames_written()) as f64
            / f64::from(super::feeder::RATE)
    }

    /// The session folder this run created (once it exists).
    pub fn new_session(&self) -> Option<PathBuf> {
        let mut new: Vec<String> = session_ids(&self.sessions)
            .difference(&self.before)
            .cloned()
            .collect();
        new.sort();
        new.pop().map(|id| self.sessions.join(id))
    }

    /// Waits until the take on disk holds at least `secs` of audio (so recording runs).
    pub fn wait_for_audio(&mut self, secs: f64, timeout: Duration) -> Result<(), String> {
        let until = Instant::now() + timeout;
        let want = 44 + (secs * 32_000.0) as u64;
        loop {
            let len = self
                .new_session()
                .and_then(|dir| std::fs::metadata(dir.join("take.wav")).ok())
                .map(|m| m.len())
                .unwrap_or(0);
            if len >= want {
                return Ok(());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = self.child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                return Err(format!("rehearse exited early with {status}: {err}"));
            }
            if Instant::now() > until {
                return Err(format!(
                    "no {secs} s of audio in a new session after {timeout:?}"
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the take's header has been brought up to date at least once and at least
    /// `secs` of audio has reached the disk since: the moment to kill rehearse to see what a
    /// crash between two header updates leaves.
    pub fn wait_for_audio_past_header(
        &mut self,
        secs: f64,
        timeout: Duration,
    ) -> Result<(), String> {
        let until = Instant::now() + timeout;
        let want = (secs * 32_000.0) as u64;
        loop {
            let layout = self
                .new_session()
                .and_then(|dir| audio::wav_layout(&dir.join("take.wav")).ok());
            if let Some(l) = layout {
                let declared = u64::from(l.data_size);
                if declared > 0 && l.bytes_on_disk() >= declared + want {
                    return Ok(());
                }
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("rehearse exited early with {status}"));
            }
            if Instant::now() > until {
                return Err(format!(
                    "no {secs} s of audio past the header after {timeout:?}: {layout:?}"
                ));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for the process (killing it after `timeout`), then stops the feeder.
    pub fn finish(mut self, timeout: Duration) -> Result<TakeRun, String> {
        let until = Instant::now() + timeout;
        // Read the pipes while waiting: a full pipe would block rehearse.
        let mut out_pipe = self.child.stdout.take();
        let mut err_pipe = self.child.stderr.take();
        let out_reader = std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(p) = out_pipe.as_mut() {
                let _ = p.read_to_string(&mut s);
            }
            s
        });
        let err_reader = std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(p) = err_pipe.as_mut() {
                let _ = p.read_to_string(&mut s);
            }
            s
        });
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() > until => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    self.stop_feeder();
                    let err = err_reader.join().unwrap_or_default();
                    return Err(format!(
                        "rehearse did not exit within {timeout:?}; stderr: {err}"
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(e.to_string()),
            }
        };
        let feed = self.stop_feeder();
        let stdout = out_reader.join().unwrap_or_default();
        let stderr = err_reader.join().unwrap_or_default();
        let session = self.new_session();
        Ok(TakeRun {
            status,
            stdout,
            stderr,
            feed,
            session,
            stats: self.stats.clone(),
        })
    }

    /// Waits until this run's `take.wav` exists (the recorder creates it before the countdown;
    /// its header reaches the disk only with the first flush, once recording runs).
    pub fn wait_for_take_file(&mut self, timeout: Duration) -> Result<PathBuf, String> {
        let until = Instant::now() + timeout;
        loop {
            if let Some(wav) = self.new_session().map(|d| d.join("take.wav")) {
                if wav.exists() {
                    return Ok(wav);
                }
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("rehearse exited early with {status}"));
            }
            if Instant::now() > until {
                return Err(format!("no take.wav in a new session after {timeout:?}"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn stop_feeder(&mut self) -> FeedReport {
        self.feeder.take().map(Feeder::stop).unwrap_or_default()
    }
}

impl Drop for RunningTake {
    /// A test that fails half-way leaves no rehearse running (the feeder then ends by itself:
    /// its writes fail once the reader is gone).
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
