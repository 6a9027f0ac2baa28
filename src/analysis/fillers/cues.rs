//! What the filler rules can observe around a word: its neighbours (with sound fillers and
//! stutters skipped), punctuation when the transcript has some, and word timing when it has
//! times (a pause before or after the word).
//!
//! A transcript may have all, some or none of these: whisper writes punctuation and word times,
//! subtitles have times but little punctuation, a pasted transcript has punctuation and no
//! times, forced alignments of conversations have times and no punctuation. Each cue says
//! nothing (rather than "no") when its source is missing.

use super::super::context::{tokens, Token};
use super::sound_filler;
use crate::transcript::Word;

/// A silence at least this long between two words is a spoken break. Fluent speech joins the
/// words of a phrase with gaps well under a tenth of a second; a quarter of a second is a
/// hesitation or a clause boundary that a listener hears.
pub const PAUSE_S: f64 = 0.25;

/// A silence this long between two words ends a sentence (or the speaker's turn).
pub const SENTENCE_PAUSE_S: f64 = 1.0;

/// What separates a word from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boundary {
    /// The first word of the transcript.
    Start,
    /// After a full stop, question or exclamation mark.
    Sentence,
    /// After a comma, dash or ellipsis.
    Comma,
    /// After a silence of at least `PAUSE_S`.
    Pause,
}

/// The words of a transcript with their cues.
pub struct Context<'a> {
    pub toks: Vec<Token<'a>>,
    /// Whether the words carry real times (a plain-text transcript has none).
    pub timed: bool,
}

impl<'a> Context<'a> {
    pub fn new(words: &'a [Word]) -> Self {
        let toks = tokens(words);
        let timed = toks.iter().any(|t| t.word.end > t.word.start);
        Context { toks, timed }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The normalised word at `i`, if there is one.
    pub fn norm(&self, i: usize) -> Option<&str> {
        self.toks.get(i).map(|t| t.norm.as_str())
    }

    /// Silence between word `i - 1` and word `i`, when times exist.
    pub fn gap_before(&self, i: usize) -> Option<f64> {
        if !self.timed || i == 0 || i >= self.toks.len() {
            return None;
        }
        Some(self.toks[i].word.start - self.toks[i - 1].word.end)
    }

    pub fn pause_before(&self, i: usize) -> bool {
        self.gap_before(i).is_some_and(|g| g >= PAUSE_S)
    }

    /// The speaker stops after word `i`: a silence of a sentence break, or the end.
    pub fn trails_off_after(&self, i: usize) -> bool {
        i + 1 >= self.toks.len()
            || self
                .gap_before(i + 1)
                .is_some_and(|g| g >= SENTENCE_PAUSE_S)
    }

    /// A pause after word `i`, or the end of the transcript.
    pub fn pause_after(&self, i: usize) -> bool {
        i + 1 >= self.toks.len() || self.pause_before(i + 1)
    }

    /// What separates word `i` from the word before it, if anything.
    pub fn boundary_before(&self, i: usize) -> Option<Boundary> {
        if i == 0 {
            return Some(Boundary::Start);
        }
        let prev = &self.toks[i - 1];
        if prev.sentence_end_after() {
            Some(Boundary::Sentence)
        } else if prev.break_after {
            Some(Boundary::Comma)
        } else if self.pause_before(i) {
            Some(Boundary::Pause)
        } else {
            None
        }
    }

    /// What separates word `i` from the word after it: punctuation on `i`, a pause, or the end.
    pub fn boundary_after(&self, i: usize) -> Option<Boundary> {
        if i + 1 >= self.toks.len() {
            return Some(Boundary::Sentence);
        }
        self.boundary_before(i + 1)
    }

    /// Punctuation sets word `i` off from what follows (", like," or "well,").
    pub fn comma_after(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.break_after)
    }

    /// The index of the nearest word before `i` that is not a hesitation sound, nor the first
    /// copy of a stutter ("I, I like" looks back to "I"). `None` at the start.
    pub fn prev_content(&self, i: usize) -> Option<usize> {
        let mut j = i.checked_sub(1)?;
        loop {
            let skip = sound_filler(&self.toks[j].norm).is_some()
                || (j + 1 < i && self.toks[j].norm == self.toks[j + 1].norm);
            if !skip {
                return Some(j);
            }
            j = j.checked_sub(1)?;
        }
    }

    /// The nearest word before `i` that is not a hesitation sound.
    pub fn prev_word(&self, i: usize) -> Option<&str> {
        self.prev_content(i).and_then(|j| self.norm(j))
    }

    /// Word `i` is followed by a hesitation sound or by "you know" / "I mean".
    pub fn filler_follows(&self, i: usize) -> bool {
        let n = self.norm(i + 1);
        n.is_some_and(|w| sound_filler(w).is_some())
            || matches!(
                (n, self.norm(i + 2)),
                (Some("you"), Some("know")) | (Some("i"), Some("mean"))
            )
    }

    /// Word `i` comes right after "you know" or "I mean".
    pub fn after_filler_phrase(&self, i: usize) -> bool {
        i >= 2
            && matches!(
                (self.norm(i - 2), self.norm(i - 1)),
                (Some("you"), Some("know")) | (Some("i"), Some("mean"))
            )
    }

    /// The sentence containing word `i` ends with a question mark (when punctuated).
    pub fn in_question(&self, i: usize) -> bool {
        self.toks[i..]
            .iter()
            .find(|t| t.sentence_end_after())
            .is_some_and(|t| t.question_after)
    }

    /// Word `i` itself carries the question mark ("…, you know?").
    pub fn question_right_after(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.question_after)
    }

    /// Word `i` starts a sentence by punctuation or is the first word.
    pub fn sentence_start(&self, i: usize) -> bool {
        matches!(
            self.boundary_before(i),
            Some(Boundary::Start | Boundary::Sentence)
        )
    }
}
