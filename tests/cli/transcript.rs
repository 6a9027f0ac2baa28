//! `rehearse analyze --transcript`: each supported format on a small hand-written file in
//! `tests/fixtures/transcripts/`, whose words, times and fillers are stated here; speaker
//! choice; what is left out without times; bad files; and that the model is never needed.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::*;

fn transcript(name: &str) -> PathBuf {
    fixture(&format!("transcripts/{name}"))
}

/// Runs `rehearse analyze --transcript FILE ARGS…` with the model pointing at a file that does
/// not exist: a transcript must never need it.
fn run(world: &World, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["analyze", "--transcript", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    world
        .cmd()
        .env("REHEARSE_MODEL", world.path("no-such-model.bin"))
        .args(&args)
        .output()
        .expect("run rehearse")
}

fn report(world: &World, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["--json", "-"];
    args.extend_from_slice(extra);
    report_of(&run(world, file, &args), file)
}

/// The transcript's words as (word, start, end); unknown times as NaN.
fn words(r: &Value) -> Vec<(String, f64, f64)> {
    r["transcript"]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["words"].as_array().unwrap())
        .map(|w| {
            (
                w["word"].as_str().unwrap().to_string(),
                w["start"].as_f64().unwrap_or(f64::NAN),
                w["end"].as_f64().unwrap_or(f64::NAN),
            )
        })
        .collect()
}

fn word_texts(r: &Value) -> Vec<String> {
    words(r).into_iter().map(|w| w.0).collect()
}

/// Fillers as (text, start), in order.
fn fillers(r: &Value) -> Vec<(String, Option<f64>)> {
    r["fillers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["text"].as_str().unwrap().to_string(), f["start"].as_f64()))
        .collect()
}

fn check_ids(r: &Value) -> Vec<String> {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

fn pauses(r: &Value) -> Vec<(f64, f64, f64)> {
    r["pauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["start"].as_f64().unwrap(),
                p["end"].as_f64().unwrap(),
                p["duration"].as_f64().unwrap(),
            )
        })
        .collect()
}

fn owned(list: &[(&str, Option<f64>)]) -> Vec<(String, Option<f64>)> {
    list.iter().map(|(t, s)| (t.to_string(), *s)).collect()
}

/// The start of the only filler with this text, which must lie inside `within`.
fn filler_inside(r: &Value, text: &str, within: (f64, f64)) {
    let found: Vec<f64> = fillers(r)
        .into_iter()
        .filter(|f| f.0 == text)
        .map(|f| f.1.expect("a time"))
        .collect();
    assert!(
        found.len() == 1 && found[0] >= within.0 && found[0] < within.1,
        "{text}: {found:?} not once inside {within:?}"
    );
}

