//! Finding and checking the Whisper model: where the default lives, what a file is (read from
//! its ggml header, so a wrong or corrupt file gets a clear message before whisper.cpp sees it),
//! and which word-timing preset fits it.

use anyhow::{bail, Result};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The default model: tiny.en with 8-bit weights. Against the f16 file it is 7 % faster and
/// 34 MB smaller in memory, which is what brings a whole `analyze` under faster-whisper's int8
/// time (README, Performance), with the same results on every labelled fixture.
pub const DEFAULT_MODEL_FILE: &str = "ggml-tiny.en-q8_0.bin";
/// The full-precision tiny.en, used when the 8-bit file is not there.
pub const F16_MODEL_FILE: &str = "ggml-tiny.en.bin";
const GGML_MAGIC: u32 = 0x6767_6d6c;

/// The hyper-parameters in a whisper.cpp model header.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelHeader {
    pub n_vocab: i32,
    pub n_audio_ctx: i32,
    pub n_audio_state: i32,
    pub n_audio_layer: i32,
    pub n_text_layer: i32,
    pub n_mels: i32,
    pub ftype: i32,
}

impl ModelHeader {
    pub fn multilingual(&self) -> bool {
        self.n_vocab >= 51865
    }

    /// "tiny.en", "base", "large-v3", … from the sizes.
    pub fn family(&self) -> String {
        let size = match (self.n_audio_layer, self.n_text_layer) {
            (4, _) => "tiny",
            (6, _) => "base",
            (12, _) => "small",
            (24, _) => "medium",
            (32, 4) => "large-v3-turbo",
            (32, _) if self.n_mels == 128 => "large-v3",
            (32, _) => "large",
            _ => "unknown",
        };
        if self.multilingual() || size.starts_with("large") {
            size.to_string()
        } else {
            format!("{size}.en")
        }
    }

    pub fn weight_type(&self) -> &'static str {
        // ftype can carry a quantization version in the thousands.
        match self.ftype % 1000 {
            0 => "f32",
            1 => "f16",
            2 => "q4_0",
            3 => "q4_1",
            7 => "q8_0",
            8 => "q5_0",
            9 => "q5_1",
            _ => "quantized",
        }
    }
}

/// Reads and sanity-checks a model file's header. Errors name the file and say how to get a model.
pub fn probe(path: &Path) -> Result<ModelHeader> {
    let how = "get one with scripts/fetch-model.sh or `rehearse model import-ct2`, or pass --model";
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("model {}: no such file; {how}", path.display())
        }
        Err(e) => bail!("model {}: cannot open ({e}); {how}", path.display()),
    };
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        bail!(
            "model {}: is a directory, not a model file; {how}",
            path.display()
        );
    }
    let mut head = [0u8; 48];
    if f.read_exact(&mut head).is_err() {
        bail!(
            "model {}: too short to be a whisper.cpp model (corrupt or incomplete); {how}",
            path.display()
        );
    }
    let int = |i: usize| i32::from_le_bytes(head[i * 4..i * 4 + 4].try_into().unwrap());
    if int(0) as u32 != GGML_MAGIC {
        bail!(
            "model {}: not a whisper.cpp (ggml) model file; {how} (CTranslate2 or PyTorch weights need converting)",
            path.display()
        );
    }
    let header = ModelHeader {
        n_vocab: int(1),
        n_audio_ctx: int(2),
        n_audio_state: int(3),
        n_audio_layer: int(5),
        n_text_layer: int(9),
        n_mels: int(10),
        ftype: int(11),
    };
    let plausible = (1000..=60000).contains(&header.n_vocab)
        && header.n_audio_ctx == 1500
        && (1..=64).contains(&header.n_audio_layer)
        && (1..=64).contains(&header.n_text_layer)
        && matches!(header.n_mels, 80 | 128);
    if !plausible {
        bail!(
            "model {}: header does not describe a Whisper model (corrupt?); {how}",
            path.display()
        );
    }
    Ok(header)
}

/// Where the default model may be, in the order they are tried: the data dir, next to the
/// executable (a source checkout's `models/`), and `models/` in the current directory.
pub fn default_candidates(data_dir: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![data_dir.join("models")];
    if let Ok(exe) = std::env::current_exe() {
        // target/release/rehearse → <checkout>/models
        for dir in exe.ancestors().skip(1).take(4) {
            dirs.push(dir.join("models"));
        }
    }
    dirs.push(PathBuf::from("models"));
    dirs.dedup();
    let mut list = Vec::new();
    for dir in &dirs {
        list.push(dir.join(DEFAULT_MODEL_FILE));
        list.push(dir.join(F16_MODEL_FILE));
    }
    list
}

/// The model to use: the one the user named, or the first default that exists.
pub fn resolve(explicit: Option<&Path>, data_dir: &Path) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let candidates = default_candidates(data_dir);
    if let Some(found) = candidates.iter().find(|p| p.is_file()) {
        return Ok(found.clone());
    }
    bail!(
        "no Whisper model found (looked for {} or {} in {}); run scripts/fetch-model.sh, or pass --model PATH / set REHEARSE_MODEL",
        DEFAULT_MODEL_FILE,
        F16_MODEL_FILE,
        candidates
            .iter()
            .filter_map(|p| p.parent().map(|d| d.display().to_string()))
            .step_by(2)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_bytes(values: [i32; 12]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    #[test]
    fn probe_reads_a_tiny_en_header() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.bin");
        let magic = GGML_MAGIC as i32;
        std::fs::write(
            &p,
            header_bytes([magic, 51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1]),
        )
        .unwrap();
        let h = probe(&p).unwrap();
        assert_eq!(h.family(), "tiny.en");
        assert_eq!(h.weight_type(), "f16");
    }

    #[test]
    fn probe_rejects_wrong_files_naming_them() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("model.bin");
        std::fs::write(&text, "this is not a model at all, just some text here....").unwrap();
        let e = probe(&text).unwrap_err().to_string();
        assert!(
            e.contains("model.bin") && e.contains("not a whisper.cpp"),
            "{e}"
        );
        let short = dir.path().join("short.bin");
        std::fs::write(&short, "lmgg").unwrap();
        assert!(probe(&short).unwrap_err().to_string().contains("too short"));
        assert!(probe(&dir.path().join("none.bin"))
            .unwrap_err()
            .to_string()
            .contains("no such file"));
    }
}
