//! `rehearse model …`: make the default model from CTranslate2 weights, and show which model
//! would be used and that it is whole.

use anyhow::{anyhow, bail, Context as _, Result};
use std::io::Write;
use std::path::PathBuf;
use whisper_ggml::ct2::{ConvertError, Import, OutputType};

use crate::cli::{ModelCommand, WeightType};
use crate::config::Config;
use crate::fsutil::write_atomic_streaming;
use crate::transcribe::model::{self, DEFAULT_MODEL_FILE, F16_MODEL_FILE};
use crate::transcribe::Engine;

/// A model is an ordinary file, readable by everyone like the program itself.
const MODEL_FILE_MODE: u32 = 0o644;

pub fn run(cmd: &ModelCommand, config: &Config, out: &mut dyn Write) -> Result<()> {
    match cmd {
        ModelCommand::ImportCt2 {
            dir,
            out: target,
            output_type,
        } => {
            let target = target
                .clone()
                .unwrap_or_else(|| default_output(*output_type));
            if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            if target.is_dir() {
                bail!(
                    "output {} is a folder; pass a file path such as models/ggml-tiny.en.bin",
                    target.display()
                );
            }
            crate::output::status(&format!("Converting {} …", dir.display()));
            let import = Import::prepare(dir, converter_type(*output_type))?;
            let summary = write_atomic_streaming(&target, MODEL_FILE_MODE, |w| {
                import.write_to(w)
            })
            .map_err(|e| match e {
                ConvertError::Write(source) => anyhow!(
                    "cannot write {}: {source}; check that the folder is writable and the disk has space",
                    target.display()
                ),
                other => other.into(),
            })?;
            writeln!(
                out,
                "wrote {} ({} tensors, {:.1} MB, {:?})",
                target.display(),
                summary.tensors,
                summary.bytes as f64 / 1e6,
                summary.output_type
            )?;
            Ok(())
        }
        ModelCommand::Info { json } => {
            let path = model::resolve(config.model.as_deref(), &config.data_dir)?;
            let engine = Engine::load(&path, config.threads)?;
            let checked = &engine.model;
            if *json {
                let info = serde_json::json!({
                    "path": path.display().to_string(),
                    "name": engine.name(),
                    "family": checked.hparams.family(),
                    "weight_type": checked.weight_type.name(),
                    "bytes": checked.bytes,
                    "tensors": checked.tensors,
                    "multilingual": checked.hparams.multilingual(),
                    "threads": config.threads,
                });
                writeln!(out, "{}", serde_json::to_string_pretty(&info)?)?;
            } else {
                writeln!(out, "model   {}", path.display())?;
                writeln!(out, "name    {}", engine.name())?;
                writeln!(out, "size    {:.1} MB", checked.bytes as f64 / 1e6)?;
                writeln!(out, "tensors {}, all complete", checked.tensors)?;
                writeln!(out, "threads {}", config.threads)?;
                writeln!(out, "status  loads fine")?;
            }
            Ok(())
        }
    }
}

/// The converter's own type for the command line's choice.
fn converter_type(t: WeightType) -> OutputType {
    match t {
        WeightType::F16 => OutputType::F16,
        WeightType::Q8_0 => OutputType::Q8_0,
    }
}

fn default_output(t: WeightType) -> PathBuf {
    let name = match t {
        WeightType::F16 => F16_MODEL_FILE,
        WeightType::Q8_0 => DEFAULT_MODEL_FILE,
    };
    PathBuf::from("models").join(name)
}
