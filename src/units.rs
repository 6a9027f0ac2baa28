//! The small value types and formats every part of rehearse shares: a stretch of a recording
//! (`Span`), a `min–max` window (`Range`, for time boxes and pace bands alike), the rounding the
//! report uses, and the one `m:ss` clock people see. Audio, transcription, analysis, history and
//! the commands all use these, so they belong to none of them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

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

// A time box in seconds or a band of words per minute. It prints as the user types it
// (`60-120`); `analysis::targets` parses it from the command line and the config file. The doc
// line below is the report schema's description of it, so it stays as published.
/// An inclusive `min–max` window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

impl Range {
    pub const fn new(min: f64, max: f64) -> Self {
        Range { min, max }
    }

    pub fn contains(&self, x: f64) -> bool {
        x >= self.min && x <= self.max
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", trim_float(self.min), trim_float(self.max))
    }
}

fn trim_float(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Seconds as `m:ss` ("1:07"), minutes counting on past 59 ("61:05"). The seconds are whole
/// seconds reached, as on a stopwatch: 59.6 s is `0:59`, the same as the live timer showed when
/// the take stopped, and an answer short of a one-minute box never reads `1:00`. Negative and
/// NaN show as `0:00`.
pub fn clock(seconds: f64) -> String {
    // To the millisecond first, so arithmetic noise (2.9999999 for 3) does not lose a second.
    let ms = if seconds.is_finite() && seconds > 0.0 {
        (seconds * 1000.0).round() as u64
    } else {
        0
    };
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_shows_whole_seconds_reached() {
        assert_eq!(clock(0.0), "0:00");
        assert_eq!(clock(67.4), "1:07");
        assert_eq!(clock(150.0), "2:30");
        assert_eq!(clock(59.6), "0:59");
        assert_eq!(clock(61.9), "1:01");
        assert_eq!(clock(3600.0), "60:00");
        assert_eq!(clock(3.0 - 1e-9), "0:03");
    }

    #[test]
    fn clock_shows_nothing_reached_as_zero() {
        assert_eq!(clock(-3.0), "0:00");
        assert_eq!(clock(f64::NAN), "0:00");
    }

    #[test]
    fn span_duration_is_never_negative() {
        assert_eq!(
            Span {
                start: 1.0,
                end: 3.5
            }
            .duration(),
            2.5
        );
        assert_eq!(
            Span {
                start: 3.0,
                end: 1.0
            }
            .duration(),
            0.0
        );
    }

    #[test]
    fn range_prints_as_typed() {
        assert_eq!(Range::new(60.0, 120.0).to_string(), "60-120");
        assert_eq!(Range::new(0.5, 2.0).to_string(), "0.5-2");
        assert!(Range::new(60.0, 120.0).contains(120.0));
        assert!(!Range::new(60.0, 120.0).contains(120.5));
    }
}
