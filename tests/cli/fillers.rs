//! Fillers checked by place, not by count: every filler (and opener) the binary reports on a
//! fixture recording is matched to a labelled one by time and word, false alarms are counted, and
//! precision and recall are asserted. The labels come from the fixture generator: each filler's
//! sentence (with its start and end in the recording) and its word index in the reference text,
//! which is mapped to the transcript's word times by aligning the two word sequences.
//!
//! Also here: the project's labelled sentences scored through the library, the user's own filler
//! list (config file, flags, `reanalyze`), and README's example output on `examples/answer.wav`.

use serde_json::Value;
use std::fs;

use crate::filler_labels;
use crate::support::*;

/// One transcript word, normalised as the labels spell words, with its time.
struct Spoken {
    word: String,
    start: f64,
    end: f64,
}

/// The report's transcript words; a word that normalises to several ("40%") keeps its time on
/// each.
fn spoken_words(report: &Value) -> Vec<Spoken> {
    let mut out = Vec::new();
    for seg in report["transcript"]["segments"].as_array().unwrap() {
        for w in seg["words"].as_array().unwrap() {
            for piece in normalized_words(w["word"].as_str().unwrap()) {
                out.push(Spoken {
                    word: piece,
                    start: w["start"].as_f64().unwrap(),
                    end: w["end"].as_f64().unwrap(),
                });
            }
        }
    }
    out
}

/// The reference words as the fixture generator counts them for `word_index`: runs of letters,
/// digits and apostrophes, lower case.
fn reference_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// For each reference word, the transcript word aligned to it (same word or a substitution),
/// by word-level edit distance.
fn align(reference: &[String], spoken: &[Spoken]) -> Vec<Option<usize>> {
    let (n, m) = (reference.len(), spoken.len());
    let mut cost = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in cost.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in cost[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = cost[i - 1][j - 1] + usize::from(reference[i - 1] != spoken[j - 1].word);
            cost[i][j] = sub.min(cost[i - 1][j] + 1).min(cost[i][j - 1] + 1);
        }
    }
    let mut aligned = vec![None; n];
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let sub = cost[i - 1][j - 1] + usize::from(reference[i - 1] != spoken[j - 1].word);
        if cost[i][j] == sub {
            aligned[i - 1] = Some(j - 1);
            i -= 1;
            j -= 1;
        } else if cost[i][j] == cost[i - 1][j] + 1 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    aligned
}

/// A labelled filler or opener placed in time.
#[derive(Debug)]
struct Planted {
    text: String,
    start: f64,
    end: f64,
}

/// The labels of `list` ("fillers" or "openers") placed at the transcript's times. A label whose
/// words the transcript does not have (the recogniser dropped an "um") cannot be placed: it is
/// returned apart, to count as a miss.
fn place_labels(labels: &Value, list: &str, report: &Value) -> (Vec<Planted>, Vec<String>) {
    let reference = reference_words(labels["text"].as_str().unwrap());
    let spoken = spoken_words(report);
    let aligned = align(&reference, &spoken);
    let sentences = labels["sentences"].as_array().unwrap();
    let (mut placed, mut lost) = (Vec::new(), Vec::new());
    for l in labels[list].as_array().unwrap() {
        let text = l["text"].as_str().unwrap().to_string();
        let first = l["word_index"].as_u64().unwrap() as usize;
        let len = text.split(' ').count();
        let sentence = &sentences[l["sentence"].as_u64().unwrap() as usize];
        let (s_start, s_end) = (
            sentence["start"].as_f64().unwrap(),
            sentence["end"].as_f64().unwrap(),
        );
        assert_eq!(
            reference[first..first + len].join(" "),
            text,
            "label {l} does not name the words at its word_index"
        );
        let words: Vec<Option<&Spoken>> = (first..first + len)
            .map(|k| aligned[k].map(|j| &spoken[j]))
            .collect();
        let heard = words
            .iter()
            .zip(text.split(' '))
            .all(|(w, expected)| w.is_some_and(|w| w.word == expected));
        // The aligned words must lie inside the labelled sentence: the alignment cannot have
        // placed the label in another sentence.
        let inside = words
            .iter()
            .flatten()
            .all(|w| w.start >= s_start - 0.5 && w.end <= s_end + 0.5);
        match (
            heard,
            words.first().copied().flatten(),
            words.last().copied().flatten(),
        ) {
            (true, Some(a), Some(b)) if inside => placed.push(Planted {
                text,
                start: a.start,
                end: b.end,
            }),
            _ => lost.push(format!(
                "\"{text}\" (sentence {}, word {first}) is not in the transcript",
                l["sentence"]
            )),
        }
    }
    (placed, lost)
}

