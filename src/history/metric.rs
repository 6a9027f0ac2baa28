//! The metrics tracked across takes, and which way is "better" for each: lower for fillers,
//! long pauses, hedges and the story's set-up share; closer to the target band for duration and
//! pace (too short is as bad as too long); a stated result over none. Progress, compare and the
//! charts all judge through here. The story measures exist only for takes coached as stories,
//! so a metric's value can be missing for a take.

use serde::Serialize;

use super::entry::SessionEntry;
use crate::units::clock;
use crate::units::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    #[serde(rename = "duration_s")]
    Duration,
    Wpm,
    FillersPerMinute,
    LongPauses,
    Hedges,
    SetupShare,
    ResultPresent,
}

impl Metric {
    pub const ALL: [Metric; 7] = [
        Metric::Duration,
        Metric::Wpm,
        Metric::FillersPerMinute,
        Metric::LongPauses,
        Metric::Hedges,
        Metric::SetupShare,
        Metric::ResultPresent,
    ];

    /// The JSON key (matches the index entry's field).
    pub fn key(self) -> &'static str {
        match self {
            Metric::Duration => "duration_s",
            Metric::Wpm => "wpm",
            Metric::FillersPerMinute => "fillers_per_minute",
            Metric::LongPauses => "long_pauses",
            Metric::Hedges => "hedges",
            Metric::SetupShare => "setup_share",
            Metric::ResultPresent => "result_present",
        }
    }

    /// The row label in tables.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Duration => "duration",
            Metric::Wpm => "pace (wpm)",
            Metric::FillersPerMinute => "fillers/min",
            Metric::LongPauses => "long pauses",
            Metric::Hedges => "hedges",
            Metric::SetupShare => "story set-up",
            Metric::ResultPresent => "result stated",
        }
    }

    /// The y-axis title in charts.
    pub fn axis_title(self) -> &'static str {
        match self {
            Metric::Duration => "duration",
            Metric::Wpm => "words per minute",
            Metric::FillersPerMinute => "fillers per minute",
            Metric::LongPauses => "long pauses",
            Metric::Hedges => "hedges",
            Metric::SetupShare => "set-up share (situation and task)",
            Metric::ResultPresent => "result stated",
        }
    }

    /// The take's value, `None` where the metric does not apply (story measures of a take
    /// that was not coached as a story). A stated result counts 1, none 0.
    pub fn value(self, e: &SessionEntry) -> Option<f64> {
        Some(match self {
            Metric::Duration => e.duration_s,
            Metric::Wpm => e.wpm,
            Metric::FillersPerMinute => e.fillers_per_minute,
            Metric::LongPauses => e.long_pauses as f64,
            Metric::Hedges => e.hedges as f64,
            Metric::SetupShare => e.setup_share?,
            Metric::ResultPresent => f64::from(u8::from(e.result_present?)),
        })
    }

    /// True when the goal is a band to land in rather than "as low as possible".
    pub fn has_target_band(self) -> bool {
        matches!(self, Metric::Duration | Metric::Wpm)
    }

    /// The zone counted as good for this take, for shading charts: the time box, the pace band,
    /// or up to the warning threshold for counts and rates. Hedges are judged per minute by the
    /// checks, so a count has no fixed good zone.
    pub fn good_zone(self, e: &SessionEntry) -> Option<Range> {
        match self {
            Metric::Duration => Some(e.target),
            Metric::Wpm => Some(e.pace),
            Metric::FillersPerMinute => Some(Range::new(0.0, e.fillers_per_minute_warn)),
            // A take passes with fewer than `long_pauses_warn` pauses.
            Metric::LongPauses => Some(Range::new(
                0.0,
                e.long_pauses_warn.saturating_sub(1) as f64 + 0.5,
            )),
            Metric::Hedges | Metric::SetupShare | Metric::ResultPresent => None,
        }
    }

    /// How far a take is from good, with a tie-break: (distance outside the band, distance from
    /// the band's middle) for band metrics, (1 - value) for a stated result, (value, 0) for the
    /// rest. Lower is better. `None` where the metric does not apply.
    pub fn miss(self, e: &SessionEntry) -> Option<(f64, f64)> {
        let v = self.value(e)?;
        Some(match self {
            Metric::Duration => band_miss(v, e.target),
            Metric::Wpm => band_miss(v, e.pace),
            Metric::ResultPresent => (1.0 - v, 0.0),
            _ => (v, 0.0),
        })
    }

    /// Fitted change over the trend window smaller than this counts as steady: differences
    /// a person would not notice, or that one stumble causes.
    pub fn tolerance(self) -> f64 {
        match self {
            Metric::Duration => 5.0,
            Metric::Wpm => 5.0,
            Metric::FillersPerMinute => 0.5,
            Metric::LongPauses => 0.5,
            Metric::Hedges => 0.5,
            // Ten points of the answer moved between set-up and story.
            Metric::SetupShare => 0.1,
            Metric::ResultPresent => 0.5,
        }
    }

    /// The unit under the y axis of a chart.
    pub fn unit(self) -> &'static str {
        match self {
            Metric::Duration => "m:ss",
            Metric::Wpm => "wpm",
            Metric::FillersPerMinute => "per minute",
            Metric::LongPauses | Metric::Hedges => "count",
            Metric::SetupShare => "% of the words",
            Metric::ResultPresent => "1 = yes",
        }
    }

    /// A value as people read it: `1:47`, `143`, `2.4`, `3`, `42 %`, `yes`.
    pub fn format(self, v: f64) -> String {
        match self {
            Metric::Duration => clock(v),
            Metric::Wpm => format!("{v:.0}"),
            Metric::FillersPerMinute => format!("{v:.1}"),
            Metric::LongPauses | Metric::Hedges => format!("{v:.0}"),
            Metric::SetupShare => format!("{:.0} %", v * 100.0),
            Metric::ResultPresent if v >= 0.5 => "yes".to_string(),
            Metric::ResultPresent => "no".to_string(),
        }
    }

    /// A difference with its sign and unit: `-43 s`, `+22`, `-4.8`, `-12 pts`.
    pub fn format_delta(self, d: f64) -> String {
        let d = if d.abs() < 1e-9 { 0.0 } else { d };
        match self {
            Metric::Duration => format!("{d:+.0} s"),
            Metric::Wpm => format!("{d:+.0}"),
            Metric::FillersPerMinute => format!("{d:+.1}"),
            Metric::LongPauses | Metric::Hedges | Metric::ResultPresent => format!("{d:+.0}"),
            Metric::SetupShare => format!("{:+.0} pts", d * 100.0),
        }
    }

    /// A slope per take, with enough precision to be non-zero when it matters.
    pub fn format_slope(self, s: f64) -> String {
        let s = if s.abs() < 0.005 { 0.0 } else { s };
        match self {
            Metric::Duration => format!("{s:+.1} s/take"),
            Metric::Wpm => format!("{s:+.1}/take"),
            Metric::SetupShare => format!("{:+.1} pts/take", s * 100.0),
            _ => format!("{s:+.2}/take"),
        }
    }

    /// The band to mention next to a value ("target 1:00–2:00").
    pub fn describe_band(self, e: &SessionEntry) -> Option<String> {
        match self {
            Metric::Duration => Some(format!(
                "target {}–{}",
                clock(e.target.min),
                clock(e.target.max)
            )),
            Metric::Wpm => Some(format!("target {:.0}–{:.0} wpm", e.pace.min, e.pace.max)),
            _ => None,
        }
    }
}

