//! "like": a filler when it sits where neither the verb ("I like it", "would like to") nor the
//! comparison ("tools like Jenkins", "felt like home", "something like that") can stand.
//!
//! Meaning is ruled out first, from the word before it (a subject or auxiliary makes the verb; a
//! perception verb, vague noun or degree word makes the comparison) and the words after it
//! ("like that", "like I said"). Then one positive cue must say "filler": a comma after it, a
//! hesitation or an amount or degree word after it (a comparison needs a thing), a determiner or
//! preposition before it (no verb or comparison fits there), or a clause start before it with a
//! clause after. Without a cue the word is left uncounted.

use super::cues::{Boundary, Context};
use super::lexicon::*;
use super::Verdict::{self, Filler, Meant};

/// Time units after "like a": "like a week ago" gives an amount, not a comparison.
const TIME_UNITS: &[&str] = &[
    "second", "minute", "hour", "day", "week", "month", "year", "couple", "few", "hundred",
    "thousand", "million", "dozen", "half",
];

pub fn decide(ctx: &Context, i: usize) -> Verdict {
    let prev = ctx.prev_content(i);
    let p = prev.and_then(|j| ctx.norm(j));
    let p2 = prev.and_then(|j| ctx.prev_word(j));
    let n = ctx.norm(i + 1);
    let n2 = ctx.norm(i + 2);

    // ", like," set off on both sides: nothing else reads that way.
    if ctx.comma_after(i) && ctx.boundary_before(i) == Some(Boundary::Comma) {
        return Filler("like: set off by commas");
    }
    if restarts_after(ctx, i) {
        return Filler("like: the speaker restarts after it");
    }
    // "to like go", "we like went": neither the verb nor the comparison takes a bare or past
    // verb after it.
    if n.is_some_and(|w| bare_verb(w) || past_verb(w)) {
        return Filler("like: before a verb");
    }
    if let Some(reason) = meaning(ctx, i, p, p2, n, n2) {
        return Meant(reason);
    }
    if ctx.comma_after(i) {
        return Filler("like: set off by punctuation");
    }
    let closed_before = p.is_none_or(|w| !is_open_class(w)) || ctx.boundary_before(i).is_some();
    if followed_by_phrase_filler(ctx, i) || (ctx.filler_follows(i) && closed_before) {
        return Filler("like: before another filler");
    }
    // After a noun, "like" may be the verb ("the kids like really loud music").
    if closed_before && n.is_some_and(intensifier) {
        return Filler("like: before a degree word");
    }
    if closed_before && n.is_some_and(adjective) {
        return Filler("like: before an adjective");
    }
    let amount = n.is_some_and(|w| number(w) && w != "one")
        || (matches!(n, Some("a" | "an")) && n2.is_some_and(|w| TIME_UNITS.contains(&w)));
    if amount {
        return Filler("like: before an amount");
    }
    if p.is_some_and(|w| determiner_before_filler(w) || preposition(w)) {
        return Filler("like: inside a noun phrase");
    }
    // "we had like the best time", "there was like a queue": between a verb and its object.
    let existential = p.is_some_and(copula) && p2 == Some("there");
    if (p.is_some_and(object_verb) || existential)
        && n.is_some_and(|w| determiner(w) || w == "this")
    {
        return Filler("like: before the object of a verb");
    }
    match clause_start(ctx, i, p) {
        // After a sentence end or a pause (a new intonation unit) a noun phrase can follow:
        // "… . Like the first week, …", "<pause> like the guy in California got …".
        Some(Strength::Sentence | Strength::Pause) if n.is_some_and(clause_opener) => {
            return Filler("like: at a sentence start or after a pause");
        }
        // After "and", a comma or "you know", only a new clause marks the filler: "you know,
        // like the trim" and "tools, like Jenkins" give examples.
        Some(_) if n.is_some_and(starts_clause) => return Filler("like: at a clause start"),
        _ => {}
    }
    // "like with the tellers", "like from four to ten": a comparison takes a noun phrase, so
    // "like" before a preposition, after a function word, points at an example or an amount.
    if closed_before && !p.is_some_and(copula) && n.is_some_and(preposition) {
        return Filler("like: before a preposition");
    }
    if p.is_some_and(copula) && n == Some("the") && n2.is_some_and(superlative) {
        return Filler("like: before a superlative");
    }
    Meant("like: no filler cue")
}

/// Why this "like" carries meaning, if it does.
fn meaning(
    ctx: &Context,
    i: usize,
    p: Option<&str>,
    p2: Option<&str>,
    n: Option<&str>,
    n2: Option<&str>,
) -> Option<&'static str> {
    if is_verb(ctx, i) {
        return Some("like: verb after its subject or an auxiliary");
    }
    if copula_before_like(p) && what_before(ctx, i) {
        return Some("like: \"what it was like\"");
    }
    if p == Some("of") && matches!(p2, Some("kind" | "sort")) {
        return Some("like: after kind of / sort of");
    }
    if p.is_some_and(comparison_before_like) {
        return Some("like: comparison after a perception verb, vague noun or degree word");
    }
    if p == Some("the") && ctx.boundary_after(i).is_some() {
        return Some("like: \"and the like\"");
    }
    // "like I said", "like you mentioned": "as". (Not after an article: "a like I say".)
    if !p.is_some_and(determiner_before_filler)
        && n.is_some_and(subject_pronoun)
        && n2.is_some_and(|w| {
            matches!(
                w,
                "said" | "say" | "says" | "mentioned" | "told" | "suggested" | "explained"
            )
        })
    {
        return Some("like: \"like I said\"");
    }
    // "like that", "like me", "like this one": the comparison's object, then the phrase ends.
    if let Some(obj) = n {
        let ends = ctx.boundary_after(i + 1).is_some();
        if object_pronoun(obj) && obj != "so" && (ends || n2.is_some_and(|w| w == "one")) {
            return Some("like: comparison with a pronoun object");
        }
    }
    None
}

