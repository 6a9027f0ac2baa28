//! Drives a command in a private tmux server (its own socket, so it never touches anyone's
//! sessions and starts with this process's environment) to see what a person would see.
//!
//! The server runs in the foreground (`tmux -D`) as our child: daemonizing needs /dev/null to
//! be a character device, which it is not in some containers ("daemon failed: No such device").

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: PathBuf,
    session: String,
    server: Child,
}

impl Tmux {
    /// Starts `shell_line` (run by sh) in a detached session of `width`×`height`.
    pub fn start(dir: &Path, shell_line: &str, width: u16, height: u16) -> Result<Tmux, String> {
        let socket = dir.join("tmux.sock");
        let config = dir.join("tmux.conf");
        std::fs::write(&config, "").map_err(|e| e.to_string())?;
        let server = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .arg("-f")
            .arg(&config)
            .arg("-D")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("tmux server: {e}"))?;
        let tmux = Tmux {
            socket,
            session: "rehearse-test".to_string(),
            server,
        };
        let until = Instant::now() + Duration::from_secs(10);
        while !tmux.socket.exists() {
            if Instant::now() > until {
                return Err("tmux server did not start".into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            &tmux.session,
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            shell_line,
        ])?;
        Ok(tmux)
    }

    fn run(&self, args: &[&str]) -> Result<String, String> {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .map_err(|e| format!("tmux: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "tmux {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Appends everything the pane's program writes (escape codes included) to `path`, so a
    /// test can check every frame drawn rather than the screens it happened to sample.
    pub fn log_output(&self, path: &Path) -> Result<(), String> {
        let command = format!("cat >> {}", super::alsa::quote(&path.to_string_lossy()));
        self.run(&["pipe-pane", "-t", &self.session, &command])
            .map(|_| ())
    }

    /// The pid of the pane's shell.
    pub fn pane_pid(&self) -> Result<u32, String> {
        let out = self.run(&["display-message", "-p", "-t", &self.session, "#{pane_pid}"])?;
        out.trim()
            .parse()
            .map_err(|e| format!("pane pid {out:?}: {e}"))
    }

    /// The visible screen as text.
    pub fn screen(&self) -> Result<String, String> {
        self.run(&["capture-pane", "-p", "-t", &self.session])
    }

    pub fn send_keys(&self, keys: &[&str]) -> Result<(), String> {
        let mut args = vec!["send-keys", "-t", self.session.as_str()];
        args.extend_from_slice(keys);
        self.run(&args).map(|_| ())
    }

    /// Polls the screen until `pred` holds, returning that screen; every screen seen is kept in
    /// `seen` (for checks on what passed by).
    pub fn wait_for(
        &self,
        timeout: Duration,
        seen: &mut Vec<String>,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let until = Instant::now() + timeout;
        loop {
            let screen = self.screen()?;
            if seen.last() != Some(&screen) {
                seen.push(screen.clone());
            }
            if pred(&screen) {
                return Ok(screen);
            }
            if Instant::now() > until {
                return Err(format!("timed out; last screen:\n{screen}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
        // The server exits once its sessions are gone; give it a moment, then insist.
        let until = Instant::now() + Duration::from_secs(2);
        while matches!(self.server.try_wait(), Ok(None)) && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}
