//! Turning recogniser tokens into words a person said: joining sub-word tokens, and removing
//! what the speaker did not say: non-speech annotations ("[BLANK_AUDIO]", "(wind howling)") and
//! echoes of the initial prompt, which tiny models sometimes repeat verbatim.

use crate::transcript::{normalize_token, Word};

/// One decoded text token with its time span (seconds, in the window's clock).
#[derive(Debug, Clone)]
pub struct RawToken {
    pub bytes: Vec<u8>,
    pub probability: f32,
    pub start: f64,
    pub end: f64,
}

/// A word being assembled: bytes (tokens can split a UTF-8 character) and its token stats.
struct Draft {
    bytes: Vec<u8>,
    start: f64,
    end: f64,
    probabilities: Vec<f32>,
}

/// Joins tokens into words: a token starting with a space begins a word; others (sub-words,
/// punctuation) continue the previous one. A word spans its tokens but lasts at most
/// `max_word_s` (measured back from its end: after a silence the first token's start is vague).
pub fn assemble_words(tokens: &[RawToken], max_word_s: f64) -> Vec<Word> {
    let mut drafts: Vec<Draft> = Vec::new();
    for t in tokens {
        let starts_word = t.bytes.first() == Some(&b' ');
        let has_text = t
            .bytes
            .iter()
            .any(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
        match drafts.last_mut() {
            Some(d) if !starts_word || !has_text => {
                d.bytes.extend_from_slice(&t.bytes);
                d.probabilities.push(t.probability);
                // Trailing punctuation takes no time of its own.
                if has_text {
                    d.end = d.end.max(t.end);
                }
            }
            _ => drafts.push(Draft {
                bytes: t.bytes.clone(),
                start: t.start,
                end: t.end,
                probabilities: vec![t.probability],
            }),
        }
    }
    drafts
        .into_iter()
        .filter_map(|d| {
            let text = String::from_utf8_lossy(&d.bytes).trim().to_string();
            if text.is_empty() {
                return None;
            }
            let end = d.end.max(d.start);
            let start = d.start.max(end - max_word_s);
            let probability = d.probabilities.iter().sum::<f32>() / d.probabilities.len() as f32;
            Some(Word {
                word: text,
                start,
                end,
                probability,
            })
        })
        .collect()
}

/// A word as text, so the same cleanup serves recogniser words and words read from a
/// transcript file.
pub trait Spelled: Clone {
    fn spelling(&self) -> &str;
    fn spelling_mut(&mut self) -> &mut String;
}

impl Spelled for Word {
    fn spelling(&self) -> &str {
        &self.word
    }
    fn spelling_mut(&mut self) -> &mut String {
        &mut self.word
    }
}

/// Removes bracketed non-speech annotations. A short bracketed span ("[BLANK_AUDIO]",
/// "(wind howling)", "*sigh*") is an annotation; a long one is a real sentence the recogniser
/// wrapped in parentheses, so it stays, without the brackets.
pub fn remove_annotations<W: Spelled>(words: Vec<W>) -> Vec<W> {
    const MAX_ANNOTATION_WORDS: usize = 3;
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i].spelling();
        let close = match w.chars().next() {
            Some('[') => Some(']'),
            Some('(') => Some(')'),
            Some('*') => Some('*'),
            _ => None,
        };
        let end = close.and_then(|c| {
            (i..words.len()).find(|&j| {
                let t = words[j].spelling().trim_end_matches(['.', ',', '!', '?']);
                t.ends_with(c) && (j > i || t.len() > 1)
            })
        });
        match end {
            Some(j) if j + 1 - i <= MAX_ANNOTATION_WORDS || close == Some(']') => i = j + 1,
            Some(j) => {
                for (k, w) in words[i..=j].iter().enumerate() {
                    let mut w = w.clone();
                    if k == 0 {
                        let trimmed = w.spelling().trim_start_matches(['(', '[', '*']).to_string();
                        *w.spelling_mut() = trimmed;
                    }
                    if i + k == j {
                        let trimmed = w.spelling().replace([')', ']', '*'], "");
                        *w.spelling_mut() = trimmed;
                    }
                    out.push(w);
                }
                i = j + 1;
            }
            None => {
                // Symbols alone (♪, -) are not words.
                if words[i].spelling().chars().any(char::is_alphanumeric) {
                    out.push(words[i].clone());
                }
                i += 1;
            }
        }
    }
    out
}

