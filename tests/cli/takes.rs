//! Hand-written takes for the review commands' tests: a report whose every value is written
//! here (fillers, long pauses, hedges, checks and their verdict), never computed by the analysis
//! under test, so `history`, `show`, `compare` and `progress` are checked against known values.
//!
//! A take is a script laid out on a fixed clock: the first word starts at 1.0 s, every word
//! lasts exactly 0.5 s with no gap to the next, a token `|3.0|` is a silence of exactly 3.0 s
//! (and a long pause of the report), and 1.0 s of silence follows the last word. So a take of
//! N words and silences S lasts 2 + N/2 + S seconds, which the tests work out by hand.
//!
//! Marks in the script: `[Um],` is the word "Um," and a sound filler "um"; `{you_know},` is the
//! words "you" "know," and a discourse filler "you know". The report is built as JSON and read
//! through the `Report` type, so fields added to the report later (with serde defaults, as the
//! schema policy requires) leave these takes valid.

use rehearse::analysis::Targets;
use rehearse::history::{SessionEntry, Store};
use rehearse::report::Report;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

const LEAD_IN_S: f64 = 1.0;
const WORD_S: f64 = 0.5;
const TAIL_S: f64 = 1.0;

/// A take to save: when, which question, what was said, and the verdicts, all by hand.
#[derive(Debug, Clone)]
pub struct Take {
    pub at: OffsetDateTime,
    pub question: Option<String>,
    pub script: String,
    pub hedges: usize,
    pub repetitions: usize,
    /// `(id, status, message)`; the verdict is the worst status.
    pub checks: Vec<(String, String, String)>,
    /// The report's `structure`, written by hand (none: a report without one).
    pub structure: Option<Value>,
}

impl Take {
    pub fn new(at: OffsetDateTime, question: &str, script: &str) -> Take {
        Take {
            at,
            question: Some(question.to_string()),
            script: script.to_string(),
            hedges: 0,
            repetitions: 0,
            checks: Vec::new(),
            structure: None,
        }
    }

    pub fn structure(mut self, structure: Value) -> Take {
        self.structure = Some(structure);
        self
    }

    pub fn hedges(mut self, n: usize) -> Take {
        self.hedges = n;
        self
    }

    pub fn check(mut self, id: &str, status: &str, message: &str) -> Take {
        self.checks
            .push((id.to_string(), status.to_string(), message.to_string()));
        self
    }

