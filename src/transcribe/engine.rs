//! The whisper.cpp engine (through whisper-rs): loads a model once and transcribes planned
//! windows of speech into words with times.
//!
//! Settings that matter, and why:
//! - a prompt full of disfluencies, or tiny.en silently drops "um" and "uh";
//! - `no_context` set explicitly (whisper.cpp's default differs from whisper-rs's docs);
//! - DTW word timing with flash attention off (the two exclude each other);
//! - `suppress_nst` and no `print_*` output (printf bypasses the log hooks and would corrupt stdout).

use anyhow::{anyhow, Result};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once};
use whisper_rs::{
    DtwMode, DtwModelPreset, DtwParameters, FullParams, SamplingStrategy, WhisperContext,
    WhisperContextParameters,
};

use super::chunks::Window;
use super::cleanup::{assemble_words, remove_annotations, remove_prompt_echo, RawToken};
use super::model::{self, Hparams, ModelFile};
use crate::audio::ANALYSIS_RATE;
use crate::signals::Checkpoint;
use crate::transcript::{Segment, Transcript, Word};
use crate::units::round3;
use whisper_ggml::ModelSize;

/// The OpenAI prompting guide's disfluent prompt: it makes Whisper keep fillers.
pub const DISFLUENT_PROMPT: &str =
    "Umm, let me think like, hmm... Okay, here's what I'm, like, thinking.";

/// Longest a single word may last; a phrase's last word otherwise runs into the silence after it.
pub const MAX_WORD_S: f64 = 1.5;

/// Consecutive prompt words that count as an echo of the prompt rather than speech.
pub(super) const ECHO_RUN: usize = 5;

static LOGGING: Once = Once::new();

pub struct Engine {
    ctx: WhisperContext,
    /// A state made ahead of time by `warm_up`, used by the next transcription.
    ready_state: std::sync::Mutex<Option<whisper_rs::WhisperState>>,
    pub path: PathBuf,
    /// What the file holds, as checked before loading.
    pub model: ModelFile,
    pub threads: u32,
}

/// Called with the fraction of audio transcribed so far, 0.0–1.0.
pub type Progress = Arc<dyn Fn(f64) + Send + Sync>;

impl Engine {
    /// Loads a model file after checking it whole, right before whisper.cpp opens it.
    pub fn load(path: &Path, threads: u32) -> Result<Engine> {
        let model = model::check(path)?;
        // whisper.cpp logs every load step to stderr; route it away (install once per process).
        if !crate::output::tracing() {
            LOGGING.call_once(whisper_rs::install_logging_hooks);
        }
        let mut params = WhisperContextParameters::default();
        params.flash_attn(false);
        params.dtw_parameters(DtwParameters {
            mode: DtwMode::ModelPreset {
                model_preset: dtw_preset(&model.hparams),
            },
            // The default reserves 128 MB; a 30 s window of a tiny or base model needs far less.
            dtw_mem_size: 64 * 1024 * 1024,
        });
        let path_str = path
            .to_str()
            .ok_or_else(|| anyhow!("model {}: path is not valid UTF-8", path.display()))?;
        let ctx = WhisperContext::new_with_params(path_str, params).map_err(|e| {
            anyhow!(
                "model {}: whisper.cpp could not load it ({e}); the file is corrupt or incomplete — \
                 make it again with scripts/fetch-model.sh or pass another --model",
                path.display()
            )
        })?;
        Ok(Engine {
            ctx,
            ready_state: std::sync::Mutex::new(None),
            path: path.to_path_buf(),
            model,
            threads,
        })
    }

    /// A short name for reports: "tiny.en (f16)".
    pub fn name(&self) -> String {
        format!(
            "{} ({})",
            self.model.hparams.family(),
            self.model.weight_type
        )
    }

