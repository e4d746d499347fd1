//! Archive-wide counts and the run history.

use crate::{Archive, StoreError};

/// One ingest or reprocess run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RunInfo {
    /// Run number.
    pub run_id: i64,
    /// `ingest` or `reprocess`.
    pub kind: String,
    /// Start time (UTC).
    pub started_at: String,
    /// End time; `None` for a run that is going on or was killed.
    pub finished_at: Option<String>,
    /// `running`, `done`, or `interrupted` (the process died; set by the
    /// next run).
    pub status: String,
    /// Annalist version.
    pub annalist_version: String,
    /// Stage versions (`tokenizer@1 …`).
    pub pipeline: String,
    /// Inputs given.
    pub inputs: serde_json::Value,
    /// Records seen.
    pub seen: i64,
    /// Stories added or recomputed.
    pub added: i64,
    /// Stories already archived.
    pub duplicates: i64,
    /// Stories stored with a pipeline error.
    pub failed: i64,
    /// Records that could not be read.
    pub read_errors: i64,
}

/// What `annalist stats` reports.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stats {
    /// Archive schema version.
    pub schema_version: i64,
    /// Stories.
    pub stories: i64,
    /// Merged events.
    pub events: i64,
    /// Event mentions.
    pub mentions: i64,
    /// Actor mentions.
    pub actors: i64,
    /// Quotations.
    pub quotes: i64,
    /// Resolved toponyms.
    pub places: i64,
    /// Time expressions.
    pub timexes: i64,
    /// Stories stored with a pipeline error.
    pub failed: i64,
    /// Stories in the full-text index's last commit.
    pub indexed: u64,
    /// Runs, oldest first.
    pub runs: Vec<RunInfo>,
}

impl Archive {
    /// Counts everything.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let count = |sql: &str| -> Result<i64, StoreError> {
            Ok(self.conn.query_row(sql, [], |r| r.get(0))?)
        };
        let mut st = self.conn.prepare(
            "SELECT run_id, kind, started_at, finished_at, status, annalist_version, pipeline, inputs, \
             seen, added, duplicates, failed, read_errors FROM runs ORDER BY run_id",
        )?;
        let runs = st
            .query_map([], |r| {
                let inputs: String = r.get(7)?;
                Ok(RunInfo {
                    run_id: r.get(0)?,
                    kind: r.get(1)?,
                    started_at: r.get(2)?,
                    finished_at: r.get(3)?,
                    status: r.get(4)?,
                    annalist_version: r.get(5)?,
                    pipeline: r.get(6)?,
                    inputs: serde_json::from_str(&inputs).unwrap_or(serde_json::Value::Null),
                    seen: r.get(8)?,
                    added: r.get(9)?,
                    duplicates: r.get(10)?,
                    failed: r.get(11)?,
                    read_errors: r.get(12)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Stats {
            schema_version: crate::SCHEMA_VERSION,
            // max(seq) would be faster but wrong if stories were ever deleted.
            stories: count("SELECT count(*) FROM stories")?,
            events: count("SELECT count(*) FROM events")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            actors: count("SELECT count(*) FROM actors")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            places: count("SELECT count(*) FROM places")?,
            timexes: count("SELECT count(*) FROM timexes")?,
            failed: count("SELECT count(*) FROM stories WHERE error IS NOT NULL")?,
            indexed: self.fts.num_docs()?,
            runs,
        })
    }
}
