//! Progress statistics: for each metric the first, best and latest take and the recent trend,
//! over all takes and per question. Pure numbers; `commands::progress` prints them and
//! `history::plot` draws them.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::collections::HashMap;

use super::entry::SessionEntry;
use super::metric::Metric;
use super::when::entry_time;
use crate::analysis::Status;
use crate::units::Range;

/// The trend is fitted over the most recent takes: how someone is doing lately matters more
/// than where they started months ago (first and best show that).
pub const TREND_WINDOW: usize = 10;
/// Fewer takes than this make no trend worth naming.
pub const MIN_TREND_TAKES: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Improving,
    Worsening,
    Steady,
    TooFewTakes,
}

impl Trend {
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Improving => "improving",
            Trend::Worsening => "worsening",
            Trend::Steady => "steady",
            Trend::TooFewTakes => "too few takes",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub id: String,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricStats {
    pub first: Point,
    pub best: Point,
    pub latest: Point,
    /// Least-squares slope of the value per take over the last `trend_takes` takes.
    pub slope_per_take: Option<f64>,
    /// Judged on the distance from the goal, so for duration and pace a move into the target
    /// band is improving whichever way the number went.
    pub trend: Trend,
    pub trend_takes: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdicts {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupStats {
    /// The question's text; `None` for the overall group (and for free-practice takes, whose
    /// group `label` says so).
    pub question: Option<String>,
    pub label: String,
    pub takes: usize,
    pub first_at: Option<String>,
    pub latest_at: Option<String>,
    /// The latest take's time box and pace band.
    pub target: Range,
    pub pace: Range,
    pub verdicts: Verdicts,
    #[serde(serialize_with = "metrics_as_map")]
    pub metrics: Vec<(Metric, MetricStats)>,
}

impl GroupStats {
    pub fn get(&self, m: Metric) -> Option<&MetricStats> {
        self.metrics.iter().find(|(k, _)| *k == m).map(|(_, s)| s)
    }
}

/// `{"duration_s": {...}, "wpm": {...}, ...}` in the fixed metric order.
fn metrics_as_map<S: Serializer>(
    metrics: &[(Metric, MetricStats)],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(metrics.len()))?;
    for (m, stats) in metrics {
        map.serialize_entry(m.key(), stats)?;
    }
    map.end()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub overall: Option<GroupStats>,
    /// One group per question, the most recently practised first.
    pub questions: Vec<GroupStats>,
}

/// Least-squares slope of `ys` against 0, 1, 2, … (`None` for fewer than two points).
pub fn slope(ys: &[f64]) -> Option<f64> {
    let n = ys.len();
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let mean_x = (nf - 1.0) / 2.0;
    let mean_y = ys.iter().sum::<f64>() / nf;
    let (mut num, mut den) = (0.0, 0.0);
    for (i, y) in ys.iter().enumerate() {
        let dx = i as f64 - mean_x;
        num += dx * (y - mean_y);
        den += dx * dx;
    }
    Some(num / den)
}

/// Judges a series of "distance from the goal" values (lower is better).
pub fn judge_trend(misses: &[f64], tolerance: f64) -> Trend {
    if misses.len() < MIN_TREND_TAKES {
        return Trend::TooFewTakes;
    }
    let Some(s) = slope(misses) else {
        return Trend::TooFewTakes;
    };
    // The change the fitted line makes across the window, in the metric's own unit.
    let change = s * (misses.len() - 1) as f64;
    if change < -tolerance {
        Trend::Improving
    } else if change > tolerance {
        Trend::Worsening
    } else {
        Trend::Steady
    }
}

/// Statistics for one metric over the takes (in time order) it applies to; `None` when it
/// applies to none.
pub fn metric_stats(metric: Metric, takes: &[&SessionEntry]) -> Option<MetricStats> {
    let takes: Vec<&SessionEntry> = takes
        .iter()
        .copied()
        .filter(|e| metric.value(e).is_some())
        .collect();
    let first = takes.first()?;
    let latest = takes.last()?;
    // Every take left has a value and a miss.
    let value = |e: &SessionEntry| metric.value(e).unwrap_or_default();
    let miss = |e: &SessionEntry| metric.miss(e).unwrap_or_default();
    let point = |e: &SessionEntry| Point {
        id: e.id.clone(),
        value: value(e),
    };
    // The best is the take nearest the goal; among equals, the most recent.
    let best = takes
        .iter()
        .rev()
        .min_by(|a, b| {
            miss(a)
                .partial_cmp(&miss(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .copied()?;
    let window = &takes[takes.len().saturating_sub(TREND_WINDOW)..];
    let values: Vec<f64> = window.iter().map(|e| value(e)).collect();
    let misses: Vec<f64> = window.iter().map(|e| miss(e).0).collect();
    let trend = judge_trend(&misses, metric.tolerance());
    Some(MetricStats {
        first: point(first),
        best: point(best),
        latest: point(latest),
        slope_per_take: if window.len() >= MIN_TREND_TAKES {
            slope(&values).map(|s| (s * 1000.0).round() / 1000.0)
        } else {
            None
        },
        trend,
        trend_takes: window.len(),
    })
}

/// Statistics for a group of takes in time order.
pub fn group_stats(label: &str, question: Option<&str>, takes: &[&SessionEntry]) -> GroupStats {
    let mut verdicts = Verdicts {
        pass: 0,
        warn: 0,
        fail: 0,
    };
    for e in takes {
        match e.verdict {
            Status::Pass => verdicts.pass += 1,
            Status::Warn => verdicts.warn += 1,
            Status::Fail => verdicts.fail += 1,
        }
    }
    let at = |e: Option<&&SessionEntry>| e.map(|e| e.created_at.clone());
    let latest = takes.last();
    GroupStats {
        question: question.map(str::to_string),
        label: label.to_string(),
        takes: takes.len(),
        first_at: at(takes.first()),
        latest_at: at(latest),
        target: latest.map_or(crate::analysis::Targets::default().duration_s, |e| e.target),
        pace: latest.map_or(crate::analysis::Targets::default().pace_wpm, |e| e.pace),
        verdicts,
        metrics: Metric::ALL
            .iter()
            .filter_map(|&m| metric_stats(m, takes).map(|s| (m, s)))
            .collect(),
    }
}

/// Questions are grouped by their text, ignoring case and surrounding space.
pub fn question_key(e: &SessionEntry) -> String {
    e.question
        .as_deref()
        .map(|q| q.trim().to_lowercase())
        .unwrap_or_default()
}

/// Takes of each question, the most recently practised question first.
pub fn by_question(takes: &[SessionEntry]) -> Vec<(String, Option<String>, Vec<&SessionEntry>)> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<&SessionEntry>> = HashMap::new();
    for e in takes {
        let key = question_key(e);
        let g = groups.entry(key.clone()).or_default();
        if g.is_empty() {
            order.push(key);
        }
        g.push(e);
    }
    let mut out: Vec<_> = order
        .into_iter()
        .filter_map(|k| groups.remove(&k))
        .map(|g| {
            // Label with the latest spelling of the question.
            let last = g[g.len() - 1];
            let label = last.question_text().to_string();
            let question = last.question.clone().filter(|q| !q.trim().is_empty());
            (label, question, g)
        })
        .collect();
    out.sort_by_key(|(_, _, g)| std::cmp::Reverse(takes_position(takes, g)));
    out
}

fn takes_position(all: &[SessionEntry], group: &[&SessionEntry]) -> usize {
    // Entries are in time order, so the position of a group's last take orders by recency.
    let last = group[group.len() - 1];
    all.iter().rposition(|e| std::ptr::eq(e, last)).unwrap_or(0)
}

/// Everything `progress` shows, for takes in time order.
pub fn progress(takes: &[SessionEntry]) -> Progress {
    if takes.is_empty() {
        return Progress {
            overall: None,
            questions: Vec::new(),
        };
    }
    let all: Vec<&SessionEntry> = takes.iter().collect();
    Progress {
        overall: Some(group_stats("All takes", None, &all)),
        questions: by_question(takes)
            .into_iter()
            .map(|(label, q, g)| group_stats(&label, q.as_deref(), &g))
            .collect(),
    }
}

/// The first and latest dates of a group, for headings (`None` when unknown).
pub fn span_dates(takes: &[&SessionEntry]) -> Option<(time::OffsetDateTime, time::OffsetDateTime)> {
    let first = entry_time(takes.first()?)?;
    let last = entry_time(takes.last()?)?;
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::tests::entry;

    #[test]
    fn slope_is_least_squares() {
        assert_eq!(slope(&[]), None);
        assert_eq!(slope(&[3.0]), None);
        assert_eq!(slope(&[1.0, 3.0]), Some(2.0));
        assert!((slope(&[1.0, 2.0, 3.0, 4.0]).unwrap() - 1.0).abs() < 1e-12);
        assert!((slope(&[5.0, 5.0, 5.0]).unwrap()).abs() < 1e-12);
        // Hand-computed: Σdx·dy = -2.7 over Σdx² = 5.
        let ys = [10.1, 9.4, 9.1, 8.4];
        assert!(
            (slope(&ys).unwrap() + 0.54).abs() < 1e-9,
            "{:?}",
            slope(&ys)
        );
    }

    #[test]
    fn trend_needs_three_takes_and_a_real_change() {
        assert_eq!(judge_trend(&[5.0, 1.0], 0.5), Trend::TooFewTakes);
        assert_eq!(judge_trend(&[5.0, 4.0, 3.0], 0.5), Trend::Improving);
        assert_eq!(judge_trend(&[3.0, 4.0, 5.0], 0.5), Trend::Worsening);
        assert_eq!(judge_trend(&[3.0, 3.2, 3.1], 0.5), Trend::Steady);
    }

    fn series(durations: &[f64], wpms: &[f64]) -> Vec<SessionEntry> {
        durations
            .iter()
            .zip(wpms)
            .enumerate()
            .map(|(i, (&d, &w))| entry(&format!("20261126T0415{i:02}Z"), d, w))
            .collect()
    }

    #[test]
    fn duration_into_the_band_is_improving_from_either_side() {
        let shrinking = series(&[170.0, 150.0, 130.0, 110.0], &[140.0; 4]);
        let refs: Vec<&SessionEntry> = shrinking.iter().collect();
        let s = metric_stats(Metric::Duration, &refs).unwrap();
        assert_eq!(s.trend, Trend::Improving);
        assert!(s.slope_per_take.unwrap() < 0.0);
        assert_eq!(s.first.value, 170.0);
        assert_eq!(s.latest.value, 110.0);
        assert_eq!(s.best.value, 110.0);

        let growing = series(&[20.0, 35.0, 50.0, 65.0], &[140.0; 4]);
        let refs: Vec<&SessionEntry> = growing.iter().collect();
        let s = metric_stats(Metric::Duration, &refs).unwrap();
        assert_eq!(s.trend, Trend::Improving);
        assert!(s.slope_per_take.unwrap() > 0.0);

        // Pace racing past the band is worsening even though the number grows.
        let racing = series(&[90.0; 4], &[160.0, 180.0, 200.0, 220.0]);
        let refs: Vec<&SessionEntry> = racing.iter().collect();
        assert_eq!(
            metric_stats(Metric::Wpm, &refs).unwrap().trend,
            Trend::Worsening
        );
    }

    #[test]
    fn best_prefers_the_band_middle_then_the_latest() {
        let takes = series(&[130.0, 95.0, 61.0, 90.0], &[140.0; 4]);
        let refs: Vec<&SessionEntry> = takes.iter().collect();
        let s = metric_stats(Metric::Duration, &refs).unwrap();
        assert_eq!(s.best.value, 90.0, "90 s is the middle of 60-120");
        let same = series(&[1.0; 3], &[140.0; 3]);
        let refs: Vec<&SessionEntry> = same.iter().collect();
        let s = metric_stats(Metric::Hedges, &refs).unwrap();
        assert_eq!(s.best.id, same[2].id);
    }

    #[test]
    fn trend_uses_only_the_recent_window() {
        // Worse and worse for 20 takes, then 10 steadily better.
        let mut fillers: Vec<f64> = (0..20).map(|i| i as f64 * 0.5).collect();
        fillers.extend((0..10).map(|i| 9.0 - i as f64 * 0.8));
        let takes: Vec<SessionEntry> = fillers
            .iter()
            .enumerate()
            .map(|(i, &f)| {
                let mut e = entry(&format!("20261126T04{:02}00Z", i), 90.0, 140.0);
                e.fillers_per_minute = f;
                e
            })
            .collect();
        let refs: Vec<&SessionEntry> = takes.iter().collect();
        let s = metric_stats(Metric::FillersPerMinute, &refs).unwrap();
        assert_eq!(s.trend_takes, TREND_WINDOW);
        assert_eq!(s.trend, Trend::Improving);
        assert_eq!(s.slope_per_take, Some(-0.8));
        assert_eq!(s.best.value, 0.0);
    }

    #[test]
    fn groups_by_question_most_recent_first() {
        let mut takes = series(&[90.0; 4], &[140.0; 4]);
        takes[0].question = Some("Why us?".into());
        takes[1].question = Some("Tell me about a failure".into());
        takes[2].question = Some("  why US? ".into());
        takes[3].question = Some("Tell me about a failure".into());
        let p = progress(&takes);
        assert_eq!(p.overall.as_ref().unwrap().takes, 4);
        let labels: Vec<_> = p
            .questions
            .iter()
            .map(|g| (g.label.as_str(), g.takes))
            .collect();
        assert_eq!(labels, [("Tell me about a failure", 2), ("why US?", 2)]);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json["overall"]["metrics"]["duration_s"]["latest"]["value"],
            90.0
        );
        assert_eq!(json["overall"]["verdicts"]["warn"], 4);
    }
}
