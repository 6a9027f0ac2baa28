//! whisper.cpp's model file (the "ggml" format its loader reads): the one place that knows its
//! layout. Everything else (the check in [`check`], the writer in [`write`], the importer, the
//! application) takes the magic number, the header, the element types and their block sizes, and
//! the list of tensors a model must hold from here.
//!
//! The file, all little-endian:
//! 1. the magic `0x67676d6c`;
//! 2. eleven `i32` hyper-parameters ([`Hparams`]);
//! 3. the mel filter bank: `i32` bands, `i32` frequency bins, then bands × bins `f32`;
//! 4. the vocabulary: `i32` count, then per token a `u32` length and the raw bytes;
//! 5. tensors until the end of the file, each a header ([`TensorHeader`]: `i32` dimension count,
//!    `i32` name length, `i32` element type, `i32` sizes innermost first, the name) and its data.
//!
//! whisper.cpp creates the tensors it expects from the hyper-parameters ([`Hparams::expected_tensors`])
//! and fills each one from the file by name.

pub mod check;
pub mod write;

use std::fmt;

/// "ggml" read as a little-endian `u32`: the first four bytes of every whisper.cpp model.
pub const MAGIC: u32 = 0x6767_6d6c;

/// Bytes before the mel filter bank: the magic and eleven `i32` hyper-parameters.
pub const HEADER_BYTES: usize = 4 + 11 * 4;

/// Frequency bins of whisper.cpp's 400-sample FFT (`1 + 400 / 2`): the filter bank's width.
pub const MEL_FREQ_BINS: usize = 201;

/// whisper.cpp's quantize tool stores `QNT_VERSION * QNT_VERSION_FACTOR + ftype` in the ftype
/// field of a quantized model, and the loader splits it again (`ftype % 1000`).
pub const QNT_VERSION: i32 = 2;
pub const QNT_VERSION_FACTOR: i32 = 1000;

/// The most dimensions a tensor header may declare (the loader reads sizes into an array of four).
pub const MAX_DIMS: usize = 4;

/// Element types of tensors, with ggml's ids and block layout. Only the types whisper.cpp's own
/// tools write are listed; a file with another type is not one whisper.cpp's tooling makes.
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TensorType {
    F32,
    F16,
    BF16,
    Q4_0,
    Q4_1,
    Q5_0,
    Q5_1,
    Q8_0,
    Q2_K,
    Q3_K,
    Q4_K,
    Q5_K,
    Q6_K,
}

impl TensorType {
    const ALL: [TensorType; 13] = [
        TensorType::F32,
        TensorType::F16,
        TensorType::BF16,
        TensorType::Q4_0,
        TensorType::Q4_1,
        TensorType::Q5_0,
        TensorType::Q5_1,
        TensorType::Q8_0,
        TensorType::Q2_K,
        TensorType::Q3_K,
        TensorType::Q4_K,
        TensorType::Q5_K,
        TensorType::Q6_K,
    ];

    /// ggml's id of the type, as written in tensor headers (`enum ggml_type`).
    pub const fn id(self) -> i32 {
        match self {
            TensorType::F32 => 0,
            TensorType::F16 => 1,
            TensorType::BF16 => 30,
            TensorType::Q4_0 => 2,
            TensorType::Q4_1 => 3,
            TensorType::Q5_0 => 6,
            TensorType::Q5_1 => 7,
            TensorType::Q8_0 => 8,
            TensorType::Q2_K => 10,
            TensorType::Q3_K => 11,
            TensorType::Q4_K => 12,
            TensorType::Q5_K => 13,
            TensorType::Q6_K => 14,
        }
    }

    /// The ftype of a model whose weight matrices have this type (`enum ggml_ftype`), without
    /// the quantization version.
    const fn plain_ftype(self) -> i32 {
        match self {
            TensorType::F32 => 0,
            TensorType::F16 => 1,
            TensorType::BF16 => 24,
            TensorType::Q4_0 => 2,
            TensorType::Q4_1 => 3,
            TensorType::Q5_0 => 8,
            TensorType::Q5_1 => 9,
            TensorType::Q8_0 => 7,
            TensorType::Q2_K => 10,
            TensorType::Q3_K => 11,
            TensorType::Q4_K => 12,
            TensorType::Q5_K => 13,
            TensorType::Q6_K => 14,
        }
    }

