//! A take's transcript laid out for review: sentences with their start times, filler words
//! marked, and long pauses placed where they happened. Pure layout; `commands::show` styles it.
//!
//! Pauses come from the audio signal and words from the recogniser, whose word times tend to
//! stretch across silences. A pause is placed before the first word whose middle comes after
//! the pause's middle, which puts it in the right gap even when the word times are stretched.

use crate::analysis::{FillerHit, FillerKind, Pause};
use crate::report::Report;
use crate::transcript::Word;

/// Sentences without punctuation (the recogniser sometimes gives none) are cut after this many
/// words at a comma, and at twice as many words anyway, so every line keeps a usable time.
const SOFT_SENTENCE_WORDS: usize = 25;

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// An ordinary word with its punctuation.
    Word(String),
    /// One filler (one or more words): leading punctuation, the filler itself, trailing
    /// punctuation, so a marker can wrap just the filler (`[um],`).
    Filler {
        lead: String,
        text: String,
        trail: String,
        kind: FillerKind,
    },
    /// A long pause, in seconds.
    Pause(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub start: f64,
    pub pieces: Vec<Piece>,
}

/// The transcript's words in order, trimmed, without empty ones.
pub fn words(report: &Report) -> Vec<Word> {
    report
        .transcript
        .words()
        .filter(|w| !w.word.trim().is_empty())
        .map(|w| Word {
            word: w.word.trim().to_string(),
            ..w.clone()
        })
        .collect()
}

/// For each pause, the index of the word it comes before (`words.len()` for after the last).
pub fn pause_slots(words: &[Word], pauses: &[Pause]) -> Vec<usize> {
    pauses
        .iter()
        .map(|p| {
            let mid = (p.start + p.end) / 2.0;
            words
                .iter()
                .position(|w| (w.start + w.end) / 2.0 >= mid)
                .unwrap_or(words.len())
        })
        .collect()
}

/// For each word, the filler it belongs to (index into `fillers`), if any.
pub fn filler_of_word(words: &[Word], fillers: &[FillerHit]) -> Vec<Option<usize>> {
    const EPS: f64 = 0.005;
    let mut out = vec![None; words.len()];
    for (fi, f) in fillers.iter().enumerate() {
        for (wi, w) in words.iter().enumerate() {
            if out[wi].is_none() && w.start >= f.start - EPS && w.end <= f.end + EPS {
                out[wi] = Some(fi);
            }
        }
    }
    out
}

fn ends_sentence(word: &str) -> bool {
    word.trim_end_matches(['"', '\'', ')', '\u{201d}'])
        .ends_with(['.', '?', '!'])
}

/// Splits `"(um,"` into `("(", "um", ",")`.
fn split_punct(word: &str) -> (String, String, String) {
    let core_start = word
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(word.len(), |(i, _)| i);
    let core_end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(core_start, |(i, c)| i + c.len_utf8());
    if core_start >= core_end {
        return (String::new(), word.to_string(), String::new());
    }
    (
        word[..core_start].to_string(),
        word[core_start..core_end].to_string(),
        word[core_end..].to_string(),
    )
}

