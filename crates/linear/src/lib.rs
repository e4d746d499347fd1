//! A small linear-model toolkit shared by the tagger, the recognizer and the
//! dependency parser: a multi-class averaged perceptron over hashed sparse
//! binary features.
//!
//! * Features are `u64` hashes built with [`hash`] helpers straight from the
//!   token bytes, so feature extraction allocates nothing.
//! * [`Trainer`] learns weights with lazy averaging (Collins 2002; the
//!   "timestamp" trick) and is deterministic: it never iterates a hash map in
//!   an order that affects the result, and [`Rng`] is seeded.
//! * [`Model`] is the frozen, averaged, pruned model: it stores only non-zero
//!   weights, sparse per feature, and scores all classes of a feature vector
//!   in one pass. It saves to and loads from a compact binary format.
//! * [`Compact`] is the same model laid out for fast lookups (open
//!   addressing, prefetching, dense rows for frequent features), used at
//!   run time by the tagger and the parser.
//!
//! A transition classifier (the parser) uses the same two calls as a tagger:
//! [`Model::scores`] / [`Trainer::scores`] to score every class, and
//! [`Trainer::update`] with the gold and predicted class.

mod compact;
pub mod hash;
mod model;
mod rng;
mod train;

pub use compact::Compact;
pub use model::{argmax, FeatureMap, IdentityHasher, Model};
pub use rng::Rng;
pub use train::Trainer;

/// Why a model could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum LinearError {
    /// Reading or writing failed.
    #[error("model i/o: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes are not a model file of a version this code reads.
    #[error("bad model file: {0}")]
    Format(String),
}
