//! The story structure through the binary: the example STAR answer (`examples/answer.wav`,
//! parts labelled by hand in `examples/answer.json`) transcribed by the real model, its parts,
//! cues, checks and summary line; answers to other questions (and to none) get no story checks;
//! the question bank's own mark; `show`, `progress` and `compare` on hand-written story takes.

use serde_json::{json, Value};

use crate::support::*;
use crate::takes::Take;

const STORY_CHECKS: [&str; 4] = ["result", "setup", "ending", "ownership"];

fn example_labels() -> Value {
    let text = std::fs::read_to_string(root().join("examples/answer.json")).expect("labels");
    serde_json::from_str(&text).expect("label JSON")
}

fn analyze_example(world: &World, extra: &[&str]) -> (Value, String) {
    let out = world.path("report.json");
    let wav = root().join("examples/answer.wav");
    let mut args = vec![
        "analyze",
        wav.to_str().unwrap(),
        "--json",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = world.run(&args);
    assert!(o.status.success(), "analyze failed: {}", stderr(&o));
    let report = serde_json::from_str(&std::fs::read_to_string(&out).expect("report")).unwrap();
    assert_valid_report(&report);
    (report, stdout(&o))
}

fn secs(v: &Value) -> f64 {
    v.as_f64().expect("a number of seconds")
}

/// The labelled sentence a reported sentence overlaps most.
fn labelled_for(labels: &[Value], start: f64, end: f64) -> &Value {
    labels
        .iter()
        .max_by(|a, b| {
            let overlap =
                |l: &Value| (end.min(secs(&l["end"])) - start.max(secs(&l["start"]))).max(0.0);
            overlap(a).total_cmp(&overlap(b))
        })
        .expect("labelled sentences")
}

fn check_ids(report: &Value) -> Vec<String> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// "m:ss" as seconds.
fn clock_secs(s: &str) -> f64 {
    let (m, sec) = s.split_once(':').expect("m:ss");
    m.parse::<f64>().unwrap() * 60.0 + sec.parse::<f64>().unwrap()
}

#[test]
fn the_example_star_answer_gets_its_labelled_parts_cues_and_summary_line() {
    let world = World::new();
    let labels = example_labels();
    let question = labels["question"].as_str().unwrap();
    let (r, summary) = analyze_example(&world, &["--question", question]);
    let s = &r["structure"];
    let expected = &labels["structure"];
    assert_eq!(s["behavioural"], true);

    // Every reported sentence has the part of the labelled sentence it overlaps, counted per
    // word so a sentence split differently by the recogniser is still judged fairly.
    let labelled = labels["sentences"].as_array().unwrap();
    let (mut right, mut words) = (0, 0);
    let mut wrong = Vec::new();
    for x in s["sentences"].as_array().unwrap() {
        let (a, b) = (secs(&x["start"]), secs(&x["end"]));
        let want = &labelled_for(labelled, a, b)["part"];
        let n = x["text"].as_str().unwrap().split_whitespace().count();
        words += n;
        if &x["part"] == want {
            right += n;
        } else {
            wrong.push(format!("{} (want {want}): {}", x["part"], x["text"]));
        }
    }
    assert_eq!(words as u64, r["metrics"]["word_count"].as_u64().unwrap());
    assert!(
        right as f64 >= 0.95 * words as f64,
        "{right}/{words} words with the labelled part; wrong: {wrong:#?}"
    );

    assert_eq!(s["result_present"], expected["result_present"]);
    assert_eq!(s["result_quantified"], expected["result_quantified"]);
    assert_eq!(s["ending"], expected["ending"]);
    let (i, we) = (
        s["ownership"]["i"].as_u64().unwrap(),
        s["ownership"]["we"].as_u64().unwrap(),
    );
    assert_eq!(
        we >= 3 && we >= 2 * i,
        expected["we_dominant"].as_bool().unwrap()
    );
    // The first action starts where the first labelled action sentence does.
    let first_action = labelled.iter().find(|l| l["part"] == "action").unwrap();
    let at = secs(&s["first_action_s"]);
    assert!(
        (at - secs(&first_action["start"])).abs() < 0.6,
        "first action at {at}"
    );
    // Set-up share against the labels' own word counts.
    let count = |part: &str| -> usize {
        labelled
            .iter()
            .filter(|l| l["part"] == part)
            .map(|l| l["text"].as_str().unwrap().split_whitespace().count())
            .sum()
    };
    let total: usize = labelled
        .iter()
        .map(|l| l["text"].as_str().unwrap().split_whitespace().count())
        .sum();
    let setup_labelled = (count("situation") + count("task")) as f64 / total as f64;
    let setup = secs(&s["share"]["situation"]) + secs(&s["share"]["task"]);
    assert!(
        (setup - setup_labelled).abs() < 0.05,
        "set-up {setup} vs {setup_labelled}"
    );

    // All four story checks, passing: the labels say quantified, ends on a learning, "I"
    // owns the actions and the set-up is under half.
    let checks = r["checks"].as_array().unwrap();
    for id in STORY_CHECKS {
        let c = checks
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(c["status"], "pass", "{c}");
    }

    // The summary line: one run per labelled part, in order, each covering most of its
    // labelled sentences' time. Not their exact ends: the recogniser may cut a labelled
    // sentence in two ("Sarah and I still work together. And I learned…"), and each piece is
    // then read on its own, moving a run's end into the next labelled sentence.
    let line = summary
        .lines()
        .find(|l| l.starts_with("Story"))
        .unwrap_or_else(|| panic!("no Story line in:\n{summary}"));
    let mut runs: Vec<(&str, f64, f64)> = Vec::new();
    for l in labelled.iter().filter(|l| l["part"] != "other") {
        let part = l["part"].as_str().unwrap();
        match runs.last_mut() {
            Some(run) if run.0 == part => run.2 = secs(&l["end"]),
            _ => runs.push((part, secs(&l["start"]), secs(&l["end"]))),
        }
    }
    let pieces: Vec<&str> = line["Story".len()..].trim().split(" · ").collect();
    assert_eq!(pieces.len(), runs.len() + 1, "{line}");
    for (piece, (part, start, end)) in pieces.iter().zip(&runs) {
        let (letter, span) = piece.split_once(' ').expect("letter and span");
        assert_eq!(letter, &part[..1].to_uppercase(), "{line}");
        let (a, b) = span.split_once('–').expect("a span");
        // The clock shows whole seconds reached: the run is [a, b + 1) at most.
        let (a, b) = (clock_secs(a), clock_secs(b) + 1.0);
        let covered = (b.min(*end) - a.max(*start)).max(0.0);
        assert!(
            covered >= 0.6 * (end - start),
            "{piece} covers {covered:.1} s of the labelled {part} {start}–{end}: {line}"
        );
    }
    assert_eq!(pieces.last().unwrap(), &"ends on learning", "{line}");
}

#[test]
fn answers_to_other_questions_or_none_get_no_story_checks() {
    let world = World::new();
    let (r, summary) = analyze_example(
        &world,
        &["--question", "Why do you want to work for this company?"],
    );
    assert_eq!(r["structure"]["behavioural"], false);
    // The parts are still there for review, but nothing is judged or shown.
    assert!(!r["structure"]["sentences"].as_array().unwrap().is_empty());
    let ids = check_ids(&r);
    assert!(
        STORY_CHECKS.iter().all(|id| !ids.contains(&id.to_string())),
        "{ids:?}"
    );
    assert!(!summary.contains("\nStory"), "{summary}");

    let (r, summary) = analyze_example(&world, &[]);
    assert!(r["structure"]["behavioural"].is_null());
    let ids = check_ids(&r);
    assert!(
        STORY_CHECKS.iter().all(|id| !ids.contains(&id.to_string())),
        "{ids:?}"
    );
    let line = summary
        .lines()
        .find(|l| l.starts_with("Story"))
        .expect("Story line");
    assert!(
        line.ends_with("(no question given: story checks off)"),
        "{line}"
    );
}

#[test]
fn the_structure_section_of_the_config_file_sets_when_and_how_stories_are_judged() {
    let world = World::new();
    let config = world.path("story.toml");
    // The example answer's set-up is 38 % of its words by its labels, and its action sentences
    // have "I" and "we" as subjects three times each ("I asked", "I brought", "I wrote"; "the
    // pages we got", "We agreed", "we had already promised").
    std::fs::write(
        &config,
        "[structure]\nchecks = \"always\"   # no question given, judged all the same\n\
         setup_share_warn = 0.3\nownership_ratio = 1\nownership_min_we = 3\n",
    )
    .unwrap();
    let wav = root().join("examples/answer.wav");
    let o = world
        .cmd()
        .args(["analyze", wav.to_str().unwrap(), "--json", "-"])
        .env("REHEARSE_CONFIG", &config)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_valid_report(&r);
    assert_eq!(r["structure"]["behavioural"], true);
    let story = &r["settings"]["structure"];
    assert_eq!(story["checks"], "always");
    assert_eq!(story["setup_share_warn"], 0.3);
    assert_eq!(check_status(&r, "setup"), "warn", "{}", r["checks"]);
    assert_eq!(check_status(&r, "ownership"), "warn", "{}", r["checks"]);
    assert_eq!(check_status(&r, "result"), "pass", "{}", r["checks"]);
    assert_eq!(check_status(&r, "ending"), "pass", "{}", r["checks"]);

    // `never`: the parts are still labelled, nothing is judged, even for a story question.
    std::fs::write(&config, "[structure]\nchecks = \"never\"\n").unwrap();
    let o = world
        .cmd()
        .args([
            "analyze",
            wav.to_str().unwrap(),
            "--json",
            "-",
            "--question",
        ])
        .arg("Tell me about a time you disagreed with a coworker")
        .env("REHEARSE_CONFIG", &config)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["structure"]["behavioural"], false);
    let ids = check_ids(&r);
    assert!(
        STORY_CHECKS.iter().all(|id| !ids.contains(&id.to_string())),
        "{ids:?}"
    );

    // A bad value names the key and the file.
    std::fs::write(&config, "[structure]\nsetup_share_warn = 50\n").unwrap();
    let o = world
        .cmd()
        .args(["analyze", wav.to_str().unwrap()])
        .env("REHEARSE_CONFIG", &config)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("story.toml") && err.contains("structure.setup_share_warn"),
        "{err}"
    );
}

