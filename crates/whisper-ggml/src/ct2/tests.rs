//! End-to-end tests of the importer on synthetic CTranslate2 models: the reader, the plan, and
//! the written file read back by a minimal independent parser.

use std::fs;
use std::io::{BufReader, Cursor};
use std::path::Path;

use half::f16;

use super::reader::{read_ct2_index, Ct2Dtype, Ct2Index};
use super::vocab::{bytes_to_unicode, EOT};
use super::*;
use crate::ggml::MAGIC;

/// Runs both steps of an import into memory.
fn import_ct2(dir: &Path, ty: OutputType) -> Result<(ConvertSummary, Vec<u8>), ConvertError> {
    let mut bytes = Vec::new();
    let summary = Import::prepare(dir, ty)?.write_to(&mut bytes)?;
    Ok((summary, bytes))
}

/// Builds model.bin bytes in CTranslate2's layout.
#[derive(Default)]
struct Ct2Builder {
    vars: Vec<(String, Vec<u32>, u8, Vec<u8>)>,
    aliases: Vec<(String, String)>,
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend(((s.len() + 1) as u16).to_le_bytes());
    out.extend(s.as_bytes());
    out.push(0);
}

impl Ct2Builder {
    fn f16(&mut self, name: &str, dims: &[u32], seed: u32) {
        let n: u32 = dims.iter().product();
        let data = (0..n)
            .flat_map(|i| {
                f16::from_f32((((i * 7 + seed * 13) % 101) as f32 - 50.0) / 100.0).to_le_bytes()
            })
            .collect();
        self.vars.push((name.into(), dims.to_vec(), 4, data));
    }
    fn f16_values(&mut self, name: &str, dims: &[u32], vals: &[f32]) {
        let data = vals
            .iter()
            .flat_map(|&v| f16::from_f32(v).to_le_bytes())
            .collect();
        self.vars.push((name.into(), dims.to_vec(), 4, data));
    }
    fn i16_scalar(&mut self, name: &str, v: i16) {
        self.vars
            .push((name.into(), vec![], 2, v.to_le_bytes().to_vec()));
    }
    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend(6u32.to_le_bytes());
        put_str(&mut out, "WhisperSpec");
        out.extend(3u32.to_le_bytes());
        out.extend((self.vars.len() as u32).to_le_bytes());
        for (name, dims, dtype, data) in &self.vars {
            put_str(&mut out, name);
            out.push(dims.len() as u8);
            for d in dims {
                out.extend(d.to_le_bytes());
            }
            out.push(*dtype);
            out.extend((data.len() as u32).to_le_bytes());
            out.extend(data);
        }
        out.extend((self.aliases.len() as u32).to_le_bytes());
        for (a, t) in &self.aliases {
            put_str(&mut out, a);
            put_str(&mut out, t);
        }
        out
    }
}

const D: u32 = 64;
const N_VOCAB: u32 = 51864;

fn linear(b: &mut Ct2Builder, name: &str, rows: u32, cols: u32, seed: u32) {
    b.f16(&format!("{name}/weight"), &[rows, cols], seed);
    b.f16(&format!("{name}/bias"), &[rows], seed + 1);
}

fn layer_norm(b: &mut Ct2Builder, name: &str, seed: u32) {
    b.f16(&format!("{name}/gamma"), &[D], seed);
    b.f16(&format!("{name}/beta"), &[D], seed + 1);
}

/// Fused projection with a zero key-bias block at `key_block`.
fn fused(b: &mut Ct2Builder, name: &str, blocks: u32, key_block: u32, seed: u32) {
    b.f16(&format!("{name}/weight"), &[blocks * D, D], seed);
    let bias: Vec<f32> = (0..blocks * D)
        .map(|i| {
            if i / D == key_block {
                0.0
            } else {
                0.01 * (i % 17) as f32
            }
        })
        .collect();
    b.f16_values(&format!("{name}/bias"), &[blocks * D], &bias);
}

