//! The WAV container, read without trusting it: the RIFF chunks up to the audio (`fmt ` and
//! `data`, skipping any others such as LIST/INFO, odd-sized ones with their pad byte), what the
//! samples are encoded as, and how much audio the file really holds.
//!
//! Only the header is read here; the samples are left in place for the caller to stream. How
//! far the audio goes is judged separately (`measure_data`), because a recording cut off by a
//! crash declares the wrong size: hound writes sizes only when it flushes, so a killed recorder
//! leaves a size of 0 or one from the last flush, with samples on disk after it.

use std::io::{self, Read, Seek, SeekFrom};

/// How the samples are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Signed little-endian integers in containers of this many bytes (8-bit is unsigned).
    Int {
        bytes: u8,
    },
    Float32,
    Float64,
}

/// The `fmt ` chunk, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub encoding: Encoding,
    pub channels: u16,
    pub sample_rate: u32,
    /// Bytes per frame (one sample of every channel).
    pub block_align: u16,
    /// Bits per sample as declared (the valid bits, for WAVE_FORMAT_EXTENSIBLE).
    pub bits_per_sample: u16,
}

/// What the header says, up to the first byte of audio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub format: Format,
    /// Offset of the data chunk's size field.
    pub data_size_at: u64,
    /// Offset of the first byte of audio.
    pub data_start: u64,
    /// The data size the header declares.
    pub declared: u32,
}

/// Why a header cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// No bytes at all (an empty pipe or device).
    Nothing,
    /// Not a RIFF/WAVE file.
    NotWav,
    /// A WAV, but its header is broken.
    Damaged(String),
    /// A valid WAV in an encoding this reader does not decode (names the encoding).
    Unsupported(String),
    Io(String),
}

const WAVE_FORMAT_PCM: u16 = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT: u16 = 0x0003;
const WAVE_FORMAT_EXTENSIBLE: u16 = 0xfffe;

/// Reads the header from the start of a WAV stream and leaves the reader at the first byte of
/// audio. Works on pipes too: it only reads forwards.
pub fn read_header(r: &mut impl Read) -> Result<Header, HeaderError> {
    let mut riff = [0u8; 12];
    let got = read_up_to(r, &mut riff)?;
    if got == 0 {
        return Err(HeaderError::Nothing);
    }
    if got < 12 || &riff[0..4] != b"RIFF" || &riff[8..12] != b"WAVE" {
        return Err(HeaderError::NotWav);
    }
    let mut pos: u64 = 12;
    let mut format = None;
    // A pad byte that turned out to be the first byte of the next chunk (a writer that leaves
    // pad bytes out).
    let mut carried: Option<u8> = None;
    loop {
        let mut head = [0u8; 8];
        let start = match carried.take() {
            Some(b) => {
                head[0] = b;
                1
            }
            None => 0,
        };
        if read_up_to(r, &mut head[start..])? < 8 - start {
            return Err(damaged("no data chunk"));
        }
        let chunk_at = pos - start as u64;
        let id = [head[0], head[1], head[2], head[3]];
        let size = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
        pos = chunk_at + 8;
        match &id {
            b"data" => {
                let format = format.ok_or_else(|| damaged("the data chunk comes before fmt"))?;
                return Ok(Header {
                    format,
                    data_size_at: chunk_at + 4,
                    data_start: pos,
                    declared: size,
                });
            }
            b"fmt " => {
                // The longest fmt chunk anyone uses is 40 bytes; a longer one is read and its
                // rest skipped, so a huge size cannot make this allocate.
                let mut body = [0u8; 40];
                let want = (size as usize).min(body.len());
                if read_up_to(r, &mut body[..want])? < want {
                    return Err(damaged("the fmt chunk runs past the end of the file"));
                }
                format = Some(parse_format(&body[..want])?);
                skip(r, u64::from(size) - want as u64)?;
            }
            _ => skip(r, u64::from(size))?,
        }
        pos += u64::from(size);
        if size & 1 == 1 {
            let mut pad = [0u8; 1];
            if read_up_to(r, &mut pad)? == 1 {
                pos += 1;
                if pad[0] != 0 {
                    carried = Some(pad[0]);
                }
            }
        }
    }
}

fn damaged(what: &str) -> HeaderError {
    HeaderError::Damaged(what.to_string())
}

