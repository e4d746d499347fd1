//! Feature templates: the rich non-local set of Zhang & Nivre (2011) —
//! words and tags of the stack top, the first three buffer words and their
//! heads and outermost dependents, distance, valency and dependent label
//! sets — plus a few second-stack-item templates.

use crate::system::{State, NONE};
use annalist_linear::hash;

/// A sentence as the feature extractor sees it: hashed word forms and tags,
/// with one extra slot at the end for the root.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// Hash of each lower-cased, digit-normalised word form.
    pub words: Vec<u64>,
    /// Hash of each fine (Penn) tag.
    pub tags: Vec<u64>,
    /// Hash of each universal tag.
    pub upos: Vec<u64>,
    /// Hash of each word's coarse news-text cluster (crates/clusters).
    pub coarse: Vec<u64>,
    /// Hash of each word's fine cluster.
    pub fine: Vec<u64>,
    /// Hash of each word's last three characters, lower-cased.
    pub suffix: Vec<u64>,
}

impl Input {
    /// Builds the input from forms, Penn tags and universal tags (equal
    /// lengths; missing tags hash as empty strings).
    pub fn new<S: AsRef<str>, T: AsRef<str>, U: AsRef<str>>(
        forms: &[S],
        tags: &[T],
        upos: &[U],
    ) -> Self {
        let n = forms.len();
        let mut input = Input {
            words: Vec::with_capacity(n + 1),
            tags: Vec::with_capacity(n + 1),
            upos: Vec::with_capacity(n + 1),
            coarse: Vec::with_capacity(n + 1),
            fine: Vec::with_capacity(n + 1),
            suffix: Vec::with_capacity(n + 1),
        };
        let clusters = annalist_clusters::Clusters::shipped();
        for (i, f) in forms.iter().enumerate() {
            let f = f.as_ref();
            let (c, fc) = match clusters.get(f) {
                Some((c, fc)) => (hash::int(c as u64), hash::int(fc as u64 + 0x1_0000)),
                None => (NO_CLUSTER, NO_CLUSTER),
            };
            input.coarse.push(c);
            input.fine.push(fc);
            input.suffix.push(hash::suffix(f, 3));
            input.words.push(word_hash(f));
            input
                .tags
                .push(hash::str(tags.get(i).map_or("", |t| t.as_ref())));
            input
                .upos
                .push(hash::str(upos.get(i).map_or("", |t| t.as_ref())));
        }
        input.words.push(hash::str("<ROOT>"));
        input.tags.push(hash::str("<ROOT>"));
        input.upos.push(hash::str("<ROOT>"));
        input.coarse.push(hash::str("<ROOT>"));
        input.fine.push(hash::str("<ROOT>"));
        input.suffix.push(hash::str("<ROOT>"));
        input
    }

    /// Number of words (without the root slot).
    pub fn len(&self) -> usize {
        self.words.len().saturating_sub(1)
    }

