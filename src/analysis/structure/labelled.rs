//! The project's hand-labelled answers (`tests/fixtures/structure/`): their text format, and
//! the scoring of the structure analysis against them, shared by the unit tests and the
//! benchmark (`examples/bench_structure.rs`) so both measure the same way.
//!
//! Parts are scored per word (each word carries its sentence's part), so a sentence cut in a
//! different place costs only the words it moves. Answer-level cues are scored per answer.

use std::collections::BTreeMap;

use super::model::Learned;

use super::{
    analyze_structure_with, asks_for_example, story_checks, Ending, Part, Question, Structure,
    StructureSettings,
};
use crate::transcript::{normalize_token, Word};

/// Lists each labelled answer file once and makes from it both `SETS` (names, for the tools)
/// and the unit tests' compiled-in texts, so the two cannot disagree.
macro_rules! labelled_sets {
    ($(($file:literal, $name:literal)),* $(,)?) => {
        /// The labelled answer files (in `tests/fixtures/structure/`), in the order they were
        /// written, with the name the benchmark reports each under.
        pub const SETS: &[(&str, &str)] = &[$(($file, $name)),*];

        /// Every labelled set's text, compiled into the unit tests (the same files as `SETS`).
        #[cfg(test)]
        const SET_TEXTS: &[(&str, &str)] = &[$((
            $file,
            include_str!(concat!("../../../tests/fixtures/structure/", $file)),
        )),*];
    };
}

