//! SGML news collections: Reuters-21578 (`<REUTERS NEWID=…>` with `<DATE>`,
//! `<TITLE>`, `<DATELINE>`, `<BODY>`) and the TREC layout (`<DOC>` with
//! `<DOCNO>`, `<HEADLINE>`, `<DATE>`, `<TEXT>`), many stories per file.
//!
//! Each story becomes a record (title, dateline + body, date) and goes the
//! JSON Lines path. Bodies in these collections are hard-wrapped at ~70
//! columns with paragraphs indented; the wrapping is undone and indented
//! lines start paragraphs, because sentence splitting and the dateline
//! reader rely on paragraphs. `origin.line` is the line where the story's
//! element opens.

use crate::records::{record_doc, Record};
use crate::{decode, DocResult, ReadError, ReadOptions};
use std::io::BufRead;

/// True for `.sgm` / `.sgml` names (after an optional `.gz`).
pub(crate) fn is_sgml_name(name: &str) -> bool {
    name.ends_with(".sgm") || name.ends_with(".sgml")
}

/// Reads every story element of an SGML collection file.
pub(crate) fn sgml(
    path: &str,
    mut reader: Box<dyn BufRead + Send>,
    opts: ReadOptions,
) -> Box<dyn Iterator<Item = DocResult> + Send> {
    let one_err = |reason: String| -> Box<dyn Iterator<Item = DocResult> + Send> {
        Box::new(std::iter::once(Err(ReadError::new(path, None, reason))))
    };
    let bytes = match crate::read_collection(&mut reader, "SGML") {
        Ok(b) => b,
        Err(reason) => return one_err(reason),
    };
    let decoded = match decode(&bytes) {
        Ok(d) => d,
        Err(reason) => return one_err(reason),
    };
    let text = decoded.text;
    let stories = story_elements(&text);
    if stories.is_empty() {
        return one_err("no <REUTERS> or <DOC> story elements in this SGML file".into());
    }
    let warning = decoded.warning;
    let path = path.to_string();
    let stem = file_stem(&path);
    let docs: Vec<DocResult> = stories
        .into_iter()
        .enumerate()
        .map(|(k, s)| {
            let line = Some(s.line);
            let story = parse_story(&text[s.start..s.end], &stem, k + 1);
            let mut doc = record_doc(&path, line, "sgml", story, &opts)?;
            if let Some(w) = &warning {
                doc.warnings.push(w.clone());
            }
            Ok(doc)
        })
        .collect();
    Box::new(docs.into_iter())
}

fn file_stem(path: &str) -> String {
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.to_string());
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let name = name.strip_suffix(".sgml").unwrap_or(name);
    name.strip_suffix(".sgm").unwrap_or(name).to_string()
}

struct StorySpan {
    start: usize,
    end: usize,
    /// 1-based line where the element opens.
    line: u64,
}

/// Byte ranges of the `<REUTERS …>…</REUTERS>` or `<DOC>…</DOC>` elements
/// (opening tag included).
fn story_elements(text: &str) -> Vec<StorySpan> {
    let lower = text.to_ascii_lowercase();
    let (open, close) = if lower.contains("<reuters") {
        ("<reuters", "</reuters>")
    } else {
        ("<doc>", "</doc>")
    };
    let mut out = Vec::new();
    let mut pos = 0;
    let mut line = 1u64;
    let mut counted = 0;
    while let Some(a) = lower[pos..].find(open).map(|a| a + pos) {
        line += lower.as_bytes()[counted..a]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        counted = a;
        let end = match lower[a..].find(close) {
            Some(e) => a + e + close.len(),
            // An unclosed last story still counts, up to the end of file.
            None => lower.len(),
        };
        out.push(StorySpan {
            start: a,
            end,
            line,
        });
        pos = end;
    }
    out
}

/// The content of the first `<tag …>…</tag>` in `s` (case-insensitive).
fn element<'a>(s: &'a str, tag: &str) -> Option<&'a str> {
    let lower = s.to_ascii_lowercase();
    let open = format!("<{tag}");
    let mut from = 0;
    let a = loop {
        let a = lower[from..].find(&open)? + from;
        // `<TEXT` must not match `<TEXTS`; the tag name ends at `>` or space.
        match lower.as_bytes().get(a + open.len()) {
            Some(b'>') | Some(b' ') | Some(b'\t') | Some(b'\n') => break a,
            _ => from = a + open.len(),
        }
    };
    let body_start = lower[a..].find('>')? + a + 1;
    let close = format!("</{tag}>");
    let end = lower[body_start..]
        .find(&close)
        .map_or(s.len(), |e| e + body_start);
    Some(&s[body_start..end])
}

/// The value of attribute `name` in the opening tag at the start of `s`.
fn attribute(s: &str, name: &str) -> Option<String> {
    let tag_end = s.find('>')?;
    let tag = &s[..tag_end];
    let lower = tag.to_ascii_lowercase();
    let key = format!("{} =", name.to_ascii_lowercase());
    let at = lower
        .find(&format!("{}=", name.to_ascii_lowercase()))
        .map(|i| i + name.len() + 1)
        .or_else(|| lower.find(&key).map(|i| i + key.len()))?;
    let rest = tag[at..].trim_start();
    let value = match rest.strip_prefix('"') {
        Some(r) => r.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    Some(value.to_string()).filter(|v| !v.is_empty())
}

/// Replaces character references and drops the control characters the
/// collections use as markers (`&#2;` starts a text, `&#3;` ends a body).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let ch = match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix('#')
                .and_then(|n| n.parse::<u32>().ok())
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) if c.is_control() && c != '\n' && c != '\t' => {}
            Some(c) => out.push(c),
            None => out.push_str(&rest[..=semi]),
        }
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    out.retain(|c| !c.is_control() || c == '\n' || c == '\t');
    out
}

