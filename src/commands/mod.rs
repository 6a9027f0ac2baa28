//! One module per subcommand. Each takes its parsed arguments and the resolved `Config`, writes
//! what was asked for to stdout, and returns an error for `main` to print as one line.

pub mod analyze;
pub mod compare;
pub mod devices;
pub mod history;
pub mod model;
pub mod practice;
pub mod progress;
pub mod questions;
pub mod reanalyze;
pub mod recover;
pub mod review;
pub mod save;
pub mod schema;
pub mod show;
pub mod transcript;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::config::Config;

pub fn dispatch(cli: Cli) -> Result<()> {
    crate::output::colour::init(cli.global.color);
    let stdout = std::io::stdout();
    dispatch_to(cli, &mut stdout.lock())
}

/// Runs a parsed command line, writing what it prints to `out` instead of stdout (the fuzz
/// targets run whole commands this way).
pub fn dispatch_to(cli: Cli, out: &mut dyn std::io::Write) -> Result<()> {
    let config = Config::resolve(&cli.global)?;
    match &cli.command {
        Command::Analyze(args) => analyze::run(args, &config, out),
        Command::Recover(args) => recover::run(args, out),
        Command::Schema => schema::run(out),
        Command::Model(cmd) => model::run(cmd, &config, out),
        Command::History(args) => history::run(args, &config, out),
        Command::Show(args) => show::run(args, &config, out),
        Command::Progress(args) => progress::run(args, &config, out),
        Command::Compare(args) => compare::run(args, &config, out),
        Command::Practice(args) => practice::run(args, &config, out),
        Command::Devices(args) => devices::run(args, out),
        Command::Questions(args) => questions::run(args, &config, out),
        Command::Reanalyze(args) => reanalyze::run(args, &config, out),
        Command::Review(args) => review::run(args, &config, out),
    }
}
