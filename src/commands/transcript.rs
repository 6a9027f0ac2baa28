//! `rehearse analyze --transcript FILE`: the analysis of a transcript someone already has (a
//! recorded mock interview's captions, another recogniser's output), without audio or the
//! model. The file is read here; reading its format, choosing the speaker and the analysis are
//! pure functions.

use anyhow::{anyhow, bail, Context as _, Result};
use std::io::Write;
use std::path::Path;

use crate::analysis;
use crate::cli::{AnalyzeArgs, TranscriptFormat};
use crate::config::Config;
use crate::pipeline::{self, now_rfc3339};
use crate::report::{InputInfo, InputKind, QuestionRef, Report, ReportInputs};
use crate::transcript::conversation::{self, SpeakerChoice};
use crate::transcript::formats::{self, Family, Hint};

pub fn run(args: &AnalyzeArgs, path: &Path, config: &Config, out: &mut dyn Write) -> Result<()> {
    let targets = config.targets_with(&args.targets)?;
    let bytes = read(path)?;
    let bad = |e: formats::TranscriptError| anyhow!("{}: {e}", path.display());
    let text = formats::decode(&bytes).map_err(bad)?;
    let hint = match args.format {
        Some(f) => Hint::Forced(family(f)),
        None => Family::from_extension(path).map_or(Hint::None, Hint::Extension),
    };
    let doc = formats::parse(&text, hint).map_err(bad)?;
    let choice = match (&args.speaker, args.all_speakers) {
        (Some(name), _) => SpeakerChoice::Named(name.clone()),
        (None, true) => SpeakerChoice::All,
        (None, false) => SpeakerChoice::Auto,
    };
    let chosen = conversation::select(&doc, &choice).map_err(bad)?;
    // The question given on the command line, or the one a rehearse report holds; its
    // wording decides whether the answer is coached as a story.
    let question = args
        .question
        .clone()
        .or(doc.question)
        .map(|text| QuestionRef {
            id: None,
            text,
            example: None,
        });
    let asked = question.as_ref().map(QuestionRef::asked);
    let analysis = analysis::analyze(
        &chosen.transcript,
        &chosen.timeline,
        &targets,
        asked.as_ref(),
    );
    pipeline::trace_fillers(&chosen.transcript, &targets);
    let inputs = ReportInputs {
        question,
        recorded_at: None,
        input: InputInfo {
            kind: InputKind::Transcript,
            path: path.display().to_string(),
            format: doc.format,
            speaker: chosen.speaker,
            word_times: chosen.word_times,
        },
        audio: None,
        model: None,
        transcript: chosen.transcript,
        warnings: chosen.warnings,
    };
    let report = Report::assemble(inputs, analysis, now_rfc3339());
    super::save::deliver(&report, args.json.as_deref(), out, Ok(None))
}

fn read(path: &Path) -> Result<Vec<u8>> {
    if path.is_dir() {
        bail!("{}: is a directory, not a transcript", path.display());
    }
    match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("{}: no such file", path.display())
        }
        read => read.with_context(|| format!("{}: cannot read the transcript", path.display())),
    }
}

fn family(f: TranscriptFormat) -> Family {
    match f {
        TranscriptFormat::Json => Family::Json,
        TranscriptFormat::Vtt => Family::Vtt,
        TranscriptFormat::Srt => Family::Srt,
        TranscriptFormat::Text => Family::Text,
    }
}
