//! Errors of the event coder and its evaluation.

use std::path::PathBuf;

/// Why a dictionary, table or gold file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line could not be understood.
    #[error("{what} line {line}: {reason}")]
    Format {
        /// Which file.
        what: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// Gold data missing.
    #[error(transparent)]
    Missing(#[from] annalist_eval::MissingData),
    /// An actor dictionary failed to load.
    #[error(transparent)]
    Actors(#[from] annalist_actors::ActorError),
    /// An unknown evaluation set was asked for.
    #[error("unknown set {0:?} for task events (known: gsr, petr-validate, plover, news-dev, news-test, news-train)")]
    UnknownSet(String),
}

pub(crate) fn read_text(path: &std::path::Path) -> Result<String, EventError> {
    let bytes = std::fs::read(path).map_err(|source| EventError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
