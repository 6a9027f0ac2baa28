//! Writing the report as JSON: to stdout, or atomically to a file so a crash or an error never
//! leaves half a report behind.

use anyhow::{Context as _, Result};
use std::io::Write;
use std::path::Path;

use super::Report;

pub fn to_pretty_json(report: &Report) -> Result<String> {
    let mut s = serde_json::to_string_pretty(report).context("cannot serialise the report")?;
    s.push('\n');
    Ok(s)
}

/// Writes the report to `path` (`-` means stdout).
pub fn write_report(report: &Report, path: &Path, stdout: &mut dyn Write) -> Result<()> {
    let json = to_pretty_json(report)?;
    if path == Path::new("-") {
        stdout.write_all(json.as_bytes())?;
        return Ok(());
    }
    crate::fsutil::write_atomic(path, json.as_bytes(), 0o644)
        .with_context(|| format!("cannot write the report to {}", path.display()))
}