/// "like you know", "like I mean".
fn followed_by_phrase_filler(ctx: &Context, i: usize) -> bool {
    matches!(
        (ctx.norm(i + 1), ctx.norm(i + 2)),
        (Some("you"), Some("know")) | (Some("i"), Some("mean"))
    )
}

/// A word of an open class (noun, verb, adjective): anything the closed-class lists do not
/// know. After a noun, "like" usually gives an example ("sports like uh football").
fn is_open_class(w: &str) -> bool {
    !(subject_pronoun(w)
        || object_pronoun(w)
        || determiner(w)
        || preposition(w)
        || conjunction(w)
        || interjection(w)
        || copula(w)
        || auxiliary(w)
        || preverbal_adverb(w)
        || intensifier(w)
        || matches!(
            w,
            "now" | "then" | "there" | "here" | "maybe" | "know" | "mean"
        ))
}

/// "be" right before "like" ("was like", "is like").
fn copula_before_like(p: Option<&str>) -> bool {
    p.is_some_and(|w| matches!(w, "is" | "was" | "are" | "were" | "be" | "been"))
}

/// A "what" or "how" opens the clause a few words before `i`: "what life was like", "what a
/// good router is like".
fn what_before(ctx: &Context, i: usize) -> bool {
    (i.saturating_sub(6)..i).any(|j| matches!(ctx.norm(j), Some("what" | "how")))
}

/// The words after "like" repeat the words before it: the speaker stopped and restarted ("it
/// was like it was not", "its almost like its almost").
fn restarts_after(ctx: &Context, i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).and_then(|j| ctx.norm(j));
    let after = |k: usize| ctx.norm(i + k);
    let one = before(1).is_some() && before(1) == after(1);
    let two = one || before(2).is_some() && (before(2), before(1)) == (after(1), after(2));
    // A one-word echo only counts for short function words ("i like i buy", "a like a"): "time
    // like time" is a figure of speech.
    let short = before(1).is_some_and(|w| w.len() <= 4);
    let quote = matches!(after(2), Some("said" | "say" | "says" | "mentioned"));
    !quote && ((one && short) || (two && !one))
}

/// "like" as a verb: its subject, "to" or an auxiliary comes before it, perhaps with adverbs
/// between ("I really like", "we kind of like", "I, I like").
fn is_verb(ctx: &Context, i: usize) -> bool {
    // "as they do. Like the guy in California": "do" ended its own clause.
    if ctx.boundary_before(i).is_some() && matches!(ctx.prev_word(i), Some("do" | "does" | "did")) {
        return false;
    }
    let mut j = ctx.prev_content(i);
    let mut skipped = 0;
    while let Some(k) = j {
        let w = ctx.norm(k).unwrap_or_default();
        if subject_pronoun(w) || auxiliary(w) {
            return true;
        }
        if skipped < 3 && preverbal_adverb(w) && !copula(w) {
            skipped += 1;
            j = ctx.prev_content(k);
            continue;
        }
        return false;
    }
    false
}

/// How clearly a clause starts at "like".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// The first word, or after a sentence end.
    Sentence,
    /// After a pause.
    Pause,
    /// After a comma, or right after a conjunction, interjection, hesitation or "you know".
    Edge,
}

fn clause_start(ctx: &Context, i: usize, p: Option<&str>) -> Option<Strength> {
    match ctx.boundary_before(i) {
        Some(Boundary::Start | Boundary::Sentence) => return Some(Strength::Sentence),
        Some(Boundary::Pause) => return Some(Strength::Pause),
        Some(Boundary::Comma) => return Some(Strength::Edge),
        None => {}
    }
    let after_sound = i > 0 && ctx.prev_content(i) != Some(i - 1);
    let edge = after_sound
        || ctx.after_filler_phrase(i)
        || p.is_some_and(|w| conjunction(w) || interjection(w));
    edge.then_some(Strength::Edge)
}

/// Words that begin a new clause (a subject, "there", "if"), not just a noun phrase.
fn starts_clause(w: &str) -> bool {
    subject_pronoun(w)
        || matches!(
            w,
            "it" | "there"
                | "it's"
                | "its"
                | "that's"
                | "there's"
                | "if"
                | "when"
                | "once"
                | "i'm"
                | "we're"
                | "they're"
                | "you're"
                | "he's"
                | "she's"
                | "i've"
                | "we've"
                | "nobody"
                | "somebody"
                | "someone"
                | "anybody"
                | "everyone"
                | "everybody"
        )
}
