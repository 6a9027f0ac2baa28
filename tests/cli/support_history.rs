//! Helpers for the history tests: a temporary world (data dir, XDG dirs, UTC clock, no colour)
//! and saved takes made through the real `Store` API with a small valid `take.wav`.

use rehearse::history::synthetic::{report, Script};
use rehearse::history::{SessionEntry, Store};
use std::path::PathBuf;
use std::process::{Command, Output};
use tempfile::TempDir;
use time::OffsetDateTime;

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

    /// Saves a take of `question` spoken as `text` (see `Script`), at `at`.
    pub fn save(&self, at: OffsetDateTime, question: &str, text: &str) -> SessionEntry {
        save_take(&self.store(), at, Some(question), text)
    }
}

/// Saves a take through the Store API: reserve, record a short WAV, analyse, finish.
pub fn save_take(
    store: &Store,
    at: OffsetDateTime,
    question: Option<&str>,
    text: &str,
) -> SessionEntry {
    let take = store.begin_at(at).expect("begin");
    write_wav(&take.create_recording().expect("create wav"));
    take.finish(&report(&Script::new(question, text, at)))
        .expect("finish")
}

/// A quarter second of a quiet 220 Hz tone, 16 kHz mono 16-bit (the recorder's format).
fn write_wav(file: &std::fs::File) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 16_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::new(std::io::BufWriter::new(file), spec).expect("wav");
    for i in 0..4_000 {
        let t = i as f32 / 16_000.0;
        let s = (t * 220.0 * std::f32::consts::TAU).sin() * 3_000.0;
        w.write_sample(s as i16).expect("sample");
    }
    w.finalize().expect("finalize wav");
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

/// `00:00:01,500` → 1.5
pub fn parse_stamp(s: &str) -> f64 {
    let s = s.replace(',', ".");
    let parts: Vec<&str> = s.split(':').collect();
    assert_eq!(parts.len(), 3, "{s}");
    parts[0].parse::<f64>().unwrap() * 3600.0
        + parts[1].parse::<f64>().unwrap() * 60.0
        + parts[2].parse::<f64>().unwrap()
}
