//! Where the speaker was talking, measured from the signal.
//!
//! Two detectors work together: frame energy against the recording's own noise floor
//! gives accurate edges, and the earshot voice detector decides whether an energetic stretch is a
//! voice at all (a cough, a click or a chair creak is not). Earshot alone places edges about
//! 0.4 s inside the speech and splits sentences at dips, so its edges are never used directly.
//!
//! The regions feed two things: long-pause measurement (the gaps between regions) and the
//! transcriber, which only hears the regions (so no sentence is lost after a long silence and no
//! text is invented on silence).

use crate::analysis::SpeechActivity;
use crate::units::Span;

use super::ANALYSIS_RATE;

/// 16 ms at 16 kHz: earshot's frame size, also used for energy.
pub const FRAME: usize = 256;
pub const FRAME_S: f64 = FRAME as f64 / ANALYSIS_RATE as f64;

/// Tunables, in seconds and decibels.
#[derive(Debug, Clone)]
pub struct DetectorSettings {
    /// Energy above the noise floor that counts as sound.
    pub floor_margin_db: f32,
    /// Gaps shorter than this inside speech (stops, breaths between words) are bridged.
    pub bridge_gap_s: f64,
    /// Sounds shorter than this are clicks, not speech.
    pub min_sound_s: f64,
    /// Voice-detector score that counts a frame as voiced.
    pub voice_score: f32,
    /// How far around a sound to look for voiced frames (earshot lags the signal).
    pub voice_slack_s: f64,
    /// Voiced frames needed for a sound to be speech.
    pub min_voiced_frames: usize,
}

impl Default for DetectorSettings {
    fn default() -> Self {
        DetectorSettings {
            floor_margin_db: 12.0,
            bridge_gap_s: 0.3,
            min_sound_s: 0.06,
            voice_score: 0.5,
            voice_slack_s: 0.5,
            min_voiced_frames: 3,
        }
    }
}

/// Per-frame measurements of a 16 kHz mono signal.
#[derive(Debug, Clone, Default)]
pub struct FrameStats {
    pub energy_db: Vec<f32>,
    pub voice: Vec<f32>,
}

/// Measures frame energy and voice scores. The voice detector runs at thousands of times real
/// time, so this is cheap next to transcription.
pub fn frame_stats(samples: &[f32]) -> FrameStats {
    let mut meter = FrameMeter::default();
    let mut stats = FrameStats::default();
    meter.push(samples, &mut stats);
    meter.finish(&mut stats);
    stats
}

/// [`frame_stats`] for a signal that arrives in pieces: the frames come out the same however
/// the signal is cut, so a take measured while it is recorded matches its file.
#[derive(Default)]
pub struct FrameMeter {
    detector: earshot::Detector,
    partial: Vec<f32>,
}

impl FrameMeter {
    /// Measures every whole frame `samples` completes.
    pub fn push(&mut self, mut samples: &[f32], out: &mut FrameStats) {
        if !self.partial.is_empty() {
            let need = FRAME - self.partial.len();
            let (head, rest) = samples.split_at(need.min(samples.len()));
            self.partial.extend_from_slice(head);
            samples = rest;
            if self.partial.len() < FRAME {
                return;
            }
            let frame = std::mem::take(&mut self.partial);
            self.measure(&frame, out);
        }
        let mut chunks = samples.chunks_exact(FRAME);
        for frame in &mut chunks {
            self.measure(frame, out);
        }
        self.partial.extend_from_slice(chunks.remainder());
    }

    /// Measures the last, partial frame (padded with silence), if there is one.
    pub fn finish(&mut self, out: &mut FrameStats) {
        if self.partial.is_empty() {
            return;
        }
        let mut frame = std::mem::take(&mut self.partial);
        frame.resize(FRAME, 0.0);
        self.measure(&frame, out);
    }

    fn measure(&mut self, frame: &[f32], out: &mut FrameStats) {
        let mean_square = frame.iter().map(|x| x * x).sum::<f32>() / FRAME as f32;
        out.energy_db.push(10.0 * mean_square.max(1e-12).log10());
        out.voice.push(self.detector.predict_f32(frame));
    }
}

/// Finds speech regions in a 16 kHz mono signal.
pub fn detect_speech(samples: &[f32], settings: &DetectorSettings) -> SpeechActivity {
    let stats = frame_stats(samples);
    let regions = regions_from_stats(&stats, settings);
    SpeechActivity {
        duration_s: samples.len() as f64 / ANALYSIS_RATE as f64,
        regions,
    }
}

/// The noise floor: the mean of the quietest 5 % of frames (digital silence counts as -90 dB).
pub fn noise_floor_db(energy_db: &[f32]) -> f32 {
    if energy_db.is_empty() {
        return -90.0;
    }
    let mut sorted: Vec<f32> = energy_db.iter().map(|e| e.max(-90.0)).collect();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let n = (sorted.len() / 20).max(1);
    sorted[..n].iter().sum::<f32>() / n as f32
}

/// The pure core: energy runs bridged over short gaps, kept only where the voice detector agrees.
pub fn regions_from_stats(stats: &FrameStats, s: &DetectorSettings) -> Vec<Span> {
    let threshold = noise_floor_db(&stats.energy_db) + s.floor_margin_db;
    let runs = loud_runs(stats, 0..stats.energy_db.len(), threshold, s);
    voiced_regions(stats, &runs, s)
}

