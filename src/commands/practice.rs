//! `rehearse practice`: the main job. Show a question, count down, record with the live timer,
//! then transcribe, analyse, save the session and print the summary.
//!
//! The take is written straight into its session folder while recording, so it survives a crash;
//! the model loads on another thread during the take, so the report is ready sooner after stop.
//!
//! Diagnostic (hidden, for tests and bug reports): with `REHEARSE_TAKE_STATS=PATH` in the
//! environment, the recorder's own account of the take (`RecordedTake`: samples written, dropped
//! blocks, device overruns, wall time, why it stopped, the device's format) is written to PATH as
//! JSON right after recording, before the analysis. See `write_take_stats`.

use anyhow::{anyhow, Result};
use std::io::Write;
use std::path::Path;

use crate::analysis::{Range, Targets};
use crate::cli::PracticeArgs;
use crate::config::Config;
use crate::history::store::Store;
use crate::practice::questions::{Question, QuestionBank};
use crate::practice::session::{record_take, PracticeError, RecordOptions};
use crate::report::{json, summary, QuestionRef};
use crate::transcribe::{model, Engine};
use crate::{pipeline, ui};

/// How long past the time box recording goes on before it stops by itself.
const LIMIT_PAST_MAX_S: f64 = 30.0;

/// Where to write the take's recorder statistics (see the module docs).
pub const TAKE_STATS_ENV: &str = "REHEARSE_TAKE_STATS";

pub fn run(args: &PracticeArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let question = choose_question(args, config)?;
    let targets = practice_targets(args, config, &question)?;
    let limit = args
        .limit
        .unwrap_or(targets.duration_s.max + LIMIT_PAST_MAX_S);

    // Check the whole model before the user speaks: a take nobody can analyse is a poor surprise.
    let model_path = model::resolve(config.model.as_deref(), &config.data_dir)?;
    model::check(&model_path)?;
    let threads = config.threads;
    let loader = std::thread::spawn(move || {
        let engine = Engine::load(&model_path, threads)?;
        // While the user talks: a failed warm-up only means the first window starts cold.
        let _ = engine.warm_up();
        Ok::<_, anyhow::Error>(engine)
    });

    let store = Store::open(&config.data_dir)?;
    let session = store.begin()?;
    let question_ref = QuestionRef {
        id: question.id.clone(),
        text: question.text.clone(),
        example: question.example,
    };
    super::save::remember_question(&session.dir, &question_ref)?;
    let options = RecordOptions {
        device: args.device.clone(),
        target_min_s: targets.duration_s.min,
        target_max_s: targets.duration_s.max,
        limit_s: limit,
        countdown_s: args.countdown,
        question_text: Some(question.text.clone()),
        forward: None,
    };
    let take = match record_take(&options, &session.wav_path) {
        Ok(take) => take,
        Err(PracticeError::Interrupted { saved: Some(path) }) => {
            ui::warn(&format!(
                "stopped before analysis; the take is kept in {} — analyse it with `rehearse reanalyze {}`",
                path.display(),
                session.id
            ));
            return Err(anyhow!(crate::Interrupted));
        }
        Err(e) => {
            // Nothing was recorded: don't leave an empty session behind.
            remove_empty_session(&session.dir, &session.wav_path);
            return Err(match e {
                PracticeError::Interrupted { saved: None } => anyhow!(crate::Interrupted),
                other => anyhow!(other),
            });
        }
    };
    if let Some(path) = std::env::var_os(TAKE_STATS_ENV) {
        write_take_stats(&take, Path::new(&path));
    }
    // A silent start and lost audio were already warned about by `record_take`.
    ui::status(&format!(
        "Recorded {:.1} s into {}",
        take.duration_s,
        take.path.display()
    ));

    crate::practice::session::set_exit_note(format!(
        "interrupted: the take is kept in {} — analyse it with `rehearse reanalyze {}`",
        take.path.display(),
        session.id
    ));
    let engine = loader
        .join()
        .map_err(|_| anyhow!("the model loader crashed"))??;
    let question_ref = Some(question_ref);
    let (bar, progress) = ui::transcription_progress("Transcribing");
    let report = pipeline::analyze_file(
        &engine,
        &take.path,
        question_ref,
        &targets,
        Some(progress),
        None,
    );
    bar.finish_and_clear();
    let report = report.map_err(|e| {
        anyhow!(
            "{e:#}; the take is kept in {} (try `rehearse reanalyze {}`)",
            take.path.display(),
            session.id
        )
    })?;
    store.finish(&session, &report)?;
    let to_stdout = args.json.as_deref() == Some(Path::new("-"));
    if let Some(path) = &args.json {
        json::write_report(&report, path, out)?;
    }
    if !to_stdout {
        let color = console::Term::stdout().is_term() && console::colors_enabled();
        out.write_all(summary::render(&report, color).as_bytes())?;
        writeln!(
            out,
            "\nSaved as session {} (review: rehearse show {})",
            session.id, session.id
        )?;
    }
    Ok(())
}

