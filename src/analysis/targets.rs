//! The goals a take is judged against: its time box, pace band and the thresholds for fillers,
//! pauses and hedges. Defaults follow common coaching practice: one to two minutes for a
//! behavioural (STAR) answer, 120–170 words a minute (between the ranges speech coaches give),
//! fillers well under the rate listeners stop tolerating (about 12 a minute), and silences of a
//! few seconds, which read as lost. Every one can be set from the config file or a flag.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use super::fillers::{FillerListError, FillerSettings};
use super::structure::{StructureSettings, StructureSettingsError};
use crate::units::Range;

/// A time or a window that does not read; the message quotes the value and the forms that do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("'{0}' is not a time: use seconds (90) or minutes:seconds (1:30)")]
    NotATime(String),
    #[error("'{0}': the minimum is larger than the maximum")]
    Reversed(String),
}

/// Parses `60-120`, `1:00-2:00` or `90` style windows; a single value means "at most that".
impl FromStr for Range {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (min, max) = match s.split_once(['-', '–']) {
            Some((a, b)) => (parse_seconds(a)?, parse_seconds(b)?),
            None => (0.0, parse_seconds(s)?),
        };
        if min > max {
            return Err(TimeError::Reversed(s.to_string()));
        }
        Ok(Range { min, max })
    }
}

/// Parses seconds as `90`, `90s`, `1.5` or `m:ss` (`1:30`).
pub fn parse_seconds(s: &str) -> Result<f64, TimeError> {
    let s = s.trim();
    let bad = || TimeError::NotATime(s.to_string());
    let value = if let Some((m, sec)) = s.split_once(':') {
        let m: f64 = m.trim().parse().map_err(|_| bad())?;
        let sec: f64 = sec.trim().parse().map_err(|_| bad())?;
        if !(0.0..60.0).contains(&sec) {
            return Err(bad());
        }
        m * 60.0 + sec
    } else {
        s.trim_end_matches('s').trim().parse().map_err(|_| bad())?
    };
    if !value.is_finite() || value < 0.0 {
        return Err(bad());
    }
    Ok(value)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Targets {
    /// The answer's time box in seconds.
    pub duration_s: Range,
    /// Past this the answer fails the duration check outright.
    pub hard_limit_s: f64,
    /// Comfortable pace in words per minute (whole take).
    pub pace_wpm: Range,
    /// A silence at least this long inside the answer is a long pause.
    pub long_pause_s: f64,
    /// Fillers per minute above which the filler check warns, and above which it fails.
    pub fillers_per_minute_warn: f64,
    pub fillers_per_minute_fail: f64,
    /// Long pauses allowed before a warning, and before a failure.
    pub long_pauses_warn: usize,
    pub long_pauses_fail: usize,
    /// Seconds to the first word above which the start is flagged as slow.
    pub latency_warn_s: f64,
    /// Hedges per minute above which the hedge check warns.
    pub hedges_per_minute_warn: f64,
    /// Repetitions and restarts allowed before a warning.
    pub repetitions_warn: usize,
    /// When answers are coached as stories, and the story checks' thresholds.
    pub structure: StructureSettings,
    /// The user's own filler list: words counted besides the built-in ones, and built-in ones
    /// not counted.
    pub fillers: FillerSettings,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            duration_s: Range::new(60.0, 120.0),
            hard_limit_s: 150.0,
            pace_wpm: Range::new(120.0, 170.0),
            long_pause_s: 2.0,
            fillers_per_minute_warn: 3.0,
            fillers_per_minute_fail: 6.0,
            long_pauses_warn: 1,
            long_pauses_fail: 3,
            latency_warn_s: 3.0,
            hedges_per_minute_warn: 2.0,
            repetitions_warn: 3,
            structure: StructureSettings::default(),
            fillers: FillerSettings::default(),
        }
    }
}

impl Targets {
    /// Sets a new time box; the hard limit moves with it so it stays past the maximum
    /// (25 % over, as in the default 120 → 150 s).
    pub fn with_duration(mut self, window: Range) -> Self {
        self.duration_s = window;
        self.hard_limit_s = (window.max * 1.25).max(window.max + 10.0);
        self
    }

