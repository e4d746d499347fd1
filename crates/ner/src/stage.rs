//! The pipeline stage: fills `Doc::entities`.

use crate::Recognizer;
use annalist_doc::{Doc, Entity, Label, Layer, ModelError, Models, Shared, Stage, StageError};

/// Recognizes named entities with the model it was built with.
#[derive(Clone)]
pub struct NerStage {
    rec: Shared<Recognizer>,
}

impl NerStage {
    /// The stage with the built-in model, or the one in `models`' `ner/`
    /// folder (`ner.anlm`, `gazetteer.tsv`, as `annalist train ner` writes;
    /// word clusters from its `clusters/clusters.tsv` when there is one).
    pub fn load(models: &Models) -> Result<Self, ModelError> {
        let rec = models.load(
            "ner",
            "ner.anlm",
            |dir| {
                let m = dir.join("ner.anlm");
                let model = Models::parse("ner", &m, annalist_linear::Model::from_bytes)?;
                let gaz = Models::parse_text(
                    "ner",
                    &dir.join("gazetteer.tsv"),
                    crate::gazetteer::Gazetteer::from_tsv,
                )?;
                let clusters = match models.folder("clusters") {
                    Some(c) => Models::parse_text(
                        "ner",
                        &c.join("clusters.tsv"),
                        annalist_clusters::Clusters::from_tsv,
                    )?,
                    None => annalist_clusters::Clusters::shipped().clone(),
                };
                Recognizer::new(model, gaz, clusters)
                    .map_err(|e| ModelError::new("ner", m.display(), e))
            },
            Recognizer::shipped,
        )?;
        Ok(NerStage { rec })
    }

    /// The stage with the built-in model.
    pub fn shipped() -> Result<Self, ModelError> {
        Self::load(&Models::builtin())
    }
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        recognize_doc(&self.rec, doc);
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