    /// Values per block (1 for plain floats).
    pub const fn block_len(self) -> u64 {
        match self {
            TensorType::F32 | TensorType::F16 | TensorType::BF16 => 1,
            TensorType::Q4_0
            | TensorType::Q4_1
            | TensorType::Q5_0
            | TensorType::Q5_1
            | TensorType::Q8_0 => 32,
            TensorType::Q2_K
            | TensorType::Q3_K
            | TensorType::Q4_K
            | TensorType::Q5_K
            | TensorType::Q6_K => 256,
        }
    }

    /// Bytes per block (ggml's `block_*` structs).
    pub const fn block_bytes(self) -> u64 {
        match self {
            TensorType::F32 => 4,
            TensorType::F16 | TensorType::BF16 => 2,
            TensorType::Q4_0 => 18,
            TensorType::Q4_1 => 20,
            TensorType::Q5_0 => 22,
            TensorType::Q5_1 => 24,
            TensorType::Q8_0 => 34,
            TensorType::Q2_K => 84,
            TensorType::Q3_K => 110,
            TensorType::Q4_K => 144,
            TensorType::Q5_K => 176,
            TensorType::Q6_K => 210,
        }
    }

    /// The type with ggml id `id` (the `type` field of a tensor header).
    pub fn from_id(id: i32) -> Option<TensorType> {
        Self::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The weight type of a model whose header says `ftype` (the quantization version removed).
    pub fn from_ftype(ftype: i32) -> Option<TensorType> {
        let plain = ftype % QNT_VERSION_FACTOR;
        Self::ALL.into_iter().find(|t| t.plain_ftype() == plain)
    }

    /// The header's ftype for a model whose weight matrices have this type, written the way
    /// whisper.cpp's tools write it: plain for f32/f16/bf16, with the quantization version otherwise.
    pub fn ftype(self) -> i32 {
        if self.is_quantized() {
            QNT_VERSION * QNT_VERSION_FACTOR + self.plain_ftype()
        } else {
            self.plain_ftype()
        }
    }

    pub fn is_quantized(self) -> bool {
        self.block_len() > 1
    }

    /// Bytes of a tensor of this type with sizes `ne` (innermost first), or `None` when its rows
    /// are not whole blocks or the size overflows.
    pub fn data_bytes(self, ne: &[u64]) -> Option<u64> {
        let (first, rest) = ne.split_first()?;
        if first % self.block_len() != 0 {
            return None;
        }
        rest.iter()
            .try_fold(first / self.block_len() * self.block_bytes(), |acc, &n| {
                acc.checked_mul(n)
            })
    }

    /// ggml's name of the type ("f16", "q8_0", "q4_K" …).
    pub fn name(self) -> &'static str {
        match self {
            TensorType::F32 => "f32",
            TensorType::F16 => "f16",
            TensorType::BF16 => "bf16",
            TensorType::Q4_0 => "q4_0",
            TensorType::Q4_1 => "q4_1",
            TensorType::Q5_0 => "q5_0",
            TensorType::Q5_1 => "q5_1",
            TensorType::Q8_0 => "q8_0",
            TensorType::Q2_K => "q2_K",
            TensorType::Q3_K => "q3_K",
            TensorType::Q4_K => "q4_K",
            TensorType::Q5_K => "q5_K",
            TensorType::Q6_K => "q6_K",
        }
    }
}

impl fmt::Display for TensorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The sizes of OpenAI's Whisper models, told apart by their layer counts and mel bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelSize {
    Tiny,
    Base,
    Small,
    Medium,
    /// large, large-v1 and large-v2 (80 mel bands).
    Large,
    /// large-v3 (128 mel bands).
    LargeV3,
    /// large-v3-turbo: large-v3's encoder with a four-layer decoder.
    LargeV3Turbo,
    Unknown,
}

/// The hyper-parameters in a model's header, in file order, as whisper.cpp reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hparams {
    pub n_vocab: i32,
    pub n_audio_ctx: i32,
    pub n_audio_state: i32,
    pub n_audio_head: i32,
    pub n_audio_layer: i32,
    pub n_text_ctx: i32,
    pub n_text_state: i32,
    pub n_text_head: i32,
    pub n_text_layer: i32,
    pub n_mels: i32,
    /// The weight type, possibly with the quantization version in the thousands ([`QNT_VERSION`]).
    pub ftype: i32,
}

