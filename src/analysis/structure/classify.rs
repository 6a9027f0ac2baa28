//! Labelling sentences with their part of the story.
//!
//! Two steps. First, what each sentence says on its own: its cue phrases, who does what in
//! which tense ("I called" acts, "we were" describes, "I had to" is an assignment, "tickets
//! dropped" is an outcome), numbers and measures of change, and where it sits in the answer,
//! plus the learned sentence model's log-probabilities at half weight (`model.rs`: it knows
//! plain phrasings of outcomes and steps that no rule lists). That gives each sentence a score
//! per part. Second, the order stories are told in: situation and task come before actions,
//! results after them, lessons last. The best-scoring sequence
//! of parts (Viterbi over the sentences) lets a sentence that is weak on its own take the part
//! its neighbours imply, while still allowing the orders people really use (a result told
//! first, a follow-up action after the result). Openers and closers are set apart first.

use std::ops::Range;

use super::cues::{
    content_words, count_phrases, has_phrase, is_closer, is_trail_off, starts_an_amount,
};
use super::lexicon::{
    self, is_past_verb, ACTION_CUES, ADVERBS_BEFORE_VERB, ANNOUNCERS, CHOOSER_WORDS,
    EXAMPLE_CHOOSERS, GOING_BACK, I_FORMS, LEADING_DISCOURSE, LEARNING_CUES, OPENERS,
    OTHER_SUBJECTS, OUTCOME_ANNOUNCERS, OUTCOME_LEANING_VERBS, OUTCOME_VERBS, OUTCOME_WORDS,
    REPORTING_VERBS, RESULT_CUES, SITUATION_CUES, TASK_CUES, VERDICT_WORDS, WE_FORMS,
};
use super::model::{self, Learned};
use super::{Part, STORY};
use crate::analysis::context::Token;

/// How much announcing an outcome ("the short version is …") counts for a result.
const ANNOUNCED: f64 = 3.0;

/// How much an outcome told first counts for a result when the next sentence goes back to the
/// start ("We got falls down from fourteen a month to six. That was at a care home…").
///
/// Weighed again when the model's say went from ¼ to ½ (ten folds over the sets to 69, the
/// model at ½): 3, 4 and 5 gave the same cues within 0.1 point; 4 keeps the rule's say over
/// the model's for an outcome the model takes for set-up by its place ("The clinic passed its
/// inspection with no actions." before "That was at…").
const TOLD_AHEAD: f64 = 4.0;

/// How much a measured change in the first story sentence, told as an event rather than as the
/// state of things, counts for a result: the answer leads with its outcome ("We got monthly
/// cancellations down from about nine percent to just under six.", "Changing two lines of text
/// cut our tickets by about a fifth."). Over the labelled answers, a first story sentence with a
/// measured change is a result in 70 of 84, and told as an event (not "I was…", "we were
/// running…", whose set-up describes the problem: "cell four was scrapping about nine percent")
/// in 60 of 62. Weighed 1, 2 and 3 on them, 2 fixed the most (6 answers' cues) and broke none
/// as written.
const TOLD_FIRST: f64 = 2.0;

/// Score of starting a story with each part.
const START: [f64; 5] = [0.0, -0.3, -0.6, -0.5, -2.5];

/// Score of going from one part (row) to the next (column), in STORY order. Forward moves are
/// free; going back costs, more the further back (a lesson followed by more set-up is rare).
const TRANSITION: [[f64; 5]; 5] = [
    // to:  S     T     A     R     L
    [0.0, 0.0, 0.0, -1.0, -2.5],   // from situation
    [-0.6, -0.2, 0.0, -1.0, -2.5], // from task
    [-1.5, -1.2, 0.0, 0.0, -0.8],  // from action
    [-0.8, -1.5, -0.8, 0.0, 0.0],  // from result
    [-2.0, -2.0, -1.5, -0.8, 0.0], // from learning
];

