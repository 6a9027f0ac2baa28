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
pub mod save;
pub mod schema;
pub mod show;
pub mod style;
pub mod transcript;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::config::Config;

pub fn dispatch(cli: Cli) -> Result<()> {
    let config = Config::resolve(&cli.global)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match &cli.command {
        Command::Analyze(args) => analyze::run(args, &config, &mut out),
        Command::Recover(args) => recover::run(args, &mut out),
        Command::Schema => schema::run(&mut out),
        Command::Model(cmd) => model::run(cmd, &config, &mut out),
        Command::History(args) => history::run(args, &config, &mut out),
        Command::Show(args) => show::run(args, &config, &mut out),
        Command::Progress(args) => progress::run(args, &config, &mut out),
        Command::Compare(args) => compare::run(args, &config, &mut out),
        Command::Practice(args) => practice::run(args, &config, &mut out),
        Command::Devices(args) => devices::run(args, &mut out),
        Command::Questions(args) => questions::run(args, &config, &mut out),
        Command::Reanalyze(args) => reanalyze::run(args, &config, &mut out),
    }
}
