//! Feeds (RSS, Atom) and crawl archives (WARC) end to end: `extract` and
//! `ingest` read them, each item or HTML response a story with its url,
//! date and title; a story in Italian is reported and skipped by the
//! English stages; a truncated last WARC record is reported by number while
//! the records before it come out. Every feed and page here was written for
//! this test.

#[allow(dead_code)]
mod util;
use std::fs;
use std::io::Write;
use std::path::Path;
use util::*;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Wire</title><link>http://wire.test/</link><language>en</language>
<item><title>Rebels shell port city</title><link>http://wire.test/rebels</link>
<guid isPermaLink="false">wire-1</guid><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>TRIPOLI, March 5 (Wire) - Rebel forces shelled the port of Misrata on Tuesday, killing at least four civilians, the health ministry said.</p><p>The government in Tripoli called on the United Nations to act.</p>]]></content:encoded></item>
<item><title>Ministers meet in Rome</title><link>http://wire.test/rome</link>
<guid isPermaLink="false">wire-2</guid><pubDate>Wed, 06 Mar 2024 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Italy's foreign minister met his French counterpart on Wednesday to discuss the crisis in Libya. "Talks went well," he said after the meeting.&lt;/p&gt;</description></item>
<item><title>Vertice a Roma sulla crisi libica</title><link>http://wire.test/it/vertice</link>
<guid isPermaLink="false">wire-3</guid><pubDate>Thu, 07 Mar 2024 10:00:00 GMT</pubDate>
<description>Il ministro degli Esteri ha incontrato giovedì il suo omologo francese per discutere della crisi in Libia. "I colloqui sono andati bene", ha detto al termine dell'incontro. I due ministri hanno chiesto un cessate il fuoco immediato e hanno annunciato una conferenza di pace che si terrà a Berlino alla fine del mese.</description></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:atom:feed</id>
<updated>2024-03-08T12:00:00Z</updated>
<entry><title>Talks resume in Geneva</title><id>urn:atom:1</id>
<link rel="alternate" href="http://atom.test/geneva"/><published>2024-03-08T11:00:00Z</published><updated>2024-03-09T11:00:00Z</updated>
<content type="html">&lt;p&gt;GENEVA (Wire) - Delegations from both sides met in Geneva on Friday for a new round of talks on a ceasefire.&lt;/p&gt;&lt;p&gt;"We made progress," the envoy said.&lt;/p&gt;</content></entry>
<entry><title>Protesters march in Cairo</title><id>urn:atom:2</id>
<link href="http://atom.test/cairo"/><updated>2024-03-09T08:00:00Z</updated>
<summary>Thousands of protesters marched through central Cairo on Saturday, demanding the release of detained activists.</summary></entry>
</feed>"#;

/// A news page written for the test, with its headline and paragraphs.
fn page(title: &str, paras: &[&str]) -> String {
    let body: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\n\
         <article><h1>{title}</h1>\n{body}</article>\n<footer>Copyright Example News</footer></body></html>\n"
    )
}

