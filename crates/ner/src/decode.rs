//! Greedy constrained decoding of a document, shared by training and
//! inference. Each capitalised word sees the types already given to its
//! earlier mentions in the story (Ratinov & Roth's extended prediction
//! history). Their two-stage aggregation (a second pass seeing all other
//! mentions) was tried and gave no gain on CoNLL dev or test at twice the
//! cost, so it is not used.

use crate::features::{label_hash, History, Sentence};
use crate::labels::{self, allowed, can_end};
use annalist_linear::{Compact, Trainer};

/// Scores classes, and learns when training.
pub(crate) trait Scorer {
    fn scores(&mut self, feats: &[u64], out: &mut Vec<f32>);
    fn learn(&mut self, _feats: &[u64], _gold: usize, _predicted: usize) {}
}

/// The frozen model at inference, with its lookup buffer.
struct Frozen<'a> {
    model: &'a Compact,
    found: Vec<u32>,
}

impl Scorer for Frozen<'_> {
    fn scores(&mut self, feats: &[u64], out: &mut Vec<f32>) {
        self.model.scores(feats, out, &mut self.found);
    }
}

/// A trainer that updates on every token.
pub(crate) struct Learner<'a>(pub &'a mut Trainer);

impl Scorer for Learner<'_> {
    fn scores(&mut self, feats: &[u64], out: &mut Vec<f32>) {
        self.0.scores(feats, out);
    }
    fn learn(&mut self, feats: &[u64], gold: usize, predicted: usize) {
        self.0.update(feats, gold, predicted);
        self.0.tick();
    }
}

/// Best allowed class after `prev`; `last` forbids classes that cannot end
/// a sentence.
pub(crate) fn best_allowed(scores: &[f32], prev: Option<usize>, last: bool) -> usize {
    let mut best: Option<(usize, f32)> = None;
    for (c, &s) in scores.iter().enumerate() {
        if !allowed(prev, c) || (last && !can_end(c)) {
            continue;
        }
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    best.map_or(0, |(c, _)| c)
}

/// Perceptron scores are margins, not log-probabilities; this scale turns
/// them into usable confidences.
const TEMPERATURE: f32 = 8.0;

fn probability(scores: &[f32], prev: Option<usize>, chosen: usize) -> f32 {
    let max = scores[chosen];
    let mut z = 0.0f32;
    for (c, &s) in scores.iter().enumerate() {
        if allowed(prev, c) {
            z += ((s - max) / TEMPERATURE).exp();
        }
    }
    if z > 0.0 {
        1.0 / z
    } else {
        1.0
    }
}

/// Reusable buffers.
#[derive(Default)]
pub(crate) struct Scratch {
    feats: Vec<u64>,
    scores: Vec<f32>,
    history: History,
}

/// One greedy pass over a document, learning from `gold` when given.
fn pass(
    sents: &[Sentence],
    scorer: &mut dyn Scorer,
    gold: Option<&[Vec<usize>]>,
    s: &mut Scratch,
) -> Vec<Vec<(usize, f32)>> {
    s.history.clear();
    let mut out = Vec::with_capacity(sents.len());
    for (si, sent) in sents.iter().enumerate() {
        let mut row = Vec::with_capacity(sent.len());
        let (mut prev, mut prev2): (Option<usize>, Option<usize>) = (None, None);
        for i in 0..sent.len() {
            let tok = sent.tok(i);
            let inside =
                prev.is_some_and(|p| matches!(labels::split(p).0, labels::Pos::B | labels::Pos::I));
            if tok.plain && !inside {
                row.push((0, 1.0));
                prev2 = prev;
                prev = Some(0);
                continue;
            }
            let hist = if tok.cap {
                s.history.get(tok.lower)
            } else {
                None
            };
            sent.features(i, label_hash(prev), label_hash(prev2), hist, &mut s.feats);
            scorer.scores(&s.feats, &mut s.scores);
            if s.scores.len() != labels::N_CLASSES {
                s.scores.resize(labels::N_CLASSES, 0.0);
            }
            let c = best_allowed(&s.scores, prev, i + 1 == sent.len());
            if let Some(g) = gold.and_then(|g| g.get(si)).and_then(|r| r.get(i)) {
                scorer.learn(&s.feats, *g, c);
            }
            let p = if c == 0 {
                1.0
            } else {
                probability(&s.scores, prev, c)
            };
            row.push((c, p));
            prev2 = prev;
            prev = Some(c);
        }
        for (i, &(c, _)) in row.iter().enumerate() {
            let tok = sent.tok(i);
            if c != 0 && tok.cap {
                s.history.add(tok.lower, labels::split(c).1);
            }
        }
        out.push(row);
    }
    out
}

/// Labels a document with a model.
pub(crate) fn label(
    sents: &[Sentence],
    model: &Compact,
    s: &mut Scratch,
) -> Vec<Vec<(usize, f32)>> {
    let mut frozen = Frozen {
        model,
        found: Vec::with_capacity(64),
    };
    pass(sents, &mut frozen, None, s)
}

/// One training step on a document; returns the labels predicted while
/// learning.
pub(crate) fn learn(
    sents: &[Sentence],
    gold: &[Vec<usize>],
    trainer: &mut Trainer,
    s: &mut Scratch,
) -> Vec<Vec<(usize, f32)>> {
    pass(sents, &mut Learner(trainer), Some(gold), s)
}