    /// Transcribes the planned windows of a 16 kHz recording. Windows are independent (no
    /// context carries over), so with several threads each worker takes whole windows with a
    /// state and one thread of its own: whisper.cpp's decoder hardly gains from a second thread
    /// on a small model, while two windows at once use both cores fully.
    pub fn transcribe(
        &self,
        samples: &[f32],
        windows: &[Window],
        progress: Option<Progress>,
        cancel: &Checkpoint,
    ) -> Result<Transcript> {
        let total: f64 = windows.iter().map(Window::duration).sum::<f64>().max(1e-9);
        let done = Mutex::new(0.0f64);
        let report = |seconds: f64| {
            if let (Some(report), Ok(mut done)) = (&progress, done.lock()) {
                *done += seconds;
                report(*done / total);
            }
        };
        let workers = (self.threads as usize).min(windows.len()).max(1);
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<Vec<Segment>>>> = Mutex::new(vec![None; windows.len()]);
        let work = |mut session: Session<&Engine>, threads: u32| -> Result<()> {
            loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                let Some(window) = windows.get(k) else {
                    return Ok(());
                };
                let segments = session.window(samples, window, threads, |_| {}, cancel)?;
                report(window.duration());
                if let Ok(mut results) = results.lock() {
                    results[k] = Some(segments);
                }
            }
        };
        if workers == 1 {
            work(self.session()?, self.threads)?;
        } else {
            let sessions = (0..workers)
                .map(|_| self.session())
                .collect::<Result<Vec<_>>>()?;
            std::thread::scope(|scope| {
                let running: Vec<_> = sessions
                    .into_iter()
                    .map(|session| scope.spawn(|| work(session, 1)))
                    .collect();
                running
                    .into_iter()
                    .map(|r| {
                        r.join()
                            .unwrap_or_else(|_| Err(anyhow!("a transcription worker crashed")))
                    })
                    .collect::<Result<Vec<()>>>()
            })?;
        }
        if crate::output::tracing() {
            self.ctx.print_timings();
        }
        let segments = results
            .into_inner()
            .map_err(|_| anyhow!("a transcription worker crashed"))?
            .into_iter()
            .flatten()
            .flatten()
            .collect();
        Ok(Transcript::from_segments(segments))
    }

    /// A transcriber for windows one after another, with a whisper.cpp state of its own (the
    /// one `warm_up` prepared, if there is one).
    pub fn session(&self) -> Result<Session<&Engine>> {
        let state = self.take_state()?;
        Ok(Session {
            engine: self,
            state,
            stop_when: None,
        })
    }

    /// A session that owns a share of the engine, for a worker thread.
    pub fn shared_session(self: &Arc<Engine>) -> Result<Session<Arc<Engine>>> {
        let state = self.take_state()?;
        Ok(Session {
            engine: self.clone(),
            state,
            stop_when: None,
        })
    }

    fn take_state(&self) -> Result<whisper_rs::WhisperState> {
        let ready = self.ready_state.lock().ok().and_then(|mut s| s.take());
        match ready {
            Some(state) => Ok(state),
            None => self.new_state(),
        }
    }

    fn new_state(&self) -> Result<whisper_rs::WhisperState> {
        self.ctx
            .create_state()
            .map_err(|e| anyhow!("whisper.cpp could not allocate its state: {e}"))
    }

    /// Gets the engine ready while the user is still talking: allocates a state and runs it once
    /// on a second of silence, so the first real window does not pay for allocating and first
    /// touching whisper.cpp's buffers. Uses one thread, leaving the other core to the recording.
    pub fn warm_up(&self) -> Result<()> {
        let mut state = self.new_state()?;
        let mut params = FullParams::new(SamplingStrategy::Greedy { best_of: 1 });
        params.set_n_threads(1);
        params.set_language(Some("en"));
        params.set_no_context(true);
        params.set_print_special(false);
        params.set_print_progress(false);
        params.set_print_realtime(false);
        params.set_print_timestamps(false);
        state
            .full(params, &vec![0.0; ANALYSIS_RATE as usize])
            .map_err(|e| anyhow!("transcription failed: {e}"))?;
        if let Ok(mut slot) = self.ready_state.lock() {
            *slot = Some(state);
        }
        Ok(())
    }

    fn collect_segments(
        &self,
        state: &whisper_rs::WhisperState,
        window: &Window,
    ) -> Result<Vec<Segment>> {
        let eot = self.ctx.token_eot();
        // whisper.cpp stamps each token's DTW time when the alignment moves on to the next
        // token, so `t_dtw` is where a token ends; it starts where the previous one ended.
        let mut previous_end: Option<f64> = None;
        let mut out = Vec::new();
        for segment in state.as_iter() {
            let mut tokens = Vec::new();
            for k in 0..segment.n_tokens() {
                let Some(token) = segment.get_token(k) else {
                    continue;
                };
                if token.token_id() >= eot {
                    continue; // timestamps and control tokens
                }
                let data = token.token_data();
                let (start, end) = if data.t_dtw >= 0 {
                    let end = data.t_dtw as f64 / 100.0;
                    (previous_end.unwrap_or(data.t0 as f64 / 100.0).min(end), end)
                } else {
                    (data.t0 as f64 / 100.0, data.t1 as f64 / 100.0)
                };
                previous_end = Some(end);
                tokens.push(RawToken {
                    bytes: token.to_bytes().map(<[u8]>::to_vec).unwrap_or_default(),
                    probability: data.p,
                    start,
                    end,
                });
            }
            let words = assemble_words(&tokens, MAX_WORD_S);
            let words = remove_prompt_echo(remove_annotations(words), DISFLUENT_PROMPT, ECHO_RUN);
            let words: Vec<_> = words
                .into_iter()
                .map(|mut w| {
                    let (start, end) = window.span_to_source(w.start, w.end);
                    w.start = round3(start);
                    w.end = round3(end);
                    w
                })
                .collect();
            out.extend(split_sentences(words));
        }
        Ok(out)
    }
}

/// One whisper.cpp state transcribing windows one after another (see [`Engine::session`]).
/// `E` is how the session holds the engine: borrowed, or shared with a worker thread.
pub struct Session<E: Deref<Target = Engine>> {
    engine: E,
    state: whisper_rs::WhisperState,
    /// Also stops a run when set (the live counter's phrases, at the end of the recording).
    stop_when: Option<Arc<AtomicBool>>,
}