/// The question being answered and its own time box, if it has one.
struct Chosen {
    id: Option<String>,
    text: String,
    window: Option<Range>,
    /// The bank's mark: does the question ask for a past example.
    example: Option<bool>,
}

/// The question to answer: given as text, picked from the bank, or a random one from the bank.
fn choose_question(args: &PracticeArgs, config: &Config) -> Result<Chosen> {
    if let Some(text) = &args.question {
        let text = text.trim();
        if text.is_empty() {
            return Err(anyhow!(
                "--question is empty: give the question's text, or use --pick"
            ));
        }
        return Ok(Chosen {
            id: None,
            text: text.to_string(),
            window: None,
            example: None,
        });
    }
    let bank = QuestionBank::load(&config.config_dir)?;
    let q: Question = bank.pick(args.pick.as_deref().unwrap_or("random"))?;
    Ok(Chosen {
        id: Some(q.id),
        text: q.text,
        window: Some(Range::new(q.target_min_s, q.target_max_s)),
        example: q.example,
    })
}

/// Targets: `--target` first, then the question's own time box, then the config file's.
fn practice_targets(args: &PracticeArgs, config: &Config, q: &Chosen) -> Result<Targets> {
    let mut t = config.targets_with(&args.targets)?;
    if let (None, Some(window)) = (args.targets.target, q.window) {
        t = t.with_duration(window);
        if let Some(h) = args.targets.hard_limit {
            t.hard_limit_s = h;
        }
        t.validate().map_err(|e| anyhow!("targets: {e}"))?;
    }
    Ok(t)
}

/// Writes the `RecordedTake` as JSON. Why this exists: whether any audio was lost is known only
/// inside the recorder (blocks dropped between the callback and the writer, samples written
/// against the wall clock); the report describes the saved audio, not how it was captured. The
/// recording tests need those facts, and so does anyone chasing a "my take is too short" bug.
/// An environment variable rather than a flag keeps it out of `--help`. Failing to write it
/// only warns: it must never cost the user the take.
fn write_take_stats(take: &crate::practice::session::RecordedTake, path: &Path) {
    let written = serde_json::to_vec_pretty(take)
        .map_err(std::io::Error::other)
        .and_then(|json| std::fs::write(path, json));
    if let Err(e) = written {
        ui::warn(&format!(
            "cannot write the take statistics to {} ({TAKE_STATS_ENV}): {e}",
            path.display()
        ));
    }
}

fn remove_empty_session(dir: &Path, wav: &Path) {
    let empty = std::fs::metadata(wav)
        .map(|m| m.len() <= 44)
        .unwrap_or(true);
    if empty {
        let _ = std::fs::remove_file(wav);
        super::save::forget_question(dir);
        let _ = std::fs::remove_dir(dir);
    }
}
