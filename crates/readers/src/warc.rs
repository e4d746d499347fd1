//! WARC crawl archives (WARC/1.0 and 1.1, `.warc` or `.warc.gz` with one
//! gzip member per record, as Common Crawl's CC-NEWS): every `response`
//! record with an HTML page becomes a story; the other records are skipped
//! and counted.
//!
//! The parser is written here over [`BufRead`] rather than taken from a
//! crate: a WARC record is a version line, `Name: value` header lines, a
//! blank line and `Content-Length` bytes, so a hundred lines do it, and
//! they stream with bounded memory (one record at a time, its body read
//! only when it is a response within the size limit, skipped otherwise),
//! report every bad record with its number and go on, and add no
//! dependency. The gzip layer is the caller's `MultiGzDecoder`, which
//! reads the members one after another.
//!
//! A response's body is an HTTP message: its headers are stripped, a
//! chunked or gzip/deflate-encoded body decoded, the charset taken from the
//! `Content-Type` header or else the page's `<meta charset>`, and the page
//! goes the way of a web-page file (main text through the extractor). The
//! story's `url` is the record's `WARC-Target-URI`; its date the page's own
//! when it gives one, else the `WARC-Date` (when it was fetched). A
//! response bigger than four times the story limit is skipped unread
//! (see `Warc::body_limit`).

use crate::html::{looks_like_html, page_record};
use crate::records::record_doc;
use crate::{DocResult, ReadError, ReadOptions, MAX_STORY_BYTES};
use std::collections::BTreeMap;
use std::io::{BufRead, Read};

/// Longest header block (WARC or HTTP) accepted: real ones are well under
/// 4 KB; a longer one is not a header.
const MAX_HEADER_BYTES: usize = 64 << 10;

/// True for `.warc` names (after an optional `.gz`).
pub(crate) fn is_warc_name(name: &str) -> bool {
    name.ends_with(".warc")
}

/// True when a stream starts like a WARC file.
pub(crate) fn looks_like_warc(head: &[u8]) -> bool {
    head.starts_with(b"WARC/")
}

/// Reads the records of a WARC stream one at a time.
pub(crate) fn warc(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    opts: ReadOptions,
) -> impl Iterator<Item = DocResult> + Send {
    let mut w = Warc {
        path: path.to_string(),
        reader,
        opts,
        n: 0,
        pending: None,
        done: false,
        counts: Counts::default(),
    };
    std::iter::from_fn(move || w.next_doc())
}

#[derive(Default)]
struct Counts {
    /// HTML responses read (into a story, or into an error about it).
    pages: u64,
    /// Other records, by `WARC-Type`.
    other: BTreeMap<String, u64>,
    /// Responses that are not an HTML page with a 2xx status.
    not_html: u64,
}

struct Warc {
    path: String,
    reader: Box<dyn BufRead + Send>,
    opts: ReadOptions,
    /// Number of the current record, from 1.
    n: u64,
    /// A version line found while looking for the next record after a bad
    /// one.
    pending: Option<Vec<u8>>,
    done: bool,
    counts: Counts,
}

/// What one record gave.
enum Step {
    /// A story, or an error about this record; the file goes on. Boxed:
    /// a document is large and the other steps are small.
    Doc(Box<DocResult>),
    /// Skipped (counted).
    Skip,
    /// The end of the file.
    End,
    /// The file cannot be read further (truncated, corrupt gzip).
    Fatal(ReadError),
}

impl Warc {
    fn next_doc(&mut self) -> Option<DocResult> {
        while !self.done {
            match self.step() {
                Step::Doc(d) => return Some(*d),
                Step::Skip => {}
                Step::End => self.finish(),
                Step::Fatal(e) => {
                    self.finish();
                    return Some(Err(e));
                }
            }
        }
        None
    }

    /// Reports the file's counts once, on standard error: the records
    /// skipped are not errors, but a user who expected stories from them
    /// must be able to see where they went.
    fn finish(&mut self) {
        self.done = true;
        let c = &self.counts;
        let other: u64 = c.other.values().sum();
        let kinds = c
            .other
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut line = format!(
            "annalist: {}: {} HTML responses read, {other} other records skipped",
            self.path, c.pages
        );
        if other > 0 {
            line.push_str(&format!(" ({kinds})"));
        }
        if c.not_html > 0 {
            line.push_str(&format!(
                ", {} responses not an HTML page with status 2xx skipped",
                c.not_html
            ));
        }
        eprintln!("{line}");
    }

