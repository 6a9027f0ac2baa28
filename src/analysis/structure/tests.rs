//! Tests of the structure analysis on hand-written answers, and the accuracy on the project's
//! labelled set.

use super::labelled::{evaluate, parse_answers, parse_questions, evaluate_questions, Presentation};
use super::*;
use crate::analysis::test_support::words;

const DEV: &str = include_str!("../../../tests/fixtures/structure/dev.txt");
const HELD_OUT: &str = include_str!("../../../tests/fixtures/structure/heldout.txt");
const QUESTIONS: &str = include_str!("../../../tests/fixtures/structure/questions.txt");

#[test]
fn labelled_set_parses() {
    let dev = parse_answers(DEV).expect("dev");
    let held = parse_answers(HELD_OUT).expect("held out");
    assert_eq!((dev.len(), held.len()), (34, 18));
    assert!(parse_questions(QUESTIONS).expect("questions").len() >= 40);
    let _ = (evaluate, evaluate_questions, Presentation::AsWritten, words);
}
