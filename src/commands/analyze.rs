//! `rehearse analyze FILE.wav`: the full analysis of a recording, printed as a summary and/or
//! written as the JSON report, optionally kept as a session. With `--transcript FILE` the
//! analysis of a transcript instead (see `commands::transcript`).

use anyhow::{anyhow, Result};
use std::io::Write;

use crate::audio::wav::WavError;
use crate::cli::AnalyzeArgs;
use crate::config::Config;
use crate::history::store::Store;
use crate::output;
use crate::pipeline::{self, TakeFacts, Watch};
use crate::report::QuestionRef;
use crate::signals;
use crate::transcribe::{model, Engine};
use crate::transcript::formats::Family;

/// A first Ctrl-C stops the analysis cleanly (no file written); a second exits at once.
const PATIENCE: u32 = 2;

pub fn run(args: &AnalyzeArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let signals = signals::install(PATIENCE)?;
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
    let (bar, progress) = output::progress::transcription("Transcribing");
    let cancel = signals.checkpoint();
    let report = pipeline::analyze_audio(
        &engine,
        &audio,
        file,
        TakeFacts {
            question,
            recorded_at: None,
        },
        &targets,
        &Watch {
            progress: Some(progress),
            cancel: cancel.clone(),
        },
    );
    bar.finish_and_clear();
    cancel.check().map_err(|stop| anyhow!(stop))?;
    let report = report?;
    if !args.save {
        return super::save::deliver(&report, args.json.as_deref(), out, Ok(None));
    }
    let stored = Store::open(&config.data_dir)
        .and_then(|store| super::save::save_outside_recording(&store, &audio, &report));
    match stored {
        Ok((take, stored)) => {
            let line = format!("Saved as session {}", take.id());
            super::save::deliver(&stored, args.json.as_deref(), out, Ok(Some(line)))
        }
        Err(e) => super::save::deliver(&report, args.json.as_deref(), out, Err(e)),
    }
}
