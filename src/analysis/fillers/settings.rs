//! The user's own filler list: words or phrases to count besides the built-in ones (`extra`,
//! e.g. "okay", "right", "anyway") and built-in fillers not to count (`ignore`, e.g. "so"). The
//! list used is recorded in the report's settings, so a stored report explains its counts.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::cues::Context;
use super::{sound_filler, Verdict};
use crate::transcript::normalize_token;

/// The fillers rehearse counts by default (and the opener "so"), by canonical spelling.
pub const BUILT_IN: &[&str] = &[
    "um",
    "uh",
    "er",
    "ah",
    "hmm",
    "like",
    "you know",
    "i mean",
    "well",
    "actually",
    "basically",
    "literally",
    "honestly",
    "kind of",
    "sort of",
    "so",
];

/// Tags with their own rules that are counted only when listed in `extra`: most uses of
/// "right" and "okay" carry meaning, and some speakers use them as tags on purpose.
pub const OPT_IN: &[&str] = &["right", "okay"];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct FillerSettings {
    /// Words or phrases counted as fillers besides the built-in ones ("okay" and "right" are
    /// counted as tags and openers only; other words wherever they are said).
    pub extra: Vec<String>,
    /// Built-in fillers not to count ("so" also drops the opener).
    pub ignore: Vec<String>,
}

/// A list entry in canonical form: lower case, punctuation stripped, words joined by one space,
/// spelling variants folded ("Umm" → "um", "kinda" → "kind of", "OK" → "okay").
pub fn canonical(entry: &str) -> String {
    let words: Vec<String> = entry
        .split_whitespace()
        .map(normalize_token)
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    if let [one] = words.as_slice() {
        if let Some(sound) = sound_filler(one) {
            return sound.to_string();
        }
    }
    match joined.as_str() {
        "kinda" => "kind of".into(),
        "sorta" => "sort of".into(),
        "ok" => "okay".into(),
        "y'know" => "you know".into(),
        _ => joined,
    }
}

/// A user's filler list that does not make sense; the message names the list and the entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FillerListError {
    #[error("fillers.{list}: {entry:?} has no word in it: list words such as \"okay\"")]
    NoWord { list: &'static str, entry: String },
    #[error("fillers: \"{0}\" is in both extra and ignore: keep it in one list")]
    InBoth(String),
    #[error(
        "fillers.ignore: \"{0}\" is not a filler rehearse counts ({built_in}); to stop counting \
         a word of your own, remove it from extra",
        built_in = BUILT_IN.join(", ")
    )]
    NotBuiltIn(String),
}

impl FillerSettings {
    /// Builds settings from raw entries: canonical forms, duplicates dropped, then validated.
    pub fn new(extra: &[String], ignore: &[String]) -> Result<Self, FillerListError> {
        let mut s = FillerSettings::default();
        s.add(extra, ignore);
        s.validate()?;
        Ok(s)
    }

    /// Adds entries (from flags on top of the config file), in canonical form.
    pub fn add(&mut self, extra: &[String], ignore: &[String]) {
        for (list, entries) in [(&mut self.extra, extra), (&mut self.ignore, ignore)] {
            for entry in entries {
                let c = canonical(entry);
                if !list.contains(&c) {
                    list.push(c);
                }
            }
        }
    }

    /// Checks the lists make sense; the message names the list and the entry.
    pub fn validate(&self) -> Result<(), FillerListError> {
        for (list, entries) in [("extra", &self.extra), ("ignore", &self.ignore)] {
            if let Some(bad) = entries.iter().find(|e| e.is_empty()) {
                return Err(FillerListError::NoWord {
                    list,
                    entry: bad.clone(),
                });
            }
        }
        if let Some(both) = self.ignore.iter().find(|w| self.extra.contains(w)) {
            return Err(FillerListError::InBoth(both.clone()));
        }
        if let Some(unknown) = self.ignore.iter().find(|w| !BUILT_IN.contains(&w.as_str())) {
            return Err(FillerListError::NotBuiltIn(unknown.clone()));
        }
        Ok(())
    }

    /// Whether the user listed `canonical` in `extra`.
    pub fn counts_extra(&self, canonical: &str) -> bool {
        self.extra.iter().any(|e| e == canonical)
    }

    fn ignores(&self, canonical: &str) -> bool {
        self.ignore.iter().any(|e| e == canonical)
    }

    /// The verdict after the user's list: ignored fillers are dropped, and an opener the user
    /// listed in `extra` ("so") counts as a filler.
    pub(super) fn apply(&self, text: &str, verdict: Verdict) -> Verdict {
        match verdict {
            Verdict::Filler(rule) | Verdict::Opener(rule) if self.ignores(text) => {
                Verdict::Ignored(rule)
            }
            Verdict::Opener(rule) if self.counts_extra(text) => Verdict::Filler(rule),
            other => other,
        }
    }

    /// A user's own filler (not a built-in one) starting at token `i`: (text, tokens covered).
    /// Longer phrases win over shorter ones.
    pub(super) fn extra_at(&self, ctx: &Context, i: usize) -> Option<(String, usize)> {
        self.extra
            .iter()
            .filter(|e| !BUILT_IN.contains(&e.as_str()) && !OPT_IN.contains(&e.as_str()))
            .filter_map(|e| {
                let words: Vec<&str> = e.split(' ').collect();
                let matches = words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| ctx.norm(i + k) == Some(*w));
                matches.then(|| (e.clone(), words.len()))
            })
            .max_by_key(|(_, len)| *len)
    }
}
