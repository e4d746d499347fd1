//! RSS (0.9x, 1.0, 2.0) and Atom feeds: each item or entry a story.
//!
//! Parsing is `feed-rs`'s: the formats' variants (RSS 1.0's RDF, Atom's
//! text constructs, `content:encoded`, the many date spellings of RFC 822
//! in the wild) are its daily work, and it adds only `quick-xml` and
//! `mediatype` to the build. An item's story is its title, its link as
//! `url`, its publication (else update) date, and its content, else its
//! summary, as text.
//!
//! Item HTML is turned into text by stripping the tags to paragraphs (the
//! same block-element walk used on the extractor's output), not by the
//! main-text extractor: an item's HTML is the article (or its summary)
//! already, with no menus or footers to remove, and the extractor, tuned
//! for whole pages, often finds "no article" in a fragment of a few
//! paragraphs. The nesting guard of web pages still applies first.

use crate::html::{nesting_over, paragraphs, MAX_HTML_DEPTH};
use crate::records::{record_doc, Record};
use crate::{DocResult, ReadError, ReadOptions};
use feed_rs::model::{FeedType, Text};
use std::io::BufRead;

/// True for `.rss` / `.atom` names (after an optional `.gz`).
pub(crate) fn is_feed_name(name: &str) -> bool {
    name.ends_with(".rss") || name.ends_with(".atom")
}

/// True when an XML document's root element is a feed's: `<rss>`,
/// `<feed>` (Atom) or `<rdf:RDF>` (RSS 1.0). The XML declaration,
/// comments, processing instructions and a doctype may come first.
pub(crate) fn looks_like_feed(head: &[u8]) -> bool {
    let mut s = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        s = s.trim_ascii_start();
        let Some(rest) = s.strip_prefix(b"<") else {
            return false;
        };
        let skip_to = |end: &[u8]| {
            rest.windows(end.len())
                .position(|w| w == end)
                .map(|i| &rest[i + end.len()..])
        };
        let next = if rest.starts_with(b"!--") {
            skip_to(b"-->")
        } else if rest.starts_with(b"?") || rest.starts_with(b"!") {
            skip_to(b">")
        } else {
            let name_end = rest
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
                .unwrap_or(rest.len());
            let name = rest[..name_end].to_ascii_lowercase();
            // `rdf:RDF` or a prefixed `atom:feed`.
            let local = name.rsplit(|&b| b == b':').next().unwrap_or(&name);
            return matches!(local, b"rss" | b"feed" | b"rdf");
        };
        match next {
            Some(n) => s = n,
            None => return false,
        }
    }
}

/// Reads every item of a feed. A feed is read whole (up to four times the
/// story read limit): feeds are small, and the XML parser wants the
/// document.
pub(crate) fn feed(
    path: &str,
    mut reader: Box<dyn BufRead + Send>,
    opts: ReadOptions,
) -> Box<dyn Iterator<Item = DocResult> + Send> {
    let one_err = |reason: String| -> Box<dyn Iterator<Item = DocResult> + Send> {
        Box::new(std::iter::once(Err(ReadError::new(path, None, reason))))
    };
    let bytes = match crate::read_collection(&mut reader, "feed") {
        Ok(b) => b,
        Err(reason) => return one_err(reason),
    };
    // No made-up ids: feed-rs would hash the link or draw a random UUID
    // for an item without one, and a random id would make the same item a
    // new story at every ingest. An item without an id of its own gets the
    // file's name and its number, as records do.
    // A third-party parser on arbitrary input: a panic costs the file. The
    // parser is made inside and dropped with the closure, so no state it
    // left half-changed is seen again (hence the `AssertUnwindSafe`).
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        feed_rs::parser::Builder::new()
            .id_generator(|_, _, _| String::new())
            .build()
            .parse(&bytes[..])
    }));
    let feed = match parsed {
        Ok(Ok(f)) => f,
        Ok(Err(e)) => return one_err(format!("not a readable RSS or Atom feed: {e}")),
        Err(_) => return one_err("the feed parser failed on this file (internal error)".into()),
    };
    let format = match feed.feed_type {
        FeedType::Atom => "atom",
        _ => "rss",
    };
    if feed.entries.is_empty() {
        return one_err("feed has no items".into());
    }
    let source = feed.title.as_ref().map(plain).filter(|t| !t.is_empty());
    let path = path.to_string();
    Box::new(feed.entries.into_iter().enumerate().map(move |(i, entry)| {
        let n = i as u64 + 1;
        let err = |reason: String| ReadError::in_record(&path, n, reason);
        let text = match entry.content.as_ref().and_then(|c| {
            let body = c.body.as_deref()?;
            let html = c.content_type.subty().as_str().contains("html");
            Some((body, html))
        }) {
            Some((body, html)) if !body.trim().is_empty() => as_text(body, html),
            _ => match &entry.summary {
                Some(s) => as_text(&s.content, is_html(s)),
                None => Ok(String::new()),
            },
        }
        .map_err(err)?;
        let title = entry.title.as_ref().map(plain);
        if text.trim().is_empty() && title.as_deref().is_none_or(str::is_empty) {
            return Err(err("item has neither title nor text".into()));
        }
        let record = Record {
            id: Some(entry.id).filter(|id| !id.trim().is_empty()),
            title,
            text: Some(text),
            date: entry
                .published
                .or(entry.updated)
                .map(|d| d.format("%Y-%m-%d").to_string()),
            source: source.clone(),
            url: entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.trim().to_string()),
            // The item's own language only (Atom's `xml:lang`):
            // a channel's `<language>` is often wrong for some of
            // its items, and a declared language overrides the
            // language stage's reading of the text.
            lang: entry.language,
        };
        record_doc(&path, Some(n), format, record, &opts).map_err(ReadError::into_record)
    }))
}

