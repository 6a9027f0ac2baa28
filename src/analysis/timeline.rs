//! When the speaker was talking, as far as it is known, and the time facts that follow from it:
//! length, speaking time, time to the first word and long pauses.
//!
//! A recording's timeline is measured from its signal. A transcript's comes from its own times
//! (word times, or only each cue's start and end), split into the chosen speaker's turns: the
//! time between two turns belongs to someone else and is never a pause. A transcript without
//! times has no timeline, and every time fact is unknown (`None`), never a guess.

use super::pauses::{long_pauses, Pause};
use super::{Span, SpeechActivity};
use crate::transcript::Word;

#[derive(Debug, Clone, PartialEq)]
pub enum Timeline {
    /// Speech regions measured from the recording's signal.
    Signal(SpeechActivity),
    /// Taken from a transcript's own times.
    Transcript(TranscriptTimes),
    /// The transcript has no times at all.
    Untimed,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TranscriptTimes {
    /// The analysed speaker's turns in time order (at least one).
    pub turns: Vec<Turn>,
    /// The recording's whole length when the file states it and the transcript is one
    /// speaker's (so the time after the last word belongs to the take).
    pub recording_s: Option<f64>,
}

/// One stretch of the speaker's talk that nobody else interrupted.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    /// When the turn could begin: the end of the other speaker's line before it (the
    /// question), or 0 (the start of the recording) when nobody spoke before.
    pub from: f64,
    /// When the speaker was talking, in order: each word's span where the file times words,
    /// each cue's span where it only times cues (times invented inside a cue make no pauses).
    pub regions: Vec<Span>,
}

/// What the timeline says, for the metrics; `None` where it cannot be known.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeFacts {
    pub duration_s: Option<f64>,
    pub speech_s: Option<f64>,
    pub response_latency_s: Option<f64>,
    /// Long pauses; `None` when they cannot be known.
    pub pauses: Option<Vec<Pause>>,
    /// True when the pauses come from a transcript's times rather than the signal.
    pub pauses_estimated: bool,
    /// How many separate answers (turns) the times cover: 1 for a recording.
    pub answers: usize,
}

impl Timeline {
    /// The time facts, given the transcript's words (whose span stands in for speech time when
    /// the signal found none) and the long-pause threshold.
    pub fn measure(&self, words: &[Word], long_pause_s: f64) -> TimeFacts {
        match self {
            Timeline::Signal(activity) => signal_facts(activity, words, long_pause_s),
            Timeline::Transcript(times) => transcript_facts(times, long_pause_s),
            Timeline::Untimed => TimeFacts {
                duration_s: None,
                speech_s: None,
                response_latency_s: None,
                pauses: None,
                pauses_estimated: false,
                answers: 1,
            },
        }
    }
}

fn signal_facts(activity: &SpeechActivity, words: &[Word], long_pause_s: f64) -> TimeFacts {
    let no_speech = words.is_empty();
    // A transcript can exist where the signal detector found nothing (very quiet speech); then
    // the words' own span is the best measure of speaking time.
    let speech_s = if no_speech {
        0.0
    } else if activity.regions.is_empty() {
        words.last().map_or(0.0, |w| w.end) - words.first().map_or(0.0, |w| w.start)
    } else {
        activity.speech_s()
    };
    let response_latency_s = if no_speech {
        None
    } else {
        let first_region = activity.regions.first().map(|r| r.start);
        first_region.or(words.first().map(|w| w.start))
    };
    TimeFacts {
        duration_s: Some(activity.duration_s),
        speech_s: Some(speech_s),
        response_latency_s,
        pauses: Some(long_pauses(&activity.regions, long_pause_s)),
        pauses_estimated: false,
        answers: 1,
    }
}

