//! Errors of the actor lexicon and knowledge base.

use std::path::PathBuf;

/// Why a lexicon or knowledge-base file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ActorError {
    /// The file could not be opened, read or written.
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
        /// Which file or lexicon.
        what: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

impl ActorError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        ActorError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