/// Labels each sentence (a range of `toks`), with the rules alone or with a learned sentence
/// model's say added.
pub fn label(toks: &[Token], spans: &[Range<usize>], learned: Option<Learned>) -> Vec<Part> {
    let n = spans.len();
    let mut parts = vec![Part::Other; n];
    let words: Vec<Vec<&str>> = spans
        .iter()
        .map(|r| content_words(&toks[r.clone()]))
        .collect();

    // Openers before the story starts, closers anywhere, a trailing remark at the end.
    let mut story: Vec<usize> = Vec::new();
    let mut started = false;
    for i in 0..n {
        let w = &words[i];
        let other = is_closer(w)
            || (!started && is_opener(w))
            || (i == n - 1 && i > 0 && is_trail_off(&toks[spans[i].clone()]));
        if !other {
            story.push(i);
            started = true;
        }
    }
    if story.is_empty() {
        return parts;
    }

    // "That was at a care home…" right after the first sentence: it was told ahead.
    let told_ahead = story.get(1).is_some_and(|&second| {
        let opening = strip_leading(&words[second]);
        GOING_BACK.iter().any(|p| opening.starts_with(p))
    });
    let scores: Vec<[f64; 5]> = story
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let position = if story.len() > 1 {
                k as f64 / (story.len() - 1) as f64
            } else {
                0.5
            };
            let f = Features::of(&toks[spans[i].clone()], &words[i]);
            let mut scores = f.scores(position);
            // A measured change told as an event, first: the outcome given before the story.
            if k == 0 && f.measured_change && !f.main_stative && f.background_aspect == 0 {
                scores[3] += TOLD_FIRST;
            }
            // Told ahead and saying something of an outcome, the first sentence is the result
            // given first, not the set-up its place suggests.
            if k == 0 && told_ahead && f.result_evidence() > 0.0 {
                scores[3] += TOLD_AHEAD;
            }
            // The learned model's say: log-probabilities, on the same scale as the rules'.
            if let Some(learned) = learned {
                let feats = model::features(&words[i], position, k == 0, k + 1 == story.len());
                let lp = learned.model.log_probs(&feats, &words[i]);
                for (s, l) in scores.iter_mut().zip(lp) {
                    *s += learned.weight * l;
                }
            }
            scores
        })
        .collect();
    for (k, part) in viterbi(&scores).into_iter().enumerate() {
        parts[story[k]] = part;
    }
    parts
}

/// An answer's opening remark: "Sure.", "Good question.", "Yeah, so this is one I'm proud of.",
/// "Yes, more than once, but one stands out." (a short one that picks the example).
fn is_opener(words: &[&str]) -> bool {
    if words.is_empty() {
        return true;
    }
    if OPENERS.contains(&words) {
        return true;
    }
    let core = strip_leading(words);
    core.is_empty()
        || (core.len() <= 14
            && ANNOUNCERS.iter().any(|a| core.starts_with(a))
            && !super::cues::has_phrase(core, &["from"]))
        || (words.len() <= CHOOSER_WORDS && EXAMPLE_CHOOSERS.iter().any(|p| has_phrase(words, p)))
}

/// The words after the sentence-opening "so", "and", "well", "yeah"…
fn strip_leading<'a, 'b>(words: &'b [&'a str]) -> &'b [&'a str] {
    let lead = words
        .iter()
        .take_while(|w| LEADING_DISCOURSE.contains(w))
        .count();
    &words[lead..]
}

/// "so she could see what happened", "so that nobody was chasing the same shops", "so he
/// didn't feel he had to": a clause of purpose, said after the step it explains.
fn is_purpose(words: &[&str]) -> bool {
    let w: Vec<&str> = words
        .iter()
        .copied()
        .skip_while(|w| matches!(*w, "and" | "um" | "uh"))
        .collect();
    match w.as_slice() {
        ["so", "that", ..] => true,
        ["so", subject, modal, ..] => {
            (I_FORMS.contains(subject)
                || WE_FORMS.contains(subject)
                || OTHER_SUBJECTS.contains(subject)
                || matches!(*subject, "people" | "everyone" | "nobody"))
                && matches!(
                    *modal,
                    "could" | "would" | "can" | "couldn't" | "wouldn't" | "didn't" | "don't"
                )
        }
        _ => false,
    }
}

