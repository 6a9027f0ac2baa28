//! Progress charts: one panel per metric, takes in order along x, the good zone shaded, the
//! recent trend drawn as a dashed line. SVG or PNG, drawn with plotters.
//!
//! Text is laid out (and, for PNG, drawn) with DejaVu Sans embedded in the binary, so a chart
//! looks the same on every machine and needs no system fonts.

use anyhow::{anyhow, bail, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Once;

use super::entry::SessionEntry;
use super::metric::Metric;
use super::trend::{self, Trend, TREND_WINDOW};
use crate::units::Range;

const WIDTH: u32 = 1200;
const HEADER: u32 = 96;
const PANEL: u32 = 250;
const FONT: &str = "sans-serif";

/// Above this many takes, points are drawn small and a rolling mean carries the line.
const DENSE: usize = 60;

const INK: RGBColor = RGBColor(33, 37, 41);
const MUTED: RGBColor = RGBColor(108, 117, 125);
const GRID: RGBColor = RGBColor(233, 236, 239);
const LINE: RGBColor = RGBColor(31, 119, 180);
const TREND: RGBColor = RGBColor(230, 110, 0);
const ZONE: RGBColor = RGBColor(46, 160, 67);
/// Point colours per question (most recently practised first); the rest are grey.
const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(23, 190, 207),
];
const OTHER: RGBColor = RGBColor(150, 150, 150);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

impl ChartFormat {
    pub fn from_path(path: &Path) -> Result<ChartFormat> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "svg" => Ok(ChartFormat::Svg),
            "png" => Ok(ChartFormat::Png),
            _ => bail!(
                "--plot {}: name the chart file .svg or .png",
                path.display()
            ),
        }
    }
}

/// What the chart shows besides the takes themselves.
#[derive(Debug, Clone)]
pub struct ChartText {
    pub title: String,
    /// The date of each take (local), shown for the first and last take on the x axis.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

fn register_fonts() -> Result<()> {
    static ONCE: Once = Once::new();
    let mut result = Ok(());
    ONCE.call_once(|| {
        let ok = register_font(FONT, FontStyle::Normal, dejavu::sans::regular()).is_ok()
            && register_font(FONT, FontStyle::Bold, dejavu::sans::bold()).is_ok();
        if !ok {
            result = Err(anyhow!("the embedded chart font could not be loaded"));
        }
    });
    result
}

/// Height of a chart with this many panels.
pub fn height(panels: usize) -> u32 {
    HEADER + PANEL * panels as u32
}

/// The metrics charted for these takes: every metric every take has a value for (the story
/// measures only when all the takes were coached as stories, e.g. one story question's).
fn charted(takes: &[SessionEntry]) -> Vec<Metric> {
    Metric::ALL
        .into_iter()
        .filter(|m| takes.iter().all(|e| m.value(e).is_some()))
        .collect()
}

/// Draws the chart and returns the file's bytes.
pub fn render(takes: &[SessionEntry], text: &ChartText, format: ChartFormat) -> Result<Vec<u8>> {
    if takes.is_empty() {
        bail!("no takes to chart");
    }
    register_fonts()?;
    let size = (WIDTH, height(charted(takes).len()));
    match format {
        ChartFormat::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                draw(&root, takes, text).map_err(|e| anyhow!("cannot draw the chart: {e}"))?;
                root.present()
                    .map_err(|e| anyhow!("cannot draw the chart: {e}"))?;
            }
            Ok(svg.into_bytes())
        }
        ChartFormat::Png => {
            let mut rgb = vec![0u8; size.0 as usize * size.1 as usize * 3];
            {
                let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
                draw(&root, takes, text).map_err(|e| anyhow!("cannot draw the chart: {e}"))?;
                root.present()
                    .map_err(|e| anyhow!("cannot draw the chart: {e}"))?;
            }
            encode_png(&rgb, size)
        }
    }
}

fn encode_png(rgb: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut enc = png::Encoder::new(&mut bytes, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc
        .write_header()
        .map_err(|e| anyhow!("cannot encode the PNG: {e}"))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| anyhow!("cannot encode the PNG: {e}"))?;
    writer
        .finish()
        .map_err(|e| anyhow!("cannot encode the PNG: {e}"))?;
    Ok(bytes)
}

