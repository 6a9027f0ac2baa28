//! The discourse fillers besides "like": "you know", "I mean", "kind of" / "sort of", "well",
//! "actually", "basically", "literally", "honestly", the opener "so", and the tags "right" and
//! "okay" (counted only when the user asks for them).
//!
//! Each rule first rules out the use that carries meaning ("do you know", "what I mean", "a kind
//! of tool", "as well", "so much", "that's right"), then needs the position of a filler: a clause
//! start, words set off by punctuation or pauses, or a tag at the end of a clause.

use super::cues::{Boundary, Context, SENTENCE_PAUSE_S};
use super::lexicon::*;
use super::sound_filler;
use super::Verdict::{self, Filler, Meant, Opener};

/// "you know" at `i` (the "you").
pub fn you_know(ctx: &Context, i: usize) -> Verdict {
    let p = ctx.prev_word(i);
    let n = ctx.norm(i + 2);
    if p.is_some_and(|w| {
        auxiliary(w) && w != "to"
            || matches!(w, "if" | "as" | "whether" | "what" | "who" | "how" | "let")
    }) {
        return Meant("you know: a question or \"if/as you know\"");
    }
    if p == Some("before") && n == Some("it") {
        return Meant("you know: \"before you know it\"");
    }
    let joined = ctx.boundary_after(i + 1).is_none();
    if joined && n.is_some_and(|w| matches!(w, "him" | "her" | "them" | "me" | "us")) {
        return Meant("you know: knowing someone");
    }
    // "you know more than I do", "you know better": words that cannot open the clause a filler
    // would lead into.
    if joined && n.is_some_and(|w| matches!(w, "more" | "less" | "much" | "better" | "best")) {
        return Meant("you know: knowing more or better");
    }
    if ctx.sentence_start(i) && ctx.in_question(i + 1) && !ctx.question_right_after(i + 1) {
        return Meant("you know: asks a question");
    }
    if ctx.comma_after(i + 1) || ctx.boundary_before(i).is_some() {
        Filler("you know: set off")
    } else {
        Filler("you know: not a question and no object")
    }
}

/// "I mean" at `i` (the "I").
pub fn i_mean(ctx: &Context, i: usize) -> Verdict {
    let p = ctx.prev_word(i);
    let n = ctx.norm(i + 2);
    if p.is_some_and(|w| {
        matches!(
            w,
            "what" | "which" | "that" | "if" | "do" | "did" | "don't" | "didn't" | "not"
        )
    }) {
        return Meant("i mean: \"what I mean\"");
    }
    let ends_after_next = ctx.boundary_after(i + 2).is_some();
    match n {
        Some("to") => return Meant("i mean: intends to"),
        Some("it" | "that" | "well" | "business") if ends_after_next => {
            return Meant("i mean: \"I mean it\"")
        }
        _ => {}
    }
    Filler("i mean: restarts or explains")
}

/// Words that make "kind of" / "sort of" a type: "a kind of tool", "what sort of role", "the
/// right kind of".
const KIND_OF_TYPE_BEFORE: &[&str] = &[
    "same",
    "different",
    "certain",
    "right",
    "wrong",
    "new",
    "first",
    "other",
    "similar",
    "particular",
    "special",
    "whole",
    "best",
    "worst",
    "last",
    "only",
    "any",
    "every",
    "another",
    "one",
    "two",
    "three",
    "all",
    "some",
    "kinds",
    "sorts",
];

/// "kind of" / "sort of" at `i` (the "kind"/"sort"), or "kinda" / "sorta".
pub fn kind_of(ctx: &Context, i: usize) -> Verdict {
    let prev = ctx.prev_content(i);
    let p = prev.and_then(|j| ctx.norm(j));
    if p.is_some_and(|w| determiner(w) || KIND_OF_TYPE_BEFORE.contains(&w)) {
        return Meant("kind of: a type of something");
    }
    // "a new kind of", "this particular sort of": an adjective between a determiner and "kind".
    let p2 = prev.and_then(|j| ctx.prev_word(j));
    let p_is_modifier = p
        .is_some_and(|w| !(copula(w) || auxiliary(w) || subject_pronoun(w) || preverbal_adverb(w)));
    if p_is_modifier && p2.is_some_and(determiner) {
        return Meant("kind of: a type of something");
    }
    Filler("kind of: hedges what follows")
}

