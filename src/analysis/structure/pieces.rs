//! What the sentence model knows of English beyond the few hundred labelled answers: the word
//! pieces of a sentence encoder (all-MiniLM-L6-v2, trained on a billion sentence pairs) and
//! their vectors, distilled into one number per story part for each piece.
//!
//! - `Vocab` splits a word into the encoder's word pieces ("churned" → "chu", "##rned"), by
//!   WordPiece's greedy longest match, as the encoder's own tokenizer does.
//! - `WordVectors` holds the encoder's input vector of each piece (384 numbers). Only the
//!   trainer reads them (`examples/train_structure_model.rs`, from `models/minilm/`, which
//!   `scripts/fetch-sentence-encoder.sh` fetches); the program never does.
//! - `PieceScores` is what the program uses: per piece, one score per class of the model (the
//!   five story parts). The model's say from these vectors is linear in the mean of a
//!   sentence's piece vectors, so the trainer multiplies each piece's vector by the learned
//!   weights once and keeps the five products (`pieces.tsv`, compiled in). A sentence's scores are then the mean of its pieces' scores:
//!   exactly what the full vectors would give, without a 90 MB file at run time.
//!
//! Why the pieces help: "the van was back on the road" and "the client signed" need no listed
//! phrase; words the labelled answers never used ("renewed", "overturned") still land near the
//! words they did use. Measured by leaving one labelled set out at a time
//! (`examples/crossval_structure.rs`).
//!
//! Pure: parsing and arithmetic only; reading the encoder's files is the examples' job.

use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// The piece a word becomes when it cannot be split into known pieces.
const UNKNOWN: &str = "[UNK]";
/// Longer words are one unknown piece, as in the encoder's tokenizer.
const MAX_WORD_CHARS: usize = 100;

