//! Runs that fail or are interrupted after the analysis has started. Interrupted: `--json PATH`
//! is not written (it is written atomically, only once the analysis is complete), and one already
//! at PATH is left as it was; exit status 130. A take that cannot be saved: the finished analysis
//! is still printed and written, then one error line and exit status 1.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use crate::support::*;

const EARLIER: &str = "{\"an earlier report\": true}\n";

/// No file but `keep` (with its earlier content) is left in the world's folder.
fn assert_only(world: &World, keep: &std::path::Path) {
    assert_eq!(std::fs::read_to_string(keep).unwrap(), EARLIER);
    let names: Vec<String> = std::fs::read_dir(world.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "data")
        .collect();
    assert_eq!(names, ["report.json"], "left behind: {names:?}");
}

#[test]
fn interrupting_the_analysis_exits_130_and_leaves_the_report_file_alone() {
    let world = World::new();
    let report = world.path("report.json");
    std::fs::write(&report, EARLIER).unwrap();
    let answer = root().join("examples/answer.wav");
    // REHEARSE_TRACE announces the windows just before they are transcribed.
    let mut child = world
        .cmd()
        .args([
            "analyze",
            answer.to_str().unwrap(),
            "--json",
            report.to_str().unwrap(),
        ])
        .env("REHEARSE_TRACE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn rehearse");
    let (lines, seen) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    loop {
        let line = seen
            .recv_timeout(Duration::from_secs(120))
            .expect("the transcription starts");
        // Trace lines are stamped: "[   0.412] windows: …".
        if line
            .split_once("] ")
            .is_some_and(|(_, text)| text.starts_with("windows:"))
        {
            break;
        }
    }
    crate::capture_support::alsa::signal(child.id(), libc::SIGINT).expect("SIGINT");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status}");
    assert_only(&world, &report);
}

#[test]
fn a_store_that_cannot_be_written_still_delivers_the_analysis_then_fails() {
    let world = World::new();
    let report = world.path("report.json");
    std::fs::write(&report, EARLIER).unwrap();
    // The data dir is a file: the take is analysed, then cannot be saved. What was computed is
    // still printed and written (the user asked for it and it is correct); then the failure
    // is reported on one line and the exit status says it.
    let data = world.path("data");
    std::fs::write(&data, "not a folder").unwrap();
    let o = world
        .cmd()
        .args([
            "analyze",
            fixture("silence.wav").to_str().unwrap(),
            "--save",
            "--json",
            report.to_str().unwrap(),
        ])
        .env("REHEARSE_DATA_DIR", &data)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(data.to_str().unwrap()), "{err}");
    assert!(
        stdout(&o).contains("No speech was found"),
        "the summary is printed: {}",
        stdout(&o)
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).expect("the report");
    assert_eq!(written["no_speech"], true, "{written}");
    assert_eq!(std::fs::read_to_string(&data).unwrap(), "not a folder");
}
