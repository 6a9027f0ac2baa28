//! `rehearse compare` (to be written).

use anyhow::Result;
use std::io::Write;

use crate::cli::CompareArgs;
use crate::config::Config;

pub fn run(_args: &CompareArgs, _config: &Config, _out: &mut dyn Write) -> Result<()> {
    anyhow::bail!("rehearse compare is not available yet")
}
