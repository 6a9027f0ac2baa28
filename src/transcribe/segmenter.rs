//! Deciding, as the audio arrives, which of it the recogniser hears and when: each stretch of
//! speech becomes a window as soon as a pause closes it. The live transcriber of `practice` and
//! the file analysis of `analyze` both use this, frame by frame in the same way, so a practice
//! take's report is the report `rehearse analyze` gives for its recording.
//!
//! Every decision is made at a frame (16 ms) and depends only on the frames so far, never on how
//! the audio was cut into blocks. The noise floor is the recording's own (its quietest frames so
//! far); speech is energy above it confirmed by the voice detector (`audio::speech`). A window
//! closes when, after some speech, the signal has been quiet for `close_gap_s`; when the speaker
//! goes on without such a pause it closes at the next short gap once `soft_max_s` of audio is
//! pending; and an unbroken stretch is cut at `hard_max_s`, inside the recogniser's 30 s context.

use super::chunks::{plan_windows, ChunkPlan, Window};
use crate::audio::speech::{
    loud_runs, voiced_regions, DetectorSettings, FrameMeter, FrameStats, FRAME, FRAME_S,
};
use crate::units::Span;

/// When windows close, in seconds.
#[derive(Debug, Clone)]
pub struct SegmenterSettings {
    /// Quiet after speech that closes a window.
    pub close_gap_s: f64,
    /// Speech needed before a pause closes a window (a lone "um" waits for company).
    pub min_speech_s: f64,
    /// Pending audio past which the next gap between sounds closes the window.
    pub soft_max_s: f64,
    /// Pending audio past which the window closes wherever it is.
    pub hard_max_s: f64,
}

impl SegmenterSettings {
    /// The windows a report is made of: long enough that the recogniser has context and each
    /// encoder pass is well used, closed at the first pause once 8 s of speech are pending, so
    /// the last window at the end of a take is usually short.
    pub fn report() -> SegmenterSettings {
        SegmenterSettings {
            close_gap_s: 0.6,
            min_speech_s: 8.0,
            soft_max_s: 20.0,
            hard_max_s: 28.0,
        }
    }

    /// Phrases for the live filler counter: a window at every pause after a second of speech,
    /// so a filler shows within a few seconds of being said.
    pub fn live() -> SegmenterSettings {
        SegmenterSettings {
            close_gap_s: 0.5,
            min_speech_s: 1.0,
            soft_max_s: 5.0,
            hard_max_s: 12.0,
        }
    }
}

/// Silence kept ahead of the pending audio when nothing has been said for a while: enough for
/// the margin of a sound that starts now.
const IDLE_KEEP_S: f64 = 1.0;

/// Frames whose energy counts for the noise floor: 0.5 dB bins from -90 dB (digital silence) up.
const FLOOR_BINS: usize = 180;
const FLOOR_MIN_DB: f32 = -90.0;
const FLOOR_BIN_DB: f32 = 0.5;

/// The online window planner.
pub struct Segmenter {
    settings: SegmenterSettings,
    detector: DetectorSettings,
    plan: ChunkPlan,
    meter: FrameMeter,
    stats: FrameStats,
    floor: FloorTracker,
    /// First frame not yet given to a window.
    pending_from: usize,
    /// Frames already judged (decisions are made once per frame).
    judged: usize,
    /// Frames since the last sound, when the pending audio has one.
    quiet: Option<usize>,
}

impl Segmenter {
    pub fn new(settings: SegmenterSettings) -> Segmenter {
        Segmenter {
            settings,
            detector: DetectorSettings::default(),
            plan: ChunkPlan::default(),
            meter: FrameMeter::default(),
            stats: FrameStats::default(),
            floor: FloorTracker::default(),
            pending_from: 0,
            judged: 0,
            quiet: None,
        }
    }

