//! The Annalist archive: a year of news in one file on the user's machine.
//!
//! Stories and every annotation layer live in SQLite (bundled, WAL mode);
//! a tantivy full-text index over titles and bodies sits beside it in
//! `<db>.index/`. SQLite is the source of truth: the index records in its
//! commit payload the last story it holds and catches up on open, so a
//! killed ingest never leaves the two disagreeing for long.
//!
//! A story's key is a hash of its normalised content (and URL), so
//! ingesting the same input twice adds nothing. Events reported by many
//! stories are merged GDELT-style into one `events` row with `mentions`.

mod archive;
mod error;
mod events;
mod export;
mod fts;
mod id;
#[cfg(feature = "parquet")]
mod parquet_out;
mod query;
mod rows;
mod schema;
mod stats;
mod write;

pub use archive::{index_dir, pipeline_string, Archive, Lookup, RunKind, DEFAULT_WINDOW_DAYS};
pub use error::StoreError;
pub use export::{export, ExportFormat, Table, GDELT_COLUMNS};
pub use fts::SearchHit;
pub use id::{prepare, story_id, Prepared};
pub use query::{CountBy, EventFilter, EventQuery};
pub use rows::{Column, ColumnKind, CsvSink, JsonlSink, RowSet, RowSink, TableSink, Value};
pub use schema::SCHEMA_VERSION;
pub use stats::{RunInfo, Stats};
pub use write::{BatchCounts, Item, StoryItem};

/// Widens an `f32` score by its shortest decimal form, so 0.94 is stored
/// as 0.94 and not 0.9399999976158142.
pub(crate) fn wide(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(x as f64)
}

/// Default archive path when neither `--db` nor `ANNALIST_DB` is given.
pub const DEFAULT_DB: &str = "annalist.db";
