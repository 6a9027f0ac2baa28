//! Does a question ask for an example from the speaker's past? Behavioural interview questions
//! do ("tell me about a time…", "describe a situation where…", "give me an example of…",
//! "have you ever…", "what was the hardest…"), and only their answers are coached as stories.
//! Questions about opinions, plans or hypotheticals ("why this company", "what trends do you
//! see", "how would you handle…") are not. The question bank marks its own questions, which
//! wins over the wording.

use super::lexicon;
use super::question_model::{self, probability_of_example, QuestionModel, THRESHOLD};

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

/// Verbs that ask the speaker to tell something: followed by "a", "an", "the", "one" or "your"
/// plus a superlative, they ask for an example.
const TELLING: &[&[&str]] = &[
    &["tell", "me", "about"],
    &["tell", "us", "about"],
    // "I'd like to hear about an offshore campaign where…".
    &["hear", "about"],
    &["talk", "me", "through"],
    &["talk", "us", "through"],
    &["talk", "about"],
    &["walk", "me", "through"],
    &["walk", "us", "through"],
    &["take", "me", "through"],
    &["take", "me", "back", "through"],
    &["take", "us", "through"],
    &["describe"],
    &["share"],
    &["recall"],
    &["remember"],
    &["think", "of"],
    &["think", "about"],
    &["give", "me"],
    &["give", "us"],
    &["give"],
];

/// Superlatives not formed with "-est" ("your best …", "the worst call you made", "the most
/// useful thing"); `lexicon::is_est_superlative` hears the rest ("biggest", "hardest").
const SUPERLATIVES: &[&str] = &["best", "worst", "most"];

/// A superlative: the listed ones ("best", "worst", "most") and any adjective in "-est"
/// ("the angriest call", "the roughest night"), which singles out one occasion the same way.
fn is_superlative(word: &str) -> bool {
    SUPERLATIVES.contains(&word) || lexicon::is_est_superlative(word)
}

/// A superlative or an ordinal at `words[i]` that singles something out: not "most of your
/// mates", a quantity.
fn singles_out(words: &[&str], i: usize) -> bool {
    let word = words[i];
    (is_superlative(word) || ORDINALS.contains(&word))
        && !(word == "most" && words.get(i + 1) == Some(&"of"))
}

/// "The first thing you ran on your own", "the last call you made": like a superlative, an
/// ordinal singles out one occasion when the speaker's past act follows.
const ORDINALS: &[&str] = &["first", "last"];

/// Besides the superlatives, words of experience that make "tell me about your …" a story
/// question.
const MEMORABLE: &[&str] = &[
    "least",
    "last",
    "first",
    "favourite",
    "favorite",
    "achievement",
    "accomplishment",
    "failure",
    "mistake",
    "experience",
    "project",
];

/// "Have you ever worked in a union shop before?", "have you ever managed a team before?",
/// "have you ever used Salesforce?", "have you ever worked on a trading desk?", "have you ever
/// held security clearance?": a check of experience, answered yes or no (unlike "have you ever had to let someone go?", "have you
/// ever run a workshop where nobody wanted to talk", "have you ever worked with someone who…").
/// Without "before", only working in a place, using a tool or holding a licence or a post,
/// and only when nothing follows the thing named: no clause, no second mention of the speaker, no past act.
fn checks_experience(w: &[&str]) -> bool {
    const DONE: &[&str] = &[
        "worked", "used", "been", "done", "managed", "led", "run", "taught", "driven", "operated",
    ];
    const CLAUSE: &[&str] = &[
        "who", "that", "which", "where", "when", "whose", "while", "to", "because", "after", "you",
        "your", "yourself", "and",
        // A particle makes the verb an act: "held a student pilot back", "used it up".
        "back", "up", "off", "out", "down", "over",
    ];
    (0..w.len().saturating_sub(3)).any(|i| {
        if w[i..i + 3] != ["have", "you", "ever"] {
            return false;
        }
        let (verb, named) = (w[i + 3], &w[i + 4..]);
        let plain = |thing: &[&str]| {
            !thing.is_empty()
                && thing.len() <= 6
                && !thing
                    .iter()
                    .any(|x| CLAUSE.contains(x) || lexicon::is_past_verb_after_subject(x))
        };
        (w.last() == Some(&"before") && DONE.contains(&verb))
            || (matches!(verb, "used" | "held") && plain(named))
            || (verb == "worked"
                && named
                    .first()
                    .is_some_and(|p| matches!(*p, "in" | "on" | "at" | "for"))
                && plain(&named[1..]))
    })
}

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
    let existential =
        matches!(first, Some(&("is" | "was" | "has"))) && rest.next() == Some(&"there");
    first.is_some_and(|first| CLOSED_OPENERS.contains(first)) && !existential
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

/// "Describe a situation where you had to delegate a task you'd normally do yourself": the
/// speaker's past act right after "where" or "when" is a clear past occasion, whatever habit
/// the rest names.
fn you_acted_when(w: &[&str]) -> bool {
    w.windows(3).any(|t| {
        matches!(t[0], "where" | "when")
            && t[1] == "you"
            // Only "had" and regular pasts: "when you set up a new job" is a habit.
            && (t[2] == "had"
                || (t[2].ends_with("ed") && lexicon::is_past_verb_after_subject(t[2])))
    })
}

/// "you'd" at `w[k]` is "you would" ("the first thing you'd change"), not "you had" before a
/// past participle ("more than you'd asked for", "the advice you'd given", "you'd ever run").
fn you_would(w: &[&str], k: usize) -> bool {
    w[k] == "you'd"
        && w.get(k + 1).is_some_and(|v| {
            !lexicon::is_past_verb_after_subject(v)
                && !lexicon::is_past_participle(v)
                && !v.ends_with("ed")
                && !lexicon::ADVERBS_BEFORE_VERB.contains(v)
                && !matches!(*v, "ever" | "already" | "never" | "just" | "even")
        })
}

