//! The Enter key during a take: a thread that watches stdin for a line, only when stdin is a
//! terminal in the foreground, with the terminal's echo off while it watches (the Enter would
//! otherwise print a newline under the timer line and leave a stale copy of it on screen). The
//! echo always comes back: when the watch stops, and through [`restore_terminal`] before an
//! emergency exit.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Watches stdin for Enter, only when stdin is a terminal and we are in its foreground (reading
/// from the background would stop the process with SIGTTIN). While it watches, the terminal's
/// echo is off: the Enter (or any typed key) would otherwise print a newline under the timer
/// line and leave a stale copy of it on screen.
pub struct EnterWatch {
    pressed: Arc<AtomicBool>,
    done: Arc<AtomicBool>,
}

impl EnterWatch {
    pub fn start() -> Self {
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

    pub fn pressed(&self) -> bool {
        self.pressed.load(Ordering::SeqCst)
    }

    /// Ends the watch thread (within one poll interval), so it does not eat later input, and
    /// gives the terminal its echo back.
    pub fn stop(&self) {
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
    //! Terminal echo on stdin, switched off during a take and always switched back.
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

/// Gives the terminal its echo back (for the signal thread's emergency exit).
pub fn restore_terminal() {
    tty::restore();
}
