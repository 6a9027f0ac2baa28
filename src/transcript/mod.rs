//! The transcript data model shared by the transcriber, the analysis and the report, and (in
//! `formats` and `conversation`) the readers that turn someone else's transcript file into it.
//!
//! Times are seconds from the start of the recording. The shape follows OpenAI Whisper's JSON
//! (`segments[].words[] {word, start, end, probability}`) so other tools can read it unchanged.
//!
//! A value that is not known (the times of a plain-text transcript, the confidence of a word
//! from a subtitle file) is NaN in memory and `null` in JSON: arithmetic on it stays unknown and
//! every comparison with it is false, so rules that look at timing simply do not fire. Use
//! [`known`] before printing one.

pub mod conversation;
pub mod formats;

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
    #[serde(with = "Nullable")]
    pub start: f64,
    #[serde(with = "Nullable")]
    pub end: f64,
    pub text: String,
    pub words: Vec<Word>,
}

/// One spoken word with its punctuation attached (`"like,"`), as the recogniser wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Word {
    pub word: String,
    /// Null when the transcript had no times (plain text).
    #[serde(with = "Nullable")]
    pub start: f64,
    #[serde(with = "Nullable")]
    pub end: f64,
    /// The recogniser's mean token probability for this word, 0–1; null when the source does
    /// not say (subtitles, plain text).
    #[serde(with = "Nullable::<f32>")]
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
    /// A word with no times and no confidence, as a plain-text transcript gives it.
    pub fn untimed(text: &str) -> Word {
        Word {
            word: text.to_string(),
            start: f64::NAN,
            end: f64::NAN,
            probability: f32::NAN,
        }
    }

    /// True when the word has times (false for a word from a plain-text transcript).
    pub fn timed(&self) -> bool {
        known(self.start) && known(self.end)
    }

    /// The word lower-cased with surrounding punctuation removed (`"Like,"` → `"like"`); inner
    /// apostrophes and hyphens stay (`"I'm"`, `"follow-up"`).
    pub fn normalized(&self) -> String {
        normalize_token(&self.word)
    }
}

/// Lower-cases a token and strips leading/trailing punctuation. Curly apostrophes become `'`,
/// and a contraction typed without its apostrophe ("thats", "didnt") is spelled with it, so
/// every rule reads one form.
pub fn normalize_token(token: &str) -> String {
    let word = token
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .replace('\u{2019}', "'")
        .to_lowercase();
    match with_apostrophe(&word) {
        Some(spelled) => spelled.to_string(),
        None => word,
    }
}

/// The contraction a word without its apostrophe stands for. Only spellings that are not
/// words of their own: "its", "were", "well", "ill", "shed", "wed", "id", "lets" stay as they
/// are.
fn with_apostrophe(word: &str) -> Option<&'static str> {
    Some(match word {
        "im" => "i'm",
        "ive" => "i've",
        "youre" => "you're",
        "youve" => "you've",
        "youd" => "you'd",
        "youll" => "you'll",
        "hes" => "he's",
        "hed" => "he'd",
        "shes" => "she's",
        "theyre" => "they're",
        "theyve" => "they've",
        "theyd" => "they'd",
        "theyll" => "they'll",
        "weve" => "we've",
        "thats" => "that's",
        "whats" => "what's",
        "theres" => "there's",
        "heres" => "here's",
        "whos" => "who's",
        "anyones" => "anyone's",
        "someones" => "someone's",
        "everyones" => "everyone's",
        "nobodys" => "nobody's",
        "itll" => "it'll",
        "dont" => "don't",
        "didnt" => "didn't",
        "doesnt" => "doesn't",
        "isnt" => "isn't",
        "arent" => "aren't",
        "wasnt" => "wasn't",
        "werent" => "weren't",
        "hasnt" => "hasn't",
        "havent" => "haven't",
        "hadnt" => "hadn't",
        "couldnt" => "couldn't",
        "wouldnt" => "wouldn't",
        "shouldnt" => "shouldn't",
        "cant" => "can't",
        "wont" => "won't",
        "aint" => "ain't",
        _ => return None,
    })
}

