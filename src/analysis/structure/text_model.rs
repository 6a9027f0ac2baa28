//! The learner both of the story's small models share: multinomial logistic regression with
//! `K` classes over the words of a text (any string features, tf-idf weighted) and, when
//! trained with a sentence encoder's vectors, the mean of the text's word-piece vectors
//! (`pieces.rs`). The sentence model (`model.rs`, five story parts) and the question model
//! (`question_model.rs`, example from the past or not) are this learner with their own
//! features; each is trained by `cargo run --release --example train_structure_model` and
//! compiled in as text (`to_text` / `parse`).
//!
//! Pure: arithmetic and parsing only; deterministic training (same data, same weights).

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::pieces::{PieceScores, WordVectors};

/// One labelled text to learn from: its features, its words (for the pieces) and its class.
#[derive(Debug, Clone)]
pub struct TrainingText {
    pub features: Vec<String>,
    pub words: Vec<String>,
    pub class: usize,
}

/// How a model is trained.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    /// Features seen in fewer texts than this are dropped.
    pub min_count: usize,
    /// Inverse strength of the L2 penalty, as scikit-learn's `C`.
    pub c: f64,
}

/// Trained weights: per feature its idf and one coefficient per class, and the word pieces'
/// distilled scores when trained with the encoder's vectors.
#[derive(Debug, Clone)]
pub struct TextModel<const K: usize> {
    index: FxHashMap<String, usize>,
    idf: Vec<f64>,
    coef: Vec<[f64; K]>,
    intercept: [f64; K],
    pieces: Option<PieceScores<K>>,
    /// `labelled::fingerprint` of the answers it was trained on ("" when not recorded).
    pub trained_on: String,
}

impl<const K: usize> TextModel<K> {
    /// Log-probability of each class for a text's features and words.
    pub fn log_probs(&self, feats: &[String], words: &[&str]) -> [f64; K] {
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

    /// How many features the model knows.
    pub fn feature_count(&self) -> usize {
        self.index.len()
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

    /// Trains on labelled texts, with the encoder's piece vectors when given. Classes are
    /// weighted by their inverse frequency so rare ones (a story's task and learning, a
    /// question that asks for no example) are not drowned by common ones.
    pub fn train(
        examples: &[TrainingText],
        training: Training,
        vectors: Option<&WordVectors>,
    ) -> TextModel<K> {
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
            .filter(|(_, &n)| n >= training.min_count)
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
        let mut model = TextModel {
            index,
            idf,
            coef: vec![[0.0; K]; names.len()],
            intercept: [0.0; K],
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
        let mut dense_coef = vec![[0.0; K]; dims];
        let mut per_class = [0usize; K];
        for e in examples {
            per_class[e.class] += 1;
        }
        let weight: Vec<f64> = per_class
            .iter()
            .map(|&k| n / (K as f64 * k.max(1) as f64))
            .collect();
        // Full-batch gradient descent on the mean weighted cross-entropy plus the L2 penalty
        // (as `C·Σloss + ½‖w‖²`, divided by n). Deterministic: same data, same weights.
        let lambda = 1.0 / (training.c * n);
        let step = 2.0;
        for _ in 0..3000 {
            let mut grad = vec![[0.0; K]; model.coef.len()];
            let mut grad_dense = vec![[0.0; K]; dims];
            let mut grad_b = [0.0; K];
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
                let mut d = [0.0; K];
                for c in 0..K {
                    d[c] = weight[y] * (p[c] - if c == y { 1.0 } else { 0.0 }) / n;
                    grad_b[c] += d[c];
                }
                for &(i, x) in row {
                    for c in 0..K {
                        grad[i][c] += d[c] * x;
                    }
                }
                for (x, g) in x_dense.iter().zip(grad_dense.iter_mut()) {
                    for c in 0..K {
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
                for c in 0..K {
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
        let row = |v: &[f64; K]| {
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
    pub fn parse(text: &str, pieces: Option<&str>) -> Result<TextModel<K>, String> {
        let lines = text.lines().count();
        let mut model = TextModel {
            index: FxHashMap::with_capacity_and_hasher(lines, Default::default()),
            idf: Vec::with_capacity(lines),
            coef: Vec::with_capacity(lines),
            intercept: [0.0; K],
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
            if cols.len() != 2 + K {
                return Err(format!("line {}: expected {} columns", n + 1, 2 + K));
            }
            let num = |s: &str| {
                s.parse::<f64>()
                    .map_err(|_| format!("line {}: {s:?} is not a number", n + 1))
            };
            let mut v = [0.0; K];
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

/// The texts' mean piece vectors, scaled so that their typical length is 1 like the tf-idf
/// rows' (one penalty then suits both), and the scale.
fn piece_rows(examples: &[TrainingText], vectors: &WordVectors) -> (Vec<Vec<f64>>, f64) {
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

fn log_softmax<const K: usize>(z: [f64; K]) -> [f64; K] {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum = z.iter().map(|x| (x - max).exp()).sum::<f64>();
    z.map(|x| x - max - sum.ln())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(w: &[&str], class: usize) -> TrainingText {
        TrainingText {
            features: w.iter().map(|w| w.to_string()).collect(),
            words: w.iter().map(|w| w.to_string()).collect(),
            class,
        }
    }

    fn best<const K: usize>(lp: [f64; K]) -> usize {
        (0..K).max_by(|&a, &b| lp[a].total_cmp(&lp[b])).unwrap()
    }

    #[test]
    fn training_learns_a_separable_toy_set_and_round_trips_as_text() {
        let data = vec![
            text(&["we", "were", "busy"], 0),
            text(&["we", "were", "late"], 0),
            text(&["my", "task", "was"], 1),
            text(&["my", "task", "is"], 1),
            text(&["i", "called", "him"], 2),
            text(&["i", "called", "her"], 2),
        ];
        let training = Training {
            min_count: 1,
            c: 10.0,
        };
        let m = TextModel::<3>::train(&data, training, None);
        for e in &data {
            let words: Vec<&str> = e.words.iter().map(String::as_str).collect();
            let lp = m.log_probs(&e.features, &words);
            assert_eq!(best(lp), e.class, "{:?}", e.features);
            let total: f64 = lp.iter().map(|x| x.exp()).sum();
            assert!((total - 1.0).abs() < 1e-9);
        }
        let again = TextModel::<3>::parse(&m.to_text(), None).unwrap();
        let f: Vec<String> = vec!["task".into(), "called".into()];
        let (a, b) = (m.log_probs(&f, &[]), again.log_probs(&f, &[]));
        for c in 0..3 {
            assert!((a[c] - b[c]).abs() < 1e-3);
        }
        assert!(TextModel::<3>::parse("x\t1\t2", None).is_err());
        assert!(
            TextModel::<2>::parse(&m.to_text(), None).is_err(),
            "three classes' weights do not read as two"
        );
    }

    #[test]
    fn rare_classes_are_not_drowned() {
        // Nine texts of class 0 and one of class 1: weighted by inverse frequency, the one
        // still teaches its word.
        let mut data: Vec<TrainingText> = (0..9).map(|_| text(&["plan", "usually"], 0)).collect();
        data.push(text(&["plan", "once"], 1));
        let m = TextModel::<2>::train(
            &data,
            Training {
                min_count: 1,
                c: 10.0,
            },
            None,
        );
        let once = vec!["plan".to_string(), "once".to_string()];
        assert_eq!(best(m.log_probs(&once, &[])), 1);
    }
}
