//! The report: the one machine-readable result of analysing a take (`schema_version` 1), plus
//! its JSON writer and the terminal summary.
//!
//! Field names are a contract (DESIGN.md): tests, the session store and other tools read them.
//! Add fields freely; renaming or dropping one needs a `schema_version` bump.

pub mod json;
pub mod summary;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Check, FillerHit, Metrics, Pause, Structure, Targets};
use crate::transcript::Transcript;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub tool: ToolInfo,
    /// When the analysis ran, RFC 3339 UTC.
    pub created_at: String,
    pub question: Option<QuestionRef>,
    pub audio: AudioInfo,
    pub model: ModelInfo,
    /// The targets the checks were judged against, so a stored report explains itself.
    pub settings: Targets,
    pub transcript: Transcript,
    pub metrics: Metrics,
    pub fillers: Vec<FillerHit>,
    /// Sentence openers ("So, …"), reported apart from the fillers and not counted with them.
    #[serde(default)]
    pub openers: Vec<FillerHit>,
    /// Long pauses, measured from the audio signal.
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
    pub audio: AudioInfo,
    pub model: ModelInfo,
    pub transcript: Transcript,
    pub warnings: Vec<String>,
}

impl Report {
    pub fn assemble(inputs: ReportInputs, analysis: Analysis, created_at: String) -> Report {
        Report {
            schema_version: SCHEMA_VERSION,
            tool: ToolInfo::current(),
            created_at,
            question: inputs.question,
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
