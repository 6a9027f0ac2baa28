//! A small learned model of whether a question asks for an example from the speaker's past,
//! asked only when the wording rules (`question/`) find no cue either way: logistic
//! regression (`text_model.rs`) over the question's words and word pairs, trained on the
//! questions of the project's labelled answers (each marked `example: yes` or `no`) and on the
//! common interview questions (`common_questions.txt`: the short generic and past-tense fact
//! questions the story sets rarely ask, "What was your degree in?", "Who did you report to?") by
//! `cargo run --release --example train_structure_model`, which writes `questions.tsv` next to
//! this file; compiled in.
//!
//! Why: the rules route a question by the phrases they list, and every round of new labelled
//! answers brought story questions in wordings no rule had ("Talk me through bringing in a new
//! system for booking annual leave", "Tell me about working with a community that didn't trust
//! your museum"), which then got no story coaching. The model has read every labelled wording.
//! It only ever adds a question to the story checks, only an open question that tells of
//! something past (`question::may_ask_the_model`), and only when it is sure (`THRESHOLD`): a
//! story warning on an answer to another kind of question is the worse mistake.
//!
//! Pure: no I/O at run time, deterministic training.

use std::sync::OnceLock;

use super::labelled::{LabelledAnswer, LabelledQuestion};
use super::text_model::{TextModel, Training, TrainingText};

/// The question model: the shared learner with two classes (0: not an example, 1: an example).
pub type QuestionModel = TextModel<2>;

/// How it is trained: features met in two questions at least, `C` as in scikit-learn.
pub const TRAINING: Training = Training {
    min_count: 2,
    c: 10.0,
};

/// How sure the model must be before a question no rule recognises is coached as a story.
/// Chosen by training on the labelled sets written before each of the rounds 70–101 and asking
/// it about that round's questions, beside the rules as they were then (docs/structure-rounds.md,
/// "Which questions are coached"): the lowest bar, in steps of 0.05, at which it coached no
/// question of another kind; it then coached 15 of the 45 story questions the rules missed.
/// Kept when the model began to read the common questions too (not chosen again on them).
pub const THRESHOLD: f64 = 0.95;

/// The features of a question: its words (as `question::question_words` gives them) and its
/// word pairs, with the question's start and end as words.
pub fn question_features(words: &[&str]) -> Vec<String> {
    let mut padded = Vec::with_capacity(words.len() + 2);
    padded.push("<q>");
    padded.extend_from_slice(words);
    padded.push("</q>");
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_string()).collect();
    out.extend(padded.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    out
}

/// The probability that a question, given as its words, asks for an example from the past.
pub fn probability_of_example(model: &QuestionModel, words: &[&str]) -> f64 {
    model.log_probs(&question_features(words), words)[1].exp()
}

/// Every labelled answer's question, then every labelled common question, as a training
/// example (class 1 when it asks for an example from the past).
pub fn training_questions(
    answers: &[LabelledAnswer],
    common: &[LabelledQuestion],
) -> Vec<TrainingText> {
    let asked = answers.iter().map(|a| (a.question.as_str(), a.example));
    let common = common.iter().map(|q| (q.text.as_str(), q.example));
    asked
        .chain(common)
        .map(|(question, example)| {
            let words = super::question::question_words(question);
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            TrainingText {
                features: question_features(&refs),
                class: usize::from(example),
                words,
            }
        })
        .collect()
}

/// The model compiled into the program.
pub fn embedded() -> &'static QuestionModel {
    static MODEL: OnceLock<QuestionModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        QuestionModel::parse(include_str!("questions.tsv"), None)
            .expect("questions.tsv is written by the trainer and checked by a test")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::structure::question::question_words;

    fn p(question: &str) -> f64 {
        let words = question_words(question);
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        probability_of_example(embedded(), &refs)
    }

    #[test]
    fn the_embedded_weights_read_and_score() {
        assert!(
            embedded().feature_count() > 500,
            "{}",
            embedded().feature_count()
        );
        let story = p("Tell me about a time you turned a project around.");
        let opinion = p("What trends do you see in the industry?");
        assert!(story > 0.9 && opinion < 0.5, "{story} {opinion}");
    }

    #[test]
    fn features_are_words_and_pairs_with_the_question_edges() {
        let f = question_features(&["why", "us"]);
        assert_eq!(f, ["why", "us", "<q> why", "why us", "us </q>"]);
    }
}
