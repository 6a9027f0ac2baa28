//! A learned model of where sentences end in speech without punctuation: logistic regression
//! over the words on either side of a gap between two words, how many words the sentence has
//! so far, and what the hand-written clause cues (`sentences::boundary_score`) say there.
//!
//! Why: a recogniser that does not punctuate leaves the analysis to find the sentences, and
//! the clause cues alone cut often enough in the wrong place that whole answers get the wrong
//! parts (on the labelled answers written without punctuation, about six answers in a hundred
//! more had their result or set-up judged wrong than when the sentences were known). Every
//! labelled answer is also a lesson in where spoken sentences end, punctuated or not: its
//! lines are its sentences.
//!
//! Trained with the sentence model by `cargo run --release --example train_structure_model`,
//! which writes `boundaries.tsv` next to this file; compiled in. Pure: no I/O at run time,
//! deterministic training.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::labelled::{words_of, LabelledAnswer, Presentation};
use super::sentences::boundary_score;
use crate::analysis::context::{tokens, Token};

/// Features seen at fewer gaps than this are dropped (a word pair met once teaches nothing).
pub const MIN_COUNT: usize = 2;
/// Inverse strength of the L2 penalty, as scikit-learn's `C`.
pub const C: f64 = 4.0;
/// Weights smaller than this are left out of the trained model.
const MIN_WEIGHT: f64 = 0.01;
/// Full-batch accelerated gradient steps. Not run to convergence: like stopping early, a fixed
/// number of steps keeps the weights of rare word pairs small (they still grow past it). The
/// cross-validation measured the model trained this way.
const ITERATIONS: usize = 1500;

/// The features of the gap before token `i`: the words around it, the sentence's length so
/// far (`since_cut` words since the last cut) and the clause cues' score there.
pub fn gap_features(toks: &[Token], i: usize, since_cut: usize, rule_score: f64) -> Vec<String> {
    let w = |k: isize| -> &str {
        if k < 0 {
            "<s>"
        } else {
            toks.get(k as usize).map_or("</s>", |t| t.norm.as_str())
        }
    };
    let i = i as isize;
    let (p2, p1, n1, n2, n3) = (w(i - 2), w(i - 1), w(i), w(i + 1), w(i + 2));
    let length = match since_cut {
        0..=3 => "1-3",
        4..=6 => "4-6",
        7..=10 => "7-10",
        11..=15 => "11-15",
        16..=22 => "16-22",
        23..=32 => "23-32",
        _ => "33+",
    };
    vec![
        format!("p {p1}"),
        format!("n {n1}"),
        format!("pp {p2} {p1}"),
        format!("nn {n1} {n2}"),
        format!("nnn {n1} {n2} {n3}"),
        format!("pn {p1} {n1}"),
        format!("len {length}"),
        format!("cue {}", (rule_score * 2.0).floor().clamp(0.0, 6.0)),
    ]
}

/// Trained weights: one coefficient per feature and an intercept.
#[derive(Debug, Clone)]
pub struct BoundaryModel {
    index: FxHashMap<String, usize>,
    coef: Vec<f64>,
    intercept: f64,
    /// `labelled::fingerprint` of the answers it was trained on ("" when not recorded).
    pub trained_on: String,
}

/// One gap to learn from: its features and whether a sentence ends there.
#[derive(Debug, Clone)]
pub struct TrainingGap {
    pub features: Vec<String>,
    pub boundary: bool,
}

impl BoundaryModel {
    /// Log-odds that a sentence ends at a gap with these features (above 0: more likely
    /// than not).
    pub fn log_odds(&self, feats: &[String]) -> f64 {
        self.intercept
            + feats
                .iter()
                .filter_map(|f| self.index.get(f))
                .map(|&k| self.coef[k])
                .sum::<f64>()
    }