/// A Whisper-shaped model: width 64, one head, one layer each side, tiny contexts.
fn synthetic_model() -> Ct2Builder {
    let mut b = Ct2Builder::default();
    b.i16_scalar("encoder/num_heads", 1);
    b.i16_scalar("decoder/num_heads", 1);
    b.vars.push(("decoder/pre_norm".into(), vec![], 1, vec![1]));
    b.f16("encoder/conv1/weight", &[D, 80, 3], 1);
    b.f16("encoder/conv1/bias", &[D], 2);
    b.f16("encoder/conv2/weight", &[D, D, 3], 3);
    b.f16("encoder/conv2/bias", &[D], 4);
    b.f16("encoder/position_encodings/encodings", &[8, D], 5);
    fused(&mut b, "encoder/layer_0/self_attention/linear_0", 3, 1, 6);
    linear(&mut b, "encoder/layer_0/self_attention/linear_1", D, D, 7);
    layer_norm(&mut b, "encoder/layer_0/self_attention/layer_norm", 8);
    linear(&mut b, "encoder/layer_0/ffn/linear_0", 4 * D, D, 9);
    linear(&mut b, "encoder/layer_0/ffn/linear_1", D, 4 * D, 10);
    layer_norm(&mut b, "encoder/layer_0/ffn/layer_norm", 11);
    layer_norm(&mut b, "encoder/layer_norm", 12);
    b.f16("decoder/embeddings/weight", &[N_VOCAB, D], 13);
    b.f16("decoder/position_encodings/encodings", &[4, D], 14);
    fused(&mut b, "decoder/layer_0/self_attention/linear_0", 3, 1, 15);
    linear(&mut b, "decoder/layer_0/self_attention/linear_1", D, D, 16);
    layer_norm(&mut b, "decoder/layer_0/self_attention/layer_norm", 17);
    linear(&mut b, "decoder/layer_0/attention/linear_0", D, D, 18);
    fused(&mut b, "decoder/layer_0/attention/linear_1", 2, 0, 19);
    linear(&mut b, "decoder/layer_0/attention/linear_2", D, D, 20);
    layer_norm(&mut b, "decoder/layer_0/attention/layer_norm", 21);
    linear(&mut b, "decoder/layer_0/ffn/linear_0", 4 * D, D, 22);
    linear(&mut b, "decoder/layer_0/ffn/linear_1", D, 4 * D, 23);
    layer_norm(&mut b, "decoder/layer_0/ffn/layer_norm", 24);
    layer_norm(&mut b, "decoder/layer_norm", 25);
    b.aliases.push((
        "decoder/projection/weight".into(),
        "decoder/embeddings/weight".into(),
    ));
    b
}

fn synthetic_vocabulary() -> String {
    let table = bytes_to_unicode();
    let mut lines: Vec<String> = table.iter().map(|c| c.to_string()).collect();
    while lines.len() < 50256 {
        lines.push(format!("Ġtok{}", lines.len()));
    }
    lines.push(EOT.into());
    while lines.len() < N_VOCAB as usize {
        lines.push(format!("<|special{}|>", lines.len()));
    }
    lines.join("\n") + "\n"
}

