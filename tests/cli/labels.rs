//! Timing and rambling against the fixtures' labels, matched by place: the time to the first
//! word and the speech time against the labelled sentence times, every transcribed word inside
//! the sentence it belongs to, long pauses found where they were planted and nowhere else, and
//! hedges and repetitions found where they were said, with their checks passing or warning by
//! the thresholds of a config file.

use serde_json::Value;
use std::fs;

use crate::support::*;

/// Where the labels of `name` are: the fixtures, or the example answer beside README.
fn fixture_labels(name: &str) -> Value {
    if name == "answer" {
        let text = fs::read_to_string(root().join("examples/answer.json")).expect("labels");
        serde_json::from_str(&text).expect("label JSON")
    } else {
        labels(&format!("{name}.json"))
    }
}

fn fixture_wav(name: &str) -> std::path::PathBuf {
    if name == "answer" {
        root().join("examples/answer.wav")
    } else {
        fixture(&format!("{name}.wav"))
    }
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Every reference word (normalised) with the index of its labelled sentence.
fn reference_words(labels: &Value) -> Vec<(String, usize)> {
    labels["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            normalized_words(s["text"].as_str().unwrap())
                .into_iter()
                .map(move |w| (w, i))
        })
        .collect()
}

/// Every transcribed word (normalised; "40%" gives two) with its start and end.
fn transcribed_words(report: &Value) -> Vec<(String, f64, f64)> {
    report["transcript"]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["words"].as_array().unwrap())
        .flat_map(|w| {
            let (start, end) = (f(&w["start"]), f(&w["end"]));
            normalized_words(w["word"].as_str().unwrap())
                .into_iter()
                .map(move |t| (t, start, end))
        })
        .collect()
}

