//! Training the recognizer on CoNLL documents.

use crate::conll::{chunks, Document};
use crate::features::{Resources, Sentence};
use crate::gazetteer::Gazetteer;
use crate::labels::{self, encode};
use crate::score::{score, Scores};
use crate::{NerError, Recognizer};
use annalist_clusters::Clusters;
use annalist_linear::{Rng, Trainer};

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Most passes over the training data.
    pub epochs: usize,
    /// Stop after this many epochs without a better dev F1.
    pub patience: usize,
    /// Seed for shuffling documents.
    pub seed: u64,
    /// Drop averaged weights smaller than this.
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 20,
            patience: 4,
            seed: 1,
            prune: 0.05,
        }
    }
}

/// What training reports as it goes.
#[derive(Debug, Clone)]
pub enum Progress {
    /// `done` of `total` documents of the current epoch.
    Document {
        /// Documents done.
        done: usize,
        /// Documents in the epoch.
        total: usize,
    },
    /// An epoch finished.
    Epoch {
        /// 1-based epoch.
        epoch: usize,
        /// Token accuracy on the training data during the epoch.
        train: f64,
        /// Dev scores of the averaged model.
        dev: Scores,
        /// True when this epoch's model is the best so far (kept).
        best: bool,
    },
}

/// Labels documents with a recognizer and returns IOB2 tags per sentence.
pub fn predict_tags(rec: &Recognizer, docs: &[Document]) -> Vec<Vec<Vec<String>>> {
    docs.iter()
        .map(|d| {
            let sents: Vec<Vec<&str>> = d
                .sentences
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            rec.label_document(&sents)
                .into_iter()
                .map(|row| {
                    let classes: Vec<usize> = row.iter().map(|&(c, _)| c).collect();
                    labels::iob2(classes.len(), &labels::decode(&classes))
                })
                .collect()
        })
        .collect()
}

/// Trains on `train`, keeping the epoch with the best F1 on `dev` (on
/// training accuracy when `dev` is empty).
pub fn train(
    train: &[Document],
    dev: &[Document],
    gazetteer: Gazetteer,
    clusters: Clusters,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Recognizer, NerError> {
    let docs: Vec<&Document> = train.iter().filter(|d| !d.sentences.is_empty()).collect();
    if docs.is_empty() {
        return Err(NerError::NoData);
    }
    let res = Resources {
        gazetteer: &gazetteer,
        clusters: &clusters,
    };
    let (mut gaz, mut lower) = (Vec::new(), Vec::new());
    let prepared: Vec<(Vec<Sentence>, Vec<Vec<usize>>)> = docs
        .iter()
        .map(|d| {
            let mut sents: Vec<Sentence> = d
                .sentences
                .iter()
                .map(|s| Sentence::new(&s.words, &res, &mut gaz, &mut lower))
                .collect();
            crate::features::document_features(&mut sents);
            let gold = d
                .sentences
                .iter()
                .map(|s| encode(s.words.len(), &chunks(&s.tags)))
                .collect();
            (sents, gold)
        })
        .collect();
    let mut trainer = Trainer::new(labels::names());
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut scratch = crate::decode::Scratch::default();
    let mut best: Option<(f64, Recognizer)> = None;
    let mut since_best = 0;
    let meta = "annalist-ner 1\n";
    for epoch in 1..=opts.epochs.max(1) {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0u64, 0u64);
        for (done, &di) in order.iter().enumerate() {
            let (sents, gold) = &prepared[di];
            let got = crate::decode::learn(sents, gold, &mut trainer, &mut scratch);
            for (g, p) in gold.iter().zip(&got) {
                for (&g, &(p, _)) in g.iter().zip(p) {
                    correct += (g == p) as u64;
                    total += 1;
                }
            }
            if done % 16 == 0 {
                progress(Progress::Document {
                    done,
                    total: order.len(),
                });
            }
        }
        let rec = Recognizer::new(
            trainer.average(opts.prune, meta),
            gazetteer.clone(),
            clusters.clone(),
        )?;
        let train_acc = 100.0 * correct as f64 / total.max(1) as f64;
        let dev_scores = score(dev, &predict_tags(&rec, dev));
        let f1 = if dev.is_empty() {
            train_acc
        } else {
            dev_scores.overall.f1()
        };
        let is_best = best.as_ref().is_none_or(|(b, _)| f1 > *b);
        progress(Progress::Epoch {
            epoch,
            train: train_acc,
            dev: dev_scores,
            best: is_best,
        });
        if is_best {
            best = Some((f1, rec));
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= opts.patience {
                break;
            }
        }
    }
    best.map(|(_, r)| r).ok_or(NerError::NoData)
}

/// Trains `runs` recognizers with seeds `opts.seed`, `opts.seed + 1`, …
/// (each stopped on dev as in [`train`]) and averages their weights: a
/// cheap ensemble that smooths out the seed-to-seed spread (about ±0.4 dev
/// F1 on CoNLL). `progress` sees every run's epochs.
pub fn train_averaged(
    train_docs: &[Document],
    dev: &[Document],
    gazetteer: Gazetteer,
    clusters: Clusters,
    opts: &TrainOptions,
    runs: usize,
    progress: &mut dyn FnMut(Progress),
) -> Result<Recognizer, NerError> {
    let mut models = Vec::with_capacity(runs.max(1));
    for k in 0..runs.max(1) as u64 {
        let o = TrainOptions {
            seed: opts.seed + k,
            ..opts.clone()
        };
        let rec = train(
            train_docs,
            dev,
            gazetteer.clone(),
            clusters.clone(),
            &o,
            progress,
        )?;
        models.push(rec.model);
    }
    let refs: Vec<&annalist_linear::Model> = models.iter().collect();
    let mean = annalist_linear::Model::mean(&refs).ok_or(NerError::NoData)?;
    Recognizer::new(mean, gazetteer, clusters)
}