/// Whether a piece of the encoder's vocabulary is kept: lower-case letters and digits, whole
/// or continuing ("##ing"), and the unknown piece. The rest (punctuation, other scripts, the
/// encoder's reserved slots) never comes out of `Vocab::split`, which splits words at
/// anything but a letter or digit.
pub fn is_kept_piece(piece: &str) -> bool {
    let body = piece.strip_prefix("##").unwrap_or(piece);
    piece == UNKNOWN
        || (!body.is_empty()
            && body
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// The word pieces known, and how words split into them.
#[derive(Debug, Clone)]
pub struct Vocab {
    index: FxHashMap<String, usize>,
    unknown: usize,
}

impl Vocab {
    /// A vocabulary of the given pieces (in row order); it must hold `[UNK]`.
    pub fn new(pieces: Vec<String>) -> Result<Vocab, String> {
        let mut index = FxHashMap::with_capacity_and_hasher(pieces.len(), Default::default());
        for (i, p) in pieces.into_iter().enumerate() {
            index.insert(p, i);
        }
        let unknown = *index
            .get(UNKNOWN)
            .ok_or_else(|| format!("the word pieces have no {UNKNOWN}"))?;
        Ok(Vocab { index, unknown })
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The pieces in row order.
    fn pieces(&self) -> Vec<&str> {
        let mut by_row = vec![""; self.index.len()];
        for (piece, &row) in &self.index {
            by_row[row] = piece;
        }
        by_row
    }

    /// The pieces of the words, by row: each word is lower-cased and cut at anything but a
    /// letter or digit ("don't" → "don", "t"), then each run is split greedily into the longest
    /// known piece, then the longest known continuation ("##…"), and so on; a run that cannot be
    /// split is one unknown piece.
    pub fn split(&self, words: &[&str]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut key = String::new();
        for word in words {
            // The analysis hands over words already lower-cased: copy only when one is not.
            let lower: Cow<str> = if word.chars().any(char::is_uppercase) {
                Cow::Owned(word.to_lowercase())
            } else {
                Cow::Borrowed(word)
            };
            for run in lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|r| !r.is_empty())
            {
                self.split_run(run, &mut key, &mut out);
            }
        }
        out
    }

    fn split_run(&self, run: &str, key: &mut String, out: &mut Vec<usize>) {
        if run.chars().count() > MAX_WORD_CHARS {
            out.push(self.unknown);
            return;
        }
        let first = out.len();
        let mut start = 0;
        while start < run.len() {
            let mut end = run.len();
            let found = loop {
                if end <= start {
                    break None;
                }
                if run.is_char_boundary(end) {
                    key.clear();
                    if start > 0 {
                        key.push_str("##");
                    }
                    key.push_str(&run[start..end]);
                    if let Some(&id) = self.index.get(key.as_str()) {
                        break Some(id);
                    }
                }
                end -= 1;
            };
            match found {
                Some(id) => {
                    out.push(id);
                    start = end;
                }
                None => {
                    out.truncate(first);
                    out.push(self.unknown);
                    return;
                }
            }
        }
    }
}

/// The encoder's input vector of every kept piece: what the trainer learns from.
#[derive(Debug, Clone)]
pub struct WordVectors {
    pub vocab: Vocab,
    dims: usize,
    rows: Vec<f32>,
}

impl WordVectors {
    /// From the encoder's vocabulary (`vocab.txt`: one piece per line, line n = row n) and its
    /// piece-vector matrix (row-major, `dims` columns); keeps the pieces `is_kept_piece` keeps.
    pub fn new(vocab_txt: &str, matrix: &[f32], dims: usize) -> Result<WordVectors, String> {
        let lines: Vec<&str> = vocab_txt.lines().collect();
        if dims == 0 || matrix.len() != lines.len() * dims {
            return Err(format!(
                "{} pieces in the vocabulary but {} numbers in the matrix ({dims} per row)",
                lines.len(),
                matrix.len()
            ));
        }
        let mut pieces = Vec::new();
        let mut rows = Vec::new();
        for (i, piece) in lines.iter().enumerate() {
            if is_kept_piece(piece) {
                pieces.push(piece.to_string());
                rows.extend_from_slice(&matrix[i * dims..(i + 1) * dims]);
            }
        }
        Ok(WordVectors {
            vocab: Vocab::new(pieces)?,
            dims,
            rows,
        })
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    /// The mean vector of the words' pieces (all zeros for no pieces).
    pub fn mean(&self, words: &[&str]) -> Vec<f64> {
        let ids = self.vocab.split(words);
        let mut sum = vec![0.0; self.dims];
        for id in &ids {
            for (s, x) in sum.iter_mut().zip(self.row(*id)) {
                *s += f64::from(*x);
            }
        }
        if !ids.is_empty() {
            let n = ids.len() as f64;
            sum.iter_mut().for_each(|s| *s /= n);
        }
        sum
    }

    fn row(&self, id: usize) -> &[f32] {
        &self.rows[id * self.dims..(id + 1) * self.dims]
    }

    /// Each piece's vector times the weights (`dims` rows of one weight per class), times
    /// `scale`: the scores that stand in for the vectors at run time.
    pub fn distill<const K: usize>(&self, weights: &[[f64; K]], scale: f64) -> PieceScores<K> {
        assert_eq!(weights.len(), self.dims, "one weight row per dimension");
        let scores = (0..self.vocab.len())
            .map(|id| {
                let mut s = [0.0; K];
                for (x, w) in self.row(id).iter().zip(weights) {
                    for c in 0..K {
                        s[c] += f64::from(*x) * w[c];
                    }
                }
                s.map(|v| v * scale)
            })
            .collect();
        PieceScores {
            vocab: self.vocab.clone(),
            scores,
        }
    }
}

/// Per word piece, its score for each of a model's `K` classes (the story parts in `STORY`
/// order, or a question's two).
#[derive(Debug, Clone)]
pub struct PieceScores<const K: usize> {
    vocab: Vocab,
    scores: Vec<[f64; K]>,
}

impl<const K: usize> PieceScores<K> {
    /// The mean score of the words' pieces (zeros for no pieces).
    pub fn mean(&self, words: &[&str]) -> [f64; K] {
        let ids = self.vocab.split(words);
        let mut sum = [0.0; K];
        for id in &ids {
            for (s, x) in sum.iter_mut().zip(self.scores[*id]) {
                *s += x;
            }
        }
        if !ids.is_empty() {
            let n = ids.len() as f64;
            sum.iter_mut().for_each(|s| *s /= n);
        }
        sum
    }

    /// One line per piece: `piece<TAB>score…`, rounded to keep the file small (the rounding
    /// error averages out over a sentence's pieces).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (piece, s) in self.vocab.pieces().into_iter().zip(&self.scores) {
            out.push_str(piece);
            for x in s {
                // "-0.000" would be noise in the file: print a plain zero.
                let r = (x * 1000.0).round() / 1000.0;
                out.push_str(&format!("\t{}", if r == 0.0 { 0.0 } else { r }));
            }
            out.push('\n');
        }
        out
    }

    /// Reads scores written by `to_text`. Run once per run of the program, on its first
    /// analysis: one pass, no intermediate lists.
    pub fn parse(text: &str) -> Result<PieceScores<K>, String> {
        let lines = text.lines().count();
        let mut pieces = Vec::with_capacity(lines);
        let mut scores = Vec::with_capacity(lines);
        for (n, line) in text.lines().enumerate() {
            let bad = || format!("line {}: expected a piece and {K} numbers", n + 1);
            let mut cols = line.split('\t');
            let piece = cols.next().filter(|p| !p.is_empty()).ok_or_else(bad)?;
            let mut s = [0.0; K];
            for x in &mut s {
                let col = cols.next().ok_or_else(bad)?;
                *x = col
                    .parse::<f64>()
                    .map_err(|_| format!("line {}: {col:?} is not a number", n + 1))?;
            }
            if cols.next().is_some() {
                return Err(bad());
            }
            pieces.push(piece.to_string());
            scores.push(s);
        }
        Ok(PieceScores {
            vocab: Vocab::new(pieces)?,
            scores,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(pieces: &[&str]) -> Vocab {
        Vocab::new(pieces.iter().map(|p| p.to_string()).collect()).unwrap()
    }

    #[test]
    fn words_split_into_the_longest_known_pieces() {
        let v = vocab(&["[UNK]", "chu", "##rn", "##rned", "##s", "don", "t", "40"]);
        assert_eq!(v.split(&["churned"]), vec![1, 3]);
        assert_eq!(v.split(&["churns"]), vec![1, 2, 4]);
        assert_eq!(v.split(&["Don't", "40%"]), vec![5, 6, 7]);
        // A run with a part no piece covers is one unknown piece, not a partial split.
        assert_eq!(v.split(&["churnx"]), vec![0]);
        assert_eq!(v.split(&["", "—"]), Vec::<usize>::new());
    }

    #[test]
    fn only_letter_and_digit_pieces_are_kept() {
        assert!(is_kept_piece("signed") && is_kept_piece("##ed") && is_kept_piece("[UNK]"));
        assert!(!is_kept_piece("'") && !is_kept_piece("[unused3]") && !is_kept_piece("##"));
        assert!(!is_kept_piece("é") && !is_kept_piece("Signed"));
    }

    #[test]
    fn distilled_scores_give_what_the_vectors_give() {
        let vocab_txt = "[PAD]\n[UNK]\nsales\nrose\n##s\n,\n";
        let matrix: Vec<f32> = (0..12).map(|i| i as f32 * 0.5 - 2.0).collect();
        let v = WordVectors::new(vocab_txt, &matrix, 2).unwrap();
        assert_eq!(v.vocab.len(), 4, "[PAD] and the comma are dropped");
        let weights = [[1.0, 0.0, -1.0, 0.5, 2.0], [0.0, 1.0, 3.0, -0.5, 1.0]];
        let scores = v.distill(&weights, 2.0);
        let words = ["sales", "roses"];
        let mean = v.mean(&words);
        let direct: Vec<f64> = (0..5)
            .map(|c| 2.0 * (mean[0] * weights[0][c] + mean[1] * weights[1][c]))
            .collect();
        let distilled = scores.mean(&words);
        for (d, x) in direct.iter().zip(distilled) {
            assert!((d - x).abs() < 1e-9, "{direct:?} {distilled:?}");
        }
        let again = PieceScores::<5>::parse(&scores.to_text())
            .unwrap()
            .mean(&words);
        for (a, x) in again.iter().zip(distilled) {
            assert!((a - x).abs() < 1e-3, "{again:?} {distilled:?}");
        }
        assert!(WordVectors::new(vocab_txt, &matrix[..11], 2).is_err());
        assert!(PieceScores::<5>::parse("sales\t1").is_err());
    }
}
