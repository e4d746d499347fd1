//! The frozen model: averaged weights, sparse per feature, and its file
//! format.

use crate::LinearError;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

const MAGIC: &[u8; 4] = b"ANLM";
const VERSION: u32 = 1;

/// Features are already well-mixed 64-bit hashes, so the map uses them as
/// they are instead of hashing them again.
#[derive(Default, Clone, Copy, Debug)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A map keyed by 64-bit hashes that uses the key itself as the hash (keys
/// must already be well mixed, as every [`crate::hash`] value is).
pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// An averaged multi-class linear model over hashed binary features.
///
/// Weights are stored sparsely: each feature maps to a run of
/// `(class, weight)` pairs holding only its non-zero weights, which keeps
/// models with many classes (joint POS tags, BILOU labels, parser
/// transitions) small and scoring proportional to the weights touched.
#[derive(Debug, Clone, Default)]
pub struct Model {
    labels: Vec<String>,
    meta: String,
    /// Feature → its weights: `(start, end)` into `entries`, or, for a
    /// feature with a single weight (most of them), `(INLINE | class,
    /// weight bits)` so that scoring it costs one memory access.
    index: FeatureMap<(u32, u32)>,
    /// `(class, weight)` pairs of all other features, row after row.
    entries: Vec<(u16, f32)>,
}

const INLINE: u32 = 1 << 31;

/// Where a row goes: inline in the index when it has one weight.
fn slot(entries: &mut Vec<(u16, f32)>, row: &[(u16, f32)]) -> (u32, u32) {
    match row {
        [(c, w)] => (INLINE | *c as u32, w.to_bits()),
        _ => {
            let start = entries.len() as u32;
            entries.extend_from_slice(row);
            (start, entries.len() as u32)
        }
    }
}

impl Model {
    pub(crate) fn from_rows(
        labels: Vec<String>,
        meta: String,
        rows: Vec<(u64, Vec<(u16, f32)>)>,
    ) -> Self {
        let mut index = FeatureMap::default();
        index.reserve(rows.len());
        let mut entries = Vec::new();
        for (key, row) in rows {
            if row.is_empty() {
                continue;
            }
            index.insert(key, slot(&mut entries, &row));
        }
        Model {
            labels,
            meta,
            index,
            entries,
        }
    }