/// Checks a `fmt ` chunk body and names what it holds.
fn parse_format(b: &[u8]) -> Result<Format, HeaderError> {
    if b.len() < 16 {
        return Err(damaged("the fmt chunk is too short"));
    }
    let u16_at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let mut tag = u16_at(0);
    let channels = u16_at(2);
    let sample_rate = u32_at(4);
    let block_align = u16_at(12);
    let mut bits = u16_at(14);
    if tag == WAVE_FORMAT_EXTENSIBLE {
        if b.len() < 40 {
            return Err(damaged("the extensible fmt chunk is too short"));
        }
        let valid_bits = u16_at(18);
        if valid_bits > 0 && valid_bits <= bits {
            bits = valid_bits;
        }
        // The sub-format GUID starts with the plain format tag.
        tag = u16_at(24);
    }
    if channels == 0 {
        return Err(damaged("0 channels"));
    }
    if block_align == 0 || block_align % channels != 0 {
        return Err(HeaderError::Damaged(format!(
            "a frame of {block_align} bytes cannot hold {channels} channels"
        )));
    }
    let container = block_align / channels;
    // In bits, as u32: a damaged header's container can be up to 65535 bytes.
    let container_bits = u32::from(container) * 8;
    let encoding = match (tag, container) {
        (WAVE_FORMAT_PCM, 1..=4) => Encoding::Int {
            bytes: container as u8,
        },
        (WAVE_FORMAT_IEEE_FLOAT, 4) => Encoding::Float32,
        (WAVE_FORMAT_IEEE_FLOAT, 8) => Encoding::Float64,
        (WAVE_FORMAT_PCM, _) | (WAVE_FORMAT_IEEE_FLOAT, _) => {
            return Err(HeaderError::Unsupported(format!(
                "{container_bits}-bit samples"
            )))
        }
        (other, _) => return Err(HeaderError::Unsupported(encoding_name(other))),
    };
    if bits == 0 || u32::from(bits) > container_bits {
        return Err(HeaderError::Damaged(format!(
            "{bits} bits per sample in {container}-byte samples"
        )));
    }
    Ok(Format {
        encoding,
        channels,
        sample_rate,
        block_align,
        bits_per_sample: bits,
    })
}

/// The usual names of the WAV encodings people meet (format tags from the Windows SDK).
fn encoding_name(tag: u16) -> String {
    match tag {
        0x0002 => "Microsoft ADPCM".into(),
        0x0006 => "A-law".into(),
        0x0007 => "µ-law".into(),
        0x0011 => "IMA ADPCM".into(),
        0x0031 => "GSM 6.10".into(),
        0x0050 | 0x0055 => "MPEG audio".into(),
        0x2000 => "AC-3".into(),
        other => format!("format 0x{other:04x}"),
    }
}

/// How much audio a file really holds, judged against what its header declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataExtent {
    /// Bytes of whole frames to read from `data_start`.
    pub bytes: u64,
    /// Set when the header's size is wrong and the file holds a different amount.
    pub cut_off: Option<(u32, u64)>,
}

/// Measures the audio in a seekable file of `len` bytes. Leaves the reader anywhere.
pub fn measure_data<R: Read + Seek>(
    r: &mut R,
    len: u64,
    header: &Header,
) -> io::Result<DataExtent> {
    let align = u64::from(header.format.block_align);
    let found = len.saturating_sub(header.data_start);
    let found_whole = found - found % align;
    let declared = u64::from(header.declared);
    let declared_whole = declared - declared % align;
    // A data chunk may legitimately be followed by other chunks (LIST…). Anything else after
    // the declared data is audio the header does not cover yet: a recorder that updates the
    // sizes once a second and was killed in between leaves up to a second of samples past a
    // stale size. So: a size past the end of the file, the unfinished size 0, or a size followed
    // by whole frames that are not chunks means "cut off". Less than a frame of stray bytes at
    // the end (a writer's trailing zero) is nothing to recover.
    if declared != 0 && declared <= found {
        let sound = found_whole <= declared_whole
            || only_chunks_after(r, len, header.data_start + declared)?;
        if sound {
            return Ok(DataExtent {
                bytes: declared_whole,
                cut_off: None,
            });
        }
    }
    if declared == 0 && found_whole == 0 {
        // Genuinely empty: the caller reports "no samples".
        return Ok(DataExtent {
            bytes: 0,
            cut_off: None,
        });
    }
    Ok(DataExtent {
        bytes: found_whole,
        cut_off: Some((header.declared, found_whole)),
    })
}

/// True when the bytes from `pos` to the end of the file are whole RIFF chunks (ids of four
/// printable ASCII characters, sizes that chain exactly to the end), or nothing but the pad byte
/// of an odd-sized data chunk. Samples left behind by a stale header almost never pass: their
/// first four bytes would have to be printable and their "size" land exactly on the file's end.
fn only_chunks_after<R: Read + Seek>(r: &mut R, len: u64, data_end: u64) -> io::Result<bool> {
    let mut pos = data_end;
    if pos & 1 == 1 && pos < len {
        r.seek(SeekFrom::Start(pos))?;
        let mut pad = [0u8; 1];
        r.read_exact(&mut pad)?;
        if pad[0] == 0 {
            pos += 1;
        }
    }
    while pos < len {
        if pos + 8 > len {
            return Ok(false);
        }
        r.seek(SeekFrom::Start(pos))?;
        let mut head = [0u8; 8];
        r.read_exact(&mut head)?;
        if !head[..4].iter().all(|b| (b' '..=b'~').contains(b)) {
            return Ok(false);
        }
        let size = u64::from(u32::from_le_bytes([head[4], head[5], head[6], head[7]]));
        pos += 8 + size + (size & 1);
        // A last chunk's pad byte may be missing.
        if pos == len + 1 && size & 1 == 1 {
            return Ok(true);
        }
    }
    Ok(pos == len)
}

