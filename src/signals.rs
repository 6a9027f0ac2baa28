//! Stop signals (Ctrl-C's SIGINT, SIGTERM, SIGHUP) turned into a cancel token that work polls.
//!
//! rehearse never dies from these signals half-way through a write. A thread of ours counts
//! them (every one: two quick Ctrl-Cs are two), and the code doing the work decides what a
//! signal means where it is: during a take the first one stops the recording (the take is kept
//! and analysed) and a second ends the run with the take saved; during an analysis a signal
//! aborts the recogniser through its abort callback. The work then returns [`Interrupted`] and `main` turns it into the exit status.
//!
//! One thing happens here directly: a signal past the process's patience (see [`install`])
//! exits at once, because the thing that should have wound the run down may itself be stuck (a
//! stalled disk while finalizing the recording). Before that exit the terminal is put back and
//! the last words (where the take is) are printed.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;
#[cfg(unix)]
use signal_hook::consts::SIGHUP;
use signal_hook::consts::{SIGINT, SIGTERM};

/// Which stop signal arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StopSignal {
    /// SIGINT: Ctrl-C.
    Interrupt,
    /// SIGTERM: a polite kill.
    Terminate,
    /// SIGHUP: the terminal went away.
    Hangup,
}

impl StopSignal {
    #[cfg(unix)]
    fn from_raw(signo: i32) -> StopSignal {
        match signo {
            SIGTERM => StopSignal::Terminate,
            SIGHUP => StopSignal::Hangup,
            _ => StopSignal::Interrupt,
        }
    }

    /// The status a shell expects from a process ended by this signal: 128 + its number, the
    /// same on every Unix (SIGINT 2, SIGTERM 15, SIGHUP 1), and used as is elsewhere.
    pub fn exit_status(self) -> u8 {
        match self {
            StopSignal::Interrupt => 130,
            StopSignal::Terminate => 143,
            StopSignal::Hangup => 129,
        }
    }
}

/// The error for work stopped by a signal; `main` exits with the signal's status.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("interrupted")]
pub struct Interrupted {
    pub signal: StopSignal,
}

/// What cleans up before an emergency exit: puts the terminal back (its echo may be off during
/// a take). A plain function so the signal thread needs no lock on anyone's state.
pub type Cleanup = fn();

/// Counts stop signals for the whole process. Cheap to clone; every clone sees the same count.
#[derive(Clone)]
pub struct CancelToken {
    shared: Arc<Shared>,
}

struct Shared {
    /// Every stop signal received, in order (a handful at most).
    received: Mutex<Vec<StopSignal>>,
    count: AtomicU32,
    /// The signal that exits at once, counting from 1; 0 means never.
    patience: u32,
    last_words: Mutex<Option<String>>,
    cleanup: Mutex<Option<Cleanup>>,
}

impl CancelToken {
    fn new(patience: u32) -> CancelToken {
        CancelToken {
            shared: Arc::new(Shared {
                received: Mutex::new(Vec::new()),
                count: AtomicU32::new(0),
                patience,
                last_words: Mutex::new(None),
                cleanup: Mutex::new(None),
            }),
        }
    }

    /// A token no signal reaches: for work started where nobody can interrupt it.
    pub fn detached() -> CancelToken {
        CancelToken::new(0)
    }

    /// Stop signals received so far.
    pub fn received(&self) -> u32 {
        self.shared.count.load(Ordering::SeqCst)
    }

