//! The project's labelled filler sentences (`tests/fixtures/filler-sentences.jsonl`): their
//! markup, and scoring the detector against them by word position. Shared by the test in
//! `fillers.rs` and the benchmark `examples/filler_bench.rs`.
//!
//! One JSON object a line: `id`; `text` with markup: `{like}` or `{you know}` marks a filler,
//! `[So]` an opener, a lone `|` a pause of 0.6 s; `timed`: whether the words get times (0.25 s
//! each, 0.05 s apart, plus the pauses) or none at all, as in a pasted transcript; `extra`
//! (optional): the user's own filler list for that sentence. Punctuation stays on the words, so
//! the same sentence can be written with and without it.

use rehearse::analysis::fillers::{explain, FillerSettings, Verdict};
use rehearse::transcript::Word;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

const WORD_S: f64 = 0.25;
const GAP_S: f64 = 0.05;
const PAUSE_S: f64 = 0.6;

#[derive(Deserialize)]
struct Line {
    id: String,
    text: String,
    timed: bool,
    #[serde(default)]
    extra: Vec<String>,
}

/// A labelled filler or opener: the index of its first word and its words, lower case.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub index: usize,
    pub text: String,
    pub opener: bool,
}

pub struct Labelled {
    pub id: String,
    pub text: String,
    pub words: Vec<Word>,
    pub labels: Vec<Label>,
    pub settings: FillerSettings,
}

/// Parses one line of the file.
pub fn parse(line: &str) -> Result<Labelled, String> {
    let raw: Line = serde_json::from_str(line).map_err(|e| format!("{e}: {line}"))?;
    let mut words = Vec::new();
    let mut labels: Vec<Label> = Vec::new();
    let mut open: Option<(char, usize, Vec<String>)> = None;
    let mut clock = 0.0;
    for token in raw.text.split_whitespace() {
        if token == "|" {
            if !raw.timed {
                return Err(format!("{}: a pause mark in an untimed sentence", raw.id));
            }
            clock += PAUSE_S;
            continue;
        }
        let mut word = String::new();
        for c in token.chars() {
            match c {
                '{' | '[' if open.is_none() => open = Some((c, words.len(), Vec::new())),
                '}' | ']' => {
                    let (kind, index, mut parts) = open
                        .take()
                        .ok_or_else(|| format!("{}: unbalanced {c}", raw.id))?;
                    if (kind == '{') != (c == '}') {
                        return Err(format!("{}: {kind} closed by {c}", raw.id));
                    }
                    parts.push(plain(&word));
                    labels.push(Label {
                        index,
                        text: parts.join(" "),
                        opener: kind == '[',
                    });
                }
                '{' | '[' => return Err(format!("{}: nested markup", raw.id)),
                _ => word.push(c),
            }
        }
        // A group still open at the end of a token goes on into the next one ("{you know}").
        if let Some((_, _, parts)) = open.as_mut() {
            parts.push(plain(&word));
        }
        let (start, end) = if raw.timed {
            (clock, clock + WORD_S)
        } else {
            (0.0, 0.0)
        };
        clock += WORD_S + GAP_S;
        words.push(Word {
            word,
            start,
            end,
            probability: 1.0,
        });
    }
    if open.is_some() {
        return Err(format!("{}: markup not closed", raw.id));
    }
    let settings = FillerSettings::new(&raw.extra, &[]).map_err(|e| format!("{}: {e}", raw.id))?;
    Ok(Labelled {
        id: raw.id,
        text: raw.text,
        words,
        labels,
        settings,
    })
}

/// A word in lower case without punctuation, as labels name it, spelling variants folded into
/// the names the report uses ("Umm" is "um", "kinda" is "kind of").
fn plain(word: &str) -> String {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .to_lowercase();
    match w.as_str() {
        "umm" | "uhm" | "ummm" => "um".into(),
        "uhh" => "uh".into(),
        "hm" | "hmmm" | "mm" => "hmm".into(),
        "kinda" => "kind of".into(),
        "sorta" => "sort of".into(),
        "ok" => "okay".into(),
        _ => w,
    }
}

/// Reads the whole file; a bad line panics with its id (the file is the project's own).
pub fn load(path: &Path) -> Vec<Labelled> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// True and false positives and misses of one word.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub hits: usize,
    pub false_alarms: usize,
    pub misses: usize,
}

impl Tally {
    pub fn precision(&self) -> f64 {
        ratio(self.hits, self.hits + self.false_alarms)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.hits, self.hits + self.misses)
    }
    pub fn add(&mut self, other: &Tally) {
        self.hits += other.hits;
        self.false_alarms += other.false_alarms;
        self.misses += other.misses;
    }
}

/// `n / d`, or 1 when there is nothing to count (no claims: no wrong claims).
pub fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        1.0
    } else {
        n as f64 / d as f64
    }
}

/// Scores by word: fillers under their text, openers under "so (opener)" etc.; plus a line for
/// every sentence the detector got wrong.
pub struct Scores {
    pub by_word: BTreeMap<String, Tally>,
    pub failures: Vec<String>,
}

pub fn key(text: &str, opener: bool) -> String {
    if opener {
        format!("{text} (opener)")
    } else {
        text.to_string()
    }
}

/// Runs the detector on every sentence and matches its fillers and openers to the labels by
/// word position and text.
pub fn score(sentences: &[Labelled]) -> Scores {
    let mut by_word: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for s in sentences {
        let found: Vec<(Label, &'static str)> = explain(&s.words, &s.settings)
            .into_iter()
            .filter_map(|d| {
                let (opener, rule) = match d.verdict {
                    Verdict::Filler(r) => (false, r),
                    Verdict::Opener(r) => (true, r),
                    Verdict::Meant(_) | Verdict::Ignored(_) => return None,
                };
                Some((
                    Label {
                        index: d.word_index,
                        text: d.hit.text,
                        opener,
                    },
                    rule,
                ))
            })
            .collect();
        for (f, rule) in &found {
            let tally = by_word.entry(key(&f.text, f.opener)).or_default();
            if s.labels.contains(f) {
                tally.hits += 1;
            } else {
                tally.false_alarms += 1;
                failures.push(format!(
                    "{}: counted {:?} at word {} ({rule}) in: {}",
                    s.id,
                    key(&f.text, f.opener),
                    f.index,
                    s.text
                ));
            }
        }
        for l in &s.labels {
            if !found.iter().any(|(f, _)| f == l) {
                by_word.entry(key(&l.text, l.opener)).or_default().misses += 1;
                failures.push(format!(
                    "{}: missed {:?} at word {} in: {}",
                    s.id,
                    key(&l.text, l.opener),
                    l.index,
                    s.text
                ));
            }
        }
    }
    Scores { by_word, failures }
}
