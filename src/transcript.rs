//! The transcript data model shared by the transcriber, the analysis and the report.
//!
//! Times are seconds from the start of the recording. The shape follows OpenAI Whisper's JSON
//! (`segments[].words[] {word, start, end, probability}`) so other tools can read it unchanged.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What was said, as segments of words with times.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Transcript {
    /// The whole transcript as one string, segments joined by single spaces.
    pub text: String,
    pub segments: Vec<Segment>,
}

/// A stretch of speech as the recogniser split it (roughly a phrase or sentence).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Segment {
    pub start: f64,
    pub end: f64,
    pub text: String,
    pub words: Vec<Word>,
}

/// One spoken word with its punctuation attached (`"like,"`), as the recogniser wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Word {
    pub word: String,
    pub start: f64,
    pub end: f64,
    /// The recogniser's mean token probability for this word, 0–1.
    pub probability: f32,
}

impl Transcript {
    /// Builds a transcript from segments, deriving `text` so the two can never disagree.
    pub fn from_segments(segments: Vec<Segment>) -> Self {
        let text = segments
            .iter()
            .map(|s| s.text.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        Transcript { text, segments }
    }

    /// All words in order, across segments.
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.segments.iter().flat_map(|s| s.words.iter())
    }

    pub fn word_count(&self) -> usize {
        self.words().count()
    }
}

impl Segment {
    /// A segment spanning its words, its text the words joined by spaces.
    pub fn from_words(words: Vec<Word>) -> Self {
        Segment {
            start: words.first().map_or(0.0, |w| w.start),
            end: words.last().map_or(0.0, |w| w.end),
            text: words
                .iter()
                .map(|w| w.word.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            words,
        }
    }
}

impl Word {
    /// The word lower-cased with surrounding punctuation removed (`"Like,"` → `"like"`); inner
    /// apostrophes and hyphens stay (`"I'm"`, `"follow-up"`).
    pub fn normalized(&self) -> String {
        normalize_token(&self.word)
    }
}

/// Lower-cases a token and strips leading/trailing punctuation. Curly apostrophes become `'`.
pub fn normalize_token(token: &str) -> String {
    token
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .replace('\u{2019}', "'")
        .to_lowercase()
}
