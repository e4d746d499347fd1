//! Feature hashing without allocation.
//!
//! A feature is a template id combined with one or more values (word forms,
//! suffixes, previous tags). Values are hashed from their bytes, then
//! combined with [`feature`] / [`combine`]. With 64-bit hashes collisions
//! among the few million features a news model sees are negligible, so the
//! model keeps no feature strings at all.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Finalizer from SplitMix64: spreads every input bit over the output.
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hash of a byte string.
#[inline]
pub fn bytes(b: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &c in b {
        h = (h ^ c as u64).wrapping_mul(FNV_PRIME);
    }
    mix(h)
}

/// Hash of a string.
#[inline]
pub fn str(s: &str) -> u64 {
    bytes(s.as_bytes())
}

/// Hash of `s` lower-cased (full Unicode lower-casing, no allocation).
#[inline]
pub fn lower(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    if s.is_ascii() {
        for &c in s.as_bytes() {
            h = (h ^ c.to_ascii_lowercase() as u64).wrapping_mul(FNV_PRIME);
        }
    } else {
        let mut buf = [0u8; 4];
        for c in s.chars().flat_map(char::to_lowercase) {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
            }
        }
    }
    mix(h)
}

/// Hash of a small integer value (a class id, a bucket, a flag).
#[inline]
pub fn int(v: u64) -> u64 {
    mix(v ^ 0x5851_F42D_4C95_7F2D)
}

/// Combines two hashes; order matters (`combine(a, b) != combine(b, a)`).
#[inline]
pub fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(23) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// A feature: template `id` applied to the hashed value `v`.
#[inline]
pub fn feature(id: u32, v: u64) -> u64 {
    combine(int(id as u64), v)
}

/// A feature over two values (a conjunction such as previous tag + word).
#[inline]
pub fn feature2(id: u32, a: u64, b: u64) -> u64 {
    combine(combine(int(id as u64), a), b)
}

/// Hash of the last `n` characters of `s` (all of `s` when shorter).
#[inline]
pub fn suffix(s: &str, n: usize) -> u64 {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    lower(&s[start..])
}

/// Hash of the first `n` characters of `s` (all of `s` when shorter).
#[inline]
pub fn prefix(s: &str, n: usize) -> u64 {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    lower(&s[..end])
}

/// Hash of the word shape: upper → `X`, lower → `x`, digit → `d`, other
/// characters kept; runs longer than two collapse (`McDonald's` → `XxXxx'x`).
/// With `collapse == false` every character counts (`Xxxxx` for `Paris`).
pub fn shape(s: &str, collapse: bool) -> u64 {
    let mut h = FNV_OFFSET;
    let mut last = 0u32;
    let mut run = 0u32;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if m as u32 == last {
            run += 1;
        } else {
            run = 1;
            last = m as u32;
        }
        if collapse && run > 2 {
            continue;
        }
        for &b in m.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
        }
    }
    mix(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_matches_lowercased_string() {
        assert_eq!(lower("PaRiS"), str("paris"));
        assert_eq!(lower("ÉCOLE"), str("école"));
    }

    #[test]
    fn affixes_count_characters() {
        assert_eq!(suffix("Zürich", 3), str("ich"));
        assert_eq!(suffix("ab", 3), str("ab"));
        assert_eq!(prefix("Éric", 2), str("ér"));
        assert_eq!(prefix("a", 3), str("a"));
        assert_eq!(suffix("", 3), str(""));
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("McDonald", true), shape("XxXxx", false));
        assert_eq!(shape("Paris", true), shape("Xxx", true));
        assert_ne!(shape("Paris", false), shape("Xxx", false));
        assert_eq!(shape("1996", true), shape("12", false));
    }

    #[test]
    fn combine_is_ordered() {
        assert_ne!(combine(1, 2), combine(2, 1));
        assert_ne!(feature(1, str("a")), feature(2, str("a")));
    }
}
