//! Token features for the attribution tagger.
//!
//! Besides the usual window of words, each token sees the nearest
//! reporting verb on either side within its sentence (how far, which word,
//! whether a comma stands between), whether it is inside quotation marks,
//! and which roles the tagger has already given out in the sentence, so
//! content that precedes its cue ("…, sources said") can be started before
//! the cue is reached. Tokens also see how far back the last closing
//! quotation mark and how far ahead the next opening one lie in the
//! sentence: speakers of direct quotes sit right next to them.

use crate::lexicon::is_cue_word;
use crate::marks::{mark_of, Quoting};
use annalist_doc::Doc;
use annalist_linear::hash;

/// Per-token facts computed once per document.
pub struct Context {
    words: Vec<u64>,
    shapes: Vec<u64>,
    suffixes: Vec<u64>,
    kinds: Vec<u8>,
    inside: Vec<bool>,
    sent_start: Vec<u32>,
    sent_end: Vec<u32>,
    next_lex: Vec<Option<u32>>,
    prev_lex: Vec<Option<u32>>,
    comma_to_next_lex: Vec<bool>,
    /// Tokens since the last closing quotation mark in the sentence.
    since_close: Vec<Option<u32>>,
    /// Tokens to the next opening quotation mark in the sentence.
    to_open: Vec<Option<u32>>,
}

/// Token kind codes for coarse features.
const K_WORD: u8 = 0;
const K_CAP: u8 = 1;
const K_LEX: u8 = 2;
const K_PUNCT: u8 = 3;
const K_MARK: u8 = 4;
const K_COMMA: u8 = 5;
const K_STOP: u8 = 6;

const PAD: u64 = 0x5bd1_e995_1234_5678;

