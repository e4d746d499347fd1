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
use std::collections::HashMap;

/// Deepest element nesting a web page may have. Real pages nest a few
/// dozen elements deep (the 210 Readability and Scrapinghub benchmark pages
/// in the shared data: 47 at most, by [`nesting_over`]'s count); a page nested thousands deep is broken or
/// hostile, and the main-text extractor's time grows with the square of
/// the depth (200,000 nested `<div>`s: 80 s).
pub const MAX_HTML_DEPTH: usize = 1000;

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
    let (mut record, warning) =
        page_record(bytes).map_err(|reason| ReadError::new(shown, None, reason))?;
    record.id = Some(id.to_string());
    let mut doc = record_doc(shown, None, "html", record, opts)?;
    doc.warnings.extend(warning);
    Ok(doc)
}

/// A web page's main text and metadata as a record (no id), with a warning
/// about its decoding when it was not UTF-8; or why it has none. Shared by
/// web-page files and crawl archives' responses.
pub(crate) fn page_record(bytes: &[u8]) -> Result<(Record, Option<String>), String> {
    // Before any parsing: a nesting bomb is refused in one linear scan
    // instead of the extractor's minutes.
    if let Some(at) = nesting_over(bytes, MAX_HTML_DEPTH) {
        return Err(format!(
            "web page nests elements more than {MAX_HTML_DEPTH} deep (at byte {at}); refused as malformed or hostile, not parsed"
        ));
    }
    let decoded = decode(bytes)?;
    let page = decoded.text;
    let options = trafilatura::Options::default();
    // A third-party parser on arbitrary pages: a panic there must cost one
    // page, not the batch.
    let extracted = std::panic::catch_unwind(|| trafilatura::extract(&page, &options))
        .map_err(|_| "the HTML main-text extractor failed on this page (internal error)")?;
    let result = extracted.map_err(|e| format!("no article text found in the page: {e}"))?;
    let mut body = paragraphs(&result.content_html);
    if body.trim().is_empty() {
        body = result.content_text.clone();
    }
    let meta = result.metadata;
    let some = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let record = Record {
        id: None,
        title: some(meta.title),
        text: Some(body),
        date: meta.date.map(|d| d.format("%Y-%m-%d").to_string()),
        source: some(meta.sitename),
        url: some(meta.url),
        // The page's own word (`<html lang>`), not the extractor's
        // `language`, which is its guess from the text: guessing is the
        // language stage's job, and it knows when a guess is unreliable.
        lang: declared_lang(bytes),
    };
    Ok((record, decoded.warning))
}

/// The language a page declares on its `<html>` element (`lang` or
/// `xml:lang`), as written.
fn declared_lang(page: &[u8]) -> Option<String> {
    let head = &page[..page.len().min(1 << 16)];
    let start = head
        .windows(5)
        .position(|w| w.eq_ignore_ascii_case(b"<html"))?;
    let tag = &head[start + 5..];
    let tag = &tag[..tag.iter().position(|&b| b == b'>')?];
    let lower = tag.to_ascii_lowercase();
    let at = lower
        .windows(5)
        .position(|w| w == b"lang=")
        .filter(|&i| i == 0 || matches!(lower[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b':'))?;
    let value = &tag[at + 5..];
    let value = match value.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let v = &value[1..];
            &v[..v.iter().position(|&b| b == q)?]
        }
        _ => {
            &value[..value
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'/')
                .unwrap_or(value.len())]
        }
    };
    let value = std::str::from_utf8(value).ok()?.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Elements that never hold others (`<br>`, `<img>`), or that the HTML
/// parser closes by itself when a sibling opens (`<p>`, `<li>`, `<td>`,
/// `<a>` in `<a>`): they never deepen a tree, so the scan skips them.
fn never_nests(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"br"
            | b"col"
            | b"embed"
            | b"frame"
            | b"hr"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"html"
            | b"head"
            | b"body"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"rb"
            | b"rt"
            | b"rtc"
            | b"rp"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"a"
            | b"form"
            | b"button"
            | b"nobr"
    )
}

/// Elements whose content is text up to their end tag, not markup.
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"plaintext"
    )
}

/// FNV-1a hash of a tag name, lower-cased: the scan keeps names as
/// numbers, so it allocates nothing per tag.
fn name_key(name: &[u8]) -> u64 {
    name.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3)
    })
}

