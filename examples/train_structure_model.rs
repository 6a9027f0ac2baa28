//! Trains the sentence model the story-structure analysis leans on
//! (`src/analysis/structure/model.rs`) on the project's labelled answers, with the sentence
//! encoder's word-piece vectors, and writes its weights to `src/analysis/structure/model.tsv`
//! and the pieces' distilled scores to `src/analysis/structure/pieces.tsv`; and the model of
//! where unpunctuated sentences end (`boundaries.rs`) to `src/analysis/structure/boundaries.tsv`;
//! and the model of questions that ask for an example (`question_model.rs`) to
//! `src/analysis/structure/questions.tsv`. All four are compiled in.
//!
//! Run: scripts/fetch-sentence-encoder.sh (once), then
//! cargo run --release --example train_structure_model [-- --exclude FILE…] [-- --check]
//!
//! `--check` writes nothing: it fails unless the committed files are what training gives today
//! (every weight within 0.002: floating point may differ in the last bits between machines).
//! The test suite (scripts/test.sh) runs it.
//!
//! It trains on every set in `labelled::SETS` but `labelled::UNSEEN`. `--exclude heldout7.txt`
//! leaves another set out too, so the benchmark
//! (`cargo run --release --example bench_structure`) can then measure the rules and the model
//! together on answers neither has seen; train on everything again before committing.

use anyhow::{bail, Context, Result};
use rehearse::analysis::structure::boundaries::{training_gaps, BoundaryModel};
use rehearse::analysis::structure::labelled::{
    fingerprint, parse_answers, parse_questions, COMMON_QUESTIONS, SETS, UNSEEN,
};
use rehearse::analysis::structure::model::{training_examples, SentenceModel};
use rehearse::analysis::structure::question_model::{training_questions, QuestionModel, TRAINING};
use rehearse::analysis::structure::text_model::Training;

#[path = "shared/fixtures.rs"]
mod fixtures;

#[path = "shared/word_vectors.rs"]
mod word_vectors;

/// Features must occur in two sentences at least; `C` as in scikit-learn (larger = weaker
/// penalty), chosen with the model's weight by `examples/crossval_structure.rs`.
const MIN_COUNT: usize = 2;
const C: f64 = 16.0;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let excluded: Vec<&str> = match args.iter().position(|a| a == "--exclude") {
        Some(p) => args[p + 1..]
            .iter()
            .map(String::as_str)
            .filter(|a| !a.starts_with("--"))
            .collect(),
        None => Vec::new(),
    };
    let vectors = word_vectors::load()?;
    let mut answers = Vec::new();
    let mut texts = Vec::new();
    // The unseen set is never trained on: it is the check on answers nothing was fitted to.
    let training = SETS
        .iter()
        .map(|(file, _)| *file)
        .filter(|file| *file != UNSEEN && !excluded.contains(file));
    for set in training {
        let text = fixtures::read(set)?;
        answers.extend(parse_answers(&text).map_err(anyhow::Error::msg)?);
        texts.push(text);
    }
    let examples = training_examples(&answers);
    let started = std::time::Instant::now();
    let training = Training {
        min_count: MIN_COUNT,
        c: C,
    };
    let mut model = SentenceModel::train(&examples, training, Some(&vectors));
    model.trained_on = fingerprint(&texts.iter().map(String::as_str).collect::<Vec<_>>());
    let sentence_seconds = started.elapsed().as_secs_f64();
    let gaps = training_gaps(&answers);
    let mut boundaries = BoundaryModel::train(&gaps);
    boundaries.trained_on = model.trained_on.clone();
    let boundaries_text = boundaries.to_text();
    let boundaries_out = "src/analysis/structure/boundaries.tsv";
    // The question model also reads the common interview questions: the generic and
    // past-tense fact questions ("Who did you report to?") the story sets rarely ask.
    let common_text = fixtures::read(COMMON_QUESTIONS)?;
    let common = parse_questions(&common_text).map_err(anyhow::Error::msg)?;
    let questions = training_questions(&answers, &common);
    let mut question_model = QuestionModel::train(&questions, TRAINING, None);
    let mut question_texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    question_texts.push(&common_text);
    question_model.trained_on = fingerprint(&question_texts);
    let questions_text = question_model.to_text();
    let questions_out = "src/analysis/structure/questions.tsv";
    let text = model.to_text();
    let out = "src/analysis/structure/model.tsv";
    let pieces = model.pieces_text().expect("trained with the piece vectors");
    let pieces_out = "src/analysis/structure/pieces.tsv";
    if check {
        for (file, trained) in [
            (out, &text),
            (pieces_out, &pieces),
            (boundaries_out, &boundaries_text),
            (questions_out, &questions_text),
        ] {
            let committed = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {file}: run from the repository root"))?;
            if let Err(e) = same_weights(&committed, trained) {
                bail!(
                    "{file} is not what the labelled answers train today ({e}): run cargo run --release --example train_structure_model, and commit the result"
                );
            }
        }
        println!(
            "the committed story model is what {} labelled answers train",
            answers.len()
        );
        return Ok(());
    }
    std::fs::write(out, &text).with_context(|| format!("cannot write {out}"))?;
    std::fs::write(pieces_out, &pieces).with_context(|| format!("cannot write {pieces_out}"))?;
    std::fs::write(boundaries_out, &boundaries_text)
        .with_context(|| format!("cannot write {boundaries_out}"))?;
    std::fs::write(questions_out, &questions_text)
        .with_context(|| format!("cannot write {questions_out}"))?;
    println!(
        "trained on {} answers, {} sentences{} in {:.1} s: {} features, {} KB -> {out}; {} word pieces, {} KB -> {pieces_out}",
        answers.len(),
        examples.len(),
        if excluded.is_empty() {
            String::new()
        } else {
            format!(" (left out: {})", excluded.join(", "))
        },
        sentence_seconds,
        text.lines().count() - 2,
        text.len() / 1024,
        pieces.lines().count(),
        pieces.len() / 1024
    );
    println!(
        "sentence ends: {} gaps in {:.1} s, {} features, {} KB -> {boundaries_out}",
        gaps.len(),
        started.elapsed().as_secs_f64() - sentence_seconds,
        boundaries_text.lines().count() - 2,
        boundaries_text.len() / 1024
    );
    println!(
        "questions: {} questions, {} features, {} KB -> {questions_out}",
        questions.len(),
        question_model.feature_count(),
        questions_text.len() / 1024
    );
    Ok(())
}

/// Whether two weight files hold the same names and the same numbers, within 0.002 (the last
/// printed digit may round the other way on another machine).
fn same_weights(committed: &str, trained: &str) -> Result<(), String> {
    let (a, b): (Vec<&str>, Vec<&str>) = (committed.lines().collect(), trained.lines().collect());
    if a.len() != b.len() {
        return Err(format!("{} lines, training gives {}", a.len(), b.len()));
    }
    for (n, (x, y)) in a.iter().zip(&b).enumerate() {
        let (xs, ys): (Vec<&str>, Vec<&str>) = (x.split('\t').collect(), y.split('\t').collect());
        let same = xs.len() == ys.len()
            && xs[0] == ys[0]
            && xs[1..].iter().zip(&ys[1..]).all(|(u, v)| {
                u == v
                    || matches!((u.parse::<f64>(), v.parse::<f64>()), (Ok(p), Ok(q)) if (p - q).abs() <= 0.002)
            });
        if !same {
            return Err(format!("line {}: {x:?}, training gives {y:?}", n + 1));
        }
    }
    Ok(())
}
