//! WebVTT and SRT: cues with times, markup and speaker labels, from Zoom ("Name: text"), Teams
//! (`<v Name>`), YouTube (rolling auto-captions with a time tag before each word) and subtitle
//! editors (`<i>`, `<font>`, `{\an8}`).
//!
//! A cue without word times gives its words no times of their own: the conversation step spreads
//! them over the cue and marks them estimated. YouTube's time tags give each word its start.

use super::labels::{split_label, strip_turn_marks};
use super::{CueTimeError, Document, Format, Line, Token, TranscriptError};
use crate::transcribe::cleanup::remove_annotations;

const TIME_FIX: &str = "cue times look like 00:01:02.500 --> 00:01:04.000";

/// One cue as written: its times, and its text lines with markup.
struct Cue<'a> {
    start: f64,
    end: f64,
    text: Vec<&'a str>,
}

/// Reads WebVTT or SRT (the two differ only in details this reader accepts either way).
pub(super) fn parse(text: &str, format: Format) -> Result<Document, TranscriptError> {
    let cues = read_cues(text, format)?;
    let rolling = is_rolling(&cues);
    let mut lines = Vec::new();
    let mut previous: Vec<String> = Vec::new();
    for cue in &cues {
        let clean: Vec<String> = cue.text.iter().map(|l| plain(l)).collect();
        // Rolling captions repeat the previous cue's last lines before the new one.
        let repeated = if rolling {
            overlap(&previous, &clean)
        } else {
            0
        };
        lines.extend(cue_lines(cue, &cue.text[repeated..]));
        previous = clean;
    }
    Ok(Document {
        format,
        lines,
        recording_s: None,
        question: None,
    })
}

/// True for a cue time line (`00:00:01,000 --> 00:00:04,000`, with or without settings).
pub(super) fn is_time_line(line: &str) -> bool {
    matches!(parse_time_line(line), Some(Ok(_)))
}

/// `None` when the line is not meant as a time line (no arrow); an error when it is but
/// cannot be read.
fn parse_time_line(line: &str) -> Option<Result<(f64, f64), CueTimeError>> {
    let (left, right) = line.split_once("-->")?;
    let end = right.split_whitespace().next().unwrap_or("");
    Some(match (timestamp(left.trim()), timestamp(end)) {
        (Some(s), Some(e)) if e >= s => Ok((s, e)),
        (Some(_), Some(_)) => Err(CueTimeError::Backwards),
        _ => Err(CueTimeError::Unreadable(line.trim().to_string())),
    })
}

/// `[hh:]mm:ss[.,]fff` in seconds.
fn timestamp(s: &str) -> Option<f64> {
    let (clock, fraction) = match s.split_once(['.', ',']) {
        Some((c, f)) => (c, f),
        None => (s, ""),
    };
    if !fraction.chars().all(|c| c.is_ascii_digit()) || fraction.len() > 9 {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 6)
    {
        return None;
    }
    let n: Vec<f64> = parts
        .iter()
        .map(|p| p.parse::<f64>().unwrap_or(0.0))
        .collect();
    let (h, m, sec) = match n.as_slice() {
        [m, s] => (0.0, *m, *s),
        [h, m, s] if *m < 60.0 => (*h, *m, *s),
        _ => return None,
    };
    if sec >= 60.0 {
        return None;
    }
    let frac = if fraction.is_empty() {
        0.0
    } else {
        format!("0.{fraction}").parse::<f64>().ok()?
    };
    Some(h * 3600.0 + m * 60.0 + sec + frac)
}

