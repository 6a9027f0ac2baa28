//! "like": a filler when it sits where none of its meaning-bearing uses can stand.
//!
//! English "like" has several uses that carry meaning: the verb ("I like it", "would like to"),
//! the preposition of comparison or example ("tools like Jenkins", "felt like home", "something
//! like that") and the conjunction "as" ("like I said", "like most people do"). The discourse
//! marker (a clause start: "like, we had no tests") and the particle inside a clause ("it was
//! like really hard", "to like go", "a like two-day thing") carry none: they can be dropped and
//! the sentence says the same. The approximative "like" before an amount ("it took like forty
//! minutes") can be dropped too, and a coach counts it. The quotative "be like" ("she was like,
//! why is this late?") is counted when punctuation sets it off; without it, it is left alone
//! unless another cue below holds.
//!
//! Meaning is ruled out first, from the word before it (a subject or auxiliary makes the verb; a
//! perception verb, vague noun or degree word makes the comparison) and the words after it
//! ("like that", "like I said", "like most teams do"). Then one positive cue must say "filler":
//! a comma after it, a hesitation or an amount or degree word after it (a comparison needs a
//! thing), a determiner or preposition before it (no verb or comparison fits there), a clause
//! start before it with a clause after, a clause after a verb of saying, or a pause after it with
//! nothing before it to compare. Without a cue the word is left uncounted.

use super::cues::{Boundary, Context};
use super::lexicon::*;
use super::sound_filler;
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
    // "to like go", "we like went", "and like makes it worse": neither the verb nor the
    // comparison takes a verb after it.
    if n.is_some_and(|w| bare_verb(w) || past_verb(w) || present_verb(w)) {
        return Filler("like: before a verb");
    }
    if let Some(reason) = meaning(ctx, i, p, p2, n, n2) {
        return Meant(reason);
    }
    if ctx.comma_after(i) {
        return Filler("like: set off by punctuation");
    }
    // "… and then we just left <pause> like <end>": trailing off on "like", with nothing after
    // it to compare with.
    if ctx.boundary_before(i).is_some() && ctx.trails_off_after(i) {
        return Filler("like: trailing off after a pause");
    }
    let closed_before = p.is_none_or(|w| !is_open_class(w)) || ctx.boundary_before(i).is_some();
    if followed_by_phrase_filler(ctx, i) || (ctx.filler_follows(i) && closed_before) {
        return Filler("like: before another filler");
    }
    // "but like <pause> the rent", "did they give you like <pause> a second try": after a
    // function word there is no noun or verb for a comparison to attach to, and the pause shows
    // the speaker holding the floor, not linking "like" to what follows.
    let function_word_before = p.is_some_and(|w| !is_open_class(w) && !be_form(w));
    if function_word_before && i + 1 < ctx.len() && ctx.pause_after(i) {
        return Filler("like: a pause after it, nothing before it to compare");
    }
    // "they kept saying like we're almost done", "I thought like the tests would pass": after a
    // verb of saying or thinking, "like" before a whole clause only introduces the words said
    // and can go ("think like an engineer" compares: no clause follows).
    if p.is_some_and(saying_verb)
        && (n.is_some_and(|w| clause_opener(w) && !determiner(w)) || clause_follows(ctx, i))
    {
        return Filler("like: introduces what was said or thought");
    }
    // After a noun, "like" may be the verb ("the kids like really loud music").
    if closed_before && n.is_some_and(intensifier) {
        return Filler("like: before a degree word");
    }
    if closed_before && n.is_some_and(adjective) {
        return Filler("like: before an adjective");
    }
    // "like about two hours": an approximating word between "like" and the number.
    let approximated = n.is_some_and(approximator) && n2.is_some_and(|w| number(w) && w != "one");
    let amount = n.is_some_and(|w| number(w) && w != "one")
        || approximated
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
    // "the tests are slow like if you run them all": before a whole clause opened by "if" or
    // "when", "like" gives an example and can go. (After "be" it compares two situations:
    // "it's like when you …".)
    if matches!(n, Some("if" | "when")) && !p.is_some_and(be_form) {
        return Filler("like: before an example clause");
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
    if p.is_some_and(comparison_before_like) || after_experiencer(ctx, i) {
        return Some("like: comparison after a perception verb, vague noun or degree word");
    }
    if conjunction_before_do(ctx, i) {
        return Some("like: conjunction \"as\" before a clause with \"do\"");
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
        || be_form(w)
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
        // "did they give you like a second try": "you" after a verb that takes two objects is
        // its object, not the subject of "like".
        if w == "you" && ctx.prev_word(k).is_some_and(takes_two_objects) {
            return false;
        }
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
    // "well like there's a catch": after a discourse "well" too.
    let edge = after_sound
        || ctx.after_filler_phrase(i)
        || p.is_some_and(|w| conjunction(w) || interjection(w) || w == "well");
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

/// Forms of "be", negated ones too ("jobs that aren't like teaching").
fn be_form(w: &str) -> bool {
    copula(w) || matches!(w, "isn't" | "aren't" | "wasn't" | "weren't" | "ain't")
}

/// "it looks to me like …", "it seemed to them like": a perception verb, then the person it
/// seems so to, then the comparison.
fn after_experiencer(ctx: &Context, i: usize) -> bool {
    let Some(j) = ctx.prev_content(i) else {
        return false;
    };
    let Some(to) = ctx.prev_content(j) else {
        return false;
    };
    ctx.norm(j).is_some_and(|w| object_pronoun(w) && w != "so")
        && ctx.norm(to) == Some("to")
        && ctx.prev_word(to).is_some_and(comparison_before_like)
}

/// "like most teams do", "like they did last year": the conjunction "like" ("as") before a
/// short clause whose verb is the stand-in "do", ending there.
fn conjunction_before_do(ctx: &Context, i: usize) -> bool {
    for k in i + 2..=i + 5 {
        let Some(w) = ctx.norm(k) else {
            return false;
        };
        if ctx.boundary_before(k).is_some() {
            return false;
        }
        if matches!(w, "do" | "does" | "did") {
            return ctx.boundary_after(k).is_some()
                || ctx.norm(k + 1).is_some_and(|a| {
                    preposition(a)
                        || interjection(a)
                        || conjunction(a)
                        || sound_filler(a).is_some()
                        || matches!(a, "too" | "now" | "there" | "here" | "before")
                });
        }
        if be_form(w) || auxiliary(w) || past_verb(w) {
            return false;
        }
    }
    false
}

/// A clause follows "like": a short subject (up to three words), then a finite "be", "have" or
/// modal with more words after it ("like the tests would pass", "like my team was late"). A
/// stand-in verb ending the clause makes "like" the conjunction "as" instead ("like a lawyer
/// would").
fn clause_follows(ctx: &Context, i: usize) -> bool {
    let subject_can_start = ctx.norm(i + 1).is_some_and(|w| {
        !(copula(w) || auxiliary(w) || preposition(w) || conjunction(w) || object_pronoun(w))
    });
    if !subject_can_start {
        return false;
    }
    for k in i + 2..=i + 4 {
        let Some(w) = ctx.norm(k) else {
            return false;
        };
        if ctx.boundary_before(k).is_some() {
            return false;
        }
        let finite = matches!(
            w,
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
                | "should"
                | "must"
                | "might"
        );
        if finite {
            return ctx.norm(k + 1).is_some() && ctx.boundary_after(k).is_none();
        }
        if auxiliary(w) || preposition(w) || conjunction(w) || sound_filler(w).is_some() {
            return false;
        }
    }
    false
}
