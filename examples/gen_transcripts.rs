//! Writes a long mock interview as a transcript in every format `rehearse analyze --transcript`
//! reads, for `scripts/bench-transcript.sh`: WebVTT (Zoom style, two speakers), SRT, Whisper
//! JSON with word times, OpenAI verbose_json, whisper.cpp full JSON and plain text.
//!
//! Run: cargo run --release --example gen_transcripts -- DIR [MINUTES]
//!
//! The candidate speaks MINUTES (default 10) minutes at 150 words a minute with fillers and
//! the odd pause; an interviewer asks a question every minute or so. The output is the same
//! for the same MINUTES.

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::PathBuf;

const SENTENCES: [&str; 10] = [
    "Um, in my last role I owned the billing migration for our largest customers.",
    "We had, like, three weeks and a team of four engineers.",
    "The first plan was to move every account in a single weekend.",
    "That went wrong because we had not, uh, tested the invoice exports.",
    "I called the customers myself and explained what had happened.",
    "Then we split the move into batches of fifty accounts, you know, with a check after each.",
    "I think the hardest part was keeping support in the loop.",
    "We finished two days early and nobody was billed twice.",
    "What I learned is to test the boring parts first.",
    "I mean, the exports were the riskiest piece all along.",
];

const QUESTIONS: [&str; 3] = [
    "Tell me about a project that went wrong.",
    "What would you do differently?",
    "How did the team react?",
];

/// One timed word: text as written, start and end in seconds.
struct Word {
    text: String,
    start: f64,
    end: f64,
}

/// A cue: who says it, when, and its words.
struct Cue {
    speaker: &'static str,
    start: f64,
    end: f64,
    words: Vec<Word>,
}

fn script(minutes: f64) -> Vec<Cue> {
    const SECONDS_PER_WORD: f64 = 0.4;
    let mut cues = Vec::new();
    let mut t = 0.5;
    let mut spoken = 0.0;
    let mut k = 0;
    while spoken < minutes * 60.0 {
        // A question about once a minute.
        if k % 8 == 0 {
            let q = QUESTIONS[(k / 8) % QUESTIONS.len()];
            let words = timed(q, t, SECONDS_PER_WORD);
            let end = words.last().map_or(t, |w| w.end);
            cues.push(Cue {
                speaker: "Interviewer",
                start: t,
                end,
                words,
            });
            t = end + 0.8;
        }
        let words = timed(SENTENCES[k % SENTENCES.len()], t, SECONDS_PER_WORD);
        let end = words.last().map_or(t, |w| w.end);
        spoken += end - t;
        cues.push(Cue {
            speaker: "Candidate",
            start: t,
            end,
            words,
        });
        // Every fifth sentence is followed by a long pause.
        t = end + if k % 5 == 4 { 2.5 } else { 0.4 };
        k += 1;
    }
    cues
}

