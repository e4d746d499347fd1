//! Errors of the archive.

use std::path::PathBuf;

/// Why an archive operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("archive database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// The full-text index failed.
    #[error("full-text index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The full-text query could not be parsed.
    #[error("full-text query: {0}")]
    QuerySyntax(#[from] tantivy::query::QueryParserError),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Writing an export stream failed.
    #[error("writing output: {0}")]
    Output(#[from] std::io::Error),
    /// The archive was written by a newer Annalist.
    #[error(
        "{path}: archive schema version {found} is newer than this annalist supports ({supported}); \
         use a newer annalist to read it"
    )]
    NewerSchema {
        /// The archive.
        path: PathBuf,
        /// Version found in the archive.
        found: i64,
        /// Newest version this build reads.
        supported: i64,
    },
    /// The file is not an Annalist archive.
    #[error("{0}: not an annalist archive (no meta table)")]
    NotAnArchive(PathBuf),
    /// A stored JSON value could not be read or written.
    #[error("stored JSON: {0}")]
    Json(serde_json::Error),
    /// CSV output failed.
    #[error("csv: {0}")]
    Csv(csv::Error),
    /// Parquet output failed.
    #[error("parquet: {0}")]
    Parquet(String),
    /// A query option was malformed.
    #[error("{0}")]
    Invalid(String),
}

// Output errors that are really I/O (a closed pipe) become `Output`, so the
// binary can recognise `annalist export | head` as a normal stop.
impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        if e.is_io() {
            StoreError::Output(e.into())
        } else {
            StoreError::Json(e)
        }
    }
}

impl From<csv::Error> for StoreError {
    fn from(e: csv::Error) -> Self {
        if e.is_io_error() {
            match e.into_kind() {
                csv::ErrorKind::Io(io) => StoreError::Output(io),
                other => StoreError::Csv(csv::Error::from(std::io::Error::other(format!(
                    "{other:?}"
                )))),
            }
        } else {
            StoreError::Csv(e)
        }
    }
}
