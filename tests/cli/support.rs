//! Shared test helpers: the binary and model paths, a temporary world per test, fixture labels,
//! word error rate, and validation of reports against the published JSON Schema.

use serde_json::Value;
use std::cell::Cell;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `rehearse` binary under test.
pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_rehearse"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The model every test uses. Tests fail (not skip) without it: `scripts/test.sh` makes it.
pub fn model() -> PathBuf {
    let path = std::env::var_os("REHEARSE_TEST_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("models/ggml-tiny.en-q8_0.bin"));
    assert!(
        path.is_file(),
        "{} is missing: run scripts/fetch-model.sh (scripts/test.sh does)",
        path.display()
    );
    path
}

/// Who may use the two cores. A real-time capture test measures the recorder against the wall
/// clock (not one block dropped), so no other test may run the model meanwhile: capture tests
/// hold this lock exclusively (`capture_support::serial`) and every `World` holds it shared for
/// its life. Tests that start no `World` (the review commands on hand-written takes) do not run
/// the model and may run beside anything.
static CPU: RwLock<()> = RwLock::new(());

thread_local! {
    /// Whether this thread holds `CPU` exclusively (its own `World`s then need no shared hold).
    static EXCLUSIVE: Cell<bool> = const { Cell::new(false) };
}

/// A hold on `CPU`; released when dropped.
pub enum CpuHold {
    Shared(#[allow(dead_code)] RwLockReadGuard<'static, ()>),
    Exclusive(#[allow(dead_code)] RwLockWriteGuard<'static, ()>),
    /// This thread already holds the lock exclusively.
    Nested,
}

impl Drop for CpuHold {
    fn drop(&mut self) {
        if matches!(self, CpuHold::Exclusive(_)) {
            EXCLUSIVE.with(|e| e.set(false));
        }
    }
}

/// The whole machine for a real-time test: waits until no other test holds the lock.
pub fn cpu_exclusive() -> CpuHold {
    // A test that failed while holding the lock poisons it; the lock still does its job.
    let guard = CPU.write().unwrap_or_else(|p| p.into_inner());
    EXCLUSIVE.with(|e| e.set(true));
    CpuHold::Exclusive(guard)
}

/// A share of the machine for a test that runs the model: waits while a real-time test runs.
pub fn cpu_shared() -> CpuHold {
    if EXCLUSIVE.with(Cell::get) {
        return CpuHold::Nested;
    }
    CpuHold::Shared(CPU.read().unwrap_or_else(|p| p.into_inner()))
}

/// A temporary data dir and config dir for one test.
pub struct World {
    pub dir: tempfile::TempDir,
    _cpu: CpuHold,
}

impl World {
    pub fn new() -> World {
        World {
            dir: tempfile::tempdir().expect("temp dir"),
            _cpu: cpu_shared(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.path("data")
    }

    /// The environment every `rehearse` of this world runs with (and nothing else).
    pub fn envs(&self) -> Vec<(&'static str, OsString)> {
        vec![
            ("PATH", std::env::var_os("PATH").unwrap_or_default()),
            ("HOME", self.path("home").into()),
            ("XDG_CONFIG_HOME", self.path("config").into()),
            ("XDG_DATA_HOME", self.path("xdg-data").into()),
            ("REHEARSE_DATA_DIR", self.data_dir().into()),
            ("REHEARSE_MODEL", model().into()),
            // One transcription thread per process: tests run two at a time on two cores.
            ("REHEARSE_THREADS", "1".into()),
        ]
    }

    /// `program` with this world's environment only.
    pub fn cmd_for(&self, program: impl AsRef<OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env_clear().envs(self.envs());
        c
    }

    /// `rehearse` with this world's dirs and the test model; no terminal, so no progress bars.
    pub fn cmd(&self) -> Command {
        self.cmd_for(bin())
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run rehearse")
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `analyze FILE --json -` and returns the report.
pub fn analyze_json(world: &World, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["analyze", file.to_str().unwrap(), "--json", "-"];
    args.extend_from_slice(extra);
    report_of(&world.run(&args), file)
}

/// The report a successful `… --json -` run printed, checked against the published schema.
pub fn report_of(o: &Output, file: &Path) -> Value {
    assert!(
        o.status.success(),
        "analyze {} failed: {}",
        file.display(),
        stderr(o)
    );
    let report: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", stdout(o)));
    assert_valid_report(&report);
    report
}

/// `schema/report.schema.json` (the schema the project publishes and `rehearse schema` prints,
/// pinned by a test), compiled once.
fn report_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("schema/report.schema.json"))
            .expect("schema/report.schema.json");
        let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
        jsonschema::validator_for(&schema).expect("the published schema compiles")
    })
}

/// Why `report` does not follow the published schema: one line per violation.
pub fn schema_violations(report: &Value) -> Vec<String> {
    report_validator()
        .iter_errors(report)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Fails the test, listing the violations, when `report` does not follow the published schema.
pub fn assert_valid_report(report: &Value) {
    let violations = schema_violations(report);
    assert!(
        violations.is_empty(),
        "the report does not follow schema/report.schema.json:\n{}",
        violations.join("\n")
    );
}

/// The status (pass/warn/fail) of the check `id` in a report.
pub fn check_status<'a>(report: &'a Value, id: &str) -> &'a str {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no {id} check: {}", report["checks"]))["status"]
        .as_str()
        .unwrap()
}

pub fn labels(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(name)).expect("labels");
    serde_json::from_str(&text).expect("label JSON")
}

/// Lower-case words without punctuation; digits spelled as the fixtures speak them.
pub fn normalized_words(text: &str) -> Vec<String> {
    text.replace('%', " percent")
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .replace('\u{2019}', "'")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .map(|w| match w.as_str() {
            "10" => "ten".to_string(),
            "40" => "forty".to_string(),
            "umm" => "um".to_string(),
            _ => w,
        })
        .collect()
}

/// Word error rate of `hypothesis` against `reference`: word-level edit distance / reference length.
pub fn word_error_rate(reference: &str, hypothesis: &str) -> f64 {
    let r = normalized_words(reference);
    let h = normalized_words(hypothesis);
    let mut prev: Vec<usize> = (0..=h.len()).collect();
    for (i, rw) in r.iter().enumerate() {
        let mut row = vec![i + 1; h.len() + 1];
        for (j, hw) in h.iter().enumerate() {
            let sub = prev[j] + usize::from(rw != hw);
            row[j + 1] = sub.min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev[h.len()] as f64 / r.len().max(1) as f64
}

/// Writes 16 kHz mono samples in another WAV format (rate, channels, bits, float).
pub fn write_variant(src: &Path, dst: &Path, rate: u32, channels: u16, bits: u16, float: bool) {
    let mut reader = hound::WavReader::open(src).unwrap();
    let samples: Vec<f32> = reader
        .samples::<i16>()
        .map(|s| s.unwrap() as f32 / 32768.0)
        .collect();
    // Linear interpolation is fine for making a test input: the analysis resamples properly.
    let out_len = (samples.len() as u64 * rate as u64 / 16_000) as usize;
    let spec = hound::WavSpec {
        channels,
        sample_rate: rate,
        bits_per_sample: bits,
        sample_format: if float {
            hound::SampleFormat::Float
        } else {
            hound::SampleFormat::Int
        },
    };
    let mut w = hound::WavWriter::create(dst, spec).unwrap();
    for i in 0..out_len {
        let pos = i as f64 * 16_000.0 / rate as f64;
        let k = pos as usize;
        let frac = (pos - k as f64) as f32;
        let a = samples[k.min(samples.len() - 1)];
        let b = samples[(k + 1).min(samples.len() - 1)];
        let v = a + (b - a) * frac;
        for _ in 0..channels {
            match (float, bits) {
                (true, _) => w.write_sample(v).unwrap(),
                (false, 8) => w.write_sample((v * 127.0) as i8).unwrap(),
                (false, 16) => w.write_sample((v * 32767.0) as i16).unwrap(),
                (false, b) => w
                    .write_sample((v as f64 * ((1i64 << (b - 1)) - 1) as f64) as i32)
                    .unwrap(),
            }
        }
    }
    w.finalize().unwrap();
}

#[test]
fn word_error_rate_counts_edits() {
    assert_eq!(word_error_rate("a b c d", "a b c d"), 0.0);
    assert_eq!(word_error_rate("a b c d", "a x c"), 0.5);
    assert_eq!(
        word_error_rate("It dropped 40%.", "it dropped forty percent"),
        0.0
    );
}
