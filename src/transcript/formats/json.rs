//! The JSON transcripts recognisers write, told apart by their keys:
//! - a rehearse report (`schema_version` and `transcript`);
//! - whisper.cpp `--output-json-full` (`transcription[]`, times in milliseconds, sub-word tokens
//!   that are joined into words as rehearse's own transcriber joins them);
//! - OpenAI `verbose_json` (`task`/`duration`, `segments`, and top-level `words` without
//!   punctuation, which is taken back from the text) or plain `json` (`{"text": …}`);
//! - Whisper-style `segments[]` with optional `words[]` (openai-whisper, faster-whisper,
//!   WhisperX with its `speaker` and `score`), also as a bare array of segments.

use serde_json::{Map, Value};

use super::{Document, Format, Line, Token, TranscriptError};
use crate::transcribe::cleanup::{assemble_words, remove_annotations, RawToken};
use crate::transcribe::engine::MAX_WORD_S;
use crate::transcript::normalize_token;

type Object = Map<String, Value>;

pub(super) fn parse(text: &str) -> Result<Document, TranscriptError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(at) => message[..at].to_string(),
            None => message,
        };
        TranscriptError::BadJson {
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    let has = |o: &Object, key: &str, pred: fn(&Value) -> bool| o.get(key).is_some_and(pred);
    match &value {
        Value::Object(o)
            if o.contains_key("schema_version") && has(o, "transcript", Value::is_object) =>
        {
            rehearse_report(o)
        }
        Value::Object(o) if has(o, "transcription", Value::is_array) => whisper_cpp(o),
        Value::Object(o) if has(o, "words", Value::is_array) => openai_words(o),
        Value::Object(o) if has(o, "segments", Value::is_array) => {
            let openai = o.contains_key("task") || o.contains_key("duration");
            Ok(Document {
                format: if openai {
                    Format::OpenaiJson
                } else {
                    Format::WhisperJson
                },
                lines: segments(&o["segments"])?,
                recording_s: number(o.get("duration")),
                question: None,
            })
        }
        Value::Object(o) if has(o, "text", Value::is_string) => Ok(Document {
            format: Format::OpenaiJson,
            lines: vec![Line {
                speaker: None,
                span: None,
                words: words_of(o["text"].as_str().unwrap_or("")),
            }],
            recording_s: None,
            question: None,
        }),
        Value::Array(list) if list.iter().all(|s| s.get("start").is_some()) && !list.is_empty() => {
            Ok(Document {
                format: Format::WhisperJson,
                lines: segments(&value)?,
                recording_s: None,
                question: None,
            })
        }
        Value::Object(o) => {
            let keys: Vec<&str> = o.keys().take(6).map(String::as_str).collect();
            Err(TranscriptError::UnknownJson(format!(
                "keys {}",
                if keys.is_empty() {
                    "none".to_string()
                } else {
                    keys.join(", ")
                }
            )))
        }
        _ => Err(TranscriptError::UnknownJson("not an object".to_string())),
    }
}

fn number(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_f64).filter(|x| x.is_finite())
}

fn words_of(text: &str) -> Vec<Token> {
    remove_annotations(text.split_whitespace().map(Token::untimed).collect())
}

/// Whisper-style segments: `{start, end, text, words?: [{word|text, start, end, probability}],
/// speaker?}`.
fn segments(list: &Value) -> Result<Vec<Line>, TranscriptError> {
    let list = list.as_array().map(Vec::as_slice).unwrap_or_default();
    let mut lines = Vec::with_capacity(list.len());
    for (i, seg) in list.iter().enumerate() {
        let Some(seg) = seg.as_object() else {
            return Err(TranscriptError::UnknownJson(format!(
                "segment {} is not an object",
                i + 1
            )));
        };
        let span = match (number(seg.get("start")), number(seg.get("end"))) {
            (Some(s), Some(e)) if e >= s => Some((s, e)),
            _ => None,
        };
        let listed: Vec<Token> = seg
            .get("words")
            .and_then(Value::as_array)
            .map(|ws| ws.iter().filter_map(word).collect())
            .unwrap_or_default();
        let words = if listed.is_empty() {
            words_of(seg.get("text").and_then(Value::as_str).unwrap_or(""))
        } else {
            remove_annotations(attach_punctuation(listed))
        };
        lines.push(Line {
            speaker: seg
                .get("speaker")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from),
            span,
            words,
        });
    }
    Ok(lines)
}

