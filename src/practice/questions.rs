//! The question bank: a built-in set of second-interview questions, plus the user's own questions
//! kept in `questions.json` in a config folder the caller passes in.
//!
//! Every question has a short slug id (what `--pick` takes), its text, and a default target
//! window in seconds. The user's file is rewritten atomically (temporary file + rename), so a
//! crash never leaves it half written, and under a lock, so questions added at the same moment
//! from two terminals are both kept.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::units::Range;

/// The file name inside the config folder.
pub const FILE_NAME: &str = "questions.json";

/// Locked while a question is added (see `QuestionBank::lock`).
const LOCK_FILE: &str = ".questions.json.lock";

/// The target window for questions added without one: a behavioural (STAR) answer.
pub const DEFAULT_TARGET: Range = Range::new(60.0, 120.0);

const FILE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// The question's time box, in seconds; kept in the file (and `questions --json`) as
    /// `target_min_s` and `target_max_s`.
    #[serde(flatten, with = "target_fields")]
    pub target: Range,
    /// Marked by the user as one they find hard.
    #[serde(default)]
    pub tough: bool,
    /// Whether the question asks for an example from the past, so answers are coached as
    /// stories (situation, task, action, result). `None`: the question's wording decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<bool>,
    /// True for the built-in set (not stored in the file).
    #[serde(skip)]
    pub builtin: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum QuestionError {
    #[error("cannot read {path}: {source}; fix or remove the file")]
    Read {
        path: PathBuf,
        source: QuestionFileError,
    },
    #[error("cannot save {path}: {source}; check the folder is writable")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no question with id '{0}'; see `rehearse questions` for the ids")]
    UnknownId(String),
    #[error("the question text is empty; give the question in quotes")]
    EmptyText,
    #[error(transparent)]
    BadTarget(#[from] BadTarget),
}

/// A question's time box that is not a window: both ends finite, 0 < MIN < MAX.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("invalid target {min}–{max} s; give MIN-MAX seconds with 0 < MIN < MAX, e.g. 60-120")]
pub struct BadTarget {
    pub min: f64,
    pub max: f64,
}

/// Why the user's question file does not read.
#[derive(Debug, thiserror::Error)]
pub enum QuestionFileError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[error("unknown version {0} (this rehearse reads {FILE_VERSION})")]
    Version(u32),
    #[error("question '{id}': {source}")]
    Target { id: String, source: BadTarget },
}

#[derive(Debug, Serialize, Deserialize)]
struct QuestionFile {
    version: u32,
    questions: Vec<Question>,
}

/// The built-in second-interview set: (id, text, min s, max s, tough, asks for a past example).
/// "alone-vs-team" asks for two short examples rather than one story, and the hardest question
/// of last time can be anything: neither is coached as one story.
const BUILTIN: &[(&str, &str, f64, f64, bool, bool)] = &[
    (
        "tell-me-about-a-time",
        "Tell me about a time you had to solve a hard problem under pressure. What did you do, and what was the result?",
        60.0,
        120.0,
        false,
        true,
    ),
    ("proud-project", "Tell me about a project you are proud of, and your part in it.", 60.0, 120.0, false, true),
    (
        "coworker-conflict",
        "Describe a conflict with a coworker. How did you handle it, and what would you do differently?",
        60.0,
        120.0,
        true,
        true,
    ),
    (
        "alone-vs-team",
        "Do you prefer working alone or in a team? Give an example of each going well.",
        60.0,
        120.0,
        false,
        false,
    ),
    ("industry-trends", "What trends do you see in our industry, and how do they affect this role?", 90.0, 150.0, false, false),
    (
        "hardest-last-time",
        "Which question did you find hardest in your last interview? Answer it again now.",
        60.0,
        120.0,
        true,
        false,
    ),
    ("why-this-company", "Why do you want to work for this company?", 60.0, 120.0, false, false),
];

