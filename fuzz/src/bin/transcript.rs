//! Someone else's transcript (`rehearse analyze --transcript`): Whisper, OpenAI and whisper.cpp
//! JSON, rehearse reports, WebVTT, SRT and plain text, with or without speaker labels. Any bytes
//! give a report or one error, never a panic, and a report they give is whole: every count
//! agrees with the transcript it came from.
//!
//! The first byte chooses how the file is named and what the command line says (format by
//! content, by extension or by `--format`; the main speaker, all speakers, or one by name), the
//! rest is the file. The seeds are the project's transcript fixtures, each behind the byte that names it by
//! its own extension.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rehearse_fuzz::rehearse;

const EXTENSIONS: [&str; 6] = ["json", "vtt", "srt", "txt", "transcript", "JSON"];
const FORMATS: [Option<&str>; 5] = [None, Some("json"), Some("vtt"), Some("srt"), Some("text")];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, file)) = data.split_first() else {
        return;
    };
    let choice = choice as usize;
    let name = format!("in.{}", EXTENSIONS[choice % EXTENSIONS.len()]);
    let path = rehearse_fuzz::scratch().join(name);
    std::fs::write(&path, file).unwrap();
    let path = path.to_str().unwrap();
    let mut args = vec!["analyze", "--transcript", path, "--json", "-"];
    if let Some(format) = FORMATS[(choice / EXTENSIONS.len()) % FORMATS.len()] {
        args.extend(["--format", format]);
    }
    match choice / (EXTENSIONS.len() * FORMATS.len()) % 3 {
        1 => args.push("--all-speakers"),
        2 => args.extend(["--speaker", "Interviewer"]),
        _ => {}
    }
    let (result, out) = rehearse(&args);
    if result.is_err() {
        assert!(
            out.is_empty(),
            "an error, yet output: {}",
            String::from_utf8_lossy(&out)
        );
        return;
    }
    let report: serde_json::Value = serde_json::from_slice(&out).expect("the report is JSON");
    let words = report["transcript"]["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| s["words"].as_array().expect("words").len())
        .sum::<usize>();
    assert_eq!(
        report["metrics"]["word_count"].as_u64(),
        Some(words as u64),
        "the word count is the transcript's"
    );
    let listed = report["fillers"].as_array().expect("fillers").len();
    let by_word: u64 = report["metrics"]["fillers"]["by_word"]
        .as_object()
        .expect("fillers by word")
        .values()
        .map(|n| n.as_u64().expect("a count"))
        .sum();
    let total = report["metrics"]["fillers"]["total"].as_u64();
    assert_eq!(total, Some(listed as u64), "fillers listed and counted");
    assert_eq!(total, Some(by_word), "fillers counted and counted by word");
});
