//! Synthetic takes: a script of words (with `|2.5|` marking a 2.5 s silence) turned into a
//! transcript with word times and speech regions, then run through the real analysis into a
//! `Report`. Test and benchmark tooling, not part of the shipped library: the library's unit
//! tests include this file (`src/history/mod.rs`, under `cfg(test)`), and so do
//! `examples/gen_store.rs`, which fills a store for `scripts/bench-history.sh` and for trying the
//! review commands without a microphone or a model, and the `index` fuzz target (`fuzz/`). Its
//! reports are computed by the code under test, so they are inputs, never expected values:
//! integration tests use hand-written takes (`tests/cli/takes.rs`).

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

// `rehearse::` paths work in both includers: the library names itself `rehearse` for its unit
// tests (src/lib.rs).
use rehearse::analysis::{analyze, Question, SpeechActivity, Targets, Timeline};
use rehearse::report::{AudioInfo, InputInfo, ModelInfo, QuestionRef, Report, ReportInputs};
use rehearse::transcript::{Segment, Transcript, Word};
use rehearse::units::{round3, Span};

/// How a synthetic take is spoken.
#[derive(Debug, Clone)]
pub struct Script<'a> {
    pub question: Option<&'a str>,
    /// Words separated by spaces; a token `|SECS|` is a silence of that length.
    pub text: &'a str,
    /// Speaking rate while talking, in words per minute.
    pub articulation_wpm: f64,
    /// Silence before the first word, and after the last.
    pub lead_in_s: f64,
    pub tail_s: f64,
    pub targets: Targets,
    pub created_at: OffsetDateTime,
}

impl<'a> Script<'a> {
    pub fn new(question: Option<&'a str>, text: &'a str, created_at: OffsetDateTime) -> Self {
        Script {
            question,
            text,
            articulation_wpm: 150.0,
            lead_in_s: 0.8,
            tail_s: 1.0,
            targets: Targets::default(),
            created_at,
        }
    }
}

/// Builds the transcript and speech activity a recogniser and detector would have produced.
pub fn transcript(script: &Script) -> (Transcript, SpeechActivity) {
    let slot = 60.0 / script.articulation_wpm.max(1.0);
    let mut t = script.lead_in_s;
    let mut segments: Vec<Segment> = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut regions: Vec<Span> = Vec::new();
    let mut region_start: Option<f64> = None;
    let mut last_end = t;
    for token in script.text.split_whitespace() {
        if let Some(secs) = token
            .strip_prefix('|')
            .and_then(|s| s.strip_suffix('|'))
            .and_then(|s| s.parse::<f64>().ok())
        {
            if let Some(start) = region_start.take() {
                regions.push(Span {
                    start,
                    end: last_end,
                });
            }
            t = last_end + secs;
            continue;
        }
        let start = t;
        let end = t + slot * 0.8;
        region_start.get_or_insert(start);
        current.push(Word {
            word: token.to_string(),
            start: round3(start),
            end: round3(end),
            probability: 0.9,
        });
        last_end = end;
        t += slot;
        if token.ends_with(['.', '?', '!']) {
            segments.push(Segment::from_words(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        segments.push(Segment::from_words(current));
    }
    if let Some(start) = region_start {
        regions.push(Span {
            start,
            end: last_end,
        });
    }
    let activity = SpeechActivity {
        duration_s: round3(last_end + script.tail_s),
        regions,
    };
    (Transcript::from_segments(segments), activity)
}

/// A full report for a script, as `rehearse analyze` would write it.
pub fn report(script: &Script) -> Report {
    let (transcript, activity) = transcript(script);
    let duration_s = activity.duration_s;
    let question = script.question.map(|text| Question {
        text,
        example: None,
    });
    let analysis = analyze(
        &transcript,
        &Timeline::Signal(activity),
        &script.targets,
        question.as_ref(),
    );
    let created_at = script
        .created_at
        .format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string());
    Report::assemble(
        ReportInputs {
            recorded_at: None,
            question: script.question.map(|q| QuestionRef {
                id: None,
                text: q.to_string(),
                example: None,
            }),
            input: InputInfo::recording("take.wav"),
            audio: Some(AudioInfo {
                path: "take.wav".to_string(),
                duration_s,
                sample_rate: 16_000,
                channels: 1,
                bits_per_sample: 16,
                recovered: false,
            }),
            model: Some(ModelInfo {
                path: "models/ggml-tiny.en.bin".to_string(),
                name: "tiny.en".to_string(),
                threads: 2,
            }),
            transcript,
            warnings: Vec::new(),
        },
        analysis,
        created_at,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn pauses_and_sentences_shape_the_transcript() {
        let s = Script::new(
            Some("Why this role?"),
            "I like data. |3.0| Um, so I applied.",
            datetime!(2026-11-26 04:15:02 UTC),
        );
        let (t, a) = transcript(&s);
        assert_eq!(t.segments.len(), 2);
        assert_eq!(t.word_count(), 7);
        assert_eq!(a.regions.len(), 2);
        let gap = a.regions[1].start - a.regions[0].end;
        assert!((gap - 3.0).abs() < 1e-9, "{gap}");
        let r = report(&s);
        assert_eq!(r.metrics.long_pauses.as_ref().map(|p| p.count), Some(1));
        assert_eq!(r.metrics.fillers.by_word.get("um"), Some(&1));
        assert_eq!(r.created_at, "2026-11-26T04:15:02Z");
    }
}
