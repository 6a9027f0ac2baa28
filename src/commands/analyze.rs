//! `rehearse analyze FILE.wav`: the full analysis of a recording, printed as a summary and/or
//! written as the JSON report, optionally kept as a session. With `--transcript FILE` the
//! analysis of a transcript instead (see `commands::transcript`).

use anyhow::Result;
use std::io::Write;

use crate::audio::wav::WavError;
use crate::cli::AnalyzeArgs;
use crate::config::Config;
use crate::report::{json, summary, QuestionRef, Report};
use crate::transcribe::{model, Engine};
use crate::transcript::formats::Family;
use crate::{pipeline, ui};

pub fn run(args: &AnalyzeArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    // Ctrl-C exits with status 130 (not by the signal), as every command promises; nothing is
    // half-written, since the report is only written, atomically, at the end.
    crate::practice::session::install_signal_handlers()?;
    let (Some(file), None) = (&args.file, &args.transcript) else {
        return match &args.transcript {
            Some(path) => super::transcript::run(args, path, config, out),
            // clap requires one of the two.
            None => anyhow::bail!("give a recording, or --transcript FILE"),
        };
    };
    let targets = config.targets_with(&args.targets)?;
    // Decode first: a bad file is reported before the model is loaded.
    let audio = crate::audio::wav::read_wav(file).map_err(|e| match e {
        // `rehearse analyze answer.vtt`: point at the transcript analysis.
        WavError::NotWav(path) if Family::from_extension(&path).is_some() => {
            anyhow::anyhow!(
                "{}: a transcript, not a recording: analyse it with `rehearse analyze \
                 --transcript {}`",
                path.display(),
                path.display()
            )
        }
        e => e.into(),
    })?;
    let engine = Engine::load(
        &model::resolve(config.model.as_deref(), &config.data_dir)?,
        config.threads,
    )?;
    let question = args.question.clone().map(|text| QuestionRef {
        id: None,
        text,
        example: None,
    });
    let (bar, progress) = ui::transcription_progress("Transcribing");
    let report = pipeline::analyze_audio(
        &engine,
        &audio,
        file,
        question,
        &targets,
        Some(progress),
        None,
    );
    bar.finish_and_clear();
    let mut report = report?;
    for w in &report.warnings {
        ui::warn(w);
    }
    if args.save {
        let saved = super::save::save_decoded(config, &audio, &mut report)?;
        ui::status(&format!("Saved as session {saved}"));
    }
    emit(&report, args, out)
}

/// Writes the JSON if asked, and the summary unless the JSON went to stdout.
pub fn emit(report: &Report, args: &AnalyzeArgs, out: &mut dyn Write) -> Result<()> {
    let json_to_stdout = args.json.as_deref() == Some(std::path::Path::new("-"));
    if let Some(path) = &args.json {
        json::write_report(report, path, out)?;
    }
    if !json_to_stdout {
        let color = console::Term::stdout().is_term() && console::colors_enabled();
        out.write_all(summary::render(report, color).as_bytes())?;
    }
    Ok(())
}