/// "Give me an example of a metric you'd track in your first quarter", "an example of a
/// question you'd ask a customer": an example of what the speaker would do, a hypothetical;
/// "an example of a tool you like to use", of what they do now. Only right after "an example
/// of a …" (a few words), with a plain verb: "you'd" is as often the past perfect in story
/// questions ("a wig you'd made for them", "than you'd planned").
fn example_you_would_do(w: &[&str]) -> bool {
    (0..w.len()).any(|i| {
        w[i..].starts_with(&["example", "of"])
            && matches!(w.get(i + 2), Some(&"a" | &"an"))
            && (i + 4..(i + 8).min(w.len())).any(|k| {
                let present = w[k] == "you"
                    && w.get(k + 1)
                        .is_some_and(|v| lexicon::PRESENT_AFTER_YOU.contains(v));
                present || you_would(w, k)
            })
    })
}

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
    let record = fact_of_your_record(w).or_else(|| what_yours_was_like(w));
    if let Some(i) = record {
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
        || would_do_differently_now(w);
    let hypothetical = (HYPOTHETICAL.iter().any(|p| has(p)) || example_you_would_do(w))
        && !FRAMED_ASK.iter().any(|p| has(p));
    if checks_experience(w) {
        return Verdict::NotPast;
    }
    if past {
        return if !hypothetical || CLEARLY_PAST.iter().any(|p| has(p)) || you_acted_when(w) {
            Verdict::Past
        } else {
            Verdict::NotPast
        };
    }
    let not_past = hypothetical
        || record.is_some()
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

/// Facts of the speaker's record that a question asks in the past tense because the job or
/// the course is over, without asking for an occasion.
const RECORD: &[&str] = &[
    "role",
    "position",
    "title",
    "job",
    "duties",
    "responsibilities",
    "remit",
    "department",
    "degree",
    "major",
    "minor",
    "course",
    "subject",
    "subjects",
    "module",
    "modules",
    "dissertation",
    "thesis",
    "qualification",
    "qualifications",
    "specialism",
    "specialty",
    "speciality",
    "gpa",
    "cgpa",
    "grade",
    "grades",
    "score",
    "salary",
    "package",
    "notice",
    "rank",
    "level",
];

/// "What was your degree in?", "what was your role during your placement?", "what were your
/// main duties?", "what was your final year dissertation on?": a fact of the speaker's record,
/// with up to two words before its noun. Not "what was your biggest mistake" (a superlative
/// singles out an occasion) nor "what was your part in sorting things out afterwards" (not a
/// fact of the record). Where "what" starts.
fn fact_of_your_record(w: &[&str]) -> Option<usize> {
    (0..w.len()).find(|&i| {
        matches!(w[i..], ["what", "was" | "were", "your", ..])
            && (i + 3..(i + 6).min(w.len()))
                .any(|k| RECORD.contains(&w[k]) && !w[i + 3..k].iter().any(|x| is_superlative(x)))
    })
}

/// "What was your caseload like at your last local authority?", "what were your hours like":
/// a description of how things were, not an occasion (unlike "what was it like when…"). Where
/// "what" starts.
fn what_yours_was_like(w: &[&str]) -> Option<usize> {
    (0..w.len()).find(|&i| {
        matches!(w[i..], ["what", "was" | "were", "your", ..])
            && w[i + 3..(i + 7).min(w.len())].contains(&"like")
            && !w[i + 3..]
                .iter()
                .any(|x| matches!(*x, "when" | "time") || is_superlative(x))
    })
}

/// "Which of your two placements did you prefer?", "what did you enjoy most about your
/// placement year?": a liking, an opinion of a past stretch, not an occasion.
fn asks_a_preference(w: &[&str]) -> bool {
    (0..w.len().saturating_sub(2)).any(|i| {
        w[i..].starts_with(&["did", "you"])
            && verb_after_adverbs(&w[i + 2..]).is_some_and(|v| {
                matches!(v, "prefer" | "like" | "enjoy" | "love" | "dislike" | "hate")
            })
    })
}

/// "Is there a patient you'd care for differently if you had the chance again?", "a damp case
/// you'd handle differently if you had it again", "a decision you'd make differently today":
/// looking back on something done, which only a story answers; "again", "now", "today",
/// "hindsight" or "back" says it is done (not "something you'd do differently in your next
/// role").
fn would_do_differently_now(w: &[&str]) -> bool {
    (0..w.len()).any(|k| {
        w[k] == "you'd"
            && (k + 2..(k + 5).min(w.len())).any(|d| {
                w[d] == "differently"
                    && w[d + 1..]
                        .iter()
                        .any(|x| matches!(*x, "again" | "now" | "today" | "hindsight" | "back"))
            })
    })
}

/// "Which trades did you work alongside on your last site?", "what skills did you pick up
/// while…", "what qualifications have you got": things in the plural, asked for as a list, not
/// one occasion (a word or two of what, then a plural noun, then the speaker).
fn asks_for_a_list(w: &[&str]) -> bool {
    let plural = |x: &str| x.len() > 3 && x.ends_with('s') && !x.ends_with("ss");
    (0..w.len()).any(|i| {
        matches!(w[i], "which" | "what")
            && (i + 1..(i + 3).min(w.len())).any(|k| {
                plural(w[k])
                    && matches!(w.get(k + 1), Some(&("did" | "have" | "had" | "were")))
                    && w.get(k + 2) == Some(&"you")
            })
    })
}

/// Where `phrase` starts in `words`.
fn found_at<'a>(words: &'a [&str], phrase: &'a [&str]) -> impl Iterator<Item = usize> + 'a {
    words
        .windows(phrase.len())
        .enumerate()
        .filter(move |(_, w)| w == &phrase)
        .map(|(i, _)| i)
}

/// How many words after a superlative its noun and the clause about it may run: "the hardest
/// part of a practice merger you've had to deal with", "the oddest reason a printer stopped
/// working that you've had to track down", "the worst thing that's happened to a customer's
/// clothes while you had them" (10 and 12 route the same labelled questions).
const SUPERLATIVE_REACH: usize = 12;

/// "What's the biggest problem you've solved?", "the hardest call you had to make", "the
/// most useful thing your team has done": a superlative thing, then the speaker (or their
/// team) as its doer, is one occasion from their past. So is "the deal you're proudest of".
fn superlative_of_yours(w: &[&str]) -> bool {
    let past = lexicon::is_past_verb_after_subject;
    let proud = w.windows(3).any(|t| {
        matches!(t[0], "you're" | "you")
            && (t[1] == "proudest" || (t[1] == "most" && t[2] == "proud"))
    });
    // "the night you were most worried about the crop", "the day you felt proudest": the
    // superlative after the speaker's past state.
    let felt_most = w
        .windows(3)
        .any(|t| t[0] == "you" && matches!(t[1], "were" | "felt" | "got") && is_superlative(t[2]));
    proud
        || felt_most
        || (0..w.len()).any(|i| {
            let after = &w[i + 1..(i + 1 + SUPERLATIVE_REACH).min(w.len())];
            singles_out(w, i)
                && after.windows(2).enumerate().any(|(k, pair)| match pair {
                    // Not "who to see first when you've got more referrals": a condition,
                    // what the speaker does whenever it holds.
                    // Nor "the first week with a form you've never met", not yet lived.
                    ["you've", next] => {
                        *next != "never"
                            && (k == 0
                                || !matches!(after[k - 1], "when" | "whenever" | "if" | "once"))
                    }
                    // "the strangest thing a visitor has ever asked you": someone else's act
                    // that the speaker lived through.
                    ["has" | "have", "ever"] => true,
                    // "the oddest thing anyone's ever left in your cab", "they've ever".
                    [doer, "ever"] => doer.ends_with("'s") || doer.ends_with("'ve"),
                    // "the first home visit you remember doing": looking back on it (not "the
                    // first thing you remember to check", a habit).
                    ["you", verb] => {
                        matches!(*verb, "had" | "did" | "ever" | "have" | "was" | "were")
                            || past(verb)
                            || (LOOKING_BACK.contains(verb) && after.get(k + 2) != Some(&"to"))
                    }
                    // "your team has done", "your team made": one or two words of who, then
                    // a past act.
                    ["your", _] => your_group_acted(&after[k..]),
                    // "the first design of yours that real people just couldn't use".
                    ["yours", "that" | "which"] => yours_that_went(&after[k..]),
                    // "the closest a school show of yours has come to not going on".
                    ["yours", "has" | "have" | "had"] => true,
                    // "the first project that really tested you", "the scariest thing that's
                    // happened to you": something that happened to the speaker.
                    ["that" | "which" | "who" | "that's", _] => happened_to_you(&after[k + 1..]),
                    _ => false,
                })
        })
}

/// "really tested you", "surprised you", "happened to you": a past verb (after any adverbs)
/// with the speaker as its object.
fn happened_to_you(words: &[&str]) -> bool {
    let mut rest = words
        .iter()
        .skip_while(|w| lexicon::ADVERBS_BEFORE_VERB.contains(w));
    rest.next()
        .is_some_and(|v| lexicon::is_past_verb_after_subject(v))
        && rest.take(2).any(|w| *w == "you")
}

/// "your team has done", "your office coped", "your team had to move": `words[0]` is "your",
/// then one or two words of who, then a past act (not "your team had a", owning).
fn your_group_acted(words: &[&str]) -> bool {
    words.first() == Some(&"your")
        && (2..words.len().min(5)).any(|k| {
            let v = words[k];
            matches!(v, "has" | "have" | "did")
                || (v == "had" && words.get(k + 1) == Some(&"to"))
                || (lexicon::is_past_verb_after_subject(v) && v != "had")
        })
}

/// "What did your team do when the server went down?", "what did your crew do after the
/// flood": "what did you do" asked of the speaker's group (one to three words of who), about
/// an occasion named by "when", "after" or "once". Without it, "what did your last manager do
/// well" asks about someone else, not for a story.
fn what_did_your_group_do_when(w: &[&str]) -> bool {
    w.windows(3).enumerate().any(|(i, t)| {
        t == ["what", "did", "your"]
            && (i + 4..=i + 6).any(|k| {
                w.get(k) == Some(&"do")
                    && matches!(w.get(k + 1).copied(), Some("when" | "after" | "once"))
            })
    })
}

/// "Has any of your research ever changed a policy?", "did your team ever miss a launch":
/// "have you ever" asked of something of the speaker's. So is "has anyone ever told you…",
/// "has a director ever asked you…": someone else's act that the speaker lived through (one
/// or two words of who, and "you" within four words after "ever": "has a hearing ever moved so
/// fast you struggled…").
fn has_yours_ever(w: &[&str]) -> bool {
    let Some(ever) = w.iter().position(|x| *x == "ever") else {
        return false;
    };
    w[..ever]
        .iter()
        .position(|x| matches!(*x, "has" | "have" | "did"))
        .is_some_and(|asked| {
            let who = &w[asked + 1..ever];
            who.contains(&"your")
                || ((1..=2).contains(&who.len())
                    && !who.contains(&"you")
                    && w[ever + 1..(ever + 5).min(w.len())].contains(&"you"))
        })
}

/// Nouns for one lived occasion or its outcome, which a superlative of the speaker's singles
/// out: "your proudest moment", "the biggest achievement of your career".
const ACCOUNTS: &[&str] = &[
    "achievement",
    "accomplishment",
    "moment",
    "success",
    "failure",
    "mistake",
    "win",
    "day",
    // "What's your biggest regret from your time in residency?": something the speaker did
    // or let pass.
    "regret",
];

/// "What's your proudest professional accomplishment?", "your proudest moment as a nurse",
/// "the biggest achievement of your career so far": a superlative occasion of the speaker's
/// (unlike "your biggest strength", a quality).
fn your_best_moment(w: &[&str]) -> bool {
    let account = |i: usize| {
        is_superlative(w[i])
            && (w.get(i + 1).is_some_and(|n| ACCOUNTS.contains(n))
                || w.get(i + 2).is_some_and(|n| ACCOUNTS.contains(n)))
    };
    (1..w.len()).any(|i| {
        account(i)
            && (w[i - 1] == "your"
                || (w[i - 1] == "the" && w[i + 1..].windows(2).any(|p| p == ["of", "your"])))
    })
}

/// Words a spoken question may start with before its first real word: "right so uh ever had…".
const LEAD_INS: &[&str] = &[
    "so", "right", "and", "okay", "ok", "well", "now", "then", "um", "uh",
];

/// "(Have you) ever had one of your swarms end up somewhere it shouldn't?", "ever been
/// asked to…": "have you" left out in speech, the question starts with "ever" and a past act.
fn ever_first(w: &[&str]) -> bool {
    let mut rest = w.iter().skip_while(|x| LEAD_INS.contains(x));
    rest.next() == Some(&"ever")
        && rest
            .next()
            .is_some_and(|v| matches!(*v, "had" | "been") || lexicon::is_past_verb_after_subject(v))
}

/// Words for the group a speaker works in: "how did your team cope when…".
const GROUPS: &[&str] = &[
    "team",
    "crew",
    "department",
    "office",
    "unit",
    "squad",
    "staff",
    "shift",
    "ward",
    "committee",
    "club",
    "society",
    "group",
    "band",
    "choir",
];

/// Verbs of dealing with something that happened: "how did your home deal with the errors".
const HANDLED: &[&str] = &[
    "deal", "handle", "cope", "respond", "react", "tackle", "manage", "recover",
];

/// "How did your team cope when the deadline came round?", "how did your crew get on with the
/// rooftop job", "how did your society's committee turn around…", "how did your dispensary
/// team bring down…": how the speaker's group handled one occasion. So is "how did your home
/// deal with the errors" (any one or two words of who, then a verb of dealing with it). Not
/// "how did your degree prepare you for this role" (not a group, and not dealing with
/// something).
fn how_did_your_group(w: &[&str]) -> bool {
    let group = |k: usize| w.get(k).is_some_and(|x| GROUPS.contains(x));
    let handled = |k: usize| w.get(k).is_some_and(|x| HANDLED.contains(x));
    (0..w.len()).any(|i| {
        w[i..].starts_with(&["how", "did", "your"])
            // "your team", "your society's committee", "your dispensary team".
            && (group(i + 3)
                || group(i + 4)
                || handled(i + 4)
                || handled(i + 5))
    })
}

/// "How did the rollout of the new case system go?", "how did your first week go": how one
/// past occasion went, which only a story answers.
fn how_did_it_go(w: &[&str]) -> bool {
    w.windows(2).enumerate().any(|(i, pair)| {
        let rest = &w[i + 2..(i + 12).min(w.len())];
        // "how did the tender you mentioned turn out in the end?", "pan out", "work out".
        let turned_out = rest
            .windows(2)
            .any(|p| matches!(p[0], "turn" | "pan" | "work") && p[1] == "out");
        pair == ["how", "did"] && (rest.contains(&"go") || turned_out)
    })
}

/// "What's something you fixed…", "what was someone you coached…", "what's a decision you
/// regret", "is there a call you made that…", "has there been a machine you fought with…": a
/// thing from the speaker's own past, named by what they did.
fn what_is_something_you_did(w: &[&str]) -> bool {
    const THING: &[&str] = &["something", "someone", "a", "an", "one"];
    (0..w.len()).any(|i| {
        let named = match &w[i..] {
            ["what's" | "who's", thing, ..] => THING.contains(thing),
            ["what" | "who" | "is", "is" | "was" | "there", thing, ..] => THING.contains(thing),
            ["was", "there", thing, ..] => THING.contains(thing),
            // "Has there been a piece of kit you fought with for months?"
            ["has" | "have", "there", "been", thing, ..] => THING.contains(thing),
            _ => false,
        };
        named && names_your_past_act(&w[i + 1..])
    })
}

/// "How you <did something>" where the career, not an occasion, is asked about: "how you heard
/// about the job", "how you got into nursing", "how you came to apply".
const HOW_YOU_CAME_HERE: &[&[&str]] = &[
    &["heard"],
    &["found", "out"],
    &["found", "us"],
    &["came", "across"],
    &["came", "to"],
    &["got", "into"],
    &["ended", "up", "in"],
];

/// "Walk me through how you brought the scrap rate down", "I'm curious how you handled it
/// when…", "tell me how you got the backlog down": how the speaker did something, told in the
/// past, which only a story answers. All the labelled questions with "how you <past verb>"
/// ask for one; not "how you'd settle a dog" or "how you hand over an incident" (no past), and
/// not how the speaker came to the job (`HOW_YOU_CAME_HERE`).
fn how_you_did(w: &[&str]) -> bool {
    (0..w.len().saturating_sub(2)).any(|i| {
        w[i] == "how"
            && w[i + 1] == "you"
            && lexicon::is_past_verb_after_subject(w[i + 2])
            && !HOW_YOU_CAME_HERE.iter().any(|p| w[i + 2..].starts_with(p))
    })
}

/// Verbs in the present that look back on one's own past act: "a decision you regret".
const LOOKING_BACK: &[&str] = &["regret", "remember", "recall"];

/// "… of yours that failed inspection", "… of yours that real people just couldn't use": a
/// thing of the speaker's, then what became of it, told in the past within four words. All
/// the labelled questions with "of yours that/which" ask for a story.
fn yours_that_went(words: &[&str]) -> bool {
    words.windows(2).enumerate().any(|(k, pair)| {
        pair[0] == "yours"
            && matches!(pair[1], "that" | "which")
            && words[k + 2..(k + 6).min(words.len())].iter().any(|w| {
                told_in_the_past(w)
                    || matches!(*w, "couldn't" | "didn't" | "wasn't" | "weren't" | "hadn't")
            })
    })
}

/// The first word after any adverbs: "actually got" → "got", "all do" → "do".
fn verb_after_adverbs<'a>(words: &[&'a str]) -> Option<&'a str> {
    words
        .iter()
        .copied()
        .find(|w| !lexicon::ADVERBS_BEFORE_VERB.contains(w))
}

