//! Errors of the recognizer crate.

/// Why a recognizer could not be loaded, trained or evaluated.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// The model file is damaged or of another version.
    #[error(transparent)]
    Model(#[from] annalist_linear::LinearError),
    /// A data file is malformed.
    #[error("{0}")]
    Format(String),
    /// Reading or writing failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// Gold data is missing.
    #[error(transparent)]
    MissingData(#[from] annalist_eval::MissingData),
    /// Training data has no sentences.
    #[error("no training sentences")]
    NoData,
}
