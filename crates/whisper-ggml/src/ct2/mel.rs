//! The mel filter bank whisper.cpp expects inside its model file, which CTranslate2 does not
//! store: computed here exactly as librosa computes it (the filters Whisper was trained with).

// librosa's Slaney mel scale: linear below 1 kHz (200/3 Hz per mel), logarithmic above.
const F_SP: f64 = 200.0 / 3.0;
const MIN_LOG_HZ: f64 = 1000.0;
const MIN_LOG_MEL: f64 = MIN_LOG_HZ / F_SP;

/// Mels per e-fold above 1 kHz, inverted: 27 mels per factor of 6.4.
fn log_step() -> f64 {
    6.4f64.ln() / 27.0
}

fn hz_to_mel(f: f64) -> f64 {
    if f >= MIN_LOG_HZ {
        MIN_LOG_MEL + (f / MIN_LOG_HZ).ln() / log_step()
    } else {
        f / F_SP
    }
}

fn mel_to_hz(m: f64) -> f64 {
    if m >= MIN_LOG_MEL {
        MIN_LOG_HZ * (log_step() * (m - MIN_LOG_MEL)).exp()
    } else {
        F_SP * m
    }
}

/// `librosa.filters.mel(sr, n_fft, n_mels)` with its defaults (fmin 0, fmax sr/2, Slaney scale,
/// Slaney area normalisation), row-major `n_mels × (n_fft/2 + 1)`.
///
/// Whisper was trained with exactly these filters (OpenAI's `mel_filters.npz` is this output), so
/// the arithmetic follows librosa/numpy step by step, including where numpy rounds to f32: the
/// triangle is computed in f64 and stored as f32, then scaled in f64 and stored as f32 again.
pub(crate) fn mel_filters(sr: f64, n_fft: usize, n_mels: usize) -> Vec<f32> {
    let n_freqs = n_fft / 2 + 1;
    // np.fft.rfftfreq(n_fft, d=1/sr)
    let step_hz = 1.0 / (n_fft as f64 * (1.0 / sr));
    let fftfreqs: Vec<f64> = (0..n_freqs).map(|k| k as f64 * step_hz).collect();
    // np.linspace(min_mel, max_mel, n_mels + 2), then back to Hz
    let (min_mel, max_mel) = (hz_to_mel(0.0), hz_to_mel(sr / 2.0));
    let num = n_mels + 2;
    let step = (max_mel - min_mel) / (num - 1) as f64;
    let mel_f: Vec<f64> = (0..num)
        .map(|i| {
            if i == num - 1 {
                max_mel
            } else {
                i as f64 * step + min_mel
            }
        })
        .map(mel_to_hz)
        .collect();

    let mut weights = vec![0f32; n_mels * n_freqs];
    for i in 0..n_mels {
        let fdiff_lo = mel_f[i + 1] - mel_f[i];
        let fdiff_hi = mel_f[i + 2] - mel_f[i + 1];
        let enorm = 2.0 / (mel_f[i + 2] - mel_f[i]);
        for (k, &f) in fftfreqs.iter().enumerate() {
            let lower = -(mel_f[i] - f) / fdiff_lo;
            let upper = (mel_f[i + 2] - f) / fdiff_hi;
            // np.minimum / np.maximum as numpy's x86 SIMD loops compute them (the second
            // operand wins ties), so even the sign of zero matches: librosa's [0][0] is -0.0.
            let m = if lower < upper { lower } else { upper };
            let tri = (if 0.0 > m { 0.0 } else { m }) as f32;
            weights[i * n_freqs + k] = (tri as f64 * enorm) as f32;
        }
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference entries of librosa's 80-band filter bank: (band, bin, f32 bits).
    const LIBROSA_MEL_80: &[(usize, usize, u32)] = &[
        (0, 0, 0x80000000),
        (0, 1, 0x3ccbaca4),
        (0, 2, 0x00000000),
        (1, 1, 0x3b027873),
        (1, 2, 0x3cbb5d95),
        (1, 3, 0x00000000),
        (2, 2, 0x3b827873),
        (2, 3, 0x3cab0e87),
        (2, 4, 0x00000000),
        (5, 5, 0x3c23168f),
        (5, 6, 0x3c7442b7),
        (5, 7, 0x00000000),
        (10, 10, 0x3ca3168f),
        (10, 11, 0x3ba2584f),
        (10, 12, 0x00000000),
        (15, 14, 0x3a857174),
        (15, 15, 0x3cc3558c),
        (15, 16, 0x00000000),
        (20, 19, 0x3c33c4be),
        (20, 20, 0x3c639489),
        (20, 21, 0x00000000),
        (30, 29, 0x3c81e485),
        (30, 30, 0x3c12d896),
        (30, 31, 0x00000000),
        (31, 30, 0x3c50b644),
        (31, 31, 0x3c4088a7),
        (31, 32, 0x00000000),
        (40, 42, 0x3bb14fa3),
        (40, 43, 0x3c716d72),
        (40, 44, 0x3bd5968a),
        (40, 45, 0x00000000),
        (50, 61, 0x3a54994e),
        (50, 63, 0x3c1b07c5),
        (50, 65, 0x3b3615cf),
        (50, 66, 0x00000000),
        (60, 90, 0x3abc06fc),
        (60, 93, 0x3bd7fa18),
        (60, 96, 0x3a5126c0),
        (60, 97, 0x00000000),
        (70, 132, 0x3a5e633c),
        (70, 137, 0x3b85af3f),
        (70, 141, 0x3a021ff5),
        (70, 142, 0x00000000),
        (78, 179, 0x39c9d74d),
        (78, 186, 0x3b4d4f0b),
        (78, 192, 0x396c311e),
        (78, 193, 0x00000000),
        (79, 186, 0x39c0473c),
        (79, 193, 0x3b4dde7e),
        (79, 199, 0x39eb476a),
        (79, 200, 0x00000000),
    ];
    const LIBROSA_MEL_80_SUM: f64 = 1.999024092387117;

    #[test]
    fn mel_filters_match_librosa() {
        let m = mel_filters(16_000.0, 400, 80);
        assert_eq!(m.len(), 80 * 201);
        // Reference values from librosa 0.11 `filters.mel(sr=16000, n_fft=400, n_mels=80)`,
        // compared bit for bit (as f32 bit patterns).
        for &(i, j, bits) in LIBROSA_MEL_80 {
            assert_eq!(
                m[i * 201 + j].to_bits(),
                bits,
                "entry [{i}, {j}] = {}",
                m[i * 201 + j]
            );
        }
        let sum: f64 = m.iter().map(|&v| v as f64).sum();
        assert!((sum - LIBROSA_MEL_80_SUM).abs() < 1e-9, "sum {sum}");
    }

    #[test]
    fn mel_filters_are_ordered_nonnegative_triangles() {
        let n_freq = 201;
        let m = mel_filters(16_000.0, 400, 80);
        let mut last_peak = 0;
        for i in 0..80 {
            let row = &m[i * n_freq..(i + 1) * n_freq];
            assert!(row.iter().all(|&v| v >= 0.0 && v.is_finite()));
            let peak = (0..n_freq)
                .max_by(|&a, &b| row[a].total_cmp(&row[b]))
                .unwrap();
            assert!(row[peak] > 0.0, "filter {i} is empty");
            assert!(peak >= last_peak, "peaks move up in frequency");
            last_peak = peak;
            // Support is one contiguous run of bins.
            let nz: Vec<usize> = (0..n_freq).filter(|&k| row[k] > 0.0).collect();
            assert_eq!(nz.last().unwrap() - nz[0] + 1, nz.len());
        }
        // Slaney normalisation: each triangle has unit area in Hz, so the top filters (wide
        // enough to be sampled well by 40 Hz bins) sum to about 1/40.
        for i in 60..79 {
            let s: f32 = m[i * n_freq..(i + 1) * n_freq].iter().sum();
            assert!(
                (s * 40.0 - 1.0).abs() < 0.05,
                "filter {i}: area {}",
                s * 40.0
            );
        }
        // large-v3 uses 128 bands; spot-check them against librosa too.
        let m = mel_filters(16_000.0, 400, 128);
        assert_eq!(m.len(), 128 * 201);
        for (i, j, bits) in [
            (0, 1, 0x3c4abc43u32),
            (3, 2, 0x3c939bb3),
            (64, 43, 0x3c9434aa),
            (100, 102, 0x3c1a29f4),
            (127, 195, 0x3ba53405),
        ] {
            assert_eq!(
                m[i * n_freq + j].to_bits(),
                bits,
                "128-band entry [{i}, {j}]"
            );
        }
    }
}
