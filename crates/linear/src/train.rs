//! Training: the perceptron update with lazy weight averaging.

use crate::model::{FeatureMap, Model};

/// One weight of one class of one feature, with what averaging needs.
#[derive(Debug, Clone, Copy)]
struct Param {
    class: u16,
    weight: f32,
    /// Sum of the weight over all instances up to `stamp`.
    total: f64,
    /// Instance count at the last change of `weight`.
    stamp: u64,
}

/// Learns an averaged perceptron.
///
/// The caller drives the loop: for each training instance, [`Trainer::scores`]
/// (current weights), pick a prediction, [`Trainer::update`] with gold and
/// predicted class, then [`Trainer::tick`]. [`Trainer::average`] returns the
/// averaged model at any point without disturbing training, which is what
/// early stopping on a dev set needs.
#[derive(Debug, Clone)]
pub struct Trainer {
    labels: Vec<String>,
    index: FeatureMap<u32>,
    rows: Vec<Vec<Param>>,
    /// Number of instances seen (the averaging clock).
    clock: u64,
}

impl Trainer {
    /// A trainer with all weights zero over the given classes (at most 65,535).
    pub fn new(labels: Vec<String>) -> Self {
        Trainer {
            labels,
            index: FeatureMap::default(),
            rows: Vec::new(),
            clock: 0,
        }
    }

    /// Class names.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.labels.len()
    }

    /// Instances seen so far.
    pub fn clock(&self) -> u64 {
        self.clock
    }

    /// Scores every class with the current (not averaged) weights.
    pub fn scores(&self, features: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.labels.len(), 0.0);
        for f in features {
            if let Some(&r) = self.index.get(f) {
                for p in &self.rows[r as usize] {
                    out[p.class as usize] += p.weight;
                }
            }
        }
    }

    /// Best class under the current weights (lowest id on ties).
    pub fn predict(&self, features: &[u64], scratch: &mut Vec<f32>) -> usize {
        self.scores(features, scratch);
        crate::argmax(scratch).unwrap_or(0)
    }

    /// The perceptron update: when `predicted != gold`, adds 1 to the gold
    /// class's weight of every feature and subtracts 1 from the predicted
    /// class's.
    pub fn update(&mut self, features: &[u64], gold: usize, predicted: usize) {
        if gold == predicted {
            return;
        }
        for &f in features {
            self.update_feature(f, gold, 1.0);
            self.update_feature(f, predicted, -1.0);
        }
    }

    /// Adds `delta` to one weight (structured updates, cost-sensitive
    /// updates).
    pub fn update_feature(&mut self, feature: u64, class: usize, delta: f32) {
        if class >= self.labels.len() {
            return;
        }
        let next = self.rows.len() as u32;
        let r = *self.index.entry(feature).or_insert(next);
        if r == next {
            self.rows.push(Vec::new());
        }
        let row = &mut self.rows[r as usize];
        let class = class as u16;
        let i = match row.iter().position(|p| p.class == class) {
            Some(i) => i,
            None => {
                row.push(Param {
                    class,
                    weight: 0.0,
                    total: 0.0,
                    stamp: self.clock,
                });
                row.len() - 1
            }
        };
        let p = &mut row[i];
        p.total += (self.clock - p.stamp) as f64 * p.weight as f64;
        p.stamp = self.clock;
        p.weight += delta;
    }

    /// Marks the end of one training instance (advances the averaging
    /// clock).
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// The averaged model, keeping only weights with `|w| >= min_abs`
    /// (0.0 keeps every non-zero weight). `meta` is saved with the model.
    pub fn average(&self, min_abs: f32, meta: &str) -> Model {
        let clock = self.clock.max(1) as f64;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable_by_key(|&(k, _)| k);
        let mut rows = Vec::with_capacity(keys.len());
        for (k, r) in keys {
            let mut out: Vec<(u16, f32)> = self.rows[r as usize]
                .iter()
                .filter_map(|p| {
                    let total = p.total + (self.clock - p.stamp) as f64 * p.weight as f64;
                    let avg = (total / clock) as f32;
                    (avg != 0.0 && avg.abs() >= min_abs).then_some((p.class, avg))
                })
                .collect();
            out.sort_unstable_by_key(|&(c, _)| c);
            if !out.is_empty() {
                rows.push((k, out));
            }
        }
        Model::from_rows(self.labels.clone(), meta.to_string(), rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{hash, Rng};

    /// Learns "word ends in -ing → VERB, else NOUN" from a handful of words.
    #[test]
    fn learns_and_round_trips() {
        let data = [
            ("running", 0),
            ("eating", 0),
            ("singing", 0),
            ("table", 1),
            ("house", 1),
            ("window", 1),
            ("walking", 0),
        ];
        let feats = |w: &str| {
            vec![
                hash::feature(0, hash::suffix(w, 3)),
                hash::feature(1, hash::str(w)),
                hash::feature(2, 0),
            ]
        };
        let mut t = Trainer::new(vec!["VERB".into(), "NOUN".into()]);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(7);
        let mut scratch = Vec::new();
        for _ in 0..10 {
            rng.shuffle(&mut order);
            for &i in &order {
                let (w, gold) = data[i];
                let f = feats(w);
                let p = t.predict(&f, &mut scratch);
                t.update(&f, gold, p);
                t.tick();
            }
        }
        let m = t.average(0.0, "test");
        for (w, gold) in data {
            assert_eq!(m.predict(&feats(w), &mut scratch), Some(gold), "{w}");
        }
        assert_eq!(m.predict(&feats("jumping"), &mut scratch), Some(0));
        let mut bytes = Vec::new();
        m.save(&mut bytes).unwrap();
        let m2 = Model::from_bytes(&bytes).unwrap();
        assert_eq!(m2.meta(), "test");
        assert_eq!(m2.labels(), m.labels());
        let (mut a, mut b) = (Vec::new(), Vec::new());
        m.scores(&feats("king"), &mut a);
        m2.scores(&feats("king"), &mut b);
        assert_eq!(a, b);
        // Saving is reproducible byte for byte.
        let mut again = Vec::new();
        m2.save(&mut again).unwrap();
        assert_eq!(bytes, again);
    }

    #[test]
    fn bad_bytes_are_errors() {
        assert!(Model::from_bytes(b"").is_err());
        assert!(Model::from_bytes(b"ANLM\x01\0\0\0\xff\xff\xff\xff").is_err());
        let m = Trainer::new(vec!["A".into()]).average(0.0, "");
        let mut bytes = Vec::new();
        m.save(&mut bytes).unwrap();
        for cut in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..cut]).is_err());
        }
        assert!(Model::from_bytes(&bytes).is_ok());
    }
}
