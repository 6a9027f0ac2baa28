//! Checks a model file against what its header promises, before whisper.cpp sees it.
//!
//! whisper.cpp trusts the file: a copy cut short inside the vocabulary makes it allocate from a
//! length it never read (an uncatchable C++ exception that aborts the process), and a file that
//! ends right after the vocabulary loads as an "empty model for testing" that hears no speech.
//! This walk reads only the header, the section sizes and the 167-odd tensor headers, seeking over
//! the data, so it costs a few hundred kilobytes of reading on any model size. It accepts exactly
//! the files whose every tensor whisper.cpp will find whole: the tensors the header's
//! hyper-parameters call for, each once, with the expected sizes and element type, its data all
//! there, and nothing after the last one.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::path::Path;

use super::{
    Hparams, TensorHeader, TensorType, HEADER_BYTES, MAX_DIMS, MEL_FREQ_BINS,
    TENSOR_HEADER_FIXED_BYTES,
};

/// Longest tensor name accepted (whisper.cpp's are under 50 bytes).
const MAX_NAME_BYTES: i32 = 256;
/// Longest vocabulary token accepted (Whisper's byte-level tokens are under 130 bytes).
const MAX_TOKEN_BYTES: u32 = 1024;

/// Read buffer: every tensor header after a seek refills it, so it is kept small.
const CHECK_BUFFER_BYTES: usize = 8 * 1024;

/// What a checked file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFile {
    pub hparams: Hparams,
    pub weight_type: TensorType,
    pub tensors: usize,
    pub bytes: u64,
}

/// Why a file is not a model whisper.cpp can load whole. The messages say what is wrong with
/// the file; the caller names the file and says where to get a good one.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("cannot read it ({0})")]
    Read(#[from] io::Error),

    #[error("not a whisper.cpp (ggml) model file")]
    NotGgml,

    #[error("empty (0 bytes)")]
    Empty,

    /// The file stops before what its header promises is all there.
    #[error("incomplete: its {size} bytes end {place} (a download or copy cut short)")]
    Truncated { place: String, size: u64 },

    /// Complete, but not what whisper.cpp expects.
    #[error("corrupt: {0}")]
    Corrupt(String),
}

/// Checks the model file at `path`.
pub fn check_file(path: &Path) -> Result<ModelFile, CheckError> {
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    check(BufReader::with_capacity(CHECK_BUFFER_BYTES, file), len)
}

