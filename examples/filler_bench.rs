//! Scores the filler detector on real conversations (the Switchboard held-out labels) and on the
//! project's own labelled sentences, printing precision and recall per word.
//!
//! Run: scripts/bench-fillers.sh [SWITCHBOARD_JSONL] [--errors WORD] [--half a|b]
//!  or: cargo run --release --example filler_bench -- [SWITCHBOARD_JSONL] [--errors WORD] [--half a|b]
//!
//! The Switchboard file is not in the repository (its licence allows evaluation only): it is
//! read from the first argument, else `$REHEARSE_SWITCHBOARD`, else
//! `../shared/data/switchboard-fillers/heldout.jsonl` from the repository root. Each side (one
//! speaker of one conversation) is fed to the detector as one stream of words with their times
//! and no punctuation, as a forced alignment gives them: clause boundaries must come from the
//! words and the pauses, not from the annotators' utterance breaks.
//!
//! The conversations are split in two halves (sorted by number, alternating): A, the half the
//! rules were first developed on, and B, the check that they were not fitted to A.
//!
//! "like" is also scored on what a coach and Switchboard agree on: its annotators mark the
//! approximative "like" before an amount ("it's like ninety-nine percent") in some
//! conversations and not in others, while rehearse counts it; the "agreed" row leaves out every
//! "like" whose next word (after um/uh) is a number, or "about"/"around" and a number, and the
//! row below it scores those apart.
//! `--errors WORD` lists the misses and false alarms for one word in context (half A unless
//! `--half b`), for working on the rules.

#[path = "../tests/cli/filler_labels.rs"]
mod filler_labels;

use filler_labels::Tally;
use rehearse::analysis::fillers::{explain, FillerSettings, Verdict};
use rehearse::transcript::Word;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The words scored on Switchboard, where its annotation and a coach's agree, plus "so".
const SCORED: &[&str] = &[
    "like", "you know", "i mean", "well", "actually", "um/uh", "so",
];

#[derive(Deserialize)]
struct Utterance {
    side: String,
    words: Vec<(String, f64, f64)>,
    fillers: Vec<usize>,
}

