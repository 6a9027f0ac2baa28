//! One small progress chart per metric for the progress page: the takes in order along x, the
//! good zone shaded, the values joined by a line, the recent trend dashed, and each point a
//! link to its take's page. Inline SVG whose colours come from the page's stylesheet, so the
//! charts follow the light or dark theme.

use maud::{html, Markup};

use crate::history::entry::SessionEntry;
use crate::history::metric::Metric;
use crate::history::trend::{self, MIN_TREND_TAKES, TREND_WINDOW};

const W: f64 = 360.0;
const H: f64 = 150.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = W - 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 126.0;
/// Above this many takes points are drawn small, so the line stays readable.
const DENSE: usize = 60;

/// One take as the chart sees it.
pub struct ChartPoint<'a> {
    pub entry: &'a SessionEntry,
    /// Where its page is, when it has one.
    pub href: Option<&'a str>,
    /// When it was made, as the reader reads dates.
    pub when: &'a str,
}

/// The y range to draw: every value and the good zone, with a little room, from 0 for metrics
/// that count things.
fn y_range(metric: Metric, values: &[f64], zone: Option<(f64, f64)>) -> (f64, f64) {
    let mut lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if let Some((a, b)) = zone {
        lo = lo.min(a);
        hi = hi.max(b);
    }
    if !metric.has_target_band() {
        lo = 0.0;
    }
    if !lo.is_finite() {
        lo = 0.0;
    }
    // All values equal (or none): a range of one unit to draw them in.
    if !hi.is_finite() || hi <= lo {
        hi = lo + 1.0;
    }
    let pad = (hi - lo) * 0.08;
    let lo = if metric.has_target_band() {
        (lo - pad).max(0.0)
    } else {
        lo
    };
    (lo, hi + pad)
}

/// The chart of one metric over `points` (time order), drawn over the takes it applies to
/// (the story measures only over takes coached as a story).
pub fn metric_chart(metric: Metric, points: &[ChartPoint]) -> Markup {
    let (points, values): (Vec<&ChartPoint>, Vec<f64>) = points
        .iter()
        .filter_map(|p| metric.value(p.entry).map(|v| (p, v)))
        .unzip();
    let latest = points.last().map(|p| p.entry);
    let zone = latest
        .and_then(|e| metric.good_zone(e))
        .map(|z| (z.min, z.max));
    let (lo, hi) = y_range(metric, &values, zone);
    let n = values.len();
    let px = |i: usize| {
        if n <= 1 {
            (LEFT + RIGHT) / 2.0
        } else {
            LEFT + (RIGHT - LEFT) * i as f64 / (n - 1) as f64
        }
    };
    let py = |v: f64| BOTTOM - (BOTTOM - TOP) * ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
    let line: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| format!("{:.1},{:.1}", px(i), py(v)))
        .collect();
    // The fitted line over the recent takes, as `progress` judges the trend.
    let first_recent = n.saturating_sub(TREND_WINDOW);
    let recent = &values[first_recent..];
    let trend_line = (recent.len() >= MIN_TREND_TAKES)
        .then(|| trend::slope(recent))
        .flatten()
        .map(|slope| {
            let mean = recent.iter().sum::<f64>() / recent.len() as f64;
            let mid = (recent.len() - 1) as f64 / 2.0;
            let at = |k: usize| mean + slope * (k as f64 - mid);
            (
                px(first_recent),
                py(at(0)),
                px(n - 1),
                py(at(recent.len() - 1)),
            )
        });
    let radius = if n > DENSE { 1.8 } else { 3.2 };
    let first_when = points.first().map_or("", |p| p.when);
    let last_when = points.last().map_or("", |p| p.when);
    html! {
        svg.chart viewBox=(format!("0 0 {W} {H}")) role="img"
            aria-label=(format!("{} over {} takes", metric.axis_title(), n)) {
            @if let Some((a, b)) = zone {
                rect.zone x=(LEFT) y=(format!("{:.1}", py(b))) width=(RIGHT - LEFT)
                    height=(format!("{:.1}", (py(a) - py(b)).max(0.0))) {}
            }
            line.axis x1=(LEFT) x2=(RIGHT) y1=(BOTTOM) y2=(BOTTOM) {}
            text.tick x=(LEFT - 4.0) y=(TOP + 4.0) text-anchor="end" { (metric.format(hi)) }
            text.tick x=(LEFT - 4.0) y=(BOTTOM) text-anchor="end" { (metric.format(lo)) }
            text.tick x=(LEFT) y=(H - 6.0) text-anchor="start" { (first_when) }
            @if n > 1 {
                text.tick x=(RIGHT) y=(H - 6.0) text-anchor="end" { (last_when) }
            }
            polyline.series points=(line.join(" ")) {}
            @if let Some((x1, y1, x2, y2)) = trend_line {
                line.trend x1=(format!("{x1:.1}")) y1=(format!("{y1:.1}"))
                    x2=(format!("{x2:.1}")) y2=(format!("{y2:.1}")) {}
            }
            @for (i, p) in points.iter().enumerate() {
                @let dot = html! {
                    circle class=(format!("pt {}", p.entry.verdict.as_str()))
                        cx=(format!("{:.1}", px(i))) cy=(format!("{:.1}", py(values[i])))
                        r=(radius) {
                        title { (p.when) " · " (metric.format(values[i])) " · " (p.entry.question_text()) }
                    }
                };
                @match p.href {
                    Some(href) => a href=(href) { (dot) },
                    None => (dot),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::tests::entry;

    #[test]
    fn counts_start_at_zero_and_bands_include_their_zone() {
        assert_eq!(y_range(Metric::Hedges, &[2.0, 4.0], None).0, 0.0);
        let (lo, hi) = y_range(Metric::Duration, &[90.0], Some((60.0, 120.0)));
        assert!(
            lo < 60.0 && lo > 50.0 && hi > 120.0 && hi < 130.0,
            "{lo} {hi}"
        );
        // One value and no zone still gives a range to draw in.
        let (lo, hi) = y_range(Metric::Hedges, &[0.0], None);
        assert!(hi > lo);
    }

    #[test]
    fn points_link_to_pages_that_exist_and_the_trend_needs_three_takes() {
        let takes: Vec<SessionEntry> = (0..3)
            .map(|i| {
                entry(
                    &format!("20261126T04150{i}Z"),
                    90.0 + 10.0 * i as f64,
                    140.0,
                )
            })
            .collect();
        let hrefs = [Some("20261126T041500Z/review.html"), None, None];
        let points: Vec<ChartPoint> = takes
            .iter()
            .zip(hrefs)
            .map(|(e, href)| ChartPoint {
                entry: e,
                href,
                when: "2026-11-26",
            })
            .collect();
        let svg = metric_chart(Metric::Duration, &points).into_string();
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        assert_eq!(svg.matches("<a href=").count(), 1, "{svg}");
        assert!(
            svg.contains("href=\"20261126T041500Z/review.html\""),
            "{svg}"
        );
        assert!(svg.contains("class=\"trend\""), "{svg}");
        let two = metric_chart(Metric::Duration, &points[..2]).into_string();
        assert!(!two.contains("class=\"trend\""), "{two}");
    }
}