    fn err(&self, reason: impl Into<String>) -> ReadError {
        ReadError::in_record(&self.path, self.n, reason)
    }

    /// Turns a read error into the end of the file: after a truncated or
    /// corrupt gzip member nothing further can be trusted.
    fn fatal(&self, e: std::io::Error) -> Step {
        Step::Fatal(self.err(format!(
            "cannot read: {e} (truncated or corrupt file); the rest of the file is lost"
        )))
    }

    fn step(&mut self) -> Step {
        // The version line, after the blank lines that end the last record.
        let version = match self.pending.take() {
            Some(v) => v,
            None => loop {
                match read_line(&mut *self.reader, MAX_HEADER_BYTES) {
                    Ok(None) => return Step::End,
                    Ok(Some(l)) if l.trim_ascii().is_empty() => continue,
                    Ok(Some(l)) => break l,
                    Err(e) => {
                        self.n += 1;
                        return self.fatal(e);
                    }
                }
            },
        };
        self.n += 1;
        if !version.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&version[..version.len().min(40)]).into_owned();
            return self.resync(format!(
                "not a WARC record (expected a line starting with \"WARC/\", found {shown:?})"
            ));
        }
        // The header fields this reader uses.
        let (mut kind, mut length, mut uri, mut date, mut ctype) =
            (String::new(), None, None, None, String::new());
        let mut header_bytes = version.len();
        loop {
            let line = match read_line(&mut *self.reader, MAX_HEADER_BYTES) {
                Ok(Some(l)) => l,
                Ok(None) => {
                    return Step::Fatal(self.err("truncated: the file ends inside a record header"))
                }
                Err(e) => return self.fatal(e),
            };
            header_bytes += line.len();
            if header_bytes > MAX_HEADER_BYTES {
                return self.resync(format!(
                    "record header longer than {} KB",
                    MAX_HEADER_BYTES >> 10
                ));
            }
            if line.trim_ascii().is_empty() {
                break;
            }
            let line = String::from_utf8_lossy(&line);
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => kind = value.to_ascii_lowercase(),
                "content-length" => length = Some(value.parse::<u64>().map_err(|_| value)),
                "warc-target-uri" => {
                    // WARC/1.0 writes the URI in angle brackets.
                    uri = Some(value.trim_matches(|c| c == '<' || c == '>').to_string())
                }
                "warc-date" => date = Some(value),
                "content-type" => ctype = value.to_ascii_lowercase(),
                _ => {}
            }
        }
        let length = match length {
            Some(Ok(n)) => n,
            Some(Err(v)) => return self.resync(format!("bad Content-Length {v:?}")),
            None => return self.resync("record has no Content-Length".to_string()),
        };
        if kind != "response" {
            let kind = if kind.is_empty() { "untyped" } else { &kind };
            *self.counts.other.entry(kind.to_string()).or_default() += 1;
            return self.skip_body(length).unwrap_or(Step::Skip);
        }
        if !ctype.is_empty() && !ctype.starts_with("application/http") {
            // A DNS answer or a response record written without its HTTP
            // envelope: not a web page fetched over HTTP.
            self.counts.not_html += 1;
            return self.skip_body(length).unwrap_or(Step::Skip);
        }
        let limit = self.body_limit();
        if length > limit {
            if let Some(stop) = self.skip_body(length) {
                return stop;
            }
            self.counts.pages += 1;
            return Step::Doc(Box::new(Err(self.err(format!(
                "response of {length} bytes, over the limit of {limit} bytes for one page \
                 (4 times --max-story-bytes); skipped unread"
            )))));
        }
        let mut body = Vec::new();
        match (&mut self.reader).take(length).read_to_end(&mut body) {
            Err(e) => return self.fatal(e),
            Ok(got) if (got as u64) < length => {
                return Step::Fatal(self.err(format!(
                    "truncated: Content-Length is {length} bytes but the file ends after {got}"
                )))
            }
            Ok(_) => {}
        }
        match self.response(&body, uri, date) {
            Some(doc) => {
                self.counts.pages += 1;
                Step::Doc(Box::new(doc))
            }
            None => {
                self.counts.not_html += 1;
                Step::Skip
            }
        }
    }

    /// Largest response read: four times the story limit (8 MiB by
    /// default), at most the read limit of one file. The markup of a page
    /// is many times its text, so the text limit cannot apply to it as it
    /// is; but the extractor holds a page's whole tree, some 18 bytes of
    /// memory per byte of HTML (a 29 MB page: 534 MB), so a crawl's memory
    /// stays bounded only if the page is. Real news pages are well under
    /// this (hundreds of KB).
    fn body_limit(&self) -> u64 {
        let cap = MAX_STORY_BYTES as u64;
        match self.opts.max_story_bytes as u64 {
            0 => cap,
            n => n.saturating_mul(4).min(cap),
        }
    }

    /// Skips `length` bytes of body; `Some` when the file ends or breaks
    /// first.
    fn skip_body(&mut self, length: u64) -> Option<Step> {
        match std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink()) {
            Err(e) => Some(self.fatal(e)),
            Ok(got) if got < length => Some(Step::Fatal(self.err(format!(
                "truncated: Content-Length is {length} bytes but the file ends after {got}"
            )))),
            Ok(_) => None,
        }
    }

    /// After a record that cannot be read: reports it and looks for the
    /// next line that starts a record, so one bad record costs one record.
    fn resync(&mut self, reason: String) -> Step {
        loop {
            match read_line(&mut *self.reader, MAX_HEADER_BYTES) {
                Ok(Some(l)) if l.starts_with(b"WARC/1.") => {
                    self.pending = Some(l);
                    break;
                }
                Ok(Some(_)) => {}
                Ok(None) => break,
                Err(_) => {
                    // The error is reported now; the next read meets the
                    // broken stream again and ends the file.
                    break;
                }
            }
        }
        Step::Doc(Box::new(Err(self.err(format!("{reason}; skipped")))))
    }

    /// The story in an HTTP response, an error about it, or `None` when it
    /// is not an HTML page with a 2xx status.
    fn response(
        &self,
        message: &[u8],
        uri: Option<String>,
        date: Option<String>,
    ) -> Option<DocResult> {
        let http = match Http::parse(message) {
            Ok(h) => h,
            Err(reason) => return Some(Err(self.err(reason))),
        };
        if !(200..300).contains(&http.status) {
            return None;
        }
        let body = &message[http.body_start..];
        match &http.content_type {
            Some(t) if !t.contains("html") => return None,
            None if !looks_like_html(body) && !head_has(body, b"<html") => return None,
            _ => {}
        }
        Some(self.page(&http, body, uri, date))
    }

    fn page(
        &self,
        http: &Http,
        body: &[u8],
        uri: Option<String>,
        date: Option<String>,
    ) -> DocResult {
        let body = if http.chunked {
            dechunk(body).ok_or_else(|| self.err("malformed chunked HTTP body"))?
        } else {
            body.to_vec()
        };
        let body = match http.encoding.as_deref() {
            None | Some("identity") => body,
            Some("gzip" | "x-gzip") => inflate(flate2::read::MultiGzDecoder::new(&body[..]))
                .map_err(|r| self.err(format!("gzip-encoded body: {r}")))?,
            Some("deflate") => inflate(flate2::read::ZlibDecoder::new(&body[..]))
                .map_err(|r| self.err(format!("deflate-encoded body: {r}")))?,
            Some(other) => {
                return Err(self.err(format!(
                "HTTP body in content encoding {other:?}, which this reader cannot decode; skipped"
            )))
            }
        };
        let charset = http
            .content_type
            .as_deref()
            .and_then(charset_param)
            .or_else(|| meta_charset(&body));
        let body = to_utf8(body, charset.as_deref());
        let (mut record, warning) = page_record(&body).map_err(|r| self.err(r))?;
        if let Some(u) = uri.filter(|u| !u.is_empty()) {
            record.url = Some(u);
        }
        record.date = record.date.or(date);
        let mut doc = record_doc(&self.path, Some(self.n), "warc", record, &self.opts)
            .map_err(ReadError::into_record)?;
        doc.warnings.extend(warning);
        Ok(doc)
    }
}

