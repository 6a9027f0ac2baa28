//! `rehearse reanalyze --all`: every stored take analysed again with the current targets, its
//! question kept, and a take whose analysis never ran analysed for the first time.

use serde_json::Value;
use std::fs;

use crate::support::*;

fn saved_report(world: &World, id: &str) -> Value {
    let path = world
        .data_dir()
        .join("sessions")
        .join(id)
        .join("report.json");
    let r: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_valid_report(&r);
    r
}

fn duration_status(r: &Value) -> &str {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "duration")
        .unwrap()["status"]
        .as_str()
        .unwrap()
}

#[test]
fn reanalyze_all_judges_every_take_again_with_the_current_targets() {
    let world = World::new();
    for (wav, question) in [
        ("clean.wav", "Walk me through a project"),
        ("silence.wav", "Why us?"),
    ] {
        let o = world.run(&[
            "analyze",
            fixture(wav).to_str().unwrap(),
            "--save",
            "--question",
            question,
            "--json",
            "/dev/null",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let mut ids: Vec<String> = fs::read_dir(world.data_dir().join("sessions"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert_eq!(ids.len(), 2);
    // 17.8 s against the default 1:00–2:00 box is short.
    assert_eq!(duration_status(&saved_report(&world, &ids[0])), "warn");

    // A take whose analysis never ran: a recording and no report.
    let unanalysed = world.data_dir().join("sessions/20261120T090000Z");
    fs::create_dir_all(&unanalysed).unwrap();
    fs::copy(fixture("clean.wav"), unanalysed.join("take.wav")).unwrap();

    let config = world.path("config/rehearse/config.toml");
    fs::create_dir_all(config.parent().unwrap()).unwrap();
    fs::write(&config, "[targets]\nduration = \"0:10-0:20\"\n").unwrap();
    let o = world.run(&["reanalyze", "--all"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut listed: Vec<String> = stdout(&o)
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    listed.sort();
    let mut all = ids.clone();
    all.insert(0, "20261120T090000Z".to_string());
    assert_eq!(listed, all, "{}", stdout(&o));

    let clean = saved_report(&world, &ids[0]);
    assert_eq!(clean["settings"]["duration_s"]["max"], 20.0);
    assert_eq!(duration_status(&clean), "pass", "17.8 s fits 0:10–0:20");
    assert_eq!(clean["question"]["text"], "Walk me through a project");
    assert_eq!(saved_report(&world, &ids[1])["question"]["text"], "Why us?");
    let first = saved_report(&world, "20261120T090000Z");
    assert_eq!(duration_status(&first), "pass");
    let wer = word_error_rate(
        labels("clean.json")["text"].as_str().unwrap(),
        first["transcript"]["text"].as_str().unwrap(),
    );
    assert!(wer <= 0.05, "WER {wer:.3}");
    // The store lists all three, without a warning.
    let o = world.run(&["history", "--json"]);
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stdout(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}
