//! Beam-search decoding of a document, shared by training and inference.
//!
//! A sentence's score is the sum of its tokens' raw perceptron scores; the
//! beam keeps the best few labellings, and training is Collins & Roark's
//! (2004) structured perceptron with early update: where the gold
//! labelling falls out of the beam, the gold prefix gains and the best
//! prefix loses. Greedy decoding with per-token updates (what this
//! replaced) let one wrong label derail the rest of a name ("Federal
//! Reserve Chairman Alan Greenspan , whose comments" as one ORG) and scored
//! 2 points lower on CoNLL dev and test.
//!
//! Each capitalised word sees the types already given to its earlier
//! mentions in the story (Ratinov & Roth's extended prediction history).
//! Their two-stage aggregation (a second pass seeing all other mentions)
//! was tried and gave no gain on CoNLL dev or test at twice the cost, so it
//! is not used.

use crate::features::{label_hash, transition_features, History, Sentence};
use crate::labels::{self, allowed, can_end, N_CLASSES};
use annalist_linear::{Compact, Trainer};

/// Beam width. Measured on CoNLL dev (4 seeds, averaged model): 2 → 93.24,
/// 3 → 93.62, 4 → 93.77, 8 → 93.34, 16 → 93.61 (before document features).
pub(crate) const BEAM_WIDTH: usize = 4;

/// Scores classes with some weights.
trait Scorer {
    fn scores(&mut self, feats: &[u64], out: &mut Vec<f32>);
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

/// Current (not averaged) weights while training.
struct Current<'a>(&'a Trainer);

impl Scorer for Current<'_> {
    fn scores(&mut self, feats: &[u64], out: &mut Vec<f32>) {
        self.0.scores(feats, out);
    }
}

/// Perceptron scores are margins, not log-probabilities; this scale turns
/// them into usable confidences.
const TEMPERATURE: f32 = 8.0;

/// Softmax probability of `chosen` among the classes allowed after `prev`.
fn probability(scores: &[f32], prev: Option<usize>, chosen: usize) -> f32 {
    let Some(&max) = scores.get(chosen) else {
        return 1.0;
    };
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
    label_scores: Vec<f32>,
    history: History,
    nodes: Vec<Node>,
    /// Class scores of every expanded hypothesis, `N_CLASSES` apiece, for
    /// the confidences of the chosen labels.
    totals: Vec<f32>,
    beam: Vec<Hyp>,
    next: Vec<Hyp>,
    by_prev: Vec<(Option<usize>, [f32; N_CLASSES])>,
    /// Scores of the transition features by label pair
    /// ([`transition_slot`]); valid while the weights do not change.
    transitions: Vec<Option<[f32; N_CLASSES]>>,
}

/// Index of a label pair in `Scratch::transitions`.
fn transition_slot(prev: Option<usize>, prev2: Option<usize>) -> usize {
    let k = |c: Option<usize>| c.map_or(0, |c| c.min(N_CLASSES) + 1);
    k(prev) * (N_CLASSES + 2) + k(prev2)
}

/// A partial labelling in the beam.
#[derive(Clone, Copy)]
struct Hyp {
    score: f64,
    prev: Option<usize>,
    prev2: Option<usize>,
    /// Its last node in `Scratch::nodes` (`NONE` before the first token).
    node: u32,
    /// Every label so far is the gold label (training).
    gold: bool,
}

/// One label choice.
#[derive(Clone, Copy)]
struct Node {
    class: u8,
    /// The previous node (`NONE` at the first token).
    parent: u32,
    /// Where the scores it was chosen from are in `Scratch::totals`
    /// (`NONE` for an unscored `O`).
    totals: u32,
}

const NONE: u32 = u32::MAX;

fn inside(prev: Option<usize>) -> bool {
    prev.is_some_and(|p| matches!(labels::split(p).0, labels::Pos::B | labels::Pos::I))
}

/// Classes of the path ending at node `at`, `len` long, with the
/// confidence of each scored non-`O` label when `with_p` (1 otherwise).
fn backtrack(s: &Scratch, mut at: u32, len: usize, with_p: bool) -> Vec<(usize, f32)> {
    let mut path = vec![NONE; len];
    for slot in path.iter_mut().rev() {
        let Some(node) = s.nodes.get(at as usize) else {
            break;
        };
        *slot = at;
        at = node.parent;
    }
    let mut prev = None;
    path.iter()
        .map(|&at| {
            let Some(node) = s.nodes.get(at as usize) else {
                return (0, 1.0);
            };
            let c = node.class as usize;
            let t = node.totals as usize;
            let p = match s.totals.get(t..t.saturating_add(N_CLASSES)) {
                Some(sc) if with_p && c != 0 => probability(sc, prev, c),
                _ => 1.0,
            };
            prev = Some(c);
            (c, p)
        })
        .collect()
}

