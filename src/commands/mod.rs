//! One module per subcommand. Each takes its parsed arguments and the resolved `Config`, writes
//! what was asked for to stdout, and returns an error for `main` to print as one line.

pub mod compare;
pub mod history;
pub mod progress;
pub mod show;

use anyhow::Result;
use std::io::Write;

use crate::cli::{Cli, Command};
use crate::config::Config;

pub fn dispatch(cli: Cli) -> Result<()> {
    let config = Config::resolve(&cli.global)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match &cli.command {
        Command::History(args) => history::run(args, &config, &mut out),
        Command::Show(args) => show::run(args, &config, &mut out),
        Command::Progress(args) => progress::run(args, &config, &mut out),
        Command::Compare(args) => compare::run(args, &config, &mut out),
        _ => {
            writeln!(out, "not implemented yet")?;
            Ok(())
        }
    }
}