/// One speaker's words in time order, with the annotators' filler marks.
struct Side {
    conversation: String,
    words: Vec<Word>,
    labelled: BTreeSet<usize>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut errors_for: Option<String> = None;
    let mut half_b = false;
    let mut path: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--errors" => errors_for = it.next().cloned(),
            "--half" => half_b = it.next().is_some_and(|h| h.eq_ignore_ascii_case("b")),
            // `cargo bench`-style flags are not ours.
            s if s.starts_with("--") => {}
            s => path = Some(PathBuf::from(s)),
        }
    }
    let path = path
        .or_else(|| std::env::var_os("REHEARSE_SWITCHBOARD").map(PathBuf::from))
        .unwrap_or_else(|| root.join("../shared/data/switchboard-fillers/heldout.jsonl"));

    let sentences = filler_labels::load(&root.join("tests/fixtures/filler-sentences.jsonl"));
    let own = filler_labels::score(&sentences);
    println!(
        "Project sentences (tests/fixtures/filler-sentences.jsonl): {} sentences, {} labelled",
        sentences.len(),
        sentences.iter().map(|s| s.labels.len()).sum::<usize>()
    );
    println!(
        "{:<18} {:>9} {:>9} {:>6}",
        "word", "precision", "recall", "n"
    );
    let mut all = Tally::default();
    let mut discourse = Tally::default();
    for (word, t) in &own.by_word {
        print_row(word, t);
        if !word.ends_with("(opener)") {
            all.add(t);
            if !["um", "uh", "er", "ah", "hmm"].contains(&word.as_str()) {
                discourse.add(t);
            }
        }
    }
    print_row("discourse fillers", &discourse);
    print_row("all fillers", &all);
    if errors_for.as_deref() == Some("sentences") {
        for f in &own.failures {
            println!("  {f}");
        }
    }
    println!();

    let sides = match read_switchboard(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "filler_bench: {e}\n  (give the Switchboard held-out file as the first argument \
                 or in REHEARSE_SWITCHBOARD; the project sentences above need nothing)"
            );
            return ExitCode::FAILURE;
        }
    };
    let conversations: BTreeSet<&str> = sides.iter().map(|s| s.conversation.as_str()).collect();
    let half_of: BTreeMap<&str, usize> = conversations
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i % 2))
        .collect();
    let settings = FillerSettings::default();
    let mut tallies = [BTreeMap::new(), BTreeMap::new()];
    let mut rules: BTreeMap<(&'static str, bool), usize> = BTreeMap::new();
    let started = std::time::Instant::now();
    let mut word_count = 0;
    for side in &sides {
        let half = half_of[side.conversation.as_str()];
        word_count += side.words.len();
        let show = errors_for
            .as_deref()
            .filter(|_| half == usize::from(half_b));
        score_side(side, &settings, &mut tallies[half], show, &mut rules);
    }
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(word) = &errors_for {
        println!("rules deciding \"{word}\" (labelled filler / not labelled):");
        let names: BTreeSet<&str> = rules.keys().map(|(r, _)| *r).collect();
        for r in names {
            let yes = rules.get(&(r, true)).unwrap_or(&0);
            let no = rules.get(&(r, false)).unwrap_or(&0);
            println!("  {yes:>4} / {no:<4} {r}");
        }
    }
    println!(
        "Switchboard held-out ({}): {} sides of {} conversations, {word_count} words with times, \
         no punctuation",
        path.display(),
        sides.len(),
        conversations.len()
    );
    println!("half A: rules developed on it; half B: kept aside as the check");
    println!(
        "{:<16} {:>7} {:>7} {:>6}   {:>7} {:>7} {:>6}   {:>7} {:>7} {:>6}",
        "word", "A: P", "R", "n", "B: P", "R", "n", "all: P", "R", "n"
    );
    let row = |label: &str, keys: &[&str]| {
        let sum = |half: &BTreeMap<String, Tally>| {
            let mut t = Tally::default();
            for k in keys {
                t.add(&half.get(*k).copied().unwrap_or_default());
            }
            t
        };
        let (a, b) = (sum(&tallies[0]), sum(&tallies[1]));
        let mut both = a;
        both.add(&b);
        println!(
            "{label:<16} {}   {}   {}",
            cells(&a),
            cells(&b),
            cells(&both)
        );
    };
    for word in SCORED {
        match *word {
            "like" => {
                row("like", &[LIKE_AGREED, LIKE_AMOUNT]);
                row("  agreed", &[LIKE_AGREED]);
                row("  before amount", &[LIKE_AMOUNT]);
            }
            "so" => row("so*", &["so"]),
            w => row(w, &[w]),
        }
    }
    println!(
        "like agreed: leaving out \"like\" before an amount, which rehearse counts and the \
         annotators mark only sometimes (scored apart below it)."
    );
    println!(
        "* \"so\": rehearse reports a sentence-opening \"so\" as an opener, not a filler; \
         Switchboard marks few \"so\" at all."
    );
    println!(
        "n = labelled fillers. Detection: {:.0} words/s.",
        word_count as f64 / elapsed.max(1e-9)
    );
    ExitCode::SUCCESS
}

fn print_row(word: &str, t: &Tally) {
    println!(
        "{word:<18} {:>9.3} {:>9.3} {:>6}",
        t.precision(),
        t.recall(),
        t.hits + t.misses
    );
}

fn cells(t: &Tally) -> String {
    format!(
        "{:>7.3} {:>7.3} {:>6}",
        t.precision(),
        t.recall(),
        t.hits + t.misses
    )
}

fn read_switchboard(path: &Path) -> Result<Vec<Side>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut by_side: BTreeMap<String, Side> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let u: Utterance = serde_json::from_str(line)
            .map_err(|e| format!("{} line {}: {e}", path.display(), n + 1))?;
        let side = by_side.entry(u.side.clone()).or_insert_with(|| Side {
            conversation: u.side.trim_end_matches(['A', 'B']).to_string(),
            words: Vec::new(),
            labelled: BTreeSet::new(),
        });
        let offset = side.words.len();
        side.labelled.extend(u.fillers.iter().map(|i| offset + i));
        side.words
            .extend(u.words.into_iter().map(|(word, start, end)| Word {
                word,
                start,
                end,
                probability: 1.0,
            }));
    }
    Ok(by_side.into_values().collect())
}

/// The two parts "like" is scored in: before an amount, and everywhere else.
const LIKE_AGREED: &str = "like (agreed)";
const LIKE_AMOUNT: &str = "like (before an amount)";