/// The built-in questions.
pub fn builtin() -> Vec<Question> {
    BUILTIN
        .iter()
        .map(|&(id, text, min, max, tough, example)| Question {
            id: id.to_string(),
            text: text.to_string(),
            target: Range::new(min, max),
            tough,
            example: Some(example),
            builtin: true,
        })
        .collect()
}

/// The built-in set plus the user's questions from one config folder.
#[derive(Debug)]
pub struct QuestionBank {
    path: PathBuf,
    user: Vec<Question>,
}

impl QuestionBank {
    /// Loads `questions.json` from `config_dir`; a missing file is an empty user set.
    pub fn load(config_dir: &Path) -> Result<Self, QuestionError> {
        let path = config_dir.join(FILE_NAME);
        let user = read_user(&path)?;
        Ok(QuestionBank { path, user })
    }

    /// Built-in questions first, then the user's in the order added.
    pub fn list(&self) -> Vec<Question> {
        let mut all = builtin();
        all.extend(self.user.iter().cloned());
        all
    }

    /// Adds a question, saves the file and returns the question with its new id. `example`
    /// marks whether it asks for a past example (`None`: its wording decides).
    pub fn add(
        &mut self,
        text: &str,
        target: Option<Range>,
        tough: bool,
        example: Option<bool>,
    ) -> Result<Question, QuestionError> {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Err(QuestionError::EmptyText);
        }
        let target = target.unwrap_or(DEFAULT_TARGET);
        check_target(target)?;
        // Read, add and write under a lock, re-reading the file: another `rehearse` may have
        // added a question since this bank was loaded, and would otherwise be overwritten.
        let _lock = self.lock()?;
        self.user = read_user(&self.path)?;
        let taken: Vec<String> = self.list().into_iter().map(|q| q.id).collect();
        let question = Question {
            id: unique_id(&slug(&text), &taken),
            text,
            target,
            tough,
            example,
            builtin: false,
        };
        let mut user = self.user.clone();
        user.push(question.clone());
        self.save(&user)?;
        self.user = user;
        Ok(question)
    }

    /// A question by id, or a random one for "random" (every question equally likely).
    pub fn pick(&self, id_or_random: &str) -> Result<Question, QuestionError> {
        self.pick_with_seed(id_or_random, time_seed())
    }

    /// `pick` with a given seed for the random choice (tests).
    pub fn pick_with_seed(&self, id_or_random: &str, seed: u64) -> Result<Question, QuestionError> {
        let all = self.list();
        if id_or_random.eq_ignore_ascii_case("random") {
            let i = (splitmix64(seed) % all.len() as u64) as usize;
            return all
                .get(i)
                .cloned()
                .ok_or_else(|| QuestionError::UnknownId(id_or_random.into()));
        }
        all.into_iter()
            .find(|q| q.id.eq_ignore_ascii_case(id_or_random))
            .ok_or_else(|| QuestionError::UnknownId(id_or_random.to_string()))
    }

    fn write_error(&self, source: std::io::Error) -> QuestionError {
        QuestionError::Write {
            path: self.path.clone(),
            source,
        }
    }

    /// An exclusive lock on the bank, held until the returned file is dropped. The lock is on a
    /// file of its own: the bank itself is replaced on every write, so a lock on it would be
    /// on a file that is no longer there.
    fn lock(&self) -> Result<std::fs::File, QuestionError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| self.write_error(e))?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_FILE))
            .map_err(|e| self.write_error(e))?;
        fs4::FileExt::lock(&file).map_err(|e| self.write_error(e))?;
        Ok(file)
    }

    fn save(&self, user: &[Question]) -> Result<(), QuestionError> {
        let file = QuestionFile {
            version: FILE_VERSION,
            questions: user.to_vec(),
        };
        let mut json = serde_json::to_vec_pretty(&file)
            .map_err(|e| self.write_error(std::io::Error::other(e)))?;
        json.push(b'\n');
        // Readers see the old file or the new one, never half of one.
        crate::fsutil::write_atomic(&self.path, &json, 0o600).map_err(|e| self.write_error(e))
    }
}

