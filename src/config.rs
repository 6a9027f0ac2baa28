//! Resolved settings: the command line's global flags, environment and config file turned into
//! plain values (model path, data dir, threads, targets) before any work starts.
//!
//! Precedence: flag > environment variable (clap reads those) > config file > default.

use anyhow::{anyhow, Context as _, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

use crate::analysis::fillers::FillerListError;
use crate::analysis::structure::UnknownStoryChecks;
use crate::analysis::targets::{TargetsError, TimeError};
use crate::analysis::{FillerSettings, Targets};
use crate::cli::{GlobalArgs, TargetArgs};
use crate::units::Range;

/// A value in the config file that cannot be used; the message names its key. Shown after the
/// file's path.
#[derive(Debug, thiserror::Error)]
enum SettingError {
    #[error("threads = 0: use at least 1")]
    NoThreads,
    #[error("targets.{key} {source}")]
    Window {
        key: &'static str,
        source: TimeError,
    },
    #[error("targets.{key} = {value} is not a usable value: give a number of 0 or more")]
    Unusable { key: &'static str, value: f64 },
    #[error("structure.checks {0}")]
    StoryChecks(#[from] UnknownStoryChecks),
    #[error(transparent)]
    Targets(#[from] TargetsError),
    #[error(transparent)]
    Fillers(#[from] FillerListError),
}

/// The config file's shape (`config.toml`). Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    model: Option<PathBuf>,
    threads: Option<u32>,
    data_dir: Option<PathBuf>,
    #[serde(default)]
    targets: FileTargets,
    #[serde(default)]
    fillers: FileFillers,
    #[serde(default)]
    structure: FileStructure,
}

/// `[fillers]`: the user's own filler list.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFillers {
    /// Words or phrases to count besides the built-in fillers ("okay", "right", "anyway").
    #[serde(default)]
    extra: Vec<String>,
    /// Built-in fillers not to count ("so").
    #[serde(default)]
    ignore: Vec<String>,
}

/// `[structure]`: when answers are coached as stories, and the story checks' thresholds.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileStructure {
    /// "auto", "always" or "never"
    checks: Option<String>,
    setup_share_warn: Option<f64>,
    result_number: Option<bool>,
    ownership_ratio: Option<f64>,
    ownership_min_we: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileTargets {
    /// "60-120" or "1:00-2:00"
    duration: Option<String>,
    hard_limit: Option<f64>,
    /// "120-170"
    pace: Option<String>,
    long_pause: Option<f64>,
    fillers_per_minute_warn: Option<f64>,
    fillers_per_minute_fail: Option<f64>,
    long_pauses_warn: Option<usize>,
    long_pauses_fail: Option<usize>,
    latency_warn: Option<f64>,
    hedges_per_minute_warn: Option<f64>,
    repetitions_warn: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// The model the user named (flag, env or config file); `None` means "find the default".
    pub model: Option<PathBuf>,
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
    pub threads: u32,
    /// Targets from the config file (or defaults), before per-command flags.
    pub targets: Targets,
}

impl Config {
    pub fn resolve(global: &GlobalArgs) -> Result<Config> {
        let global = &with_environment(global)?;
        let config_dir = dirs::config_dir()
            .unwrap_or_else(|| PathBuf::from(".config"))
            .join("rehearse");
        let (file, file_path) = match &global.config {
            Some(path) => (Some(read_file_config(path)?), Some(path.clone())),
            None => {
                let default = config_dir.join("config.toml");
                if default.exists() {
                    (Some(read_file_config(&default)?), Some(default))
                } else {
                    (None, None)
                }
            }
        };
        let file = file.unwrap_or_default();
        let config_dir = match (&global.config, &file_path) {
            (Some(p), _) => p.parent().map(Path::to_path_buf).unwrap_or(config_dir),
            _ => config_dir,
        };
        let data_dir = global
            .data_dir
            .clone()
            .or(file.data_dir.clone())
            .unwrap_or_else(default_data_dir);
        let in_file = |e: SettingError| {
            anyhow!(
                "{}: {e}",
                file_path
                    .as_deref()
                    .unwrap_or(Path::new("config"))
                    .display()
            )
        };
        // The flag and the environment are checked before; the file's value here.
        if file.threads == Some(0) && global.threads.is_none() {
            return Err(in_file(SettingError::NoThreads));
        }
        let threads = match global.threads.or(file.threads) {
            Some(n) => capped_threads(n),
            None => default_threads(),
        };
        let mut targets = file_targets(&file.targets, &file.structure).map_err(in_file)?;
        targets.fillers = FillerSettings::new(&file.fillers.extra, &file.fillers.ignore)
            .map_err(|e| in_file(e.into()))?;
        Ok(Config {
            model: global.model.clone().or(file.model),
            data_dir,
            config_dir,
            threads,
            targets,
        })
    }

    /// The targets for one command: the config's, overridden by that command's flags.
    pub fn targets_with(&self, args: &TargetArgs) -> Result<Targets> {
        apply_target_args(self.targets.clone(), args)
    }
}

/// The global flags with the environment filling in those not given (flag > environment).
fn with_environment(flags: &GlobalArgs) -> Result<GlobalArgs> {
    let path = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let threads = match std::env::var("REHEARSE_THREADS") {
        Ok(v) if !v.is_empty() => {
            Some(crate::cli::parse_threads(&v).map_err(|e| anyhow!("REHEARSE_THREADS: {e}"))?)
        }
        _ => None,
    };
    Ok(GlobalArgs {
        model: flags.model.clone().or_else(|| path("REHEARSE_MODEL")),
        data_dir: flags.data_dir.clone().or_else(|| path("REHEARSE_DATA_DIR")),
        config: flags.config.clone().or_else(|| path("REHEARSE_CONFIG")),
        threads: flags.threads.or(threads),
        color: flags.color,
    })
}

pub fn apply_target_args(mut t: Targets, args: &TargetArgs) -> Result<Targets> {
    if let Some(window) = args.target {
        t = t.with_duration(window);
    }
    if let Some(h) = args.hard_limit {
        t.hard_limit_s = h;
    }
    if let Some(p) = args.pace {
        t.pace_wpm = p;
    }
    if let Some(l) = args.long_pause {
        t.long_pause_s = l;
    }
    t.fillers.add(&args.extra_fillers, &args.ignore_fillers);
    t.fillers.validate()?;
    t.validate().context("targets")?;
    Ok(t)
}

fn read_file_config(path: &Path) -> Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read config file {}", path.display()))?;
    toml::from_str(&text).map_err(|e| {
        let msg = e.message().to_string();
        anyhow!("config file {} is invalid: {msg}", path.display())
    })
}

fn file_targets(f: &FileTargets, s: &FileStructure) -> std::result::Result<Targets, SettingError> {
    let window = |key: &'static str, text: &str| {
        text.parse::<Range>()
            .map_err(|source| SettingError::Window { key, source })
    };
    let mut t = Targets::default();
    if let Some(d) = &f.duration {
        t = t.with_duration(window("duration", d)?);
    }
    if let Some(p) = &f.pace {
        t.pace_wpm = window("pace", p)?;
    }
    macro_rules! set {
        ($field:ident => $target:ident) => {
            if let Some(v) = f.$field {
                t.$target = v;
            }
        };
    }
    // TOML has `nan` and `inf`; neither is a setting, and a NaN threshold would silently turn
    // its check off (every comparison with NaN is false).
    for (key, value) in [
        ("hard_limit", f.hard_limit),
        ("long_pause", f.long_pause),
        ("fillers_per_minute_warn", f.fillers_per_minute_warn),
        ("fillers_per_minute_fail", f.fillers_per_minute_fail),
        ("latency_warn", f.latency_warn),
        ("hedges_per_minute_warn", f.hedges_per_minute_warn),
    ] {
        if let Some(value) = value.filter(|v| !v.is_finite() || *v < 0.0) {
            return Err(SettingError::Unusable { key, value });
        }
    }
    set!(hard_limit => hard_limit_s);
    set!(long_pause => long_pause_s);
    set!(fillers_per_minute_warn => fillers_per_minute_warn);
    set!(fillers_per_minute_fail => fillers_per_minute_fail);
    set!(long_pauses_warn => long_pauses_warn);
    set!(long_pauses_fail => long_pauses_fail);
    set!(latency_warn => latency_warn_s);
    set!(hedges_per_minute_warn => hedges_per_minute_warn);
    set!(repetitions_warn => repetitions_warn);
    let story = &mut t.structure;
    if let Some(c) = &s.checks {
        story.checks = c.parse()?;
    }
    if let Some(v) = s.setup_share_warn {
        story.setup_share_warn = v;
    }
    if let Some(v) = s.result_number {
        story.result_number = v;
    }
    if let Some(v) = s.ownership_ratio {
        story.ownership_ratio = v;
    }
    if let Some(v) = s.ownership_min_we {
        story.ownership_min_we = v;
    }
    t.validate()?;
    Ok(t)
}

fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from(".local/share"))
        .join("rehearse")
}

