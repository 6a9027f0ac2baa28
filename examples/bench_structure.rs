//! Measures the story-structure analysis on the project's labelled answers
//! (`tests/fixtures/structure/`): per-part precision and recall (per word), the accuracy of each
//! answer-level cue, question routing, and the time to analyse a three-minute transcript.
//!
//! Run: cargo run --release --example bench_structure [-- --dev] [-- --rules-only]
//! [-- --no-boundaries] [-- --show ID…]
//!
//! Each labelled set (`labelled::SETS`) is reported separately, as written and with all
//! punctuation removed (as a recogniser without punctuation gives it): the development part
//! (`dev.txt`, `dev2.txt`: the rules were written against them), the held-back part
//! (`heldout.txt`), and later sets written by someone who had not read the rules, each measured
//! once and then used to improve the rules and train the model, except `labelled::UNSEEN`, the
//! check on answers nothing was fitted to. `--rules-only` leaves the learned models out;
//! `--no-boundaries` only the model of sentence ends.
//! `--show ID` prints one answer sentence by sentence, labelled and predicted (`--show --bare
//! ID…`: without punctuation).

use std::time::Instant;

use anyhow::{Context, Result};
use rehearse::analysis::structure::boundaries::Boundaries;
use rehearse::analysis::structure::labelled::{
    evaluate_questions, evaluate_with, parse_questions, predicted_word_parts, words_of, Evaluation,
    LabelledAnswer, Presentation, CUES, SETS,
};
use rehearse::analysis::structure::model::Learned;
use rehearse::analysis::structure::{analyze_structure, Part, Question, StructureSettings};
use rehearse::transcript::Word;

#[path = "shared/fixtures.rs"]
mod fixtures;

fn main() -> Result<()> {
    // The compiled-in weights are read on a run's first analysis (the sentence-end model's
    // only when a transcript has no punctuation): timed here, before any.
    let start = Instant::now();
    std::hint::black_box(rehearse::analysis::structure::model::embedded());
    let sentence_ms = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    std::hint::black_box(rehearse::analysis::structure::boundaries::embedded());
    let boundaries_ms = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    std::hint::black_box(rehearse::analysis::structure::question_model::embedded());
    let reading_ms = (
        sentence_ms,
        boundaries_ms,
        start.elapsed().as_secs_f64() * 1000.0,
    );
    let args: Vec<String> = std::env::args().skip(1).collect();
    let read = fixtures::read;
    let mut sets: Vec<(&str, Vec<LabelledAnswer>)> = Vec::new();
    for (file, name) in SETS {
        sets.push((name, fixtures::answers(file)?));
    }
    let questions = parse_questions(&read("questions.txt")?).map_err(anyhow::Error::msg)?;
    let settings = StructureSettings::default();

    if let Some(pos) = args.iter().position(|a| a == "--show") {
        // `--show --bare ID…`: as the analysis sees the answer without punctuation.
        let how = if args.iter().any(|a| a == "--bare") {
            Presentation::Unpunctuated
        } else {
            Presentation::AsWritten
        };
        for id in args[pos + 1..].iter().filter(|a| !a.starts_with("--")) {
            let answer = sets
                .iter()
                .flat_map(|(_, answers)| answers)
                .find(|a| &a.id == id)
                .with_context(|| format!("no answer {id}"))?;
            show(answer, how, &settings);
        }
        return Ok(());
    }

    // `--rules-only` measures the rules without the learned models; `--no-boundaries` without
    // the model of sentence ends (unpunctuated speech cut by the clause cues alone).
    let learned = (!args.iter().any(|a| a == "--rules-only"))
        .then(Learned::shipped)
        .map(|l| Learned {
            boundaries: if args.iter().any(|a| a == "--no-boundaries") {
                Boundaries::Off
            } else {
                l.boundaries
            },
            ..l
        });

    // `--dev` measures the development part only (while rules are being written).
    let dev_only = args.iter().any(|a| a == "--dev");
    // The development sets are the ones the rules were written against.
    let shown = sets
        .iter()
        .zip(SETS)
        .filter(|(_, (file, _))| !dev_only || file.starts_with("dev"))
        .map(|(set, _)| set);
    for (name, set) in shown {
        for how in [Presentation::AsWritten, Presentation::Unpunctuated] {
            let label = match how {
                Presentation::AsWritten => "as written",
                Presentation::Unpunctuated => "without punctuation",
            };
            let e = evaluate_with(set, how, &settings, learned);
            print_evaluation(&format!("{name} set, {label}"), &e);
        }
    }
    for (name, held_out) in [("development", false), ("held back", true)] {
        let score = evaluate_questions(questions.iter().filter(|q| q.held_out == held_out));
        println!(
            "questions asking for a past example ({name}): {}/{} right{}",
            score.right,
            score.total,
            wrong_list(&score.wrong)
        );
    }
    let common = parse_questions(&read("common_questions.txt")?).map_err(anyhow::Error::msg)?;
    let score = evaluate_questions(common.iter());
    let wrongly_coached = common
        .iter()
        .filter(|q| !q.example && score.wrong.contains(&q.text));
    println!(
        "common interview questions: {}/{} right, {} of {} other questions coached as stories{}",
        score.right,
        score.total,
        wrongly_coached.count(),
        common.iter().filter(|q| !q.example).count(),
        wrong_list(&score.wrong)
    );
    timing(&sets[0].1, &settings, reading_ms);
    Ok(())
}

