//! Training with the dynamic oracle: the classifier is updated whenever its
//! best move costs more than the best zero-cost move, and from the second
//! epoch on the parser mostly follows its own (possibly wrong) predictions,
//! so it learns to recover from its mistakes (Goldberg & Nivre 2012).

use crate::features::{extract, Input};
use crate::parser::{class_names, Parser};
use crate::system::{Move, State};
use crate::ParseError;
use annalist_linear::{Rng, Trainer};
use std::collections::BTreeSet;

/// One training sentence: features input plus gold tree.
#[derive(Debug, Clone)]
pub struct Example {
    /// Words and (predicted or gold) tags.
    pub input: Input,
    /// Gold head of each word, 0-based; `None` for the root.
    pub heads: Vec<Option<usize>>,
    /// Gold relation of each word.
    pub labels: Vec<String>,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Most passes over the training data.
    pub epochs: usize,
    /// Stop after this many epochs without a better dev LAS.
    pub patience: usize,
    /// Seed for shuffling and exploration.
    pub seed: u64,
    /// First epoch (0-based) in which the parser follows its own
    /// predictions.
    pub explore_from: usize,
    /// Probability of following a wrong prediction when exploring.
    pub explore_p: f64,
    /// Drop averaged weights smaller than this (1.0 keeps the EWT model at
    /// 18 MB with no measurable cost on test, and makes parsing faster).
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            patience: 3,
            seed: 1,
            explore_from: 1,
            explore_p: 0.9,
            prune: 1.0,
        }
    }
}

/// Progress reports.
#[derive(Debug, Clone)]
pub struct EpochReport {
    /// 1-based epoch.
    pub epoch: usize,
    /// Share of moves predicted at optimal cost during the epoch (%).
    pub train_acc: f64,
    /// Dev UAS of the averaged model (%).
    pub dev_uas: f64,
    /// Dev LAS of the averaged model (%).
    pub dev_las: f64,
    /// True when this epoch's model is the best so far.
    pub best: bool,
}

