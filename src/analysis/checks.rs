//! Pass/warn/fail checks: each metric judged against its target, with a message a person can act
//! on ("2:14 runs 14 s past your 2:00 maximum: tighten the middle"). A check whose metric is not
//! known (a transcript without times) is left out rather than judged on a guess.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{Metrics, Pause, Targets};
use crate::units::{clock, round1};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Check {
    /// Stable identifier: speech, duration, pace, fillers, long_pauses, latency, hedges, repetitions.
    pub id: String,
    pub status: Status,
    /// The measured value, in the unit of `target`.
    pub value: f64,
    /// The goal, human-readable ("60-120 s").
    pub target: String,
    pub message: String,
}

/// The worst status of all checks (a take with no checks passes).
pub fn overall(checks: &[Check]) -> Status {
    checks
        .iter()
        .map(|c| c.status)
        .max()
        .unwrap_or(Status::Pass)
}

pub(crate) fn check(
    id: &str,
    status: Status,
    value: f64,
    target: String,
    message: String,
) -> Check {
    Check {
        id: id.to_string(),
        status,
        value,
        target,
        message,
    }
}

pub fn run_checks(m: &Metrics, pauses: &[Pause], no_speech: bool, t: &Targets) -> Vec<Check> {
    if no_speech {
        return vec![check(
            "speech",
            Status::Fail,
            0.0,
            "speech".into(),
            "No speech detected: check that the microphone is on and not muted, or that this is \
             the right file."
                .into(),
        )];
    }
    let mut checks = Vec::new();
    // The time box is for one answer; a conversation's several answers are not judged as one.
    if let (Some(d), 1) = (m.duration_s, m.answers) {
        checks.push(duration(d, t));
    }
    if let Some(wpm) = m.wpm {
        checks.push(pace(wpm, m.articulation_wpm, t));
    }
    if let Some(rate) = m.fillers.per_minute {
        checks.push(fillers(m, rate, t));
    }
    if let Some(long) = &m.long_pauses {
        checks.push(long_pauses(pauses, long.estimated, t));
    }
    if let Some(latency) = m.response_latency_s {
        checks.push(self::latency(latency, t));
    }
    if let Some(d) = m.duration_s {
        checks.push(hedges(m, d, t));
    }
    checks.push(repetitions(m, t));
    checks
}

fn duration(d: f64, t: &Targets) -> Check {
    let (min, max, hard) = (t.duration_s.min, t.duration_s.max, t.hard_limit_s);
    let target = format!("{}-{} s", t.duration_s.min, t.duration_s.max);
    let window = format!("{}–{}", clock(min), clock(max));
    let (status, message) = if d > hard {
        (
            Status::Fail,
            format!(
                "{} is past the {} hard limit: cut at least {:.0} s; the interviewer has stopped \
                 listening by now.",
                clock(d),
                clock(hard),
                d - max
            ),
        )
    } else if d > max {
        (
            Status::Warn,
            format!(
                "{} runs {:.0} s past your {} window: tighten the middle and land the result sooner.",
                clock(d),
                d - max,
                window
            ),
        )
    } else if d < min {
        (
            Status::Warn,
            format!(
                "{} is {:.0} s short of your {} window: add the concrete result or what you learned.",
                clock(d),
                min - d,
                window
            ),
        )
    } else {
        (
            Status::Pass,
            format!("{} fits your {} window.", clock(d), window),
        )
    };
    check("duration", status, d, target, message)
}

fn pace(wpm: f64, articulation_wpm: Option<f64>, t: &Targets) -> Check {
    let band = t.pace_wpm;
    // Far outside the band (30 wpm or more) is a failure, just outside is a warning.
    let (status, message) = if wpm < band.min {
        let status = if wpm < band.min - 30.0 {
            Status::Fail
        } else {
            Status::Warn
        };
        let why = if articulation_wpm.is_some_and(|a| a >= band.min) {
            "you talk at a good speed but pauses drag the whole answer down"
        } else {
            "speed up a little and cut the dead air"
        };
        (
            status,
            format!("{wpm:.0} wpm is slower than {band} wpm: {why}."),
        )
    } else if wpm > band.max {
        let status = if wpm > band.max + 30.0 {
            Status::Fail
        } else {
            Status::Warn
        };
        (
            status,
            format!(
                "{wpm:.0} wpm is faster than {band} wpm: slow down and let key points land with a \
                 short pause."
            ),
        )
    } else {
        (Status::Pass, format!("{wpm:.0} wpm is inside {band} wpm."))
    };
    check("pace", status, wpm, format!("{band} wpm"), message)
}

