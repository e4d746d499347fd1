//! Readers: news files and gold corpora in, [`annalist_doc::Doc`]s out.
//!
//! Inputs are files, directories (walked recursively in sorted order) or `-`
//! for standard input. The format follows the extension after an optional
//! `.gz`: `.jsonl`/`.ndjson` are JSON Lines, `.json` is JSON Lines, one
//! object or an array of objects, `.csv` is CSV with a
//! header, `.html`/`.htm` are web pages (main text extracted), `.sgm` are
//! SGML collections (Reuters-21578, TREC), `.rss`/`.atom` are feeds (one
//! story per item), `.warc` are crawl archives (one story per HTML
//! response, streamed), anything else is a wire-story text file — or a
//! feed, a crawl archive or a web page, when it starts like one (so an
//! `.xml` feed is read as a feed). Every problem becomes a [`ReadError`]
//! naming the file (and line or record) while the rest of the batch goes
//! on.

pub use annalist_corpora::conllu;
mod decode;
mod feeds;
mod html;
mod records;
mod sgml;
mod warc;
pub mod wire;

use annalist_doc::{Doc, DocDate, Origin};
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use decode::{decode, Decoded, MAX_STORY_BYTES};
pub use html::MAX_HTML_DEPTH;

/// Default limit on a story's text (2 MiB, `--max-story-bytes`): a hundred
/// times a long news story. Bigger "stories" are dumps, logs or hostile
/// input; the annotators' time and memory grow with the text, and one such
/// story would hold up its whole batch.
pub const DEFAULT_MAX_STORY_BYTES: usize = 2 << 20;

/// Options that apply to every document read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Document date that overrides every other source (`--date`).
    pub date: Option<DocDate>,
    /// Year for datelines that have none (`--year`).
    pub year: Option<i32>,
    /// Largest story text, in bytes of UTF-8 (headline and body, after
    /// decoding and, for a web page, main-text extraction); a bigger story
    /// is reported and skipped. 0: no limit beyond the read limit of
    /// [`MAX_STORY_BYTES`] per file or line.
    pub max_story_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            date: None,
            year: None,
            max_story_bytes: DEFAULT_MAX_STORY_BYTES,
        }
    }
}

impl ReadOptions {
    /// Why a story of `len` bytes of text is refused, when it is over
    /// [`ReadOptions::max_story_bytes`]. Whole stories are skipped rather
    /// than cut: a cut story would be coded as if it were all there.
    pub(crate) fn check_size(&self, len: usize) -> Result<(), String> {
        if self.max_story_bytes > 0 && len > self.max_story_bytes {
            return Err(format!(
                "story text is {len} bytes, over the limit of {} bytes (--max-story-bytes); skipped",
                self.max_story_bytes
            ));
        }
        Ok(())
    }
}

/// One input that could not be read, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// File path as given (or `-`).
    pub path: String,
    /// 1-based line (JSONL) or record (CSV), when the error is inside a file.
    pub line: Option<u64>,
    /// True when `line` counts records that have no line of their own (a
    /// WARC record, a feed item): shown as `path record N`, since a line
    /// number in a compressed crawl archive would help nobody.
    pub record: bool,
    /// What went wrong.
    pub reason: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.reason)
    }
}

impl std::error::Error for ReadError {}

impl ReadError {
    fn new(path: &str, line: Option<u64>, reason: impl Into<String>) -> Self {
        ReadError {
            path: path.to_string(),
            line,
            record: false,
            reason: reason.into(),
        }
    }

    /// An error about record `n` of a file (a WARC record, a feed item).
    fn in_record(path: &str, n: u64, reason: impl Into<String>) -> Self {
        ReadError {
            record: true,
            ..ReadError::new(path, Some(n), reason)
        }
    }

    /// The same error, its number counting records rather than lines.
    fn into_record(self) -> Self {
        ReadError {
            record: self.line.is_some(),
            ..self
        }
    }

    /// Where the error is: `path`, `path:line` or `path record N`.
    pub fn location(&self) -> String {
        match (self.line, self.record) {
            (Some(n), true) => format!("{} record {n}", self.path),
            (Some(l), false) => format!("{}:{l}", self.path),
            (None, _) => self.path.clone(),
        }
    }
}

/// Everything read: documents in input order, errors in their place.
pub type DocResult = Result<Doc, ReadError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Jsonl,
    Json,
    Csv,
    Html,
    Sgml,
    Feed,
    Warc,
}

fn format_of(path: &Path) -> (Format, bool) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(n) => (n.to_string(), true),
        None => (name, false),
    };
    let fmt = if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Format::Jsonl
    } else if name.ends_with(".json") {
        Format::Json
    } else if name.ends_with(".csv") {
        Format::Csv
    } else if html::is_html_name(&name) {
        Format::Html
    } else if sgml::is_sgml_name(&name) {
        Format::Sgml
    } else if feeds::is_feed_name(&name) {
        Format::Feed
    } else if warc::is_warc_name(&name) {
        Format::Warc
    } else {
        Format::Text
    };
    (fmt, gz)
}