    /// Class names, indexed by class id.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.labels.len()
    }

    /// Class id of a label name.
    pub fn class_of(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }

    /// Free-form metadata saved with the model (the owning stage's settings).
    pub fn meta(&self) -> &str {
        &self.meta
    }

    /// Number of features with at least one weight.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Number of stored (non-zero) weights.
    pub fn n_weights(&self) -> usize {
        self.entries.len() + self.index.values().filter(|v| v.0 & INLINE != 0).count()
    }

    /// The `(class, weight)` pairs of an index slot.
    fn row(&self, (a, b): (u32, u32)) -> Vec<(u16, f32)> {
        if a & INLINE != 0 {
            vec![((a & !INLINE) as u16, f32::from_bits(b))]
        } else {
            self.entries
                .get(a as usize..b as usize)
                .unwrap_or(&[])
                .to_vec()
        }
    }

    /// A copy without the weights smaller than `min_abs` (and without the
    /// features left empty), to trade a little accuracy for size and speed.
    pub fn pruned(&self, min_abs: f32) -> Model {
        let mut keys: Vec<(u64, (u32, u32))> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable_by_key(|&(k, _)| k);
        let rows = keys
            .into_iter()
            .map(|(k, v)| {
                let mut row = self.row(v);
                row.retain(|&(_, w)| w.abs() >= min_abs);
                (k, row)
            })
            .collect();
        Model::from_rows(self.labels.clone(), self.meta.clone(), rows)
    }

    /// The mean of several models over the same labels (parameter
    /// averaging of runs with different seeds); `None` when the list is
    /// empty or the labels differ.
    pub fn mean(models: &[&Model]) -> Option<Model> {
        let first = models.first()?;
        if models.iter().any(|m| m.labels != first.labels) {
            return None;
        }
        let mut sums: std::collections::BTreeMap<u64, std::collections::BTreeMap<u16, f32>> =
            Default::default();
        for m in models {
            for (&k, &v) in &m.index {
                let row = sums.entry(k).or_default();
                for (c, w) in m.row(v) {
                    *row.entry(c).or_default() += w;
                }
            }
        }
        let n = models.len() as f32;
        let rows = sums
            .into_iter()
            .map(|(k, row)| {
                (
                    k,
                    row.into_iter()
                        .map(|(c, w)| (c, w / n))
                        .filter(|&(_, w)| w != 0.0)
                        .collect(),
                )
            })
            .collect();
        Some(Model::from_rows(
            first.labels.clone(),
            first.meta.clone(),
            rows,
        ))
    }

    /// Scores every class for `features`: `out` is resized to the number of
    /// classes and overwritten. Unknown features contribute nothing.
    pub fn scores(&self, features: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.labels.len(), 0.0);
        for &f in features {
            self.add(f, 1.0, out);
        }
    }

    /// Adds `value` times the weights of one feature to `out` (for
    /// real-valued features or incremental scoring).
    #[inline]
    pub fn add(&self, feature: u64, value: f32, out: &mut [f32]) {
        if let Some(&(start, end)) = self.index.get(&feature) {
            if start & INLINE != 0 {
                if let Some(o) = out.get_mut((start & !INLINE) as usize) {
                    *o += f32::from_bits(end) * value;
                }
                return;
            }
            for &(c, w) in self
                .entries
                .get(start as usize..end as usize)
                .unwrap_or(&[])
            {
                if let Some(o) = out.get_mut(c as usize) {
                    *o += w * value;
                }
            }
        }
    }

    /// The best-scoring class (lowest id on ties); `None` without classes.
    pub fn predict(&self, features: &[u64], scratch: &mut Vec<f32>) -> Option<usize> {
        self.scores(features, scratch);
        argmax(scratch)
    }

    /// Writes the model in the compact binary format: a header, the labels,
    /// the metadata, then each feature (sorted, so files are reproducible)
    /// with its non-zero `(class, weight)` pairs.
    pub fn save(&self, mut w: impl Write) -> Result<(), LinearError> {
        w.write_all(MAGIC)?;
        w.write_all(&VERSION.to_le_bytes())?;
        w.write_all(&(self.labels.len() as u32).to_le_bytes())?;
        for l in &self.labels {
            write_str(&mut w, l)?;
        }
        write_str(&mut w, &self.meta)?;
        w.write_all(&(self.index.len() as u32).to_le_bytes())?;
        let mut buf = Vec::with_capacity(self.index.len() * 16);
        self.for_each_row(|k, row| {
            buf.extend_from_slice(&k.to_le_bytes());
            buf.extend_from_slice(&(row.len() as u16).to_le_bytes());
            for &(c, w) in row {
                buf.extend_from_slice(&c.to_le_bytes());
                buf.extend_from_slice(&w.to_le_bytes());
            }
        });
        w.write_all(&buf)?;
        w.flush()?;
        Ok(())
    }

    /// Reads a model written by [`Model::save`].
    pub fn load(mut r: impl Read) -> Result<Self, LinearError> {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes)?;
        Self::from_bytes(&bytes)
    }

    /// Reads a model from bytes (e.g. `include_bytes!`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, LinearError> {
        let file = ModelFile::read(bytes)?;
        let mut index = FeatureMap::default();
        index.reserve(file.n_features_hint());
        let mut entries = Vec::with_capacity(file.remaining() / 8);
        let (labels, meta) = (file.labels.clone(), file.meta.clone());
        file.rows(|key, row| {
            if !row.is_empty() {
                index.insert(key, slot(&mut entries, row));
            }
            Ok(())
        })?;
        Ok(Model {
            labels,
            meta,
            index,
            entries,
        })
    }

    /// Calls `f` with every feature and its non-zero `(class, weight)`
    /// pairs, in feature order (what [`Model::save`] writes).
    pub fn for_each_row(&self, mut f: impl FnMut(u64, &[(u16, f32)])) {
        let mut keys: Vec<(u64, (u32, u32))> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable_by_key(|&(k, _)| k);
        for (k, v) in keys {
            f(k, &self.row(v));
        }
    }
}

