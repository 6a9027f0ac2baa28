//! `rehearse recover FILE.wav`: repair a recording whose header was never finished (a crash or
//! SIGKILL during recording) so every player can read all of it. It says "repaired" only when it
//! wrote a corrected header; through a symbolic link, the file it points at is repaired.

use anyhow::Result;
use std::io::Write;

use crate::audio::wav::repair_in_place;
use crate::cli::RecoverArgs;

pub fn run(args: &RecoverArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.file;
    match repair_in_place(path)? {
        None => writeln!(
            out,
            "{}: the recording is complete; nothing to repair",
            path.display()
        )?,
        Some(repaired) => writeln!(
            out,
            "{}: repaired; the header now covers all {:.1} s of audio",
            path.display(),
            repaired.duration_s
        )?,
    }
    Ok(())
}
