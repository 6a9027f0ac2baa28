//! Helpers for the history tests: a temporary world (data dir, XDG dirs, UTC clock, no colour)
//! where hand-written takes (`crate::takes`) are saved through the real `Store` API.

use crate::takes::Take;
use rehearse::history::{SessionEntry, Store};
use std::path::PathBuf;
use std::process::{Command, Output};
use tempfile::TempDir;

pub struct World {
    pub dir: TempDir,
}

impl World {
    pub fn new() -> World {
        World {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn store(&self) -> Store {
        Store::open(&self.data_dir()).expect("open store")
    }

    /// `rehearse ARGS` in this world.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_rehearse"));
        c.args(args)
            .env("REHEARSE_DATA_DIR", self.data_dir())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env("HOME", self.dir.path())
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .env_remove("REHEARSE_MODEL")
            .env_remove("REHEARSE_CONFIG")
            .env_remove("CLICOLOR_FORCE");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run rehearse")
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "rehearse {args:?} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 stdout")
    }

    /// Saves a hand-written take.
    pub fn save(&self, take: &Take) -> SessionEntry {
        take.save(&self.store())
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Reads a PNG's width and height from its IHDR chunk.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}