labelled_sets![
    ("dev.txt", "development"),
    ("dev2.txt", "development, second part"),
    ("heldout.txt", "held back"),
    ("heldout2.txt", "second held-back"),
    ("heldout3.txt", "third held-back"),
    ("heldout4.txt", "fourth held-back"),
    ("heldout5.txt", "fifth held-back"),
    ("heldout6.txt", "sixth held-back"),
    ("heldout7.txt", "seventh held-back"),
    ("heldout8.txt", "eighth held-back"),
    ("heldout9.txt", "ninth held-back"),
    ("heldout10.txt", "tenth held-back (unseen)"),
    ("heldout11.txt", "eleventh held-back"),
    ("heldout12.txt", "twelfth held-back"),
    ("heldout13.txt", "thirteenth held-back"),
    ("heldout14.txt", "fourteenth held-back"),
    ("heldout15.txt", "fifteenth held-back"),
    ("heldout16.txt", "sixteenth held-back"),
    ("heldout17.txt", "seventeenth held-back"),
    ("heldout18.txt", "eighteenth held-back"),
    ("heldout19.txt", "nineteenth held-back"),
    ("heldout20.txt", "twentieth held-back"),
    ("heldout21.txt", "twenty-first held-back"),
    ("heldout22.txt", "twenty-second held-back"),
    ("heldout23.txt", "twenty-third held-back"),
    ("heldout24.txt", "twenty-fourth held-back"),
    ("heldout25.txt", "twenty-fifth held-back"),
    ("heldout26.txt", "twenty-sixth held-back"),
    ("heldout27.txt", "twenty-seventh held-back"),
    ("heldout28.txt", "twenty-eighth held-back"),
    ("heldout29.txt", "twenty-ninth held-back"),
    ("heldout30.txt", "thirtieth held-back"),
    ("heldout31.txt", "thirty-first held-back"),
    ("heldout32.txt", "thirty-second held-back"),
    ("heldout33.txt", "thirty-third held-back"),
    ("heldout34.txt", "thirty-fourth held-back"),
    ("heldout35.txt", "thirty-fifth held-back"),
    ("heldout36.txt", "thirty-sixth held-back"),
    ("heldout37.txt", "thirty-seventh held-back"),
    ("heldout38.txt", "thirty-eighth held-back"),
    ("heldout39.txt", "thirty-ninth held-back"),
    ("heldout40.txt", "fortieth held-back"),
    ("heldout41.txt", "forty-first held-back"),
    ("heldout42.txt", "forty-second held-back"),
    ("heldout43.txt", "forty-third held-back"),
    ("heldout44.txt", "forty-fourth held-back"),
    ("heldout45.txt", "forty-fifth held-back"),
    ("heldout46.txt", "forty-sixth held-back"),
    ("heldout47.txt", "forty-seventh held-back"),
    ("heldout48.txt", "forty-eighth held-back"),
    ("heldout49.txt", "forty-ninth held-back"),
    ("heldout50.txt", "fiftieth held-back"),
    ("heldout51.txt", "fifty-first held-back"),
    ("heldout52.txt", "fifty-second held-back"),
    ("heldout53.txt", "fifty-third held-back"),
    ("heldout54.txt", "fifty-fourth held-back"),
    ("heldout55.txt", "fifty-fifth held-back"),
    ("heldout56.txt", "fifty-sixth held-back"),
    ("heldout57.txt", "fifty-seventh held-back"),
    ("heldout58.txt", "fifty-eighth held-back"),
    ("heldout59.txt", "fifty-ninth held-back"),
    ("heldout60.txt", "sixtieth held-back"),
    ("heldout61.txt", "sixty-first held-back"),
    ("heldout62.txt", "sixty-second held-back"),
    ("heldout63.txt", "sixty-third held-back"),
    ("heldout64.txt", "sixty-fourth held-back"),
    ("heldout65.txt", "sixty-fifth held-back"),
    ("heldout66.txt", "sixty-sixth held-back"),
    ("heldout67.txt", "sixty-seventh held-back"),
    ("heldout68.txt", "sixty-eighth held-back"),
    ("heldout69.txt", "sixty-ninth held-back"),
    ("heldout70.txt", "seventieth held-back"),
    ("heldout71.txt", "seventy-first held-back"),
    ("heldout72.txt", "seventy-second held-back"),
    ("heldout73.txt", "seventy-third held-back"),
    ("heldout74.txt", "seventy-fourth held-back"),
    ("heldout75.txt", "seventy-fifth held-back"),
    ("heldout76.txt", "seventy-sixth held-back"),
    ("heldout77.txt", "seventy-seventh held-back"),
    ("heldout78.txt", "seventy-eighth held-back"),
    ("heldout79.txt", "seventy-ninth held-back"),
    ("heldout80.txt", "eightieth held-back"),
    ("heldout81.txt", "eighty-first held-back"),
    ("heldout82.txt", "eighty-second held-back"),
    ("heldout83.txt", "eighty-third held-back"),
    ("heldout84.txt", "eighty-fourth held-back"),
    ("heldout85.txt", "eighty-fifth held-back"),
    ("heldout86.txt", "eighty-sixth held-back"),
    ("heldout87.txt", "eighty-seventh held-back"),
    ("heldout88.txt", "eighty-eighth held-back"),
    ("heldout89.txt", "eighty-ninth held-back"),
    ("heldout90.txt", "ninetieth held-back"),
    ("heldout91.txt", "ninety-first held-back"),
    ("heldout92.txt", "ninety-second held-back"),
    ("heldout93.txt", "ninety-third held-back"),
    ("heldout94.txt", "ninety-fourth held-back"),
    ("heldout95.txt", "ninety-fifth held-back"),
    ("heldout96.txt", "ninety-sixth held-back"),
    ("heldout97.txt", "ninety-seventh held-back"),
    ("heldout98.txt", "ninety-eighth held-back"),
    ("heldout99.txt", "ninety-ninth held-back"),
    ("heldout100.txt", "hundredth held-back"),
    ("heldout101.txt", "hundred-and-first held-back"),
    ("heldout102.txt", "hundred-and-second held-back"),
    ("heldout103.txt", "hundred-and-third held-back"),
    ("heldout104.txt", "hundred-and-fourth held-back"),
    ("heldout105.txt", "hundred-and-fifth held-back"),
    ("heldout106.txt", "hundred-and-sixth held-back"),
    ("heldout107.txt", "hundred-and-seventh held-back"),
    ("heldout108.txt", "hundred-and-eighth held-back"),
    ("heldout109.txt", "hundred-and-ninth held-back"),
    ("heldout110.txt", "hundred-and-tenth held-back"),
    ("heldout111.txt", "hundred-and-eleventh held-back"),
    ("heldout112.txt", "hundred-and-twelfth held-back"),
    ("heldout113.txt", "hundred-and-thirteenth held-back"),
    ("heldout114.txt", "hundred-and-fourteenth held-back"),
    ("heldout115.txt", "hundred-and-fifteenth held-back"),
    ("heldout116.txt", "hundred-and-sixteenth held-back"),
    ("heldout117.txt", "hundred-and-seventeenth held-back"),
    ("heldout118.txt", "hundred-and-eighteenth held-back"),
    ("heldout119.txt", "hundred-and-nineteenth held-back"),
    ("heldout120.txt", "hundred-and-twentieth held-back"),
    ("heldout121.txt", "hundred-and-twenty-first held-back"),
];