    /// True for an empty sentence.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Digits become `0` so that numbers share statistics; case is dropped.
fn word_hash(form: &str) -> u64 {
    if form.bytes().any(|b| b.is_ascii_digit()) {
        let norm: String = form
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
        hash::lower(&norm)
    } else {
        hash::lower(form)
    }
}

const NO_WORD: u64 = 0x1234_5678_9abc_def0;
const NO_LABEL: u64 = 0x0fed_cba9_8765_4321;
const NO_CLUSTER: u64 = 0x5555_aaaa_3333_cccc;

/// Word, tag, label, cluster and suffix atoms of one position.
#[derive(Clone, Copy)]
struct Atom {
    w: u64,
    p: u64,
    l: u64,
    c: u64,
    f: u64,
    x: u64,
}

#[inline]
fn atom(input: &Input, st: &State, i: u32) -> Atom {
    if i == NONE {
        return Atom {
            w: NO_WORD,
            p: NO_WORD,
            l: NO_LABEL,
            c: NO_WORD,
            f: NO_WORD,
            x: NO_WORD,
        };
    }
    let i = i as usize;
    let l = if st.heads[i] == NONE {
        NO_LABEL
    } else {
        hash::int(st.labels[i] as u64 + 1)
    };
    Atom {
        w: input.words[i],
        p: input.tags[i],
        l,
        c: input.coarse[i],
        f: input.fine[i],
        x: input.suffix[i],
    }
}

#[inline]
fn get(v: &[u32], i: u32) -> u32 {
    if i == NONE {
        NONE
    } else {
        v[i as usize]
    }
}

#[inline]
fn f1(id: u32, a: u64) -> u64 {
    hash::feature(id, a)
}

#[inline]
fn f2(id: u32, a: u64, b: u64) -> u64 {
    hash::feature2(id, a, b)
}

#[inline]
fn f3(id: u32, a: u64, b: u64, c: u64) -> u64 {
    hash::combine(hash::feature2(id, a, b), c)
}

/// Writes the features of `st` into `out` (cleared first).
pub fn extract(input: &Input, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let s0i = st.s0();
    let s1i = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let n = st.n;
    let pos = |k: usize| {
        if st.b + k <= n {
            (st.b + k) as u32
        } else {
            NONE
        }
    };
    let (n0i, n1i, n2i) = (pos(0), pos(1), pos(2));
    let s0h_i = if s0i != NONE && st.heads[s0i as usize] != NONE {
        st.heads[s0i as usize]
    } else {
        NONE
    };
    let s0h2_i =
        if s0h_i != NONE && (s0h_i as usize) < st.heads.len() && st.heads[s0h_i as usize] != NONE {
            st.heads[s0h_i as usize]
        } else {
            NONE
        };
    let s0 = atom(input, st, s0i);
    let s1 = atom(input, st, s1i);
    let n0 = atom(input, st, n0i);
    let n1 = atom(input, st, n1i);
    let n2 = atom(input, st, n2i);
    let s0h = atom(input, st, s0h_i);
    let s0h2 = atom(input, st, s0h2_i);
    let s0l = atom(input, st, get(&st.l1, s0i));
    let s0l2 = atom(input, st, get(&st.l2, s0i));
    let s0r = atom(input, st, get(&st.r1, s0i));
    let s0r2 = atom(input, st, get(&st.r2, s0i));
    let n0l = atom(input, st, get(&st.l1, n0i));
    let n0l2 = atom(input, st, get(&st.l2, n0i));

    let s0wp = hash::combine(s0.w, s0.p);
    let n0wp = hash::combine(n0.w, n0.p);
    let n1wp = hash::combine(n1.w, n1.p);
    let n2wp = hash::combine(n2.w, n2.p);

    out.push(f1(0, 0));
    // Single words.
    out.push(f1(1, s0wp));
    out.push(f1(2, s0.w));
    out.push(f1(3, s0.p));
    out.push(f1(4, n0wp));
    out.push(f1(5, n0.w));
    out.push(f1(6, n0.p));
    out.push(f1(7, n1wp));
    out.push(f1(8, n1.w));
    out.push(f1(9, n1.p));
    out.push(f1(10, n2wp));
    out.push(f1(11, n2.w));
    out.push(f1(12, n2.p));
    // Word pairs.
    out.push(f2(13, s0wp, n0wp));
    out.push(f2(14, s0wp, n0.w));
    out.push(f2(15, s0.w, n0wp));
    out.push(f2(16, s0wp, n0.p));
    out.push(f2(17, s0.p, n0wp));
    out.push(f2(18, s0.w, n0.w));
    out.push(f2(19, s0.p, n0.p));
    out.push(f2(20, n0.p, n1.p));
    // Three tags.
    out.push(f3(21, n0.p, n1.p, n2.p));
    out.push(f3(22, s0.p, n0.p, n1.p));
    out.push(f3(23, s0h.p, s0.p, n0.p));
    out.push(f3(24, s0.p, s0l.p, n0.p));
    out.push(f3(25, s0.p, s0r.p, n0.p));
    out.push(f3(26, s0.p, n0.p, n0l.p));
    // Distance between s0 and n0.
    let dist = if s0i == NONE || n0i == NONE {
        0
    } else {
        let d = n0i.saturating_sub(s0i) as u64;
        if d >= 5 {
            5 + (d >= 10) as u64
        } else {
            d
        }
    };
    let d = hash::int(dist);
    out.push(f2(27, s0.w, d));
    out.push(f2(28, s0.p, d));
    out.push(f2(29, n0.w, d));
    out.push(f2(30, n0.p, d));
    out.push(f3(31, s0.w, n0.w, d));
    out.push(f3(32, s0.p, n0.p, d));
    // Valency.
    let vr = hash::int(if s0i == NONE {
        99
    } else {
        st.vr[s0i as usize] as u64
    });
    let vl = hash::int(if s0i == NONE {
        99
    } else {
        st.vl[s0i as usize] as u64
    });
    let nvl = hash::int(if n0i == NONE {
        99
    } else {
        st.vl[n0i as usize] as u64
    });
    out.push(f2(33, s0.w, vr));
    out.push(f2(34, s0.p, vr));
    out.push(f2(35, s0.w, vl));
    out.push(f2(36, s0.p, vl));
    out.push(f2(37, n0.w, nvl));
    out.push(f2(38, n0.p, nvl));
    // Unigrams of heads and dependents.
    out.push(f1(39, s0h.w));
    out.push(f1(40, s0h.p));
    out.push(f1(41, s0.l));
    out.push(f1(42, s0l.w));
    out.push(f1(43, s0l.p));
    out.push(f1(44, s0l.l));
    out.push(f1(45, s0r.w));
    out.push(f1(46, s0r.p));
    out.push(f1(47, s0r.l));
    out.push(f1(48, n0l.w));
    out.push(f1(49, n0l.p));
    out.push(f1(50, n0l.l));
    // Third order.
    out.push(f1(51, s0h2.w));
    out.push(f1(52, s0h2.p));
    out.push(f1(53, s0h.l));
    out.push(f1(54, s0l2.w));
    out.push(f1(55, s0l2.p));
    out.push(f1(56, s0l2.l));
    out.push(f1(57, s0r2.w));
    out.push(f1(58, s0r2.p));
    out.push(f1(59, s0r2.l));
    out.push(f1(60, n0l2.w));
    out.push(f1(61, n0l2.p));
    out.push(f1(62, n0l2.l));
    out.push(f3(63, s0.p, s0l.p, s0l2.p));
    out.push(f3(64, s0.p, s0r.p, s0r2.p));
    out.push(f3(65, s0.p, s0h.p, s0h2.p));
    out.push(f3(66, n0.p, n0l.p, n0l2.p));
    // Label sets.
    let sr = hash::int(if s0i == NONE { 0 } else { st.sr[s0i as usize] });
    let sl = hash::int(if s0i == NONE { 0 } else { st.sl[s0i as usize] });
    let nsl = hash::int(if n0i == NONE { 0 } else { st.sl[n0i as usize] });
    out.push(f2(67, s0.w, sr));
    out.push(f2(68, s0.p, sr));
    out.push(f2(69, s0.w, sl));
    out.push(f2(70, s0.p, sl));
    out.push(f2(71, n0.w, nsl));
    out.push(f2(72, n0.p, nsl));
    // Second stack item: helps decide REDUCE versus attaching lower.
    out.push(f2(73, s1.p, s0.p));
    out.push(f3(74, s1.p, s0.p, n0.p));
    out.push(f2(75, s1.w, n0.w));
    out.push(f1(76, s1.l));
    // Head-dependent label pairs and lexicalised label features.
    out.push(f2(77, s0.l, s0.p));
    out.push(f3(78, s0.w, s0.l, n0.p));
    out.push(f2(79, s0.p, n0.w));
    out.push(f3(80, s0.p, s0h.p, s0.l));
    // Word clusters learned from news text (Koo et al. 2008) and suffixes:
    // they carry the lexical signal when the predicted tag is wrong.
    out.push(f1(81, s0.f));
    out.push(f1(82, n0.f));
    out.push(f1(83, n1.f));
    out.push(f2(84, s0.c, n0.c));
    out.push(f2(85, s0.f, n0.p));
    out.push(f2(86, s0.p, n0.f));
    out.push(f3(87, s0.c, n0.c, d));
    out.push(f1(88, s0h.f));
    out.push(f2(89, s0.w, n0.f));
    out.push(f2(90, s0.f, n0.w));
    out.push(f3(91, s0.c, n0.c, n1.c));
    out.push(f1(92, n0.x));
    out.push(f1(93, s0.x));
    out.push(f2(94, s0.x, n0.x));
    out.push(f2(95, s0l.f, s0.c));
}
