//! `rehearse model …`: make the default model from CTranslate2 weights, and show which model
//! would be used.

use anyhow::{Context as _, Result};
use std::io::Write;
use std::path::PathBuf;

use crate::cli::ModelCommand;
use crate::config::Config;
use crate::transcribe::convert::{import_ct2, OutputType};
use crate::transcribe::model::{self, DEFAULT_MODEL_FILE, F16_MODEL_FILE};
use crate::transcribe::Engine;

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
            crate::ui::status(&format!("Converting {} …", dir.display()));
            let summary = import_ct2(dir, &target, *output_type)?;
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
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            if *json {
                let info = serde_json::json!({
                    "path": path.display().to_string(),
                    "name": engine.name(),
                    "family": engine.header.family(),
                    "weight_type": engine.header.weight_type(),
                    "bytes": size,
                    "multilingual": engine.header.multilingual(),
                    "threads": config.threads,
                });
                writeln!(out, "{}", serde_json::to_string_pretty(&info)?)?;
            } else {
                writeln!(out, "model   {}", path.display())?;
                writeln!(out, "name    {}", engine.name())?;
                writeln!(out, "size    {:.1} MB", size as f64 / 1e6)?;
                writeln!(out, "threads {}", config.threads)?;
                writeln!(out, "status  loads fine")?;
            }
            Ok(())
        }
    }
}

fn default_output(t: OutputType) -> PathBuf {
    let name = match t {
        OutputType::F16 => F16_MODEL_FILE,
        OutputType::Q8_0 => DEFAULT_MODEL_FILE,
    };
    PathBuf::from("models").join(name)
}
