//! Reading the labelled story fixtures (`tests/fixtures/structure/`) for the examples that
//! train, measure and cross-validate the story analysis: one place for the folder and the
//! error a user sees when run from elsewhere.

use anyhow::{Context, Result};
use rehearse::analysis::structure::labelled::{parse_answers, LabelledAnswer};

const DIR: &str = "tests/fixtures/structure";

/// The text of one fixture file, by name ("heldout7.txt", "questions.txt").
pub fn read(name: &str) -> Result<String> {
    std::fs::read_to_string(format!("{DIR}/{name}"))
        .with_context(|| format!("cannot read {DIR}/{name}: run from the repository root"))
}

/// The answers of one labelled set, by file name.
#[allow(dead_code)] // not every example that includes this module reads whole sets
pub fn answers(name: &str) -> Result<Vec<LabelledAnswer>> {
    parse_answers(&read(name)?).map_err(anyhow::Error::msg)
}
