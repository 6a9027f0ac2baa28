//! Session ids: a sortable UTC timestamp (`20261126T041502Z`), with `-2`, `-3`, … appended when
//! two takes start in the same second.
//!
//! Plain string order is wrong once a suffix reaches two digits (`-10` sorts before `-2`), so
//! ordering goes through [`sort_key`].

use time::{macros::format_description, OffsetDateTime};

/// The base id for a moment: its UTC time to the second.
pub fn base_id(at: OffsetDateTime) -> String {
    let utc = at.to_offset(time::UtcOffset::UTC);
    let fmt = format_description!("[year][month][day]T[hour][minute][second]Z");
    // Formatting a valid date with a fixed numeric description cannot fail; fall back to the
    // Unix time rather than panic should the `time` crate ever disagree.
    utc.format(fmt)
        .unwrap_or_else(|_| format!("{}Z", utc.unix_timestamp()))
}

/// The `n`-th candidate for a base id: the base itself, then `base-2`, `base-3`, …
pub fn candidate(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}-{n}")
    }
}

/// Splits an id into its timestamp and collision number (1 when there is no suffix).
/// Returns `None` for names that are not session ids (temporary files, stray folders).
pub fn parse(id: &str) -> Option<(&str, u32)> {
    let (base, n) = match id.split_once('-') {
        Some((base, suffix)) => {
            let n: u32 = suffix.parse().ok()?;
            if n < 2 || suffix.starts_with('0') {
                return None;
            }
            (base, n)
        }
        None => (id, 1),
    };
    let b = base.as_bytes();
    let shape_ok = b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[9..15].iter().all(u8::is_ascii_digit);
    shape_ok.then_some((base, n))
}

/// The moment a session id names (its UTC second); `None` for names that are not ids.
pub fn time_of(id: &str) -> Option<OffsetDateTime> {
    let (base, _) = parse(id)?;
    let fmt = format_description!("[year][month][day]T[hour][minute][second]Z");
    time::PrimitiveDateTime::parse(base, fmt)
        .ok()
        .map(|t| t.assume_utc())
}

pub fn is_valid(id: &str) -> bool {
    parse(id).is_some()
}

/// Orders ids by time, then by collision number; unknown shapes sort last, by name.
pub fn sort_key(id: &str) -> (u8, &str, u32) {
    match parse(id) {
        Some((base, n)) => (0, base, n),
        None => (1, id, 0),
    }
}

/// The moment an id was reserved (UTC), from its timestamp part.
pub fn timestamp(id: &str) -> Option<OffsetDateTime> {
    let (base, _) = parse(id)?;
    let fmt = format_description!("[year][month][day]T[hour][minute][second]Z");
    time::PrimitiveDateTime::parse(base, fmt)
        .ok()
        .map(|t| t.assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn base_id_is_utc_to_the_second() {
        assert_eq!(
            base_id(datetime!(2026-11-26 04:15:02.9 UTC)),
            "20261126T041502Z"
        );
        // A local time is converted, not just relabelled.
        assert_eq!(
            base_id(datetime!(2026-11-26 05:15:02 +01:00)),
            "20261126T041502Z"
        );
    }

    #[test]
    fn ids_name_their_moment() {
        assert_eq!(
            time_of("20261126T041502Z-3"),
            Some(datetime!(2026-11-26 04:15:02 UTC))
        );
        assert_eq!(time_of("20261326T041502Z"), None, "month 13");
        assert_eq!(time_of("notes"), None);
    }

    #[test]
    fn candidates_add_a_counter_from_two() {
        assert_eq!(candidate("20261126T041502Z", 1), "20261126T041502Z");
        assert_eq!(candidate("20261126T041502Z", 2), "20261126T041502Z-2");
        assert_eq!(candidate("20261126T041502Z", 13), "20261126T041502Z-13");
    }

    #[test]
    fn parse_accepts_only_session_ids() {
        assert_eq!(parse("20261126T041502Z"), Some(("20261126T041502Z", 1)));
        assert_eq!(parse("20261126T041502Z-7"), Some(("20261126T041502Z", 7)));
        for bad in [
            "",
            "index.jsonl",
            ".tmp123",
            "20261126T041502",
            "20261126X041502Z",
            "20261126T041502Z-1",
            "20261126T041502Z-02",
            "20261126T041502Z-x",
            "2026112aT041502Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn sort_key_orders_numeric_suffixes() {
        let mut ids = vec![
            "20261126T041502Z-10",
            "20261126T041503Z",
            "20261126T041502Z-2",
            "20261126T041502Z",
            "20251231T235959Z",
        ];
        ids.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
        assert_eq!(
            ids,
            [
                "20251231T235959Z",
                "20261126T041502Z",
                "20261126T041502Z-2",
                "20261126T041502Z-10",
                "20261126T041503Z",
            ]
        );
    }

    #[test]
    fn timestamp_round_trips() {
        let t = datetime!(2026-11-26 04:15:02 UTC);
        assert_eq!(timestamp(&format!("{}-3", base_id(t))), Some(t));
        assert_eq!(timestamp("nonsense"), None);
    }
}