/// "Sarah and I still work together", "she still sends me a card", "it's still running":
/// someone or something still doing so today, which is how the story left things. Over the
/// labelled answers, a subject (not "I" alone: "I still think about it" is a remark) then
/// "still" then a verb not in the past is a result or a remark, never an action or a task;
/// a hypothetical ("if they still want…", "we'd still have…") is neither, so it is left out.
fn still_holds(words: &[&str]) -> bool {
    words.windows(3).enumerate().any(|(k, w)| {
        let [subject, still, verb] = [w[0], w[1], w[2]];
        let subject_ok = (WE_FORMS.contains(&subject)
            || OTHER_SUBJECTS.contains(&subject)
            || matches!(subject, "it" | "it's" | "that's")
            || (subject == "i" && k > 0 && words[k - 1] == "and"))
            && !subject.ends_with("'d");
        subject_ok
            && still == "still"
            && !is_past_verb(verb)
            && !matches!(
                verb,
                "had"
                    | "was"
                    | "were"
                    | "did"
                    | "would"
                    | "could"
                    | "wouldn't"
                    | "couldn't"
                    | "didn't"
                    | "wasn't"
                    | "weren't"
                    | "hadn't"
                    | "wont"
                    | "won't"
                    | "will"
            )
            && !words[..k].iter().any(|w| *w == "if" || w.ends_with("'d"))
    })
}

/// The verb at `v` is judged by an outcome word within the next two words: "we landed
/// safely", "I finished early" (not "I got the best man to…", where "best" is the man's).
fn judged_after(words: &[&str], v: usize) -> bool {
    words
        .iter()
        .skip(v + 1)
        .take(2)
        .any(|w| OUTCOME_WORDS.contains(w) && *w != "best")
}

/// Phrases that tell what is still to come.
const PLAN_CUES: &[&[&str]] = &[
    &["planning", "to"],
    &["plan", "is"],
    &["plan", "was"],
    &["i'm", "going", "to"],
    &["we're", "going", "to"],
    &["i'll"],
    &["we'll"],
    &["i", "will"],
    &["we", "will"],
    &["next", "week"],
    &["next", "month"],
];

/// Words after "got" that make it an act: "got up", "got the team to", "got everyone
/// together".
const GOT_ACTING: &[&str] = &[
    "up",
    "out",
    "in",
    "on",
    "back",
    "together",
    "everyone",
    "everybody",
    "them",
    "him",
    "her",
    "the",
    "my",
    "our",
    "us",
    "me",
    "some",
    "two",
    "three",
    "rid",
    "hold",
    "started",
];

/// What one sentence says, counted.
#[derive(Debug, Default)]
struct Features {
    situation_cues: usize,
    task_cues: usize,
    action_cues: usize,
    result_cues: usize,
    /// "the short version is …", "the headline is …": an outcome told now, even first.
    outcome_announced: bool,
    learning_cues: usize,
    /// "I"/"we" followed by a past verb of doing.
    first_person_acts: usize,
    /// Someone else followed by a past verb of doing.
    others_act: usize,
    /// Subjects followed by was/were/had/felt…: describing.
    stative: usize,
    /// "was working", "had left": the background to the story.
    background_aspect: usize,
    /// "was"/"were" anywhere: things being described (capped at two).
    descriptions: usize,
    /// The sentence's first subject and verb: an act by "I"/"we", or a description. The
    /// main clause says what the sentence is for; later clauses explain it.
    main_act: bool,
    main_stative: bool,
    /// "I run", "I always", "now I": the speaker today.
    present_first_person: usize,
    /// "I raised the score from 71 to 89", "we doubled sign-ups": the speaker claiming an
    /// outcome.
    first_person_outcomes: usize,
    /// "Now it takes one person half a day": how things stand today, after the story.
    present_state: bool,
    /// "next week I'm planning to…", "the plan is to…": what is still to come, which is
    /// neither how it ended nor a lesson.
    plan: bool,
    /// "so she could see…", "so that nobody…": the purpose of the step before it.
    purpose: bool,
    outcome_verbs: usize,
    outcome_leaning_verbs: usize,
    outcome_words: usize,
    quantity: bool,
    /// "from X to Y", "X instead of Y", "by 40 %": a measured change.
    measured_change: bool,
}