/// Runs of frames louder than `threshold` within `frames`, as `[start, end)` frame indices,
/// bridged over gaps of up to `bridge_gap_s`.
pub fn loud_runs(
    stats: &FrameStats,
    frames: std::ops::Range<usize>,
    threshold: f32,
    s: &DetectorSettings,
) -> Vec<(usize, usize)> {
    let offset = frames.start;
    let loud: Vec<bool> = stats.energy_db[frames]
        .iter()
        .map(|&e| e > threshold)
        .collect();

    // Runs of loud frames as [start, end) frame indices, bridging short gaps.
    let bridge = (s.bridge_gap_s / FRAME_S).round() as usize;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < loud.len() {
        if !loud[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < loud.len() && loud[i] {
            i += 1;
        }
        match runs.last_mut() {
            Some(last) if start + offset - last.1 <= bridge => last.1 = i + offset,
            _ => runs.push((start + offset, i + offset)),
        }
    }
    runs
}

/// The runs long enough to be sounds and with enough voiced frames around them, as times.
pub fn voiced_regions(
    stats: &FrameStats,
    runs: &[(usize, usize)],
    s: &DetectorSettings,
) -> Vec<Span> {
    let min_frames = (s.min_sound_s / FRAME_S).ceil() as usize;
    let slack = (s.voice_slack_s / FRAME_S).round() as usize;
    runs.iter()
        .copied()
        .filter(|&(a, b)| b - a >= min_frames)
        .filter(|&(a, b)| {
            let lo = a.saturating_sub(slack);
            let hi = (b + slack).min(stats.voice.len());
            stats.voice[lo..hi]
                .iter()
                .filter(|&&v| v >= s.voice_score)
                .count()
                >= s.min_voiced_frames
        })
        .map(|(a, b)| Span {
            start: a as f64 * FRAME_S,
            end: b as f64 * FRAME_S,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frame stats for a timeline of (seconds, energy dB, voice score) pieces.
    fn stats(pieces: &[(f64, f32, f32)]) -> FrameStats {
        let mut energy_db = Vec::new();
        let mut voice = Vec::new();
        for &(secs, db, v) in pieces {
            let n = (secs / FRAME_S).round() as usize;
            energy_db.extend(std::iter::repeat_n(db, n));
            voice.extend(std::iter::repeat_n(v, n));
        }
        FrameStats { energy_db, voice }
    }

    #[test]
    fn voiced_sounds_become_regions_with_accurate_edges() {
        let st = stats(&[
            (1.0, -70.0, 0.0),
            (2.0, -25.0, 0.9),
            (3.0, -70.0, 0.0),
            (1.5, -28.0, 0.9),
            (1.0, -70.0, 0.0),
        ]);
        let r = regions_from_stats(&st, &DetectorSettings::default());
        assert_eq!(r.len(), 2);
        assert!(
            (r[0].start - 1.0).abs() < 0.03 && (r[0].end - 3.0).abs() < 0.03,
            "{r:?}"
        );
        assert!(
            (r[1].start - 6.0).abs() < 0.03 && (r[1].end - 7.5).abs() < 0.03,
            "{r:?}"
        );
    }

    #[test]
    fn short_dips_inside_speech_are_bridged() {
        let st = stats(&[
            (0.5, -70.0, 0.0),
            (1.0, -25.0, 0.9),
            (0.2, -70.0, 0.2),
            (1.0, -25.0, 0.9),
            (0.5, -70.0, 0.0),
        ]);
        assert_eq!(
            regions_from_stats(&st, &DetectorSettings::default()).len(),
            1
        );
    }

    #[test]
    fn unvoiced_noise_bursts_and_clicks_are_not_speech() {
        let st = stats(&[
            (1.0, -70.0, 0.0),
            (0.4, -20.0, 0.05),
            (1.0, -70.0, 0.0),
            (0.03, -10.0, 0.9),
            (1.0, -70.0, 0.0),
        ]);
        assert!(regions_from_stats(&st, &DetectorSettings::default()).is_empty());
    }

    #[test]
    fn noise_floor_follows_the_quietest_frames() {
        let st = stats(&[(1.0, -55.0, 0.0), (9.0, -25.0, 0.9)]);
        assert!((noise_floor_db(&st.energy_db) + 55.0).abs() < 0.01);
        assert_eq!(noise_floor_db(&[]), -90.0);
    }

    #[test]
    fn frames_are_the_same_however_the_signal_is_cut() {
        let signal: Vec<f32> = (0..16_000)
            .map(|i| 0.3 * (i as f32 * 0.05).sin() * ((i / 3000) % 2) as f32)
            .collect();
        let whole = frame_stats(&signal);
        let mut meter = FrameMeter::default();
        let mut pieces = FrameStats::default();
        for piece in signal.chunks(700) {
            meter.push(piece, &mut pieces);
        }
        meter.finish(&mut pieces);
        assert_eq!(whole.energy_db.len(), 16_000_usize.div_ceil(FRAME));
        assert_eq!(whole.energy_db, pieces.energy_db);
        assert_eq!(whole.voice, pieces.voice);
    }

    #[test]
    fn digital_silence_has_no_speech() {
        let a = detect_speech(&vec![0.0; 16_000 * 3], &DetectorSettings::default());
        assert!(a.regions.is_empty());
        assert_eq!(a.duration_s, 3.0);
    }
}
