//! The tantivy full-text index over story titles and bodies.
//!
//! Only what search needs is indexed; texts stay in SQLite and snippets are
//! cut from there. The commit payload holds the highest story `seq` the
//! commit contains, which is how the archive knows what to re-add after a
//! crash.

use crate::StoreError;
use std::ops::Range;
use std::path::Path;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{Query, QueryParser};
use tantivy::schema::{Field, Schema, FAST, INDEXED, STORED, STRING, TEXT};
use tantivy::snippet::SnippetGenerator;
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Writer heap: tantivy's minimum is 15 MB per thread; more means fewer,
/// larger segments.
const WRITER_BUDGET: usize = 96 * 1024 * 1024;

/// One story found by [`crate::Archive::search`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    /// BM25 score.
    pub score: f32,
    /// The archive key.
    pub story_id: String,
    /// The reader's id of the story.
    pub external_id: String,
    /// Headline.
    pub title: Option<String>,
    /// Document date.
    pub date: Option<String>,
    /// News agency.
    pub agency: Option<String>,
    /// A fragment of the body around the best-matching terms.
    pub snippet: String,
    /// Byte ranges of matched terms within `snippet`.
    pub highlights: Vec<Range<usize>>,
}

pub(crate) struct FullText {
    index: Index,
    seq: Field,
    story_id: Field,
    title: Field,
    body: Field,
    writer: Option<IndexWriter>,
    reader: Option<IndexReader>,
    dirty: bool,
}

impl FullText {
    pub(crate) fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut sb = Schema::builder();
        let seq = sb.add_u64_field("seq", INDEXED | FAST | STORED);
        let story_id = sb.add_text_field("story_id", STRING | STORED);
        let title = sb.add_text_field("title", TEXT);
        let body = sb.add_text_field("body", TEXT);
        let schema = sb.build();
        let mmap = tantivy::directory::MmapDirectory::open(dir).map_err(|e| StoreError::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let index = Index::open_or_create(mmap, schema)?;
        Ok(FullText {
            index,
            seq,
            story_id,
            title,
            body,
            writer: None,
            reader: None,
            dirty: false,
        })
    }

    /// Highest story `seq` held by the last commit (0 when none).
    pub(crate) fn indexed_upto(&self) -> Result<i64, StoreError> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0))
    }

    fn writer(&mut self) -> Result<&mut IndexWriter, StoreError> {
        if self.writer.is_none() {
            // One indexing thread: the pipeline workers need the cores.
            let w = self
                .index
                .writer_with_num_threads(1, WRITER_BUDGET)
                .map_err(|e| match e {
                    tantivy::TantivyError::LockFailure(..) => StoreError::Invalid(
                        "another ingest or reprocess is writing to this archive".into(),
                    ),
                    e => e.into(),
                })?;
            self.writer = Some(w);
        }
        // Just set above when it was None.
        self.writer
            .as_mut()
            .ok_or_else(|| StoreError::Invalid("index writer unavailable".into()))
    }

    pub(crate) fn add(
        &mut self,
        seq: i64,
        story_id: &str,
        title: &str,
        body: &str,
    ) -> Result<(), StoreError> {
        let (f_seq, f_id, f_title, f_body) = (self.seq, self.story_id, self.title, self.body);
        let w = self.writer()?;
        // A re-add after a crash must not duplicate what an earlier commit
        // already holds.
        w.delete_term(Term::from_field_u64(f_seq, seq as u64));
        w.add_document(doc!(
            f_seq => seq as u64,
            f_id => story_id,
            f_title => title,
            f_body => body,
        ))?;
        self.dirty = true;
        Ok(())
    }

    /// Commits pending additions, recording `upto` as the payload.
    pub(crate) fn commit(&mut self, upto: i64) -> Result<(), StoreError> {
        if !self.dirty {
            return Ok(());
        }
        let w = self.writer()?;
        let mut prepared = w.prepare_commit()?;
        prepared.set_payload(&upto.to_string());
        prepared.commit()?;
        self.dirty = false;
        Ok(())
    }

    /// Takes the index's writer lock, held until the archive is closed;
    /// it marks this process as the archive's only writer.
    pub(crate) fn lock(&mut self) -> Result<(), StoreError> {
        self.writer().map(|_| ())
    }

    pub(crate) fn has_pending(&self) -> bool {
        self.dirty
    }

    fn reader(&mut self) -> Result<&IndexReader, StoreError> {
        if self.reader.is_none() {
            self.reader = Some(
                self.index
                    .reader_builder()
                    .reload_policy(ReloadPolicy::Manual)
                    .try_into()?,
            );
        }
        let r = self
            .reader
            .as_ref()
            .ok_or_else(|| StoreError::Invalid("index reader unavailable".into()))?;
        r.reload()?;
        Ok(r)
    }

    pub(crate) fn num_docs(&self) -> Result<u64, StoreError> {
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(reader.searcher().num_docs())
    }

    fn parse(&self, query: &str) -> Result<Box<dyn Query>, StoreError> {
        let mut qp = QueryParser::for_index(&self.index, vec![self.title, self.body]);
        // Researchers type several words meaning all of them.
        qp.set_conjunction_by_default();
        Ok(qp.parse_query(query)?)
    }

    /// `seq` of every story matching `query`, ascending.
    pub(crate) fn matching_seqs(&mut self, query: &str) -> Result<Vec<i64>, StoreError> {
        let q = self.parse(query)?;
        let searcher = self.reader()?.searcher();
        let hits = searcher.search(&*q, &DocSetCollector)?;
        let mut out = Vec::with_capacity(hits.len());
        let mut columns = Vec::new();
        for reader in searcher.segment_readers() {
            columns.push(reader.fast_fields().u64("seq")?);
        }
        for addr in hits {
            if let Some(v) = columns
                .get(addr.segment_ord as usize)
                .and_then(|c| c.first(addr.doc_id))
            {
                out.push(v as i64);
            }
        }
        out.sort_unstable();
        Ok(out)
    }

    /// Best `limit` stories for `query`, with a snippet generator for the
    /// body.
    pub(crate) fn top(
        &mut self,
        query: &str,
        limit: usize,
    ) -> Result<(Vec<(f32, i64)>, SnippetGenerator), StoreError> {
        let q = self.parse(query)?;
        let body = self.body;
        let seq_field = self.seq;
        let searcher = self.reader()?.searcher();
        let top = searcher.search(&*q, &TopDocs::with_limit(limit.max(1)))?;
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            use tantivy::schema::Value;
            if let Some(seq) = d.get_first(seq_field).and_then(|v| v.as_u64()) {
                out.push((score, seq as i64));
            }
        }
        let mut gen = SnippetGenerator::create(&searcher, &*q, body)?;
        gen.set_max_num_chars(240);
        Ok((out, gen))
    }
}