    /// Takes the next 16 kHz samples; returns the windows they closed, in order.
    pub fn push(&mut self, samples: &[f32]) -> Vec<Window> {
        self.meter.push(samples, &mut self.stats);
        let mut closed = Vec::new();
        while self.judged < self.stats.energy_db.len() {
            self.floor.add(self.stats.energy_db[self.judged]);
            self.judged += 1;
            if let Some(window) = self.judge() {
                closed.extend(window);
            }
        }
        closed
    }

    /// The end of the audio: returns the windows for whatever is still pending.
    pub fn finish(&mut self) -> Vec<Window> {
        let before = self.stats.energy_db.len();
        self.meter.finish(&mut self.stats);
        for k in before..self.stats.energy_db.len() {
            self.floor.add(self.stats.energy_db[k]);
        }
        self.judged = self.stats.energy_db.len();
        let end = self.judged;
        let regions = self.regions(self.pending_from..end);
        self.close(&regions, end)
    }

    /// Seconds of audio taken in so far (whole frames).
    pub fn seconds(&self) -> f64 {
        self.judged as f64 * FRAME_S
    }

    /// How long it has been quiet since the last sound in the pending audio (`None` when
    /// nothing is pending but silence).
    pub fn quiet_s(&self) -> Option<f64> {
        self.quiet.map(|frames| frames as f64 * FRAME_S)
    }

    /// The windows [`finish`](Self::finish) would give if the audio ended at the last whole
    /// frame; the plan goes on unchanged.
    pub fn if_finished_now(&self) -> Vec<Window> {
        let regions = self.regions(self.pending_from..self.judged);
        self.windows_of(&regions, self.judged)
    }

    /// Looks at the pending frames after frame `judged - 1` arrived: returns the windows to
    /// emit, if this frame closes some.
    fn judge(&mut self) -> Option<Vec<Window>> {
        let now = self.judged;
        let threshold = self.floor.floor_db() + self.detector.floor_margin_db;
        let runs = loud_runs(
            &self.stats,
            self.pending_from..now,
            threshold,
            &self.detector,
        );
        let frames = |s: f64| (s / FRAME_S).round() as usize;
        self.quiet = runs.last().map(|&(_, last_end)| now - last_end);
        let Some(&(_, last_end)) = runs.last() else {
            // Nothing said: let go of old silence so the pending stretch stays short.
            let keep = frames(IDLE_KEEP_S);
            if now - self.pending_from > 2 * keep {
                self.pending_from = now - keep;
            }
            return None;
        };
        let quiet = now - last_end;
        let pending = now - self.pending_from;
        let regions = voiced_regions(&self.stats, &runs, &self.detector);
        let speech: f64 = regions.iter().map(Span::duration).sum();
        if regions.is_empty() {
            // Sounds that are not speech (a click, a cough): drop them once they are behind us.
            if quiet >= frames(self.settings.close_gap_s) {
                self.pending_from = now - quiet / 2;
            }
            return None;
        }
        if quiet >= frames(self.settings.close_gap_s) && speech >= self.settings.min_speech_s {
            let cut = now - quiet / 2;
            return Some(self.close(&regions, cut));
        }
        let slack = frames(self.detector.voice_slack_s);
        let talking = quiet == 0 && runs.len() >= 2;
        if talking
            && pending >= frames(self.settings.soft_max_s)
            && now - runs[runs.len() - 2].1 >= slack
        {
            // Still talking: close before the sound in progress, in the gap that precedes it,
            // once the voice detector has had its say on the sound before that gap.
            let (start, _) = runs[runs.len() - 1];
            let (_, prev_end) = runs[runs.len() - 2];
            let cut = prev_end + (start - prev_end) / 2;
            let done: Vec<Span> = regions
                .iter()
                .copied()
                .filter(|r| r.end <= cut as f64 * FRAME_S)
                .collect();
            if !done.is_empty() {
                return Some(self.close(&done, cut));
            }
        }
        if pending >= frames(self.settings.hard_max_s) {
            // The sound in progress may not be confirmed as voice yet: keep it rather than
            // lose what may be words.
            let mut keep = regions;
            let (start, end) = runs[runs.len() - 1];
            let last = Span {
                start: start as f64 * FRAME_S,
                end: end as f64 * FRAME_S,
            };
            if keep.last().is_none_or(|r| r.end < last.start) {
                keep.push(last);
            }
            return Some(self.close(&keep, now));
        }
        None
    }