/// "What did you do when…", "so what did you actually do when…", "what did you all do?": the
/// speaker's act on one occasion. Not "what did you do your PhD on?" (a subject of study)
/// nor "what did you do during your time away from work?" (a stretch of the speaker's life,
/// told as a summary) unless an occasion follows ("… in your first week when the tills
/// crashed").
fn what_did_you_do(w: &[&str]) -> bool {
    (0..w.len()).any(|i| {
        if !w[i..].starts_with(&["what", "did", "you"]) {
            return false;
        }
        let rest = &w[i + 3..];
        let Some(k) = rest
            .iter()
            .position(|x| !lexicon::ADVERBS_BEFORE_VERB.contains(x))
        else {
            return false;
        };
        if k >= 3 || rest[k] != "do" {
            return false;
        }
        let after = &rest[k + 1..];
        let subject_of_study =
            after.first() == Some(&"your") && matches!(w.last(), Some(&("on" | "in" | "about")));
        let stretch_of_life = (matches!(after, [
            "during" | "in" | "with" | "for" | "on" | "over", "your", period, ..
        ] if PERIODS_OF_LIFE.contains(period))
            // "What did you do before you joined the specials?"
            || matches!(after, ["before", "you", moved, ..] if CAREER_MOVES.contains(moved)))
            && !after.contains(&"when");
        !subject_of_study && !stretch_of_life
    })
}

