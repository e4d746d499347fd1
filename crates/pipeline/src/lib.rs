//! The pipeline: named stages run in order over each document.
//!
//! Order: tokenizer (tokens, sentences, paragraphs) → tagger → recognizer →
//! parser → actors → events → quotes → time → places. Each stage only adds
//! its layer to the [`Doc`].

use annalist_doc::{Doc, Stage, StageError};

/// An ordered list of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// The full default pipeline with the models shipped in the repository.
    pub fn standard() -> Self {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(annalist_tokenizer::TokenizerStage),
            Box::new(annalist_tagger::TaggerStage),
            Box::new(annalist_ner::NerStage),
            Box::new(annalist_parser::ParserStage),
            Box::new(annalist_actors::ActorStage::standard_or_fallback()),
            Box::new(annalist_events::EventStage::standard()),
            Box::new(annalist_quotes::QuotesStage),
            Box::new(annalist_time::TimeStage),
            Box::new(annalist_places::PlacesStage),
        ];
        Pipeline { stages }
    }

    /// Only tokenization and sentence splitting.
    pub fn tokenize_only() -> Self {
        Pipeline {
            stages: vec![Box::new(annalist_tokenizer::TokenizerStage)],
        }
    }

    /// A pipeline of the given stages, in order.
    pub fn from_stages(stages: Vec<Box<dyn Stage>>) -> Self {
        Pipeline { stages }
    }

    /// Names and versions of the stages, for run records.
    pub fn versions(&self) -> Vec<(&'static str, String)> {
        self.stages
            .iter()
            .map(|s| (s.name(), s.version()))
            .collect()
    }

    /// Like [`Pipeline::process`], adding each stage's wall time to
    /// `per_stage` (one slot per stage, in order).
    pub fn process_timed(
        &self,
        doc: &mut Doc,
        per_stage: &mut [std::time::Duration],
    ) -> Result<(), StageError> {
        for (stage, slot) in self.stages.iter().zip(per_stage.iter_mut()) {
            let t = std::time::Instant::now();
            stage.process(doc)?;
            *slot += t.elapsed();
        }
        Ok(())
    }

    /// Runs every stage over `doc`, stopping at the first failure.
    pub fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        for stage in &self.stages {
            stage.process(doc)?;
        }
        Ok(())
    }
}