/// One word object; `None` when it has no text.
fn word(w: &Value) -> Option<Token> {
    let text = w.get("word").or_else(|| w.get("text"))?.as_str()?.trim();
    if text.is_empty() {
        return None;
    }
    let (start, end) = match (number(w.get("start")), number(w.get("end"))) {
        (Some(s), Some(e)) if e < s => (None, None),
        pair => pair,
    };
    let probability = ["probability", "score", "confidence"]
        .iter()
        .find_map(|k| number(w.get(*k)))
        .map(|p| p as f32);
    Some(Token {
        text: text.to_string(),
        start,
        end,
        probability,
    })
}

/// Tools that list punctuation as words of its own (`","`) lose it as a pause cue: it goes
/// back on the word before.
fn attach_punctuation(words: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(words.len());
    for w in words {
        let punctuation = w.text.chars().all(|c| ".,!?;:…".contains(c));
        match out.last_mut() {
            Some(prev) if punctuation => prev.text.push_str(&w.text),
            _ => out.push(w),
        }
    }
    out
}

fn rehearse_report(o: &Object) -> Result<Document, TranscriptError> {
    let transcript = &o["transcript"];
    Ok(Document {
        format: Format::RehearseReport,
        lines: segments(transcript.get("segments").unwrap_or(&Value::Null))?,
        recording_s: number(o.get("audio").and_then(|a| a.get("duration_s"))),
        question: o
            .get("question")
            .and_then(|q| q.get("text"))
            .and_then(Value::as_str)
            .map(String::from),
    })
}

