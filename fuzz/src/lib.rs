//! Helpers shared by the fuzz targets. Each file in `src/bin/` is one target (cargo finds it,
//! and so does `scripts/fuzz.sh`); seeds for a target go in `seeds/<target>/`, and inputs that
//! once crashed it in `regressions/<target>/`, which the main test suite replays through the
//! binary (`tests/cli/fuzz_regressions.rs`).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Scripted takes to fill a store with (test tooling kept outside the shipped library).
#[path = "../../tests/support/synthetic.rs"]
pub mod synthetic;

/// A scratch folder for this fuzzing process (under TMPDIR: `scripts/fuzz.sh` points it at a
/// folder of its own, on tmpfs when there is one, and removes it afterwards).
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("scratch-")
            .tempdir()
            .expect("scratch folder")
            .keep()
    })
}

/// Runs `rehearse ARGS` in this process with its output captured. Errors are normal answers
/// to bad input; a panic is a finding (libFuzzer stops and keeps the input).
pub fn rehearse(args: &[&str]) -> (anyhow::Result<()>, Vec<u8>) {
    use clap::Parser as _;
    let argv = std::iter::once("rehearse").chain(args.iter().copied());
    let cli = rehearse::cli::Cli::try_parse_from(argv)
        .unwrap_or_else(|e| panic!("the fuzz target's own command line {args:?} is wrong: {e}"));
    let mut out = Vec::new();
    let result = rehearse::fuzzing::dispatch_to(cli, &mut out);
    (result, out)
}
