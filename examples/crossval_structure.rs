//! Chooses how the story-structure analysis uses its learned sentence model, without looking
//! at answers the model was trained on: each labelled set in turn is left out, a model is
//! trained on the others, and the rules plus that model are measured on the left-out set.
//! Summed over the sets, this is the honest estimate of what the model adds on new answers,
//! for each penalty `C` and model weight tried (weight 0 is the rules alone).
//!
//! Run: cargo run --release --example crossval_structure [-- --c 1,4 --weights 0,0.5,1]
//! [-- --per-set] [-- --wrong] [-- --folds N] [-- --no-pieces] [-- --no-boundaries]
//! [-- --without FILE,FILE]: `--per-set` also prints each left-out set's numbers; `--wrong` the
//! answers whose result or set-up cue was wrong as written; `--folds N` leaves out N groups of
//! sets in turn (set k in group k mod N) instead of one set at a time, N times fewer trainings
//! for a quicker estimate; `--no-pieces` trains without the sentence encoder's word-piece
//! vectors (which need scripts/fetch-sentence-encoder.sh); `--no-boundaries` cuts unpunctuated
//! speech with the clause cues alone instead of the learned model of sentence ends (trained per
//! fold like the sentence model); `--without` keeps more sets out of
//! every choice, besides `labelled::UNSEEN` (new sets, until their first measurement).

use anyhow::{Context, Result};
use rehearse::analysis::structure::boundaries::{training_gaps, Boundaries, BoundaryModel};
use rehearse::analysis::structure::labelled::{
    evaluate_with, Evaluation, LabelledAnswer, Presentation, CUES, SETS, UNSEEN,
};
use rehearse::analysis::structure::model::{training_examples, Learned, SentenceModel};
use rehearse::analysis::structure::text_model::Training;
use rehearse::analysis::structure::StructureSettings;

#[path = "shared/fixtures.rs"]
mod fixtures;

#[path = "shared/word_vectors.rs"]
mod word_vectors;

/// As the shipped model is trained (`examples/train_structure_model.rs`).
const MIN_COUNT: usize = 2;

fn list(args: &[String], flag: &str, default: &[f64]) -> Result<Vec<f64>> {
    match args.iter().position(|a| a == flag) {
        None => Ok(default.to_vec()),
        Some(p) => args
            .get(p + 1)
            .with_context(|| format!("{flag} needs a list such as 0,0.5,1"))?
            .split(',')
            .map(|x| {
                x.parse::<f64>()
                    .with_context(|| format!("{flag}: {x:?} is not a number"))
            })
            .collect(),
    }
}

/// Right answers per cue, summed over the left-out sets and both presentations.
#[derive(Clone)]
struct Tally {
    cues: [(usize, usize); CUES.len()],
    /// The same, as written only (the punctuation kept).
    written: [(usize, usize); CUES.len()],
    words: (usize, usize),
    /// Worst left-out set's "result present" and "has a number", as written.
    worst_present: f64,
    worst_number: f64,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            cues: [(0, 0); CUES.len()],
            written: [(0, 0); CUES.len()],
            words: (0, 0),
            worst_present: 100.0,
            worst_number: 100.0,
        }
    }

    fn add(&mut self, e: &Evaluation, how: Presentation) {
        for (k, cue) in CUES.iter().enumerate() {
            let s = e.cues.get(cue).cloned().unwrap_or_default();
            self.cues[k].0 += s.right;
            self.cues[k].1 += s.total;
            if how == Presentation::AsWritten {
                self.written[k].0 += s.right;
                self.written[k].1 += s.total;
            }
        }
        self.words.0 += e.words_right;
        self.words.1 += e.words;
    }
}

