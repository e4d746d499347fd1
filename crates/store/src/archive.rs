//! Opening an archive and recording runs.

use crate::fts::FullText;
use crate::{schema, Prepared, StoreError};
use annalist_doc::Doc;
use rusqlite::{params, Connection, OpenFlags};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Default window, in days, within which reports of the same
/// (source, target, CAMEO code, place) merge into one event.
pub const DEFAULT_WINDOW_DAYS: i64 = 1;

/// What a run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// `annalist ingest`.
    Ingest,
    /// `annalist reprocess`.
    Reprocess,
}

impl RunKind {
    fn as_str(self) -> &'static str {
        match self {
            RunKind::Ingest => "ingest",
            RunKind::Reprocess => "reprocess",
        }
    }
}

/// An open archive: the SQLite database and its full-text index.
pub struct Archive {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) fts: FullText,
    pub(crate) window_days: i64,
    pub(crate) last_index_commit: std::time::Instant,
}

impl Archive {
    /// Opens the archive at `path`, creating it (and `<path>.index/`) when
    /// missing, migrating an older schema, refusing a newer one.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let mut conn = Connection::open(path)?;
        schema::configure(&conn)?;
        schema::migrate(&mut conn, path, DEFAULT_WINDOW_DAYS)?;
        let window_days = conn
            .query_row(
                "SELECT value FROM meta WHERE key='dedup_window_days'",
                [],
                |r| r.get::<_, String>(0),
            )
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_WINDOW_DAYS);
        let fts = FullText::open(&index_dir(path))?;
        Ok(Archive {
            conn,
            path: path.to_path_buf(),
            fts,
            window_days,
            last_index_commit: std::time::Instant::now(),
        })
    }

    /// Opens an existing archive (for `query`, `search`,
    /// `export`, `stats`): a missing file is an error, not a new archive.
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        if !path.exists() {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no archive here (run `annalist ingest` first)",
                ),
            });
        }
        Self::open(path)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for read-only ad-hoc SQL.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The event-merging window in days, fixed at creation.
    pub fn window_days(&self) -> i64 {
        self.window_days
    }

    /// Adds to the full-text index any story that SQLite holds but the
    /// index's last commit does not (after a killed ingest).
    pub fn catch_up_index(&mut self) -> Result<usize, StoreError> {
        let upto = self.fts.indexed_upto()?;
        let mut stmt = self.conn.prepare(
            "SELECT seq, story_id, coalesce(title, ''), text, body_start_byte, body_end_byte \
             FROM stories WHERE seq > ?1 ORDER BY seq",
        )?;
        let mut rows = stmt.query([upto])?;
        let mut n = 0;
        let mut last = upto;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let text: String = r.get(3)?;
            let body = body_of(&text, r.get(4)?, r.get(5)?);
            self.fts
                .add(seq, &r.get::<_, String>(1)?, &r.get::<_, String>(2)?, body)?;
            last = seq;
            n += 1;
        }
        drop(rows);
        drop(stmt);
        if n > 0 {
            self.fts.commit(last)?;
        }
        Ok(n)
    }

    /// Starts a run record. `versions` are the pipeline's (stage, version)
    /// pairs; `inputs` the paths given on the command line.
    pub fn begin_run(
        &mut self,
        kind: RunKind,
        versions: &[(&str, String)],
        inputs: &[String],
    ) -> Result<i64, StoreError> {
        // Holding the writer lock proves that runs still marked `running`
        // belong to processes that died (kill -9, power loss).
        self.fts.lock()?;
        self.conn.execute(
            "UPDATE runs SET status='interrupted' WHERE status='running'",
            [],
        )?;
        let pipeline = pipeline_string(versions);
        let versions_json: serde_json::Map<String, serde_json::Value> = versions
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone())))
            .collect();
        self.conn.execute(
            "INSERT INTO runs(kind, started_at, status, annalist_version, pipeline, versions, inputs) \
             VALUES(?1, ?2, 'running', ?3, ?4, ?5, ?6)",
            params![
                kind.as_str(),
                now_utc(),
                env!("CARGO_PKG_VERSION"),
                pipeline,
                serde_json::Value::Object(versions_json).to_string(),
                serde_json::to_string(inputs)?,
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Closes a run record and commits the full-text index.
    pub fn finish_run(&mut self, run_id: i64) -> Result<(), StoreError> {
        self.flush_index()?;
        // Fresh planner statistics, so an actor or date filter picks the
        // more selective covering index; sampled, so it stays fast.
        self.conn
            .execute_batch("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;")?;
        self.conn.execute(
            "UPDATE runs SET status='done', finished_at=?2 WHERE run_id=?1",
            params![run_id, now_utc()],
        )?;
        Ok(())
    }

    /// Commits pending full-text additions.
    pub fn flush_index(&mut self) -> Result<(), StoreError> {
        let max: i64 =
            self.conn
                .query_row("SELECT coalesce(max(seq), 0) FROM stories", [], |r| {
                    r.get(0)
                })?;
        self.fts.commit(max)
    }

    /// Runs SQLite's `PRAGMA integrity_check`; `Ok(true)` when it says ok.
    pub fn integrity_ok(&self) -> Result<bool, StoreError> {
        let s: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(s == "ok")
    }

    /// Number of documents in the full-text index's last commit.
    pub fn indexed_docs(&self) -> Result<u64, StoreError> {
        self.fts.num_docs()
    }

    /// A stable digest of the archive's contents (stories, layers, events,
    /// mentions), leaving out run bookkeeping; two archives built from the
    /// same input in the same order have the same fingerprint however many
    /// runs it took.
    pub fn fingerprint(&self) -> Result<String, StoreError> {
        use sha2::{Digest, Sha256};
        let queries = [
            "SELECT seq, story_id, external_id, url, title, agency, date, date_source, lang, origin_path, \
             origin_line, origin_format, body_start_byte, body_end_byte, n_tokens, n_sentences, pipeline, \
             error, header, text FROM stories ORDER BY seq",
            "SELECT * FROM annotations ORDER BY story_id, layer",
            "SELECT * FROM actors ORDER BY story_id, idx",
            "SELECT * FROM quotes ORDER BY story_id, idx",
            "SELECT * FROM timexes ORDER BY story_id, idx",
            "SELECT * FROM places ORDER BY story_id, idx",
            "SELECT event_id, day, date, source, target, cameo, root, quad_class, goldstein, loc_key, \
             num_mentions, num_sources, num_stories, confidence, first_story FROM events ORDER BY event_id",
            "SELECT * FROM mentions ORDER BY story_id, idx",
        ];
        let mut h = Sha256::new();
        for q in queries {
            let mut stmt = self.conn.prepare(q)?;
            let n = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    h.update(format!("{v:?}\x1f").as_bytes());
                }
                h.update(b"\x1e");
            }
            h.update(b"\x1d");
        }
        Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }
}

