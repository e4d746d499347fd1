//! The attribution tagger: a greedy left-to-right averaged perceptron that
//! labels each token as part of a source, a cue or a content span (BIO).

use crate::features::Context;
use crate::marks::{units, Quoting};
use crate::QuotesError;
use annalist_doc::Doc;
use annalist_linear::{Compact, Model, Rng, Trainer};

/// Roles a token can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Who is speaking.
    Source,
    /// The reporting verb or phrase.
    Cue,
    /// What is attributed.
    Content,
}

/// Label names in class-id order.
pub const LABELS: [&str; 7] = ["O", "B-S", "I-S", "B-C", "I-C", "B-X", "I-X"];

/// The role of a label id, if any.
pub fn role_of(label: u8) -> Option<Role> {
    match label {
        1 | 2 => Some(Role::Source),
        3 | 4 => Some(Role::Cue),
        5 | 6 => Some(Role::Content),
        _ => None,
    }
}

fn role_bit(label: u8) -> u8 {
    match role_of(label) {
        Some(Role::Source) => 1,
        Some(Role::Cue) => 2,
        Some(Role::Content) => 4,
        None => 0,
    }
}

/// An `I-` label may only continue a span of its own role.
fn allowed(label: usize, prev: u8) -> bool {
    match label {
        2 => matches!(prev, 1 | 2),
        4 => matches!(prev, 3 | 4),
        6 => matches!(prev, 5 | 6),
        _ => true,
    }
}

/// A role span over tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleSpan {
    /// Role.
    pub role: Role,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

/// Anything that scores the seven labels of a feature vector; `found` is
/// a lookup buffer for the layouts that need one.
trait Scorer {
    fn score(&self, features: &[u64], out: &mut Vec<f32>, found: &mut Vec<u32>);
}

impl Scorer for Compact {
    fn score(&self, features: &[u64], out: &mut Vec<f32>, found: &mut Vec<u32>) {
        self.scores(features, out, found)
    }
}

impl Scorer for Trainer {
    fn score(&self, features: &[u64], out: &mut Vec<f32>, _found: &mut Vec<u32>) {
        self.scores(features, out)
    }
}

/// Greedy decoding of one document; `gold` (with a trainer) turns it into
/// one perceptron epoch over the document.
fn decode(
    ctx: &Context,
    doc: &Doc,
    scorer: &dyn Scorer,
    mut train: Option<(&mut Trainer, &[u8])>,
) -> Vec<u8> {
    let n = ctx.len();
    let mut labels = vec![0u8; n];
    let mut feats = Vec::with_capacity(48);
    let mut scores = Vec::with_capacity(LABELS.len());
    let mut found = Vec::with_capacity(48);
    for (a, b) in units(doc) {
        // A paragraph with no reporting verb, quotation mark, colon or
        // dash holds no attribution the model finds; skipping it keeps the
        // stage cheap.
        if train.is_none() && !ctx.may_attribute(doc, a, b.min(n)) {
            continue;
        }
        let (mut prev, mut prev2, mut seen) = (0u8, 0u8, 0u8);
        let mut sent = usize::MAX;
        let mut skip = false;
        for i in a..b.min(n) {
            let s = doc.sentence_of(i).unwrap_or(0);
            if s != sent {
                sent = s;
                seen = 0;
                // Content may run over a neighbouring sentence, so a
                // sentence is only skipped when it and both neighbours
                // lack every cue signal.
                skip = train.is_none()
                    && ![s.wrapping_sub(1), s, s + 1].iter().any(|&k| {
                        doc.sentences.get(k).is_some_and(|x| {
                            ctx.may_attribute(doc, x.token_start as usize, x.token_end as usize)
                        })
                    });
            }
            if skip {
                labels[i] = 0;
                prev2 = prev;
                prev = 0;
                continue;
            }
            // Well inside a quotation that is already content, the label
            // can only continue; scoring it would cost a third of the stage.
            if train.is_none() && matches!(prev, 5 | 6) && ctx.deep_inside(i) {
                labels[i] = 6;
                prev2 = prev;
                prev = 6;
                continue;
            }
            ctx.features(i, prev, prev2, seen, &mut feats);
            let best = match train.as_mut() {
                Some((trainer, gold)) => {
                    trainer.scores(&feats, &mut scores);
                    let best = best_allowed(&scores, prev);
                    // Under predicted history a gold `I-` may be unreachable;
                    // learning to start the span there is what helps.
                    let mut g = gold[i] as usize;
                    if !allowed(g, prev) {
                        g -= 1;
                    }
                    trainer.update(&feats, g, best);
                    trainer.tick();
                    best
                }
                None => {
                    scorer.score(&feats, &mut scores, &mut found);
                    best_allowed(&scores, prev)
                }
            };
            labels[i] = best as u8;
            prev2 = prev;
            prev = best as u8;
            seen |= role_bit(prev);
        }
    }
    labels
}

fn best_allowed(scores: &[f32], prev: u8) -> usize {
    let mut best = 0;
    let mut best_score = f32::NEG_INFINITY;
    for (l, &s) in scores.iter().enumerate() {
        if allowed(l, prev) && s > best_score {
            best = l;
            best_score = s;
        }
    }
    best
}

/// Turns a label sequence into role spans.
pub fn spans(labels: &[u8]) -> Vec<RoleSpan> {
    let mut out: Vec<RoleSpan> = Vec::new();
    for (i, &l) in labels.iter().enumerate() {
        let Some(role) = role_of(l) else { continue };
        let cont = l % 2 == 0;
        match out.last_mut() {
            Some(last) if cont && last.role == role && last.end == i => last.end = i + 1,
            _ => out.push(RoleSpan {
                role,
                start: i,
                end: i + 1,
            }),
        }
    }
    out
}

/// The trained tagger.
pub struct Tagger {
    model: Model,
    /// The same weights laid out for fast lookups (what labelling uses).
    compact: Compact,
}

impl Tagger {
    /// Loads a model saved by [`train`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, QuotesError> {
        let model = Model::from_bytes(bytes)?;
        if model.labels() != LABELS {
            return Err(QuotesError::Model("unexpected label set".into()));
        }
        Ok(Tagger {
            compact: Compact::from_model(&model)?,
            model,
        })
    }

    /// Labels every token of `doc`.
    pub fn label(&self, doc: &Doc, quoting: &Quoting) -> Vec<u8> {
        let ctx = Context::new(doc, quoting);
        decode(&ctx, doc, &self.compact, None)
    }

    /// The underlying model.
    pub fn model(&self) -> &Model {
        &self.model
    }
}

/// Trains a model on tokenized documents with gold labels (one per token),
/// shuffling with a fixed seed each epoch.
pub fn train(docs: &[(Doc, Vec<u8>)], epochs: usize, seed: u64, prune: f32) -> Model {
    let mut trainer = Trainer::new(LABELS.iter().map(|s| s.to_string()).collect());
    let ctxs: Vec<Context> = docs
        .iter()
        .map(|(d, _)| Context::new(d, &crate::marks::pair(d)))
        .collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = Rng::new(seed);
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (doc, gold) = &docs[k];
            // The trainer is both the scorer and the learner here.
            let dummy = Compact::default();
            decode(&ctxs[k], doc, &dummy, Some((&mut trainer, gold)));
        }
    }
    trainer.average(prune, "annalist-quotes attribution tagger")
}