/// What beam search found in one sentence: the best labelling and, when
/// `gold` was given and fell out of the beam (or lost at the end), the
/// best labelling of the prefix where it did (the early update).
struct BeamResult {
    row: Vec<(usize, f32)>,
    violation: Option<Vec<usize>>,
}

/// Beam search over one sentence. A plain token outside a name is `O`
/// unscored. Hypotheses with the same two last labels are merged, since
/// the features see no further back.
fn beam_sentence(
    sent: &Sentence,
    scorer: &mut dyn Scorer,
    width: usize,
    gold: Option<&[usize]>,
    s: &mut Scratch,
) -> BeamResult {
    let n = sent.len();
    let width = width.max(1);
    if gold.is_some() {
        // Training changes the weights after every sentence.
        s.transitions.clear();
    }
    s.nodes.clear();
    s.totals.clear();
    s.beam.clear();
    s.beam.push(Hyp {
        score: 0.0,
        prev: None,
        prev2: None,
        node: NONE,
        gold: gold.is_some(),
    });
    let mut violation = None;
    for i in 0..n {
        let tok = sent.tok(i);
        let last = i + 1 == n;
        let g = gold.and_then(|g| g.get(i)).copied();
        let mut have_static = false;
        s.by_prev.clear();
        s.next.clear();
        for hi in 0..s.beam.len() {
            let h = s.beam[hi];
            if tok.plain && !inside(h.prev) {
                s.nodes.push(Node {
                    class: 0,
                    parent: h.node,
                    totals: NONE,
                });
                s.next.push(Hyp {
                    score: h.score,
                    prev: Some(0),
                    prev2: h.prev,
                    node: (s.nodes.len() - 1) as u32,
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
                s.scores.resize(N_CLASSES, 0.0);
                have_static = true;
            }
            // Scores of the previous-label features, shared by the
            // hypotheses with the same last label.
            let cached = s.by_prev.iter().position(|(p, _)| *p == h.prev);
            let k = match cached {
                Some(k) => k,
                None => {
                    s.feats.clear();
                    sent.prev_features(i, label_hash(h.prev), &mut s.feats);
                    scorer.scores(&s.feats, &mut s.label_scores);
                    s.label_scores.resize(N_CLASSES, 0.0);
                    let mut row = [0.0f32; N_CLASSES];
                    for (r, (&a, &b)) in row.iter_mut().zip(s.scores.iter().zip(&s.label_scores)) {
                        *r = a + b;
                    }
                    s.by_prev.push((h.prev, row));
                    s.by_prev.len() - 1
                }
            };
            let t = transition_slot(h.prev, h.prev2);
            if s.transitions.len() <= t {
                s.transitions.resize(t + 1, None);
            }
            let trans = match s.transitions[t] {
                Some(row) => row,
                None => {
                    s.feats.clear();
                    s.feats.extend_from_slice(&transition_features(
                        label_hash(h.prev),
                        label_hash(h.prev2),
                    ));
                    scorer.scores(&s.feats, &mut s.label_scores);
                    s.label_scores.resize(N_CLASSES, 0.0);
                    let mut row = [0.0f32; N_CLASSES];
                    row.copy_from_slice(&s.label_scores[..N_CLASSES]);
                    s.transitions[t] = Some(row);
                    row
                }
            };
            let at = s.totals.len() as u32;
            for (c, &tc) in trans.iter().enumerate() {
                s.totals.push(s.by_prev[k].1[c] + tc);
            }
            // Only this hypothesis's `width` best classes can survive: they
            // have distinct label pairs and beat its other classes.
            let mut top: [(f32, usize); N_CLASSES] = [(f32::NEG_INFINITY, 0); N_CLASSES];
            let mut k = 0;
            for c in 0..N_CLASSES {
                if !allowed(h.prev, c) || (last && !can_end(c)) {
                    continue;
                }
                top[k] = (s.totals[at as usize + c], c);
                k += 1;
            }
            let top = &mut top[..k];
            top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for &(sc, c) in top.iter().take(width) {
                s.nodes.push(Node {
                    class: c as u8,
                    parent: h.node,
                    totals: at,
                });
                s.next.push(Hyp {
                    score: h.score + sc as f64,
                    prev: Some(c),
                    prev2: h.prev,
                    node: (s.nodes.len() - 1) as u32,
                    gold: h.gold && g == Some(c),
                });
            }
        }
        // Best first; ties by labels, so the result does not depend on
        // the order hypotheses were made in.
        s.next.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| (a.prev, a.prev2).cmp(&(b.prev, b.prev2)))
        });
        s.beam.clear();
        for h in &s.next {
            if s.beam.len() == width {
                break;
            }
            if s.beam
                .iter()
                .any(|b| b.prev == h.prev && b.prev2 == h.prev2)
            {
                continue;
            }
            s.beam.push(*h);
        }
        let Some(best) = s.beam.first().copied() else {
            break;
        };
        if gold.is_some()
            && violation.is_none()
            && (!best.gold && (last || !s.beam.iter().any(|h| h.gold)))
        {
            let path = backtrack(s, best.node, i + 1, false);
            violation = Some(path.into_iter().map(|(c, _)| c).collect());
        }
    }
    let best = s.beam.first().map_or(NONE, |h| h.node);
    BeamResult {
        row: backtrack(s, best, n, gold.is_none()),
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
    let k = pred.len().min(gold.len());
    for (path, delta) in [(&gold[..k], 1.0f32), (&pred[..k], -1.0)] {
        for (i, &c) in path.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| path[j]);
            let prev2 = i.checked_sub(2).map(|j| path[j]);
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
    }
}

