//! The answer's story structure: each sentence labelled situation, task, action, result,
//! learning or other, and the answer-level cues a coach listens for (is there a result, does
//! it have a number, how much of the answer is set-up, does it trail off, "we" or "I").
//!
//! Pure: a function of the words (times optional: a transcript without them is analysed the
//! same way, only without time spans) and of the question, so `practice`, `analyze FILE.wav`
//! and a transcript on its own give the same result. Rules, with a small learned sentence
//! model compiled in beside them (see `model`). The rules listen for
//! what people say when they tell a work story (see `lexicon`), read sentences in the order a
//! story is usually told (see `classify`), and judge questions by whether they ask for an
//! example from the past (see `question`).

pub mod boundaries;
mod checks;
mod classify;
mod cues;
pub mod labelled;
mod lexicon;
pub mod model;
pub mod pieces;
pub mod question;
pub mod question_model;
mod sentences;
mod settings;
pub mod text_model;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use checks::story_checks;
pub use question::{asks_for_example, Question};
pub use settings::{StoryChecks, StructureSettings, StructureSettingsError, UnknownStoryChecks};

use super::context::{tokens, Token};
use crate::transcript::Word;
use crate::units::{round2, round3};
use boundaries::Boundaries;

/// What a sentence does in the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Situation,
    Task,
    Action,
    Result,
    Learning,
    /// Openers, asides and trail-offs: not part of the story itself.
    Other,
}

/// The story parts in the order stories are told (and the sequence model and the sentence
/// model use).
pub(crate) const STORY: [Part; 5] = [
    Part::Situation,
    Part::Task,
    Part::Action,
    Part::Result,
    Part::Learning,
];

impl Part {
    pub const ALL: [Part; 6] = [
        Part::Situation,
        Part::Task,
        Part::Action,
        Part::Result,
        Part::Learning,
        Part::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Situation => "situation",
            Part::Task => "task",
            Part::Action => "action",
            Part::Result => "result",
            Part::Learning => "learning",
            Part::Other => "other",
        }
    }

    /// The one-letter mark used in summaries (S, T, A, R, L, and "·" for other).
    pub fn letter(self) -> char {
        match self {
            Part::Situation => 'S',
            Part::Task => 'T',
            Part::Action => 'A',
            Part::Result => 'R',
            Part::Learning => 'L',
            Part::Other => '·',
        }
    }

    /// Situation and task: what a listener hears before anything happens.
    pub fn is_setup(self) -> bool {
        matches!(self, Part::Situation | Part::Task)
    }
}

/// One sentence of the answer with its part; times are null when the transcript has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StorySentence {
    pub start: Option<f64>,
    pub end: Option<f64>,
    pub text: String,
    pub part: Part,
}

/// Each part's fraction of the answer's words (they sum to 1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Share {
    pub situation: f64,
    pub task: f64,
    pub action: f64,
    pub result: f64,
    pub learning: f64,
    pub other: f64,
}

impl Share {
    pub fn get(&self, part: Part) -> f64 {
        match part {
            Part::Situation => self.situation,
            Part::Task => self.task,
            Part::Action => self.action,
            Part::Result => self.result,
            Part::Learning => self.learning,
            Part::Other => self.other,
        }
    }

    /// Situation and task together.
    pub fn setup(&self) -> f64 {
        round3(self.situation + self.task)
    }
}

/// How the answer ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    Result,
    Learning,
    /// A content-free closer ("so yeah, that's it") or an unfinished phrase.
    TrailOff,
    /// Anything else (an action, an aside).
    Other,
}

impl Ending {
    pub fn as_str(self) -> &'static str {
        match self {
            Ending::Result => "result",
            Ending::Learning => "learning",
            Ending::TrailOff => "trail_off",
            Ending::Other => "other",
        }
    }
}

/// First-person subjects in the action sentences: who the listener hears acting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Ownership {
    pub i: usize,
    pub we: usize,
}

/// The story structure of one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Structure {
    /// Whether the answer was coached as a story about a past example: true when the question
    /// asks for one (or `settings.structure.checks` is `always`), false when it does not (or
    /// the checks are off), null when there was no question to judge.
    pub behavioural: Option<bool>,
    pub sentences: Vec<StorySentence>,
    pub share: Share,
    pub result_present: bool,
    /// Whether a result sentence states a number or a measure; null when there is no result.
    pub result_quantified: Option<bool>,
    pub ending: Ending,
    pub ownership: Ownership,
    /// When the first action sentence starts, in seconds from the start of the recording;
    /// null without times or without an action.
    pub first_action_s: Option<f64>,
}

