//! Rambling signals besides fillers: repeated words and restarts ("I, I", "the the",
//! "we were, we were going") and hedges ("I think", "maybe", "I guess", "probably") that make an
//! answer sound unsure.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::context::{tokens, Token};
use super::fillers::sound_filler;
use crate::transcript::Word;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Repetition {
    /// The repeated words, once ("the", "we were").
    pub text: String,
    /// Null when the transcript had no times.
    #[serde(with = "crate::transcript::Nullable")]
    pub start: f64,
    #[serde(with = "crate::transcript::Nullable")]
    pub end: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HedgeHit {
    pub text: String,
    /// Null when the transcript had no times.
    #[serde(with = "crate::transcript::Nullable")]
    pub start: f64,
    #[serde(with = "crate::transcript::Nullable")]
    pub end: f64,
}

/// Doubled words that are grammatical ("had had", "that that") are not restarts.
const GRAMMATICAL_DOUBLES: &[&str] = &["had", "that", "is", "very", "bye", "no", "yes", "so"];

/// Hedging phrases, longest first so "i feel like" wins over shorter matches.
const HEDGES: &[&[&str]] = &[
    &["i", "feel", "like"],
    &["i", "think"],
    &["i", "guess"],
    &["i", "suppose"],
    &["maybe"],
    &["perhaps"],
    &["probably"],
    &["possibly"],
];

/// Finds repeated words and restarted phrases of up to three words.
pub fn find_repetitions(words: &[Word]) -> Vec<Repetition> {
    // Hesitation sounds between the two copies ("I, um, I") don't break a restart.
    let toks: Vec<Token> = tokens(words)
        .into_iter()
        .filter(|t| sound_filler(&t.norm).is_none())
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    'scan: while i < toks.len() {
        for n in (1..=3).rev() {
            if i + 2 * n > toks.len() {
                continue;
            }
            let first = &toks[i..i + n];
            let second = &toks[i + n..i + 2 * n];
            let same = first.iter().zip(second).all(|(a, b)| a.norm == b.norm);
            let grammatical = n == 1 && GRAMMATICAL_DOUBLES.contains(&first[0].norm.as_str());
            if same && !grammatical {
                found.push(Repetition {
                    text: first
                        .iter()
                        .map(|t| t.norm.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    start: first[0].word.start,
                    end: second[n - 1].word.end,
                });
                i += 2 * n;
                continue 'scan;
            }
        }
        i += 1;
    }
    found
}

/// Finds hedging phrases.
pub fn find_hedges(words: &[Word]) -> Vec<HedgeHit> {
    let toks = tokens(words);
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let matched = HEDGES.iter().find(|phrase| {
            i + phrase.len() <= toks.len()
                && phrase.iter().zip(&toks[i..]).all(|(p, t)| *p == t.norm)
        });
        match matched {
            Some(phrase) => {
                found.push(HedgeHit {
                    text: phrase.join(" "),
                    start: toks[i].word.start,
                    end: toks[i + phrase.len() - 1].word.end,
                });
                i += phrase.len();
            }
            None => i += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::words;

    fn reps(text: &str) -> Vec<String> {
        find_repetitions(&words(text))
            .into_iter()
            .map(|r| r.text)
            .collect()
    }

    #[test]
    fn finds_doubled_words_and_restarts() {
        assert_eq!(reps("I, I wanted the the build fixed."), ["i", "the"]);
        assert_eq!(reps("We were, we were going to ship."), ["we were"]);
        assert_eq!(reps("I, um, I forgot."), ["i"]);
    }

    #[test]
    fn grammatical_doubles_are_not_restarts() {
        assert!(reps("She had had enough.").is_empty());
        assert!(reps("He said that that was fine.").is_empty());
        assert!(reps("We shipped it on time.").is_empty());
    }

    #[test]
    fn finds_hedges_with_times() {
        let hits = find_hedges(&words("I think maybe we could, I guess, probably ship."));
        let texts: Vec<_> = hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["i think", "maybe", "i guess", "probably"]);
        assert_eq!(hits[0].start, 0.0);
        assert!((hits[0].end - 0.7).abs() < 1e-9);
        assert!(find_hedges(&words("We thought it through.")).is_empty());
    }
}
