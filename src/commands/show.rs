//! `rehearse show ID|latest`: a take's transcript for review (fillers highlighted, long pauses
//! marked where they happened, a time per sentence and its part of the story, then the checks),
//! the report as JSON, or the transcript as SRT/WebVTT subtitles.

use anyhow::Result;
use console::{measure_text_width, Style};
use std::io::{BufWriter, Write};

use crate::analysis::structure::{Part, Structure};
use crate::analysis::FillerKind;
use crate::cli::{ShowArgs, ShowFormat};
use crate::config::Config;
use crate::history::review::{self, Piece};
use crate::history::subtitles::{self, CueRules};
use crate::history::when::{local_minute, LocalClock};
use crate::history::{SessionEntry, Store};
use crate::output::style::{Align, Paint, Table};
use crate::report::Report;
use crate::units::clock;

/// Transcript lines are wrapped to the terminal, or to this width when not on one.
const DEFAULT_WIDTH: usize = 100;

pub fn run(args: &ShowArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let store = Store::open(&config.data_dir)?;
    let session = store.load(&args.id)?;
    let mut out = BufWriter::new(out);
    match args.resolved_format() {
        ShowFormat::Json => {
            let json = serde_json::to_string_pretty(&session.report)?;
            writeln!(out, "{json}")?;
        }
        ShowFormat::Srt => out.write_all(subtitles::srt(&cues(&session.report)).as_bytes())?,
        ShowFormat::Vtt => out.write_all(subtitles::vtt(&cues(&session.report)).as_bytes())?,
        ShowFormat::Text => {
            let paint = Paint::for_stdout();
            let width = if paint.enabled {
                console::Term::stdout()
                    .size_checked()
                    .map_or(DEFAULT_WIDTH, |(_, w)| usize::from(w).clamp(40, 140))
            } else {
                DEFAULT_WIDTH
            };
            let entry = SessionEntry::of_take(&session.id, &session.report)?;
            let mut clock = LocalClock::new();
            let when = local_minute(&entry, &mut clock);
            let text = render_text(&session.report, &entry, when.as_deref(), paint, width);
            out.write_all(text.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(())
}

fn cues(report: &Report) -> Vec<subtitles::Cue> {
    let rules = CueRules {
        split_gap_s: report.settings.long_pause_s,
        ..CueRules::default()
    };
    subtitles::cues(&review::words(report), &report.pauses, &rules)
}

/// The whole text view.
pub fn render_text(
    report: &Report,
    entry: &SessionEntry,
    when: Option<&str>,
    paint: Paint,
    width: usize,
) -> String {
    let mut s = String::new();
    // Heading: which take, when, which question.
    let mut head = format!("Take {}", entry.id);
    if let Some(when) = when {
        head.push_str(&format!(" · {when}"));
    }
    s.push_str(&paint.bold(&head));
    s.push('\n');
    if let Some(q) = &entry.question {
        s.push_str(&format!("Question: {}\n", q.trim()));
    }
    s.push_str(&summary_line(entry, paint));
    s.push('\n');
    let story = shown_story(report);
    if let Some(st) = story {
        s.push_str(&format!(
            "Story: {}\n",
            crate::report::summary::story_line(st)
        ));
    }
    s.push('\n');

    s.push_str(&paint.bold("Transcript"));
    s.push('\n');
    let sentences = review::sentences(report);
    if sentences.is_empty() {
        s.push_str("  (no speech detected)\n");
    }
    for sentence in &sentences {
        let mut stamp = paint.dim(&format!("[{}]", clock(sentence.start)));
        if let Some(st) = story {
            stamp.push(' ');
            stamp.push_str(&paint.bold(&part_at(st, sentence.start).letter().to_string()));
        }
        let pieces: Vec<String> = sentence.pieces.iter().map(|p| piece(p, paint)).collect();
        s.push_str(&wrap_line(&stamp, &pieces, width));
    }
    if story.is_some() {
        s.push_str(
            &paint.dim("  S situation   T task   A action   R result   L learning   · other\n"),
        );
    }
    if !report.fillers.is_empty() || !report.pauses.is_empty() {
        s.push_str(&paint.dim(&format!(
            "  {} hesitation sound   {} filler word   {} long pause\n",
            piece(
                &Piece::Filler {
                    lead: String::new(),
                    text: "um".into(),
                    trail: String::new(),
                    kind: FillerKind::Sound
                },
                paint
            ),
            piece(
                &Piece::Filler {
                    lead: String::new(),
                    text: "like".into(),
                    trail: String::new(),
                    kind: FillerKind::Discourse
                },
                paint
            ),
            piece(&Piece::Pause(2.0), paint),
        )));
    }

    s.push('\n');
    s.push_str(&paint.bold("Checks"));
    s.push('\n');
    let mut table = Table::new(&[Align::Left, Align::Left, Align::Left]);
    for c in &report.checks {
        table.row(vec![
            paint.status(c.status),
            c.id.clone(),
            c.message.clone(),
        ]);
    }
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = table.write(&mut buf, "  ");
    s.push_str(&String::from_utf8_lossy(&buf));
    s.push_str(&format!("Overall: {}\n", paint.status(report.verdict())));
    for w in &report.warnings {
        s.push_str(&format!("Note: {w}\n"));
    }
    s
}

/// The story structure worth marking in the transcript: not for answers to questions that ask
/// for no story, and only with times to place the parts.
fn shown_story(report: &Report) -> Option<&Structure> {
    report.structure.as_ref().filter(|s| {
        s.behavioural != Some(false)
            && !s.sentences.is_empty()
            && s.sentences.iter().all(|x| x.start.is_some())
    })
}

/// The part of the story sentence being spoken at `t` (the review's lines and the story's
/// sentences are cut from the same words, so a line starts where a sentence does or inside it).
fn part_at(s: &Structure, t: f64) -> Part {
    const EPS: f64 = 0.05;
    s.sentences
        .iter()
        .take_while(|x| x.start.is_some_and(|start| start <= t + EPS))
        .last()
        .or(s.sentences.first())
        .map_or(Part::Other, |x| x.part)
}

/// `1:47 in 1:00–2:00 · 143 wpm · 4 fillers (2.2/min) · 1 long pause · 2 hedges`
fn summary_line(e: &SessionEntry, paint: Paint) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let fits = e.target.contains(e.duration_s);
    let duration = paint.apply(
        &if fits {
            Style::new().green()
        } else {
            Style::new().yellow()
        },
        &clock(e.duration_s),
    );
    format!(
        "{duration} (target {}–{}) · {:.0} wpm · {} ({:.1}/min) · {} · {}",
        clock(e.target.min),
        clock(e.target.max),
        e.wpm,
        plural(e.fillers, "filler", "fillers"),
        e.fillers_per_minute,
        plural(e.long_pauses, "long pause", "long pauses"),
        plural(e.hedges, "hedge", "hedges"),
    )
}

/// One piece of a sentence as text: fillers as `[um]` / `*like*` (or in colour on a
/// terminal), pauses as `[pause 3.1 s]`.
fn piece(p: &Piece, paint: Paint) -> String {
    match p {
        Piece::Word(w) => w.clone(),
        Piece::Filler {
            lead,
            text,
            trail,
            kind,
        } => {
            let marked = match (paint.enabled, kind) {
                (true, FillerKind::Sound) => paint.apply(&Style::new().black().on_yellow(), text),
                (true, FillerKind::Discourse) => {
                    paint.apply(&Style::new().yellow().bold().underlined(), text)
                }
                (false, FillerKind::Sound) => format!("[{text}]"),
                (false, FillerKind::Discourse) => format!("*{text}*"),
            };
            format!("{lead}{marked}{trail}")
        }
        Piece::Pause(d) => paint.apply(&Style::new().cyan(), &format!("[pause {d:.1} s]")),
    }
}

/// A sentence line: its time stamp, then the pieces wrapped to `width` with a hanging indent.
fn wrap_line(stamp: &str, pieces: &[String], width: usize) -> String {
    let indent = 2 + measure_text_width(stamp) + 1;
    let mut s = format!("  {stamp}");
    let mut col = indent - 1;
    for p in pieces {
        let w = measure_text_width(p);
        if col + 1 + w > width && col > indent {
            s.push('\n');
            s.push_str(&" ".repeat(indent - 1));
            col = indent - 1;
        }
        s.push(' ');
        s.push_str(p);
        col += 1 + w;
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::synthetic::{report, Script};
    use time::macros::datetime;

    #[test]
    fn plain_text_marks_fillers_pauses_and_lists_checks() {
        let r = report(&Script::new(
            Some("Tell me about a failure."),
            "So, um, in the end we shipped late. |3.1| I learned, like, to plan better.",
            datetime!(2026-11-26 04:15:02 UTC),
        ));
        let e = SessionEntry::from_report("20261126T041502Z", &r).unwrap();
        let text = render_text(&r, &e, Some("2026-11-26 04:15 UTC"), Paint::plain(), 100);
        assert!(
            text.starts_with("Take 20261126T041502Z · 2026-11-26 04:15 UTC\n"),
            "{text}"
        );
        assert!(
            text.contains("Question: Tell me about a failure."),
            "{text}"
        );
        assert!(
            text.contains("  [0:00] R So, [um], in the end we shipped late. [pause 3.1 s]\n"),
            "{text}"
        );
        assert!(
            text.contains("] L I learned, *like*, to plan better.\n"),
            "{text}"
        );
        assert!(text.contains("WARN  long_pauses"), "{text}");
        assert!(text.contains("Overall: "), "{text}");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn story_parts_are_marked_on_each_line_with_a_legend() {
        let r = report(&Script::new(
            Some("Tell me about a time you fixed a slow build."),
            "At my last job the build took an hour. My task was to make it faster. \
             So I cached the dependencies and I split the tests. \
             As a result the build went from sixty minutes to twelve. So yeah.",
            datetime!(2026-11-26 04:15:02 UTC),
        ));
        let e = SessionEntry::from_report("20261126T041502Z", &r).unwrap();
        let text = render_text(&r, &e, None, Paint::plain(), 100);
        let marks: Vec<char> = text
            .lines()
            .filter(|l| l.starts_with("  [0:"))
            .filter_map(|l| l.chars().nth(9))
            .collect();
        assert_eq!(marks, ['S', 'T', 'A', 'R', '·'], "{text}");
        // Words every 0.4 s from 0.8 s, each 0.32 s long; sentences of 9, 7, 10 and 11 words:
        // 0.8–4.32, 4.4–7.12, 7.2–11.12 and 11.2–15.52 s, shown as the whole seconds reached.
        assert!(
            text.contains(
                "\nStory: S 0:00–0:04 · T 0:04–0:07 · A 0:07–0:11 · R 0:11–0:15 · ends on a \
                 trail-off\n"
            ),
            "{text}"
        );
        assert!(text.contains("S situation   T task"), "{text}");

        // A question that asks for no story: no marks, no story line.
        let r = report(&Script::new(
            Some("Why this company?"),
            "I like the product. So yeah.",
            datetime!(2026-11-26 04:15:02 UTC),
        ));
        let e = SessionEntry::from_report("20261126T041502Z", &r).unwrap();
        let text = render_text(&r, &e, None, Paint::plain(), 100);
        assert!(text.contains("  [0:00] I like the product."), "{text}");
        assert!(
            !text.contains("Story:") && !text.contains("S situation"),
            "{text}"
        );
    }

    #[test]
    fn long_sentences_wrap_with_a_hanging_indent() {
        let pieces: Vec<String> = (0..30).map(|i| format!("word{i}")).collect();
        let s = wrap_line("[0:05]", &pieces, 40);
        let lines: Vec<&str> = s.lines().collect();
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{s}");
        assert!(lines[1].starts_with("         word"), "{s}");
    }
}