fn band_miss(v: f64, band: Range) -> (f64, f64) {
    let outside = if v < band.min {
        band.min - v
    } else if v > band.max {
        v - band.max
    } else {
        0.0
    };
    (outside, (v - (band.min + band.max) / 2.0).abs())
}

/// Which of two takes did better on a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Better,
    Worse,
    Same,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Better => "better",
            Change::Worse => "worse",
            Change::Same => "same",
        }
    }
}

/// Judges `b` against `a`. Differences too small to matter (below a tenth of the metric's
/// tolerance, or the same rounded value) are "same", and so is a metric one of them lacks.
pub fn judge(metric: Metric, a: &SessionEntry, b: &SessionEntry) -> Change {
    let (Some(ma), Some(mb), Some(va), Some(vb)) = (
        metric.miss(a),
        metric.miss(b),
        metric.value(a),
        metric.value(b),
    ) else {
        return Change::Same;
    };
    let eps = metric.tolerance() / 10.0;
    if metric.format(va) == metric.format(vb) {
        return Change::Same;
    }
    let primary = mb.0 - ma.0;
    if primary.abs() > eps {
        return if primary < 0.0 {
            Change::Better
        } else {
            Change::Worse
        };
    }
    // Both inside the band (or equally outside): only band metrics have a tie-break, and being
    // nearer the middle is a mild improvement, not worth a mark either way.
    Change::Same
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::tests::entry;

    #[test]
    fn band_metrics_are_better_closer_to_the_band() {
        let too_long = entry("20261126T041502Z", 150.0, 140.0);
        let fits = entry("20261126T041503Z", 100.0, 140.0);
        let too_short = entry("20261126T041504Z", 40.0, 140.0);
        assert_eq!(judge(Metric::Duration, &too_long, &fits), Change::Better);
        assert_eq!(judge(Metric::Duration, &fits, &too_short), Change::Worse);
        // 150 s is 30 s over; 40 s is 20 s under: under is closer.
        assert_eq!(
            judge(Metric::Duration, &too_long, &too_short),
            Change::Better
        );
        let slow = entry("20261126T041505Z", 90.0, 100.0);
        let fast = entry("20261126T041506Z", 90.0, 200.0);
        assert_eq!(judge(Metric::Wpm, &slow, &fast), Change::Worse);
        assert_eq!(judge(Metric::Wpm, &fits, &fits), Change::Same);
    }

    #[test]
    fn counts_and_rates_are_better_lower() {
        let a = entry("20261126T041502Z", 90.0, 140.0);
        let mut b = a.clone();
        b.fillers_per_minute = 0.5;
        b.hedges = 4;
        assert_eq!(judge(Metric::FillersPerMinute, &a, &b), Change::Better);
        assert_eq!(judge(Metric::Hedges, &a, &b), Change::Worse);
        assert_eq!(judge(Metric::LongPauses, &a, &b), Change::Same);
    }

    #[test]
    fn formats() {
        assert_eq!(Metric::Duration.format(107.0), "1:47");
        assert_eq!(Metric::Duration.format_delta(-43.2), "-43 s");
        assert_eq!(Metric::Wpm.format_delta(22.4), "+22");
        assert_eq!(Metric::FillersPerMinute.format_delta(0.0), "+0.0");
        assert_eq!(Metric::Hedges.format_slope(-0.3333), "-0.33/take");
        let e = entry("20261126T041502Z", 90.0, 140.0);
        assert_eq!(
            Metric::Duration.describe_band(&e).unwrap(),
            "target 1:00–2:00"
        );
        assert_eq!(Metric::LongPauses.good_zone(&e), Some(Range::new(0.0, 0.5)));
        assert_eq!(Metric::Hedges.good_zone(&e), None);
        assert_eq!(Metric::SetupShare.format(0.424), "42 %");
        assert_eq!(Metric::SetupShare.format_delta(-0.12), "-12 pts");
        assert_eq!(Metric::ResultPresent.format(1.0), "yes");
        assert_eq!(Metric::ResultPresent.format(0.0), "no");
    }

    #[test]
    fn story_measures_apply_to_story_takes_only() {
        let plain = entry("20261126T041502Z", 90.0, 140.0);
        assert_eq!(Metric::SetupShare.value(&plain), None);
        assert_eq!(Metric::ResultPresent.miss(&plain), None);
        let mut story = plain.clone();
        story.setup_share = Some(0.62);
        story.result_present = Some(false);
        let mut better = story.clone();
        better.setup_share = Some(0.35);
        better.result_present = Some(true);
        assert_eq!(judge(Metric::SetupShare, &story, &better), Change::Better);
        assert_eq!(
            judge(Metric::ResultPresent, &story, &better),
            Change::Better
        );
        assert_eq!(judge(Metric::ResultPresent, &better, &story), Change::Worse);
        assert_eq!(judge(Metric::SetupShare, &plain, &story), Change::Same);
    }
}
