//! Filler words: hesitation sounds (um, uh, er, ah, hmm) and discourse fillers (like, you know,
//! I mean, basically, actually, literally, so, kind of, sort of, honestly, right), with context
//! rules so that "I would like to", "tools like Jenkins" and "felt like home" are not fillers while
//! ", like, the first week" is.
//!
//! The rules lean towards precision: a legitimate word counted as a filler makes a coach
//! untrustworthy, so an ambiguous use is left uncounted.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::context::{break_before, norm_at, prev_norm, sentence_start, tokens, Token};
use crate::transcript::Word;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FillerKind {
    /// A hesitation sound: um, uh, er, ah, hmm.
    Sound,
    /// A word or phrase used as filler: like, you know, I mean, …
    Discourse,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FillerHit {
    /// The filler's canonical spelling ("um" for "umm", "you know").
    pub text: String,
    /// Null when the transcript had no times.
    #[serde(with = "crate::transcript::unknown_as_null")]
    #[schemars(with = "Option<f64>", required)]
    pub start: f64,
    #[serde(with = "crate::transcript::unknown_as_null")]
    #[schemars(with = "Option<f64>", required)]
    pub end: f64,
    pub kind: FillerKind,
}

/// Maps the spellings of hesitation sounds to one canonical form each.
pub fn sound_filler(norm: &str) -> Option<&'static str> {
    // Whisper spells the same sound many ways: "um", "umm", "uhm", "mm" …
    let squeezed: String = {
        let mut out = String::new();
        for c in norm.chars() {
            if !out.ends_with(c) {
                out.push(c);
            }
        }
        out
    };
    match squeezed.as_str() {
        "um" | "uhm" => Some("um"),
        "uh" => Some("uh"),
        "er" | "erm" => Some("er"),
        "ah" => Some("ah"),
        "hm" | "mhm" => Some("hmm"),
        // "mm", "mmm"; a lone "m" is more likely a spelled letter.
        "m" if norm.len() >= 2 => Some("hmm"),
        _ => None,
    }
}

/// Words after which "like" is a verb or a comparison, never a filler ("I'd like", "felt like").
const LIKE_IS_MEANT_AFTER: &[&str] = &[
    "would",
    "i'd",
    "we'd",
    "you'd",
    "they'd",
    "he'd",
    "she'd",
    "do",
    "does",
    "did",
    "don't",
    "doesn't",
    "didn't",
    "to",
    "i",
    "you",
    "we",
    "they",
    "feel",
    "feels",
    "felt",
    "feeling",
    "look",
    "looks",
    "looked",
    "looking",
    "sound",
    "sounds",
    "sounded",
    "seem",
    "seems",
    "seemed",
    "things",
    "something",
    "anything",
    "nothing",
    "stuff",
    "more",
    "much",
    "not",
];

/// Words that make "kind of" / "sort of" mean "a type of" ("a kind of tool").
const DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "what",
    "which",
    "some",
    "any",
    "every",
    "each",
    "one",
    "no",
    "same",
    "different",
    "another",
    "these",
    "those",
    "its",
    "our",
    "my",
    "your",
    "their",
    "his",
    "her",
    "whatever",
    "certain",
    "right",
    "new",
    "first",
];

/// Finds every filler in a word sequence, in time order.
pub fn find_fillers(words: &[Word]) -> Vec<FillerHit> {
    let toks = tokens(words);
    let mut hits = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((text, len, kind)) = filler_at(&toks, i) {
            hits.push(FillerHit {
                text: text.to_string(),
                start: toks[i].word.start,
                end: toks[i + len - 1].word.end,
                kind,
            });
            i += len;
        } else {
            i += 1;
        }
    }
    hits
}

