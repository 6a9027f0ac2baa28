//! Checks whisper.cpp model files the way rehearse does before loading one, and times the check.
//!
//!     cargo run --release -p whisper-ggml --example check_model -- models/ggml-tiny.en-q8_0.bin
//!
//! Prints, per file, what it holds (or why it is not a whole model) and the median wall time of
//! 50 checks (the file is in the page cache after the first).

use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 50;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: check_model MODEL.bin ...");
        std::process::exit(2);
    }
    let mut failed = false;
    for path in &paths {
        let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
        let mut result = None;
        for _ in 0..RUNS {
            let start = Instant::now();
            let r = whisper_ggml::check_file(Path::new(path));
            times.push(start.elapsed());
            result = Some(r);
        }
        times.sort();
        let median = times[RUNS / 2];
        match result.expect("at least one run") {
            Ok(m) => println!(
                "{path}: {} ({}), {} tensors, {} bytes; check {:.2} ms (median of {RUNS})",
                m.hparams.family(),
                m.weight_type,
                m.tensors,
                m.bytes,
                median.as_secs_f64() * 1e3
            ),
            Err(e) => {
                failed = true;
                println!(
                    "{path}: {e}; check {:.2} ms (median of {RUNS})",
                    median.as_secs_f64() * 1e3
                )
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
