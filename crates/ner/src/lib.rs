//! Named-entity recognition with the CoNLL-2003 types PER, ORG, LOC, MISC.
//!
//! An averaged perceptron over BILOU labels (features after Ratinov & Roth
//! 2009), decoded left to right by beam search and trained as a structured
//! perceptron with early update (Collins & Roark 2004): word, shape, affix
//! and context features, the two previous labels, gazetteer matches
//! (GeoNames, Phoenix dictionaries), word clusters learned by `annalist
//! train clusters`, and the story — the types earlier predicted for the
//! same word, and how the word is written elsewhere in the story (Krishnan
//! & Manning 2006), are features of each mention. Decoding respects BILOU
//! transitions.

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