    /// A view of the token that counts only the signals from now on.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            token: self.clone(),
            base: self.received(),
        }
    }

    /// The line printed if a signal makes the process exit at once (say, where the take is).
    pub fn set_last_words(&self, words: impl Into<String>) {
        if let Ok(mut slot) = self.shared.last_words.lock() {
            *slot = Some(words.into());
        }
    }

    /// What to run before an emergency exit (restore the terminal).
    pub fn set_cleanup(&self, cleanup: Cleanup) {
        if let Ok(mut slot) = self.shared.cleanup.lock() {
            *slot = Some(cleanup);
        }
    }

    /// Records a signal as the handler thread does. Returns true when the process should exit at
    /// once. Public to the crate so tests can deliver "signals" without killing the test runner.
    pub(crate) fn deliver(&self, signal: StopSignal) -> bool {
        if let Ok(mut list) = self.shared.received.lock() {
            list.push(signal);
        }
        let n = self.shared.count.fetch_add(1, Ordering::SeqCst) + 1;
        self.shared.patience != 0 && n >= self.shared.patience
    }

    fn nth(&self, index: u32) -> Option<StopSignal> {
        let list = self.shared.received.lock().ok()?;
        list.get(index as usize).copied()
    }

    fn exit_now(&self, signal: StopSignal) -> ! {
        if let Some(cleanup) = self.shared.cleanup.lock().ok().and_then(|c| *c) {
            cleanup();
        }
        if let Some(words) = self.shared.last_words.lock().ok().and_then(|w| w.clone()) {
            crate::output::say(&format!("\n{words}"));
        }
        std::process::exit(i32::from(signal.exit_status()));
    }
}

/// The token as seen from one point of the run: only later signals count.
#[derive(Clone)]
pub struct Checkpoint {
    token: CancelToken,
    base: u32,
}

impl Checkpoint {
    /// A checkpoint of a token no signal reaches.
    pub fn never() -> Checkpoint {
        CancelToken::detached().checkpoint()
    }

    /// Signals received since the checkpoint.
    pub fn count(&self) -> u32 {
        self.token.received().saturating_sub(self.base)
    }

    pub fn is_cancelled(&self) -> bool {
        self.count() > 0
    }

    /// The first signal received since the checkpoint.
    pub fn first(&self) -> Option<StopSignal> {
        self.token.nth(self.base)
    }

    /// `Err(Interrupted)` once a signal has arrived since the checkpoint.
    pub fn check(&self) -> Result<(), Interrupted> {
        match self.first() {
            Some(signal) => Err(Interrupted { signal }),
            None => Ok(()),
        }
    }

    /// A checkpoint that lets `n` more signals through before it counts one: work that must
    /// survive the signal that stops the recording, but not the next.
    pub fn allowing(&self, n: u32) -> Checkpoint {
        Checkpoint {
            token: self.token.clone(),
            base: self.base + n,
        }
    }
}

/// Starts counting stop signals for this process and returns the token. The `patience`-th
/// signal exits at once (0: never): a command that winds down on the first signal passes 2, so
/// a second Ctrl-C always ends it; `practice`, whose first signal only stops the recording,
/// passes 3. The first call decides; later calls return the same token.
pub fn install(patience: u32) -> std::io::Result<CancelToken> {
    static TOKEN: OnceLock<Result<CancelToken, String>> = OnceLock::new();
    TOKEN
        .get_or_init(|| start_thread(patience).map_err(|e| e.to_string()))
        .clone()
        .map_err(std::io::Error::other)
}