/// Steps of a career that end a stretch of it: "before you joined", "before you retrained".
const CAREER_MOVES: &[&str] = &[
    "joined",
    "started",
    "became",
    "retrained",
    "qualified",
    "trained",
    "moved",
    "went",
    "came",
    "entered",
    "applied",
    "left",
];

/// Stretches of the speaker's life a question may ask them to sum up: "during your time
/// away", "in your gap year", "on your placement".
const PERIODS_OF_LIFE: &[&str] = &[
    "time",
    "gap",
    "break",
    "career",
    "year",
    "years",
    "placement",
    "internship",
    "apprenticeship",
    "studies",
    "degree",
    "course",
    "training",
];

/// "… you've …", "… you're proud of", "… you built", "… you regret", "… of yours that fell
/// apart": the speaker's own doing.
fn names_your_past_act(rest: &[&str]) -> bool {
    let past = lexicon::is_past_verb_after_subject;
    (0..rest.len().saturating_sub(1)).any(|k| {
        matches!(rest[k], "you've" | "you're")
            // "was there one you had to get ready with almost no notice?"
            || rest[k..].starts_with(&["you", "had", "to"])
            || (rest[k] == "you"
                // "a street where you actually got the numbers down".
                && verb_after_adverbs(&rest[k + 1..]).is_some_and(|verb| {
                    past(verb)
                        || LOOKING_BACK.contains(&verb)
                        // "something you noticed in your first weeks", "a problem you saw
                        // coming".
                        || lexicon::PERCEPTION_PAST.contains(&verb)
                }))
    }) || yours_that_went(rest)
        // "a call that really stayed with you", "a patient who told you straight out…":
        // something that happened to the speaker.
        || rest
            .iter()
            .position(|w| matches!(*w, "that" | "which" | "who"))
            .is_some_and(|k| happened_to_you(&rest[k + 1..]))
}

