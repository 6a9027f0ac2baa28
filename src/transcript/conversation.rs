//! From a transcript file's [`Document`] to what the analysis needs: the chosen speaker's words
//! with times (the file's own, estimated inside a cue, or unknown) and the timeline of their
//! turns. Pure, like the readers.
//!
//! Speakers: a line without a label continues the speaker before it. With one speaker (or
//! none named) every line is analysed. With several and none chosen, the one who says the most
//! is analysed (in a mock interview, the candidate) and a warning names the others and how to
//! choose. Another speaker's line ends the chosen speaker's turn, unless it is only a
//! backchannel ("Mm-hmm.", "Right.", "Got it"), which a listener says without taking the turn.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::formats::{Document, Line, Token, TranscriptError};
use super::{normalize_token, Segment, Transcript, Word};
use crate::analysis::{Timeline, TranscriptTimes, Turn};
use crate::units::{round3, Span};

/// Whose lines to analyse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerChoice {
    /// The only speaker, or the one who says the most.
    Auto,
    /// The speaker with this label (case-insensitive; a unique part of it will do).
    Named(String),
    /// Every line, whoever says it.
    All,
}

/// Where the analysed words' times come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WordTimes {
    /// From the recogniser, or the transcript's own word times.
    #[default]
    Measured,
    /// Spread over each cue from the cue's start and end: the order is right, the exact
    /// moments are guesses (pauses are never taken from them).
    Estimated,
    /// The transcript has no times.
    None,
}

/// The chosen speaker's part of a transcript, ready for the analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub transcript: Transcript,
    pub timeline: Timeline,
    /// The analysed speaker's label, when the file names speakers and one was analysed.
    pub speaker: Option<String>,
    pub word_times: WordTimes,
    /// What the user should know about how the file was read.
    pub warnings: Vec<String>,
}

/// Words a listener says without taking the turn; a line of at most three of them is one.
const BACKCHANNEL: &[&str] = &[
    "mm-hmm",
    "mhm",
    "mm",
    "hmm",
    "uh-huh",
    "yeah",
    "yes",
    "yep",
    "right",
    "okay",
    "ok",
    "sure",
    "great",
    "good",
    "cool",
    "nice",
    "wow",
    "oh",
    "ah",
    "i",
    "see",
    "got",
    "it",
    "exactly",
    "interesting",
    "absolutely",
    "totally",
];
const MAX_BACKCHANNEL_WORDS: usize = 3;

pub fn select(doc: &Document, choice: &SpeakerChoice) -> Result<Conversation, TranscriptError> {
    let mut lines = inherit_speakers(&doc.lines);
    let all_timed = lines.iter().all(|l| span_of(l).is_some());
    if all_timed {
        lines.sort_by(|a, b| {
            span_of(a)
                .map(|s| s.0)
                .unwrap_or(0.0)
                .total_cmp(&span_of(b).map(|s| s.0).unwrap_or(0.0))
        });
    }
    let speakers = speaker_words(&lines);
    let mut warnings = Vec::new();
    let chosen: Option<String> = match choice {
        SpeakerChoice::All => None,
        SpeakerChoice::Named(name) => Some(find_speaker(&speakers, name)?),
        SpeakerChoice::Auto => match speakers.as_slice() {
            [] => None,
            [(only, _)] => Some(only.clone()),
            _ => {
                // The most words wins; on a tie, whoever spoke first.
                let (best, _) = speakers
                    .iter()
                    .enumerate()
                    .max_by(|(i, a), (j, b)| a.1.cmp(&b.1).then(j.cmp(i)))
                    .map(|(_, s)| s.clone())
                    .unwrap_or_default();
                warnings.push(format!(
                    "the transcript has {} speakers ({}): analysing {best}, who says the most; \
                     choose with --speaker NAME, or --all-speakers for everyone",
                    speakers.len(),
                    describe(&speakers)
                ));
                Some(best)
            }
        },
    };
    // One named speaker in the file: every line is theirs, titles before the first label too.
    let everyone = chosen.is_none() || speakers.len() <= 1;
    let is_chosen = |l: &Line| everyone || l.speaker == chosen;
    let mine: Vec<&Line> = lines.iter().filter(|l| is_chosen(l)).collect();

    // Times only count when every analysed line has them.
    let timed = mine.iter().filter(|l| span_of(l).is_some()).count();
    let untimed = timed < mine.len();
    if untimed && timed > 0 {
        warnings.push(
            "some lines of the transcript have times and others do not, so length, pace and \
             pauses are left out"
                .to_string(),
        );
    }
    let measured = |l: &&Line| l.words.iter().all(|w| w.start.is_some() && w.end.is_some());
    let word_times = if untimed {
        WordTimes::None
    } else if mine.iter().all(measured) {
        WordTimes::Measured
    } else {
        WordTimes::Estimated
    };
    let segments: Vec<Segment> = mine
        .iter()
        .map(|l| {
            let words = if untimed {
                untimed_words(&l.words)
            } else {
                timed_words(l)
            };
            Segment::from_words(words)
        })
        .filter(|s| !s.words.is_empty())
        .collect();
    if segments.is_empty() {
        return Err(TranscriptError::NoWords);
    }
    let timeline = if untimed {
        Timeline::Untimed
    } else {
        let turns = turns(&lines, &is_chosen);
        if turns.len() > 1 {
            warnings.push(format!(
                "{} speaks in {} separate turns: the time box is for one answer, so the length \
                 is not checked; length, pace and pauses add up the turns",
                chosen.as_deref().unwrap_or("the speaker"),
                turns.len()
            ));
        }
        Timeline::Transcript(TranscriptTimes {
            turns,
            recording_s: doc.recording_s.filter(|_| mine.len() == lines.len()),
        })
    };
    Ok(Conversation {
        transcript: Transcript::from_segments(segments),
        timeline,
        speaker: chosen,
        word_times,
        warnings,
    })
}

