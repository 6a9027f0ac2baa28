//! `rehearse reanalyze ID|--all`: run the analysis of stored takes again with the current model
//! and targets. Each report records which model and settings produced it.

use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;

use crate::cli::ReanalyzeArgs;
use crate::config::Config;
use crate::history::store::Store;
use crate::report::InputKind;
use crate::transcribe::{model, Engine};
use crate::{pipeline, ui};

pub fn run(args: &ReanalyzeArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let targets = config.targets_with(&args.targets)?;
    let store = Store::open(&config.data_dir)?;
    let ids: Vec<String> = if args.all {
        let listing = store.list()?;
        for w in &listing.warnings {
            ui::warn(w);
        }
        // Takes with a recording but no report (a crash mid-analysis) are exactly the ones
        // worth re-analysing, so take every session that has a recording.
        store.recording_ids()?
    } else {
        // Not `store.load`: that needs a report, and a take whose analysis never finished
        // (interrupted by a second Ctrl-C, killed) has only its recording, which is exactly
        // what this command is for and what the warnings about such takes tell people to run.
        let id = store.resolve_recording(args.id.as_deref().unwrap_or("latest"))?;
        let wav = store.root().join(&id).join("take.wav");
        if !wav.is_file() {
            bail!(no_recording(&store, &id, &wav));
        }
        vec![id]
    };
    if ids.is_empty() {
        bail!(
            "no sessions in {}; record one with `rehearse practice`",
            config.data_dir.display()
        );
    }
    let engine = Engine::load(
        &model::resolve(config.model.as_deref(), &config.data_dir)?,
        config.threads,
    )?;
    let mut failures = 0;
    for id in &ids {
        let session = store.reopen(id)?;
        // Keep the question the take answered: from its report, or, for a take whose analysis
        // never finished, from the note practice left when the take started.
        let question = store
            .load(id)
            .ok()
            .and_then(|s| s.report.question)
            .or_else(|| super::save::remembered_question(&session.dir));
        let (bar, progress) = ui::transcription_progress(&format!("Re-analysing {id}"));
        let result = pipeline::analyze_file(
            &engine,
            &session.wav_path,
            question,
            &targets,
            Some(progress),
            None,
        );
        bar.finish_and_clear();
        match result.and_then(|report| store.finish(&session, &report)) {
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
            ids.len()
        );
    }
    Ok(())
}

/// Why session `id` cannot be re-analysed: it has no recording. A session holding the analysis
/// of a transcript (`analyze --transcript` never saves one, but a report can be copied in) has
/// nothing to transcribe again: the transcript itself is analysed again instead.
fn no_recording(store: &Store, id: &str, wav: &Path) -> String {
    let transcript = store
        .load(id)
        .ok()
        .and_then(|s| s.report.input)
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
            wav.display()
        ),
    }
}
