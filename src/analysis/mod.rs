//! Pure analysis of a take: transcript + speech activity + targets → metrics, fillers, pauses,
//! and pass/warn/fail checks.
//!
//! Nothing here touches files, the model or the clock, so every rule is unit-tested on hand-made
//! transcripts. The report module wraps the result with provenance (audio, model, question).

pub mod checks;
mod context;
pub mod fillers;
pub mod pauses;
pub mod rambling;
pub mod structure;
pub mod targets;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use checks::{overall, Check, Status};
pub use fillers::{FillerHit, FillerKind, FillerSettings};
pub use pauses::Pause;
pub use rambling::{HedgeHit, Repetition};
pub use structure::{Question, Structure};
pub use targets::{Range, Targets};

use crate::transcript::Transcript;

/// A stretch of the recording, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    pub start: f64,
    pub end: f64,
}

impl Span {
    pub fn duration(&self) -> f64 {
        (self.end - self.start).max(0.0)
    }
}

/// What the audio signal says about when the speaker was talking (measured, not transcribed).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpeechActivity {
    /// Length of the whole take.
    pub duration_s: f64,
    /// Speech regions in time order, non-overlapping.
    pub regions: Vec<Span>,
}

impl SpeechActivity {
    pub fn speech_s(&self) -> f64 {
        self.regions.iter().map(Span::duration).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Metrics {
    pub duration_s: f64,
    /// Time the speaker was audibly talking.
    pub speech_s: f64,
    pub word_count: usize,
    /// Words per minute over the whole take.
    pub wpm: f64,
    /// Words per minute over speech time only (pace while talking).
    pub articulation_wpm: f64,
    /// Seconds from the start of the recording to the first speech; null when nothing was said.
    pub response_latency_s: Option<f64>,
    pub fillers: FillerMetrics,
    /// Sentence openers ("So, …"): reported apart, not counted as fillers.
    #[serde(default)]
    pub openers: OpenerMetrics,
    pub long_pauses: PauseMetrics,
    /// Repeated words and restarts ("I, I", "the the").
    pub repetitions: usize,
    /// Hedging phrases ("I think", "maybe", "I guess", "probably").
    pub hedges: usize,
    /// Each hedge with its time, for review.
    #[serde(default)]
    pub hedge_list: Vec<HedgeHit>,
    /// Each repetition with its time, for review.
    #[serde(default)]
    pub repetition_list: Vec<Repetition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FillerMetrics {
    pub total: usize,
    pub per_minute: f64,
    pub per_100_words: f64,
    pub by_word: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenerMetrics {
    pub total: usize,
    pub by_word: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PauseMetrics {
    pub count: usize,
    pub longest_s: f64,
    pub total_s: f64,
}

/// The full result of analysing one take.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub targets: Targets,
    pub metrics: Metrics,
    pub fillers: Vec<FillerHit>,
    pub openers: Vec<FillerHit>,
    pub pauses: Vec<Pause>,
    pub no_speech: bool,
    pub checks: Vec<Check>,
    /// The answer's story structure; `None` when nothing was said.
    pub structure: Option<Structure>,
}

/// Analyses a take. `transcript` times and `activity` regions are in seconds from the start;
/// `question` is what the take answers, when known (it decides whether the answer is coached
/// as a story).
pub fn analyze(
    transcript: &Transcript,
    activity: &SpeechActivity,
    targets: &Targets,
    question: Option<&Question>,
) -> Analysis {
    let words: Vec<_> = transcript.words().cloned().collect();
    let word_count = words.len();
    let no_speech = word_count == 0;

    let duration_s = activity.duration_s;
    // A transcript can exist where the signal detector found nothing (very quiet speech); then
    // the words' own span is the best measure of speaking time.
    let speech_s = if activity.regions.is_empty() && !no_speech {
        words.last().map_or(0.0, |w| w.end) - words.first().map_or(0.0, |w| w.start)
    } else if no_speech {
        0.0
    } else {
        activity.speech_s()
    };

    let fillers::Found { fillers, openers } = fillers::find_fillers(&words, &targets.fillers);
    let pauses = pauses::long_pauses(&activity.regions, targets.long_pause_s);
    let repetition_list = rambling::find_repetitions(&words);
    let hedge_list = rambling::find_hedges(&words);

    let minutes = duration_s / 60.0;
    let per_minute = |n: usize| {
        if minutes > 0.0 {
            n as f64 / minutes
        } else {
            0.0
        }
    };
    let by_word = count_by_word(&fillers);
    let metrics = Metrics {
        duration_s: round2(duration_s),
        speech_s: round2(speech_s),
        word_count,
        wpm: round1(per_minute(word_count)),
        articulation_wpm: if speech_s > 0.0 {
            round1(word_count as f64 / (speech_s / 60.0))
        } else {
            0.0
        },
        response_latency_s: if no_speech {
            None
        } else {
            let first_region = activity.regions.first().map(|r| r.start);
            let first_word = words.first().map(|w| w.start);
            first_region.or(first_word).map(round2)
        },
        fillers: FillerMetrics {
            total: fillers.len(),
            per_minute: round2(per_minute(fillers.len())),
            per_100_words: if word_count > 0 {
                round2(fillers.len() as f64 * 100.0 / word_count as f64)
            } else {
                0.0
            },
            by_word,
        },
        openers: OpenerMetrics {
            total: openers.len(),
            by_word: count_by_word(&openers),
        },
        long_pauses: PauseMetrics {
            count: pauses.len(),
            longest_s: round2(pauses.iter().map(|p| p.duration).fold(0.0, f64::max)),
            total_s: round2(pauses.iter().map(|p| p.duration).sum()),
        },
        repetitions: repetition_list.len(),
        hedges: hedge_list.len(),
        hedge_list,
        repetition_list,
    };
    let mut checks = checks::run_checks(&metrics, &pauses, no_speech, targets);
    let structure = structure::analyze_structure(&words, question, &targets.structure);
    if let Some(s) = &structure {
        checks.extend(structure::story_checks(s, &targets.structure));
    }
    Analysis {
        targets: targets.clone(),
        metrics,
        fillers,
        openers,
        pauses,
        no_speech,
        checks,
        structure,
    }
}

fn count_by_word(hits: &[FillerHit]) -> BTreeMap<String, usize> {
    let mut by_word = BTreeMap::new();
    for h in hits {
        *by_word.entry(h.text.clone()).or_insert(0) += 1;
    }
    by_word
}

pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::Span;
    use crate::transcript::{Segment, Transcript, Word};

    pub fn spans(list: &[(f64, f64)]) -> Vec<Span> {
        list.iter()
            .map(|&(start, end)| Span { start, end })
            .collect()
    }

    /// Words from a sentence, one every 0.4 s starting at `start`; punctuation stays attached.
    pub fn words_at(text: &str, start: f64) -> Vec<Word> {
        text.split_whitespace()
            .enumerate()
            .map(|(i, w)| Word {
                word: w.to_string(),
                start: start + i as f64 * 0.4,
                end: start + i as f64 * 0.4 + 0.3,
                probability: 0.9,
            })
            .collect()
    }

    pub fn words(text: &str) -> Vec<Word> {
        words_at(text, 0.0)
    }

    pub fn transcript(text: &str, start: f64) -> Transcript {
        let words = words_at(text, start);
        let end = words.last().map_or(start, |w| w.end);
        Transcript::from_segments(vec![Segment {
            start,
            end,
            text: text.to_string(),
            words,
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::transcript;
    use super::*;

    fn activity(duration: f64, regions: &[(f64, f64)]) -> SpeechActivity {
        SpeechActivity {
            duration_s: duration,
            regions: regions
                .iter()
                .map(|&(start, end)| Span { start, end })
                .collect(),
        }
    }

    #[test]
    fn pace_counts_whole_take_and_speech_time_separately() {
        // 10 words in a 60 s take, 30 s of it speech.
        let t = transcript("one two three four five six seven eight nine ten", 1.0);
        let a = analyze(
            &t,
            &activity(60.0, &[(1.0, 16.0), (20.0, 35.0)]),
            &Targets::default(),
            None,
        );
        assert_eq!(a.metrics.word_count, 10);
        assert_eq!(a.metrics.wpm, 10.0);
        assert_eq!(a.metrics.articulation_wpm, 20.0);
        assert_eq!(a.metrics.speech_s, 30.0);
        assert_eq!(a.metrics.response_latency_s, Some(1.0));
        assert_eq!(a.pauses.len(), 1, "the 4 s gap is a long pause");
        assert_eq!(a.metrics.long_pauses.longest_s, 4.0);
    }

    #[test]
    fn silent_take_has_no_speech_and_zero_words() {
        let a = analyze(
            &Transcript::default(),
            &activity(5.0, &[]),
            &Targets::default(),
            None,
        );
        assert!(a.no_speech);
        assert_eq!(a.metrics.word_count, 0);
        assert_eq!(a.metrics.wpm, 0.0);
        assert_eq!(a.metrics.response_latency_s, None);
        assert_eq!(overall(&a.checks), Status::Fail);
    }

    #[test]
    fn filler_counts_per_word_minute_and_hundred_words() {
        let t = transcript("So, um, I think we, uh, shipped it, um, on time.", 0.0);
        let a = analyze(
            &t,
            &activity(30.0, &[(0.0, 5.0)]),
            &Targets::default(),
            None,
        );
        assert_eq!(a.metrics.fillers.by_word.get("um"), Some(&2));
        assert_eq!(a.metrics.fillers.by_word.get("uh"), Some(&1));
        assert_eq!(a.metrics.fillers.total, 3);
        assert_eq!(a.metrics.fillers.per_minute, 6.0);
        assert_eq!(a.metrics.fillers.per_100_words, 27.27);
        assert_eq!(a.metrics.hedges, 1);
        // The opening "So" is an opener: reported apart, not a filler.
        assert_eq!(a.metrics.fillers.by_word.get("so"), None);
        assert_eq!(a.metrics.openers.total, 1);
        assert_eq!(a.metrics.openers.by_word.get("so"), Some(&1));
        assert_eq!(a.openers[0].start, 0.0);
    }

    #[test]
    fn the_users_filler_list_changes_what_is_counted() {
        let t = transcript("Okay, so, um, we shipped it, right?", 0.0);
        let targets = Targets {
            fillers: FillerSettings::new(&["okay".into(), "right".into()], &["um".into()]).unwrap(),
            ..Targets::default()
        };
        let a = analyze(&t, &activity(30.0, &[(0.0, 5.0)]), &targets, None);
        let counted: Vec<&str> = a.fillers.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(counted, ["okay", "right"]);
        assert_eq!(a.metrics.openers.by_word.get("so"), Some(&1));
        assert_eq!(a.targets.fillers.extra, ["okay", "right"]);
    }
}
