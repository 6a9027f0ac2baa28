//! Command-line definitions (clap derive) and nothing else: `config` turns these into resolved
//! settings before any work starts, and the `commands` modules do the work.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::analysis::targets::{parse_seconds, TimeError};
use crate::history::when::DateError;
use crate::units::Range;

#[derive(Debug, Parser)]
#[command(
    name = "rehearse",
    version,
    about = "Offline coach for spoken interview answers: transcript, pace, fillers, pauses, time box",
    long_about = None,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    // The environment variables are read by `config`, not by clap: clap's usage lines list
    // every argument it was given, so values from the environment would appear in every usage
    // message as if they were required.
    /// whisper.cpp model file [env: REHEARSE_MODEL] (default: models/ggml-tiny.en-q8_0.bin, else
    /// models/ggml-tiny.en.bin, in the data dir or next to rehearse)
    #[arg(long, global = true, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Where sessions are kept [env: REHEARSE_DATA_DIR] (default: $XDG_DATA_HOME/rehearse)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Config file with targets [env: REHEARSE_CONFIG] (default:
    /// $XDG_CONFIG_HOME/rehearse/config.toml)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Transcription threads [env: REHEARSE_THREADS] (default: all cores, at most 8)
    #[arg(long, global = true, value_name = "N", value_parser = parse_threads)]
    pub threads: Option<u32>,
    /// When to colour the output
    #[arg(long, global = true, value_name = "WHEN", value_enum, default_value_t)]
    pub color: ColorChoice,
}

impl Cli {
    /// Parses the process's arguments, exiting with clap's message on a usage error or for
    /// `--help`. Those messages follow `--color` as well: clap colours them before it has parsed
    /// the flag, so the flag is looked up in the raw arguments first.
    pub fn parse_args() -> Cli {
        use clap::{CommandFactory, FromArgMatches};
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let command = match color_flag(&args) {
            Some(ColorChoice::Always) => Cli::command().color(clap::ColorChoice::Always),
            Some(ColorChoice::Never) => Cli::command().color(clap::ColorChoice::Never),
            Some(ColorChoice::Auto) | None => Cli::command(),
        };
        let matches = command
            .try_get_matches_from(&args)
            .unwrap_or_else(|e| e.exit());
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    }
}

/// The last valid `--color WHEN` / `--color=WHEN` before a `--` (an invalid one is left to clap
/// to report).
fn color_flag(args: &[std::ffi::OsString]) -> Option<ColorChoice> {
    let mut found = None;
    let mut args = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = args.next() {
        let value = match arg {
            Some("--") => break,
            Some("--color") => args.next().flatten(),
            Some(other) => other.strip_prefix("--color="),
            None => None,
        };
        if let Some(choice) = value.and_then(|v| ColorChoice::from_str(v, false).ok()) {
            found = Some(choice);
        }
    }
    found
}

/// The `--color` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it, CLICOLOR=0
    /// turns it off)
    #[default]
    Auto,
    /// Colour even in a pipe or a file
    Always,
    /// Never colour
    Never,
}

/// Targets that any analysing command accepts; unset ones come from the config file.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Targets")]
pub struct TargetArgs {
    /// Time box for the answer, e.g. 60-120 or 1:00-2:00 (default 60-120 s)
    #[arg(long, value_name = "MIN-MAX", value_parser = parse_window)]
    pub target: Option<Range>,
    /// Hard limit in seconds past which the duration check fails (default: the larger of target
    /// max + 25 % and target max + 10 s)
    #[arg(long, value_name = "SECS", value_parser = parse_secs)]
    pub hard_limit: Option<f64>,
    /// Comfortable pace in words per minute (default 120-170)
    #[arg(long, value_name = "MIN-MAX", value_parser = parse_window)]
    pub pace: Option<Range>,
    /// Silences at least this long count as long pauses (default 2.0 s)
    #[arg(long, value_name = "SECS", value_parser = parse_positive_secs)]
    pub long_pause: Option<f64>,
    /// Also count this word or phrase as a filler, e.g. okay, right (repeatable; adds to the
    /// config file's [fillers] extra)
    #[arg(long = "extra-filler", value_name = "WORD")]
    pub extra_fillers: Vec<String>,
    /// Do not count this built-in filler, e.g. so, like (repeatable; adds to [fillers] ignore)
    #[arg(long = "ignore-filler", value_name = "WORD")]
    pub ignore_fillers: Vec<String>,
}