/// `rest` starts with a question word ("how", "what", "when", "why") asking about the
/// speaker's past act ("how you solved it", "what you did when") or their group's ("how your
/// team coped"), which only a story answers.
fn asks_how_you_acted(rest: &[&str]) -> bool {
    (rest.get(1) == Some(&"you")
        && verb_after_adverbs(&rest[2..]).is_some_and(lexicon::is_past_verb_after_subject))
        || (0..rest.len()).any(|k| your_group_acted(&rest[k..]))
}

/// "Describe a conflict…", "tell me about a project…", "tell me about your biggest…", "tell
/// me how your team got the site open again".
fn telling_about_an_occasion(w: &[&str]) -> bool {
    // "Tell me how your company made a new show when the grant came in at half": "tell" only
    // before "how" and the speaker's group acting ("tell me a bit about yourself", "tell me
    // why you applied" are not occasions; "tell me how you got the backlog down" is
    // `how_you_did`'s).
    let told_how = (0..w.len()).any(|i| {
        matches!(w[i..], ["tell", "me" | "us", "how", ..])
            && (i + 3..w.len()).any(|k| your_group_acted(&w[k..]))
    });
    told_how
        || TELLING.iter().any(|verb| {
            (0..w.len().saturating_sub(verb.len())).any(|i| {
                if &w[i..i + verb.len()] != *verb {
                    return false;
                }
                let next = w[i + verb.len()];
                let after = w.get(i + verb.len() + 1).copied().unwrap_or("");
                let rest = &w[i + verb.len()..];
                match next {
                    // Not "give me an overview of your current role", "a sense of your week".
                    "a" | "an" | "one" => !SUMMARIES.contains(&after),
                    // "walk me through something you're proud of", "tell me about something you
                    // built": a thing from the speaker's own past, named by what they did.
                    "something" | "someone" | "somebody" => names_your_past_act(rest),
                    // "walk me through how you solved it", "describe what you did when": the
                    // speaker's past act, which only a story answers.
                    // The speaker must be the one asked about: not "how you check a payroll before
                    // you let it go", a routine with a past-looking verb later on.
                    "how" | "what" | "when" | "why" => asks_how_you_acted(rest),
                    // "tell me about the project you…", but not "tell me about the role"; "walk
                    // me through the week before your project was due" (a stretch of time told in
                    // the past), but not "the week before a release" (a routine).
                    // Not "tell me about the team you work in at the moment", the present.
                    "the" => {
                        memorable(after)
                            || rest.windows(2).any(|p| {
                                p[0] == "you" && !lexicon::PRESENT_AFTER_YOU.contains(&p[1])
                            })
                            || (TIME_SPANS.contains(&after)
                                && rest.iter().any(|w| told_in_the_past(w)))
                            || the_one_that_happened(&rest[1..])
                    }
                    "your" => memorable(after) && !about_a_quality(&rest[1..]),
                    // "walk me through telling a client their fit-out was late": doing something,
                    // told in the past; "describe preparing a nervous witness", "talk me through
                    // moving your library onto a new system": asked to tell of doing one thing.
                    doing if doing.len() > 4 && doing.ends_with("ing") => {
                        rest.iter().any(|w| told_in_the_past(w))
                            || (ASKED_TO_TELL.contains(verb) && names_one_thing(doing, &rest[1..]))
                    }
                    _ => false,
                }
            })
        })
}

