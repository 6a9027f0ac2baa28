//! `rehearse analyze FILE.wav`: the full analysis of a recording, printed as a summary and/or
//! written as the JSON report, optionally kept as a session.

use anyhow::Result;
use std::io::Write;

use crate::cli::AnalyzeArgs;
use crate::config::Config;
use crate::report::{json, summary, QuestionRef};
use crate::transcribe::{model, Engine};
use crate::{pipeline, ui};

pub fn run(args: &AnalyzeArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    // Ctrl-C exits with status 130 (not by the signal), as every command promises; nothing is
    // half-written, since the report is only written, atomically, at the end.
    crate::practice::session::install_signal_handlers()?;
    let targets = config.targets_with(&args.targets)?;
    // Decode first: a bad file is reported before the model is loaded.
    let audio = crate::audio::wav::read_wav(&args.file)?;
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
        &args.file,
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
    let json_to_stdout = args.json.as_deref() == Some(std::path::Path::new("-"));
    if let Some(path) = &args.json {
        json::write_report(&report, path, out)?;
    }
    if !json_to_stdout {
        let color = console::Term::stdout().is_term() && console::colors_enabled();
        out.write_all(summary::render(&report, color).as_bytes())?;
    }
    Ok(())
}
