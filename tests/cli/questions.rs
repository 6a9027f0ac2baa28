//! `rehearse questions` and `questions add`, through the binary: the built-in bank README lists,
//! your own questions with their time box and (tough) mark, and where they are kept.

use serde_json::Value;

use crate::support::*;

/// The built-in questions README promises, by id, with their time boxes in seconds.
const BUILT_IN: [(&str, f64, f64); 7] = [
    ("tell-me-about-a-time", 60.0, 120.0),
    ("proud-project", 60.0, 120.0),
    ("coworker-conflict", 60.0, 120.0),
    ("alone-vs-team", 60.0, 120.0),
    ("industry-trends", 90.0, 150.0),
    ("hardest-last-time", 60.0, 120.0),
    ("why-this-company", 60.0, 120.0),
];

fn listing(world: &World) -> Vec<Value> {
    let o = world.run(&["questions", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn the_built_in_bank_and_your_own_questions() {
    let world = World::new();
    let bank = listing(&world);
    let ids: Vec<&str> = bank.iter().map(|q| q["id"].as_str().unwrap()).collect();
    assert_eq!(ids, BUILT_IN.map(|b| b.0), "{bank:?}");
    for (q, (id, min, max)) in bank.iter().zip(BUILT_IN) {
        assert_eq!(
            (q["target_min_s"].as_f64(), q["target_max_s"].as_f64()),
            (Some(min), Some(max)),
            "{id}"
        );
    }
    let trends = bank[4]["text"].as_str().unwrap();
    assert!(
        trends.contains("trends") && trends.contains("our industry"),
        "{trends}"
    );

    // README's own example: the id, the file it lands in, and the listing.
    let text = "Walk me through the outage you handled in March";
    let o = world.run(&["questions", "add", text, "--target", "60-120", "--tough"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("rehearse practice --pick walk-me-through-the-outage"),
        "{}",
        stdout(&o)
    );
    let file = world.path("config/rehearse/questions.json");
    let kept = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(kept.contains(text), "{kept}");

    let o = world.run(&["questions"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    let line = table
        .lines()
        .find(|l| l.starts_with("walk-me-through-the-outage "))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        // "Walk me through the outage…" asks for one past example: coached as a story.
        line.contains("1:00–2:00")
            && line
                .trim_end()
                .ends_with(&format!("{text} (tough) (story)")),
        "{line}"
    );
    let trends = table
        .lines()
        .find(|l| l.starts_with("industry-trends "))
        .unwrap();
    assert!(trends.contains("1:30–2:30"), "{trends}");
    let tough: Vec<&str> = table
        .lines()
        .filter(|l| l.contains(" (tough)"))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        tough,
        [
            "coworker-conflict",
            "hardest-last-time",
            "walk-me-through-the-outage"
        ]
    );
    assert_eq!(listing(&world).len(), 8);
}
