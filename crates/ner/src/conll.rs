//! Reading CoNLL-style NER files: one token per line, the word first and
//! the NER tag last (4-column CoNLL-2003 or 2-column `TOKEN TAG`, space- or
//! tab-separated), blank lines between sentences, `-DOCSTART-` lines
//! between documents. Tags may be IOB1, IOB2 or BILOU/IOBES.

use crate::NerError;
use std::path::Path;

/// One sentence: words and their gold tags as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// Word forms.
    pub words: Vec<String>,
    /// NER tags (`O`, `I-PER`, `B-LOC` …).
    pub tags: Vec<String>,
}

/// One document (the sentences between two `-DOCSTART-` lines).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
}

/// Parses CoNLL text into documents. A file without `-DOCSTART-` lines is
/// one document.
pub fn parse(text: &str) -> Result<Vec<Document>, NerError> {
    let mut docs = vec![Document::default()];
    let mut sent = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut docs, &mut sent);
            continue;
        }
        let cols: Vec<&str> = line.split([' ', '\t']).filter(|c| !c.is_empty()).collect();
        if cols[0] == "-DOCSTART-" {
            flush(&mut docs, &mut sent);
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(Document::default());
            }
            continue;
        }
        if cols.len() < 2 {
            return Err(NerError::Format(format!(
                "line {}: expected a word and a tag",
                n + 1
            )));
        }
        sent.words.push(cols[0].to_string());
        sent.tags.push(cols[cols.len() - 1].to_string());
    }
    flush(&mut docs, &mut sent);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

fn flush(docs: &mut [Document], sent: &mut Sentence) {
    if !sent.words.is_empty() {
        if let Some(d) = docs.last_mut() {
            d.sentences.push(std::mem::take(sent));
        }
    }
}

/// Reads a CoNLL file.
pub fn read_file(path: &Path) -> Result<Vec<Document>, NerError> {
    let bytes = std::fs::read(path)?;
    parse(&String::from_utf8_lossy(&bytes))
}

/// A typed chunk: tokens `[start, end)` of type `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chunk {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Entity type.
    pub kind: String,
}

/// conlleval splits `B-PER` into `B` and `PER`; a tag without a dash is
/// all prefix with an empty type.
fn split(tag: &str) -> (&str, &str) {
    tag.split_once('-').unwrap_or((tag, ""))
}

/// conlleval's `endOfChunk`, rule for rule.
fn end_of_chunk(prev_tag: &str, tag: &str, prev_type: &str, ty: &str) -> bool {
    matches!(
        (prev_tag, tag),
        ("B", "B") | ("B", "O") | ("I", "B") | ("I", "O") | ("E", "E") | ("E", "I") | ("E", "O")
    ) || (prev_tag != "O" && prev_tag != "." && prev_type != ty)
        || prev_tag == "]"
        || prev_tag == "["
}

/// conlleval's `startOfChunk`, rule for rule.
fn start_of_chunk(prev_tag: &str, tag: &str, prev_type: &str, ty: &str) -> bool {
    matches!(
        (prev_tag, tag),
        ("B", "B") | ("I", "B") | ("O", "B") | ("O", "I") | ("E", "E") | ("E", "I") | ("O", "E")
    ) || (tag != "O" && tag != "." && prev_type != ty)
        || tag == "["
        || tag == "]"
}

/// The chunks of one sentence's tags, read exactly as conlleval.pl reads
/// them (IOB1, IOB2, IOE). Convert other schemes to IOB2 first.
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let (mut prev_tag, mut prev_type) = ("O", "");
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (tag, ty) = split(t.as_ref());
        if let Some((s, k)) = open {
            if end_of_chunk(prev_tag, tag, prev_type, ty) {
                out.push(Chunk {
                    start: s,
                    end: i,
                    kind: k.to_string(),
                });
                open = None;
            }
        }
        if start_of_chunk(prev_tag, tag, prev_type, ty) {
            open = Some((i, ty));
        }
        prev_tag = tag;
        prev_type = ty;
    }
    if let Some((s, k)) = open {
        out.push(Chunk {
            start: s,
            end: tags.len(),
            kind: k.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_and_chunks() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\ncall NN I-NP O\n\n-DOCSTART- -X- -X- O\n\nPeter I-PER\nBlackburn I-PER\n";
        let docs = parse(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(
            docs[0].sentences[0].words,
            ["EU", "rejects", "German", "call"]
        );
        let c = chunks(&docs[0].sentences[0].tags);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].start, c[0].end, c[0].kind.as_str()), (0, 1, "ORG"));
        assert_eq!(
            chunks(&docs[1].sentences[0].tags),
            vec![Chunk {
                start: 0,
                end: 2,
                kind: "PER".into()
            }]
        );
    }

    #[test]
    fn iob1_b_splits_and_type_changes_split() {
        let c = chunks(&["I-LOC", "B-LOC", "I-LOC", "I-PER", "O", "I-ORG"]);
        let spans: Vec<(usize, usize, &str)> = c
            .iter()
            .map(|c| (c.start, c.end, c.kind.as_str()))
            .collect();
        assert_eq!(
            spans,
            vec![(0, 1, "LOC"), (1, 3, "LOC"), (3, 4, "PER"), (5, 6, "ORG")]
        );
        let b = chunks(&["B-PER", "I-PER", "B-PER", "O", "I-MISC"]);
        let spans: Vec<(usize, usize)> = b.iter().map(|c| (c.start, c.end)).collect();
        assert_eq!(spans, vec![(0, 2), (2, 3), (4, 5)]);
    }
}
