//! One recorded take of `rehearse practice`: show the question, count down, open the input,
//! record with the live timer until Enter, a signal or the time limit, and finalize the WAV.
//!
//! Signals are process-wide, so their handling lives here too (`install_signal_handlers`):
//! during a take the first Ctrl-C (or SIGTERM/SIGHUP) stops it and keeps the audio, a second one
//! makes `record_take` finalize the WAV and return `PracticeError::Interrupted` (the caller
//! exits 130), and a third exits 130 at once in case finalizing hangs. Outside a take a signal
//! exits at once (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP), since nothing is unsaved;
//! `exit_on_signal_outside_take(false)` turns that off for callers that cancel work themselves.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::audio::capture::{self, CaptureError, CaptureStats, InputDevice};
use crate::audio::recorder::{LiveMeter, Recorder, RecorderConfig, RecorderError, OUTPUT_RATE};
use crate::practice::timer::{format_mmss, LiveTimer, TimerView};

/// How often the session loop looks at signals, Enter, the limit and the display.
const TICK: Duration = Duration::from_millis(50);

/// The warning for a microphone that gives nothing.
pub const SILENCE_WARNING: &str = "no sound from the microphone — is it muted?";

/// What to record and how to time it.
#[derive(Debug, Clone)]
pub struct RecordOptions {
    /// Input device name as `rehearse devices` lists it; None for the default.
    pub device: Option<String>,
    /// The target window for the timer's zones, in seconds (0 ≤ min < max).
    pub target_min_s: f64,
    pub target_max_s: f64,
    /// Stop automatically after this many seconds of recording; 0 means no limit.
    pub limit_s: f64,
    /// Seconds of countdown before recording starts; 0 skips it.
    pub countdown_s: u32,
    /// Shown on stderr before the countdown (when stderr is a terminal).
    pub question_text: Option<String>,
    /// Also receives every 16 kHz mono block as it is written (a streaming transcriber).
    pub forward: Option<Sender<Vec<f32>>>,
}

impl Default for RecordOptions {
    fn default() -> Self {
        RecordOptions {
            device: None,
            target_min_s: 60.0,
            target_max_s: 120.0,
            limit_s: 600.0,
            countdown_s: 3,
            question_text: None,
            forward: None,
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
    #[error("cannot install the Ctrl-C handler ({0}); install it once, through rehearse's install_signal_handlers")]
    Signals(String),
    #[error("the input device stopped during the take ({reason}); the take so far is saved in {}; check the microphone connection", path.display())]
    DeviceLost { reason: String, path: PathBuf },
    /// A second Ctrl-C (or other stop signal): the caller should exit with status 130.
    #[error("interrupted{}", match saved { Some(p) => format!("; the take so far is saved in {}", p.display()), None => " before recording started".to_string() })]
    Interrupted { saved: Option<PathBuf> },
}

impl PracticeError {
    /// The process exit status for this error: 130 when interrupted, else 1.
    pub fn exit_code(&self) -> i32 {
        match self {
            PracticeError::Interrupted { .. } => 130,
            _ => 1,
        }
    }
}

/// Records one take into `wav_path` (created 0600, its folder 0700 if new).
///
/// Installs the signal handlers on first use (see the module docs). On the second Ctrl-C the
/// WAV is finalized first and then `PracticeError::Interrupted` is returned: the caller exits
/// with status 130. Everything shown goes to stderr and only when stderr is a terminal; the
/// Enter key stops the take only when stdin is a terminal (the process reads one line).
pub fn record_take(opts: &RecordOptions, wav_path: &Path) -> Result<RecordedTake, PracticeError> {
    check_options(opts)?;
    install_signal_handlers()?;

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
            forward: opts.forward.clone(),
            meter: meter.clone(),
        },
    )?;
    let take = TakeGuard::begin();
    let terminal = std::io::stderr().is_terminal();

