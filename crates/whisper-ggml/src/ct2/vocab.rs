//! The two text files of a CTranslate2 Whisper model folder: `config.json` (checked to be a
//! JSON object) and the vocabulary, turned into the raw byte tokens whisper.cpp reads.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use super::{read_err, ConvertError};

/// The end-of-text token: the last entry of the vocabulary a ggml file stores.
pub(super) const EOT: &str = "<|endoftext|>";

/// config.json holds decoding settings (alignment heads, suppressed tokens) that whisper.cpp keeps
/// its own copies of; the model's dimensions come from tensor shapes. We still insist that it is a
/// JSON object: a broken one means the folder is damaged or is not a CTranslate2 model.
pub(super) fn read_config(path: &Path) -> Result<serde_json::Value, ConvertError> {
    let text = fs::read_to_string(path).map_err(|e| read_err(path, e))?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| ConvertError::Config {
        path: path.to_path_buf(),
        reason: format!("not JSON: {e}"),
    })?;
    if !v.is_object() {
        return Err(ConvertError::Config {
            path: path.to_path_buf(),
            reason: "expected a JSON object".into(),
        });
    }
    Ok(v)
}

/// Token strings in id order, from vocabulary.txt (one per line) or vocabulary.json (an array).
pub(super) fn read_vocabulary_lines(path: &Path) -> Result<Vec<String>, ConvertError> {
    let bad = |reason: String| ConvertError::Vocabulary {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = fs::read(path).map_err(|e| read_err(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| bad("not UTF-8 text".into()))?;
    if path.extension().is_some_and(|e| e == "json") {
        return serde_json::from_str::<Vec<String>>(&text)
            .map_err(|e| bad(format!("expected a JSON array of strings: {e}")));
    }
    // Byte-level tokens never contain a raw '\r' or '\n' (bytes_to_unicode maps control bytes to
    // letters), so a CRLF file can be read safely by trimming '\r'.
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    Ok(lines)
}

/// GPT-2's table from bytes to printable characters: printable Latin-1 bytes stand for
/// themselves, the other 68 bytes are moved to U+0100.. in ascending order.
pub(super) fn bytes_to_unicode() -> [char; 256] {
    let mut table = ['\0'; 256];
    let mut n = 0u32;
    for b in 0..=255u8 {
        let printable = (b'!'..=b'~').contains(&b) || (0xA1..=0xAC).contains(&b) || b >= 0xAE;
        table[b as usize] = if printable {
            char::from(b)
        } else {
            n += 1;
            char::from_u32(255 + n).expect("U+0100..U+0143 are valid chars")
        };
    }
    table
}

/// The inverse of [`bytes_to_unicode`].
fn unicode_to_bytes() -> HashMap<char, u8> {
    bytes_to_unicode()
        .iter()
        .enumerate()
        .map(|(b, &c)| (c, b as u8))
        .collect()
}

/// Maps a byte-level token string back to its raw bytes; `None` if a character is not in the table.
fn decode_token(token: &str, inverse: &HashMap<char, u8>) -> Option<Vec<u8>> {
    token.chars().map(|c| inverse.get(&c).copied()).collect()
}

/// The token list whisper.cpp reads from the file: the text tokens as raw bytes, then
/// `<|endoftext|>`. whisper.cpp creates the remaining special and timestamp tokens itself from
/// n_vocab, so they are not written (published ggml files do the same: 50,257 entries for tiny.en).
pub(super) fn ggml_vocabulary(lines: &[String], path: &Path) -> Result<Vec<Vec<u8>>, ConvertError> {
    let bad = |reason: String| ConvertError::Vocabulary {
        path: path.to_path_buf(),
        reason,
    };
    let n_vocab = lines.len();
    // whisper.cpp's own rule: a model is multilingual iff n_vocab >= 51865, and then every special
    // token id is shifted by one (the multilingual vocabulary has one more text token).
    let multilingual = match n_vocab {
        51864 => false,
        51865 | 51866 => true,
        n => {
            return Err(ConvertError::Unsupported {
                path: path.to_path_buf(),
                reason: format!(
                    "{n} tokens, but whisper.cpp only knows Whisper vocabularies of 51864 \
                     (English-only), 51865 (multilingual) or 51866 (large-v3) tokens; use a Whisper model"
                ),
            })
        }
    };
    let eot = if multilingual { 50257 } else { 50256 };
    if lines[eot] != EOT {
        return Err(bad(format!(
            "expected {EOT} at token {eot} (line {}) for a {}-token vocabulary, found {:?}",
            eot + 1,
            n_vocab,
            lines[eot]
        )));
    }
    let inverse = unicode_to_bytes();
    let mut out = Vec::with_capacity(eot + 1);
    for (i, tok) in lines[..eot].iter().enumerate() {
        match decode_token(tok, &inverse) {
            Some(b) => out.push(b),
            // The multilingual vocabulary's token 50256 is a placeholder that is never decoded;
            // keep it readable rather than reject the model over it.
            None if i >= 50256 => out.push(tok.as_bytes().to_vec()),
            None => {
                return Err(bad(format!(
                    "token {i} (line {}) {tok:?} is not a GPT-2 byte-level string",
                    i + 1
                )))
            }
        }
    }
    out.push(EOT.as_bytes().to_vec());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_to_unicode_is_a_bijection_and_inverts() {
        let table = bytes_to_unicode();
        let inverse = unicode_to_bytes();
        assert_eq!(inverse.len(), 256, "256 distinct characters");
        for b in 0..=255u8 {
            assert_eq!(inverse[&table[b as usize]], b);
        }
        // Known points of GPT-2's table.
        assert_eq!(table[b'A' as usize], 'A');
        assert_eq!(table[b' ' as usize], 'Ġ'); // U+0120
        assert_eq!(table[b'\n' as usize], 'Ċ'); // U+010A
        assert_eq!(table[0], 'Ā'); // U+0100
        assert_eq!(table[0xAD], 'Ń'); // the soft hyphen is the last non-printable: U+0143
        assert_eq!(decode_token("Ġhello", &inverse).unwrap(), b" hello");
        // Multi-byte UTF-8 survives the round trip: "é" is C3 A9 -> "Ã©".
        assert_eq!(decode_token("Ã©", &inverse).unwrap(), "é".as_bytes());
        assert!(decode_token("€", &inverse).is_none());
    }
}