/// Reported items matched to planted ones by word and time.
#[derive(Debug, Default)]
struct Matched {
    hits: usize,
    false_alarms: Vec<String>,
    misses: Vec<String>,
}

impl Matched {
    fn precision(&self) -> f64 {
        filler_labels::ratio(self.hits, self.hits + self.false_alarms.len())
    }
    fn recall(&self) -> f64 {
        filler_labels::ratio(self.hits, self.hits + self.misses.len())
    }
    fn add(&mut self, other: Matched) {
        self.hits += other.hits;
        self.false_alarms.extend(other.false_alarms);
        self.misses.extend(other.misses);
    }
}

/// Matches the report's `list` ("fillers" or "openers") with the labels, keeping those `keep`
/// selects (by text and kind).
fn match_by_place(
    name: &str,
    labels: &Value,
    report: &Value,
    list: &str,
    keep: impl Fn(&str, &str) -> bool,
) -> Matched {
    let (placed, lost) = place_labels(labels, list, report);
    let kind_of = |text: &str| {
        labels[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["text"] == text)
            .map(|l| l["kind"].as_str().unwrap().to_string())
    };
    let mut m = Matched::default();
    let mut taken = vec![false; placed.len()];
    for r in report[list].as_array().unwrap() {
        let text = r["text"].as_str().unwrap();
        if !keep(text, r["kind"].as_str().unwrap()) {
            continue;
        }
        let (start, end) = (r["start"].as_f64().unwrap(), r["end"].as_f64().unwrap());
        let found = placed.iter().enumerate().position(|(k, p)| {
            !taken[k] && p.text == text && start < p.end + 0.05 && end > p.start - 0.05
        });
        match found {
            Some(k) => {
                taken[k] = true;
                m.hits += 1;
            }
            None => m.false_alarms.push(format!(
                "{name}: \"{text}\" at {start:.2} s is not labelled"
            )),
        }
    }
    for (k, p) in placed.iter().enumerate() {
        if !taken[k] && keep(&p.text, &kind_of(&p.text).unwrap_or_default()) {
            m.misses.push(format!(
                "{name}: \"{}\" at {:.2} s was not reported",
                p.text, p.start
            ));
        }
    }
    for l in lost {
        let text = l.split('"').nth(1).unwrap_or_default().to_string();
        if keep(&text, &kind_of(&text).unwrap_or_default()) {
            m.misses.push(format!("{name}: {l}"));
        }
    }
    m
}

fn sound(_: &str, kind: &str) -> bool {
    kind == "sound"
}

fn discourse(_: &str, kind: &str) -> bool {
    kind == "discourse"
}

fn any(_: &str, _: &str) -> bool {
    true
}

/// Fails with every false alarm and miss when precision or recall is below its threshold.
fn assert_scores(what: &str, m: &Matched, precision: f64, recall: f64, transcripts: &str) {
    assert!(
        m.precision() >= precision && m.recall() >= recall,
        "{what}: precision {:.2} (want {precision}), recall {:.2} (want {recall}), {} found\n\
         false alarms: {:#?}\nmisses: {:#?}\n{transcripts}",
        m.precision(),
        m.recall(),
        m.hits,
        m.false_alarms,
        m.misses
    );
}

