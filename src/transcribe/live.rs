//! Transcription while the user is still talking (`rehearse practice`).
//!
//! The recorder hands every 16 kHz block it writes to the WAV to a [`LiveTranscriber`] (as the
//! 16-bit values written, so the audio heard here is exactly the file's). Two segmenters plan
//! windows as the audio arrives:
//! - the *report* windows, the same windows `rehearse analyze` plans for the saved file, are
//!   transcribed in the background one after another, and at each pause the worker starts on
//!   the windows the take would end with if it ended there; at the stop the last window is
//!   usually done already, so the report comes at once and is the report a batch analysis of
//!   the take gives;
//! - short *live* phrases, transcribed as soon as a pause closes them, feed the Ah-counter on the
//!   timer line ([`LiveStatus`]). A phrase the transcriber cannot reach in time is skipped and
//!   the counter says it is behind; the report never depends on it.
//!
//! Each kind has its own worker thread and whisper.cpp state, one thread each while recording
//! (the recording itself needs little); after the stop the report worker uses all the engine's
//! threads for what is left.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;

use anyhow::{anyhow, Result};

use super::chunks::Window;
use super::engine::Session;
use super::segmenter::{Segmenter, SegmenterSettings};
use super::Engine;
use crate::analysis::fillers::{find_fillers, FillerHit, FillerSettings};
use crate::audio::pcm::from_i16;
use crate::audio::recorder::OUTPUT_RATE;
use crate::signals::{Checkpoint, Interrupted};
use crate::transcript::{Segment, Transcript, Word};

/// A live phrase that ends further than this behind the audio is skipped: a counter that far
/// behind no longer helps the speaker.
const LIVE_STALE_S: f64 = 6.0;

/// Quiet after the last sound at which the report worker starts on the pending audio as if the
/// take ended there (see [`feed`]).
const GUESS_AFTER_S: f64 = 0.3;

/// Words needed before the timer line shows a pace.
const PACE_MIN_WORDS: usize = 20;

/// What the timer line shows about the words so far.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LiveCounts {
    pub fillers: usize,
    /// The latest filler and where in the take it was said (seconds).
    pub last: Option<(String, f64)>,
    /// Words per minute of audio so far, once there are enough words.
    pub words_per_minute: Option<f64>,
    /// The counter is more than a few seconds behind the speaker (or has given up).
    pub behind: bool,
}

/// Shared between the workers and the display.
#[derive(Default)]
pub struct LiveStatus {
    inner: Mutex<SoFar>,
}

#[derive(Default)]
struct SoFar {
    /// Report windows transcribed so far, in order, and where the last one ends.
    report_words: Vec<Word>,
    report_until: f64,
    /// Live phrases transcribed so far (only those past `report_until` still count).
    phrases: Vec<(f64, Vec<Word>)>,
    /// Audio seconds taken in so far.
    heard_s: f64,
    /// Where the latest live phrase skipped as stale ends. Until the report windows reach it,
    /// words the speaker said are missing from the count, so it is hidden.
    skipped_until: f64,
}

impl LiveStatus {
    /// The counter as it stands: report windows where they are done, live phrases after them.
    pub fn counts(&self, fillers: &FillerSettings) -> LiveCounts {
        let Ok(heard) = self.inner.lock() else {
            return LiveCounts::default();
        };
        let mut words: Vec<Word> = heard.report_words.clone();
        for (start, phrase) in &heard.phrases {
            if *start >= heard.report_until {
                words.extend(phrase.iter().cloned());
            }
        }
        let found = find_fillers(&words, fillers);
        let last = found
            .fillers
            .last()
            .map(|f: &FillerHit| (f.text.clone(), f.start));
        let words_per_minute = (words.len() >= PACE_MIN_WORDS && heard.heard_s > 0.0)
            .then(|| words.len() as f64 * 60.0 / heard.heard_s);
        LiveCounts {
            fillers: found.fillers.len(),
            last,
            words_per_minute,
            // Behind while skipped speech is not yet in the report windows: once they catch up
            // (the speaker pauses, the machine frees up) the count is whole again.
            behind: heard.skipped_until > heard.report_until,
        }
    }

    fn update(&self, change: impl FnOnce(&mut SoFar)) {
        if let Ok(mut heard) = self.inner.lock() {
            change(&mut heard);
        }
    }
}

