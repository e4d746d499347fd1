//! Web pages: the article's main text, title, date, site and address.
//!
//! Boilerplate removal (menus, related links, comments, footers) is a solved
//! problem with a well-kept crate: `trafilatura`, a port of the extractor
//! that scores best on the Scrapinghub article benchmark. What it returns
//! is turned into a record (title, body, date, url) so that HTML documents
//! go through the same path as JSON Lines records. Paragraphs are kept as
//! blank-line-separated blocks: the sentence splitter and the wire-layout
//! reader rely on them.

use crate::records::{record_doc, Record};
use crate::{decode, DocResult, ReadError, ReadOptions};
use scraper::{ElementRef, Html, Node};

/// True for file names whose extension (after an optional `.gz`) is HTML.
pub(crate) fn is_html_name(name: &str) -> bool {
    name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml")
}

/// True when text read as a story is in fact a web page.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head: Vec<u8> = bytes[start..bytes.len().min(start + 64)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// Reads one web page into a document (`origin.format` = `html`).
pub(crate) fn html_doc(shown: &str, id: &str, bytes: &[u8], opts: &ReadOptions) -> DocResult {
    let err = |reason: String| ReadError::new(shown, None, reason);
    let decoded = decode(bytes).map_err(err)?;
    let page = decoded.text;
    let options = trafilatura::Options::default();
    // A third-party parser on arbitrary pages: a panic there must cost one
    // page, not the batch.
    let extracted =
        std::panic::catch_unwind(|| trafilatura::extract(&page, &options)).map_err(|_| {
            err("the HTML main-text extractor failed on this page (internal error)".into())
        })?;
    let result = extracted.map_err(|e| err(format!("no article text found in the page: {e}")))?;
    let mut body = paragraphs(&result.content_html);
    if body.trim().is_empty() {
        body = result.content_text.clone();
    }
    let meta = result.metadata;
    let some = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let record = Record {
        id: Some(id.to_string()),
        title: some(meta.title),
        text: Some(body),
        date: meta.date.map(|d| d.format("%Y-%m-%d").to_string()),
        source: some(meta.sitename),
        url: some(meta.url),
        lang: some(meta.language),
    };
    let mut doc = record_doc(shown, None, "html", record, opts)?;
    if let Some(w) = decoded.warning {
        doc.warnings.push(w);
    }
    Ok(doc)
}

/// Block-level elements: each starts a new paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "blockquote"
            | "pre"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "figure"
            | "figcaption"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
    )
}

/// The text of an HTML fragment, one paragraph per block element, blank
/// lines between paragraphs, whitespace inside a paragraph collapsed.
pub(crate) fn paragraphs(fragment: &str) -> String {
    let html = Html::parse_fragment(fragment);
    let mut out = Vec::new();
    let mut current = String::new();
    walk(html.root_element(), &mut current, &mut out);
    flush(&mut current, &mut out);
    out.join("\n\n")
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    let para = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !para.is_empty() {
        out.push(para);
    }
    current.clear();
}

fn walk(el: ElementRef<'_>, current: &mut String, out: &mut Vec<String>) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => current.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if matches!(name, "script" | "style" | "noscript" | "template") {
                    continue;
                }
                if name == "br" {
                    current.push(' ');
                    continue;
                }
                let block = is_block(name);
                if block {
                    flush(current, out);
                }
                if let Some(child_el) = ElementRef::wrap(child) {
                    walk(child_el, current, out);
                }
                if block {
                    flush(current, out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><title>Rebels shell port city - Example News</title>
<meta property="og:title" content="Rebels shell port city">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<meta property="og:site_name" content="Example News">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Rebels shell port city</h1>
<p>TRIPOLI, March 5 (Example) - Rebel forces shelled the port of Misrata on Tuesday,
killing at least four civilians, the health ministry said.</p>
<p>"The shelling went on for three hours," a resident told reporters. The government
in Tripoli called on the United Nations to act.</p>
<p>Fighting has displaced thousands of families since January, according to aid
agencies working in the area.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn main_text_title_and_date() {
        let doc = html_doc(
            "page.html",
            "page",
            PAGE.as_bytes(),
            &ReadOptions::default(),
        )
        .expect("page reads");
        assert_eq!(doc.origin.format, "html");
        assert!(doc
            .text
            .contains("Rebel forces shelled the port of Misrata"));
        assert!(!doc.text.contains("All rights reserved"), "{}", doc.text);
        assert!(!doc.text.contains("Sport"), "{}", doc.text);
        let title = doc.title.as_ref().expect("title").text.clone();
        assert!(title.contains("Rebels shell port city"), "{title}");
        // Paragraphs stay apart.
        assert!(doc.text.contains("said.\n\n"), "{}", doc.text);
        let date = doc.date.expect("date from the page's metadata");
        assert_eq!((date.year, date.month, date.day), (Some(2024), 3, 5));
    }

    #[test]
    fn sniffing_and_names() {
        assert!(looks_like_html(b"  <!DOCTYPE HTML><html>"));
        assert!(looks_like_html(b"<html><body>"));
        assert!(!looks_like_html(b"TRIPOLI, March 5 - <b>"));
        assert!(is_html_name("a.htm") && is_html_name("b.html") && !is_html_name("c.txt"));
    }

    #[test]
    fn paragraphs_from_blocks() {
        let t = paragraphs("<p>One <b>two</b>\n three.</p><ul><li>Four</li><li>Five</li></ul>");
        assert_eq!(t, "One two three.\n\nFour\n\nFive");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for page in [
            "<html>",
            "<html><body></body></html>",
            "<<<>>>",
            "<html>\u{0}",
        ] {
            let _ = html_doc("x.html", "x", page.as_bytes(), &ReadOptions::default());
        }
    }
}