    /// The report as JSON, exactly as the store will keep it.
    pub fn report_json(&self) -> Value {
        let laid = layout(&self.script);
        let duration = laid.duration_s;
        let minutes = duration / 60.0;
        let words = laid.words.len();
        let mut by_word = serde_json::Map::new();
        for f in &laid.fillers {
            let n = by_word.get(&f.text).and_then(Value::as_u64).unwrap_or(0);
            by_word.insert(f.text.clone(), json!(n + 1));
        }
        let longest = laid.pauses.iter().map(|p| p.2).fold(0.0, f64::max);
        let paused: f64 = laid.pauses.iter().map(|p| p.2).sum();
        let speech_s = words as f64 * WORD_S;
        let segments: Vec<Value> = laid
            .sentences
            .iter()
            .map(|range| {
                let ws = &laid.words[range.clone()];
                json!({
                    "start": ws[0].1,
                    "end": ws[ws.len() - 1].2,
                    "text": ws.iter().map(|w| w.0.as_str()).collect::<Vec<_>>().join(" "),
                    "words": ws.iter().map(|w| json!({
                        "word": w.0, "start": w.1, "end": w.2, "probability": 0.9
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let text = laid
            .words
            .iter()
            .map(|w| w.0.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mut report = json!({
            "schema_version": 1,
            "tool": {"name": "rehearse", "version": "0.1.0"},
            "created_at": self.at.format(&Rfc3339).expect("RFC 3339 time"),
            "question": self.question.as_ref().map(|q| json!({"text": q})),
            "audio": {"path": "take.wav", "duration_s": duration, "sample_rate": 16000,
                      "channels": 1, "bits_per_sample": 16, "recovered": false},
            "model": {"path": "models/ggml-tiny.en-q8_0.bin", "name": "tiny.en", "threads": 1},
            // The settings are the defaults: what a take analysed without a config file keeps.
            "settings": serde_json::to_value(Targets::default()).expect("targets JSON"),
            "transcript": {"text": text, "segments": segments},
            "metrics": {
                "duration_s": duration,
                "speech_s": speech_s,
                "word_count": words,
                "wpm": words as f64 / minutes,
                "articulation_wpm": words as f64 / (speech_s / 60.0),
                "response_latency_s": LEAD_IN_S,
                "fillers": {
                    "total": laid.fillers.len(),
                    "per_minute": laid.fillers.len() as f64 / minutes,
                    "per_100_words": 100.0 * laid.fillers.len() as f64 / words as f64,
                    "by_word": by_word,
                },
                "long_pauses": {"count": laid.pauses.len(), "longest_s": longest, "total_s": paused},
                "repetitions": self.repetitions,
                "hedges": self.hedges,
            },
            "fillers": laid.fillers.iter().map(|f| json!({
                "text": f.text, "start": f.start, "end": f.end, "kind": f.kind
            })).collect::<Vec<_>>(),
            "pauses": laid.pauses.iter().map(|p| json!({
                "start": p.0, "end": p.1, "duration": p.2
            })).collect::<Vec<_>>(),
            "no_speech": words == 0,
            "checks": self.checks.iter().map(|(id, status, message)| json!({
                "id": id, "status": status, "value": 0.0, "target": "", "message": message
            })).collect::<Vec<_>>(),
        });
        if let Some(structure) = &self.structure {
            report["structure"] = structure.clone();
        }
        report
    }

    pub fn report(&self) -> Report {
        serde_json::from_value(self.report_json()).expect("a hand-written take is a valid report")
    }

    /// Saves the take through the store's own API with a small valid `take.wav`.
    pub fn save(&self, store: &Store) -> SessionEntry {
        let take = store.begin_at(self.at).expect("begin");
        write_wav(&take.create_recording().expect("create wav"));
        take.finish(&self.report()).expect("finish")
    }
}

struct Filler {
    text: String,
    kind: &'static str,
    start: f64,
    end: f64,
}

/// A script on the clock: words `(text, start, end)`, sentences as word ranges, fillers, and
/// pauses `(start, end, duration)`.
struct Layout {
    words: Vec<(String, f64, f64)>,
    sentences: Vec<std::ops::Range<usize>>,
    fillers: Vec<Filler>,
    pauses: Vec<(f64, f64, f64)>,
    duration_s: f64,
}

fn layout(script: &str) -> Layout {
    let mut l = Layout {
        words: Vec::new(),
        sentences: Vec::new(),
        fillers: Vec::new(),
        pauses: Vec::new(),
        duration_s: 0.0,
    };
    let mut t = LEAD_IN_S;
    let mut sentence_start = 0;
    for token in script.split_whitespace() {
        if let Some(secs) = token.strip_prefix('|').and_then(|s| s.strip_suffix('|')) {
            let secs: f64 = secs.parse().expect("a silence in seconds");
            l.pauses.push((t, t + secs, secs));
            t += secs;
            continue;
        }
        let (said, filler): (Vec<String>, Option<(&str, &'static str)>) =
            if let Some(rest) = token.strip_prefix('[') {
                let (inner, trail) = rest.split_once(']').expect("[filler] closes");
                (vec![format!("{inner}{trail}")], Some((inner, "sound")))
            } else if let Some(rest) = token.strip_prefix('{') {
                let (inner, trail) = rest.split_once('}').expect("{filler} closes");
                let mut parts: Vec<String> = inner.split('_').map(String::from).collect();
                if let Some(last) = parts.last_mut() {
                    last.push_str(trail);
                }
                (parts, Some((inner, "discourse")))
            } else {
                (vec![token.to_string()], None)
            };
        if let Some((inner, kind)) = filler {
            l.fillers.push(Filler {
                text: inner.replace('_', " ").to_lowercase(),
                kind,
                start: t,
                end: t + WORD_S * said.len() as f64,
            });
        }
        for w in said {
            let ends_sentence = w.ends_with(['.', '?', '!']);
            l.words.push((w, t, t + WORD_S));
            t += WORD_S;
            if ends_sentence {
                l.sentences.push(sentence_start..l.words.len());
                sentence_start = l.words.len();
            }
        }
    }
    if sentence_start < l.words.len() {
        l.sentences.push(sentence_start..l.words.len());
    }
    l.duration_s = t + TAIL_S;
    l
}

/// A quarter second of a quiet 220 Hz tone, 16 kHz mono 16-bit (the recorder's format).
fn write_wav(file: &std::fs::File) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 16_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::new(std::io::BufWriter::new(file), spec).expect("wav");
    for i in 0..4_000 {
        let t = i as f32 / 16_000.0;
        let s = (t * 220.0 * std::f32::consts::TAU).sin() * 3_000.0;
        w.write_sample(s as i16).expect("sample");
    }
    w.finalize().expect("finalize wav");
}

#[test]
fn the_layout_is_the_documented_clock() {
    let l = layout("[Um], we {you_know}, shipped. |3.0| Done.");
    let words: Vec<&str> = l.words.iter().map(|w| w.0.as_str()).collect();
    assert_eq!(words, ["Um,", "we", "you", "know,", "shipped.", "Done."]);
    assert_eq!((l.words[0].1, l.words[0].2), (1.0, 1.5));
    // 2 s of lead-in and tail, six words of 0.5 s, a 3 s silence.
    assert_eq!(l.duration_s, 8.0);
    assert_eq!(l.pauses, [(3.5, 6.5, 3.0)]);
    assert_eq!((l.words[5].1, l.words[5].2), (6.5, 7.0));
    assert_eq!(l.sentences, [0..5, 5..6]);
    assert_eq!(l.fillers.len(), 2);
    assert_eq!(
        (l.fillers[0].text.as_str(), l.fillers[0].kind),
        ("um", "sound")
    );
    assert_eq!(
        (
            l.fillers[1].text.as_str(),
            l.fillers[1].start,
            l.fillers[1].end
        ),
        ("you know", 2.0, 3.0)
    );
}
