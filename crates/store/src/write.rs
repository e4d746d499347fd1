//! The writer: one transaction per batch of annotated stories.
//!
//! Batches are written in input order by a single writer, so a re-run after
//! a crash (which skips the stories already committed) produces the same
//! rows, in the same order, as an uninterrupted run.

use crate::archive::body_of;
use crate::{events, Archive, Prepared, StoreError};
use annalist_doc::{Doc, QuoteKind, Span};
use rusqlite::{params, Transaction};
use std::time::Instant;

/// How often pending full-text additions are committed during a run.
/// Commits are costly (segment flush); SQLite is the record in between.
const INDEX_COMMIT_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

/// One annotated story ready to store.
#[derive(Debug)]
pub struct StoryItem {
    /// Key and header computed before the pipeline ran.
    pub prepared: Prepared,
    /// The annotated document.
    pub doc: Doc,
    /// The pipeline's error, when a stage failed; the story is kept with
    /// its text and metadata but no layers.
    pub error: Option<String>,
    /// Number of tokens (tokens themselves are not stored).
    pub n_tokens: usize,
}

impl StoryItem {
    /// Wraps an annotated document. The tokens are dropped here, in the
    /// calling (worker) thread, so the single writer does not spend its
    /// time freeing them.
    pub fn new(prepared: Prepared, mut doc: Doc, error: Option<String>) -> Self {
        let n_tokens = doc.tokens.len();
        doc.tokens = Vec::new();
        StoryItem {
            prepared,
            doc,
            error,
            n_tokens,
        }
    }
}

/// One element of a batch, in input order.
#[derive(Debug)]
pub enum Item {
    /// A story to store.
    Story(Box<StoryItem>),
    /// A story the reading side found already archived (not re-annotated).
    Duplicate,
    /// An input record that could not be read at all.
    ReadError {
        /// `path:line`.
        location: String,
        /// Why.
        message: String,
    },
}

/// What one batch (or a whole run) did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct BatchCounts {
    /// Input records seen.
    pub seen: u64,
    /// Stories added (or recomputed, for `reprocess`).
    pub added: u64,
    /// Stories already in the archive.
    pub duplicates: u64,
    /// Stories stored with a pipeline error.
    pub failed: u64,
    /// Records that could not be read.
    pub read_errors: u64,
}

impl BatchCounts {
    /// Adds another batch's counts.
    pub fn add(&mut self, o: &BatchCounts) {
        self.seen += o.seen;
        self.added += o.added;
        self.duplicates += o.duplicates;
        self.failed += o.failed;
        self.read_errors += o.read_errors;
    }
}

/// Text to index for one story, collected during the transaction and added
/// to tantivy once SQLite has committed.
struct ToIndex {
    seq: i64,
    story_id: String,
    title: String,
    body_start: usize,
    body_end: usize,
    text: String,
}

impl Archive {
    /// Writes a batch of new stories in one transaction, updating the run's
    /// counters in the same transaction.
    pub fn write_batch(
        &mut self,
        run_id: i64,
        items: Vec<Item>,
    ) -> Result<BatchCounts, StoreError> {
        let window = self.window_days;
        let mut counts = BatchCounts::default();
        let mut to_index = Vec::new();
        let tx = self.conn.transaction()?;
        let pipeline: String =
            tx.query_row("SELECT pipeline FROM runs WHERE run_id=?1", [run_id], |r| {
                r.get(0)
            })?;
        for item in items {
            counts.seen += 1;
            match item {
                Item::Duplicate => counts.duplicates += 1,
                Item::ReadError { location, message } => {
                    counts.read_errors += 1;
                    tx.execute(
                        "INSERT INTO run_errors(run_id, location, message) VALUES(?1, ?2, ?3)",
                        params![run_id, location, message],
                    )?;
                }
                Item::Story(s) => {
                    let Some(seq) = insert_story(&tx, run_id, &pipeline, &s)? else {
                        counts.duplicates += 1;
                        continue;
                    };
                    counts.added += 1;
                    if s.error.is_some() {
                        counts.failed += 1;
                    } else {
                        insert_layers(&tx, &s.prepared.story_id, &s.doc)?;
                        events::insert_mentions(&tx, &s.prepared.story_id, &s.doc, run_id, window)?;
                    }
                    let StoryItem { prepared, doc, .. } = *s;
                    to_index.push(ToIndex {
                        seq,
                        story_id: prepared.story_id,
                        title: doc.title.map(|t| t.text).unwrap_or_default(),
                        body_start: doc.body.start as usize,
                        body_end: doc.body.end as usize,
                        text: doc.text,
                    });
                }
            }
        }
        bump_run(&tx, run_id, &counts)?;
        tx.commit()?;
        for t in &to_index {
            let body = body_of(&t.text, t.body_start as i64, t.body_end as i64);
            self.fts.add(t.seq, &t.story_id, &t.title, body)?;
        }
        if self.fts.has_pending() && self.last_index_commit.elapsed() >= INDEX_COMMIT_EVERY {
            self.flush_index()?;
            self.last_index_commit = Instant::now();
        }
        Ok(counts)
    }

