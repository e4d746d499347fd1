//! Dependency parsing for Annalist: a greedy arc-eager transition parser
//! trained with a dynamic oracle over the shared averaged perceptron
//! (`annalist-linear`), producing Universal Dependencies heads and
//! relations, and [`clause`], the one place in the code that answers "who
//! did what to whom in this clause".

pub mod clause;
pub mod data;
pub mod eval;
pub mod features;
mod parser;
pub mod recipe;
mod stage;
pub mod system;
pub mod train;
pub mod tree;

pub use clause::{clause_of, clauses, Arg, Clause, Oblique};
pub use eval::evaluate;
pub use parser::{Parse, Parser};
pub use stage::{parse_doc, ParserStage};

/// Why the parser could not be built, trained or evaluated.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The model bytes are not a parser model.
    #[error("parser model: {0}")]
    Model(String),
    /// Reading or writing the model failed.
    #[error(transparent)]
    Linear(#[from] annalist_linear::LinearError),
    /// A treebank could not be read.
    #[error(transparent)]
    Conllu(#[from] annalist_corpora::conllu::ConlluError),
    /// Gold data is missing.
    #[error(transparent)]
    MissingData(#[from] annalist_eval::MissingData),
    /// The tagger could not be loaded or trained.
    #[error("tagger: {0}")]
    Tagger(String),
    /// No usable training sentences.
    #[error("no training sentences")]
    NoData,
    /// File I/O.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
}
