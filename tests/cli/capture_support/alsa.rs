//! A private ALSA world: a config whose default capture device reads fd 3, a FIFO to feed it,
//! and a way to start a process with both.

use std::ffi::{CString, OsStr, OsString};
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{bin, World};

/// The `file` plugin over a `null` slave: capture data comes from fd 3 as raw samples in the
/// format the application negotiates (cpal picks f32, 2 ch, 48 kHz here). No `plug` in front:
/// that drops periods.
pub const FILE_PLUGIN_CONFIG: &str = r#"pcm.!default {
    type file
    slave.pcm { type null }
    file "/dev/null"
    infile 3
    format "raw"
}
"#;

/// A default that cannot open: the situation of a machine without a microphone.
pub const NO_DEVICE_CONFIG: &str = "pcm.!default {\n    type hw\n    card 99\n}\n";

pub struct AlsaWorld {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub fifo: PathBuf,
}

impl AlsaWorld {
    /// A world whose default capture device is fed through `self.fifo`.
    pub fn fed() -> io::Result<Self> {
        Self::with_config(FILE_PLUGIN_CONFIG)
    }

    /// A world with no usable capture device.
    pub fn without_device() -> io::Result<Self> {
        Self::with_config(NO_DEVICE_CONFIG)
    }

    fn with_config(text: &str) -> io::Result<Self> {
        let dir = tempfile::tempdir()?;
        let config = dir.path().join("asound.conf");
        std::fs::write(&config, text)?;
        let fifo = dir.path().join("mic.fifo");
        make_fifo(&fifo)?;
        Ok(AlsaWorld { dir, config, fifo })
    }

    /// A path inside the world's temporary folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `rehearse args…` in `world`'s environment, with fd 3 reading the FIFO and ALSA pointed at
    /// this world's config, in its own process group so SIGINT is delivered as from a terminal
    /// (and not ignored, as it is for background jobs of a non-interactive shell). bash opens
    /// the FIFO and then `exec`s rehearse, so the child's pid is rehearse's.
    pub fn command(&self, world: &World, args: &[&str]) -> Command {
        self.command_under(world, &[], args)
    }

    /// `command`, with rehearse run by `runner` (for example a tracer and its options); the
    /// child's pid is then the runner's.
    pub fn command_under(&self, world: &World, runner: &[&OsStr], args: &[&str]) -> Command {
        let mut cmd = world.cmd_for("bash");
        cmd.arg("-c")
            .arg(r#"exec 3<"$0"; exec "$@""#)
            .arg(&self.fifo)
            .args(runner)
            .arg(bin())
            .args(args)
            .env("ALSA_CONFIG_PATH", &self.config)
            .process_group(0);
        cmd
    }

    /// The same as one shell command line (for tmux): fd 3 from the FIFO, `world`'s environment
    /// and `extra_env` set, ALSA pointed at this world's config, then `tail` (for example
    /// "; echo EXIT=$?; sleep 60") run by the same shell.
    pub fn shell_line(
        &self,
        world: &World,
        extra_env: &[(&str, OsString)],
        args: &[&str],
        tail: &str,
    ) -> String {
        let mut line = format!("exec 3<{};", quote(&self.fifo.to_string_lossy()));
        let alsa = [("ALSA_CONFIG_PATH", OsString::from(&self.config))];
        for (k, v) in world.envs().iter().chain(extra_env).chain(&alsa) {
            line.push_str(&format!(" {k}={}", quote(&v.to_string_lossy())));
        }
        line.push(' ');
        line.push_str(&quote(&bin().to_string_lossy()));
        for a in args {
            line.push(' ');
            line.push_str(&quote(a));
        }
        line.push_str(tail);
        line
    }
}

/// Single-quotes a word for sh.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r#"'\''"#))
}

fn make_fifo(path: &Path) -> io::Result<()> {
    let c = CString::new(path.as_os_str().as_encoded_bytes()).map_err(io::Error::other)?;
    // SAFETY: a valid NUL-terminated path.
    if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Sends a signal to a process.
pub fn signal(pid: u32, sig: libc::c_int) -> io::Result<()> {
    // SAFETY: kill(2) with a pid we spawned.
    if unsafe { libc::kill(pid as libc::pid_t, sig) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Waits until a signal sent to `pid` has left the process's pending set (`ShdPnd` in
/// /proc/PID/status), i.e. its handler has run. Two identical signals sent before the first
/// is delivered merge into one; sending the second only after this makes both count.
pub fn wait_until_delivered(
    pid: u32,
    sig: libc::c_int,
    timeout: std::time::Duration,
) -> Result<(), String> {
    let until = std::time::Instant::now() + timeout;
    let bit = 1u64 << (sig - 1);
    loop {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .map_err(|e| format!("/proc/{pid}/status: {e}"))?;
        let pending = status
            .lines()
            .find_map(|l| l.strip_prefix("ShdPnd:"))
            .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
            .ok_or_else(|| format!("no ShdPnd in /proc/{pid}/status"))?;
        if pending & bit == 0 {
            return Ok(());
        }
        if std::time::Instant::now() > until {
            return Err(format!(
                "signal {sig} still pending for {pid} after {timeout:?}"
            ));
        }
        std::thread::yield_now();
    }
}
