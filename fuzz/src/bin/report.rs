//! A session's report.json, as the store and every command that shows saved takes read it:
//! `history`, `show` (text, JSON, subtitles), `progress` and `compare` must answer or give an
//! error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rehearse_fuzz::rehearse;

const ID: &str = "20261129T100000Z";

fuzz_target!(|data: &[u8]| {
    let store = rehearse_fuzz::scratch().join("report-store");
    let session = store.join("sessions").join(ID);
    std::fs::create_dir_all(&session).unwrap();
    std::fs::write(session.join("report.json"), data).unwrap();
    // No index: the listing reads the folder's report (and writes the index back).
    let _ = std::fs::remove_file(store.join("sessions/index.jsonl"));
    let d = store.to_str().unwrap();
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["show", ID],
        &["show", ID, "--json"],
        &["show", ID, "--srt"],
        &["show", ID, "--vtt"],
        &["progress"],
        &["progress", "--json"],
        &["compare", ID, "latest"],
        &["compare", ID, "latest", "--json"],
    ] {
        let _ = rehearse(&[&["--data-dir", d][..], args].concat());
    }
});