    /// Trains on labelled gaps, keeping features seen at `MIN_COUNT` gaps or more.
    pub fn train(gaps: &[TrainingGap]) -> BoundaryModel {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for g in gaps {
            for f in &g.features {
                *count.entry(f.as_str()).or_default() += 1;
            }
        }
        let mut names: Vec<&str> = count
            .iter()
            .filter(|(_, &n)| n >= MIN_COUNT)
            .map(|(f, _)| *f)
            .collect();
        names.sort_unstable();
        let index: FxHashMap<String, usize> = names
            .iter()
            .enumerate()
            .map(|(k, f)| (f.to_string(), k))
            .collect();
        let rows: Vec<Vec<usize>> = gaps
            .iter()
            .map(|g| {
                g.features
                    .iter()
                    .filter_map(|f| index.get(f).copied())
                    .collect()
            })
            .collect();
        let n = gaps.len().max(1) as f64;
        let lambda = 1.0 / (C * n);
        // Each row has eight features of value 1: the mean loss's gradient is Lipschitz with
        // a constant of at most (8 + 1) / 4, so a step of 0.4 is safe for Nesterov's method.
        let step = 0.4;
        let dims = names.len() + 1; // the last weight is the intercept
        let mut w = vec![0.0; dims];
        let mut look = w.clone();
        for it in 0..ITERATIONS {
            let mut grad = vec![0.0; dims];
            for (row, g) in rows.iter().zip(gaps) {
                let z = look[dims - 1] + row.iter().map(|&k| look[k]).sum::<f64>();
                let d = (1.0 / (1.0 + (-z).exp()) - f64::from(u8::from(g.boundary))) / n;
                for &k in row {
                    grad[k] += d;
                }
                grad[dims - 1] += d;
            }
            // Nesterov's accelerated gradient: the step from the look-ahead point, then a
            // look ahead along the last move.
            let momentum = it as f64 / (it as f64 + 3.0);
            for k in 0..dims {
                let penalty = if k + 1 == dims { 0.0 } else { lambda * look[k] };
                let next = look[k] - step * (grad[k] + penalty);
                look[k] = next + momentum * (next - w[k]);
                w[k] = next;
            }
        }
        // Features that barely count are dropped, to keep the compiled-in file small: eight
        // of them together move a gap's log-odds by less than 0.08.
        let mut kept = BoundaryModel {
            index: FxHashMap::default(),
            intercept: w[dims - 1],
            coef: Vec::new(),
            trained_on: String::new(),
        };
        for (name, &weight) in names.iter().zip(&w) {
            if weight.abs() >= MIN_WEIGHT {
                kept.index.insert(name.to_string(), kept.coef.len());
                kept.coef.push(weight);
            }
        }
        kept
    }

    /// The weights as text: a header with what it was trained on and the intercept, then one
    /// line per feature (`feature<TAB>coefficient`), rounded to keep the file small.
    pub fn to_text(&self) -> String {
        let mut names: Vec<(&String, &usize)> = self.index.iter().collect();
        names.sort_by_key(|(_, &k)| k);
        let mut out = format!("@trained_on\t{}\n", self.trained_on);
        out.push_str(&format!("@intercept\t{:.4}\n", self.intercept));
        for (name, &k) in names {
            // Words carry no tabs or newlines (tokens are split on whitespace).
            out.push_str(&format!("{name}\t{:.4}\n", self.coef[k]));
        }
        out
    }

    /// Reads weights written by `to_text`.
    pub fn parse(text: &str) -> Result<BoundaryModel, String> {
        let lines = text.lines().count();
        let mut model = BoundaryModel {
            index: FxHashMap::with_capacity_and_hasher(lines, Default::default()),
            coef: Vec::with_capacity(lines),
            intercept: 0.0,
            trained_on: String::new(),
        };
        for (n, line) in text.lines().enumerate() {
            let Some((name, value)) = line.split_once('\t') else {
                return Err(format!("line {}: expected two columns", n + 1));
            };
            if name == "@trained_on" {
                model.trained_on = value.to_string();
                continue;
            }
            let v: f64 = value
                .parse()
                .map_err(|_| format!("line {}: {value:?} is not a number", n + 1))?;
            if name == "@intercept" {
                model.intercept = v;
            } else {
                model.index.insert(name.to_string(), model.coef.len());
                model.coef.push(v);
            }
        }
        Ok(model)
    }
}