/// The common interview questions (`yes|no<TAB>question`), which the question model trains on
/// beside the labelled answers' questions; each part was routed once when new before that.
pub const COMMON_QUESTIONS: &str = "common_questions.txt";

/// The common questions' text, compiled into the unit tests.
#[cfg(test)]
pub(crate) const COMMON_QUESTIONS_TEXT: &str =
    include_str!("../../../tests/fixtures/structure/common_questions.txt");

/// The fingerprint of what the question model must have been trained on: the used sets and
/// the common questions.
#[cfg(test)]
pub(crate) fn question_fingerprint() -> String {
    let mut texts = used_texts();
    texts.push(COMMON_QUESTIONS_TEXT);
    fingerprint(&texts)
}

/// The set nothing has been fitted to: no rule changed for it and the model is not trained on
/// it, so the benchmark's numbers for it estimate how the analysis does on new answers.
pub const UNSEEN: &str = "heldout10.txt";

/// The sets the rules were improved on and the model is trained on (all but `UNSEEN`), in
/// `SETS` order, as (file, text).
#[cfg(test)]
fn used_sets() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    SET_TEXTS.iter().filter(|(file, _)| *file != UNSEEN)
}

/// The fingerprint of the used sets: what the compiled-in models must have been trained on.
#[cfg(test)]
pub(crate) fn used_fingerprint() -> String {
    fingerprint(&used_texts())
}

/// The text of every set the model is trained on, in `SETS` order.
#[cfg(test)]
pub(crate) fn used_texts() -> Vec<&'static str> {
    used_sets().map(|(_, text)| *text).collect()
}

/// What a model was trained on, in a few characters: the SHA-256 of the training sets' text
/// (in `SETS` order), recorded by the trainer in `model.tsv` and checked by a unit test.
pub fn fingerprint(texts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for text in texts {
        hash.update(text.as_bytes());
        // Set boundaries count: moving an answer from one set to the next changes the print.
        hash.update([0u8]);
    }
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The answers of every set the rules were improved on and the model is trained on: all but
/// `UNSEEN`.
#[cfg(test)]
pub(crate) fn used_answers() -> Vec<LabelledAnswer> {
    used_sets()
        .flat_map(|(file, text)| parse_answers(text).unwrap_or_else(|e| panic!("{file}: {e}")))
        .collect()
}

/// What a labeller wrote about one answer besides its sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    /// `None` when the answer has no result.
    pub quantified: Option<bool>,
    pub ending: Ending,
    /// "We" clearly outnumbers "I" in the action sentences.
    pub we_dominant: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LabelledAnswer {
    pub id: String,
    pub question: String,
    /// Does the question ask for an example from the past.
    pub example: bool,
    /// Given for example questions only.
    pub expected: Option<Expected>,
    pub sentences: Vec<(Part, String)>,
}

/// A labelled question: does it ask for a past example, and was it held back.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledQuestion {
    pub text: String,
    pub example: bool,
    pub held_out: bool,
}

fn part_of_letter(letter: &str) -> Option<Part> {
    Some(match letter {
        "S" => Part::Situation,
        "T" => Part::Task,
        "A" => Part::Action,
        "R" => Part::Result,
        "L" => Part::Learning,
        "O" => Part::Other,
        _ => return None,
    })
}

fn yes_no(value: &str, line: usize) -> Result<bool, String> {
    match value {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => Err(format!("line {line}: '{other}' is not yes or no")),
    }
}

