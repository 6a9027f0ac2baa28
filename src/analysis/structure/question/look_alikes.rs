//! Wordings that look like a question about the past but ask for a fact, a check, a list, a
//! liking or a plan: "what was your degree in?", "have you ever used Salesforce?", "which
//! trades did you work alongside?", "which placement did you prefer?", "an example of a
//! question you'd ask a customer". They keep a past tense from making a question a story.

use super::super::lexicon;
use super::occasions::{is_superlative, verb_after_adverbs};

/// "Have you ever worked in a union shop before?", "have you ever managed a team before?",
/// "have you ever used Salesforce?", "have you ever worked on a trading desk?", "have you ever
/// held security clearance?": a check of experience, answered yes or no (unlike "have you ever had to let someone go?", "have you
/// ever run a workshop where nobody wanted to talk", "have you ever worked with someone who…").
/// Without "before", only working in a place, using a tool or holding a licence or a post,
/// and only when nothing follows the thing named: no clause, no second mention of the speaker, no past act.
pub(super) fn checks_experience(w: &[&str]) -> bool {
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
pub(super) fn fact_of_your_record(w: &[&str]) -> Option<usize> {
    (0..w.len()).find(|&i| {
        matches!(w[i..], ["what", "was" | "were", "your", ..])
            && (i + 3..(i + 6).min(w.len()))
                .any(|k| RECORD.contains(&w[k]) && !w[i + 3..k].iter().any(|x| is_superlative(x)))
    })
}

/// "What was your caseload like at your last local authority?", "what were your hours like":
/// a description of how things were, not an occasion (unlike "what was it like when…"). Where
/// "what" starts.
pub(super) fn what_yours_was_like(w: &[&str]) -> Option<usize> {
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
