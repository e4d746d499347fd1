//! The pipeline stage: fills `Doc::entities`.

use crate::Recognizer;
use annalist_doc::{Doc, Entity, Label, Stage, StageError};

/// Recognizes named entities with the shipped model.
#[derive(Debug, Default, Clone, Copy)]
pub struct NerStage;

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        let rec = Recognizer::shipped().map_err(|e| StageError {
            stage: "ner",
            message: e.to_string(),
        })?;
        recognize_doc(rec, doc);
        Ok(())
    }
}

/// Replaces `doc.entities` with the mentions `rec` finds, sentence by
/// sentence (the whole token list as one sentence when there are none).
pub fn recognize_doc(rec: &Recognizer, doc: &mut Doc) {
    let n = doc.tokens.len();
    let ranges: Vec<std::ops::Range<usize>> = if doc.sentences.is_empty() {
        std::iter::once(0..n).collect()
    } else {
        doc.sentences
            .iter()
            .map(|s| s.token_start as usize..(s.token_end as usize).min(n))
            .collect()
    };
    let sents: Vec<Vec<&str>> = ranges
        .iter()
        .map(|r| {
            doc.tokens[r.clone()]
                .iter()
                .map(|t| doc.text.get(t.offsets.range()).unwrap_or(""))
                .collect()
        })
        .collect();
    let found = rec.recognize(&sents);
    let mut entities = Vec::new();
    for (r, mentions) in ranges.iter().zip(found) {
        for m in mentions {
            let (s, e) = (r.start + m.start, r.start + m.end);
            if s >= e || e > n {
                continue;
            }
            let span = doc.span(s, e);
            entities.push(Entity {
                text: doc.span_text(&span).to_string(),
                span,
                label: Label::new(m.label),
                score: m.score,
            });
        }
    }
    doc.entities = entities;
}