impl Hparams {
    /// Reads the magic and the hyper-parameters; `None` when the magic is not ggml's.
    pub fn from_header(bytes: &[u8; HEADER_BYTES]) -> Option<Hparams> {
        let int = |i: usize| i32::from_le_bytes(bytes[i * 4..i * 4 + 4].try_into().unwrap());
        if int(0) as u32 != MAGIC {
            return None;
        }
        Some(Hparams {
            n_vocab: int(1),
            n_audio_ctx: int(2),
            n_audio_state: int(3),
            n_audio_head: int(4),
            n_audio_layer: int(5),
            n_text_ctx: int(6),
            n_text_state: int(7),
            n_text_head: int(8),
            n_text_layer: int(9),
            n_mels: int(10),
            ftype: int(11),
        })
    }

    /// The magic and the hyper-parameters as they start the file.
    pub fn to_header(&self) -> [u8; HEADER_BYTES] {
        let values = [
            MAGIC as i32,
            self.n_vocab,
            self.n_audio_ctx,
            self.n_audio_state,
            self.n_audio_head,
            self.n_audio_layer,
            self.n_text_ctx,
            self.n_text_state,
            self.n_text_head,
            self.n_text_layer,
            self.n_mels,
            self.ftype,
        ];
        let mut out = [0u8; HEADER_BYTES];
        for (chunk, v) in out.chunks_exact_mut(4).zip(values) {
            chunk.copy_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// whisper.cpp's own rule: a vocabulary of 51865 tokens or more is multilingual.
    pub fn multilingual(&self) -> bool {
        self.n_vocab >= 51865
    }

    /// The type of the weight matrices, `None` for an ftype whisper.cpp's tools never write.
    pub fn weight_type(&self) -> Option<TensorType> {
        TensorType::from_ftype(self.ftype)
    }

    /// The type of the convolution kernels: f16, unless the whole model is f32.
    pub fn conv_type(&self) -> Option<TensorType> {
        self.weight_type().map(|w| match w {
            TensorType::F32 => TensorType::F32,
            _ => TensorType::F16,
        })
    }

    pub fn size(&self) -> ModelSize {
        match (self.n_audio_layer, self.n_text_layer) {
            (4, _) => ModelSize::Tiny,
            (6, _) => ModelSize::Base,
            (12, _) => ModelSize::Small,
            (24, _) => ModelSize::Medium,
            (32, 4) => ModelSize::LargeV3Turbo,
            (32, _) if self.n_mels == 128 => ModelSize::LargeV3,
            (32, _) => ModelSize::Large,
            _ => ModelSize::Unknown,
        }
    }

    /// "tiny.en", "base", "large-v3", … as the published files are named.
    pub fn family(&self) -> String {
        let size = match self.size() {
            ModelSize::Tiny => "tiny",
            ModelSize::Base => "base",
            ModelSize::Small => "small",
            ModelSize::Medium => "medium",
            ModelSize::Large => "large",
            ModelSize::LargeV3 => "large-v3",
            ModelSize::LargeV3Turbo => "large-v3-turbo",
            ModelSize::Unknown => "unknown",
        };
        let large = matches!(
            self.size(),
            ModelSize::Large | ModelSize::LargeV3 | ModelSize::LargeV3Turbo
        );
        if self.multilingual() || large {
            size.to_string()
        } else {
            format!("{size}.en")
        }
    }

    /// Every tensor whisper.cpp creates for these hyper-parameters, with the sizes and type it
    /// expects (whisper.cpp's `whisper_model_load`). `None` if the weight type is unknown.
    pub fn expected_tensors(&self) -> Option<Vec<TensorSpec>> {
        let (w, conv, f32) = (self.weight_type()?, self.conv_type()?, TensorType::F32);
        let dim = |v: i32| v.max(0) as u64;
        let (a, t) = (dim(self.n_audio_state), dim(self.n_text_state));
        let mut list = Vec::new();
        let mut add = |name: String, ty: TensorType, ne: &[u64]| {
            list.push(TensorSpec {
                name,
                ty,
                ne: ne.to_vec(),
            })
        };
        add(
            "encoder.positional_embedding".into(),
            f32,
            &[a, dim(self.n_audio_ctx)],
        );
        add(
            "encoder.conv1.weight".into(),
            conv,
            &[3, dim(self.n_mels), a],
        );
        add("encoder.conv1.bias".into(), f32, &[1, a]);
        add("encoder.conv2.weight".into(), conv, &[3, a, a]);
        add("encoder.conv2.bias".into(), f32, &[1, a]);
        add("encoder.ln_post.weight".into(), f32, &[a]);
        add("encoder.ln_post.bias".into(), f32, &[a]);
        // One attention block: query, key (no bias: Whisper has none), value, out, and its norm.
        let attention = |add: &mut dyn FnMut(String, TensorType, &[u64]), p: &str, d: u64| {
            add(format!("{p}_ln.weight"), f32, &[d]);
            add(format!("{p}_ln.bias"), f32, &[d]);
            add(format!("{p}.query.weight"), w, &[d, d]);
            add(format!("{p}.query.bias"), f32, &[d]);
            add(format!("{p}.key.weight"), w, &[d, d]);
            add(format!("{p}.value.weight"), w, &[d, d]);
            add(format!("{p}.value.bias"), f32, &[d]);
            add(format!("{p}.out.weight"), w, &[d, d]);
            add(format!("{p}.out.bias"), f32, &[d]);
        };
        // The MLP: whisper.cpp fixes its width at four times the state.
        let mlp = |add: &mut dyn FnMut(String, TensorType, &[u64]), p: &str, d: u64| {
            add(format!("{p}.mlp_ln.weight"), f32, &[d]);
            add(format!("{p}.mlp_ln.bias"), f32, &[d]);
            add(format!("{p}.mlp.0.weight"), w, &[d, 4 * d]);
            add(format!("{p}.mlp.0.bias"), f32, &[4 * d]);
            add(format!("{p}.mlp.2.weight"), w, &[4 * d, d]);
            add(format!("{p}.mlp.2.bias"), f32, &[d]);
        };
        for i in 0..self.n_audio_layer.max(0) {
            let p = format!("encoder.blocks.{i}");
            mlp(&mut add, &p, a);
            attention(&mut add, &format!("{p}.attn"), a);
        }
        add(
            "decoder.positional_embedding".into(),
            f32,
            &[t, dim(self.n_text_ctx)],
        );
        add(
            "decoder.token_embedding.weight".into(),
            w,
            &[t, dim(self.n_vocab)],
        );
        add("decoder.ln.weight".into(), f32, &[t]);
        add("decoder.ln.bias".into(), f32, &[t]);
        for i in 0..self.n_text_layer.max(0) {
            let p = format!("decoder.blocks.{i}");
            mlp(&mut add, &p, t);
            attention(&mut add, &format!("{p}.attn"), t);
            attention(&mut add, &format!("{p}.cross_attn"), t);
        }
        Some(list)
    }
}

/// A tensor as whisper.cpp expects it: name, element type, sizes innermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorSpec {
    pub name: String,
    pub ty: TensorType,
    pub ne: Vec<u64>,
}

/// The fixed part of a tensor header: dimension count, name length, element type id.
pub const TENSOR_HEADER_FIXED_BYTES: usize = 12;

/// A tensor's header as stored before its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorHeader {
    pub name: Vec<u8>,
    /// ggml's type id as written; see [`TensorType::from_id`].
    pub type_id: i32,
    /// Sizes, innermost first (a row-major shape reversed).
    pub ne: Vec<i32>,
}