/// Removes runs of at least `min_run` words that repeat the initial prompt word for word.
pub fn remove_prompt_echo(words: Vec<Word>, prompt: &str, min_run: usize) -> Vec<Word> {
    let p: Vec<String> = prompt.split_whitespace().map(normalize_token).collect();
    let w: Vec<String> = words.iter().map(|w| w.normalized()).collect();
    let mut drop = vec![false; words.len()];
    for i in 0..w.len() {
        for j in 0..p.len() {
            let run = w[i..]
                .iter()
                .zip(&p[j..])
                .take_while(|(a, b)| a == b)
                .count();
            if run >= min_run {
                drop[i..i + run].iter_mut().for_each(|d| *d = true);
            }
        }
    }
    words
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(w, _)| w)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token ending at `end` that started where the previous one (0.2 s earlier) ended.
    fn tok(text: &str, end: f64) -> RawToken {
        RawToken {
            bytes: text.as_bytes().to_vec(),
            probability: 0.8,
            start: end - 0.2,
            end,
        }
    }

    fn word(text: &str, start: f64) -> Word {
        Word {
            word: text.into(),
            start,
            end: start + 0.3,
            probability: 0.9,
        }
    }

    fn texts(words: &[Word]) -> Vec<&str> {
        words.iter().map(|w| w.word.as_str()).collect()
    }

    #[test]
    fn tokens_join_into_words_with_punctuation_attached() {
        let t = [
            tok(" So", 0.3),
            tok(",", 0.5),
            tok(" um", 0.8),
            tok(",", 1.0),
            tok(" Jen", 1.3),
            tok("kins", 1.5),
            tok(".", 1.7),
        ];
        let w = assemble_words(&t, 1.5);
        assert_eq!(texts(&w), ["So,", "um,", "Jenkins."]);
        let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(
            near(w[0].start, 0.1) && near(w[0].end, 0.3),
            "punctuation adds no time"
        );
        assert!(near(w[2].start, 1.1) && near(w[2].end, 1.5));
        let long = [RawToken {
            bytes: b" Well".to_vec(),
            probability: 1.0,
            start: 0.0,
            end: 4.0,
        }];
        assert_eq!(
            assemble_words(&long, 1.5)[0].start,
            2.5,
            "capped at 1.5 s before its end"
        );
    }

    #[test]
    fn split_utf8_characters_are_rejoined() {
        let cafe = " café".as_bytes();
        let t = [
            RawToken {
                bytes: cafe[..4].to_vec(),
                probability: 1.0,
                start: 0.0,
                end: 0.1,
            },
            RawToken {
                bytes: cafe[4..].to_vec(),
                probability: 0.5,
                start: 0.1,
                end: 0.2,
            },
        ];
        let w = assemble_words(&t, 1.5);
        assert_eq!(texts(&w), ["café"]);
        assert_eq!(w[0].probability, 0.75);
    }

    #[test]
    fn annotations_go_but_parenthesised_sentences_stay() {
        let w = vec![
            word("[BLANK_AUDIO]", 0.0),
            word("(wind", 1.0),
            word("howling)", 1.2),
            word("We", 2.0),
            word("shipped.", 2.3),
        ];
        assert_eq!(texts(&remove_annotations(w)), ["We", "shipped."]);
        let sentence = ["(I", "told", "them", "we", "would", "ship.)"];
        let w: Vec<Word> = sentence
            .iter()
            .enumerate()
            .map(|(i, s)| word(s, i as f64))
            .collect();
        assert_eq!(
            texts(&remove_annotations(w)),
            ["I", "told", "them", "we", "would", "ship."]
        );
        assert!(remove_annotations(vec![word("♪", 0.0), word("*sigh*", 1.0)]).is_empty());
    }

    #[test]
    fn prompt_echoes_are_removed_but_real_fillers_kept() {
        // The prompt and the run length the engine really uses.
        use crate::transcribe::engine::{DISFLUENT_PROMPT, ECHO_RUN};
        let words_of = |said: &[&str]| -> Vec<Word> {
            said.iter()
                .enumerate()
                .map(|(i, s)| word(s, i as f64))
                .collect()
        };
        let prompt: Vec<&str> = DISFLUENT_PROMPT.split_whitespace().collect();
        let spoken = ["Um,", "we", "shipped", "it."];
        // The whole prompt, its first ECHO_RUN words, or ECHO_RUN words from its middle, repeated
        // before what the speaker said: each is an echo.
        for echo in [&prompt[..], &prompt[..ECHO_RUN], &prompt[3..3 + ECHO_RUN]] {
            let said: Vec<&str> = echo.iter().chain(&spoken).copied().collect();
            assert_eq!(
                texts(&remove_prompt_echo(
                    words_of(&said),
                    DISFLUENT_PROMPT,
                    ECHO_RUN
                )),
                spoken,
                "echo {echo:?}"
            );
        }
        // A speaker's own short phrase that happens to share words with the prompt stays.
        let real = ["Um,", "let", "me", "think", "like,", "we", "shipped", "it."];
        assert_eq!(
            texts(&remove_prompt_echo(
                words_of(&real),
                DISFLUENT_PROMPT,
                ECHO_RUN
            )),
            real
        );
    }
}
