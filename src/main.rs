//! The `rehearse` binary: parse the command line, run it, map the outcome to an exit code
//! (0 success, 1 error, 2 usage error from clap, 130 interrupted).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rehearse::cli::Cli::parse();
    match rehearse::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.is::<rehearse::Interrupted>() => ExitCode::from(130),
        // `rehearse history | head -1`: the reader went away, which is not our error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
