//! The inference layout of a [`Model`](crate::Model), for the stages whose
//! speed matters (the tagger, the parser).
//!
//! Scoring a parser transition touches ~100 features in a table of over a
//! million, so speed is set by cache and TLB misses, not arithmetic. Here each
//! feature is one 8-byte slot in an open-addressing table (a 32-bit
//! fingerprint and where its weights start) and its weights sit contiguously
//! as `(class, weight)` pairs, the last one flagged: two misses per feature
//! but a small table. (16-byte slots holding short rows inline, one miss
//! per feature, were 12% slower on the parser: the table doubles and falls
//! out of the last-level cache.) All slots of a transition are prefetched
//! before any is read, then all weight runs, so the misses overlap; the
//! tables ask for 2 MB pages.

use crate::model::ModelFile;
use crate::{LinearError, Model};

#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    /// High half of the feature hash, with the low bit set so that 0 means
    /// "empty".
    fp: u32,
    start: u32,
}

/// `class | LAST` marks the final entry of a feature's run.
const LAST: u16 = 0x8000;

#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
struct Entry {
    class: u16,
    weight: f32,
}

/// `start | DENSE` points into the dense rows instead of the entries.
const DENSE: u32 = 0x8000_0000;

/// Rows with at least this many weights are stored densely: frequent
/// features (a tag, a tag pair) carry weights for most classes, and adding
/// a whole row with vector instructions beats scattering sparse pairs.
const DENSE_MIN: usize = 12;

/// A frozen model in a lookup-friendly layout: same scores as the
/// [`Model`] it was built from, up to float summation order.
#[derive(Debug, Clone, Default)]
pub struct Compact {
    labels: Vec<String>,
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    /// Dense rows, `labels.len()` weights each.
    dense: Vec<f32>,
    n_features: usize,
}

#[inline]
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32) | 1
}

impl Compact {
    /// Reads the `annalist-linear` model file format straight into this
    /// layout, without building a [`Model`] first (the parser's 18 MB
    /// model would need twice the memory).
    pub fn from_model_bytes(b: &[u8]) -> Result<Self, LinearError> {
        let file = ModelFile::read(b)?;
        let mut w = Compact::empty(
            file.labels.clone(),
            file.n_features_hint(),
            file.remaining() / 6,
        )?;
        file.rows(|key, row| w.add_row(key, row))?;
        Ok(w)
    }

    /// The compact layout of an in-memory model.
    pub fn from_model(model: &Model) -> Result<Self, LinearError> {
        let mut w = Compact::empty(
            model.labels().to_vec(),
            model.n_features(),
            model.n_weights(),
        )?;
        let mut res = Ok(());
        model.for_each_row(|key, row| {
            if res.is_ok() {
                res = w.add_row(key, row);
            }
        });
        res.map(|()| w)
    }

    /// An empty table sized for `n_features` features and about
    /// `n_entries` sparse weights.
    fn empty(
        labels: Vec<String>,
        n_features: usize,
        n_entries: usize,
    ) -> Result<Self, LinearError> {
        if labels.len() >= LAST as usize {
            return Err(LinearError::Format("too many classes".into()));
        }
        let size = (n_features * 3 / 2 + 1).next_power_of_two().max(16);
        // Advise before the first write: pages already touched stay small.
        let mut slots = Vec::with_capacity(size);
        advise_huge_pages(slots.spare_capacity_mut());
        slots.resize(size, Slot::default());
        let mut entries = Vec::with_capacity(n_entries);
        advise_huge_pages(entries.spare_capacity_mut());
        Ok(Compact {
            labels,
            mask: size - 1,
            slots,
            entries,
            dense: Vec::new(),
            n_features: 0,
        })
    }

    /// Stores one feature's `(class, weight)` pairs (classes already
    /// checked against the labels).
    fn add_row(&mut self, key: u64, row: &[(u16, f32)]) -> Result<(), LinearError> {
        let (n, n_classes) = (row.len(), self.labels.len());
        // The second condition bounds memory for odd files with many
        // classes: a dense row is never more than 8 times its pairs.
        if n >= DENSE_MIN && n * 8 >= n_classes {
            let start = (self.dense.len() / n_classes) as u32 | DENSE;
            let base = self.dense.len();
            self.dense.resize(base + n_classes, 0.0);
            for &(c, x) in row {
                self.dense[base + c as usize] += x;
            }
            self.insert(key, start)?;
        } else if n > 0 {
            let start = self.entries.len() as u32;
            for (k, &(c, x)) in row.iter().enumerate() {
                let class = if k + 1 == n { c | LAST } else { c };
                self.entries.push(Entry { class, weight: x });
            }
            self.insert(key, start)?;
        }
        Ok(())
    }

    /// The best-scoring class (lowest id on ties); `None` without classes.
    /// `scratch` and `found` are reusable buffers.
    pub fn predict(
        &self,
        features: &[u64],
        scratch: &mut Vec<f32>,
        found: &mut Vec<u32>,
    ) -> Option<usize> {
        self.scores(features, scratch, found);
        crate::argmax(scratch)
    }