/// The tally a scored word at `i` goes to: "like" splits by whether an amount follows.
fn tally_key(words: &[Word], i: usize, word: &'static str) -> &'static str {
    if word != "like" {
        return word;
    }
    let next: Vec<&str> = words[i + 1..]
        .iter()
        .map(|w| w.word.as_str())
        .filter(|w| !matches!(*w, "um" | "uh"))
        .take(2)
        .collect();
    let amount = match next.as_slice() {
        [w, ..] if is_number(w) => true,
        ["about" | "around", w] => is_number(w),
        _ => false,
    };
    if amount {
        LIKE_AMOUNT
    } else {
        LIKE_AGREED
    }
}

/// A number written in digits or words ("ten", "forty-one", "hundred"); "one" is left out, as
/// it is as often a pronoun ("like one of those").
fn is_number(w: &str) -> bool {
    const WORDS: &str = "two three four five six seven eight nine ten eleven twelve thirteen \
        fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty \
        seventy eighty ninety hundred thousand million half couple dozen";
    let head = w.split('-').next().unwrap_or(w);
    w.starts_with(|c: char| c.is_ascii_digit()) || WORDS.split_whitespace().any(|n| n == head)
}

/// The scored word a labelled or detected filler at `i` belongs to.
fn scored_word(words: &[Word], i: usize) -> Option<&'static str> {
    let w = |k: usize| words.get(k).map(|x| x.word.as_str());
    match (w(i), w(i + 1)) {
        (Some("you"), Some("know")) => Some("you know"),
        (Some("i"), Some("mean")) => Some("i mean"),
        (Some("um" | "uh"), _) => Some("um/uh"),
        (Some(x), _) => SCORED.iter().find(|s| **s == x).copied(),
        _ => None,
    }
}

fn score_side(
    side: &Side,
    settings: &FillerSettings,
    tallies: &mut BTreeMap<String, Tally>,
    show: Option<&str>,
    rules: &mut BTreeMap<(&'static str, bool), usize>,
) {
    let mut found = BTreeSet::new();
    for d in explain(&side.words, settings) {
        let counted = matches!(d.verdict, Verdict::Filler(_) | Verdict::Opener(_));
        let Some(word) = scored_word(&side.words, d.word_index) else {
            continue;
        };
        if show == Some(word) {
            let labelled = side.labelled.contains(&d.word_index);
            *rules.entry((rule(&d.verdict), labelled)).or_default() += 1;
        }
        if !counted || (word == "so") != matches!(d.verdict, Verdict::Opener(_)) {
            if show == Some(word) && side.labelled.contains(&d.word_index) {
                println!(
                    "  miss   {}   [{}]",
                    context(side, d.word_index),
                    rule(&d.verdict)
                );
            }
            continue;
        }
        found.insert(d.word_index);
        let key = tally_key(&side.words, d.word_index, word);
        let t = tallies.entry(key.to_string()).or_default();
        if side.labelled.contains(&d.word_index) {
            t.hits += 1;
        } else {
            t.false_alarms += 1;
            if show == Some(word) {
                println!(
                    "  false  {}   [{}]",
                    context(side, d.word_index),
                    rule(&d.verdict)
                );
            }
        }
    }
    for &i in &side.labelled {
        // "you know" and "I mean" mark both words; count the phrase once, at its first word.
        let second = i > 0
            && side.labelled.contains(&(i - 1))
            && matches!(scored_word(&side.words, i - 1), Some("you know" | "i mean"));
        if second || found.contains(&i) {
            continue;
        }
        if let Some(word) = scored_word(&side.words, i) {
            let key = tally_key(&side.words, i, word);
            tallies.entry(key.to_string()).or_default().misses += 1;
        }
    }
}

fn rule(v: &Verdict) -> &'static str {
    match v {
        Verdict::Filler(r) | Verdict::Opener(r) | Verdict::Meant(r) | Verdict::Ignored(r) => r,
    }
}

/// Six words either side, labelled fillers in capitals, pauses as <0.42>.
fn context(side: &Side, i: usize) -> String {
    let lo = i.saturating_sub(6);
    let hi = (i + 7).min(side.words.len());
    (lo..hi)
        .map(|k| {
            let w = &side.words[k];
            let gap = if k > 0 {
                w.start - side.words[k - 1].end
            } else {
                0.0
            };
            let text = if side.labelled.contains(&k) {
                w.word.to_uppercase()
            } else {
                w.word.clone()
            };
            let text = if k == i { format!("»{text}«") } else { text };
            if gap >= 0.15 {
                format!("<{gap:.2}> {text}")
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
