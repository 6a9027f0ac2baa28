//! The analysis pipeline shared by `analyze`, `practice` and `reanalyze`: recording → 16 kHz
//! samples → speech regions → transcript → analysis → report.

use anyhow::Result;
use std::path::Path;

use crate::analysis::Timeline;
use crate::analysis::{self, Targets};
use crate::audio::speech::{detect_speech, DetectorSettings};
use crate::audio::wav::{read_wav, DecodedAudio};
use crate::report::{AudioInfo, InputInfo, ModelInfo, QuestionRef, Report, ReportInputs};
use crate::signals::Checkpoint;
use crate::transcribe::segmenter::{plan_recording, SegmenterSettings};
use crate::transcribe::{Engine, Progress};
use crate::transcript::Transcript;

/// What is known about a take besides its audio.
#[derive(Debug, Clone, Default)]
pub struct TakeFacts {
    pub question: Option<QuestionRef>,
    /// When it was recorded (RFC 3339); `None` for a file analysed as it is.
    pub recorded_at: Option<String>,
}

/// How a long analysis reports back and is stopped.
#[derive(Clone)]
pub struct Watch {
    pub progress: Option<Progress>,
    /// A signal since this checkpoint aborts the transcription.
    pub cancel: Checkpoint,
}

/// Analyses a decoded recording. `display_path` is what the report names as the audio.
pub fn analyze_audio(
    engine: &Engine,
    audio: &DecodedAudio,
    display_path: &Path,
    facts: TakeFacts,
    targets: &Targets,
    watch: &Watch,
) -> Result<Report> {
    let windows = plan_recording(&audio.samples, SegmenterSettings::report());
    crate::output::trace(|| {
        let spans: Vec<String> = windows
            .iter()
            .map(|w| {
                format!(
                    "{:.2}-{:.2} ({:.1} s in {} pieces)",
                    w.source_start(),
                    w.source_end(),
                    w.duration(),
                    w.pieces.len()
                )
            })
            .collect();
        format!("windows: {}", spans.join(", "))
    });
    let transcript = engine.transcribe(
        &audio.samples,
        &windows,
        watch.progress.clone(),
        &watch.cancel,
    )?;
    Ok(assemble(
        engine,
        audio,
        display_path,
        facts,
        targets,
        transcript,
    ))
}

/// The report for a recording and its transcript (made from the same samples).
pub fn assemble(
    engine: &Engine,
    audio: &DecodedAudio,
    display_path: &Path,
    facts: TakeFacts,
    targets: &Targets,
    transcript: Transcript,
) -> Report {
    let mut warnings = Vec::new();
    if let Some(cut) = &audio.cut_off {
        warnings.push(cut.describe(display_path));
    }
    let mut activity = detect_speech(&audio.samples, &DetectorSettings::default());
    // The reported duration is the file's own; resampling can shift the sample count by one.
    activity.duration_s = audio.duration_s;
    let asked = facts.question.as_ref().map(QuestionRef::asked);
    let result = analysis::analyze(
        &transcript,
        &Timeline::Signal(activity),
        targets,
        asked.as_ref(),
    );
    trace_fillers(&transcript, targets);
    let inputs = ReportInputs {
        question: facts.question,
        recorded_at: facts.recorded_at,
        input: InputInfo::recording(&display_path.display().to_string()),
        audio: Some(AudioInfo {
            path: display_path.display().to_string(),
            duration_s: crate::units::round2(audio.duration_s),
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
    Report::assemble(inputs, result, now_rfc3339())
}

/// Reads and analyses a WAV file.
pub fn analyze_file(
    engine: &Engine,
    path: &Path,
    facts: TakeFacts,
    targets: &Targets,
    watch: &Watch,
) -> Result<Report> {
    let audio = read_wav(path)?;
    analyze_audio(engine, &audio, path, facts, targets, watch)
}

/// With `REHEARSE_TRACE`, one line per filler candidate on stderr: the rule that decided it.
pub fn trace_fillers(transcript: &crate::transcript::Transcript, targets: &Targets) {
    if crate::output::tracing() {
        let words: Vec<_> = transcript.words().cloned().collect();
        for line in analysis::fillers::trace_lines(&words, &targets.fillers) {
            crate::output::trace(|| line);
        }
    }
}

/// Now, as RFC 3339 UTC to the second.
pub fn now_rfc3339() -> String {
    rfc3339(time::OffsetDateTime::now_utc())
}

/// A moment as RFC 3339 UTC to the second (how reports write times).
pub fn rfc3339(at: time::OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
