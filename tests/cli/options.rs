//! The global options and the config file, through the binary: `--data-dir` / REHEARSE_DATA_DIR
//! and the default data dir, `--config` / REHEARSE_CONFIG and the default config file, `--threads`
//! / REHEARSE_THREADS, and every key of config.toml doing what README says.

use serde_json::Value;
use std::fs;
use std::path::Path;

use crate::support::*;

/// Saves `silence.wav` (quick: no speech to transcribe) with `extra` arguments and environment
/// changes; returns the run's stderr.
fn save_silence(world: &World, extra: &[&str], unset: &[&str], set: &[(&str, &Path)]) -> String {
    let mut cmd = world.cmd();
    cmd.args([
        "analyze",
        fixture("silence.wav").to_str().unwrap(),
        "--save",
    ])
    .args(extra)
    .args(["--json", "/dev/null"]);
    for k in unset {
        cmd.env_remove(k);
    }
    for (k, v) in set {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stderr(&o)
}

/// Session folders in `data_dir/sessions`.
fn sessions_in(data_dir: &Path) -> usize {
    fs::read_dir(data_dir.join("sessions"))
        .map(|d| d.filter(|e| e.as_ref().unwrap().path().is_dir()).count())
        .unwrap_or(0)
}

#[test]
fn sessions_go_to_the_data_dir_flag_then_env_then_the_xdg_default() {
    let world = World::new();
    let flag = world.path("flag-data");
    save_silence(&world, &["--data-dir", flag.to_str().unwrap()], &[], &[]);
    assert_eq!(sessions_in(&flag), 1, "--data-dir beats REHEARSE_DATA_DIR");
    assert_eq!(sessions_in(&world.data_dir()), 0);
    save_silence(&world, &[], &[], &[]);
    assert_eq!(sessions_in(&world.data_dir()), 1, "REHEARSE_DATA_DIR");
    // Without either: $XDG_DATA_HOME/rehearse, else ~/.local/share/rehearse.
    save_silence(&world, &[], &["REHEARSE_DATA_DIR"], &[]);
    assert_eq!(sessions_in(&world.path("xdg-data/rehearse")), 1);
    save_silence(&world, &[], &["REHEARSE_DATA_DIR", "XDG_DATA_HOME"], &[]);
    assert_eq!(sessions_in(&world.path("home/.local/share/rehearse")), 1);
    // The review commands read the same place.
    let o = world.run(&["history", "--json", "--data-dir", flag.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
}

/// The time box a run judged against: `settings.duration_s.max`.
fn box_max(world: &World, extra: &[&str], set: &[(&str, &Path)]) -> f64 {
    let mut cmd = world.cmd();
    cmd.args([
        "analyze",
        fixture("silence.wav").to_str().unwrap(),
        "--json",
        "-",
    ])
    .args(extra);
    for (k, v) in set {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    r["settings"]["duration_s"]["max"].as_f64().unwrap()
}

#[test]
fn the_config_file_comes_from_the_flag_then_env_then_the_xdg_default() {
    let world = World::new();
    let write = |path: &Path, max: u32| {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, format!("[targets]\nduration = \"0:05-0:{max}\"\n")).unwrap();
    };
    assert_eq!(
        box_max(&world, &[], &[]),
        120.0,
        "no config file: the default"
    );
    write(&world.path("config/rehearse/config.toml"), 50);
    assert_eq!(box_max(&world, &[], &[]), 50.0, "$XDG_CONFIG_HOME/rehearse");
    let env_file = world.path("env.toml");
    write(&env_file, 40);
    let env = [("REHEARSE_CONFIG", env_file.as_path())];
    assert_eq!(box_max(&world, &[], &env), 40.0, "REHEARSE_CONFIG");
    let flag_file = world.path("flag.toml");
    write(&flag_file, 30);
    let flag = ["--config", flag_file.to_str().unwrap()];
    assert_eq!(box_max(&world, &flag, &env), 30.0, "--config beats the env");
    // A config file that is named but missing is an error naming it.
    let o = world.run(&["analyze", "x.wav", "--config", "/nonexistent/rehearse.toml"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/nonexistent/rehearse.toml"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn threads_come_from_the_flag_then_env_and_zero_is_a_usage_error() {
    let world = World::new();
    let threads = |args: &[&str]| -> Value {
        let mut all = vec!["model", "info", "--json"];
        all.extend_from_slice(args);
        let o = world
            .cmd()
            .args(&all)
            .env("REHEARSE_THREADS", "2")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_slice::<Value>(&o.stdout).unwrap()["threads"].clone()
    };
    assert_eq!(threads(&[]), 2, "REHEARSE_THREADS");
    assert_eq!(threads(&["--threads", "1"]), 1, "--threads beats the env");
    let r = analyze_json(&world, &fixture("silence.wav"), &["--threads", "1"]);
    assert_eq!(r["model"]["threads"], 1);
    let o = world.run(&["model", "info", "--threads", "0"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--threads"), "{}", stderr(&o));
}

#[test]
fn every_config_key_takes_effect() {
    let world = World::new();
    let f16 = root().join("models/ggml-tiny.en.bin");
    let kept = world.path("kept");
    let config = world.path("every-key.toml");
    // Each value differs from the default; the comments say what it changes on pauses.wav
    // (28.2 s, 45 words: 96 wpm; first word at 0.5 s; silences of 2.5, 0.8, 3.5 and 6.0 s).
    fs::write(
        &config,
        format!(
            r#"model = "{}"
threads = 1
data_dir = "{}"
[targets]
duration = "0:10-0:20"          # 28.2 s is over the box: warn…
hard_limit = 30                 # …not fail (the default hard limit would be 25 s)
pace = "60-100"                 # 96 wpm: pass (fail against 120-170)
long_pause = 3.0                # only the 3.5 and 6.0 s silences
long_pauses_warn = 3            # 2 long pauses: pass
long_pauses_fail = 5
latency_warn = 0.3              # a start after 0.5 s: warn
fillers_per_minute_warn = 10    # fillers.wav, about 30 a minute: warn, not fail
fillers_per_minute_fail = 100
hedges_per_minute_warn = 30     # (judged on rambling.wav in labels.rs)
repetitions_warn = 5
"#,
            f16.display(),
            kept.display()
        ),
    )
    .unwrap();
    let run = |wav: &str, extra: &[&str]| -> Value {
        let mut cmd = world.cmd();
        cmd.args(["analyze", fixture(wav).to_str().unwrap(), "--json", "-"])
            .args(extra)
            .env("REHEARSE_CONFIG", &config);
        for k in ["REHEARSE_MODEL", "REHEARSE_THREADS", "REHEARSE_DATA_DIR"] {
            cmd.env_remove(k);
        }
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let r: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_valid_report(&r);
        r
    };
    let r = run("pauses.wav", &["--save"]);
    assert_eq!(r["model"]["path"], f16.to_str().unwrap());
    assert_eq!(r["model"]["threads"], 1);
    assert_eq!(sessions_in(&kept), 1, "saved in the config's data_dir");
    let s = &r["settings"];
    let expected = serde_json::json!({
        "duration_s": {"min": 10.0, "max": 20.0}, "hard_limit_s": 30.0,
        "pace_wpm": {"min": 60.0, "max": 100.0}, "long_pause_s": 3.0,
        "fillers_per_minute_warn": 10.0, "fillers_per_minute_fail": 100.0,
        "long_pauses_warn": 3, "long_pauses_fail": 5, "latency_warn_s": 0.3,
        "hedges_per_minute_warn": 30.0, "repetitions_warn": 5,
    });
    for (key, value) in expected.as_object().unwrap() {
        assert_eq!(&s[key], value, "settings.{key}: {s}");
    }
    assert_eq!(check_status(&r, "duration"), "warn", "{}", r["checks"]);
    assert_eq!(check_status(&r, "pace"), "pass", "{}", r["checks"]);
    assert_eq!(check_status(&r, "long_pauses"), "pass", "{}", r["checks"]);
    assert_eq!(check_status(&r, "latency"), "warn", "{}", r["checks"]);
    let durations: Vec<f64> = r["pauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["duration"].as_f64().unwrap())
        .collect();
    assert!(
        durations.len() == 2
            && (durations[0] - 3.5).abs() <= 0.3
            && (durations[1] - 6.0).abs() <= 0.3,
        "{durations:?}"
    );
    let r = run("fillers.wav", &[]);
    assert_eq!(check_status(&r, "fillers"), "warn", "{}", r["checks"]);
}

/// A usage error found when the command starts: exit 2, one line naming the problem, nothing on
/// stdout (no partial report).
fn assert_refused_up_front(o: &std::process::Output, args: &[&str], says: &str) {
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(o));
    assert!(stderr(o).contains(says), "{args:?}: {}", stderr(o));
    assert!(o.stdout.is_empty(), "{args:?}: no partial output");
}

#[test]
fn an_empty_question_is_a_usage_error_before_any_work() {
    let world = World::new();
    let transcript = root().join("tests/fixtures/transcripts/interview.txt");
    for args in [
        vec![
            "analyze",
            "--transcript",
            transcript.to_str().unwrap(),
            "--question",
            "  ",
        ],
        vec!["analyze", "x.wav", "-q", ""],
        vec!["practice", "--question", "", "--countdown", "0"],
    ] {
        assert_refused_up_front(&world.run(&args), &args, "the question is empty");
    }
    assert_eq!(sessions_in(&world.data_dir()), 0, "nothing saved");
}

#[test]
fn a_report_path_in_a_missing_folder_is_a_usage_error_before_any_work() {
    let world = World::new();
    let transcript = root().join("tests/fixtures/transcripts/interview.txt");
    let missing = world.path("no-such-folder/report.json");
    let folder = world.path("xdg-data");
    fs::create_dir_all(&folder).unwrap();
    for (args, says) in [
        (
            vec!["analyze", "--transcript", transcript.to_str().unwrap()],
            "no-such-folder does not exist",
        ),
        (vec!["analyze", "x.wav"], "no-such-folder does not exist"),
        (
            vec!["practice", "--countdown", "0"],
            "no-such-folder does not exist",
        ),
    ] {
        let mut all = args.clone();
        all.extend_from_slice(&["--json", missing.to_str().unwrap()]);
        assert_refused_up_front(&world.run(&all), &all, says);
    }
    let names_a_folder = [
        "analyze",
        "--transcript",
        transcript.to_str().unwrap(),
        "--json",
        folder.to_str().unwrap(),
    ];
    assert_refused_up_front(&world.run(&names_a_folder), &names_a_folder, "is a folder");
    // A name ending in a slash is a folder too, even one not made yet.
    let new_folder = format!("{}/", world.path("new-folder").display());
    let names_a_new_folder = [
        "analyze",
        "--transcript",
        transcript.to_str().unwrap(),
        "--json",
        new_folder.as_str(),
    ];
    assert_refused_up_front(
        &world.run(&names_a_new_folder),
        &names_a_new_folder,
        "is a folder",
    );
    assert_eq!(sessions_in(&world.data_dir()), 0, "nothing saved");
    // A file in the current folder (no folder in the path) is fine.
    let o = world
        .cmd()
        .current_dir(world.path(""))
        .args(["analyze", "--transcript", transcript.to_str().unwrap()])
        .args(["--json", "report.json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(world.path("report.json").is_file());
}
