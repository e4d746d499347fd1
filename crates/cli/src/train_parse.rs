//! `annalist train parse`: the dependency parser from UD English-EWT with
//! jackknifed predicted tags (see crates/parser/MODEL.md).

use annalist_parser::recipe::{train_ewt, Recipe, TagMode};
use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Where the parser's training tags come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Tags {
    /// Predicted by taggers trained on the other folds (what runs in the
    /// pipeline looks like this).
    Jackknife,
    /// The shipped tagger's (trained on the same sentences: too good).
    Shipped,
    /// The treebank's gold tags (an upper bound).
    Gold,
}

/// Arguments of `annalist train parse`.
#[derive(Args)]
pub struct ParseArgs {
    /// Folder holding the shared data (default: $ANNALIST_DATA or ../shared/data).
    #[arg(long, env = "ANNALIST_DATA")]
    data: Option<PathBuf>,
    /// Most epochs (training stops earlier when dev LAS stops improving).
    #[arg(long)]
    epochs: Option<usize>,
    /// Seed for shuffling and oracle exploration.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Training tags.
    #[arg(long, value_enum, default_value_t = Tags::Jackknife)]
    tags: Tags,
    /// Jackknifing folds.
    #[arg(long, default_value_t = 4)]
    folds: usize,
    /// Train on EWT train only and select the epoch by dev LAS (the
    /// default trains on train + dev for a fixed 15 epochs, the count
    /// chosen that way).
    #[arg(long)]
    select_on_dev: bool,
    /// Output model file.
    #[arg(long, default_value = "crates/parser/model/parse.anlm")]
    out: PathBuf,
    /// Write DIR/parser/parse.anlm instead, in a models directory that
    /// `annalist extract --models DIR` reads.
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    models: Option<PathBuf>,
}

pub fn run(mut a: ParseArgs) -> Result<ExitCode> {
    if let Some(d) = &a.models {
        a.out = d.join("parser").join("parse.anlm");
        std::fs::create_dir_all(d.join("parser"))
            .with_context(|| format!("creating {}", d.join("parser").display()))?;
    }
    let data = a
        .data
        .clone()
        .unwrap_or_else(annalist_eval::default_data_dir);
    let mut recipe = Recipe::default();
    recipe.opts.seed = a.seed;
    recipe.with_dev = !a.select_on_dev;
    if let Some(e) = a.epochs {
        recipe.opts.epochs = e;
    }
    recipe.tags = match a.tags {
        Tags::Gold => TagMode::Gold,
        Tags::Shipped => TagMode::Shipped,
        Tags::Jackknife => match recipe.tags {
            TagMode::Jackknife { epochs, .. } => TagMode::Jackknife { k: a.folds, epochs },
            t => t,
        },
    };
    let parser = train_ewt(&data, &recipe, &mut |line| eprintln!("{line}"))?;
    parser
        .save(&a.out)
        .with_context(|| format!("writing {}", a.out.display()))?;
    if let Some(d) = &a.models {
        crate::train::write_card(
            &d.join("parser"),
            "parse",
            &["UD English-EWT from the shared data"],
        )?;
    }
    eprintln!(
        "wrote {} ({} features, {} weights)",
        a.out.display(),
        parser.n_features(),
        parser.n_weights()
    );
    Ok(ExitCode::SUCCESS)
}