#[test]
fn labelled_sentences_score_above_thresholds() {
    let sentences = filler_labels::load(&fixture("filler-sentences.jsonl"));
    assert!(sentences.len() >= 150, "{} sentences", sentences.len());
    let scores = filler_labels::score(&sentences);
    let mut fillers = filler_labels::Tally::default();
    let mut openers = filler_labels::Tally::default();
    for (word, t) in &scores.by_word {
        if word.ends_with("(opener)") {
            openers.add(t);
        } else {
            fillers.add(t);
        }
    }
    let failures = scores.failures.join("\n");
    assert!(
        fillers.hits + fillers.misses >= 100,
        "too few labelled fillers to measure"
    );
    assert!(
        fillers.precision() >= 0.97 && fillers.recall() >= 0.95,
        "fillers: precision {:.3}, recall {:.3}\n{failures}",
        fillers.precision(),
        fillers.recall()
    );
    assert!(
        openers.precision() >= 0.95 && openers.recall() >= 0.9,
        "openers: precision {:.3}, recall {:.3}\n{failures}",
        openers.precision(),
        openers.recall()
    );
    let like = scores.by_word.get("like").copied().unwrap_or_default();
    assert_eq!(
        like.false_alarms, 0,
        "a \"like\" used for its meaning was counted:\n{failures}"
    );
}

#[test]
fn fillers_are_found_in_place_on_the_fixture_recordings() {
    let world = World::new();
    let mut sounds = Matched::default();
    let mut words = Matched::default();
    let mut openers = Matched::default();
    let mut transcripts = String::new();
    for name in ["fillers", "discourse", "clean"] {
        let labels = labels(&format!("{name}.json"));
        let r = analyze_json(&world, &fixture(&format!("{name}.wav")), &[]);
        transcripts += &format!("{name}: {}\n", r["transcript"]["text"]);
        sounds.add(match_by_place(name, &labels, &r, "fillers", sound));
        words.add(match_by_place(name, &labels, &r, "fillers", discourse));
        openers.add(match_by_place(name, &labels, &r, "openers", any));
        // Every "like" said for its meaning stays uncounted.
        let legit_like_counted = words
            .false_alarms
            .iter()
            .filter(|f| f.starts_with(name) && f.contains("\"like\""))
            .count();
        assert_eq!(legit_like_counted, 0, "{name}: {:?}", words.false_alarms);
        if name == "fillers" {
            let text = r["transcript"]["text"].as_str().unwrap().to_lowercase();
            assert!(
                !text.contains("here's what i'm"),
                "prompt echoed into the transcript: {text}"
            );
        }
    }
    assert!(sounds.hits + sounds.misses.len() >= 12);
    assert!(words.hits + words.misses.len() >= 12);
    assert_scores("um/uh", &sounds, 0.95, 0.95, &transcripts);
    assert_scores("discourse fillers", &words, 0.95, 0.9, &transcripts);
    assert_scores("openers", &openers, 0.95, 0.9, &transcripts);
}

/// The "Fillers" or "Openers" line of a summary: its count and its `"word" ×n` parts.
fn summary_line(summary: &str, head: &str) -> Option<(usize, Vec<(String, usize)>)> {
    let line = summary.lines().find(|l| l.starts_with(head))?;
    let rest = line[head.len()..].trim();
    let total = rest.split_whitespace().next()?.parse().ok()?;
    let mut words = Vec::new();
    for part in rest.split('"').skip(1).collect::<Vec<_>>().chunks(2) {
        if let [word, tail] = part {
            let n = tail
                .trim_start_matches(" ×")
                .split(' ')
                .next()?
                .parse()
                .ok()?;
            words.push((word.to_string(), n));
        }
    }
    Some((total, words))
}

