//! Inputs the fuzz targets (`fuzz/`, `scripts/fuzz.sh`) once crashed on, kept in
//! `fuzz/regressions/TARGET/` and replayed here through the binary: each must get an answer or
//! one clear error line, never a panic. The fuzz targets replay them too, with debug assertions
//! (an overflow that wraps silently in the release binary still fails there), so each finding also
//! has a test of its own below that checks what the release binary says.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{root, stderr, World};

fn regressions(target: &str) -> Vec<PathBuf> {
    let dir = root().join("fuzz/regressions").join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Exit 0, or exit 1 with one line that starts "error:" and names `file`.
fn assert_answered(o: &Output, file: &Path) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "{}: {err}", file.display());
    match o.status.code() {
        Some(0) => {}
        Some(1) => {
            let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
            assert_eq!(lines.len(), 1, "{}: {err}", file.display());
            let name = file.file_name().unwrap().to_str().unwrap();
            assert!(lines[0].contains(name), "{}: {err}", file.display());
        }
        other => panic!("{}: exit {other:?}: {err}", file.display()),
    }
}

#[test]
fn every_kept_input_is_answered_through_the_binary() {
    let world = World::new();
    let mut replayed = 0;
    for entry in fs::read_dir(root().join("fuzz/regressions")).unwrap() {
        let target = entry.unwrap().file_name().into_string().unwrap();
        for file in regressions(&target) {
            match target.as_str() {
                "wav" => {
                    let o = world.run(&["analyze", file.to_str().unwrap(), "--json", "-"]);
                    assert_answered(&o, &file);
                }
                "wav_repair" => {
                    // `recover` may rewrite the file: it works on a copy.
                    let copy = world.path(file.file_name().unwrap().to_str().unwrap());
                    fs::copy(&file, &copy).unwrap();
                    let o = world.run(&["recover", copy.to_str().unwrap()]);
                    assert_answered(&o, &copy);
                }
                other => panic!("fuzz/regressions/{other}: add a replay for this target here"),
            }
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no kept inputs in fuzz/regressions");
}

/// Found by the `wav` target: a frame of 44034 bytes (block align 0xac02) for one channel made
/// the sample size overflow 16 bits; the release binary then named a wrapped size.
#[test]
fn a_header_with_a_huge_frame_names_its_real_sample_size() {
    let world = World::new();
    let file = root().join("fuzz/regressions/wav/block-align-overflow.wav");
    let o = world.run(&["analyze", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("unsupported WAV encoding (352272-bit samples)"),
        "{}",
        stderr(&o)
    );
}