impl<E: Deref<Target = Engine>> Session<E> {
    /// Runs stop (with an error) as soon as `flag` is set; `None` lets them run again.
    pub fn stop_when(&mut self, flag: Option<Arc<AtomicBool>>) {
        self.stop_when = flag;
    }

    /// Transcribes one window of a 16 kHz recording (`samples` must reach the window's end) with
    /// `threads` threads; words come back with times in the recording.
    pub fn window(
        &mut self,
        samples: &[f32],
        window: &Window,
        threads: u32,
        progress: impl Fn(f64) + 'static,
        cancel: &Checkpoint,
    ) -> Result<Vec<Segment>> {
        let audio = window.render(samples, ANALYSIS_RATE);
        self.run(&audio, window, threads, progress, cancel)
    }

    /// Transcribes a window's audio, already rendered (`Window::render`).
    pub fn run(
        &mut self,
        audio: &[f32],
        window: &Window,
        threads: u32,
        progress: impl Fn(f64) + 'static,
        cancel: &Checkpoint,
    ) -> Result<Vec<Segment>> {
        let mut params = FullParams::new(SamplingStrategy::Greedy { best_of: 1 });
        params.set_n_threads(threads as i32);
        // The encoder sees the window and a second more, not a full 30 s of padding: a short
        // window costs what it holds. (Whisper's context is 50 frames a second.)
        params.set_audio_ctx(encoder_context(
            window.duration(),
            self.engine.model.hparams.n_audio_ctx,
        ));
        params.set_language(Some("en"));
        params.set_no_context(true);
        params.set_initial_prompt(DISFLUENT_PROMPT);
        params.set_suppress_nst(true);
        params.set_token_timestamps(true);
        params.set_print_special(false);
        params.set_print_progress(false);
        params.set_print_realtime(false);
        params.set_print_timestamps(false);
        let len = window.duration();
        params.set_progress_callback_safe(move |pct: i32| progress(len * pct as f64 / 100.0));
        // A boxed closure: whisper-rs 0.16 reads garbage from a plain one.
        let watch = cancel.clone();
        let also = self.stop_when.clone();
        let abort: Box<dyn FnMut() -> bool> = Box::new(move || {
            watch.is_cancelled() || also.as_ref().is_some_and(|f| f.load(Ordering::Relaxed))
        });
        params.set_abort_callback_safe(abort);
        let started = std::time::Instant::now();
        let result = self.state.full(params, audio);
        // An aborted run reports a failure: say it was the user's stop, not a broken model.
        cancel.check()?;
        result.map_err(|e| anyhow!("transcription failed: {e}"))?;
        crate::output::trace(|| {
            format!(
                "window {:.1} s: {:.2} s with {threads} threads",
                window.duration(),
                started.elapsed().as_secs_f64()
            )
        });
        self.engine.collect_segments(&self.state, window)
    }
}

/// Audio the encoder sees beyond a window's end.
const CONTEXT_PAD_S: f64 = 1.0;
/// The shortest encoder context. Cut much below this, tiny.en repeats itself or invents words
/// on short phrases, and drops a speaker's repeated words ("we, we"), which the report counts;
/// from 20 s on, the project's fixtures transcribe as with a full 30 s.
const MIN_CONTEXT_S: f64 = 20.0;

/// The encoder context (50 frames a second) for a window: its length and a second more, at least
/// `MIN_CONTEXT_S`, never more than the model's own.
fn encoder_context(window_s: f64, model_ctx: i32) -> i32 {
    (((window_s + CONTEXT_PAD_S).max(MIN_CONTEXT_S) * 50.0).ceil() as i32)
        .clamp(1, model_ctx.max(1))
}

/// Splits words into one segment per sentence. whisper.cpp with a prompt often returns a whole
/// window as one segment; sentences are what a person reviews and what subtitles show.
fn split_sentences(words: Vec<Word>) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    for w in words {
        let ends = w.word.ends_with(['.', '?', '!']) && !w.word.ends_with("...");
        current.push(w);
        if ends {
            segments.push(Segment::from_words(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        segments.push(Segment::from_words(current));
    }
    segments
}

/// The alignment-head preset for DTW word timing, by model family.
fn dtw_preset(h: &Hparams) -> DtwModelPreset {
    use DtwModelPreset::*;
    let en = !h.multilingual();
    match h.size() {
        ModelSize::Tiny if en => TinyEn,
        ModelSize::Tiny => Tiny,
        ModelSize::Base if en => BaseEn,
        ModelSize::Base => Base,
        ModelSize::Small if en => SmallEn,
        ModelSize::Small => Small,
        ModelSize::Medium if en => MediumEn,
        ModelSize::Medium => Medium,
        ModelSize::LargeV3Turbo => LargeV3Turbo,
        ModelSize::LargeV3 => LargeV3,
        ModelSize::Large | ModelSize::Unknown => LargeV2,
    }
}
