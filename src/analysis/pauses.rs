//! Long pauses: silences inside the answer (between two stretches of speech) at least as long as
//! the threshold. Measured from the audio signal's speech regions, never from recogniser word
//! times, which absorb silence. Silence before the first word is response latency and
//! silence after the last word is the end of the take; neither is a pause.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::units::{round2, Span};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Pause {
    pub start: f64,
    pub end: f64,
    pub duration: f64,
}

/// The gaps between consecutive speech regions that last at least `threshold_s`.
pub fn long_pauses(regions: &[Span], threshold_s: f64) -> Vec<Pause> {
    regions
        .windows(2)
        .filter_map(|pair| {
            let (start, end) = (pair[0].end, pair[1].start);
            let duration = end - start;
            // Compare before rounding so a 1.996 s gap is not reported as a 2.00 s pause.
            (duration >= threshold_s).then(|| Pause {
                start: round2(start),
                end: round2(end),
                duration: round2(duration),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::spans;

    #[test]
    fn only_gaps_between_speech_at_or_over_threshold() {
        let regions = spans(&[(1.5, 4.0), (4.5, 8.0), (10.0, 12.0), (18.25, 20.0)]);
        let p = long_pauses(&regions, 2.0);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].start, p[0].end, p[0].duration), (8.0, 10.0, 2.0));
        assert_eq!((p[1].start, p[1].end, p[1].duration), (12.0, 18.25, 6.25));
    }

    #[test]
    fn leading_and_trailing_silence_are_not_pauses() {
        assert!(long_pauses(&spans(&[(5.0, 6.0)]), 2.0).is_empty());
        assert!(long_pauses(&[], 2.0).is_empty());
    }

    #[test]
    fn threshold_is_configurable() {
        let regions = spans(&[(0.0, 1.0), (2.2, 3.0)]);
        assert_eq!(long_pauses(&regions, 1.0).len(), 1);
        assert!(long_pauses(&regions, 1.5).is_empty());
    }
}
