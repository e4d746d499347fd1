//! Byte ↔ character offset conversion.

use crate::Offsets;

/// Converts byte offsets of one text into character offsets.
///
/// Pure-ASCII texts (most English news) convert with no table at all; other
/// texts keep one checkpoint every 64 bytes and count the rest.
#[derive(Debug, Clone)]
pub struct CharIndex<'t> {
    text: &'t str,
    /// `checkpoints[k]` = number of chars before byte `64 * k` (rounded down
    /// to a char boundary). Empty when the text is ASCII.
    checkpoints: Vec<u32>,
}

const STRIDE: usize = 64;

impl<'t> CharIndex<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                text,
                checkpoints: Vec::new(),
            };
        }
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut chars = 0u32;
        for chunk in bytes.chunks(STRIDE) {
            checkpoints.push(chars);
            chars += chunk.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32;
        }
        // The end of a text whose length is a multiple of the stride falls
        // on a checkpoint of its own (without it, the text's last offset
        // read as 0).
        checkpoints.push(chars);
        CharIndex { text, checkpoints }
    }

    /// Character offset of byte offset `byte` (which should be a char
    /// boundary).
    pub fn char_offset(&self, byte: usize) -> u32 {
        if self.checkpoints.is_empty() {
            return byte as u32;
        }
        let k = byte / STRIDE;
        let base = k * STRIDE;
        let before = self.checkpoints.get(k).copied().unwrap_or(0);
        let end = byte.min(self.text.len());
        let extra = self.text.as_bytes()[base.min(end)..end]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        before + extra as u32
    }

    /// Full offsets for a byte range.
    pub fn offsets(&self, start: usize, end: usize) -> Offsets {
        Offsets {
            start: start as u32,
            end: end as u32,
            char_start: self.char_offset(start),
            char_end: self.char_offset(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_non_ascii_agree_with_counting() {
        let text = "Mevlüt Çavuşoğlu met Di Maio in Ankara. ".repeat(10);
        let index = CharIndex::new(&text);
        for (byte, _) in text.char_indices() {
            assert_eq!(
                index.char_offset(byte) as usize,
                text[..byte].chars().count()
            );
        }
        assert_eq!(index.char_offset(text.len()) as usize, text.chars().count());
        // A length that is a multiple of the stride: the end still counts.
        let text = format!("{}{}", "é", "a".repeat(62));
        assert_eq!(text.len(), 64);
        let index = CharIndex::new(&text);
        assert_eq!(index.char_offset(64), 63);
        let text = "ü".repeat(64);
        assert_eq!(CharIndex::new(&text).char_offset(128), 64);
    }
}