fn top_counts(items: impl Iterator<Item = String>) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for item in items {
        *counts.entry(item).or_default() += 1;
    }
    let mut list: Vec<_> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list.iter()
        .take(4)
        .map(|(w, n)| format!("\"{w}\" ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn fillers(m: &Metrics, rate: f64, t: &Targets) -> Check {
    let f = &m.fillers;
    let target = format!("<= {} per min", t.fillers_per_minute_warn);
    let which = top_counts(
        f.by_word
            .iter()
            .flat_map(|(w, n)| std::iter::repeat_n(w.clone(), *n)),
    );
    let (status, message) = if f.total == 0 {
        (Status::Pass, "No filler words.".to_string())
    } else if rate <= t.fillers_per_minute_warn {
        (
            Status::Pass,
            format!("{} fillers, {rate:.1} per minute ({which}): fine.", f.total),
        )
    } else {
        let status = if rate > t.fillers_per_minute_fail {
            Status::Fail
        } else {
            Status::Warn
        };
        (
            status,
            format!(
                "{} fillers, {rate:.1} per minute ({which}): when you reach for one, pause \
                 silently instead.",
                f.total
            ),
        )
    };
    check("fillers", status, rate, target, message)
}

fn long_pauses(pauses: &[Pause], estimated: bool, t: &Targets) -> Check {
    let n = pauses.len();
    let target = format!(
        "< {} pauses of {} s or more",
        t.long_pauses_warn, t.long_pause_s
    );
    let list = pauses
        .iter()
        .take(4)
        .map(|p| format!("{:.1} s at {}", p.duration, clock(p.start)))
        .collect::<Vec<_>>()
        .join(", ");
    let (status, message) = if n < t.long_pauses_warn {
        (
            Status::Pass,
            format!("No pauses of {} s or more.", t.long_pause_s),
        )
    } else {
        let status = if n >= t.long_pauses_fail {
            Status::Fail
        } else {
            Status::Warn
        };
        let noun = if n == 1 { "long pause" } else { "long pauses" };
        let how = if estimated {
            ", from the transcript's times"
        } else {
            ""
        };
        (
            status,
            format!(
                "{n} {noun} ({list}{how}): know your next point before you finish the current one."
            ),
        )
    };
    check("long_pauses", status, n as f64, target, message)
}

fn latency(latency: f64, t: &Targets) -> Check {
    let target = format!("<= {} s", t.latency_warn_s);
    let (status, message) = if latency > t.latency_warn_s {
        (
            Status::Warn,
            format!("You took {latency:.1} s to start: open with your headline sentence."),
        )
    } else {
        (Status::Pass, format!("Started after {latency:.1} s."))
    };
    check("latency", status, latency, target, message)
}

fn hedges(m: &Metrics, duration_s: f64, t: &Targets) -> Check {
    let minutes = (duration_s / 60.0).max(1.0 / 60.0);
    let rate = m.hedges as f64 / minutes;
    let which = top_counts(m.hedge_list.iter().map(|h| h.text.clone()));
    let (status, message) = if m.hedges == 0 {
        (Status::Pass, "No hedging.".to_string())
    } else if rate <= t.hedges_per_minute_warn {
        (Status::Pass, format!("{} hedges ({which}).", m.hedges))
    } else {
        (
            Status::Warn,
            format!(
                "{} hedges, {rate:.1} per minute ({which}): say what you did and what happened, \
                 plainly.",
                m.hedges
            ),
        )
    };
    check(
        "hedges",
        status,
        round1(rate),
        format!("<= {} per min", t.hedges_per_minute_warn),
        message,
    )
}

fn repetitions(m: &Metrics, t: &Targets) -> Check {
    let n = m.repetitions;
    let which = top_counts(m.repetition_list.iter().map(|r| r.text.clone()));
    let (status, message) = if n == 0 {
        (Status::Pass, "No repeated words or restarts.".to_string())
    } else if n < t.repetitions_warn {
        (
            Status::Pass,
            format!("{n} repeated words or restarts ({which})."),
        )
    } else {
        (
            Status::Warn,
            format!(
                "{n} repeated words or restarts ({which}): slow down at the start of sentences."
            ),
        )
    };
    check(
        "repetitions",
        status,
        n as f64,
        format!("< {}", t.repetitions_warn),
        message,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{FillerMetrics, PauseMetrics};
    use crate::units::Range;

    fn metrics(duration: f64, words: usize, fillers: usize) -> Metrics {
        let minutes = duration / 60.0;
        Metrics {
            duration_s: Some(duration),
            speech_s: Some(duration * 0.8),
            word_count: words,
            wpm: Some(words as f64 / minutes),
            articulation_wpm: Some(words as f64 / (minutes * 0.8)),
            response_latency_s: Some(1.0),
            answers: 1,
            fillers: FillerMetrics {
                total: fillers,
                per_minute: Some(fillers as f64 / minutes),
                per_100_words: 0.0,
                by_word: [("um".to_string(), fillers)]
                    .into_iter()
                    .filter(|x| x.1 > 0)
                    .collect(),
            },
            openers: Default::default(),
            long_pauses: Some(PauseMetrics {
                count: 0,
                longest_s: 0.0,
                total_s: 0.0,
                estimated: false,
            }),
            repetitions: 0,
            hedges: 0,
            hedge_list: vec![],
            repetition_list: vec![],
        }
    }

    fn status_of(checks: &[Check], id: &str) -> Status {
        checks.iter().find(|c| c.id == id).unwrap().status
    }

    #[test]
    fn duration_window_and_hard_limit() {
        let t = Targets::default();
        let at = |d: f64| status_of(&run_checks(&metrics(d, 290, 0), &[], false, &t), "duration");
        assert_eq!(at(45.0), Status::Warn);
        assert_eq!(at(60.0), Status::Pass);
        assert_eq!(at(120.0), Status::Pass);
        assert_eq!(at(134.0), Status::Warn);
        assert_eq!(at(151.0), Status::Fail);
        let c = run_checks(&metrics(134.0, 290, 0), &[], false, &t);
        assert!(
            c[0].message.contains("2:14 runs 14 s past"),
            "{}",
            c[0].message
        );
    }

    #[test]
    fn pace_band_warns_then_fails_far_outside() {
        let t = Targets::default();
        let at = |words: usize| {
            status_of(
                &run_checks(&metrics(60.0, words, 0), &[], false, &t),
                "pace",
            )
        };
        assert_eq!(at(145), Status::Pass);
        assert_eq!(at(110), Status::Warn);
        assert_eq!(at(80), Status::Fail);
        assert_eq!(at(180), Status::Warn);
        assert_eq!(at(210), Status::Fail);
    }

    #[test]
    fn fillers_per_minute_thresholds() {
        let t = Targets::default();
        let at = |n: usize| {
            status_of(
                &run_checks(&metrics(60.0, 140, n), &[], false, &t),
                "fillers",
            )
        };
        assert_eq!(at(0), Status::Pass);
        assert_eq!(at(3), Status::Pass);
        assert_eq!(at(5), Status::Warn);
        assert_eq!(at(9), Status::Fail);
        let c = run_checks(&metrics(60.0, 140, 5), &[], false, &t);
        assert!(c[2].message.contains("\"um\" ×5"), "{}", c[2].message);
    }

    #[test]
    fn long_pauses_warn_and_fail_with_times_in_message() {
        let t = Targets::default();
        let p = |s: f64| Pause {
            start: s,
            end: s + 2.5,
            duration: 2.5,
        };
        let one = run_checks(&metrics(60.0, 140, 0), &[p(42.0)], false, &t);
        assert_eq!(status_of(&one, "long_pauses"), Status::Warn);
        assert!(
            one[3].message.contains("2.5 s at 0:42"),
            "{}",
            one[3].message
        );
        let three = run_checks(
            &metrics(60.0, 140, 0),
            &[p(1.0), p(9.0), p(20.0)],
            false,
            &t,
        );
        assert_eq!(status_of(&three, "long_pauses"), Status::Fail);
        assert_eq!(
            status_of(
                &run_checks(&metrics(60.0, 140, 0), &[], false, &t),
                "long_pauses"
            ),
            Status::Pass
        );
    }

    #[test]
    fn custom_targets_change_verdicts() {
        let t = Targets::default().with_duration(Range::new(30.0, 45.0));
        let c = run_checks(&metrics(50.0, 120, 0), &[], false, &t);
        assert_eq!(status_of(&c, "duration"), Status::Warn);
        assert_eq!(overall(&c), Status::Warn);
    }

    #[test]
    fn no_speech_is_one_failing_check() {
        let c = run_checks(&metrics(5.0, 0, 0), &[], true, &Targets::default());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].id, "speech");
        assert_eq!(overall(&c), Status::Fail);
    }
}
