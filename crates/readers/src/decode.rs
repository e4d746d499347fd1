//! Bytes to text: UTF-8, or Windows-1252 with a warning, or a clear refusal.

/// Largest single story read (32 MiB). A bigger "story" is almost always a
/// mistake (a dump or a binary) and would produce gigabytes of output.
pub const MAX_STORY_BYTES: usize = 32 << 20;

/// Decoded text and an optional warning about how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// Set when the text was not UTF-8 and was read as Windows-1252.
    pub warning: Option<String>,
}

/// Decodes a story's bytes.
///
/// Refuses empty input, binary data (NUL bytes), and non-UTF-8 bytes that do
/// not look like Windows-1252/Latin-1 text either (control characters or
/// bytes that Windows-1252 leaves undefined).
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let probe = &bytes[..bytes.len().min(1 << 16)];
    if probe.contains(&0) {
        return Err("binary file (contains NUL bytes), not text".into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            warning: None,
        }),
        Err(e) => {
            let high = bytes.iter().filter(|&&b| b >= 0x80).count();
            let undefined = bytes
                .iter()
                .any(|&b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
            let controls = bytes
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
                .count();
            if undefined || controls > 0 || high * 5 > bytes.len() {
                return Err(format!(
                    "not valid UTF-8 (first bad byte at offset {}) and not Windows-1252 text either",
                    e.valid_up_to()
                ));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                warning: Some(format!(
                    "not valid UTF-8 (first bad byte at offset {}); decoded as Windows-1252",
                    e.valid_up_to()
                )),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded_with_a_warning_and_binary_is_refused() {
        let d = decode(b"Caf\xe9 au lait").unwrap();
        assert_eq!(d.text, "Café au lait");
        assert!(d.warning.is_some());
        assert!(decode(b"\x00\x01\x02").is_err());
        assert!(decode(b"").is_err());
        assert!(decode(b"\x81\x82\x83\x84").is_err());
    }
}