/// A flag's value that clap's parsers refuse: a usage error (exit 2), caught before any work,
/// shown by clap after the flag's name with the value quoted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlagValueError {
    #[error(transparent)]
    Time(#[from] TimeError),
    #[error(transparent)]
    Date(#[from] DateError),
    #[error("'{0}' is not a number of threads: use a whole number, at least 1")]
    Threads(String),
    #[error("'{0}' must be more than 0 seconds")]
    NotPositive(String),
    #[error("'{0}' has no length: give MIN-MAX with MAX above 0, e.g. 60-120")]
    NoLength(String),
    #[error("the question is empty: give its words, or leave the flag out")]
    EmptyQuestion,
    #[error("'{0}' is a folder: give a file name for the report, e.g. {0}/report.json")]
    ReportIsFolder(String),
    #[error("the folder {1} does not exist: make it first, or give another path than '{0}'")]
    NoReportFolder(String, String),
}

/// Where `--json` writes the report: `-` (stdout) or a file in a folder that exists. Checked
/// when the command starts, so a typo in the path is not found only after a take or a long
/// transcription (a folder removed meanwhile is still reported at the end, and the take kept).
fn parse_report_path(s: &str) -> Result<PathBuf, FlagValueError> {
    let path = PathBuf::from(s);
    if s == "-" {
        return Ok(path);
    }
    // "out/" names a folder whether or not it exists yet: the write at the end would fail.
    if path.is_dir() || s.ends_with(std::path::is_separator) {
        return Err(FlagValueError::ReportIsFolder(
            s.trim_end_matches('/').to_string(),
        ));
    }
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) if !folder.is_dir() => Err(FlagValueError::NoReportFolder(
            s.to_string(),
            folder.display().to_string(),
        )),
        _ => Ok(path),
    }
}

/// A question's text, trimmed: an empty one (an unset shell variable, say) is a mistake, not
/// a question.
fn parse_question(s: &str) -> Result<String, FlagValueError> {
    match s.trim() {
        "" => Err(FlagValueError::EmptyQuestion),
        text => Ok(text.to_string()),
    }
}

fn parse_secs(s: &str) -> Result<f64, FlagValueError> {
    Ok(parse_seconds(s)?)
}

fn parse_date(s: &str) -> Result<time::Date, FlagValueError> {
    Ok(crate::history::when::parse_date(s)?)
}

pub fn parse_threads(s: &str) -> Result<u32, FlagValueError> {
    match s.trim().parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(FlagValueError::Threads(s.to_string())),
    }
}

fn parse_positive_secs(s: &str) -> Result<f64, FlagValueError> {
    match parse_secs(s)? {
        v if v > 0.0 => Ok(v),
        _ => Err(FlagValueError::NotPositive(s.to_string())),
    }
}

/// A window with some room in it: `0-0` (or `0`) would make every check meaningless.
fn parse_window(s: &str) -> Result<Range, FlagValueError> {
    let range: Range = s.parse()?;
    if range.max <= 0.0 {
        return Err(FlagValueError::NoLength(s.to_string()));
    }
    Ok(range)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer a question out loud: countdown, live timer, then transcript and report
    Practice(PracticeArgs),
    /// Analyse a recorded answer (WAV), or a transcript you already have (--transcript)
    #[command(alias = "analyse")]
    Analyze(AnalyzeArgs),
    /// Repair a recording cut off by a crash (rewrites its WAV header to cover all samples)
    Recover(RecoverArgs),
    /// List audio input devices
    Devices(DevicesArgs),
    /// List the question bank, or add your own questions
    Questions(QuestionsArgs),
    /// One line per saved take
    History(HistoryArgs),
    /// Review a take's transcript with fillers and pauses marked, or export subtitles
    Show(ShowArgs),
    /// First, best, latest and trend of each metric across takes
    Progress(ProgressArgs),
    /// Two takes side by side: metric deltas and a word diff
    Compare(CompareArgs),
    /// Write a web page to hear and read a take (or, with --progress, to follow your progress)
    Review(ReviewArgs),
    /// Re-run the analysis of stored takes with the current model and targets
    Reanalyze(ReanalyzeArgs),
    /// Manage Whisper models
    #[command(subcommand)]
    Model(ModelCommand),
    /// Print the JSON Schema of the report
    Schema,
}

