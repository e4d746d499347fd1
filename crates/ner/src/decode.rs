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
    label_scores: Vec<f32>,
}

/// Beam width at inference (1: greedy).
pub(crate) fn beam_width() -> usize {
    static V: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *V.get_or_init(|| {
        std::env::var("NER_BEAM")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
    })
}

fn temperature() -> f32 {
    static V: std::sync::OnceLock<f32> = std::sync::OnceLock::new();
    *V.get_or_init(|| {
        std::env::var("NER_TEMP")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(TEMPERATURE)
    })
}

/// A partial labelling in the beam.
#[derive(Clone, Copy)]
struct Hyp {
    score: f64,
    prev: Option<usize>,
    prev2: Option<usize>,
    /// Index of its last node in `nodes` (`usize::MAX` before the first
    /// token).
    node: usize,
    /// Every label so far is the gold label (training).
    gold: bool,
}

/// One label choice: class, confidence, previous node.
#[derive(Clone, Copy)]
struct Node {
    class: usize,
    p: f32,
    parent: usize,
}

fn inside(prev: Option<usize>) -> bool {
    prev.is_some_and(|p| matches!(labels::split(p).0, labels::Pos::B | labels::Pos::I))
}

/// Labels of the path ending at `node`, `len` long.
fn backtrack(nodes: &[Node], mut at: usize, len: usize) -> Vec<(usize, f32)> {
    let mut out = vec![(0usize, 1.0f32); len];
    for i in (0..len).rev() {
        let Some(node) = nodes.get(at) else { break };
        out[i] = (node.class, node.p);
        at = node.parent;
    }
    out
}

/// What beam search found in one sentence: the best labelling and, when
/// `gold` was given and fell out of the beam (or lost at the end), the
/// best labelling of the prefix where it did (the early update).
struct BeamResult {
    row: Vec<(usize, f32)>,
    violation: Option<Vec<usize>>,
}

/// Beam search over one sentence. Sequence score: the sum of the raw
/// scores of the tokens that are scored (raw, since the structured
/// perceptron is trained on the same sums); a plain token outside a name
/// is `O` unscored, as in greedy decoding. Hypotheses with the same two
/// last labels are merged, since the features see no further back.
fn beam_sentence(
    sent: &Sentence,
    scorer: &mut dyn Scorer,
    width: usize,
    gold: Option<&[usize]>,
    s: &mut Scratch,
) -> BeamResult {
    let n = sent.len();
    let temp = temperature() as f64;
    let local = !crate::features::exp("rawbeam") && gold.is_none() && !crate::features::exp("beamtrain");
    let mut nodes: Vec<Node> = Vec::with_capacity(n * width);
    let mut beam = vec![Hyp {
        score: 0.0,
        prev: None,
        prev2: None,
        node: usize::MAX,
        gold: gold.is_some(),
    }];
    let mut violation = None;
    let mut next: Vec<Hyp> = Vec::new();
    for i in 0..n {
        let tok = sent.tok(i);
        let last = i + 1 == n;
        let g = gold.and_then(|g| g.get(i)).copied();
        let mut have_static = false;
        next.clear();
        for h in &beam {
            if tok.plain && !inside(h.prev) {
                nodes.push(Node {
                    class: 0,
                    p: 1.0,
                    parent: h.node,
                });
                next.push(Hyp {
                    score: h.score,
                    prev: Some(0),
                    prev2: h.prev,
                    node: nodes.len() - 1,
                    gold: h.gold && g == Some(0),
                });
                continue;
            }
            if !have_static {
                let hist = if tok.cap {
                    s.history.get(tok.lower)
                } else {
                    None
                };
                sent.static_features(i, hist, &mut s.feats);
                scorer.scores(&s.feats, &mut s.scores);
                s.scores.resize(labels::N_CLASSES, 0.0);
                have_static = true;
            }
            s.feats.clear();
            sent.label_features(i, label_hash(h.prev), label_hash(h.prev2), &mut s.feats);
            scorer.scores(&s.feats, &mut s.label_scores);
            s.label_scores.resize(labels::N_CLASSES, 0.0);
            let total = |c: usize| (s.scores[c] + s.label_scores[c]) as f64 / temp;
            let ok = |c: usize| allowed(h.prev, c) && !(last && !can_end(c));
            let max = (0..labels::N_CLASSES)
                .filter(|&c| ok(c))
                .map(total)
                .fold(f64::NEG_INFINITY, f64::max);
            if !max.is_finite() {
                continue;
            }
            let z: f64 = (0..labels::N_CLASSES)
                .filter(|&c| ok(c))
                .map(|c| (total(c) - max).exp())
                .sum();
            let lz = z.ln();
            for c in (0..labels::N_CLASSES).filter(|&c| ok(c)) {
                let lp = total(c) - max - lz;
                nodes.push(Node {
                    class: c,
                    p: lp.exp() as f32,
                    parent: h.node,
                });
                next.push(Hyp {
                    score: h.score + if local { lp } else { total(c) },
                    prev: Some(c),
                    prev2: h.prev,
                    node: nodes.len() - 1,
                    gold: h.gold && g == Some(c),
                });
            }
        }
        // Best first; ties by labels, so the result does not depend on
        // the order hypotheses were made in.
        next.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| (a.prev, a.prev2).cmp(&(b.prev, b.prev2)))
        });
        beam.clear();
        for h in &next {
            if beam.len() == width {
                break;
            }
            if beam.iter().any(|b| b.prev == h.prev && b.prev2 == h.prev2) {
                continue;
            }
            beam.push(*h);
        }
        if beam.is_empty() {
            break;
        }
        if gold.is_some() && violation.is_none() {
            let alive = beam.iter().any(|h| h.gold);
            let lost_at_end = last && !beam[0].gold;
            if !alive || lost_at_end {
                let path = backtrack(&nodes, beam[0].node, i + 1);
                violation = Some(path.into_iter().map(|(c, _)| c).collect());
            }
        }
    }
    BeamResult {
        row: backtrack(&nodes, beam.first().map_or(usize::MAX, |h| h.node), n),
        violation,
    }
}

