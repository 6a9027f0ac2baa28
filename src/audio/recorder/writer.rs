//! The recording on disk: the 16 kHz mono 16-bit WAV (private to its owner), written as it comes
//! in, with the same samples forwarded to the live transcriber.
//!
//! Crash safety: hound only writes the WAV sizes when flushing or finalizing, so the recording
//! thread flushes about once a second. A killed process then leaves a valid header describing all
//! but the last second, with the rest of the samples on disk after it (`rehearse recover`).

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use super::{RecorderError, OUTPUT_RATE};
use crate::audio::pcm::to_i16;

type WavWriter = hound::WavWriter<BufWriter<File>>;

/// The WAV being written plus the optional forward, behind one `write`.
pub(super) struct TakeWriter {
    wav: WavWriter,
    path: PathBuf,
    forward: Option<Sender<Vec<i16>>>,
    written: u64,
}

impl TakeWriter {
    /// Creates the WAV file readable by its owner only, and its folder (if missing) likewise.
    pub(super) fn create(
        path: &Path,
        forward: Option<Sender<Vec<i16>>>,
    ) -> Result<TakeWriter, RecorderError> {
        let file = crate::fsutil::overwrite_private_file(path).map_err(|source| {
            RecorderError::Create {
                path: path.to_path_buf(),
                source,
            }
        })?;
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: OUTPUT_RATE,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let wav = hound::WavWriter::new(BufWriter::new(file), spec).map_err(|source| {
            RecorderError::Write {
                path: path.to_path_buf(),
                source,
            }
        })?;
        Ok(TakeWriter {
            wav,
            path: path.to_path_buf(),
            forward,
            written: 0,
        })
    }

    /// Appends 16 kHz mono samples; returns how many the file holds now.
    pub(super) fn write(&mut self, samples: &[f32]) -> Result<u64, RecorderError> {
        let pcm: Vec<i16> = samples.iter().map(|&s| to_i16(s)).collect();
        for &v in &pcm {
            self.wav.write_sample(v).map_err(|e| self.error(e))?;
        }
        self.written += pcm.len() as u64;
        if let Some(tx) = &self.forward {
            if tx.send(pcm).is_err() {
                // The other consumer went away; recording goes on without it.
                self.forward = None;
            }
        }
        Ok(self.written)
    }

    /// Rewrites the header for what is on disk so far.
    pub(super) fn flush(&mut self) -> Result<(), RecorderError> {
        self.wav.flush().map_err(|e| self.error(e))
    }

    /// Completes the file; returns the samples it holds.
    pub(super) fn finalize(self) -> Result<u64, RecorderError> {
        let path = self.path;
        self.wav
            .finalize()
            .map_err(|source| RecorderError::Write { path, source })?;
        Ok(self.written)
    }

    fn error(&self, source: hound::Error) -> RecorderError {
        RecorderError::Write {
            path: self.path.clone(),
            source,
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)] // file modes
    fn the_wav_is_private_and_its_new_folder_too_even_over_an_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("new/take.wav");
        let w = TakeWriter::create(&path, None).expect("create");
        w.finalize().expect("finalize");
        let mode = |p: &Path| crate::fsutil::mode_of(p).unwrap_or(0);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.path().join("new")), 0o700);
        // A file that was there before, readable by all, becomes private as it is rewritten.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut w = TakeWriter::create(&path, None).expect("create again");
        assert_eq!(w.write(&[0.5, -0.5]).unwrap(), 2);
        assert_eq!(w.finalize().unwrap(), 2);
        assert_eq!(mode(&path), 0o600);
        let samples: Vec<i16> = hound::WavReader::open(&path)
            .unwrap()
            .into_samples::<i16>()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            samples,
            [to_i16(0.5), to_i16(-0.5)],
            "the old content is gone"
        );
    }
}