impl Context {
    /// Computes the per-token facts of `doc`.
    pub fn new(doc: &Doc, quoting: &Quoting) -> Self {
        let n = doc.tokens.len();
        let mut c = Context {
            words: Vec::with_capacity(n),
            shapes: Vec::with_capacity(n),
            suffixes: Vec::with_capacity(n),
            kinds: Vec::with_capacity(n),
            inside: quoting.inside.clone(),
            sent_start: vec![0; n],
            sent_end: vec![n as u32; n],
            next_lex: vec![None; n],
            prev_lex: vec![None; n],
            comma_to_next_lex: vec![false; n],
            since_close: vec![None; n],
            to_open: vec![None; n],
        };
        let mut closes = vec![false; n];
        let mut opens = vec![false; n];
        for r in &quoting.regions {
            if r.open < n {
                opens[r.open] = true;
            }
            if r.closed && r.end < n {
                closes[r.end] = true;
            }
        }
        c.inside.resize(n, false);
        for i in 0..n {
            let w = doc.token_text(i);
            c.words.push(hash::lower(w));
            c.shapes.push(hash::shape(w, true));
            c.suffixes.push(hash::suffix(w, 3));
            c.kinds.push(kind(w));
        }
        let mut sents: Vec<(usize, usize)> = doc
            .sentences
            .iter()
            .map(|s| (s.token_start as usize, (s.token_end as usize).min(n)))
            .filter(|(a, b)| a < b)
            .collect();
        if sents.is_empty() && n > 0 {
            sents.push((0, n));
        }
        for &(a, b) in &sents {
            let mut last: Option<u32> = None;
            let mut close: Option<usize> = None;
            for i in a..b {
                c.since_close[i] = close.map(|k| (i - k) as u32);
                if closes.get(i).copied().unwrap_or(false) {
                    close = Some(i);
                }
                c.sent_start[i] = a as u32;
                c.sent_end[i] = b as u32;
                c.prev_lex[i] = last;
                if c.kinds[i] == K_LEX {
                    last = Some(i as u32);
                }
            }
            let mut open: Option<usize> = None;
            for i in (a..b).rev() {
                if opens.get(i).copied().unwrap_or(false) {
                    open = Some(i);
                }
                c.to_open[i] = open.filter(|&k| k > i).map(|k| (k - i) as u32);
            }
            let mut next: Option<u32> = None;
            let mut comma = false;
            for i in (a..b).rev() {
                c.next_lex[i] = next;
                c.comma_to_next_lex[i] = comma;
                if c.kinds[i] == K_LEX {
                    next = Some(i as u32);
                    comma = false;
                } else if c.kinds[i] == K_COMMA {
                    comma = true;
                }
            }
        }
        c
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when tokens `[a, b)` contain a reporting verb, a quotation
    /// mark or a colon or dash (the cues of layouts).
    pub fn may_attribute(&self, doc: &Doc, a: usize, b: usize) -> bool {
        (a..b.min(self.kinds.len())).any(|i| match self.kinds[i] {
            K_LEX | K_MARK => true,
            K_STOP | K_PUNCT => matches!(doc.token_text(i), ":" | "―" | "—" | "–" | "--"),
            _ => false,
        })
    }

    /// True when token `i` and the two after it lie inside quotation marks.
    pub fn deep_inside(&self, i: usize) -> bool {
        self.inside
            .get(i..i + 3)
            .is_some_and(|w| w.iter().all(|&x| x))
    }

    fn word(&self, i: isize) -> u64 {
        if i < 0 || i as usize >= self.words.len() {
            PAD
        } else {
            self.words[i as usize]
        }
    }

    fn kind_at(&self, i: isize) -> u64 {
        if i < 0 || i as usize >= self.kinds.len() {
            99
        } else {
            self.kinds[i as usize] as u64
        }
    }

    /// Features of token `i` given the two previous labels and the set of
    /// roles already used in the sentence (bit mask).
    pub fn features(&self, i: usize, prev: u8, prev2: u8, seen: u8, out: &mut Vec<u64>) {
        use hash::{feature, feature2, int};
        out.clear();
        let ii = i as isize;
        let w0 = self.words[i];
        let k0 = self.kinds[i] as u64;
        let inside = self.inside[i] as u64;
        let (p, p2, s) = (int(prev as u64), int(prev2 as u64), int(seen as u64));
        out.push(feature(0, 0));
        out.push(feature(1, w0));
        out.push(feature(2, self.word(ii - 1)));
        out.push(feature(3, self.word(ii - 2)));
        out.push(feature(4, self.word(ii + 1)));
        out.push(feature(5, self.word(ii + 2)));
        out.push(feature2(6, self.word(ii - 1), w0));
        out.push(feature2(7, w0, self.word(ii + 1)));
        out.push(feature(8, self.suffixes[i]));
        out.push(feature(9, self.shapes[i]));
        out.push(feature2(10, inside, k0));
        out.push(feature2(
            11,
            inside,
            int(self.kind_at(ii - 1) * 128 + self.kind_at(ii + 1)),
        ));
        let (ss, se) = (self.sent_start[i] as usize, self.sent_end[i] as usize);
        let from_start = bucket(i - ss);
        let to_end = bucket(se - i - 1);
        out.push(feature2(12, int(from_start), int(to_end)));
        match self.next_lex[i] {
            Some(j) => {
                let d = bucket(j as usize - i);
                let comma = self.comma_to_next_lex[i] as u64;
                out.push(feature2(13, int(d), int(comma)));
                out.push(feature2(14, self.words[j as usize], int(d * 2 + comma)));
                out.push(feature2(15, int(d * 2 + comma), p));
                out.push(feature2(16, self.word(j as isize + 1), int(comma)));
                out.push(feature2(17, int(d * 2 + comma), k0 * 8 + inside));
            }
            None => {
                out.push(feature(13, 1 << 40));
                out.push(feature2(15, 1 << 40, p));
            }
        }
        match self.prev_lex[i] {
            Some(j) => {
                let d = bucket(i - j as usize);
                out.push(feature(18, int(d)));
                out.push(feature2(19, self.words[j as usize], int(d)));
                out.push(feature2(20, int(d), p));
            }
            None => out.push(feature2(20, 1 << 40, p)),
        }
        out.push(feature(21, p));
        out.push(feature2(22, p, p2));
        out.push(feature2(23, p, w0));
        out.push(feature(24, s));
        out.push(feature2(25, s, p));
        out.push(feature2(26, s, int(k0)));
        out.push(feature2(27, p, int(inside * 16 + k0)));
        out.push(feature2(28, self.shapes[i], self.word(ii - 1)));
        out.push(feature2(29, p, int(to_end)));
        out.push(feature2(30, s, int(to_end * 8 + k0)));
        out.push(feature2(31, w0, int(from_start)));
        out.push(feature2(32, s, w0));
        // Where the token stands against the quotation next to it: just
        // after `…,”` is where "Trump said" and "said Trump" sit.
        let sc = self.since_close[i].map_or(15, |d| bucket(d as usize));
        let to = self.to_open[i].map_or(15, |d| bucket(d as usize));
        out.push(feature2(33, int(sc * 16 + to), int(inside * 16 + k0)));
        out.push(feature2(34, int(sc), p));
        out.push(feature2(35, int(to), p));
    }
}

/// Coarse distance buckets: 0–4 exact, then 5–7, 8–15, 16+.
fn bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=7 => 5,
        8..=15 => 6,
        _ => 7,
    }
}

fn kind(w: &str) -> u8 {
    if mark_of(w).is_some() {
        return K_MARK;
    }
    if w == "," {
        return K_COMMA;
    }
    if matches!(w, "." | "?" | "!" | ";" | ":") {
        return K_STOP;
    }
    if is_cue_word(w) {
        return K_LEX;
    }
    match w.chars().next() {
        Some(c) if c.is_uppercase() => K_CAP,
        Some(c) if c.is_alphanumeric() => K_WORD,
        _ => K_PUNCT,
    }
}
