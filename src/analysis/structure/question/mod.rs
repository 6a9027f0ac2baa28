//! Does a question ask for an example from the speaker's past? Behavioural interview questions
//! do ("tell me about a time…", "describe a situation where…", "give me an example of…",
//! "have you ever…", "what was the hardest…"), and only their answers are coached as stories.
//! Questions about opinions, plans or hypotheticals ("why this company", "what trends do you
//! see", "how would you handle…") are not. The question bank marks its own questions, which
//! wins over the wording.
//!
//! The wording rules are in three parts: this file holds the routing (rules, then the learned
//! model where they find no cue) and the phrase tables that decide it; `occasions.rs` the
//! wordings that ask for one occasion from the speaker's past ("tell me about the week that…",
//! "what's the biggest problem you've solved", "how did your team cope when…");
//! `look_alikes.rs` the wordings in the past tense that do not ("what was your degree in",
//! "have you ever used Jira?", "which languages did you use", "what would you change").

mod look_alikes;
mod occasions;
#[cfg(test)]
mod tests;

use super::lexicon;
use super::question_model::{self, probability_of_example, QuestionModel, THRESHOLD};
use look_alikes::{
    asks_a_preference, asks_for_a_list, checks_experience, example_you_would_do,
    facts_of_the_record, you_would,
};
use occasions::{
    ever_first, has_yours_ever, how_did_it_go, how_did_your_group, how_it_turned_out, how_you_did,
    superlative_of_yours, telling_about_an_occasion, what_did_you_do, what_did_your_group_do_when,
    what_is_something_you_did, would_do_differently_now, you_acted_when, your_best_moment,
};

/// The question an answer responds to, as the analysis needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Question<'a> {
    pub text: &'a str,
    /// The question bank's own mark; `None` for free text (then the wording decides).
    pub example: Option<bool>,
}

/// Phrases that ask for a particular occasion, wherever they appear.
const OCCASION: &[&[&str]] = &[
    &["a", "time"],
    &["the", "time", "you"],
    &["the", "time", "when"],
    &["the", "last", "time"],
    &["an", "occasion"],
    &["a", "situation", "where"],
    &["a", "situation", "when"],
    &["a", "situation", "in", "which"],
    &["a", "case", "where"],
    &["a", "case", "when"],
    // "a moment when…", "a moment from your internship you'd handle differently".
    &["a", "moment"],
    &["an", "instance"],
    &["an", "experience", "where"],
    &["an", "example"],
    &["one", "example"],
    &["example", "of"],
    &["examples", "of"],
    &["have", "you", "ever"],
    &["did", "you", "ever"],
    // "have you had a customer who…", "have you had to let someone go": the present perfect
    // of experience, like "have you ever" (not "have you had any thoughts on…").
    &["have", "you", "had", "a"],
    &["have", "you", "had", "an"],
    &["have", "you", "had", "to"],
    &["have", "you", "had", "two"],
    &["was", "there", "ever"],
    &["were", "there", "ever"],
    // "the hardest bug you've ever tracked down", "the best manager you ever had".
    &["you've", "ever"],
    &["you", "have", "ever"],
    &["you", "ever"],
    // "when did you last have to…", "the last time you…".
    &["did", "you", "last"],
    &["you", "last"],
    &["how", "did", "you"],
    // "… and what did you end up doing about it?"
    &["did", "you", "end", "up"],
    // "what was it like when your first meadow came up mostly thistles".
    &["what", "was", "it", "like", "when"],
    // "what was it like the time a pupil's dad kept teaching him different stuff".
    &["it", "like", "the", "time"],
    &["that", "like", "the", "time"],
    &["what", "happened"],
    &["what", "was", "the"],
    &["what", "was", "a"],
    &["what", "was", "your"],
    &["what", "has", "been", "the"],
    &["what's", "been", "the"],
    // "any good stories about hire boats getting stuck in your locks".
    &["stories", "about"],
    &["any", "stories"],
    // "Pick a shift where the signalling let you down and tell me how it went."
    &["how", "it", "went"],
    &["how", "that", "went"],
    // "Looking back, is there a client you should have fired sooner?": the speaker's own past,
    // judged ("you could have gone into" is a choice not taken, not an occasion).
    &["you", "should", "have"],
    &["you", "should've"],
    // "Is there one who stands out?", "a client that stood out": one occasion singled out.
    &["who", "stands", "out"],
    &["that", "stands", "out"],
    &["which", "stands", "out"],
    &["who", "stood", "out"],
    // "a case that still stays with you", "a patient who really stuck with you".
    &["stays", "with", "you"],
    &["stayed", "with", "you"],
    &["sticks", "with", "you"],
    &["stuck", "with", "you"],
    &["that", "stood", "out"],
    &["which", "stood", "out"],
];

