//! The analysis pipeline shared by `analyze`, `practice` and `reanalyze`: recording → 16 kHz
//! samples → speech regions → transcript → analysis → report.

use anyhow::Result;
use std::path::Path;

use crate::analysis::Timeline;
use crate::analysis::{self, Targets};
use crate::audio::speech::{detect_speech, DetectorSettings};
use crate::audio::wav::{read_wav, DecodedAudio};
use crate::report::{AudioInfo, InputInfo, ModelInfo, QuestionRef, Report, ReportInputs};
use crate::transcribe::chunks::{plan_windows, ChunkPlan};
use crate::transcribe::{AbortFlag, Engine, Progress};

/// Analyses a decoded recording. `display_path` is what the report names as the audio.
pub fn analyze_audio(
    engine: &Engine,
    audio: &DecodedAudio,
    display_path: &Path,
    question: Option<QuestionRef>,
    targets: &Targets,
    progress: Option<Progress>,
    abort: Option<AbortFlag>,
) -> Result<Report> {
    let mut warnings = Vec::new();
    if let Some(cut) = &audio.cut_off {
        warnings.push(cut.describe(display_path));
    }
    let mut activity = detect_speech(&audio.samples, &DetectorSettings::default());
    // The reported duration is the file's own; resampling can shift the sample count by one.
    activity.duration_s = audio.duration_s;
    let windows = plan_windows(&activity.regions, audio.duration_s, &ChunkPlan::default());
    if crate::ui::tracing() {
        eprintln!(
            "regions: {:?}",
            activity
                .regions
                .iter()
                .map(|r| format!("{:.2}-{:.2}", r.start, r.end))
                .collect::<Vec<_>>()
        );
        let sizes: Vec<String> = windows
            .iter()
            .map(|w| format!("{:.1} s in {} pieces", w.duration(), w.pieces.len()))
            .collect();
        eprintln!("windows: {}", sizes.join(", "));
    }
    let transcript = engine.transcribe(&audio.samples, &windows, progress, abort)?;
    let asked = question.as_ref().map(QuestionRef::asked);
    let result = analysis::analyze(
        &transcript,
        &Timeline::Signal(activity),
        targets,
        asked.as_ref(),
    );
    trace_fillers(&transcript, targets);
    let inputs = ReportInputs {
        question,
        input: InputInfo::recording(&display_path.display().to_string()),
        audio: Some(AudioInfo {
            path: display_path.display().to_string(),
            duration_s: analysis::round2(audio.duration_s),
            sample_rate: audio.source.sample_rate,
            channels: audio.source.channels,
            bits_per_sample: audio.source.bits_per_sample,
            recovered: audio.cut_off.is_some(),
        }),
        model: Some(ModelInfo {
            path: engine.path.display().to_string(),
            name: engine.name(),
            threads: engine.threads,
        }),
        transcript,
        warnings,
    };
    Ok(Report::assemble(inputs, result, now_rfc3339()))
}

/// Reads and analyses a WAV file.
pub fn analyze_file(
    engine: &Engine,
    path: &Path,
    question: Option<QuestionRef>,
    targets: &Targets,
    progress: Option<Progress>,
    abort: Option<AbortFlag>,
) -> Result<Report> {
    let audio = read_wav(path)?;
    analyze_audio(engine, &audio, path, question, targets, progress, abort)
}

/// With `REHEARSE_TRACE`, one line per filler candidate on stderr: the rule that decided it.
pub fn trace_fillers(transcript: &crate::transcript::Transcript, targets: &Targets) {
    if crate::ui::tracing() {
        let words: Vec<_> = transcript.words().cloned().collect();
        for line in analysis::fillers::trace_lines(&words, &targets.fillers) {
            eprintln!("{line}");
        }
    }
}

pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
