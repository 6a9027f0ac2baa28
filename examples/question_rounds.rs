//! Measures the learned question model (`src/analysis/structure/question_model.rs`) the way
//! it meets new questions: for each round of four labelled sets (in `labelled::SETS` order), a
//! model is trained on the questions of every set before the round and asked about the
//! round's questions. Prints, per round and in total, how many questions the wording rules
//! leave to the model and how the model decides them (only those the routing would ask it
//! about: open questions that tell of something past) at a few bars (the shipped bar is
//! `question_model::THRESHOLD`): story questions it coaches, other questions it would wrongly
//! coach.
//!
//! The wording rules are today's, so they know every round's questions; only the model's side
//! is an estimate for new questions. (The estimate with the rules as they were before each
//! round, from the repository's history, is in docs/structure-rounds.md.)
//!
//! Run: cargo run --release --example question_rounds [-- --rounds N] [-- --tsv]
//! [-- --ask QUESTION…]
//! `--rounds N`: the last N rounds (default 9); `--tsv`: one line per question instead
//! (`id, set, example, probability, verdict, asked`: whether the routing would ask the model
//! at all), for further study; `--ask`: what the rules and
//! the shipped model make of the questions given, and nothing else.

use anyhow::{Context, Result};
use rehearse::analysis::structure::labelled::{LabelledAnswer, SETS, UNSEEN};
use rehearse::analysis::structure::question::{
    asks_for_example, may_ask_the_model, question_words, verdict, Verdict,
};
use rehearse::analysis::structure::question_model::{
    embedded, probability_of_example, training_questions, QuestionModel, THRESHOLD, TRAINING,
};

#[path = "shared/fixtures.rs"]
mod fixtures;

const ROUND: usize = 4;
const BARS: [f64; 4] = [0.5, 0.8, 0.9, THRESHOLD];

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds: usize = match args.iter().position(|a| a == "--rounds") {
        Some(p) => args
            .get(p + 1)
            .and_then(|n| n.parse().ok())
            .context("--rounds needs a number, such as 9")?,
        None => 9,
    };
    if let Some(p) = args.iter().position(|a| a == "--ask") {
        for question in &args[p + 1..] {
            let words = question_words(question);
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            println!(
                "{:?} (rules), {:.3} (model) -> {}: {question}",
                verdict(question),
                probability_of_example(embedded(), &refs),
                if asks_for_example(question) {
                    "story"
                } else {
                    "not a story"
                }
            );
        }
        return Ok(());
    }
    let tsv = args.iter().any(|a| a == "--tsv");
    let sets: Vec<(&str, Vec<LabelledAnswer>)> = SETS
        .iter()
        .filter(|(file, _)| *file != UNSEEN)
        .map(|(file, _)| Ok((*file, fixtures::answers(file)?)))
        .collect::<Result<_>>()?;
    let first = sets.len().saturating_sub(rounds * ROUND);
    // Per bar: (story questions left to the model, coached; other questions left, coached).
    let mut total = [(0usize, 0usize, 0usize, 0usize); BARS.len()];
    if tsv {
        println!("id\tset\texample\tprobability\tverdict\tasked");
    } else {
        println!(
            "round            left to the model: story / other   coached at {}",
            BARS.map(|b| format!("{b:.2}")).join(" / ")
        );
    }
    for start in (first..sets.len()).step_by(ROUND) {
        let before: Vec<LabelledAnswer> = sets[..start]
            .iter()
            .flat_map(|(_, a)| a.iter().cloned())
            .collect();
        // The story sets only, as the shipped model was trained before it read the common
        // questions: this measures what the labelled answers teach about new wordings.
        let model = QuestionModel::train(&training_questions(&before, &[]), TRAINING, None);
        let round = &sets[start..(start + ROUND).min(sets.len())];
        let mut tally = [(0usize, 0usize, 0usize, 0usize); BARS.len()];
        for (file, answers) in round {
            for a in answers {
                let words = question_words(&a.question);
                let refs: Vec<&str> = words.iter().map(String::as_str).collect();
                let p = probability_of_example(&model, &refs);
                let v = verdict(&a.question);
                let asked = may_ask_the_model(&refs);
                if tsv {
                    println!("{}\t{file}\t{}\t{p:.4}\t{v:?}\t{asked}", a.id, a.example);
                }
                if v != Verdict::NoCue {
                    continue;
                }
                for (bar, t) in BARS.iter().zip(&mut tally) {
                    let coached = asked && p > *bar;
                    if a.example {
                        t.0 += 1;
                        t.1 += usize::from(coached);
                    } else {
                        t.2 += 1;
                        t.3 += usize::from(coached);
                    }
                }
            }
        }
        for (t, all) in tally.iter().zip(&mut total) {
            *all = (all.0 + t.0, all.1 + t.1, all.2 + t.2, all.3 + t.3);
        }
        if !tsv {
            print_row(
                &format!("{}–{}", round[0].0, round[round.len() - 1].0),
                &tally,
            );
        }
    }
    if !tsv {
        print_row("all rounds", &total);
    }
    Ok(())
}

fn print_row(name: &str, tally: &[(usize, usize, usize, usize); BARS.len()]) {
    let (story, other) = (tally[0].0, tally[0].2);
    let cells: Vec<String> = tally
        .iter()
        .map(|t| format!("{}/{} story, {} other", t.1, story, t.3))
        .collect();
    println!("{name:<30} {story:>4} / {other:<4}   {}", cells.join(" | "));
}
