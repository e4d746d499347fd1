//! Feature extraction for the recognizer. Label-independent facts are
//! hashed once per sentence; per-token features combine them with the
//! previous predictions and the document history.

use crate::gazetteer::Gazetteer;
use annalist_clusters::Clusters;
use annalist_linear::hash;

#[derive(Debug, Clone, Copy)]
pub(crate) struct TokInfo {
    pub form: u64,
    pub lower: u64,
    pub prefix2: u64,
    pub prefix3: u64,
    pub suffix2: u64,
    pub suffix3: u64,
    pub suffix4: u64,
    pub shape: u64,
    pub flags: u64,
    pub coarse: u64,
    pub fine: u64,
    pub gaz: u32,
    /// Starts with an upper-case letter (history is kept only for these).
    pub cap: bool,
    /// No upper-case letter, and lower-case letters or no letters and
    /// digits at all (`said`, `,`): such a token practically never starts
    /// a name, so outside a name it is labelled `O` without scoring.
    pub plain: bool,
    /// Starts with a lower-case letter (`said`, `iPod`).
    pub low_first: bool,
}

impl TokInfo {
    const PAD: TokInfo = TokInfo {
        form: 0x9ad1,
        lower: 0x9ad2,
        prefix2: 0x9ad3,
        prefix3: 0x9ad3,
        suffix2: 0x9ad4,
        suffix3: 0x9ad4,
        suffix4: 0x9ad4,
        shape: 0x9ad5,
        flags: 0x9ad6,
        coarse: 0x9ad7,
        fine: 0x9ad7,
        gaz: 0,
        cap: false,
        plain: false,
        low_first: false,
    };
}

/// True when the sentence is set in capitals (a headline, a sports table
/// heading): most of its letters are upper-case.
fn all_caps_sentence<S: AsRef<str>>(words: &[S]) -> bool {
    let (mut up, mut low) = (0usize, 0usize);
    for w in words {
        for c in w.as_ref().chars() {
            if c.is_uppercase() {
                up += 1;
            } else if c.is_lowercase() {
                low += 1;
            }
        }
    }
    up >= 4 && low * 4 < up
}

/// Hashed facts of a sentence, two pads at each end.
pub(crate) struct Sentence {
    infos: Vec<TokInfo>,
    caps: bool,
    /// Document features of every token (see [`document_features`]),
    /// flat: token `i`'s are `docf[docf_at[i]..docf_at[i + 1]]`; empty
    /// until computed.
    docf: Vec<u64>,
    docf_at: Vec<u32>,
}

/// What the recognizer needs besides the model.
pub(crate) struct Resources<'a> {
    pub gazetteer: &'a Gazetteer,
    pub clusters: &'a Clusters,
}