    /// Speech regions among `frames`, with the noise floor as it is now.
    fn regions(&self, frames: std::ops::Range<usize>) -> Vec<Span> {
        let threshold = self.floor.floor_db() + self.detector.floor_margin_db;
        let runs = loud_runs(&self.stats, frames, threshold, &self.detector);
        voiced_regions(&self.stats, &runs, &self.detector)
    }

    /// Makes windows of `regions` (all before frame `cut`) and moves the pending start to `cut`.
    fn close(&mut self, regions: &[Span], cut: usize) -> Vec<Window> {
        let windows = self.windows_of(regions, cut);
        self.pending_from = cut;
        self.quiet = None;
        windows
    }

    /// The windows of `regions` within the pending audio up to frame `cut`.
    fn windows_of(&self, regions: &[Span], cut: usize) -> Vec<Window> {
        let bounds = Span {
            start: self.pending_from as f64 * FRAME_S,
            end: cut as f64 * FRAME_S,
        };
        let inside: Vec<Span> = regions
            .iter()
            .filter_map(|r| {
                let start = r.start.max(bounds.start);
                let end = r.end.min(bounds.end);
                (end > start).then_some(Span { start, end })
            })
            .collect();
        plan_windows(&inside, bounds, &self.plan)
    }
}

/// Plans the windows of a whole recording, as the live transcriber would have while recording
/// it (the blocks it arrives in do not matter).
pub fn plan_recording(samples: &[f32], settings: SegmenterSettings) -> Vec<Window> {
    let mut segmenter = Segmenter::new(settings);
    let mut windows = Vec::new();
    // Blocks of a tenth of a second, as a microphone delivers them.
    for block in samples.chunks(10 * FRAME) {
        windows.extend(segmenter.push(block));
    }
    windows.extend(segmenter.finish());
    windows
}

/// The noise floor as the mean of the quietest 5 % of the frames so far, kept as a histogram so
/// each new frame costs the same however long the take.
#[derive(Debug, Clone)]
struct FloorTracker {
    counts: [u32; FLOOR_BINS],
    total: u32,
}

impl Default for FloorTracker {
    fn default() -> Self {
        FloorTracker {
            counts: [0; FLOOR_BINS],
            total: 0,
        }
    }
}

impl FloorTracker {
    fn add(&mut self, energy_db: f32) {
        let bin = ((energy_db.max(FLOOR_MIN_DB) - FLOOR_MIN_DB) / FLOOR_BIN_DB) as usize;
        self.counts[bin.min(FLOOR_BINS - 1)] += 1;
        self.total += 1;
    }

    fn floor_db(&self) -> f32 {
        let want = (self.total / 20).max(1);
        let (mut taken, mut sum) = (0u32, 0.0f32);
        for (bin, &count) in self.counts.iter().enumerate() {
            let take = count.min(want - taken);
            sum += take as f32 * (FLOOR_MIN_DB + (bin as f32 + 0.5) * FLOOR_BIN_DB);
            taken += take;
            if taken == want {
                return sum / want as f32;
            }
        }
        if taken == 0 {
            FLOOR_MIN_DB
        } else {
            sum / taken as f32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::ANALYSIS_RATE;

    /// A voice-like test signal: a vowel-ish harmonic tone for each (start, end) in seconds,
    /// over faint noise, `total` seconds long.
    fn speechy(total: f64, spans: &[(f64, f64)]) -> Vec<f32> {
        let rate = ANALYSIS_RATE as f64;
        let n = (total * rate) as usize;
        let mut seed = 12345u32;
        (0..n)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let noise = ((seed >> 16) as f32 / 65536.0 - 0.5) * 0.0005;
                let t = i as f64 / rate;
                let on = spans.iter().any(|&(a, b)| t >= a && t < b);
                let voice = if on {
                    let f0 = 140.0 + 20.0 * (t * 3.0).sin();
                    (1..=8)
                        .map(|h| (2.0 * std::f64::consts::PI * f0 * h as f64 * t).sin() / h as f64)
                        .sum::<f64>()
                        * 0.08
                        * (0.6 + 0.4 * (t * 6.0).sin().abs())
                } else {
                    0.0
                };
                voice as f32 + noise
            })
            .collect()
    }

