//! The `rehearse` binary: parse the command line, run it, map the outcome to an exit code
//! (0 success, 1 error, 2 usage error from clap, 130 interrupted).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rehearse::cli::Cli::parse();
    if cli.command.transcribes() {
        spin_briefly_at_barriers();
    }
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

/// whisper.cpp's threads meet at a barrier after every small matrix operation, and OpenMP's
/// default is to spin there for a long time (300,000 rounds). On a busy machine (a browser, a
/// build, parallel tests) a spinning thread waits for one the scheduler has parked, and a 2 s
/// transcription took a minute. A short spin keeps the idle-machine speed (2.0 s for the example
/// answer, against 3.0 s when not spinning at all) and stays near it under load (4.7 s with both
/// cores busy). libgomp reads its settings when it is loaded, before `main`, so the process
/// re-executes itself once with the setting in place; a user's own setting is left alone.
fn spin_briefly_at_barriers() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("GOMP_SPINCOUNT").is_some() || std::env::var_os("OMP_WAIT_POLICY").is_some()
    {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    // exec only returns on failure; then carry on with the default policy.
    let _ = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("GOMP_SPINCOUNT", "1000")
        .exec();
}
