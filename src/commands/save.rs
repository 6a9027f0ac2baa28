//! Keeping an analysed take as a session: the recording as `take.wav` (16 kHz mono 16-bit) and
//! its report, through the session store.

use anyhow::{Context as _, Result};

use crate::audio::wav::{write_take, DecodedAudio};
use crate::config::Config;
use crate::history::store::Store;
use crate::report::{QuestionRef, Report};
use std::path::Path;

/// Saves an outside recording (already decoded) and its report; returns the session id. The
/// stored report describes the stored take, so it can be re-analysed later.
pub fn save_decoded(config: &Config, audio: &DecodedAudio, report: &mut Report) -> Result<String> {
    let store = Store::open(&config.data_dir)?;
    let session = store.begin()?;
    write_take(&session.wav_path, &audio.samples)
        .with_context(|| format!("cannot write {}", session.wav_path.display()))?;
    if let Some(stored) = report.audio.as_mut() {
        stored.path = session.wav_path.display().to_string();
        stored.sample_rate = crate::audio::ANALYSIS_RATE;
        stored.channels = 1;
        stored.bits_per_sample = 16;
    }
    store.finish(&session, report)?;
    Ok(session.id)
}

/// The question a session answers, kept beside its recording from the moment the take starts,
/// so a take whose analysis never ran (a second Ctrl-C, a crash) is re-analysed with it.
const QUESTION_FILE: &str = "question.json";

pub fn remember_question(session_dir: &Path, question: &QuestionRef) -> Result<()> {
    let json = serde_json::to_vec_pretty(question)?;
    crate::fsutil::write_atomic(&session_dir.join(QUESTION_FILE), &json, 0o600)
        .with_context(|| format!("cannot write {}", session_dir.join(QUESTION_FILE).display()))
}

pub fn remembered_question(session_dir: &Path) -> Option<QuestionRef> {
    let text = std::fs::read(session_dir.join(QUESTION_FILE)).ok()?;
    serde_json::from_slice(&text).ok()
}

pub fn forget_question(session_dir: &Path) {
    let _ = std::fs::remove_file(session_dir.join(QUESTION_FILE));
}