    /// Stories to recompute: coded by a pipeline other than `pipeline`, or
    /// failed; every story when `all`. Returns their `seq`, ascending.
    pub fn stale_stories(&self, pipeline: &str, all: bool) -> Result<Vec<i64>, StoreError> {
        let sql = if all {
            "SELECT seq FROM stories WHERE ?1 = ?1 ORDER BY seq"
        } else {
            "SELECT seq FROM stories WHERE pipeline != ?1 OR error IS NOT NULL ORDER BY seq"
        };
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([pipeline], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Rebuilds the unannotated document of a stored story, as the reader
    /// produced it.
    pub fn load_unannotated(&self, seq: i64) -> Result<(Prepared, Doc), StoreError> {
        load_unannotated(&self.conn, seq)
    }

    /// Replaces the layers of already-stored stories with new annotations
    /// (`reprocess`), one transaction for the batch.
    pub fn replace_batch(
        &mut self,
        run_id: i64,
        items: Vec<StoryItem>,
    ) -> Result<BatchCounts, StoreError> {
        let window = self.window_days;
        let mut counts = BatchCounts::default();
        let tx = self.conn.transaction()?;
        let pipeline: String =
            tx.query_row("SELECT pipeline FROM runs WHERE run_id=?1", [run_id], |r| {
                r.get(0)
            })?;
        for s in items {
            counts.seen += 1;
            let id = &s.prepared.story_id;
            delete_layers(&tx, id)?;
            tx.execute(
                "UPDATE stories SET n_tokens=?2, n_sentences=?3, pipeline=?4, run_id=?5, error=?6 \
                 WHERE story_id=?1",
                params![
                    id,
                    s.n_tokens as i64,
                    s.doc.sentences.len() as i64,
                    pipeline,
                    run_id,
                    s.error
                ],
            )?;
            counts.added += 1;
            if s.error.is_some() {
                counts.failed += 1;
                continue;
            }
            insert_layers(&tx, id, &s.doc)?;
            events::insert_mentions(&tx, id, &s.doc, run_id, window)?;
        }
        bump_run(&tx, run_id, &counts)?;
        tx.commit()?;
        Ok(counts)
    }
}

fn bump_run(tx: &Transaction, run_id: i64, c: &BatchCounts) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE runs SET seen=seen+?2, added=added+?3, duplicates=duplicates+?4, failed=failed+?5, \
         read_errors=read_errors+?6 WHERE run_id=?1",
        params![
            run_id,
            c.seen as i64,
            c.added as i64,
            c.duplicates as i64,
            c.failed as i64,
            c.read_errors as i64
        ],
    )?;
    Ok(())
}

/// Inserts the story row; `None` when the archive already holds it.
fn insert_story(
    tx: &Transaction,
    run_id: i64,
    pipeline: &str,
    s: &StoryItem,
) -> Result<Option<i64>, StoreError> {
    let d = &s.doc;
    let n = tx.execute(
        "INSERT OR IGNORE INTO stories(story_id, external_id, url, title, agency, date, date_source, lang, \
         origin_path, origin_line, origin_format, body_start_byte, body_end_byte, body_start_char, \
         body_end_char, n_tokens, n_sentences, pipeline, run_id, error, header, text) \
         VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
        params![
            s.prepared.story_id,
            d.id,
            d.url,
            d.title.as_ref().map(|t| t.text.as_str()),
            d.agency,
            d.date.map(|x| x.to_string()),
            d.date_source,
            d.lang,
            d.origin.path,
            d.origin.line.map(|l| l as i64),
            d.origin.format,
            d.body.start,
            d.body.end,
            d.body.char_start,
            d.body.char_end,
            s.n_tokens as i64,
            d.sentences.len() as i64,
            pipeline,
            run_id,
            s.error,
            s.prepared.header,
            d.text,
        ],
    )?;
    Ok((n == 1).then(|| tx.last_insert_rowid()))
}

fn spans_json(spans: &[Span]) -> String {
    let rows: Vec<[u32; 6]> = spans
        .iter()
        .map(|s| {
            [
                s.token_start,
                s.token_end,
                s.offsets.start,
                s.offsets.end,
                s.offsets.char_start,
                s.offsets.char_end,
            ]
        })
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into())
}

fn delete_layers(tx: &Transaction, story_id: &str) -> Result<(), StoreError> {
    for table in ["annotations", "actors", "quotes", "timexes", "places"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE story_id=?1"),
            [story_id],
        )?;
    }
    events::delete_mentions(tx, story_id)
}

