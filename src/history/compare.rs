//! Two takes side by side: each metric's change judged better or worse (by the metric's
//! direction), the verdicts, and a word-level diff of the transcripts.
//!
//! Words are compared lower-cased without punctuation, so "it." against "it" is no change;
//! the diff shows the words as spoken.

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::entry::SessionEntry;
use super::metric::{judge, Change, Metric};
use super::review;
use crate::analysis::Status;
use crate::report::Report;
use crate::transcript::normalize_token;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricDelta {
    pub metric: Metric,
    pub a: f64,
    pub b: f64,
    /// `b - a`.
    pub delta: f64,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerdictChange {
    pub a: Status,
    pub b: Status,
    pub change: Change,
}

/// A run of the word diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Chunk {
    Equal { words: Vec<String> },
    Removed { words: Vec<String> },
    Added { words: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordCounts {
    pub a: usize,
    pub b: usize,
    pub removed: usize,
    pub added: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub a: SessionEntry,
    pub b: SessionEntry,
    pub same_question: bool,
    pub metrics: Vec<MetricDelta>,
    pub verdict: VerdictChange,
    pub words: WordCounts,
    pub diff: Vec<Chunk>,
}

/// The comparison key of a word: lower case, no surrounding punctuation.
fn key(word: &str) -> String {
    let k = normalize_token(word);
    if k.is_empty() {
        word.to_string()
    } else {
        k
    }
}

/// Word-level diff from `a` to `b`.
pub fn word_diff(a: &[String], b: &[String]) -> Vec<Chunk> {
    let ka: Vec<String> = a.iter().map(|w| key(w)).collect();
    let kb: Vec<String> = b.iter().map(|w| key(w)).collect();
    let mut chunks = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &ka, &kb) {
        match op {
            DiffOp::Equal { new_index, len, .. } => chunks.push(Chunk::Equal {
                words: b[new_index..new_index + len].to_vec(),
            }),
            DiffOp::Delete {
                old_index, old_len, ..
            } => chunks.push(Chunk::Removed {
                words: a[old_index..old_index + old_len].to_vec(),
            }),
            DiffOp::Insert {
                new_index, new_len, ..
            } => chunks.push(Chunk::Added {
                words: b[new_index..new_index + new_len].to_vec(),
            }),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                chunks.push(Chunk::Removed {
                    words: a[old_index..old_index + old_len].to_vec(),
                });
                chunks.push(Chunk::Added {
                    words: b[new_index..new_index + new_len].to_vec(),
                });
            }
        }
    }
    chunks
}

fn status_change(a: Status, b: Status) -> Change {
    match b.cmp(&a) {
        std::cmp::Ordering::Less => Change::Better,
        std::cmp::Ordering::Greater => Change::Worse,
        std::cmp::Ordering::Equal => Change::Same,
    }
}

pub fn compare(a_id: &str, a: &Report, b_id: &str, b: &Report) -> anyhow::Result<Comparison> {
    let ea = SessionEntry::of_take(a_id, a)?;
    let eb = SessionEntry::of_take(b_id, b)?;
    // A metric one take lacks (a story measure of a take not coached as a story) is left out.
    let metrics = Metric::ALL
        .iter()
        .filter_map(|&m| {
            let (va, vb) = (m.value(&ea)?, m.value(&eb)?);
            Some(MetricDelta {
                metric: m,
                a: va,
                b: vb,
                delta: ((vb - va) * 100.0).round() / 100.0,
                change: judge(m, &ea, &eb),
            })
        })
        .collect();
    let words_of =
        |r: &Report| -> Vec<String> { review::words(r).into_iter().map(|w| w.word).collect() };
    let (wa, wb) = (words_of(a), words_of(b));
    let diff = word_diff(&wa, &wb);
    let count = |f: fn(&Chunk) -> usize| diff.iter().map(f).sum::<usize>();
    let words = WordCounts {
        a: wa.len(),
        b: wb.len(),
        removed: count(|c| match c {
            Chunk::Removed { words } => words.len(),
            _ => 0,
        }),
        added: count(|c| match c {
            Chunk::Added { words } => words.len(),
            _ => 0,
        }),
    };
    let q = |e: &SessionEntry| e.question.as_deref().map(|q| q.trim().to_lowercase());
    Ok(Comparison {
        same_question: q(&ea) == q(&eb),
        verdict: VerdictChange {
            a: ea.verdict,
            b: eb.verdict,
            change: status_change(ea.verdict, eb.verdict),
        },
        a: ea,
        b: eb,
        metrics,
        words,
        diff,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::synthetic::{report, Script};
    use time::macros::datetime;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn diff_ignores_case_and_punctuation_and_shows_b_words() {
        let d = word_diff(
            &words("So, um, we shipped it late."),
            &words("We shipped it on time."),
        );
        assert_eq!(
            d,
            vec![
                Chunk::Removed {
                    words: words("So, um,")
                },
                Chunk::Equal {
                    words: words("We shipped it")
                },
                Chunk::Removed {
                    words: words("late.")
                },
                Chunk::Added {
                    words: words("on time.")
                },
            ]
        );
        assert_eq!(word_diff(&[], &[]), vec![]);
    }

    #[test]
    fn compare_judges_metrics_and_counts_words() {
        let at = datetime!(2026-11-26 04:15:02 UTC);
        let a = report(&Script::new(
            Some("Why us?"),
            "Um, I think, um, I like the product. |3.0| Uh, and the team.",
            at,
        ));
        let b = report(&Script::new(
            Some("why us? "),
            "I like the product and the team.",
            at,
        ));
        let c = compare("20261126T041502Z", &a, "20261126T041503Z", &b).unwrap();
        assert!(c.same_question);
        let get = |m: Metric| c.metrics.iter().find(|d| d.metric == m).unwrap();
        assert_eq!(get(Metric::FillersPerMinute).change, Change::Better);
        assert_eq!(get(Metric::LongPauses).change, Change::Better);
        assert_eq!(get(Metric::LongPauses).delta, -1.0);
        assert_eq!(get(Metric::Hedges).change, Change::Better);
        assert_eq!(c.words.removed, 5, "{:?}", c.diff);
        assert_eq!(c.words.added, 0, "{:?}", c.diff);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["metrics"][0]["metric"], "duration_s");
        assert_eq!(json["diff"][0]["op"], "removed");
    }
}
