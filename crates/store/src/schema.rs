//! The SQLite schema, its version, and migrations from older versions.
//!
//! Every table is documented column by column in docs/schema.md
//! ("## Archive"). Offsets are stored both as bytes (`*_byte`, into the
//! UTF-8 text) and as characters (`*_char`, what SQLite's `substr` and
//! Python count).

use crate::StoreError;
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

/// Version of the archive schema this build writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

/// Migrations: `MIGRATIONS[k]` takes an archive from version `k` to `k+1`.
/// Version 0 is an empty database.
const MIGRATIONS: &[&str] = &[V1];

const V1: &str = r#"
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs(
  run_id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  annalist_version TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  versions TEXT NOT NULL,
  inputs TEXT NOT NULL,
  seen INTEGER NOT NULL DEFAULT 0,
  added INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  read_errors INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE run_errors(
  run_id INTEGER NOT NULL,
  location TEXT,
  message TEXT NOT NULL
);
CREATE TABLE stories(
  seq INTEGER PRIMARY KEY,
  story_id TEXT NOT NULL UNIQUE,
  external_id TEXT NOT NULL,
  url TEXT,
  title TEXT,
  agency TEXT,
  date TEXT,
  date_source TEXT,
  lang TEXT,
  origin_path TEXT,
  origin_line INTEGER,
  origin_format TEXT,
  body_start_byte INTEGER NOT NULL,
  body_end_byte INTEGER NOT NULL,
  body_start_char INTEGER NOT NULL,
  body_end_char INTEGER NOT NULL,
  n_tokens INTEGER NOT NULL,
  n_sentences INTEGER NOT NULL,
  pipeline TEXT NOT NULL,
  run_id INTEGER NOT NULL,
  error TEXT,
  header TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX stories_date ON stories(date);
CREATE INDEX stories_failed ON stories(seq) WHERE error IS NOT NULL;
CREATE TABLE annotations(
  story_id TEXT NOT NULL,
  layer TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY(story_id, layer)
) WITHOUT ROWID;
CREATE TABLE actors(
  story_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  sentence INTEGER,
  start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL,
  start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT,
  antecedent INTEGER,
  rule TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY(story_id, idx)
) WITHOUT ROWID;
CREATE INDEX actors_code ON actors(code);
CREATE TABLE quotes(
  story_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  kind TEXT NOT NULL,
  content TEXT NOT NULL,
  spans TEXT NOT NULL,
  cue_start_byte INTEGER, cue_end_byte INTEGER,
  source_start_byte INTEGER, source_end_byte INTEGER,
  speaker TEXT,
  speaker_code TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY(story_id, idx)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE TABLE timexes(
  story_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL,
  start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  mod TEXT,
  interval TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY(story_id, idx)
) WITHOUT ROWID;
CREATE TABLE places(
  story_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL,
  start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
  name TEXT NOT NULL,
  geonames_id INTEGER,
  canonical TEXT,
  country2 TEXT,
  country3 TEXT,
  admin1 TEXT,
  lat REAL,
  lon REAL,
  feature_code TEXT,
  metonym INTEGER NOT NULL,
  confidence REAL NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY(story_id, idx)
) WITHOUT ROWID;
CREATE TABLE events(
  event_id INTEGER PRIMARY KEY,
  day INTEGER,
  date TEXT,
  date_precision TEXT,
  source TEXT,
  target TEXT,
  cameo TEXT NOT NULL,
  base TEXT NOT NULL,
  root TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  plover TEXT,
  plover_mode TEXT,
  cameo_name TEXT,
  loc_key TEXT NOT NULL,
  loc_name TEXT,
  loc_geonames_id INTEGER,
  loc_country2 TEXT,
  loc_country3 TEXT,
  loc_admin1 TEXT,
  loc_lat REAL,
  loc_lon REAL,
  loc_feature_code TEXT,
  num_mentions INTEGER NOT NULL DEFAULT 0,
  num_sources INTEGER NOT NULL DEFAULT 0,
  num_stories INTEGER NOT NULL DEFAULT 0,
  confidence REAL NOT NULL DEFAULT 0,
  first_story TEXT NOT NULL,
  source_url TEXT,
  run_id INTEGER NOT NULL
);
CREATE INDEX events_key ON events(cameo, source, target, loc_key, day);
CREATE INDEX events_day ON events(day, source, target, quad_class, cameo, root, loc_country2, num_mentions);
CREATE INDEX events_source ON events(source, day, target, quad_class, cameo, root, loc_country2, num_mentions);
CREATE INDEX events_target ON events(target, day, source, quad_class, cameo, root, loc_country2, num_mentions);
CREATE TABLE mentions(
  story_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  sentence_start_byte INTEGER, sentence_end_byte INTEGER,
  sentence_start_char INTEGER, sentence_end_char INTEGER,
  trigger_start_byte INTEGER, trigger_end_byte INTEGER,
  trigger_start_char INTEGER, trigger_end_char INTEGER,
  source_actor INTEGER,
  target_actor INTEGER,
  timex INTEGER,
  location INTEGER,
  location_rule TEXT,
  agency TEXT,
  claimant TEXT,
  confidence REAL NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY(story_id, idx)
) WITHOUT ROWID;
CREATE INDEX mentions_event ON mentions(event_id);
"#;

/// Sets connection pragmas: WAL so readers never block the writer and a
/// killed process loses at most its open transaction.
pub(crate) fn configure(conn: &Connection) -> Result<(), StoreError> {
    // Stories are a few KB each: larger pages mean fewer overflow chains.
    // Only takes effect on a new, empty database.
    conn.pragma_update(None, "page_size", 16384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    Ok(())
}

/// Reads the archive's schema version; 0 for an empty database.
pub(crate) fn version(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if tables == 0 {
        return Ok(0);
    }
    let has_meta: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'",
        [],
        |r| r.get(0),
    )?;
    if has_meta == 0 {
        return Err(StoreError::NotAnArchive(path.to_path_buf()));
    }
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key='schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.and_then(|s| s.parse().ok()).unwrap_or(0))
}

/// Brings the archive up to [`SCHEMA_VERSION`], refusing newer archives.
pub(crate) fn migrate(
    conn: &mut Connection,
    path: &Path,
    window_days: i64,
) -> Result<(), StoreError> {
    let found = version(conn, path)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for step in &MIGRATIONS[found as usize..] {
        tx.execute_batch(step)?;
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?1)",
        [SCHEMA_VERSION.to_string()],
    )?;
    // The dedup window is fixed when the archive is created: changing it
    // later would make the same input merge differently.
    tx.execute(
        "INSERT OR IGNORE INTO meta(key, value) VALUES('dedup_window_days', ?1)",
        [window_days.to_string()],
    )?;
    tx.commit()?;
    Ok(())
}