impl Features {
    fn of(toks: &[Token], words: &[&str]) -> Features {
        let mut f = Features {
            situation_cues: count_phrases(words, SITUATION_CUES),
            task_cues: count_phrases(words, TASK_CUES),
            action_cues: count_phrases(words, ACTION_CUES),
            result_cues: count_phrases(words, RESULT_CUES)
                + usize::from(state_since(words))
                + usize::from(reports_a_verdict(words)),
            outcome_announced: OUTCOME_ANNOUNCERS.iter().any(|p| has_phrase(words, p)),
            learning_cues: count_phrases(words, LEARNING_CUES),
            // "the bug was fixed", "claims were settled": in the passive a step-or-outcome
            // verb reports the state reached, an outcome.
            outcome_verbs: words
                .iter()
                .enumerate()
                .filter(|&(k, w)| {
                    OUTCOME_VERBS.contains(w)
                        || (OUTCOME_LEANING_VERBS.contains(w)
                            && k > 0
                            && matches!(words[k - 1], "was" | "were" | "got" | "been"))
                })
                .count(),
            outcome_leaning_verbs: words
                .iter()
                .filter(|w| OUTCOME_LEANING_VERBS.contains(w))
                .count(),
            outcome_words: words.iter().filter(|w| OUTCOME_WORDS.contains(w)).count(),
            quantity: super::cues::states_quantity(toks),
            plan: count_phrases(words, PLAN_CUES) > 0,
            purpose: is_purpose(words),
            ..Features::default()
        };
        f.measured_change = f.quantity
            && (has_phrase(words, &["instead", "of"])
                || words.contains(&"percent")
                || toks.iter().any(|t| t.word.word.contains('%'))
                || (words.contains(&"from") && words.contains(&"to"))
                // "three out of a hundred and forty": a share of a whole; "cut it in half".
                || has_phrase(words, &["out", "of"])
                || has_phrase(words, &["in", "half"])
                // "twice as fast", "three times as many", "twice the volume", "ten minutes faster than": a
                // comparison with a size.
                || words.contains(&"than")
                || words
                    .windows(2)
                    .any(|w| matches!(w[0], "twice" | "times") && matches!(w[1], "as" | "the"))
                // "by 40 %", "under two hours", "fewer than ten": a comparator before an
                // amount ("by Monday", "more carefully" measure nothing).
                || words.windows(2).any(|w| {
                    matches!(w[0], "by" | "under" | "over" | "fewer" | "less" | "more")
                        && starts_an_amount(w[1])
                })
                || words.contains(&"early")
                // "four minutes late", "two days ahead": an amount of time against the plan.
                || words.windows(2).any(|w| {
                    TIME_UNITS.contains(&w[0])
                        && matches!(w[1], "late" | "ahead" | "behind" | "sooner" | "faster" | "quicker")
                }));
        let after_adverbs = |mut v: usize| {
            while v < words.len() && ADVERBS_BEFORE_VERB.contains(&words[v]) {
                v += 1;
            }
            v
        };
        // Tense and aspect wherever they occur: "were getting", "had been admitted", "he'd
        // left" set the scene whoever the subject is.
        for (k, w) in words.iter().enumerate() {
            let next = words.get(after_adverbs(k + 1)).copied().unwrap_or("");
            let progressive =
                matches!(*w, "was" | "were") && next.ends_with("ing") && next != "going";
            let perfect = (*w == "had" || (w.ends_with("'d") && w.len() > 2))
                && (next == "been" || is_past_verb(next));
            if progressive || perfect {
                f.background_aspect += 1;
            }
            if matches!(*w, "was" | "were" | "wasn't" | "weren't") {
                f.descriptions = (f.descriptions + 1).min(2);
            }
        }
        // "Now it takes…", "today we have…", "these days they…": the present after a story.
        let opening: Vec<&str> = words
            .iter()
            .copied()
            .skip_while(|w| matches!(*w, "and" | "so" | "but" | "yeah" | "um" | "uh"))
            .take(4)
            .collect();
        let now_lead = match opening.as_slice() {
            ["now", ..] | ["today", ..] => 1,
            ["these", "days", ..] => 2,
            _ => 0,
        };
        if now_lead > 0 {
            let subject = opening.get(now_lead).copied().unwrap_or("");
            let verb = opening.get(now_lead + 1).copied().unwrap_or("");
            let present = verb.ends_with('s') || matches!(verb, "have" | "get" | "do" | "are");
            f.present_state = !I_FORMS.contains(&subject) && present && !is_past_verb(verb);
        }
        f.present_state |= still_holds(words);
        let mut main_seen = false;
        for (k, w) in words.iter().enumerate() {
            let first_person = I_FORMS.contains(w) || WE_FORMS.contains(w);
            let other = OTHER_SUBJECTS.contains(w);
            if !first_person && !other {
                continue;
            }
            let main = !main_seen;
            main_seen = true;
            // "I'd", "we'd": "would" or "had": describing or imagining, not acting.
            if w.ends_with("'d") {
                f.stative += 1;
                f.main_stative |= main;
                continue;
            }
            let v = after_adverbs(k + 1);
            let Some(verb) = words.get(v).copied() else {
                continue;
            };
            let next = words.get(v + 1).copied().unwrap_or("");
            // "had to", "needed to", "wanted to": an assignment, which the task cues hear.
            if next == "to" && matches!(verb, "had" | "needed" | "wanted" | "used") {
                continue;
            }
            if lexicon::is_stative_past(verb) {
                f.stative += 1;
                f.main_stative |= main;
            } else if verb == "got" && !GOT_ACTING.contains(&next) {
                // "We got the best marks", "she got good feedback": receiving, not doing;
                // "I got up", "I got the team to…" are acts (below).
            } else if first_person && verb == "stopped" {
                // "I stopped and told them": the speaker stopping is an act ("complaints
                // stopped" is the outcome, below).
                f.first_person_acts += 1;
                f.main_act |= main;
            } else if first_person
                && (OUTCOME_VERBS.contains(&verb)
                    || ((OUTCOME_LEANING_VERBS.contains(&verb) || verb == "got")
                        && (f.measured_change || judged_after(words, v))))
            {
                // "we cut it from eight hours to forty minutes", "I got bookings up from
                // twelve to thirty", "we landed safely": the act told by its measured or
                // judged effect is the outcome.
                f.first_person_outcomes += 1;
            } else if OUTCOME_VERBS.contains(&verb) {
                // "Tickets dropped": counted with the outcome verbs.
            } else if lexicon::is_past_verb_after_subject(verb) {
                if first_person {
                    f.first_person_acts += 1;
                    f.main_act |= main;
                } else {
                    f.others_act += 1;
                }
            } else if I_FORMS.contains(w) && is_present_verb(verb) {
                f.present_first_person += 1;
            }
        }
        f
    }