/// A model file read up to its features: the one reader of the format,
/// shared by [`Model`] and [`crate::Compact`].
pub(crate) struct ModelFile<'a> {
    pub(crate) labels: Vec<String>,
    pub(crate) meta: String,
    n_features: usize,
    cursor: Cursor<'a>,
}

impl<'a> ModelFile<'a> {
    /// Checks the header and reads labels and metadata.
    pub(crate) fn read(bytes: &'a [u8]) -> Result<Self, LinearError> {
        let mut c = Cursor::new(bytes);
        if c.take(4)? != MAGIC {
            return Err(LinearError::Format("not an Annalist linear model".into()));
        }
        let version = c.u32()?;
        if version != VERSION {
            return Err(LinearError::Format(format!(
                "unsupported version {version}"
            )));
        }
        let n_labels = c.u32()? as usize;
        if n_labels > u16::MAX as usize {
            return Err(LinearError::Format("too many labels".into()));
        }
        let mut labels = Vec::with_capacity(n_labels.min(c.remaining() / 4));
        for _ in 0..n_labels {
            labels.push(c.str()?);
        }
        let meta = c.str()?;
        let n_features = c.u32()? as usize;
        Ok(ModelFile {
            labels,
            meta,
            n_features,
            cursor: c,
        })
    }

    /// The announced feature count, bounded by what the bytes can hold
    /// (each feature takes at least 10), so a lying count cannot make a
    /// reader reserve absurd memory.
    pub(crate) fn n_features_hint(&self) -> usize {
        self.n_features.min(self.cursor.remaining() / 10)
    }

    /// Bytes left for the features.
    pub(crate) fn remaining(&self) -> usize {
        self.cursor.remaining()
    }

    /// Reads every feature row, checking classes and that nothing trails.
    pub(crate) fn rows(
        mut self,
        mut f: impl FnMut(u64, &[(u16, f32)]) -> Result<(), LinearError>,
    ) -> Result<(), LinearError> {
        let n_labels = self.labels.len();
        let c = &mut self.cursor;
        let mut row = Vec::new();
        for _ in 0..self.n_features {
            let key = c.u64()?;
            let n = c.u16()? as usize;
            row.clear();
            for _ in 0..n {
                let class = c.u16()?;
                if class as usize >= n_labels {
                    return Err(LinearError::Format(format!("class {class} out of range")));
                }
                row.push((class, f32::from_le_bytes(c.array()?)));
            }
            f(key, &row)?;
        }
        if c.remaining() != 0 {
            return Err(LinearError::Format("trailing bytes".into()));
        }
        Ok(())
    }
}

/// Index of the largest value (first on ties); `None` when empty.
pub fn argmax(scores: &[f32]) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

fn write_str(w: &mut impl Write, s: &str) -> std::io::Result<()> {
    w.write_all(&(s.len() as u32).to_le_bytes())?;
    w.write_all(s.as_bytes())
}

/// Reads the little-endian model format; every read is bounds-checked.
pub(crate) struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Self {
        Cursor { b, pos: 0 }
    }
    pub(crate) fn remaining(&self) -> usize {
        self.b.len() - self.pos
    }
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], LinearError> {
        if self.remaining() < n {
            return Err(LinearError::Format("truncated".into()));
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N], LinearError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    pub(crate) fn u16(&mut self) -> Result<u16, LinearError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    pub(crate) fn u32(&mut self) -> Result<u32, LinearError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, LinearError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub(crate) fn str(&mut self) -> Result<String, LinearError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| LinearError::Format("label is not UTF-8".into()))
    }
}