/// `(text, count)` of a label list, sorted.
fn label_counts(labels: &Value, list: &str) -> Vec<(String, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for l in labels[list].as_array().unwrap() {
        *counts
            .entry(l["text"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

fn sorted(mut v: Vec<(String, usize)>) -> Vec<(String, usize)> {
    v.sort();
    v
}

#[test]
fn readme_example_and_the_labels_of_the_example_answer_agree() {
    let world = World::new();
    let labels: Value =
        serde_json::from_str(&fs::read_to_string(root().join("examples/answer.json")).unwrap())
            .unwrap();
    let json = world.path("answer.json");
    let o = world.run(&[
        "analyze",
        root().join("examples/answer.wav").to_str().unwrap(),
        "--question",
        labels["question"].as_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    let text = format!("answer: {}", r["transcript"]["text"]);
    // The real run finds exactly the labelled fillers and openers, in place.
    assert_scores(
        "answer fillers",
        &match_by_place("answer", &labels, &r, "fillers", any),
        1.0,
        1.0,
        &text,
    );
    assert_scores(
        "answer openers",
        &match_by_place("answer", &labels, &r, "openers", any),
        1.0,
        1.0,
        &text,
    );
    // The summary says so, and README's example shows the same counts as the labels.
    let summary = stdout(&o);
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let example = readme
        .split("## What you get")
        .nth(1)
        .and_then(|s| s.split("```").nth(1))
        .expect("README has a \"What you get\" example");
    for (head, list) in [("Fillers", "fillers"), ("Openers", "openers")] {
        let expected = label_counts(&labels, list);
        let total: usize = expected.iter().map(|(_, n)| n).sum();
        for (source, text) in [("summary", summary.as_str()), ("README", example)] {
            let (n, words) = summary_line(text, head)
                .unwrap_or_else(|| panic!("no {head} line in the {source}:\n{text}"));
            assert_eq!(n, total, "{head} count in the {source}:\n{text}");
            assert_eq!(sorted(words), expected, "{head} in the {source}:\n{text}");
        }
    }
}

/// Writes `config.toml` for `world` with a `[fillers]` section.
fn write_filler_config(world: &World, body: &str) -> std::path::PathBuf {
    let dir = world.path("config/rehearse");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    fs::write(&path, body).unwrap();
    path
}

/// The reported fillers as (text, start) pairs.
fn reported(report: &Value, text: &str) -> Vec<f64> {
    report["fillers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["text"] == text)
        .map(|f| f["start"].as_f64().unwrap())
        .collect()
}

/// Start times of a word in the report's transcript.
fn said_at(report: &Value, word: &str) -> Vec<f64> {
    spoken_words(report)
        .iter()
        .filter(|w| w.word == word)
        .map(|w| w.start)
        .collect()
}

fn saved_report(world: &World) -> Value {
    let o = world.run(&["show", "latest", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn your_own_filler_list_is_used_recorded_and_applied_by_reanalyze() {
    let world = World::new();
    // clean.wav says "team" once and "project" once; neither is a filler by default.
    write_filler_config(&world, "[fillers]\nextra = [\"team\"]\nignore = [\"so\"]\n");
    let o = world.run(&[
        "analyze",
        fixture("clean.wav").to_str().unwrap(),
        "--save",
        "--json",
        "-",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        r["settings"]["fillers"]["extra"],
        serde_json::json!(["team"])
    );
    assert_eq!(
        r["settings"]["fillers"]["ignore"],
        serde_json::json!(["so"])
    );
    assert_eq!(said_at(&r, "team").len(), 1, "{}", r["transcript"]["text"]);
    assert_eq!(reported(&r, "team"), said_at(&r, "team"));
    assert!(reported(&r, "project").is_empty());

    // A changed list, and a flag on top of it: reanalyze counts by the new list.
    write_filler_config(&world, "[fillers]\nextra = [\"project\"]\n");
    let o = world.run(&["reanalyze", "latest", "--extra-filler", "lesson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let saved = saved_report(&world);
    assert_eq!(
        saved["settings"]["fillers"]["extra"],
        serde_json::json!(["project", "lesson"])
    );
    assert!(reported(&saved, "team").is_empty(), "{}", saved["fillers"]);
    assert_eq!(reported(&saved, "project"), said_at(&saved, "project"));
    assert_eq!(reported(&saved, "lesson"), said_at(&saved, "lesson"));
    assert_eq!(said_at(&saved, "lesson").len(), 1);
    assert_eq!(saved["metrics"]["fillers"]["by_word"]["project"], 1);
}

#[test]
fn a_bad_filler_list_is_one_clear_error() {
    let world = World::new();
    let config = write_filler_config(&world, "[fillers]\nignore = [\"banana\"]\n");
    let out = world.path("report.json");
    let wav = fixture("clean.wav");
    let o = world.run(&[
        "analyze",
        wav.to_str().unwrap(),
        "--json",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains(&*config.to_string_lossy()) && err.contains("banana"),
        "{err}"
    );
    assert!(!out.exists());
    fs::remove_file(&config).unwrap();
    let o = world.run(&[
        "analyze",
        wav.to_str().unwrap(),
        "--extra-filler",
        "so",
        "--ignore-filler",
        "so",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("\"so\" is in both"), "{}", stderr(&o));
}
