//! `rehearse practice`'s options as README documents them, with real capture (see
//! `capture_support`): `--pick ID` and `--pick random` (and no question at all), the question's
//! own time box, the default `--limit` (the box's maximum + 30 s), `--json -`, `--device`, and
//! the `devices` listing with its default marker.

use serde_json::Value;
use std::time::Duration;

use crate::capture_support::alsa::AlsaWorld;
use crate::capture_support::take::{self, session_ids};
use crate::capture_support::{clean_clip, serial};
use crate::support::*;

const FINISH: Duration = Duration::from_secs(180);

/// The built-in questions: id → (text, box).
fn bank(world: &World) -> Vec<Value> {
    let o = world.run(&["questions", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn pick_id_uses_its_box_stops_at_the_default_limit_and_json_goes_to_stdout() {
    let _g = serial();
    let world = World::new();
    let o = world.run(&[
        "questions",
        "add",
        "Describe the on-call week that went wrong",
        "--target",
        "0:01-0:02",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = "describe-the-on-call-week";
    let (clip, _) = clean_clip(1);
    // No --limit: the take stops by itself at the box's maximum + 30 s = 32 s.
    let run = take::start(
        &world,
        &clip,
        &["--pick", id, "--countdown", "0", "--json", "-"],
    )
    .expect("start")
    .finish(FINISH)
    .expect("finish");
    assert!(run.status.success(), "{run:#?}");
    // The limit runs on whichever is ahead, the wall clock or the audio taken in (on a busy
    // machine the feed falls behind, then catches up in a burst); any other default (the box's
    // 2 s, the 150 s of the default box) would stop far from 32 s.
    let stats = run.stats();
    assert_eq!(stats["stop"], "limit", "{stats}");
    let secs = stats["wall_s"]
        .as_f64()
        .unwrap()
        .max(stats["duration_s"].as_f64().unwrap());
    assert!((32.0..34.0).contains(&secs), "stopped after {secs} s");

    // stdout is the report alone (no summary), and the saved report is the same.
    let printed: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not the report ({e}): {}", run.stdout));
    assert_valid_report(&printed);
    let saved = run.report();
    assert_eq!(printed, saved);
    assert_eq!(saved["question"]["id"], id);
    assert_eq!(
        saved["question"]["text"],
        "Describe the on-call week that went wrong"
    );
    assert_eq!(
        saved["settings"]["duration_s"],
        serde_json::json!({"min": 1.0, "max": 2.0})
    );
    assert!(
        saved["transcript"]["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("walk you through"),
        "{}",
        saved["transcript"]["text"]
    );
}

#[test]
fn pick_random_and_no_question_both_take_one_from_the_bank() {
    let _g = serial();
    let world = World::new();
    let bank = bank(&world);
    for args in [&["--pick", "random"][..], &[][..]] {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--countdown", "0", "--limit", "1.5"]);
        let run = take::start(&world, &[], &all)
            .expect("start")
            .finish(FINISH)
            .expect("finish");
        assert!(run.status.success(), "{args:?}: {run:#?}");
        let r = run.report();
        let id = r["question"]["id"].as_str().unwrap_or_default();
        let q = bank
            .iter()
            .find(|q| q["id"] == id)
            .unwrap_or_else(|| panic!("{args:?}: {} is not from the bank", r["question"]));
        assert_eq!(r["question"]["text"], q["text"], "{args:?}");
        assert_eq!(r["settings"]["duration_s"]["min"], q["target_min_s"]);
        assert_eq!(r["settings"]["duration_s"]["max"], q["target_max_s"]);
        assert!(
            run.stdout.contains(q["text"].as_str().unwrap()),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn device_by_name_records_from_it_and_an_unknown_name_is_one_clear_error() {
    let _g = serial();
    let world = World::new();
    let (clip, _) = clean_clip(1);
    let limit = format!("{:.1}", clip.len() as f64 / 16_000.0 + 0.5);
    let run = take::start(
        &world,
        &clip,
        &[
            "--question",
            "Why us?",
            "--countdown",
            "0",
            "--limit",
            &limit,
            "--device",
            "default",
        ],
    )
    .expect("start")
    .finish(FINISH)
    .expect("finish");
    assert!(run.status.success(), "{run:#?}");
    assert_eq!(run.stats()["device_name"], "default");
    let said = run.report()["transcript"]["text"]
        .as_str()
        .unwrap()
        .to_lowercase();
    assert!(said.contains("walk you through"), "{said}");

    let run = take::start(
        &world,
        &[],
        &[
            "--question",
            "Why us?",
            "--countdown",
            "0",
            "--limit",
            "2",
            "--device",
            "studio-mic",
        ],
    )
    .expect("start")
    .finish(FINISH)
    .expect("finish");
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let err = run.stderr.trim();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("studio-mic") && err.contains("rehearse devices"),
        "{err}"
    );
    assert!(run.session.is_none(), "{run:#?}");
    assert_eq!(
        session_ids(&world.data_dir().join("sessions")).len(),
        1,
        "only the first take"
    );
}

#[test]
fn devices_lists_the_default_first_with_its_format_and_marker() {
    let world = World::new();
    // With the file plugin as default device; its input is read only once it records.
    let fed = AlsaWorld::fed().expect("ALSA world");
    let devices = |config: &std::path::Path, json: bool| {
        let mut cmd = world.cmd_for("bash");
        cmd.arg("-c")
            .arg(r#"exec 3</dev/null; exec "$@""#)
            .arg("rehearse")
            .arg(bin())
            .arg("devices")
            .env("ALSA_CONFIG_PATH", config);
        if json {
            cmd.arg("--json");
        }
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let text = devices(&fed.config, false);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("* default "), "{text}");
    assert!(lines[0].contains("f32, 2 ch, 48000 Hz"), "{text}");
    assert!(
        lines[1..lines.len() - 1]
            .iter()
            .all(|l| l.starts_with("  ")),
        "one default: {text}"
    );
    assert_eq!(
        *lines.last().unwrap(),
        "(* = default; pass a name to --device)"
    );
    let json: Value = serde_json::from_str(&devices(&fed.config, true)).unwrap();
    assert_eq!(json[0]["name"], "default");
    assert_eq!(json[0]["is_default"], true);

    // Without a working default, it is still listed first, with the reason.
    let none = AlsaWorld::without_device().expect("ALSA world");
    let text = devices(&none.config, false);
    assert!(
        text.lines().next().unwrap().starts_with("* default ")
            && text.lines().next().unwrap().contains("unavailable"),
        "{text}"
    );
}
