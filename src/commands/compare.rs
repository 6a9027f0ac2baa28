//! `rehearse compare A B`: two takes of a question side by side: each metric with its change
//! marked better or worse, the verdicts, and what was said differently (a word diff).

use anyhow::Result;
use console::Style;
use std::io::{BufWriter, Write};

use crate::cli::CompareArgs;
use crate::config::Config;
use crate::history::compare::{compare, Chunk, Comparison};
use crate::history::metric::Change;
use crate::history::when::{entry_time, minute, LocalClock};
use crate::history::{SessionEntry, Store};
use crate::output::say;
use crate::output::style::{Align, Paint, Table};

/// Unchanged runs longer than this are shortened to their ends, so the changes stand out.
const KEEP_EQUAL: usize = 6;
const DIFF_WIDTH: usize = 100;

pub fn run(args: &CompareArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let store = Store::open(&config.data_dir)?;
    let a = store.load(&args.a)?;
    let b = store.load(&args.b)?;
    let c = compare(&a.id, &a.report, &b.id, &b.report)?;
    if !c.same_question {
        say(&format!(
            "note: {} and {} answer different questions; comparing them anyway",
            a.id, b.id
        ));
    }
    let mut out = BufWriter::new(out);
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&c)?)?;
    } else {
        let text = render(&c, &mut LocalClock::new(), Paint::for_stdout());
        out.write_all(text.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

fn when(e: &SessionEntry, clock: &mut LocalClock) -> String {
    entry_time(e)
        .map(|t| minute(clock.to_local(t)))
        .unwrap_or_default()
}

fn change_word(c: Change, paint: Paint) -> String {
    match c {
        Change::Better => paint.apply(&Style::new().green(), "better"),
        Change::Worse => paint.apply(&Style::new().red(), "worse"),
        Change::Same => paint.dim("same"),
    }
}

pub fn render(c: &Comparison, clock: &mut LocalClock, paint: Paint) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "{}  {}  {}\n{}  {}  {}\n",
        paint.bold("A"),
        c.a.id,
        when(&c.a, clock),
        paint.bold("B"),
        c.b.id,
        when(&c.b, clock)
    ));
    if c.same_question {
        if let Some(q) = &c.b.question {
            s.push_str(&format!("Question: {}\n", q.trim()));
        }
    } else {
        s.push_str(&format!("Question A: {}\n", c.a.question_text()));
        s.push_str(&format!("Question B: {}\n", c.b.question_text()));
    }
    s.push('\n');

    let mut t = Table::new(&[
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
    ]);
    t.row(
        ["", "A", "B", "change", ""]
            .iter()
            .map(|h| paint.dim(h))
            .collect(),
    );
    for d in &c.metrics {
        let band = d
            .metric
            .describe_band(&c.b)
            .map(|b| format!("  ({b})"))
            .unwrap_or_default();
        t.row(vec![
            d.metric.label().to_string(),
            d.metric.format(d.a),
            d.metric.format(d.b),
            d.metric.format_delta(d.delta),
            format!("{}{band}", change_word(d.change, paint)),
        ]);
    }
    t.row(vec![
        "verdict".to_string(),
        paint.status(c.verdict.a),
        paint.status(c.verdict.b),
        String::new(),
        change_word(c.verdict.change, paint),
    ]);
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = t.write(&mut buf, "");
    s.push_str(&String::from_utf8_lossy(&buf));

    s.push('\n');
    s.push_str(&format!(
        "{} {} → {} words, {} removed, {} added",
        paint.bold("What changed:"),
        c.words.a,
        c.words.b,
        c.words.removed,
        c.words.added
    ));
    if !paint.enabled {
        s.push_str(" ([-removed-] {+added+})");
    }
    s.push('\n');
    s.push_str(&wrap(&diff_tokens(&c.diff, paint), DIFF_WIDTH));
    s
}

/// The diff as display tokens (one per word or marker), long unchanged runs shortened.
fn diff_tokens(diff: &[Chunk], paint: Paint) -> Vec<String> {
    let removed = Style::new().red().strikethrough();
    let added = Style::new().green().underlined();
    let mut out = Vec::new();
    let last = diff.len().saturating_sub(1);
    for (i, chunk) in diff.iter().enumerate() {
        match chunk {
            Chunk::Equal { words } => {
                // Keep context next to changes; the first run needs no head, the last no tail.
                let head = if i == 0 { 0 } else { KEEP_EQUAL };
                let tail = if i == last { 0 } else { KEEP_EQUAL };
                if words.len() > head + tail + 3 {
                    out.extend(words[..head].iter().cloned());
                    out.push(paint.dim(&format!("…({} same)…", words.len() - head - tail)));
                    out.extend(words[words.len() - tail..].iter().cloned());
                } else {
                    out.extend(words.iter().cloned());
                }
            }
            Chunk::Removed { words } => out.extend(marked(words, "[-", "-]", &removed, paint)),
            Chunk::Added { words } => out.extend(marked(words, "{+", "+}", &added, paint)),
        }
    }
    out
}

/// A changed run as one token per word (so long runs still wrap): styled on a terminal,
/// bracketed as a whole with `open` … `close` otherwise.
fn marked(words: &[String], open: &str, close: &str, style: &Style, paint: Paint) -> Vec<String> {
    let n = words.len();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if paint.enabled {
                paint.apply(style, w)
            } else {
                let pre = if i == 0 { open } else { "" };
                let post = if i + 1 == n { close } else { "" };
                format!("{pre}{w}{post}")
            }
        })
        .collect()
}

/// Joins tokens into lines of at most `width` columns (a long token gets a line of its own).
fn wrap(tokens: &[String], width: usize) -> String {
    let mut s = String::new();
    let mut col = 0;
    for t in tokens {
        let w = console::measure_text_width(t);
        if col > 0 && col + 1 + w > width {
            s.push('\n');
            col = 0;
        }
        if col > 0 {
            s.push(' ');
            col += 1;
        }
        s.push_str(t);
        col += w;
    }
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn diff_marks_are_plain_without_a_terminal_and_long_runs_shrink() {
        let long = (0..40)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let diff = vec![
            Chunk::Removed {
                words: w("So, um,"),
            },
            Chunk::Equal { words: w(&long) },
            Chunk::Added {
                words: w("on time."),
            },
        ];
        let text = wrap(&diff_tokens(&diff, Paint::plain()), 100);
        assert!(
            text.starts_with("[-So, um,-] w0 w1 w2 w3 w4 w5 …(28 same)… w34"),
            "{text}"
        );
        assert!(text.trim_end().ends_with("w39 {+on time.+}"), "{text}");
    }

    #[test]
    fn long_changes_wrap_word_by_word() {
        let many = (0..30)
            .map(|i| format!("gone{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let diff = vec![Chunk::Removed { words: w(&many) }];
        let text = wrap(&diff_tokens(&diff, Paint::plain()), 60);
        assert!(text.lines().count() > 3, "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
        assert!(text.starts_with("[-gone0 gone1"), "{text}");
        assert!(text.trim_end().ends_with("gone29-]"), "{text}");
    }

    #[test]
    fn wrap_respects_the_width() {
        let tokens: Vec<String> = (0..50).map(|i| format!("word{i}")).collect();
        let text = wrap(&tokens, 30);
        assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
        assert_eq!(wrap(&[], 30), "");
    }
}