/// Where the element nesting of a raw page first goes deeper than `limit`
/// (a byte offset), or `None`. One pass over the bytes, no tree: a stack
/// of open element names, closed the way the HTML parser closes them (an
/// end tag closes the nearest open element of its name and those inside
/// it; an end tag with no open element of its name is ignored, so stray
/// end tags cannot hide a bomb). Comments, doctypes and the text of
/// `<script>`/`<style>` are skipped; `<x/>` closes itself only inside
/// `<svg>`/`<math>`, as in the parser.
pub(crate) fn nesting_over(page: &[u8], limit: usize) -> Option<usize> {
    let n = page.len();
    let mut stack: Vec<u64> = Vec::new();
    let mut open: HashMap<u64, u32> = HashMap::new();
    let (svg, math) = (name_key(b"svg"), name_key(b"math"));
    let find = |from: usize, what: &[u8]| -> Option<usize> {
        page.get(from..)?
            .windows(what.len())
            .position(|w| w.eq_ignore_ascii_case(what))
            .map(|k| from + k)
    };
    let mut i = 0;
    while let Some(p) = page
        .get(i..)
        .and_then(|r| r.iter().position(|&b| b == b'<'))
    {
        let start = i + p;
        let mut j = start + 1;
        if page[j..].starts_with(b"!--") {
            i = find(j + 3, b"-->").map_or(n, |k| k + 3);
            continue;
        }
        if matches!(page.get(j), Some(b'!' | b'?')) {
            i = find(j, b">").map_or(n, |k| k + 1);
            continue;
        }
        let closing = page.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        if !page.get(j).is_some_and(u8::is_ascii_alphabetic) {
            // A `<` in text.
            i = start + 1;
            continue;
        }
        while page
            .get(j)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b':')
        {
            j += 1;
        }
        let name = page[name_start..j].to_ascii_lowercase();
        // The tag's end: the next `>` outside a quoted attribute value.
        let mut k = j;
        let mut last = 0u8;
        while k < n && page[k] != b'>' {
            let b = page[k];
            if (b == b'"' || b == b'\'') && last == b'=' {
                k = page[k + 1..]
                    .iter()
                    .position(|&c| c == b)
                    .map_or(n, |q| k + 1 + q);
            }
            if !b.is_ascii_whitespace() {
                last = b;
            }
            k += 1;
        }
        let self_closing = k < n && k > j && page[k - 1] == b'/';
        i = (k + 1).min(n);
        if never_nests(&name) {
            continue;
        }
        let key = name_key(&name);
        if closing {
            if open.get(&key).is_some_and(|&c| c > 0) {
                while let Some(top) = stack.pop() {
                    if let Some(c) = open.get_mut(&top) {
                        *c = c.saturating_sub(1);
                    }
                    if top == key {
                        break;
                    }
                }
            }
            continue;
        }
        let foreign =
            open.get(&svg).is_some_and(|&c| c > 0) || open.get(&math).is_some_and(|&c| c > 0);
        if is_raw_text(&name) {
            if !(self_closing && foreign) {
                let mut end_tag = b"</".to_vec();
                end_tag.extend_from_slice(&name);
                i = find(i, &end_tag).unwrap_or(n);
            }
            continue;
        }
        if self_closing && foreign {
            continue;
        }
        stack.push(key);
        *open.entry(key).or_insert(0) += 1;
        if stack.len() > limit {
            return Some(start);
        }
    }
    None
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
    fn the_declared_language_is_the_html_elements() {
        assert_eq!(declared_lang(PAGE.as_bytes()).as_deref(), Some("en"));
        assert_eq!(
            declared_lang(b"<!doctype html><HTML xml:lang='it-IT' class=x>").as_deref(),
            Some("it-IT")
        );
        assert_eq!(
            declared_lang(b"<html lang=de><body>").as_deref(),
            Some("de")
        );
        assert_eq!(declared_lang(b"<html data-lang=\"x\"><body>"), None);
        assert_eq!(declared_lang(b"<html lang=\"\">"), None);
        assert_eq!(declared_lang(b"<html lang=\"en"), None);
        assert_eq!(declared_lang(b"<p>no html element</p>"), None);
    }

    #[test]
    fn nesting_is_measured_as_the_parser_builds_it() {
        let deep = |n: usize, open: &str, close: &str| {
            format!(
                "<html><body>{}x{}</body></html>",
                open.repeat(n),
                close.repeat(n)
            )
        };
        assert_eq!(
            nesting_over(deep(50, "<div>", "</div>").as_bytes(), 100),
            None
        );
        assert!(nesting_over(deep(150, "<div>", "</div>").as_bytes(), 100).is_some());
        // Siblings, closed or not by the parser, do not add up.
        let flat = "<div>a</div>".repeat(500) + &"<p>a<li>b<br><img src=x>".repeat(500);
        assert_eq!(nesting_over(flat.as_bytes(), 100), None);
        // Stray end tags cannot hide depth; `<div/>` opens a div.
        assert!(nesting_over("<div></span>".repeat(150).as_bytes(), 100).is_some());
        assert!(nesting_over("<div/>".repeat(150).as_bytes(), 100).is_some());
        // An end tag closes what was left open inside its element.
        let unclosed = "<section><div><span>x</section>".repeat(200);
        assert_eq!(nesting_over(unclosed.as_bytes(), 100), None);
        // Markup in comments, scripts and quoted attributes is not markup;
        // self-closed SVG shapes close.
        let tricky = format!(
            "<!-- {} --><script>{}</script><div title=\"{}\">x</div><svg>{}</svg>",
            "<div>".repeat(200),
            "'<div>'".repeat(200),
            "<div>".repeat(200),
            "<path d='M0'/>".repeat(200)
        );
        assert_eq!(nesting_over(tricky.as_bytes(), 100), None, "{tricky}");
        for odd in [
            "", "<", "</", "<!--", "<a b='", "<div", "<script>", "</div>",
        ] {
            assert_eq!(nesting_over(odd.as_bytes(), 1), None, "{odd}");
        }
    }

    #[test]
    fn a_nesting_bomb_is_refused_before_parsing() {
        let page = format!(
            "<!DOCTYPE html><html><body>{}<p>Deep.</p>{}</body></html>",
            "<div>".repeat(200_000),
            "</div>".repeat(200_000)
        );
        let e = html_doc(
            "bomb.html",
            "bomb",
            page.as_bytes(),
            &ReadOptions::default(),
        )
        .expect_err("refused");
        assert!(
            e.to_string().starts_with("bomb.html: web page nests"),
            "{e}"
        );
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
