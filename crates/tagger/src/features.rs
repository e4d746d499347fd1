//! Feature extraction for the tagger. Everything about a word that does not
//! depend on the tags is hashed once per sentence ([`WordInfo`]); per-token
//! features then only combine hashes.

use annalist_linear::hash;

/// Hashed facts about one word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordInfo {
    pub form: u64,
    pub lower: u64,
    pub suffixes: [u64; 4],
    pub prefix1: u64,
    pub prefix3: u64,
    pub shape: u64,
    pub flags: u64,
    pub coarse: u64,
    pub fine: u64,
}

impl WordInfo {
    /// Stands in for words before the start or after the end of a sentence.
    const PAD: WordInfo = WordInfo {
        form: 0x5ad0_0001,
        lower: 0x5ad0_0002,
        suffixes: [0x5ad0_0003; 4],
        prefix1: 0x5ad0_0004,
        prefix3: 0x5ad0_0004,
        shape: 0x5ad0_0005,
        flags: 0x5ad0_0006,
        coarse: 0x5ad0_0007,
        fine: 0x5ad0_0008,
    };

    pub(crate) fn new(w: &str, first: bool) -> Self {
        let mut upper = 0usize;
        let mut lower = 0usize;
        let mut digit = false;
        let mut hyphen = false;
        let mut alpha_first = false;
        for (i, c) in w.chars().enumerate() {
            if c.is_uppercase() {
                upper += 1;
                if i == 0 {
                    alpha_first = true;
                }
            } else if c.is_lowercase() {
                lower += 1;
            } else if c.is_numeric() {
                digit = true;
            } else if c == '-' {
                hyphen = true;
            }
        }
        let flags = (alpha_first as u64)
            | ((upper > 1 && lower == 0) as u64) << 1
            | (digit as u64) << 2
            | (hyphen as u64) << 3
            | (first as u64) << 4;
        let (coarse, fine) = match annalist_clusters::Clusters::shipped().get(w) {
            Some((c, f)) => (hash::int(c as u64), hash::int(f as u64 + 100_000)),
            None => (hash::int(u64::MAX), hash::int(u64::MAX - 1)),
        };
        WordInfo {
            form: hash::str(w),
            lower: hash::lower(w),
            suffixes: [
                hash::suffix(w, 1),
                hash::suffix(w, 2),
                hash::suffix(w, 3),
                hash::suffix(w, 4),
            ],
            prefix1: hash::prefix(w, 1),
            prefix3: hash::prefix(w, 3),
            shape: hash::shape(w, true),
            flags: hash::int(flags),
            coarse,
            fine,
        }
    }
}

/// Hashed word facts of a whole sentence, with two pads at each end.
pub(crate) struct Sentence {
    infos: Vec<WordInfo>,
}

impl Sentence {
    pub(crate) fn new<S: AsRef<str>>(words: &[S]) -> Self {
        let mut infos = Vec::with_capacity(words.len() + 4);
        infos.extend([WordInfo::PAD; 2]);
        for (i, w) in words.iter().enumerate() {
            infos.push(WordInfo::new(w.as_ref(), i == 0));
        }
        infos.extend([WordInfo::PAD; 2]);
        Sentence { infos }
    }

    pub(crate) fn len(&self) -> usize {
        self.infos.len() - 4
    }

    pub(crate) fn word(&self, i: usize) -> &WordInfo {
        &self.infos[i + 2]
    }

    /// Features of word `i` given the (hashed) tags of the two words before
    /// it. Writes into `out` (cleared first).
    pub(crate) fn features(&self, i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
        use hash::{feature as f, feature2 as f2};
        let k = i + 2;
        let w = &self.infos[k];
        let (m1, m2) = (&self.infos[k - 1], &self.infos[k - 2]);
        let (p1, p2) = (&self.infos[k + 1], &self.infos[k + 2]);
        out.clear();
        out.extend_from_slice(&[
            f(0, 0),
            f(1, w.lower),
            f(2, w.form),
            f(3, w.suffixes[0]),
            f(4, w.suffixes[1]),
            f(5, w.suffixes[2]),
            f(6, w.suffixes[3]),
            f(7, w.prefix1),
            f(8, w.prefix3),
            f(9, w.shape),
            f(10, w.flags),
            f(11, prev),
            f2(12, prev, prev2),
            f2(13, prev, w.lower),
            f(14, m1.lower),
            f(15, m1.suffixes[2]),
            f(16, m2.lower),
            f(17, p1.lower),
            f(18, p1.suffixes[2]),
            f(19, p2.lower),
            f2(20, m1.lower, w.lower),
            f2(21, w.lower, p1.lower),
            f2(22, prev, w.suffixes[2]),
            f(23, p1.shape),
            f(24, m1.shape),
            f2(25, p1.suffixes[1], w.suffixes[2]),
            f(26, p2.suffixes[2]),
            f(27, w.fine),
            f(28, w.coarse),
            f(29, p1.fine),
            f(30, m1.fine),
            f2(31, prev, w.fine),
            f(32, p2.coarse),
        ]);
    }
}

/// Hash of a previous tag (class id), with distinct values for the
/// sentence-start pads.
pub(crate) fn tag_hash(class: Option<usize>) -> u64 {
    match class {
        Some(c) => hash::int(c as u64 + 2),
        None => hash::int(1),
    }
}
