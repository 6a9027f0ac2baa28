//! One recorded take of `rehearse practice`: show the question, count down, open the input,
//! record with the live timer until Enter, a stop signal or the time limit, and finalize the WAV.
//!
//! Signals come as a cancel token (`crate::signals`): a signal during the countdown cancels the
//! take (nothing was recorded), the first one during the recording stops it (the take is kept and
//! analysed), and a second one ends the run with the take saved
//! (`PracticeError::Interrupted`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::analysis::fillers::FillerSettings;
use crate::audio::capture::{self, CaptureError, CaptureStats, InputDevice};
use crate::audio::recorder::{LiveMeter, Recorder, RecorderConfig, RecorderError, OUTPUT_RATE};
use crate::output;
use crate::practice::enter::EnterWatch;
use crate::practice::timer::{LiveTimer, TimerView};
use crate::signals::{CancelToken, Checkpoint, StopSignal};
use crate::transcribe::live::{LiveCounts, LiveStatus};
use crate::units::{clock, Range};

/// How often the session loop looks at signals, Enter, the limit and the display.
const TICK: Duration = Duration::from_millis(50);

/// How often the live counter is recounted (it changes only when a phrase is transcribed).
const COUNT_EVERY: Duration = Duration::from_millis(250);

/// Audio and wall-clock time may drift apart this much (seconds, plus 2 %) before the take is
/// called not real time.
const CLOCK_SLACK_S: f64 = 2.0;

/// The live transcriber's end of a take: where the recorder sends what it writes, and the counts
/// the timer line shows.
pub struct LiveLink {
    pub forward: std::sync::mpsc::Sender<Vec<i16>>,
    pub status: Arc<LiveStatus>,
    pub fillers: FillerSettings,
}

/// The warning for a microphone that gives nothing.
pub const SILENCE_WARNING: &str = "no sound from the microphone — is it muted?";

/// What to record and how to time it.
#[derive(Debug, Clone)]
pub struct RecordOptions {
    /// Input device name as `rehearse devices` lists it; None for the default.
    pub device: Option<String>,
    /// The target window for the timer's zones, in seconds (0 ≤ min < max).
    pub target: Range,
    /// Stop automatically after this many seconds of recording; 0 means no limit.
    pub limit_s: f64,
    /// Seconds of countdown before recording starts; 0 skips it.
    pub countdown_s: u32,
    /// Shown on stderr before the countdown (when stderr is a terminal).
    pub question_text: Option<String>,
}

impl Default for RecordOptions {
    fn default() -> Self {
        RecordOptions {
            device: None,
            target: Range::new(60.0, 120.0),
            limit_s: 600.0,
            countdown_s: 3,
            question_text: None,
        }
    }
}

/// Why recording stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StopCause {
    /// Enter on the terminal.
    Enter,
    /// SIGINT (Ctrl-C).
    Interrupt,
    /// SIGTERM or SIGHUP.
    Terminate,
    /// The time limit.
    Limit,
}

