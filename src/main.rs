//! The `rehearse` binary: parse the command line, run it, turn the outcome into the exit status
//! (`exit_code` says which).

use rehearse::exit_code::ExitCode;

fn main() -> std::process::ExitCode {
    let cli = rehearse::cli::Cli::parse_args();
    if cli.command.transcribes() {
        spin_briefly_at_barriers();
    }
    let result = rehearse::run(cli);
    let code = ExitCode::of(&result);
    if let (Err(err), true) = (&result, code.prints_error()) {
        rehearse::print_error(err);
    }
    std::process::ExitCode::from(code.status())
}

/// whisper.cpp's threads meet at a barrier after every small matrix operation, and OpenMP's
/// default is to spin there for a long time (300,000 rounds). On a busy machine (a browser, a
/// build, parallel tests) a spinning thread waits for one the scheduler has parked, and
/// transcription slows down many times over. A short spin keeps the idle-machine speed and stays
/// near it under load. libgomp reads its settings when it is loaded, before `main`, so the
/// process re-executes itself once with the setting in place; a user's own setting is left
/// alone.
#[cfg(unix)]
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

#[cfg(not(unix))]
fn spin_briefly_at_barriers() {}
