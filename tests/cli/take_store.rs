//! A take's life in the store, through the real binary and model: `reanalyze` keeps when a take
//! was recorded and what it answered, and a finished analysis reaches the user even when saving
//! it (or writing its JSON file) fails.

use crate::support::{fixture, stderr, stdout, World};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const QUESTION: &str = "Tell me about a project you are proud of";

/// `analyze clean.wav --save --question …` in `world`; returns the new session's folder.
fn save_clean_take(world: &World) -> PathBuf {
    let clean = fixture("clean.wav");
    let o = world.run(&[
        "analyze",
        clean.to_str().unwrap(),
        "--save",
        "--question",
        QUESTION,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sessions = world.data_dir().join("sessions");
    let mut folders: Vec<PathBuf> = fs::read_dir(&sessions)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    folders.remove(0)
}

fn read_report(folder: &Path) -> Value {
    serde_json::from_slice(&fs::read(folder.join("report.json")).unwrap()).unwrap()
}

#[test]
fn reanalyze_keeps_when_a_take_was_recorded_and_its_question() {
    let world = World::new();
    let folder = save_clean_take(&world);
    let id = folder.file_name().unwrap().to_str().unwrap().to_string();

    // A take recorded long ago: re-analysing it must not move it to today.
    let mut report = read_report(&folder);
    report["created_at"] = "2026-01-02T03:04:05Z".into();
    fs::write(folder.join("report.json"), report.to_string()).unwrap();
    let o = world.run(&["reanalyze", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let again = read_report(&folder);
    assert_eq!(again["created_at"], "2026-01-02T03:04:05Z");
    let analyzed = again["analyzed_at"].as_str().expect("analyzed_at is set");
    assert!(
        analyzed.starts_with("20") && analyzed != "2026-01-02T03:04:05Z",
        "{analyzed}"
    );
    assert_eq!(again["question"]["text"], QUESTION);
    let listed = world.run(&["history", "--json", "--since", "2026-01-01"]);
    assert!(
        stdout(&listed).contains("2026-01-02T03:04:05Z"),
        "history orders the take by when it was recorded: {}",
        stdout(&listed)
    );

    // A report emptied by hand, and the note beside it gone: the question comes back from the
    // index, and the recording time from the session id.
    fs::write(folder.join("report.json"), b"").unwrap();
    let _ = fs::remove_file(folder.join("question.json"));
    let o = world.run(&["reanalyze", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let healed = read_report(&folder);
    assert_eq!(healed["question"]["text"], QUESTION);
    let from_id = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &id[0..4],
        &id[4..6],
        &id[6..8],
        &id[9..11],
        &id[11..13],
        &id[13..15]
    );
    assert_eq!(healed["created_at"], from_id.as_str());
}

#[test]
fn a_take_that_cannot_be_saved_is_still_reported() {
    let world = World::new();
    // The data dir is a file: the store cannot be opened.
    fs::write(world.data_dir(), b"not a folder").unwrap();
    let clean = fixture("clean.wav");
    let o = world.run(&["analyze", clean.to_str().unwrap(), "--save"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Pace") && out.contains("Verdict"),
        "the summary is printed: {out}"
    );
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(errors[0].contains("session folder"), "{err}");
}

#[test]
fn a_json_file_that_cannot_be_written_does_not_lose_the_saved_take() {
    let world = World::new();
    let clean = fixture("clean.wav");
    // A folder that does not exist is refused before any work (a usage error); a file name
    // longer than the file system allows passes that check and fails only at the write, which
    // is the case here: the take must be kept all the same.
    let bad = world.path(&format!("{}.json", "r".repeat(300)));
    let o = world.run(&[
        "analyze",
        clean.to_str().unwrap(),
        "--save",
        "--json",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("Verdict"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("cannot write the report"),
        "{}",
        stderr(&o)
    );
    assert!(!bad.exists());
    let listed = world.run(&["history", "--json"]);
    assert_eq!(stdout(&listed).lines().count(), 1, "the take was saved");
}
