//! Bad settings and odd ways of running rehearse: NaN in the config, thread counts and time
//! boxes that make no sense, usage lines, several `questions add` at once, warnings in a
//! terminal. Everything through the binary.

use serde_json::Value;
use std::fs;
use std::time::Duration;

use crate::capture_support::alsa::quote;
use crate::capture_support::tmux::Tmux;
use crate::support::{bin, fixture, stderr, stdout, World};

#[test]
fn nan_and_infinity_in_the_config_are_refused_naming_the_file_and_key() {
    let world = World::new();
    for (text, key) in [
        ("[targets]\nlong_pause = nan\n", "targets.long_pause"),
        ("[targets]\nhard_limit = inf\n", "targets.hard_limit"),
        (
            "[targets]\nfillers_per_minute_warn = -inf\n",
            "targets.fillers_per_minute_warn",
        ),
    ] {
        let config = world.path("settings.toml");
        fs::write(&config, text).unwrap();
        let o = world.run(&[
            "--config",
            config.to_str().unwrap(),
            "analyze",
            fixture("silence.wav").to_str().unwrap(),
        ]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{text}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains("settings.toml") && err.contains(key), "{err}");
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn senseless_threads_and_time_boxes_are_usage_errors() {
    let world = World::new();
    let wav = fixture("silence.wav");
    let wav = wav.to_str().unwrap();
    for args in [
        vec!["--threads", "0", "analyze", wav],
        vec!["analyze", wav, "--threads", "0"],
        vec!["analyze", wav, "--target", "0-0"],
        vec!["analyze", wav, "--target", "0"],
        vec!["analyze", wav, "--pace", "0-0"],
        vec!["analyze", wav, "--long-pause", "0"],
    ] {
        let o = world.run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(args[args.len() - 1]) || stderr(&o).contains("'0"));
    }
    // A thread count from the environment that makes no sense is an error naming it.
    let o = world
        .cmd()
        .env("REHEARSE_THREADS", "0")
        .arg("history")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("REHEARSE_THREADS"), "{}", stderr(&o));
}

#[test]
fn too_many_threads_are_capped_at_the_cores_with_a_note() {
    let world = World::new();
    let cores = std::thread::available_parallelism().unwrap().get();
    let o = world.run(&["--threads", "1000", "model", "info", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let info: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(info["threads"], cores as u64, "{info}");
    let note = stderr(&o);
    assert!(
        note.contains("note:") && note.contains("1000") && note.contains(&format!("using {cores}")),
        "{note}"
    );
    // Asking for what the machine has says nothing.
    let o = world.run(&["--threads", "1", "model", "info", "--json"]);
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
}

#[test]
fn usage_lines_do_not_show_settings_the_environment_gives_as_required() {
    // The test world sets REHEARSE_MODEL and REHEARSE_DATA_DIR.
    let world = World::new();
    let o = world.run(&["analyze"]);
    assert_eq!(o.status.code(), Some(2));
    let usage = stderr(&o)
        .lines()
        .find(|l| l.starts_with("Usage:"))
        .unwrap_or_default()
        .to_string();
    assert_eq!(usage, "Usage: rehearse analyze <FILE>", "{}", stderr(&o));
    // The environment still counts: the model it names is the one used.
    let o = world.run(&["model", "info", "--json"]);
    let info: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(info["path"], crate::support::model().to_str().unwrap());
}

#[test]
fn questions_added_at_the_same_time_are_all_kept() {
    let world = World::new();
    for round in 0..3 {
        let children: Vec<_> = (0..6)
            .map(|i| {
                world
                    .cmd()
                    .args(["questions", "add", &format!("Round {round} question {i}?")])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for child in children {
            let o = child.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", stderr(&o));
        }
    }
    let o = world.run(&["questions", "--json"]);
    let texts: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for round in 0..3 {
        for i in 0..6 {
            let want = format!("Round {round} question {i}?");
            assert_eq!(
                texts.iter().filter(|t| **t == want).count(),
                1,
                "{want}: {texts:?}"
            );
        }
    }
    assert_eq!(texts.len(), 7 + 18, "{texts:?}");
}

#[test]
fn a_cut_off_warning_is_printed_once_in_a_terminal() {
    let world = World::new();
    let mut bytes = fs::read(fixture("silence.wav")).unwrap();
    bytes[40..44].copy_from_slice(&0u32.to_le_bytes());
    let wav = world.path("cut.wav");
    fs::write(&wav, &bytes).unwrap();
    let mut line = String::new();
    for (k, v) in world.envs() {
        line.push_str(&format!("{k}={} ", quote(&v.to_string_lossy())));
    }
    line.push_str(&format!(
        "{} analyze {}; echo EXIT=$?; sleep 60",
        quote(&bin().to_string_lossy()),
        quote(&wav.to_string_lossy())
    ));
    let tmux = Tmux::start(world.dir.path(), &line, 200, 50).expect("tmux");
    let mut seen = Vec::new();
    let screen = tmux
        .wait_for(Duration::from_secs(120), &mut seen, |s| s.contains("EXIT="))
        .expect("exit");
    drop(tmux);
    assert!(screen.contains("EXIT=0"), "{screen}");
    // The message is long and wraps; its start appears once per printing.
    let said = screen.matches("never finished").count();
    assert_eq!(said, 1, "{screen}");
}

#[test]
fn devices_prints_no_jack_library_noise() {
    // ALSA's jack plugin loads the JACK library, which prints to stderr itself when no JACK
    // server runs (and again at exit). The plugin must be there, or this would prove nothing.
    let plugin_installed = fs::read_dir("/usr/lib")
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| {
            e.path()
                .join("alsa-lib/libasound_module_pcm_jack.so")
                .exists()
        });
    assert!(
        plugin_installed,
        "ALSA's jack plugin is missing: scripts/install-deps.sh --test installs libasound2-plugins"
    );
    let world = World::new();
    let config = world.path("asound.conf");
    fs::write(
        &config,
        "pcm.!default {\n    type jack\n    capture_ports { 0 \"system:capture_1\" }\n}\n",
    )
    .unwrap();
    let o = world
        .cmd()
        .arg("devices")
        .env("ALSA_CONFIG_PATH", &config)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("default"), "{}", stdout(&o));
    assert_eq!(stderr(&o), "", "library noise on stderr");
}
