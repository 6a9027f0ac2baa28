//! Writing a model file, part by part in file order, into any byte sink (the caller decides where
//! the bytes go and how the file is made atomic).

use std::io::{self, Write};

use super::{Hparams, TensorHeader, MEL_FREQ_BINS};

/// Writes the parts of a model file in order and counts the bytes.
pub struct Writer<W: Write> {
    w: W,
    bytes: u64,
}

impl<W: Write> Writer<W> {
    pub fn new(w: W) -> Writer<W> {
        Writer { w, bytes: 0 }
    }

    /// Bytes written so far.
    pub fn bytes_written(&self) -> u64 {
        self.bytes
    }

    /// Raw bytes: tensor data after its [`Writer::tensor_header`].
    pub fn data(&mut self, b: &[u8]) -> io::Result<()> {
        self.w.write_all(b)?;
        self.bytes += b.len() as u64;
        Ok(())
    }

    fn i32(&mut self, v: i32) -> io::Result<()> {
        self.data(&v.to_le_bytes())
    }

    /// The magic and the hyper-parameters.
    pub fn header(&mut self, hp: &Hparams) -> io::Result<()> {
        self.data(&hp.to_header())
    }

    /// The mel filter bank: `n_mel` rows of [`MEL_FREQ_BINS`] weights, row-major.
    pub fn filters(&mut self, n_mel: i32, weights: &[f32]) -> io::Result<()> {
        debug_assert_eq!(weights.len(), n_mel as usize * MEL_FREQ_BINS);
        self.i32(n_mel)?;
        self.i32(MEL_FREQ_BINS as i32)?;
        let bytes: Vec<u8> = weights.iter().flat_map(|v| v.to_le_bytes()).collect();
        self.data(&bytes)
    }

    /// The vocabulary: a count, then each token's length and bytes.
    pub fn vocabulary(&mut self, tokens: &[Vec<u8>]) -> io::Result<()> {
        self.i32(tokens.len() as i32)?;
        for t in tokens {
            self.data(&(t.len() as u32).to_le_bytes())?;
            self.data(t)?;
        }
        Ok(())
    }

    pub fn tensor_header(&mut self, header: &TensorHeader) -> io::Result<()> {
        self.data(&header.to_bytes())
    }

    /// Flushes and hands back the sink.
    pub fn finish(mut self) -> io::Result<W> {
        self.w.flush()?;
        Ok(self.w)
    }
}
