//! CTranslate2's `model.bin`: the index of named variables (name, shape, type and where the data
//! lies), read without loading the data. Every length is checked against the file size before it
//! is read or allocated, so a truncated or garbage file is an error, never a huge allocation.
//!
//! Layout (little-endian, no padding): `u32` format version; a string spec name and `u32`
//! revision; `u32` variable count; per variable a string name, `u8` rank, `u32` dims, `u8` dtype,
//! `u32` byte count and the data; then (version 3 and later) `u32` alias count and (alias, target)
//! string pairs. A string is a `u16` length counting its NUL, the bytes, the NUL.

use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use super::{read_err, ConvertError};

/// CTranslate2 binary format versions whose layout is known here.
const CT2_MIN_VERSION: u32 = 4;
const CT2_MAX_VERSION: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ct2Dtype {
    F32,
    I8,
    I16,
    I32,
    F16,
    Bf16,
}

impl Ct2Dtype {
    fn from_id(id: u8) -> Option<Self> {
        Some(match id {
            0 => Ct2Dtype::F32,
            1 => Ct2Dtype::I8,
            2 => Ct2Dtype::I16,
            3 => Ct2Dtype::I32,
            4 => Ct2Dtype::F16,
            5 => Ct2Dtype::Bf16,
            _ => return None,
        })
    }

    pub(super) fn size(self) -> u64 {
        match self {
            Ct2Dtype::I8 => 1,
            Ct2Dtype::I16 | Ct2Dtype::F16 | Ct2Dtype::Bf16 => 2,
            Ct2Dtype::F32 | Ct2Dtype::I32 => 4,
        }
    }

    pub(super) fn is_float(self) -> bool {
        matches!(self, Ct2Dtype::F32 | Ct2Dtype::F16 | Ct2Dtype::Bf16)
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Ct2Dtype::F32 => "float32",
            Ct2Dtype::I8 => "int8",
            Ct2Dtype::I16 => "int16",
            Ct2Dtype::I32 => "int32",
            Ct2Dtype::F16 => "float16",
            Ct2Dtype::Bf16 => "bfloat16",
        }
    }
}

/// One variable of model.bin: where its data lies, not the data itself (except for tiny
/// scalars, which are kept so settings such as `num_heads` can be read without another seek).
#[derive(Debug, Clone)]
pub(super) struct Ct2Var {
    pub(super) name: String,
    pub(super) dims: Vec<u64>,
    pub(super) dtype: Ct2Dtype,
    /// Where the data starts in the file.
    pub(super) offset: u64,
    small: Vec<u8>,
}

impl Ct2Var {
    pub(super) fn scalar_int(&self) -> Option<i64> {
        if !self.dims.is_empty() {
            return None;
        }
        let b = &self.small;
        Some(match self.dtype {
            Ct2Dtype::I8 => i8::from_le_bytes([*b.first()?]) as i64,
            Ct2Dtype::I16 => i16::from_le_bytes(b.get(..2)?.try_into().ok()?) as i64,
            Ct2Dtype::I32 => i32::from_le_bytes(b.get(..4)?.try_into().ok()?) as i64,
            _ => return None,
        })
    }
}

#[derive(Debug)]
pub(super) struct Ct2Index {
    #[allow(dead_code)] // only the tests look at it; the layout checks happen while reading
    pub(super) version: u32,
    pub(super) spec: String,
    #[allow(dead_code)] // kept for debugging output; the layout does not depend on it
    revision: u32,
    pub(super) vars: Vec<Ct2Var>,
    /// (alias, target) pairs: names that share another variable's data (tied weights).
    pub(super) aliases: Vec<(String, String)>,
}

/// Sequential reader over model.bin that checks every length against the file size before
/// reading or allocating, so truncated or garbage input yields an error instead of a huge
/// allocation or a panic.
struct Ct2Parser<'a, R> {
    r: &'a mut BufReader<R>,
    pos: u64,
    len: u64,
    path: &'a Path,
}

