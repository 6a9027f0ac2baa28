//! The report: the one machine-readable result of analysing a take (`schema_version` 1), plus
//! its JSON writer and the terminal summary.
//!
//! Field names are a contract: tests, the session store and other tools read them, and
//! `schema/report.schema.json` pins them.
//! Add fields freely; renaming or dropping one needs a `schema_version` bump.

pub mod json;
pub mod summary;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Check, FillerHit, Metrics, Pause, Structure, Targets};
pub use crate::transcript::conversation::WordTimes;
use crate::transcript::formats::Format;
use crate::transcript::Transcript;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub tool: ToolInfo,
    /// When the take was recorded, RFC 3339 UTC (for a file analysed without `--save`, when it
    /// was analysed). Re-analysing a take never changes it.
    pub created_at: String,
    /// When this analysis ran, RFC 3339 UTC (null in reports saved before it was recorded).
    #[serde(default)]
    pub analyzed_at: Option<String>,
    pub question: Option<QuestionRef>,
    /// What was analysed: a recording or a transcript file. Null in reports saved before this
    /// field existed (all of them recordings).
    #[serde(default)]
    pub input: Option<InputInfo>,
    /// The recording; null when a transcript was analysed without one.
    #[schemars(with = "crate::transcript::Nullable<AudioInfo>")]
    pub audio: Option<AudioInfo>,
    /// The model that transcribed the recording; null for a transcript.
    #[schemars(with = "crate::transcript::Nullable<ModelInfo>")]
    pub model: Option<ModelInfo>,
    /// The targets the checks were judged against, so a stored report explains itself.
    pub settings: Targets,
    pub transcript: Transcript,
    pub metrics: Metrics,
    pub fillers: Vec<FillerHit>,
    /// Sentence openers ("So, …"), reported apart from the fillers and not counted with them.
    #[serde(default)]
    pub openers: Vec<FillerHit>,
    /// Long pauses, measured from the audio signal (or, for a transcript, estimated from its
    /// times: see `metrics.long_pauses.estimated`).
    pub pauses: Vec<Pause>,
    pub no_speech: bool,
    pub checks: Vec<Check>,
    /// The answer's story structure (situation, task, action, result, learning); null when
    /// nothing was said, and in reports written before it existed.
    #[serde(default)]
    pub structure: Option<Structure>,
    /// Problems worth knowing that did not stop the analysis (e.g. a cut-off recording).
    #[serde(default)]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

