//! The silence watch: has the input made any sound yet, and did the take start silent (a muted
//! or dead microphone), which the session warns about while recording and after it.

/// Below this peak level (dBFS) input counts as silence: a muted or dead microphone gives
/// digital zero or faint noise far under it, while room tone from a live one is above.
pub const SILENCE_DBFS: f32 = -60.0;

/// How long silent input from the start must last before it counts as a silent start.
pub const SILENT_START_S: f64 = 3.0;

/// Follows the mono input block by block until the first sound.
#[derive(Debug)]
pub(super) struct SilenceWatch {
    threshold: f32,
    /// Frames of input that make a silent start.
    silent_limit: u64,
    frames_seen: u64,
    first_sound: Option<u64>,
}

impl SilenceWatch {
    pub(super) fn new(source_rate: u32) -> Self {
        SilenceWatch {
            threshold: 10f32.powf(SILENCE_DBFS / 20.0),
            silent_limit: (SILENT_START_S * f64::from(source_rate)) as u64,
            frames_seen: 0,
            first_sound: None,
        }
    }

    /// Takes the next block; true when it holds the first sound of the take.
    pub(super) fn feed(&mut self, mono: &[f32]) -> bool {
        let first = self.first_sound.is_none()
            && match mono.iter().position(|s| s.abs() > self.threshold) {
                Some(i) => {
                    self.first_sound = Some(self.frames_seen + i as u64);
                    true
                }
                None => false,
            };
        self.frames_seen += mono.len() as u64;
        first
    }

    /// True when the first SILENT_START_S (or the whole take, if shorter) was silent.
    pub(super) fn silent_start(&self) -> bool {
        match self.first_sound {
            None => self.frames_seen > 0,
            Some(at) => at >= self.silent_limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_is_silent_until_sound_comes_within_the_first_seconds() {
        // 10 frames a second: 30 frames are the first 3 s.
        let quiet = [0.0001_f32; 10];
        let loud = [0.0, 0.2, 0.0];
        let mut late = SilenceWatch::new(10);
        for _ in 0..3 {
            assert!(!late.feed(&quiet));
        }
        assert!(late.feed(&loud), "the first sound is reported once");
        assert!(!late.feed(&loud));
        assert!(late.silent_start(), "sound at 3.1 s: the start was silent");

        let mut early = SilenceWatch::new(10);
        early.feed(&quiet);
        early.feed(&quiet);
        assert!(early.feed(&loud));
        assert!(!early.silent_start(), "sound at 2.1 s");

        let mut short = SilenceWatch::new(10);
        assert!(!short.silent_start(), "nothing in yet: nothing to say");
        short.feed(&quiet);
        assert!(
            short.silent_start(),
            "a take silent to its end, however short"
        );
    }
}