impl Structure {
    /// Whether the story checks apply to this answer.
    pub fn coached(&self) -> bool {
        self.behavioural == Some(true)
    }
}

/// Analyses the story structure of an answer. `None` when there are no words.
pub fn analyze_structure(
    words: &[Word],
    question: Option<&Question>,
    settings: &StructureSettings,
) -> Option<Structure> {
    analyze_structure_with(words, question, settings, Some(model::Learned::shipped()))
}

/// `analyze_structure` with a chosen sentence model, or with the rules alone (`None`): for
/// measuring what the model adds, and for models trained with a labelled set left out.
pub fn analyze_structure_with(
    words: &[Word],
    question: Option<&Question>,
    settings: &StructureSettings,
    learned: Option<model::Learned>,
) -> Option<Structure> {
    let toks: Vec<Token> = tokens(words)
        .into_iter()
        .filter(|t| !t.norm.is_empty())
        .collect();
    if toks.is_empty() {
        return None;
    }
    let timed = has_times(words);
    let boundaries = learned.map_or(Boundaries::Off, |l| l.boundaries);
    let spans = sentences::split(&toks, timed, boundaries);
    let parts = classify::label(&toks, &spans, learned);
    let word_counts: Vec<usize> = spans.iter().map(|r| r.len()).collect();
    let total: usize = word_counts.iter().sum();

    let mut share = Share::default();
    for (part, n) in parts.iter().zip(&word_counts) {
        let f = *n as f64 / total as f64;
        match part {
            Part::Situation => share.situation += f,
            Part::Task => share.task += f,
            Part::Action => share.action += f,
            Part::Result => share.result += f,
            Part::Learning => share.learning += f,
            Part::Other => share.other += f,
        }
    }
    for v in [
        &mut share.situation,
        &mut share.task,
        &mut share.action,
        &mut share.result,
        &mut share.learning,
        &mut share.other,
    ] {
        *v = round3(*v);
    }

    let sentence_tokens = |i: usize| &toks[spans[i].clone()];
    let result_idx: Vec<usize> = (0..spans.len())
        .filter(|&i| parts[i] == Part::Result)
        .collect();
    let result_present = !result_idx.is_empty();
    let result_quantified = result_present.then(|| {
        result_idx
            .iter()
            .any(|&i| cues::states_quantity(sentence_tokens(i)))
    });
    let last = spans.len() - 1;
    let ending = if cues::is_trail_off(sentence_tokens(last)) {
        Ending::TrailOff
    } else {
        match parts[last] {
            Part::Result => Ending::Result,
            Part::Learning => Ending::Learning,
            _ => Ending::Other,
        }
    };
    let mut ownership = Ownership::default();
    for i in (0..spans.len()).filter(|&i| parts[i] == Part::Action) {
        let (i_count, we_count) = cues::first_person_subjects(sentence_tokens(i));
        ownership.i += i_count;
        ownership.we += we_count;
    }
    let first_action_s = if timed {
        (0..spans.len())
            .find(|&i| parts[i] == Part::Action)
            .map(|i| round2(toks[spans[i].start].word.start))
    } else {
        None
    };
    let sentences = spans
        .iter()
        .zip(&parts)
        .map(|(r, &part)| {
            let slice = &toks[r.clone()];
            StorySentence {
                start: timed.then(|| round2(slice[0].word.start)),
                end: timed.then(|| round2(slice[slice.len() - 1].word.end)),
                text: slice
                    .iter()
                    .map(|t| t.word.word.trim())
                    .collect::<Vec<_>>()
                    .join(" "),
                part,
            }
        })
        .collect();
    Some(Structure {
        behavioural: settings.checks.coaches(question),
        sentences,
        share,
        result_present,
        result_quantified,
        ending,
        ownership,
        first_action_s,
    })
}

/// Whether the words carry real times: a transcript read from plain text has none (all
/// zero), and then no time spans are reported rather than made-up ones.
fn has_times(words: &[Word]) -> bool {
    words
        .iter()
        .all(|w| w.start.is_finite() && w.end.is_finite())
        && words.iter().any(|w| w.end > 0.0)
}

#[cfg(test)]
mod tests;