fn print_evaluation(title: &str, e: &Evaluation) {
    let examples = e.cues.values().next().map_or(0, |c| c.total);
    println!(
        "\n== {title}: {} answers ({examples} to example questions)",
        e.answers
    );
    println!("part        precision  recall   words labelled");
    for part in Part::ALL {
        let c = e.parts.get(part.as_str()).copied().unwrap_or_default();
        println!(
            "{:<11} {:>8.2} {:>8.2}   {:>5}",
            part.as_str(),
            c.precision(),
            c.recall(),
            c.true_positive + c.false_negative
        );
    }
    println!(
        "words with the right part: {:.1} % of {}",
        100.0 * e.words_right as f64 / e.words.max(1) as f64,
        e.words
    );
    println!("answer-level cue      right");
    for cue in CUES {
        let s = e.cues.get(cue).cloned().unwrap_or_default();
        println!(
            "{cue:<20} {:>3}/{:<3} {:>5.1} %{}",
            s.right,
            s.total,
            100.0 * s.accuracy(),
            wrong_list(&s.wrong)
        );
    }
    println!(
        "ending (4 kinds)     {:>3}/{:<3} {:>5.1} %{}",
        e.ending.right,
        e.ending.total,
        100.0 * e.ending.accuracy(),
        wrong_list(&e.ending.wrong)
    );
    println!(
        "question routing     {:>3}/{:<3}{}",
        e.question_routing.right,
        e.question_routing.total,
        wrong_list(&e.question_routing.wrong)
    );
    println!(
        "structure warnings on non-example answers: {}{}",
        e.warned_non_example.len(),
        wrong_list(&e.warned_non_example)
    );
}

fn wrong_list(ids: &[String]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        format!("   wrong: {}", ids.join(", "))
    }
}

/// One answer, sentence by sentence: the labelled part and the predicted part of each word.
fn show(answer: &LabelledAnswer, how: Presentation, settings: &StructureSettings) {
    let (words, gold) = words_of(answer, how);
    let q = Question {
        text: &answer.question,
        example: None,
    };
    let Some(s) = analyze_structure(&words, Some(&q), settings) else {
        return;
    };
    let predicted = predicted_word_parts(&s);
    println!("{} · {}", answer.id, answer.question);
    let mut k = 0;
    for sentence in &s.sentences {
        let n = sentence.text.split_whitespace().count();
        let labels: String = gold[k..(k + n).min(gold.len())]
            .iter()
            .map(|p| p.letter())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        println!(
            "  {} / {:<3} {}",
            predicted[k].letter(),
            labels,
            sentence.text
        );
        k += n;
    }
    println!(
        "  result {} quantified {:?} setup {:.2} ending {} i {} we {}\n  expected {:?}",
        s.result_present,
        s.result_quantified,
        s.share.setup(),
        s.ending.as_str(),
        s.ownership.i,
        s.ownership.we,
        answer.expected
    );
}

/// The time to analyse a three-minute answer (the development answers joined until they last
/// 180 s at 150 words per minute, with word times), and the reading of the compiled-in weights
/// that a run's first analysis adds (`reading_ms`: the sentence model's, the sentence ends',
/// the question model's).
fn timing(dev: &[LabelledAnswer], settings: &StructureSettings, reading_ms: (f64, f64, f64)) {
    // As a punctuating recogniser gives it, and without punctuation (where the learned model
    // of sentence ends decides at every gap).
    for (how, label) in [
        (Presentation::AsWritten, "punctuated"),
        (Presentation::Unpunctuated, "without punctuation"),
    ] {
        let mut words: Vec<Word> = Vec::new();
        let slot = 60.0 / 150.0;
        'fill: for answer in dev.iter().cycle() {
            for mut w in words_of(answer, how).0 {
                let t = words.len() as f64 * slot;
                w.start = t;
                w.end = t + slot * 0.8;
                words.push(w);
                if t >= 180.0 {
                    break 'fill;
                }
            }
        }
        let q = Question {
            text: "Tell me about a time you led a project.",
            example: None,
        };
        let runs = 200;
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let s = analyze_structure(&words, Some(&q), settings);
                std::hint::black_box(s);
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "{}analysis time for a 3-minute transcript, {label} ({} words): median {:.2} ms, max {:.2} ms over {runs} runs",
            if how == Presentation::AsWritten { "\n" } else { "" },
            words.len(),
            times[runs / 2],
            times[runs - 1]
        );
    }
    println!(
        "reading the compiled-in weights, once per run: sentence model {:.1} ms, \
         sentence ends {:.1} ms (only without punctuation), questions {:.1} ms (only for a \
         question no rule decides)",
        reading_ms.0, reading_ms.1, reading_ms.2
    );
}