/// A phrase with an occasion's words in it that names a manner: "one at a time", "for weeks
/// at a time", "take a moment".
const MANNER: &[&[&str]] = &[
    &["at", "a", "time"],
    // "Take a moment to think, then…", "a moment to look at the brief".
    &["take", "a", "moment"],
    &["a", "moment", "to"],
];

/// Phrases with an occasion's words in them that ask for a thought, a habit or a condition,
/// not an occasion: "have you ever thought about what you'd change…", "did you ever consider
/// teaching".
const NOT_AN_OCCASION: &[&[&str]] = &[
    &["have", "you", "ever", "thought"],
    &["have", "you", "ever", "wondered"],
    &["have", "you", "ever", "considered"],
    &["did", "you", "ever", "think"],
    &["did", "you", "ever", "wonder"],
    &["did", "you", "ever", "consider"],
    // How the speaker came to the job or the trade, not an occasion: "how did you hear about
    // the role?", "how did you end up in marketing?" (`HOW_YOU_CAME_HERE` for "how you heard").
    &["how", "did", "you", "hear"],
    &["how", "did", "you", "end", "up"],
    &["how", "did", "you", "get", "into"],
    &["how", "did", "you", "come", "to"],
    &["how", "did", "you", "come", "across"],
    &["how", "did", "you", "find", "out"],
    &["how", "did", "you", "find", "us"],
    // A habit or an opinion: "do you ever think probation has become too much about paperwork?"
    &["do", "you", "ever"],
    // A condition: "if there was ever a time you had two applicants…, how would you decide".
    &["if", "there", "was", "ever", "a", "time"],
    &["if", "there", "were", "ever"],
    &["if", "there", "was", "a", "time"],
];

/// Phrases that make a question hypothetical or about the present, not about the past.
const HYPOTHETICAL: &[&[&str]] = &[
    &["would", "you"],
    &["you", "would"],
    &["what", "if"],
    &["if", "you", "were"],
    &["were", "you", "to"],
    &["imagine"],
    &["suppose"],
    &["say", "you"],
    // "walk me through how you'd run your first week with a new form".
    &["how", "you'd"],
    // A habit, not an occasion: "how do you usually plan your week", even when the rest names
    // one ("your first meeting with an account you've just inherited").
    &["do", "you", "usually"],
    &["do", "you", "normally"],
    &["do", "you", "generally"],
    &["do", "you", "typically"],
    &["do", "you", "tend"],
    &["did", "you", "use", "to"],
    &["did", "you", "used", "to"],
    // A habit or an ideal wherever it is asked: "describe a typical day in your current
    // role", "describe the perfect job for you", "tell me about the usual week".
    &["usually"],
    &["normally"],
    &["generally"],
    &["typically"],
    &["typical"],
    &["ideal"],
    &["perfect"],
    &["dream"],
];

/// An ask framed as a hypothetical that still asks for the speaker's past: "if I asked you for
/// the worst week you've had with the mowers, what would you say?". Its "would you" is the
/// frame, not the question.
const FRAMED_ASK: &[&[&str]] = &[
    &["if", "i", "asked"],
    &["if", "i", "were", "to", "ask"],
    // "What would you say is the biggest achievement of your career so far?"
    &["would", "you", "say", "is"],
    &["would", "you", "say", "was"],
];

/// A habit in the past, not an occasion: "how did you usually handle walk-ins", "how did you
/// used to plan the rota". Their "did you" is not the clear past of `CLEARLY_PAST` (the habit
/// word is `HYPOTHETICAL`'s).
const PAST_HABIT: &[&[&str]] = &[
    &["did", "you", "usually"],
    &["did", "you", "normally"],
    &["did", "you", "generally"],
    &["did", "you", "typically"],
    &["did", "you", "use", "to"],
    &["did", "you", "used", "to"],
];

/// Phrases about a particular past occasion strong enough to win over a hypothetical word
/// ("tell me about a time you would have done it differently").
const CLEARLY_PAST: &[&[&str]] = &[
    &["a", "time"],
    // "what happened when a young person told you something and you had to say you couldn't…".
    &["what", "happened"],
    &["have", "you", "ever"],
    &["did", "you"],
    &["the", "last", "time"],
];