/// Reads one line (without its end), at most `limit` bytes kept; `None` at
/// the end of the stream.
fn read_line(reader: &mut dyn BufRead, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let mut any = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        any = true;
        let (chunk, used, end) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], i + 1, true),
            None => (buf, buf.len(), false),
        };
        let room = limit.saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        reader.consume(used);
        if end {
            break;
        }
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(any.then_some(line))
}

/// The parts of an HTTP response head that decide how to read its body.
struct Http {
    status: u16,
    /// Lower-cased `Content-Type`.
    content_type: Option<String>,
    /// Lower-cased `Content-Encoding`.
    encoding: Option<String>,
    chunked: bool,
    body_start: usize,
}

impl Http {
    fn parse(message: &[u8]) -> Result<Http, String> {
        let head = &message[..message.len().min(MAX_HEADER_BYTES)];
        let (head_end, body_start) = match find(head, b"\r\n\r\n") {
            Some(i) => (i, i + 4),
            None => match find(head, b"\n\n") {
                Some(i) => (i, i + 2),
                None if message.len() < MAX_HEADER_BYTES => (message.len(), message.len()),
                None => return Err("response has no HTTP header end".into()),
            },
        };
        let head = String::from_utf8_lossy(&head[..head_end]);
        let mut lines = head.lines();
        let status_line = lines.next().unwrap_or_default();
        let status = status_line
            .strip_prefix("HTTP/")
            .and_then(|s| s.split_whitespace().nth(1))
            .and_then(|s| s.parse::<u16>().ok())
            .ok_or_else(|| {
                format!(
                    "response does not start with an HTTP status line (found {:?})",
                    status_line.chars().take(40).collect::<String>()
                )
            })?;
        let mut http = Http {
            status,
            content_type: None,
            encoding: None,
            chunked: false,
            body_start,
        };
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_ascii_lowercase();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-type" => http.content_type = Some(value),
                "content-encoding" => http.encoding = Some(value),
                "transfer-encoding" => http.chunked = value.contains("chunked"),
                _ => {}
            }
        }
        Ok(http)
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// True when the first KB of `body` holds `what` (ASCII, any case).
fn head_has(body: &[u8], what: &[u8]) -> bool {
    body[..body.len().min(1024)]
        .windows(what.len())
        .any(|w| w.eq_ignore_ascii_case(what))
}