impl TensorHeader {
    /// Splits the fixed part into (dimension count, name length, type id).
    pub fn fixed_fields(bytes: &[u8; TENSOR_HEADER_FIXED_BYTES]) -> (i32, i32, i32) {
        let int = |i: usize| i32::from_le_bytes(bytes[i * 4..i * 4 + 4].try_into().unwrap());
        (int(0), int(1), int(2))
    }

    /// The header's bytes, as written before the tensor's data.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(TENSOR_HEADER_FIXED_BYTES + 4 * self.ne.len() + self.name.len());
        for v in [self.ne.len() as i32, self.name.len() as i32, self.type_id] {
            out.extend(v.to_le_bytes());
        }
        for n in &self.ne {
            out.extend(n.to_le_bytes());
        }
        out.extend(&self.name);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_en(ftype: i32) -> Hparams {
        Hparams {
            n_vocab: 51864,
            n_audio_ctx: 1500,
            n_audio_state: 384,
            n_audio_head: 6,
            n_audio_layer: 4,
            n_text_ctx: 448,
            n_text_state: 384,
            n_text_head: 6,
            n_text_layer: 4,
            n_mels: 80,
            ftype,
        }
    }

    #[test]
    fn header_round_trips_and_names_the_model() {
        let h = tiny_en(2007);
        let bytes = h.to_header();
        assert_eq!(&bytes[..4], b"lmgg");
        assert_eq!(Hparams::from_header(&bytes), Some(h));
        assert_eq!(h.family(), "tiny.en");
        assert_eq!(h.weight_type(), Some(TensorType::Q8_0));
        let mut other = bytes;
        other[0] = b'G';
        assert_eq!(Hparams::from_header(&other), None);
        let large_v3 = Hparams {
            n_vocab: 51866,
            n_audio_layer: 32,
            n_text_layer: 32,
            n_mels: 128,
            ..tiny_en(1)
        };
        assert_eq!(large_v3.family(), "large-v3");
        assert_eq!(
            Hparams {
                n_vocab: 51865,
                ..tiny_en(1)
            }
            .family(),
            "tiny"
        );
        assert_eq!(tiny_en(5).weight_type(), None);
    }