impl<R: Read + Seek> Ct2Parser<'_, R> {
    fn not_ct2(&self, reason: String) -> ConvertError {
        ConvertError::NotCt2 {
            path: self.path.to_path_buf(),
            reason,
        }
    }

    fn need(&self, n: u64, what: &str) -> Result<(), ConvertError> {
        if self.len.saturating_sub(self.pos) < n {
            return Err(ConvertError::Truncated {
                path: self.path.to_path_buf(),
                what: what.into(),
            });
        }
        Ok(())
    }

    fn bytes(&mut self, n: u64, what: &str) -> Result<Vec<u8>, ConvertError> {
        self.need(n, what)?;
        let mut buf = vec![0u8; n as usize];
        self.r
            .read_exact(&mut buf)
            .map_err(|e| read_err(self.path, e))?;
        self.pos += n;
        Ok(buf)
    }

    fn skip(&mut self, n: u64, what: &str) -> Result<(), ConvertError> {
        self.need(n, what)?;
        self.r
            .seek_relative(n as i64)
            .map_err(|e| read_err(self.path, e))?;
        self.pos += n;
        Ok(())
    }

    fn u8(&mut self, what: &str) -> Result<u8, ConvertError> {
        Ok(self.bytes(1, what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16, ConvertError> {
        let b = self.bytes(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &str) -> Result<u32, ConvertError> {
        let b = self.bytes(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// u16 length (including the terminating NUL), the bytes, the NUL.
    fn string(&mut self, what: &str) -> Result<String, ConvertError> {
        let n = self.u16(what)?;
        if n == 0 {
            return Err(self.not_ct2(format!("zero-length string in {what}")));
        }
        let mut b = self.bytes(n as u64, what)?;
        if b.pop() != Some(0) {
            return Err(self.not_ct2(format!("string in {what} is not NUL-terminated")));
        }
        String::from_utf8(b).map_err(|_| self.not_ct2(format!("string in {what} is not UTF-8")))
    }
}

/// Reads model.bin's header and variable table, skipping over tensor data.
pub(super) fn read_ct2_index<R: Read + Seek>(
    r: &mut BufReader<R>,
    len: u64,
    path: &Path,
) -> Result<Ct2Index, ConvertError> {
    r.seek(SeekFrom::Start(0)).map_err(|e| read_err(path, e))?;
    let mut p = Ct2Parser {
        r,
        pos: 0,
        len,
        path,
    };

    let version = p.u32("the header")?;
    if version == 0 || version > 1000 {
        return Err(p.not_ct2(format!("bad format version {version}")));
    }
    if version < CT2_MIN_VERSION {
        return Err(ConvertError::Unsupported {
            path: path.to_path_buf(),
            reason: format!(
                "CTranslate2 format version {version} is too old (this importer reads versions \
                 {CT2_MIN_VERSION} to {CT2_MAX_VERSION}); re-convert the model with a current CTranslate2"
            ),
        });
    }
    if version > CT2_MAX_VERSION {
        return Err(ConvertError::Unsupported {
            path: path.to_path_buf(),
            reason: format!(
                "CTranslate2 format version {version} is newer than this importer understands \
                 (versions {CT2_MIN_VERSION} to {CT2_MAX_VERSION}); convert the model with an older CTranslate2 or update rehearse"
            ),
        });
    }
    // version >= 2 (always, given the check above) carries the spec name and revision.
    let spec = p.string("the model spec name")?;
    let revision = p.u32("the spec revision")?;

    let count = p.u32("the variable count")? as u64;
    // Smallest possible entry: 2+1 name, 1 rank, 1 dtype, 4 byte count.
    if count > (len - p.pos) / 9 {
        return Err(p.not_ct2(format!(
            "claims {count} variables, more than the file can hold"
        )));
    }
    let mut vars = Vec::with_capacity(count as usize);
    for i in 0..count {
        let what = format!("variable #{i}");
        let name = p.string(&what)?;
        let what = format!("variable '{name}'");
        let rank = p.u8(&what)?;
        if rank > 8 {
            return Err(p.not_ct2(format!("{what} has rank {rank}")));
        }
        let mut dims = Vec::with_capacity(rank as usize);
        for _ in 0..rank {
            dims.push(p.u32(&what)? as u64);
        }
        let dtype_id = p.u8(&what)?;
        let dtype = Ct2Dtype::from_id(dtype_id)
            .ok_or_else(|| p.not_ct2(format!("{what} has unknown data type {dtype_id}")))?;
        let nbytes = p.u32(&what)? as u64;
        let expected = dims
            .iter()
            .try_fold(dtype.size(), |acc, &d| acc.checked_mul(d))
            .ok_or_else(|| p.not_ct2(format!("{what} has an impossible shape {dims:?}")))?;
        if nbytes != expected {
            return Err(p.not_ct2(format!(
                "{what} declares {nbytes} bytes but shape {dims:?} of {} needs {expected}",
                dtype.name()
            )));
        }
        let offset = p.pos;
        let small = if nbytes <= 16 {
            p.bytes(nbytes, &what)?
        } else {
            p.skip(nbytes, &what)?;
            Vec::new()
        };
        vars.push(Ct2Var {
            name,
            dims,
            dtype,
            offset,
            small,
        });
    }

    let mut aliases = Vec::new();
    if version >= 3 {
        let n = p.u32("the alias count")? as u64;
        if n > (len - p.pos) / 6 {
            return Err(p.not_ct2(format!("claims {n} aliases, more than the file can hold")));
        }
        for i in 0..n {
            let alias = p.string(&format!("alias #{i}"))?;
            let target = p.string(&format!("alias '{alias}'"))?;
            aliases.push((alias, target));
        }
    }
    if p.pos != len {
        return Err(p.not_ct2(format!(
            "{} unexpected bytes after the last entry",
            len - p.pos
        )));
    }
    Ok(Ct2Index {
        version,
        spec,
        revision,
        vars,
        aliases,
    })
}