/// The running live transcription of one take.
pub struct LiveTranscriber {
    blocks: Option<Sender<Vec<i16>>>,
    feeder: Option<JoinHandle<()>>,
    report: Option<JoinHandle<Result<Heard, LiveError>>>,
    recording_over: Arc<AtomicBool>,
    status: Arc<LiveStatus>,
    samples: Arc<RwLock<Vec<f32>>>,
}

/// What the report worker leaves: the engine it used and the transcript of the report windows.
type Heard = (Arc<Engine>, Vec<Segment>);

/// Why the live transcription of a take gave no transcript. The caller decides on the kind: a
/// stop signal ends the run, a failure is worked around by analysing the saved recording.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    /// A stop signal aborted the transcription.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    /// The model did not load, whisper.cpp failed, or a worker thread died.
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// The live transcription of a finished take.
pub struct LiveResult {
    pub engine: Arc<Engine>,
    pub transcript: Transcript,
    /// The 16 kHz samples the transcript was made from (the WAV's, as written).
    pub samples: Vec<f32>,
}

impl LiveTranscriber {
    /// Starts taking audio at once; the workers start when `engine` has loaded the model (it
    /// runs on the report worker, so loading overlaps the countdown and the first words).
    /// `cancel` aborts the report's transcription; the live counter stops with the recording.
    pub fn start(
        engine: impl FnOnce() -> Result<Arc<Engine>> + Send + 'static,
        cancel: Checkpoint,
    ) -> Result<LiveTranscriber> {
        let samples = Arc::new(RwLock::new(Vec::<f32>::new()));
        let status = Arc::new(LiveStatus::default());
        let recording_over = Arc::new(AtomicBool::new(false));
        let (blocks_tx, blocks_rx) = mpsc::channel::<Vec<i16>>();
        let (report_tx, report_rx) = mpsc::channel::<Job>();
        let (live_tx, live_rx) = mpsc::channel::<Window>();

        let feeder = {
            let (samples, status) = (samples.clone(), status.clone());
            spawn("rehearse-segmenter", move || {
                feed(blocks_rx, &samples, &status, report_tx, live_tx)
            })?
        };
        let report = {
            let (samples, status, over) = (samples.clone(), status.clone(), recording_over.clone());
            spawn("rehearse-transcriber", move || {
                let engine = engine()?;
                let mut session = engine.shared_session()?;
                // The counter is a bonus: without its state the report still comes.
                if let Ok(mut live_session) = engine.shared_session() {
                    live_session.stop_when(Some(over.clone()));
                    let (samples, status, over) = (samples.clone(), status.clone(), over.clone());
                    let _ = spawn("rehearse-live", move || {
                        transcribe_live(&mut live_session, live_rx, &samples, &status, &over)
                    });
                }
                let segments = transcribe_report(
                    &mut session,
                    report_rx,
                    &samples,
                    &status,
                    &over,
                    engine.threads,
                    &cancel,
                )
                // An aborted window fails like a broken one: the checkpoint says which it was.
                .map_err(|e| match cancel.check() {
                    Err(stop) => LiveError::Interrupted(stop),
                    Ok(()) => LiveError::Failed(e),
                })?;
                Ok((engine.clone(), segments))
            })?
        };
        Ok(LiveTranscriber {
            blocks: Some(blocks_tx),
            feeder: Some(feeder),
            report: Some(report),
            recording_over,
            status,
            samples,
        })
    }

    /// Where the recorder sends the blocks it writes.
    pub fn input(&self) -> Option<Sender<Vec<i16>>> {
        self.blocks.clone()
    }

    pub fn status(&self) -> Arc<LiveStatus> {
        self.status.clone()
    }

    /// The recording is over (the recorder has finished, so every block has been sent): waits
    /// for the last report windows.
    pub fn finish(mut self) -> Result<LiveResult, LiveError> {
        self.recording_over.store(true, Ordering::SeqCst);
        drop(self.blocks.take());
        if let Some(feeder) = self.feeder.take() {
            feeder
                .join()
                .map_err(|_| anyhow!("the live segmenter stopped unexpectedly"))?;
        }
        let report = self.report.take().expect("finish runs once");
        let (engine, segments) = report
            .join()
            .map_err(|_| anyhow!("the live transcriber stopped unexpectedly"))??;
        let samples = std::mem::take(
            &mut *self
                .samples
                .write()
                .map_err(|_| anyhow!("the live transcriber's audio is unreadable"))?,
        );
        Ok(LiveResult {
            engine,
            transcript: Transcript::from_segments(segments),
            samples,
        })
    }
}

