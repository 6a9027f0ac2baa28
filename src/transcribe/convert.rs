//! Import of CTranslate2 Whisper models (the format faster-whisper uses) into the ggml file that
//! whisper.cpp loads.
//!
//! This module owns:
//! - parsing CTranslate2's `model.bin` (an index of named tensors, read without loading the data),
//! - mapping those tensors onto whisper.cpp's names, shapes and element types,
//! - the two things whisper.cpp expects in its file that CTranslate2 does not store: the mel filter
//!   bank (computed here exactly as librosa does) and the byte-level vocabulary,
//! - optional q8_0 quantization of the weight matrices,
//! - writing the result atomically (temporary file in the target folder, then rename).
//!
//! It downloads nothing and never runs the model. The rest of the crate calls [`import_ct2`].

use std::collections::HashMap;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use half::{bf16, f16};

/// Element type of the large weight matrices in the written file.
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputType {
    /// 16-bit floats: the same numbers and size as the published ggml files.
    F16,
    /// ggml q8_0 blocks: about 45 % smaller and faster on CPU; transcripts stay close to f16.
    #[value(name = "q8_0", alias = "q8")]
    Q8_0,
}

impl fmt::Display for OutputType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OutputType::F16 => "f16",
            OutputType::Q8_0 => "q8_0",
        })
    }
}

/// What [`import_ct2`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertSummary {
    /// Number of tensors in the ggml file (167 for tiny / tiny.en).
    pub tensors: usize,
    /// Size of the written file in bytes.
    pub bytes: u64,
    /// Vocabulary size declared to whisper.cpp (51864 English-only, 51865 multilingual, 51866 large-v3).
    pub n_vocab: usize,
    pub encoder_layers: usize,
    pub decoder_layers: usize,
    pub output_type: OutputType,
}

/// Why an import failed. Every message names the file concerned and says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("model folder {} does not exist or is not a folder: pass the CTranslate2 Whisper model folder (the one holding model.bin, config.json and vocabulary.txt)", .0.display())]
    NoModelDir(PathBuf),

    #[error("{} is missing: a CTranslate2 Whisper model folder needs model.bin, config.json and vocabulary.txt; copy or unpack the whole model folder", .0.display())]
    MissingFile(PathBuf),

    #[error("cannot read {}: {source}; check that the file exists and is readable", path.display())]
    Read { path: PathBuf, source: io::Error },

    #[error("{} is not a CTranslate2 model file ({reason}); point the importer at the model.bin of a CTranslate2 (faster-whisper) Whisper model", path.display())]
    NotCt2 { path: PathBuf, reason: String },

    #[error("{} is truncated ({what} runs past the end of the file); the copy is incomplete, fetch the model again", path.display())]
    Truncated { path: PathBuf, what: String },

    #[error("{} has unexpected tensor '{name}' ({reason}); only float16/float32 CTranslate2 Whisper models are supported, use such a model", path.display())]
    UnexpectedTensor {
        path: PathBuf,
        name: String,
        reason: String,
    },

    #[error("{} lacks tensor '{name}'; it is not a complete CTranslate2 Whisper model, fetch or convert the model again", path.display())]
    MissingTensor { path: PathBuf, name: String },

    #[error("{} is not supported: {reason}", path.display())]
    Unsupported { path: PathBuf, reason: String },

    #[error("{} is not a usable Whisper vocabulary ({reason}); use the vocabulary file that came with the model", path.display())]
    Vocabulary { path: PathBuf, reason: String },

    #[error("{} is not valid ({reason}); use the config.json that came with the model", path.display())]
    Config { path: PathBuf, reason: String },

    #[error("output {} is a folder; pass a file path such as models/ggml-tiny.en.bin", .0.display())]
    OutputIsDir(PathBuf),

    #[error("cannot write {}: {source}; check that the folder is writable and the disk has space", path.display())]
    Write { path: PathBuf, source: io::Error },
}

// ---------------------------------------------------------------------------------------------
// Constants of the two formats
// ---------------------------------------------------------------------------------------------

const GGML_MAGIC: u32 = 0x6767_6d6c;
const GGML_TYPE_F32: i32 = 0;
const GGML_TYPE_F16: i32 = 1;
const GGML_TYPE_Q8_0: i32 = 8;
const GGML_FTYPE_MOSTLY_F16: i32 = 1;
const GGML_FTYPE_MOSTLY_Q8_0: i32 = 7;
/// whisper.cpp's quantize tool stores `GGML_QNT_VERSION * 1000 + ftype` in the ftype field, and the
/// loader splits it again (`ftype % 1000`). We mirror the tool so our q8_0 files are byte-for-byte
/// of the same kind as the ones it makes.
const GGML_QNT_VERSION: i32 = 2;
const GGML_QNT_VERSION_FACTOR: i32 = 1000;
/// Values per q8_0 block; a block is an f16 scale followed by 32 signed bytes.
const QK8_0: usize = 32;
const Q8_0_BLOCK_BYTES: usize = 2 + QK8_0;