    /// How much the sentence says of an outcome, position aside.
    fn result_evidence(&self) -> f64 {
        (self.result_cues
            + usize::from(self.outcome_announced)
            + self.first_person_outcomes
            + self.outcome_verbs
            + self.outcome_leaning_verbs
            + self.outcome_words
            + self.others_act) as f64
            + if self.present_state || self.quantity {
                1.0
            } else {
                0.0
            }
    }

    /// A score per story part (STORY order) for a sentence at `position` (0 = first story
    /// sentence, 1 = last).
    fn scores(&self, position: f64) -> [f64; 5] {
        let count = |n: usize| n as f64;
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        // When the main clause is the speaker acting ("I turned everything off, and it was
        // still moving"), the description after it explains the act: it counts for less.
        let explained = if self.main_act { 0.5 } else { 1.0 };
        let situation = 0.3
            + 1.5 * count(self.situation_cues)
            + explained
                * (0.5 * count(self.stative)
                    + 0.8 * count(self.background_aspect)
                    + 0.4 * count(self.descriptions))
            + 0.5 * flag(self.main_stative)
            + 0.3 * count(self.others_act)
            + (1.0 - 2.0 * position);
        let task = 2.0 * count(self.task_cues) + (0.5 - position);
        let action = flag(self.plan)
            + flag(self.purpose)
            + 1.3 * count(self.first_person_acts)
            + 1.0 * flag(self.main_act)
            + 1.0 * count(self.action_cues)
            + 0.2 * count(self.others_act);
        // Position only tips a sentence towards a result or a lesson when it says something of
        // one: a plain step told last ("so she'd know what had happened") is still a step.
        let late = |evidence: f64, weight: f64, offset: f64| {
            if evidence > 0.0 {
                weight * position - offset
            } else {
                -offset
            }
        };
        let result = -flag(self.plan)
            + 1.6 * count(self.result_cues)
            // Announced, an outcome is a result wherever it is told: at the start it outweighs
            // what the first sentence's place says for the set-up.
            + ANNOUNCED * flag(self.outcome_announced)
            + 1.2 * count(self.first_person_outcomes)
            + 1.2 * flag(self.present_state)
            + 1.2 * count(self.outcome_verbs)
            + 0.5 * count(self.outcome_leaning_verbs)
            + 0.4 * count(self.outcome_words)
            + 0.4 * count(self.others_act)
            + if self.measured_change {
                2.0
            } else if self.quantity {
                0.4
            } else {
                0.0
            }
            + late(self.result_evidence(), 1.2, 0.5);
        let plan = if self.plan { 1.0 } else { 0.0 };
        let learning = 2.5 * count(self.learning_cues) - plan
            + 0.6 * count(self.present_first_person)
            + late(
                count(self.learning_cues) + count(self.present_first_person),
                2.0,
                1.2,
            );
        [situation, task, action, result, learning]
    }
}

