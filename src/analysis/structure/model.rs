//! A small learned sentence model that the rules lean on: multinomial logistic regression over
//! the words of a sentence (single words and pairs, tf-idf weighted), its place in the story,
//! and the mean of its word pieces' vectors from a sentence encoder (`pieces.rs`: what it knows
//! of English beyond the labelled answers). Trained on the project's own hand-labelled answers
//! (`tests/fixtures/structure/`) by `cargo run --release --example train_structure_model`,
//! which writes `model.tsv` (the words' weights) and `pieces.tsv` (the pieces' distilled
//! scores) next to this file. It knows phrasings no rule lists ("the van was back on the
//! road", "the client signed"), and the rules know what it cannot learn from a few hundred
//! answers (tense, who acts, numbers); `classify` adds its log-probabilities to the rules'
//! scores.
//!
//! Pure: no I/O at run time (the weights are compiled in), deterministic training.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::boundaries::Boundaries;
use super::cues::content_words;
use super::labelled::LabelledAnswer;
use super::pieces::{PieceScores, WordVectors};
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

/// One labelled story sentence to learn from: its features, its words (for the pieces) and
/// its part (an index into `STORY`).
#[derive(Debug, Clone)]
pub struct TrainingSentence {
    pub features: Vec<String>,
    pub words: Vec<String>,
    pub class: usize,
}

/// Trained weights: per feature its idf and one coefficient per class, and the word pieces'
/// distilled scores when trained with the encoder's vectors.
#[derive(Debug, Clone)]
pub struct SentenceModel {
    index: FxHashMap<String, usize>,
    idf: Vec<f64>,
    coef: Vec<[f64; CLASSES]>,
    intercept: [f64; CLASSES],
    pieces: Option<PieceScores>,
    /// `labelled::fingerprint` of the answers it was trained on ("" when not recorded).
    pub trained_on: String,
}

impl SentenceModel {
    /// Log-probability of each class for a sentence's features and words.
    pub fn log_probs(&self, feats: &[String], words: &[&str]) -> [f64; CLASSES] {
        let mut z = self.intercept;
        for (i, x) in self.vector(feats) {
            for (c, zc) in z.iter_mut().enumerate() {
                *zc += x * self.coef[i][c];
            }
        }
        if let Some(pieces) = &self.pieces {
            for (zc, p) in z.iter_mut().zip(pieces.mean(words)) {
                *zc += p;
            }
        }
        log_softmax(z)
    }

    /// Whether the model has the word pieces' scores.
    pub fn has_pieces(&self) -> bool {
        self.pieces.is_some()
    }