/// A second, read-only connection used by the reading side of a run: to
/// skip stories the archive already holds before spending pipeline time on
/// them (`ingest`), or to rebuild stored stories (`reprocess`), while the
/// writer thread holds the [`Archive`].
pub struct Lookup {
    conn: Connection,
}

impl Lookup {
    /// Opens a read-only connection to an archive created by [`Archive::open`].
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        Ok(Lookup { conn })
    }

    /// Rebuilds the unannotated document of a stored story (`reprocess`
    /// reads with this connection while the writer replaces layers).
    pub fn load_unannotated(&self, seq: i64) -> Result<(Prepared, Doc), StoreError> {
        crate::write::load_unannotated(&self.conn, seq)
    }

    /// Which of `ids` the archive already holds.
    pub fn existing<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM stories WHERE story_id = ?1")?;
        let mut out = HashSet::new();
        for id in ids {
            if stmt.exists([id])? {
                out.insert(id.to_string());
            }
        }
        Ok(out)
    }
}

/// `<db>.index`, the full-text index folder beside the database.
pub fn index_dir(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".index");
    PathBuf::from(s)
}

/// `tokenizer@1 tagger@2`: what a story was coded with.
pub fn pipeline_string(versions: &[(&str, String)]) -> String {
    versions
        .iter()
        .map(|(k, v)| format!("{k}@{v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The body slice of a stored text, tolerant of bad offsets.
pub(crate) fn body_of(text: &str, start: i64, end: i64) -> &str {
    let s = usize::try_from(start).unwrap_or(0);
    let e = usize::try_from(end).unwrap_or(text.len());
    text.get(s..e).unwrap_or(text)
}

/// Current UTC time as `YYYY-MM-DDTHH:MM:SSZ`, without a date library.
pub(crate) fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        t / 3600,
        t % 3600 / 60,
        t % 60
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2020, 1, 7), 18_268);
        for z in [-1000, 0, 18_268, 20_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }
}
