//! The terminal summary of a report: the numbers against their targets, fillers and pauses with
//! their times, the transcript, and each check's verdict with what to do about it.

use console::Style;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{InputKind, Report, WordTimes};
use crate::analysis::structure::{Ending, Part, Structure};
use crate::analysis::{FillerHit, Status};
use crate::transcript::known;
use crate::units::clock;

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
    let _ = writeln!(out, "{}", header(report, &bold));
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
        // Without times (a plain-text transcript) only what the words say is known.
        const NO_TIMES: &str = "not known: the transcript has no times";
        let length = match m.duration_s {
            Some(d) => {
                let answers = if m.answers > 1 {
                    format!(" over {} answers", m.answers)
                } else {
                    String::new()
                };
                let speech = m
                    .speech_s
                    .map_or(String::new(), |s| format!(" (speech {})", clock(s)));
                let first = m
                    .response_latency_s
                    .map_or(String::new(), |l| format!(", first word after {l:.1} s"));
                format!(
                    "{}{answers} of {}–{}{speech}{first}",
                    clock(d),
                    clock(t.duration_s.min),
                    clock(t.duration_s.max)
                )
            }
            None => NO_TIMES.to_string(),
        };
        let _ = writeln!(out, "{:<9} {length}", bold.apply_to("Length"));
        let pace = match m.wpm {
            Some(wpm) => {
                let talking = m
                    .articulation_wpm
                    .map_or(String::new(), |a| format!(", {a:.0} wpm while talking"));
                format!(
                    "{} words, {wpm:.0} wpm (target {}){talking}",
                    m.word_count, t.pace_wpm
                )
            }
            None => format!("{} words; pace {NO_TIMES}", m.word_count),
        };
        let _ = writeln!(out, "{:<9} {pace}", bold.apply_to("Pace"));
        let per_minute = m
            .fillers
            .per_minute
            .map_or(String::new(), |r| format!("{r:.1}/min, "));
        let _ = writeln!(
            out,
            "{:<9} {}",
            bold.apply_to("Fillers"),
            if report.fillers.is_empty() {
                "none".to_string()
            } else {
                format!(
                    "{} ({per_minute}{:.1} per 100 words): {}",
                    m.fillers.total,
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
        let pauses = match &m.long_pauses {
            None => NO_TIMES.to_string(),
            Some(long) => {
                let listed = if report.pauses.is_empty() {
                    format!("no silences of {} s or more", t.long_pause_s)
                } else {
                    report
                        .pauses
                        .iter()
                        .map(|p| format!("{:.1} s at {}", p.duration, clock(p.start)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let how = if long.estimated {
                    " (estimated from the transcript's times)"
                } else {
                    ""
                };
                format!("{listed}{how}")
            }
        };
        let _ = writeln!(out, "{:<9} {pauses}", bold.apply_to("Pauses"));
        let _ = writeln!(
            out,
            "{:<9} {} hedges, {} repeats/restarts",
            bold.apply_to("Rambling"),
            m.hedges,
            m.repetitions
        );
        if let Some(s) = report
            .structure
            .as_ref()
            .filter(|s| s.behavioural != Some(false))
        {
            let hint = if s.behavioural.is_none() {
                " (no question given: story checks off)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{:<9} {}{}",
                bold.apply_to("Story"),
                story_line(s),
                dim.apply_to(hint)
            );
        }
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
    let mut line = match verdict {
        Status::Pass => "all checks pass".to_string(),
        _ => format!("{to_work_on} of {} checks to work on", report.checks.len()),
    };
    if m.duration_s.is_none() && !report.no_speech {
        line.push_str("; the checks that need times are left out");
    }
    let _ = writeln!(
        out,
        "\n{} {} {}",
        bold.apply_to("Verdict:"),
        verdict.as_str().to_uppercase(),
        dim.apply_to(format!("({line})"))
    );
    out
}

/// `Take: answer.wav · 1:07 · tiny.en`, or for a transcript
/// `Transcript: interview.vtt · WebVTT, Alex Chen, word times estimated within cues`.
fn header(report: &Report, bold: &Style) -> String {
    let transcript = report
        .input
        .as_ref()
        .filter(|i| i.kind == InputKind::Transcript);
    match (transcript, &report.audio) {
        (Some(input), _) => {
            let mut about = vec![input.format.label().to_string()];
            about.extend(input.speaker.clone());
            match input.word_times {
                WordTimes::Measured => {}
                WordTimes::Estimated => about.push("word times estimated within cues".to_string()),
                WordTimes::None => about.push("no times".to_string()),
            }
            format!(
                "{} {} · {}",
                bold.apply_to("Transcript:"),
                input.path,
                about.join(", ")
            )
        }
        (None, Some(audio)) => {
            let model = report
                .model
                .as_ref()
                .map_or(String::new(), |m| format!(" · {}", m.name));
            format!(
                "{} {} · {}{model}",
                bold.apply_to("Take:"),
                audio.path,
                clock(audio.duration_s)
            )
        }
        (None, None) => format!("{} (no recording)", bold.apply_to("Take:")),
    }
}

/// The answer's parts as one line: each run of sentences with the same part and its time
/// span (or its share of the words without times), then how it ends:
/// `S 0:01–0:22 · T 0:23–0:28 · A 0:29–0:47 · R 0:47–0:53 · ends on result`.
pub fn story_line(s: &Structure) -> String {
    let total_words: usize = s
        .sentences
        .iter()
        .map(|x| x.text.split_whitespace().count())
        .sum();
    let mut runs: Vec<(Part, Option<f64>, Option<f64>, usize)> = Vec::new();
    for x in s.sentences.iter().filter(|x| x.part != Part::Other) {
        let words = x.text.split_whitespace().count();
        match runs.last_mut() {
            Some(run) if run.0 == x.part => {
                run.2 = x.end;
                run.3 += words;
            }
            _ => runs.push((x.part, x.start, x.end, words)),
        }
    }
    let mut pieces: Vec<String> = runs
        .iter()
        .map(|&(part, start, end, words)| match (start, end) {
            (Some(a), Some(b)) => format!("{} {}–{}", part.letter(), clock(a), clock(b)),
            _ => format!(
                "{} {:.0} %",
                part.letter(),
                100.0 * words as f64 / total_words.max(1) as f64
            ),
        })
        .collect();
    pieces.push(ending_phrase(s));
    pieces.join(" · ")
}

/// "ends on result", "ends on a trail-off", "ends on action".
pub fn ending_phrase(s: &Structure) -> String {
    match s.ending {
        Ending::Result => "ends on result".to_string(),
        Ending::Learning => "ends on learning".to_string(),
        Ending::TrailOff => "ends on a trail-off".to_string(),
        Ending::Other => {
            let part = s.sentences.last().map_or(Part::Other, |x| x.part);
            match part {
                Part::Other => "ends on an aside".to_string(),
                p => format!("ends on {}", p.as_str()),
            }
        }
    }
}

/// "um ×2 (0:03, 0:41), like ×1 (0:15)", most frequent first; no times when they are unknown.
fn by_word_with_times(by_word: &BTreeMap<String, usize>, hits: &[FillerHit]) -> String {
    let mut words: Vec<(&String, &usize)> = by_word.iter().collect();
    words.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    words
        .iter()
        .map(|(w, n)| {
            let times: Vec<String> = hits
                .iter()
                .filter(|f| &&f.text == w && known(f.start))
                .take(5)
                .map(|f| clock(f.start))
                .collect();
            if times.is_empty() {
                return format!("\"{w}\" ×{n}");
            }
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

    use crate::analysis::structure::{Ownership, Share, StorySentence};

    /// A sentence as written in these tests: its time span if any, its text and its part.
    type Line<'a> = (Option<(f64, f64)>, &'a str, Part);

    fn structure(sentences: &[Line], ending: Ending) -> Structure {
        Structure {
            behavioural: Some(true),
            sentences: sentences
                .iter()
                .map(|&(t, text, part)| StorySentence {
                    start: t.map(|t| t.0),
                    end: t.map(|t| t.1),
                    text: text.to_string(),
                    part,
                })
                .collect(),
            share: Share::default(),
            result_present: true,
            result_quantified: Some(true),
            ending,
            ownership: Ownership::default(),
            first_action_s: None,
        }
    }

    #[test]
    fn story_line_joins_runs_of_a_part_with_their_times() {
        use Part::*;
        let s = structure(
            &[
                (Some((0.8, 1.3)), "Sure.", Other),
                (Some((1.7, 10.5)), "a b c", Situation),
                (Some((10.9, 21.4)), "d e f", Situation),
                (Some((22.0, 27.0)), "g", Task),
                (Some((31.0, 47.0)), "h i", Action),
                (Some((47.5, 52.6)), "j", Result),
                (Some((53.0, 55.0)), "So yeah.", Other),
            ],
            Ending::TrailOff,
        );
        assert_eq!(
            story_line(&s),
            // Whole seconds reached: 1.7 s is 0:01, 47.5 s is 0:47, 52.6 s is 0:52.
            "S 0:01–0:21 · T 0:22–0:27 · A 0:31–0:47 · R 0:47–0:52 · ends on a trail-off"
        );
    }

    #[test]
    fn story_line_without_times_gives_each_run_its_share_of_words() {
        use Part::*;
        let s = structure(
            &[
                (None, "one two three", Situation),
                (None, "four five six seven eight nine", Action),
                (None, "ten", Action),
            ],
            Ending::Other,
        );
        assert_eq!(story_line(&s), "S 30 % · A 70 % · ends on action");
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(textwrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert!(textwrap("", 10).is_empty());
    }
}
