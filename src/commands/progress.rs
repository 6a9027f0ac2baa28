//! `rehearse progress`: for each metric the first, best and latest take and the recent trend,
//! over all takes and per question, with sparklines; `--json` for scripts; `--plot FILE` for a
//! chart (SVG or PNG).

use anyhow::{Context as _, Result};
use console::Style;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::cli::ProgressArgs;
use crate::config::Config;
use crate::history::filter::Filter;
use crate::history::plot::{self, ChartFormat, ChartText};
use crate::history::sparkline::sparkline;
use crate::history::trend::{self, GroupStats, Trend};
use crate::history::when::{day, LocalClock};
use crate::history::{SessionEntry, Store};
use crate::output::style::{Align, Paint, Table};
use crate::output::{say, warn_all};

/// Sparklines longer than this average runs of takes into one bar.
const SPARK_WIDTH: usize = 24;

pub fn run(args: &ProgressArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let plot_format = args
        .plot
        .as_deref()
        .map(ChartFormat::from_path)
        .transpose()?;
    let store = Store::open(&config.data_dir)?;
    let mut clock = LocalClock::new();
    let takes = matching_takes(&store, args.question.as_deref(), &mut clock)?;

    let progress = trend::progress(&takes);
    let mut out = BufWriter::new(out);
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&progress)?)?;
    } else {
        let paint = Paint::for_stdout();
        let groups: Vec<(&GroupStats, Vec<&SessionEntry>)> = progress
            .overall
            .iter()
            .map(|g| (g, takes.iter().collect()))
            .chain(progress.questions.iter().map(|g| {
                let members = takes
                    .iter()
                    .filter(|e| same_question(e, g.question.as_deref()))
                    .collect();
                (g, members)
            }))
            .collect();
        // With one question, the per-question block would repeat the overall one.
        let shown = if progress.questions.len() == 1 {
            1
        } else {
            groups.len()
        };
        for (i, (g, members)) in groups.iter().take(shown).enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            let label = match (i, &g.question) {
                (0, _) if shown == 1 => takes[0].question_text().to_string(),
                (0, _) => "All takes".to_string(),
                (_, Some(q)) => format!("\"{}\"", q.trim()),
                (_, None) => g.label.clone(),
            };
            write_group(&mut out, &label, g, members, &mut clock, paint)?;
        }
    }
    out.flush()?;

    if let (Some(path), Some(format)) = (args.plot.as_deref(), plot_format) {
        let text = chart_text(&takes, args.question.as_deref(), &mut clock);
        let bytes = plot::render(&takes, &text, format)?;
        write_output_file(path, &bytes)?;
        say(&format!("chart written to {}", path.display()));
    }
    Ok(())
}

/// The saved takes whose question contains `question` (all takes without one), in time order;
/// an error saying what to do when there are none. Problems in the store are warned about.
pub fn matching_takes(
    store: &Store,
    question: Option<&str>,
    clock: &mut LocalClock,
) -> Result<Vec<SessionEntry>> {
    let filter = Filter::new(question, None);
    let listing = store.list()?;
    warn_all(&listing.warnings);
    let total = listing.entries.len();
    let takes = filter.apply(listing.entries, clock);
    if takes.is_empty() {
        if total == 0 {
            anyhow::bail!(
                "no saved takes yet: record one with `rehearse practice` or `rehearse analyze \
                 FILE.wav --save`"
            );
        }
        anyhow::bail!(
            "none of the {total} saved takes match --question '{}': `rehearse history` lists \
             the questions",
            question.unwrap_or("")
        );
    }
    Ok(takes)
}

fn same_question(e: &SessionEntry, q: Option<&str>) -> bool {
    let key = |s: Option<&str>| s.map(|s| s.trim().to_lowercase()).unwrap_or_default();
    key(e.question.as_deref()) == key(q)
}

fn chart_text(takes: &[SessionEntry], question: Option<&str>, clock: &mut LocalClock) -> ChartText {
    let refs: Vec<&SessionEntry> = takes.iter().collect();
    let dates = trend::span_dates(&refs);
    let title = match question {
        Some(_) => format!("Progress: {}", takes[takes.len() - 1].question_text()),
        None => "Progress: all takes".to_string(),
    };
    ChartText {
        title,
        first_date: dates.map(|(a, _)| day(clock.to_local(a))),
        last_date: dates.map(|(_, b)| day(clock.to_local(b))),
    }
}