#[test]
fn zoom_interview_analyses_the_chosen_speaker_with_cue_times() {
    let w = World::new();
    let r = report(&w, &transcript("interview.vtt"), &["--speaker", "alex"]);
    let input = &r["input"];
    assert_eq!(input["kind"], "transcript");
    assert_eq!(input["format"], "vtt");
    assert_eq!(input["speaker"], "Alex Chen");
    assert_eq!(input["word_times"], "estimated");
    assert!(input["path"].as_str().unwrap().ends_with("interview.vtt"));
    assert!(r["audio"].is_null() && r["model"].is_null());

    // Only Alex's 44 words; none of the interviewer's.
    let texts = word_texts(&r);
    assert_eq!(texts.len(), 44);
    assert_eq!(texts[..3], ["Um,", "last", "spring"]);
    assert_eq!(texts.last().unwrap(), "early.");
    for theirs in ["Tell", "Mm-hmm.", "learn?"] {
        assert!(!texts.contains(&theirs.to_string()), "{theirs} is Sam's");
    }
    // A cue's first word starts with the cue; the rest are spread inside it.
    let ws = words(&r);
    assert_eq!((ws[0].1, ws[10].2), (5.0, 10.0), "cue 2 spans its words");

    // Two answers: from Sam's question (ends 4.0) to 24.0, the backchannel at 15.2 inside it,
    // and from Sam's second question (ends 27.0) to 33.0.
    let m = &r["metrics"];
    assert_eq!(m["answers"], 2);
    assert_eq!(m["duration_s"], 26.0);
    assert_eq!(m["speech_s"], 20.5);
    assert_eq!(m["response_latency_s"], 1.0);
    assert_eq!(m["word_count"], 44);
    assert_eq!(m["wpm"], 101.5);
    // The only long pause is the silence between cues 3 and 5; Sam's questions are not pauses.
    assert_eq!(pauses(&r), [(15.0, 18.0, 3.0)]);
    assert_eq!(m["long_pauses"]["estimated"], true);
    assert_eq!(m["long_pauses"]["count"], 1);

    let found = fillers(&r);
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(found[0], ("um".to_string(), Some(5.0)));
    filler_inside(&r, "i mean", (10.0, 15.0));
    filler_inside(&r, "like", (10.0, 15.0));
    filler_inside(&r, "uh", (18.0, 24.0));
    assert_eq!(m["repetitions"], 1, "\"I, I\"");

    // Two answers are not one time box; everything else is judged.
    let ids = check_ids(&r);
    assert!(!ids.contains(&"duration".to_string()), "{ids:?}");
    for id in [
        "pace",
        "fillers",
        "long_pauses",
        "latency",
        "hedges",
        "repetitions",
    ] {
        assert!(ids.contains(&id.to_string()), "{id} missing: {ids:?}");
    }
    assert!(
        r["warnings"][0]
            .as_str()
            .unwrap()
            .contains("2 separate turns"),
        "{}",
        r["warnings"]
    );
}