/// Lays out a report's transcript for review.
pub fn sentences(report: &Report) -> Vec<Sentence> {
    let words = words(report);
    let fillers = filler_of_word(&words, &report.fillers);
    let slots = pause_slots(&words, &report.pauses);

    let mut out: Vec<Sentence> = Vec::new();
    let mut current = Sentence {
        start: words.first().map_or(0.0, |w| w.start),
        pieces: Vec::new(),
    };
    let mut words_in_sentence = 0;
    let mut i = 0;
    while i < words.len() {
        // Pauses before this word: at a sentence boundary they close the previous sentence,
        // so the next line still starts with its own time.
        for (pause, _) in report
            .pauses
            .iter()
            .zip(&slots)
            .filter(|(_, &slot)| slot == i)
        {
            match out.last_mut() {
                Some(prev) if current.pieces.is_empty() => {
                    prev.pieces.push(Piece::Pause(pause.duration))
                }
                _ => current.pieces.push(Piece::Pause(pause.duration)),
            }
        }
        // A filler spans consecutive words with the same filler index.
        let (piece, used) = match fillers[i] {
            Some(fi) => {
                let mut j = i;
                while j + 1 < words.len() && fillers[j + 1] == Some(fi) {
                    j += 1;
                }
                let text = words[i..=j]
                    .iter()
                    .map(|w| w.word.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let (lead, core, trail) = split_punct(&text);
                (
                    Piece::Filler {
                        lead,
                        text: core,
                        trail,
                        kind: report.fillers[fi].kind,
                    },
                    j + 1 - i,
                )
            }
            None => (Piece::Word(words[i].word.clone()), 1),
        };
        current.pieces.push(piece);
        words_in_sentence += used;
        i += used;
        let last = &words[i - 1].word;
        let soft_break = words_in_sentence >= SOFT_SENTENCE_WORDS && last.ends_with([',', ';']);
        if ends_sentence(last) || soft_break || words_in_sentence >= 2 * SOFT_SENTENCE_WORDS {
            out.push(std::mem::replace(
                &mut current,
                Sentence {
                    start: words.get(i).map_or(0.0, |w| w.start),
                    pieces: Vec::new(),
                },
            ));
            words_in_sentence = 0;
        }
    }
    // Pauses after the last word.
    for (pause, _) in report
        .pauses
        .iter()
        .zip(&slots)
        .filter(|(_, &slot)| slot >= words.len())
    {
        match out.last_mut() {
            Some(prev) if current.pieces.is_empty() => {
                prev.pieces.push(Piece::Pause(pause.duration))
            }
            _ => current.pieces.push(Piece::Pause(pause.duration)),
        }
    }
    if !current.pieces.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::synthetic::{report, Script};
    use time::macros::datetime;

    fn layout(text: &str) -> Vec<Sentence> {
        sentences(&report(&Script::new(
            None,
            text,
            datetime!(2026-11-26 04:15:02 UTC),
        )))
    }

    fn plain(s: &Sentence) -> String {
        s.pieces
            .iter()
            .map(|p| match p {
                Piece::Word(w) => w.clone(),
                Piece::Filler {
                    lead, text, trail, ..
                } => format!("{lead}<{text}>{trail}"),
                Piece::Pause(d) => format!("[{d:.1}]"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn fillers_are_marked_inside_their_punctuation() {
        let s = layout("So, um, we shipped it, you know, on time.");
        assert_eq!(s.len(), 1);
        assert_eq!(
            plain(&s[0]),
            // The opening "So" is an opener, not a filler: left unmarked.
            "So, <um>, we shipped it, <you know>, on time."
        );
        let kinds: Vec<FillerKind> = s[0]
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Filler { kind, .. } => Some(*kind),
                _ => None,
            })
            .collect();
        assert_eq!(kinds, [FillerKind::Sound, FillerKind::Discourse]);
    }

    #[test]
    fn pauses_sit_where_they_happened_and_sentences_keep_their_times() {
        let s = layout("We had a problem |3.1| with the build. |2.5| Then I fixed it.");
        assert_eq!(s.len(), 2);
        assert_eq!(plain(&s[0]), "We had a problem [3.1] with the build. [2.5]");
        assert_eq!(plain(&s[1]), "Then I fixed it.");
        assert!((s[0].start - 0.8).abs() < 1e-9);
        assert!(s[1].start > s[0].start + 5.6, "{}", s[1].start);
    }

    #[test]
    fn unpunctuated_speech_is_still_cut_into_timed_lines() {
        let text = vec!["word"; 120].join(" ");
        let s = layout(&text);
        assert_eq!(s.len(), 3);
        assert!(s.windows(2).all(|w| w[1].start > w[0].start));
    }

    #[test]
    fn punctuation_splits_cleanly() {
        assert_eq!(split_punct("(um,"), ("(".into(), "um".into(), ",".into()));
        assert_eq!(split_punct("like"), ("".into(), "like".into(), "".into()));
        assert_eq!(split_punct("..."), ("".into(), "...".into(), "".into()));
    }
}
