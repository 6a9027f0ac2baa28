//! The published JSON Schema (`schema/report.schema.json`) as a contract for real reports:
//! `support::analyze_json` validates every report the binary writes in these tests, and the
//! practice and review tests validate the reports they read. Here: the validation is not
//! vacuous (reports that break the contract are rejected), and the hand-written takes of the
//! review tests are valid reports.

use serde_json::{json, Value};
use time::macros::datetime;

use crate::support::{assert_valid_report, schema_violations};
use crate::takes::Take;

fn hand_written() -> Value {
    Take::new(
        datetime!(2026-11-20 09:00:00 UTC),
        "Why this team?",
        "[Um], I like the {you_know}, people. |2.5| And the product.",
    )
    .check("fillers", "fail", "2 fillers.")
    .report_json()
}

#[test]
fn hand_written_takes_follow_the_schema() {
    assert_valid_report(&hand_written());
}

#[test]
fn reports_that_break_the_contract_are_rejected() {
    type Breakage = fn(&mut Value);
    let breakages: [(&str, Breakage); 6] = [
        ("no metrics", |r| {
            r.as_object_mut().unwrap().remove("metrics");
        }),
        ("a status that is not pass/warn/fail", |r| {
            r["checks"][0]["status"] = json!("great")
        }),
        ("a filler kind that does not exist", |r| {
            r["fillers"][0]["kind"] = json!("grunt")
        }),
        ("a negative word count", |r| {
            r["metrics"]["word_count"] = json!(-1)
        }),
        ("a duration that is not a number", |r| {
            r["audio"]["duration_s"] = json!("long")
        }),
        ("a word without its time", |r| {
            r["transcript"]["segments"][0]["words"][0]
                .as_object_mut()
                .unwrap()
                .remove("start");
        }),
    ];
    for (what, break_it) in breakages {
        let mut report = hand_written();
        break_it(&mut report);
        assert!(
            !schema_violations(&report).is_empty(),
            "{what}: accepted by the schema"
        );
    }
}