#[test]
fn several_speakers_and_none_chosen_analyses_who_says_most_and_says_so() {
    let w = World::new();
    let file = transcript("interview.vtt");
    let o = run(&w, &file, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("2 speakers (Sam Patel 14 words, Alex Chen 44 words)")
            && err.contains("analysing Alex Chen")
            && err.contains("--speaker NAME"),
        "{err}"
    );
    let summary = stdout(&o);
    assert!(
        summary.contains("Transcript: ") && summary.contains("WebVTT, Alex Chen"),
        "{summary}"
    );
    assert!(
        summary.contains("(estimated from the transcript's times)"),
        "{summary}"
    );

    let sam = report(&w, &file, &["--speaker", "sam patel"]);
    assert_eq!(sam["metrics"]["word_count"], 14);
    let all = report(&w, &file, &["--all-speakers"]);
    assert_eq!(all["metrics"]["word_count"], 58);
    assert!(all["input"]["speaker"].is_null());
    assert_eq!(
        all["metrics"]["answers"], 1,
        "everyone's lines are one stretch"
    );

    let out = w.path("out.json");
    let o = run(
        &w,
        &file,
        &["--speaker", "Kim", "--json", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("interview.vtt") && err.contains("no speaker matches 'Kim'"),
        "{err}"
    );
    assert!(!out.exists(), "no report for a failed run");
}

#[test]
fn teams_voice_tags_and_markup() {
    let w = World::new();
    let r = report(&w, &transcript("teams.vtt"), &["--speaker", "Riley"]);
    assert_eq!(r["input"]["speaker"], "Riley Park");
    assert_eq!(
        word_texts(&r),
        [
            "Honestly,",
            "I",
            "love",
            "the",
            "R&D",
            "work",
            "and",
            "the",
            "team.",
            "It's,",
            "you",
            "know,",
            "what",
            "I",
            "do",
            "best."
        ]
    );
    filler_inside(&r, "you know", (9.0, 12.0));
    // Riley answers once, after Jordan's question ends at 3.5.
    assert_eq!(r["metrics"]["duration_s"], 8.5);
    assert_eq!(r["metrics"]["response_latency_s"], 0.5);
}

#[test]
fn youtube_rolling_captions_count_each_word_once_at_its_tagged_start() {
    let w = World::new();
    let r = report(&w, &transcript("youtube.vtt"), &[]);
    let ws = words(&r);
    let got: Vec<(&str, f64)> = ws.iter().map(|w| (w.0.as_str(), w.1)).collect();
    assert_eq!(
        got,
        [
            ("we", 0.0),
            ("shipped", 0.4),
            ("um", 0.9),
            ("two", 2.01),
            ("days", 2.6),
            ("early", 3.1)
        ]
    );
    assert_eq!(fillers(&r), owned(&[("um", Some(0.9))]));
    assert!(r["input"]["speaker"].is_null());
}

#[test]
fn srt_answer_with_markup_and_a_gap_between_cues() {
    let w = World::new();
    let r = report(
        &w,
        &transcript("answer.srt"),
        &["--question", "Tell me about a win"],
    );
    assert_eq!(r["input"]["format"], "srt");
    assert_eq!(r["question"]["text"], "Tell me about a win");
    let texts = word_texts(&r);
    assert_eq!(texts.len(), 21, "{texts:?}");
    assert_eq!(
        texts[5..7],
        ["Um,", "I"],
        "markup and [laughs] are not words"
    );
    assert!(!texts
        .iter()
        .any(|t| t.contains("laughs") || t.contains('<')));
    let m = &r["metrics"];
    // One speaker, one answer from the start of the recording to the last cue's end.
    assert_eq!(m["duration_s"], 14.0);
    assert_eq!(m["speech_s"], 10.3);
    assert_eq!(m["response_latency_s"], 1.2);
    assert_eq!(m["wpm"], 90.0);
    assert_eq!(pauses(&r), [(8.5, 11.0, 2.5)]);
    let found = fillers(&r);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0], ("um".to_string(), Some(4.0)));
    filler_inside(&r, "you know", (4.0, 8.5));
    filler_inside(&r, "uh", (11.0, 14.0));
    let ids = check_ids(&r);
    assert_eq!(
        ids,
        [
            "duration",
            "pace",
            "fillers",
            "long_pauses",
            "latency",
            "hedges",
            "repetitions",
            "result",
            "setup",
            "ending",
            "ownership"
        ],
        "\"Tell me about a win\" asks for a story: the story checks apply to a transcript too"
    );
    // The story as a coach would label it: the slow build, what I did, the new time.
    let st = &r["structure"];
    assert_eq!(st["behavioural"], true);
    let parts: Vec<(&str, f64)> = st["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["part"].as_str().unwrap(), x["start"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        parts,
        [("situation", 1.2), ("action", 4.0), ("result", 11.0)],
        "each sentence starts where its cue does"
    );
    assert_eq!(st["result_quantified"], true, "eight minutes");
    assert_eq!(st["ending"], "result");
    assert_eq!(st["first_action_s"], 4.0);
    assert_eq!(st["ownership"]["i"], 1);
    assert_eq!(st["ownership"]["we"], 0);
}

#[test]
fn whisper_json_keeps_its_word_times_and_pauses_come_from_word_gaps() {
    let w = World::new();
    let r = report(&w, &transcript("whisper.json"), &[]);
    assert_eq!(r["input"]["format"], "whisper-json");
    assert_eq!(r["input"]["word_times"], "measured");
    let ws = words(&r);
    assert_eq!(ws.len(), 13);
    assert_eq!(ws[0], ("Um,".to_string(), 0.8, 1.1));
    assert_eq!(ws[8], ("The".to_string(), 6.2, 6.4));
    let first = &r["transcript"]["segments"][0]["words"][0];
    assert_eq!(first["probability"].as_f64().unwrap() as f32, 0.61);
    assert_eq!(
        fillers(&r),
        owned(&[("um", Some(0.8)), ("like", Some(2.5)), ("uh", Some(7.2))])
    );
    assert_eq!(pauses(&r), [(3.7, 6.2, 2.5)]);
    let m = &r["metrics"];
    assert_eq!(m["duration_s"], 8.2);
    assert_eq!(m["speech_s"], 3.9);
    assert_eq!(m["response_latency_s"], 0.8);
    assert_eq!(m["long_pauses"]["estimated"], true);
}