#[test]
fn the_question_bank_marks_story_questions() {
    let world = World::new();
    let list = stdout(&world.run(&["questions"]));
    let marked = |id: &str| {
        list.lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{id} in {list}"))
            .ends_with("(story)")
    };
    assert!(marked("coworker-conflict"));
    assert!(!marked("why-this-company"));
    assert!(
        !marked("alone-vs-team"),
        "two short examples, not one story"
    );

    let o = world.run(&["questions", "add", "Walk me through your CV.", "--example"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("coached as a story"), "{}", stdout(&o));
    let o = world.run(&[
        "questions",
        "add",
        "Tell me about a time you failed.",
        "--no-example",
    ]);
    assert!(stdout(&o).contains("no story checks"), "{}", stdout(&o));
    let file = world.path("config/rehearse/questions.json");
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let marks: Vec<&Value> = saved["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| &q["example"])
        .collect();
    assert_eq!(marks, [&Value::Bool(true), &Value::Bool(false)]);
    // Both flags at once is a usage error.
    let o = world.run(&["questions", "add", "Q?", "--example", "--no-example"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// A story take for the review commands: the script on the hand-written takes' clock (first
/// word at 1.0 s, 0.5 s a word) and its parts written by hand, one per sentence, with their
/// shares of the words worked out from the sentences' lengths.
fn story_take(
    at: time::OffsetDateTime,
    sentences: &[(&str, &str)],
    ending: &str,
    quantified: Option<bool>,
) -> Take {
    let total: usize = sentences
        .iter()
        .map(|(text, _)| text.split_whitespace().count())
        .sum();
    let mut start = 1.0;
    let mut share = serde_json::Map::new();
    for part in ["situation", "task", "action", "result", "learning", "other"] {
        share.insert(part.into(), json!(0.0));
    }
    let mut listed = Vec::new();
    for (text, part) in sentences {
        let n = text.split_whitespace().count();
        let end = start + 0.5 * n as f64;
        listed.push(json!({"start": start, "end": end, "text": text, "part": part}));
        let f = share[*part].as_f64().unwrap() + n as f64 / total as f64;
        share.insert(part.to_string(), json!(f));
        start = end;
    }
    for v in share.values_mut() {
        *v = json!((v.as_f64().unwrap() * 1000.0).round() / 1000.0);
    }
    let script: Vec<&str> = sentences.iter().map(|(text, _)| *text).collect();
    Take::new(at, STORY_Q, &script.join(" ")).structure(json!({
        "behavioural": true,
        "sentences": listed,
        "share": share,
        "result_present": sentences.iter().any(|(_, p)| *p == "result"),
        "result_quantified": quantified,
        "ending": ending,
        "ownership": {"i": 1, "we": 0},
        "first_action_s": null,
    }))
}

const STORY_Q: &str = "Tell me about a time you made something faster.";

#[test]
fn show_progress_and_compare_follow_the_story() {
    use crate::support_history::World as History;
    let w = History::new();
    let day = time::macros::datetime!(2026-11-20 09:00 UTC);
    let hour = time::Duration::hours(1);
    // Set-up (situation and task) 11 of 19 words = 0.579, no result.
    let first = story_take(
        day,
        &[
            ("Our build took an hour.", "situation"),
            ("My job was to fix it.", "task"),
            ("I cached the dependencies.", "action"),
            ("So yeah, that's it.", "other"),
        ],
        "trail_off",
        None,
    );
    // Set-up 11 of 21 words = 0.524, a result.
    let second = story_take(
        day + hour,
        &[
            ("Our build took an hour.", "situation"),
            ("My job was to fix it.", "task"),
            ("I cached the dependencies.", "action"),
            ("The build now takes ten minutes.", "result"),
        ],
        "result",
        Some(true),
    );
    // Set-up 5 of 15 words = 0.333, a result. Its sentences run 1.0–3.5, 3.5–5.5, 5.5–8.5 s.
    let third = story_take(
        day + 2 * hour,
        &[
            ("Our build took an hour.", "situation"),
            ("I cached the dependencies.", "action"),
            ("The build now takes ten minutes.", "result"),
        ],
        "result",
        Some(true),
    );
    let ids: Vec<String> = [first, second, third]
        .iter()
        .map(|t| w.save(t).id)
        .collect();
    // A take of a question that asks for no story, with no structure at all.
    w.save(&Take::new(
        day + 3 * hour,
        "Why this team?",
        "I like the work.",
    ));

    // `show` marks each line with its part, prints the story line and a legend; times are the
    // whole seconds reached (3.5 s is 0:03).
    let text = w.ok(&["show", &ids[2]]);
    for line in [
        "  [0:01] S Our build took an hour.\n",
        "  [0:03] A I cached the dependencies.\n",
        "  [0:05] R The build now takes ten minutes.\n",
        "\nStory: S 0:01–0:03 · A 0:03–0:05 · R 0:05–0:08 · ends on result\n",
        "S situation   T task   A action   R result   L learning   · other",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    let plain = w.ok(&["show", "latest"]);
    assert!(plain.contains("  [0:01] I like the work.\n"), "{plain}");
    assert!(
        !plain.contains("Story:") && !plain.contains("S situation"),
        "{plain}"
    );

    // `progress` per question: set-up share and result stated, first, best and latest.
    let json: Value = serde_json::from_str(&w.ok(&["progress", "--json"])).unwrap();
    let story = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["question"] == STORY_Q)
        .expect("a group for the story question");
    let setup = &story["metrics"]["setup_share"];
    assert_eq!(setup["first"]["value"], 0.579);
    assert_eq!(setup["best"]["value"], 0.333);
    assert_eq!(setup["best"]["id"], ids[2].as_str());
    assert_eq!(setup["latest"]["value"], 0.333);
    let result = &story["metrics"]["result_present"];
    assert_eq!(result["first"]["value"], 0.0);
    assert_eq!(result["latest"]["value"], 1.0);
    let other = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["question"] == "Why this team?")
        .expect("a group for the other question");
    assert!(other["metrics"].get("setup_share").is_none(), "{other}");
    assert!(other["metrics"].get("result_present").is_none(), "{other}");
    // Over all takes, the story measures come from the story takes only.
    assert_eq!(
        json["overall"]["metrics"]["setup_share"]["latest"]["value"],
        0.333
    );

    let table = w.ok(&["progress", "--question", "faster"]);
    let row = |label: &str| {
        table
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} row in:\n{table}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        row("story set-up").starts_with("story set-up 58 % 33 % 33 %"),
        "{table}"
    );
    assert!(
        row("result stated").starts_with("result stated no yes yes"),
        "{table}"
    );

    // `compare`: the set-up fell by 25 points (0.579 → 0.333) and a result appeared.
    let cmp: Value = serde_json::from_str(&w.ok(&["compare", &ids[0], &ids[2], "--json"])).unwrap();
    let delta = |key: &str| {
        cmp["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"] == key)
            .unwrap_or_else(|| panic!("no {key} in {cmp}"))
            .clone()
    };
    assert_eq!(delta("setup_share")["delta"], -0.25);
    assert_eq!(delta("setup_share")["change"], "better");
    assert_eq!(delta("result_present")["change"], "better");
    // Against a take without a story, the story measures are left out.
    let cmp: Value =
        serde_json::from_str(&w.ok(&["compare", &ids[2], "latest", "--json"])).unwrap();
    let keys: Vec<&Value> = cmp["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["metric"])
        .collect();
    assert!(!keys.contains(&&json!("setup_share")), "{keys:?}");
}