/// Parses answers in the labelled-set format (see the fixtures' README).
pub fn parse_answers(text: &str) -> Result<Vec<LabelledAnswer>, String> {
    let mut answers: Vec<LabelledAnswer> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let no = n + 1;
        if line.is_empty() || (line.starts_with('#') && !line.starts_with("## ")) {
            continue;
        }
        if let Some(id) = line.strip_prefix("## ") {
            answers.push(LabelledAnswer {
                id: id.trim().to_string(),
                question: String::new(),
                example: false,
                expected: None,
                sentences: Vec::new(),
            });
            continue;
        }
        let answer = answers
            .last_mut()
            .ok_or_else(|| format!("line {no}: text before the first '## ID'"))?;
        if let Some(q) = line.strip_prefix("question:") {
            answer.question = q.trim().to_string();
        } else if let Some(e) = line.strip_prefix("example:") {
            answer.example = yes_no(e.trim(), no)?;
        } else if let Some(e) = line.strip_prefix("expect:") {
            answer.expected = Some(parse_expected(e, no)?);
        } else {
            let (letter, sentence) = line
                .split_once(' ')
                .ok_or_else(|| format!("line {no}: expected 'PART sentence'"))?;
            let part = part_of_letter(letter)
                .ok_or_else(|| format!("line {no}: '{letter}' is not one of S T A R L O"))?;
            answer.sentences.push((part, sentence.trim().to_string()));
        }
    }
    for a in &answers {
        if a.sentences.is_empty() || a.question.is_empty() {
            return Err(format!("answer {}: no question or no sentences", a.id));
        }
        if a.example != a.expected.is_some() {
            return Err(format!(
                "answer {}: `expect` is given exactly for example questions",
                a.id
            ));
        }
    }
    Ok(answers)
}

fn parse_expected(text: &str, line: usize) -> Result<Expected, String> {
    let mut fields = BTreeMap::new();
    for pair in text.split_whitespace() {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| format!("line {line}: '{pair}' is not key=value"))?;
        fields.insert(k, v);
    }
    let get = |k: &str| {
        fields
            .get(k)
            .copied()
            .ok_or_else(|| format!("line {line}: missing {k}="))
    };
    let quantified = match get("quantified")? {
        "-" => None,
        v => Some(yes_no(v, line)?),
    };
    let ending = match get("ending")? {
        "result" => Ending::Result,
        "learning" => Ending::Learning,
        "trail_off" => Ending::TrailOff,
        "other" => Ending::Other,
        v => return Err(format!("line {line}: unknown ending '{v}'")),
    };
    Ok(Expected {
        quantified,
        ending,
        we_dominant: yes_no(get("we")?, line)?,
    })
}

/// Parses `yes|no<TAB>question` lines; `## heldout` starts the held-back part.
pub fn parse_questions(text: &str) -> Result<Vec<LabelledQuestion>, String> {
    let mut held_out = false;
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line == "## heldout" {
            held_out = true;
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (label, q) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {}: expected 'yes|no<TAB>question'", n + 1))?;
        out.push(LabelledQuestion {
            text: q.trim().to_string(),
            example: yes_no(label.trim(), n + 1)?,
            held_out,
        });
    }
    Ok(out)
}

/// How an answer's text is given to the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presentation {
    /// As the labeller wrote it (punctuated or not).
    AsWritten,
    /// Lower case with all punctuation removed, as a recogniser without punctuation gives it.
    Unpunctuated,
}

/// The answer's words (without times) and each word's labelled part.
pub fn words_of(answer: &LabelledAnswer, how: Presentation) -> (Vec<Word>, Vec<Part>) {
    let mut words = Vec::new();
    let mut parts = Vec::new();
    for (part, sentence) in &answer.sentences {
        for token in sentence.split_whitespace() {
            if normalize_token(token).is_empty() {
                continue;
            }
            let word = match how {
                Presentation::AsWritten => token.to_string(),
                Presentation::Unpunctuated => normalize_token(token),
            };
            words.push(Word::untimed(&word));
            parts.push(*part);
        }
    }
    (words, parts)
}

/// Each word's predicted part, in order (the analysis keeps every word that has letters or
/// digits, one sentence after another).
pub fn predicted_word_parts(s: &Structure) -> Vec<Part> {
    s.sentences
        .iter()
        .flat_map(|x| {
            x.text
                .split_whitespace()
                .filter(|t| !normalize_token(t).is_empty())
                .map(move |_| x.part)
        })
        .collect()
}

/// Counts for one part: words labelled and predicted.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PartCounts {
    pub true_positive: usize,
    pub false_positive: usize,
    pub false_negative: usize,
}

impl PartCounts {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

/// One answer-level cue: how many answers it was right on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CueScore {
    pub right: usize,
    pub total: usize,
    /// Ids of the answers it got wrong.
    pub wrong: Vec<String>,
}

