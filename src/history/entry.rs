//! The index entry: a compact summary of one saved take, one JSON object per line in
//! `sessions/index.jsonl`, so that `history` and `progress` never open thousands of reports.
//!
//! This is also what `history --json` prints, so its field names are a contract like the
//! report's: add fields (with a serde default so old index lines still parse), never rename.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::id;
use crate::analysis::{Status, Targets};
use crate::report::Report;
use crate::units::Range;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionEntry {
    /// The session folder's name: sortable UTC time of the take (`20261126T041502Z`).
    pub id: String,
    /// When the take was recorded (the report's `created_at`, RFC 3339).
    pub created_at: String,
    /// The question's text, when the take answered one.
    pub question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_id: Option<String>,
    pub duration_s: f64,
    /// The time box the take was judged against (seconds).
    pub target: Range,
    /// The comfortable pace band (words per minute).
    pub pace: Range,
    pub wpm: f64,
    pub word_count: usize,
    pub fillers: usize,
    pub fillers_per_minute: f64,
    /// Long pauses measured from the audio signal.
    pub long_pauses: usize,
    pub hedges: usize,
    #[serde(default)]
    pub repetitions: usize,
    #[serde(default)]
    pub no_speech: bool,
    /// The worst status among the take's checks.
    pub verdict: Status,
    /// The thresholds behind the verdict, so charts can shade the goal without the report.
    #[serde(default = "default_fillers_warn")]
    pub fillers_per_minute_warn: f64,
    #[serde(default = "default_long_pauses_warn")]
    pub long_pauses_warn: usize,
    /// For takes coached as stories: the share of the words spent on situation and task (0–1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup_share: Option<f64>,
    /// For takes coached as stories: whether the answer said how it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_present: Option<bool>,
}

fn default_fillers_warn() -> f64 {
    Targets::default().fillers_per_minute_warn
}

fn default_long_pauses_warn() -> usize {
    Targets::default().long_pauses_warn
}

impl SessionEntry {
    /// The entry for a saved take's report; `None` for a report without the time metrics every
    /// recording has (a transcript analysed on its own), which the store does not keep.
    pub fn from_report(id: &str, r: &Report) -> Option<SessionEntry> {
        let m = &r.metrics;
        // Story measures are tracked only where the story was coached: a "why this company"
        // answer has no result to miss.
        let story = r.structure.as_ref().filter(|s| s.coached());
        Some(SessionEntry {
            id: id.to_string(),
            created_at: r.created_at.clone(),
            question: r.question.as_ref().map(|q| q.text.clone()),
            question_id: r.question.as_ref().and_then(|q| q.id.clone()),
            duration_s: m.duration_s?,
            target: r.settings.duration_s,
            pace: r.settings.pace_wpm,
            wpm: m.wpm?,
            word_count: m.word_count,
            fillers: m.fillers.total,
            fillers_per_minute: m.fillers.per_minute?,
            long_pauses: m.long_pauses.as_ref()?.count,
            hedges: m.hedges,
            repetitions: m.repetitions,
            no_speech: r.no_speech,
            verdict: r.verdict(),
            fillers_per_minute_warn: r.settings.fillers_per_minute_warn,
            long_pauses_warn: r.settings.long_pauses_warn,
            setup_share: story.map(|s| s.share.setup()),
            result_present: story.map(|s| s.result_present),
        })
    }

    /// [`SessionEntry::from_report`] for a take that must be one, as an error naming it.
    pub fn of_take(id: &str, r: &Report) -> anyhow::Result<SessionEntry> {
        Self::from_report(id, r).ok_or_else(|| anyhow::anyhow!(not_a_take(id)))
    }

    /// The question as one line, or a placeholder for free practice.
    pub fn question_text(&self) -> &str {
        match self.question.as_deref() {
            Some(q) if !q.trim().is_empty() => q.trim(),
            _ => "(no question)",
        }
    }