/// A finished take: the WAV at `path` is finalized (16 kHz, mono, 16-bit).
#[derive(Debug, Clone, Serialize)]
pub struct RecordedTake {
    pub path: PathBuf,
    /// Length of the saved audio.
    pub duration_s: f64,
    /// 16 kHz samples in the WAV.
    pub samples_written: u64,
    pub source_rate: u32,
    pub source_channels: u16,
    /// The device's native sample format ("i16", "f32", …).
    pub source_format: String,
    pub device_name: String,
    pub stop: StopCause,
    /// Blocks lost between the audio callback and the writer (should be 0).
    pub dropped_blocks: u64,
    /// Overruns the device reported (audio lost before it reached rehearse; should be 0).
    pub device_overruns: u64,
    /// The first seconds of input were silent (muted or dead microphone?).
    pub silent_start: bool,
    /// Wall-clock time from the start of capture to the stop (compare with duration_s).
    pub wall_s: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    #[error(transparent)]
    Capture(#[from] CaptureError),
    #[error(transparent)]
    Recorder(#[from] RecorderError),
    #[error("invalid practice options: {0}")]
    InvalidOptions(String),
    #[error("the input device stopped during the take ({reason}); the take so far is saved in {}; check the microphone connection", path.display())]
    DeviceLost { reason: String, path: PathBuf },
    /// A second stop signal during the take, or one during the countdown: the run ends.
    #[error("interrupted{}", match saved { Some(p) => format!("; the take so far is saved in {}", p.display()), None => " before recording started".to_string() })]
    Interrupted {
        saved: Option<PathBuf>,
        signal: StopSignal,
    },
}

/// Records one take into `wav_path` (created 0600, its folder 0700 if new).
///
/// Signals since the call count (see the module docs). Everything shown goes to stderr and only
/// when stderr is a terminal; the Enter key stops the take only when stdin is a terminal.
pub fn record_take(
    opts: &RecordOptions,
    wav_path: &Path,
    signals: &CancelToken,
    live: Option<LiveLink>,
) -> Result<RecordedTake, PracticeError> {
    check_options(opts)?;
    let since_start = signals.checkpoint();

    // Everything that can fail is set up before the countdown, so failures come at once.
    let input = InputDevice::open(opts.device.as_deref())?;
    let format = input.format();
    let stats = Arc::new(CaptureStats::default());
    let (sink, source) = capture::block_pipe(format.channels, stats.clone());
    let stream = capture::build_stream(&input, sink, stats.clone())?;
    let meter = Arc::new(LiveMeter::new(format.sample_rate));
    let recorder = Recorder::start(
        source,
        RecorderConfig {
            path: wav_path.to_path_buf(),
            source_rate: format.sample_rate,
            forward: live.as_ref().map(|l| l.forward.clone()),
            meter: meter.clone(),
        },
    )?;
    let terminal = std::io::stderr().is_terminal();

    if terminal {
        show_question(opts);
    }
    if let Err(signal) = countdown(opts.countdown_s, terminal, &since_start) {
        drop(stream);
        let _ = recorder.finish();
        // Nothing was recorded: leave no empty take behind.
        let _ = std::fs::remove_file(wav_path);
        return Err(PracticeError::Interrupted {
            saved: None,
            signal,
        });
    }
    if let Err(e) = stream.play() {
        drop(stream);
        let _ = recorder.finish();
        let _ = std::fs::remove_file(wav_path);
        return Err(e.into());
    }
    let started = Instant::now();
    let enter = EnterWatch::start();
    let timer = LiveTimer::new();
    let outcome = run_until_stopped(
        opts,
        &Watched {
            signals: &since_start,
            enter: &enter,
            meter: &meter,
            stats: &stats,
            recorder: &recorder,
            live: live.as_ref(),
        },
        &timer,
        started,
    );
    let wall_s = started.elapsed().as_secs_f64();
    // Dropping the stream stops the callback and closes the pipe; the writer then drains what
    // is left and finalizes the WAV.
    drop(stream);
    enter.stop();
    timer.finish();
    let summary = recorder.finish()?;

    let stop = match outcome {
        Outcome::Stopped(cause) => cause,
        Outcome::DeviceLost(reason) => {
            return Err(PracticeError::DeviceLost {
                reason,
                path: wav_path.to_path_buf(),
            })
        }
        Outcome::WriterEnded => {
            return Err(RecorderError::Crashed {
                path: wav_path.to_path_buf(),
            }
            .into())
        }
    };
    if since_start.count() >= 2 {
        return Err(PracticeError::Interrupted {
            saved: Some(wav_path.to_path_buf()),
            signal: since_start.first().unwrap_or(StopSignal::Interrupt),
        });
    }
    let result = RecordedTake {
        path: wav_path.to_path_buf(),
        duration_s: summary.samples_written as f64 / f64::from(OUTPUT_RATE),
        samples_written: summary.samples_written,
        source_rate: format.sample_rate,
        source_channels: format.channels,
        source_format: format.sample_format.clone(),
        device_name: input.name().to_string(),
        stop,
        dropped_blocks: stats.dropped_blocks.load(Ordering::Relaxed),
        device_overruns: stats.overruns.load(Ordering::Relaxed),
        silent_start: summary.silent_start,
        wall_s,
    };
    warn_after_take(&result);
    Ok(result)
}

enum Outcome {
    Stopped(StopCause),
    DeviceLost(String),
    /// The writer thread ended by itself; its error comes from `Recorder::finish`.
    WriterEnded,
}

/// What the recording loop keeps an eye on.
struct Watched<'a> {
    signals: &'a Checkpoint,
    enter: &'a EnterWatch,
    meter: &'a LiveMeter,
    stats: &'a CaptureStats,
    recorder: &'a Recorder,
    live: Option<&'a LiveLink>,
}

/// The recording loop: redraws the timer and returns when something stops the take.
fn run_until_stopped(
    opts: &RecordOptions,
    watched: &Watched,
    timer: &LiveTimer,
    started: Instant,
) -> Outcome {
    let Watched {
        signals,
        enter,
        meter,
        stats,
        recorder,
        live,
    } = *watched;
    let mut warned_silence = false;
    let mut coach: Option<LiveCounts> = None;
    let mut counted = Instant::now() - COUNT_EVERY;
    loop {
        let elapsed = started.elapsed().as_secs_f64();
        if let Some(signal) = signals.first() {
            return Outcome::Stopped(match signal {
                StopSignal::Interrupt => StopCause::Interrupt,
                StopSignal::Terminate | StopSignal::Hangup => StopCause::Terminate,
            });
        }
        if enter.pressed() {
            return Outcome::Stopped(StopCause::Enter);
        }
        // A device faster than the clock must not fill the take past its limit either.
        if opts.limit_s > 0.0 && elapsed.max(meter.seconds_in()) >= opts.limit_s {
            return Outcome::Stopped(StopCause::Limit);
        }
        if let Some(reason) = stats.stream_error() {
            return Outcome::DeviceLost(reason);
        }
        if recorder.is_finished() {
            // The writer ended early (disk full…): stop; `finish` reports its error.
            return Outcome::WriterEnded;
        }
        let silent = meter.silent_so_far();
        if silent && !warned_silence {
            warned_silence = true;
            timer.println(&format!("warning: {SILENCE_WARNING}"));
        }
        if let Some(link) = live.filter(|_| counted.elapsed() >= COUNT_EVERY) {
            coach = Some(link.status.counts(&link.fillers));
            counted = Instant::now();
        }
        timer.update(&TimerView {
            elapsed_s: elapsed,
            target: opts.target,
            level_dbfs: meter.rms_dbfs(),
            note: silent.then(|| "no sound — muted?".to_string()),
            coach: coach.clone(),
        });
        std::thread::sleep(TICK);
    }
}

fn check_options(opts: &RecordOptions) -> Result<(), PracticeError> {
    let Range { min, max } = opts.target;
    if !(min.is_finite() && max.is_finite() && min >= 0.0 && max > min) {
        return Err(PracticeError::InvalidOptions(format!(
            "target {min}–{max} s; give MIN-MAX seconds with 0 <= MIN < MAX, e.g. 60-120"
        )));
    }
    if !(opts.limit_s.is_finite() && opts.limit_s >= 0.0) {
        return Err(PracticeError::InvalidOptions(format!(
            "limit {} s; give a number of seconds, or 0 for no limit",
            opts.limit_s
        )));
    }
    Ok(())
}

fn show_question(opts: &RecordOptions) {
    let mut err = std::io::stderr().lock();
    if let Some(q) = &opts.question_text {
        let _ = writeln!(err, "\n  {}\n", console::style(q).bold().for_stderr());
    }
    let _ = writeln!(
        err,
        "  Target {}–{}. Press Enter or Ctrl-C to stop.",
        clock(opts.target.min),
        clock(opts.target.max)
    );
}

/// Counts down on one stderr line. A signal meanwhile cancels the take.
fn countdown(secs: u32, terminal: bool, signals: &Checkpoint) -> Result<(), StopSignal> {
    let term = console::Term::stderr();
    for left in (1..=secs).rev() {
        if terminal {
            let _ = term.clear_line();
            let _ = write!(&term, "  Recording starts in {left}…");
        }
        let until = Instant::now() + Duration::from_secs(1);
        while Instant::now() < until {
            if let Some(signal) = signals.first() {
                if terminal {
                    let _ = term.clear_line();
                }
                return Err(signal);
            }
            std::thread::sleep(TICK);
        }
    }
    if terminal && secs > 0 {
        let _ = term.clear_line();
    }
    Ok(())
}

/// Warnings printed after the take, to stderr whatever it is: they concern the saved audio.
fn warn_after_take(take: &RecordedTake) {
    if take.silent_start {
        output::warn(&format!(
            "{SILENCE_WARNING} The first seconds of the take were silent; check the input with `rehearse devices`."
        ));
    }
    if let Some(warning) = clock_warning(take.duration_s, take.wall_s) {
        output::warn(&warning);
    }
    if take.dropped_blocks > 0 || take.device_overruns > 0 {
        output::warn(&format!(
            "{} audio block(s) dropped and {} device overrun(s) during the take; close other busy programs and try again",
            take.dropped_blocks, take.device_overruns
        ));
    }
}

/// A device that does not deliver audio in real time: faster than the clock (a test or virtual
/// device) or slower (a source that stalls). The take holds what was captured either way.
fn clock_warning(audio_s: f64, wall_s: f64) -> Option<String> {
    let slack = CLOCK_SLACK_S + 0.02 * wall_s;
    if audio_s > wall_s + slack {
        Some(format!(
            "the input delivered {} of audio in {} of wall-clock time: it does not record in real time (a virtual or test device?); the take holds the {} it delivered",
            clock(audio_s),
            clock(wall_s),
            clock(audio_s)
        ))
    } else if audio_s < wall_s - slack {
        Some(format!(
            "the input delivered only {} of audio in {} of recording: it stalled or dropped out; the take holds the {} captured — check the microphone connection",
            clock(audio_s),
            clock(wall_s),
            clock(audio_s)
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audio_and_wall_clock_must_agree() {
        assert_eq!(clock_warning(90.0, 90.4), None);
        assert_eq!(clock_warning(181.0, 180.0), None);
        let fast = clock_warning(1433.0, 3.0).expect("23:53 in 3 s");
        assert!(
            fast.contains("23:53") && fast.contains("not record in real time"),
            "{fast}"
        );
        let slow = clock_warning(12.0, 90.0).expect("stalled");
        assert!(
            slow.contains(" 0:12 ") && slow.contains("stalled"),
            "{slow}"
        );
    }

    #[test]
    fn options_are_checked() {
        let ok = RecordOptions::default();
        assert!(check_options(&ok).is_ok());
        let bad = RecordOptions {
            target: Range::new(120.0, 60.0),
            ..RecordOptions::default()
        };
        assert!(matches!(
            check_options(&bad),
            Err(PracticeError::InvalidOptions(_))
        ));
        let bad = RecordOptions {
            limit_s: f64::NAN,
            ..RecordOptions::default()
        };
        assert!(matches!(
            check_options(&bad),
            Err(PracticeError::InvalidOptions(_))
        ));
    }

    #[test]
    fn interrupted_says_where_the_take_is() {
        let e = PracticeError::Interrupted {
            saved: Some(PathBuf::from("/x/take.wav")),
            signal: StopSignal::Interrupt,
        };
        assert_eq!(
            e.to_string(),
            "interrupted; the take so far is saved in /x/take.wav"
        );
        let e = PracticeError::Interrupted {
            saved: None,
            signal: StopSignal::Terminate,
        };
        assert_eq!(e.to_string(), "interrupted before recording started");
        let e = PracticeError::from(CaptureError::NoDevice { reason: "x".into() });
        assert!(e.to_string().contains("rehearse devices"));
    }
}