impl Command {
    /// Whether the command runs the recogniser (and so needs whisper.cpp's threads set up).
    pub fn transcribes(&self) -> bool {
        match self {
            Command::Analyze(args) => args.transcript.is_none(),
            _ => matches!(
                self,
                Command::Practice(_)
                    | Command::Reanalyze(_)
                    | Command::Model(ModelCommand::Info { .. })
            ),
        }
    }
}

#[derive(Debug, Args)]
pub struct PracticeArgs {
    /// The question to answer
    #[arg(long, short, conflicts_with = "pick", value_parser = parse_question)]
    pub question: Option<String>,
    /// Take a question from the bank by id, or `random`
    #[arg(long, value_name = "ID|random")]
    pub pick: Option<String>,
    #[command(flatten)]
    pub targets: TargetArgs,
    /// Stop recording automatically after this many seconds (default: target max + 30 s)
    #[arg(long, value_name = "SECS", value_parser = parse_secs)]
    pub limit: Option<f64>,
    /// Seconds of countdown before recording (0 skips)
    #[arg(long, default_value_t = 3)]
    pub countdown: u32,
    /// Input device name (see `rehearse devices`)
    #[arg(long, value_name = "NAME")]
    pub device: Option<String>,
    /// Also write the report JSON to PATH (`-` for stdout instead of the summary)
    #[arg(long, value_name = "PATH|-", value_parser = parse_report_path)]
    pub json: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The recording (WAV: PCM 8/16/24/32-bit or 32-bit float, mono or stereo, 8–96 kHz)
    #[arg(required_unless_present = "transcript", conflicts_with = "transcript")]
    pub file: Option<PathBuf>,
    /// Analyse a transcript instead of a recording, without the model: Whisper, OpenAI or
    /// whisper.cpp JSON, a rehearse report, WebVTT, SRT or plain text
    #[arg(long, value_name = "FILE")]
    pub transcript: Option<PathBuf>,
    /// The transcript's format, when neither its content nor its extension tells
    #[arg(long, value_enum, requires = "transcript")]
    pub format: Option<TranscriptFormat>,
    /// Whose lines to analyse when the transcript names several speakers (default: the one who
    /// says the most)
    #[arg(long, value_name = "NAME", requires = "transcript")]
    pub speaker: Option<String>,
    /// Analyse every speaker's lines together
    #[arg(long, requires = "transcript", conflicts_with = "speaker")]
    pub all_speakers: bool,
    /// The question this answers (shown in the report)
    #[arg(long, short, value_parser = parse_question)]
    pub question: Option<String>,
    /// Write the report JSON to PATH, or `-` for stdout instead of the summary
    #[arg(long, value_name = "PATH|-", value_parser = parse_report_path)]
    pub json: Option<PathBuf>,
    /// Keep this take as a session in the data dir (recordings only)
    #[arg(long, conflicts_with = "transcript")]
    pub save: bool,
    #[command(flatten)]
    pub targets: TargetArgs,
}

/// A transcript's format family; JSON's dialect is read from its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TranscriptFormat {
    Json,
    Vtt,
    Srt,
    Text,
}