fn write_model_dir(dir: &Path, model: &[u8]) {
    fs::write(dir.join("model.bin"), model).unwrap();
    fs::write(dir.join("config.json"), r#"{"suppress_ids": [1, 2]}"#).unwrap();
    fs::write(dir.join("vocabulary.txt"), synthetic_vocabulary()).unwrap();
}

fn index_of(bytes: &[u8]) -> Result<Ct2Index, ConvertError> {
    let mut r = BufReader::new(Cursor::new(bytes.to_vec()));
    read_ct2_index(&mut r, bytes.len() as u64, Path::new("model.bin"))
}

#[test]
fn ct2_reader_reads_synthetic_model() {
    let b = synthetic_model();
    let bytes = b.bytes();
    let index = index_of(&bytes).unwrap();
    assert_eq!(index.version, 6);
    assert_eq!(index.spec, "WhisperSpec");
    assert_eq!(index.vars.len(), b.vars.len());
    assert_eq!(index.aliases, b.aliases);
    let heads = index
        .vars
        .iter()
        .find(|v| v.name == "encoder/num_heads")
        .unwrap();
    assert_eq!(heads.scalar_int(), Some(1));
    let conv = index
        .vars
        .iter()
        .find(|v| v.name == "encoder/conv1/weight")
        .unwrap();
    assert_eq!(conv.dims, vec![64, 80, 3]);
    assert_eq!(conv.dtype, Ct2Dtype::F16);
    // The recorded offset points at the tensor's data.
    let first = f16::from_le_bytes([bytes[conv.offset as usize], bytes[conv.offset as usize + 1]]);
    assert_eq!(first, f16::from_f32((13.0 - 50.0) / 100.0));
    assert_eq!(mapping::count_layers(&index, "encoder/"), 1);
    assert_eq!(mapping::count_layers(&index, "decoder/"), 1);

    let plan = mapping::plan_tensors(&index, Path::new("model.bin"), OutputType::F16).unwrap();
    assert_eq!(plan.tensors.len(), 7 + 15 + 4 + 24);
    assert_eq!(plan.must_be_zero.len(), 3); // encoder self, decoder self, decoder cross
    let hp = plan.hp;
    assert_eq!(
        (hp.n_vocab, hp.n_audio_ctx, hp.n_text_ctx, hp.n_mels),
        (51864, 8, 4, 80)
    );
    assert_eq!(
        (
            hp.n_audio_state,
            hp.n_audio_head,
            hp.n_audio_layer,
            hp.n_text_layer
        ),
        (64, 1, 1, 1)
    );
}

/// Minimal reader of the ggml file we write, to check the output end to end.
struct GgmlFile {
    hparams: [i32; 11],
    n_mel: i32,
    n_freq: i32,
    vocab: Vec<Vec<u8>>,
    tensors: Vec<(String, i32, Vec<i32>, Vec<u8>)>,
}

fn parse_ggml(bytes: &[u8]) -> GgmlFile {
    let mut pos = 0usize;
    let i32_at = |pos: &mut usize| {
        let v = i32::from_le_bytes(bytes[*pos..*pos + 4].try_into().unwrap());
        *pos += 4;
        v
    };
    assert_eq!(i32_at(&mut pos) as u32, MAGIC);
    let mut hparams = [0; 11];
    for h in hparams.iter_mut() {
        *h = i32_at(&mut pos);
    }
    let n_mel = i32_at(&mut pos);
    let n_freq = i32_at(&mut pos);
    pos += (n_mel * n_freq * 4) as usize;
    let n_vocab = i32_at(&mut pos);
    let mut vocab = Vec::new();
    for _ in 0..n_vocab {
        let len = i32_at(&mut pos) as usize;
        vocab.push(bytes[pos..pos + len].to_vec());
        pos += len;
    }
    let mut tensors = Vec::new();
    while pos < bytes.len() {
        let n_dims = i32_at(&mut pos);
        let name_len = i32_at(&mut pos) as usize;
        let ty = i32_at(&mut pos);
        let ne: Vec<i32> = (0..n_dims).map(|_| i32_at(&mut pos)).collect();
        let name = String::from_utf8(bytes[pos..pos + name_len].to_vec()).unwrap();
        pos += name_len;
        let n: usize = ne.iter().map(|&v| v as usize).product();
        let size = match ty {
            0 => n * 4,
            1 => n * 2,
            8 => n / 32 * 34,
            t => panic!("type {t}"),
        };
        tensors.push((name, ty, ne, bytes[pos..pos + size].to_vec()));
        pos += size;
    }
    assert_eq!(pos, bytes.len());
    GgmlFile {
        hparams,
        n_mel,
        n_freq,
        vocab,
        tensors,
    }
}

#[test]
fn import_synthetic_model_f16_and_q8_0() {
    let dir = tempfile::tempdir().unwrap();
    let model = synthetic_model();
    write_model_dir(dir.path(), &model.bytes());

    let (s, bytes) = import_ct2(dir.path(), OutputType::F16).unwrap();
    assert_eq!(
        (s.tensors, s.n_vocab, s.encoder_layers, s.decoder_layers),
        (50, 51864, 1, 1)
    );
    assert_eq!(s.bytes, bytes.len() as u64);
    let g = parse_ggml(&bytes);
    assert_eq!(g.hparams, [51864, 8, 64, 1, 1, 4, 64, 1, 1, 80, 1]);
    assert_eq!((g.n_mel, g.n_freq), (80, 201));
    assert_eq!(g.vocab.len(), 50257);
    assert_eq!(g.vocab[65], b"A"); // the synthetic table lists the 256 bytes first
    assert_eq!(g.vocab[32], b" ");
    assert_eq!(g.vocab[300], b" tok300");
    assert_eq!(g.vocab[50256], EOT.as_bytes());
    assert_eq!(g.tensors.len(), 50);
    let find = |name: &str| {
        g.tensors
            .iter()
            .find(|t| t.0 == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let t = find("encoder.conv1.weight");
    assert_eq!((t.1, &t.2[..]), (1, &[3, 80, 64][..]));
    let t = find("encoder.conv1.bias");
    assert_eq!((t.1, &t.2[..]), (0, &[1, 64][..]));
    let t = find("encoder.positional_embedding");
    assert_eq!((t.1, &t.2[..]), (0, &[64, 8][..]));
    let t = find("decoder.token_embedding.weight");
    assert_eq!((t.1, &t.2[..]), (1, &[64, 51864][..]));
    let t = find("encoder.blocks.0.attn_ln.weight");
    assert_eq!((t.1, &t.2[..]), (0, &[64][..]));
    assert!(g.tensors.iter().all(|t| !t.0.contains("attn.key.bias")));
    // The value weight is the third block of the fused q/k/v rows, bytes unchanged.
    let fused = &model
        .vars
        .iter()
        .find(|v| v.0 == "encoder/layer_0/self_attention/linear_0/weight")
        .unwrap()
        .3;
    let block = (D * D * 2) as usize;
    assert_eq!(
        find("encoder.blocks.0.attn.value.weight").3,
        fused[2 * block..3 * block]
    );
    assert_eq!(
        find("encoder.blocks.0.attn.key.weight").3,
        fused[block..2 * block]
    );
    // The cross-attention value bias is the second half of the fused k/v bias, as f32.
    let v_bias = &find("decoder.blocks.0.cross_attn.value.bias").3;
    assert_eq!(
        f32::from_le_bytes(v_bias[4..8].try_into().unwrap()),
        f16::from_f32(0.01 * ((D + 1) % 17) as f32).to_f32()
    );

    let (s, bytes_q) = import_ct2(dir.path(), OutputType::Q8_0).unwrap();
    assert_eq!(s.output_type, OutputType::Q8_0);
    let q = parse_ggml(&bytes_q);
    assert_eq!(q.hparams[10], 2007);
    for (tf, tq) in g.tensors.iter().zip(&q.tensors) {
        assert_eq!(tf.0, tq.0);
        // Exactly the 2-D matrices become q8_0; conv kernels stay f16, the rest f32.
        let expect = if tf.1 == 1 && tf.2.len() == 2 {
            8
        } else {
            tf.1
        };
        assert_eq!(tq.1, expect, "{}", tf.0);
    }
    assert!(bytes_q.len() < bytes.len());
}

#[test]
fn truncated_or_garbage_model_is_an_error_and_leaves_nothing() {
    let bytes = synthetic_model().bytes();
    // Every cut inside the header and variable table, and a spread of cuts elsewhere.
    let cuts = (0..2000)
        .chain((2000..bytes.len()).step_by(9973))
        .chain([bytes.len() - 1]);
    for cut in cuts {
        assert!(index_of(&bytes[..cut]).is_err(), "cut at {cut} accepted");
    }
    // Garbage: text, random bytes, a valid header with nonsense after it.
    assert!(matches!(
        index_of(b"hello world, this is not a model"),
        Err(ConvertError::NotCt2 { .. })
    ));
    let mut state = 0x1234_5678u32;
    for _ in 0..200 {
        let noise: Vec<u8> = (0..300)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        assert!(index_of(&noise).is_err());
        let mut hdr = bytes[..30].to_vec();
        hdr.extend(&noise);
        assert!(index_of(&hdr).is_err());
    }
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(matches!(index_of(&extra), Err(ConvertError::NotCt2 { .. })));
    let mut v9 = bytes.clone();
    v9[0] = 9;
    assert!(matches!(
        index_of(&v9),
        Err(ConvertError::Unsupported { .. })
    ));

    // Through the public API: an error naming model.bin, found before anything is written.
    let dir = tempfile::tempdir().unwrap();
    write_model_dir(dir.path(), &bytes[..bytes.len() / 2]);
    let err = Import::prepare(dir.path(), OutputType::F16)
        .err()
        .expect("a truncated model.bin is refused");
    assert!(matches!(err, ConvertError::Truncated { .. }), "{err}");
    assert!(err.to_string().contains("model.bin"), "{err}");
    assert!(!err.to_string().contains('\n'));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[test]
fn missing_inputs_and_bad_models_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let err = import_ct2(&dir.path().join("nope"), OutputType::F16).unwrap_err();
    assert!(matches!(err, ConvertError::NoModelDir(_)), "{err}");

    let err = import_ct2(dir.path(), OutputType::F16).unwrap_err();
    assert!(
        matches!(&err, ConvertError::MissingFile(p) if p.ends_with("model.bin")),
        "{err}"
    );

    // An extra tensor is refused rather than dropped.
    let mut m = synthetic_model();
    m.f16("encoder/extra/weight", &[2, 2], 0);
    write_model_dir(dir.path(), &m.bytes());
    let err = import_ct2(dir.path(), OutputType::F16).unwrap_err();
    assert!(
        matches!(&err, ConvertError::UnexpectedTensor { name, .. } if name == "encoder/extra/weight"),
        "{err}"
    );

    // A missing tensor is named.
    let mut m = synthetic_model();
    m.vars
        .retain(|v| v.0 != "decoder/layer_0/attention/linear_2/bias");
    write_model_dir(dir.path(), &m.bytes());
    let err = import_ct2(dir.path(), OutputType::F16).unwrap_err();
    assert!(
        matches!(&err, ConvertError::MissingTensor { name, .. } if name == "decoder/layer_0/attention/linear_2/bias"),
        "{err}"
    );

    // A non-zero key bias cannot be dropped silently.
    let mut m = synthetic_model();
    let bias = m
        .vars
        .iter_mut()
        .find(|v| v.0 == "encoder/layer_0/self_attention/linear_0/bias")
        .unwrap();
    bias.3[2 * D as usize..2 * D as usize + 2].copy_from_slice(&f16::from_f32(0.5).to_le_bytes());
    write_model_dir(dir.path(), &m.bytes());
    let err = import_ct2(dir.path(), OutputType::F16).unwrap_err();
    assert!(
        matches!(err, ConvertError::UnexpectedTensor { .. }),
        "{err}"
    );

    // Vocabulary that does not match the embedding.
    write_model_dir(dir.path(), &synthetic_model().bytes());
    fs::write(dir.path().join("vocabulary.txt"), "a\nb\n").unwrap();
    let err = import_ct2(dir.path(), OutputType::F16).unwrap_err();
    assert!(matches!(err, ConvertError::Vocabulary { .. }), "{err}");

    // Broken config.json.
    write_model_dir(dir.path(), &synthetic_model().bytes());
    fs::write(dir.path().join("config.json"), "{").unwrap();
    let err = import_ct2(dir.path(), OutputType::F16).unwrap_err();
    assert!(matches!(err, ConvertError::Config { .. }), "{err}");
}