#[test]
fn openai_verbose_json_gets_punctuation_back_and_uses_the_stated_duration() {
    let w = World::new();
    let r = report(&w, &transcript("openai.json"), &[]);
    assert_eq!(r["input"]["format"], "openai-json");
    assert_eq!(
        word_texts(&r),
        [
            "I",
            "led",
            "the",
            "migration.",
            "It",
            "was,",
            "you",
            "know,",
            "risky,",
            "but",
            "we",
            "finished",
            "early."
        ]
    );
    // "you know" between commas is only a filler once the text's commas are back.
    assert_eq!(fillers(&r), owned(&[("you know", Some(4.6))]));
    let m = &r["metrics"];
    assert_eq!(m["duration_s"], 10.0, "the recording's own length");
    assert_eq!(m["wpm"], 78.0);
    assert_eq!(m["speech_s"], 3.4);
    assert_eq!(pauses(&r), [(1.7, 4.0, 2.3)]);
    assert!(
        r["transcript"]["segments"][0]["words"][0]["probability"].is_null(),
        "OpenAI gives no word confidence"
    );
}

#[test]
fn whisper_cpp_full_json_tokens_become_words() {
    let w = World::new();
    let r = report(&w, &transcript("whisper-cpp.json"), &[]);
    assert_eq!(r["input"]["format"], "whisper-cpp-json");
    let ws = words(&r);
    let expected = [
        ("Um,", 0.3, 0.6),
        ("the", 0.9, 1.0),
        ("deploy", 1.0, 1.4),
        ("failed.", 1.4, 1.9),
        ("I", 4.5, 4.6),
        ("rolled", 4.6, 4.9),
        ("it", 4.9, 5.0),
        ("back,", 5.0, 5.3),
        ("uh,", 5.6, 5.9),
        ("quickly.", 6.1, 6.7),
    ];
    let expected: Vec<(String, f64, f64)> = expected
        .iter()
        .map(|(t, s, e)| (t.to_string(), *s, *e))
        .collect();
    assert_eq!(ws, expected);
    assert_eq!(fillers(&r), owned(&[("um", Some(0.3)), ("uh", Some(5.6))]));
    assert_eq!(pauses(&r), [(1.9, 4.5, 2.6)]);
    assert_eq!(r["metrics"]["duration_s"], 6.7);
}

