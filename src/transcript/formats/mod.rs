//! Reading transcripts that other tools wrote: Whisper-style JSON (and a whole rehearse report),
//! OpenAI `verbose_json`, whisper.cpp's full JSON (`-ojf`), WebVTT, SRT and plain text.
//!
//! Everything here is pure: bytes or text in, a [`Document`] or a typed [`TranscriptError`] out,
//! so the readers can be fuzzed and tested without files. A document keeps what the file says
//! and no more: times that are not in the file are `None` (the conversation step estimates or
//! leaves them out), speakers are the file's own labels.

mod json;
mod labels;
mod subtitles;
mod text;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A transcript's file format, as recorded in the report's `input.format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A recording (not a transcript): rehearse transcribes it.
    Wav,
    /// A report rehearse wrote (its `transcript` is Whisper-style JSON).
    RehearseReport,
    /// `segments[].words[] {word, start, end}` as openai-whisper, faster-whisper and WhisperX
    /// write it (words optional).
    WhisperJson,
    /// The OpenAI transcription API's `verbose_json` (segments, and top-level `words` when word
    /// timestamps were asked for) or plain `json` (`{"text": …}`).
    OpenaiJson,
    /// whisper.cpp's `--output-json-full`: `transcription[]` with tokens and millisecond offsets.
    WhisperCppJson,
    Vtt,
    Srt,
    Text,
}

impl Format {
    /// The name people know the format by, for messages and the summary.
    pub fn label(self) -> &'static str {
        match self {
            Format::Wav => "WAV recording",
            Format::RehearseReport => "rehearse report",
            Format::WhisperJson => "Whisper JSON",
            Format::OpenaiJson => "OpenAI JSON",
            Format::WhisperCppJson => "whisper.cpp JSON",
            Format::Vtt => "WebVTT",
            Format::Srt => "SRT",
            Format::Text => "plain text",
        }
    }
}

/// A format family to read the file as (`--format`, or guessed from the file's extension);
/// the JSON dialect is always read from the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Json,
    Vtt,
    Srt,
    Text,
}

impl Family {
    /// The family a file's extension suggests, if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Family> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Family::Json),
            "vtt" | "webvtt" => Some(Family::Vtt),
            "srt" => Some(Family::Srt),
            "txt" | "text" | "md" => Some(Family::Text),
            _ => None,
        }
    }
}

/// Whether the family was asked for (`--format`) or only guessed from the extension: a guess
/// gives way when the content is clearly something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    None,
    Extension(Family),
    Forced(Family),
}

/// A transcript as its file tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub format: Format,
    /// Cues, segments or paragraphs in file order.
    pub lines: Vec<Line>,
    /// The recording's length, when the file states it (OpenAI `duration`, a report's audio).
    pub recording_s: Option<f64>,
    /// The question, when the file is a rehearse report that has one.
    pub question: Option<String>,
}

/// One cue, segment or paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The speaker's label, when the file gives one on this line.
    pub speaker: Option<String>,
    /// The line's start and end in seconds, when the file times it.
    pub span: Option<(f64, f64)>,
    pub words: Vec<Token>,
}

/// A word as written in the file, punctuation attached.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub text: String,
    /// The word's own times in seconds, when the file gives them.
    pub start: Option<f64>,
    pub end: Option<f64>,
    pub probability: Option<f32>,
}

impl Token {
    pub fn untimed(text: &str) -> Token {
        Token {
            text: text.to_string(),
            start: None,
            end: None,
            probability: None,
        }
    }
}

impl crate::transcribe::cleanup::Spelled for Token {
    fn spelling(&self) -> &str {
        &self.text
    }
    fn spelling_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

impl Document {
    pub fn word_count(&self) -> usize {
        self.lines.iter().map(|l| l.words.len()).sum()
    }
}

/// Why a file could not be read as a transcript. Each message says what to do; the caller adds
/// the file's name in front.
/// A subtitle cue's time line that does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CueTimeError {
    #[error("a cue that ends before it starts")]
    Backwards,
    /// The whole time line, as written.
    #[error("a cue time that cannot be read (`{0}`)")]
    Unreadable(String),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TranscriptError {
    #[error("the file is empty: export the transcript again")]
    Empty,
    #[error("this is a {0} recording, not a transcript: leave out --transcript to analyse it")]
    Recording(&'static str),
    #[error("this is not a text file: give a transcript (JSON, WebVTT, SRT or plain text)")]
    Binary,
    #[error("this text is not UTF-8: save the transcript as UTF-8 and try again")]
    NotUtf8,
    #[error(
        "not valid JSON (line {line}, column {column}: {message}): export the transcript again"
    )]
    BadJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "JSON of an unknown shape ({0}): rehearse reads Whisper JSON (segments with words), \
         OpenAI verbose_json, whisper.cpp --output-json-full and its own reports"
    )]
    UnknownJson(String),
    #[error("{what} at line {line}: {fix}")]
    BadCue {
        line: usize,
        what: CueTimeError,
        fix: &'static str,
    },
    #[error("no cues found: this is not {0}; name the right format with --format")]
    NoCues(&'static str),
    #[error("it holds no words: is this the right file?")]
    NoWords,
    #[error("it names no speakers, so --speaker {0} cannot pick anyone: leave --speaker out")]
    NoSpeakers(String),
    #[error("no speaker matches '{name}': the speakers are {known}")]
    UnknownSpeaker { name: String, known: String },
    #[error("'{name}' matches several speakers ({matches}): give more of the name")]
    AmbiguousSpeaker { name: String, matches: String },
}

/// Decodes a file's bytes to text: UTF-8 (a byte-order mark is skipped) or UTF-16 with a
/// byte-order mark. Audio files and binary data are recognised and refused.
pub fn decode(bytes: &[u8]) -> Result<String, TranscriptError> {
    const AUDIO: &[(&[u8], &str)] = &[
        (b"RIFF", "WAV"),
        (b"fLaC", "FLAC"),
        (b"OggS", "Ogg"),
        (b"ID3", "MP3"),
    ];
    if let Some((_, kind)) = AUDIO.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(TranscriptError::Recording(kind));
    }
    if bytes.len() >= 8 && &bytes[4..8] == b"ftyp" {
        return Err(TranscriptError::Recording("MP4/M4A"));
    }
    let utf16 = |units: Vec<u16>| String::from_utf16(&units).map_err(|_| TranscriptError::NotUtf8);
    let pairs = |b: &[u8], f: fn([u8; 2]) -> u16| -> Vec<u16> {
        b.chunks_exact(2).map(|c| f([c[0], c[1]])).collect()
    };
    let text = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(pairs(rest, u16::from_le_bytes))?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(pairs(rest, u16::from_be_bytes))?
    } else {
        let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if rest.contains(&0) {
            return Err(TranscriptError::Binary);
        }
        String::from_utf8(rest.to_vec()).map_err(|_| TranscriptError::NotUtf8)?
    };
    if text.contains('\0') {
        return Err(TranscriptError::Binary);
    }
    Ok(text)
}

/// Reads a transcript. The family comes from `hint` when it was asked for, otherwise from the
/// content (a JSON object, a `WEBVTT` header, SRT cue times), with the extension deciding only
/// between formats the content leaves open. A document with no words is an error.
pub fn parse(text: &str, hint: Hint) -> Result<Document, TranscriptError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(TranscriptError::Empty);
    }
    let family = match hint {
        Hint::Forced(family) => family,
        Hint::Extension(family) => sniff(text).unwrap_or(family),
        Hint::None => sniff(text).unwrap_or(Family::Text),
    };
    let doc = match family {
        Family::Json => json::parse(text)?,
        Family::Vtt => subtitles::parse(text, Format::Vtt)?,
        Family::Srt => subtitles::parse(text, Format::Srt)?,
        Family::Text => text::parse(text),
    };
    if doc.word_count() == 0 {
        return Err(TranscriptError::NoWords);
    }
    Ok(doc)
}

/// The family the content itself declares, if it is clear.
fn sniff(text: &str) -> Option<Family> {
    let start = text.trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        return Some(Family::Json);
    }
    if start.starts_with("WEBVTT") {
        return Some(Family::Vtt);
    }
    // SRT: a cue number, then a time line, within the first non-empty lines.
    let mut lines = start.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    let second = lines.next().unwrap_or("");
    let numbered = first.chars().all(|c| c.is_ascii_digit());
    if (numbered && subtitles::is_time_line(second)) || subtitles::is_time_line(first) {
        return Some(Family::Srt);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_detected_from_the_content_whatever_the_extension() {
        let vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\nHello there.\n";
        let srt = "1\n00:00:00,000 --> 00:00:01,000\nHello there.\n";
        let json = r#"{"segments":[{"start":0,"end":1,"text":" Hello there."}]}"#;
        for (text, format) in [
            (vtt, Format::Vtt),
            (srt, Format::Srt),
            (json, Format::WhisperJson),
            ("Hello there.", Format::Text),
        ] {
            for hint in [
                Hint::None,
                Hint::Extension(Family::Text),
                Hint::Extension(Family::Vtt),
            ] {
                if format == Format::Text && hint == Hint::Extension(Family::Vtt) {
                    continue;
                }
                assert_eq!(parse(text, hint).unwrap().format, format, "{text} {hint:?}");
            }
        }
        // Plain text has no mark of its own: a subtitle extension is taken at its word.
        assert_eq!(
            parse("Hello there.", Hint::Extension(Family::Srt)),
            Err(TranscriptError::NoCues("SRT"))
        );
    }

    #[test]
    fn a_forced_format_is_obeyed_and_a_mismatch_is_a_clear_error() {
        let doc = parse(
            "1\n00:00:00,000 --> 00:00:01,000\nHi.\n",
            Hint::Forced(Family::Text),
        );
        assert_eq!(doc.unwrap().format, Format::Text);
        assert_eq!(
            parse("Just words.", Hint::Forced(Family::Vtt)),
            Err(TranscriptError::NoCues("WebVTT"))
        );
        assert!(matches!(
            parse("Just words.", Hint::Forced(Family::Json)),
            Err(TranscriptError::BadJson { line: 1, .. })
        ));
    }

    #[test]
    fn recordings_binary_and_foreign_encodings_are_refused_and_utf16_is_read() {
        assert_eq!(
            decode(b"RIFF\x24\x00\x00\x00WAVEfmt "),
            Err(TranscriptError::Recording("WAV"))
        );
        assert_eq!(decode(b"ab\x00\x01cd"), Err(TranscriptError::Binary));
        assert_eq!(decode(b"caf\xe9"), Err(TranscriptError::NotUtf8));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Hi, um, I’m".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).unwrap(), "Hi, um, I’m");
        assert_eq!(decode(b"\xEF\xBB\xBFHi").unwrap(), "Hi");
    }

    #[test]
    fn empty_and_wordless_files_are_errors() {
        assert_eq!(parse(" \n\n", Hint::None), Err(TranscriptError::Empty));
        assert_eq!(
            parse("WEBVTT\n\n00:00.000 --> 00:01.000\n[Music]\n", Hint::None),
            Err(TranscriptError::NoWords)
        );
    }

    /// Every prefix of every fixture, and each with its bytes shifted, is read without a panic
    /// (a file cut off mid-way is the commonest bad input), and the speaker step copes with
    /// whatever comes out.
    #[test]
    fn cut_and_scrambled_transcripts_never_panic() {
        use crate::transcript::conversation::{select, SpeakerChoice};
        let fixtures = [
            include_str!("../../../tests/fixtures/transcripts/interview.vtt"),
            include_str!("../../../tests/fixtures/transcripts/youtube.vtt"),
            include_str!("../../../tests/fixtures/transcripts/teams.vtt"),
            include_str!("../../../tests/fixtures/transcripts/answer.srt"),
            include_str!("../../../tests/fixtures/transcripts/interview.txt"),
            include_str!("../../../tests/fixtures/transcripts/whisper.json"),
            include_str!("../../../tests/fixtures/transcripts/openai.json"),
        ];
        let mut read = 0;
        for text in fixtures {
            let scrambled: String = text
                .chars()
                .map(|c| match c {
                    '0'..='8' => char::from(c as u8 + 1),
                    ':' => '.',
                    '>' => '<',
                    c => c,
                })
                .collect();
            for variant in [text, scrambled.as_str()] {
                for (cut, _) in variant.char_indices() {
                    for hint in [
                        Hint::None,
                        Hint::Forced(Family::Vtt),
                        Hint::Forced(Family::Srt),
                    ] {
                        if let Ok(doc) = parse(&variant[..cut], hint) {
                            read += 1;
                            let _ = select(&doc, &SpeakerChoice::Auto);
                            let _ = select(&doc, &SpeakerChoice::Named("a".into()));
                        }
                    }
                }
            }
        }
        assert!(read > 1000, "most prefixes are readable: {read}");
    }
}
