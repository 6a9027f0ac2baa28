//! Take times: parsing the stored UTC times and showing them in the user's local time.
//!
//! Asking the C library for the local offset costs a system call or two, and `history` may show
//! 10,000 takes, so offsets are cached per UTC day: no time zone changes its offset twice in one
//! day, so when a day starts and ends on the same offset it holds all day.

use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

use super::entry::SessionEntry;
use super::id;

/// When a take happened: its report's `created_at`, or failing that, its id's timestamp.
pub fn entry_time(e: &SessionEntry) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(&e.created_at, &Rfc3339)
        .ok()
        .or_else(|| id::timestamp(&e.id))
}

/// Converts UTC times to local ones, caching the offset per day.
#[derive(Debug, Default)]
pub struct LocalClock {
    /// UTC day number → the offset that holds all day, or `None` when it changes that day.
    days: HashMap<i32, Option<UtcOffset>>,
    /// Set when the local offset cannot be determined: then times are shown in UTC.
    utc_only: bool,
}

impl LocalClock {
    pub fn new() -> Self {
        Self::default()
    }

    /// A clock that shows UTC (for tests and when the local zone is unknown).
    pub fn utc() -> Self {
        LocalClock {
            days: HashMap::new(),
            utc_only: true,
        }
    }

    pub fn to_local(&mut self, t: OffsetDateTime) -> OffsetDateTime {
        if self.utc_only {
            return t.to_offset(UtcOffset::UTC);
        }
        let utc = t.to_offset(UtcOffset::UTC);
        let day = utc.date().to_julian_day();
        let cached = *self.days.entry(day).or_insert_with(|| {
            let start = utc.replace_time(time::Time::MIDNIGHT);
            let end = start + time::Duration::seconds(86_399);
            match (
                UtcOffset::local_offset_at(start),
                UtcOffset::local_offset_at(end),
            ) {
                (Ok(a), Ok(b)) if a == b => Some(a),
                _ => None,
            }
        });
        match cached.or_else(|| UtcOffset::local_offset_at(utc).ok()) {
            Some(offset) => utc.to_offset(offset),
            None => {
                // The offset is unknowable here (e.g. another thread is running): say UTC
                // rather than guess.
                self.utc_only = true;
                utc
            }
        }
    }

    /// True once times are being shown in UTC.
    pub fn is_utc(&self) -> bool {
        self.utc_only
    }
}

/// When a take was made, to the minute in local time, marked ` UTC` when the local zone is
/// unknown (`2026-11-26 05:15`).
pub fn local_minute(e: &SessionEntry, clock: &mut LocalClock) -> Option<String> {
    entry_time(e).map(|t| {
        let local = clock.to_local(t);
        let zone = if clock.is_utc() { " UTC" } else { "" };
        format!("{}{zone}", minute(local))
    })
}

/// `2026-11-26 05:15`
pub fn minute(t: OffsetDateTime) -> String {
    t.format(format_description!("[year]-[month]-[day] [hour]:[minute]"))
        .unwrap_or_default()
}

/// `2026-11-26`
pub fn day(t: OffsetDateTime) -> String {
    t.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

/// A `--since` value that is not a calendar date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--since '{0}' is not a date: use YYYY-MM-DD, e.g. 2026-11-01")]
pub struct DateError(pub String);

/// Parses a `--since` date (YYYY-MM-DD).
pub fn parse_date(s: &str) -> Result<Date, DateError> {
    Date::parse(s.trim(), format_description!("[year]-[month]-[day]"))
        .map_err(|_| DateError(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::tests::entry;
    use time::macros::{date, datetime};

    #[test]
    fn entry_time_prefers_created_at_and_falls_back_to_the_id() {
        let mut e = entry("20261126T041502Z", 90.0, 140.0);
        e.created_at = "2026-11-26T06:00:00+01:00".into();
        assert_eq!(entry_time(&e), Some(datetime!(2026-11-26 05:00:00 UTC)));
        e.created_at = "garbage".into();
        assert_eq!(entry_time(&e), Some(datetime!(2026-11-26 04:15:02 UTC)));
    }

    #[test]
    fn formats_and_dates() {
        let t = datetime!(2026-11-26 04:15:59 UTC);
        assert_eq!(minute(t), "2026-11-26 04:15");
        assert_eq!(day(t), "2026-11-26");
        assert_eq!(parse_date("2026-11-01"), Ok(date!(2026 - 11 - 01)));
        assert_eq!(
            parse_date("2026-13-01").unwrap_err().to_string(),
            "--since '2026-13-01' is not a date: use YYYY-MM-DD, e.g. 2026-11-01"
        );
        assert_eq!(parse_date("yesterday"), Err(DateError("yesterday".into())));
    }

    #[test]
    fn utc_clock_keeps_utc() {
        let mut c = LocalClock::utc();
        let t = datetime!(2026-11-26 05:15:00 +01:00);
        assert_eq!(c.to_local(t), datetime!(2026-11-26 04:15:00 UTC));
        assert!(c.is_utc());
    }
}
