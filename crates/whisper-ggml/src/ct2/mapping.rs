//! Mapping CTranslate2's Whisper tensors onto the tensors whisper.cpp loads: names, shapes,
//! element types, fused projections split, and the hyper-parameters derived from the shapes.
//! Everything is decided here before a byte is written; a missing, misshapen or left-over tensor
//! is an error naming it.

use std::collections::HashMap;
use std::path::Path;

use super::reader::Ct2Index;
use super::{ConvertError, OutputType};
use crate::ggml::{Hparams, TensorHeader, TensorType};

/// A contiguous run of elements of one CTranslate2 variable (fused q/k/v weights are split this way).
#[derive(Debug, Clone, Copy)]
pub(super) struct Slice {
    pub(super) var: usize,
    pub(super) start: u64,
    pub(super) count: u64,
}

/// One tensor of the ggml file and where its values come from.
#[derive(Debug, Clone)]
pub(super) struct OutTensor {
    pub(super) name: String,
    /// ggml order: the row-major shape reversed.
    pub(super) ne: Vec<u64>,
    pub(super) ty: TensorType,
    pub(super) slice: Slice,
}

impl OutTensor {
    /// The tensor's header in the ggml file (every size was checked to fit an `i32`).
    pub(super) fn header(&self) -> TensorHeader {
        TensorHeader {
            name: self.name.as_bytes().to_vec(),
            type_id: self.ty.id(),
            ne: self.ne.iter().map(|&n| n as i32).collect(),
        }
    }
}

pub(super) struct Plan {
    pub(super) hp: Hparams,
    pub(super) tensors: Vec<OutTensor>,
    /// Key-bias parts of fused biases: Whisper has no key bias, CTranslate2 stores zeros there.
    /// Dropping them is only correct if they really are zero, so they are checked before writing.
    pub(super) must_be_zero: Vec<(String, Slice)>,
}

/// How a tensor is stored by whisper.cpp; decides its element type and shape in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// 2-D weight matrix: the model's weight type (f16, or q8_0 when quantizing).
    Matrix,
    /// Convolution kernel: always f16 — whisper.cpp creates conv weights as f16 unless the
    /// whole model is f32, and its quantize tool leaves 3-D tensors alone.
    Conv,
    /// Convolution bias: f32, reshaped from [n] to ggml [1, n] as whisper.cpp declares it.
    ConvBias,
    /// Positional embedding: f32 (whisper.cpp adds it to activations directly).
    PosEmb,
    /// Biases and layer-norm parameters: f32.
    Vector,
}

struct Planner<'a> {
    index: &'a Ct2Index,
    path: &'a Path,
    by_name: HashMap<&'a str, usize>,
    used: Vec<bool>,
    output_type: OutputType,
    tensors: Vec<OutTensor>,
    must_be_zero: Vec<(String, Slice)>,
}