/// Someone else's verdict on how it went: "my supervisor said I did well", "the captain told
/// us afterwards it was the best-handled incident she'd seen". A reporting verb whose subject
/// is not the speaker, with a judgement within the next dozen words ("as well" judges nothing).
fn reports_a_verdict(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(k, w)| {
        if !REPORTING_VERBS.contains(w) {
            return false;
        }
        let subject = words[..k]
            .iter()
            .rev()
            .find(|w| !ADVERBS_BEFORE_VERB.contains(w));
        if subject.is_some_and(|s| I_FORMS.contains(s) || WE_FORMS.contains(s)) {
            return false;
        }
        (k + 1..words.len().min(k + 13)).any(|j| {
            (VERDICT_WORDS.contains(&words[j]) || lexicon::is_est_superlative(words[j]))
                && !(words[j] == "well" && words[j - 1] == "as")
        })
    })
}

/// "it's been like that since March", "the adjustment hasn't been needed since": a state that
/// has held since the story, which is how it ended. Not the speaker's own record ("I've been a
/// nurse since 2015", "we'd been there since spring"), which sets the scene.
fn state_since(words: &[&str]) -> bool {
    let Some(since) = words.iter().rposition(|w| *w == "since") else {
        return false;
    };
    let Some(been) = words[..since].iter().rposition(|w| *w == "been") else {
        return false;
    };
    let mut b = been;
    while b > 0 && ADVERBS_BEFORE_VERB.contains(&words[b - 1]) {
        b -= 1;
    }
    let aux = if b > 0 { words[b - 1] } else { "" };
    let subject = if b > 1 { words[b - 2] } else { "" };
    matches!(
        aux,
        "has" | "hasn't" | "it's" | "its" | "that's" | "there's"
    ) || (matches!(aux, "have" | "haven't")
        && !I_FORMS.contains(&subject)
        && !WE_FORMS.contains(&subject))
}

