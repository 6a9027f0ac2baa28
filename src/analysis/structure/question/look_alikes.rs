//! Wordings that look like a question about the past but ask for a fact, a check, a list, a
//! liking or a plan: "what was your degree in?", "have you ever used Salesforce?", "which
//! trades did you work alongside?", "which placement did you prefer?", "an example of a
//! question you'd ask a customer". They keep a past tense from making a question a story.

use super::super::lexicon;
use super::occasions::{is_superlative, verb_after_adverbs, ACCOUNTS, CAREER_MOVES};

/// "Have you ever worked in a union shop before?", "have you ever managed a team before?",
/// "have you ever used Salesforce?", "have you ever worked on a trading desk?", "have you ever
/// held security clearance?": a check of experience, answered yes or no (unlike "have you ever
/// had to let someone go?", "have you ever run a workshop where nobody wanted to talk", "have
/// you ever worked with someone who…"). Without "before", only a verb of everyday work with a
/// plain thing after it ("run a stocktake", "managed a team", not "lost a client"), or working
/// in a place: nothing may follow the thing named (no clause, no second mention of the
/// speaker, no past act).
pub(super) fn checks_experience(w: &[&str]) -> bool {
    const DONE_BEFORE: &[&str] = &[
        "worked", "used", "been", "done", "managed", "led", "run", "taught", "driven", "operated",
    ];
    const EVERYDAY_WORK: &[&str] = &[
        "used", "held", "done", "managed", "led", "run", "taught", "driven", "operated",
    ];
    const CLAUSE: &[&str] = &[
        "who", "that", "which", "where", "when", "whose", "while", "to", "because", "after", "you",
        "your", "yourself", "and",
        // A particle makes the verb an act: "held a student pilot back", "used it up".
        "back", "up", "off", "out", "down", "over",
    ];
    let plain = |thing: &[&str]| {
        !thing.is_empty()
            && thing.len() <= 8
            && !thing
                .iter()
                .any(|x| CLAUSE.contains(x) || lexicon::is_past_verb_after_subject(x))
    };
    (0..w.len().saturating_sub(3)).any(|i| {
        if w[i..i + 3] != ["have", "you", "ever"] {
            return false;
        }
        let (verb, named) = (w[i + 3], &w[i + 4..]);
        (w.last() == Some(&"before") && DONE_BEFORE.contains(&verb))
            || (EVERYDAY_WORK.contains(&verb) && plain(named))
            || (verb == "worked"
                && named
                    .first()
                    .is_some_and(|p| matches!(*p, "in" | "on" | "at" | "for"))
                && plain(&named[1..]))
    })
}