/// Files skipped when walking a directory (named explicitly, they are read).
fn skipped_in_walk(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with(".md")
        || name.starts_with("readme")
        || name.starts_with("license")
}

enum Item {
    /// A file and, when found by walking a directory, its id.
    File(PathBuf, Option<String>),
    Stdin,
    Error(ReadError),
}

fn expand(inputs: &[PathBuf]) -> Vec<Item> {
    let mut items = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            items.push(Item::Stdin);
            continue;
        }
        let shown = input.display().to_string();
        match std::fs::metadata(input) {
            Err(e) => items.push(Item::Error(ReadError::new(&shown, None, io_reason(&e)))),
            Ok(m) if m.is_dir() => {
                let walker = walkdir::WalkDir::new(input)
                    .follow_links(true)
                    .sort_by_file_name();
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() && !skipped_in_walk(e.path()) => {
                            let id = walked_id(input, e.path());
                            items.push(Item::File(e.into_path(), Some(id)))
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let p = e
                                .path()
                                .map(|p| p.display().to_string())
                                .unwrap_or_else(|| shown.clone());
                            let reason =
                                e.io_error().map(io_reason).unwrap_or_else(|| e.to_string());
                            items.push(Item::Error(ReadError::new(&p, None, reason)));
                        }
                    }
                }
            }
            Ok(_) => items.push(Item::File(input.clone(), None)),
        }
    }
    items
}

/// Reads a whole collection file (SGML, a feed) that its parser wants in
/// one piece, up to four times the per-story limit; `what` names the
/// format in the message when it is larger.
pub(crate) fn read_collection(reader: &mut dyn BufRead, what: &str) -> Result<Vec<u8>, String> {
    let limit = 4 * MAX_STORY_BYTES as u64;
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("{what} file larger than {} MB", limit >> 20));
    }
    Ok(bytes)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads every input in order. Lazy: a large JSONL file is read line by line.
pub fn read_inputs(
    inputs: &[PathBuf],
    opts: &ReadOptions,
) -> impl Iterator<Item = DocResult> + Send {
    let opts = opts.clone();
    expand(inputs)
        .into_iter()
        .flat_map(move |item| -> Box<dyn Iterator<Item = DocResult> + Send> {
            match item {
                Item::Error(e) => Box::new(std::iter::once(Err(e))),
                Item::Stdin => read_stdin(&opts),
                Item::File(p, id) => read_file(&p, id, &opts),
            }
        })
}

fn read_stdin(opts: &ReadOptions) -> Box<dyn Iterator<Item = DocResult> + Send> {
    let fail = |e: std::io::Error| -> Box<dyn Iterator<Item = DocResult> + Send> {
        Box::new(std::iter::once(Err(ReadError::new(
            "-",
            None,
            io_reason(&e),
        ))))
    };
    let stdin: Box<dyn BufRead + Send> = Box::new(BufReader::new(std::io::stdin()));
    let (head, stdin) = match peek(stdin) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    // A crawl archive streams; everything else is one story or a small
    // collection, read whole.
    if warc::looks_like_warc(&head) {
        return Box::new(warc::warc("-", stdin, opts.clone()));
    }
    let mut bytes = Vec::new();
    if let Err(e) = { stdin }.read_to_end(&mut bytes) {
        return fail(e);
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if feeds::looks_like_feed(&head) {
        feeds::feed("-", Box::new(std::io::Cursor::new(bytes)), opts.clone())
    } else if first == Some(b'{') {
        let reader: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(bytes));
        Box::new(records::jsonl("-", reader, opts.clone()))
    } else if html::looks_like_html(&bytes) {
        Box::new(std::iter::once(html::html_doc("-", "stdin", &bytes, opts)))
    } else {
        Box::new(std::iter::once(text_doc("-", "stdin", &bytes, opts)))
    }
}

fn open(path: &Path, gz: bool) -> Result<Box<dyn BufRead + Send>, ReadError> {
    let shown = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| ReadError::new(&shown, None, io_reason(&e)))?;
    Ok(if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(f),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, f))
    })
}

/// The first few KB of a stream (fewer at its end), and the stream still
/// whole: enough to see what a file holds before choosing its reader.
fn peek(
    mut reader: Box<dyn BufRead + Send>,
) -> std::io::Result<(Vec<u8>, Box<dyn BufRead + Send>)> {
    let mut head = Vec::new();
    (&mut reader).take(4096).read_to_end(&mut head)?;
    let whole = std::io::Cursor::new(head.clone()).chain(reader);
    Ok((head, Box::new(BufReader::with_capacity(1 << 16, whole))))
}

