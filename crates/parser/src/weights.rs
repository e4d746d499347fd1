//! The parser's inference layout of an `annalist-linear` model.
//!
//! Scoring a transition touches ~100 features in a table of over a million,
//! so parsing speed is set by cache misses. Here each feature is one 16-byte
//! slot in an open-addressing table (key, start, length) and its weights sit
//! contiguously as `(class, weight)` pairs: two misses per feature instead
//! of the four of a general hash map with separate class and weight arrays.
//! All slots of a transition are prefetched before any is read, so the
//! misses overlap.

use crate::ParseError;

#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
struct Entry {
    class: u32,
    weight: f32,
}

/// Feature weights in the parser's table layout.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weights {
    n_classes: usize,
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    n_features: usize,
}

/// Key 0 marks an empty slot; a real feature hashing to 0 (odds 2^-64) is
/// stored under 1.
#[inline]
fn nonzero(k: u64) -> u64 {
    k.max(1)
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ParseError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or_else(|| ParseError::Model("truncated model".into()))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, ParseError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, ParseError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u64(&mut self) -> Result<u64, ParseError> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
}

impl Weights {
    /// Reads the `annalist-linear` model file format (version 1): header,
    /// labels, metadata, then each feature's `(class, weight)` pairs.
    pub(crate) fn from_model_bytes(b: &[u8]) -> Result<Self, ParseError> {
        let mut r = Reader { b, pos: 0 };
        if r.take(4)? != b"ANLM" || r.u32()? != 1 {
            return Err(ParseError::Model(
                "not an annalist-linear model (version 1)".into(),
            ));
        }
        let n_classes = r.u32()? as usize;
        for _ in 0..=n_classes {
            let n = r.u32()? as usize;
            r.take(n)?;
        }
        let n_feats = r.u32()? as usize;
        // Every feature takes at least 10 bytes: bound the allocation by what
        // the file can hold.
        let n_feats_cap = n_feats.min(b.len() / 10);
        let size = (n_feats_cap * 3 / 2 + 1).next_power_of_two().max(16);
        // Advise before the first write: pages already touched stay small.
        let mut slots = Vec::with_capacity(size);
        advise_huge_pages(slots.spare_capacity_mut());
        slots.resize(size, Slot::default());
        let mut entries = Vec::with_capacity(b.len().saturating_sub(r.pos) / 6);
        advise_huge_pages(entries.spare_capacity_mut());
        let mut w = Weights {
            n_classes,
            mask: size - 1,
            slots,
            entries,
            n_features: 0,
        };
        for _ in 0..n_feats {
            let key = nonzero(r.u64()?);
            let n = r.u16()? as usize;
            let start = w.entries.len() as u32;
            for _ in 0..n {
                let class = r.u16()? as u32;
                let weight = f32::from_bits(r.u32()?);
                if class as usize >= n_classes {
                    return Err(ParseError::Model(format!("class {class} out of range")));
                }
                w.entries.push(Entry { class, weight });
            }
            w.insert(key, start, n as u32)?;
        }
        Ok(w)
    }

    fn insert(&mut self, key: u64, start: u32, len: u32) -> Result<(), ParseError> {
        if self.n_features >= self.slots.len() - 1 {
            return Err(ParseError::Model("more features than announced".into()));
        }
        let mut i = key as usize & self.mask;
        loop {
            let s = &mut self.slots[i];
            if s.key == 0 || s.key == key {
                if s.key == 0 {
                    self.n_features += 1;
                }
                *s = Slot { key, start, len };
                return Ok(());
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Number of classes.
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features.
    pub(crate) fn n_features(&self) -> usize {
        self.n_features
    }

    /// Number of weights.
    pub(crate) fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Scores every class: `out` is resized and overwritten.
    ///
    /// Three passes so that cache misses overlap: prefetch every slot, then
    /// find the slots and prefetch their weights, then add the weights.
    pub(crate) fn scores(&self, features: &[u64], out: &mut Vec<f32>, found: &mut Vec<(u32, u32)>) {
        out.clear();
        out.resize(self.n_classes, 0.0);
        for &f in features {
            prefetch(&self.slots[nonzero(f) as usize & self.mask]);
        }
        found.clear();
        for &f in features {
            let key = nonzero(f);
            let mut i = key as usize & self.mask;
            loop {
                let s = self.slots[i];
                if s.key == key {
                    if let Some(e) = self.entries.get(s.start as usize) {
                        prefetch(e);
                    }
                    found.push((s.start, s.len));
                    break;
                }
                if s.key == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        for &(a, n) in found.iter() {
            let (a, e) = (a as usize, a as usize + n as usize);
            for en in self.entries.get(a..e).unwrap_or(&[]) {
                if let Some(o) = out.get_mut(en.class as usize) {
                    *o += en.weight;
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
