//! Tokenization, sentence splitting and paragraph detection: the first stage
//! of the pipeline and the only one that decides where tokens are.

pub mod eval;
mod sentences;
mod words;

pub use sentences::sentence_ends;
pub use words::{is_abbreviation, tokenize_range};

use annalist_doc::{CharIndex, Doc, Layer, Offsets, Span, Stage, StageError, Token};

/// Byte spans of the tokens of a plain string.
pub fn tokenize_str(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    tokenize_range(text, 0, text.len(), &mut out);
    out
}

/// The tokenizer as a pipeline stage: fills `tokens`, `sentences` and
/// `paragraphs` over the headline and the body of a document.
pub struct TokenizerStage;

impl Stage for TokenizerStage {
    fn name(&self) -> &'static str {
        "tokenizer"
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        analyze(doc);
        Ok(())
    }
}

/// Byte ranges of the paragraphs in `text[start..end]`: runs of lines
/// separated by blank lines, trimmed of surrounding whitespace.
pub fn paragraph_ranges(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let region = &text[start..end];
    let bytes = region.as_bytes();
    let mut para_start: Option<usize> = None;
    let mut last_content_end = 0;
    let mut i = 0;
    let mut line_start = 0;
    while i <= bytes.len() {
        if i == bytes.len() || bytes[i] == b'\n' {
            let line = &region[line_start..i];
            if line.trim().is_empty() {
                if let Some(s) = para_start.take() {
                    out.push((start + s, start + last_content_end));
                }
            } else {
                let lead = line.len() - line.trim_start().len();
                if para_start.is_none() {
                    para_start = Some(line_start + lead);
                }
                last_content_end = line_start + line.trim_end().len();
            }
            line_start = i + 1;
        }
        i += 1;
    }
    if let Some(s) = para_start {
        out.push((start + s, start + last_content_end));
    }
    out
}

/// Tokenizes the headline and body of `doc`, replacing any previous tokens,
/// sentences and paragraphs. The headline, when present, is paragraph 0 and
/// one sentence; a dateline always ends its own sentence.
pub fn analyze(doc: &mut Doc) {
    let index = CharIndex::new(&doc.text);
    let text = doc.text.as_str();
    let mut regions: Vec<(usize, usize)> = Vec::new();
    if let Some(t) = &doc.title {
        regions.push((t.offsets.start as usize, t.offsets.end as usize));
    }
    regions.extend(paragraph_ranges(
        text,
        doc.body.start as usize,
        doc.body.end as usize,
    ));
    let dateline_end = doc.dateline.as_ref().map(|d| d.offsets.end as usize);

    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let is_title = |k: usize| k == 0 && doc.title.is_some();
    for (k, &(ps, pe)) in regions.iter().enumerate() {
        spans.clear();
        tokenize_range(text, ps, pe, &mut spans);
        if spans.is_empty() {
            continue;
        }
        let base = tokens.len();
        for (i, &(s, e)) in spans.iter().enumerate() {
            let ws = match spans.get(i + 1) {
                Some(&(next, _)) => next > e,
                None => e < text.len(),
            };
            tokens.push(Token {
                offsets: index.offsets(s, e),
                ws,
                ..Default::default()
            });
        }
        let forced: Vec<usize> = match dateline_end {
            Some(de) if de > ps && de <= pe => {
                vec![spans.iter().take_while(|&&(_, e)| e <= de).count()]
            }
            _ => Vec::new(),
        };
        let ends = if is_title(k) {
            vec![spans.len()]
        } else {
            sentence_ends(text, &spans, &forced)
        };
        let mut s0 = 0;
        for e in ends {
            if e > s0 {
                sentences.push(span_of(&tokens, base + s0, base + e));
            }
            s0 = e;
        }
        paragraphs.push(span_of(&tokens, base, tokens.len()));
    }
    doc.tokens = tokens;
    doc.sentences = sentences;
    doc.paragraphs = paragraphs;
}

fn span_of(tokens: &[Token], a: usize, b: usize) -> Span {
    let (first, last) = (&tokens[a].offsets, &tokens[b - 1].offsets);
    Span {
        token_start: a as u32,
        token_end: b as u32,
        offsets: Offsets {
            start: first.start,
            end: last.end,
            char_start: first.char_start,
            char_end: last.char_end,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<String> {
        let mut doc = Doc::new("t", text);
        analyze(&mut doc);
        doc.sentences
            .iter()
            .map(|s| doc.span_text(s).to_string())
            .collect()
    }

    #[test]
    fn quotes_and_abbreviations() {
        assert_eq!(
            sents("\"All interference must cease\", he said before flying off to Turkey. Ankara is sending troops."),
            [
                "\"All interference must cease\", he said before flying off to Turkey.",
                "Ankara is sending troops."
            ]
        );
        assert_eq!(
            sents("\"May the fighting end, a ceasefire is needed.\" Borrell said the ministers agreed."),
            ["\"May the fighting end, a ceasefire is needed.\"", "Borrell said the ministers agreed."]
        );
        assert_eq!(
            sents("Gen. Khalifa Haftar met Mr. J. Smith in the U.S. on Jan. 7. The talks ended."),
            [
                "Gen. Khalifa Haftar met Mr. J. Smith in the U.S. on Jan. 7.",
                "The talks ended."
            ]
        );
        assert_eq!(
            sents("He moved to the U.S. The talks ended."),
            ["He moved to the U.S.", "The talks ended."]
        );
        assert_eq!(sents("Wait... what? Yes!"), ["Wait... what?", "Yes!"]);
    }

    #[test]
    fn paragraphs_always_end_sentences() {
        let text = "First paragraph without a stop\n\nSecond one. Third";
        assert_eq!(
            sents(text),
            ["First paragraph without a stop", "Second one.", "Third"]
        );
        let mut doc = Doc::new("t", text);
        analyze(&mut doc);
        assert_eq!(doc.paragraphs.len(), 2);
        assert!(doc.tokens[5].ws);
    }
}