impl ToolInfo {
    pub fn current() -> Self {
        ToolInfo {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct QuestionRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub text: String,
    /// The question bank's mark: whether the question asks for an example from the past
    /// (then the answer is coached as a story). Absent for free text: the wording decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<bool>,
}

impl QuestionRef {
    /// The question as the analysis takes it (it decides whether the answer is coached as a
    /// story).
    pub fn asked(&self) -> crate::analysis::Question<'_> {
        crate::analysis::Question {
            text: &self.text,
            example: self.example,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InputInfo {
    pub kind: InputKind,
    /// The file as it was named.
    pub path: String,
    pub format: Format,
    /// Whose lines were analysed, when the transcript names its speakers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Where the words' times come from.
    #[serde(default)]
    pub word_times: WordTimes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Recording,
    Transcript,
}

impl InputInfo {
    /// A recording, as `analyze FILE.wav` and `practice` describe it.
    pub fn recording(path: &str) -> InputInfo {
        InputInfo {
            kind: InputKind::Recording,
            path: path.to_string(),
            format: Format::Wav,
            speaker: None,
            word_times: WordTimes::Measured,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct AudioInfo {
    pub path: String,
    pub duration_s: f64,
    /// The file's own sample rate and channel count (analysis always runs on 16 kHz mono).
    pub sample_rate: u32,
    pub channels: u16,
    #[serde(default)]
    pub bits_per_sample: u16,
    /// True when the file was cut off (its header promised more than it held) and was read as far
    /// as it goes.
    #[serde(default)]
    pub recovered: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ModelInfo {
    pub path: String,
    pub name: String,
    #[serde(default)]
    pub threads: u32,
}

/// Everything a report needs besides the analysis itself.
pub struct ReportInputs {
    pub question: Option<QuestionRef>,
    /// When the take was recorded; `None` for a file analysed as it is (then the analysis time).
    pub recorded_at: Option<String>,
    pub input: InputInfo,
    pub audio: Option<AudioInfo>,
    pub model: Option<ModelInfo>,
    pub transcript: Transcript,
    pub warnings: Vec<String>,
}

impl Report {
    /// The report of one analysis, run at `analyzed_at` (RFC 3339).
    pub fn assemble(inputs: ReportInputs, analysis: Analysis, analyzed_at: String) -> Report {
        Report {
            schema_version: SCHEMA_VERSION,
            tool: ToolInfo::current(),
            created_at: inputs.recorded_at.unwrap_or_else(|| analyzed_at.clone()),
            analyzed_at: Some(analyzed_at),
            question: inputs.question,
            input: Some(inputs.input),
            audio: inputs.audio,
            model: inputs.model,
            settings: analysis.targets,
            transcript: inputs.transcript,
            metrics: analysis.metrics,
            fillers: analysis.fillers,
            openers: analysis.openers,
            pauses: analysis.pauses,
            no_speech: analysis.no_speech,
            checks: analysis.checks,
            structure: analysis.structure,
            warnings: inputs.warnings,
        }
    }

    /// The worst status among the checks: the take's overall verdict.
    pub fn verdict(&self) -> crate::analysis::Status {
        crate::analysis::overall(&self.checks)
    }
}

/// The JSON Schema of the report, as printed by `rehearse schema`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Timeline};
    use crate::history::synthetic::{report, Script};
    use crate::transcript::{Segment, Word};
    use time::macros::datetime;

    #[test]
    fn reports_saved_before_transcript_input_existed_still_load() {
        let r = report(&Script::new(
            Some("Why us?"),
            "I like data. |3.0| Um, I applied.",
            datetime!(2026-11-26 04:15:02 UTC),
        ));
        let mut v = serde_json::to_value(&r).unwrap();
        v.as_object_mut().unwrap().remove("input");
        let metrics = v["metrics"].as_object_mut().unwrap();
        metrics.remove("answers");
        metrics["long_pauses"]
            .as_object_mut()
            .unwrap()
            .remove("estimated");
        let old: Report = serde_json::from_value(v).unwrap();
        assert_eq!(old.input, None);
        assert_eq!(old.metrics.answers, 1);
        let long = old.metrics.long_pauses.unwrap();
        assert_eq!((long.count, long.estimated), (1, false));
        assert_eq!(old.audio.unwrap().path, "take.wav");
        assert_eq!(old.model.unwrap().name, "tiny.en");
    }

    #[test]
    fn a_transcript_without_times_round_trips_with_nulls() {
        let words: Vec<Word> = ["Um,", "we", "won."]
            .into_iter()
            .map(Word::untimed)
            .collect();
        let transcript = Transcript::from_segments(vec![Segment::from_words(words)]);
        let analysis = analyze(&transcript, &Timeline::Untimed, &Targets::default(), None);
        let r = Report::assemble(
            ReportInputs {
                question: None,
                recorded_at: None,
                input: InputInfo {
                    kind: InputKind::Transcript,
                    path: "a.txt".into(),
                    format: Format::Text,
                    speaker: None,
                    word_times: WordTimes::None,
                },
                audio: None,
                model: None,
                transcript,
                warnings: Vec::new(),
            },
            analysis,
            "2026-11-29T00:00:00Z".into(),
        );
        let json = serde_json::to_value(&r).unwrap();
        assert!(json["audio"].is_null() && json["model"].is_null());
        assert!(json["transcript"]["segments"][0]["start"].is_null());
        assert!(json["fillers"][0]["start"].is_null());
        assert_eq!(json["fillers"][0]["text"], "um");
        assert!(json["metrics"]["duration_s"].is_null());
        let back: Report = serde_json::from_value(json).unwrap();
        assert_eq!(back.input.unwrap().word_times, WordTimes::None);
        assert_eq!(back.metrics.word_count, 3);
        assert!(back.fillers[0].start.is_nan());
    }
}