    fn insert(&mut self, key: u64, start: u32) -> Result<(), LinearError> {
        if self.n_features >= self.slots.len() - 1 {
            return Err(LinearError::Format("more features than announced".into()));
        }
        let fp = fingerprint(key);
        let mut i = key as usize & self.mask;
        loop {
            let s = &mut self.slots[i];
            if s.fp == 0 || s.fp == fp {
                if s.fp == 0 {
                    self.n_features += 1;
                }
                *s = Slot { fp, start };
                return Ok(());
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Class names.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Number of features.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Number of weights (dense rows count every class).
    pub fn n_weights(&self) -> usize {
        self.entries.len() + self.dense.len()
    }

    /// Scores every class: `out` is resized and overwritten; `found` is a
    /// reusable buffer. Unknown features contribute nothing.
    ///
    /// Three passes so that cache misses overlap: prefetch every slot, then
    /// find the slots and prefetch their weights, then add the weights.
    pub fn scores(&self, features: &[u64], out: &mut Vec<f32>, found: &mut Vec<u32>) {
        out.clear();
        out.resize(self.labels.len(), 0.0);
        found.clear();
        // `Compact::default()` has no table at all.
        if self.slots.is_empty() {
            return;
        }
        for &f in features {
            prefetch(&self.slots[f as usize & self.mask]);
        }
        for &f in features {
            let fp = fingerprint(f);
            let mut i = f as usize & self.mask;
            loop {
                let s = self.slots[i];
                if s.fp == fp {
                    if s.start & DENSE != 0 {
                        // A dense row spans several cache lines; fetch all.
                        let i = (s.start & !DENSE) as usize * out.len();
                        let row = self.dense.get(i..i + out.len()).unwrap_or(&[]);
                        for e in row.iter().step_by(16) {
                            prefetch(e);
                        }
                    } else if let Some(e) = self.entries.get(s.start as usize) {
                        prefetch(e);
                    }
                    found.push(s.start);
                    break;
                }
                if s.fp == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        let n = out.len();
        for &a in found.iter() {
            if a & DENSE != 0 {
                let i = (a & !DENSE) as usize * n;
                if let Some(row) = self.dense.get(i..i + n) {
                    for (o, w) in out.iter_mut().zip(row) {
                        *o += *w;
                    }
                }
                continue;
            }
            for en in self.entries.get(a as usize..).unwrap_or(&[]) {
                if let Some(o) = out.get_mut((en.class & !LAST) as usize) {
                    *o += en.weight;
                }
                if en.class & LAST != 0 {
                    break;
                }
            }
        }
    }
}

#[inline(always)]
fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: prefetching is a hint with no memory effects; the pointer
        // comes from a reference and SSE is part of the x86_64 baseline.
        #[allow(unused_unsafe)]
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(p as *const T as *const i8)
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Asks Linux to back a large table with 2 MB pages: lookups are random, so
/// with 4 kB pages nearly every one also misses the TLB.
fn advise_huge_pages<T>(v: &[T]) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = v.as_ptr() as usize;
        let end = start + std::mem::size_of_val(v);
        let a = start.div_ceil(HUGE) * HUGE;
        if end > a + HUGE {
            let len = (end - a) / HUGE * HUGE;
            // SAFETY: the range lies inside `v`'s allocation, which outlives
            // the call; MADV_HUGEPAGE changes how pages are backed, never
            // their contents. Failure (THP disabled) is harmless.
            unsafe {
                libc::madvise(a as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = v;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_match_the_model() {
        let labels: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
        let rows = vec![
            (11u64, vec![(3u16, 1.5f32)]),
            (12, vec![(0, -2.0), (19, 0.25)]),
            (13, vec![(1, 1.0), (2, 2.0), (5, -3.0)]),
            (14, (0..20).map(|c| (c, c as f32 * 0.5 - 1.0)).collect()),
        ];
        let model = Model::from_rows(labels, String::new(), rows);
        let compact = Compact::from_model(&model).unwrap();
        assert_eq!(compact.n_features(), 4);
        let feats = [14u64, 99, 11, 13, 12, 11];
        let (mut a, mut b, mut found) = (Vec::new(), Vec::new(), Vec::new());
        model.scores(&feats, &mut a);
        compact.scores(&feats, &mut b, &mut found);
        assert_eq!(a, b);
        assert_eq!(
            compact.predict(&feats, &mut b, &mut found),
            model.predict(&feats, &mut a)
        );
    }

    #[test]
    fn an_empty_layout_scores_nothing() {
        let (mut out, mut found) = (vec![1.0], Vec::new());
        Compact::default().scores(&[1, 2, 3], &mut out, &mut found);
        assert!(out.is_empty());
    }

    #[test]
    fn bad_bytes_are_errors() {
        assert!(Compact::from_model_bytes(b"").is_err());
        assert!(Compact::from_model_bytes(b"ANLM\x01\0\0\0\xff\xff\xff\xff").is_err());
    }
}
