//! Filler words: hesitation sounds (um, uh, er, ah, hmm in any spelling) and discourse fillers
//! (like, you know, I mean, well as an opener, actually, basically, literally, honestly, kind of /
//! sort of as hedges), plus the sentence-opening "so", reported apart as an opener. "right" and
//! "okay" as tags, and any word of the user's own, are counted when the user lists them.
//!
//! Each candidate is decided from the words around it, from word timing when the transcript has
//! times, and from punctuation when it has some; none of these is required, so the same rules
//! work on whisper output, subtitles, plain text and forced alignments. The rules lean towards
//! precision: a word used for meaning counted as a filler makes a coach untrustworthy, so an
//! ambiguous use is left uncounted. Every decision names the rule that made it
//! (`REHEARSE_TRACE=1` prints them).

mod cues;
mod lexicon;
mod like;
mod markers;
mod settings;
#[cfg(test)]
mod tests;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::transcript::Word;
use cues::Context;
pub use settings::{FillerListError, FillerSettings};

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
    #[serde(with = "crate::transcript::Nullable")]
    pub start: f64,
    #[serde(with = "crate::transcript::Nullable")]
    pub end: f64,
    pub kind: FillerKind,
    /// The rule or cue that decided it (for tracing and tests; not part of the report).
    #[serde(skip)]
    #[schemars(skip)]
    pub rule: &'static str,
}

/// How one candidate word was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Counted as a filler, by this rule.
    Filler(&'static str),
    /// A sentence opener ("So, …"): reported apart, not counted as a filler.
    Opener(&'static str),
    /// Used for its meaning: not counted, for this reason.
    Meant(&'static str),
    /// A filler the user asked not to count (the rule that found it).
    Ignored(&'static str),
}

/// A candidate and its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub hit: FillerHit,
    pub verdict: Verdict,
    /// Index of the candidate's first word in the analysed words, and how many words it covers.
    pub word_index: usize,
    pub words: usize,
}

/// The fillers and openers of a transcript, each in time order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub fillers: Vec<FillerHit>,
    pub openers: Vec<FillerHit>,
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

/// Finds the fillers and openers in a word sequence.
pub fn find_fillers(words: &[Word], settings: &FillerSettings) -> Found {
    let mut found = Found::default();
    for d in explain(words, settings) {
        match d.verdict {
            Verdict::Filler(_) => found.fillers.push(d.hit),
            Verdict::Opener(_) => found.openers.push(d.hit),
            Verdict::Meant(_) | Verdict::Ignored(_) => {}
        }
    }
    found
}

/// Every candidate word with its verdict, in order: what `find_fillers` counts, and why the
/// others were left alone.
pub fn explain(words: &[Word], settings: &FillerSettings) -> Vec<Decision> {
    let ctx = Context::new(words);
    let mut decisions = Vec::new();
    let mut i = 0;
    while i < ctx.len() {
        let Some((text, len, kind, verdict)) = candidate(&ctx, i, settings) else {
            i += 1;
            continue;
        };
        let verdict = settings.apply(&text, verdict);
        let counted = matches!(verdict, Verdict::Filler(_) | Verdict::Opener(_));
        let rule = match verdict {
            Verdict::Filler(r) | Verdict::Opener(r) | Verdict::Meant(r) | Verdict::Ignored(r) => r,
        };
        decisions.push(Decision {
            hit: FillerHit {
                text,
                start: ctx.toks[i].word.start,
                end: ctx.toks[i + len - 1].word.end,
                kind,
                rule,
            },
            verdict,
            word_index: ctx.toks[i].index,
            words: len,
        });
        i += if counted { len } else { 1 };
    }
    decisions
}

/// One line per decision, for `REHEARSE_TRACE`.
pub fn trace_lines(words: &[Word], settings: &FillerSettings) -> Vec<String> {
    explain(words, settings)
        .iter()
        .map(|d| {
            let what = match d.verdict {
                Verdict::Filler(_) => "filler",
                Verdict::Opener(_) => "opener",
                Verdict::Meant(_) => "not counted",
                Verdict::Ignored(_) => "ignored (settings)",
            };
            format!(
                "filler check {:7.2}s {:<10} {:<18} {}",
                d.hit.start, d.hit.text, what, d.hit.rule
            )
        })
        .collect()
}

/// The candidate starting at token `i`: (canonical text, tokens covered, kind, verdict).
fn candidate(
    ctx: &Context,
    i: usize,
    settings: &FillerSettings,
) -> Option<(String, usize, FillerKind, Verdict)> {
    use FillerKind::{Discourse, Sound};
    let w = ctx.norm(i)?;
    if let Some(sound) = sound_filler(w) {
        return Some((sound.into(), 1, Sound, Verdict::Filler("sound: hesitation")));
    }
    let n = ctx.norm(i + 1);
    let (text, len, verdict) = match (w, n) {
        ("like", _) => ("like", 1, like::decide(ctx, i)),
        ("you", Some("know")) => ("you know", 2, markers::you_know(ctx, i)),
        ("y'know" | "ya'know", _) => ("you know", 1, Verdict::Filler("you know: one word")),
        ("i", Some("mean")) => ("i mean", 2, markers::i_mean(ctx, i)),
        ("kind", Some("of")) => ("kind of", 2, markers::kind_of(ctx, i)),
        ("sort", Some("of")) => ("sort of", 2, markers::kind_of(ctx, i)),
        ("kinda", _) => ("kind of", 1, markers::kind_of(ctx, i)),
        ("sorta", _) => ("sort of", 1, markers::kind_of(ctx, i)),
        ("well", _) => ("well", 1, markers::well(ctx, i)),
        ("so", _) => ("so", 1, markers::so(ctx, i)),
        ("actually", _) => ("actually", 1, markers::sentence_adverb(ctx, i, "actually")),
        ("honestly", _) => ("honestly", 1, markers::sentence_adverb(ctx, i, "honestly")),
        ("basically", _) => (
            "basically",
            1,
            Verdict::Filler("basically: filler anywhere"),
        ),
        ("literally", _) => ("literally", 1, markers::literally(ctx, i)),
        ("right", _) if settings.counts_extra("right") => ("right", 1, markers::right(ctx, i)),
        ("okay" | "ok", _) if settings.counts_extra("okay") => ("okay", 1, markers::okay(ctx, i)),
        _ => {
            let (text, len) = settings.extra_at(ctx, i)?;
            return Some((text, len, Discourse, Verdict::Filler("your own filler")));
        }
    };
    Some((text.into(), len, Discourse, verdict))
}