/// The user's questions in `path`; a missing file is none.
fn read_user(path: &Path) -> Result<Vec<Question>, QuestionError> {
    match std::fs::read(path) {
        Ok(bytes) => parse_file(&bytes).map_err(|source| QuestionError::Read {
            path: path.to_path_buf(),
            source,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(QuestionError::Read {
            path: path.to_path_buf(),
            source: e.into(),
        }),
    }
}

/// Parses the user's question file (what `load` reads).
pub fn parse_file(bytes: &[u8]) -> Result<Vec<Question>, QuestionFileError> {
    let file: QuestionFile = serde_json::from_slice(bytes)?;
    if file.version != FILE_VERSION {
        return Err(QuestionFileError::Version(file.version));
    }
    for q in &file.questions {
        check_target(q.target).map_err(|source| QuestionFileError::Target {
            id: q.id.clone(),
            source,
        })?;
    }
    Ok(file.questions)
}

/// A target window must be positive, finite and the right way round.
pub fn check_target(target: Range) -> Result<(), BadTarget> {
    let Range { min, max } = target;
    if min.is_finite() && max.is_finite() && min > 0.0 && min < max {
        Ok(())
    } else {
        Err(BadTarget { min, max })
    }
}

/// The time box as the question file writes it: two flat fields, not a nested `{min, max}`.
mod target_fields {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::units::Range;

    #[derive(Serialize, Deserialize)]
    struct Fields {
        target_min_s: f64,
        target_max_s: f64,
    }

    pub fn serialize<S: Serializer>(target: &Range, s: S) -> Result<S::Ok, S::Error> {
        Fields {
            target_min_s: target.min,
            target_max_s: target.max,
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Range, D::Error> {
        let f = Fields::deserialize(d)?;
        Ok(Range::new(f.target_min_s, f.target_max_s))
    }
}

/// A short id from the text: its first few words, lower case, joined by hyphens.
pub fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .take(5)
        .collect();
    let mut id = String::new();
    for w in words {
        if !id.is_empty() && id.len() + 1 + w.len() > 32 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&w);
    }
    if id.is_empty() {
        "question".to_string()
    } else {
        id.chars().take(32).collect()
    }
}

/// `base`, or `base-2`, `base-3`, … whichever is not taken yet.
fn unique_id(base: &str, taken: &[String]) -> String {
    let is_taken = |id: &str| taken.iter().any(|t| t.eq_ignore_ascii_case(id)) || id == "random";
    if !is_taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !is_taken(id))
        .unwrap_or_else(|| base.to_string())
}

fn time_seed() -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    nanos ^ (u64::from(std::process::id()) << 32)
}

