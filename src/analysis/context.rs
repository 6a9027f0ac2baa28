//! Word context shared by the filler and rambling rules: each word's normalised form and the
//! punctuation around it. Punctuation matters because the recogniser sets discourse fillers off
//! with commas (", like, the first week") while the same words used for meaning run on
//! ("tools like Jenkins").

use crate::transcript::Word;

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub word: &'a Word,
    /// Lower-case, punctuation stripped.
    pub norm: String,
    /// Followed by a comma, dash or ellipsis (a spoken break).
    pub break_after: bool,
    /// Ends a sentence with `.` or `!`.
    pub period_after: bool,
    /// Ends with a question mark.
    pub question_after: bool,
}

impl Token<'_> {
    pub fn sentence_end_after(&self) -> bool {
        self.period_after || self.question_after
    }
}

pub fn tokens(words: &[Word]) -> Vec<Token<'_>> {
    words
        .iter()
        .map(|w| {
            let trailing: String = w
                .word
                .trim()
                .chars()
                .rev()
                .take_while(|c| !c.is_alphanumeric())
                .collect();
            Token {
                word: w,
                norm: w.normalized(),
                break_after: trailing.contains([',', ';', '-', '\u{2014}', '\u{2026}'])
                    || trailing.contains(".."),
                period_after: (trailing.contains('.') && !trailing.contains(".."))
                    || trailing.contains('!'),
                question_after: trailing.contains('?'),
            }
        })
        .filter(|t| !t.norm.is_empty())
        .collect()
}

/// True when token `i` starts a sentence (first word, or the previous one ended a sentence).
pub fn sentence_start(toks: &[Token], i: usize) -> bool {
    i == 0 || toks[i - 1].sentence_end_after()
}

/// True when token `i` is preceded by a spoken break: a comma, a sentence end, or the start.
pub fn break_before(toks: &[Token], i: usize) -> bool {
    i == 0 || toks[i - 1].break_after || toks[i - 1].sentence_end_after()
}

pub fn norm_at<'t>(toks: &'t [Token], i: usize) -> Option<&'t str> {
    toks.get(i).map(|t| t.norm.as_str())
}

pub fn prev_norm<'t>(toks: &'t [Token], i: usize) -> Option<&'t str> {
    i.checked_sub(1).and_then(|j| norm_at(toks, j))
}
