//! The story structure through the binary: the example STAR answer (`examples/answer.wav`,
//! parts labelled by hand in `examples/answer.json`) transcribed by the real model, its parts,
//! cues, checks and summary line; answers to other questions (and to none) get no story checks;
//! the question bank's own mark.

use serde_json::Value;

use crate::support::*;

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

    // The summary line: one run per labelled part in order, each spanning its sentences.
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
        assert!((clock_secs(a) - start).abs() <= 1.0, "{piece} vs {start}");
        assert!((clock_secs(b) - end).abs() <= 1.0, "{piece} vs {end}");
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