    /// Sublinear tf-idf, normalised to unit length, over the features the model knows.
    fn vector(&self, feats: &[String]) -> Vec<(usize, f64)> {
        let mut counts: HashMap<usize, f64> = HashMap::new();
        for f in feats {
            if let Some(&i) = self.index.get(f) {
                *counts.entry(i).or_default() += 1.0;
            }
        }
        let mut v: Vec<(usize, f64)> = counts
            .into_iter()
            .map(|(i, c)| (i, (1.0 + c.ln()) * self.idf[i]))
            .collect();
        v.sort_by_key(|&(i, _)| i);
        let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, x) in &mut v {
                *x /= norm;
            }
        }
        v
    }

    /// Trains on labelled sentences, keeping features seen in at least `min_count` sentences,
    /// and with the encoder's piece vectors when given. `c` is the inverse strength of the L2
    /// penalty; classes are weighted by their inverse frequency so short parts (task,
    /// learning) are not drowned by actions.
    pub fn train(
        examples: &[TrainingSentence],
        min_count: usize,
        c: f64,
        vectors: Option<&WordVectors>,
    ) -> SentenceModel {
        let mut df: HashMap<&str, usize> = HashMap::new();
        for example in examples {
            let mut seen: Vec<&str> = example.features.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for f in seen {
                *df.entry(f).or_default() += 1;
            }
        }
        let mut names: Vec<&str> = df
            .iter()
            .filter(|(_, &n)| n >= min_count)
            .map(|(f, _)| *f)
            .collect();
        names.sort_unstable();
        let n = examples.len() as f64;
        let index: FxHashMap<String, usize> = names
            .iter()
            .enumerate()
            .map(|(i, f)| (f.to_string(), i))
            .collect();
        let idf: Vec<f64> = names
            .iter()
            .map(|f| ((1.0 + n) / (1.0 + df[f] as f64)).ln() + 1.0)
            .collect();
        let mut model = SentenceModel {
            index,
            idf,
            coef: vec![[0.0; CLASSES]; names.len()],
            intercept: [0.0; CLASSES],
            pieces: None,
            trained_on: String::new(),
        };
        let rows: Vec<Vec<(usize, f64)>> =
            examples.iter().map(|e| model.vector(&e.features)).collect();
        let (dense, scale) = match vectors {
            Some(v) => piece_rows(examples, v),
            None => (vec![Vec::new(); examples.len()], 1.0),
        };
        let dims = vectors.map_or(0, WordVectors::dims);
        let mut dense_coef = vec![[0.0; CLASSES]; dims];
        let mut per_class = [0usize; CLASSES];
        for e in examples {
            per_class[e.class] += 1;
        }
        let weight: Vec<f64> = per_class
            .iter()
            .map(|&k| n / (CLASSES as f64 * k.max(1) as f64))
            .collect();
        // Full-batch gradient descent on the mean weighted cross-entropy plus the L2 penalty
        // (as `C·Σloss + ½‖w‖²`, divided by n). Deterministic: same data, same weights.
        let lambda = 1.0 / (c * n);
        let step = 2.0;
        for _ in 0..3000 {
            let mut grad = vec![[0.0; CLASSES]; model.coef.len()];
            let mut grad_dense = vec![[0.0; CLASSES]; dims];
            let mut grad_b = [0.0; CLASSES];
            for ((row, x_dense), e) in rows.iter().zip(&dense).zip(examples) {
                let y = e.class;
                let mut z = model.intercept;
                for &(i, x) in row {
                    for (c, zc) in z.iter_mut().enumerate() {
                        *zc += x * model.coef[i][c];
                    }
                }
                for (x, w) in x_dense.iter().zip(&dense_coef) {
                    for (c, zc) in z.iter_mut().enumerate() {
                        *zc += x * w[c];
                    }
                }
                let p = log_softmax(z).map(f64::exp);
                let mut d = [0.0; CLASSES];
                for c in 0..CLASSES {
                    d[c] = weight[y] * (p[c] - if c == y { 1.0 } else { 0.0 }) / n;
                    grad_b[c] += d[c];
                }
                for &(i, x) in row {
                    for c in 0..CLASSES {
                        grad[i][c] += d[c] * x;
                    }
                }
                for (x, g) in x_dense.iter().zip(grad_dense.iter_mut()) {
                    for c in 0..CLASSES {
                        g[c] += d[c] * x;
                    }
                }
            }
            for (w, g) in model
                .coef
                .iter_mut()
                .chain(dense_coef.iter_mut())
                .zip(grad.iter().chain(&grad_dense))
            {
                for c in 0..CLASSES {
                    w[c] -= step * (g[c] + lambda * w[c]);
                }
            }
            for (b, g) in model.intercept.iter_mut().zip(grad_b) {
                *b -= step * g;
            }
        }
        model.pieces = vectors.map(|v| v.distill(&dense_coef, scale));
        model
    }

    /// The word pieces' scores as text (`PieceScores::to_text`), if the model has them.
    pub fn pieces_text(&self) -> Option<String> {
        self.pieces.as_ref().map(PieceScores::to_text)
    }

    /// The weights as text: a header with what it was trained on and the intercepts, then one
    /// line per feature (`feature<TAB>idf<TAB>coefficients…`), rounded to keep the file small.
    pub fn to_text(&self) -> String {
        let mut names: Vec<(&String, &usize)> = self.index.iter().collect();
        names.sort_by_key(|(_, &i)| i);
        let row = |v: &[f64; CLASSES]| {
            v.iter()
                .map(|x| format!("{x:.4}"))
                .collect::<Vec<_>>()
                .join("\t")
        };
        let mut out = format!("@trained_on\t{}\n", self.trained_on);
        out.push_str(&format!("@intercept\t1\t{}\n", row(&self.intercept)));
        for (name, &i) in names {
            out.push_str(&format!(
                "{name}\t{:.4}\t{}\n",
                self.idf[i],
                row(&self.coef[i])
            ));
        }
        out
    }

    /// Reads weights written by `to_text`, and the pieces' scores written by `pieces_text`.
    pub fn parse(text: &str, pieces: Option<&str>) -> Result<SentenceModel, String> {
        let lines = text.lines().count();
        let mut model = SentenceModel {
            index: FxHashMap::with_capacity_and_hasher(lines, Default::default()),
            idf: Vec::with_capacity(lines),
            coef: Vec::with_capacity(lines),
            intercept: [0.0; CLASSES],
            pieces: pieces
                .map(PieceScores::parse)
                .transpose()
                .map_err(|e| format!("pieces: {e}"))?,
            trained_on: String::new(),
        };
        for (n, line) in text.lines().enumerate() {
            let cols: Vec<&str> = line.split('\t').collect();
            if let ["@trained_on", fingerprint] = cols[..] {
                model.trained_on = fingerprint.to_string();
                continue;
            }
            if cols.len() != 2 + CLASSES {
                return Err(format!("line {}: expected {} columns", n + 1, 2 + CLASSES));
            }
            let num = |s: &str| {
                s.parse::<f64>()
                    .map_err(|_| format!("line {}: {s:?} is not a number", n + 1))
            };
            let mut v = [0.0; CLASSES];
            for (c, x) in cols[2..].iter().enumerate() {
                v[c] = num(x)?;
            }
            if cols[0] == "@intercept" {
                model.intercept = v;
            } else {
                model.index.insert(cols[0].to_string(), model.idf.len());
                model.idf.push(num(cols[1])?);
                model.coef.push(v);
            }
        }
        Ok(model)
    }
}

