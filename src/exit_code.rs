//! How a run ends, as the process's exit status: decided here, from the command's result, and
//! nowhere else (no command calls `process::exit`).
//!
//! 0 success (a reader that went away, `rehearse history | head -1`, is not a failure);
//! 1 an error, printed as one line; 2 a usage error (clap's own, or [`UsageError`]); 128 + n when
//! a signal stopped the run (130 for Ctrl-C).

use crate::signals::Interrupted;

/// A command line that parses but asks for something impossible (an empty `--question`); exits 2
/// like clap's own usage errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Success,
    /// An error worth one line on stderr.
    Failure,
    Usage,
    /// Stopped by a signal: the status a shell expects (128 + its number).
    Signal(u8),
}

impl ExitCode {
    pub fn of(result: &anyhow::Result<()>) -> ExitCode {
        let Err(err) = result else {
            return ExitCode::Success;
        };
        // The whole chain is searched: a typed error may carry the deciding one as its source.
        if let Some(stop) = find::<Interrupted>(err) {
            return ExitCode::Signal(stop.signal.exit_status());
        }
        if find::<std::io::Error>(err).is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
            return ExitCode::Success;
        }
        if find::<UsageError>(err).is_some() {
            return ExitCode::Usage;
        }
        ExitCode::Failure
    }

    /// Whether the error behind this status is printed (a signal's is not: the command already
    /// said what became of the work).
    pub fn prints_error(self) -> bool {
        matches!(self, ExitCode::Failure | ExitCode::Usage)
    }

    pub fn status(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Failure => 1,
            ExitCode::Usage => 2,
            ExitCode::Signal(n) => n,
        }
    }
}

/// The first error of type `E` in `err`'s chain of causes.
fn find<E: std::error::Error + 'static>(err: &anyhow::Error) -> Option<&E> {
    err.chain().find_map(|cause| cause.downcast_ref::<E>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::StopSignal;
    use anyhow::anyhow;

    #[test]
    fn each_ending_has_its_status() {
        assert_eq!(ExitCode::of(&Ok(())).status(), 0);
        assert_eq!(ExitCode::of(&Err(anyhow!("no such file"))).status(), 1);
        let usage: anyhow::Result<()> = Err(UsageError("--question is empty".into()).into());
        assert_eq!(ExitCode::of(&usage).status(), 2);
        let stopped: anyhow::Result<()> = Err(anyhow!(Interrupted {
            signal: StopSignal::Terminate
        })
        .context("while transcribing"));
        assert_eq!(ExitCode::of(&stopped).status(), 143);
        assert!(!ExitCode::of(&stopped).prints_error());
        let pipe: anyhow::Result<()> =
            Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe).into());
        assert_eq!(ExitCode::of(&pipe), ExitCode::Success);
    }

    /// A command's own error type that keeps the deciding error as its source.
    #[derive(Debug, thiserror::Error)]
    #[error("the analysis of take 7 stopped")]
    struct Wrapped(#[source] Interrupted);

    #[derive(Debug, thiserror::Error)]
    #[error("cannot add the question")]
    struct BadQuestion(#[source] UsageError);

    #[test]
    fn the_deciding_error_is_found_as_a_source_too() {
        let stopped: anyhow::Result<()> = Err(Wrapped(Interrupted {
            signal: StopSignal::Interrupt,
        })
        .into());
        assert_eq!(ExitCode::of(&stopped), ExitCode::Signal(130));
        let usage: anyhow::Result<()> = Err(BadQuestion(UsageError("no text".into())).into());
        assert_eq!(ExitCode::of(&usage), ExitCode::Usage);
    }
}
