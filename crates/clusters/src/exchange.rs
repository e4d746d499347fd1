//! The predictive exchange algorithm over a class-bigram model
//! P(w_i | w_{i-1}) = P(c(w_i) | w_{i-1}) · P(w_i | c(w_i)).
//!
//! Up to constants, the log-likelihood is
//! Σ_{w,c} N(w,c) log N(w,c) − Σ_c N(c) log N(c), where N(w,c) counts
//! bigrams whose first word is `w` and whose second word is in class `c`.
//! Moving a word `v` only changes the rows N(w,·) of `v`'s predecessors,
//! so one pass costs O(distinct bigrams × classes).

use crate::{Clusters, Corpus};
use std::collections::HashMap;

/// Settings for learning clusters.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Number of coarse classes.
    pub coarse: usize,
    /// Number of fine classes.
    pub fine: usize,
    /// Words seen fewer times are not clustered.
    pub min_count: u64,
    /// At most this many (most frequent) words are clustered.
    pub max_words: usize,
    /// Exchange passes per granularity.
    pub passes: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            coarse: 64,
            fine: 512,
            min_count: 3,
            max_words: 60_000,
            passes: 6,
        }
    }
}

/// What clustering reports as it goes.
#[derive(Debug, Clone)]
pub enum Progress {
    /// A pass finished.
    Pass {
        /// `coarse` or `fine`.
        level: &'static str,
        /// 1-based pass.
        pass: usize,
        /// Words that changed class in the pass.
        moved: usize,
        /// Log-likelihood (up to constants) after the pass.
        objective: f64,
    },
}

/// x·ln x, with a table for the small counts that dominate.
struct XLogX {
    table: Vec<f64>,
}