/// The story sentences of labelled answers as training examples: each sentence's words as
/// the analysis sees them (lower case, hesitation sounds left out), with its place among the
/// answer's story sentences. Openers and closers (`Other`) are left out: rules set them apart
/// before the model is asked.
pub fn training_examples(answers: &[LabelledAnswer]) -> Vec<TrainingSentence> {
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
            let words: Vec<Word> = text
                .split_whitespace()
                .map(|w| Word {
                    word: w.to_string(),
                    start: 0.0,
                    end: 0.0,
                    probability: 1.0,
                })
                .collect();
            let toks = tokens(&words);
            let content = content_words(&toks);
            let position = if n > 1 {
                k as f64 / (n - 1) as f64
            } else {
                0.5
            };
            out.push(TrainingSentence {
                features: features(&content, position, k == 0, k + 1 == n),
                words: content.iter().map(|w| w.to_string()).collect(),
                class,
            });
        }
    }
    out
}

/// The sentences' mean piece vectors, scaled so that their typical length is 1 like the tf-idf
/// rows' (one penalty then suits both), and the scale.
fn piece_rows(examples: &[TrainingSentence], vectors: &WordVectors) -> (Vec<Vec<f64>>, f64) {
    let means: Vec<Vec<f64>> = examples
        .iter()
        .map(|e| vectors.mean(&e.words.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    let typical = means
        .iter()
        .map(|m| m.iter().map(|x| x * x).sum::<f64>().sqrt())
        .sum::<f64>()
        / means.len().max(1) as f64;
    let scale = if typical > 0.0 { 1.0 / typical } else { 1.0 };
    let rows = means
        .into_iter()
        .map(|m| m.into_iter().map(|x| x * scale).collect())
        .collect();
    (rows, scale)
}

fn log_softmax(z: [f64; CLASSES]) -> [f64; CLASSES] {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum = z.iter().map(|x| (x - max).exp()).sum::<f64>();
    z.map(|x| x - max - sum.ln())
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
        assert!(m.index.len() > 500, "{} features", m.index.len());
        assert!(m.has_pieces(), "pieces.tsv is compiled in");
        let words = ["the", "client", "signed"];
        let lp = m.log_probs(&features(&words, 1.0, false, true), &words);
        let total: f64 = lp.iter().map(|x| x.exp()).sum();
        assert!((total - 1.0).abs() < 1e-9);
    }

    /// The compiled-in weights were trained on the labelled answers as they are now: a changed
    /// answer file without a retrained model fails here.
    #[test]
    fn the_committed_weights_were_trained_on_the_labelled_answers() {
        assert_eq!(
            embedded().trained_on,
            super::super::labelled::used_fingerprint(),
            "retrain: scripts/fetch-sentence-encoder.sh, then cargo run --release --example train_structure_model"
        );
    }

    #[test]
    fn training_learns_a_separable_toy_set_and_round_trips_as_text() {
        let ex = |w: &[&str], y: usize| TrainingSentence {
            features: features(w, 0.5, false, false),
            words: w.iter().map(|w| w.to_string()).collect(),
            class: y,
        };
        let data = vec![
            ex(&["we", "were", "busy"], 0),
            ex(&["we", "were", "late"], 0),
            ex(&["my", "task", "was"], 1),
            ex(&["my", "task", "is"], 1),
            ex(&["i", "called", "him"], 2),
            ex(&["i", "called", "her"], 2),
            ex(&["sales", "doubled", "then"], 3),
            ex(&["sales", "doubled", "again"], 3),
            ex(&["i", "learned", "this"], 4),
            ex(&["i", "learned", "that"], 4),
        ];
        let m = SentenceModel::train(&data, 1, 10.0, None);
        for e in &data {
            let words: Vec<&str> = e.words.iter().map(String::as_str).collect();
            let lp = m.log_probs(&e.features, &words);
            let best = (0..CLASSES)
                .max_by(|&a, &b| lp[a].total_cmp(&lp[b]))
                .unwrap();
            assert_eq!(best, e.class, "{:?}", e.features);
        }
        let again = SentenceModel::parse(&m.to_text(), None).unwrap();
        let f = features(&["sales", "doubled"], 0.5, false, false);
        let (a, b) = (m.log_probs(&f, &[]), again.log_probs(&f, &[]));
        for c in 0..CLASSES {
            assert!((a[c] - b[c]).abs() < 1e-3);
        }
        assert!(SentenceModel::parse("x\t1\t2", None).is_err());
    }
}