/// The early update: the gold labelling of the violating prefix gains, the
/// predicted one loses, feature by feature of each scored token.
fn update_prefix(
    sent: &Sentence,
    trainer: &mut Trainer,
    gold: &[usize],
    pred: &[usize],
    s: &mut Scratch,
) {
    let mut apply = |labels_: &[usize], delta: f32, s: &mut Scratch| {
        for (i, &c) in labels_.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| labels_[j]);
            let prev2 = i.checked_sub(2).map(|j| labels_[j]);
            let tok = sent.tok(i);
            if tok.plain && !inside(prev) {
                continue;
            }
            let hist = if tok.cap {
                s.history.get(tok.lower)
            } else {
                None
            };
            sent.static_features(i, hist, &mut s.feats);
            sent.label_features(i, label_hash(prev), label_hash(prev2), &mut s.feats);
            for &f in &s.feats {
                trainer.update_feature(f, c, delta);
            }
        }
    };
    let k = pred.len().min(gold.len());
    apply(&gold[..k], 1.0, s);
    apply(&pred[..k], -1.0, s);
}

/// Gold labels as the decoder can produce them: a name that starts with a
/// plain token (never scored outside a name) is left out.
fn reachable(sent: &Sentence, gold: &[usize]) -> Vec<usize> {
    let mut out = gold.to_vec();
    let mut prev: Option<usize> = None;
    let mut i = 0;
    while i < out.len() {
        if out[i] != 0 && !inside(prev) && sent.tok(i).plain {
            while i < out.len() && out[i] != 0 {
                let end = matches!(labels::split(out[i]).0, labels::Pos::L | labels::Pos::U);
                out[i] = 0;
                i += 1;
                if end {
                    break;
                }
            }
            prev = Some(0);
            continue;
        }
        prev = Some(out[i]);
        i += 1;
    }
    out
}

/// Beam training on one document: decode each sentence with the current
/// weights, early update where gold falls out of the beam.
pub(crate) fn learn_beam(
    sents: &[Sentence],
    gold: &[Vec<usize>],
    trainer: &mut Trainer,
    width: usize,
    s: &mut Scratch,
) -> Vec<Vec<(usize, f32)>> {
    s.history.clear();
    let mut out = Vec::with_capacity(sents.len());
    for (sent, g) in sents.iter().zip(gold) {
        let g = reachable(sent, g);
        let r = {
            let mut sc = TrainerScores(trainer);
            beam_sentence(sent, &mut sc, width, Some(&g), s)
        };
        if let Some(pred) = &r.violation {
            update_prefix(sent, trainer, &g, pred, s);
        }
        trainer.tick();
        for (i, &(c, _)) in r.row.iter().enumerate() {
            let tok = sent.tok(i);
            if c != 0 && tok.cap {
                s.history.add(tok.lower, labels::split(c).1);
            }
        }
        out.push(r.row);
    }
    out
}

/// Current (not averaged) weights as a scorer.
struct TrainerScores<'a>(&'a Trainer);

impl Scorer for TrainerScores<'_> {
    fn scores(&mut self, feats: &[u64], out: &mut Vec<f32>) {
        self.0.scores(feats, out);
    }
}

/// One greedy pass over a document, learning from `gold` when given.
fn pass(
    sents: &[Sentence],
    scorer: &mut dyn Scorer,
    gold: Option<&[Vec<usize>]>,
    beam: bool,
    s: &mut Scratch,
) -> Vec<Vec<(usize, f32)>> {
    s.history.clear();
    let mut out = Vec::with_capacity(sents.len());
    for (si, sent) in sents.iter().enumerate() {
        if let (None, true) = (gold, beam) {
            let row = beam_sentence(sent, scorer, beam_width(), None, s).row;
            for (i, &(c, _)) in row.iter().enumerate() {
                let tok = sent.tok(i);
                if c != 0 && tok.cap {
                    s.history.add(tok.lower, labels::split(c).1);
                }
            }
            out.push(row);
            continue;
        }
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
            sent.static_features(i, hist, &mut s.feats);
            sent.label_features(i, label_hash(prev), label_hash(prev2), &mut s.feats);
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
    pass(sents, &mut frozen, None, beam_width() > 1, s)
}

/// One training step on a document; returns the labels predicted while
/// learning.
pub(crate) fn learn(
    sents: &[Sentence],
    gold: &[Vec<usize>],
    trainer: &mut Trainer,
    s: &mut Scratch,
) -> Vec<Vec<(usize, f32)>> {
    if crate::features::exp("beamtrain") {
        return learn_beam(sents, gold, trainer, beam_width(), s);
    }
    pass(sents, &mut Learner(trainer), Some(gold), false, s)
}