impl XLogX {
    fn new(n: usize) -> Self {
        XLogX {
            table: (0..n)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        }
    }
    #[inline]
    fn get(&self, x: u64) -> f64 {
        match self.table.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Learns coarse and fine clusters over the corpus; returns the clusters
/// and the cluster file text (words by decreasing frequency).
pub fn train(
    corpus: &Corpus,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> (Clusters, String) {
    // Vocabulary: frequent words (ties broken by the word, so the result is
    // reproducible); everything else maps to one "rare" word that takes part
    // in the counts but is not written out.
    let mut counts = vec![0u64; corpus.words.len()];
    for &id in &corpus.ids {
        counts[id as usize] += 1;
    }
    let mut order: Vec<u32> = (1..corpus.words.len() as u32)
        .filter(|&i| counts[i as usize] >= opts.min_count)
        .collect();
    order.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then(corpus.words[a as usize].cmp(&corpus.words[b as usize]))
    });
    order.truncate(opts.max_words);
    let v = order.len() + 2; // + boundary + rare
    let (boundary, rare) = (order.len() as u32, order.len() as u32 + 1);
    let mut remap = vec![rare; corpus.words.len()];
    remap[0] = boundary;
    for (new, &old) in order.iter().enumerate() {
        remap[old as usize] = new as u32;
    }
    // Predecessor lists: for each word, (previous word, count).
    let mut bigrams: HashMap<(u32, u32), u64> = HashMap::new();
    let mut prev = boundary;
    for &id in &corpus.ids {
        let cur = remap[id as usize];
        if cur != boundary {
            *bigrams.entry((prev, cur)).or_default() += 1;
        }
        prev = cur;
    }
    let mut pairs: Vec<((u32, u32), u64)> = bigrams.into_iter().collect();
    pairs.sort_unstable_by_key(|&((a, b), _)| (b, a));
    let mut pred_start = vec![0usize; v + 1];
    for &((_, b), _) in &pairs {
        pred_start[b as usize + 1] += 1;
    }
    for i in 0..v {
        pred_start[i + 1] += pred_start[i];
    }
    let preds: Vec<(u32, u64)> = pairs.iter().map(|&((a, _), n)| (a, n)).collect();
    let mut succ_count = vec![0u64; v];
    for &((_, b), n) in &pairs {
        succ_count[b as usize] += n;
    }
    drop(pairs);

    let xlx = XLogX::new(1 << 16);
    let coarse = exchange(
        v,
        &pred_start,
        &preds,
        &succ_count,
        opts.coarse,
        opts.passes,
        &xlx,
        "coarse",
        progress,
    );
    let fine = exchange(
        v,
        &pred_start,
        &preds,
        &succ_count,
        opts.fine,
        opts.passes,
        &xlx,
        "fine",
        progress,
    );
    let mut tsv = String::new();
    for (new, &old) in order.iter().enumerate() {
        let w = &corpus.words[old as usize];
        if w.contains(['\t', '\n', '\r']) {
            continue;
        }
        tsv.push_str(&format!("{w}\t{}\t{}\n", coarse[new], fine[new]));
    }
    let clusters = Clusters::from_tsv(&tsv).unwrap_or_default();
    (clusters, tsv)
}

#[allow(clippy::too_many_arguments)]
fn exchange(
    v: usize,
    pred_start: &[usize],
    preds: &[(u32, u64)],
    succ_count: &[u64],
    k: usize,
    passes: usize,
    xlx: &XLogX,
    level: &'static str,
    progress: &mut dyn FnMut(Progress),
) -> Vec<u16> {
    let k = k.clamp(2, u16::MAX as usize);
    // Initial classes: round-robin over words by frequency, so frequent
    // words start spread out.
    let mut class: Vec<u16> = (0..v).map(|i| (i % k) as u16).collect();
    let mut n_wc = vec![0u64; v * k];
    let mut n_c = vec![0u64; k];
    for b in 0..v {
        let c = class[b] as usize;
        n_c[c] += succ_count[b];
        for &(a, n) in &preds[pred_start[b]..pred_start[b + 1]] {
            n_wc[a as usize * k + c] += n;
        }
    }
    let mut delta = vec![0f64; k];
    for pass in 1..=passes {
        let mut moved = 0;
        // The boundary and rare words (the last two) stay where they are.
        for w in 0..v.saturating_sub(2) {
            let ps = &preds[pred_start[w]..pred_start[w + 1]];
            if ps.is_empty() {
                continue;
            }
            let old = class[w] as usize;
            let nv = succ_count[w];
            for &(a, n) in ps {
                n_wc[a as usize * k + old] -= n;
            }
            n_c[old] -= nv;
            for (c, d) in delta.iter_mut().enumerate() {
                *d = xlx.get(n_c[c]) - xlx.get(n_c[c] + nv);
            }
            for &(a, n) in ps {
                let row = &n_wc[a as usize * k..a as usize * k + k];
                for (d, &x) in delta.iter_mut().zip(row) {
                    *d += xlx.get(x + n) - xlx.get(x);
                }
            }
            let mut best = old;
            for c in 0..k {
                if delta[c] > delta[best] + 1e-9 {
                    best = c;
                }
            }
            for &(a, n) in ps {
                n_wc[a as usize * k + best] += n;
            }
            n_c[best] += nv;
            if best != old {
                class[w] = best as u16;
                moved += 1;
            }
        }
        let objective: f64 = n_wc.iter().map(|&x| xlx.get(x)).sum::<f64>()
            - n_c.iter().map(|&x| xlx.get(x)).sum::<f64>();
        progress(Progress::Pass {
            level,
            pass,
            moved,
            objective,
        });
        if moved == 0 {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_obvious_classes() {
        // "the X ran" / "a Y sat": nouns follow determiners, verbs follow nouns.
        let mut words = vec!["<doc>".to_string()];
        for w in ["the", "a", "dog", "cat", "cow", "ran", "sat", "ate"] {
            words.push(w.into());
        }
        let mut ids = Vec::new();
        for i in 0..300u32 {
            ids.push(0);
            ids.push(1 + i % 2);
            ids.push(3 + i % 3);
            ids.push(6 + (i / 3) % 3);
        }
        let corpus = Corpus { words, ids };
        let opts = TrainOptions {
            coarse: 3,
            fine: 4,
            min_count: 1,
            max_words: 100,
            passes: 10,
        };
        let (c, tsv) = train(&corpus, &opts, &mut |_| {});
        assert_eq!(tsv.lines().count(), 8);
        let cl = |w: &str| c.get(w).unwrap().0;
        assert_eq!(cl("dog"), cl("cat"));
        assert_eq!(cl("cat"), cl("cow"));
        assert_eq!(cl("ran"), cl("sat"));
        assert_ne!(cl("dog"), cl("ran"));
        assert_ne!(cl("the"), cl("dog"));
    }
}
