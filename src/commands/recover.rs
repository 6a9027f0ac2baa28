//! `rehearse recover FILE.wav`: repair a recording whose header was never finished (a crash or
//! SIGKILL during recording) so every player can read all of it.

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
        Some(_) => {
            let seconds = hound::WavReader::open(path)
                .map(|r| r.duration() as f64 / r.spec().sample_rate as f64)
                .unwrap_or(0.0);
            writeln!(
                out,
                "{}: repaired; the header now covers all {seconds:.1} s of audio",
                path.display()
            )?
        }
    }
    Ok(())
}
