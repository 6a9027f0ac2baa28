//! `rehearse history`: one line per saved take (when, question, duration against its time box,
//! pace, fillers per minute, long pauses, verdict), or JSON lines with `--json`.

use anyhow::Result;
use console::Style;
use std::io::{BufWriter, Write};

use crate::cli::HistoryArgs;
use crate::config::Config;
use crate::history::filter::Filter;
use crate::history::when::{entry_time, minute, LocalClock};
use crate::history::{SessionEntry, Store};
use crate::output::style::{truncate, Align, Paint, Table};
use crate::output::{say, warn_all};
use crate::units::clock;

/// Questions longer than this are cut in the table (the JSON has them whole).
const QUESTION_WIDTH: usize = 44;

pub fn run(args: &HistoryArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let filter = Filter::new(args.question.as_deref(), args.since);
    let store = Store::open(&config.data_dir)?;
    let listing = if args.rebuild {
        let listing = store.rebuild_index()?;
        say(&format!(
            "rebuilt {} from {} saved takes",
            store.index_path().display(),
            listing.entries.len()
        ));
        listing
    } else {
        store.list()?
    };
    warn_all(&listing.warnings);

    let mut clock = LocalClock::new();
    let total = listing.entries.len();
    let entries = filter.apply(listing.entries, &mut clock);
    // Thousands of lines: buffer them rather than make a system call per line.
    let mut out = BufWriter::new(out);
    if args.json {
        for e in &entries {
            writeln!(out, "{}", e.to_line())?;
        }
    } else if entries.is_empty() {
        if total == 0 {
            say(
                "no saved takes yet: record one with `rehearse practice` or `rehearse analyze \
                 FILE.wav --save`",
            );
        } else {
            say(&format!("none of the {total} saved takes match"));
        }
    } else {
        write_table(&entries, &mut clock, Paint::for_stdout(), &mut out)?;
    }
    out.flush()?;
    Ok(())
}

fn write_table(
    entries: &[SessionEntry],
    clock: &mut LocalClock,
    paint: Paint,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut rows = Vec::with_capacity(entries.len());
    for e in entries {
        let when = entry_time(e)
            .map(|t| minute(clock.to_local(t)))
            .unwrap_or_else(|| "?".to_string());
        rows.push(row(e, when, paint));
    }
    let when_heading = if clock.is_utc() { "WHEN (UTC)" } else { "WHEN" };
    let mut table = Table::new(&[
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
    ]);
    table.row(
        [
            "ID",
            when_heading,
            "QUESTION",
            "DURATION",
            "WPM",
            "FILLERS/MIN",
            "LONG PAUSES",
            "VERDICT",
        ]
        .iter()
        .map(|h| paint.bold(h))
        .collect(),
    );
    for r in rows {
        table.row(r);
    }
    table.write(out, "")
}

/// One take's cells.
fn row(e: &SessionEntry, when: String, paint: Paint) -> Vec<String> {
    vec![
        e.id.clone(),
        when,
        truncate(e.question_text(), QUESTION_WIDTH),
        duration_cell(e, paint),
        format!("{:.0}", e.wpm),
        format!("{:.1}", e.fillers_per_minute),
        e.long_pauses.to_string(),
        paint.status(e.verdict),
    ]
}

/// `1:47 in 1:00–2:00`, `2:31 over 1:00–2:00`, `0:45 under 1:00–2:00`.
fn duration_cell(e: &SessionEntry, paint: Paint) -> String {
    let d = e.duration_s;
    let (word, style) = if d > e.target.max {
        ("over", Style::new().yellow())
    } else if d < e.target.min {
        ("under", Style::new().yellow())
    } else {
        ("in", Style::new().green())
    };
    format!(
        "{} {word} {}–{}",
        paint.apply(&style, &clock(d)),
        clock(e.target.min),
        clock(e.target.max)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::tests::entry;

    #[test]
    fn rows_say_where_the_duration_fell() {
        let p = Paint::plain();
        let e = entry("20261126T041502Z", 151.0, 143.4);
        let r = row(&e, "2026-11-26 04:15".into(), p);
        assert_eq!(r[3], "2:31 over 1:00–2:00");
        assert_eq!(r[4], "143");
        assert_eq!(r[5], "2.0");
        assert_eq!(r[7], "WARN");
        assert_eq!(
            duration_cell(&entry("20261126T041502Z", 45.0, 1.0), p),
            "0:45 under 1:00–2:00"
        );
        assert_eq!(
            duration_cell(&entry("20261126T041502Z", 107.0, 1.0), p),
            "1:47 in 1:00–2:00"
        );
    }

    #[test]
    fn table_has_a_header_and_one_line_per_take() {
        let entries = vec![
            entry("20261126T041502Z", 107.0, 143.0),
            entry("20261127T090000Z", 95.0, 150.0),
        ];
        let mut out = Vec::new();
        write_table(&entries, &mut LocalClock::utc(), Paint::plain(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("ID"), "{text}");
        assert!(lines[0].contains("WHEN (UTC)"), "{text}");
        assert!(
            lines[1].contains("Tell me about a time you failed"),
            "{text}"
        );
    }
}