    /// Short windows, so that small signals exercise every rule.
    fn phrases() -> SegmenterSettings {
        SegmenterSettings {
            close_gap_s: 0.6,
            min_speech_s: 1.0,
            soft_max_s: 8.0,
            hard_max_s: 28.0,
        }
    }

    fn source_spans(windows: &[Window]) -> Vec<(f64, f64)> {
        windows
            .iter()
            .flat_map(|w| w.pieces.iter().map(|p| (p.source.start, p.source.end)))
            .collect()
    }

    #[test]
    fn the_floor_is_the_mean_of_the_quietest_twentieth() {
        let mut f = FloorTracker::default();
        for _ in 0..95 {
            f.add(-20.0);
        }
        for _ in 0..5 {
            f.add(-60.0);
        }
        assert!(
            (f.floor_db() + 60.0).abs() <= FLOOR_BIN_DB,
            "{}",
            f.floor_db()
        );
        f.add(-200.0);
        assert!(f.floor_db() >= FLOOR_MIN_DB);
        assert_eq!(FloorTracker::default().floor_db(), FLOOR_MIN_DB);
    }

    #[test]
    fn a_pause_closes_a_window_as_soon_as_it_is_long_enough() {
        // Two phrases with a 1.5 s pause; the first must close during the pause, not at the end.
        let signal = speechy(6.0, &[(0.5, 2.5), (4.0, 5.5)]);
        let mut seg = Segmenter::new(phrases());
        let mut closed_at = Vec::new();
        for (i, block) in signal.chunks(1600).enumerate() {
            for w in seg.push(block) {
                closed_at.push(((i + 1) as f64 * 0.1, w));
            }
        }
        assert_eq!(
            closed_at.len(),
            1,
            "only the first phrase is closed before the end"
        );
        let (when, first) = &closed_at[0];
        assert!(
            *when >= 2.5 + 0.6 && *when <= 2.5 + 0.6 + 0.5,
            "closed {when} s in"
        );
        let span = source_spans(std::slice::from_ref(first));
        assert!(
            (span[0].0 - 0.3).abs() < 0.1 && (span[0].1 - 2.7).abs() < 0.1,
            "{span:?}"
        );
        let rest = seg.finish();
        let span = source_spans(&rest);
        assert_eq!(span.len(), 1, "{span:?}");
        assert!(
            (span[0].0 - 3.8).abs() < 0.1 && (span[0].1 - 5.7).abs() < 0.1,
            "{span:?}"
        );
    }

    #[test]
    fn block_size_does_not_change_the_plan() {
        let signal = speechy(
            20.0,
            &[
                (0.4, 3.0),
                (3.3, 7.9),
                (8.2, 12.0),
                (14.0, 14.4),
                (15.5, 19.0),
            ],
        );
        let whole = plan_recording(&signal, phrases());
        for block in [1usize, 97, 256, 4096] {
            let mut seg = Segmenter::new(phrases());
            let mut windows = Vec::new();
            for b in signal.chunks(block) {
                windows.extend(seg.push(b));
            }
            windows.extend(seg.finish());
            assert_eq!(windows, whole, "block of {block} samples");
        }
        assert!(whole.len() >= 2, "{:?}", source_spans(&whole));
    }

