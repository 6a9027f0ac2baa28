//! The session store and the review commands, through the real binary: history, show (text,
//! JSON, SRT, VTT), progress (+ charts), compare, corrupt data, concurrent savers, broken pipes.

use crate::support_history::{parse_stamp, png_size, save_take, stderr, World};
use rehearse::history::entry::parse_index;
use rehearse::history::Store;
use serde_json::Value;
use std::fs;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const Q1: &str = "Tell me about a time you failed";
const Q2: &str = "Why do you want to work here?";

const T0: OffsetDateTime = datetime!(2026-11-20 09:00:00 UTC);

/// A rough first answer: fillers, hedges and two long pauses.
const ROUGH: &str = "Um, so I think the biggest failure was a billing migration. |3.0| We moved \
    every account in one weekend, and, um, the invoices went out twice. |2.5| Uh, I called the \
    customers myself and, you know, explained what happened. I guess I learned to test the \
    boring parts first.";
/// A cleaner later answer to the same question.
const CLEAN: &str = "The biggest failure was a billing migration. We moved every account in \
    one weekend and the invoices went out twice. I called the customers myself and explained \
    what happened. Then we moved accounts one at a time. I learned to test the boring parts \
    first.";

fn three_takes(w: &World) -> Vec<rehearse::history::SessionEntry> {
    vec![
        w.save(T0, Q1, ROUGH),
        w.save(
            T0 + Duration::days(1),
            Q2,
            "I like the product. Um, and the team is great.",
        ),
        w.save(T0 + Duration::days(2), Q1, CLEAN),
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
    assert!(lines[1].contains(" under 1:00–2:00"), "{out}");
    assert!(
        lines[1].trim_end().ends_with("FAIL"),
        "9 fillers a minute fail: {out}"
    );

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
    assert!(
        rows[0]["fillers_per_minute"].as_f64().unwrap()
            > rows[2]["fillers_per_minute"].as_f64().unwrap()
    );

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
    // A bad date is a usage error (exit 2, as DESIGN.md says), reported on its first line.
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
    // Long lines wrap (at 100 columns off a terminal); the pause still follows its words.
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("[um], the invoices went out twice. [pause 2.5 s] [0:16] [Uh], I called"),
        "{out}"
    );
    assert!(out.contains("*you know*, explained"), "{out}");
    assert!(out.contains("Checks\n"), "{out}");
    assert!(
        out.contains("WARN  long_pauses  2 long pauses (3.0 s at 0:05"),
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
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["metrics"]["long_pauses"]["count"], 2);
    assert_eq!(w.ok(&["show", &takes[0].id, "--format", "json"]), out);
}

#[test]
fn subtitles_line_up_with_the_words() {
    let w = World::new();
    let takes = three_takes(&w);
    let report = w.store().load(&takes[0].id).unwrap().report;
    let words: Vec<_> = report.transcript.words().collect();
    let duration = report.audio.expect("a recording").duration_s;

    let srt = w.ok(&["show", &takes[0].id, "--srt"]);
    let blocks: Vec<&str> = srt.trim_end().split("\n\n").collect();
    assert_eq!(blocks.len(), 4, "{srt}");
    let mut prev_end = 0.0;
    let mut text = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let lines: Vec<&str> = block.lines().collect();
        assert_eq!(lines[0], (i + 1).to_string(), "{block}");
        let (a, b) = lines[1].split_once(" --> ").expect("timing line");
        assert!(a.len() == 12 && a.as_bytes()[8] == b',', "{a}");
        let (start, end) = (parse_stamp(a), parse_stamp(b));
        assert!(
            start >= prev_end - 1e-9 && end > start && end <= duration + 1.0,
            "{block}"
        );
        prev_end = end;
        assert!(
            (3..=4).contains(&lines.len()),
            "at most two text lines: {block}"
        );
        for l in &lines[2..] {
            assert!(l.chars().count() <= 42, "{l}");
            text.extend(l.split(' ').map(String::from));
        }
    }
    let spoken: Vec<String> = words.iter().map(|w| w.word.trim().to_string()).collect();
    assert_eq!(text, spoken, "every word once, in order");
    // The first cue starts with the first word, cues break at the long pause.
    let first = blocks[0].lines().nth(1).unwrap();
    assert_eq!(
        parse_stamp(first.split(" --> ").next().unwrap()),
        (words[0].start * 1000.0).round() / 1000.0
    );
    let pause = &report.pauses[0];
    assert!(
        blocks.iter().any(|b| {
            let t = b.lines().nth(1).unwrap();
            (parse_stamp(t.split(" --> ").nth(1).unwrap()) - pause.start).abs() < 0.01
        }),
        "a cue ends where the first pause starts: {srt}"
    );

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
    assert!(json["words"]["added"].as_u64().unwrap() >= 7);

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
    let scripts = [
        ROUGH,
        "Um, so the biggest failure was a billing migration. |2.5| We moved every account in one weekend and, uh, the invoices went out twice. I called the customers myself. I think I learned to test the boring parts first.",
        "So the biggest failure was a billing migration. We moved every account in one weekend and, um, the invoices went out twice. I called the customers myself and explained what happened. I learned to test the boring parts first.",
        CLEAN,
        CLEAN,
    ];
    let mut ids = Vec::new();
    for (i, s) in scripts.iter().enumerate() {
        ids.push(w.save(T0 + Duration::hours(i as i64), Q1, s).id);
    }
    w.save(
        T0 + Duration::hours(9),
        Q2,
        "I like the product and the team.",
    );

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
    let f = &q["metrics"]["fillers_per_minute"];
    assert!(f["first"]["value"].as_f64().unwrap() > 5.0);
    assert_eq!(f["latest"]["value"], 0.0);
    assert_eq!(f["trend"], "improving");
    assert!(f["slope_per_take"].as_f64().unwrap() < 0.0);
    assert_eq!(q["metrics"]["hedges"]["trend"], "improving");
    let d = &q["metrics"]["duration_s"];
    assert!(
        d["latest"]["value"].as_f64().unwrap() < 60.0,
        "short answers"
    );

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
        let text = if i < 4 { ROUGH } else { CLEAN };
        w.save(
            T0 + Duration::hours(i),
            if i % 2 == 0 { Q1 } else { Q2 },
            text,
        );
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
    fs::write(&recording.wav_path, b"RIFF\0\0").unwrap();
    let broken = store.begin_at(T0 + Duration::days(6)).unwrap();
    fs::write(
        broken.dir.join("report.json"),
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
            recording.id, recording.id
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "session {} skipped: its report.json is unreadable",
            broken.id
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
    let bad = w.run(&["show", &recording.id]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains(&format!("rehearse reanalyze {}", recording.id)));

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

/// Not a test on its own: the child process of `concurrent_processes_lose_no_take`.
#[test]
fn saver_child() {
    let Ok(dir) = std::env::var("REHEARSE_TEST_SAVER_DIR") else {
        return;
    };
    let store = Store::open(std::path::Path::new(&dir)).unwrap();
    for _ in 0..50 {
        // Every take in the same second: the most collisions two processes can have.
        save_take(&store, T0, Some(Q1), "A short answer, um, with one filler.");
    }
}

#[test]
fn concurrent_processes_lose_no_take() {
    let w = World::new();
    let me = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(&me)
                .args([
                    "--exact",
                    "history::saver_child",
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
        save_take(&store, T0 + Duration::minutes(i), Some(Q1), CLEAN);
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