impl Planner<'_> {
    fn unexpected(&self, name: &str, reason: String) -> ConvertError {
        ConvertError::UnexpectedTensor {
            path: self.path.to_path_buf(),
            name: name.into(),
            reason,
        }
    }

    fn unsupported(&self, reason: String) -> ConvertError {
        ConvertError::Unsupported {
            path: self.path.to_path_buf(),
            reason,
        }
    }

    fn var(&mut self, name: &str) -> Result<usize, ConvertError> {
        let i = *self
            .by_name
            .get(name)
            .ok_or_else(|| ConvertError::MissingTensor {
                path: self.path.to_path_buf(),
                name: name.into(),
            })?;
        self.used[i] = true;
        let v = &self.index.vars[i];
        if !v.dtype.is_float() {
            return Err(self.unexpected(
                name,
                format!(
                    "stored as {}: quantized CTranslate2 models cannot be imported",
                    v.dtype.name()
                ),
            ));
        }
        Ok(i)
    }

    fn shaped(&mut self, name: &str, dims: &[usize]) -> Result<usize, ConvertError> {
        let i = self.var(name)?;
        let have = &self.index.vars[i].dims;
        if have.len() != dims.len() || have.iter().zip(dims).any(|(&a, &b)| a != b as u64) {
            return Err(self.unexpected(name, format!("shape {have:?}, expected {dims:?}")));
        }
        Ok(i)
    }

    /// Emits `rows` rows (along the first dimension) of variable `var`, starting at `first_row`.
    fn emit(
        &mut self,
        name: String,
        var: usize,
        first_row: u64,
        rows: u64,
        role: Role,
    ) -> Result<(), ConvertError> {
        let dims = &self.index.vars[var].dims;
        let inner: u64 = dims[1..].iter().product();
        let mut shape = dims.clone();
        shape[0] = rows;
        let mut ne: Vec<u64> = shape.iter().rev().copied().collect();
        let ty = match role {
            Role::Matrix => self.output_type.weight_type(),
            Role::Conv => TensorType::F16,
            Role::PosEmb | Role::Vector => TensorType::F32,
            Role::ConvBias => {
                ne = vec![1, rows];
                TensorType::F32
            }
        };
        if ne[0] % ty.block_len() != 0 {
            return Err(self.unsupported(format!(
                "tensor {name} has rows of {} values, not a multiple of {}, so it cannot be stored as {ty}; use --type f16",
                ne[0],
                ty.block_len()
            )));
        }
        if ne.iter().any(|&n| n > i32::MAX as u64) {
            return Err(self.unsupported(format!("tensor {name} is too large for a ggml file")));
        }
        let slice = Slice {
            var,
            start: first_row * inner,
            count: rows * inner,
        };
        self.tensors.push(OutTensor {
            name,
            ne,
            ty,
            slice,
        });
        Ok(())
    }

    /// A whole linear layer: `{src}/weight` [rows, cols] and `{src}/bias` [rows].
    fn linear(
        &mut self,
        src: &str,
        dst: &str,
        rows: usize,
        cols: usize,
    ) -> Result<(), ConvertError> {
        let w = self.shaped(&format!("{src}/weight"), &[rows, cols])?;
        let b = self.shaped(&format!("{src}/bias"), &[rows])?;
        self.emit(format!("{dst}.weight"), w, 0, rows as u64, Role::Matrix)?;
        self.emit(format!("{dst}.bias"), b, 0, rows as u64, Role::Vector)
    }

    fn layer_norm(&mut self, src: &str, dst: &str, d: usize) -> Result<(), ConvertError> {
        let g = self.shaped(&format!("{src}/gamma"), &[d])?;
        let b = self.shaped(&format!("{src}/beta"), &[d])?;
        self.emit(format!("{dst}.weight"), g, 0, d as u64, Role::Vector)?;
        self.emit(format!("{dst}.bias"), b, 0, d as u64, Role::Vector)
    }

    /// Splits fused projections: `parts` names the output prefix of each d-row block, in order.
    /// The key block gets no bias (Whisper has none); its bias rows must be zero.
    fn fused(&mut self, src: &str, parts: &[&str], d: usize) -> Result<(), ConvertError> {
        let n = parts.len();
        let w = self.shaped(&format!("{src}/weight"), &[n * d, d])?;
        let bias_name = format!("{src}/bias");
        let b = self.shaped(&bias_name, &[n * d])?;
        for (k, dst) in parts.iter().enumerate() {
            let first = (k * d) as u64;
            self.emit(format!("{dst}.weight"), w, first, d as u64, Role::Matrix)?;
            if dst.ends_with(".key") {
                let slice = Slice {
                    var: b,
                    start: first,
                    count: d as u64,
                };
                self.must_be_zero.push((bias_name.clone(), slice));
            } else {
                self.emit(format!("{dst}.bias"), b, first, d as u64, Role::Vector)?;
            }
        }
        Ok(())
    }

    fn ffn(&mut self, src: &str, dst: &str, d: usize) -> Result<(), ConvertError> {
        // whisper.cpp hard-codes the MLP width as 4 × n_state.
        self.linear(
            &format!("{src}/ffn/linear_0"),
            &format!("{dst}.mlp.0"),
            4 * d,
            d,
        )?;
        let w = self.shaped(&format!("{src}/ffn/linear_1/weight"), &[d, 4 * d])?;
        let b = self.shaped(&format!("{src}/ffn/linear_1/bias"), &[d])?;
        self.emit(format!("{dst}.mlp.2.weight"), w, 0, d as u64, Role::Matrix)?;
        self.emit(format!("{dst}.mlp.2.bias"), b, 0, d as u64, Role::Vector)?;
        self.layer_norm(
            &format!("{src}/ffn/layer_norm"),
            &format!("{dst}.mlp_ln"),
            d,
        )
    }

    fn self_attention(&mut self, src: &str, dst: &str, d: usize) -> Result<(), ConvertError> {
        let sa = format!("{src}/self_attention");
        let parts = [
            format!("{dst}.attn.query"),
            format!("{dst}.attn.key"),
            format!("{dst}.attn.value"),
        ];
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        self.fused(&format!("{sa}/linear_0"), &parts, d)?;
        self.linear(&format!("{sa}/linear_1"), &format!("{dst}.attn.out"), d, d)?;
        self.layer_norm(&format!("{sa}/layer_norm"), &format!("{dst}.attn_ln"), d)
    }

    fn cross_attention(&mut self, src: &str, dst: &str, d: usize) -> Result<(), ConvertError> {
        let ca = format!("{src}/attention");
        self.linear(
            &format!("{ca}/linear_0"),
            &format!("{dst}.cross_attn.query"),
            d,
            d,
        )?;
        let parts = [
            format!("{dst}.cross_attn.key"),
            format!("{dst}.cross_attn.value"),
        ];
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        self.fused(&format!("{ca}/linear_1"), &parts, d)?;
        self.linear(
            &format!("{ca}/linear_2"),
            &format!("{dst}.cross_attn.out"),
            d,
            d,
        )?;
        self.layer_norm(
            &format!("{ca}/layer_norm"),
            &format!("{dst}.cross_attn_ln"),
            d,
        )
    }

    fn num_heads(&self, name: &str, d: usize) -> Result<usize, ConvertError> {
        // CTranslate2 stores the head count as a scalar; every Whisper size uses 64-wide heads,
        // which is the fallback if a converter left it out.
        let heads = match self.by_name.get(name) {
            Some(&i) => self.index.vars[i]
                .scalar_int()
                .ok_or_else(|| self.unexpected(name, "expected an integer scalar".into()))?,
            None => (d / 64) as i64,
        };
        if heads <= 0 || d % heads as usize != 0 {
            return Err(self.unexpected(name, format!("{heads} heads do not divide the width {d}")));
        }
        Ok(heads as usize)
    }
}

