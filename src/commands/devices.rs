//! `rehearse devices`: the audio input devices, their default formats, and which is the default.

use anyhow::Result;
use std::io::Write;

use crate::audio::capture::{list_input_devices, print_devices};
use crate::cli::DevicesArgs;

pub fn run(args: &DevicesArgs, out: &mut dyn Write) -> Result<()> {
    let devices = list_input_devices()?;
    print_devices(&devices, args.json, out)?;
    Ok(())
}