/// Gold labels as the decoder can produce them: a name that starts with a
/// plain token (never scored outside a name) is left out, or gold would
/// fall out of the beam there every time.
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

/// Adds a labelled sentence's capitalised name words to the history.
fn remember(sent: &Sentence, row: &[(usize, f32)], history: &mut History) {
    for (i, &(c, _)) in row.iter().enumerate() {
        let tok = sent.tok(i);
        if c != 0 && tok.cap {
            history.add(tok.lower, labels::split(c).1);
        }
    }
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
    s.history.clear();
    s.transitions.clear();
    let mut out = Vec::with_capacity(sents.len());
    for sent in sents {
        let row = beam_sentence(sent, &mut frozen, BEAM_WIDTH, None, s).row;
        remember(sent, &row, &mut s.history);
        out.push(row);
    }
    out
}

/// One training step on a document: each sentence is decoded with the
/// current weights and updated early where gold falls out of the beam;
/// returns the labels predicted (which feed the history, as at inference).
pub(crate) fn learn(
    sents: &[Sentence],
    gold: &[Vec<usize>],
    trainer: &mut Trainer,
    s: &mut Scratch,
) -> Vec<Vec<(usize, f32)>> {
    s.history.clear();
    let mut out = Vec::with_capacity(sents.len());
    for (sent, g) in sents.iter().zip(gold) {
        let g = reachable(sent, g);
        let r = beam_sentence(sent, &mut Current(trainer), BEAM_WIDTH, Some(&g), s);
        if let Some(pred) = &r.violation {
            update_prefix(sent, trainer, &g, pred, s);
        }
        trainer.tick();
        remember(sent, &r.row, &mut s.history);
        out.push(r.row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Resources;
    use crate::gazetteer::Gazetteer;
    use annalist_clusters::Clusters;

    fn sentence(words: &[&str]) -> Sentence {
        let (gaz, clusters) = (Gazetteer::default(), Clusters::default());
        let res = Resources {
            gazetteer: &gaz,
            clusters: &clusters,
        };
        Sentence::new(words, &res, &mut Vec::new(), &mut Vec::new())
    }

    #[test]
    fn gold_names_starting_with_a_plain_token_are_unreachable() {
        let s = sentence(&["the", "von", "Trapp", "family", "met", "Smith"]);
        // "von Trapp" (B-PER L-PER) starts with a plain token; "Smith" U-PER.
        let gold = [0, 1, 3, 0, 0, 4];
        assert_eq!(reachable(&s, &gold), vec![0, 0, 0, 0, 0, 4]);
        // A plain token inside a name is fine.
        let s = sentence(&["Bank", "of", "England"]);
        assert_eq!(reachable(&s, &[5, 6, 7]), vec![5, 6, 7]);
    }

    #[test]
    fn early_update_learns_a_sentence() {
        let s = sentence(&["Smith", "met", "Jones", "in", "Paris"]);
        let gold = vec![vec![4, 0, 4, 0, 12]];
        let mut trainer = Trainer::new(labels::names());
        let mut scratch = Scratch::default();
        for _ in 0..5 {
            learn(std::slice::from_ref(&s), &gold, &mut trainer, &mut scratch);
        }
        let model = Compact::from_model(&trainer.average(0.0, "")).unwrap();
        let got = label(std::slice::from_ref(&s), &model, &mut scratch);
        let classes: Vec<usize> = got[0].iter().map(|&(c, _)| c).collect();
        assert_eq!(classes, gold[0]);
        assert!(got[0].iter().all(|&(_, p)| p > 0.0 && p <= 1.0));
    }

    #[test]
    fn empty_sentences_and_documents() {
        let model = Compact::default();
        let mut scratch = Scratch::default();
        assert!(label(&[], &model, &mut scratch).is_empty());
        let got = label(&[sentence(&[])], &model, &mut scratch);
        assert_eq!(got, vec![Vec::<(usize, f32)>::new()]);
    }
}
