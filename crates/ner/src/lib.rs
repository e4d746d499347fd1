//! Named-entity recognition with the CoNLL-2003 types PER, ORG, LOC, MISC.
//!
//! A greedy left-to-right averaged perceptron over BILOU labels (Ratinov &
//! Roth 2009): word, shape, affix and context features, the two previous
//! predictions, gazetteer matches (GeoNames, Phoenix dictionaries), word
//! clusters learned by `annalist train clusters`, and document-level
//! consistency — the types earlier predicted for the same word in the story
//! are features of later mentions. Decoding respects BILOU transitions.

pub mod conll;
mod decode;
mod error;
mod eval;
mod features;
pub mod gazetteer;
mod labels;
mod recognizer;
pub mod score;
mod stage;
mod train;

pub use error::NerError;
pub use eval::{evaluate, evaluate_with};
pub use recognizer::{Mention, Recognizer};
pub use stage::{recognize_doc, NerStage};
pub use train::{predict_tags, train, train_averaged, Progress, TrainOptions};
