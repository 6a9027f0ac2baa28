//! Reads the sentence encoder's word-piece vectors (all-MiniLM-L6-v2's input embeddings) from
//! `models/minilm/`, which `scripts/fetch-sentence-encoder.sh` fetches, for the
//! story-structure trainer and its cross-validation. The program itself never reads them: the
//! trainer distils them into `src/analysis/structure/pieces.tsv`.

use anyhow::{anyhow, bail, Context, Result};
use rehearse::analysis::structure::pieces::WordVectors;

const DIR: &str = "models/minilm";
const TENSOR: &str = "embeddings.word_embeddings.weight";
const HOW: &str = "run scripts/fetch-sentence-encoder.sh first (from the repository root)";

pub fn load() -> Result<WordVectors> {
    let vocab = std::fs::read_to_string(format!("{DIR}/vocab.txt"))
        .with_context(|| format!("cannot read {DIR}/vocab.txt: {HOW}"))?;
    let bytes = std::fs::read(format!("{DIR}/model.safetensors"))
        .with_context(|| format!("cannot read {DIR}/model.safetensors: {HOW}"))?;
    let tensors = safetensors::SafeTensors::deserialize(&bytes)
        .map_err(|e| anyhow!("{DIR}/model.safetensors: {e}; delete {DIR} and {HOW}"))?;
    let t = tensors.tensor(TENSOR).map_err(|e| {
        anyhow!("{DIR}/model.safetensors has no {TENSOR} ({e}); delete {DIR} and {HOW}")
    })?;
    if t.dtype() != safetensors::Dtype::F32 || t.shape().len() != 2 {
        bail!(
            "{DIR}/model.safetensors: {TENSOR} is {:?} {:?}, expected a float32 matrix",
            t.dtype(),
            t.shape()
        );
    }
    let matrix: Vec<f32> = t
        .data()
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    WordVectors::new(&vocab, &matrix, t.shape()[1]).map_err(|e| anyhow!("{DIR}: {e}"))
}
