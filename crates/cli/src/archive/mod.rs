//! The archive commands: `ingest`, `reprocess`, `query`, `search`,
//! `export` and `stats`, over an `annalist-store` archive.

mod ingest;
mod output;
mod query;

pub use ingest::{ingest, reprocess, IngestArgs, ReprocessArgs};
pub use output::{export, stats, ExportArgs, StatsArgs};
pub use query::{query, search, QueryArgs, SearchArgs};

use clap::Args;
use std::path::PathBuf;

/// Which archive to use.
#[derive(Args, Debug, Clone)]
pub struct DbArg {
    /// The archive (SQLite file; the full-text index is `<db>.index/`).
    #[arg(long, env = "ANNALIST_DB", default_value = annalist_store::DEFAULT_DB)]
    pub db: PathBuf,
}