/// Every gap between two words of the labelled answers, read without punctuation (as a
/// recogniser that does not punctuate gives them), with whether a sentence ends there. The
/// length so far counts from the labelled sentence's start, as the splitter counts from its
/// last cut.
pub fn training_gaps(answers: &[LabelledAnswer]) -> Vec<TrainingGap> {
    let mut out = Vec::new();
    for answer in answers {
        let (words, _) = words_of(answer, Presentation::Unpunctuated);
        let toks = tokens(&words);
        // Where each labelled sentence starts, in tokens (the sentences' words in order).
        let mut starts = Vec::new();
        let mut at = 0;
        for (_, sentence) in &answer.sentences {
            starts.push(at);
            at += sentence
                .split_whitespace()
                .filter(|t| !crate::transcript::normalize_token(t).is_empty())
                .count();
        }
        assert_eq!(
            at,
            toks.len(),
            "{}: sentence words and tokens disagree",
            answer.id
        );
        let mut sentence_start = 0;
        for i in 1..toks.len() {
            let boundary = starts.binary_search(&i).is_ok();
            let score = boundary_score(&toks, i, sentence_start, false);
            out.push(TrainingGap {
                features: gap_features(&toks, i, i - sentence_start, score),
                boundary,
            });
            if boundary {
                sentence_start = i;
            }
        }
    }
    out
}

/// Which model of sentence ends the splitter asks, named rather than loaded: the compiled-in
/// weights (~45,000 lines) are read only when a transcript without punctuation needs them, so
/// a punctuated transcript (whisper's, most exports) never pays for them.
#[derive(Debug, Clone, Copy)]
pub enum Boundaries<'a> {
    /// Clause cues alone decide.
    Off,
    /// The model compiled into the program, read on first use.
    Shipped,
    /// A model trained in this run (cross-validation).
    Trained(&'a BoundaryModel),
}

impl<'a> Boundaries<'a> {
    /// The model itself, reading the compiled-in weights if this is their first use.
    pub fn model(self) -> Option<&'a BoundaryModel> {
        match self {
            Boundaries::Off => None,
            Boundaries::Shipped => Some(embedded()),
            Boundaries::Trained(model) => Some(model),
        }
    }
}

/// The model compiled into the program.
pub fn embedded() -> &'static BoundaryModel {
    static MODEL: OnceLock<BoundaryModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        BoundaryModel::parse(include_str!("boundaries.tsv"))
            .expect("boundaries.tsv is written by the trainer and checked by a test")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::words;

    #[test]
    fn the_embedded_weights_read() {
        let m = embedded();
        assert!(m.index.len() > 1000, "{} features", m.index.len());
        assert!(
            m.intercept < 0.0,
            "most gaps are not sentence ends: {}",
            m.intercept
        );
    }

    #[test]
    fn it_learns_where_sentences_end() {
        // "… done | we …" ends a sentence; "… done by …" does not.
        let mut gaps = Vec::new();
        for _ in 0..20 {
            for (text, at, boundary) in [
                ("it was done we left", 3, true),
                ("it was done by noon", 3, false),
            ] {
                let w = words(text);
                let t = tokens(&w);
                gaps.push(TrainingGap {
                    features: gap_features(&t, at, at, 0.0),
                    boundary,
                });
            }
        }
        let m = BoundaryModel::train(&gaps);
        let odds = |text: &str, at: usize| {
            let w = words(text);
            let t = tokens(&w);
            m.log_odds(&gap_features(&t, at, at, 0.0))
        };
        assert!(odds("it was done we left", 3) > 1.0);
        assert!(odds("it was done by noon", 3) < -1.0);
        let again = BoundaryModel::parse(&m.to_text()).unwrap();
        let w = words("it was done we left");
        let f = gap_features(&tokens(&w), 3, 3, 0.0);
        assert!((again.log_odds(&f) - m.log_odds(&f)).abs() < 0.01);
    }

    #[test]
    fn bad_weights_say_which_line() {
        let e = BoundaryModel::parse("@intercept\t-2\np so\tlots\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        let e = BoundaryModel::parse("one column\n").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
    }
}