/// Words that place a question in the future, a habit or a condition, not in the speaker's
/// past ("what will you change first", "how do you usually…", "if you got this job"). When
/// no phrase of an occasion is found, they keep the learned model from making it a story.
const NOT_THE_PAST: &[&[&str]] = &[
    &["will"],
    &["you'll"],
    &["going", "to"],
    &["if", "you"],
    &["tend"],
    &["tends"],
    &["always"],
    &["often"],
    &["whenever"],
    &["every", "time"],
    &["each", "time"],
    // The trade at large, not the speaker: "What's the biggest change that shaped your
    // industry?", a question about trends.
    &["industry"],
    &["sector"],
    &["profession"],
    &["economy"],
];

/// What the wording rules make of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A phrase asks for a particular occasion from the speaker's past.
    Past,
    /// A phrase makes it hypothetical, a habit, a thought, the future or about the trade at
    /// large.
    NotPast,
    /// No phrase either way: the learned model decides.
    NoCue,
}

/// A question's words as the routing reads them: split at spaces and sentence punctuation,
/// normalised like transcript words (lower case, apostrophes restored: "youve" → "you've").
pub fn question_words(question: &str) -> Vec<String> {
    question
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '?' | '!' | ';' | ':'))
        .map(crate::transcript::normalize_token)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a question asks for an example from the speaker's past: the wording rules decide,
/// and where they find no cue either way, the learned question model (`question_model.rs`)
/// may still make an open question that tells of something past a story, when it is sure.
pub fn asks_for_example(question: &str) -> bool {
    route(question, || Some(question_model::embedded()))
}

/// `asks_for_example` with a chosen question model, or the rules alone (`None`).
pub fn asks_for_example_with(question: &str, model: Option<&QuestionModel>) -> bool {
    route(question, || model)
}

/// The routing, with the model fetched only when the rules leave the question to it (the
/// compiled-in weights are read on first use).
fn route<'m>(question: &str, model: impl FnOnce() -> Option<&'m QuestionModel>) -> bool {
    let words = question_words(question);
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    match verdict_of_words(&w) {
        Verdict::Past => true,
        Verdict::NotPast => false,
        Verdict::NoCue => may_ask_the_model(&w) && model().is_some_and(|m| model_is_sure(m, &w)),
    }
}

/// The model has read the labelled wordings, but not every short generic question ("Describe
/// your current responsibilities", "Walk me through your resume"), and is keen on "describe"
/// and "walk me through": it is asked only about an open question that tells of something
/// past.
pub fn may_ask_the_model(words: &[&str]) -> bool {
    !closed_question(words) && tells_of_the_past(words)
}

fn model_is_sure(model: &QuestionModel, words: &[&str]) -> bool {
    probability_of_example(model, words) > THRESHOLD
}

/// Auxiliaries that open a closed (yes/no) question.
const CLOSED_OPENERS: &[&str] = &[
    "have", "has", "had", "did", "do", "does", "are", "is", "was", "were",
];

/// "Have you worked with Salesforce?", "Have you got your food hygiene certificate?": a
/// yes/no question about the speaker's experience, answered with a yes and a summary. When
/// such a question asks for an occasion, the rules hear it ("have you ever", "was there a
/// time", "has a client ever…"); the model is not asked.
fn closed_question(words: &[&str]) -> bool {
    let mut rest = words.iter().skip_while(|w| LEAD_INS.contains(w));
    let first = rest.next();
    // "Is there a finding you were sure of that didn't replicate?", "was there a patient
    // who…": "there" asks for one thing, not a yes (every labelled question that opens so
    // asks for a story).
    let second: Vec<&&str> = rest.take(4).collect();
    let existential =
        matches!(first, Some(&("is" | "was" | "has"))) && second.first() == Some(&&"there");
    // "Has a pour ever gone wrong on a piece an artist was relying on you for?": whether
    // something ever happened to the speaker's work, not a check of their experience ("have
    // you ever used …" is the rules' own).
    let happened_ever = matches!(first, Some(&("has" | "have")))
        && second.first().is_some_and(|w| **w != "you")
        && second.contains(&&"ever");
    first.is_some_and(|first| CLOSED_OPENERS.contains(first)) && !existential && !happened_ever
}

