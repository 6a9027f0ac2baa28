//! Finding and checking the Whisper model: where the default lives, and whether a file is a whole
//! whisper.cpp model. The check (the `whisper-ggml` crate's, against what the file's own header
//! promises) runs before every load, so whisper.cpp never sees a damaged file: it would abort the
//! process on some cuts and quietly hear no speech on others.

use anyhow::{bail, Result};
use std::path::{Path, PathBuf};
use whisper_ggml::CheckError;

pub use whisper_ggml::{Hparams, ModelFile};

/// The default model: tiny.en with 8-bit weights. It is smaller in memory and faster on a CPU
/// than the f16 file (README, Performance, has the measurements), with the same results on every
/// labelled fixture.
pub const DEFAULT_MODEL_FILE: &str = "ggml-tiny.en-q8_0.bin";
/// The full-precision tiny.en, used when the 8-bit file is not there.
pub const F16_MODEL_FILE: &str = "ggml-tiny.en.bin";

/// What to do about a missing model, at the end of every message about one.
const HOW_TO_GET_ONE: &str =
    "get one with scripts/fetch-model.sh or `rehearse model import-ct2`, or pass --model";
/// What to do about a damaged one.
const HOW_TO_REPLACE: &str =
    "make it again with scripts/fetch-model.sh or `rehearse model import-ct2`, or pass another --model";

/// Checks that `path` is a whole whisper.cpp model: the tensors its header calls for, each with
/// the right sizes and type, all data present and nothing after it. It reads only headers and
/// seeks over the data. Errors are one line naming the file and saying how to get a good model.
pub fn check(path: &Path) -> Result<ModelFile> {
    let shown = path.display();
    if path.is_dir() {
        bail!("model {shown}: is a directory, not a model file; {HOW_TO_GET_ONE}");
    }
    match whisper_ggml::check_file(path) {
        Ok(model) => Ok(model),
        Err(CheckError::Read(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("model {shown}: no such file; {HOW_TO_GET_ONE}")
        }
        Err(e @ CheckError::NotGgml) => bail!(
            "model {shown}: {e}; {HOW_TO_GET_ONE} (CTranslate2 or PyTorch weights need converting)"
        ),
        Err(e) => bail!("model {shown}: {e}; {HOW_TO_REPLACE}"),
    }
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

    #[test]
    fn bad_files_get_one_line_naming_them_and_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("model.bin");
        std::fs::write(&text, "this is not a model at all, just some text here....").unwrap();
        let short = dir.path().join("short.bin");
        std::fs::write(&short, "lmgg").unwrap();
        let cases = [
            (text, "not a whisper.cpp (ggml) model file"),
            (short, "incomplete"),
            (dir.path().join("none.bin"), "no such file"),
            (dir.path().to_path_buf(), "is a directory"),
        ];
        for (path, expect) in cases {
            let e = check(&path).unwrap_err().to_string();
            assert!(e.starts_with(&format!("model {}: ", path.display())), "{e}");
            assert!(e.contains(expect), "{e}");
            assert!(e.contains("scripts/fetch-model.sh"), "{e}");
            assert!(!e.contains('\n'), "{e}");
        }
    }
}