/// Units of time, for amounts of time against a plan ("four minutes late").
const TIME_UNITS: &[&str] = &[
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "second", "minute", "hour",
    "day", "week", "month", "year",
];

/// A present-tense verb after "I" ("I run", "I try", "I'm"): not past, not an auxiliary.
fn is_present_verb(w: &str) -> bool {
    !is_past_verb(w)
        && !lexicon::is_stative_past(w)
        && !lexicon::contains(
            &["to", "and", "the", "a", "was", "had", "as", "in", "on"],
            w,
        )
        && w.chars().all(|c| c.is_alphabetic() || c == '\'')
}

/// The best sequence of story parts for per-sentence scores.
fn viterbi(scores: &[[f64; 5]]) -> Vec<Part> {
    let n = scores.len();
    let mut best = vec![[f64::NEG_INFINITY; 5]; n];
    let mut back = vec![[0usize; 5]; n];
    for p in 0..5 {
        best[0][p] = START[p] + scores[0][p];
    }
    for k in 1..n {
        for to in 0..5 {
            let (from, value) = (0..5)
                .map(|from| (from, best[k - 1][from] + TRANSITION[from][to]))
                .fold(
                    (0, f64::NEG_INFINITY),
                    |acc, x| if x.1 > acc.1 { x } else { acc },
                );
            best[k][to] = value + scores[k][to];
            back[k][to] = from;
        }
    }
    let mut state = (0..5).fold(0, |acc, p| {
        if best[n - 1][p] > best[n - 1][acc] {
            p
        } else {
            acc
        }
    });
    let mut out = vec![STORY[state]; n];
    for k in (1..n).rev() {
        state = back[k][state];
        out[k - 1] = STORY[state];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{content_words, is_opener, reports_a_verdict};
    use crate::analysis::context::tokens;
    use crate::analysis::test_support::words;

    /// As `label` asks it: the sentence's content words.
    fn opener(text: &str) -> bool {
        is_opener(&content_words(&tokens(&words(text))))
    }

    #[test]
    fn a_short_first_sentence_that_picks_the_example_opens_the_answer() {
        assert!(opener("Yes, more than once, but one really stands out."));
        assert!(opener("Oh, I've got a good one for you."));
        assert!(opener("Honestly, that one's easy."));
        assert!(opener("yeah theres one that still keeps me up at night"));
        // Going on to tell the story, or naming its people, it is the situation.
        assert!(!opener(
            "Yes, more than once, and the first time was on a night shift in a care home."
        ));
        assert!(!opener(
            "There's one supplier who kept shorting our orders."
        ));
        assert!(!opener("I had one client who never paid on time."));
    }

    fn verdict(text: &str) -> bool {
        let words: Vec<&str> = text.split_whitespace().collect();
        reports_a_verdict(&words)
    }

    #[test]
    fn a_verdict_is_someone_elses_judgement_of_how_it_went() {
        assert!(verdict("and my supervisor said i did really well"));
        assert!(verdict(
            "the captain told us afterwards it was the best handled incident"
        ));
        // Any "-est" superlative judges, not only the listed words; "-est" words that are not
        // superlatives do not.
        assert!(verdict(
            "and my boss said it was the calmest bridge call he'd ever been on"
        ));
        assert!(!verdict(
            "she said the request had gone to the latest version"
        ));
        // The speaker's own remark, and "as well", judge nothing.
        assert!(!verdict("then i told them it was the best way out"));
        assert!(!verdict("we also said it was great"));
        assert!(!verdict("they said they would open their gates as well"));
        // A report with no judgement in it is a step in the story.
        assert!(!verdict("she said the van would not make it up the track"));
    }
}