    /// Checks that the targets make sense together; the message names the setting.
    pub fn validate(&self) -> Result<(), TargetsError> {
        // NaN would pass every comparison below (and turn its check off); a saved report
        // would also not read back, since JSON has no NaN.
        let numbers = [
            self.duration_s.min,
            self.duration_s.max,
            self.hard_limit_s,
            self.pace_wpm.min,
            self.pace_wpm.max,
            self.long_pause_s,
            self.fillers_per_minute_warn,
            self.fillers_per_minute_fail,
            self.latency_warn_s,
            self.hedges_per_minute_warn,
        ];
        if numbers.iter().any(|v| !v.is_finite()) {
            return Err(TargetsError::NotFinite);
        }
        if self.duration_s.max <= 0.0 {
            return Err(TargetsError::NoTimeBox(self.duration_s));
        }
        if self.hard_limit_s < self.duration_s.max {
            return Err(TargetsError::HardLimitInsideTimeBox {
                hard_limit: self.hard_limit_s,
                max: self.duration_s.max,
            });
        }
        if self.pace_wpm.max <= 0.0 {
            return Err(TargetsError::NoPace(self.pace_wpm));
        }
        if self.long_pause_s <= 0.0 {
            return Err(TargetsError::LongPause(self.long_pause_s));
        }
        if self.fillers_per_minute_fail < self.fillers_per_minute_warn {
            return Err(TargetsError::FillerThresholds);
        }
        self.structure.validate()?;
        self.fillers.validate()?;
        Ok(())
    }
}

/// Targets that do not make sense together; each message names the setting and its value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TargetsError {
    #[error("every target must be a finite number")]
    NotFinite,
    #[error("target {0} has no length: use e.g. 60-120")]
    NoTimeBox(Range),
    #[error("hard limit {hard_limit} s is below the target maximum {max} s")]
    HardLimitInsideTimeBox { hard_limit: f64, max: f64 },
    #[error("pace {0} wpm has no width: use e.g. 120-170")]
    NoPace(Range),
    #[error("long pause threshold {0} s must be above 0")]
    LongPause(f64),
    #[error("fillers_per_minute_fail is below fillers_per_minute_warn")]
    FillerThresholds,
    #[error(transparent)]
    Structure(#[from] StructureSettingsError),
    #[error(transparent)]
    Fillers(#[from] FillerListError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges_in_seconds_and_minutes() {
        assert_eq!("60-120".parse::<Range>().unwrap(), Range::new(60.0, 120.0));
        assert_eq!(
            "1:00-2:00".parse::<Range>().unwrap(),
            Range::new(60.0, 120.0)
        );
        assert_eq!(
            "1:30 - 2:30".parse::<Range>().unwrap(),
            Range::new(90.0, 150.0)
        );
        assert_eq!("90".parse::<Range>().unwrap(), Range::new(0.0, 90.0));
        assert_eq!("45s-90s".parse::<Range>().unwrap(), Range::new(45.0, 90.0));
    }

    #[test]
    fn rejects_bad_ranges_with_the_value_in_the_message() {
        let err = "120-60".parse::<Range>().unwrap_err();
        assert_eq!(err, TimeError::Reversed("120-60".into()));
        assert_eq!(
            err.to_string(),
            "'120-60': the minimum is larger than the maximum"
        );
        assert_eq!(
            "abc".parse::<Range>().unwrap_err().to_string(),
            "'abc' is not a time: use seconds (90) or minutes:seconds (1:30)"
        );
        assert_eq!(
            "1:75".parse::<Range>(),
            Err(TimeError::NotATime("1:75".into()))
        );
        // "-5" splits at its dash: the empty minimum is what does not read.
        assert_eq!("-5".parse::<Range>(), Err(TimeError::NotATime("".into())));
    }

    #[test]
    fn hard_limit_follows_a_new_time_box() {
        let t = Targets::default().with_duration(Range::new(90.0, 150.0));
        assert!(t.hard_limit_s > 150.0);
        assert!(t.validate().is_ok());
        let small = Targets::default().with_duration(Range::new(10.0, 20.0));
        assert_eq!(small.hard_limit_s, 30.0);
    }

    #[test]
    fn non_finite_targets_are_invalid() {
        let t = Targets {
            long_pause_s: f64::NAN,
            ..Targets::default()
        };
        assert_eq!(t.validate(), Err(TargetsError::NotFinite));
    }

    #[test]
    fn default_targets_are_valid() {
        assert!(Targets::default().validate().is_ok());
        assert_eq!(
            Targets::default().to_owned().duration_s.to_string(),
            "60-120"
        );
    }
}
