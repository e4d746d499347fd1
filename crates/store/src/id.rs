//! Story identity: a hash of normalised content, plus the URL when given.

use annalist_doc::Doc;
use sha2::{Digest, Sha256};

/// Content hash of a story: SHA-256 over the text with whitespace runs
/// collapsed (so re-wrapped copies of one story agree), then the URL, then
/// an optional salt; the first 128 bits in hex.
///
/// The salt exists for benchmarks that need many distinct copies of one
/// corpus; normal use passes `""`.
pub fn story_id(text: &str, url: Option<&str>, salt: &str) -> String {
    let mut h = Sha256::new();
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            h.update(b" ");
        }
        first = false;
        h.update(word.as_bytes());
    }
    // Unit separators keep "ab"+"c" and "a"+"bc" apart.
    h.update([0x1f]);
    h.update(url.unwrap_or("").trim().as_bytes());
    h.update([0x1f]);
    h.update(salt.as_bytes());
    let digest = h.finalize();
    let mut out = String::with_capacity(32);
    for b in &digest[..16] {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// What the archive needs from a story before the pipeline runs.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The archive key ([`story_id`]).
    pub story_id: String,
    /// The document's structural fields as read (title, body, dateline,
    /// date, meta, origin) as JSON without the text, so `reprocess` can
    /// rebuild the unannotated document.
    pub header: String,
}

/// Computes the key and header of a document. Meant for freshly read
/// documents; annotation layers, if any, are left out of the header.
pub fn prepare(doc: &mut Doc, salt: &str) -> Prepared {
    let story_id = story_id(&doc.text, doc.url.as_deref(), salt);
    let header = Doc {
        schema_version: doc.schema_version.clone(),
        id: doc.id.clone(),
        origin: doc.origin.clone(),
        title: doc.title.clone(),
        body: doc.body,
        agency: doc.agency.clone(),
        dateline: doc.dateline.clone(),
        date: doc.date,
        date_source: doc.date_source.clone(),
        url: doc.url.clone(),
        lang: doc.lang.clone(),
        meta: doc.meta.clone(),
        warnings: doc.warnings.clone(),
        ..Default::default()
    };
    // A Doc of plain data always serialises; fall back to "{}" rather than
    // panic should that ever change.
    let header = serde_json::to_string(&header).unwrap_or_else(|_| "{}".to_string());
    Prepared { story_id, header }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_id_but_url_and_salt_do() {
        let a = story_id("Troops  moved\n into Tripoli.", None, "");
        let b = story_id("Troops moved into Tripoli.", None, "");
        assert_eq!(a, b);
        assert_eq!(a.len(), 32);
        assert_ne!(
            a,
            story_id("Troops moved into Tripoli.", Some("http://x"), "")
        );
        assert_ne!(a, story_id("Troops moved into Tripoli.", None, "1"));
    }
}