/// Checks a model of `len` bytes read from `r`.
pub fn check<R: Read + Seek>(r: BufReader<R>, len: u64) -> Result<ModelFile, CheckError> {
    let mut w = Walk { r, pos: 0, len };

    let head = w.magic_and_header()?;
    let hp = Hparams::from_header(&head).ok_or(CheckError::NotGgml)?;
    plausible(&hp)?;
    let (Some(weight_type), Some(expected)) = (hp.weight_type(), hp.expected_tensors()) else {
        return Err(CheckError::Corrupt(format!(
            "its weight type (ftype {}) is not one whisper.cpp's tools write",
            hp.ftype
        )));
    };

    let place = "inside the mel filter bank";
    let n_mel = w.i32(place)?;
    let n_bins = w.i32(place)?;
    if n_mel != hp.n_mels || n_bins != MEL_FREQ_BINS as i32 {
        return Err(CheckError::Corrupt(format!(
            "its mel filter bank is {n_mel} × {n_bins}, expected {} × {MEL_FREQ_BINS}",
            hp.n_mels
        )));
    }
    w.skip(n_mel as u64 * n_bins as u64 * 4, place)?;

    let place = "inside the vocabulary";
    let n_tokens = w.i32(place)?;
    if n_tokens <= 0 || n_tokens > hp.n_vocab {
        return Err(CheckError::Corrupt(format!(
            "its vocabulary claims {n_tokens} tokens of at most {}",
            hp.n_vocab
        )));
    }
    for i in 0..n_tokens {
        let n = w.u32(place)?;
        if n > MAX_TOKEN_BYTES {
            return Err(CheckError::Corrupt(format!(
                "vocabulary token {i} claims {n} bytes"
            )));
        }
        w.skip(n as u64, place)?;
    }

    let by_name: HashMap<&[u8], usize> = expected
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_bytes(), i))
        .collect();
    let total = expected.len();
    let mut seen = vec![false; total];
    for k in 1..=total {
        if w.pos == w.len {
            return Err(w.truncated(format!("after {} of its {total} tensors", k - 1)));
        }
        let header = w.tensor_header(k, total)?;
        let name = String::from_utf8_lossy(&header.name).into_owned();
        let Some(&i) = by_name.get(&header.name[..]) else {
            return Err(CheckError::Corrupt(format!(
                "tensor {k} is '{name}', which is not one whisper.cpp loads"
            )));
        };
        if std::mem::replace(&mut seen[i], true) {
            return Err(CheckError::Corrupt(format!(
                "tensor '{name}' appears twice"
            )));
        }
        let spec = &expected[i];
        let ty = TensorType::from_id(header.type_id).ok_or_else(|| {
            CheckError::Corrupt(format!(
                "tensor '{name}' has unknown element type {}",
                header.type_id
            ))
        })?;
        if ty != spec.ty {
            return Err(CheckError::Corrupt(format!(
                "tensor '{name}' is stored as {ty}, but a {weight_type} model stores it as {}",
                spec.ty
            )));
        }
        // whisper.cpp compares sizes padded with ones, so [384] and [384, 1] are the same.
        let padded = |ne: &[u64]| {
            let mut p = [1u64; MAX_DIMS];
            p[..ne.len()].copy_from_slice(ne);
            p
        };
        let ne: Vec<u64> = header.ne.iter().map(|&n| n.max(0) as u64).collect();
        if header.ne.iter().any(|&n| n < 0) || padded(&ne) != padded(&spec.ne) {
            return Err(CheckError::Corrupt(format!(
                "tensor '{name}' has sizes {:?}, expected {:?}",
                header.ne, spec.ne
            )));
        }
        // A header can pass as plausible with a width that is not whole blocks of its type.
        let bytes = ty.data_bytes(&spec.ne).ok_or_else(|| {
            CheckError::Corrupt(format!(
                "tensor '{name}' has rows of {} values, which are not whole {ty} blocks",
                spec.ne[0]
            ))
        })?;
        w.skip(bytes, &format!("inside tensor {k} of {total} ('{name}')"))?;
    }
    if w.pos != w.len {
        return Err(CheckError::Corrupt(format!(
            "{} unexpected bytes follow its last tensor",
            w.len - w.pos
        )));
    }
    Ok(ModelFile {
        hparams: hp,
        weight_type,
        tensors: total,
        bytes: len,
    })
}

/// The sizes whisper.cpp can run: a wrong or damaged header fails here rather than in the loader
/// (which asserts on some values and allocates by others).
fn plausible(hp: &Hparams) -> Result<(), CheckError> {
    let heads_divide = |state: i32, heads: i32| heads > 0 && state % heads == 0;
    let ok = (1000..=60000).contains(&hp.n_vocab)
        && hp.n_audio_ctx == 1500
        && (1..=4096).contains(&hp.n_text_ctx)
        && (1..=8192).contains(&hp.n_audio_state)
        && hp.n_text_state == hp.n_audio_state
        && heads_divide(hp.n_audio_state, hp.n_audio_head)
        && heads_divide(hp.n_text_state, hp.n_text_head)
        && (1..=64).contains(&hp.n_audio_layer)
        && (1..=64).contains(&hp.n_text_layer)
        && matches!(hp.n_mels, 80 | 128);
    if ok {
        Ok(())
    } else {
        Err(CheckError::Corrupt(
            "its header does not describe a Whisper model".into(),
        ))
    }
}

/// A reader that knows where it is and how long the file is, so every length is checked against
/// what is left before anything is read or allocated.
struct Walk<R> {
    r: BufReader<R>,
    pos: u64,
    len: u64,
}

impl<R: Read + Seek> Walk<R> {
    fn truncated(&self, place: String) -> CheckError {
        CheckError::Truncated {
            place,
            size: self.len,
        }
    }