#[test]
fn plain_text_counts_what_words_tell_and_leaves_times_out() {
    let w = World::new();
    let file = transcript("interview.txt");
    let r = report(&w, &file, &["--speaker", "candidate"]);
    assert_eq!(r["input"]["format"], "text");
    assert_eq!(r["input"]["word_times"], "none");
    let m = &r["metrics"];
    assert_eq!(m["word_count"], 32);
    assert_eq!(m["fillers"]["total"], 4);
    assert_eq!(m["fillers"]["per_100_words"], 12.5);
    assert_eq!(m["hedges"], 1);
    for key in [
        "duration_s",
        "speech_s",
        "wpm",
        "articulation_wpm",
        "response_latency_s",
    ] {
        assert!(m[key].is_null(), "metrics.{key} = {}", m[key]);
    }
    assert!(m["fillers"]["per_minute"].is_null() && m["long_pauses"].is_null());
    assert_eq!(
        fillers(&r),
        owned(&[
            ("um", None),
            ("like", None),
            ("uh", None),
            ("you know", None)
        ])
    );
    assert!(words(&r).iter().all(|w| w.1.is_nan() && w.2.is_nan()));
    // The interviewer's lines are not the candidate's.
    assert!(!word_texts(&r).contains(&"measure".to_string()));
    let ids = check_ids(&r);
    for needs_time in [
        "duration",
        "pace",
        "fillers",
        "long_pauses",
        "latency",
        "hedges",
    ] {
        assert!(
            !ids.contains(&needs_time.to_string()),
            "{needs_time}: {ids:?}"
        );
    }
    assert!(ids.contains(&"repetitions".to_string()));
    // The story is read from the words alone: its sentences have no times.
    let sentences = r["structure"]["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 4, "{sentences:?}");
    assert!(sentences
        .iter()
        .all(|x| x["start"].is_null() && x["end"].is_null()));
    assert!(r["structure"]["first_action_s"].is_null());

    let o = run(&w, &file, &["--speaker", "candidate"]);
    let summary = stdout(&o);
    assert!(
        summary.contains("plain text, Candidate, no times"),
        "{summary}"
    );
    assert!(
        summary.contains("Length    not known: the transcript has no times"),
        "{summary}"
    );
    assert!(
        summary.contains("Fillers   4 (12.5 per 100 words): ") && !summary.contains("0:00"),
        "no invented times: {summary}"
    );
    assert!(
        summary.contains("the checks that need times are left out"),
        "{summary}"
    );
}

#[test]
fn a_rehearse_report_is_read_back_with_its_words_and_question() {
    let w = World::new();
    let saved = w.path("take.json");
    let o = w.run(&[
        "analyze",
        fixture("fillers.wav").to_str().unwrap(),
        "--question",
        "Why this team?",
        "--json",
        saved.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let original: Value = serde_json::from_slice(&std::fs::read(&saved).unwrap()).unwrap();
    assert_eq!(original["input"]["kind"], "recording");
    assert_eq!(original["input"]["format"], "wav");
    assert_eq!(original["metrics"]["long_pauses"]["estimated"], false);

    let again = report(&w, &saved, &[]);
    assert_eq!(again["input"]["format"], "rehearse-report");
    assert_eq!(again["input"]["word_times"], "measured");
    assert_eq!(again["question"]["text"], "Why this team?");
    assert_eq!(words(&again), words(&original), "every word, at its time");
    assert_eq!(fillers(&again), fillers(&original));
    assert_eq!(
        again["metrics"]["duration_s"],
        original["audio"]["duration_s"]
    );
}

#[test]
fn bad_transcripts_get_one_line_naming_the_file_and_no_report() {
    let w = World::new();
    let write = |name: &str, bytes: &[u8]| {
        let p = w.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let cases: Vec<(PathBuf, Vec<&str>, &str)> = vec![
        (write("empty.vtt", b""), vec![], "the file is empty"),
        (write("blank.txt", b" \n\n"), vec![], "the file is empty"),
        (
            write("noise.txt", b"ab\x00\x01\x02cd"),
            vec![],
            "not a text file",
        ),
        (write("latin1.txt", b"caf\xe9 um"), vec![], "not UTF-8"),
        (
            fixture("clean.wav"),
            vec![],
            "WAV recording, not a transcript",
        ),
        (
            write("other.json", br#"{"results": []}"#),
            vec![],
            "JSON of an unknown shape",
        ),
        (
            write("cut.json", b"{\"segments\": [{\"start\": 0,"),
            vec![],
            "not valid JSON (line 1",
        ),
        (
            write("bad.vtt", b"WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nHi.\n"),
            vec![],
            "a cue time that cannot be read (`00:00:01.000 --> 00:00:0x.000`) at line 3",
        ),
        (
            write("music.srt", b"1\n00:00:00,000 --> 00:00:05,000\n[Music]\n"),
            vec![],
            "holds no words",
        ),
        (
            write("notes.srt", b"just some notes\n"),
            vec![],
            "no cues found: this is not SRT",
        ),
        (
            write("words.txt", b"Hello there.\n"),
            vec!["--format", "vtt"],
            "this is not WebVTT",
        ),
        (
            write("me.txt", b"Just me.\n"),
            vec!["--speaker", "Ann"],
            "names no speakers",
        ),
        (w.path("missing.srt"), vec![], "no such file"),
        (w.dir.path().to_path_buf(), vec![], "is a directory"),
    ];
    let out = w.path("report.json");
    for (file, extra, message) in cases {
        let mut args = extra.clone();
        args.extend(["--json", out.to_str().unwrap()]);
        let o = run(&w, &file, &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{}: {err}", file.display());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&file.display().to_string()) && err.contains(message),
            "{}: expected '{message}' in: {err}",
            file.display()
        );
        assert!(stdout(&o).is_empty() && !out.exists(), "no partial output");
    }
}

#[test]
fn a_transcript_given_as_a_recording_points_to_the_transcript_option() {
    let w = World::new();
    let file = transcript("answer.srt");
    let o = w.run(&["analyze", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("rehearse analyze --transcript {}", file.display())),
        "{}",
        stderr(&o)
    );
    let o = run(&w, &file, &["--save"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a transcript is not a take: {}",
        stderr(&o)
    );
}

/// Two cues of one speaker, written here so every filler and opener is known: "So" opens the
/// answer; "um", "I mean" and "uh" are built-in fillers; "team" and "project" are not.
const OWN_LIST_SRT: &str = "1\n00:00:01,000 --> 00:00:05,000\n\
    So, um, the team moved every billing job that weekend.\n\n\
    2\n00:00:06,000 --> 00:00:10,000\n\
    I mean, the project was late, and, uh, we learned a lot.\n";

#[test]
fn the_users_filler_list_applies_to_a_transcript_and_openers_are_apart() {
    let w = World::new();
    let file = w.path("answer.srt");
    std::fs::write(&file, OWN_LIST_SRT).unwrap();

    // The built-in list: "So" is an opener, not a filler; "team" and "project" are words.
    let r = report(&w, &file, &[]);
    let texts: Vec<String> = fillers(&r).into_iter().map(|f| f.0).collect();
    assert_eq!(texts, ["um", "i mean", "uh"], "{}", r["fillers"]);
    filler_inside(&r, "um", (1.0, 5.0));
    filler_inside(&r, "i mean", (6.0, 10.0));
    filler_inside(&r, "uh", (6.0, 10.0));
    assert_eq!(r["openers"][0]["text"], "so");
    assert_eq!(r["openers"][0]["start"], 1.0);
    assert_eq!(r["metrics"]["openers"]["total"], 1);

    // The config's [fillers] and the flags on top of it, as for a recording.
    let config = w.path("config/rehearse");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[fillers]\nextra = [\"project\"]\nignore = [\"uh\"]\n",
    )
    .unwrap();
    let r = report(&w, &file, &["--extra-filler", "team"]);
    let texts: Vec<String> = fillers(&r).into_iter().map(|f| f.0).collect();
    assert_eq!(
        texts,
        ["um", "team", "i mean", "project"],
        "{}",
        r["fillers"]
    );
    filler_inside(&r, "team", (1.0, 5.0));
    filler_inside(&r, "project", (6.0, 10.0));
    assert_eq!(r["metrics"]["fillers"]["total"], 4);
    assert_eq!(
        r["settings"]["fillers"],
        serde_json::json!({"extra": ["project", "team"], "ignore": ["uh"]})
    );
}

#[test]
fn reanalyze_of_a_transcript_analysis_says_to_analyse_the_transcript_again() {
    let w = World::new();
    let file = transcript("answer.srt");
    // `analyze --transcript` never saves; a report copied into the store by hand is the only way
    // one gets there.
    let r = report(&w, &file, &[]);
    let session = w.data_dir().join("sessions/20261120T090000Z");
    std::fs::create_dir_all(&session).unwrap();
    let saved = serde_json::to_vec_pretty(&r).unwrap();
    std::fs::write(session.join("report.json"), &saved).unwrap();

    let o = w
        .cmd()
        .env("REHEARSE_MODEL", w.path("no-such-model.bin"))
        .args(["reanalyze", "20261120T090000Z"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("session 20261120T090000Z holds the analysis of a transcript")
            && err.contains(&format!("rehearse analyze --transcript {}", file.display())),
        "{err}"
    );
    assert_eq!(std::fs::read(session.join("report.json")).unwrap(), saved);
}
