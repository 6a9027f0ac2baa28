//! Plain text: one line or paragraph after another, with no times. Speaker labels are read
//! ("Interviewer: …", or a name on a line of its own, with or without a time after it as note
//! takers and Otter write it); a time at the start of a line is dropped, as it gives no end.

use super::labels::split_label;
use super::{Document, Format, Line, Token};
use crate::transcribe::cleanup::remove_annotations;

pub(super) fn parse(text: &str) -> Document {
    let mut lines = Vec::new();
    // A name on a line of its own labels the text that follows it.
    let mut pending: Option<String> = None;
    for raw in text.lines() {
        let line = strip_leading_time(raw.trim());
        if line.is_empty() {
            continue;
        }
        if let Some(name) = header_label(line) {
            pending = Some(name.to_string());
            continue;
        }
        let (speaker, rest) = match split_label(line) {
            Some((name, "")) => {
                pending = Some(name.to_string());
                continue;
            }
            Some((name, rest)) => (Some(name.to_string()), rest),
            None => (pending.take(), line),
        };
        let words = remove_annotations(rest.split_whitespace().map(Token::untimed).collect());
        if !words.is_empty() {
            lines.push(Line {
                speaker,
                span: None,
                words,
            });
        }
    }
    Document {
        format: Format::Text,
        lines,
        recording_s: None,
        question: None,
    }
}

/// `[00:01:23]`, `(1:23)` or `00:01:23.5` at the start of a line, dropped.
fn strip_leading_time(line: &str) -> &str {
    let Some(first) = line.split_whitespace().next() else {
        return line;
    };
    if is_time(first) {
        line[first.len()..].trim_start()
    } else {
        line
    }
}

fn is_time(token: &str) -> bool {
    let t = token
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')']);
    let clock = t.split_once(['.', ',']).map_or(t, |(c, _)| c);
    let parts: Vec<&str> = clock.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
}

/// A line that is only a speaker's name followed by a time: `Alex Chen  0:03`.
fn header_label(line: &str) -> Option<&str> {
    let (name, time) = line.rsplit_once(char::is_whitespace)?;
    if !is_time(time) {
        return None;
    }
    let name = name.trim();
    let probe = format!("{name}:");
    split_label(&probe).map(|_| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(Option<String>, String)> {
        parse(text)
            .lines
            .into_iter()
            .map(|l| {
                let words: Vec<String> = l.words.into_iter().map(|w| w.text).collect();
                (l.speaker, words.join(" "))
            })
            .collect()
    }

    fn some(name: &str, text: &str) -> (Option<String>, String) {
        (Some(name.to_string()), text.to_string())
    }

    #[test]
    fn plain_paragraphs_have_no_speaker_and_no_times() {
        let doc = parse("Um, so we shipped.\n\nIt was, like, late.\n");
        assert_eq!(doc.lines.len(), 2);
        assert!(doc
            .lines
            .iter()
            .all(|l| l.speaker.is_none() && l.span.is_none()));
        assert_eq!(doc.word_count(), 8);
    }

    #[test]
    fn labels_inline_and_on_their_own_line_with_times_dropped() {
        let text = "[00:00:01] Interviewer: Why?\nCandidate:\nWell, I mean, um...\n(laughs) \
                    it was hard.\n\nAlex Chen  1:03\nRight.\n";
        assert_eq!(
            lines(text),
            [
                some("Interviewer", "Why?"),
                some("Candidate", "Well, I mean, um..."),
                (None, "it was hard.".to_string()),
                some("Alex Chen", "Right."),
            ]
        );
    }

    #[test]
    fn times_are_recognised_only_as_whole_tokens() {
        assert!(is_time("[00:01:23]") && is_time("1:23") && is_time("(01:02.5)"));
        assert!(!is_time("10am") && !is_time("1:2345") && !is_time("a:bc"));
        assert_eq!(strip_leading_time("12:30 we met"), "we met");
        assert_eq!(strip_leading_time("We met at 12:30"), "We met at 12:30");
    }
}
