//! The trained parser: a transition classifier and the greedy decoder.

use crate::features::{extract, Input};
use crate::system::{Move, State, NONE};
use crate::ParseError;
use annalist_linear::{Compact, Model};
use std::borrow::Cow;

/// A parse of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parse {
    /// Head of each word (0-based index within the sentence); `None` for
    /// the root word.
    pub heads: Vec<Option<usize>>,
    /// Relation of each word to its head (`root` for the root).
    pub labels: Vec<String>,
}

/// A greedy arc-eager parser over an averaged-perceptron transition model.
#[derive(Debug, Clone)]
pub struct Parser {
    weights: Compact,
    /// The model file, kept for saving.
    bytes: Cow<'static, [u8]>,
    labels: Vec<String>,
    root: u16,
}

/// Classifier class names: `SHIFT`, `REDUCE`, `L:<rel>`…, `R:<rel>`….
pub(crate) fn class_names(labels: &[String]) -> Vec<String> {
    let mut out = vec!["SHIFT".to_string(), "REDUCE".to_string()];
    out.extend(labels.iter().map(|l| format!("L:{l}")));
    out.extend(labels.iter().map(|l| format!("R:{l}")));
    out
}

impl Parser {
    /// Wraps a transition model whose classes follow [`class_names`].
    pub fn from_model(model: Model) -> Result<Self, ParseError> {
        let mut bytes = Vec::new();
        model.save(&mut bytes)?;
        Self::from_bytes(Cow::Owned(bytes))
    }

    /// Reads a model file (validated in full; never panics on bad bytes).
    pub fn from_bytes(bytes: Cow<'static, [u8]>) -> Result<Self, ParseError> {
        let weights = Compact::from_model_bytes(&bytes)?;
        let names = weights.labels();
        if names.len() < 4 || names.len() % 2 != 0 || names[0] != "SHIFT" || names[1] != "REDUCE" {
            return Err(ParseError::Model("not a parser transition model".into()));
        }
        let n = (names.len() - 2) / 2;
        let mut labels = Vec::with_capacity(n);
        for k in 0..n {
            let (Some(l), Some(r)) = (
                names[2 + k].strip_prefix("L:"),
                names[2 + n + k].strip_prefix("R:"),
            ) else {
                return Err(ParseError::Model("bad transition class names".into()));
            };
            if l != r {
                return Err(ParseError::Model("left and right labels differ".into()));
            }
            labels.push(l.to_string());
        }
        let root = labels
            .iter()
            .position(|l| l == "root")
            .ok_or_else(|| ParseError::Model("model has no root label".into()))?
            as u16;
        Ok(Parser {
            weights,
            bytes,
            labels,
            root,
        })
    }

    /// The model file's bytes (what [`Parser::save`] writes).
    pub fn model_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Number of features with a weight.
    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    /// Number of stored weights.
    pub fn n_weights(&self) -> usize {
        self.weights.n_weights()
    }

    /// Dependency labels, by id.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Parses one sentence. Never fails: every configuration has a valid
    /// move, and the result is a tree with exactly one root.
    pub fn parse(&self, input: &Input) -> Parse {
        let mut feats = Vec::with_capacity(96);
        let mut scores = Vec::with_capacity(self.weights.labels().len());
        let mut found = Vec::with_capacity(128);
        let st = self.run(input, &mut feats, &mut scores, &mut found);
        finish(&st, &self.labels)
    }

    fn run(
        &self,
        input: &Input,
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
        found: &mut Vec<u32>,
    ) -> State {
        let n = input.len();
        let nl = self.labels.len();
        let mut st = State::new(n);
        // Each word is pushed once and popped once: 2n + 1 moves at most.
        for _ in 0..(2 * n + 2) {
            if st.is_terminal() {
                break;
            }
            if let Some(m) = st.forced(self.root) {
                st.apply(m);
                continue;
            }
            extract(input, &st, feats);
            self.weights.scores(feats, scores, found);
            let mut best: Option<(Move, f32)> = None;
            for (c, &s) in scores.iter().enumerate() {
                let m = Move::from_class(c, nl);
                if best.is_none_or(|(_, b)| s > b) && st.valid(m, self.root) {
                    best = Some((m, s));
                }
            }
            match best {
                Some((m, _)) => st.apply(m),
                None => break,
            }
        }
        st
    }
}

/// Turns a final configuration into a single-rooted tree: words left
/// without a head (possible only if the loop was cut short) and extra roots
/// attach to the main root.
fn finish(st: &State, labels: &[String]) -> Parse {
    let n = st.n;
    let mut heads: Vec<Option<usize>> = (0..n)
        .map(|i| {
            let h = st.heads[i];
            (h != NONE && (h as usize) < n).then_some(h as usize)
        })
        .collect();
    let mut out_labels: Vec<String> = (0..n)
        .map(|i| {
            labels
                .get(st.labels[i] as usize)
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    let roots: Vec<usize> = (0..n).filter(|&i| heads[i].is_none()).collect();
    if roots.len() > 1 {
        let sizes = subtree_sizes(&heads);
        // The largest tree attached to the root by the classifier is the main
        // clause; the rest become its dependents.
        let main = roots
            .iter()
            .copied()
            .filter(|&i| st.heads[i] != NONE)
            .max_by_key(|&i| (sizes[i], std::cmp::Reverse(i)))
            .unwrap_or(roots[0]);
        for &r in &roots {
            if r != main {
                heads[r] = Some(main);
                out_labels[r] = if st.heads[r] == NONE {
                    "dep".into()
                } else {
                    "parataxis".into()
                };
            }
        }
        out_labels[main] = "root".into();
    } else if let Some(&r) = roots.first() {
        out_labels[r] = "root".into();
    }
    Parse {
        heads,
        labels: out_labels,
    }
}

/// Size of every subtree of a forest, by walking up from each word.
fn subtree_sizes(heads: &[Option<usize>]) -> Vec<usize> {
    let mut sizes = vec![0; heads.len()];
    for k in 0..heads.len() {
        let mut cur = Some(k);
        // A forest has no cycles; the bound only guards against bugs.
        for _ in 0..=heads.len() {
            let Some(c) = cur else { break };
            sizes[c] += 1;
            cur = heads[c];
        }
    }
    sizes
}