/// The filler starting at token `i`, as (canonical text, tokens covered, kind).
fn filler_at(toks: &[Token], i: usize) -> Option<(&'static str, usize, FillerKind)> {
    use FillerKind::*;
    let t = &toks[i];
    if let Some(sound) = sound_filler(&t.norm) {
        return Some((sound, 1, Sound));
    }
    let next = norm_at(toks, i + 1);
    let prev = prev_norm(toks, i);
    let set_off = break_before(toks, i) || t.break_after;
    match t.norm.as_str() {
        "like" => {
            let meant = prev.is_some_and(|p| LIKE_IS_MEANT_AFTER.contains(&p));
            (t.break_after && !meant).then_some(("like", 1, Discourse))
        }
        "you" if next == Some("know") => {
            let know = &toks[i + 1];
            let ends_plainly = know.break_after || know.period_after;
            let meant = prev.is_some_and(|p| {
                [
                    "as", "do", "did", "don't", "didn't", "if", "would", "should", "will", "let",
                ]
                .contains(&p)
            });
            (ends_plainly && !meant).then_some(("you know", 2, Discourse))
        }
        "i" if next == Some("mean") => {
            let mean = &toks[i + 1];
            let meant = prev.is_some_and(|p| ["what", "which", "that"].contains(&p));
            (mean.break_after && !meant).then_some(("i mean", 2, Discourse))
        }
        "kind" | "sort" if next == Some("of") => {
            let meant = prev.is_some_and(|p| DETERMINERS.contains(&p));
            let text = if t.norm == "kind" {
                "kind of"
            } else {
                "sort of"
            };
            (!meant).then_some((text, 2, Discourse))
        }
        "kinda" => Some(("kind of", 1, Discourse)),
        "sorta" => Some(("sort of", 1, Discourse)),
        "basically" => Some(("basically", 1, Discourse)),
        "literally" => Some(("literally", 1, Discourse)),
        "actually" | "honestly" => {
            let text = if t.norm == "actually" {
                "actually"
            } else {
                "honestly"
            };
            set_off.then_some((text, 1, Discourse))
        }
        "so" => {
            // Sentence-initial "So" (or one set off by commas) fills; "so that", "so much",
            // "it broke, so I fixed it" carry meaning.
            let meant = next.is_some_and(|n| {
                [
                    "that", "much", "many", "far", "long", "good", "what", "on", "yeah", "to",
                ]
                .contains(&n)
            });
            let filler = sentence_start(toks, i) || (break_before(toks, i) && t.break_after);
            (filler && !meant && next.is_some()).then_some(("so", 1, Discourse))
        }
        "right" => {
            let tag = t.question_after && prev != Some("that");
            let framed = break_before(toks, i) && (t.break_after || t.period_after);
            (prev != Some("all") && (tag || framed)).then_some(("right", 1, Discourse))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::words;

    fn fillers(text: &str) -> Vec<String> {
        find_fillers(&words(text))
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn hesitation_sounds_in_all_spellings() {
        assert_eq!(
            fillers("Umm, I, uh, think er, hmm, yes. Uhm... ah, Mm."),
            ["um", "uh", "er", "hmm", "um", "ah", "hmm"]
        );
    }

    #[test]
    fn like_as_verb_comparison_or_example_is_not_a_filler() {
        assert!(fillers("I would like to lead the team.").is_empty());
        assert!(fillers("We used tools like Jenkins and Docker.").is_empty());
        assert!(fillers("The new office felt like home.").is_empty());
        assert!(fillers("I'd like, to be honest, more time.").is_empty());
        assert!(fillers("Do you like working alone?").is_empty());
    }

    #[test]
    fn like_set_off_by_commas_is_a_filler() {
        assert_eq!(fillers("It was, like, the first week."), ["like"]);
        assert_eq!(fillers("Like, we had no tests."), ["like"]);
        assert_eq!(fillers("and I was like, wow."), ["like"]);
    }

    #[test]
    fn you_know_and_i_mean_only_as_fillers() {
        assert_eq!(fillers("It was, you know, hard."), ["you know"]);
        assert!(fillers("Do you know the answer?").is_empty());
        assert!(fillers("As you know, we shipped.").is_empty());
        assert!(fillers("You know what happened next?").is_empty());
        assert_eq!(fillers("I mean, it worked."), ["i mean"]);
        assert!(fillers("That is what I mean, exactly.").is_empty());
        assert!(fillers("I mean it.").is_empty());
    }

    #[test]
    fn hedgy_kind_of_but_not_a_kind_of() {
        assert_eq!(fillers("It was kind of hard."), ["kind of"]);
        assert_eq!(fillers("We sort of agreed."), ["sort of"]);
        assert!(fillers("It is a kind of database.").is_empty());
        assert!(fillers("What sort of role is it?").is_empty());
    }

    #[test]
    fn so_at_sentence_start_but_not_as_conjunction() {
        assert_eq!(fillers("So, I joined in March."), ["so"]);
        assert_eq!(fillers("So I joined in March."), ["so"]);
        assert!(fillers("It broke, so I fixed it.").is_empty());
        assert!(fillers("So far we have two.").is_empty());
        assert!(fillers("We did this so that it scales.").is_empty());
    }

    #[test]
    fn basically_literally_actually_honestly_right() {
        assert_eq!(fillers("It was basically done."), ["basically"]);
        assert_eq!(fillers("Literally everyone came."), ["literally"]);
        assert_eq!(fillers("Actually, it failed."), ["actually"]);
        assert!(fillers("What actually happened was simple.").is_empty());
        assert_eq!(fillers("Honestly, I was tired."), ["honestly"]);
        assert_eq!(fillers("We need tests, right?"), ["right"]);
        assert!(fillers("It was the right tool.").is_empty());
        assert!(fillers("Turn right now.").is_empty());
        assert!(fillers("All right, let's go.").is_empty());
    }

    #[test]
    fn hits_carry_times_and_kinds() {
        let hits = find_fillers(&words("Well, um, it was, you know, fine."));
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].kind, FillerKind::Sound);
        assert_eq!(hits[0].start, 0.4);
        assert_eq!(hits[1].kind, FillerKind::Discourse);
        assert_eq!(hits[1].start, 1.6);
        assert!((hits[1].end - 2.3).abs() < 1e-9, "spans both words");
    }
}
