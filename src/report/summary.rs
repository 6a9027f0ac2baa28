//! The terminal summary of a report: the numbers against their targets, fillers and pauses with
//! their times, the transcript, and each check's verdict with what to do about it.

use console::Style;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Report;
use crate::analysis::checks::clock;
use crate::analysis::{FillerHit, Status};

/// Renders the summary. `color` turns on terminal styling.
pub fn render(report: &Report, color: bool) -> String {
    let paint = |s: Style| s.force_styling(color);
    let bold = paint(Style::new().bold());
    let dim = paint(Style::new().dim());
    let m = &report.metrics;
    let mut out = String::new();

    if let Some(q) = &report.question {
        let _ = writeln!(out, "{} {}", bold.apply_to("Question:"), q.text);
    }
    let _ = writeln!(
        out,
        "{} {} · {} · {}",
        bold.apply_to("Take:"),
        report.audio.path,
        clock(report.audio.duration_s),
        report.model.name
    );
    for w in &report.warnings {
        let _ = writeln!(
            out,
            "{} {w}",
            paint(Style::new().yellow()).apply_to("warning:")
        );
    }
    let _ = writeln!(out);

    if report.no_speech {
        let _ = writeln!(out, "No speech was found in this recording.");
    } else {
        let _ = writeln!(out, "{}", bold.apply_to("Transcript"));
        for line in textwrap(&report.transcript.text, 76) {
            let _ = writeln!(out, "  {line}");
        }
        let _ = writeln!(out);
        let t = &report.settings;
        let _ = writeln!(
            out,
            "{:<9} {} of {}–{} (speech {}), first word after {:.1} s",
            bold.apply_to("Length"),
            clock(m.duration_s),
            clock(t.duration_s.min),
            clock(t.duration_s.max),
            clock(m.speech_s),
            m.response_latency_s.unwrap_or(0.0)
        );
        let _ = writeln!(
            out,
            "{:<9} {} words, {:.0} wpm (target {}), {:.0} wpm while talking",
            bold.apply_to("Pace"),
            m.word_count,
            m.wpm,
            t.pace_wpm,
            m.articulation_wpm
        );
        let _ = writeln!(
            out,
            "{:<9} {}",
            bold.apply_to("Fillers"),
            if report.fillers.is_empty() {
                "none".to_string()
            } else {
                format!(
                    "{} ({:.1}/min, {:.1} per 100 words): {}",
                    m.fillers.total,
                    m.fillers.per_minute,
                    m.fillers.per_100_words,
                    by_word_with_times(&m.fillers.by_word, &report.fillers)
                )
            }
        );
        // Openers ("So, …") are not fillers: shown on their own line, outside the count.
        if !report.openers.is_empty() {
            let _ = writeln!(
                out,
                "{:<9} {} (not counted as fillers): {}",
                bold.apply_to("Openers"),
                m.openers.total,
                by_word_with_times(&m.openers.by_word, &report.openers)
            );
        }
        let pauses = if report.pauses.is_empty() {
            format!("no silences of {} s or more", t.long_pause_s)
        } else {
            report
                .pauses
                .iter()
                .map(|p| format!("{:.1} s at {}", p.duration, clock(p.start)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(out, "{:<9} {pauses}", bold.apply_to("Pauses"));
        let _ = writeln!(
            out,
            "{:<9} {} hedges, {} repeats/restarts",
            bold.apply_to("Rambling"),
            m.hedges,
            m.repetitions
        );
        let _ = writeln!(out);
    }

    for c in &report.checks {
        let (mark, s) = match c.status {
            Status::Pass => ("PASS", Style::new().green()),
            Status::Warn => ("WARN", Style::new().yellow()),
            Status::Fail => ("FAIL", Style::new().red().bold()),
        };
        let _ = writeln!(
            out,
            "  {} {:<12} {}",
            paint(s).apply_to(mark),
            c.id,
            c.message
        );
    }
    let verdict = report.verdict();
    let to_work_on = report
        .checks
        .iter()
        .filter(|c| c.status != Status::Pass)
        .count();
    let line = match verdict {
        Status::Pass => "all checks pass".to_string(),
        _ => format!("{to_work_on} of {} checks to work on", report.checks.len()),
    };
    let _ = writeln!(
        out,
        "\n{} {} {}",
        bold.apply_to("Verdict:"),
        verdict.as_str().to_uppercase(),
        dim.apply_to(format!("({line})"))
    );
    out
}

/// "um ×2 (0:03, 0:41), like ×1 (0:15)", most frequent first.
fn by_word_with_times(by_word: &BTreeMap<String, usize>, hits: &[FillerHit]) -> String {
    let mut words: Vec<(&String, &usize)> = by_word.iter().collect();
    words.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    words
        .iter()
        .map(|(w, n)| {
            let times: Vec<String> = hits
                .iter()
                .filter(|f| &&f.text == w)
                .take(5)
                .map(|f| clock(f.start))
                .collect();
            let more = if **n > 5 { ", …" } else { "" };
            format!("\"{w}\" ×{n} ({}{more})", times.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Greedy word wrap.
fn textwrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(textwrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert!(textwrap("", 10).is_empty());
    }
}