/// Number of `{prefix}layer_<N>/` blocks (note `encoder/layer_norm` also starts with `layer_`).
pub(super) fn count_layers(index: &Ct2Index, prefix: &str) -> usize {
    let names = index
        .vars
        .iter()
        .map(|v| v.name.as_str())
        .chain(index.aliases.iter().map(|a| a.0.as_str()));
    names
        .filter_map(|n| {
            let rest = n.strip_prefix(prefix)?.strip_prefix("layer_")?;
            let digits = rest.find(|c: char| !c.is_ascii_digit())?;
            if digits == 0 || !rest[digits..].starts_with('/') {
                return None;
            }
            rest[..digits].parse::<usize>().ok()
        })
        .max()
        .map_or(0, |m| m + 1)
}

/// Derives the hyperparameters from tensor shapes and lists every output tensor with its source.
/// Fails before anything is written if a tensor is missing, misshapen or left over.
pub(super) fn plan_tensors(
    index: &Ct2Index,
    path: &Path,
    output_type: OutputType,
) -> Result<Plan, ConvertError> {
    if index.spec != "WhisperSpec" {
        return Err(ConvertError::Unsupported {
            path: path.to_path_buf(),
            reason: format!(
                "it holds a CTranslate2 '{}' model, not Whisper (WhisperSpec); use a CTranslate2 Whisper model",
                index.spec
            ),
        });
    }
    if let Some(v) = index.vars.iter().find(|v| v.name.ends_with("weight_scale")) {
        return Err(ConvertError::UnexpectedTensor {
            path: path.to_path_buf(),
            name: v.name.clone(),
            reason: "the model is int8-quantized; re-convert it with --quantization float16".into(),
        });
    }

    let mut by_name: HashMap<&str, usize> = index
        .vars
        .iter()
        .enumerate()
        .map(|(i, v)| (v.name.as_str(), i))
        .collect();
    for (alias, target) in &index.aliases {
        if let Some(&i) = by_name.get(target.as_str()) {
            by_name.entry(alias.as_str()).or_insert(i);
        }
    }
    let mut p = Planner {
        index,
        path,
        by_name,
        used: vec![false; index.vars.len()],
        output_type,
        tensors: Vec::new(),
        must_be_zero: Vec::new(),
    };

    // Dimensions come from the shapes, so any Whisper size (tiny … large) is handled.
    let conv1 = p.var("encoder/conv1/weight")?;
    let (d, n_mels) = match index.vars[conv1].dims[..] {
        [d, m, 3] => (d as usize, m as usize),
        ref dims => {
            return Err(p.unexpected(
                "encoder/conv1/weight",
                format!("shape {dims:?}, expected [n_state, n_mels, 3]"),
            ))
        }
    };
    let enc_pe = p.var("encoder/position_encodings/encodings")?;
    let n_audio_ctx = match index.vars[enc_pe].dims[..] {
        [n, w] if w as usize == d => n as usize,
        ref dims => {
            return Err(p.unexpected(
                "encoder/position_encodings/encodings",
                format!("shape {dims:?}, expected [n_audio_ctx, {d}]"),
            ))
        }
    };
    let emb = p.var("decoder/embeddings/weight")?;
    let (n_vocab, d_text) = match index.vars[emb].dims[..] {
        [v, w] => (v as usize, w as usize),
        ref dims => {
            return Err(p.unexpected(
                "decoder/embeddings/weight",
                format!("shape {dims:?}, expected [n_vocab, n_state]"),
            ))
        }
    };
    if d_text != d {
        return Err(p.unsupported(format!(
            "the decoder width {d_text} differs from the encoder width {d}, which whisper.cpp requires to be equal; use a standard Whisper model"
        )));
    }
    let dec_pe = p.var("decoder/position_encodings/encodings")?;
    let n_text_ctx = match index.vars[dec_pe].dims[..] {
        [n, w] if w as usize == d => n as usize,
        ref dims => {
            return Err(p.unexpected(
                "decoder/position_encodings/encodings",
                format!("shape {dims:?}, expected [n_text_ctx, {d}]"),
            ))
        }
    };
    let n_audio_layer = count_layers(index, "encoder/");
    let n_text_layer = count_layers(index, "decoder/");
    if n_audio_layer == 0 {
        return Err(ConvertError::MissingTensor {
            path: path.to_path_buf(),
            name: "encoder/layer_0/…".into(),
        });
    }
    if n_text_layer == 0 {
        return Err(ConvertError::MissingTensor {
            path: path.to_path_buf(),
            name: "decoder/layer_0/…".into(),
        });
    }
    let n_audio_head = p.num_heads("encoder/num_heads", d)?;
    let n_text_head = p.num_heads("decoder/num_heads", d)?;

    // Encoder
    p.emit(
        "encoder.positional_embedding".into(),
        enc_pe,
        0,
        n_audio_ctx as u64,
        Role::PosEmb,
    )?;
    p.emit(
        "encoder.conv1.weight".into(),
        conv1,
        0,
        d as u64,
        Role::Conv,
    )?;
    let b = p.shaped("encoder/conv1/bias", &[d])?;
    p.emit("encoder.conv1.bias".into(), b, 0, d as u64, Role::ConvBias)?;
    let w = p.shaped("encoder/conv2/weight", &[d, d, 3])?;
    p.emit("encoder.conv2.weight".into(), w, 0, d as u64, Role::Conv)?;
    let b = p.shaped("encoder/conv2/bias", &[d])?;
    p.emit("encoder.conv2.bias".into(), b, 0, d as u64, Role::ConvBias)?;
    for i in 0..n_audio_layer {
        let (src, dst) = (format!("encoder/layer_{i}"), format!("encoder.blocks.{i}"));
        p.self_attention(&src, &dst, d)?;
        p.ffn(&src, &dst, d)?;
    }
    p.layer_norm("encoder/layer_norm", "encoder.ln_post", d)?;

    // Decoder. The output projection is an alias of the token embedding (tied weights);
    // whisper.cpp reuses the embedding, so it is not written.
    p.emit(
        "decoder.positional_embedding".into(),
        dec_pe,
        0,
        n_text_ctx as u64,
        Role::PosEmb,
    )?;
    p.emit(
        "decoder.token_embedding.weight".into(),
        emb,
        0,
        n_vocab as u64,
        Role::Matrix,
    )?;
    for i in 0..n_text_layer {
        let (src, dst) = (format!("decoder/layer_{i}"), format!("decoder.blocks.{i}"));
        p.self_attention(&src, &dst, d)?;
        p.cross_attention(&src, &dst, d)?;
        p.ffn(&src, &dst, d)?;
    }
    p.layer_norm("decoder/layer_norm", "decoder.ln", d)?;

    // Anything with data that we did not map would be silently lost: refuse instead. Scalars
    // are spec settings (num_heads, pre_norm, activation …) and carry no weights.
    if let Some(v) = index
        .vars
        .iter()
        .zip(&p.used)
        .find(|(v, used)| !**used && !v.dims.is_empty())
        .map(|(v, _)| v)
    {
        return Err(p.unexpected(
            &v.name,
            "not part of a Whisper model that whisper.cpp can load".into(),
        ));
    }

    let hp_values = [
        n_vocab,
        n_audio_ctx,
        d,
        n_mels,
        n_text_ctx,
        n_audio_layer,
        n_text_layer,
    ];
    if hp_values.iter().any(|&v| v > i32::MAX as usize) {
        return Err(p.unsupported("its dimensions do not fit a ggml header".into()));
    }
    // Every value fits an i32 (heads divide the width, so they fit too).
    let hp = Hparams {
        n_vocab: n_vocab as i32,
        n_audio_ctx: n_audio_ctx as i32,
        n_audio_state: d as i32,
        n_audio_head: n_audio_head as i32,
        n_audio_layer: n_audio_layer as i32,
        n_text_ctx: n_text_ctx as i32,
        n_text_state: d as i32,
        n_text_head: n_text_head as i32,
        n_text_layer: n_text_layer as i32,
        n_mels: n_mels as i32,
        ftype: output_type.weight_type().ftype(),
    };
    Ok(Plan {
        hp,
        tensors: p.tensors,
        must_be_zero: p.must_be_zero,
    })
}