    fn need(&self, n: u64, place: &str) -> Result<(), CheckError> {
        if self.len - self.pos < n {
            return Err(self.truncated(place.to_string()));
        }
        Ok(())
    }

    fn read<const N: usize>(&mut self, place: &str) -> Result<[u8; N], CheckError> {
        self.need(N as u64, place)?;
        let mut b = [0u8; N];
        self.r.read_exact(&mut b)?;
        self.pos += N as u64;
        Ok(b)
    }

    fn i32(&mut self, place: &str) -> Result<i32, CheckError> {
        Ok(i32::from_le_bytes(self.read(place)?))
    }

    fn u32(&mut self, place: &str) -> Result<u32, CheckError> {
        Ok(u32::from_le_bytes(self.read(place)?))
    }

    fn skip(&mut self, n: u64, place: &str) -> Result<(), CheckError> {
        self.need(n, place)?;
        self.r.seek_relative(n as i64)?;
        self.pos += n;
        Ok(())
    }

    /// The magic and hyper-parameters. A file too short for them is "not a model" when even
    /// its first four bytes are not the magic, and "incomplete" otherwise.
    fn magic_and_header(&mut self) -> Result<[u8; HEADER_BYTES], CheckError> {
        if self.len == 0 {
            return Err(CheckError::Empty);
        }
        let available = self.len.min(HEADER_BYTES as u64) as usize;
        let mut head = [0u8; HEADER_BYTES];
        self.r.read_exact(&mut head[..available])?;
        self.pos = available as u64;
        if available >= 4 && head[..4] != super::MAGIC.to_le_bytes() {
            return Err(CheckError::NotGgml);
        }
        if available < HEADER_BYTES {
            return Err(self.truncated("inside the header".into()));
        }
        Ok(head)
    }