#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// The cut-off recording to repair in place
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DevicesArgs {
    /// Print the list as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct QuestionsArgs {
    #[command(subcommand)]
    pub action: Option<QuestionsAction>,
    /// Print the list as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum QuestionsAction {
    /// Add your own question
    Add {
        text: String,
        /// Time box for answers to it, e.g. 60-120
        #[arg(long, value_name = "MIN-MAX", value_parser = parse_window)]
        target: Option<Range>,
        /// Mark it as one you struggled with
        #[arg(long)]
        tough: bool,
        /// It asks for an example from your past: coach answers as a story (situation, task,
        /// action, result). Without this flag or --no-example, the wording decides
        #[arg(long, conflicts_with = "no_example")]
        example: bool,
        /// It does not ask for a past example: no story checks on its answers
        #[arg(long)]
        no_example: bool,
    },
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only takes whose question contains TEXT (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    pub question: Option<String>,
    /// Only takes on or after DATE (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<time::Date>,
    /// Print JSON lines instead of a table
    #[arg(long)]
    pub json: bool,
    /// Rebuild the index from the session folders first
    #[arg(long)]
    pub rebuild: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ShowFormat {
    #[default]
    Text,
    Json,
    Srt,
    Vtt,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Session id, or `latest`
    #[arg(default_value = "latest")]
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    /// Shorthand for --format json
    #[arg(long, conflicts_with_all = ["format", "srt", "vtt", "text"])]
    pub json: bool,
    /// Shorthand for --format srt
    #[arg(long, conflicts_with_all = ["format", "vtt", "text"])]
    pub srt: bool,
    /// Shorthand for --format vtt
    #[arg(long, conflicts_with_all = ["format", "text"])]
    pub vtt: bool,
    /// Shorthand for --format text
    #[arg(long, conflicts_with = "format")]
    pub text: bool,
}

impl ShowArgs {
    pub fn resolved_format(&self) -> ShowFormat {
        match (self.json, self.srt, self.vtt, self.text) {
            (true, _, _, _) => ShowFormat::Json,
            (_, true, _, _) => ShowFormat::Srt,
            (_, _, true, _) => ShowFormat::Vtt,
            (_, _, _, true) => ShowFormat::Text,
            _ => self.format,
        }
    }
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Only takes whose question contains TEXT (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    pub question: Option<String>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// Draw a chart to FILE (.svg or .png)
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Earlier session id
    pub a: String,
    /// Later session id (or `latest`)
    pub b: String,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Session id, or `latest`
    #[arg(default_value = "latest", conflicts_with = "progress")]
    pub id: String,
    /// The progress page instead: charts, the list of takes, the latest two takes side by side
    #[arg(long)]
    pub progress: bool,
    /// With --progress: only takes whose question contains TEXT (case-insensitive)
    #[arg(long, value_name = "TEXT", requires = "progress")]
    pub question: Option<String>,
    /// Write the page to FILE (default: review.html in the take's folder, or progress.html
    /// in the sessions folder)
    #[arg(long, value_name = "FILE.html")]
    pub out: Option<PathBuf>,
    /// Open the page in the desktop's browser, when there is one
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct ReanalyzeArgs {
    /// Session id to re-analyse
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub id: Option<String>,
    /// Re-analyse every stored take
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub targets: TargetArgs,
}

/// Weight type of an imported model (`model import-ct2 --type`).
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WeightType {
    /// 16-bit floats: the same numbers and size as the published ggml files.
    F16,
    /// ggml q8_0 blocks: about 45 % smaller and faster on CPU; transcripts stay close to f16.
    #[value(name = "q8_0", alias = "q8")]
    Q8_0,
}

#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// Convert a CTranslate2 Whisper model directory into a whisper.cpp model file
    #[command(name = "import-ct2")]
    ImportCt2 {
        /// Directory with model.bin, config.json and vocabulary.txt
        dir: PathBuf,
        /// Output file (default: models/ggml-tiny.en.bin, or models/ggml-tiny.en-q8_0.bin for --type q8_0)
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Weight type of the output
        #[arg(long = "type", value_enum, default_value = "f16")]
        output_type: WeightType,
    },
    /// Show which model would be used and whether it loads
    Info {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}
