//! `rehearse progress` (to be written).

use anyhow::Result;
use std::io::Write;

use crate::cli::ProgressArgs;
use crate::config::Config;

pub fn run(_args: &ProgressArgs, _config: &Config, _out: &mut dyn Write) -> Result<()> {
    anyhow::bail!("rehearse progress is not available yet")
}
