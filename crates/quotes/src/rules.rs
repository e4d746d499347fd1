//! Layout rules for attributions the tagger rarely sees in training:
//! interview transcripts (`WALLACE: …`) and signed quotes (`“…” ― Name`).

use crate::assemble::Draft;
use crate::marks::{mark_of, units};
use annalist_doc::Doc;

fn is_caps_name(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '\'')
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Token ranges of the lines of each paragraph: signed quotes are often
/// listed one per line with no blank line between them.
fn lines(doc: &Doc) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (a, b) in units(doc) {
        let mut start = a;
        for i in a + 1..b {
            let gap = doc
                .text
                .get(doc.tokens[i - 1].offsets.range().end..doc.tokens[i].offsets.range().start)
                .unwrap_or("");
            if gap.contains('\n') {
                out.push((start, i));
                start = i;
            }
        }
        out.push((start, b));
    }
    out
}

/// Drafts for transcript and signature lines.
pub fn layout_drafts(doc: &Doc) -> Vec<Draft> {
    let mut out = Vec::new();
    let all = lines(doc);
    for (k, &(a, b)) in all.iter().enumerate() {
        // A signature on the line after the quotation: "“…”" then
        // "- Bernie Sanders." or "-Michelle Marks, Philadelphia."
        if k > 0 && b > a + 1 && matches!(doc.token_text(a), "-" | "–" | "—" | "―") {
            let (qa, qb) = all[k - 1];
            let mut e = a + 1;
            while e < b && e - a <= 5 && (is_cap(doc.token_text(e)) || doc.token_text(e) == ".") {
                e += 1;
            }
            while e > a + 1 && doc.token_text(e - 1) == "." {
                e -= 1;
            }
            let rest_ok = e == b
                || matches!(doc.token_text(e), "," | ".")
                    && (e + 1..b).all(|i| {
                        is_cap(doc.token_text(i)) || matches!(doc.token_text(i), "," | ".")
                    });
            let quoted = qb > qa + 2
                && mark_of(doc.token_text(qa)).is_some()
                && mark_of(doc.token_text(qb - 1)).is_some();
            if e > a + 1 && rest_ok && quoted {
                out.push(Draft {
                    source: Some((a + 1, e)),
                    cue: Some((a, a + 1)),
                    content: vec![(qa, qb)],
                });
                continue;
            }
        }
        let mut s = a;
        if s < b && mark_of(doc.token_text(s)).is_some() {
            s += 1;
        }
        // Transcript: one to three upper-case words, then a colon.
        let mut k = s;
        while k < b && k - s < 3 && is_caps_name(doc.token_text(k)) {
            k += 1;
        }
        if k > s && k + 1 < b && doc.token_text(k) == ":" {
            out.push(Draft {
                source: Some((s, k)),
                cue: Some((k, k + 1)),
                content: vec![(k + 1, b)],
            });
            continue;
        }
        // Signature: the paragraph ends with a dash and a short name.
        let dash = (a + 1..b)
            .rev()
            .take(7)
            .find(|&i| matches!(doc.token_text(i), "―" | "—" | "–" | "--"));
        if let Some(d) = dash {
            // The signature's closing full stop is not part of the name.
            let b = if doc.token_text(b - 1) == "." {
                b - 1
            } else {
                b
            };
            let name_ok = d + 1 < b
                && (d + 1..b).all(|i| is_cap(doc.token_text(i)) || doc.token_text(i) == ".");
            let quoted =
                mark_of(doc.token_text(a)).is_some() && mark_of(doc.token_text(d - 1)).is_some();
            if name_ok && quoted {
                out.push(Draft {
                    source: Some((d + 1, b)),
                    cue: Some((d, d + 1)),
                    content: vec![(a, d)],
                });
            }
        }
    }
    out
}

/// Replaces tagger drafts that overlap a layout draft's paragraph span.
pub fn merge(tagged: Vec<Draft>, layout: Vec<Draft>) -> Vec<Draft> {
    if layout.is_empty() {
        return tagged;
    }
    let extent = |d: &Draft| -> (usize, usize) {
        let mut lo = usize::MAX;
        let mut hi = 0;
        for r in d.cue.iter().chain(d.source.iter()).chain(d.content.iter()) {
            lo = lo.min(r.0);
            hi = hi.max(r.1);
        }
        (lo, hi)
    };
    let spans: Vec<(usize, usize)> = layout.iter().map(extent).collect();
    let mut out: Vec<Draft> = tagged
        .into_iter()
        .filter(|d| {
            let (lo, hi) = extent(d);
            !spans.iter().any(|&(a, b)| lo < b && hi > a)
        })
        .collect();
    out.extend(layout);
    out.sort_by_key(|d| extent(d).0);
    out
}
