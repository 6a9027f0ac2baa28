//! The structure checks' settings (`[structure]` in the config file, recorded in the report's
//! `settings.structure`): when the story checks run and the thresholds they judge by.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::question::{asks_for_example, Question};

/// When an answer is coached as a story.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StoryChecks {
    /// Only answers to questions that ask for an example from the past.
    #[default]
    Auto,
    /// Every answer, whatever the question (or with none).
    Always,
    /// No answer: the parts are still labelled, nothing is judged.
    Never,
}

impl StoryChecks {
    /// Whether an answer to `question` is coached as a story; `None` when there is no question
    /// to judge (and the setting leaves it to the question).
    pub fn coaches(self, question: Option<&Question>) -> Option<bool> {
        match self {
            StoryChecks::Always => Some(true),
            StoryChecks::Never => Some(false),
            StoryChecks::Auto => {
                question.map(|q| q.example.unwrap_or_else(|| asks_for_example(q.text)))
            }
        }
    }
}

/// A `checks` setting that is none of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not one of auto, always, never")]
pub struct UnknownStoryChecks(pub String);

impl FromStr for StoryChecks {
    type Err = UnknownStoryChecks;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "auto" => Ok(StoryChecks::Auto),
            "always" => Ok(StoryChecks::Always),
            "never" => Ok(StoryChecks::Never),
            other => Err(UnknownStoryChecks(other.to_string())),
        }
    }
}

impl fmt::Display for StoryChecks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StoryChecks::Auto => "auto",
            StoryChecks::Always => "always",
            StoryChecks::Never => "never",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct StructureSettings {
    /// When answers are coached as stories: auto (questions asking for a past example),
    /// always, never.
    pub checks: StoryChecks,
    /// Situation and task above this fraction of the words make the set-up check warn.
    pub setup_share_warn: f64,
    /// Warn when the result states no number or measure.
    pub result_number: bool,
    /// "We" at least this many times as often as "I" in the action sentences warns…
    pub ownership_ratio: f64,
    /// …once "we" is said at least this often there.
    pub ownership_min_we: usize,
}

impl Default for StructureSettings {
    fn default() -> Self {
        StructureSettings {
            checks: StoryChecks::Auto,
            setup_share_warn: 0.5,
            result_number: true,
            ownership_ratio: 2.0,
            ownership_min_we: 2,
        }
    }
}

/// A story setting out of its range; the message names the setting and its value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StructureSettingsError {
    #[error("structure.setup_share_warn {0} must be a fraction above 0 and at most 1 (e.g. 0.5)")]
    SetupShare(f64),
    #[error(
        "structure.ownership_ratio {0} must be at least 1 (e.g. 2: twice as many \"we\" as \"I\")"
    )]
    OwnershipRatio(f64),
}

impl StructureSettings {
    /// Checks that the settings make sense; the message names the setting.
    pub fn validate(&self) -> Result<(), StructureSettingsError> {
        if !(self.setup_share_warn > 0.0 && self.setup_share_warn <= 1.0) {
            return Err(StructureSettingsError::SetupShare(self.setup_share_warn));
        }
        if !(self.ownership_ratio >= 1.0 && self.ownership_ratio.is_finite()) {
            return Err(StructureSettingsError::OwnershipRatio(self.ownership_ratio));
        }
        Ok(())
    }

    /// Whether the action sentences' subjects lean on "we" past the thresholds.
    pub fn we_dominates(&self, i: usize, we: usize) -> bool {
        we >= self.ownership_min_we.max(1) && we as f64 >= self.ownership_ratio * i as f64
    }
}