/// After "tell me about the": a thing, then what happened with it, in the past: "the Ascot
/// week that nearly broke your workroom", "the dry summer when the borehole levels kept
/// falling", "the case where the money was hardest to follow". One to three words of the
/// thing, "that / which / who / where / when", and a past form within the next four words.
fn the_one_that_happened(words: &[&str]) -> bool {
    (1..words.len().min(4)).any(|p| {
        matches!(words[p], "that" | "which" | "who" | "where" | "when")
            && words[p + 1..(p + 5).min(words.len())]
                .iter()
                .any(|w| told_in_the_past(w))
    })
}

/// What a telling verb may ask for that is a summary, not an occasion: "give me an overview
/// of your role", "a sense of", "a quick rundown of your CV".
const SUMMARIES: &[&str] = &[
    "overview",
    "summary",
    "sense",
    "idea",
    "picture",
    "rundown",
    "outline",
    "breakdown",
];

/// Nouns for a quality of the speaker, not an occasion: "your biggest strength", "your
/// greatest weakness".
const QUALITIES: &[&str] = &[
    "strength",
    "strengths",
    "weakness",
    "weaknesses",
    "quality",
    "qualities",
    "skill",
    "skills",
    "asset",
    "assets",
    "attribute",
    "attributes",
    "trait",
    "traits",
    "motivation",
    "passion",
    "goal",
    "goals",
    "ambition",
    "ambitions",
    "priority",
    "priorities",
    "value",
    "values",
];

/// After "tell me about your": a quality ("your biggest strength") or a summary of experience
/// ("your experience with Excel", "your experience in retail", "your experience managing
/// budgets", "your experience of stakeholder management"), not a story (unlike "your biggest
/// mistake").
fn about_a_quality(w: &[&str]) -> bool {
    match w {
        [sup, noun, ..] if is_superlative(sup) => QUALITIES.contains(noun),
        ["experience", next, ..] => {
            matches!(*next, "with" | "in" | "as" | "at" | "using" | "of")
                || (next.len() > 4 && next.ends_with("ing"))
        }
        _ => false,
    }
}

/// The asks that make "<verb> + doing something" a story: "walk me through bringing in a new
/// leave system". Not "what do you think about hiring a friend", an opinion.
const ASKED_TO_TELL: &[&[&str]] = &[
    &["tell", "me", "about"],
    &["tell", "us", "about"],
    &["talk", "me", "through"],
    &["talk", "us", "through"],
    &["walk", "me", "through"],
    &["walk", "us", "through"],
    &["describe"],
];

/// Words that make "writing a good bug report" how something is done well, not one occasion.
const HOW_WELL: &[&str] = &[
    "good",
    "great",
    "effective",
    "successful",
    "strong",
    "clear",
];

/// After a doing, one thing it was done to: "preparing a nervous witness", "getting your app
/// ready", "setting up a communication aid" (a determiner within two words). All twenty-one
/// labelled questions of the kind (sets to 109) ask for a story. Not a state ("being a team
/// lead") and not how it is done well ("writing a good bug report").
fn names_one_thing(doing: &str, after: &[&str]) -> bool {
    const ONE: &[&str] = &[
        "a", "an", "the", "your", "their", "our", "its", "his", "her",
    ];
    !matches!(doing, "being" | "having")
        && after.iter().take(2).enumerate().any(|(k, w)| {
            ONE.contains(w) && !after.get(k + 1).is_some_and(|x| HOW_WELL.contains(x))
        })
}

