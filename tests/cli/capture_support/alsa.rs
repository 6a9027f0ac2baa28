//! A private ALSA world: a config whose default capture device reads fd 3, a FIFO to feed it,
//! and a way to start a process with both.

use std::ffi::CString;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

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

    /// `bin args…` with fd 3 reading the FIFO and ALSA pointed at the world's config, in its
    /// own process group so SIGINT is delivered as from a terminal (and not ignored, as it is
    /// for background jobs of a non-interactive shell).
    pub fn command(&self, bin: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new("bash");
        cmd.arg("-c")
            .arg(r#"exec 3<"$0"; exec "$@""#)
            .arg(&self.fifo)
            .arg(bin)
            .args(args)
            .env("ALSA_CONFIG_PATH", &self.config)
            .process_group(0);
        cmd
    }

    /// The same as one shell command line (for tmux): fd 3 from the FIFO, ALSA config set,
    /// then `tail` (for example "; echo EXIT=$?; sleep 60") run by the same shell.
    pub fn shell_line(&self, bin: &Path, args: &[&str], tail: &str) -> String {
        let mut line = format!(
            "exec 3<{}; ALSA_CONFIG_PATH={} {}",
            quote(&self.fifo.to_string_lossy()),
            quote(&self.config.to_string_lossy()),
            quote(&bin.to_string_lossy())
        );
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
