//! JSON Lines and CSV records: `id`, `title`, `text`, optional `date`,
//! `source`, `url`, `lang`.

use crate::{decode, resolve_date, wire, DocResult, ReadError, ReadOptions, MAX_STORY_BYTES};
use annalist_doc::{CharIndex, Doc, DocDate, Origin, TextField};
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};

#[derive(Debug, Deserialize, Default)]
pub(crate) struct Record {
    #[serde(
        default,
        alias = "ID",
        alias = "_id",
        deserialize_with = "string_or_number"
    )]
    pub(crate) id: Option<String>,
    #[serde(default, alias = "headline")]
    pub(crate) title: Option<String>,
    /// `content_original` (AllSides), `content`, `body` are accepted too.
    #[serde(default, alias = "content_original", alias = "content", alias = "body")]
    pub(crate) text: Option<String>,
    #[serde(default, alias = "published", alias = "publish_date")]
    pub(crate) date: Option<String>,
    #[serde(default)]
    pub(crate) source: Option<String>,
    #[serde(default)]
    pub(crate) url: Option<String>,
    #[serde(default)]
    pub(crate) lang: Option<String>,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    })
}

/// Builds a document from a record. The analysed text is the title, a blank
/// line, and the body, so the headline is tokenized too.
pub(crate) fn record_doc(
    path: &str,
    line: Option<u64>,
    format: &str,
    rec: Record,
    opts: &ReadOptions,
) -> DocResult {
    let err = |reason: String| ReadError::new(path, line, reason);
    let body = rec
        .text
        .ok_or_else(|| err("record has no \"text\" field".into()))?;
    let title = rec.title.filter(|t| !t.trim().is_empty());
    if body.trim().is_empty() && title.is_none() {
        return Err(err("record has empty \"text\" and no title".into()));
    }
    let (text, title_len) = match &title {
        Some(t) => {
            let t = t.trim();
            (format!("{t}\n\n{body}"), Some(t.len()))
        }
        None => (body, None),
    };
    opts.check_size(text.len()).map_err(err)?;
    let stem = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.to_string());
    let id = rec.id.unwrap_or_else(|| match line {
        Some(l) => format!("{stem}:{l}"),
        None => stem,
    });
    let mut doc = Doc::new(id, text);
    doc.origin = Origin {
        path: path.to_string(),
        line,
        format: format.into(),
    };
    wire::parse_layout(&mut doc, false);
    if let Some(n) = title_len {
        let index = CharIndex::new(&doc.text);
        doc.title = Some(TextField {
            text: doc.text[..n].to_string(),
            offsets: index.offsets(0, n),
        });
        // The body starts after the title; re-run the layout on the body so
        // a dateline at its start is still found.
        let mut body_doc = Doc::new("", doc.text[n..].to_string());
        wire::parse_layout(&mut body_doc, false);
        let shift = |o: &mut annalist_doc::Offsets| {
            *o = index.offsets(o.start as usize + n, o.end as usize + n);
        };
        let mut body = body_doc.body;
        shift(&mut body);
        doc.body = body;
        doc.dateline = body_doc.dateline.map(|mut d| {
            shift(&mut d.offsets);
            d
        });
        doc.meta = body_doc
            .meta
            .into_iter()
            .map(|mut m| {
                shift(&mut m.offsets);
                m
            })
            .collect();
        doc.agency = body_doc.agency;
    }
    if let Some(src) = rec.source.filter(|s| !s.trim().is_empty()) {
        doc.agency = Some(src);
    }
    doc.url = rec.url.filter(|s| !s.is_empty());
    doc.lang = rec.lang.filter(|s| !s.is_empty());
    let record_date = match rec.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => match parse_record_date(d) {
            Ok(d) if d.year.is_some_and(|y| y < 1800) => {
                doc.warnings
                    .push(format!("ignoring implausible record date {d}"));
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                doc.warnings.push(format!("ignoring record date: {e}"));
                None
            }
        },
        None => None,
    };
    resolve_date(&mut doc, record_date, opts);
    Ok(doc)
}