/// Stretches of time a story can be about: "the week before…", "the night when…", "the time
/// your choir nearly folded".
const TIME_SPANS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "night", "morning", "evening", "shift",
    "hour", "hours", "weekend", "year", "time",
];

/// A past form of be/have/do or a past verb: the question is about what happened.
fn told_in_the_past(word: &str) -> bool {
    matches!(word, "was" | "were" | "had" | "did") || lexicon::is_past_verb_after_subject(word)
}

fn memorable(word: &str) -> bool {
    is_superlative(word) || MEMORABLE.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_questions_ask_for_an_example() {
        for q in [
            "Tell me about a time you disagreed with a coworker.",
            "Tell me about the time the warehouse flooded.",
            "Walk me through onboarding a new client.",
            "How did your club's committee handle the split?",
            "What's the first plan of yours that didn't survive the week?",
            "What's the oddest thing that's happened to a guest's luggage while you had it?",
            "Describe a conflict with a coworker. How did you handle it?",
            "Give me an example of a time you showed leadership.",
            "Have you ever had to fire someone?",
            "Tell me about your biggest achievement.",
            "What was the hardest bug you fixed?",
            "Talk me through how you handled your first big client complaint.",
            "describe something you built that people still use",
            "Tell me about someone you coached through a hard patch.",
            "What's the worst outage you've ever been part of?",
            "whats the trickiest bug youve fixed",
            "When did you last have to say no to your manager?",
            "Tell me about your trickiest negotiation.",
            "What's the deal you're proudest of?",
            "What's something you fixed in your first few months in a new team?",
            "what's the most useful thing your team has done about late deliveries",
            "talk me through how your delivery office coped with the christmas peak",
            "Describe the riskiest change you've pushed to production.",
            "What's a decision you regret from your first year as a manager?",
            "Is there a promise you made to a client that you'd take back if you could?",
            "Can you remember a shift where everything changed in an hour?",
            "whats the closest call youve had on a building site",
            "What's the oddest request a customer has ever made of you?",
            "What was the first project you led after your promotion?",
            "whats the last hire you made that didnt work out",
            "What's a plan of yours that fell apart?",
            "whats the first home visit you remember doing on your own",
            "walk me through the week before your final year project was due",
            "walk me through telling a client their fit out was gonna be late",
            "What's the angriest call you took when you were still new on the phones?",
            "um so whats the roughest night youve worked in a bar on a ship",
            "so what was it like the first time you were let loose on a paying client",
            "um was there ever a moment in your new career where you felt completely out of your depth",
            "Since coming back from your career break, what's the first project that really tested you?",
            "What's one idea of yours which failed in testing?",
            "whats the scariest thing thats happened to you as an apprentice",
            "What's something you noticed in your first few weeks that others had stopped seeing?",
            "whos someone you worked with for ages before they would accept help",
            "Who was someone you mentored through their first year?",
            "What did your team do when the main server went down?",
            "so what did your night crew do after the flood got into the basement",
            "Have you had to tell a client their project was being cancelled?",
            "have you had a shift where nothing at all went to plan",
            "How did your first week on the new ward go?",
            "What's the most awkward conversation with a landlord you've had to handle?",
            "whats the strangest request anyones ever made at your front desk",
            "Did your crew ever have to stop a job halfway through?",
            "Has any of your designs ever been sent back by a client?",
            "How did your crew get on with the flood repairs at the school?",
            "whats a job that really tested you",
            "tell me how you got the backlog of phones down",
            "so how did your home deal with the medication errors that kept happening",
            "so tell me about when your team had to move a whole ward into a new building",
            "Is there a patient who told you their care plan wasn't working?",
            "How did your dispensary team bring down the waiting list?",
            "Has anyone ever told you in a meeting that your figures were wrong?",
            "Has a director ever asked you to cut a scene?",
            "I'd like to hear about an offshore campaign where the weather kept cancelling transfers.",
            "im curious how you handled it when a postdocs results couldnt be repeated",
            "so what was it like when a client changed their mind halfway through a planting",
            "Was there an animal that wouldn't settle after a move, and what did you end up doing?",
            "so if i asked you for the worst week youve had with the mowers what would you say",
            "Looking back at your fieldwork, was there a moment where you had to decide alone?",
            "Has there been a piece of equipment you fought with for months?",
            "so what did you actually do when a batch of references went off with the wrong grades",
            "Something must have gone wrong over a weekend like that, so what did you all do?",
            "Could you take me back through a missing person inquiry you worked on?",
            "Was there an estate where you actually got the fire numbers down?",
            "What's the closest a school show of yours has come to not going on?",
            "um what was it like the time a pupils dad kept teaching him different stuff to you",
            "what happened when someone told you something and you had to say you couldnt keep it",
        ] {
            assert!(asks_for_example(q), "{q}");
        }
    }

    #[test]
    fn opinions_plans_and_hypotheticals_do_not() {
        for q in [
            "Why do you want to work for this company?",
            "What trends do you see in our industry?",
            "How would you handle a disagreement with your manager?",
            "Tell me about yourself.",
            "Which question did you find hardest in your last interview? Answer it again now.",
            "Imagine a customer is shouting at you. What would you do?",
            "Describe your ideal team.",
            "Walk me through how you prioritise your week.",
            "Tell me something about yourself that is not on your CV.",
            "Would you ever work nights?",
            "What is the biggest challenge facing our industry?",
            "What would be the best thing about this job for you?",
            "What's the best way for you to get feedback?",
            "Tell me about someone you admire.",
            "How do you cope with being away on tour for weeks at a time?",
            "What's the biggest challenge your industry faces?",
            "Walk me through how your team plans a release.",
            "What's something you would change about your current role?",
            "What's a skill you want to learn next?",
            "Is there anything you would like to ask us?",
            "What's the longest you would commute for a job?",
            "Do you remember to take breaks?",
            "What's the first thing you would change here?",
            "What's the last step you take before a release?",
            "What's a habit of yours that helps you focus?",
            "Walk me through the week before a release.",
            "Tell me about managing people across time zones.",
            "Tell me about being a team lead.",
            "What do you think about hiring a friend?",
            "so what's kept you going when most of your friends moved away",
            "What's the latest trend you are following?",
            "What interest rate would you expect next year?",
            "What's the hardest part of this job, do you think?",
            "What's the biggest change that shaped your industry?",
            "What's the biggest change that's happened in your industry?",
            "Talk me through writing a good bug report.",
            "What do you check first when you've got a new starter on the ward?",
            "What's the first thing you remember to check each morning?",
            "How do you usually run your first meeting with an account you've just inherited?",
            "how do you normally plan a week when youve got several jobs on the go",
            "What do you tend to do first with a dataset you've never seen?",
            "Who's someone you admire in your field?",
            "What's something you notice first about a new team?",
            "What did your last manager do well?",
            "What did your previous company do to keep its staff?",
            "Have you had any thoughts about where you want to be in five years?",
            "How do you think the merger will go for smaller firms?",
            "What's the best part of working in a busy emergency department, in your view?",
            "What's the biggest change anyone's made to how nurses train?",
            "How did your degree prepare you for this role?",
            "What's a skill that would help you most here?",
            "Tell me a bit about yourself.",
            "Tell me why you applied for this role.",
            "Have you ever thought about what you'd change in how junior rugby is run?",
            "Did you ever consider teaching instead?",
            "What did you hear about our company before you applied?",
            "Do you ever think probation has become too much about paperwork?",
            "Tell me how you heard about this job.",
            "I'd love to hear how you got into nursing.",
            "If I asked you to start next month, would you be free?",
            "Walk me through how you'd run your first week with a form you've never met.",
            "Walk me through how you check a payroll before you let it go.",
            "so if there was ever a time you had two applicants and one place how would you decide",
            "Tell me how you would plan your first month.",
            "How did your studies prepare you for this job?",
            // Short generic questions, asked in every kind of interview: a summary, a
            // quality, a habit or an ideal, which the learned model (keen on "describe",
            // "walk me through") must not make stories of either.
            "Describe your ideal team.",
            "Describe your current responsibilities.",
            "Walk me through your resume.",
            "Tell me about your hobbies.",
            "Tell me about your biggest strength.",
            "Tell me about your experience with Python.",
            "Talk about your experience managing budgets.",
            "Describe the perfect job for you.",
            "Describe a typical day in your current role.",
            "Give me an overview of your current role.",
        ] {
            assert!(!asks_for_example(q), "{q}");
        }
    }

    /// Wordings no rule lists, which the learned model routes: asked of something past, it
    /// may make a story of them; the rules alone do not.
    #[test]
    fn the_model_routes_past_wordings_no_rule_lists() {
        for q in [
            "Talk me through the handover your old unit got wrong.",
            "Walk me through your pharmacy's first week of flu jabs last winter.",
        ] {
            assert_eq!(verdict(q), Verdict::NoCue, "{q}");
            assert!(asks_for_example(q), "{q}");
            assert!(!asks_for_example_with(q, None), "{q}");
        }
    }

    /// Facts of the record, checks of experience and lists, asked in the past tense: a line
    /// each, not a story. The same words around an occasion still ask for one.
    #[test]
    fn past_tense_facts_checks_and_lists_are_not_stories() {
        for q in [
            "What was your major?",
            "What was your job title at the bank?",
            "What were your main duties in your last post?",
            "What was your final grade in maths?",
            "What did you do your masters in?",
            "What did you do during your gap year?",
            "Have you ever used Jira?",
            "Have you ever worked in a call centre?",
            "Have you ever worked for a charity?",
            "Which languages did you use on the project?",
            "What tools have you used for data cleaning?",
            "Take a moment to read the brief, then tell me your first impressions.",
            "Have you ever held a forklift licence?",
            "What did you do before you retrained as a nurse?",
            "What were your hours like on the night team?",
            "Which of the two hospitals did you prefer?",
        ] {
            assert!(!asks_for_example(q), "{q}");
        }
        for q in [
            "What was your biggest mistake in your first job?",
            "What did you do during your placement when the supervisor went off sick?",
            "Have you ever used a shortcut that came back to bite you?",
            "Have you ever worked with someone who took credit for your work?",
            "What's your biggest regret from your first year of teaching?",
            "Is there a moment from your apprenticeship that changed how you work?",
            "Have you ever held a colleague back from making a complaint?",
            "What's a sale you'd close differently if you had it again?",
            "Tell me about a customer who really stuck with you.",
        ] {
            assert!(asks_for_example(q), "{q}");
        }
    }

    /// "Is there …", "was there …" ask for one thing: the model may be asked, unlike a closed
    /// "have you worked with …?".
    #[test]
    fn an_existential_opener_is_not_a_closed_question() {
        let words = |q: &str| question_words(q);
        let open = words("Is there a decision you made that you later had to defend?");
        let closed = words("Have you worked with Salesforce?");
        assert!(!closed_question(
            &open.iter().map(String::as_str).collect::<Vec<_>>()
        ));
        assert!(closed_question(
            &closed.iter().map(String::as_str).collect::<Vec<_>>()
        ));
    }

    #[test]
    fn a_clear_past_occasion_wins_over_a_conditional() {
        assert!(asks_for_example(
            "Tell me about a time you failed. What would you do differently?"
        ));
    }
}
