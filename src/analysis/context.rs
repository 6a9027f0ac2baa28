//! Word context shared by the filler, rambling and story rules: each word's normalised form and
//! the punctuation around it, and the words that name a number. Punctuation matters because the recogniser sets discourse fillers off
//! with commas (", like, the first week") while the same words used for meaning run on
//! ("tools like Jenkins").

use crate::transcript::Word;

/// Words that name a number or an exact amount ("two", "forty", "a hundred", "half a dozen");
/// digits are recognised apart.
#[rustfmt::skip]
pub const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "half",
    "dozen", "dozens",
];

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub word: &'a Word,
    /// Position of `word` in the word list the tokens were made from.
    pub index: usize,
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
        .enumerate()
        .map(|(index, w)| {
            let trailing: String = w
                .word
                .trim()
                .chars()
                .rev()
                .take_while(|c| !c.is_alphanumeric())
                .collect();
            Token {
                word: w,
                index,
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