impl Sentence {
    pub(crate) fn new<S: AsRef<str>>(
        words: &[S],
        res: &Resources<'_>,
        gaz_scratch: &mut Vec<u32>,
        lower_scratch: &mut Vec<u64>,
    ) -> Self {
        let caps = all_caps_sentence(words);
        lower_scratch.clear();
        lower_scratch.extend(words.iter().map(|w| hash::lower(w.as_ref())));
        res.gazetteer.matches(lower_scratch, gaz_scratch);
        let mut infos = Vec::with_capacity(words.len() + 4);
        infos.extend([TokInfo::PAD; 2]);
        for (i, w) in words.iter().enumerate() {
            let w = w.as_ref();
            let mut upper_first = false;
            let (mut up, mut low, mut digit, mut other) = (0, 0, 0, 0);
            for (k, c) in w.chars().enumerate() {
                if c.is_uppercase() {
                    up += 1;
                    upper_first |= k == 0;
                } else if c.is_lowercase() {
                    low += 1;
                } else if c.is_numeric() {
                    digit += 1;
                } else {
                    other += 1;
                }
            }
            // Whether the unlabelled news has this exact form, and (for
            // capitalised words) its lower-cased form: a capitalised word that
            // news usually writes in lower case is rarely a name.
            let known = res.clusters.get_exact(w).is_some() as u64;
            let known_lower = (upper_first && res.clusters.contains_hash(lower_scratch[i])) as u64;
            let flags = upper_first as u64
                | ((up > 0 && low == 0) as u64) << 1
                | ((digit > 0) as u64) << 2
                | ((other > 0) as u64) << 3
                | ((i == 0) as u64) << 4
                | (caps as u64) << 5
                | known << 6
                | known_lower << 7;
            let (coarse, fine) = match res.clusters.get(w) {
                Some((c, f)) => (hash::int(c as u64), hash::int(f as u64 + 100_000)),
                None => (hash::int(u64::MAX), hash::int(u64::MAX - 1)),
            };
            infos.push(TokInfo {
                form: hash::str(w),
                lower: lower_scratch[i],
                prefix2: hash::prefix(w, 2),
                prefix3: hash::prefix(w, 3),
                suffix2: hash::suffix(w, 2),
                suffix3: hash::suffix(w, 3),
                suffix4: hash::suffix(w, 4),
                shape: hash::shape(w, true),
                flags: hash::int(flags),
                coarse,
                fine,
                gaz: gaz_scratch.get(i).copied().unwrap_or(0),
                cap: upper_first,
                low_first: w.chars().next().is_some_and(char::is_lowercase),
                plain: up == 0
                    && (low > 0 || digit == 0)
                    && gaz_scratch.get(i).is_none_or(|&g| g == 0),
            });
        }
        infos.extend([TokInfo::PAD; 2]);
        Sentence {
            infos,
            caps,
            docf: Vec::new(),
            docf_at: Vec::new(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.infos.len() - 4
    }

    pub(crate) fn tok(&self, i: usize) -> &TokInfo {
        &self.infos[i + 2]
    }

    /// The features of token `i` that do not depend on the labels chosen
    /// in the sentence (`hist` comes from earlier sentences): scored once
    /// per token, whatever the decoder explores.
    pub(crate) fn static_features(&self, i: usize, hist: Option<&[u16; 4]>, out: &mut Vec<u64>) {
        use hash::{feature as f, feature2 as f2};
        let k = i + 2;
        let w = &self.infos[k];
        let (m1, m2) = (&self.infos[k - 1], &self.infos[k - 2]);
        let (p1, p2) = (&self.infos[k + 1], &self.infos[k + 2]);
        out.clear();
        out.extend_from_slice(&[
            f(0, 0),
            f(1, w.form),
            f(2, w.lower),
            f(3, m1.lower),
            f(4, p1.lower),
            f(5, m2.lower),
            f(6, p2.lower),
            f(7, m1.form),
            f(8, p1.form),
            f(9, w.prefix3),
            f(10, w.suffix3),
            f(11, w.suffix4),
            f(12, w.prefix2),
            f(13, w.suffix2),
            f(14, w.shape),
            f(15, m1.shape),
            f(16, p1.shape),
            f2(17, hash::combine(m1.shape, w.shape), p1.shape),
            f(18, w.flags),
            f(23, w.coarse),
            f(24, w.fine),
            f(25, m1.fine),
            f(26, p1.fine),
            f(27, m1.coarse),
            f(28, p1.coarse),
            f2(33, m1.lower, w.lower),
            f2(34, w.lower, p1.lower),
            f2(36, w.flags, w.fine),
            f(37, p1.flags),
            f(38, m1.flags),
            f2(48, w.fine, p1.fine),
            f2(49, m1.fine, w.fine),
            f2(50, w.shape, p1.lower),
            f2(51, m1.lower, w.shape),
        ]);
        if let (Some(&a), Some(&b)) = (self.docf_at.get(i), self.docf_at.get(i + 1)) {
            out.extend_from_slice(&self.docf[a as usize..b as usize]);
        }
        let mut g = w.gaz;
        while g != 0 {
            let bit = g.trailing_zeros();
            out.push(f(29, bit as u64));
            out.push(f2(39, bit as u64, w.flags));
            g &= g - 1;
        }
        if m1.gaz != 0 {
            out.push(f(30, m1.gaz as u64));
        }
        if p1.gaz != 0 {
            out.push(f(31, p1.gaz as u64));
        }
        if let Some(best) = hist.and_then(majority) {
            out.push(f(32, best as u64));
            out.push(f2(40, best as u64, self.caps as u64));
        }
    }

    /// The features of token `i` that conjoin the previous labels (hashed
    /// by [`label_hash`]); appended to `out`.
    pub(crate) fn label_features(&self, i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
        self.prev_features(i, prev, out);
        out.extend_from_slice(&transition_features(prev, prev2));
    }

    /// The features of token `i` that conjoin the previous label with the
    /// token: hypotheses of a beam that share that label share their scores.
    pub(crate) fn prev_features(&self, i: usize, prev: u64, out: &mut Vec<u64>) {
        use hash::feature2 as f2;
        let w = &self.infos[i + 2];
        out.extend_from_slice(&[
            f2(21, prev, w.shape),
            f2(22, prev, w.lower),
            f2(35, prev, w.fine),
        ]);
    }
}

/// The features of the previous labels alone, the same at every token
/// (so their scores can be looked up once per labelling).
pub(crate) fn transition_features(prev: u64, prev2: u64) -> [u64; 2] {
    [hash::feature(19, prev), hash::feature2(20, prev, prev2)]
}

/// The most frequent type in `counts` (lowest index on ties), if any.
fn majority(counts: &[u16; 4]) -> Option<usize> {
    let (best, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(t, &n)| (n, std::cmp::Reverse(t)))?;
    (n > 0).then_some(best)
}

/// Per-document record of the types predicted for each capitalised word.
#[derive(Debug, Default)]
pub(crate) struct History {
    map: annalist_linear::FeatureMap<[u16; 4]>,
}

impl History {
    pub(crate) fn get(&self, form: u64) -> Option<&[u16; 4]> {
        self.map.get(&form)
    }

    pub(crate) fn add(&mut self, form: u64, ty: usize) {
        if let Some(c) = self.map.entry(form).or_default().get_mut(ty) {
            *c = c.saturating_add(1);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.map.clear();
    }
}

/// Hash of a previous label (class id), `None` before the sentence start.
pub(crate) fn label_hash(class: Option<usize>) -> u64 {
    hash::int(class.map_or(0, |c| c as u64 + 1) + 7_000)
}

/// Most other mentions of a word looked at (a story repeats few names more
/// often; this bounds the cost on pathological input).
const MAX_OTHERS: usize = 32;

/// Most distinct neighbouring words of other mentions used: the first few
/// say as much (dev F1 94.25 with 4, 94.20 with all, 93.99 with none) at
/// fewer lookups.
const MAX_CONTEXTS: usize = 4;

fn bucket(n: usize) -> u64 {
    n.min(2) as u64
}

/// Non-local evidence from the whole story (Krishnan & Manning 2006), read
/// from the text rather than from predictions: for each capitalised token,
/// how the same word (case-insensitively) is written elsewhere in the story
/// — capitalised in mid-sentence, in lower case, after which words, as part
/// of a longer capitalised sequence, inside which gazetteer matches. A
/// headline word or a sentence-initial word gets what mid-sentence mentions
/// of it say.
pub(crate) fn document_features(sents: &mut [Sentence]) {
    use hash::{feature as f, feature2 as f2};
    // Only words written capitalised somewhere get a group; their
    // lower-case mentions are collected in a second pass.
    let mut groups: annalist_linear::FeatureMap<u32> = Default::default();
    for s in sents.iter() {
        for i in 0..s.len() {
            let t = s.tok(i);
            if t.cap {
                let next = groups.len() as u32;
                groups.entry(t.lower).or_insert(next);
            }
        }
    }
    let mut occ: Vec<Vec<(u32, u32)>> = vec![Vec::new(); groups.len()];
    for (si, s) in sents.iter().enumerate() {
        for i in 0..s.len() {
            let t = s.tok(i);
            if !(t.cap || t.low_first) {
                continue;
            }
            if let Some(list) = groups.get(&t.lower).and_then(|&g| occ.get_mut(g as usize)) {
                list.push((si as u32, i as u32));
            }
        }
    }
    // Role of each token in a run of capitalised tokens of a mixed-case
    // sentence: bit 0 first, bit 1 inside, bit 2 last of a run of two or more.
    let role = |s: &Sentence, i: usize| -> u64 {
        if s.caps || !s.tok(i).cap {
            return 0;
        }
        let before = i > 0 && s.tok(i - 1).cap;
        let after = i + 1 < s.len() && s.tok(i + 1).cap;
        match (before, after) {
            (false, true) => 1,
            (true, true) => 2,
            (true, false) => 4,
            _ => 0,
        }
    };
    let mut all: Vec<(Vec<u64>, Vec<u32>)> = Vec::with_capacity(sents.len());
    let mut seen: Vec<u64> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let mut docf = Vec::new();
        let mut at = Vec::with_capacity(s.len() + 1);
        for i in 0..s.len() {
            at.push(docf.len() as u32);
            let t = s.tok(i);
            if !t.cap {
                continue;
            }
            let Some(&g) = groups.get(&t.lower) else {
                continue;
            };
            let own = (i == 0) as u64 | (s.caps as u64) << 1;
            let (mut mid, mut low, mut roles, mut gaz) = (0usize, 0usize, 0u64, 0u32);
            seen.clear();
            for &(oj, oi) in occ[g as usize].iter().take(MAX_OTHERS + 1) {
                let (oj, oi) = (oj as usize, oi as usize);
                if oj == si && oi == i {
                    continue;
                }
                let os = &sents[oj];
                let o = os.tok(oi);
                if o.low_first {
                    low += 1;
                } else if oi > 0 && !os.caps {
                    mid += 1;
                }
                roles |= role(os, oi);
                gaz |= o.gaz;
                if !os.caps && seen.len() < MAX_CONTEXTS {
                    let left = if oi > 0 { os.tok(oi - 1).lower } else { 1 };
                    let right = if oi + 1 < os.len() {
                        os.tok(oi + 1).lower
                    } else {
                        2
                    };
                    for v in [f(62, left), f(63, right)] {
                        if !seen.contains(&v) {
                            seen.push(v);
                        }
                    }
                }
            }
            docf.push(f2(60, bucket(mid) | bucket(low) << 2, own));
            if roles != 0 {
                docf.push(f2(64, roles, role(s, i)));
            }
            let mut extra = gaz & !t.gaz;
            while extra != 0 {
                let bit = extra.trailing_zeros();
                docf.push(f(65, bit as u64));
                extra &= extra - 1;
            }
            docf.extend_from_slice(&seen);
        }
        at.push(docf.len() as u32);
        all.push((docf, at));
    }
    for (s, (docf, at)) in sents.iter_mut().zip(all) {
        s.docf = docf;
        s.docf_at = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(sents: &[&[&str]]) -> Vec<Sentence> {
        let (gaz, clusters) = (Gazetteer::default(), Clusters::default());
        let res = Resources {
            gazetteer: &gaz,
            clusters: &clusters,
        };
        let mut out: Vec<Sentence> = sents
            .iter()
            .map(|w| Sentence::new(w, &res, &mut Vec::new(), &mut Vec::new()))
            .collect();
        document_features(&mut out);
        out
    }

    fn feats(s: &Sentence, i: usize) -> Vec<u64> {
        let mut out = Vec::new();
        s.static_features(i, None, &mut out);
        out
    }

    #[test]
    fn headline_word_sees_its_mid_sentence_mentions() {
        let d = doc(&[
            &["SMITH", "WINS"],
            &["Yesterday", "John", "Smith", "won", "."],
        ]);
        // The headline's SMITH: one capitalised mid-sentence mention, none
        // in lower case; it was last of a run ("John Smith"), after "John".
        let f = feats(&d[0], 0);
        let own = 1u64 | 1 << 1;
        assert!(f.contains(&hash::feature2(60, 1, own)));
        assert!(f.contains(&hash::feature2(64, 4, 0)));
        assert!(f.contains(&hash::feature(62, hash::lower("John"))));
        // WINS has no other mention; lower-case words get nothing.
        assert!(!feats(&d[0], 1)
            .iter()
            .any(|&x| x == hash::feature2(60, 1, own)));
        assert_eq!(d[1].docf_at[4], d[1].docf_at[3]);
    }

    #[test]
    fn lower_case_mentions_count() {
        let d = doc(&[&["Rain", "fell", "."], &["The", "rain", "stopped", "."]]);
        let f = feats(&d[0], 0);
        // Sentence-initial, no capitalised mention, one lower-case one.
        assert!(f.contains(&hash::feature2(60, 1 << 2, 1)));
    }
}
