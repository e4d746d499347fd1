//! Training the tagger from a CoNLL-U treebank.

use crate::eval::{score_sentences, Accuracy};
use crate::features::{tag_hash, Sentence};
use crate::lemma::Lemmatizer;
use crate::{Tagger, TaggerError};
use annalist_corpora::conllu;
use annalist_linear::{Rng, Trainer};
use std::collections::{BTreeMap, HashMap};

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Most passes over the training data.
    pub epochs: usize,
    /// Stop after this many epochs without a better dev score.
    pub patience: usize,
    /// Seed for shuffling.
    pub seed: u64,
    /// Drop averaged weights smaller than this (keeps the model small).
    pub prune: f32,
    /// A word enters the tag dictionary when seen at least this often…
    pub tagdict_min_count: u32,
    /// …with one tag at least this share of the time.
    pub tagdict_min_share: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            patience: 3,
            seed: 1,
            prune: 1.0,
            tagdict_min_count: 20,
            tagdict_min_share: 0.995,
        }
    }
}

/// What training reports as it goes.
#[derive(Debug, Clone)]
pub enum Progress {
    /// `done` of `total` sentences of the current epoch.
    Sentence {
        /// Sentences done.
        done: usize,
        /// Sentences in the epoch.
        total: usize,
    },
    /// An epoch finished.
    Epoch {
        /// 1-based epoch.
        epoch: usize,
        /// Tagging accuracy on the training data during the epoch (joint tag).
        train: f64,
        /// Dev accuracy of the averaged model.
        dev: Accuracy,
        /// True when this epoch's model is the best so far (kept).
        best: bool,
    },
}

fn joint(w: &conllu::Word) -> String {
    format!("{}|{}", w.xpos, w.upos)
}

/// Trains a tagger on `train`, choosing the epoch by UPOS accuracy on `dev`
/// (by training accuracy when `dev` is empty).
pub fn train(
    train: &[conllu::Sentence],
    dev: &[conllu::Sentence],
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Tagger, TaggerError> {
    let train: Vec<&conllu::Sentence> = train.iter().filter(|s| !s.words.is_empty()).collect();
    if train.is_empty() {
        return Err(TaggerError::NoData);
    }
    // Labels in sorted order so that the class ids do not depend on hashing.
    let mut label_counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut word_tags: HashMap<&str, HashMap<String, u32>> = HashMap::new();
    for s in &train {
        for w in &s.words {
            let l = joint(w);
            *label_counts.entry(l.clone()).or_default() += 1;
            *word_tags
                .entry(w.form.as_str())
                .or_default()
                .entry(l)
                .or_default() += 1;
        }
    }
    let labels: Vec<String> = label_counts.keys().cloned().collect();
    let class: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    let mut tagdict: Vec<(&str, String)> = Vec::new();
    for (word, tags) in &word_tags {
        let total: u32 = tags.values().sum();
        let (best, n) = tags
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(t, n)| (t.clone(), *n))
            .unwrap_or_default();
        if total >= opts.tagdict_min_count
            && n as f64 / total as f64 >= opts.tagdict_min_share
            && !word.contains(['\t', '\n'])
        {
            tagdict.push((word, best));
        }
    }
    tagdict.sort();
    let mut meta = String::from("annalist-tagger 1\n");
    for (w, t) in &tagdict {
        meta.push_str(&format!("tagdict\t{w}\t{t}\n"));
    }
    let in_dict: std::collections::HashSet<u64> = tagdict
        .iter()
        .map(|(w, _)| annalist_linear::hash::str(w))
        .collect();

    let lemmatizer = Lemmatizer::build(
        train
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str())),
    );

    let sents: Vec<(Sentence, Vec<usize>)> = train
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let gold = s.words.iter().map(|w| class[joint(w).as_str()]).collect();
            (Sentence::new(&forms), gold)
        })
        .collect();

    let mut trainer = Trainer::new(labels);
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut feats = Vec::with_capacity(32);
    let mut scores = Vec::new();
    let mut best: Option<(f64, Tagger)> = None;
    let mut since_best = 0;
    for epoch in 1..=opts.epochs.max(1) {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0u64, 0u64);
        for (done, &si) in order.iter().enumerate() {
            let (sent, gold) = &sents[si];
            let (mut prev, mut prev2) = (tag_hash(None), tag_hash(None));
            for (i, &g) in gold.iter().enumerate() {
                let guess = if in_dict.contains(&sent.word(i).form) {
                    g
                } else {
                    sent.features(i, prev, prev2, &mut feats);
                    let p = trainer.predict(&feats, &mut scores);
                    trainer.update(&feats, g, p);
                    trainer.tick();
                    p
                };
                correct += (guess == g) as u64;
                total += 1;
                prev2 = prev;
                prev = tag_hash(Some(guess));
            }
            if done % 256 == 0 {
                progress(Progress::Sentence {
                    done,
                    total: order.len(),
                });
            }
        }
        let tagger = Tagger::from_parts(trainer.average(opts.prune, &meta), lemmatizer.clone())?;
        let train_acc = 100.0 * correct as f64 / total.max(1) as f64;
        let dev_acc = score_sentences(&tagger, dev);
        let score = if dev.is_empty() {
            train_acc
        } else {
            dev_acc.upos
        };
        let is_best = best.as_ref().is_none_or(|(b, _)| score > *b);
        progress(Progress::Epoch {
            epoch,
            train: train_acc,
            dev: dev_acc,
            best: is_best,
        });
        if is_best {
            best = Some((score, tagger));
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= opts.patience {
                break;
            }
        }
    }
    best.map(|(_, t)| t).ok_or(TaggerError::NoData)
}