/// Iterates the lines of a JSON Lines stream.
pub(crate) fn jsonl(
    path: &str,
    mut reader: Box<dyn BufRead + Send>,
    opts: ReadOptions,
) -> impl Iterator<Item = DocResult> + Send {
    let path = path.to_string();
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    std::iter::from_fn(move || loop {
        buf.clear();
        line_no += 1;
        let res = read_line_limited(&mut reader, &mut buf);
        match res {
            Err(e) => {
                return Some(Err(ReadError::new(
                    &path,
                    Some(line_no),
                    format!("cannot read: {e}"),
                )))
            }
            Ok(LineRead::Eof) => return None,
            Ok(LineRead::TooLong) => {
                return Some(Err(ReadError::new(
                    &path,
                    Some(line_no),
                    format!("line longer than the {} MB limit", MAX_STORY_BYTES >> 20),
                )))
            }
            Ok(LineRead::Line) => {}
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let text = match decode(&buf) {
            Ok(d) => d.text,
            Err(reason) => return Some(Err(ReadError::new(&path, Some(line_no), reason))),
        };
        let rec: Record = match serde_json::from_str(&text) {
            Ok(r) => r,
            Err(e) => {
                return Some(Err(ReadError::new(
                    &path,
                    Some(line_no),
                    format!("malformed JSON: {e}"),
                )))
            }
        };
        return Some(record_doc(&path, Some(line_no), "jsonl", rec, &opts));
    })
}

/// A `.json` file: JSON Lines, one object (perhaps pretty-printed), or an
/// array of objects. Arrays number their records from 1 in place of lines.
pub(crate) fn json(
    path: &str,
    mut reader: Box<dyn BufRead + Send>,
    opts: ReadOptions,
) -> Box<dyn Iterator<Item = DocResult> + Send> {
    // JSON Lines (the first non-blank line is a whole object) streams line
    // by line like `.jsonl`; only arrays and multi-line objects are read
    // whole.
    let mut bytes = Vec::new();
    loop {
        let start = bytes.len();
        let res = read_line_limited(&mut reader, &mut bytes);
        // The line reader drops the newline; keep the bytes as they were.
        if matches!(res, Ok(LineRead::Line)) {
            bytes.push(b'\n');
        }
        match res {
            Ok(LineRead::Line) if bytes[start..].iter().all(u8::is_ascii_whitespace) => continue,
            Ok(LineRead::Line) => {
                let line = bytes[start..].trim_ascii();
                if line.first() == Some(&b'{')
                    && serde_json::from_slice::<serde::de::IgnoredAny>(line).is_ok()
                {
                    let rest = std::io::Cursor::new(bytes).chain(reader);
                    return Box::new(jsonl(path, Box::new(BufReader::new(rest)), opts));
                }
            }
            _ => {}
        }
        break;
    }
    let limit = 4 * MAX_STORY_BYTES as u64;
    if let Err(e) = (&mut reader)
        .take((limit + 1).saturating_sub(bytes.len() as u64))
        .read_to_end(&mut bytes)
    {
        let err = ReadError::new(path, None, format!("cannot read: {e}"));
        return Box::new(std::iter::once(Err(err)));
    }
    if bytes.len() as u64 > limit {
        let reason = format!(
            "JSON file larger than {} MB; write it as JSON Lines (one record per line)",
            limit >> 20
        );
        return Box::new(std::iter::once(Err(ReadError::new(path, None, reason))));
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let whole: Option<serde_json::Value> = match first {
        Some(b'[') | Some(b'{') => serde_json::from_slice(&bytes).ok(),
        _ => None,
    };
    match whole {
        Some(serde_json::Value::Array(items)) => {
            let path = path.to_string();
            Box::new(items.into_iter().enumerate().map(move |(i, v)| {
                let n = Some(i as u64 + 1);
                let rec: Record = serde_json::from_value(v).map_err(|e| {
                    ReadError::new(
                        &path,
                        n,
                        format!("record {}: not a story record: {e}", i + 1),
                    )
                })?;
                record_doc(&path, n, "json", rec, &opts)
            }))
        }
        // One object spread over several lines (a single line is JSON
        // Lines, read below with its line number).
        Some(v @ serde_json::Value::Object(_)) if bytes.trim_ascii().contains(&b'\n') => {
            let doc = serde_json::from_value::<Record>(v)
                .map_err(|e| ReadError::new(path, None, format!("not a story record: {e}")))
                .and_then(|rec| record_doc(path, None, "json", rec, &opts));
            Box::new(std::iter::once(doc))
        }
        // Not one value: let the line reader say which line is wrong.
        _ => Box::new(jsonl(path, Box::new(std::io::Cursor::new(bytes)), opts)),
    }
}

enum LineRead {
    Line,
    TooLong,
    Eof,
}

/// Reads one line into `buf` without ever holding more than the story limit;
/// the rest of an over-long line is skipped.
fn read_line_limited(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> std::io::Result<LineRead> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(if !any {
                LineRead::Eof
            } else if too_long {
                LineRead::TooLong
            } else {
                LineRead::Line
            });
        }
        any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if !too_long {
            if buf.len() + chunk.len() > MAX_STORY_BYTES {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(available.len());
        reader.consume(used);
        if done.is_some() {
            return Ok(if too_long {
                LineRead::TooLong
            } else {
                LineRead::Line
            });
        }
    }
}

/// Iterates the records of a CSV file with a header row.
pub(crate) fn csv(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    opts: ReadOptions,
) -> Box<dyn Iterator<Item = DocResult> + Send> {
    let path = path.to_string();
    let mut rdr = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(reader);
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            return Box::new(std::iter::once(Err(ReadError::new(
                &path,
                Some(1),
                format!("bad CSV header: {e}"),
            ))))
        }
    };
    if !headers.iter().any(|h| h == "text") {
        return Box::new(std::iter::once(Err(ReadError::new(
            &path,
            Some(1),
            "CSV header has no \"text\" column",
        ))));
    }
    let col = move |name: &str| headers.iter().position(|h| h == name);
    let cols = [
        col("id"),
        col("title"),
        col("text"),
        col("date"),
        col("source"),
        col("url"),
        col("lang"),
    ];
    let mut records = rdr.into_byte_records();
    let mut n = 0u64;
    Box::new(std::iter::from_fn(move || {
        let rec = records.next()?;
        n += 1;
        let line = n + 1;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                return Some(Err(ReadError::new(
                    &path,
                    Some(line),
                    format!("malformed CSV: {e}"),
                )));
            }
        };
        let line = rec.position().map_or(line, |p| p.line());
        let field = |k: usize| -> Result<Option<String>, ReadError> {
            match cols[k].and_then(|i| rec.get(i)) {
                None => Ok(None),
                Some(b) => decode(b)
                    .map(|d| Some(d.text))
                    .or_else(|e| {
                        if b.is_empty() {
                            Ok(Some(String::new()))
                        } else {
                            Err(e)
                        }
                    })
                    .map_err(|e| ReadError::new(&path, Some(line), e)),
            }
        };
        let get = || -> Result<Record, ReadError> {
            Ok(Record {
                id: field(0)?,
                title: field(1)?,
                text: field(2)?,
                date: field(3)?,
                source: field(4)?,
                url: field(5)?,
                lang: field(6)?,
            })
        };
        Some(get().and_then(|r| record_doc(&path, Some(line), "csv", r, &opts)))
    }))
}