/// Reads until `buf` is full or the stream ends; returns how many bytes were read.
pub fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> Result<usize, HeaderError> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(HeaderError::Io(e.to_string())),
        }
    }
    Ok(n)
}

/// Skips `n` bytes of a forward-only stream; running out is a damaged header.
fn skip(r: &mut impl Read, n: u64) -> Result<(), HeaderError> {
    let skipped =
        io::copy(&mut r.take(n), &mut io::sink()).map_err(|e| HeaderError::Io(e.to_string()))?;
    if skipped < n {
        return Err(damaged("a chunk runs past the end of the file"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A canonical 44-byte header for 16-bit mono PCM, then `n` zero samples.
    fn pcm16(n: usize) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(b"RIFF");
        b.extend_from_slice(&(36 + 2 * n as u32).to_le_bytes());
        b.extend_from_slice(b"WAVEfmt ");
        b.extend_from_slice(&16u32.to_le_bytes());
        b.extend_from_slice(&[1, 0, 1, 0]);
        b.extend_from_slice(&16_000u32.to_le_bytes());
        b.extend_from_slice(&32_000u32.to_le_bytes());
        b.extend_from_slice(&[2, 0, 16, 0]);
        b.extend_from_slice(b"data");
        b.extend_from_slice(&(2 * n as u32).to_le_bytes());
        b.resize(44 + 2 * n, 0);
        b
    }

    fn header(b: &[u8]) -> Result<Header, HeaderError> {
        read_header(&mut Cursor::new(b))
    }

    fn extent(b: &[u8]) -> DataExtent {
        let h = header(b).expect("header");
        measure_data(&mut Cursor::new(b), b.len() as u64, &h).expect("measure")
    }

    #[test]
    fn odd_sized_chunks_before_the_data_are_skipped_with_their_pad_byte() {
        let plain = pcm16(10);
        let mut b = plain[..36].to_vec();
        b.extend_from_slice(b"LIST\x05\x00\x00\x00INFOa\x00"); // odd size, pad byte
        b.extend_from_slice(b"junk\x03\x00\x00\x00xyz"); // odd size, pad byte left out
        b.extend_from_slice(&plain[36..]);
        let h = header(&b).expect("header");
        assert_eq!(h.data_start, b.len() as u64 - 20);
        assert_eq!(h.declared, 20);
        assert_eq!(extent(&b).bytes, 20);
    }

    #[test]
    fn unsupported_encodings_are_named() {
        for (tag, bytes, name) in [
            (6u16, 1u16, "A-law"),
            (7, 1, "µ-law"),
            (2, 4, "Microsoft ADPCM"),
            (0x11, 4, "IMA ADPCM"),
        ] {
            let mut b = pcm16(4);
            b[20..22].copy_from_slice(&tag.to_le_bytes());
            b[32..34].copy_from_slice(&bytes.to_le_bytes());
            b[34..36].copy_from_slice(&(bytes * 8).to_le_bytes());
            assert_eq!(
                header(&b),
                Err(HeaderError::Unsupported(name.to_string())),
                "{name}"
            );
        }
    }

    #[test]
    fn float64_and_extensible_headers_are_read() {
        let mut b = pcm16(4);
        b[20..22].copy_from_slice(&3u16.to_le_bytes());
        b[32..34].copy_from_slice(&8u16.to_le_bytes());
        b[34..36].copy_from_slice(&64u16.to_le_bytes());
        assert_eq!(header(&b).unwrap().format.encoding, Encoding::Float64);
    }

    #[test]
    fn a_trailing_byte_shorter_than_a_frame_is_not_a_cut_off() {
        let mut b = pcm16(10);
        b.push(0);
        assert_eq!(
            extent(&b),
            DataExtent {
                bytes: 20,
                cut_off: None
            }
        );
        // A whole frame past the declared size is audio the header missed.
        b.push(0);
        assert_eq!(extent(&b).cut_off, Some((20, 22)));
    }

    #[test]
    fn broken_headers_are_damaged_not_panics() {
        assert_eq!(header(b""), Err(HeaderError::Nothing));
        assert_eq!(header(b"RIFF\0\0\0\0WAV"), Err(HeaderError::NotWav));
        let b = pcm16(2);
        assert!(matches!(header(&b[..30]), Err(HeaderError::Damaged(_))));
        let mut zero_channels = b.clone();
        zero_channels[22] = 0;
        assert!(matches!(
            header(&zero_channels),
            Err(HeaderError::Damaged(_))
        ));
        let mut huge_chunk = b[..36].to_vec();
        huge_chunk.extend_from_slice(b"LIST\xff\xff\xff\xff");
        assert!(matches!(header(&huge_chunk), Err(HeaderError::Damaged(_))));
    }
}