/// The sets grouped into `n` folds, set k in fold k mod n, each fold named by its first set.
fn fold_sets(
    sets: Vec<(&'static str, Vec<LabelledAnswer>)>,
    n: usize,
) -> Vec<(&'static str, Vec<LabelledAnswer>)> {
    let mut folds: Vec<(&'static str, Vec<LabelledAnswer>)> = Vec::new();
    for (k, (name, answers)) in sets.into_iter().enumerate() {
        match folds.get_mut(k % n) {
            Some(fold) => fold.1.extend(answers),
            None => folds.push((name, answers)),
        }
    }
    folds
}

fn pct((right, total): (usize, usize)) -> f64 {
    100.0 * right as f64 / total.max(1) as f64
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cs = list(&args, "--c", &[1.0, 4.0, 16.0])?;
    let weights = list(&args, "--weights", &[0.0, 0.5, 1.0, 1.5, 2.0])?;
    let without: Vec<&str> = args
        .iter()
        .position(|a| a == "--without")
        .and_then(|p| args.get(p + 1))
        .map(|l| l.split(',').collect())
        .unwrap_or_default();
    if let Some(unknown) = without
        .iter()
        .find(|f| !SETS.iter().any(|(file, _)| file == *f))
    {
        anyhow::bail!("--without: {unknown} is not a labelled set (labelled::SETS lists them)");
    }
    let vectors = if args.iter().any(|a| a == "--no-pieces") {
        None
    } else {
        Some(word_vectors::load()?)
    };
    let mut sets: Vec<(&str, Vec<LabelledAnswer>)> = Vec::new();
    // The unseen set stays out of every choice made here.
    for (set, _) in SETS
        .iter()
        .filter(|(file, _)| *file != UNSEEN && !without.contains(file))
    {
        sets.push((set, fixtures::answers(set)?));
    }
    let settings = StructureSettings::default();
    let per_set = args.iter().any(|a| a == "--per-set");
    let show_wrong = args.iter().any(|a| a == "--wrong");
    let no_boundaries = args.iter().any(|a| a == "--no-boundaries");
    if let Some(p) = args.iter().position(|a| a == "--folds") {
        let n: usize = args
            .get(p + 1)
            .and_then(|x| x.parse().ok())
            .filter(|&n| n >= 2)
            .context("--folds needs a number of groups, 2 or more")?;
        sets = fold_sets(sets, n);
    }
    let names: Vec<&str> = sets.iter().map(|(file, _)| *file).collect();
    println!("left-out sets: {}", names.join(", "));
    println!(
        "{:>5} {:>6}  {}  words   worst set: present number",
        "C",
        "weight",
        CUES.map(|c| format!("{c:>17}")).join(" ")
    );
    for &c in &cs {
        let mut tallies = vec![Tally::new(); weights.len()];
        for (k, (_, left_out)) in sets.iter().enumerate() {
            let training: Vec<LabelledAnswer> = sets
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .flat_map(|(_, (_, answers))| answers.iter().cloned())
                .collect();
            let model = SentenceModel::train(
                &training_examples(&training),
                Training {
                    min_count: MIN_COUNT,
                    c,
                },
                vectors.as_ref(),
            );
            let boundaries =
                (!no_boundaries).then(|| BoundaryModel::train(&training_gaps(&training)));
            for (w, tally) in weights.iter().zip(&mut tallies) {
                let learned = (*w > 0.0).then_some(Learned {
                    model: &model,
                    weight: *w,
                    boundaries: boundaries
                        .as_ref()
                        .map_or(Boundaries::Off, Boundaries::Trained),
                });
                for how in [Presentation::AsWritten, Presentation::Unpunctuated] {
                    let e = evaluate_with(left_out, how, &settings, learned);
                    tally.add(&e, how);
                    if how == Presentation::AsWritten && show_wrong {
                        for cue in ["result_present", "setup_over_half"] {
                            for id in &e.cues[cue].wrong {
                                println!("  wrong as written, weight {w}: {cue} {id}");
                            }
                        }
                    }
                    if how == Presentation::AsWritten {
                        let acc = |cue: &str| 100.0 * e.cues[cue].accuracy();
                        if per_set {
                            println!(
                                "  C {c} weight {w}, {} left out, as written: result present {:.0} %, has a number {:.0} %, set-up {:.0} %, words {:.1} %",
                                names[k],
                                acc("result_present"),
                                acc("result_quantified"),
                                acc("setup_over_half"),
                                100.0 * e.words_right as f64 / e.words.max(1) as f64
                            );
                        }
                        tally.worst_present = tally.worst_present.min(acc("result_present"));
                        tally.worst_number = tally.worst_number.min(acc("result_quantified"));
                    }
                }
            }
        }
        for (w, t) in weights.iter().zip(&tallies) {
            println!(
                "{c:>5} {w:>6}  {}  {:>5.1}   {:>5.0} % {:>5.0} %",
                t.cues
                    .iter()
                    .map(|&x| format!("{:>15.1} %", pct(x)))
                    .collect::<Vec<_>>()
                    .join(" "),
                pct(t.words),
                t.worst_present,
                t.worst_number
            );
            println!(
                "{:>5} {:>6}  {}  (as written)",
                "",
                "",
                t.written
                    .iter()
                    .map(|&x| format!("{:>15.1} %", pct(x)))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
    }
    Ok(())
}
