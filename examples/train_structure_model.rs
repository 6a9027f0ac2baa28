//! Trains the sentence model the story-structure analysis leans on
//! (`src/analysis/structure/model.rs`) on the project's labelled answers and writes its
//! weights to `src/analysis/structure/model.tsv`, to be compiled in.
//!
//! Run: cargo run --release --example train_structure_model [-- --exclude FILE…]
//!
//! `--exclude heldout7.txt` leaves a set out of the training, so the benchmark
//! (`cargo run --release --example bench_structure`) can then measure the rules and the model
//! together on answers neither has seen; train on everything again before committing.

use anyhow::{Context, Result};
use rehearse::analysis::structure::labelled::parse_answers;
use rehearse::analysis::structure::model::{training_examples, SentenceModel};

const DIR: &str = "tests/fixtures/structure";
const SETS: &[&str] = &[
    "dev.txt",
    "dev2.txt",
    "heldout.txt",
    "heldout2.txt",
    "heldout3.txt",
    "heldout4.txt",
    "heldout5.txt",
    "heldout6.txt",
    "heldout7.txt",
    "heldout8.txt",
];
/// Features must occur in two sentences at least; `C` as in scikit-learn (larger = weaker
/// penalty), chosen with the model's weight by `examples/crossval_structure.rs`. The unit test
/// that checks the shipped weights trains with the same two.
const MIN_COUNT: usize = 2;
const C: f64 = 1.0;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let excluded: Vec<&str> = match args.iter().position(|a| a == "--exclude") {
        Some(p) => args[p + 1..].iter().map(String::as_str).collect(),
        None => Vec::new(),
    };
    let mut answers = Vec::new();
    for set in SETS.iter().filter(|s| !excluded.contains(s)) {
        let text = std::fs::read_to_string(format!("{DIR}/{set}"))
            .with_context(|| format!("cannot read {DIR}/{set}: run from the repository root"))?;
        answers.extend(parse_answers(&text).map_err(anyhow::Error::msg)?);
    }
    let examples = training_examples(&answers);
    let started = std::time::Instant::now();
    let model = SentenceModel::train(&examples, MIN_COUNT, C);
    let text = model.to_text();
    let out = "src/analysis/structure/model.tsv";
    std::fs::write(out, &text).with_context(|| format!("cannot write {out}"))?;
    println!(
        "trained on {} answers, {} sentences{} in {:.1} s: {} features, {} KB -> {out}",
        answers.len(),
        examples.len(),
        if excluded.is_empty() {
            String::new()
        } else {
            format!(" (left out: {})", excluded.join(", "))
        },
        started.elapsed().as_secs_f64(),
        text.lines().count() - 1,
        text.len() / 1024
    );
    Ok(())
}
