//! conlleval-compatible scoring: exact typed-span precision, recall and F1,
//! overall and per type.

use crate::conll::{chunks, Document};
use annalist_eval::Prf;
use std::collections::{BTreeMap, HashSet};

/// Counts overall and per type.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// All types together.
    pub overall: Prf,
    /// Per type, in type-name order.
    pub by_type: BTreeMap<String, Prf>,
}

impl Scores {
    /// Adds one sentence: gold and predicted tags (any scheme conlleval
    /// reads), compared chunk by chunk.
    pub fn add_sentence<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], predicted: &[T]) {
        let g = chunks(gold);
        let p = chunks(predicted);
        let gs: HashSet<_> = g.iter().collect();
        for c in &p {
            let hit = gs.contains(c) as u64 as f64;
            self.overall.add(hit, 1.0, 0.0);
            self.by_type
                .entry(c.kind.clone())
                .or_default()
                .add(hit, 1.0, 0.0);
        }
        for c in &g {
            self.overall.add(0.0, 0.0, 1.0);
            self.by_type
                .entry(c.kind.clone())
                .or_default()
                .add(0.0, 0.0, 1.0);
        }
    }
}

/// Scores gold documents against predicted tags (one tag list per
/// sentence, documents in the same order).
pub fn score(gold: &[Document], predicted: &[Vec<Vec<String>>]) -> Scores {
    let mut s = Scores::default();
    for (gd, pd) in gold.iter().zip(predicted) {
        for (gs, ps) in gd.sentences.iter().zip(pd) {
            s.add_sentence(&gs.tags, ps);
        }
    }
    s
}

/// Reads a conlleval input file (`word … gold predicted` per line, blank
/// lines between sentences) and scores it, as `conlleval.pl < file` would.
pub fn score_conlleval_file(text: &str) -> Scores {
    let mut s = Scores::default();
    let (mut gold, mut pred): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for line in text.lines().chain(std::iter::once("")) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 3 || cols[0] == "-DOCSTART-" {
            if !gold.is_empty() {
                s.add_sentence(&gold, &pred);
                gold.clear();
                pred.clear();
            }
            continue;
        }
        gold.push(cols[cols.len() - 2].to_string());
        pred.push(cols[cols.len() - 1].to_string());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-made prediction file; expected figures worked out by hand the
    /// way conlleval.pl counts: gold chunks 6 (`I-LOC B-LOC` is two), found
    /// 6 (`I-MISC I-ORG` is two), correct 2 (Rome, ANSA) → 33.33%.
    #[test]
    fn matches_conlleval_on_hand_made_file() {
        let file = "\
-DOCSTART- -X- O O

Rome NNP I-LOC I-LOC
talks NNS O O
with IN O O
Luigi NNP I-PER I-PER
Di NNP I-PER I-PER
Maio NNP I-PER O

The DT O O
European NNP I-ORG I-MISC
Union NNP I-ORG I-ORG
said VBD O O
Libya NNP I-LOC B-LOC
Egypt NNP B-LOC I-LOC
ANSA NNP I-ORG I-ORG
";
        let s = score_conlleval_file(file);
        assert_eq!(
            (s.overall.tp, s.overall.predicted, s.overall.gold),
            (2.0, 6.0, 6.0)
        );
        assert!((s.overall.f1() - 100.0 / 3.0).abs() < 1e-9);
        let loc = s.by_type["LOC"];
        // Gold LOC: Rome, Libya, Egypt (B- splits); predicted: Rome and
        // one chunk Libya–Egypt.
        assert_eq!((loc.tp, loc.predicted, loc.gold), (1.0, 2.0, 3.0));
        let org = s.by_type["ORG"];
        assert_eq!((org.tp, org.predicted, org.gold), (1.0, 2.0, 2.0));
        let per = s.by_type["PER"];
        assert_eq!((per.tp, per.predicted, per.gold), (0.0, 1.0, 1.0));
        assert_eq!(s.by_type["MISC"].gold, 0.0);
    }
}
