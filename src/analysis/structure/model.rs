//! A small learned sentence model that the rules lean on: multinomial logistic regression (the
//! learner in `text_model.rs`) over the words of a sentence (single words and pairs, tf-idf
//! weighted), its place in the story, and the mean of its word pieces' vectors from a sentence
//! encoder (`pieces.rs`: what it knows of English beyond the labelled answers). Trained on the
//! project's own hand-labelled answers (`tests/fixtures/structure/`) by `cargo run --release
//! --example train_structure_model`, which writes `model.tsv` (the words' weights) and
//! `pieces.tsv` (the pieces' distilled scores) next to this file. It knows phrasings no rule
//! lists ("the van was back on the road", "the client signed"), and the rules know what it
//! cannot learn from a few hundred answers (tense, who acts, numbers); `classify` adds its
//! log-probabilities to the rules' scores.
//!
//! Pure: no I/O at run time (the weights are compiled in), deterministic training.

use std::sync::OnceLock;

use super::boundaries::Boundaries;
use super::cues::content_words;
use super::labelled::LabelledAnswer;
use super::text_model::{TextModel, TrainingText};
use super::STORY;
use crate::analysis::context::tokens;
use crate::transcript::Word;

/// How much the shipped model's log-probabilities count beside the rules' scores, chosen by
/// leaving labelled sets out (`examples/crossval_structure.rs`): in every cross-validation since
/// the model of sentence ends (ten folds to set 53 and to 61, twenty to 65, ten to 69) ½ beat ¼
/// on every cue, by about a point on whether the result has a number (README "How well it
/// works"; the earlier choice of ¼ is in `docs/structure-rounds.md`).
pub const MODEL_WEIGHT: f64 = 0.5;

/// A sentence model and how much its say counts beside the rules' scores, and the model of
/// where unpunctuated sentences end.
#[derive(Debug, Clone, Copy)]
pub struct Learned<'a> {
    pub model: &'a SentenceModel,
    pub weight: f64,
    pub boundaries: Boundaries<'a>,
}

impl Learned<'static> {
    /// The compiled-in model at its chosen weight: what the program uses.
    pub fn shipped() -> Learned<'static> {
        Learned {
            model: embedded(),
            weight: MODEL_WEIGHT,
            boundaries: Boundaries::Shipped,
        }
    }
}

/// The story parts the model scores, in `STORY` order (openers and closers are set apart by
/// rules before it is asked).
pub const CLASSES: usize = 5;

/// The features of one story sentence: its words and word pairs, and where it sits among the
/// story sentences (`position` 0 = first, 1 = last).
pub fn features(words: &[&str], position: f64, first: bool, last: bool) -> Vec<String> {
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_string()).collect();
    out.extend(words.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    let quarter = ((position * 4.0) as usize).min(3);
    out.push(format!("@pos{quarter}"));
    if first {
        out.push("@first".into());
    }
    if last {
        out.push("@last".into());
    }
    out
}

/// The story sentence model: the shared learner with the five story parts as its classes.
pub type SentenceModel = TextModel<CLASSES>;

/// The story sentences of labelled answers as training examples: each sentence's words as
/// the analysis sees them (lower case, hesitation sounds left out), with its place among the
/// answer's story sentences. Openers and closers (`Other`) are left out: rules set them apart
/// before the model is asked.
pub fn training_examples(answers: &[LabelledAnswer]) -> Vec<TrainingText> {
    let mut out = Vec::new();
    for answer in answers {
        let story: Vec<(usize, &String)> = answer
            .sentences
            .iter()
            .filter_map(|(part, text)| {
                STORY
                    .iter()
                    .position(|p| p == part)
                    .map(|class| (class, text))
            })
            .collect();
        let n = story.len();
        for (k, (class, text)) in story.into_iter().enumerate() {
            let words: Vec<Word> = text.split_whitespace().map(Word::untimed).collect();
            let toks = tokens(&words);
            let content = content_words(&toks);
            let position = if n > 1 {
                k as f64 / (n - 1) as f64
            } else {
                0.5
            };
            out.push(TrainingText {
                features: features(&content, position, k == 0, k + 1 == n),
                words: content.iter().map(|w| w.to_string()).collect(),
                class,
            });
        }
    }
    out
}

/// The model compiled into the program.
pub fn embedded() -> &'static SentenceModel {
    static MODEL: OnceLock<SentenceModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        SentenceModel::parse(include_str!("model.tsv"), Some(include_str!("pieces.tsv")))
            .expect("model.tsv and pieces.tsv are written by the trainer and checked by a test")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_weights_read_and_score() {
        let m = embedded();
        assert!(m.feature_count() > 500, "{} features", m.feature_count());
        assert!(m.has_pieces(), "pieces.tsv is compiled in");
        let words = ["the", "client", "signed"];
        let lp = m.log_probs(&features(&words, 1.0, false, true), &words);
        let total: f64 = lp.iter().map(|x| x.exp()).sum();
        assert!((total - 1.0).abs() < 1e-9);
    }
}