/// Undoes hard wrapping: an indented or blank line starts a paragraph,
/// other line breaks become spaces. A closing `Reuter` sign-off is dropped.
fn reflow(body: &str) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let starts_para = line.starts_with(' ') || line.starts_with('\t') || line.is_empty();
        if starts_para && !current.trim().is_empty() {
            paras.push(std::mem::take(&mut current));
        }
        let t = line.trim();
        if !t.is_empty() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(t);
        }
    }
    if !current.trim().is_empty() {
        paras.push(current);
    }
    if paras.last().is_some_and(|p| p == "Reuter" || p == "REUTER") {
        paras.pop();
    }
    paras.join("\n\n")
}

/// Turns "26-FEB-1987 15:01:01.79" into "1987-02-26"; other forms are
/// passed on for the record-date parser to try.
fn normalize_date(s: &str) -> String {
    let s = s.trim();
    let first = s.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = first.split('-').collect();
    if let [d, m, y] = parts.as_slice() {
        if let (Ok(d), Some(mi), Ok(y)) = (
            d.parse::<u32>(),
            annalist_doc::words::month_number(m)
                .filter(|_| m.len() == 3)
                .map(|m| m as usize - 1),
            y.parse::<i32>(),
        ) {
            return format!("{y:04}-{:02}-{d:02}", mi + 1);
        }
    }
    s.to_string()
}

fn parse_story(s: &str, stem: &str, k: usize) -> Record {
    let clean = |x: &str| {
        let t = unescape(x);
        Some(t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty())
    };
    let id = attribute(s, "NEWID")
        .or_else(|| element(s, "docno").and_then(clean))
        .unwrap_or_else(|| format!("{stem}:{k}"));
    let title = element(s, "title")
        .or_else(|| element(s, "headline"))
        .or_else(|| element(s, "hl"))
        .and_then(clean);
    let date = element(s, "date")
        .and_then(clean)
        .map(|d| normalize_date(&d));
    let dateline = element(s, "dateline").and_then(clean);
    let body = element(s, "body")
        .or_else(|| element(s, "text").filter(|_| element(s, "title").is_none()))
        .map(|b| reflow(&unescape(b)))
        .unwrap_or_default();
    let text = match dateline {
        Some(dl) if !body.is_empty() => format!("{dl} {body}"),
        _ => body,
    };
    let reuters = s
        .get(..8)
        .is_some_and(|t| t.eq_ignore_ascii_case("<reuters"));
    Record {
        id: Some(id),
        title,
        text: Some(text),
        date,
        source: reuters.then(|| "Reuters".to_string()),
        url: None,
        lang: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REUTERS: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" NEWID="7">
<DATE> 3-MAR-1987 09:16:32.11</DATE>
<PLACES><D>libya</D></PLACES>
<TEXT>&#2;
<TITLE>LIBYA SAYS TALKS WITH EGYPT &lt;CONTINUE></TITLE>
<DATELINE>    TRIPOLI, March 3 - </DATELINE><BODY>Libya said talks with Egypt on
border trade would continue next week, the official news agency
said.
    The talks began on Monday in Cairo.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="8">
<DATE>4-MAR-1987 10:00:00.00</DATE>
<TEXT TYPE="BRIEF">&#2;
<TITLE>EGYPT CUTS RATES</TITLE>
&#3;</TEXT>
</REUTERS>
"#;

    fn read(s: &str) -> Vec<DocResult> {
        let r: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(s.as_bytes().to_vec()));
        sgml("reut2-000.sgm", r, ReadOptions::default()).collect()
    }

    #[test]
    fn reuters_stories() {
        let docs = read(REUTERS);
        assert_eq!(docs.len(), 2);
        let d = docs[0].as_ref().expect("first story");
        assert_eq!(d.id, "7");
        assert_eq!(d.origin.line, Some(2));
        assert_eq!(d.origin.format, "sgml");
        assert_eq!(
            d.title.as_ref().map(|t| t.text.as_str()),
            Some("LIBYA SAYS TALKS WITH EGYPT <CONTINUE>")
        );
        assert!(d
            .text
            .contains("TRIPOLI, March 3 - Libya said talks with Egypt on border trade"));
        assert!(d.text.contains("said.\n\nThe talks began"), "{}", d.text);
        assert!(!d.text.contains("Reuter\n") && !d.text.ends_with("Reuter"));
        let date = d.date.expect("date");
        assert_eq!((date.year, date.month, date.day), (Some(1987), 3, 3));
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        let brief = docs[1].as_ref().expect("title-only story");
        assert_eq!(brief.id, "8");
        assert_eq!(brief.origin.line, Some(14));
    }

    #[test]
    fn trec_layout() {
        let docs = read("<DOC>\n<DOCNO> AP-1 </DOCNO>\n<HEADLINE>Talks resume</HEADLINE>\n<TEXT>\nTalks resumed in Geneva on Monday.\n</TEXT>\n</DOC>\n");
        assert_eq!(docs.len(), 1);
        let d = docs[0].as_ref().expect("doc");
        assert_eq!(d.id, "AP-1");
        assert!(d.text.contains("Talks resumed in Geneva"));
    }

    #[test]
    fn odd_input_is_an_error_or_a_story_never_a_panic() {
        assert!(read("no markup at all").iter().all(|d| d.is_err()));
        for s in [
            "<REUTERS",
            "<REUTERS NEWID=>",
            "<doc><text>&#99999999;&",
            "<REUTERS><BODY>x",
        ] {
            let _ = read(s);
        }
        assert_eq!(
            unescape("a &lt;b&gt; &amp; &#3;c &bogus; &"),
            "a <b> & c &bogus; &"
        );
    }
}