fn is_html(t: &Text) -> bool {
    t.content_type.subty().as_str().contains("html")
}

/// A title as plain text (Atom titles may be HTML).
fn plain(t: &Text) -> String {
    let text = if is_html(t) {
        paragraphs(&t.content)
    } else {
        t.content.clone()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An item's content as paragraphs of text.
fn as_text(body: &str, html: bool) -> Result<String, String> {
    // RSS says nothing of the type of a description; most are HTML, so
    // anything with a tag in it is read as HTML.
    if !html && !body.contains('<') {
        return Ok(body.trim().to_string());
    }
    if let Some(at) = nesting_over(body.as_bytes(), MAX_HTML_DEPTH) {
        return Err(format!(
            "item HTML nests elements more than {MAX_HTML_DEPTH} deep (at byte {at}); refused as malformed or hostile"
        ));
    }
    Ok(paragraphs(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, xml: &str) -> Vec<DocResult> {
        feed(
            name,
            Box::new(std::io::Cursor::new(xml.as_bytes().to_vec())),
            ReadOptions::default(),
        )
        .collect()
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Wire</title><link>http://x.test/</link><language>en</language>
<item><title>Rebels shell port city</title><link>http://x.test/a</link>
<guid>http://x.test/a</guid><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Rebel forces shelled the port of <b>Misrata</b> on Tuesday.</p><p>The government called on the United Nations to act.</p>]]></content:encoded></item>
<item><title>Talks resume</title><link>http://x.test/b</link>
<pubDate>Wed, 06 Mar 2024 09:00:00 +0100</pubDate>
<description>&lt;p&gt;Delegations met in Geneva.&lt;/p&gt;</description></item>
<item><link>http://x.test/c</link></item>
</channel></rss>"#;

    #[test]
    fn rss_items_are_stories() {
        let docs = read("w.rss", RSS);
        assert_eq!(docs.len(), 3);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.id, "http://x.test/a");
        assert_eq!(a.origin.format, "rss");
        assert_eq!(a.origin.line, Some(1));
        assert_eq!(a.url.as_deref(), Some("http://x.test/a"));
        assert_eq!(a.title.as_ref().unwrap().text, "Rebels shell port city");
        assert!(
            a.text
                .contains("port of Misrata on Tuesday.\n\nThe government"),
            "{}",
            a.text
        );
        assert_eq!(a.agency.as_deref(), Some("Example Wire"));
        assert_eq!(a.lang, None, "the channel's language is not the item's");
        let d = a.date.unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2024), 3, 5));
        let b = docs[1].as_ref().unwrap();
        assert_eq!(b.id, "w.rss:2", "no guid: file and item number");
        assert!(b.text.ends_with("Delegations met in Geneva."), "{}", b.text);
        let e = docs[2].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            "w.rss record 3: item has neither title nor text"
        );
    }

    #[test]
    fn atom_entries_are_stories() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Notizie</title><id>urn:x</id>
<updated>2024-03-05T10:00:00Z</updated>
<entry xml:lang="it"><title type="html">Colloqui a &lt;i&gt;Roma&lt;/i&gt;</title><id>urn:x:1</id>
<link rel="alternate" href="http://x.test/it/1"/><updated>2024-03-07T10:00:00Z</updated>
<summary>Il ministro degli esteri ha incontrato il suo omologo francese martedì.</summary></entry>
</feed>"#;
        assert!(looks_like_feed(atom.as_bytes()));
        let docs = read("n.atom", atom);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.origin.format, "atom");
        assert_eq!(d.id, "urn:x:1");
        assert_eq!(d.title.as_ref().unwrap().text, "Colloqui a Roma");
        assert_eq!(d.url.as_deref(), Some("http://x.test/it/1"));
        assert_eq!(d.date.unwrap().day, 7);
        assert!(d.text.contains("omologo francese"));
    }

    #[test]
    fn sniffing_and_bad_feeds() {
        assert!(looks_like_feed(RSS.as_bytes()));
        assert!(looks_like_feed(b"\xEF\xBB\xBF<rdf:RDF xmlns:rdf='x'>"));
        assert!(!looks_like_feed(b"<?xml version='1.0'?><html>"));
        assert!(!looks_like_feed(b"TRIPOLI, March 5 -"));
        assert!(!looks_like_feed(b"<!-- unclosed"));
        assert!(is_feed_name("a.rss") && is_feed_name("b.atom") && !is_feed_name("c.xml"));
        for bad in [
            "",
            "<rss>",
            "<rss><channel></channel></rss>",
            "<feed>\u{0}",
            "<<<",
        ] {
            let docs = read("bad.xml", bad);
            assert_eq!(docs.len(), 1);
            assert!(docs[0].is_err());
        }
    }
}
