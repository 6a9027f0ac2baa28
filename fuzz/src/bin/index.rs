//! The session index (index.jsonl) next to three saved takes: `history`, `progress` (with a
//! chart) and `show` read it line by line and must answer or warn, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rehearse::history::Store;
use rehearse_fuzz::rehearse;
use rehearse_fuzz::synthetic::{report, Script};
use std::path::PathBuf;
use std::sync::OnceLock;

/// A store with three real takes (their ids are in the seeds), made once per process.
fn store() -> &'static PathBuf {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = rehearse_fuzz::scratch().join("index-store");
        let store = Store::open(&dir).unwrap();
        let start = time::macros::datetime!(2026-11-20 09:00 UTC);
        for (day, text) in [
            (0, "um I like the team |3.0| and the product"),
            (1, "I like the people and you know the work"),
            (2, "I really like the team and the product we build"),
        ] {
            let at = start + time::Duration::days(day);
            let take = store.begin_at(at).unwrap();
            std::fs::write(take.recording_path(), b"").unwrap();
            let script = Script::new(Some("Why do you want to work here?"), text, at);
            take.finish(&report(&script)).unwrap();
        }
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = store();
    std::fs::write(dir.join("sessions/index.jsonl"), data).unwrap();
    let d = dir.to_str().unwrap();
    let chart = rehearse_fuzz::scratch().join("chart.svg");
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["history", "--since", "2026-11-21"],
        &["history", "--question", "work"],
        &["progress"],
        &["progress", "--json"],
        &["progress", "--plot", chart.to_str().unwrap()],
        &["show", "latest"],
    ] {
        let _ = rehearse(&[&["--data-dir", d][..], args].concat());
        // The listing may heal the index (append takes it lacks): start each command afresh.
        std::fs::write(dir.join("sessions/index.jsonl"), data).unwrap();
    }
});