    if terminal {
        show_question(opts);
    }
    if !countdown(opts.countdown_s, terminal) {
        drop(stream);
        let _ = recorder.finish();
        // Nothing was recorded: leave no empty take behind.
        let _ = std::fs::remove_file(wav_path);
        return Err(PracticeError::Interrupted { saved: None });
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
        opts, &take, &enter, &timer, &meter, &stats, &recorder, started,
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
    if take.signals() >= 2 {
        return Err(PracticeError::Interrupted {
            saved: Some(wav_path.to_path_buf()),
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

/// The recording loop: redraws the timer and returns when something stops the take.
#[allow(clippy::too_many_arguments)]
fn run_until_stopped(
    opts: &RecordOptions,
    take: &TakeGuard,
    enter: &EnterWatch,
    timer: &LiveTimer,
    meter: &LiveMeter,
    stats: &CaptureStats,
    recorder: &Recorder,
    started: Instant,
) -> Outcome {
    let mut warned_silence = false;
    loop {
        let elapsed = started.elapsed().as_secs_f64();
        if let Some(cause) = take.first_stop() {
            return Outcome::Stopped(cause);
        }
        if enter.pressed() {
            return Outcome::Stopped(StopCause::Enter);
        }
        if opts.limit_s > 0.0 && elapsed >= opts.limit_s {
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
        timer.update(&TimerView {
            elapsed_s: elapsed,
            target_min_s: opts.target_min_s,
            target_max_s: opts.target_max_s,
            level_dbfs: meter.rms_dbfs(),
            note: silent.then(|| "no sound — muted?".to_string()),
        });
        std::thread::sleep(TICK);
    }
}

fn check_options(opts: &RecordOptions) -> Result<(), PracticeError> {
    let (min, max) = (opts.target_min_s, opts.target_max_s);
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
        let _ = writeln!(err, "\n  {}\n", console::style(q).bold());
    }
    let _ = writeln!(
        err,
        "  Target {}–{}. Press Enter or Ctrl-C to stop.",
        format_mmss(opts.target_min_s),
        format_mmss(opts.target_max_s)
    );
}

/// Counts down on one stderr line. Returns false if a signal arrived meanwhile (cancel).
fn countdown(secs: u32, terminal: bool) -> bool {
    let term = console::Term::stderr();
    for left in (1..=secs).rev() {
        if terminal {
            let _ = term.clear_line();
            let _ = write!(&term, "  Recording starts in {left}…");
        }
        let until = Instant::now() + Duration::from_secs(1);
        while Instant::now() < until {
            if signals::take_signals() > 0 {
                if terminal {
                    let _ = term.clear_line();
                }
                return false;
            }
            std::thread::sleep(TICK);
        }
    }
    if terminal && secs > 0 {
        let _ = term.clear_line();
    }
    true
}

/// Warnings printed after the take, to stderr whatever it is: they concern the saved audio.
fn warn_after_take(take: &RecordedTake) {
    if take.silent_start {
        eprintln!(
            "warning: {SILENCE_WARNING} The first seconds of the take were silent; check the input with `rehearse devices`."
        );
    }
    if take.dropped_blocks > 0 || take.device_overruns > 0 {
        eprintln!(
            "warning: {} audio block(s) dropped and {} device overrun(s) during the take; close other busy programs and try again",
            take.dropped_blocks, take.device_overruns
        );
    }
}

/// Marks a take as running for the signal handler; unmarks it when dropped (also on errors).
struct TakeGuard;

impl TakeGuard {
    fn begin() -> Self {
        signals::begin_take();
        TakeGuard
    }

    fn signals(&self) -> u32 {
        signals::take_signals()
    }

    fn first_stop(&self) -> Option<StopCause> {
        signals::first_take_signal()
    }
}

impl Drop for TakeGuard {
    fn drop(&mut self) {
        signals::end_take();
    }
}

/// Installs the process's SIGINT/SIGTERM/SIGHUP handling (ctrlc with its termination feature).
/// Idempotent; call it early if other code might install a ctrlc handler (only one can exist).
pub fn install_signal_handlers() -> Result<(), PracticeError> {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    INSTALLED
        .get_or_init(signals::install)
        .clone()
        .map_err(PracticeError::Signals)
}

/// Outside a take a signal exits the process at once by default; pass false to only count it
/// (see `signals_received`) and cancel work yourself.
pub fn exit_on_signal_outside_take(enabled: bool) {
    signals::EXIT_OUTSIDE_TAKE.store(enabled, Ordering::SeqCst);
}

/// A line to print on stderr if a signal ends the process outside a take (say, during the
/// analysis), so the user learns what became of their recording.
pub fn set_exit_note(note: String) {
    if let Ok(mut slot) = signals::EXIT_NOTE.lock() {
        *slot = Some(note);
    }
}

/// Stop signals received since the handlers were installed.
pub fn signals_received() -> u32 {
    signals::TOTAL.load(Ordering::SeqCst)
}

mod signals {
    //! ctrlc runs our handler on its own thread but does not say which signal arrived. To tell
    //! SIGTERM/SIGHUP (StopCause::Terminate) from SIGINT, a tiny async-signal-safe handler is
    //! chained in front of ctrlc's for those two: it records the signal number, then calls
    //! ctrlc's handler, which wakes ctrlc's thread as before.

    use super::StopCause;
    use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU8, Ordering};

    pub(super) static TOTAL: AtomicU32 = AtomicU32::new(0);
    pub(super) static EXIT_OUTSIDE_TAKE: AtomicBool = AtomicBool::new(true);
    pub(super) static EXIT_NOTE: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
    static TAKE_ACTIVE: AtomicBool = AtomicBool::new(false);
    static TAKE_SIGNALS: AtomicU32 = AtomicU32::new(0);
    /// 0 none, 1 interrupt, 2 terminate.
    static FIRST_KIND: AtomicU8 = AtomicU8::new(0);

    pub(super) fn install() -> Result<(), String> {
        ctrlc::set_handler(on_signal).map_err(|e| e.to_string())?;
        #[cfg(unix)]
        chain::install()?;
        Ok(())
    }

    fn on_signal() {
        #[cfg(unix)]
        let term_sig = chain::take_pending();
        #[cfg(not(unix))]
        let term_sig: i32 = 0;
        TOTAL.fetch_add(1, Ordering::SeqCst);
        if TAKE_ACTIVE.load(Ordering::SeqCst) {
            let n = TAKE_SIGNALS.fetch_add(1, Ordering::SeqCst) + 1;
            if n == 1 {
                FIRST_KIND.store(if term_sig != 0 { 2 } else { 1 }, Ordering::SeqCst);
            } else if n >= 3 {
                // The take did not wrap up after the second signal: stop waiting.
                super::tty::restore();
                std::process::exit(130);
            }
        } else if EXIT_OUTSIDE_TAKE.load(Ordering::SeqCst) {
            // Nothing is unsaved outside a take; exit as the default action would (128 + n).
            // (This runs on ctrlc's thread, not in the signal handler, so printing is safe.)
            super::tty::restore();
            if let Some(note) = EXIT_NOTE.lock().ok().and_then(|n| n.clone()) {
                eprintln!("\n{note}");
            }
            std::process::exit(if term_sig != 0 { 128 + term_sig } else { 130 });
        }
    }

    pub(super) fn begin_take() {
        TAKE_SIGNALS.store(0, Ordering::SeqCst);
        FIRST_KIND.store(0, Ordering::SeqCst);
        TAKE_ACTIVE.store(true, Ordering::SeqCst);
    }

    pub(super) fn end_take() {
        TAKE_ACTIVE.store(false, Ordering::SeqCst);
    }

    pub(super) fn take_signals() -> u32 {
        TAKE_SIGNALS.load(Ordering::SeqCst)
    }

    pub(super) fn first_take_signal() -> Option<StopCause> {
        match FIRST_KIND.load(Ordering::SeqCst) {
            1 => Some(StopCause::Interrupt),
            2 => Some(StopCause::Terminate),
            _ => None,
        }
    }

    #[cfg(unix)]
    mod chain {
        use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

        static PENDING: AtomicI32 = AtomicI32::new(0);
        static PREV_TERM: AtomicUsize = AtomicUsize::new(0);
        static PREV_HUP: AtomicUsize = AtomicUsize::new(0);

        pub(super) fn take_pending() -> i32 {
            PENDING.swap(0, Ordering::SeqCst)
        }

        /// Async-signal-safe: an atomic store and a call to the previous (ctrlc's) handler.
        extern "C" fn on_term(sig: libc::c_int) {
            PENDING.store(sig, Ordering::SeqCst);
            let prev = if sig == libc::SIGTERM {
                &PREV_TERM
            } else {
                &PREV_HUP
            };
            let prev = prev.load(Ordering::SeqCst);
            if prev != libc::SIG_DFL && prev != libc::SIG_IGN && prev != libc::SIG_ERR {
                // SAFETY: `prev` is the plain (non-SA_SIGINFO) handler that was installed for
                // this signal, saved in `install`; it has exactly this signature.
                let f: extern "C" fn(libc::c_int) = unsafe { std::mem::transmute(prev) };
                f(sig);
            }
        }

        pub(super) fn install() -> Result<(), String> {
            for (sig, slot) in [(libc::SIGTERM, &PREV_TERM), (libc::SIGHUP, &PREV_HUP)] {
                // SAFETY: plain sigaction calls on a zeroed struct; the new action differs from
                // ctrlc's only in the handler address.
                unsafe {
                    let mut old: libc::sigaction = std::mem::zeroed();
                    if libc::sigaction(sig, std::ptr::null(), &mut old) != 0 {
                        return Err(std::io::Error::last_os_error().to_string());
                    }
                    if old.sa_flags & libc::SA_SIGINFO != 0 {
                        // Not ctrlc's handler: leave it alone (Terminate then reads as Interrupt).
                        continue;
                    }
                    slot.store(old.sa_sigaction, Ordering::SeqCst);
                    let mut new = old;
                    new.sa_sigaction = on_term as extern "C" fn(libc::c_int) as usize;
                    if libc::sigaction(sig, &new, std::ptr::null_mut()) != 0 {
                        return Err(std::io::Error::last_os_error().to_string());
                    }
                }
            }
            Ok(())
        }
    }
}

/// Watches stdin for Enter, only when stdin is a terminal and we are in its foreground (reading
/// from the background would stop the process with SIGTTIN). While it watches, the terminal's
/// echo is off: the Enter (or any typed key) would otherwise print a newline under the timer
/// line and leave a stale copy of it on screen.
struct EnterWatch {
    pressed: Arc<AtomicBool>,
    done: Arc<AtomicBool>,
}

impl EnterWatch {
    fn start() -> Self {
        let pressed = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicBool::new(false));
        if std::io::stdin().is_terminal() && tty::in_foreground() {
            tty::echo_off();
            let (p, d) = (pressed.clone(), done.clone());
            let _ = std::thread::Builder::new()
                .name("rehearse-enter".to_string())
                .spawn(move || watch_stdin(&p, &d));
        }
        EnterWatch { pressed, done }
    }

    fn pressed(&self) -> bool {
        self.pressed.load(Ordering::SeqCst)
    }

    /// Ends the watch thread (within one poll interval), so it does not eat later input, and
    /// gives the terminal its echo back.
    fn stop(&self) {
        self.done.store(true, Ordering::SeqCst);
        tty::restore();
    }
}

impl Drop for EnterWatch {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(unix)]
mod tty {
    //! Terminal echo on stdin, switched off during a take and always switched back: by the
    //! session, and by the signal handler before it exits the process.
    use std::sync::Mutex;

    static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);

    pub(super) fn in_foreground() -> bool {
        // SAFETY: plain queries on fd 0 and our own process group.
        unsafe { libc::tcgetpgrp(0) == libc::getpgrp() }
    }

    pub(super) fn echo_off() {
        // SAFETY: tcgetattr/tcsetattr on fd 0 with a zeroed termios they fill in.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut t) != 0 {
                return;
            }
            if let Ok(mut saved) = SAVED.lock() {
                saved.get_or_insert(t);
            }
            // Canonical mode stays on: stdin becomes readable only when a line is complete.
            t.c_lflag &= !(libc::ECHO | libc::ECHONL);
            libc::tcsetattr(0, libc::TCSANOW, &t);
        }
    }

