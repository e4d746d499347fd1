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
            guarded(stage.as_ref(), doc)?;
            *slot += t.elapsed();
        }
        Ok(())
    }

    /// Runs every stage over `doc`, stopping at the first failure. A stage
    /// that panics on this story fails the story, not the run: the panic
    /// becomes that stage's error, and the caller goes on with the rest of
    /// the batch.
    pub fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        for stage in &self.stages {
            guarded(stage.as_ref(), doc)?;
        }
        Ok(())
    }
}

/// Runs one stage, turning a panic into the stage's error. The document
/// may be left half-annotated by the panicking stage; the caller drops it.
fn guarded(stage: &dyn Stage, doc: &mut Doc) -> Result<(), StageError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| stage.process(doc))) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(StageError {
                stage: stage.name(),
                message: format!("internal error (panic): {what}"),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stage that panics on a marker word, for the guard's test.
    struct Fragile;

    impl Stage for Fragile {
        fn name(&self) -> &'static str {
            "fragile"
        }
        fn version(&self) -> String {
            "0".into()
        }
        fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
            if doc.text.contains("BOOM") {
                panic!("marker word");
            }
            Ok(())
        }
    }

    #[test]
    fn a_panicking_stage_fails_only_its_story() {
        let p = Pipeline::from_stages(vec![Box::new(Fragile)]);
        let mut bad = Doc::new("bad", "a BOOM b");
        let mut good = Doc::new("good", "a b");
        let e = p.process(&mut bad).unwrap_err();
        assert_eq!(e.stage, "fragile");
        assert!(e.message.contains("marker word"));
        assert!(p.process(&mut good).is_ok());
    }
}
