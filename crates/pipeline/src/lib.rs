//! The pipeline: named stages run in order over each document, and the one
//! runner every command that annotates uses.
//!
//! Order: tokenizer (tokens, sentences, paragraphs) → tagger → recognizer →
//! parser → actors → events → quotes → time → places → link (each event's
//! date and location, from the time and places layers). Each stage only adds
//! its layer to the [`Doc`]; [`Pipeline::from_stages`] checks once that
//! every layer a stage requires is assigned earlier and that no layer has
//! two writers.

mod link;
mod run;

pub use link::LinkStage;
pub use run::{location, run, run_jobs, Job, Outcome, RunOptions, RunSummary, Sink};

use annalist_actors::{ActorError, ActorStage};
use annalist_doc::{Doc, Layer, ModelError, Models, Stage, StageError};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// What the standard pipeline is built from: passed in by the caller (the
/// command line), never read from the environment by the libraries.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where models come from (built in, or a directory the user names).
    pub models: Models,
    /// An actor knowledge base or user lexicon to read (people learned by
    /// earlier runs, corrections). Without it, output does not depend on
    /// what earlier runs learned.
    pub actor_kb: Option<PathBuf>,
    /// A file to which the people this run learns are appended, once, at
    /// its end ([`Pipeline::finish`]).
    pub learn_actors: Option<PathBuf>,
}

/// Why a pipeline could not be built or finished: fatal, reported before
/// (or after) any story is read.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A model is missing or damaged.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The actor knowledge base could not be read or written.
    #[error("actor knowledge base: {0}")]
    ActorKb(#[from] ActorError),
    /// A stage runs before the stage that assigns a layer it reads.
    #[error("stage {stage} requires the {layer} layer, which no earlier stage assigns")]
    Order {
        /// The stage.
        stage: &'static str,
        /// The missing layer.
        layer: Layer,
    },
    /// Two stages write the same layer.
    #[error("the {layer} layer has two writers: {first} and {second}")]
    TwoWriters {
        /// The layer.
        layer: Layer,
        /// The earlier writer.
        first: &'static str,
        /// The later writer.
        second: &'static str,
    },
}

/// An ordered, checked list of stages.
pub struct Pipeline {
    stages: Vec<Arc<dyn Stage>>,
    /// The actor stage, for the people it learned (written at the end).
    actors: Option<Arc<ActorStage>>,
    learn_actors: Option<PathBuf>,
}

impl Pipeline {
    /// The full pipeline, every model loaded now: a missing or damaged
    /// model is an error here, before any story is read.
    pub fn standard(config: &Config) -> Result<Self, PipelineError> {
        let m = &config.models;
        let actors = Arc::new(ActorStage::standard(config.actor_kb.as_deref())?);
        let stages: Vec<Arc<dyn Stage>> = vec![
            Arc::new(annalist_tokenizer::TokenizerStage),
            Arc::new(annalist_tagger::TaggerStage::load(m)?),
            Arc::new(annalist_ner::NerStage::load(m)?),
            Arc::new(annalist_parser::ParserStage::load(m)?),
            actors.clone(),
            Arc::new(annalist_events::EventStage::load(m)?),
            Arc::new(annalist_quotes::QuotesStage::load(m)?),
            Arc::new(annalist_time::TimeStage),
            Arc::new(annalist_places::PlacesStage::load()?),
            Arc::new(LinkStage),
        ];
        let mut p = Self::checked(stages)?;
        p.actors = Some(actors);
        p.learn_actors = config.learn_actors.clone();
        Ok(p)
    }

    /// Only tokenization and sentence splitting.
    pub fn tokenize_only() -> Self {
        Pipeline {
            stages: vec![Arc::new(annalist_tokenizer::TokenizerStage)],
            actors: None,
            learn_actors: None,
        }
    }

    /// A pipeline of the given stages, in order, checked like the standard
    /// one.
    pub fn from_stages(stages: Vec<Box<dyn Stage>>) -> Result<Self, PipelineError> {
        Self::checked(stages.into_iter().map(Arc::from).collect())
    }

    fn checked(stages: Vec<Arc<dyn Stage>>) -> Result<Self, PipelineError> {
        let mut writer: BTreeMap<Layer, &'static str> = BTreeMap::new();
        for s in &stages {
            if let Some(&layer) = s.requires().iter().find(|l| !writer.contains_key(l)) {
                return Err(PipelineError::Order {
                    stage: s.name(),
                    layer,
                });
            }
            for &layer in s.assigns() {
                if let Some(first) = writer.insert(layer, s.name()) {
                    return Err(PipelineError::TwoWriters {
                        layer,
                        first,
                        second: s.name(),
                    });
                }
            }
        }
        Ok(Pipeline {
            stages,
            actors: None,
            learn_actors: None,
        })
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

    /// Ends a run: appends the people learned in it to the file named by
    /// [`Config::learn_actors`] (those it does not already hold, in story
    /// order); returns how many were written.
    pub fn finish(&self) -> Result<usize, PipelineError> {
        let (Some(actors), Some(path)) = (&self.actors, &self.learn_actors) else {
            return Ok(0);
        };
        Ok(annalist_actors::kb::append(path, &actors.take_learned())?)
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
    pub(crate) struct Fragile;

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
        let p = Pipeline::from_stages(vec![Box::new(Fragile)]).unwrap();
        let mut bad = Doc::new("bad", "a BOOM b");
        let mut good = Doc::new("good", "a b");
        let e = p.process(&mut bad).unwrap_err();
        assert_eq!(e.stage, "fragile");
        assert!(e.message.contains("marker word"));
        assert!(p.process(&mut good).is_ok());
    }

    #[test]
    fn the_order_of_stages_is_checked() {
        let tagger = annalist_tagger::TaggerStage::shipped().unwrap();
        let e = Pipeline::from_stages(vec![
            Box::new(tagger),
            Box::new(annalist_tokenizer::TokenizerStage),
        ])
        .err()
        .expect("tagger before tokenizer is refused");
        assert!(
            matches!(
                e,
                PipelineError::Order {
                    stage: "tagger",
                    layer: Layer::Tokens
                }
            ),
            "{e}"
        );
        let e = Pipeline::from_stages(vec![
            Box::new(annalist_tokenizer::TokenizerStage),
            Box::new(annalist_tokenizer::TokenizerStage),
        ])
        .err()
        .expect("two tokenizers are refused");
        assert!(matches!(e, PipelineError::TwoWriters { .. }), "{e}");
    }

    #[test]
    fn the_standard_pipeline_is_in_order() {
        let p = Pipeline::standard(&Config::default()).expect("builds");
        let names: Vec<&str> = p.versions().iter().map(|(n, _)| *n).collect();
        assert_eq!(names.first(), Some(&"tokenizer"));
        assert_eq!(names.last(), Some(&"link"));
    }

    #[test]
    fn a_damaged_model_stops_the_build_naming_the_file() {
        let dir = std::env::temp_dir().join(format!("annalist-models-{}", std::process::id()));
        let tagger = dir.join("tagger");
        std::fs::create_dir_all(&tagger).unwrap();
        std::fs::write(tagger.join("pos.anlm"), b"ANLM\x01 not a model").unwrap();
        std::fs::write(tagger.join("lemmas.tsv"), "").unwrap();
        let e = Pipeline::standard(&Config {
            models: Models::from_dir(&dir),
            ..Config::default()
        })
        .err()
        .expect("a damaged model is refused");
        let _ = std::fs::remove_dir_all(&dir);
        let msg = e.to_string();
        assert!(msg.contains("pos.anlm"), "{msg}");
    }
}
