//! `rehearse show` (to be written).

use anyhow::Result;
use std::io::Write;

use crate::cli::ShowArgs;
use crate::config::Config;

pub fn run(_args: &ShowArgs, _config: &Config, _out: &mut dyn Write) -> Result<()> {
    anyhow::bail!("rehearse show is not available yet")
}
