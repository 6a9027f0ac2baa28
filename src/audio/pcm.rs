//! 16-bit PCM ↔ float samples, one convention everywhere: full scale is 32768 (cpal's and hound's
//! for i16 → f32), so a take's samples read back from its WAV are exactly the values the
//! recorder wrote and the live transcriber heard.

/// A float sample as 16-bit PCM: scaled by 32768, rounded, clamped.
pub fn to_i16(s: f32) -> i16 {
    (s * 32768.0).round().clamp(-32768.0, 32767.0) as i16
}

/// A 16-bit PCM sample as float, as a WAV reader gives it.
pub fn from_i16(v: i16) -> f32 {
    f32::from(v) / 32768.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_scale_is_32768_and_values_round_trip() {
        assert_eq!(to_i16(1.5), 32767);
        assert_eq!(to_i16(-1.0), -32768);
        assert_eq!(to_i16(0.5), 16384);
        assert_eq!(to_i16(f32::NAN), 0);
        for v in [i16::MIN, -12345, -1, 0, 1, 16384, i16::MAX] {
            assert_eq!(to_i16(from_i16(v)), v);
        }
    }
}
