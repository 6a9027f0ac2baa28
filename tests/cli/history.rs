//! The session store and the review commands, through the real binary: history, show (text,
//! JSON, SRT, VTT), progress (+ charts), compare, corrupt data, concurrent savers, broken pipes.
//!
//! Every take is hand-written (`crate::takes`): its fillers, pauses, hedges and checks are the
//! known values the assertions expect, worked out in the comments from the takes' fixed clock.

use crate::support_history::{png_size, stderr, World};
use crate::takes::Take;
use rehearse::history::entry::parse_index;
use rehearse::history::{SessionEntry, Store};
use serde_json::Value;
use std::fs;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const Q1: &str = "Tell me about a time you failed";
const Q2: &str = "Why do you want to work here?";

const T0: OffsetDateTime = datetime!(2026-11-20 09:00:00 UTC);

/// A rough first answer. 45 words (11 + 13 + 11 + 10) and silences of 3.0 and 2.5 s: it lasts
/// 2 + 22.5 + 5.5 = 30.0 s, so 90 wpm; 4 fillers are 8.0 a minute. The first pause runs from
/// 6.5 s (after 11 words) to 9.5 s, the second from 16.0 s (13 words later) to 18.5 s.
const ROUGH: &str = "[Um], so I think the biggest failure was a billing migration. |3.0| We \
    moved every account that weekend, and, [um], the invoices went out twice. |2.5| [Uh], I \
    called the customers and, {you_know}, explained what happened. I guess I learned to test \
    the boring parts first.";

fn rough(at: OffsetDateTime) -> Take {
    Take::new(at, Q1, ROUGH)
        .hedges(2)
        .check(
            "duration",
            "warn",
            "0:30 is 30 s short of your 1:00–2:00 window.",
        )
        .check(
            "fillers",
            "fail",
            "4 fillers, 8.0 per minute: pause silently instead.",
        )
        .check(
            "long_pauses",
            "warn",
            "2 long pauses (3.0 s at 0:06, 2.5 s at 0:16).",
        )
        .check("hedges", "pass", "2 hedges.")
}

/// A cleaner later answer to the same question: 44 words (7 + 12 + 9 + 8 + 8), no silence, so
/// 2 + 22 = 24.0 s and 110 wpm; no fillers, pauses or hedges.
const CLEAN: &str = "The biggest failure was a billing migration. We moved every account that \
    weekend and the invoices went out twice. I called the customers myself and explained what \
    happened. Then we moved accounts one at a time. I learned to test the boring parts first.";

fn clean(at: OffsetDateTime) -> Take {
    Take::new(at, Q1, CLEAN)
        .check(
            "duration",
            "warn",
            "0:24 is 36 s short of your 1:00–2:00 window.",
        )
        .check("pace", "warn", "110 wpm is below 120-170 wpm.")
        .check("fillers", "pass", "No fillers.")
}

/// Ten words, one filler: 7.0 s.
fn why_here(at: OffsetDateTime) -> Take {
    Take::new(at, Q2, "I like the product. [Um], and the team is great.").check(
        "fillers",
        "fail",
        "1 filler.",
    )
}

fn three_takes(w: &World) -> Vec<SessionEntry> {
    vec![
        w.save(&rough(T0)),
        w.save(&why_here(T0 + Duration::days(1))),
        w.save(&clean(T0 + Duration::days(2))),
    ]
}