/// "you'd" at `w[k]` is "you would" ("the first thing you'd change"), not "you had" before a
/// past participle ("more than you'd asked for", "the advice you'd given", "you'd ever run").
pub(super) fn you_would(w: &[&str], k: usize) -> bool {
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
pub(super) fn example_you_would_do(w: &[&str]) -> bool {
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

/// Words that end a noun phrase after "what was your": "your role at Infosys", "your degree
/// in", "your win rate last year".
const PHRASE_ENDS: &[&str] = &[
    "in", "on", "at", "of", "for", "about", "during", "with", "as", "like", "last", "and", "when",
    "after", "before", "to", "from", "this", "that",
];

/// Nouns after "what was your" that name the speaker's share in an occasion or the occasion
/// itself, not a fact of their record: "what was your part in sorting things out afterwards",
/// "your reaction", "your proudest moment" (with `ACCOUNTS`).
const SHARE_IN_AN_OCCASION: &[&str] = &[
    "part",
    "contribution",
    "involvement",
    "reaction",
    "response",
    "approach",
];

/// Nouns after "what was the" that name an occasion, its parts or how it ended: "what was the
/// weekend that really stretched your team", "and what was the outcome?".
const OCCASION_NOUNS: &[&str] = &[
    "result",
    "outcome",
    "impact",
    "feedback",
    "verdict",
    "reason",
    "cause",
    "story",
    "problem",
    "issue",
    "situation",
    "incident",
    "challenge",
    "decision",
    "call",
    "time",
    "day",
    "week",
    "weekend",
    "night",
    "shift",
    "month",
    "season",
    "point",
    "conversation",
    "mood",
];

/// "What was your degree in?", "what was your role during your placement?", "what were your
/// main duties?", "what was your quota at Salesforce?", "what was your win rate last year?",
/// "what was the weekly turnover at the Leeds branch?", "what was the name of that studio?": a
/// fact of the speaker's record or of a place they worked, asked in the past tense because the
/// job or the course is over. Any noun but the speaker's share in an occasion, an account of
/// one (`ACCOUNTS`: "your proudest moment", "your biggest mistake") or, after "the", an
/// occasion's noun (`OCCASION_NOUNS`); no superlative within the three words after "your" or
/// "the", nor "first / last" after "the" (they single out an occasion: "what was the hardest
/// call you made", "the first winter"; "your first job" is a fact); nor a
/// past act of the speaker's after it ("what was the problem you solved") or an occasion clause
/// ("what was your plan when the server went down?"). "What was your caseload like at your last
/// local authority?" is a description of how things were, and so is "what was your ramp like
/// when you started at Gong?" (a career move). Where each such "what" starts ("What was your
/// role on the last project, and what was the team size?" asks two).
pub(super) fn facts_of_the_record(w: &[&str]) -> Vec<usize> {
    (0..w.len())
        .filter(|&i| {
            let Some(["what", "was" | "were", whose @ ("your" | "the"), _, ..]) = w.get(i..) else {
                return false;
            };
            let named = &w[i + 3..(i + 6).min(w.len())];
            // The noun the phrase is about: its last word before a preposition ("your win rate
            // last year" is a rate, "your proudest moment at university" a moment).
            let head = named.iter().take_while(|x| !PHRASE_ENDS.contains(x)).last();
            let occasion_noun = |x: &&str| {
                SHARE_IN_AN_OCCASION.contains(x)
                    || ACCOUNTS.contains(x)
                    || (*whose == "the" && OCCASION_NOUNS.contains(x))
            };
            !occasion_follows(&w[i + 4..])
                && !named.iter().any(|x| {
                    is_superlative(x) || (*whose == "the" && matches!(*x, "first" | "last"))
                })
                && !head.is_some_and(occasion_noun)
        })
        .collect()
}

/// After a question's opening words: "when" or "after" and a clause with its subject ("when
/// the server went down"), or the speaker's past act ("the problem you solved", "the call
/// you've had to make"). Not "after leaving school", "when you started at Gong" or "when you
/// were there" (a career move or a stretch of it).
fn occasion_follows(rest: &[&str]) -> bool {
    let career = |after_you: &[&str]| match after_you {
        [moved, ..] if CAREER_MOVES.contains(moved) => true,
        ["took", "over", ..] | ["were", "there" | "at" | "in", ..] => true,
        _ => false,
    };
    (0..rest.len()).any(|k| {
        let after = &rest[k + 1..];
        match rest[k] {
            "when" | "after" => match after {
                ["you", more @ ..] => !career(more),
                [subject, ..] => matches!(
                    *subject,
                    "i" | "we"
                        | "they"
                        | "he"
                        | "she"
                        | "it"
                        | "the"
                        | "a"
                        | "an"
                        | "your"
                        | "my"
                        | "our"
                        | "their"
                        | "someone"
                        | "somebody"
                ),
                [] => false,
            },
            "you've" => true,
            "you" => {
                // Not "did you hit" (a question's own "did"), nor a clause "when" opened.
                (k == 0 || !matches!(rest[k - 1], "when" | "after" | "did"))
                    && after.first().is_some_and(|v| {
                        matches!(*v, "had" | "did") || lexicon::is_past_verb_after_subject(v)
                    })
            }
            _ => false,
        }
    })
}

/// "Which of your two placements did you prefer?", "what did you enjoy most about your
/// placement year?": a liking, an opinion of a past stretch, not an occasion.
pub(super) fn asks_a_preference(w: &[&str]) -> bool {
    (0..w.len().saturating_sub(2)).any(|i| {
        w[i..].starts_with(&["did", "you"])
            && verb_after_adverbs(&w[i + 2..]).is_some_and(|v| {
                matches!(v, "prefer" | "like" | "enjoy" | "love" | "dislike" | "hate")
            })
    })
}

/// "Which trades did you work alongside on your last site?", "what skills did you pick up
/// while…", "what qualifications have you got": things in the plural, asked for as a list, not
/// one occasion (a word or two of what, then a plural noun, then the speaker).
pub(super) fn asks_for_a_list(w: &[&str]) -> bool {
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