/// Degree words that "well" follows as an adverb ("as well", "very well", "pretty well").
const DEGREE_BEFORE_WELL: &[&str] = &[
    "as",
    "very",
    "pretty",
    "real",
    "quite",
    "too",
    "how",
    "fairly",
    "extremely",
    "really",
    "reasonably",
    "perfectly",
    "equally",
    "particularly",
    "relatively",
    "remarkably",
    "exceptionally",
    "incredibly",
    "surprisingly",
    "so",
    "damn",
    "super",
    "not",
];

/// Words after which "well" is an adverb or adjective ("well known", "well over", "well
/// enough"). Past participles ending in -ed are recognised by their ending.
const AFTER_WELL_MEANING: &[&str] = &[
    "known", "done", "being", "off", "spent", "paid", "made", "written", "kept", "built", "run",
    "worn", "read", "taken", "worth", "enough", "aware", "over", "above", "below", "beyond",
    "before", "after", "into", "ahead", "behind", "within", "past", "under", "thought", "as",
    "liked", "rounded", "suited", "versed", "equipped",
];

/// "well" at `i`: a filler when it opens a clause (counted as a discourse filler).
pub fn well(ctx: &Context, i: usize) -> Verdict {
    let prev = ctx.prev_content(i);
    let p = prev.and_then(|j| ctx.norm(j));
    let n = ctx.norm(i + 1);
    let boundary = ctx.boundary_before(i);
    let after_sound = prev.is_some_and(|j| j + 1 != i);
    let opens = boundary.is_some() || after_sound;
    let set_off_after = ctx.comma_after(i) || ctx.pause_after(i) && n.is_some();

    if !opens && p.is_some_and(|w| DEGREE_BEFORE_WELL.contains(&w)) {
        return Meant("well: adverb after a degree word");
    }
    if !opens && p.is_some_and(determiner) {
        return Meant("well: a noun");
    }
    let participle =
        n.is_some_and(|w| AFTER_WELL_MEANING.contains(&w) || (w.len() >= 5 && w.ends_with("ed")));
    if participle && !set_off_after {
        return Meant("well: modifies the next word");
    }
    if opens {
        return match n {
            Some(_) => Filler("well: opens a clause"),
            None => Meant("well: stands alone at the end"),
        };
    }
    if p.is_some_and(|w| is_clause_edge(ctx, prev.unwrap_or(0), w)) && n.is_some() {
        return Filler("well: after a conjunction or quote");
    }
    // After a verb or its object "well" is the adverb ("handled it well"), which ends its
    // clause. With word times, a new clause that follows without a pause shows the filler
    // ("random testing well it's random in the sense").
    let ends_clause = ctx.boundary_after(i).is_some();
    if ctx.timed && !ends_clause && n.is_some_and(new_clause_after_well) {
        return Filler("well: a new clause follows at once");
    }
    Meant("well: adverb after a verb")
}

/// Words that open a new clause right after "well": a subject, "that's", a question word, an
/// interjection, a hesitation.
fn new_clause_after_well(w: &str) -> bool {
    (subject_pronoun(w) && w != "people")
        || interjection(w)
        || sound_filler(w).is_some()
        || matches!(
            w,
            "it's"
                | "its"
                | "that's"
                | "there's"
                | "what"
                | "when"
                | "maybe"
                | "i'm"
                | "i've"
                | "we're"
                | "they're"
                | "you're"
                | "it"
                | "there"
                | "if"
                | "how"
                | "why"
        )
}

/// A word after which a new clause can start: conjunctions, interjections, verbs of saying,
/// copulas followed by a restart, and the end of "you know" / "I mean".
fn is_clause_edge(ctx: &Context, j: usize, w: &str) -> bool {
    conjunction(w)
        || interjection(w)
        || matches!(
            w,
            "said" | "say" | "says" | "saying" | "asked" | "replied" | "answered" | "like"
        )
        || sound_filler(w).is_some()
        || ctx.after_filler_phrase(j + 1)
        || (copula(w) && w != "its" && w != "it's")
        || w == "i"
}