/// The cues in file order, each with its non-empty text lines.
fn read_cues(text: &str, format: Format) -> Result<Vec<Cue<'_>>, TranscriptError> {
    let all: Vec<&str> = text.lines().collect();
    let mut i = 0;
    // The WebVTT header runs to the first blank line (YouTube puts `Kind:` and `Language:`
    // there); a cue right after it without a blank line still counts.
    if all
        .first()
        .is_some_and(|l| l.trim_start().starts_with("WEBVTT"))
    {
        i = 1;
        while i < all.len() && !all[i].trim().is_empty() && !all[i].contains("-->") {
            i += 1;
        }
    }
    let mut cues: Vec<Cue> = Vec::new();
    let mut in_cue = false;
    let mut skipping_block = false;
    let mut block_start = true;
    for (n, raw) in all.iter().enumerate().skip(i) {
        // WebVTT ends a cue only at an empty line (YouTube puts a line of one space inside
        // cues); SRT files often end one with a line of spaces.
        let blank = match format {
            Format::Srt => raw.trim().is_empty(),
            _ => raw.trim_end_matches('\r').is_empty(),
        };
        let line = raw.trim_end();
        if blank {
            in_cue = false;
            skipping_block = false;
            block_start = true;
            continue;
        }
        let first_in_block = std::mem::replace(&mut block_start, false);
        if first_in_block
            && ["NOTE", "STYLE", "REGION"].iter().any(|k| {
                line.strip_prefix(k)
                    .is_some_and(|r| r.is_empty() || r.starts_with(char::is_whitespace))
            })
        {
            skipping_block = true;
        }
        if skipping_block {
            continue;
        }
        match parse_time_line(line) {
            Some(Ok((start, end))) => {
                // An SRT cue number that lost its blank line belongs to this cue, not the last.
                if in_cue {
                    if let Some(last) = cues.last_mut() {
                        if last
                            .text
                            .last()
                            .is_some_and(|t| t.trim().chars().all(|c| c.is_ascii_digit()))
                        {
                            last.text.pop();
                        }
                    }
                }
                cues.push(Cue {
                    start,
                    end,
                    text: Vec::new(),
                });
                in_cue = true;
            }
            Some(Err(what)) => {
                return Err(TranscriptError::BadCue {
                    line: n + 1,
                    what,
                    fix: TIME_FIX,
                })
            }
            None if in_cue => cues.last_mut().map_or((), |c| c.text.push(line)),
            // A cue identifier or SRT number before its time line, or stray text.
            None => {}
        }
    }
    for cue in &mut cues {
        cue.text.retain(|l| !plain(l).is_empty());
    }
    if cues.is_empty() {
        let has_header = text.trim_start().starts_with("WEBVTT");
        if !has_header || format == Format::Srt {
            return Err(TranscriptError::NoCues(format.label()));
        }
    }
    Ok(cues)
}

/// Rolling captions: most cues begin with the line the previous cue ended on.
fn is_rolling(cues: &[Cue]) -> bool {
    let repeats = cues
        .windows(2)
        .filter(|w| {
            let last = w[0].text.last().map(|l| plain(l));
            let first = w[1].text.first().map(|l| plain(l));
            last.as_ref().is_some_and(|l| !l.is_empty()) && last == first
        })
        .count();
    repeats >= 2 && repeats * 3 > cues.len()
}

/// How many of `current`'s first lines repeat `previous`'s last lines.
fn overlap(previous: &[String], current: &[String]) -> usize {
    (1..=previous.len().min(current.len()))
        .rev()
        .find(|&k| previous[previous.len() - k..] == current[..k])
        .unwrap_or(0)
}

/// A piece of a cue's text: words, a time tag (`<00:00:01.500>`), or a voice (`<v Name>`).
#[derive(Debug, PartialEq)]
enum Piece {
    Text(String),
    Time(f64),
    Voice(String),
}

fn pieces(line: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let tag_end = match c {
            '<' => rest.find('>'),
            '{' if rest.starts_with("{\\") => rest.find('}'),
            _ => None,
        };
        let Some(close) = tag_end else {
            text.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        let piece = if tag.starts_with(|c: char| c.is_ascii_digit()) {
            timestamp(tag).map(Piece::Time)
        } else if let Some(v) = tag.strip_prefix('v').filter(|v| v.starts_with([' ', '.'])) {
            // `<v.loud Alex Chen>`: classes, then the name.
            let name = v.split_once(' ').map_or("", |(_, n)| n).trim();
            (!name.is_empty()).then(|| Piece::Voice(name.to_string()))
        } else {
            None
        };
        if let Some(p) = piece {
            if !text.is_empty() {
                out.push(Piece::Text(decode_entities(&std::mem::take(&mut text))));
            }
            out.push(p);
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(decode_entities(&text)));
    }
    out
}