/// True for a value that is known (not the NaN that stands for "unknown").
pub fn known<T: Into<f64>>(value: T) -> bool {
    value.into().is_finite()
}

/// A value that may be unknown, in JSON: the key is always written and its value may be `null`.
///
/// For a time or probability kept as a float (NaN when unknown) it is the whole field attribute,
/// serde's and the schema's at once: `#[serde(with = "Nullable")]` (`Nullable::<f32>` for an
/// `f32`). For an `Option<T>` field it gives the schema only:
/// `#[schemars(with = "Nullable<T>")]` (`Option<T>` with `#[schemars(required)]` loses its null,
/// and a plain `Option<T>` is not required).
pub struct Nullable<T = f64>(std::marker::PhantomData<T>);

impl<T: schemars::JsonSchema> schemars::JsonSchema for Nullable<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Option<T>>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Option<T>>::json_schema(generator)
    }
}

/// Serde for a float that is NaN when unknown (inherent functions, which is what
/// `#[serde(with = ...)]` calls; the type has no `Serialize` of its own).
impl<T: UnknownFloat> Nullable<T> {
    pub fn serialize<S: serde::Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.write(s)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.map_or(T::UNKNOWN, T::from_f64))
    }
}

/// The two float widths the model uses; each is written at its own width, so a known
/// probability reads `0.9`, not the f64 widening of it.
pub trait UnknownFloat: Copy {
    const UNKNOWN: Self;
    fn write<S: serde::Serializer>(self, s: S) -> Result<S::Ok, S::Error>;
    fn from_f64(x: f64) -> Self;
}

macro_rules! unknown_float {
    ($t:ty, $write:ident) => {
        impl UnknownFloat for $t {
            const UNKNOWN: Self = <$t>::NAN;
            fn write<S: serde::Serializer>(self, s: S) -> Result<S::Ok, S::Error> {
                if self.is_finite() {
                    s.$write(self)
                } else {
                    s.serialize_none()
                }
            }
            fn from_f64(x: f64) -> Self {
                x as $t
            }
        }
    };
}
unknown_float!(f64, serialize_f64);
unknown_float!(f32, serialize_f32);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_lower_cased_trimmed_and_a_contraction_gets_its_apostrophe() {
        for (token, norm) in [
            ("Like,", "like"),
            ("I\u{2019}m", "i'm"),
            ("follow-up.", "follow-up"),
            ("Thats", "that's"),
            ("didnt,", "didn't"),
            ("im", "i'm"),
            // Words of their own stay: "its", "were", "well", "ill", "shed", "lets".
            ("its", "its"),
            ("were", "were"),
            ("Well,", "well"),
            ("ill", "ill"),
            ("shed", "shed"),
            ("lets", "lets"),
            ("...", ""),
        ] {
            assert_eq!(normalize_token(token), norm, "{token}");
        }
    }

    #[test]
    fn unknown_times_and_probabilities_are_null_in_json_and_come_back_unknown() {
        let w = Word::untimed("so");
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(
            json,
            r#"{"word":"so","start":null,"end":null,"probability":null}"#
        );
        let back: Word = serde_json::from_str(&json).unwrap();
        assert!(!back.timed() && !known(back.probability));
        let timed: Word =
            serde_json::from_str(r#"{"word":"so","start":1.5,"end":2.0,"probability":0.9}"#)
                .unwrap();
        assert_eq!((timed.start, timed.end, timed.probability), (1.5, 2.0, 0.9));
        assert!(
            serde_json::to_string(&timed)
                .unwrap()
                .contains(r#""probability":0.9}"#),
            "a known probability is written as before"
        );
        assert!(timed.timed());
    }
}
