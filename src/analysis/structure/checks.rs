//! The four story checks (`result`, `setup`, `ending`, `ownership`), each with a message a
//! person can act on. They run only for answers coached as stories (see
//! `Structure::coached`): a "why this company" answer has no result to miss.

use super::cues::states_quantity;
use super::{Ending, Part, Structure, StructureSettings};
use crate::analysis::checks::{check, Check, Status};
use crate::analysis::context::tokens;
use crate::transcript::Word;
use crate::units::{clock, round2};

/// The story checks for an answer, empty when it is not coached as a story.
pub fn story_checks(s: &Structure, settings: &StructureSettings) -> Vec<Check> {
    if !s.coached() {
        return Vec::new();
    }
    vec![
        result(s, settings),
        setup(s, settings),
        ending(s),
        ownership(s, settings),
    ]
}

/// The last sentence with this part, quoted and shortened for a message.
fn quote(s: &Structure, part: Part) -> Option<String> {
    let text = s
        .sentences
        .iter()
        .rev()
        .find(|x| x.part == part)?
        .text
        .trim();
    Some(quoted(text))
}

/// The result sentence a passing `result` check quotes: the last one that states the measure
/// it praises ("We shipped refunds two weeks early…", not the "Sarah and I still work
/// together." told after it), else the last result sentence.
fn quote_measured_result(s: &Structure) -> Option<String> {
    let states_a_measure = |text: &str| {
        let words: Vec<Word> = text.split_whitespace().map(Word::untimed).collect();
        states_quantity(&tokens(&words))
    };
    s.sentences
        .iter()
        .rev()
        .find(|x| x.part == Part::Result && states_a_measure(&x.text))
        .map(|x| quoted(x.text.trim()))
        .or_else(|| quote(s, Part::Result))
}

/// The text in quotes, cut after about 60 characters at a word boundary.
fn quoted(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return format!("“{text}”");
    }
    let mut cut = String::new();
    for word in text.split_whitespace() {
        if !cut.is_empty() && cut.chars().count() + 1 + word.chars().count() > MAX {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    format!("“{}…”", cut.trim_end_matches([',', ';', ':']))
}

/// Value: 0 no result, 1 a result without a number, 2 a result with one.
fn result(s: &Structure, settings: &StructureSettings) -> Check {
    let target = if settings.result_number {
        "a result with a number or measure"
    } else {
        "a result"
    }
    .to_string();
    let quantified = s.result_quantified == Some(true);
    let said = quote(s, Part::Result).unwrap_or_default();
    let (status, value, message) = if !s.result_present {
        (
            Status::Warn,
            0.0,
            "No result: the answer never says how it ended. Add a sentence on what changed, for \
             whom, and by how much."
                .to_string(),
        )
    } else if quantified {
        let said = quote_measured_result(s).unwrap_or(said);
        (Status::Pass, 2.0, format!("Result with a measure: {said}."))
    } else if settings.result_number {
        (
            Status::Warn,
            1.0,
            format!(
                "The result has no number ({said}): say how much changed: time saved, a \
                 percentage, customers, money."
            ),
        )
    } else {
        (Status::Pass, 1.0, format!("Result stated: {said}."))
    };
    check("result", status, value, target, message)
}

/// Value: the share of words spent on situation and task (0–1).
fn setup(s: &Structure, settings: &StructureSettings) -> Check {
    let share = s.share.setup();
    let percent = |x: f64| format!("{:.0} %", x * 100.0);
    let target = format!("<= {} of the words", percent(settings.setup_share_warn));
    let answer_start = s.sentences.first().and_then(|x| x.start);
    let reach = match (s.first_action_s, answer_start) {
        (Some(at), Some(start)) => Some(format!(
            "the first action comes {:.0} s in (at {})",
            (at - start).max(0.0),
            clock(at)
        )),
        _ => None,
    };
    let has_action = s.sentences.iter().any(|x| x.part == Part::Action);
    let (status, message) = if share > settings.setup_share_warn {
        let when = match (&reach, has_action) {
            (_, false) => ", and no sentence says what you did".to_string(),
            (Some(r), true) => format!(", and {r}"),
            (None, true) => String::new(),
        };
        (
            Status::Warn,
            format!(
                "Set-up (situation and task) is {} of the answer{when}: keep the background to \
                 two or three sentences and get to what you did.",
                percent(share)
            ),
        )
    } else {
        let when = reach.map(|r| format!("; {r}")).unwrap_or_default();
        (
            Status::Pass,
            format!("Set-up is {} of the answer{when}.", percent(share)),
        )
    };
    check("setup", status, round2(share), target, message)
}

/// Value: 1 when the answer trails off, 0 otherwise.
fn ending(s: &Structure) -> Check {
    let target = "ends on a result or a learning".to_string();
    let last = s.sentences.last();
    let last_text = last.map(|x| quoted(x.text.trim())).unwrap_or_default();
    let (status, value, message) = match s.ending {
        Ending::TrailOff => (
            Status::Warn,
            1.0,
            format!(
                "Ends on a trail-off ({last_text}): finish on your result or what you learned, \
                 then stop talking."
            ),
        ),
        Ending::Result => (Status::Pass, 0.0, "Ends on the result.".to_string()),
        Ending::Learning => (Status::Pass, 0.0, "Ends on what you learned.".to_string()),
        Ending::Other => {
            let part = last.map_or("an aside", |x| match x.part {
                Part::Situation => "the situation",
                Part::Task => "the task",
                Part::Action => "an action",
                _ => "an aside",
            });
            (
                Status::Pass,
                0.0,
                format!("Ends on {part}; closing on the result or the lesson lands better."),
            )
        }
    };
    check("ending", status, value, target, message)
}

/// Value: how many times "we" is the subject in the action sentences.
fn ownership(s: &Structure, settings: &StructureSettings) -> Check {
    let (i, we) = (s.ownership.i, s.ownership.we);
    let times = |n: usize| match n {
        0 => "not once".to_string(),
        1 => "once".to_string(),
        n => format!("{n} times"),
    };
    let target = format!(
        "\"we\" under {}× \"I\" in the actions",
        settings.ownership_ratio
    );
    let (status, message) = if settings.we_dominates(i, we) {
        (
            Status::Warn,
            format!(
                "\"We\" {}, \"I\" {} in what was done: the interviewer is hiring you, so say what \
                 you did yourself (\"I wrote…\", \"I convinced…\").",
                times(we),
                times(i)
            ),
        )
    } else if i + we == 0 {
        (
            Status::Pass,
            "No \"I\" or \"we\" in the actions to judge.".to_string(),
        )
    } else {
        (
            Status::Pass,
            format!(
                "\"I\" {}, \"we\" {} in the actions: clear about your part.",
                times(i),
                times(we)
            ),
        )
    };
    check("ownership", status, we as f64, target, message)
}
