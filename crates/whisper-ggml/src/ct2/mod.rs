//! Import of CTranslate2 Whisper models (the format faster-whisper uses) into the ggml file that
//! whisper.cpp loads.
//!
//! In two steps, so a bad model is refused before a byte is written: [`Import::prepare`] reads
//! and checks everything (the `model.bin` index in [`reader`], the tensor plan in [`mapping`],
//! `config.json` and the vocabulary in [`vocab`], the key biases it drops), then
//! [`Import::write_to`] streams the ggml file into whatever sink the caller gives it (the
//! application makes it atomic), converting one chunk at a time ([`quant`]) and adding the mel
//! filter bank ([`mel`]) that CTranslate2 does not store.
//!
//! It downloads nothing and never runs the model.

mod mapping;
mod mel;
mod quant;
mod reader;
mod vocab;

#[cfg(test)]
mod tests;

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::ggml::write::Writer;
use crate::ggml::TensorType;
use mapping::{OutTensor, Plan, Slice};
use reader::{Ct2Dtype, Ct2Index, Ct2Var};

/// Element type of the large weight matrices in the written file.
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputType {
    /// 16-bit floats: the same numbers and size as the published ggml files.
    F16,
    /// ggml q8_0 blocks: about 45 % smaller and faster on CPU; transcripts stay close to f16.
    Q8_0,
}

impl OutputType {
    /// The ggml type of the weight matrices.
    pub fn weight_type(self) -> TensorType {
        match self {
            OutputType::F16 => TensorType::F16,
            OutputType::Q8_0 => TensorType::Q8_0,
        }
    }
}

impl fmt::Display for OutputType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.weight_type(), f)
    }
}

/// What [`Import::write_to`] wrote.
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

/// Why an import failed. Every message names the file concerned and says what to do about it,
/// except [`ConvertError::Write`]: only the caller knows where the output goes.
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

    /// Writing the output failed (the sink's own error). Converted from `io::Error` so that the
    /// code owning the output file can hand its errors back the same way.
    #[error("cannot write the model: {0}")]
    Write(#[from] io::Error),
}

pub(crate) fn read_err(path: &Path, source: io::Error) -> ConvertError {
    ConvertError::Read {
        path: path.to_path_buf(),
        source,
    }
}

/// Whisper's audio front end: 16 kHz, 25 ms FFT window.
const SAMPLE_RATE: f64 = 16_000.0;
const N_FFT: usize = 400;

/// Tensors are converted in chunks of this many elements so memory stays bounded by the chunk,
/// not by the largest tensor. A multiple of 32 so q8_0 blocks never straddle chunks.
const CHUNK_ELEMS: u64 = 1 << 18;

/// A CTranslate2 model that has been read and checked, ready to be written as a ggml file.
pub struct Import {
    model_path: PathBuf,
    src: BufReader<File>,
    index: Ct2Index,
    plan: Plan,
    vocab: Vec<Vec<u8>>,
    output_type: OutputType,
}

impl Import {
    /// Reads and checks the CTranslate2 Whisper model in `model_dir` (model.bin, config.json and
    /// vocabulary.txt or vocabulary.json) and plans its conversion to `output_type`. Everything
    /// that can be wrong with the model is found here.
    pub fn prepare(model_dir: &Path, output_type: OutputType) -> Result<Import, ConvertError> {
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

        vocab::read_config(&config_path)?;
        let vocab_lines = vocab::read_vocabulary_lines(&vocab_path)?;

        let file = File::open(&model_path).map_err(|e| read_err(&model_path, e))?;
        let len = file.metadata().map_err(|e| read_err(&model_path, e))?.len();
        let mut src = BufReader::with_capacity(1 << 20, file);
        let index = reader::read_ct2_index(&mut src, len, &model_path)?;
        let plan = mapping::plan_tensors(&index, &model_path, output_type)?;

        if vocab_lines.len() != plan.hp.n_vocab as usize {
            return Err(ConvertError::Vocabulary {
                path: vocab_path,
                reason: format!(
                    "{} tokens, but the model's token embedding has {} rows",
                    vocab_lines.len(),
                    plan.hp.n_vocab
                ),
            });
        }
        let vocab = vocab::ggml_vocabulary(&vocab_lines, &vocab_path)?;

        for (name, slice) in &plan.must_be_zero {
            check_all_zero(&mut src, &model_path, &index.vars[slice.var], slice, name)?;
        }
        Ok(Import {
            model_path,
            src,
            index,
            plan,
            vocab,
            output_type,
        })
    }

    /// Writes the ggml file into `out`: header, mel filters, vocabulary, then every tensor,
    /// streamed from model.bin a chunk at a time. The sink is flushed at the end.
    pub fn write_to(mut self, out: &mut dyn Write) -> Result<ConvertSummary, ConvertError> {
        let hp = self.plan.hp;
        let filters = mel::mel_filters(SAMPLE_RATE, N_FFT, hp.n_mels as usize);
        let mut w = Writer::new(out);
        w.header(&hp)?;
        w.filters(hp.n_mels, &filters)?;
        w.vocabulary(&self.vocab)?;
        for t in &self.plan.tensors {
            w.tensor_header(&t.header())?;
            copy_tensor(
                &mut self.src,
                &self.model_path,
                &self.index.vars[t.slice.var],
                t,
                &mut w,
            )?;
        }
        let bytes = w.bytes_written();
        w.finish()?;
        Ok(ConvertSummary {
            tensors: self.plan.tensors.len(),
            bytes,
            n_vocab: hp.n_vocab as usize,
            encoder_layers: hp.n_audio_layer as usize,
            decoder_layers: hp.n_text_layer as usize,
            output_type: self.output_type,
        })
    }
}

/// Streams one output tensor from model.bin to the ggml file, a chunk at a time.
fn copy_tensor<R: Read + Seek, W: Write>(
    src: &mut BufReader<R>,
    src_path: &Path,
    var: &Ct2Var,
    t: &OutTensor,
    out: &mut Writer<W>,
) -> Result<(), ConvertError> {
    let es = var.dtype.size();
    src.seek(SeekFrom::Start(var.offset + t.slice.start * es))
        .map_err(|e| read_err(src_path, e))?;
    let (mut raw, mut vals, mut enc) = (Vec::new(), Vec::new(), Vec::new());
    let mut remaining = t.slice.count;
    while remaining > 0 {
        let n = remaining.min(CHUNK_ELEMS);
        raw.resize((n * es) as usize, 0);
        src.read_exact(&mut raw)
            .map_err(|e| read_err(src_path, e))?;
        match (var.dtype, t.ty) {
            // Same element type: copy the bytes untouched.
            (Ct2Dtype::F16, TensorType::F16) | (Ct2Dtype::F32, TensorType::F32) => {
                out.data(&raw)?
            }
            _ => {
                quant::decode_f32(var.dtype, &raw, &mut vals);
                quant::encode(t.ty, &vals, &mut enc);
                out.data(&enc)?;
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
    quant::decode_f32(var.dtype, &raw, &mut vals);
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