/// Undoes `Transfer-Encoding: chunked`; `None` when the chunks do not add
/// up.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = find(body, b"\n")?;
        let size = String::from_utf8_lossy(&body[..eol]);
        let size = size.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        body = &body[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

/// Decompresses an encoded body, no bigger than the page limit.
fn inflate(decoder: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(MAX_STORY_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() > MAX_STORY_BYTES {
        return Err(format!(
            "over the {} MB limit for one page once decompressed",
            MAX_STORY_BYTES >> 20
        ));
    }
    Ok(out)
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(ctype: &str) -> Option<String> {
    let at = ctype.find("charset=")?;
    let v = ctype[at + 8..]
        .trim_start_matches(['"', '\''])
        .split(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .next()?;
    (!v.is_empty()).then(|| v.to_string())
}

/// The charset a page declares in a `<meta>` element of its first 4 KB
/// (`<meta charset=…>` or `<meta http-equiv=Content-Type content="…;
/// charset=…">`), as browsers look for it.
fn meta_charset(page: &[u8]) -> Option<String> {
    let head = page[..page.len().min(4096)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&head[from..], b"<meta") {
        let start = from + i;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        let tag = String::from_utf8_lossy(&head[start..end]);
        if let Some(c) = charset_param(&tag) {
            return Some(c);
        }
        from = end;
    }
    None
}

/// The page in UTF-8 when it declares another charset that is known;
/// otherwise as it is (the decoder then reads UTF-8 or Windows-1252).
fn to_utf8(body: Vec<u8>, charset: Option<&str>) -> Vec<u8> {
    match charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes())) {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let (text, _, _) = enc.decode(&body);
            text.into_owned().into_bytes()
        }
        _ => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>Rebels shell port city</title></head><body><article><h1>Rebels shell port city</h1><p>Rebel forces shelled the port of Misrata on Tuesday, killing at least four civilians, the health ministry said in a statement.</p><p>The government in Tripoli called on the United Nations to act, and aid agencies said thousands of families had fled the city since January.</p></article></body></html>";

    fn record(kind: &str, uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        r.extend_from_slice(body);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut m = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        m.extend_from_slice(body);
        m
    }

    fn read(bytes: Vec<u8>) -> Vec<DocResult> {
        warc(
            "t.warc",
            Box::new(std::io::Cursor::new(bytes)),
            ReadOptions::default(),
        )
        .collect()
    }

    #[test]
    fn responses_become_stories_and_the_rest_is_skipped() {
        let mut w = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        );
        w.extend(record(
            "request",
            "http://x.test/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        w.extend(record(
            "response",
            "http://x.test/a",
            "application/http; msgtype=response",
            &http(
                "Content-Type: text/html; charset=utf-8\r\n",
                PAGE.as_bytes(),
            ),
        ));
        w.extend(record(
            "response",
            "http://x.test/logo.png",
            "application/http; msgtype=response",
            &http("Content-Type: image/png\r\n", b"\x89PNG"),
        ));
        let docs = read(w);
        assert_eq!(docs.len(), 1, "{docs:?}");
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.url.as_deref(), Some("http://x.test/a"));
        assert_eq!(d.origin.format, "warc");
        assert_eq!(d.origin.line, Some(3));
        let date = d.date.unwrap();
        assert_eq!((date.year, date.month, date.day), (Some(2024), 3, 5));
        assert!(d.text.contains("Rebel forces shelled"), "{}", d.text);
    }

    #[test]
    fn charset_chunking_and_gzip_encoding() {
        let latin = PAGE.replace("Misrata", "Misr\u{e0}ta");
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&latin1).unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", 10).into_bytes();
        chunked.extend_from_slice(&gz[..10]);
        chunked.extend_from_slice(format!("\r\n{:x}\r\n", gz.len() - 10).as_bytes());
        chunked.extend_from_slice(&gz[10..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let w = record(
            "response",
            "http://x.test/b",
            "application/http; msgtype=response",
            &http(
                "Content-Type: text/html; charset=ISO-8859-1\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
                &chunked,
            ),
        );
        let docs = read(w);
        let d = docs[0].as_ref().unwrap();
        assert!(d.text.contains("Misràta"), "{}", d.text);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert_eq!(
            meta_charset(b"<head><meta charset=\"shift_jis\">"),
            Some("shift_jis".into())
        );
        assert_eq!(
            meta_charset(
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">"
            ),
            Some("windows-1251".into())
        );
    }

    #[test]
    fn bad_records_are_reported_and_the_rest_goes_on() {
        let page = http("Content-Type: text/html\r\n", PAGE.as_bytes());
        let ok = record(
            "response",
            "http://x.test/c",
            "application/http; msgtype=response",
            &page,
        );
        let mut w = b"WARC/1.0\r\nWARC-Type: response\r\n\r\nno length here\r\n\r\n".to_vec();
        w.extend(&ok);
        w.extend(b"garbage line\r\n");
        w.extend(&ok);
        w.extend(&ok[..ok.len() - 100]);
        let docs = read(w);
        let shown: Vec<String> = docs
            .iter()
            .map(|d| match d {
                Ok(d) => format!("ok {}", d.origin.line.unwrap()),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(shown.len(), 5, "{shown:?}");
        assert!(
            shown[0].starts_with("t.warc record 1: record has no Content-Length"),
            "{shown:?}"
        );
        assert_eq!(shown[1], "ok 2");
        assert!(
            shown[2].starts_with("t.warc record 3: not a WARC record"),
            "{shown:?}"
        );
        assert_eq!(shown[3], "ok 4");
        assert!(
            shown[4].starts_with("t.warc record 5: truncated"),
            "{shown:?}"
        );
    }

    #[test]
    fn no_input_panics() {
        for bytes in [
            &b""[..],
            b"WARC/1.0",
            b"WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 30\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>\xff\x00",
            b"\x00\x01\x02",
        ] {
            let _ = read(bytes.to_vec());
        }
        assert_eq!(dechunk(b"zz\r\n"), None);
        assert_eq!(dechunk(b"5\r\nab"), None);
        assert_eq!(dechunk(b"2\r\nab\r\n0\r\n").as_deref(), Some(&b"ab"[..]));
    }
}