/// Pairs `(reference index, transcribed index)` of a longest common subsequence of the words.
fn align(reference: &[(String, usize)], said: &[(String, f64, f64)]) -> Vec<(usize, usize)> {
    let (n, m) = (reference.len(), said.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if reference[i].0 == said[j].0 {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if reference[i].0 == said[j].0 {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// The time to the first word, the speech time, the words' times and the long pauses of one
/// labelled recording.
fn check_timing(name: &str) {
    let world = World::new();
    let labels = fixture_labels(name);
    let r = analyze_json(&world, &fixture_wav(name), &[]);
    let sentences = labels["sentences"].as_array().unwrap();
    let m = &r["metrics"];

    // The first word comes when the first sentence starts (recordings start with silence).
    let first = f(&sentences[0]["start"]);
    let latency = f(&m["response_latency_s"]);
    assert!(
        (latency - first).abs() <= 0.1,
        "{name}: first word after {latency} s, labelled at {first} s"
    );

    // Speech time: the sentences' audible time, less the silences inside them longer than a
    // breath between words (0.3 s). Silences within 0.05 s of that line may go either way.
    let spans: f64 = sentences
        .iter()
        .map(|s| f(&s["end"]) - f(&s["start"]))
        .sum();
    let internal: Vec<f64> = labels["internal_silences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| f(&s["duration"]))
        .collect();
    let expected = spans - internal.iter().filter(|&&d| d > 0.3).sum::<f64>();
    let either_way: f64 = internal
        .iter()
        .filter(|&&d| (0.25..=0.35).contains(&d))
        .sum();
    let speech = f(&m["speech_s"]);
    assert!(
        (speech - expected).abs() <= 0.15 + either_way,
        "{name}: speech time {speech} s, labelled {expected:.2} s (±{either_way:.2} s borderline)"
    );

    // Each transcribed word lies in its own sentence: within 0.3 s of its labelled span, less
    // than the 0.35 s that separates two sentences.
    let reference = reference_words(&labels);
    let said = transcribed_words(&r);
    let pairs = align(&reference, &said);
    assert!(
        pairs.len() as f64 >= 0.95 * reference.len() as f64,
        "{name}: only {} of {} words matched: {}",
        pairs.len(),
        reference.len(),
        r["transcript"]["text"]
    );
    for (i, j) in pairs {
        let (word, start, end) = &said[j];
        let s = &sentences[reference[i].1];
        assert!(
            *start >= f(&s["start"]) - 0.3 && *end <= f(&s["end"]) + 0.3,
            "{name}: '{word}' at {start}-{end} s is outside its sentence {s}"
        );
    }

    // Long pauses: exactly the labelled silences of 2 s or more, each at its place.
    let planted: Vec<&Value> = labels["pauses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| f(&p["duration"]) >= 2.0)
        .collect();
    let found = r["pauses"].as_array().unwrap();
    assert_eq!(
        found.len(),
        planted.len(),
        "{name}: found {found:?}, planted {planted:?}"
    );
    for (got, want) in found.iter().zip(&planted) {
        for key in ["start", "end"] {
            let err = (f(&got[key]) - f(&want[key])).abs();
            assert!(err <= 0.3, "{name}: pause {got} against {want}");
        }
    }
}

#[test]
fn clean_speech_timing_matches_the_labels() {
    check_timing("clean");
}

#[test]
fn timing_with_fillers_matches_the_labels() {
    check_timing("fillers");
}

#[test]
fn timing_around_long_silences_matches_the_labels() {
    check_timing("pauses");
}

#[test]
fn example_answer_timing_matches_the_labels() {
    check_timing("answer");
}

/// Reported hits (`metrics.hedge_list` or `repetition_list`) against labelled ones: each hit
/// must be a labelled one (same words, inside its sentence), each labelled one found once.
fn assert_found_by_place(kind: &str, hits: &Value, labelled: &Value, labels: &Value) {
    let sentences = labels["sentences"].as_array().unwrap();
    let hits = hits.as_array().unwrap();
    let labelled = labelled.as_array().unwrap();
    let mut found = vec![false; labelled.len()];
    let mut false_positives = Vec::new();
    for hit in hits {
        let at = f(&hit["start"]);
        let matched = labelled.iter().enumerate().position(|(k, l)| {
            let s = &sentences[l["sentence"].as_u64().unwrap() as usize];
            !found[k]
                && l["text"] == hit["text"]
                && at >= f(&s["start"]) - 0.3
                && at <= f(&s["end"]) + 0.3
        });
        match matched {
            Some(k) => found[k] = true,
            None => false_positives.push(hit),
        }
    }
    assert!(
        false_positives.is_empty(),
        "{kind}: not said there: {false_positives:?}"
    );
    let missed: Vec<&Value> = labelled
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|(l, _)| l)
        .collect();
    assert!(missed.is_empty(), "{kind}: missed {missed:?} in {hits:?}");
}

#[test]
fn hedges_and_repetitions_are_found_where_they_were_said_and_judged_by_the_config() {
    let world = World::new();
    let labels = labels("rambling.json");
    let r = analyze_json(&world, &fixture("rambling.wav"), &[]);
    let m = &r["metrics"];
    assert_found_by_place("hedges", &m["hedge_list"], &labels["hedges"], &labels);
    assert_found_by_place(
        "repetitions",
        &m["repetition_list"],
        &labels["repetitions"],
        &labels,
    );
    assert_eq!(m["hedges"], labels["hedges"].as_array().unwrap().len());
    assert_eq!(
        m["repetitions"],
        labels["repetitions"].as_array().unwrap().len()
    );
    // With the default targets: four hedges in 12 s is 20 a minute, over 2 (warn); four
    // repetitions reach the limit of 3 (warn); the first word after 0.5 s is quick (pass).
    assert_eq!(check_status(&r, "hedges"), "warn", "{}", r["checks"]);
    assert_eq!(check_status(&r, "repetitions"), "warn", "{}", r["checks"]);
    assert_eq!(check_status(&r, "latency"), "pass", "{}", r["checks"]);

    // A config file moves each line: 30 hedges a minute and 5 repetitions are allowed, a start
    // after 0.3 s is slow.
    let config = world.path("lenient.toml");
    fs::write(
        &config,
        "[targets]\nhedges_per_minute_warn = 30\nrepetitions_warn = 5\nlatency_warn = 0.3\n",
    )
    .unwrap();
    let r = analyze_json(
        &world,
        &fixture("rambling.wav"),
        &["--config", config.to_str().unwrap()],
    );
    assert_eq!(check_status(&r, "hedges"), "pass", "{}", r["checks"]);
    assert_eq!(check_status(&r, "repetitions"), "pass", "{}", r["checks"]);
    assert_eq!(check_status(&r, "latency"), "warn", "{}", r["checks"]);
}