fn write_group(
    out: &mut dyn Write,
    label: &str,
    g: &GroupStats,
    members: &[&SessionEntry],
    clock: &mut LocalClock,
    paint: Paint,
) -> std::io::Result<()> {
    let dates = match trend::span_dates(members) {
        Some((a, b)) => {
            let (a, b) = (day(clock.to_local(a)), day(clock.to_local(b)));
            if a == b {
                format!(", {a}")
            } else {
                format!(", {a} to {b}")
            }
        }
        None => String::new(),
    };
    let takes = if g.takes == 1 { "take" } else { "takes" };
    writeln!(
        out,
        "{} ({} {takes}{dates}): {} pass, {} warn, {} fail",
        paint.bold(label),
        g.takes,
        g.verdicts.pass,
        g.verdicts.warn,
        g.verdicts.fail
    )?;
    let window = g.metrics.first().map_or(0, |(_, s)| s.trend_takes);
    let mut table = Table::new(&[
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
        Align::Right,
        Align::Left,
    ]);
    table.row(
        [
            "",
            "first",
            "best",
            "latest",
            "takes",
            &format!("trend (last {window})"),
            "",
        ]
        .iter()
        .map(|h| paint.dim(h))
        .collect(),
    );
    for (metric, s) in &g.metrics {
        let values: Vec<f64> = members.iter().filter_map(|e| metric.value(e)).collect();
        let slope = s
            .slope_per_take
            .map(|v| metric.format_slope(v))
            .unwrap_or_default();
        let band = members
            .last()
            .and_then(|e| metric.describe_band(e))
            .map(|b| format!("  ({b})"))
            .unwrap_or_default();
        table.row(vec![
            metric.label().to_string(),
            metric.format(s.first.value),
            metric.format(s.best.value),
            metric.format(s.latest.value),
            sparkline(&values, SPARK_WIDTH),
            slope,
            format!("{}{band}", trend_word(s.trend, paint)),
        ]);
    }
    table.write(out, "  ")
}

fn trend_word(t: Trend, paint: Paint) -> String {
    let style = match t {
        Trend::Improving => Style::new().green(),
        Trend::Worsening => Style::new().red(),
        Trend::Steady | Trend::TooFewTakes => Style::new().dim(),
    };
    paint.apply(&style, t.as_str())
}

/// Writes a file the user named: atomically (temporary file + rename) when it is or will be a
/// regular file, directly otherwise, so `--plot /dev/stdout` writes to the stream instead of
/// replacing the device.
pub fn write_output_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let result = crate::history::store::write_atomic_shared(path, bytes);
    result.with_context(|| {
        format!(
            "cannot write {}: check that its folder exists and is writable",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::tests::entry;

    #[test]
    fn group_block_has_every_metric_with_a_sparkline() {
        let takes: Vec<SessionEntry> = (0..5)
            .map(|i| {
                let mut e = entry(
                    &format!("20261126T04150{i}Z"),
                    160.0 - 10.0 * i as f64,
                    140.0,
                );
                e.fillers_per_minute = 5.0 - i as f64;
                e
            })
            .collect();
        let p = trend::progress(&takes);
        let refs: Vec<&SessionEntry> = takes.iter().collect();
        let mut out = Vec::new();
        write_group(
            &mut out,
            "All takes",
            p.overall.as_ref().unwrap(),
            &refs,
            &mut LocalClock::utc(),
            Paint::plain(),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("All takes (5 takes, 2026-11-26): 0 pass, 5 warn, 0 fail\n"),
            "{text}"
        );
        assert!(text.contains("trend (last 5)"), "{text}");
        let fillers = text.lines().find(|l| l.contains("fillers/min")).unwrap();
        assert!(fillers.contains("5.0"), "{fillers}");
        assert!(fillers.contains("█▆▅▃▁"), "{fillers}");
        assert!(fillers.contains("-1.00/take"), "{fillers}");
        assert!(fillers.contains("improving"), "{fillers}");
        let duration = text.lines().find(|l| l.contains("duration")).unwrap();
        assert!(duration.contains("(target 1:00–2:00)"), "{duration}");
    }

    #[test]
    fn output_files_are_written_atomically_but_devices_are_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("chart.svg");
        write_output_file(&target, b"<svg/>").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"<svg/>");
        // Something that is not a regular file is written in place, never renamed over
        // (a directory then fails cleanly and stays a directory).
        assert!(write_output_file(dir.path(), b"x").is_err());
        assert!(dir.path().is_dir());
        let e = write_output_file(&dir.path().join("missing/chart.svg"), b"x").unwrap_err();
        assert!(format!("{e:#}").contains("cannot write"), "{e:#}");
    }
}
