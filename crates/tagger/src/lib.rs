//! Part-of-speech tagging (UPOS and Penn Treebank XPOS together) and
//! lemmatization.
//!
//! The tagger is a greedy left-to-right averaged perceptron (see
//! `annalist-linear`) over one joint `XPOS|UPOS` label, so the two tag sets
//! never disagree. Frequent unambiguous words skip the model through a tag
//! dictionary. Lemmas come from a table of inflected forms seen in UD
//! English-EWT plus suffix rules for unseen words ([`lemma`]).

mod error;
mod eval;
mod features;
pub mod lemma;
mod stage;
mod tagger;
mod train;

pub use error::TaggerError;
pub use eval::{evaluate, pud_half, score_sentences, Accuracy, PUD};
pub use stage::{tag_doc, TaggerStage};
pub use tagger::{Tagged, Tagger};
pub use train::{train, Progress, TrainOptions};