/// All cores up to 8: whisper.cpp stops scaling past that for tiny models.
fn default_threads() -> u32 {
    cores().min(8)
}

fn cores() -> u32 {
    std::thread::available_parallelism()
        .map(|n| n.get() as u32)
        .unwrap_or(2)
        .max(1)
}

/// More threads than cores only makes whisper.cpp's threads wait for each other at every
/// barrier (many times slower), so a larger request is capped, with a note.
fn capped_threads(requested: u32) -> u32 {
    let cores = cores();
    if requested > cores {
        crate::output::note(&format!(
            "{requested} threads asked for, but this machine has {cores} cores: using {cores}"
        ));
        return cores;
    }
    requested
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_targets_parse_and_validate() {
        let f: FileConfig = toml::from_str(
            "threads = 2\n[targets]\nduration = \"1:30-2:30\"\npace = \"110-160\"\nlong_pause = 1.5\n",
        )
        .unwrap();
        let t = file_targets(&f.targets, &f.structure).unwrap();
        assert_eq!(t.duration_s, Range::new(90.0, 150.0));
        assert_eq!(t.pace_wpm, Range::new(110.0, 160.0));
        assert_eq!(t.long_pause_s, 1.5);
        assert_eq!(f.threads, Some(2));
    }

    #[test]
    fn bad_file_values_name_the_key() {
        let f: FileConfig = toml::from_str("[targets]\nduration = \"two minutes\"\n").unwrap();
        let err = file_targets(&f.targets, &f.structure).unwrap_err();
        assert!(
            matches!(&err, SettingError::Window { key: "duration", source: TimeError::NotATime(v) }
                if v == "two minutes"),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "targets.duration 'two minutes' is not a time: use seconds (90) or minutes:seconds (1:30)"
        );
        assert!(toml::from_str::<FileConfig>("[targets]\nduraton = \"1-2\"\n").is_err());
    }

    #[test]
    fn nan_and_infinity_are_refused_naming_the_key() {
        for (text, key) in [
            ("[targets]\nlong_pause = nan\n", "targets.long_pause"),
            ("[targets]\nhard_limit = inf\n", "targets.hard_limit"),
            ("[targets]\nlatency_warn = -inf\n", "targets.latency_warn"),
            (
                "[targets]\nfillers_per_minute_warn = -1.0\n",
                "targets.fillers_per_minute_warn",
            ),
        ] {
            let f: FileConfig = toml::from_str(text).unwrap();
            let err = file_targets(&f.targets, &f.structure)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with(&format!("{key} = ")), "{text}: {err}");
        }
    }

    #[test]
    fn structure_section_sets_the_story_checks() {
        let f: FileConfig = toml::from_str(
            "[structure]\nchecks = \"always\"\nsetup_share_warn = 0.4\nresult_number = false\n\
             ownership_ratio = 3\nownership_min_we = 4\n",
        )
        .unwrap();
        let s = file_targets(&f.targets, &f.structure).unwrap().structure;
        assert_eq!(s.checks, crate::analysis::structure::StoryChecks::Always);
        assert_eq!(s.setup_share_warn, 0.4);
        assert!(!s.result_number);
        assert_eq!((s.ownership_ratio, s.ownership_min_we), (3.0, 4));
        for (bad, key) in [
            ("checks = \"sometimes\"", "structure.checks"),
            ("setup_share_warn = 2", "structure.setup_share_warn"),
        ] {
            let f: FileConfig = toml::from_str(&format!("[structure]\n{bad}\n")).unwrap();
            let err = file_targets(&f.targets, &f.structure)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with(key), "{err}");
        }
        assert!(toml::from_str::<FileConfig>("[structure]\nratio = 2\n").is_err());
    }

    #[test]
    fn filler_list_from_the_file_and_flags() {
        let f: FileConfig =
            toml::from_str("[fillers]\nextra = [\"OK\", \"anyway\"]\nignore = [\"so\"]\n").unwrap();
        let t = Targets {
            fillers: FillerSettings::new(&f.fillers.extra, &f.fillers.ignore).unwrap(),
            ..Targets::default()
        };
        assert_eq!(t.fillers.extra, ["okay", "anyway"]);
        let args = TargetArgs {
            extra_fillers: vec!["right".into()],
            ignore_fillers: vec!["Umm".into()],
            ..Default::default()
        };
        let t = apply_target_args(t, &args).unwrap();
        assert_eq!(t.fillers.extra, ["okay", "anyway", "right"]);
        assert_eq!(t.fillers.ignore, ["so", "um"]);
        let clash = TargetArgs {
            ignore_fillers: vec!["anyway".into()],
            ..Default::default()
        };
        let err = apply_target_args(t, &clash).unwrap_err().to_string();
        assert!(err.contains("\"anyway\" is in both"), "{err}");
        assert!(toml::from_str::<FileConfig>("[fillers]\nextras = []\n").is_err());
    }

    #[test]
    fn flags_override_file_targets() {
        let args = TargetArgs {
            target: Some(Range::new(30.0, 60.0)),
            pace: Some(Range::new(100.0, 150.0)),
            ..Default::default()
        };
        let t = apply_target_args(Targets::default(), &args).unwrap();
        assert_eq!(t.duration_s, Range::new(30.0, 60.0));
        assert_eq!(t.hard_limit_s, 75.0);
        assert_eq!(t.pace_wpm.min, 100.0);
    }
}
