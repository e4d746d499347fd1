//! The training recipe behind `annalist train parse`: UD English-EWT train
//! (and, for the shipped model, dev) with 4-fold jackknifed predicted tags,
//! for the number of epochs chosen on EWT dev (15).

use crate::data::{examples, jackknifed, Tags};
use crate::train::{train, EpochReport, TrainOptions};
use crate::{ParseError, Parser};
use annalist_corpora::conllu;
use annalist_eval::data_path;
use std::path::Path;

/// Where training tags come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagMode {
    /// Gold treebank tags (an upper bound; not what runs in the pipeline).
    Gold,
    /// Tags from the shipped tagger, which was trained on the same
    /// sentences, so they are more accurate than at run time.
    Shipped,
    /// `k`-fold jackknifing with taggers trained for `epochs` epochs.
    Jackknife {
        /// Number of folds.
        k: usize,
        /// Tagger epochs per fold.
        epochs: usize,
    },
}

/// Settings of a training run.
#[derive(Debug, Clone)]
pub struct Recipe {
    /// Training tags.
    pub tags: TagMode,
    /// Parser training settings.
    pub opts: TrainOptions,
    /// Train on train + dev for a fixed number of epochs (the count chosen
    /// on dev beforehand) instead of selecting the epoch on dev.
    pub with_dev: bool,
}

impl Default for Recipe {
    fn default() -> Self {
        Recipe {
            tags: TagMode::Jackknife { k: 4, epochs: 6 },
            opts: TrainOptions::default(),
            with_dev: true,
        }
    }
}

/// Trains a parser on EWT train under `data_dir`, selecting the epoch on EWT
/// dev. `log` receives one line per step.
pub fn train_ewt(
    data_dir: &Path,
    recipe: &Recipe,
    log: &mut dyn FnMut(String),
) -> Result<Parser, ParseError> {
    let t0 = std::time::Instant::now();
    let mut tr = conllu::read_file(&data_path(data_dir, "ud/en_ewt/en_ewt-ud-train.conllu")?)?;
    let mut dev = conllu::read_file(&data_path(data_dir, "ud/en_ewt/en_ewt-ud-dev.conllu")?)?;
    if recipe.with_dev {
        tr.append(&mut dev);
    }
    let tagger =
        annalist_tagger::Tagger::shipped().map_err(|e| ParseError::Tagger(e.to_string()))?;
    let (tr_ex, dev_ex) = match recipe.tags {
        TagMode::Gold => (examples(&tr, Tags::Gold), examples(&dev, Tags::Gold)),
        TagMode::Shipped => (
            examples(&tr, Tags::Predicted(tagger)),
            examples(&dev, Tags::Predicted(tagger)),
        ),
        TagMode::Jackknife { k, epochs } => {
            let topts = annalist_tagger::TrainOptions {
                epochs,
                ..Default::default()
            };
            let ex = jackknifed(&tr, k, &topts, &mut |f| {
                log(format!("tagger fold {f}/{k} done ({:.0?})", t0.elapsed()))
            })?;
            (ex, examples(&dev, Tags::Predicted(tagger)))
        }
    };
    train(&tr_ex, &dev_ex, &recipe.opts, &mut |r: &EpochReport| {
        log(format!(
            "epoch {}: train {:.2} dev uas {:.2} las {:.2}{} ({:.0?})",
            r.epoch,
            r.train_acc,
            r.dev_uas,
            r.dev_las,
            if r.best { " *" } else { "" },
            t0.elapsed()
        ))
    })
}