/// Words after "so" that make it a degree word or a fixed phrase, not an opener.
const SO_MEANT_BEFORE: &[&str] = &[
    "that",
    "much",
    "many",
    "far",
    "long",
    "good",
    "bad",
    "well",
    "what",
    "on",
    "forth",
    "called",
    "sorry",
    "glad",
    "happy",
    "true",
    "cool",
    "great",
    "big",
    "hard",
    "easy",
    "often",
    "little",
    "few",
    "do",
    "does",
    "did",
    "is",
    "was",
    "are",
    "were",
    "am",
    "can",
    "will",
    "would",
    "to",
    "as",
    "too",
    "fast",
    "quickly",
    "badly",
    "important",
    "close",
];

/// "so" at `i`: a sentence-opening "so" is reported as an opener (not a filler); a conjunction
/// ("it broke, so I fixed it") or degree word ("so much") is left alone.
pub fn so(ctx: &Context, i: usize) -> Verdict {
    let n = ctx.norm(i + 1);
    if n.is_none() || !ctx.comma_after(i) && n.is_some_and(|w| SO_MEANT_BEFORE.contains(&w)) {
        return Meant("so: degree word or fixed phrase");
    }
    let p = ctx.prev_word(i);
    // "Okay, so …", "um so …": the interjection or hesitation opened the sentence.
    let after_interjection = p.is_some_and(|w| interjection(w) || sound_filler(w).is_some())
        && ctx.boundary_before(i) != Some(Boundary::Pause)
        && ctx.prev_content(i).is_some_and(|j| ctx.sentence_start(j));
    let follows_well = ctx.comma_after(i) || n.is_some_and(clause_opener) || ctx.filler_follows(i);
    // A silence of a second or more ends a sentence even where nothing marks it.
    let long_pause = ctx.gap_before(i).is_some_and(|g| g >= SENTENCE_PAUSE_S);
    // "Um, so I think …": only hesitations before it in its sentence.
    let first_word = ctx
        .prev_content(i)
        .is_none_or(|j| ctx.toks[j].sentence_end_after());
    match ctx.boundary_before(i) {
        Some(Boundary::Start | Boundary::Sentence) if follows_well => {
            Opener("so: opens a sentence")
        }
        _ if first_word && follows_well => Opener("so: opens a sentence"),
        Some(Boundary::Pause) if long_pause && follows_well => Opener("so: opens a sentence"),
        Some(Boundary::Comma) if ctx.comma_after(i) => Opener("so: set off by commas"),
        _ if after_interjection && follows_well => Opener("so: opens a sentence"),
        _ => Meant("so: joins two clauses"),
    }
}

/// "actually" / "honestly" at `i`: fillers when they open a clause or are set off; mid-clause
/// they contrast or qualify ("what actually happened", "answered honestly").
pub fn sentence_adverb(ctx: &Context, i: usize, name: &'static str) -> Verdict {
    let (opens_rule, set_off_rule, closes_rule, meant) = match name {
        "actually" => (
            "actually: opens a clause",
            "actually: set off",
            "actually: closes a clause",
            "actually: mid-clause, carries contrast",
        ),
        _ => (
            "honestly: opens a clause",
            "honestly: set off",
            "honestly: closes a clause",
            "honestly: mid-clause, carries meaning",
        ),
    };
    let before = ctx.boundary_before(i);
    let p = ctx.prev_word(i);
    let after_sound = ctx.prev_content(i).is_some_and(|j| j + 1 != i);
    let after_edge = after_sound
        || ctx.after_filler_phrase(i)
        || p.is_some_and(|w| conjunction(w) || interjection(w));
    if ctx.comma_after(i) && (before.is_some() || after_edge) {
        return Filler(set_off_rule);
    }
    let n = ctx.norm(i + 1);
    if (before.is_some() || after_edge) && n.is_some_and(clause_opener) {
        return Filler(opens_rule);
    }
    // Closing a clause: "I'm a pediatrician actually", "it failed, actually." Mid-clause it
    // qualifies a verb ("we actually shipped") and carries meaning. A clause-final "honestly"
    // is the manner adverb ("she answered honestly").
    let closes = ctx.toks[i].sentence_end_after()
        || ctx.comma_after(i)
        || n.is_none()
        || n.is_some_and(|w| {
            (subject_pronoun(w) && w != "people") || matches!(w, "and" | "but" | "so")
        })
        || ctx.filler_follows(i);
    if closes && p.is_some() && name == "actually" {
        return Filler(closes_rule);
    }
    Meant(meant)
}

