//! `rehearse schema`: the JSON Schema of the report, for tools that consume it.

use anyhow::Result;
use std::io::Write;

pub fn run(out: &mut dyn Write) -> Result<()> {
    let schema = crate::report::schema();
    writeln!(out, "{}", serde_json::to_string_pretty(&schema)?)?;
    Ok(())
}