impl Drop for LiveTranscriber {
    /// Abandoned (the take failed): let the workers run out without waiting for them.
    fn drop(&mut self) {
        self.recording_over.store(true, Ordering::SeqCst);
        drop(self.blocks.take());
    }
}

fn spawn<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<JoinHandle<T>> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(work)
        .map_err(|e| anyhow!("cannot start the live transcriber: {e}"))
}

/// Work for the report worker.
enum Job {
    /// A window of the report: transcribed in order, and kept.
    Window(Window),
    /// The windows that would end the take if it ended now.
    Guess(Guess),
}

/// A guess at how the take ends, made when the speaker pauses.
#[derive(Clone)]
struct Guess {
    windows: Vec<Window>,
    /// Set once the guess is known to be wrong (the speaker went on): stops its transcription.
    wrong: Arc<AtomicBool>,
}

/// Takes the recorder's blocks, keeps the samples, and hands closed windows to the workers.
///
/// When the speaker pauses, the report worker also gets a [`Guess`]: the windows the take would
/// end with if it ended now. Most answers end with a pause before the speaker presses Enter, so
/// at the stop the last window is usually already transcribed, or nearly. Windows are
/// transcribed independently of each other, so a guessed window that turns out to be a real one
/// gives exactly the words it would have; a wrong guess only cost the worker time it had spare.
fn feed(
    blocks: Receiver<Vec<i16>>,
    samples: &RwLock<Vec<f32>>,
    status: &LiveStatus,
    report: Sender<Job>,
    live: Sender<Window>,
) {
    let mut report_plan = Segmenter::new(SegmenterSettings::report());
    let mut live_plan = Segmenter::new(SegmenterSettings::live());
    let mut block = Vec::new();
    let mut guess: Option<Guess> = None;
    // Where the plan stood when the pending windows were last looked at.
    let mut looked_at = 0.0;
    for values in blocks {
        block.clear();
        block.extend(values.iter().map(|&v| from_i16(v)));
        // The samples go in before any window that needs them is handed out.
        if let Ok(mut all) = samples.write() {
            all.extend_from_slice(&block);
        }
        let closed_report = report_plan.push(&block);
        let closed_live = live_plan.push(&block);
        let now = report_plan.seconds();
        status.update(|h| h.heard_s = now);
        if !closed_report.is_empty() {
            give_up_unless(&mut guess, &closed_report);
        }
        for window in closed_report {
            let _ = report.send(Job::Window(window));
        }
        for window in closed_live {
            let _ = live.send(window);
        }
        let paused = report_plan
            .quiet_s()
            .is_some_and(|quiet| quiet >= GUESS_AFTER_S);
        // Checked again as the pause goes on (the voice detector may confirm the last sound
        // only after a while, which changes the windows), but only when a new frame has been
        // judged: blocks are often shorter than a frame, and nothing could have changed.
        if paused && now > looked_at {
            looked_at = now;
            let windows = report_plan.if_finished_now();
            if !windows.is_empty() && guess.as_ref().is_none_or(|g| g.windows != windows) {
                give_up_unless(&mut guess, &windows);
                let next = Guess {
                    windows,
                    wrong: Arc::new(AtomicBool::new(false)),
                };
                let _ = report.send(Job::Guess(next.clone()));
                guess = Some(next);
            }
        }
    }
    // The recording is over: the report needs what is still pending; the counter does not.
    let last = report_plan.finish();
    give_up_unless(&mut guess, &last);
    for window in last {
        let _ = report.send(Job::Window(window));
    }
}

/// `windows` are about to be sent: the guess in hand is over, and stopped unless it guessed them.
fn give_up_unless(guess: &mut Option<Guess>, windows: &[Window]) {
    if let Some(guess) = guess.take() {
        if guess.windows != windows {
            guess.wrong.store(true, Ordering::SeqCst);
        }
    }
}

