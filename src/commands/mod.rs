//! One module per subcommand. Each takes its parsed arguments and the resolved `Config`, writes
//! what was asked for to stdout, and returns an error for `main` to print as one line.

pub mod compare;
pub mod history;
pub mod progress;
pub mod show;
pub mod style;

use anyhow::Result;
use std::io::Write;

use crate::cli::{Cli, Command};
use crate::config::Config;

pub fn dispatch(cli: Cli) -> Result<()> {
    let config = Config::resolve(&cli.global)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match &cli.command {
        Command::History(args) => history::run(args, &config, &mut out),
        Command::Show(args) => show::run(args, &config, &mut out),
        Command::Progress(args) => progress::run(args, &config, &mut out),
        Command::Compare(args) => compare::run(args, &config, &mut out),
        _ => {
            writeln!(out, "not implemented yet")?;
            Ok(())
        }
    };
    match result {
        // The reader went away (`rehearse history | head -1`): everything it wanted was
        // written, so this is success. Rust ignores SIGPIPE, so it arrives as this error.
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other,
    }
}

/// True when an error (anywhere in its chain) is a write to a closed pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