/// A cue line's words without markup, spaces collapsed (for comparing rolling lines).
fn plain(line: &str) -> String {
    let text: String = pieces(line)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // `Some(None)`: an entity that stands for nothing visible (direction marks).
        let decoded = rest.find(';').filter(|&e| e <= 10).and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some(Some('&')),
                "lt" => Some(Some('<')),
                "gt" => Some(Some('>')),
                "quot" => Some(Some('"')),
                "apos" => Some(Some('\'')),
                "nbsp" => Some(Some(' ')),
                "lrm" | "rlm" => Some(None),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32)
                    .map(Some),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.extend(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The words of one text line, each with the start its time tag gives (if any).
fn line_words(pieces: &[Piece], mut pending: Option<f64>) -> Vec<Token> {
    let mut words: Vec<Token> = Vec::new();
    let mut in_word = false;
    for p in pieces {
        match p {
            Piece::Time(t) => {
                pending = Some(*t);
                in_word = false;
            }
            Piece::Voice(_) => in_word = false,
            Piece::Text(text) => {
                for (i, part) in text.split(char::is_whitespace).enumerate() {
                    if i > 0 {
                        in_word = false;
                    }
                    if part.is_empty() {
                        continue;
                    }
                    match words.last_mut() {
                        // "hel<c>lo</c>": markup inside a word does not split it.
                        Some(w) if in_word => w.text.push_str(part),
                        _ => {
                            let mut w = Token::untimed(part);
                            w.start = pending.take();
                            words.push(w);
                        }
                    }
                    in_word = true;
                }
            }
        }
    }
    words
}

/// The lines of speech in one cue: a new line where a voice, a label or a turn mark says
/// someone starts speaking, otherwise the text continues the cue's current line.
fn cue_lines(cue: &Cue, text: &[&str]) -> Vec<Line> {
    let timed_words = text
        .iter()
        .any(|l| pieces(l).iter().any(|p| matches!(p, Piece::Time(_))));
    let mut out: Vec<Line> = Vec::new();
    let mut voice: Option<String> = None;
    for (k, raw) in text.iter().enumerate() {
        let ps = pieces(raw);
        let line_voice = ps.iter().find_map(|p| match p {
            Piece::Voice(v) => Some(v.clone()),
            _ => None,
        });
        // A cue with time tags starts its first word at the cue's start.
        let first_start = (timed_words && k == 0).then_some(cue.start);
        let raw_words = line_words(&ps, first_start);
        let raw_text = joined(&raw_words);
        let turn_mark = strip_turn_marks(&raw_text).len() != raw_text.len();
        // Sound notes go first, so "[laughs] ALEX: Well…" still shows its label.
        let mut words = remove_annotations(raw_words);
        let mut label = None;
        if line_voice.is_none() {
            let text = joined(&words);
            if let Some((name, rest)) = split_label(strip_turn_marks(&text)) {
                let dropped = text[..text.len() - rest.len()].split_whitespace().count();
                words.drain(..dropped.min(words.len()));
                label = Some(name.to_string());
            }
        }
        let new_speaker = line_voice.clone().or(label);
        let continues = new_speaker.is_none() && !turn_mark && !out.is_empty();
        if line_voice.is_some() {
            voice = line_voice;
        }
        match out.last_mut() {
            Some(line) if continues => line.words.extend(words),
            _ => out.push(Line {
                speaker: new_speaker.or_else(|| if turn_mark { None } else { voice.clone() }),
                span: Some((cue.start, cue.end)),
                words,
            }),
        }
    }
    out.retain(|l| !l.words.is_empty());
    out
}

fn joined(words: &[Token]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::{parse as parse_any, Hint};
    use super::*;

    fn texts(line: &Line) -> Vec<&str> {
        line.words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn timestamps_in_both_notations() {
        assert_eq!(timestamp("00:01:02.500"), Some(62.5));
        assert_eq!(timestamp("01:02,5"), Some(62.5));
        assert_eq!(timestamp("1:00:00,000"), Some(3600.0));
        assert_eq!(timestamp("00:61.000"), None);
        assert_eq!(timestamp("aa:00.000"), None);
    }

    #[test]
    fn zoom_vtt_gives_speakers_and_cue_times() {
        let vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nSam Patel: Tell me about a \
                   failure.\n\n2\n00:00:05.500 --> 00:00:09.000\nAlex Chen: Um, so, we \
                   missed a launch.\n";
        let doc = parse(vtt, Format::Vtt).unwrap();
        assert_eq!(doc.lines.len(), 2);
        assert_eq!(doc.lines[0].speaker.as_deref(), Some("Sam Patel"));
        assert_eq!(doc.lines[1].speaker.as_deref(), Some("Alex Chen"));
        assert_eq!(doc.lines[1].span, Some((5.5, 9.0)));
        assert_eq!(
            texts(&doc.lines[1]),
            ["Um,", "so,", "we", "missed", "a", "launch."]
        );
        assert!(doc.lines[1].words.iter().all(|w| w.start.is_none()));
    }

    #[test]
    fn teams_voice_tags_markup_entities_and_notes() {
        let vtt = "WEBVTT\n\nNOTE exported\nby Teams\n\nSTYLE\n::cue { color: red }\n\n\
                   3f2a-1\n00:00:03.656 --> 00:00:05.156\n<v Alex Chen>Hi, <i>uh</i>, \
                   R&amp;D here.</v>\n\n00:00:06.000 --> 00:00:07.000 align:start\n\
                   <v.loud Sam>Great &lt;3</v>\n";
        let doc = parse(vtt, Format::Vtt).unwrap();
        assert_eq!(doc.lines.len(), 2);
        assert_eq!(doc.lines[0].speaker.as_deref(), Some("Alex Chen"));
        assert_eq!(texts(&doc.lines[0]), ["Hi,", "uh,", "R&D", "here."]);
        assert_eq!(doc.lines[0].span, Some((3.656, 5.156)));
        assert_eq!(doc.lines[1].speaker.as_deref(), Some("Sam"));
        assert_eq!(texts(&doc.lines[1]), ["Great", "<3"]);
    }

    #[test]
    fn youtube_rolling_captions_are_read_once_with_word_starts() {
        let vtt = "WEBVTT\nKind: captions\nLanguage: en\n\n\
            00:00:00.000 --> 00:00:02.350 align:start position:0%\n \n\
            so<00:00:00.480><c> um</c><00:00:00.960><c> we</c>\n\n\
            00:00:02.350 --> 00:00:02.360 align:start position:0%\nso um we\n \n\n\
            00:00:02.360 --> 00:00:05.000 align:start position:0%\nso um we\n\
            shipped<00:00:03.100><c> it</c>\n\n\
            00:00:05.000 --> 00:00:05.010 align:start position:0%\nshipped it\n \n\n\
            00:00:05.010 --> 00:00:07.000 align:start position:0%\nshipped it\n\
            [Music]\n";
        let doc = parse(vtt, Format::Vtt).unwrap();
        let words: Vec<(&str, Option<f64>)> = doc
            .lines
            .iter()
            .flat_map(|l| l.words.iter().map(|w| (w.text.as_str(), w.start)))
            .collect();
        assert_eq!(
            words,
            [
                ("so", Some(0.0)),
                ("um", Some(0.48)),
                ("we", Some(0.96)),
                ("shipped", Some(2.36)),
                ("it", Some(3.1))
            ]
        );
    }

    #[test]
    fn srt_with_dialogue_dashes_labels_formatting_and_sound_notes() {
        let srt = "1\r\n00:00:01,000 --> 00:00:03,000\r\n{\\an8}<i>- Like, hello?</i>\r\n\
                   - INTERVIEWER: Go ahead.\r\n\r\n2\r\n00:00:03,500 --> 00:00:06,000\r\n\
                   [laughs] <font color=\"#fff\">CANDIDATE: Well, I mean...</font>\r\n";
        let doc = parse(srt, Format::Srt).unwrap();
        let speakers: Vec<Option<&str>> = doc.lines.iter().map(|l| l.speaker.as_deref()).collect();
        assert_eq!(speakers, [None, Some("INTERVIEWER"), Some("CANDIDATE")]);
        assert_eq!(texts(&doc.lines[0]), ["Like,", "hello?"]);
        assert_eq!(texts(&doc.lines[1]), ["Go", "ahead."]);
        assert_eq!(texts(&doc.lines[2]), ["Well,", "I", "mean..."]);
        assert_eq!(doc.lines[2].span, Some((3.5, 6.0)));
    }

    #[test]
    fn an_srt_number_without_its_blank_line_is_not_a_word() {
        let srt =
            "1\n00:00:01,000 --> 00:00:02,000\nFirst.\n2\n00:00:02,000 --> 00:00:03,000\nSecond.\n";
        let doc = parse(srt, Format::Srt).unwrap();
        assert_eq!(texts(&doc.lines[0]), ["First."]);
        assert_eq!(texts(&doc.lines[1]), ["Second."]);
    }

    #[test]
    fn bad_times_name_the_line() {
        let err = parse_any(
            "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHi.\n\n00:00:0x.000 --> 00:00:09.000\nNo.\n",
            Hint::None,
        )
        .unwrap_err();
        assert!(
            matches!(&err, TranscriptError::BadCue { line: 6, what: CueTimeError::Unreadable(l), .. }
                if l == "00:00:0x.000 --> 00:00:09.000"),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "a cue time that cannot be read (`00:00:0x.000 --> 00:00:09.000`) at line 6: cue times \
             look like 00:01:02.500 --> 00:01:04.000"
        );
        let backwards = parse("1\n00:00:05,000 --> 00:00:04,000\nHi.\n", Format::Srt);
        assert!(matches!(
            backwards,
            Err(TranscriptError::BadCue {
                line: 2,
                what: CueTimeError::Backwards,
                ..
            })
        ));
    }
}
