//! Sentence-level cues shared by the labelling and the answer-level judgements: does a
//! sentence state a number or measure, is it a content-free closer or a trail-off, and who is
//! the subject ("I" or "we").

use super::lexicon::{
    self, is_past_verb, CHANGE_WORDS, CLOSER_ANCHORS, CLOSER_WORDS, DANGLING, I_FORMS,
    LEARNING_CUES, OUTCOME_LEANING_VERBS, OUTCOME_VERBS, RESULT_CUES, TRAIL_MARKERS,
    TRAIL_OPENINGS, UNIT_NOUNS, WE_FORMS,
};
use crate::analysis::context::{Token, NUMBER_WORDS};
use crate::analysis::fillers::sound_filler;

/// The sentence's words, lower-case, without hesitation sounds.
pub fn content_words<'a>(toks: &'a [Token]) -> Vec<&'a str> {
    toks.iter()
        .map(|t| t.norm.as_str())
        .filter(|w| sound_filler(w).is_none())
        .collect()
}

/// Whether a phrase occurs in the words.
pub fn has_phrase(words: &[&str], phrase: &[&str]) -> bool {
    words.windows(phrase.len()).any(|w| w == phrase)
}

/// How many of the phrases occur (each counted once).
pub fn count_phrases(words: &[&str], phrases: &[&[&str]]) -> usize {
    phrases.iter().filter(|p| has_phrase(words, p)).count()
}

/// Whether the sentence states a number or a measure: digits, number words ("forty",
/// "a dozen", "half", "twice", "doubled"), a percentage or an amount of money. "One" counts
/// only as a count of something ("one week", "down to one"), not as a pronoun ("one of",
/// "no one", "the one").
pub fn states_quantity(toks: &[Token]) -> bool {
    let words = content_words(toks);
    let raw_has_symbol = toks
        .iter()
        .any(|t| t.word.word.contains(['%', '$', '£', '€']));
    raw_has_symbol
        || words.iter().enumerate().any(|(i, w)| {
            // Any digit: "40", "3.5", "24/7", "mp3s" (a stated figure all the same).
            if w.chars().any(|c| c.is_ascii_digit()) {
                return true;
            }
            // "one" is a pronoun as often as a number: judged apart below.
            let measure = |part: &str| {
                (NUMBER_WORDS.contains(&part) && part != "one") || CHANGE_WORDS.contains(&part)
            };
            if w.split('-').any(measure) && !w.starts_with("double-") {
                return true;
            }
            (*w == "one" && one_is_a_count(&words, i)) || is_fraction(&words, i)
        })
}

