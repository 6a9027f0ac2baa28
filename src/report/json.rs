//! Writing the report as JSON: to stdout, or atomically to a file so a crash or an error never
//! leaves half a report behind.

use anyhow::{bail, Context as _, Result};
use std::io::Write;
use std::path::Path;

use super::Report;

/// The report as pretty JSON, checked to read back. JSON has no NaN or infinity: serde_json
/// writes them as `null`, which then does not read as a number, so such a report would be saved
/// and later skipped as unreadable. Refusing it here says so at once instead.
pub fn to_pretty_json(report: &Report) -> Result<String> {
    let mut s = serde_json::to_string_pretty(report).context("cannot serialise the report")?;
    if let Err(e) = serde_json::from_str::<Report>(&s) {
        bail!("the report would not read back ({e}): a value is not a finite number; please report this");
    }
    s.push('\n');
    Ok(s)
}

/// Writes the report to `path` (`-` means stdout).
pub fn write_report(report: &Report, path: &Path, stdout: &mut dyn Write) -> Result<()> {
    let json = to_pretty_json(report)?;
    if path == Path::new("-") {
        stdout.write_all(json.as_bytes())?;
        return Ok(());
    }
    // A report holds a private transcript: a new file is the owner's only, like the store's.
    crate::fsutil::write_atomic(path, json.as_bytes(), 0o600)
        .with_context(|| format!("cannot write the report to {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::synthetic::{report, Script};

    #[test]
    fn a_report_that_would_not_read_back_is_refused() {
        let script = Script::new(
            Some("Why here?"),
            "I like the team |2.5| and the work",
            time::macros::datetime!(2026-11-29 10:00 UTC),
        );
        let mut r = report(&script);
        let text = to_pretty_json(&r).expect("a normal report");
        assert!(serde_json::from_str::<Report>(&text).is_ok());
        r.metrics.fillers.per_100_words = f64::NAN;
        let err = to_pretty_json(&r).expect_err("NaN is written as null");
        assert!(err.to_string().contains("would not read back"), "{err}");
    }
}