fn read_file(
    path: &Path,
    id: Option<String>,
    opts: &ReadOptions,
) -> Box<dyn Iterator<Item = DocResult> + Send> {
    let shown = path.display().to_string();
    let (mut format, gz) = format_of(path);
    let reader = match open(path, gz) {
        Ok(r) => r,
        Err(e) => return Box::new(std::iter::once(Err(e))),
    };
    // Any other name (`.xml`, `.txt`, none): a feed or a crawl archive is
    // told by its first bytes, before the file is read as one story.
    let reader = if format == Format::Text {
        match peek(reader) {
            Ok((head, r)) => {
                if warc::looks_like_warc(&head) {
                    format = Format::Warc;
                } else if feeds::looks_like_feed(&head) {
                    format = Format::Feed;
                }
                r
            }
            Err(e) => {
                let err = ReadError::new(&shown, None, format!("cannot read: {e}"));
                return Box::new(std::iter::once(Err(err)));
            }
        }
    } else {
        reader
    };
    match format {
        Format::Jsonl => Box::new(records::jsonl(&shown, reader, opts.clone())),
        Format::Json => records::json(&shown, reader, opts.clone()),
        Format::Csv => records::csv(&shown, reader, opts.clone()),
        Format::Sgml => sgml::sgml(&shown, reader, opts.clone()),
        Format::Feed => feeds::feed(&shown, reader, opts.clone()),
        Format::Warc => Box::new(warc::warc(&shown, reader, opts.clone())),
        Format::Text | Format::Html => {
            let mut bytes = Vec::new();
            // Read one byte past the limit so an oversized story is detected
            // without loading all of it.
            let res = reader
                .take(MAX_STORY_BYTES as u64 + 1)
                .read_to_end(&mut bytes);
            let doc = match res {
                Err(e) => Err(ReadError::new(&shown, None, format!("cannot read: {e}"))),
                Ok(_) if bytes.len() > MAX_STORY_BYTES => Err(ReadError::new(
                    &shown,
                    None,
                    format!(
                        "story larger than the {} MB limit; split it or use JSON Lines",
                        MAX_STORY_BYTES >> 20
                    ),
                )),
                Ok(_) => {
                    let id = id.unwrap_or_else(|| strip_ext(&file_name(path)));
                    if format == Format::Html || html::looks_like_html(&bytes) {
                        html::html_doc(&shown, &id, &bytes, opts)
                    } else {
                        text_doc(&shown, &id, &bytes, opts)
                    }
                }
            };
            Box::new(std::iter::once(doc))
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string())
}

fn strip_ext(s: &str) -> String {
    let s = s.strip_suffix(".gz").unwrap_or(s);
    [".txt", ".html", ".htm"]
        .iter()
        .find_map(|e| s.strip_suffix(e))
        .unwrap_or(s)
        .to_string()
}

/// Id of a text file found in a directory walk: the directory's name and
/// the path below it, without the extension (`bbc/business/001`), so files
/// with the same name in different folders stay apart.
fn walked_id(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect::<Vec<_>>()
        .join("/");
    match root.file_name() {
        Some(r) => strip_ext(&format!("{}/{rel}", r.to_string_lossy())),
        None => strip_ext(&rel),
    }
}

fn text_doc(shown: &str, id: &str, bytes: &[u8], opts: &ReadOptions) -> DocResult {
    let decoded = decode(bytes).map_err(|reason| ReadError::new(shown, None, reason))?;
    opts.check_size(decoded.text.len())
        .map_err(|reason| ReadError::new(shown, None, reason))?;
    let mut doc = Doc::new(id, decoded.text);
    if let Some(w) = decoded.warning {
        doc.warnings.push(w);
    }
    doc.origin = Origin {
        path: shown.to_string(),
        line: None,
        format: "text".into(),
    };
    wire::parse_layout(&mut doc, true);
    if doc.body.is_empty() && doc.title.is_none() {
        return Err(ReadError::new(shown, None, "no text (only whitespace)"));
    }
    resolve_date(&mut doc, None, opts);
    Ok(doc)
}

/// Picks the document date: `--date`, then the record's date, then the
/// dateline (completed with `--year` when it has no year).
fn resolve_date(doc: &mut Doc, record_date: Option<DocDate>, opts: &ReadOptions) {
    let dateline = doc.dateline.as_ref().and_then(|d| d.date);
    let (date, source) = if let Some(d) = opts.date {
        (Some(d), "option")
    } else if let Some(d) = record_date {
        (Some(d), "record")
    } else if let Some(d) = dateline {
        let d = match (d.year, opts.year) {
            (None, Some(y)) => d.with_year(y).unwrap_or(d),
            _ => d,
        };
        (Some(d), "dateline")
    } else {
        (None, "")
    };
    if let Some(dl) = doc.dateline.as_mut() {
        if let (Some(d), None, Some(y)) = (dl.date, dl.date.and_then(|d| d.year), opts.year) {
            dl.date = d.with_year(y).or(Some(d));
        }
    }
    doc.date = date;
    doc.date_source = date.map(|_| source.to_string());
}