    /// The header of tensor `k` of `total`.
    fn tensor_header(&mut self, k: usize, total: usize) -> Result<TensorHeader, CheckError> {
        let place = &format!("inside the header of tensor {k} of {total}");
        let (n_dims, name_len, type_id) =
            TensorHeader::fixed_fields(&self.read::<TENSOR_HEADER_FIXED_BYTES>(place)?);
        if !(1..=MAX_DIMS as i32).contains(&n_dims) || !(1..=MAX_NAME_BYTES).contains(&name_len) {
            return Err(CheckError::Corrupt(format!(
                "the header of tensor {k} of {total} claims {n_dims} dimensions and a {name_len}-byte name"
            )));
        }
        let mut ne = Vec::with_capacity(n_dims as usize);
        for _ in 0..n_dims {
            ne.push(self.i32(place)?);
        }
        self.need(name_len as u64, place)?;
        let mut name = vec![0u8; name_len as usize];
        self.r.read_exact(&mut name)?;
        self.pos += name_len as u64;
        Ok(TensorHeader { name, type_id, ne })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ggml::write::Writer;
    use std::io::Cursor;

    /// The smallest header the check accepts: one layer each side, width 64, 1000 tokens.
    fn small(ftype: i32) -> Hparams {
        Hparams {
            n_vocab: 1000,
            n_audio_ctx: 1500,
            n_audio_state: 64,
            n_audio_head: 1,
            n_audio_layer: 1,
            n_text_ctx: 4,
            n_text_state: 64,
            n_text_head: 1,
            n_text_layer: 1,
            n_mels: 80,
            ftype,
        }
    }

    /// A whole model file for `hp`, and the offset where each tensor's header starts.
    fn model_file(hp: &Hparams) -> (Vec<u8>, Vec<u64>) {
        let mut w = Writer::new(Vec::new());
        w.header(hp).unwrap();
        w.filters(hp.n_mels, &vec![0.5; hp.n_mels as usize * MEL_FREQ_BINS])
            .unwrap();
        let tokens: Vec<Vec<u8>> = (0..900).map(|i| format!("t{i}").into_bytes()).collect();
        w.vocabulary(&tokens).unwrap();
        let mut starts = Vec::new();
        for t in hp.expected_tensors().unwrap() {
            starts.push(w.bytes_written());
            w.tensor_header(&TensorHeader {
                name: t.name.clone().into_bytes(),
                type_id: t.ty.id(),
                ne: t.ne.iter().map(|&n| n as i32).collect(),
            })
            .unwrap();
            // A tensor that cannot be whole blocks gets no data; the check stops there.
            let size = t.ty.data_bytes(&t.ne).unwrap_or(0);
            w.data(&vec![7u8; size as usize]).unwrap();
        }
        (w.finish().unwrap(), starts)
    }

    fn check_bytes(bytes: &[u8]) -> Result<ModelFile, CheckError> {
        check(BufReader::new(Cursor::new(bytes)), bytes.len() as u64)
    }

    fn truncated_place(bytes: &[u8]) -> String {
        match check_bytes(bytes) {
            Err(CheckError::Truncated { place, size }) => {
                assert_eq!(size, bytes.len() as u64);
                place
            }
            other => panic!("cut at {}: {other:?}", bytes.len()),
        }
    }

    fn corrupt_reason(bytes: &[u8]) -> String {
        match check_bytes(bytes) {
            Err(CheckError::Corrupt(reason)) => reason,
            other => panic!("{other:?}"),
        }
    }

    const VOCAB_START: usize = HEADER_BYTES + 8 + 80 * MEL_FREQ_BINS * 4;

    #[test]
    fn a_whole_model_passes_in_f16_and_q8_0() {
        for (ftype, ty) in [(1, TensorType::F16), (2007, TensorType::Q8_0)] {
            let hp = small(ftype);
            let (bytes, _) = model_file(&hp);
            let m = check_bytes(&bytes).unwrap();
            assert_eq!(m.hparams, hp);
            assert_eq!(m.weight_type, ty);
            // 7 encoder globals, 15 per encoder layer, 4 decoder globals, 24 per decoder layer.
            assert_eq!(m.tensors, 7 + 15 + 4 + 24);
            assert_eq!(m.bytes, bytes.len() as u64);
        }
    }

    #[test]
    fn every_cut_is_incomplete_and_says_where_it_ends() {
        let (bytes, starts) = model_file(&small(1));
        assert!(matches!(check_bytes(&[]), Err(CheckError::Empty)));
        for cut in 1..HEADER_BYTES {
            assert_eq!(truncated_place(&bytes[..cut]), "inside the header");
        }
        for cut in [HEADER_BYTES, HEADER_BYTES + 7, VOCAB_START - 1] {
            assert_eq!(truncated_place(&bytes[..cut]), "inside the mel filter bank");
        }
        for cut in [
            VOCAB_START,
            VOCAB_START + 3,
            VOCAB_START + 4,
            starts[0] as usize - 1,
        ] {
            assert_eq!(truncated_place(&bytes[..cut]), "inside the vocabulary");
        }
        // At each tensor's start, one byte into its header, and one byte before its end.
        let n = starts.len();
        for (k, &start) in starts.iter().enumerate().skip(1) {
            assert_eq!(
                truncated_place(&bytes[..start as usize]),
                format!("after {k} of its {n} tensors")
            );
            assert_eq!(
                truncated_place(&bytes[..start as usize + 1]),
                format!("inside the header of tensor {} of {n}", k + 1)
            );
            assert!(truncated_place(&bytes[..start as usize - 1])
                .starts_with(&format!("inside tensor {k} of {n} (")));
        }
        assert_eq!(
            truncated_place(&bytes[..bytes.len() - 1]),
            format!("inside tensor {n} of {n} ('decoder.blocks.0.cross_attn.out.bias')")
        );
        // And a spread of cuts everywhere else: never accepted, never a panic.
        for cut in (1..bytes.len()).step_by(997) {
            truncated_place(&bytes[..cut]);
        }
    }

    #[test]
    fn bytes_after_the_last_tensor_are_refused() {
        let (bytes, starts) = model_file(&small(1));
        for extra in [1usize, 11, 12, 4096] {
            let mut longer = bytes.clone();
            longer.extend(std::iter::repeat_n(0u8, extra));
            assert_eq!(
                corrupt_reason(&longer),
                format!("{extra} unexpected bytes follow its last tensor")
            );
        }
        // The last tensor but one written twice, in place of the last.
        let (last, before) = (starts[starts.len() - 1], starts[starts.len() - 2]);
        let mut twice = bytes[..last as usize].to_vec();
        twice.extend_from_slice(&bytes[before as usize..last as usize]);
        assert_eq!(
            corrupt_reason(&twice),
            "tensor 'decoder.blocks.0.cross_attn.out.weight' appears twice"
        );
        // A whole tensor after the last one is extra bytes too.
        let mut appended = bytes.clone();
        appended.extend_from_slice(&bytes[last as usize..]);
        assert!(corrupt_reason(&appended).ends_with("unexpected bytes follow its last tensor"));
    }

    /// Overwrites the `i32` at `at`.
    fn patched(bytes: &[u8], at: usize, value: i32) -> Vec<u8> {
        let mut b = bytes.to_vec();
        b[at..at + 4].copy_from_slice(&value.to_le_bytes());
        b
    }

    #[test]
    fn garbage_in_headers_is_named() {
        let (bytes, starts) = model_file(&small(1));
        // The first tensor is encoder.positional_embedding: f32, sizes [64, 1500].
        let first = starts[0] as usize;
        let (dims_at, name_len_at, type_at, ne0_at, ne1_at) =
            (first, first + 4, first + 8, first + 12, first + 16);
        assert_eq!(
            corrupt_reason(&patched(&bytes, ne1_at, 1501)),
            "tensor 'encoder.positional_embedding' has sizes [64, 1501], expected [64, 1500]"
        );
        assert!(corrupt_reason(&patched(&bytes, ne0_at, i32::MAX)).contains("[2147483647, 1500]"));
        assert!(corrupt_reason(&patched(&bytes, ne0_at, -64)).contains("[-64, 1500]"));
        assert_eq!(
            corrupt_reason(&patched(&bytes, type_at, 1)),
            "tensor 'encoder.positional_embedding' is stored as f16, but a f16 model stores it as f32"
        );
        assert_eq!(
            corrupt_reason(&patched(&bytes, type_at, 99)),
            "tensor 'encoder.positional_embedding' has unknown element type 99"
        );
        assert_eq!(
            corrupt_reason(&patched(&bytes, dims_at, 7)),
            "the header of tensor 1 of 50 claims 7 dimensions and a 28-byte name"
        );
        assert!(corrupt_reason(&patched(&bytes, name_len_at, 1 << 30)).contains("1073741824-byte"));
        let mut renamed = bytes.clone();
        renamed[first + 20] = b'E';
        assert_eq!(
            corrupt_reason(&renamed),
            "tensor 1 is 'Encoder.positional_embedding', which is not one whisper.cpp loads"
        );
        assert!(corrupt_reason(&patched(&bytes, VOCAB_START, 5000)).contains("5000 tokens"));
        assert!(corrupt_reason(&patched(&bytes, VOCAB_START + 4, 1 << 20)).contains("token 0"));
        assert!(corrupt_reason(&patched(&bytes, HEADER_BYTES, 128)).contains("128 × 201"));
        assert!(corrupt_reason(&patched(&bytes, 4 * 11, 5)).contains("ftype 5"));
        let narrow = Hparams {
            n_audio_state: 100,
            n_text_state: 100,
            ..small(TensorType::Q8_0.ftype())
        };
        assert_eq!(
            corrupt_reason(&model_file(&narrow).0),
            "tensor 'encoder.blocks.0.mlp.0.weight' has rows of 100 values, which are not whole q8_0 blocks"
        );
        assert!(corrupt_reason(&patched(&bytes, 4 * 2, 0)).contains("not describe a Whisper"));
        assert!(matches!(
            check_bytes(&patched(&bytes, 0, 0x6767_6d6d)),
            Err(CheckError::NotGgml)
        ));
        assert!(matches!(check_bytes(b"text"), Err(CheckError::NotGgml)));
    }
}