/// A number on its own, as a word or in digits ("eleven", "40", "3.5", "40%").
pub fn is_number(w: &str) -> bool {
    NUMBER_WORDS.contains(&w)
        || (starts_with_digit(w)
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%')))
}

/// A word that starts an amount: a number (or digits with a unit, "5k", "10x"), or a word
/// before one: "about"/"around"/"almost"/"nearly"/"than", "half", "twice", "a" ("by a third",
/// "under a minute").
pub fn starts_an_amount(w: &str) -> bool {
    is_number(w)
        || starts_with_digit(w)
        || matches!(
            w,
            "about" | "around" | "almost" | "nearly" | "than" | "half" | "a" | "an" | "twice"
        )
}

fn starts_with_digit(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// "a third more", "two thirds of them", "by a quarter": a fraction of something. Not a
/// period ("in a quarter", "last quarter") nor an order ("a third time").
fn is_fraction(words: &[&str], i: usize) -> bool {
    let fraction = matches!(
        words[i],
        "third" | "thirds" | "quarter" | "quarters" | "fifth" | "fifths" | "tenth" | "tenths"
    );
    let prev = if i > 0 { words[i - 1] } else { "" };
    let before = if i > 1 { words[i - 2] } else { "" };
    let next = words.get(i + 1).copied().unwrap_or("");
    fraction
        && (prev == "a" || (NUMBER_WORDS.contains(&prev) && prev != "half"))
        && !matches!(
            before,
            "in" | "within" | "per" | "every" | "each" | "for" | "last" | "next" | "this" | "that"
        )
        && !matches!(
            next,
            "time" | "times" | "year" | "day" | "place" | "floor" | "party"
        )
}

/// Words after which "one" is a pronoun: relative words, subjects, verbs and prepositions ("one
/// that worked", "one I liked", "one was broken", "one for each of us").
const PRONOUN_ONE_BEFORE: &[&str] = &[
    "that", "which", "who", "where", "when", "you", "they", "she", "was", "were", "had", "has",
    "have", "would", "could", "can", "will", "should", "is", "are", "and", "but", "for", "from",
    "with", "about", "after", "before", "into", "over", "off", "out", "more", "less", "else",
    "too", "again", "there", "here", "now", "then", "i'm", "i've", "we're", "we've", "they're",
    "did", "does", "didn't",
];

fn one_is_a_count(words: &[&str], i: usize) -> bool {
    let prev = if i > 0 { words[i - 1] } else { "" };
    let next = words.get(i + 1).copied().unwrap_or("");
    if matches!(
        prev,
        "no" | "the" | "any" | "every" | "each" | "someone" | "this" | "that"
    ) || matches!(next, "of" | "another" | "day" | "time" | "thing" | "way")
    {
        return false;
    }
    // "one night after the concert", "at one point I thought…": when it happened, not how
    // much ("in one night" and "for one evening" still measure).
    let when = matches!(next, "night" | "morning" | "evening" | "afternoon")
        && !matches!(
            prev,
            "in" | "within" | "for" | "over" | "than" | "just" | "only"
        );
    if when || (prev == "at" && next == "point") {
        return false;
    }
    // "ask me one question", "one small change": "one" before a noun or an adjective counts
    // it (the pronoun stands alone or before a function word: "one that", "one I liked").
    // After an adjective "one" is the pronoun again ("the first one broke", "which one").
    let pronoun_after = matches!(
        prev,
        "first"
            | "last"
            | "next"
            | "new"
            | "old"
            | "big"
            | "small"
            | "other"
            | "which"
            | "what"
            | "right"
            | "wrong"
            | "same"
            | "only"
            | "little"
            | "good"
            | "bad"
    );
    if !pronoun_after
        && next.len() > 2
        && next.chars().all(char::is_alphabetic)
        && !next.ends_with("ing")
        && !is_past_verb(next)
        && !lexicon::contains(PRONOUN_ONE_BEFORE, next)
    {
        return true;
    }
    let singular = next.strip_suffix('s').unwrap_or(next);
    UNIT_NOUNS.contains(&next)
        || UNIT_NOUNS.contains(&singular)
        || matches!(
            prev,
            "to" | "from" | "by" | "only" | "just" | "down" | "up" | "than"
        )
}

/// Counts "I" and "we" as subjects in a sentence.
pub fn first_person_subjects(toks: &[Token]) -> (usize, usize) {
    let words = content_words(toks);
    let i = words.iter().filter(|w| I_FORMS.contains(w)).count();
    let we = words.iter().filter(|w| WE_FORMS.contains(w)).count();
    (i, we)
}

/// A sentence made only of closing words ("So, yeah, that's pretty much it.").
pub fn is_closer(words: &[&str]) -> bool {
    !words.is_empty()
        && words.len() <= 12
        && words.iter().all(|w| CLOSER_WORDS.contains(w))
        && words.iter().any(|w| CLOSER_ANCHORS.contains(w))
}

/// Whether the answer's last sentence trails off instead of ending: a closer, a short remark
/// led by "so yeah" or "anyway" that adds no outcome or lesson ("Anyway, yeah, it was a busy
/// summer."), or words left hanging ("…and then we, um").
pub fn is_trail_off(toks: &[Token]) -> bool {
    let words = content_words(toks);
    if words.is_empty() {
        return true;
    }
    if is_closer(&words) {
        return true;
    }
    let last_raw = toks.last().map_or("", |t| t.word.word.trim());
    let last = toks.last().map_or("", |t| t.norm.as_str());
    // "and…" / "so, um" at the very end: the sentence was never finished. A word the
    // recogniser closed with a full stop was meant to end there.
    if DANGLING.contains(&last) && !last_raw.ends_with(['.', '!', '?']) {
        return true;
    }
    let marked = TRAIL_MARKERS.iter().any(|m| has_phrase(&words, m));
    let opened = TRAIL_OPENINGS.iter().any(|m| words.starts_with(m));
    // Opened like a trail-off, a longer sentence still trails off unless it says how it went.
    let opened_without_outcome = opened && RESULT_CUES.iter().all(|c| !has_phrase(&words, c));
    ((marked && words.len() <= 10) || opened_without_outcome)
        && !states_quantity(toks)
        && !words
            .iter()
            .any(|w| OUTCOME_VERBS.contains(w) || OUTCOME_LEANING_VERBS.contains(w))
        && LEARNING_CUES.iter().all(|c| !has_phrase(&words, c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::context::tokens;
    use crate::analysis::test_support::words;

    fn quantity(text: &str) -> bool {
        states_quantity(&tokens(&words(text)))
    }

    fn trails(text: &str) -> bool {
        is_trail_off(&tokens(&words(text)))
    }

    #[test]
    fn numbers_and_measures_count_pronoun_one_does_not() {
        assert!(quantity("Support tickets dropped by about forty percent."));
        assert!(quantity("It ran in 40% of the time."));
        assert!(quantity("We went from seventy-one to eighty-nine."));
        assert!(quantity("Now it takes one person half a day."));
        assert!(quantity("Sales doubled."));
        assert!(quantity("We got it down to one."));
        assert!(!quantity("One of the best marks in the year."));
        assert!(!quantity("Within a month the lateness had stopped."));
        assert!(!quantity("No one complained after that."));
        assert!(!quantity("The client was happy and renewed."));
        assert!(quantity("She only needed to ask me one question."));
        assert!(quantity("We made one small change to the rota."));
        assert!(!quantity("We found one that worked."));
        assert!(!quantity("The first one broke within a day."));
        // When it happened is not how much.
        assert!(!quantity(
            "He rang me one evening after the show and thanked me."
        ));
        assert!(!quantity(
            "At one point I thought we would lose the client."
        ));
        assert!(quantity("We moved the whole stock room in one night."));
    }

    #[test]
    fn trail_offs_are_closers_hanging_words_or_short_asides() {
        assert!(trails("So, yeah, that's pretty much it."));
        assert!(trails("um yeah and i think that's it"));
        assert!(trails("Anyway, yeah, it was a busy summer."));
        assert!(trails("and then we, um"));
        assert!(!trails("Support tickets dropped by forty percent."));
        assert!(!trails("So yeah, I learned to ask for help earlier."));
        assert!(!trails(
            "he changed a lot less after that and the sprints got more stable and stuff"
        ));
        assert!(!trails("I really liked that."));
        // Opened like a trail-off, it is one at any length, unless it says how it went.
        assert!(trails(
            "Anyway, yeah, that's the kind of Saturday you get in this job, to be honest."
        ));
        assert!(trails(
            "So, yes, this is more or less the story, as far as I remember it."
        ));
        assert!(!trails(
            "and yeah it all went fine in the end and the guests were happy"
        ));
    }
}
