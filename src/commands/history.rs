//! `rehearse history` (to be written).

use anyhow::Result;
use std::io::Write;

use crate::cli::HistoryArgs;
use crate::config::Config;

pub fn run(_args: &HistoryArgs, _config: &Config, _out: &mut dyn Write) -> Result<()> {
    anyhow::bail!("rehearse history is not available yet")
}
