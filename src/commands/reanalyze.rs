//! `rehearse reanalyze ID|--all`: run the analysis of stored takes again with the current model
//! and targets. Each report records which model and settings produced it; when the take was
//! recorded (`created_at`) and its question stay as they were.

use anyhow::{anyhow, bail, Result};
use std::io::Write;

use crate::cli::ReanalyzeArgs;
use crate::config::Config;
use crate::history::store::{Store, Take};
use crate::pipeline::{self, TakeFacts, Watch};
use crate::report::InputKind;
use crate::signals;
use crate::transcribe::{model, Engine};
use crate::ui;

/// A first Ctrl-C stops after the take being analysed is abandoned; a second exits at once.
const PATIENCE: u32 = 2;

pub fn run(args: &ReanalyzeArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let signals = signals::install(PATIENCE)?;
    let targets = config.targets_with(&args.targets)?;
    let store = Store::open(&config.data_dir)?;
    let takes: Vec<Take> = if args.all {
        let listing = store.list()?;
        for w in &listing.warnings {
            ui::warn(w);
        }
        // Takes with a recording but no report (a crash mid-analysis) are exactly the ones
        // worth re-analysing, so take every session that has a recording.
        store.recorded_takes()?
    } else {
        // A take whose analysis never finished (a second Ctrl-C, a crash) has only its
        // recording, which is exactly what this command is for.
        let take = store.recorded_take(args.id.as_deref().unwrap_or("latest"))?;
        if !take.recording_path().is_file() {
            bail!(no_recording(&take));
        }
        vec![take]
    };
    if takes.is_empty() {
        bail!(
            "no sessions in {}; record one with `rehearse practice`",
            config.data_dir.display()
        );
    }
    let engine = Engine::load(
        &model::resolve(config.model.as_deref(), &config.data_dir)?,
        config.threads,
    )?;
    let cancel = signals.checkpoint();
    let mut failures = 0;
    for take in &takes {
        let id = take.id();
        let (bar, progress) = ui::transcription_progress(&format!("Re-analysing {id}"));
        let result = pipeline::analyze_file(
            &engine,
            &take.recording_path(),
            facts_of(take),
            &targets,
            &Watch {
                progress: Some(progress),
                cancel: cancel.clone(),
            },
        );
        bar.finish_and_clear();
        if let Err(stop) = cancel.check() {
            ui::warn(&format!(
                "stopped; session {id} keeps its previous analysis"
            ));
            return Err(anyhow!(stop));
        }
        match result.and_then(|report| take.finish(&report)) {
            Ok(entry) => writeln!(
                out,
                "{id}  {}  {:.0} wpm  {:.1} fillers/min  {}",
                crate::analysis::checks::clock(entry.duration_s),
                entry.wpm,
                entry.fillers_per_minute,
                entry.verdict.as_str()
            )?,
            Err(e) => {
                failures += 1;
                ui::warn(&format!("session {id}: {e:#}"));
            }
        }
    }
    if failures > 0 {
        bail!(
            "{failures} of {} sessions could not be re-analysed (see the warnings above)",
            takes.len()
        );
    }
    Ok(())
}

/// The stored take's question and recording time: from its report, else from what the store
/// kept beside it (the question noted at the start, the time in its id).
fn facts_of(take: &Take) -> TakeFacts {
    let recorded_at = take
        .report()
        .map(|r| r.created_at)
        .or_else(|| take.recorded_at().map(pipeline::rfc3339));
    TakeFacts {
        question: take.question(),
        recorded_at,
    }
}

/// Why `take` cannot be re-analysed: it has no recording. A take holding the analysis of a
/// transcript (`analyze --transcript` never saves one, but a report can be copied in) has nothing
/// to transcribe again: the transcript itself is analysed again instead.
fn no_recording(take: &Take) -> String {
    let id = take.id();
    let transcript = take
        .report()
        .and_then(|r| r.input)
        .filter(|input| input.kind == InputKind::Transcript);
    match transcript {
        Some(input) => format!(
            "session {id} holds the analysis of a transcript ({}), not a recording, so there is \
             nothing to re-analyse: analyse the transcript again with `rehearse analyze \
             --transcript {}`",
            input.path, input.path
        ),
        None => format!(
            "session {id} has no recording to analyse ({} is missing)",
            take.recording_path().display()
        ),
    }
}