/// Trains a parser; the epoch is chosen by LAS on `dev` (all of `train`
/// when `dev` is empty, by the last epoch).
pub fn train(
    train: &[Example],
    dev: &[Example],
    opts: &TrainOptions,
    progress: &mut dyn FnMut(&EpochReport),
) -> Result<Parser, ParseError> {
    let set: BTreeSet<&str> = train
        .iter()
        .flat_map(|e| e.labels.iter().map(String::as_str))
        .chain(std::iter::once("root"))
        .collect();
    let labels: Vec<String> = set.into_iter().map(str::to_string).collect();
    let nl = labels.len();
    let root = labels.iter().position(|l| l == "root").unwrap_or(0) as u16;
    let label_id = |l: &str| labels.iter().position(|x| x == l).unwrap_or(root as usize) as u16;
    // Gold trees as the oracle wants them: root = position n.
    let gold: Vec<(Vec<u32>, Vec<u16>)> = train
        .iter()
        .map(|e| {
            let n = e.heads.len();
            let h = e
                .heads
                .iter()
                .map(|h| h.filter(|&h| h < n).map_or(n as u32, |h| h as u32))
                .collect();
            let l = e.labels.iter().map(|l| label_id(l)).collect();
            (h, l)
        })
        .collect();
    let mut trainer = Trainer::new(class_names(&labels));
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..train.len())
        .filter(|&i| !train[i].heads.is_empty() && train[i].input.len() == train[i].heads.len())
        .collect();
    if order.is_empty() {
        return Err(ParseError::NoData);
    }
    let mut feats = Vec::with_capacity(96);
    let mut scores = Vec::new();
    let mut best: Option<(f64, Parser)> = None;
    let mut since_best = 0;
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut good, mut total) = (0u64, 0u64);
        let explore = epoch >= opts.explore_from;
        for &i in &order {
            let input = &train[i].input;
            let (gh, gl) = &gold[i];
            let n = input.len();
            let mut st = State::new(n);
            for _ in 0..(2 * n + 2) {
                if st.is_terminal() {
                    break;
                }
                extract(input, &st, &mut feats);
                trainer.scores(&feats, &mut scores);
                let base = st.costs(gh, root);
                let cost = |c: usize| -> u32 {
                    match Move::from_class(c, nl) {
                        Move::Shift => base[0],
                        Move::Reduce => base[1],
                        Move::Left(l) => {
                            let s = st.s0() as usize;
                            if base[2] == u32::MAX || !st.valid(Move::Left(l), root) {
                                u32::MAX
                            } else {
                                base[2] + (gh[s] as usize == st.b && gl[s] != l) as u32
                            }
                        }
                        Move::Right(l) => {
                            if base[3] == u32::MAX || !st.valid(Move::Right(l), root) {
                                u32::MAX
                            } else {
                                base[3] + (gh[st.b] == st.s0() && gl[st.b] != l) as u32
                            }
                        }
                    }
                };
                let mut pred: Option<(usize, f32, u32)> = None;
                let mut gold_best: Option<(usize, f32, u32)> = None;
                for (c, &s) in scores.iter().enumerate() {
                    let k = cost(c);
                    if k == u32::MAX {
                        continue;
                    }
                    if pred.is_none_or(|(_, b, _)| s > b) {
                        pred = Some((c, s, k));
                    }
                    if gold_best.is_none_or(|(_, b, gk)| k < gk || (k == gk && s > b)) {
                        gold_best = Some((c, s, k));
                    }
                }
                let (Some((p, _, pk)), Some((g, _, gk))) = (pred, gold_best) else {
                    break;
                };
                total += 1;
                if pk > gk {
                    trainer.update(&feats, g, p);
                } else {
                    good += 1;
                }
                trainer.tick();
                let follow_pred =
                    pk == gk || (explore && rng.below(1_000_000) < (opts.explore_p * 1e6) as usize);
                st.apply(Move::from_class(if follow_pred { p } else { g }, nl));
            }
        }
        if dev.is_empty() && epoch + 1 < opts.epochs {
            // Without a dev set only the last epoch's model is kept, so
            // averaging the others would be wasted work.
            progress(&EpochReport {
                epoch: epoch + 1,
                train_acc: 100.0 * good as f64 / total.max(1) as f64,
                dev_uas: 0.0,
                dev_las: 0.0,
                best: false,
            });
            continue;
        }
        let model = trainer.average(opts.prune, "annalist-parser 1");
        let parser = Parser::from_model(model)?;
        let eval_on = if dev.is_empty() { &[][..] } else { dev };
        let (uas, las) = if eval_on.is_empty() {
            (0.0, 0.0)
        } else {
            score(&parser, eval_on)
        };
        let is_best = best.as_ref().is_none_or(|(b, _)| las > *b) || eval_on.is_empty();
        progress(&EpochReport {
            epoch: epoch + 1,
            train_acc: 100.0 * good as f64 / total.max(1) as f64,
            dev_uas: uas,
            dev_las: las,
            best: is_best,
        });
        if is_best {
            best = Some((las, parser));
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= opts.patience {
                break;
            }
        }
    }
    best.map(|(_, p)| p).ok_or(ParseError::NoData)
}

/// UAS and LAS (full labels, punctuation included) of `parser` on examples.
pub fn score(parser: &Parser, examples: &[Example]) -> (f64, f64) {
    let (mut u, mut l, mut t) = (0u64, 0u64, 0u64);
    for e in examples {
        let p = parser.parse(&e.input);
        for i in 0..e.heads.len().min(p.heads.len()) {
            t += 1;
            if p.heads[i] == e.heads[i] {
                u += 1;
                if p.labels[i] == e.labels[i] {
                    l += 1;
                }
            }
        }
    }
    let t = t.max(1) as f64;
    (100.0 * u as f64 / t, 100.0 * l as f64 / t)
}