/// Each signal writes its number, one byte, into a socket pair from inside the handler; the
/// thread reads them one by one. Not signal-hook's iterator: that one merges repeats of a signal
/// that arrive before its thread runs, so on a busy machine a quick second Ctrl-C would be lost
/// in the first and never end the run.
#[cfg(unix)]
fn start_thread(patience: u32) -> std::io::Result<CancelToken> {
    use std::io::Read;
    use std::os::unix::io::AsRawFd;
    use std::os::unix::net::UnixStream;

    let token = CancelToken::new(patience);
    let (mut reader, writer) = UnixStream::pair()?;
    // The write end lives as long as the process: the handlers write to it.
    let fd = std::mem::ManuallyDrop::new(writer).as_raw_fd();
    for raw in [SIGINT, SIGTERM, SIGHUP] {
        let byte = raw as u8;
        // SAFETY: the action only calls send(2), which is async-signal-safe, on a socket that is
        // never closed; MSG_DONTWAIT so a full buffer (hundreds of unread signals) cannot block
        // the handler. signal-hook's registry saves and restores errno around it.
        unsafe {
            signal_hook::low_level::register(raw, move || {
                libc::send(fd, (&byte as *const u8).cast(), 1, libc::MSG_DONTWAIT);
            })?;
        }
    }
    let handler = token.clone();
    std::thread::Builder::new()
        .name("rehearse-signals".to_string())
        .spawn(move || {
            let mut byte = [0u8; 1];
            loop {
                match reader.read(&mut byte) {
                    Ok(1) => {
                        let signal = StopSignal::from_raw(i32::from(byte[0]));
                        if handler.deliver(signal) {
                            handler.exit_now(signal);
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    _ => break,
                }
            }
        })?;
    Ok(token)
}

/// Without Unix signals (Windows: Ctrl-C, Ctrl-Break and a console's close arrive as SIGINT or
/// SIGTERM through the C runtime) there is no signal iterator: each signal sets a flag, and a
/// thread collects the flags a few times a second.
#[cfg(not(unix))]
fn start_thread(patience: u32) -> std::io::Result<CancelToken> {
    use std::sync::atomic::AtomicBool;
    use std::time::Duration;

    let token = CancelToken::new(patience);
    let mut flags = Vec::new();
    for (raw, signal) in [
        (SIGINT, StopSignal::Interrupt),
        (SIGTERM, StopSignal::Terminate),
    ] {
        let flag = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(raw, flag.clone())?;
        flags.push((flag, signal));
    }
    let handler = token.clone();
    std::thread::Builder::new()
        .name("rehearse-signals".to_string())
        .spawn(move || loop {
            for (flag, signal) in &flags {
                if flag.swap(false, Ordering::SeqCst) && handler.deliver(*signal) {
                    handler.exit_now(*signal);
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        })?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_count_only_later_signals() {
        let token = CancelToken::new(0);
        let before = token.checkpoint();
        assert!(!before.is_cancelled());
        assert!(before.check().is_ok());
        assert!(!token.deliver(StopSignal::Terminate));
        let after = token.checkpoint();
        assert_eq!(before.count(), 1);
        assert_eq!(before.first(), Some(StopSignal::Terminate));
        assert!(!after.is_cancelled());
        token.deliver(StopSignal::Interrupt);
        assert_eq!(after.first(), Some(StopSignal::Interrupt));
        assert_eq!(before.count(), 2);
        assert_eq!(after.check().unwrap_err().signal, StopSignal::Interrupt);
    }

    #[test]
    fn patience_decides_which_signal_exits_at_once() {
        let token = CancelToken::new(3);
        assert!(!token.deliver(StopSignal::Interrupt));
        assert!(!token.deliver(StopSignal::Interrupt));
        assert!(token.deliver(StopSignal::Interrupt));
        let never = CancelToken::detached();
        for _ in 0..10 {
            assert!(!never.deliver(StopSignal::Interrupt));
        }
    }

    #[test]
    fn exit_statuses_follow_the_shell_convention() {
        assert_eq!(StopSignal::Interrupt.exit_status(), 130);
        assert_eq!(StopSignal::Terminate.exit_status(), 143);
        assert_eq!(StopSignal::Hangup.exit_status(), 129);
    }

    /// Two signals back to back are two, even when the counting thread has not run between
    /// them (the second Ctrl-C must end a take). SIGHUP, so the test runner still stops on
    /// Ctrl-C; patience 0, so nothing exits.
    #[cfg(unix)]
    #[test]
    fn signals_in_quick_succession_each_count() {
        let token = install(0).expect("signal thread");
        let before = token.received();
        for _ in 0..2 {
            // SAFETY: raise(3) on this process; the handler only writes a byte.
            assert_eq!(unsafe { libc::raise(SIGHUP) }, 0);
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while token.received() < before + 2 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(token.received(), before + 2);
        assert_eq!(token.nth(before + 1), Some(StopSignal::Hangup));
    }

    #[cfg(unix)]
    #[test]
    fn exit_statuses_are_128_plus_this_systems_signal_numbers() {
        for (raw, signal) in [
            (SIGINT, StopSignal::Interrupt),
            (SIGTERM, StopSignal::Terminate),
            (SIGHUP, StopSignal::Hangup),
        ] {
            assert_eq!(StopSignal::from_raw(raw), signal);
            assert_eq!(i32::from(signal.exit_status()), 128 + raw, "{signal:?}");
        }
    }
}