/// OpenAI `verbose_json` with word timestamps: words carry times but no punctuation, which is
/// taken back from the full text where the words match it in order.
fn openai_words(o: &Object) -> Result<Document, TranscriptError> {
    let listed: Vec<Token> = o["words"]
        .as_array()
        .map(|ws| ws.iter().filter_map(word).collect())
        .unwrap_or_default();
    let text = o.get("text").and_then(Value::as_str).unwrap_or("");
    let words = remove_annotations(punctuate(listed, text));
    // One line per sentence, as a recogniser's segments would be.
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    for w in words {
        let ends = w.text.ends_with(['.', '?', '!']);
        current.push(w);
        if ends {
            lines.push(timed_line(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        lines.push(timed_line(current));
    }
    Ok(Document {
        format: Format::OpenaiJson,
        lines,
        recording_s: number(o.get("duration")),
        question: None,
    })
}

fn timed_line(words: Vec<Token>) -> Line {
    let span = match (
        words.first().and_then(|w| w.start),
        words.last().and_then(|w| w.end),
    ) {
        (Some(s), Some(e)) if e >= s => Some((s, e)),
        _ => None,
    };
    Line {
        speaker: None,
        span,
        words,
    }
}

/// Replaces each word's spelling by the text's (with its punctuation and case) where the two
/// agree, looking a few words ahead in the text so one mismatch does not lose the rest.
fn punctuate(words: Vec<Token>, text: &str) -> Vec<Token> {
    const LOOK_AHEAD: usize = 4;
    let spelled: Vec<&str> = text.split_whitespace().collect();
    let mut next = 0;
    words
        .into_iter()
        .map(|mut w| {
            let norm = normalize_token(&w.text);
            let found = (next..(next + LOOK_AHEAD).min(spelled.len()))
                .find(|&j| normalize_token(spelled[j]) == norm);
            if let Some(j) = found {
                w.text = spelled[j].to_string();
                next = j + 1;
            }
            w
        })
        .collect()
}

/// whisper.cpp's full JSON: segments with millisecond `offsets` and sub-word `tokens`.
fn whisper_cpp(o: &Object) -> Result<Document, TranscriptError> {
    let ms = |v: Option<&Value>, key: &str| {
        number(v.and_then(|x| x.get("offsets")).and_then(|x| x.get(key)))
            .filter(|t| *t >= 0.0)
            .map(|t| t / 1000.0)
    };
    let list = o["transcription"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut lines = Vec::with_capacity(list.len());
    for seg in list {
        let span = match (ms(Some(seg), "from"), ms(Some(seg), "to")) {
            (Some(s), Some(e)) if e >= s => Some((s, e)),
            _ => None,
        };
        let tokens: Vec<&Value> = seg
            .get("tokens")
            .and_then(Value::as_array)
            .map(|t| t.iter().filter(|t| !is_special(t)).collect())
            .unwrap_or_default();
        let timed = !tokens.is_empty()
            && tokens.iter().all(|t| {
                matches!((ms(Some(t), "from"), ms(Some(t), "to")), (Some(s), Some(e)) if e >= s)
            });
        let words = if timed {
            let raw: Vec<RawToken> = tokens
                .iter()
                .map(|t| RawToken {
                    bytes: t
                        .get("text")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .as_bytes()
                        .to_vec(),
                    probability: number(t.get("p")).unwrap_or(f64::NAN) as f32,
                    start: ms(Some(t), "from").unwrap_or(0.0),
                    end: ms(Some(t), "to").unwrap_or(0.0),
                })
                .collect();
            remove_annotations(assemble_words(&raw, MAX_WORD_S))
                .into_iter()
                .map(|w| Token {
                    text: w.word,
                    start: Some(w.start),
                    end: Some(w.end),
                    probability: w.probability.is_finite().then_some(w.probability),
                })
                .collect()
        } else {
            words_of(seg.get("text").and_then(Value::as_str).unwrap_or(""))
        };
        lines.push(Line {
            speaker: None,
            span,
            words,
        });
    }
    Ok(Document {
        format: Format::WhisperCppJson,
        lines,
        recording_s: None,
        question: None,
    })
}

/// whisper.cpp's control and timestamp tokens: `[_BEG_]`, `[_TT_150]`, `<|endoftext|>`.
fn is_special(token: &Value) -> bool {
    let text = token.get("text").and_then(Value::as_str).unwrap_or("");
    (text.starts_with("[_") && text.ends_with(']'))
        || (text.starts_with("<|") && text.ends_with("|>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(doc: &Document) -> Vec<(&str, Option<f64>, Option<f64>)> {
        doc.lines
            .iter()
            .flat_map(|l| l.words.iter().map(|w| (w.text.as_str(), w.start, w.end)))
            .collect()
    }

    #[test]
    fn whisper_segments_with_words() {
        let doc = parse(
            r#"{"text":" Um, we shipped.","language":"en","segments":[{"id":0,"start":0.5,
            "end":2.0,"text":" Um, we shipped.","words":[{"word":" Um,","start":0.5,"end":0.8,
            "probability":0.7},{"word":" we","start":1.2,"end":1.4,"probability":0.9},
            {"word":" shipped","start":1.4,"end":2.0,"probability":0.9},{"word":".",
            "start":2.0,"end":2.0,"probability":0.9}]}]}"#,
        )
        .unwrap();
        assert_eq!(doc.format, Format::WhisperJson);
        assert_eq!(
            words(&doc),
            [
                ("Um,", Some(0.5), Some(0.8)),
                ("we", Some(1.2), Some(1.4)),
                ("shipped.", Some(1.4), Some(2.0))
            ]
        );
        assert_eq!(doc.lines[0].words[0].probability, Some(0.7));
        assert_eq!(doc.lines[0].span, Some((0.5, 2.0)));
    }

    #[test]
    fn segments_without_words_and_whisperx_speakers() {
        let doc = parse(
            r#"[{"start":0.0,"end":3.0,"text":" Tell me more.","speaker":"SPEAKER_01"},
               {"start":3.5,"end":6.0,"text":" Well, [laughs] we won.","speaker":"SPEAKER_00"}]"#,
        )
        .unwrap();
        assert_eq!(doc.format, Format::WhisperJson);
        assert_eq!(doc.lines[1].speaker.as_deref(), Some("SPEAKER_00"));
        assert_eq!(doc.lines[1].span, Some((3.5, 6.0)));
        assert_eq!(
            words(&doc)[3..],
            [
                ("Well,", None, None),
                ("we", None, None),
                ("won.", None, None)
            ]
        );
    }

    #[test]
    fn openai_verbose_json_words_get_their_punctuation_back() {
        let doc = parse(
            r#"{"task":"transcribe","language":"english","duration":9.5,
            "text":"Well, I mean, it worked. Then we left.",
            "words":[{"word":"Well","start":0.1,"end":0.4},{"word":"I","start":0.6,"end":0.7},
            {"word":"mean","start":0.7,"end":0.9},{"word":"it","start":1.0,"end":1.1},
            {"word":"worked","start":1.1,"end":1.5},{"word":"Then","start":4.0,"end":4.2},
            {"word":"we","start":4.2,"end":4.3},{"word":"left","start":4.3,"end":4.8}],
            "segments":[{"start":0.0,"end":1.5,"text":"Well, I mean, it worked."}]}"#,
        )
        .unwrap();
        assert_eq!(doc.format, Format::OpenaiJson);
        assert_eq!(doc.recording_s, Some(9.5));
        let texts: Vec<&str> = words(&doc).iter().map(|w| w.0).collect();
        assert_eq!(
            texts,
            ["Well,", "I", "mean,", "it", "worked.", "Then", "we", "left."]
        );
        assert_eq!(doc.lines.len(), 2, "a line per sentence");
        assert_eq!(doc.lines[1].span, Some((4.0, 4.8)));
        let plain = parse(r#"{"text":"Um, hi."}"#).unwrap();
        assert_eq!(
            (plain.format, plain.lines[0].span),
            (Format::OpenaiJson, None)
        );
    }

    #[test]
    fn whisper_cpp_tokens_join_into_words_in_seconds() {
        let tok = |text: &str, from: u32, to: u32, p: f64| {
            format!(r#"{{"text":"{text}","offsets":{{"from":{from},"to":{to}}},"id":1,"p":{p}}}"#)
        };
        let tokens = [
            tok("[_BEG_]", 0, 0, 1.0),
            tok(" Um", 0, 400, 0.5),
            tok(",", 400, 400, 0.9),
            tok(" Jen", 900, 1100, 0.9),
            tok("kins", 1100, 1500, 0.7),
            tok(".", 1500, 1500, 0.9),
            tok("[_TT_75]", 1500, 1500, 1.0),
        ]
        .join(",");
        let json = format!(
            r#"{{"systeminfo":"x","model":{{}},"params":{{}},"result":{{"language":"en"}},
            "transcription":[{{"timestamps":{{"from":"00:00:00,000","to":"00:00:01,500"}},
            "offsets":{{"from":0,"to":1500}},"text":" Um, Jenkins.","tokens":[{tokens}]}}]}}"#
        );
        let doc = parse(&json).unwrap();
        assert_eq!(doc.format, Format::WhisperCppJson);
        assert_eq!(
            words(&doc),
            [
                ("Um,", Some(0.0), Some(0.4)),
                ("Jenkins.", Some(0.9), Some(1.5))
            ]
        );
        assert_eq!(doc.lines[0].span, Some((0.0, 1.5)));
    }

    #[test]
    fn a_rehearse_report_brings_its_question_and_length() {
        let doc = parse(
            r#"{"schema_version":1,"question":{"text":"Why us?"},"audio":{"duration_s":12.5},
            "transcript":{"text":"Hi.","segments":[{"start":1.0,"end":1.3,"text":"Hi.",
            "words":[{"word":"Hi.","start":1.0,"end":1.3,"probability":0.9}]}]}}"#,
        )
        .unwrap();
        assert_eq!(doc.format, Format::RehearseReport);
        assert_eq!(doc.question.as_deref(), Some("Why us?"));
        assert_eq!(doc.recording_s, Some(12.5));
        assert_eq!(words(&doc), [("Hi.", Some(1.0), Some(1.3))]);
    }

    #[test]
    fn unknown_and_broken_json_say_what_is_wrong() {
        assert_eq!(
            parse(r#"{"results":[1]}"#),
            Err(TranscriptError::UnknownJson("keys results".into()))
        );
        match parse("{\n  \"segments\": [,]\n}") {
            Err(TranscriptError::BadJson { line, .. }) => assert_eq!(line, 2),
            other => panic!("{other:?}"),
        }
    }
}
