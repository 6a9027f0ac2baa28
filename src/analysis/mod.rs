//! Pure analysis of a take: transcript + timeline + targets → metrics, fillers, pauses, and
//! pass/warn/fail checks.
//!
//! Nothing here touches files, the model or the clock, so every rule is unit-tested on hand-made
//! transcripts. The report module wraps the result with provenance (audio, model, question).
//! The timeline is the recording's measured speech, or a transcript's own times, or nothing:
//! metrics that need time are `None` when it is not known, and their checks are left out.

pub mod checks;
mod context;
pub mod fillers;
pub mod pauses;
pub mod rambling;
pub mod structure;
pub mod targets;
pub mod timeline;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use checks::{overall, Check, Status};
pub use fillers::{FillerHit, FillerKind, FillerSettings};
pub use pauses::Pause;
pub use rambling::{HedgeHit, Repetition};
pub use structure::{Question, Structure};
pub use targets::Targets;
pub use timeline::{Timeline, TranscriptTimes, Turn};

use crate::transcript::Transcript;
use crate::units::{round1, round2, Span};

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

/// The take's numbers. Those that need time are null for a transcript without times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Metrics {
    #[schemars(with = "crate::transcript::Nullable<f64>")]
    pub duration_s: Option<f64>,
    /// Time the speaker was audibly talking.
    #[schemars(with = "crate::transcript::Nullable<f64>")]
    pub speech_s: Option<f64>,
    pub word_count: usize,
    /// Words per minute over the whole take.
    #[schemars(with = "crate::transcript::Nullable<f64>")]
    pub wpm: Option<f64>,
    /// Words per minute over speech time only (pace while talking).
    #[schemars(with = "crate::transcript::Nullable<f64>")]
    pub articulation_wpm: Option<f64>,
    /// Seconds from the start of the recording (or, in a conversation, from the end of the
    /// question) to the first speech; null when nothing was said or the times are unknown.
    pub response_latency_s: Option<f64>,
    /// Separate answers in the take: 1 for a recording; a speaker's turns in a conversation.
    /// The time box is judged only for a single answer.
    #[serde(default = "one")]
    pub answers: usize,
    pub fillers: FillerMetrics,
    /// Sentence openers ("So, …"): reported apart, not counted as fillers.
    #[serde(default)]
    pub openers: OpenerMetrics,
    #[schemars(with = "crate::transcript::Nullable<PauseMetrics>")]
    pub long_pauses: Option<PauseMetrics>,
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
    #[schemars(with = "crate::transcript::Nullable<f64>")]
    pub per_minute: Option<f64>,
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
    /// True when the pauses are gaps between a transcript's timed words or cues rather than
    /// silences measured in the recording.
    #[serde(default)]
    pub estimated: bool,
}

