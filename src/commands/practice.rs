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

use anyhow::{anyhow, Context as _, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::Targets;
use crate::audio::wav::read_wav;
use crate::cli::PracticeArgs;
use crate::config::Config;
use crate::history::store::Store;
use crate::output;
use crate::pipeline::{self, TakeFacts, Watch};
use crate::practice::enter::restore_terminal;
use crate::practice::questions::{Question, QuestionBank};
use crate::practice::session::{record_take, LiveLink, PracticeError, RecordOptions, StopCause};
use crate::report::{QuestionRef, Report};
use crate::signals::{self, Checkpoint, Interrupted};
use crate::transcribe::live::{LiveError, LiveTranscriber};
use crate::transcribe::{model, Engine};
use crate::units::Range;

/// How long past the time box recording goes on before it stops by itself.
const LIMIT_PAST_MAX_S: f64 = 30.0;

/// Where to write the take's recorder statistics (see the module docs).
pub const TAKE_STATS_ENV: &str = "REHEARSE_TAKE_STATS";

/// The stop signal that ends the process at once: the first stops the recording, the second
/// ends the run with the take saved, a third does not wait for anything.
const PATIENCE: u32 = 3;

pub fn run(args: &PracticeArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let signals = signals::install(PATIENCE)?;
    signals.set_cleanup(restore_terminal);
    let question = choose_question(args, config)?;
    let targets = practice_targets(args, config, &question)?;
    let limit = args
        .limit
        .unwrap_or(targets.duration_s.max + LIMIT_PAST_MAX_S);

    // Check the whole model before the user speaks: a take nobody can analyse is a poor surprise.
    let model_path = model::resolve(config.model.as_deref(), &config.data_dir)?;
    model::check(&model_path)?;
    let threads = config.threads;
    // The model loads on the live transcriber's thread, during the countdown and first words.
    let model_to_load = model_path.clone();
    // Signals are counted from here: the one that stops the recording (if one does) must not
    // stop its transcription; the next does, however soon it follows.
    let since_take = signals.checkpoint();
    let live = LiveTranscriber::start(
        move || {
            let engine = Engine::load(&model_to_load, threads)?;
            // A failed warm-up only means the first window starts cold.
            let _ = engine.warm_up();
            // The story model's compiled-in weights are read on first use (~18 ms): here, so
            // the report at the stop does not wait for them.
            crate::analysis::structure::model::embedded();
            Ok(Arc::new(engine))
        },
        since_take.allowing(1),
    )?;

    let store = Store::open(&config.data_dir)?;
    let take = store.begin()?;
    let question_ref = QuestionRef {
        id: question.id.clone(),
        text: question.text.clone(),
        example: question.example,
    };
    take.remember_question(&question_ref)?;
    let recorded_at = pipeline::now_rfc3339();
    let options = RecordOptions {
        device: args.device.clone(),
        target: targets.duration_s,
        limit_s: limit,
        countdown_s: args.countdown,
        question_text: Some(question.text.clone()),
    };
    let take_id = take.id().to_string();
    let keep_note = |path: &Path| {
        format!(
            "the take is kept in {} — analyse it with `rehearse reanalyze {take_id}`",
            path.display()
        )
    };
    let link = live.input().map(|forward| LiveLink {
        forward,
        status: live.status(),
        fillers: targets.fillers.clone(),
    });
    let recorded = match record_take(&options, &take.recording_path(), &signals, link) {
        Ok(recorded) => recorded,
        Err(PracticeError::Interrupted { saved, signal }) => {
            match take.abandon() {
                Some(path) => {
                    output::warn(&format!("stopped before analysis; {}", keep_note(&path)))
                }
                None if saved.is_some() => {}
                None => output::status("Stopped before recording started; nothing was saved."),
            }
            return Err(anyhow!(Interrupted { signal }));
        }
        Err(e) => {
            // A take that recorded nothing leaves no empty session behind; one with audio stays.
            if let Some(path) = take.abandon() {
                return Err(anyhow!(e).context(keep_note(&path)));
            }
            return Err(anyhow!(e));
        }
    };
    if let Some(path) = std::env::var_os(TAKE_STATS_ENV) {
        write_take_stats(&recorded, Path::new(&path));
    }
    // A silent start and lost audio were already warned about by `record_take`.
    output::status(&format!(
        "Recorded {:.1} s into {}",
        recorded.duration_s,
        recorded.path.display()
    ));

    signals.set_last_words(format!("interrupted: {}", keep_note(&recorded.path)));
    let analysis = match recorded.stop {
        StopCause::Interrupt | StopCause::Terminate => since_take.allowing(1),
        StopCause::Enter | StopCause::Limit => since_take,
    };
    let facts = TakeFacts {
        question: Some(question_ref),
        recorded_at: Some(recorded_at),
    };
    let report = report_of_take(
        live,
        &recorded.path,
        facts,
        &targets,
        &analysis,
        (model_path, threads),
    );
    if let Err(stop) = analysis.check() {
        output::warn(&format!(
            "stopped before the analysis finished; {}",
            keep_note(&recorded.path)
        ));
        return Err(anyhow!(stop));
    }
    let report = report.map_err(|e| e.context(keep_note(&recorded.path)))?;
    output::trace(|| "report ready: saving the take".to_string());
    let saved = take.finish(&report).map(|_| {
        Some(format!(
            "Saved as session {} (review: rehearse show {})",
            take.id(),
            take.id()
        ))
    });
    super::save::deliver(&report, args.json.as_deref(), out, saved)
}

/// The take's report from what the live transcriber heard: only the last window is left to
/// transcribe. Should the live transcription have failed, or heard other samples than the file
/// holds, the saved recording is analysed as `rehearse analyze` would.
fn report_of_take(
    live: LiveTranscriber,
    wav: &Path,
    facts: TakeFacts,
    targets: &Targets,
    analysis: &Checkpoint,
    model: (PathBuf, u32),
) -> Result<Report> {
    output::trace(|| "recording stopped: finishing the transcript".to_string());
    let spinner = output::progress::spinner("Finishing the transcript");
    let heard = live.finish();
    spinner.finish_and_clear();
    output::trace(|| "live transcript finished".to_string());
    analysis.check()?;
    let audio = read_wav(wav)?;
    let heard = match heard {
        Ok(heard) if heard.samples == audio.samples => {
            return Ok(pipeline::assemble(
                &heard.engine,
                &audio,
                wav,
                facts,
                targets,
                heard.transcript,
            ))
        }
        Ok(heard) => {
            output::trace(|| {
                format!(
                    "live transcript heard {} samples, the file holds {}: analysing the file",
                    heard.samples.len(),
                    audio.samples.len()
                )
            });
            heard.engine
        }
        Err(LiveError::Interrupted(stop)) => return Err(stop.into()),
        Err(LiveError::Failed(e)) => {
            output::trace(|| format!("live transcription failed ({e:#}): analysing the file"));
            Arc::new(
                Engine::load(&model.0, model.1).map_err(|load| load.context(format!("{e:#}")))?,
            )
        }
    };
    let (bar, progress) = output::progress::transcription("Transcribing");
    let report = pipeline::analyze_audio(
        &heard,
        &audio,
        wav,
        facts,
        targets,
        &Watch {
            progress: Some(progress),
            cancel: analysis.clone(),
        },
    );
    bar.finish_and_clear();
    report
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
    // The flag's parser has trimmed it and refused an empty one.
    if let Some(text) = &args.question {
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
        window: Some(q.target),
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
        t.validate().context("targets")?;
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
        output::warn(&format!(
            "cannot write the take statistics to {} ({TAKE_STATS_ENV}): {e}",
            path.display()
        ));
    }
}