/// Whisper's audio front end: 16 kHz, 25 ms FFT window.
const SAMPLE_RATE: f64 = 16_000.0;
const N_FFT: usize = 400;

/// CTranslate2 binary format versions whose layout we know (see shared FACTS).
const CT2_MIN_VERSION: u32 = 4;
const CT2_MAX_VERSION: u32 = 6;

/// Tensors are converted in chunks of this many elements so memory stays bounded by the chunk,
/// not by the largest tensor. A multiple of 32 so q8_0 blocks never straddle chunks.
const CHUNK_ELEMS: u64 = 1 << 18;

const EOT: &str = "<|endoftext|>";

// ---------------------------------------------------------------------------------------------
// Public entry point
// ---------------------------------------------------------------------------------------------

/// Converts the CTranslate2 Whisper model in `model_dir` into a whisper.cpp ggml file at `out`.
///
/// The file is written to a temporary file next to `out` and renamed into place at the end, so
/// `out` is either the complete new model or untouched; nothing is left behind on error.
pub fn import_ct2(
    model_dir: &Path,
    out: &Path,
    output_type: OutputType,
) -> Result<ConvertSummary, ConvertError> {
    if !model_dir.is_dir() {
        return Err(ConvertError::NoModelDir(model_dir.to_path_buf()));
    }
    let model_path = model_dir.join("model.bin");
    let config_path = model_dir.join("config.json");
    for p in [&model_path, &config_path] {
        if !p.is_file() {
            return Err(ConvertError::MissingFile(p.clone()));
        }
    }
    // Older CTranslate2 releases write vocabulary.txt, newer ones vocabulary.json.
    let vocab_path = ["vocabulary.json", "vocabulary.txt"]
        .iter()
        .map(|n| model_dir.join(n))
        .find(|p| p.is_file())
        .ok_or_else(|| ConvertError::MissingFile(model_dir.join("vocabulary.txt")))?;
    if out.is_dir() {
        return Err(ConvertError::OutputIsDir(out.to_path_buf()));
    }

    read_config(&config_path)?;
    let vocab_lines = read_vocabulary_lines(&vocab_path)?;

    let file = File::open(&model_path).map_err(|e| read_err(&model_path, e))?;
    let len = file.metadata().map_err(|e| read_err(&model_path, e))?.len();
    let mut src = BufReader::with_capacity(1 << 20, file);
    let index = read_ct2_index(&mut src, len, &model_path)?;
    let plan = plan_tensors(&index, &model_path, output_type)?;
    let hp = plan.hp;

    if vocab_lines.len() != hp.n_vocab {
        return Err(ConvertError::Vocabulary {
            path: vocab_path,
            reason: format!(
                "{} tokens, but the model's token embedding has {} rows",
                vocab_lines.len(),
                hp.n_vocab
            ),
        });
    }
    let vocab = ggml_vocabulary(&vocab_lines, &vocab_path)?;
    drop(vocab_lines);

    for (name, slice) in &plan.must_be_zero {
        check_all_zero(&mut src, &model_path, &index.vars[slice.var], slice, name)?;
    }

    let filters = mel_filters(SAMPLE_RATE, N_FFT, hp.n_mels);
    let ftype = match output_type {
        OutputType::F16 => GGML_FTYPE_MOSTLY_F16,
        OutputType::Q8_0 => GGML_QNT_VERSION * GGML_QNT_VERSION_FACTOR + GGML_FTYPE_MOSTLY_Q8_0,
    };

    // Write next to the destination so the final rename stays on one file system.
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| write_err(&dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rehearse-import-").suffix(".tmp");
    // Temporary files are private (0600) by default; the model is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    let tmp = builder.tempfile_in(&dir).map_err(|e| write_err(&dir, e))?;

    let bytes = {
        let mut w = GgmlWriter {
            w: BufWriter::with_capacity(1 << 20, tmp.as_file()),
            bytes: 0,
            // Errors name the destination: the temporary file's name would mean nothing to users.
            path: out,
        };
        w.header(&hp, ftype)?;
        w.filters(hp.n_mels, N_FFT / 2 + 1, &filters)?;
        w.vocabulary(&vocab)?;
        for t in &plan.tensors {
            w.tensor_header(t)?;
            copy_tensor(
                &mut src,
                &model_path,
                &index.vars[t.var],
                &t.slice,
                t.ty,
                &mut w,
            )?;
        }
        w.w.flush().map_err(|e| write_err(out, e))?;
        w.bytes
    };
    tmp.as_file().sync_all().map_err(|e| write_err(out, e))?;
    tmp.persist(out).map_err(|e| write_err(out, e.error))?;

    Ok(ConvertSummary {
        tensors: plan.tensors.len(),
        bytes,
        n_vocab: hp.n_vocab,
        encoder_layers: hp.n_audio_layer,
        decoder_layers: hp.n_text_layer,
        output_type,
    })
}

fn read_err(path: &Path, source: io::Error) -> ConvertError {
    ConvertError::Read {
        path: path.to_path_buf(),
        source,
    }
}

fn write_err(path: &Path, source: io::Error) -> ConvertError {
    ConvertError::Write {
        path: path.to_path_buf(),
        source,
    }
}

// ---------------------------------------------------------------------------------------------
// config.json and vocabulary
// ---------------------------------------------------------------------------------------------

/// config.json holds decoding settings (alignment heads, suppressed tokens) that whisper.cpp keeps
/// its own copies of; the model's dimensions come from tensor shapes. We still insist that it is a
/// JSON object: a broken one means the folder is damaged or is not a CTranslate2 model.
fn read_config(path: &Path) -> Result<serde_json::Value, ConvertError> {
    let text = fs::read_to_string(path).map_err(|e| read_err(path, e))?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| ConvertError::Config {
        path: path.to_path_buf(),
        reason: format!("not JSON: {e}"),
    })?;
    if !v.is_object() {
        return Err(ConvertError::Config {
            path: path.to_path_buf(),
            reason: "expected a JSON object".into(),
        });
    }
    Ok(v)
}

