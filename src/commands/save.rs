//! Keeping an analysed take as a session: the recording as `take.wav` (16 kHz mono 16-bit) and
//! its report, through the session store.

use anyhow::{Context as _, Result};

use crate::audio::wav::{write_take, DecodedAudio};
use crate::config::Config;
use crate::history::store::Store;
use crate::report::Report;

/// Saves an outside recording (already decoded) and its report; returns the session id. The
/// stored report describes the stored take, so it can be re-analysed later.
pub fn save_decoded(config: &Config, audio: &DecodedAudio, report: &mut Report) -> Result<String> {
    let store = Store::open(&config.data_dir)?;
    let session = store.begin()?;
    write_take(&session.wav_path, &audio.samples)
        .with_context(|| format!("cannot write {}", session.wav_path.display()))?;
    report.audio.path = session.wav_path.display().to_string();
    report.audio.sample_rate = crate::audio::ANALYSIS_RATE;
    report.audio.channels = 1;
    report.audio.bits_per_sample = 16;
    store.finish(&session, report)?;
    Ok(session.id)
}