fn one() -> usize {
    1
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

/// Analyses a take. `transcript` times and the `timeline` are in seconds from the start;
/// `question` is what the take answers, when known (it decides whether the answer is coached
/// as a story).
pub fn analyze(
    transcript: &Transcript,
    timeline: &Timeline,
    targets: &Targets,
    question: Option<&Question>,
) -> Analysis {
    let words: Vec<_> = transcript.words().cloned().collect();
    let word_count = words.len();
    let no_speech = word_count == 0;
    let time = timeline.measure(&words, targets.long_pause_s);

    let fillers::Found { fillers, openers } = fillers::find_fillers(&words, &targets.fillers);
    let pauses = time.pauses.clone().unwrap_or_default();
    let repetition_list = rambling::find_repetitions(&words);
    let hedge_list = rambling::find_hedges(&words);

    let minutes = time.duration_s.map(|d| d / 60.0);
    let per_minute = |n: usize| minutes.map(|m| if m > 0.0 { n as f64 / m } else { 0.0 });
    let by_word = count_by_word(&fillers);
    let metrics = Metrics {
        duration_s: time.duration_s.map(round2),
        speech_s: time.speech_s.map(round2),
        word_count,
        wpm: per_minute(word_count).map(round1),
        articulation_wpm: time.speech_s.map(|speech_s| {
            if speech_s > 0.0 {
                round1(word_count as f64 / (speech_s / 60.0))
            } else {
                0.0
            }
        }),
        response_latency_s: time.response_latency_s.map(round2),
        answers: time.answers,
        fillers: FillerMetrics {
            total: fillers.len(),
            per_minute: per_minute(fillers.len()).map(round2),
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
        long_pauses: time.pauses.as_ref().map(|pauses| PauseMetrics {
            count: pauses.len(),
            longest_s: round2(pauses.iter().map(|p| p.duration).fold(0.0, f64::max)),
            total_s: round2(pauses.iter().map(|p| p.duration).sum()),
            estimated: time.pauses_estimated,
        }),
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

#[cfg(test)]
pub(crate) mod test_support {
    use crate::transcript::{Segment, Transcript, Word};
    use crate::units::Span;

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

    fn activity(duration: f64, regions: &[(f64, f64)]) -> Timeline {
        Timeline::Signal(SpeechActivity {
            duration_s: duration,
            regions: regions
                .iter()
                .map(|&(start, end)| Span { start, end })
                .collect(),
        })
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
        assert_eq!(a.metrics.wpm, Some(10.0));
        assert_eq!(a.metrics.articulation_wpm, Some(20.0));
        assert_eq!(a.metrics.speech_s, Some(30.0));
        assert_eq!(a.metrics.response_latency_s, Some(1.0));
        assert_eq!(a.pauses.len(), 1, "the 4 s gap is a long pause");
        let long = a.metrics.long_pauses.unwrap();
        assert_eq!(long.longest_s, 4.0);
        assert!(!long.estimated, "measured from the signal");
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
        assert_eq!(a.metrics.wpm, Some(0.0));
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
        assert_eq!(a.metrics.fillers.per_minute, Some(6.0));
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

    #[test]
    fn an_untimed_transcript_counts_words_and_fillers_but_knows_no_times() {
        let mut t = transcript("Um, I think we, uh, we shipped it on time.", 0.0);
        for w in &mut t.segments[0].words {
            (w.start, w.end) = (f64::NAN, f64::NAN);
        }
        let a = analyze(&t, &Timeline::Untimed, &Targets::default(), None);
        let m = &a.metrics;
        assert_eq!(m.word_count, 10);
        assert_eq!(m.fillers.total, 2);
        assert_eq!(m.fillers.per_100_words, 20.0);
        assert_eq!((m.hedges, m.repetitions), (1, 1));
        assert_eq!(
            (m.duration_s, m.speech_s, m.wpm, m.articulation_wpm),
            (None, None, None, None)
        );
        assert_eq!((m.response_latency_s, m.fillers.per_minute), (None, None));
        assert!(m.long_pauses.is_none() && a.pauses.is_empty());
        let ids: Vec<&str> = a.checks.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["repetitions"], "only the checks that need no time");
    }

    #[test]
    fn an_untimed_transcript_of_a_story_gets_its_structure_and_story_checks() {
        let mut t = transcript(
            "At my last job the build took an hour. My task was to make it faster. \
             So I cached the dependencies and I split the tests. \
             As a result the build went from sixty minutes to twelve.",
            0.0,
        );
        for w in &mut t.segments[0].words {
            (w.start, w.end) = (f64::NAN, f64::NAN);
        }
        let question = Question {
            text: "Tell me about a time you fixed a slow build.",
            example: None,
        };
        let a = analyze(&t, &Timeline::Untimed, &Targets::default(), Some(&question));
        let s = a.structure.expect("words were said");
        assert_eq!(s.behavioural, Some(true));
        assert!(s.result_present);
        assert_eq!(s.result_quantified, Some(true), "sixty minutes to twelve");
        assert_eq!(s.first_action_s, None);
        assert!(s.sentences.iter().all(|x| x.start.is_none()));
        let ids: Vec<&str> = a.checks.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["repetitions", "result", "setup", "ending", "ownership"],
            "the checks that need no time, and the story's"
        );
    }

    #[test]
    fn transcript_times_give_estimated_pauses_and_several_turns_skip_the_time_box() {
        let t = transcript("one two three four five six seven eight nine ten", 1.0);
        let turns = vec![
            Turn {
                from: 0.0,
                regions: crate::analysis::test_support::spans(&[(1.0, 2.0), (5.0, 6.0)]),
            },
            Turn {
                from: 10.0,
                regions: crate::analysis::test_support::spans(&[(10.5, 12.0)]),
            },
        ];
        let a = analyze(
            &t,
            &Timeline::Transcript(TranscriptTimes {
                turns,
                recording_s: None,
            }),
            &Targets::default(),
            None,
        );
        assert_eq!(a.metrics.answers, 2);
        assert_eq!(a.metrics.duration_s, Some(8.0));
        let long = a.metrics.long_pauses.clone().unwrap();
        assert_eq!((long.count, long.estimated), (1, true));
        let ids: Vec<&str> = a.checks.iter().map(|c| c.id.as_str()).collect();
        assert!(!ids.contains(&"duration"), "{ids:?}");
        assert!(
            ids.contains(&"pace") && ids.contains(&"long_pauses"),
            "{ids:?}"
        );
    }
}