    /// The line written to the index (no trailing newline).
    pub fn to_line(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Why a session's report is not used: it has no times, so it is not a recorded take.
pub fn not_a_take(id: &str) -> String {
    format!(
        "session {id} holds the analysis of a transcript without times, not a recorded take: \
         remove its folder"
    )
}

/// A line of the index that could not be used.
#[derive(Debug, Clone, PartialEq)]
pub struct BadLine {
    /// 1-based, as an editor shows it.
    pub line: usize,
    pub reason: String,
}

/// Parses index text. Blank lines are ignored; a line that is not a valid entry is reported and
/// skipped; when an id appears twice (a take re-analysed) the later line wins. Entries come back
/// in the index's order of first appearance.
pub fn parse_index(bytes: &[u8]) -> (Vec<SessionEntry>, Vec<BadLine>) {
    let mut entries: Vec<SessionEntry> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut bad = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(raw)
            .map_err(|_| "not UTF-8 text".to_string())
            .and_then(|s| serde_json::from_str::<SessionEntry>(s).map_err(|e| e.to_string()))
            .and_then(|e| {
                if id::is_valid(&e.id) {
                    Ok(e)
                } else {
                    Err(format!("'{}' is not a session id", e.id))
                }
            });
        match parsed {
            Ok(entry) => match position.get(&entry.id) {
                Some(&at) => entries[at] = entry,
                None => {
                    position.insert(entry.id.clone(), entries.len());
                    entries.push(entry);
                }
            },
            Err(reason) => bad.push(BadLine {
                line: i + 1,
                reason,
            }),
        }
    }
    (entries, bad)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn entry(id: &str, duration: f64, wpm: f64) -> SessionEntry {
        SessionEntry {
            id: id.to_string(),
            created_at: "2026-11-26T04:15:02Z".to_string(),
            question: Some("Tell me about a time you failed".to_string()),
            question_id: None,
            duration_s: duration,
            target: Range::new(60.0, 120.0),
            pace: Range::new(120.0, 170.0),
            wpm,
            word_count: (wpm * duration / 60.0) as usize,
            fillers: 3,
            fillers_per_minute: 2.0,
            long_pauses: 1,
            hedges: 2,
            repetitions: 0,
            no_speech: false,
            verdict: Status::Warn,
            fillers_per_minute_warn: 3.0,
            long_pauses_warn: 1,
            setup_share: None,
            result_present: None,
        }
    }

    #[test]
    fn lines_round_trip() {
        let e = entry("20261126T041502Z", 95.0, 140.0);
        let (parsed, bad) = parse_index(format!("{}\n", e.to_line()).as_bytes());
        assert!(bad.is_empty());
        assert_eq!(parsed, vec![e]);
    }

    #[test]
    fn corrupt_lines_are_reported_with_their_number_and_skipped() {
        let a = entry("20261126T041502Z", 95.0, 140.0).to_line();
        let b = entry("20261126T041503Z", 80.0, 150.0).to_line();
        let half = &b[..b.len() / 2];
        let text = format!("{a}\n\n{half}\nnot json\n{b}\n{{\"id\":\"x\"}}\n\u{0}\u{0}\n");
        let mut bytes = text.into_bytes();
        bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
        let (parsed, bad) = parse_index(&bytes);
        assert_eq!(parsed.len(), 2);
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [3, 4, 6, 7, 8]);
        assert!(bad[4].reason.contains("UTF-8"));
    }

    #[test]
    fn a_later_line_for_the_same_id_wins_in_place() {
        let first = entry("20261126T041502Z", 95.0, 140.0);
        let other = entry("20261126T041503Z", 80.0, 150.0);
        let mut again = first.clone();
        again.wpm = 150.0;
        let text = [first.to_line(), other.to_line(), again.to_line()].join("\n");
        let (parsed, bad) = parse_index(text.as_bytes());
        assert!(bad.is_empty());
        assert_eq!(parsed, vec![again, other]);
    }

    #[test]
    fn entries_reject_ids_that_could_escape_the_store() {
        let mut e = entry("20261126T041502Z", 95.0, 140.0);
        e.id = "../../etc".to_string();
        let (parsed, bad) = parse_index(e.to_line().as_bytes());
        assert!(parsed.is_empty());
        assert_eq!(bad.len(), 1);
    }

    #[test]
    fn a_report_without_times_is_not_a_take() {
        use crate::history::synthetic::{report, Script};
        let mut r = report(&Script::new(
            None,
            "We shipped.",
            time::macros::datetime!(2026-11-26 04:15:02 UTC),
        ));
        assert!(SessionEntry::from_report("20261126T041502Z", &r).is_some());
        r.metrics.wpm = None;
        assert_eq!(SessionEntry::from_report("20261126T041502Z", &r), None);
        let err = SessionEntry::of_take("20261126T041502Z", &r).unwrap_err();
        assert!(err.to_string().contains("not a recorded take"), "{err}");
    }

    #[test]
    fn old_lines_without_newer_fields_still_parse() {
        let mut v: serde_json::Value =
            serde_json::from_str(&entry("20261126T041502Z", 95.0, 140.0).to_line()).unwrap();
        let obj = v.as_object_mut().unwrap();
        obj.remove("fillers_per_minute_warn");
        obj.remove("repetitions");
        let (parsed, bad) = parse_index(v.to_string().as_bytes());
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(parsed[0].fillers_per_minute_warn, 3.0);
    }
}
