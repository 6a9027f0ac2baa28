//! Tensor values: decoding CTranslate2's float types, and encoding ggml's f32, f16 and q8_0
//! (the quantiser follows ggml's reference, so its output matches whisper.cpp's quantize tool).

use half::{bf16, f16};

use super::reader::Ct2Dtype;
use crate::ggml::TensorType;

/// Values per q8_0 block; a block is an f16 scale followed by that many signed bytes.
const QK8_0: usize = TensorType::Q8_0.block_len() as usize;
const Q8_0_BLOCK_BYTES: usize = TensorType::Q8_0.block_bytes() as usize;

pub(super) fn decode_f32(dtype: Ct2Dtype, raw: &[u8], out: &mut Vec<f32>) {
    out.clear();
    match dtype {
        Ct2Dtype::F32 => out.extend(
            raw.chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])),
        ),
        Ct2Dtype::F16 => out.extend(
            raw.chunks_exact(2)
                .map(|c| f16::from_le_bytes([c[0], c[1]]).to_f32()),
        ),
        Ct2Dtype::Bf16 => out.extend(
            raw.chunks_exact(2)
                .map(|c| bf16::from_le_bytes([c[0], c[1]]).to_f32()),
        ),
        // Integer tensors are rejected while planning.
        Ct2Dtype::I8 | Ct2Dtype::I16 | Ct2Dtype::I32 => {
            unreachable!("integer tensors are never converted")
        }
    }
}

/// ggml's reference q8_0 quantizer (`quantize_row_q8_0_ref`), which whisper.cpp's quantize tool
/// uses: per block of 32, d = max|x| / 127, q = round(x / d) (computed as x · (1/d) in f32, rounded
/// half away from zero), d stored as f16. `x.len()` must be a multiple of 32.
fn quantize_q8_0(x: &[f32], out: &mut Vec<u8>) {
    debug_assert_eq!(x.len() % QK8_0, 0);
    out.reserve(x.len() / QK8_0 * Q8_0_BLOCK_BYTES);
    for block in x.chunks_exact(QK8_0) {
        let amax = block.iter().fold(0f32, |m, v| m.max(v.abs()));
        let d = amax / 127.0;
        let id = if d != 0.0 { 1.0 / d } else { 0.0 };
        out.extend_from_slice(&f16::from_f32(d).to_le_bytes());
        out.extend(block.iter().map(|&v| ((v * id).round() as i8) as u8));
    }
}

/// Inverse of [`quantize_q8_0`] (used by tests to bound the error).
#[cfg(test)]
fn dequantize_q8_0(blocks: &[u8]) -> Vec<f32> {
    blocks
        .chunks_exact(Q8_0_BLOCK_BYTES)
        .flat_map(|b| {
            let d = f16::from_le_bytes([b[0], b[1]]).to_f32();
            b[2..].iter().map(move |&q| q as i8 as f32 * d)
        })
        .collect()
}

pub(super) fn encode(ty: TensorType, vals: &[f32], out: &mut Vec<u8>) {
    out.clear();
    match ty {
        TensorType::F32 => out.extend(vals.iter().flat_map(|v| v.to_le_bytes())),
        TensorType::F16 => out.extend(vals.iter().flat_map(|&v| f16::from_f32(v).to_le_bytes())),
        TensorType::Q8_0 => quantize_q8_0(vals, out),
        // The tensor plan only ever chooses the three types above.
        other => unreachable!("the importer does not write {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_a_scale_and_a_byte_per_value() {
        assert_eq!(Q8_0_BLOCK_BYTES, 2 + QK8_0);
    }

    #[test]
    fn q8_0_round_trip_error_is_bounded() {
        let mut x: Vec<f32> = (0..32 * 64)
            .map(|i| (i as f32 * 0.7318).sin() * (i % 97) as f32 * 0.013)
            .collect();
        x[40] = 3.5; // one outlier in block 1
        x[64..96].iter_mut().for_each(|v| *v = 0.0); // an all-zero block
        let mut q = Vec::new();
        quantize_q8_0(&x, &mut q);
        assert_eq!(q.len(), x.len() / 32 * 34);
        let y = dequantize_q8_0(&q);
        for (b, (xb, yb)) in x.chunks(32).zip(y.chunks(32)).enumerate() {
            let amax = xb.iter().fold(0f32, |m, v| m.max(v.abs()));
            // Half a quantization step, plus the f16 rounding of the scale (2^-11 relative)
            // applied to values up to 127 steps.
            let bound = amax / 127.0 * 0.5 + amax * 2f32.powi(-10) + 1e-7;
            for (a, c) in xb.iter().zip(yb) {
                assert!(
                    (a - c).abs() <= bound,
                    "block {b}: {a} vs {c}, bound {bound}"
                );
            }
        }
        assert!(y[64..96].iter().all(|&v| v == 0.0));
        // The extreme value of a block maps to ±127 exactly.
        assert_eq!(q[34 + 2 + 8] as i8, 127);
    }
}