impl CueScore {
    fn add(&mut self, id: &str, right: bool) {
        self.total += 1;
        if right {
            self.right += 1;
        } else {
            self.wrong.push(id.to_string());
        }
    }
    pub fn accuracy(&self) -> f64 {
        ratio(self.right, self.total)
    }
}

/// The names of the answer-level cues, in report order.
pub const CUES: [&str; 5] = [
    "result_present",
    "result_quantified",
    "setup_over_half",
    "trail_off_ending",
    "ownership",
];

/// Everything measured on a set of answers.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub answers: usize,
    pub parts: BTreeMap<&'static str, PartCounts>,
    /// Word-level accuracy over all parts.
    pub words_right: usize,
    pub words: usize,
    pub cues: BTreeMap<&'static str, CueScore>,
    /// The four-way ending (result, learning, trail-off, other).
    pub ending: CueScore,
    /// Example questions coached as stories, other questions not.
    pub question_routing: CueScore,
    /// Non-example answers that got a structure warning (must be none).
    pub warned_non_example: Vec<String>,
}

/// Runs the analysis on each answer and scores it against the labels. Setup share is judged
/// against `settings.setup_share_warn`, ownership against the settings' thresholds.
pub fn evaluate(
    answers: &[LabelledAnswer],
    how: Presentation,
    settings: &StructureSettings,
) -> Evaluation {
    evaluate_with(answers, how, settings, Some(Learned::shipped()))
}

/// `evaluate` with a chosen sentence model, or the rules alone (`None`).
pub fn evaluate_with(
    answers: &[LabelledAnswer],
    how: Presentation,
    settings: &StructureSettings,
    learned: Option<Learned>,
) -> Evaluation {
    let mut e = Evaluation::default();
    for a in answers {
        let (words, gold) = words_of(a, how);
        let question = Question {
            text: &a.question,
            example: None,
        };
        let Some(s) = analyze_structure_with(&words, Some(&question), settings, learned) else {
            continue;
        };
        e.answers += 1;
        e.question_routing.add(&a.id, s.coached() == a.example);
        let Some(expected) = &a.expected else {
            let warned = story_checks(&s, settings)
                .iter()
                .any(|c| c.status != crate::analysis::Status::Pass);
            if warned || s.coached() {
                e.warned_non_example.push(a.id.clone());
            }
            continue;
        };
        let predicted = predicted_word_parts(&s);
        for (k, g) in gold.iter().enumerate() {
            let p = predicted.get(k).copied().unwrap_or(Part::Other);
            e.words += 1;
            if p == *g {
                e.words_right += 1;
                e.parts.entry(g.as_str()).or_default().true_positive += 1;
            } else {
                e.parts.entry(g.as_str()).or_default().false_negative += 1;
                e.parts.entry(p.as_str()).or_default().false_positive += 1;
            }
        }
        let gold_setup =
            gold.iter().filter(|p| p.is_setup()).count() as f64 / gold.len().max(1) as f64;
        let cue = |e: &mut Evaluation, name: &'static str, right: bool| {
            e.cues.entry(name).or_default().add(&a.id, right)
        };
        cue(
            &mut e,
            "result_present",
            s.result_present == gold.contains(&Part::Result),
        );
        cue(
            &mut e,
            "result_quantified",
            s.result_quantified == expected.quantified,
        );
        cue(
            &mut e,
            "setup_over_half",
            (s.share.setup() > settings.setup_share_warn)
                == (gold_setup > settings.setup_share_warn),
        );
        cue(
            &mut e,
            "trail_off_ending",
            (s.ending == Ending::TrailOff) == (expected.ending == Ending::TrailOff),
        );
        cue(
            &mut e,
            "ownership",
            settings.we_dominates(s.ownership.i, s.ownership.we) == expected.we_dominant,
        );
        e.ending.add(&a.id, s.ending == expected.ending);
    }
    e
}

/// Accuracy of the question classifier on labelled questions.
pub fn evaluate_questions<'a>(questions: impl Iterator<Item = &'a LabelledQuestion>) -> CueScore {
    let mut score = CueScore::default();
    for q in questions {
        score.add(&q.text, asks_for_example(&q.text) == q.example);
    }
    score
}