/// One step of SplitMix64: a tiny, well-mixed hash of the seed (no rand dependency needed).
fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_set_has_unique_ids_and_sane_targets() {
        let all = builtin();
        assert_eq!(all.len(), 7);
        for q in &all {
            assert!(check_target(q.target).is_ok(), "{}", q.id);
            assert_eq!(all.iter().filter(|o| o.id == q.id).count(), 1);
        }
        let trends = all
            .iter()
            .find(|q| q.id == "industry-trends")
            .expect("trends");
        assert_eq!(trends.target, Range::new(90.0, 150.0));
        // Every built-in question carries its own mark; the story questions are the three
        // that ask for one past example.
        let stories: Vec<&str> = all
            .iter()
            .filter(|q| q.example.expect("marked"))
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(
            stories,
            ["tell-me-about-a-time", "proud-project", "coworker-conflict"]
        );
    }

    #[test]
    fn add_saves_and_reloads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut bank = QuestionBank::load(dir.path()).expect("load");
        assert_eq!(bank.list().len(), 7);
        let q = bank
            .add("  Why did you leave   your last job? ", None, true, None)
            .expect("add");
        assert_eq!(q.id, "why-did-you-leave-your");
        assert_eq!(q.text, "Why did you leave your last job?");
        assert_eq!(q.target, DEFAULT_TARGET);
        let again = bank
            .add(
                "Why did you leave your last job?",
                Some(Range::new(30.0, 45.0)),
                false,
                Some(true),
            )
            .expect("add");
        assert_eq!(again.id, "why-did-you-leave-your-2");

        let reloaded = QuestionBank::load(dir.path()).expect("reload");
        let list = reloaded.list();
        assert_eq!(list.len(), 9);
        assert!(list[7].tough && !list[7].builtin);
        assert_eq!((list[7].example, list[8].example), (None, Some(true)));
        assert_eq!(
            reloaded
                .pick("why-did-you-leave-your-2")
                .expect("pick")
                .target
                .max,
            45.0
        );
        // No stray temporary files next to the real one (and its lock).
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        names.sort();
        assert_eq!(names, [LOCK_FILE, FILE_NAME]);
    }

    #[test]
    fn rejects_bad_input() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut bank = QuestionBank::load(dir.path()).expect("load");
        assert!(matches!(
            bank.add("   ", None, false, None),
            Err(QuestionError::EmptyText)
        ));
        assert!(matches!(
            bank.add("Q?", Some(Range::new(120.0, 60.0)), false, None),
            Err(QuestionError::BadTarget(_))
        ));
        assert!(matches!(
            bank.add("Q?", Some(Range::new(f64::NAN, 60.0)), false, None),
            Err(QuestionError::BadTarget(_))
        ));
        assert!(matches!(
            bank.pick("nope"),
            Err(QuestionError::UnknownId(_))
        ));
        std::fs::write(dir.path().join(FILE_NAME), b"{ not json").expect("write");
        let err = QuestionBank::load(dir.path()).expect_err("corrupt file");
        assert!(err.to_string().contains("questions.json"), "{err}");
    }

    #[test]
    fn a_question_file_that_does_not_read_says_why() {
        let err = parse_file(br#"{"version": 2, "questions": []}"#).unwrap_err();
        assert!(matches!(err, QuestionFileError::Version(2)), "{err}");
        assert_eq!(err.to_string(), "unknown version 2 (this rehearse reads 1)");
        let backwards = br#"{"version": 1, "questions": [
            {"id": "why-us", "text": "Why us?", "target_min_s": 90, "target_max_s": 30}
        ]}"#;
        let err = parse_file(backwards).unwrap_err();
        assert!(
            matches!(&err, QuestionFileError::Target { id, source }
                if id == "why-us" && *source == BadTarget { min: 90.0, max: 30.0 }),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "question 'why-us': invalid target 90–30 s; give MIN-MAX seconds with 0 < MIN < MAX, \
             e.g. 60-120"
        );
        assert!(matches!(
            parse_file(b"{ not json"),
            Err(QuestionFileError::Json(_))
        ));
    }

    #[test]
    fn random_pick_covers_the_bank() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bank = QuestionBank::load(dir.path()).expect("load");
        let mut seen = std::collections::HashSet::new();
        for seed in 0..200 {
            seen.insert(bank.pick_with_seed("random", seed).expect("pick").id);
        }
        assert_eq!(seen.len(), 7);
        assert_eq!(
            bank.pick("WHY-THIS-COMPANY").expect("case-insensitive").id,
            "why-this-company"
        );
    }

    #[test]
    fn slugs_are_short_and_plain() {
        assert_eq!(
            slug("What's your *biggest* weakness?"),
            "what-s-your-biggest-weakness"
        );
        assert_eq!(slug("???"), "question");
        assert!(slug("Supercalifragilisticexpialidocious-and-then-some words").len() <= 32);
    }
}