/// Spans of time that "last" puts in the past: "last winter", "last year".
const TIME_SPANS_PAST: &[&str] = &[
    "year",
    "month",
    "week",
    "winter",
    "summer",
    "spring",
    "autumn",
    "fall",
    "christmas",
    "quarter",
    "term",
    "season",
    "night",
];

/// Words that put a question in the past: a past verb ("your choir nearly folded"), a past
/// auxiliary ("was there", "didn't really trust"), the present perfect ("you've pulled"), or
/// a time gone by ("last winter", "years ago").
fn tells_of_the_past(w: &[&str]) -> bool {
    (0..w.len()).any(|i| {
        let word = w[i];
        let have_got = lexicon::is_present_have_got(w, i);
        // "… of flu jabs last winter", "two years ago".
        let time_gone_by = word == "ago"
            || (word == "last" && w.get(i + 1).is_some_and(|n| TIME_SPANS_PAST.contains(n)));
        !have_got
            && (time_gone_by
                || PAST_AUXILIARIES.contains(&word)
                || word.ends_with("'ve")
                || lexicon::is_past_verb_after_subject(word))
    })
}

/// Auxiliaries of the past: "was there", "did your team", "it didn't really work".
const PAST_AUXILIARIES: &[&str] = &[
    "was", "were", "did", "had", "been", "ever", "didn't", "wasn't", "weren't", "hadn't",
    "couldn't",
];

/// The wording rules' verdict on a question.
pub fn verdict(question: &str) -> Verdict {
    let words = question_words(question);
    verdict_of_words(&words.iter().map(String::as_str).collect::<Vec<_>>())
}

fn verdict_of_words(w: &[&str]) -> Verdict {
    // Words inside a phrase that only looks like an occasion ("one at a time", "have you
    // ever thought") do not count.
    let mut idiom = vec![false; w.len()];
    for phrase in MANNER.iter().chain(NOT_AN_OCCASION) {
        for i in found_at(w, phrase) {
            idiom[i..i + phrase.len()].fill(true);
        }
    }
    // "What was your degree in?": a fact, not "what was your …" asking for an occasion.
    let record = facts_of_the_record(w);
    for &i in &record {
        idiom[i..i + 3].fill(true);
    }
    let found = |phrases: &[&[&str]]| phrases.iter().any(|p| found_at(w, p).next().is_some());
    let has = |phrase: &[&str]| {
        found_at(w, phrase).any(|i| !idiom[i..i + phrase.len()].iter().all(|&x| x))
    };
    let past = OCCASION.iter().any(|p| has(p))
        || telling_about_an_occasion(w)
        || superlative_of_yours(w)
        || what_is_something_you_did(w)
        || what_did_your_group_do_when(w)
        || how_did_it_go(w)
        || has_yours_ever(w)
        || how_did_your_group(w)
        || how_you_did(w)
        || what_did_you_do(w)
        || ever_first(w)
        || your_best_moment(w)
        || would_do_differently_now(w)
        || how_it_turned_out(w);
    let hypothetical = (HYPOTHETICAL.iter().any(|p| has(p)) || example_you_would_do(w))
        && !FRAMED_ASK.iter().any(|p| has(p));
    if checks_experience(w) {
        return Verdict::NotPast;
    }
    let clearly_past = CLEARLY_PAST.iter().any(|p| {
        found_at(w, p).any(|i| {
            !idiom[i..i + p.len()].iter().all(|&x| x)
                && !PAST_HABIT.iter().any(|habit| w[i..].starts_with(habit))
        })
    });
    if past {
        return if !hypothetical || clearly_past || you_acted_when(w) {
            Verdict::Past
        } else {
            Verdict::NotPast
        };
    }
    let not_past = hypothetical
        || !record.is_empty()
        || asks_for_a_list(w)
        || asks_a_preference(w)
        || (0..w.len()).any(|k| you_would(w, k))
        || found(NOT_AN_OCCASION)
        || found(NOT_THE_PAST);
    if not_past {
        Verdict::NotPast
    } else {
        Verdict::NoCue
    }
}

/// Where `phrase` starts in `words`.
fn found_at<'a>(words: &'a [&str], phrase: &'a [&str]) -> impl Iterator<Item = usize> + 'a {
    words
        .windows(phrase.len())
        .enumerate()
        .filter(move |(_, w)| w == &phrase)
        .map(|(i, _)| i)
}

/// Words a spoken question may start with before its first real word: "right so uh ever had…".
const LEAD_INS: &[&str] = &[
    "so", "right", "and", "okay", "ok", "well", "now", "then", "um", "uh",
];