    #[test]
    fn talking_without_pauses_is_cut_in_a_short_gap_after_the_soft_maximum() {
        // Phrases separated by 0.4 s gaps (bridged as separate sounds, too short to close).
        let spans: Vec<(f64, f64)> = (0..8)
            .map(|i| (0.5 + i as f64 * 2.4, 0.5 + i as f64 * 2.4 + 2.0))
            .collect();
        let signal = speechy(20.0, &spans);
        let windows = plan_recording(&signal, phrases());
        assert!(windows.len() >= 2, "{:?}", source_spans(&windows));
        let soft = phrases().soft_max_s;
        for w in &windows {
            assert!(w.duration() <= soft + 2.5 + 0.5, "{}", w.duration());
            // Cuts fall in gaps: no piece edge inside a phrase.
            for p in &w.pieces {
                for &(a, b) in &spans {
                    assert!(
                        !(p.source.start > a + 0.05 && p.source.start < b - 0.05),
                        "{:?} starts inside {a}-{b}",
                        p.source
                    );
                }
            }
        }
    }

    #[test]
    fn the_windows_guessed_in_the_final_pause_are_the_windows_the_take_ends_with() {
        // Three phrases; the take ends 1.5 s after the last one. A guess taken once the final
        // pause has lasted 0.3 s must be exactly what `finish` gives, and guessing must not
        // change the plan.
        let signal = speechy(10.0, &[(0.5, 2.5), (3.5, 5.5), (6.5, 8.5)]);
        // Report windows: 6 s of speech is too little for a pause to close one, so all of it is
        // pending at the end.
        let mut seg = Segmenter::new(SegmenterSettings::report());
        let (mut windows, mut guesses) = (Vec::new(), Vec::new());
        for block in signal.chunks(1600) {
            windows.extend(seg.push(block));
            if seg.quiet_s().is_some_and(|q| q >= 0.3) {
                guesses.push((seg.seconds(), seg.if_finished_now()));
            }
        }
        let last = seg.finish();
        windows.extend(last.clone());
        assert_eq!(
            windows,
            plan_recording(&signal, SegmenterSettings::report()),
            "guessing changed the plan"
        );
        let (at, final_guess) = guesses
            .iter()
            .rev()
            .find(|(at, _)| *at > 8.5)
            .expect("a guess in the final pause");
        assert!(!last.is_empty());
        assert_eq!(final_guess, &last, "guessed {at} s in");
        let (first_at, first_guess) = guesses
            .iter()
            .find(|(at, _)| *at > 8.5)
            .expect("a guess in the final pause");
        assert!(
            *first_at <= 8.5 + 0.3 + 0.1 + 0.05,
            "first guessed {first_at} s in"
        );
        assert_eq!(
            first_guess, &last,
            "the first guess of the pause is already right"
        );
    }

    #[test]
    fn silence_makes_no_windows() {
        let signal = speechy(30.0, &[]);
        assert!(plan_recording(&signal, phrases()).is_empty());
    }

    #[test]
    fn report_windows_wait_for_eight_seconds_of_speech_before_a_pause_closes_them() {
        // Four 3 s phrases with 1 s pauses: the first pause after 8 s of speech closes the
        // window (after the third phrase); the fourth phrase is the short last window.
        let spans: Vec<(f64, f64)> = (0..4)
            .map(|i| (0.5 + i as f64 * 4.0, 3.5 + i as f64 * 4.0))
            .collect();
        let signal = speechy(17.0, &spans);
        let windows = plan_recording(&signal, SegmenterSettings::report());
        let per_window: Vec<(f64, f64)> = windows
            .iter()
            .map(|w| {
                let s = source_spans(std::slice::from_ref(w));
                (s[0].0, s[s.len() - 1].1)
            })
            .collect();
        assert_eq!(per_window.len(), 2, "{per_window:?}");
        assert!(
            (per_window[0].1 - 11.7).abs() < 0.3 && (per_window[1].0 - 12.3).abs() < 0.3,
            "{per_window:?}"
        );
    }
}
