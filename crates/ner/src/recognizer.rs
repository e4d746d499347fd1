//! The trained recognizer and greedy constrained decoding.

use crate::features::{label_hash, History, Resources, Sentence};
use crate::gazetteer::Gazetteer;
use crate::labels::{self, allowed, can_end};
use crate::NerError;
use annalist_clusters::Clusters;
use annalist_linear::Model;
use std::sync::OnceLock;

static SHIPPED_MODEL: &[u8] = include_bytes!("../model/ner.anlm");
static SHIPPED_GAZETTEER: &str = include_str!("../model/gazetteer.tsv");

/// One recognized mention within a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First token (within the sentence).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: &'static str,
    /// Mean probability of the mention's labels (softmax over the allowed
    /// labels at each token), 0–1.
    pub score: f32,
}

/// A named-entity recognizer.
#[derive(Debug, Clone)]
pub struct Recognizer {
    pub(crate) model: Model,
    pub(crate) gazetteer: Gazetteer,
    pub(crate) clusters: Clusters,
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

fn softmax_of(scores: &[f32], prev: Option<usize>, chosen: usize) -> f32 {
    let max = scores[chosen];
    let mut z = 0.0f32;
    for (c, &s) in scores.iter().enumerate() {
        if allowed(prev, c) {
            z += (s - max).exp();
        }
    }
    if z > 0.0 {
        1.0 / z
    } else {
        1.0
    }
}

impl Recognizer {
    /// The model shipped in the repository (loaded once, on first use).
    pub fn shipped() -> Result<&'static Recognizer, &'static NerError> {
        static CELL: OnceLock<Result<Recognizer, NerError>> = OnceLock::new();
        CELL.get_or_init(|| {
            Ok(Recognizer {
                model: Model::from_bytes(SHIPPED_MODEL)?,
                gazetteer: Gazetteer::from_tsv(SHIPPED_GAZETTEER)?,
                clusters: Clusters::shipped().clone(),
            })
        })
        .as_ref()
    }

    /// A recognizer from its parts.
    pub fn new(model: Model, gazetteer: Gazetteer, clusters: Clusters) -> Self {
        Recognizer {
            model,
            gazetteer,
            clusters,
        }
    }

    /// The perceptron model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Labels the sentences of one document (in order, since earlier
    /// predictions inform later ones); returns BILOU class ids and the
    /// probability of each.
    pub fn label_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<(usize, f32)>> {
        let res = Resources {
            gazetteer: &self.gazetteer,
            clusters: &self.clusters,
        };
        let mut history = History::default();
        let (mut gaz, mut lower) = (Vec::new(), Vec::new());
        let mut feats = Vec::with_capacity(64);
        let mut scores = Vec::with_capacity(labels::N_CLASSES);
        let mut out = Vec::with_capacity(sentences.len());
        for words in sentences {
            let sent = Sentence::new(words, &res, &mut gaz, &mut lower);
            let mut row = Vec::with_capacity(sent.len());
            let mut prev: Option<usize> = None;
            let mut prev2: Option<usize> = None;
            for i in 0..sent.len() {
                let tok = sent.tok(i);
                let hist = if tok.cap { history.get(tok.lower) } else { None };
                sent.features(i, label_hash(prev), label_hash(prev2), hist, &mut feats);
                self.model.scores(&feats, &mut scores);
                if scores.len() != labels::N_CLASSES {
                    scores.resize(labels::N_CLASSES, 0.0);
                }
                let c = best_allowed(&scores, prev, i + 1 == sent.len());
                let p = if c == 0 { 1.0 } else { softmax_of(&scores, prev, c) };
                row.push((c, p));
                prev2 = prev;
                prev = Some(c);
            }
            for (i, &(c, _)) in row.iter().enumerate() {
                let tok = sent.tok(i);
                if c != 0 && tok.cap {
                    history.add(tok.lower, labels::split(c).1);
                }
            }
            out.push(row);
        }
        out
    }

    /// Mentions in each sentence of one document.
    pub fn recognize<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<Mention>> {
        self.label_document(sentences)
            .into_iter()
            .map(|row| {
                let classes: Vec<usize> = row.iter().map(|&(c, _)| c).collect();
                labels::decode(&classes)
                    .into_iter()
                    .map(|ch| {
                        let n = (ch.end - ch.start).max(1) as f32;
                        let score = row[ch.start..ch.end].iter().map(|&(_, p)| p).sum::<f32>() / n;
                        let label = labels::TYPES.iter().find(|t| **t == ch.kind).copied().unwrap_or("MISC");
                        Mention {
                            start: ch.start,
                            end: ch.end,
                            label,
                            score,
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Writes `ner.anlm` and `gazetteer.tsv`-independent model into `dir`.
    pub fn save_model(&self, dir: &std::path::Path) -> Result<(), NerError> {
        std::fs::create_dir_all(dir)?;
        let f = std::io::BufWriter::new(std::fs::File::create(dir.join("ner.anlm"))?);
        self.model.save(f)?;
        Ok(())
    }
}
