//! Which takes a listing shows: `--question TEXT` (case-insensitive substring of the question)
//! and `--since DATE` (on or after that local date).

use time::Date;

use super::entry::SessionEntry;
use super::when::{entry_time, LocalClock};

#[derive(Debug, Clone, Default)]
pub struct Filter {
    question: Option<String>,
    since: Option<Date>,
}

impl Filter {
    pub fn new(question: Option<&str>, since: Option<Date>) -> Filter {
        let question = question
            .map(|q| q.trim().to_lowercase())
            .filter(|q| !q.is_empty());
        Filter { question, since }
    }

    pub fn is_empty(&self) -> bool {
        self.question.is_none() && self.since.is_none()
    }

    pub fn matches(&self, e: &SessionEntry, clock: &mut LocalClock) -> bool {
        if let Some(q) = &self.question {
            let text = e.question.as_deref().unwrap_or("").to_lowercase();
            if !text.contains(q.as_str()) {
                return false;
            }
        }
        if let Some(since) = self.since {
            match entry_time(e) {
                Some(t) if clock.to_local(t).date() >= since => {}
                _ => return false,
            }
        }
        true
    }

    pub fn apply(&self, entries: Vec<SessionEntry>, clock: &mut LocalClock) -> Vec<SessionEntry> {
        if self.is_empty() {
            return entries;
        }
        entries
            .into_iter()
            .filter(|e| self.matches(e, clock))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::tests::entry;
    use time::macros::date;

    #[test]
    fn question_is_a_case_insensitive_substring() {
        let f = Filter::new(Some("  FAILED "), None);
        let mut clock = LocalClock::utc();
        let mut e = entry("20261126T041502Z", 90.0, 140.0);
        assert!(f.matches(&e, &mut clock));
        e.question = None;
        assert!(!f.matches(&e, &mut clock));
    }

    #[test]
    fn since_compares_dates_inclusively() {
        let mut clock = LocalClock::utc();
        let e = entry("20261126T041502Z", 90.0, 140.0); // created 2026-11-26
        assert!(Filter::new(None, Some(date!(2026 - 11 - 26))).matches(&e, &mut clock));
        assert!(!Filter::new(None, Some(date!(2026 - 11 - 27))).matches(&e, &mut clock));
    }
}
