//! Turning PolNeAR articles into tokenized documents with gold token labels.

use crate::polnear::{Article, Pieces};
use annalist_doc::Doc;

/// A tokenized document for an article.
pub fn doc_of(a: &Article) -> Doc {
    let mut doc = Doc::new(a.name.clone(), a.text.clone());
    annalist_tokenizer::analyze(&mut doc);
    doc
}

/// Token ranges covered by character pieces: a token belongs to a piece
/// when its middle character does.
pub fn token_ranges(doc: &Doc, pieces: &Pieces) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(a, b) in pieces {
        let lo = doc
            .tokens
            .partition_point(|t| (t.offsets.char_start + t.offsets.char_end) / 2 < a as u32);
        let mut hi = lo;
        while hi < doc.tokens.len() {
            let t = &doc.tokens[hi].offsets;
            if (t.char_start + t.char_end) / 2 >= b as u32 {
                break;
            }
            hi += 1;
        }
        if hi > lo {
            out.push((lo, hi));
        }
    }
    out
}

/// Gold BIO label ids (see [`crate::tagger::LABELS`]) for every token.
pub fn gold_labels(doc: &Doc, a: &Article) -> Vec<u8> {
    let mut labels = vec![0u8; doc.tokens.len()];
    for r in &a.relations {
        for (pieces, b) in r
            .source
            .iter()
            .map(|p| (p, 1u8))
            .chain(r.cue.iter().map(|p| (p, 3u8)))
            .chain(r.content.iter().map(|p| (p, 5u8)))
        {
            for (s, e) in token_ranges(doc, pieces) {
                labels[s] = b;
                for l in &mut labels[s + 1..e] {
                    *l = b + 1;
                }
            }
        }
    }
    labels
}