type DrawResult<T> = std::result::Result<T, String>;

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// Which colour each take's point gets, and the legend: questions in order of recency.
fn question_colours(takes: &[SessionEntry]) -> (Vec<RGBColor>, Vec<(String, RGBColor)>) {
    let groups = trend::by_question(takes);
    let mut colour_of: HashMap<String, RGBColor> = HashMap::new();
    let mut legend = Vec::new();
    for (i, (label, _, g)) in groups.iter().enumerate() {
        let colour = PALETTE.get(i).copied().unwrap_or(OTHER);
        let key = g[0].question.as_deref().unwrap_or("").trim().to_lowercase();
        colour_of.insert(key, colour);
        if i < PALETTE.len() {
            legend.push((label.clone(), colour));
        }
    }
    if groups.len() > PALETTE.len() {
        legend.push((
            format!("{} other questions", groups.len() - PALETTE.len()),
            OTHER,
        ));
    }
    let colours = takes
        .iter()
        .map(|e| {
            let key = e.question.as_deref().unwrap_or("").trim().to_lowercase();
            colour_of.get(&key).copied().unwrap_or(OTHER)
        })
        .collect();
    (colours, legend)
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    takes: &[SessionEntry],
    text: &ChartText,
) -> DrawResult<()> {
    root.fill(&WHITE).map_err(err)?;
    let (header, body) = root.split_vertically(HEADER);

    let title_font = FontDesc::new(FontFamily::Name(FONT), 26.0, FontStyle::Bold).color(&INK);
    header
        .draw_text(&text.title, &title_font, (24, 16))
        .map_err(err)?;
    let n = takes.len();
    let span = match (&text.first_date, &text.last_date) {
        (Some(a), Some(b)) if a != b => format!(" · {a} to {b}"),
        (Some(a), _) => format!(" · {a}"),
        _ => String::new(),
    };
    let smoothing = if n > DENSE {
        format!(
            " · line: mean of {} neighbouring takes",
            smoothing_window(n)
        )
    } else {
        String::new()
    };
    let sub = format!(
        "{n} {}{span} · shaded: good zone{smoothing} · dashed: trend over the last {} takes",
        if n == 1 { "take" } else { "takes" },
        TREND_WINDOW.min(n)
    );
    let small = (FONT, 15).into_font().color(&MUTED);
    header.draw_text(&sub, &small, (24, 50)).map_err(err)?;

    let (colours, legend) = question_colours(takes);
    if legend.len() > 1 {
        let mut x = 24;
        for (label, colour) in &legend {
            let label = shorten(label, 40);
            header
                .draw(&Circle::new((x + 5, 80), 5, colour.filled()))
                .map_err(err)?;
            let centred = small.pos(Pos::new(HPos::Left, VPos::Center));
            header
                .draw_text(&label, &centred, (x + 16, 80))
                .map_err(err)?;
            let w = header.estimate_text_size(&label, &small).map_err(err)?.0 as i32;
            x += w + 40;
            if x > WIDTH as i32 - 200 {
                break;
            }
        }
    }

    let metrics = charted(takes);
    let panels = body.split_evenly((metrics.len(), 1));
    let stats = trend::group_stats("", None, &takes.iter().collect::<Vec<_>>());
    for (panel, metric) in panels.iter().zip(metrics) {
        let trend = stats.get(metric).map(|s| s.trend);
        draw_panel(panel, takes, metric, &colours, trend, text)?;
    }
    Ok(())
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// Runs of consecutive takes with the same good zone: (first x, last x, zone).
fn zone_runs(takes: &[SessionEntry], metric: Metric) -> Vec<(f64, f64, Range)> {
    let mut runs: Vec<(f64, f64, Range)> = Vec::new();
    for (i, e) in takes.iter().enumerate() {
        let Some(zone) = metric.good_zone(e) else {
            continue;
        };
        let x = (i + 1) as f64;
        match runs.last_mut() {
            Some(last) if last.2 == zone && (last.1 - (x - 0.5)).abs() < 1e-9 => last.1 = x + 0.5,
            _ => runs.push((x - 0.5, x + 0.5, zone)),
        }
    }
    runs
}

/// How many takes the rolling mean of a dense chart spans (odd, so it is centred).
fn smoothing_window(n: usize) -> usize {
    (n / 25).max(5) | 1
}

/// Centred rolling mean, for dense charts.
fn rolling_mean(values: &[f64], window: usize) -> Vec<f64> {
    let half = window / 2;
    let mut prefix = vec![0.0; values.len() + 1];
    for (i, v) in values.iter().enumerate() {
        prefix[i + 1] = prefix[i] + v;
    }
    (0..values.len())
        .map(|i| {
            let from = i.saturating_sub(half);
            let to = (i + half + 1).min(values.len());
            (prefix[to] - prefix[from]) / (to - from) as f64
        })
        .collect()
}

fn y_range(values: &[f64], zones: &[(f64, f64, Range)], metric: Metric) -> (f64, f64) {
    let mut lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    for (_, _, z) in zones {
        if metric.has_target_band() {
            lo = lo.min(z.min);
        }
        hi = hi.max(z.max);
    }
    if !metric.has_target_band() {
        lo = 0.0;
    }
    let min_span = if metric == Metric::Duration { 0.5 } else { 1.0 };
    if hi - lo < min_span {
        hi = lo + min_span;
    }
    let pad = (hi - lo) * 0.08;
    let lo = if metric.has_target_band() {
        (lo - pad).max(0.0)
    } else {
        lo
    };
    (lo, hi + pad)
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    takes: &[SessionEntry],
    metric: Metric,
    colours: &[RGBColor],
    trend: Option<Trend>,
    text: &ChartText,
) -> DrawResult<()> {
    let n = takes.len();
    // Durations are plotted in minutes so the axis steps are round (0:30, 1:00, 1:30) rather
    // than decimal seconds (0:50, 1:40).
    let scale = if metric == Metric::Duration {
        60.0
    } else {
        1.0
    };
    // Charted metrics have a value for every take (see `charted`).
    let value = |e: &SessionEntry| metric.value(e).unwrap_or_default();
    let latest = value(&takes[n - 1]);
    let values: Vec<f64> = takes.iter().map(|e| value(e) / scale).collect();
    let zones: Vec<(f64, f64, Range)> = zone_runs(takes, metric)
        .into_iter()
        .map(|(a, b, z)| (a, b, Range::new(z.min / scale, z.max / scale)))
        .collect();
    let (ylo, yhi) = y_range(&values, &zones, metric);
    let mut caption = format!(
        "{} · latest {}",
        title_case(metric.axis_title()),
        metric.format(latest)
    );
    if let Some(band) = takes.last().and_then(|e| metric.describe_band(e)) {
        caption.push_str(&format!(" ({band})"));
    }
    if let Some(t) = trend.filter(|t| *t != Trend::TooFewTakes) {
        caption.push_str(&format!(" · {}", t.as_str()));
    }

    let mut chart = ChartBuilder::on(area)
        .margin_left(16)
        .margin_right(28)
        .margin_top(6)
        .margin_bottom(4)
        .caption(caption, (FONT, 17).into_font().color(&INK))
        .x_label_area_size(40)
        .y_label_area_size(64)
        .build_cartesian_2d(0.5..(n as f64 + 0.5), ylo..yhi)
        .map_err(err)?;

    let first = text.first_date.as_deref().unwrap_or("");
    let last = text.last_date.as_deref().unwrap_or("");
    let x_desc = if first.is_empty() {
        "take".to_string()
    } else if n == 1 || first == last {
        format!("take ({first})")
    } else {
        format!("take (1 = {first}, {n} = {last})")
    };
    let counts = matches!(metric, Metric::LongPauses | Metric::Hedges);
    let y_fmt = |v: &f64| {
        if counts && (v - v.round()).abs() > 1e-6 {
            String::new()
        } else {
            metric.format(*v * scale)
        }
    };
    let x_fmt = |x: &f64| {
        if (x - x.round()).abs() < 1e-6 && *x >= 1.0 {
            format!("{}", x.round() as i64)
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID)
        .light_line_style(WHITE)
        .axis_style(MUTED)
        .x_labels(n.clamp(2, 12))
        .y_labels(5)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .x_desc(x_desc)
        .y_desc(metric.unit())
        .label_style((FONT, 13).into_font().color(&MUTED))
        .axis_desc_style((FONT, 13).into_font().color(&MUTED))
        .draw()
        .map_err(err)?;

    // The good zone, per run of takes that shared it.
    chart
        .draw_series(zones.iter().map(|&(x0, x1, z)| {
            Rectangle::new(
                [(x0, z.min.max(ylo)), (x1, z.max.min(yhi))],
                ZONE.mix(0.14).filled(),
            )
        }))
        .map_err(err)?;

    let points: Vec<(f64, f64)> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| ((i + 1) as f64, v))
        .collect();
    if n > DENSE {
        chart
            .draw_series(
                points
                    .iter()
                    .zip(colours)
                    .map(|(&p, c)| Circle::new(p, 2, c.mix(0.35).filled())),
            )
            .map_err(err)?;
        let smooth = rolling_mean(&values, smoothing_window(n));
        chart
            .draw_series(LineSeries::new(
                smooth.iter().enumerate().map(|(i, &v)| ((i + 1) as f64, v)),
                LINE.stroke_width(2),
            ))
            .map_err(err)?;
    } else {
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                LINE.mix(0.5).stroke_width(2),
            ))
            .map_err(err)?;
        chart
            .draw_series(
                points
                    .iter()
                    .zip(colours)
                    .map(|(&p, c)| Circle::new(p, 4, c.filled())),
            )
            .map_err(err)?;
    }
    // The latest take, ringed.
    chart
        .draw_series(std::iter::once(Circle::new(
            points[n - 1],
            7,
            INK.stroke_width(2),
        )))
        .map_err(err)?;

    // The fitted trend over the recent window.
    let from = n.saturating_sub(TREND_WINDOW);
    if n - from >= trend::MIN_TREND_TAKES {
        let window = &values[from..];
        if let Some(slope) = trend::slope(window) {
            let mean = window.iter().sum::<f64>() / window.len() as f64;
            let mid = (window.len() - 1) as f64 / 2.0;
            let at = |k: f64| mean + slope * (k - mid);
            let x0 = (from + 1) as f64;
            let x1 = n as f64;
            chart
                .draw_series(DashedLineSeries::new(
                    [(x0, at(0.0)), (x1, at((window.len() - 1) as f64))],
                    8,
                    5,
                    TREND.stroke_width(2),
                ))
                .map_err(err)?;
        }
    }
    Ok(())
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::tests::entry;

    fn takes(n: usize) -> Vec<SessionEntry> {
        (0..n)
            .map(|i| {
                let mut e = entry(
                    &format!("20261126T04{:02}{:02}Z", i / 60 % 60, i % 60),
                    150.0 - i as f64,
                    130.0 + (i % 7) as f64,
                );
                e.fillers_per_minute = 6.0 - i as f64 * 0.1;
                e.question = Some(["Why us?", "A failure"][i % 2].to_string());
                e
            })
            .collect()
    }

    fn text() -> ChartText {
        ChartText {
            title: "Progress".into(),
            first_date: Some("2026-11-01".into()),
            last_date: Some("2026-11-26".into()),
        }
    }

    #[test]
    fn renders_png_and_svg() {
        let t = takes(12);
        let png = render(&t, &text(), ChartFormat::Png).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        assert!(png.len() > 20_000, "{}", png.len());
        let svg = String::from_utf8(render(&t, &text(), ChartFormat::Svg).unwrap()).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(
            svg.contains("Fillers per minute"),
            "panel captions are text"
        );
        // One take and many takes both draw.
        render(&takes(1), &text(), ChartFormat::Svg).unwrap();
        render(&takes(500), &text(), ChartFormat::Png).unwrap();
    }

    #[test]
    fn format_comes_from_the_extension() {
        assert_eq!(
            ChartFormat::from_path(Path::new("a.SVG")).unwrap(),
            ChartFormat::Svg
        );
        assert_eq!(
            ChartFormat::from_path(Path::new("a.png")).unwrap(),
            ChartFormat::Png
        );
        let e = ChartFormat::from_path(Path::new("chart.pdf"))
            .unwrap_err()
            .to_string();
        assert!(e.contains(".svg or .png"), "{e}");
    }

    #[test]
    fn zones_merge_runs_of_equal_targets() {
        let mut t = takes(4);
        t[3].target = Range::new(30.0, 60.0);
        let runs = zone_runs(&t, Metric::Duration);
        assert_eq!(runs.len(), 2);
        assert_eq!((runs[0].0, runs[0].1), (0.5, 3.5));
        assert_eq!(runs[1].2, Range::new(30.0, 60.0));
        assert!(zone_runs(&t, Metric::Hedges).is_empty());
    }

    #[test]
    fn rolling_mean_is_centred() {
        assert_eq!(
            rolling_mean(&[1.0, 2.0, 3.0, 4.0, 5.0], 3),
            [1.5, 2.0, 3.0, 4.0, 4.5]
        );
    }
}