/// "literally" at `i`: an intensifier ("literally everyone came") unless it ends a clause after a
/// verb ("took it literally", "translated literally").
pub fn literally(ctx: &Context, i: usize) -> Verdict {
    let ends = ctx.boundary_after(i).is_some() && !ctx.comma_after(i);
    if ends && ctx.boundary_before(i).is_none() {
        return Meant("literally: manner adverb ending a clause");
    }
    Filler("literally: intensifier")
}

/// Words after which "right" is an adjective or an answer ("that's right", "all right").
const RIGHT_MEANT_AFTER: &[&str] = &[
    "all", "that's", "you're", "is", "was", "be", "the", "turn", "go", "went", "left", "exactly",
    "quite", "that", "it's", "its", "he's", "she's", "they're", "we're", "i'm", "were", "are",
    "just", "not", "get", "got", "do", "did", "done", "feel", "feels", "felt", "seems", "sounds",
    "looks", "right", "in", "on", "to", "her", "his", "their", "your", "my", "our", "alright",
    "yeah", "yes", "oh", "okay", "ok",
];

/// "right" at `i`, only when the user counts it: a tag ("we need tests, right?") or an opener
/// ("Right, so …"). "right now", "the right tool", "that's right" carry meaning.
pub fn right(ctx: &Context, i: usize) -> Verdict {
    let p = ctx.prev_word(i);
    if p.is_some_and(|w| RIGHT_MEANT_AFTER.contains(&w)) {
        return Meant("right: adjective or answer");
    }
    if ctx.boundary_after(i).is_none() {
        return Meant("right: modifies the next word");
    }
    if ctx.toks[i].question_after && p.is_some() {
        return Filler("right: question tag");
    }
    if ctx.sentence_start(i) && ctx.comma_after(i) && ctx.norm(i + 1).is_some() {
        return Filler("right: opener");
    }
    let in_clause = p.is_some() && ctx.boundary_before(i).is_none_or(|b| b == Boundary::Comma);
    let tag_end = ctx.toks[i].sentence_end_after() || ctx.pause_after(i);
    if in_clause && tag_end && ctx.boundary_before(i).is_some() {
        return Filler("right: tag after a clause");
    }
    Meant("right: no tag position")
}

/// "okay" at `i`, only when the user counts it: an opener ("Okay, so …") or a tag ("…, okay?").
pub fn okay(ctx: &Context, i: usize) -> Verdict {
    let p = ctx.prev_word(i);
    let adjective = p.is_some_and(|w| {
        copula(w)
            || matches!(
                w,
                "be" | "feel"
                    | "feels"
                    | "felt"
                    | "seem"
                    | "seems"
                    | "sounds"
                    | "looks"
                    | "all"
                    | "pretty"
                    | "very"
                    | "totally"
                    | "not"
                    | "perfectly"
                    | "really"
            )
    });
    if adjective || ctx.norm(i + 1) == Some("with") {
        return Meant("okay: an adjective");
    }
    if ctx.toks[i].question_after && p.is_some() && ctx.boundary_before(i).is_some() {
        return Filler("okay: question tag");
    }
    let n = ctx.norm(i + 1);
    let opens = ctx.boundary_before(i).is_some()
        || p.is_some_and(|w| conjunction(w) || interjection(w) || sound_filler(w).is_some());
    if opens && n.is_some() && (ctx.comma_after(i) || n.is_some_and(clause_opener)) {
        return Filler("okay: opener");
    }
    Meant("okay: no opener or tag position")
}
