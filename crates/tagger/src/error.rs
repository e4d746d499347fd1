//! Errors of the tagger crate.

/// Why a tagger could not be loaded, trained or evaluated.
#[derive(Debug, thiserror::Error)]
pub enum TaggerError {
    /// The model file is damaged or of another version.
    #[error(transparent)]
    Model(#[from] annalist_linear::LinearError),
    /// A lemma table or tag dictionary line is malformed.
    #[error("bad tagger data: {0}")]
    Format(String),
    /// A treebank file could not be read.
    #[error(transparent)]
    Conllu(#[from] annalist_corpora::conllu::ConlluError),
    /// Gold data is missing.
    #[error(transparent)]
    MissingData(#[from] annalist_eval::MissingData),
    /// Writing a model failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// Training data has no sentences.
    #[error("no training sentences")]
    NoData,
}