/// Reads a record's date: ISO 8601 (`2020-01-07`, `2020-01-07T10:00Z`),
/// US numeric (`1/7/20`, `1/7/2020`) or written out (`January 7, 2020`).
fn parse_record_date(s: &str) -> Result<DocDate, annalist_doc::ParseDateError> {
    if let Ok(d) = s.parse::<DocDate>() {
        return Ok(d);
    }
    let parts: Vec<&str> = s.split('/').collect();
    if let [m, d, y] = parts.as_slice() {
        if let (Ok(m), Ok(d), Ok(y)) = (m.parse::<u8>(), d.parse::<u8>(), y.trim().parse::<i32>()) {
            let y = if y < 100 { 2000 + y } else { y };
            if let Some(date) = DocDate::ymd(y, m, d) {
                return Ok(date);
            }
        }
    }
    match wire::parse_dateline_date(s) {
        Some(d) if d.year.is_some() => Ok(d),
        _ => Err(annalist_doc::ParseDateError(s.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json_text: &str) -> Vec<DocResult> {
        let reader: Box<dyn BufRead + Send> =
            Box::new(std::io::Cursor::new(json_text.as_bytes().to_vec()));
        json("x.json", reader, ReadOptions::default()).collect()
    }

    #[test]
    fn json_array_pretty_object_and_lines() {
        let array = "[\n {\"id\": \"a\", \"text\": \"Rebels attacked Sirte.\"},\n {\"id\": \"b\", \"text\": \"Talks resumed.\"}\n]";
        let docs = read(array);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].as_ref().unwrap().id, "b");
        assert_eq!(docs[1].as_ref().unwrap().origin.line, Some(2));

        let pretty =
            "{\n  \"id\": \"p\",\n  \"title\": \"Talks\",\n  \"text\": \"Talks resumed.\"\n}\n";
        let docs = read(pretty);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].as_ref().unwrap().id, "p");

        let lines = "{\"id\": \"l1\", \"text\": \"One.\"}\n{\"id\": \"l2\", \"text\": \"Two.\"}\n";
        let docs = read(lines);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].as_ref().unwrap().origin.line, Some(2));

        let not_records = "{\n  \"title\": \"no text\",\n  \"lang\": \"en\"\n}";
        let docs = read(not_records);
        assert_eq!(docs.len(), 1);
        assert!(docs[0].is_err());
        let bad_item = "[{\"text\": \"Fine.\"}, 3]";
        let docs = read(bad_item);
        assert!(docs[0].is_ok() && docs[1].is_err());
    }
}