/// One WARC record, gzipped on its own (one member per record, as
/// Common Crawl writes them).
fn record(kind: &str, uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nWARC-Date: 2024-03-10T06:00:00Z\r\n",
        body.len()
    );
    if !uri.is_empty() {
        r.push_str(&format!("WARC-Target-URI: {uri}\r\n"));
    }
    r.push_str(&format!(
        "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    ));
    let mut raw = r.into_bytes();
    raw.extend_from_slice(body);
    raw.extend_from_slice(b"\r\n\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&raw).unwrap();
    gz.finish().unwrap()
}

const PAGES: [(&str, &str, [&str; 2]); 3] = [
    (
        "http://news.test/2024/03/ceasefire",
        "Ceasefire agreed in Sudan",
        [
            "KHARTOUM (Wire) - The two warring parties agreed to a ceasefire on Saturday after talks mediated by Saudi Arabia, officials said.",
            "The truce is due to start at midnight and to last a week, according to a joint statement.",
        ],
    ),
    (
        "http://news.test/2024/03/strike",
        "Dockers strike in Marseille",
        [
            "MARSEILLE (Wire) - Dock workers walked out on Saturday in protest against a pension reform, halting traffic in France's largest port.",
            "The union said the strike would go on until the government withdrew the plan.",
        ],
    ),
    (
        "http://news.test/2024/03/election",
        "Voters go to the polls in Senegal",
        [
            "DAKAR (Wire) - Senegalese voters went to the polls on Sunday in a presidential election delayed by weeks of unrest.",
            "Results are expected by the end of the week, the electoral commission said.",
        ],
    ),
];

/// warcinfo, then request + response for each page, then a response that
/// is an image: 8 records.
fn write_warc(path: &Path) -> Vec<u8> {
    let mut w = record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: annalist-test\r\n",
    );
    for (uri, title, paras) in PAGES {
        let req = format!("GET {uri} HTTP/1.1\r\nHost: news.test\r\n\r\n");
        w.extend(record(
            "request",
            uri,
            "application/http; msgtype=request",
            req.as_bytes(),
        ));
        let html = page(title, &paras);
        let resp = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        w.extend(record(
            "response",
            uri,
            "application/http; msgtype=response",
            resp.as_bytes(),
        ));
    }
    w.extend(record(
        "response",
        "http://news.test/logo.png",
        "application/http; msgtype=response",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n",
    ));
    fs::write(path, &w).unwrap();
    w
}

fn day(doc: &serde_json::Value) -> &str {
    doc["date"].as_str().unwrap_or_default()
}

fn stats(dir: &Path, db: &str) -> serde_json::Value {
    let o = annalist(dir, &["stats", "--json", "--db", db]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(stdout(&o).trim()).unwrap()
}

#[test]
fn feeds_are_read_item_by_item() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("feeds")).unwrap();
    fs::write(d.join("feeds/a-wire.rss"), RSS).unwrap();
    // An Atom feed named `.xml`: told by its root element.
    fs::write(d.join("feeds/b-atom.xml"), ATOM).unwrap();

    let o = annalist(d, &["extract", "feeds", "--stats", "--no-progress"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let docs = docs(&o);
    assert_eq!(docs.len(), 5, "{err}");
    let want = [
        (
            "wire-1",
            "rss",
            "http://wire.test/rebels",
            "Rebels shell port city",
            "2024-03-05",
        ),
        (
            "wire-2",
            "rss",
            "http://wire.test/rome",
            "Ministers meet in Rome",
            "2024-03-06",
        ),
        (
            "wire-3",
            "rss",
            "http://wire.test/it/vertice",
            "Vertice a Roma sulla crisi libica",
            "2024-03-07",
        ),
        (
            "urn:atom:1",
            "atom",
            "http://atom.test/geneva",
            "Talks resume in Geneva",
            "2024-03-08",
        ),
        (
            "urn:atom:2",
            "atom",
            "http://atom.test/cairo",
            "Protesters march in Cairo",
            "2024-03-09",
        ),
    ];
    for (doc, (id, format, url, title, date)) in docs.iter().zip(want) {
        assert_eq!(doc["id"], id);
        assert_eq!(doc["origin"]["format"], format, "{id}");
        assert_eq!(doc["url"], url, "{id}");
        assert_eq!(doc["title"]["text"], title, "{id}");
        assert_eq!(day(doc), date, "{id}");
        assert!(
            !doc["text"].as_str().unwrap().contains('<'),
            "{id}: tags stripped"
        );
    }
    // Item HTML comes out as paragraphs.
    assert!(docs[0]["text"]
        .as_str()
        .unwrap()
        .contains("health ministry said.\n\nThe government"));
    assert!(!docs[0]["events"].as_array().unwrap().is_empty());
    // The Italian item: reported by its file and item number, not coded.
    assert_eq!(docs[2]["lang"], "it");
    assert!(docs[2]["events"].as_array().unwrap().is_empty());
    assert!(
        err.contains("a-wire.rss record 3") && err.contains("not in English"),
        "{err}"
    );
    assert!(
        err.contains("documents: 5  not in English (skipped): 1  failed: 0"),
        "{err}"
    );

    let o = annalist(
        d,
        &[
            "ingest",
            "feeds",
            "--tokenize-only",
            "--db",
            "a.db",
            "--no-progress",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stats(d, "a.db")["stories"], 5, "{}", stderr(&o));
}

#[test]
fn warc_responses_are_read_and_the_rest_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_warc(&d.join("crawl.warc.gz"));

    let o = annalist(d, &["extract", "crawl.warc.gz", "--no-progress"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let docs = docs(&o);
    assert_eq!(docs.len(), 3, "{err}");
    for (i, (doc, (uri, title, paras))) in docs.iter().zip(PAGES).enumerate() {
        assert_eq!(doc["origin"]["format"], "warc");
        // warcinfo is record 1; each page's response follows its request.
        assert_eq!(doc["origin"]["line"], 3 + 2 * i as u64);
        assert_eq!(doc["url"], uri);
        assert_eq!(doc["title"]["text"], title);
        // The page gives no date: the crawl's.
        assert_eq!(day(doc), "2024-03-10", "{uri}");
        let text = doc["text"].as_str().unwrap();
        assert!(text.contains(paras[0]) && text.contains(paras[1]), "{text}");
        assert!(
            !text.contains("Copyright") && !text.contains("HTTP/1.1"),
            "{text}"
        );
    }
    assert!(
        err.contains("crawl.warc.gz: 3 HTML responses read, 4 other records skipped (3 request, 1 warcinfo), 1 responses not an HTML page"),
        "{err}"
    );

    let o = annalist(
        d,
        &[
            "ingest",
            "crawl.warc.gz",
            "--tokenize-only",
            "--db",
            "a.db",
            "--no-progress",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stats(d, "a.db")["stories"], 3, "{}", stderr(&o));
}

#[test]
fn a_truncated_last_record_is_reported_and_the_others_come_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let whole = write_warc(&d.join("whole.warc.gz"));
    // Cut inside the last page's response (record 7), before the image.
    let image = record(
        "response",
        "http://news.test/logo.png",
        "application/http; msgtype=response",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n",
    );
    let cut = whole.len() - image.len() - 40;
    fs::write(d.join("crawl.warc.gz"), &whole[..cut]).unwrap();
    // And the same, uncompressed and cut mid-body.
    let mut plain = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::MultiGzDecoder::new(&whole[..whole.len() - image.len()]),
        &mut plain,
    )
    .unwrap();
    fs::write(d.join("plain.warc"), &plain[..plain.len() - 200]).unwrap();

    for name in ["crawl.warc.gz", "plain.warc"] {
        let o = annalist(d, &["extract", name, "--tokenize-only", "--no-progress"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "a failure is a failure: {err}");
        let docs = docs(&o);
        assert_eq!(docs.len(), 2, "{name}: the first two pages come out: {err}");
        assert_eq!(docs[1]["url"], PAGES[1].0);
        assert!(
            err.contains(&format!("{name} record 7: ")),
            "{name}: the record is named: {err}"
        );
    }
}
