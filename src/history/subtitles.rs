//! Subtitles (SRT and WebVTT) timed from the transcript's words, so a take can be replayed with
//! its words on screen.
//!
//! Cues follow common subtitling practice: at most two lines of at most 42 characters, at most
//! 7 seconds each, at least 0.8 seconds on screen where the next cue leaves room, and a new cue
//! at every sentence end and long pause. Around a long pause the cue edges are pulled in to the
//! silence the audio signal measured, because recogniser word times stretch across silences and
//! would keep text on screen while nothing is said.

use std::fmt::Write as _;

use super::review::pause_slots;
use crate::analysis::Pause;
use crate::transcript::Word;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CueRules {
    pub max_line_chars: usize,
    pub max_lines: usize,
    pub max_duration_s: f64,
    pub min_duration_s: f64,
    /// A gap between words at least this long starts a new cue (the long-pause threshold).
    pub split_gap_s: f64,
}

impl Default for CueRules {
    fn default() -> Self {
        CueRules {
            max_line_chars: 42,
            max_lines: 2,
            max_duration_s: 7.0,
            min_duration_s: 0.8,
            split_gap_s: 2.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub start: f64,
    pub end: f64,
    pub lines: Vec<String>,
}

/// Splits text into at most `max_lines` lines of at most `width` characters, balanced so the
/// lines are of similar length; `None` when it does not fit. A single word longer than a line
/// gets a line of its own.
pub fn wrap(words: &[&str], width: usize, max_lines: usize) -> Option<Vec<String>> {
    let len = |ws: &[&str]| -> usize {
        ws.iter().map(|w| w.chars().count()).sum::<usize>() + ws.len().saturating_sub(1)
    };
    if words.is_empty() {
        return Some(Vec::new());
    }
    if len(words) <= width || words.len() == 1 {
        return Some(vec![words.join(" ")]);
    }
    if max_lines < 2 {
        return None;
    }
    if max_lines == 2 {
        // The break that makes the longer line shortest.
        return (1..words.len())
            .filter(|&k| len(&words[..k]) <= width && len(&words[k..]) <= width)
            .min_by_key(|&k| len(&words[..k]).max(len(&words[k..])))
            .map(|k| vec![words[..k].join(" "), words[k..].join(" ")]);
    }
    // More than two lines: fill greedily.
    let mut lines: Vec<String> = Vec::new();
    let mut line: Vec<&str> = Vec::new();
    for &w in words {
        line.push(w);
        if len(&line) > width && line.len() > 1 {
            line.pop();
            lines.push(line.join(" "));
            line = vec![w];
        }
    }
    lines.push(line.join(" "));
    (lines.len() <= max_lines).then_some(lines)
}

fn ends_sentence(word: &str) -> bool {
    word.trim_end_matches(['"', '\'', ')', '\u{201d}'])
        .ends_with(['.', '?', '!'])
}

/// Groups words into timed cues.
pub fn cues(words: &[Word], pauses: &[Pause], rules: &CueRules) -> Vec<Cue> {
    let words: Vec<&Word> = words.iter().filter(|w| !w.word.trim().is_empty()).collect();
    let owned: Vec<Word> = words.iter().map(|w| (*w).clone()).collect();
    let slots = pause_slots(&owned, pauses);
    // The pause (if any) that comes right before each word.
    let mut pause_before: Vec<Option<&Pause>> = vec![None; words.len() + 1];
    for (p, &slot) in pauses.iter().zip(&slots) {
        pause_before[slot] = Some(p);
    }

    // Group word indices into cues.
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=words.len() {
        if i == words.len() {
            groups.push(start..i);
            break;
        }
        let prev = words[i - 1];
        let hard = ends_sentence(prev.word.trim())
            || pause_before[i].is_some()
            || words[i].start - prev.end >= rules.split_gap_s;
        let texts: Vec<&str> = words[start..=i].iter().map(|w| w.word.trim()).collect();
        let too_long = wrap(&texts, rules.max_line_chars, rules.max_lines).is_none()
            || words[i].end - words[start].start > rules.max_duration_s;
        if hard || too_long {
            groups.push(start..i);
            start = i;
        }
    }

    let mut out: Vec<Cue> = groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|g| {
            let first = words[g.start];
            let last = words[g.end - 1];
            let mut start = first.start;
            let mut end = last.end;
            // Pull the edges in to the measured silence on either side.
            if let Some(p) = pause_before[g.start] {
                if p.end > start && p.end < first.end {
                    start = p.end;
                }
            }
            if let Some(p) = pause_before[g.end] {
                if p.start < end && p.start > last.start {
                    end = p.start;
                }
            }
            let texts: Vec<&str> = words[g].iter().map(|w| w.word.trim()).collect();
            let lines = wrap(&texts, rules.max_line_chars, rules.max_lines)
                .unwrap_or_else(|| vec![texts.join(" ")]);
            Cue { start, end, lines }
        })
        .collect();

    // Minimum display time where there is room, and never an overlap or an empty cue.
    for i in 0..out.len() {
        let next_start = out.get(i + 1).map_or(f64::INFINITY, |c| c.start);
        let cue = &mut out[i];
        cue.start = cue.start.max(0.0);
        if cue.end - cue.start < rules.min_duration_s {
            cue.end = (cue.start + rules.min_duration_s).min(next_start);
        }
        cue.end = cue.end.min(next_start);
        if cue.end <= cue.start {
            cue.end = cue.start + 0.001;
        }
    }
    out
}

/// `00:00:01,500` (SRT, `sep = ','`) or `00:00:01.500` (WebVTT, `sep = '.'`).
pub fn timestamp(seconds: f64, sep: char) -> String {
    let ms = (seconds.max(0.0) * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}{sep}{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

pub fn srt(cues: &[Cue]) -> String {
    let mut s = String::new();
    for (i, c) in cues.iter().enumerate() {
        let _ = writeln!(
            s,
            "{}\n{} --> {}\n{}\n",
            i + 1,
            timestamp(c.start, ','),
            timestamp(c.end, ','),
            c.lines.join("\n")
        );
    }
    s
}

pub fn vtt(cues: &[Cue]) -> String {
    let mut s = String::from("WEBVTT\n\n");
    for c in cues {
        // "-->" inside cue text would end the timing line early.
        let text = c.lines.join("\n").replace("-->", "->");
        let _ = writeln!(
            s,
            "{} --> {}\n{}\n",
            timestamp(c.start, '.'),
            timestamp(c.end, '.'),
            text
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::synthetic::{transcript, Script};
    use time::macros::datetime;

    fn words_of(text: &str) -> (Vec<Word>, Vec<Pause>) {
        let (t, a) = transcript(&Script::new(None, text, datetime!(2026-11-26 04:15:02 UTC)));
        let pauses = crate::analysis::pauses::long_pauses(&a.regions, 2.0);
        (t.words().cloned().collect(), pauses)
    }

    #[test]
    fn timestamps_in_both_formats() {
        assert_eq!(timestamp(1.5, ','), "00:00:01,500");
        assert_eq!(timestamp(1.5, '.'), "00:00:01.500");
        assert_eq!(timestamp(3723.0456, ','), "01:02:03,046");
        assert_eq!(timestamp(-1.0, '.'), "00:00:00.000");
        assert_eq!(timestamp(59.9999, ','), "00:01:00,000");
    }

    #[test]
    fn wrap_balances_two_lines_within_the_width() {
        let w: Vec<&str> = "the quick brown fox jumps over the lazy dog and keeps running far away"
            .split(' ')
            .collect();
        let lines = wrap(&w, 42, 2).unwrap();
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.chars().count() <= 42), "{lines:?}");
        let diff = lines[0].len().abs_diff(lines[1].len());
        assert!(diff <= 8, "{lines:?}");
        assert_eq!(wrap(&["short", "text"], 42, 2).unwrap(), ["short text"]);
        let long: Vec<&str> = vec!["word"; 30];
        assert_eq!(wrap(&long, 42, 2), None);
    }

    #[test]
    fn cues_split_at_sentences_pauses_and_length() {
        let (words, pauses) = words_of(
            "We migrated the billing service to the new cluster over a weekend. Nobody noticed \
             |3.0| until Monday morning when the invoices went out twice to every customer we \
             had on the books.",
        );
        let c = cues(&words, &pauses, &CueRules::default());
        // Sentence 1 (13 words, too long for 84 chars? no: 66 chars) → one cue; then
        // "Nobody noticed" closed by the pause; then the long sentence split by length.
        assert_eq!(
            c[0].lines.join(" "),
            "We migrated the billing service to the new cluster over a weekend."
        );
        assert_eq!(c[1].lines.join(" "), "Nobody noticed");
        assert!(c.len() >= 4, "{c:#?}");
        for cue in &c {
            assert!(cue.lines.len() <= 2, "{cue:?}");
            assert!(cue.lines.iter().all(|l| l.chars().count() <= 42), "{cue:?}");
            assert!(cue.end > cue.start);
            assert!(cue.end - cue.start <= 7.0 + 1e-9, "{cue:?}");
        }
        for pair in c.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{pair:?}");
        }
        // Nothing is on screen through the silence beyond the minimum display time.
        let p = &pauses[0];
        assert!(
            c[1].end <= p.start.max(c[1].start + 0.8) + 1e-9,
            "{:?} {p:?}",
            c[1]
        );
        assert!(c[2].start >= p.end - 0.01, "{:?} {p:?}", c[2]);
        // Every word appears exactly once, in order.
        let all: Vec<String> = c
            .iter()
            .flat_map(|c| {
                c.lines
                    .join(" ")
                    .split(' ')
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        let expected: Vec<String> = words.iter().map(|w| w.word.clone()).collect();
        assert_eq!(all, expected);
    }

    fn w(text: &str, start: f64, end: f64) -> Word {
        Word {
            word: text.into(),
            start,
            end,
            probability: 0.9,
        }
    }

    #[test]
    fn cue_edges_are_pulled_in_to_a_measured_pause() {
        // The recogniser stretched "problem" and "with" across a silence from 3.0 to 6.0 s.
        let words = vec![
            w("We", 1.0, 1.3),
            w("had", 1.4, 1.7),
            w("a", 1.8, 1.9),
            w("problem", 2.0, 5.0),
            w("with", 5.2, 6.4),
            w("it.", 6.5, 6.8),
        ];
        let pause = Pause {
            start: 3.0,
            end: 6.0,
            duration: 3.0,
        };
        let c = cues(&words, &[pause], &CueRules::default());
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].lines, ["We had a problem"]);
        assert_eq!((c[0].start, c[0].end), (1.0, 3.0));
        assert_eq!((c[1].start, c[1].end), (6.0, 6.8));
    }

    #[test]
    fn short_cues_get_a_minimum_time_without_overlapping() {
        let words = vec![
            w("Yes.", 1.0, 1.2),
            w("No.", 1.5, 1.7),
            w("Maybe.", 5.0, 5.3),
        ];
        let c = cues(&words, &[], &CueRules::default());
        assert_eq!(c.len(), 3);
        assert_eq!((c[0].start, c[0].end), (1.0, 1.5));
        assert!((c[1].end - 2.3).abs() < 1e-9);
        assert!((c[2].end - 5.8).abs() < 1e-9);
    }

    #[test]
    fn srt_and_vtt_layout() {
        let c = vec![
            Cue {
                start: 1.5,
                end: 3.2,
                lines: vec!["Hello there,".into(), "general.".into()],
            },
            Cue {
                start: 4.0,
                end: 5.0,
                lines: vec!["a --> b".into()],
            },
        ];
        assert_eq!(
            srt(&c),
            "1\n00:00:01,500 --> 00:00:03,200\nHello there,\ngeneral.\n\n2\n00:00:04,000 --> 00:00:05,000\na --> b\n\n"
        );
        assert_eq!(
            vtt(&c),
            "WEBVTT\n\n00:00:01.500 --> 00:00:03.200\nHello there,\ngeneral.\n\n00:00:04.000 --> 00:00:05.000\na -> b\n\n"
        );
    }
}