/// Token strings in id order, from vocabulary.txt (one per line) or vocabulary.json (an array).
fn read_vocabulary_lines(path: &Path) -> Result<Vec<String>, ConvertError> {
    let bad = |reason: String| ConvertError::Vocabulary {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = fs::read(path).map_err(|e| read_err(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| bad("not UTF-8 text".into()))?;
    if path.extension().is_some_and(|e| e == "json") {
        return serde_json::from_str::<Vec<String>>(&text)
            .map_err(|e| bad(format!("expected a JSON array of strings: {e}")));
    }
    // Byte-level tokens never contain a raw '\r' or '\n' (bytes_to_unicode maps control bytes to
    // letters), so a CRLF file can be read safely by trimming '\r'.
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    Ok(lines)
}

/// GPT-2's table from bytes to printable characters: printable Latin-1 bytes stand for
/// themselves, the other 68 bytes are moved to U+0100.. in ascending order.
fn bytes_to_unicode() -> [char; 256] {
    let mut table = ['\0'; 256];
    let mut n = 0u32;
    for b in 0..=255u8 {
        let printable = (b'!'..=b'~').contains(&b) || (0xA1..=0xAC).contains(&b) || b >= 0xAE;
        table[b as usize] = if printable {
            char::from(b)
        } else {
            n += 1;
            char::from_u32(255 + n).expect("U+0100..U+0143 are valid chars")
        };
    }
    table
}

/// The inverse of [`bytes_to_unicode`].
fn unicode_to_bytes() -> HashMap<char, u8> {
    bytes_to_unicode()
        .iter()
        .enumerate()
        .map(|(b, &c)| (c, b as u8))
        .collect()
}

/// Maps a byte-level token string back to its raw bytes; `None` if a character is not in the table.
fn decode_token(token: &str, inverse: &HashMap<char, u8>) -> Option<Vec<u8>> {
    token.chars().map(|c| inverse.get(&c).copied()).collect()
}

/// The token list whisper.cpp reads from the file: the text tokens as raw bytes, then
/// `<|endoftext|>`. whisper.cpp creates the remaining special and timestamp tokens itself from
/// n_vocab, so they are not written (published ggml files do the same: 50,257 entries for tiny.en).
fn ggml_vocabulary(lines: &[String], path: &Path) -> Result<Vec<Vec<u8>>, ConvertError> {
    let bad = |reason: String| ConvertError::Vocabulary {
        path: path.to_path_buf(),
        reason,
    };
    let n_vocab = lines.len();
    // whisper.cpp's own rule: a model is multilingual iff n_vocab >= 51865, and then every special
    // token id is shifted by one (the multilingual vocabulary has one more text token).
    let multilingual = match n_vocab {
        51864 => false,
        51865 | 51866 => true,
        n => {
            return Err(ConvertError::Unsupported {
                path: path.to_path_buf(),
                reason: format!(
                    "{n} tokens, but whisper.cpp only knows Whisper vocabularies of 51864 \
                     (English-only), 51865 (multilingual) or 51866 (large-v3) tokens; use a Whisper model"
                ),
            })
        }
    };
    let eot = if multilingual { 50257 } else { 50256 };
    if lines[eot] != EOT {
        return Err(bad(format!(
            "expected {EOT} at token {eot} (line {}) for a {}-token vocabulary, found {:?}",
            eot + 1,
            n_vocab,
            lines[eot]
        )));
    }
    let inverse = unicode_to_bytes();
    let mut out = Vec::with_capacity(eot + 1);
    for (i, tok) in lines[..eot].iter().enumerate() {
        match decode_token(tok, &inverse) {
            Some(b) => out.push(b),
            // The multilingual vocabulary's token 50256 is a placeholder that is never decoded;
            // keep it readable rather than reject the model over it.
            None if i >= 50256 => out.push(tok.as_bytes().to_vec()),
            None => {
                return Err(bad(format!(
                    "token {i} (line {}) {tok:?} is not a GPT-2 byte-level string",
                    i + 1
                )))
            }
        }
    }
    out.push(EOT.as_bytes().to_vec());
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Mel filter bank
// ---------------------------------------------------------------------------------------------

/// librosa's Slaney mel scale (linear below 1 kHz, logarithmic above).
fn hz_to_mel(f: f64) -> f64 {
    let f_sp = 200.0 / 3.0;
    let min_log_hz = 1000.0;
    let min_log_mel = min_log_hz / f_sp;
    let logstep = 6.4f64.ln() / 27.0;
    if f >= min_log_hz {
        min_log_mel + (f / min_log_hz).ln() / logstep
    } else {
        f / f_sp
    }
}

fn mel_to_hz(m: f64) -> f64 {
    let f_sp = 200.0 / 3.0;
    let min_log_hz = 1000.0;
    let min_log_mel = min_log_hz / f_sp;
    let logstep = 6.4f64.ln() / 27.0;
    if m >= min_log_mel {
        min_log_hz * (logstep * (m - min_log_mel)).exp()
    } else {
        f_sp * m
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

// ---------------------------------------------------------------------------------------------
// CTranslate2 model.bin index
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ct2Dtype {
    F32,
    I8,
    I16,
    I32,
    F16,
    Bf16,
}

impl Ct2Dtype {
    fn from_id(id: u8) -> Option<Self> {
        Some(match id {
            0 => Ct2Dtype::F32,
            1 => Ct2Dtype::I8,
            2 => Ct2Dtype::I16,
            3 => Ct2Dtype::I32,
            4 => Ct2Dtype::F16,
            5 => Ct2Dtype::Bf16,
            _ => return None,
        })
    }

    fn size(self) -> u64 {
        match self {
            Ct2Dtype::I8 => 1,
            Ct2Dtype::I16 | Ct2Dtype::F16 | Ct2Dtype::Bf16 => 2,
            Ct2Dtype::F32 | Ct2Dtype::I32 => 4,
        }
    }

    fn is_float(self) -> bool {
        matches!(self, Ct2Dtype::F32 | Ct2Dtype::F16 | Ct2Dtype::Bf16)
    }

    fn name(self) -> &'static str {
        match self {
            Ct2Dtype::F32 => "float32",
            Ct2Dtype::I8 => "int8",
            Ct2Dtype::I16 => "int16",
            Ct2Dtype::I32 => "int32",
            Ct2Dtype::F16 => "float16",
            Ct2Dtype::Bf16 => "bfloat16",
        }
    }
}

/// One variable of model.bin: where its data lies, not the data itself (except for tiny
/// scalars, which are kept so settings such as `num_heads` can be read without another seek).
#[derive(Debug, Clone)]
struct Ct2Var {
    name: String,
    dims: Vec<u64>,
    dtype: Ct2Dtype,
    offset: u64,
    small: Vec<u8>,
}

impl Ct2Var {
    fn scalar_int(&self) -> Option<i64> {
        if !self.dims.is_empty() {
            return None;
        }
        let b = &self.small;
        Some(match self.dtype {
            Ct2Dtype::I8 => i8::from_le_bytes([*b.first()?]) as i64,
            Ct2Dtype::I16 => i16::from_le_bytes(b.get(..2)?.try_into().ok()?) as i64,
            Ct2Dtype::I32 => i32::from_le_bytes(b.get(..4)?.try_into().ok()?) as i64,
            _ => return None,
        })
    }
}

#[derive(Debug)]
struct Ct2Index {
    #[allow(dead_code)] // only the tests look at it; the layout checks happen while reading
    version: u32,
    spec: String,
    #[allow(dead_code)] // kept for debugging output; the layout does not depend on it
    revision: u32,
    vars: Vec<Ct2Var>,
    /// (alias, target) pairs: names that share another variable's data (tied weights).
    aliases: Vec<(String, String)>,
}

/// Sequential reader over model.bin that checks every length against the file size before
/// reading or allocating, so truncated or garbage input yields an error instead of a huge
/// allocation or a panic.
struct Ct2Parser<'a, R> {
    r: &'a mut BufReader<R>,
    pos: u64,
    len: u64,
    path: &'a Path,
}

impl<R: Read + Seek> Ct2Parser<'_, R> {
    fn not_ct2(&self, reason: String) -> ConvertError {
        ConvertError::NotCt2 {
            path: self.path.to_path_buf(),
            reason,
        }
    }

    fn need(&self, n: u64, what: &str) -> Result<(), ConvertError> {
        if self.len.saturating_sub(self.pos) < n {
            return Err(ConvertError::Truncated {
                path: self.path.to_path_buf(),
                what: what.into(),
            });
        }
        Ok(())
    }

    fn bytes(&mut self, n: u64, what: &str) -> Result<Vec<u8>, ConvertError> {
        self.need(n, what)?;
        let mut buf = vec![0u8; n as usize];
        self.r
            .read_exact(&mut buf)
            .map_err(|e| read_err(self.path, e))?;
        self.pos += n;
        Ok(buf)
    }

    fn skip(&mut self, n: u64, what: &str) -> Result<(), ConvertError> {
        self.need(n, what)?;
        self.r
            .seek_relative(n as i64)
            .map_err(|e| read_err(self.path, e))?;
        self.pos += n;
        Ok(())
    }

    fn u8(&mut self, what: &str) -> Result<u8, ConvertError> {
        Ok(self.bytes(1, what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16, ConvertError> {
        let b = self.bytes(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &str) -> Result<u32, ConvertError> {
        let b = self.bytes(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// u16 length (including the terminating NUL), the bytes, the NUL.
    fn string(&mut self, what: &str) -> Result<String, ConvertError> {
        let n = self.u16(what)?;
        if n == 0 {
            return Err(self.not_ct2(format!("zero-length string in {what}")));
        }
        let mut b = self.bytes(n as u64, what)?;
        if b.pop() != Some(0) {
            return Err(self.not_ct2(format!("string in {what} is not NUL-terminated")));
        }
        String::from_utf8(b).map_err(|_| self.not_ct2(format!("string in {what} is not UTF-8")))
    }
}

/// Reads model.bin's header and variable table, skipping over tensor data.
fn read_ct2_index<R: Read + Seek>(
    r: &mut BufReader<R>,
    len: u64,
    path: &Path,
) -> Result<Ct2Index, ConvertError> {
    r.seek(SeekFrom::Start(0)).map_err(|e| read_err(path, e))?;
    let mut p = Ct2Parser {
        r,
        pos: 0,
        len,
        path,
    };

    let version = p.u32("the header")?;
    if version == 0 || version > 1000 {
        return Err(p.not_ct2(format!("bad format version {version}")));
    }
    if version < CT2_MIN_VERSION {
        return Err(ConvertError::Unsupported {
            path: path.to_path_buf(),
            reason: format!(
                "CTranslate2 format version {version} is too old (this importer reads versions \
                 {CT2_MIN_VERSION} to {CT2_MAX_VERSION}); re-convert the model with a current CTranslate2"
            ),
        });
    }
    if version > CT2_MAX_VERSION {
        return Err(ConvertError::Unsupported {
            path: path.to_path_buf(),
            reason: format!(
                "CTranslate2 format version {version} is newer than this importer understands \
                 (versions {CT2_MIN_VERSION} to {CT2_MAX_VERSION}); convert the model with an older CTranslate2 or update rehearse"
            ),
        });
    }
    // version >= 2 (always, given the check above) carries the spec name and revision.
    let spec = p.string("the model spec name")?;
    let revision = p.u32("the spec revision")?;

    let count = p.u32("the variable count")? as u64;
    // Smallest possible entry: 2+1 name, 1 rank, 1 dtype, 4 byte count.
    if count > (len - p.pos) / 9 {
        return Err(p.not_ct2(format!(
            "claims {count} variables, more than the file can hold"
        )));
    }
    let mut vars = Vec::with_capacity(count as usize);
    for i in 0..count {
        let what = format!("variable #{i}");
        let name = p.string(&what)?;
        let what = format!("variable '{name}'");
        let rank = p.u8(&what)?;
        if rank > 8 {
            return Err(p.not_ct2(format!("{what} has rank {rank}")));
        }
        let mut dims = Vec::with_capacity(rank as usize);
        for _ in 0..rank {
            dims.push(p.u32(&what)? as u64);
        }
        let dtype_id = p.u8(&what)?;
        let dtype = Ct2Dtype::from_id(dtype_id)
            .ok_or_else(|| p.not_ct2(format!("{what} has unknown data type {dtype_id}")))?;
        let nbytes = p.u32(&what)? as u64;
        let expected = dims
            .iter()
            .try_fold(dtype.size(), |acc, &d| acc.checked_mul(d))
            .ok_or_else(|| p.not_ct2(format!("{what} has an impossible shape {dims:?}")))?;
        if nbytes != expected {
            return Err(p.not_ct2(format!(
                "{what} declares {nbytes} bytes but shape {dims:?} of {} needs {expected}",
                dtype.name()
            )));
        }
        let offset = p.pos;
        let small = if nbytes <= 16 {
            p.bytes(nbytes, &what)?
        } else {
            p.skip(nbytes, &what)?;
            Vec::new()
        };
        vars.push(Ct2Var {
            name,
            dims,
            dtype,
            offset,
            small,
        });
    }

    let mut aliases = Vec::new();
    if version >= 3 {
        let n = p.u32("the alias count")? as u64;
        if n > (len - p.pos) / 6 {
            return Err(p.not_ct2(format!("claims {n} aliases, more than the file can hold")));
        }
        for i in 0..n {
            let alias = p.string(&format!("alias #{i}"))?;
            let target = p.string(&format!("alias '{alias}'"))?;
            aliases.push((alias, target));
        }
    }
    if p.pos != len {
        return Err(p.not_ct2(format!(
            "{} unexpected bytes after the last entry",
            len - p.pos
        )));
    }
    Ok(Ct2Index {
        version,
        spec,
        revision,
        vars,
        aliases,
    })
}

// ---------------------------------------------------------------------------------------------
// Mapping CTranslate2 tensors to whisper.cpp tensors
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hparams {
    n_vocab: usize,
    n_audio_ctx: usize,
    n_audio_state: usize,
    n_audio_head: usize,
    n_audio_layer: usize,
    n_text_ctx: usize,
    n_text_state: usize,
    n_text_head: usize,
    n_text_layer: usize,
    n_mels: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GgmlType {
    F32,
    F16,
    Q8_0,
}

impl GgmlType {
    fn id(self) -> i32 {
        match self {
            GgmlType::F32 => GGML_TYPE_F32,
            GgmlType::F16 => GGML_TYPE_F16,
            GgmlType::Q8_0 => GGML_TYPE_Q8_0,
        }
    }
}

/// A contiguous run of elements of one CTranslate2 variable (fused q/k/v weights are split this way).
#[derive(Debug, Clone, Copy)]
struct Slice {
    var: usize,
    start: u64,
    count: u64,
}

#[derive(Debug, Clone)]
struct OutTensor {
    name: String,
    /// ggml order: the row-major shape reversed.
    ne: Vec<u64>,
    ty: GgmlType,
    var: usize,
    slice: Slice,
}

struct Plan {
    hp: Hparams,
    tensors: Vec<OutTensor>,
    /// Key-bias parts of fused biases: Whisper has no key bias, CTranslate2 stores zeros there.
    /// Dropping them is only correct if they really are zero, so they are checked before writing.
    must_be_zero: Vec<(String, Slice)>,
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
            Role::Matrix => match self.output_type {
                OutputType::F16 => GgmlType::F16,
                OutputType::Q8_0 => GgmlType::Q8_0,
            },
            Role::Conv => GgmlType::F16,
            Role::PosEmb | Role::Vector => GgmlType::F32,
            Role::ConvBias => {
                ne = vec![1, rows];
                GgmlType::F32
            }
        };
        if ty == GgmlType::Q8_0 && ne[0] % QK8_0 as u64 != 0 {
            return Err(self.unsupported(format!(
                "tensor {name} has rows of {} values, not a multiple of {QK8_0}, so it cannot be stored as q8_0; use --type f16",
                ne[0]
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
            var,
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
fn count_layers(index: &Ct2Index, prefix: &str) -> usize {
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
fn plan_tensors(
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
    let hp = Hparams {
        n_vocab,
        n_audio_ctx,
        n_audio_state: d,
        n_audio_head: p.num_heads("encoder/num_heads", d)?,
        n_audio_layer,
        n_text_ctx,
        n_text_state: d,
        n_text_head: p.num_heads("decoder/num_heads", d)?,
        n_text_layer,
        n_mels,
    };

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
    Ok(Plan {
        hp,
        tensors: p.tensors,
        must_be_zero: p.must_be_zero,
    })
}

// ---------------------------------------------------------------------------------------------
// Tensor data: decoding, q8_0, streaming copy
// ---------------------------------------------------------------------------------------------

fn decode_f32(dtype: Ct2Dtype, raw: &[u8], out: &mut Vec<f32>) {
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

fn encode(ty: GgmlType, vals: &[f32], out: &mut Vec<u8>) {
    out.clear();
    match ty {
        GgmlType::F32 => out.extend(vals.iter().flat_map(|v| v.to_le_bytes())),
        GgmlType::F16 => out.extend(vals.iter().flat_map(|&v| f16::from_f32(v).to_le_bytes())),
        GgmlType::Q8_0 => quantize_q8_0(vals, out),
    }
}

/// Streams one output tensor from model.bin to the ggml file, a chunk at a time.
fn copy_tensor<R: Read + Seek, W: Write>(
    src: &mut BufReader<R>,
    src_path: &Path,
    var: &Ct2Var,
    slice: &Slice,
    ty: GgmlType,
    out: &mut GgmlWriter<'_, W>,
) -> Result<(), ConvertError> {
    let es = var.dtype.size();
    src.seek(SeekFrom::Start(var.offset + slice.start * es))
        .map_err(|e| read_err(src_path, e))?;
    let (mut raw, mut vals, mut enc) = (Vec::new(), Vec::new(), Vec::new());
    let mut remaining = slice.count;
    while remaining > 0 {
        let n = remaining.min(CHUNK_ELEMS);
        raw.resize((n * es) as usize, 0);
        src.read_exact(&mut raw)
            .map_err(|e| read_err(src_path, e))?;
        match (var.dtype, ty) {
            // Same element type: copy the bytes untouched.
            (Ct2Dtype::F16, GgmlType::F16) | (Ct2Dtype::F32, GgmlType::F32) => out.put(&raw)?,
            _ => {
                decode_f32(var.dtype, &raw, &mut vals);
                encode(ty, &vals, &mut enc);
                out.put(&enc)?;
            }
        }
        remaining -= n;
    }
    Ok(())
}

fn check_all_zero<R: Read + Seek>(
    src: &mut BufReader<R>,
    path: &Path,
    var: &Ct2Var,
    slice: &Slice,
    name: &str,
) -> Result<(), ConvertError> {
    let es = var.dtype.size();
    src.seek(SeekFrom::Start(var.offset + slice.start * es))
        .map_err(|e| read_err(path, e))?;
    let mut raw = vec![0u8; (slice.count * es) as usize];
    src.read_exact(&mut raw).map_err(|e| read_err(path, e))?;
    let mut vals = Vec::new();
    decode_f32(var.dtype, &raw, &mut vals);
    if vals.iter().any(|&v| v != 0.0) {
        return Err(ConvertError::UnexpectedTensor {
            path: path.to_path_buf(),
            name: name.into(),
            reason:
                "its key-projection bias is not zero, but Whisper (and whisper.cpp) has no key bias"
                    .into(),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// ggml file writer
// ---------------------------------------------------------------------------------------------

struct GgmlWriter<'a, W: Write> {
    w: W,
    bytes: u64,
    path: &'a Path,
}

impl<W: Write> GgmlWriter<'_, W> {
    fn put(&mut self, b: &[u8]) -> Result<(), ConvertError> {
        self.w.write_all(b).map_err(|e| write_err(self.path, e))?;
        self.bytes += b.len() as u64;
        Ok(())
    }

    fn i32(&mut self, v: i32) -> Result<(), ConvertError> {
        self.put(&v.to_le_bytes())
    }

    fn usize(&mut self, v: usize) -> Result<(), ConvertError> {
        // Callers have checked that every value fits an i32.
        self.i32(v as i32)
    }

    fn header(&mut self, hp: &Hparams, ftype: i32) -> Result<(), ConvertError> {
        self.put(&GGML_MAGIC.to_le_bytes())?;
        for v in [
            hp.n_vocab,
            hp.n_audio_ctx,
            hp.n_audio_state,
            hp.n_audio_head,
            hp.n_audio_layer,
            hp.n_text_ctx,
            hp.n_text_state,
            hp.n_text_head,
            hp.n_text_layer,
            hp.n_mels,
        ] {
            self.usize(v)?;
        }
        self.i32(ftype)
    }

    fn filters(&mut self, n_mel: usize, n_freq: usize, data: &[f32]) -> Result<(), ConvertError> {
        self.usize(n_mel)?;
        self.usize(n_freq)?;
        let bytes: Vec<u8> = data.iter().flat_map(|v| v.to_le_bytes()).collect();
        self.put(&bytes)
    }

    fn vocabulary(&mut self, tokens: &[Vec<u8>]) -> Result<(), ConvertError> {
        self.usize(tokens.len())?;
        for t in tokens {
            self.usize(t.len())?;
            self.put(t)?;
        }
        Ok(())
    }

    fn tensor_header(&mut self, t: &OutTensor) -> Result<(), ConvertError> {
        self.usize(t.ne.len())?;
        self.usize(t.name.len())?;
        self.i32(t.ty.id())?;
        for &n in &t.ne {
            self.usize(n as usize)?;
        }
        self.put(t.name.as_bytes())
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

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

    // ---- vocabulary ----------------------------------------------------------------------

    #[test]
    fn bytes_to_unicode_is_a_bijection_and_inverts() {
        let table = bytes_to_unicode();
        let inverse = unicode_to_bytes();
        assert_eq!(inverse.len(), 256, "256 distinct characters");
        for b in 0..=255u8 {
            assert_eq!(inverse[&table[b as usize]], b);
        }
        // Known points of GPT-2's table.
        assert_eq!(table[b'A' as usize], 'A');
        assert_eq!(table[b' ' as usize], 'Ġ'); // U+0120
        assert_eq!(table[b'\n' as usize], 'Ċ'); // U+010A
        assert_eq!(table[0], 'Ā'); // U+0100
        assert_eq!(table[0xAD], 'Ń'); // the soft hyphen is the last non-printable: U+0143
        assert_eq!(decode_token("Ġhello", &inverse).unwrap(), b" hello");
        // Multi-byte UTF-8 survives the round trip: "é" is C3 A9 -> "Ã©".
        assert_eq!(decode_token("Ã©", &inverse).unwrap(), "é".as_bytes());
        assert!(decode_token("€", &inverse).is_none());
    }

    // ---- mel filters ---------------------------------------------------------------------

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

    // ---- q8_0 ----------------------------------------------------------------------------

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

    // ---- synthetic CTranslate2 models ----------------------------------------------------

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
        let first =
            f16::from_le_bytes([bytes[conv.offset as usize], bytes[conv.offset as usize + 1]]);
        assert_eq!(first, f16::from_f32((13.0 - 50.0) / 100.0));
        assert_eq!(count_layers(&index, "encoder/"), 1);
        assert_eq!(count_layers(&index, "decoder/"), 1);

        let plan = plan_tensors(&index, Path::new("model.bin"), OutputType::F16).unwrap();
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
        assert_eq!(i32_at(&mut pos) as u32, GGML_MAGIC);
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

        let out = dir.path().join("out/ggml-test.bin");
        let s = import_ct2(dir.path(), &out, OutputType::F16).unwrap();
        assert_eq!(
            (s.tensors, s.n_vocab, s.encoder_layers, s.decoder_layers),
            (50, 51864, 1, 1)
        );
        let bytes = fs::read(&out).unwrap();
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

        let out_q = dir.path().join("ggml-test-q8_0.bin");
        let s = import_ct2(dir.path(), &out_q, OutputType::Q8_0).unwrap();
        assert_eq!(s.output_type, OutputType::Q8_0);
        let bytes_q = fs::read(&out_q).unwrap();
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
        // Nothing but the two outputs is left in the folders.
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 5, "{leftovers:?}");
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

        // Through the public API: an error naming model.bin, and no output or temp file.
        let dir = tempfile::tempdir().unwrap();
        write_model_dir(dir.path(), &bytes[..bytes.len() / 2]);
        let out = dir.path().join("out.bin");
        let err = import_ct2(dir.path(), &out, OutputType::F16).unwrap_err();
        assert!(matches!(err, ConvertError::Truncated { .. }), "{err}");
        assert!(err.to_string().contains("model.bin"), "{err}");
        assert!(!err.to_string().contains('\n'));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    #[test]
    fn missing_inputs_and_bad_models_give_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("o.bin");
        let err = import_ct2(&dir.path().join("nope"), &out, OutputType::F16).unwrap_err();
        assert!(matches!(err, ConvertError::NoModelDir(_)), "{err}");

        let err = import_ct2(dir.path(), &out, OutputType::F16).unwrap_err();
        assert!(
            matches!(&err, ConvertError::MissingFile(p) if p.ends_with("model.bin")),
            "{err}"
        );

        // An extra tensor is refused rather than dropped.
        let mut m = synthetic_model();
        m.f16("encoder/extra/weight", &[2, 2], 0);
        write_model_dir(dir.path(), &m.bytes());
        let err = import_ct2(dir.path(), &out, OutputType::F16).unwrap_err();
        assert!(
            matches!(&err, ConvertError::UnexpectedTensor { name, .. } if name == "encoder/extra/weight"),
            "{err}"
        );

        // A missing tensor is named.
        let mut m = synthetic_model();
        m.vars
            .retain(|v| v.0 != "decoder/layer_0/attention/linear_2/bias");
        write_model_dir(dir.path(), &m.bytes());
        let err = import_ct2(dir.path(), &out, OutputType::F16).unwrap_err();
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
        bias.3[2 * D as usize..2 * D as usize + 2]
            .copy_from_slice(&f16::from_f32(0.5).to_le_bytes());
        write_model_dir(dir.path(), &m.bytes());
        let err = import_ct2(dir.path(), &out, OutputType::F16).unwrap_err();
        assert!(
            matches!(err, ConvertError::UnexpectedTensor { .. }),
            "{err}"
        );

        // Vocabulary that does not match the embedding.
        write_model_dir(dir.path(), &synthetic_model().bytes());
        fs::write(dir.path().join("vocabulary.txt"), "a\nb\n").unwrap();
        let err = import_ct2(dir.path(), &out, OutputType::F16).unwrap_err();
        assert!(matches!(err, ConvertError::Vocabulary { .. }), "{err}");

        // Broken config.json.
        write_model_dir(dir.path(), &synthetic_model().bytes());
        fs::write(dir.path().join("config.json"), "{").unwrap();
        let err = import_ct2(dir.path(), &out, OutputType::F16).unwrap_err();
        assert!(matches!(err, ConvertError::Config { .. }), "{err}");

        // Output path that is a folder.
        write_model_dir(dir.path(), &synthetic_model().bytes());
        let err = import_ct2(dir.path(), dir.path(), OutputType::F16).unwrap_err();
        assert!(matches!(err, ConvertError::OutputIsDir(_)), "{err}");

        assert!(!out.exists());
    }
}