    #[test]
    fn ftypes_match_whisper_cpp_tools() {
        // Values whisper.cpp's quantize tool writes (quantization version 2).
        assert_eq!(TensorType::F16.ftype(), 1);
        assert_eq!(TensorType::Q8_0.ftype(), 2007);
        assert_eq!(TensorType::Q5_1.ftype(), 2009);
        assert_eq!(TensorType::from_ftype(1009), Some(TensorType::Q5_1));
        assert_eq!(TensorType::from_id(8), Some(TensorType::Q8_0));
        assert_eq!(TensorType::from_id(4), None); // removed from ggml
    }

    #[test]
    fn data_sizes_follow_ggml_blocks() {
        assert_eq!(
            TensorType::F32.data_bytes(&[384, 1500]),
            Some(384 * 1500 * 4)
        );
        assert_eq!(
            TensorType::F16.data_bytes(&[3, 80, 384]),
            Some(3 * 80 * 384 * 2)
        );
        assert_eq!(
            TensorType::Q8_0.data_bytes(&[384, 384]),
            Some(12 * 34 * 384)
        );
        assert_eq!(TensorType::Q4_K.data_bytes(&[512, 2]), Some(2 * 144 * 2));
        assert_eq!(
            TensorType::Q8_0.data_bytes(&[48, 2]),
            None,
            "rows of 1.5 blocks"
        );
        assert_eq!(TensorType::F32.data_bytes(&[u64::MAX, 2]), None, "overflow");
    }

    #[test]
    fn tiny_en_has_the_167_tensors_whisper_cpp_creates() {
        let list = tiny_en(1).expected_tensors().unwrap();
        assert_eq!(list.len(), 167);
        let find = |n: &str| list.iter().find(|t| t.name == n).unwrap();
        assert_eq!(find("encoder.conv1.weight").ne, [3, 80, 384]);
        assert_eq!(find("encoder.conv1.weight").ty, TensorType::F16);
        assert_eq!(find("encoder.conv2.bias").ne, [1, 384]);
        assert_eq!(find("decoder.token_embedding.weight").ne, [384, 51864]);
        assert_eq!(find("encoder.blocks.3.mlp.0.weight").ne, [384, 1536]);
        assert_eq!(
            find("decoder.blocks.0.cross_attn.value.bias").ty,
            TensorType::F32
        );
        assert!(!list.iter().any(|t| t.name.ends_with("key.bias")));
        let q = tiny_en(2007).expected_tensors().unwrap();
        assert_eq!(
            q.iter()
                .find(|t| t.name == "decoder.blocks.1.attn.out.weight")
                .unwrap()
                .ty,
            TensorType::Q8_0
        );
        assert_eq!(
            q.iter()
                .find(|t| t.name == "encoder.conv2.weight")
                .unwrap()
                .ty,
            TensorType::F16,
            "conv kernels stay f16"
        );
    }

    #[test]
    fn tensor_header_layout() {
        let h = TensorHeader {
            name: b"encoder.ln_post.bias".to_vec(),
            type_id: 0,
            ne: vec![384],
        };
        let bytes = h.to_bytes();
        assert_eq!(bytes.len(), 12 + 4 + 20);
        let fixed: [u8; 12] = bytes[..12].try_into().unwrap();
        assert_eq!(TensorHeader::fixed_fields(&fixed), (1, 20, 0));
        assert_eq!(&bytes[12..16], &384i32.to_le_bytes());
        assert_eq!(&bytes[16..], b"encoder.ln_post.bias");
    }
}