fn timed(sentence: &str, start: f64, per_word: f64) -> Vec<Word> {
    sentence
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| Word {
            text: w.to_string(),
            start: round3(start + i as f64 * per_word),
            end: round3(start + i as f64 * per_word + per_word * 0.8),
        })
        .collect()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn text_of(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn clock(t: f64, decimal: char) -> String {
    let ms = (t * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}{decimal}{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

fn vtt(cues: &[Cue]) -> String {
    let mut s = String::from("WEBVTT\n\n");
    for (i, c) in cues.iter().enumerate() {
        let _ = write!(
            s,
            "{}\n{} --> {}\n{}: {}\n\n",
            i + 1,
            clock(c.start, '.'),
            clock(c.end, '.'),
            c.speaker,
            text_of(&c.words)
        );
    }
    s
}

/// The candidate's lines only, as subtitles of one speaker.
fn srt(cues: &[Cue]) -> String {
    let mut s = String::new();
    for (i, c) in cues.iter().filter(|c| c.speaker == "Candidate").enumerate() {
        let _ = write!(
            s,
            "{}\n{} --> {}\n{}\n\n",
            i + 1,
            clock(c.start, ','),
            clock(c.end, ','),
            text_of(&c.words)
        );
    }
    s
}

fn candidate(cues: &[Cue]) -> impl Iterator<Item = &Cue> {
    cues.iter().filter(|c| c.speaker == "Candidate")
}

fn whisper_json(cues: &[Cue]) -> Value {
    let segments: Vec<Value> = candidate(cues)
        .enumerate()
        .map(|(i, c)| {
            let words: Vec<Value> = c
                .words
                .iter()
                .map(|w| json!({"word": format!(" {}", w.text), "start": w.start, "end": w.end, "probability": 0.9}))
                .collect();
            json!({"id": i, "start": c.start, "end": c.end, "text": format!(" {}", text_of(&c.words)), "words": words})
        })
        .collect();
    let text: Vec<String> = candidate(cues).map(|c| text_of(&c.words)).collect();
    json!({"text": text.join(" "), "language": "en", "segments": segments})
}

fn openai_json(cues: &[Cue]) -> Value {
    let words: Vec<Value> = candidate(cues)
        .flat_map(|c| c.words.iter())
        .map(|w| {
            let bare = w.text.trim_matches(|c: char| !c.is_alphanumeric());
            json!({"word": bare, "start": w.start, "end": w.end})
        })
        .collect();
    let text: Vec<String> = candidate(cues).map(|c| text_of(&c.words)).collect();
    let duration = cues.last().map_or(0.0, |c| c.end + 1.0);
    json!({"task": "transcribe", "language": "english", "duration": duration, "text": text.join(" "), "words": words})
}

/// whisper.cpp splits longer words into two tokens and punctuation into its own.
fn whisper_cpp_json(cues: &[Cue]) -> Value {
    let ms = |t: f64| (t * 1000.0).round() as u64;
    let token = |text: &str, from: f64, to: f64| json!({"text": text, "offsets": {"from": ms(from), "to": ms(to)}, "id": 0, "p": 0.9, "t_dtw": -1});
    let transcription: Vec<Value> = candidate(cues)
        .map(|c| {
            let mut tokens = vec![token("[_BEG_]", c.start, c.start)];
            for w in &c.words {
                let core = w.text.trim_end_matches(|c: char| !c.is_alphanumeric());
                let punct = &w.text[core.len()..];
                let mid = w.start + (w.end - w.start) / 2.0;
                if core.chars().count() > 5 {
                    let cut = core.char_indices().nth(3).map_or(core.len(), |(i, _)| i);
                    tokens.push(token(&format!(" {}", &core[..cut]), w.start, mid));
                    tokens.push(token(&core[cut..], mid, w.end));
                } else {
                    tokens.push(token(&format!(" {core}"), w.start, w.end));
                }
                if !punct.is_empty() {
                    tokens.push(token(punct, w.end, w.end));
                }
            }
            json!({"offsets": {"from": ms(c.start), "to": ms(c.end)}, "text": format!(" {}", text_of(&c.words)), "tokens": tokens})
        })
        .collect();
    json!({"systeminfo": "", "model": {}, "params": {}, "result": {"language": "en"}, "transcription": transcription})
}

fn text(cues: &[Cue]) -> String {
    cues.iter()
        .map(|c| format!("{}: {}\n", c.speaker, text_of(&c.words)))
        .collect()
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, minutes) = match args.as_slice() {
        [dir] => (PathBuf::from(dir), 10.0),
        [dir, m] => (
            PathBuf::from(dir),
            m.parse().context("MINUTES must be a number")?,
        ),
        _ => bail!("usage: gen_transcripts DIR [MINUTES]"),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let cues = script(minutes);
    let pretty = |v: Value| serde_json::to_string_pretty(&v).unwrap_or_default();
    let files = [
        ("interview.vtt", vtt(&cues)),
        ("answer.srt", srt(&cues)),
        ("whisper.json", pretty(whisper_json(&cues))),
        ("openai.json", pretty(openai_json(&cues))),
        ("whisper-cpp.json", pretty(whisper_cpp_json(&cues))),
        ("interview.txt", text(&cues)),
    ];
    for (name, body) in files {
        let path = dir.join(name);
        std::fs::write(&path, body).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let words: usize = candidate(&cues).map(|c| c.words.len()).sum();
    println!(
        "{} cues, {words} candidate words over {:.1} minutes",
        cues.len(),
        cues.last().map_or(0.0, |c| c.end) / 60.0
    );
    Ok(())
}