fn transcript_facts(times: &TranscriptTimes, long_pause_s: f64) -> TimeFacts {
    let turns: Vec<&Turn> = times
        .turns
        .iter()
        .filter(|t| !t.regions.is_empty())
        .collect();
    let turn_end = |t: &Turn| t.regions.iter().map(|r| r.end).fold(t.from, f64::max);
    let mut duration_s: f64 = turns.iter().map(|t| turn_end(t) - t.from).sum();
    if let (Some(recording), [_]) = (times.recording_s, turns.as_slice()) {
        duration_s = duration_s.max(recording);
    }
    let speech_s = turns
        .iter()
        .map(|t| merged(&t.regions).iter().map(Span::duration).sum::<f64>())
        .sum();
    let pauses = turns
        .iter()
        .flat_map(|t| long_pauses(&merged(&t.regions), long_pause_s))
        .collect();
    TimeFacts {
        duration_s: Some(duration_s),
        speech_s: Some(speech_s),
        response_latency_s: turns
            .first()
            .map(|t| (t.regions[0].start - t.from).max(0.0)),
        pauses: Some(pauses),
        pauses_estimated: true,
        answers: turns.len().max(1),
    }
}

/// Regions sorted, with overlapping or touching ones joined, so a gap is only ever silence.
fn merged(regions: &[Span]) -> Vec<Span> {
    let mut sorted = regions.to_vec();
    sorted.sort_by(|a, b| a.start.total_cmp(&b.start));
    let mut out: Vec<Span> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::spans;

    fn turn(from: f64, regions: &[(f64, f64)]) -> Turn {
        Turn {
            from,
            regions: spans(regions),
        }
    }

    fn facts(turns: Vec<Turn>, recording_s: Option<f64>) -> TimeFacts {
        Timeline::Transcript(TranscriptTimes { turns, recording_s }).measure(&[], 2.0)
    }

    #[test]
    fn one_turn_runs_from_the_start_and_pauses_are_gaps_between_timed_words() {
        // Words at 1.0–1.4, 1.5–2.0, then a 2.5 s gap, 4.5–5.0.
        let f = facts(vec![turn(0.0, &[(1.0, 1.4), (1.5, 2.0), (4.5, 5.0)])], None);
        assert_eq!(f.duration_s, Some(5.0));
        assert_eq!(f.speech_s, Some(1.4));
        assert_eq!(f.response_latency_s, Some(1.0));
        let pauses = f.pauses.unwrap();
        assert_eq!(pauses.len(), 1);
        assert_eq!((pauses[0].start, pauses[0].end), (2.0, 4.5));
        assert!(f.pauses_estimated);
        assert_eq!(f.answers, 1);
    }

    #[test]
    fn a_stated_recording_length_counts_the_silence_after_the_last_word() {
        let f = facts(vec![turn(0.0, &[(1.0, 5.0)])], Some(7.5));
        assert_eq!(f.duration_s, Some(7.5));
    }

    #[test]
    fn the_time_between_turns_is_someone_else_talking_not_a_pause() {
        // Turn 1 after a question ending at 3.0; the interviewer talks 10–20; turn 2 from 20.
        let f = facts(
            vec![
                turn(3.0, &[(4.0, 6.0), (6.5, 10.0)]),
                turn(20.0, &[(21.0, 24.0), (27.0, 30.0)]),
            ],
            Some(100.0),
        );
        assert_eq!(
            f.duration_s,
            Some(7.0 + 10.0),
            "each turn from its question"
        );
        assert_eq!(f.response_latency_s, Some(1.0));
        assert_eq!(f.answers, 2);
        let pauses = f.pauses.unwrap();
        assert_eq!(
            pauses.len(),
            1,
            "only the 3 s gap inside turn 2: {pauses:?}"
        );
        assert_eq!((pauses[0].start, pauses[0].end), (24.0, 27.0));
    }

    #[test]
    fn overlapping_cues_are_speech_not_negative_gaps() {
        let f = facts(vec![turn(0.0, &[(0.0, 3.0), (2.5, 6.0), (6.0, 7.0)])], None);
        assert_eq!(f.speech_s, Some(7.0));
        assert!(f.pauses.unwrap().is_empty());
    }

    #[test]
    fn untimed_transcripts_know_no_time_facts() {
        let f = Timeline::Untimed.measure(&[], 2.0);
        assert_eq!(
            (f.duration_s, f.speech_s, f.response_latency_s, f.pauses),
            (None, None, None, None)
        );
    }
}
