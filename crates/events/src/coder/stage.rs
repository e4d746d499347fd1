//! The pipeline stage around the coder: the dictionary coder, then the
//! learned coder where the dictionary coded nothing, then the confidence
//! model (docs/events.md).

use super::{standard_verbs_checked, Coder};
use annalist_doc::{Doc, Layer, ModelError, Models, Shared, Stage, StageError};

/// The event stage: codes events from the actors and the parse.
pub struct EventStage {
    coder: Coder,
    learned: Option<Shared<crate::learned::LearnedCoder>>,
    confidence: Option<Shared<crate::confidence::ConfidenceModel>>,
}

impl EventStage {
    /// The stage with the shipped dictionary and models.
    pub fn standard() -> Self {
        Self::new(Coder::standard())
    }

    /// The stage with the shipped dictionary, and the learned coder and
    /// confidence model built in or from `models`' `events/` folder
    /// (`learned-triggers.anlm`, `learned-args.anlm`, `learned-codes.tsv`,
    /// `confidence.json`, as `annalist train events` writes).
    pub fn load(models: &Models) -> Result<Self, ModelError> {
        use crate::confidence::ConfidenceModel;
        use crate::learned::LearnedCoder;
        let verbs = standard_verbs_checked()
            .map_err(|e| ModelError::new("events", "built-in verb dictionary", e))?;
        let coder = Coder::new(verbs).with_annalist_rules(true);
        let (learned, confidence) = match models.folder("events") {
            Some(dir) => {
                let t = dir.join("learned-triggers.anlm");
                let a = dir.join("learned-args.anlm");
                let c = dir.join("learned-codes.tsv");
                let j = dir.join("confidence.json");
                let (tb, ab) = (Models::read("events", &t)?, Models::read("events", &a)?);
                let codes = Models::read_text("events", &c)?;
                let learned = LearnedCoder::from_files(
                    (t.to_str().unwrap_or("learned-triggers.anlm"), &tb),
                    (a.to_str().unwrap_or("learned-args.anlm"), &ab),
                    &codes,
                )
                .map_err(|(f, e)| ModelError::new("events", f, e))?
                .map(Shared::from);
                let conf = Models::parse_text("events", &j, ConfidenceModel::from_json)?;
                let conf = (!conf.weights.is_empty()).then(|| Shared::from(conf));
                (learned, conf)
            }
            None => (
                LearnedCoder::shipped()
                    .map_err(|(f, e)| ModelError::new("events", format!("built-in {f}"), e))?
                    .map(Shared::Static),
                ConfidenceModel::shipped()
                    .map_err(|e| ModelError::new("events", "built-in confidence.json", e))?
                    .map(Shared::Static),
            ),
        };
        Ok(EventStage {
            coder,
            learned,
            confidence,
        })
    }

    /// The stage with a given coder and the shipped models.
    pub fn new(coder: Coder) -> Self {
        EventStage {
            coder,
            learned: crate::learned::LearnedCoder::standard().map(Shared::Static),
            confidence: crate::confidence::ConfidenceModel::standard().map(Shared::Static),
        }
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    /// 3: parse mends, passive patterns, force and figure rules, speaker's
    /// side (2026-11-29; 2: event nouns, governing verbs, negation as
    /// REJECT).
    fn version(&self) -> String {
        "3".into()
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Tokens,
            Layer::Sentences,
            Layer::Tags,
            Layer::Parse,
            Layer::Actors,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        self.coder.code(doc);
        crate::learned::finish(doc, self.learned.as_deref());
        if let Some(m) = &self.confidence {
            crate::confidence::apply(m, doc);
        }
        Ok(())
    }
}
