//! The live level meter: what the recording thread publishes for the display (RMS and peak of
//! the last tenth of a second, how much has come in and been written, whether any sound was
//! heard), in atomics so neither side ever waits for the other.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

use super::silence::SILENT_START_S;

/// The meter publishes one value per window of this length.
const METER_WINDOW_S: f64 = 0.1;

/// The level reported for digital silence (log of zero).
pub const FLOOR_DBFS: f32 = -120.0;

/// Live values shared with the display. Levels are f32 bit patterns in atomics.
#[derive(Debug)]
pub struct LiveMeter {
    rms_bits: AtomicU32,
    peak_bits: AtomicU32,
    /// 16 kHz samples written to the WAV so far.
    samples_written: AtomicU64,
    /// Source frames (per channel) the writer has taken in.
    frames_in: AtomicU64,
    /// Set once any sample rises above the silence threshold.
    heard_sound: AtomicBool,
    source_rate: u32,
}

impl LiveMeter {
    pub fn new(source_rate: u32) -> Self {
        LiveMeter {
            rms_bits: AtomicU32::new(FLOOR_DBFS.to_bits()),
            peak_bits: AtomicU32::new(FLOOR_DBFS.to_bits()),
            samples_written: AtomicU64::new(0),
            frames_in: AtomicU64::new(0),
            heard_sound: AtomicBool::new(false),
            source_rate: source_rate.max(1),
        }
    }

    /// RMS level of the last ~0.1 s, in dBFS.
    pub fn rms_dbfs(&self) -> f32 {
        f32::from_bits(self.rms_bits.load(Ordering::Relaxed))
    }

    /// Peak level of the last ~0.1 s, in dBFS.
    #[cfg(test)]
    pub fn peak_dbfs(&self) -> f32 {
        f32::from_bits(self.peak_bits.load(Ordering::Relaxed))
    }

    #[cfg(test)]
    pub fn samples_written(&self) -> u64 {
        self.samples_written.load(Ordering::Relaxed)
    }

    /// Seconds of input taken in so far (audio time, not wall time).
    pub fn seconds_in(&self) -> f64 {
        self.frames_in.load(Ordering::Relaxed) as f64 / f64::from(self.source_rate)
    }

    pub fn heard_sound(&self) -> bool {
        self.heard_sound.load(Ordering::Relaxed)
    }

    /// True while the input has been silent from the start for at least SILENT_START_S.
    pub fn silent_so_far(&self) -> bool {
        !self.heard_sound() && self.seconds_in() >= SILENT_START_S
    }

    pub(super) fn set_frames_in(&self, frames: u64) {
        self.frames_in.store(frames, Ordering::Relaxed);
    }

    pub(super) fn set_samples_written(&self, samples: u64) {
        self.samples_written.store(samples, Ordering::Relaxed);
    }

    pub(super) fn set_heard_sound(&self) {
        self.heard_sound.store(true, Ordering::Relaxed);
    }

    fn publish(&self, rms: f32, peak: f32) {
        self.rms_bits.store(rms.to_bits(), Ordering::Relaxed);
        self.peak_bits.store(peak.to_bits(), Ordering::Relaxed);
    }
}

/// dBFS of an amplitude (1.0 = full scale), floored at FLOOR_DBFS for silence.
pub fn dbfs(amplitude: f32) -> f32 {
    if amplitude <= 0.0 || !amplitude.is_finite() {
        return FLOOR_DBFS;
    }
    (20.0 * amplitude.log10()).max(FLOOR_DBFS)
}

/// Accumulates RMS and peak over short windows and publishes each finished window.
pub(super) struct LevelWindow {
    len: usize,
    n: usize,
    sum_sq: f64,
    peak: f32,
}

impl LevelWindow {
    pub(super) fn new(rate: u32) -> Self {
        LevelWindow {
            len: ((f64::from(rate) * METER_WINDOW_S) as usize).max(1),
            n: 0,
            sum_sq: 0.0,
            peak: 0.0,
        }
    }

    pub(super) fn feed(&mut self, mono: &[f32], meter: &LiveMeter) {
        for &s in mono {
            self.sum_sq += f64::from(s) * f64::from(s);
            self.peak = self.peak.max(s.abs());
            self.n += 1;
            if self.n == self.len {
                let rms = (self.sum_sq / self.n as f64).sqrt() as f32;
                meter.publish(dbfs(rms), dbfs(self.peak));
                (self.n, self.sum_sq, self.peak) = (0, 0.0, 0.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_in_dbfs_with_a_floor_for_silence() {
        assert_eq!(dbfs(0.0), FLOOR_DBFS);
        assert_eq!(dbfs(f32::NAN), FLOOR_DBFS);
        assert!((dbfs(1.0)).abs() < 1e-6);
        assert!((dbfs(0.001) + 60.0).abs() < 1e-3);
    }

    #[test]
    fn each_tenth_of_a_second_publishes_its_own_rms_and_peak() {
        let meter = LiveMeter::new(1_000);
        let mut window = LevelWindow::new(1_000);
        // 100 samples make a window at 1 kHz: a loud one, then a quiet one.
        window.feed(&[0.5; 100], &meter);
        assert!((meter.peak_dbfs() - dbfs(0.5)).abs() < 1e-4);
        window.feed(&[0.01; 99], &meter);
        assert!(
            (meter.peak_dbfs() - dbfs(0.5)).abs() < 1e-4,
            "an unfinished window publishes nothing"
        );
        window.feed(&[0.01], &meter);
        assert!((meter.rms_dbfs() - dbfs(0.01)).abs() < 1e-3);
        assert!((meter.peak_dbfs() - dbfs(0.01)).abs() < 1e-3);
    }
}