/// The report windows, in order. One thread while the user talks, all of them after.
fn transcribe_report(
    session: &mut Session<Arc<Engine>>,
    jobs: Receiver<Job>,
    samples: &RwLock<Vec<f32>>,
    status: &LiveStatus,
    recording_over: &AtomicBool,
    threads: u32,
    cancel: &Checkpoint,
) -> Result<Vec<Segment>> {
    let threads = || {
        if recording_over.load(Ordering::SeqCst) {
            threads
        } else {
            1
        }
    };
    let mut segments = Vec::new();
    // The latest guess's windows, as far as they are transcribed.
    let mut guessed: Vec<(Window, Vec<Segment>)> = Vec::new();
    for job in jobs {
        match job {
            Job::Guess(guess) => {
                guessed.clear();
                session.stop_when(Some(guess.wrong.clone()));
                for window in guess.windows {
                    if guess.wrong.load(Ordering::SeqCst) {
                        break;
                    }
                    let audio = render(samples, &window)?;
                    let done = session.run(&audio, &window, threads(), |_| {}, cancel);
                    // A stop signal ends the take; a guess that went wrong is simply dropped
                    // (and a window that fails for another reason fails again as a real one).
                    cancel.check()?;
                    let Ok(done) = done else { break };
                    guessed.push((window, done));
                }
                session.stop_when(None);
            }
            Job::Window(window) => {
                let done = match guessed.iter().position(|(w, _)| *w == window) {
                    Some(k) => {
                        crate::output::trace(|| {
                            format!("window {:.1} s: guessed at a pause", window.duration())
                        });
                        guessed.swap_remove(k).1
                    }
                    None => {
                        let audio = render(samples, &window)?;
                        session.run(&audio, &window, threads(), |_| {}, cancel)?
                    }
                };
                let until = window.source_end();
                let words: Vec<Word> = done.iter().flat_map(|s| s.words.iter().cloned()).collect();
                status.update(|h| {
                    h.report_words.extend(words);
                    h.report_until = until;
                    h.phrases.retain(|(start, _)| *start >= until);
                });
                segments.extend(done);
            }
        }
    }
    Ok(segments)
}

/// Live phrases for the counter, while the recording lasts; stale ones are skipped.
fn transcribe_live(
    session: &mut Session<Arc<Engine>>,
    jobs: Receiver<Window>,
    samples: &RwLock<Vec<f32>>,
    status: &LiveStatus,
    recording_over: &AtomicBool,
) {
    let never = Checkpoint::never();
    for window in jobs {
        if recording_over.load(Ordering::SeqCst) {
            return;
        }
        let heard = samples
            .read()
            .map_or(0.0, |s| s.len() as f64 / f64::from(OUTPUT_RATE));
        if heard - window.source_end() > LIVE_STALE_S {
            status.update(|h| h.skipped_until = h.skipped_until.max(window.source_end()));
            continue;
        }
        let Ok(audio) = render(samples, &window) else {
            return;
        };
        // A failed phrase only costs the counter a phrase.
        let Ok(done) = session.run(&audio, &window, 1, |_| {}, &never) else {
            continue;
        };
        let start = window.source_start();
        let words: Vec<Word> = done.into_iter().flat_map(|s| s.words).collect();
        status.update(|h| {
            if start >= h.report_until {
                h.phrases.push((start, words));
            }
        });
    }
}

fn render(samples: &RwLock<Vec<f32>>, window: &Window) -> Result<Vec<f32>> {
    let all = samples
        .read()
        .map_err(|_| anyhow!("the live transcriber's audio is unreadable"))?;
    Ok(window.render(&all, OUTPUT_RATE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_that_does_not_load_is_a_failure_to_work_around_not_a_stop() {
        let live = LiveTranscriber::start(
            || Err(anyhow!("model m.bin: no such file")),
            Checkpoint::never(),
        )
        .expect("the threads start");
        let blocks = live.input().expect("an input while recording");
        blocks
            .send(vec![0; 1600])
            .expect("the segmenter takes blocks");
        drop(blocks);
        match live.finish() {
            Err(LiveError::Failed(e)) => assert_eq!(e.to_string(), "model m.bin: no such file"),
            Err(LiveError::Interrupted(stop)) => panic!("no signal was sent, got {stop:?}"),
            Ok(_) => panic!("no model, yet a transcript"),
        }
    }

    #[test]
    fn the_counter_hides_while_skipped_speech_is_missing_and_returns_once_the_report_has_it() {
        let status = LiveStatus::default();
        let fillers = FillerSettings::default();
        assert!(!status.counts(&fillers).behind);
        // A phrase ending at 14 s was skipped: its words are in no count yet.
        status.update(|h| h.skipped_until = 14.0);
        assert!(status.counts(&fillers).behind);
        status.update(|h| h.report_until = 9.5);
        assert!(
            status.counts(&fillers).behind,
            "the report is still short of it"
        );
        status.update(|h| h.report_until = 21.0);
        assert!(
            !status.counts(&fillers).behind,
            "the report windows cover the skipped phrase: the count is whole again"
        );
    }
}