    pub(super) fn restore() {
        let saved = SAVED.lock().ok().and_then(|mut s| s.take());
        if let Some(t) = saved {
            // SAFETY: restores the settings read by echo_off.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, &t);
            }
        }
    }
}

#[cfg(not(unix))]
mod tty {
    pub(super) fn in_foreground() -> bool {
        true
    }
    pub(super) fn echo_off() {}
    pub(super) fn restore() {}
}

/// Polls stdin so the thread can end when the take ends without a key being pressed.
#[cfg(unix)]
fn watch_stdin(pressed: &AtomicBool, done: &AtomicBool) {
    while !done.load(Ordering::SeqCst) {
        let mut fds = libc::pollfd {
            fd: 0,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, 100 ms timeout.
        let ready = unsafe { libc::poll(&mut fds, 1, 100) };
        if ready > 0 && !done.load(Ordering::SeqCst) {
            // In canonical mode stdin is readable once a whole line (or EOF) is typed.
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
            pressed.store(true, Ordering::SeqCst);
            return;
        }
    }
}

#[cfg(not(unix))]
fn watch_stdin(pressed: &AtomicBool, _done: &AtomicBool) {
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    pressed.store(true, Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_checked() {
        let ok = RecordOptions::default();
        assert!(check_options(&ok).is_ok());
        let bad = RecordOptions {
            target_min_s: 120.0,
            target_max_s: 60.0,
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
    fn interrupted_exits_130_and_says_where_the_take_is() {
        let e = PracticeError::Interrupted {
            saved: Some(PathBuf::from("/x/take.wav")),
        };
        assert_eq!(e.exit_code(), 130);
        assert_eq!(
            e.to_string(),
            "interrupted; the take so far is saved in /x/take.wav"
        );
        let e = PracticeError::Interrupted { saved: None };
        assert_eq!(e.to_string(), "interrupted before recording started");
        let e = PracticeError::from(CaptureError::NoDevice { reason: "x".into() });
        assert_eq!(e.exit_code(), 1);
        assert!(e.to_string().contains("rehearse devices"));
    }
}