/// Lines with the speaker filled in where the file left it out after a labelled line.
fn inherit_speakers(lines: &[Line]) -> Vec<Line> {
    let mut current: Option<String> = None;
    lines
        .iter()
        .map(|l| {
            let mut l = l.clone();
            match &l.speaker {
                Some(s) => current = Some(s.clone()),
                None => l.speaker = current.clone(),
            }
            l
        })
        .collect()
}

/// A line's span: its own, or its timed words' when only those are given.
fn span_of(line: &Line) -> Option<(f64, f64)> {
    line.span.or_else(|| {
        let first = line.words.first()?.start?;
        let last = line.words.last()?.end?;
        (last >= first).then_some((first, last))
    })
}

/// Each speaker's label and word count, in order of first appearance.
fn speaker_words(lines: &[Line]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for l in lines {
        let Some(name) = &l.speaker else { continue };
        match out.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += l.words.len(),
            None => out.push((name.clone(), l.words.len())),
        }
    }
    out
}

/// "Alex Chen 1,204 words, Sam 310 words"
fn describe(speakers: &[(String, usize)]) -> String {
    speakers
        .iter()
        .map(|(n, w)| format!("{n} {w} words"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn find_speaker(speakers: &[(String, usize)], wanted: &str) -> Result<String, TranscriptError> {
    if speakers.is_empty() {
        return Err(TranscriptError::NoSpeakers(wanted.to_string()));
    }
    let w = wanted.trim().to_lowercase();
    if let Some((name, _)) = speakers.iter().find(|(n, _)| n.to_lowercase() == w) {
        return Ok(name.clone());
    }
    // A unique part: "alex" for "Alex Chen", "chen" too.
    let matches: Vec<&String> = speakers
        .iter()
        .map(|(n, _)| n)
        .filter(|n| {
            let n = n.to_lowercase();
            n.starts_with(&w) || n.split_whitespace().any(|part| part.starts_with(&w))
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(TranscriptError::UnknownSpeaker {
            name: wanted.to_string(),
            known: describe(speakers),
        }),
        many => Err(TranscriptError::AmbiguousSpeaker {
            name: wanted.to_string(),
            matches: many
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

fn word(t: &Token, start: f64, end: f64) -> Word {
    Word {
        word: t.text.clone(),
        start,
        end,
        probability: t.probability.unwrap_or(f32::NAN),
    }
}

fn untimed_words(tokens: &[Token]) -> Vec<Word> {
    tokens.iter().map(|t| word(t, f64::NAN, f64::NAN)).collect()
}

/// The line's words with times: their own where the file gives them; otherwise spread over
/// the line in proportion to their length, between the nearest known starts.
fn timed_words(line: &Line) -> Vec<Word> {
    let tokens = &line.words;
    let Some((line_start, line_end)) = span_of(line) else {
        return untimed_words(tokens);
    };
    let n = tokens.len();
    // Longer words take longer to say; the +1 is the space after each.
    let weight: Vec<f64> = tokens
        .iter()
        .map(|t| t.text.chars().count() as f64 + 1.0)
        .collect();
    let mut starts: Vec<Option<f64>> = tokens.iter().map(|t| t.start).collect();
    if starts.first().is_some_and(Option::is_none) {
        starts[0] = Some(line_start);
    }
    // Fill each run of unknown starts between two anchors (the last is the line's end).
    let mut a = 0;
    while a < n {
        let b = (a + 1..n).find(|&i| starts[i].is_some()).unwrap_or(n);
        let (ta, tb) = (
            starts[a].unwrap_or(line_start),
            if b < n {
                starts[b].unwrap_or(line_end)
            } else {
                line_end
            },
        );
        let total: f64 = weight[a..b].iter().sum();
        let mut acc = 0.0;
        for i in a + 1..b {
            acc += weight[i - 1];
            starts[i] = Some(ta + (tb - ta).max(0.0) * acc / total);
        }
        a = b;
    }
    let mut out = Vec::with_capacity(n);
    let mut previous = f64::NEG_INFINITY;
    for i in 0..n {
        let start = starts[i].unwrap_or(line_start).max(previous);
        let next = if i + 1 < n {
            starts[i + 1].unwrap_or(line_end)
        } else {
            line_end.max(start)
        };
        let end = tokens[i].end.unwrap_or(next).max(start);
        let estimated = tokens[i].start.is_none() || tokens[i].end.is_none();
        let (start, end) = if estimated {
            (round3(start), round3(end))
        } else {
            (start, end)
        };
        out.push(word(&tokens[i], start, end));
        previous = start;
    }
    out
}

fn is_backchannel(line: &Line) -> bool {
    line.words.len() <= MAX_BACKCHANNEL_WORDS
        && line
            .words
            .iter()
            .all(|w| BACKCHANNEL.contains(&normalize_token(&w.text).as_str()))
}

/// The chosen speaker's turns over the whole conversation (lines in time order).
fn turns(lines: &[Line], is_chosen: &dyn Fn(&Line) -> bool) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    let mut open = false;
    let mut other_end: Option<f64> = None;
    for line in lines {
        let Some((start, end)) = span_of(line) else {
            continue;
        };
        if !is_chosen(line) {
            other_end = Some(other_end.map_or(end, |e| e.max(end)));
            if !is_backchannel(line) {
                open = false;
            }
            continue;
        }
        if !open {
            turns.push(Turn {
                from: other_end.map_or(0.0, |e| e.min(start)),
                regions: Vec::new(),
            });
            open = true;
        }
        let measured = line
            .words
            .iter()
            .all(|w| w.start.is_some() && w.end.is_some());
        let regions = turns.last_mut().map(|t| &mut t.regions);
        if let Some(regions) = regions {
            if measured {
                regions.extend(line.words.iter().filter_map(|w| {
                    Some(Span {
                        start: w.start?,
                        end: w.end?,
                    })
                }));
            } else {
                // Times invented inside a cue would make pauses up: the cue is one region.
                regions.push(Span { start, end });
            }
        }
    }
    turns
}

#[cfg(test)]
mod tests {
    use super::super::formats::{parse, Hint};
    use super::*;

    fn conversation(text: &str, choice: SpeakerChoice) -> Conversation {
        select(&parse(text, Hint::None).unwrap(), &choice).unwrap()
    }

    fn words(c: &Conversation) -> Vec<(String, f64, f64)> {
        c.transcript
            .words()
            .map(|w| (w.word.clone(), w.start, w.end))
            .collect()
    }

    const INTERVIEW: &str = "WEBVTT\n\n\
        00:00:00.000 --> 00:00:03.000\n<v Sam>Tell me about a failure.</v>\n\n\
        00:00:04.000 --> 00:00:08.000\n<v Alex>Um, we missed a launch.</v>\n\n\
        00:00:08.500 --> 00:00:09.000\n<v Sam>Mm-hmm.</v>\n\n\
        00:00:12.000 --> 00:00:16.000\n<v Alex>So I rebuilt the plan.</v>\n\n\
        00:00:17.000 --> 00:00:20.000\n<v Sam>And what did you learn from that?</v>\n\n\
        00:00:21.000 --> 00:00:25.000\n<v Alex>To ask for help early.</v>\n";

    #[test]
    fn cue_words_are_spread_by_length_and_pauses_come_only_from_cue_gaps() {
        let c = conversation(INTERVIEW, SpeakerChoice::Named("alex".into()));
        assert_eq!(c.speaker.as_deref(), Some("Alex"));
        assert_eq!(c.word_times, WordTimes::Estimated);
        let w = words(&c);
        assert_eq!(w.len(), 15);
        // "Um," (4 weight) "we" (3) "missed" (7) "a" (2) "launch." (8): 24 over 4 s.
        assert_eq!(w[0], ("Um,".to_string(), 4.0, 4.667));
        assert_eq!(w[1], ("we".to_string(), 4.667, 5.167));
        assert_eq!(w[4], ("launch.".to_string(), 6.667, 8.0));
        let Timeline::Transcript(times) = &c.timeline else {
            panic!("{:?}", c.timeline)
        };
        // The backchannel does not end the first answer; the question does.
        assert_eq!(times.turns.len(), 2);
        assert_eq!(times.turns[0].from, 3.0);
        assert_eq!(
            times.turns[0].regions,
            [
                Span {
                    start: 4.0,
                    end: 8.0
                },
                Span {
                    start: 12.0,
                    end: 16.0
                }
            ]
        );
        assert_eq!(times.turns[1].from, 20.0);
        assert!(
            c.warnings.iter().any(|w| w.contains("2 separate turns")),
            "{:?}",
            c.warnings
        );
    }

    #[test]
    fn with_no_speaker_chosen_the_one_who_says_most_is_analysed_with_a_warning() {
        let c = conversation(INTERVIEW, SpeakerChoice::Auto);
        assert_eq!(c.speaker.as_deref(), Some("Alex"));
        assert_eq!(c.transcript.word_count(), 15);
        assert!(
            c.warnings[0].contains("2 speakers (Sam 13 words, Alex 15 words)")
                && c.warnings[0].contains("--speaker NAME"),
            "{:?}",
            c.warnings
        );
        let all = conversation(INTERVIEW, SpeakerChoice::All);
        assert_eq!((all.speaker, all.transcript.word_count()), (None, 28));
        let sam = conversation(INTERVIEW, SpeakerChoice::Named("SAM".into()));
        assert_eq!(sam.transcript.word_count(), 13);
    }

    #[test]
    fn unknown_ambiguous_and_unlabelled_speaker_choices_are_errors() {
        let doc = parse(INTERVIEW, Hint::None).unwrap();
        let err = select(&doc, &SpeakerChoice::Named("Kim".into())).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no speaker matches 'Kim': the speakers are Sam 13 words, Alex 15 words"
        );
        let two = parse("Ann Lee: Hi there.\nAnn Ray: Hello.\n", Hint::None).unwrap();
        assert!(matches!(
            select(&two, &SpeakerChoice::Named("ann".into())),
            Err(TranscriptError::AmbiguousSpeaker { .. })
        ));
        assert_eq!(
            select(&two, &SpeakerChoice::Named("ray".into()))
                .unwrap()
                .transcript
                .text,
            "Hello."
        );
        let plain = parse("Just me talking.", Hint::None).unwrap();
        assert_eq!(
            select(&plain, &SpeakerChoice::Named("Ann".into())),
            Err(TranscriptError::NoSpeakers("Ann".into()))
        );
    }

    #[test]
    fn measured_word_times_are_kept_and_give_one_region_per_word() {
        let json = r#"{"segments":[{"start":0.0,"end":5.0,"text":"Um we won.","words":[
            {"word":"Um","start":0.2,"end":0.5},{"word":"we","start":3.0,"end":3.2},
            {"word":"won.","start":3.2,"end":3.6}]}],"duration":6.0,"task":"transcribe"}"#;
        let c = conversation(json, SpeakerChoice::Auto);
        assert_eq!(c.word_times, WordTimes::Measured);
        assert_eq!(words(&c)[1], ("we".to_string(), 3.0, 3.2));
        let Timeline::Transcript(times) = &c.timeline else {
            panic!()
        };
        assert_eq!(times.recording_s, Some(6.0));
        assert_eq!(times.turns[0].regions.len(), 3);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }

    #[test]
    fn plain_text_has_no_times_at_all() {
        let c = conversation("Um, we won.\nIt was, like, great.", SpeakerChoice::Auto);
        assert_eq!(c.word_times, WordTimes::None);
        assert_eq!(c.timeline, Timeline::Untimed);
        assert!(c.transcript.words().all(|w| !w.timed()));
        assert_eq!(c.transcript.segments.len(), 2);
        assert_eq!(c.speaker, None);
    }

    #[test]
    fn youtube_word_starts_anchor_the_estimates() {
        let line = Line {
            speaker: None,
            span: Some((10.0, 14.0)),
            words: vec![
                Token::untimed("so"),
                Token {
                    start: Some(12.0),
                    ..Token::untimed("we")
                },
                Token::untimed("won"),
            ],
        };
        let w = timed_words(&line);
        let times: Vec<(f64, f64)> = w.iter().map(|w| (w.start, w.end)).collect();
        // "we" (weight 3) and "won" (4) share the 2 s after the known start.
        assert_eq!(times, [(10.0, 12.0), (12.0, 12.857), (12.857, 14.0)]);
    }
}