/// Sentences and paragraphs as compact JSON, entities as JSON; the other
/// layers as rows of their own tables, each with its full record in `data`
/// so fields added to the document model later are kept too. Tokens are not stored: they are recomputed
/// from the text by the recorded pipeline version.
fn insert_layers(tx: &Transaction, story_id: &str, d: &Doc) -> Result<(), StoreError> {
    let mut ann = tx.prepare_cached(
        "INSERT OR REPLACE INTO annotations(story_id, layer, data) VALUES(?1, ?2, ?3)",
    )?;
    if !d.sentences.is_empty() {
        ann.execute(params![story_id, "sentences", spans_json(&d.sentences)])?;
    }
    if !d.paragraphs.is_empty() {
        ann.execute(params![story_id, "paragraphs", spans_json(&d.paragraphs)])?;
    }
    if !d.entities.is_empty() {
        ann.execute(params![
            story_id,
            "entities",
            serde_json::to_string(&d.entities)?
        ])?;
    }
    if !d.actors.is_empty() {
        let mut st = tx.prepare_cached(
            "INSERT INTO actors(story_id, idx, sentence, start_byte, end_byte, start_char, end_char, code, \
             name, antecedent, rule, data) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (i, a) in d.actors.iter().enumerate() {
            let o = a.span.offsets;
            st.execute(params![
                story_id,
                i as i64,
                d.sentence_of(a.span.token_start as usize).map(|s| s as i64),
                o.start,
                o.end,
                o.char_start,
                o.char_end,
                a.code,
                a.name,
                a.antecedent,
                a.rule,
                serde_json::to_string(a)?
            ])?;
        }
    }
    if !d.quotes.is_empty() {
        let mut st = tx.prepare_cached(
            "INSERT INTO quotes(story_id, idx, kind, content, spans, cue_start_byte, cue_end_byte, \
             source_start_byte, source_end_byte, speaker, speaker_code, data) \
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (i, q) in d.quotes.iter().enumerate() {
            let kind = match q.kind {
                QuoteKind::Direct => "direct",
                QuoteKind::Mixed => "mixed",
                QuoteKind::Indirect => "indirect",
            };
            let content: Vec<&str> = q
                .content
                .iter()
                .filter_map(|o| d.text.get(o.range()))
                .collect();
            st.execute(params![
                story_id,
                i as i64,
                kind,
                content.join(" … "),
                serde_json::to_string(&q.content)?,
                q.cue.map(|o| o.start),
                q.cue.map(|o| o.end),
                q.source.map(|o| o.start),
                q.source.map(|o| o.end),
                q.speaker,
                q.speaker_code,
                serde_json::to_string(q)?
            ])?;
        }
    }
    if !d.timexes.is_empty() {
        let mut st = tx.prepare_cached(
            "INSERT INTO timexes(story_id, idx, start_byte, end_byte, start_char, end_char, type, value, mod, \
             interval, data) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for (i, t) in d.timexes.iter().enumerate() {
            let o = t.offsets;
            st.execute(params![
                story_id,
                i as i64,
                o.start,
                o.end,
                o.char_start,
                o.char_end,
                t.kind,
                t.value,
                t.r#mod,
                t.interval,
                serde_json::to_string(t)?
            ])?;
        }
    }
    if !d.places.is_empty() {
        let mut st = tx.prepare_cached(
            "INSERT INTO places(story_id, idx, start_byte, end_byte, start_char, end_char, name, geonames_id, \
             canonical, country2, country3, admin1, lat, lon, feature_code, metonym, confidence, data) \
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?;
        for (i, p) in d.places.iter().enumerate() {
            let o = p.offsets;
            st.execute(params![
                story_id,
                i as i64,
                o.start,
                o.end,
                o.char_start,
                o.char_end,
                p.name,
                p.geonames_id.map(|g| g as i64),
                p.canonical,
                p.country2,
                p.country3,
                p.admin1,
                p.lat,
                p.lon,
                p.feature_code,
                p.metonym,
                crate::wide(p.confidence),
                serde_json::to_string(p)?
            ])?;
        }
    }
    Ok(())
}

/// Rebuilds the unannotated document of the story numbered `seq` from its
/// stored header and text.
pub(crate) fn load_unannotated(
    conn: &rusqlite::Connection,
    seq: i64,
) -> Result<(Prepared, Doc), StoreError> {
    let (story_id, header, text): (String, String, String) = conn.query_row(
        "SELECT story_id, header, text FROM stories WHERE seq=?1",
        [seq],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut doc: Doc = serde_json::from_str(&header)?;
    doc.text = text;
    Ok((Prepared { story_id, header }, doc))
}