#[test]
fn history_lists_takes_in_time_order_with_their_numbers() {
    let w = World::new();
    let takes = three_takes(&w);
    let out = w.ok(&["history"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    for h in [
        "ID",
        "WHEN",
        "QUESTION",
        "DURATION",
        "WPM",
        "FILLERS/MIN",
        "LONG PAUSES",
        "VERDICT",
    ] {
        assert!(lines[0].contains(h), "{out}");
    }
    for (line, take) in lines[1..].iter().zip(&takes) {
        assert!(line.starts_with(&take.id), "{out}");
    }
    assert!(
        lines[1].contains("2026-11-20 09:00"),
        "local time (TZ=UTC): {out}"
    );
    assert!(lines[1].contains(Q1) && lines[2].contains(Q2), "{out}");
    // The cells after the question: the rough and the clean take's known values.
    let cells = |line: &str| -> Vec<String> {
        let after = line.split_once(Q1).map_or("", |(_, rest)| rest);
        after.split_whitespace().map(String::from).collect()
    };
    let rough_cells = ["0:30", "under", "1:00–2:00", "90", "8.0", "2", "FAIL"];
    assert_eq!(cells(lines[1]), rough_cells, "{out}");
    let clean_cells = ["0:24", "under", "1:00–2:00", "110", "0.0", "0", "WARN"];
    assert_eq!(cells(lines[3]), clean_cells, "{out}");

    // JSON lines: one object per take, the index entry's fields.
    let json = w.ok(&["history", "--json"]);
    let rows: Vec<Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["id"], takes[0].id.as_str());
    assert_eq!(rows[0]["question"], Q1);
    assert_eq!(rows[0]["long_pauses"], 2);
    assert_eq!(rows[0]["verdict"], "fail");
    assert_eq!(rows[0]["target"]["max"], 120.0);
    assert_eq!(rows[0]["duration_s"], 30.0);
    assert_eq!(rows[0]["wpm"], 90.0);
    assert_eq!(rows[0]["word_count"], 45);
    assert_eq!(rows[0]["fillers"], 4);
    assert_eq!(rows[0]["fillers_per_minute"], 8.0);
    assert_eq!(rows[0]["hedges"], 2);
    assert_eq!(rows[1]["question"], Q2);
    assert_eq!(rows[1]["duration_s"], 7.0);
    assert_eq!(rows[2]["verdict"], "warn");
    assert_eq!(rows[2]["fillers_per_minute"], 0.0);

    // Filters.
    let failed = w.ok(&["history", "--json", "--question", "FAILED"]);
    assert_eq!(failed.lines().count(), 2);
    let since = w.ok(&["history", "--json", "--since", "2026-11-21"]);
    assert_eq!(since.lines().count(), 2);
    let none = w.run(&["history", "--question", "salary"]);
    assert!(none.status.success());
    assert!(none.stdout.is_empty());
    assert!(
        stderr(&none).contains("none of the 3 saved takes match"),
        "{}",
        stderr(&none)
    );
}

#[test]
fn history_errors_are_one_line_with_the_fix() {
    let w = World::new();
    // A bad date is a usage error (exit 2, like every bad value on the command line), reported
    // on its first line.
    let out = w.run(&["history", "--since", "21/11/2026"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.contains("--since '21/11/2026'") && first.contains("YYYY-MM-DD"),
        "{err}"
    );

    let empty = w.run(&["history"]);
    assert!(empty.status.success());
    assert!(empty.stdout.is_empty());
    assert!(
        stderr(&empty).contains("no saved takes yet"),
        "{}",
        stderr(&empty)
    );

    let show = w.run(&["show", "latest"]);
    assert_eq!(show.status.code(), Some(1));
    assert!(stderr(&show).contains("no saved takes yet"));
    three_takes(&w);
    let missing = w.run(&["show", "1999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        stderr(&missing).trim(),
        "error: no session '1999': `rehearse history` lists the ids"
    );
    let ambiguous = w.run(&["show", "2026112"]);
    assert!(
        stderr(&ambiguous).contains("matches 3 sessions"),
        "{}",
        stderr(&ambiguous)
    );
}

#[test]
fn show_text_marks_fillers_pauses_and_checks() {
    let w = World::new();
    let takes = three_takes(&w);
    let out = w.ok(&["show", &takes[0].id]);
    assert!(
        out.starts_with(&format!("Take {} · 2026-11-20 09:00", takes[0].id)),
        "{out}"
    );
    assert!(out.contains(&format!("Question: {Q1}")), "{out}");
    assert!(out.contains("  [0:01] [Um], so I think the biggest failure was a billing migration. [pause 3.0 s]\n"), "{out}");
    // One line per sentence, stamped with the whole seconds reached, as a stopwatch shows them
    // (9.5 s is 0:09, 18.5 s is 0:18); each long pause follows the words before it.
    assert!(
        out.contains("  [0:09] We moved every account that weekend, and, [um], the invoices went out twice. [pause 2.5 s]\n"),
        "{out}"
    );
    assert!(
        out.contains("  [0:18] [Uh], I called the customers"),
        "{out}"
    );
    assert!(
        out.contains("  [0:24] I guess I learned to test the boring parts first.\n"),
        "{out}"
    );
    assert!(out.contains("*you know*, explained"), "{out}");
    assert!(out.contains("Checks\n"), "{out}");
    assert!(
        out.contains("WARN  long_pauses  2 long pauses (3.0 s at 0:06, 2.5 s at 0:16).\n"),
        "{out}"
    );
    assert!(
        out.contains("FAIL  fillers      4 fillers, 8.0 per minute: pause silently instead.\n"),
        "{out}"
    );
    assert!(out.contains("Overall: FAIL"), "{out}");
    // `latest` and a unique prefix find the same take.
    let latest = w.ok(&["show", "latest"]);
    assert!(latest.starts_with(&format!("Take {}", takes[2].id)));
    let by_prefix = w.ok(&["show", &takes[1].id[..12]]);
    assert!(
        by_prefix.starts_with(&format!("Take {}", takes[1].id)),
        "{by_prefix}"
    );
}

#[test]
fn show_json_is_the_saved_report() {
    let w = World::new();
    let takes = three_takes(&w);
    let out = w.ok(&["show", &takes[0].id, "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let on_disk: Value = serde_json::from_slice(
        &fs::read(w.store().root().join(&takes[0].id).join("report.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(v, on_disk);
    crate::support::assert_valid_report(&v);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["metrics"]["long_pauses"]["count"], 2);
    assert_eq!(v["metrics"]["fillers"]["per_minute"], 8.0);
    assert_eq!(
        v["fillers"][2],
        serde_json::json!({"text": "uh", "start": 18.5, "end": 19.0, "kind": "sound"})
    );
    assert_eq!(
        v["pauses"][1],
        serde_json::json!({"start": 16.0, "end": 18.5, "duration": 2.5})
    );
    assert_eq!(w.ok(&["show", &takes[0].id, "--format", "json"]), out);
}

#[test]
fn subtitles_line_up_with_the_words() {
    let w = World::new();
    let takes = three_takes(&w);
    let srt = w.ok(&["show", &takes[0].id, "--srt"]);
    let blocks: Vec<&str> = srt.trim_end().split("\n\n").collect();
    // One cue per sentence of the rough take, from its first word's start to its last word's
    // end: the long pauses (6.5–9.5 s, 16.0–18.5 s) show nothing.
    let expected = [
        (
            "00:00:01,000",
            "00:00:06,500",
            "Um, so I think the biggest failure was a billing migration.",
        ),
        (
            "00:00:09,500",
            "00:00:16,000",
            "We moved every account that weekend, and, um, the invoices went out twice.",
        ),
        (
            "00:00:18,500",
            "00:00:24,000",
            "Uh, I called the customers and, you know, explained what happened.",
        ),
        (
            "00:00:24,000",
            "00:00:29,000",
            "I guess I learned to test the boring parts first.",
        ),
    ];
    assert_eq!(blocks.len(), expected.len(), "{srt}");
    for (i, (block, (start, end, said))) in blocks.iter().zip(expected).enumerate() {
        let lines: Vec<&str> = block.lines().collect();
        assert_eq!(lines[0], (i + 1).to_string(), "{block}");
        assert_eq!(lines[1], format!("{start} --> {end}"), "{srt}");
        assert!(
            (3..=4).contains(&lines.len()),
            "at most two text lines: {block}"
        );
        assert!(
            lines[2..].iter().all(|l| l.chars().count() <= 42),
            "{block}"
        );
        assert_eq!(lines[2..].join(" "), said, "{block}");
    }
    let vtt = w.ok(&["show", &takes[0].id, "--vtt"]);
    assert!(vtt.starts_with("WEBVTT\n\n00:00:"), "{vtt}");
    let timing: Vec<&str> = vtt.lines().filter(|l| l.contains(" --> ")).collect();
    assert_eq!(timing.len(), blocks.len());
    assert!(timing.iter().all(|l| l.as_bytes()[8] == b'.'), "{vtt}");
    assert_eq!(
        timing[0].replace('.', ","),
        blocks[0].lines().nth(1).unwrap(),
        "SRT and VTT share their timings"
    );
}

#[test]
fn compare_shows_deltas_and_a_word_diff() {
    let w = World::new();
    let takes = three_takes(&w);
    let out = w.run(&["compare", &takes[0].id, &takes[2].id]);
    assert!(out.status.success());
    assert!(
        stderr(&out).is_empty(),
        "same question, no note: {}",
        stderr(&out)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("Question: {Q1}")), "{text}");
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {text}"))
    };
    assert!(row("fillers/min").contains("better"), "{text}");
    assert!(
        row("long pauses").contains("-2") && row("long pauses").contains("better"),
        "{text}"
    );
    assert!(row("hedges").contains("better"), "{text}");
    assert!(
        row("verdict").contains("FAIL") && row("verdict").contains("better"),
        "{text}"
    );
    assert!(text.contains("[-Um, so I think-]"), "{text}");
    assert!(
        text.contains("{+Then we moved accounts one at a time.+}"),
        "{text}"
    );

    let json: Value =
        serde_json::from_str(&w.ok(&["compare", &takes[0].id, "latest", "--json"])).unwrap();
    assert_eq!(json["b"]["id"], takes[2].id.as_str());
    assert_eq!(json["same_question"], true);
    assert_eq!(json["metrics"][3]["metric"], "long_pauses");
    assert_eq!(json["metrics"][3]["delta"], -2.0);
    assert_eq!(json["metrics"][3]["change"], "better");
    // The longest run the takes share is 35 words (7 + 12 + 8 + 8): of the rough take's 45,
    // 10 are gone; of the clean take's 44, 9 are new.
    assert_eq!(json["words"]["removed"], 10, "{}", json["words"]);
    assert_eq!(json["words"]["added"], 9, "{}", json["words"]);

    let other = w.run(&["compare", &takes[0].id, &takes[1].id]);
    assert!(other.status.success());
    assert!(
        stderr(&other).contains("different questions"),
        "{}",
        stderr(&other)
    );
}

#[test]
fn progress_reports_first_best_latest_and_trend() {
    let w = World::new();
    // Five takes of Q1 that steadily lose their fillers, hedges and pauses, one of Q2.
    // The second: 37 words (9 + 13 + 5 + 10) and a 2.5 s silence, 23.0 s, 2 fillers.
    let second = Take::new(
        T0 + Duration::hours(1),
        Q1,
        "[Um], so the biggest failure was a billing migration. |2.5| We moved every account \
         that weekend and, [uh], the invoices went out twice. I called the customers myself. I \
         think I learned to test the boring parts first.",
    )
    .hedges(1)
    .check("fillers", "warn", "2 fillers.")
    .check("long_pauses", "warn", "1 long pause.");
    // The third: 38 words (8 + 13 + 9 + 8), 21.0 s, 1 filler.
    let third = Take::new(
        T0 + Duration::hours(2),
        Q1,
        "So the biggest failure was a billing migration. We moved every account that weekend \
         and, [um], the invoices went out twice. I called the customers myself and explained \
         what happened. I learned to test the boring parts first.",
    )
    .check("fillers", "pass", "1 filler.");
    let takes = [
        rough(T0),
        second,
        third,
        clean(T0 + Duration::hours(3)),
        clean(T0 + Duration::hours(4)),
    ];
    let ids: Vec<String> = takes.iter().map(|t| w.save(t).id).collect();
    w.save(&Take::new(
        T0 + Duration::hours(9),
        Q2,
        "I like the product and the team.",
    ));

    let json: Value = serde_json::from_str(&w.ok(&["progress", "--json"])).unwrap();
    let overall = &json["overall"];
    assert_eq!(overall["takes"], 6);
    let q = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["question"] == Q1)
        .expect("a group for Q1");
    assert_eq!(q["takes"], 5);
    let lp = &q["metrics"]["long_pauses"];
    assert_eq!(lp["first"]["value"], 2.0);
    assert_eq!(lp["first"]["id"], ids[0].as_str());
    assert_eq!(lp["best"]["value"], 0.0);
    assert_eq!(
        lp["best"]["id"],
        ids[4].as_str(),
        "the most recent of equals"
    );
    assert_eq!(lp["latest"]["value"], 0.0);
    assert_eq!(lp["trend"], "improving");
    assert_eq!(lp["trend_takes"], 5);
    assert_eq!(lp["slope_per_take"], -0.5);
    // Fillers a minute: 8.0, 2/23 s = 5.217, 1/21 s = 2.857, 0, 0. The least-squares slope
    // over takes 0..4 is Σ(x − 2)·y / Σ(x − 2)² = (−2·8.0 − 5.217) / 10 = −2.122.
    let f = &q["metrics"]["fillers_per_minute"];
    assert_eq!(f["first"]["value"], 8.0);
    assert_eq!(f["latest"]["value"], 0.0);
    assert_eq!(f["best"]["id"], ids[4].as_str());
    assert_eq!(f["trend"], "improving");
    let slope = f["slope_per_take"].as_f64().unwrap();
    assert!((slope + 2.122).abs() < 0.001, "{slope}");
    let h = &q["metrics"]["hedges"];
    assert_eq!(
        (&h["first"]["value"], &h["trend"]),
        (&2.0.into(), &"improving".into())
    );
    let d = &q["metrics"]["duration_s"];
    assert_eq!(d["first"]["value"], 30.0);
    assert_eq!(d["latest"]["value"], 24.0);

    // The table: a block for all takes and one per question, with sparklines.
    let text = w.ok(&["progress"]);
    assert!(
        text.starts_with("All takes (6 takes, 2026-11-20): "),
        "{text}"
    );
    assert!(text.contains(&format!("\"{Q1}\" (5 takes")), "{text}");
    let lp_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("long pauses"))
        .unwrap();
    assert!(lp_line.contains("improving"), "{text}");
    assert!(
        lp_line.chars().any(|c| ('▁'..='█').contains(&c)),
        "{lp_line}"
    );

    // --question narrows everything to one question.
    let only: Value =
        serde_json::from_str(&w.ok(&["progress", "--json", "--question", "work here"])).unwrap();
    assert_eq!(only["overall"]["takes"], 1);
    assert_eq!(only["overall"]["metrics"]["wpm"]["trend"], "too_few_takes");
    let none = w.run(&["progress", "--question", "salary"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("none of the 6 saved takes match"),
        "{}",
        stderr(&none)
    );
}

#[test]
fn progress_plots_png_and_svg_charts() {
    let w = World::new();
    for i in 0..8 {
        let at = T0 + Duration::hours(i);
        let mut take = if i < 4 { rough(at) } else { clean(at) };
        take.question = Some(if i % 2 == 0 { Q1 } else { Q2 }.to_string());
        w.save(&take);
    }
    let png = w.dir.path().join("chart.png");
    let out = w.run(&["progress", "--plot", png.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("chart written to"),
        "{}",
        stderr(&out)
    );
    let bytes = fs::read(&png).unwrap();
    assert_eq!(png_size(&bytes), (1200, 1346));
    assert!(
        bytes.len() > 40_000,
        "a real picture, not a blank: {} bytes",
        bytes.len()
    );

    let svg = w.dir.path().join("chart.svg");
    w.ok(&["progress", "--json", "--plot", svg.to_str().unwrap()]);
    let text = fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"));
    for title in [
        "Duration",
        "Words per minute",
        "Fillers per minute",
        "Long pauses",
        "Hedges",
        "Progress: all takes",
    ] {
        assert!(text.contains(title), "{title}");
    }
    // No temporary files left beside the charts.
    let names: Vec<_> = fs::read_dir(w.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        names.iter().all(|n| !n.to_string_lossy().contains(".tmp")),
        "{names:?}"
    );

    let bad = w.run(&["progress", "--plot", "chart.pdf"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains(".svg or .png"), "{}", stderr(&bad));
}

#[test]
fn corrupt_and_half_written_sessions_are_skipped_with_warnings() {
    let w = World::new();
    let takes = three_takes(&w);
    let store = w.store();
    // A take still recording (WAV, no report), a report cut short, garbage in the index.
    let recording = store.begin_at(T0 + Duration::days(5)).unwrap();
    fs::write(recording.recording_path(), b"RIFF\0\0").unwrap();
    let broken = store.begin_at(T0 + Duration::days(6)).unwrap();
    fs::write(
        broken.dir().join("report.json"),
        b"{\"schema_version\": 1, \"tool\": {",
    )
    .unwrap();
    let mut index = fs::read(store.index_path()).unwrap();
    index.extend_from_slice(b"this is not json\n{\"id\": \"20261120T0900");
    fs::write(store.index_path(), index).unwrap();

    let out = w.run(&["history", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<String> = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, takes.iter().map(|t| t.id.clone()).collect::<Vec<_>>());
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "session {} has a recording but no report: run `rehearse reanalyze {}`",
            recording.id(),
            recording.id()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "session {} skipped: its report.json is unreadable",
            broken.id()
        )),
        "{err}"
    );
    assert!(
        err.contains("line 4 skipped") && err.contains("line 5 skipped"),
        "{err}"
    );
    assert!(err.lines().all(|l| l.starts_with("warning: ")), "{err}");

    // Every reading command still works; show names the fix for the broken one.
    w.ok(&["progress"]);
    w.ok(&["show", "latest"]);
    let bad = w.run(&["show", recording.id()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains(&format!("rehearse reanalyze {}", recording.id())));

    // --rebuild rewrites the index from the folders: the bad lines are gone.
    let rebuilt = w.run(&["history", "--rebuild", "--json"]);
    assert!(rebuilt.status.success());
    assert!(stderr(&rebuilt).contains("rebuilt"), "{}", stderr(&rebuilt));
    let (entries, bad_lines) = parse_index(&fs::read(store.index_path()).unwrap());
    assert_eq!(entries.len(), 3);
    assert!(bad_lines.is_empty());
    let again = w.run(&["history"]);
    assert!(
        !stderr(&again).contains("index.jsonl line"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn a_lost_index_is_rebuilt_from_the_folders() {
    let w = World::new();
    let takes = three_takes(&w);
    fs::remove_file(w.store().index_path()).unwrap();
    let json = w.ok(&["history", "--json"]);
    assert_eq!(json.lines().count(), 3);
    assert!(json.contains(&takes[1].id));
    assert!(w.store().index_path().exists());
}

/// Two processes save 50 takes each into one store, all in the same second (the most id
/// collisions they can have). The test runs itself as those two processes: with
/// `REHEARSE_TEST_SAVER_DIR` set it is a saver and returns, so it never passes without checking.
#[test]
fn concurrent_processes_lose_no_take() {
    if let Ok(dir) = std::env::var("REHEARSE_TEST_SAVER_DIR") {
        let store = Store::open(std::path::Path::new(&dir)).unwrap();
        for _ in 0..50 {
            why_here(T0).save(&store);
        }
        return;
    }
    let w = World::new();
    let me = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(&me)
                .args([
                    "--exact",
                    "history::concurrent_processes_lose_no_take",
                    "--test-threads=1",
                    "--quiet",
                ])
                .env("REHEARSE_TEST_SAVER_DIR", w.data_dir())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let store = w.store();
    let (entries, bad) = parse_index(&fs::read(store.index_path()).unwrap());
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(entries.len(), 100, "one index line per take");
    let folders = fs::read_dir(store.root())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("report.json").is_file())
        .count();
    assert_eq!(folders, 100);
    let out = w.run(&["history", "--json"]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 100);
}

#[test]
fn closing_the_pipe_early_is_not_an_error() {
    let w = World::new();
    let store = w.store();
    // Enough output (> 64 KiB pipe buffer) that rehearse is still writing when head exits.
    for i in 0..400 {
        clean(T0 + Duration::minutes(i)).save(&store);
    }
    for args in ["history --json", "history", "progress --json"] {
        let script = format!(
            "set -o pipefail; \"$REHEARSE\" {args} | head -1 >/dev/null; echo \"${{PIPESTATUS[0]}}\""
        );
        let out = w
            .cmd(&[])
            .env("REHEARSE", env!("CARGO_BIN_EXE_rehearse"))
            .output_with("bash", &script);
        assert_eq!(
            out.0.trim(),
            "0",
            "rehearse {args} | head -1 exit status; stderr: {}",
            out.1
        );
        assert!(out.1.is_empty(), "no error message: {}", out.1);
    }
}

/// Runs a shell script with the world's environment.
trait OutputWith {
    fn output_with(&mut self, shell: &str, script: &str) -> (String, String);
}

impl OutputWith for std::process::Command {
    fn output_with(&mut self, shell: &str, script: &str) -> (String, String) {
        let mut c = std::process::Command::new(shell);
        c.arg("-c").arg(script);
        for (k, v) in self.get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        let out = c.output().unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

#[cfg(unix)]
#[test]
fn sessions_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let w = World::new();
    let take = three_takes(&w).remove(0);
    let dir = w.store().root().join(&take.id);
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(w.store().root()), 0o700);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("take.wav")), 0o600);
    assert_eq!(mode(&dir.join("report.json")), 0o600);
    assert_eq!(mode(&w.store().index_path()), 0o600);
}
