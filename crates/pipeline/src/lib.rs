//! The pipeline: named stages run in order over each document, and the one
//! runner every command that annotates uses.
//!
//! Order: lang (the story's language) → tokenizer (tokens, sentences,
//! paragraphs) → tagger → recognizer → parser → actors → events → quotes →
//! time → places → link (each event's date and location, from the time and
//! places layers). Each stage only adds its layer to the [`Doc`];
//! [`Pipeline::from_stages`] checks once that every layer a stage requires
//! is assigned earlier and that no layer has two writers.
//!
//! A story whose language (set by the lang stage) is not the language of a
//! later stage's models stops before that stage, with a warning: it comes
//! out with its text and `lang` but no annotation, and the run counts it
//! ([`RunSummary::other_language`]). [`Config::any_language`] turns the
//! gate off.

mod lang;
mod link;
mod run;

pub use lang::{identify, language_name, normalize, LanguageStage, DETECT_BYTES};
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
    /// Run every stage on every story whatever its language (the
    /// identified language is still recorded). Off by default: a story
    /// not in a stage's language stops before it.
    pub any_language: bool,
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
    /// Index of the stage that assigns [`Layer::Language`], when there is
    /// one: only the stages after it are held to the story's language.
    lang_stage: Option<usize>,
    /// Whether stages run on stories not in their language.
    any_language: bool,
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
            Arc::new(LanguageStage),
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
        p.any_language = config.any_language;
        Ok(p)
    }

    /// Only language identification, tokenization and sentence splitting.
    pub fn tokenize_only() -> Self {
        Pipeline {
            stages: vec![
                Arc::new(LanguageStage),
                Arc::new(annalist_tokenizer::TokenizerStage),
            ],
            lang_stage: Some(0),
            any_language: false,
            actors: None,
            learn_actors: None,
        }
    }

    /// The same pipeline, running every stage on every story whatever its
    /// language when `any` is set ([`Config::any_language`]).
    pub fn with_any_language(mut self, any: bool) -> Self {
        self.any_language = any;
        self
    }

    /// A pipeline of the given stages, in order, checked like the standard
    /// one.
    pub fn from_stages(stages: Vec<Box<dyn Stage>>) -> Result<Self, PipelineError> {
        Self::checked(stages.into_iter().map(Arc::from).collect())
    }

    fn checked(stages: Vec<Arc<dyn Stage>>) -> Result<Self, PipelineError> {
        let mut writer: BTreeMap<Layer, &'static str> = BTreeMap::new();
        let mut lang_stage = None;
        for (i, s) in stages.iter().enumerate() {
            if s.assigns().contains(&Layer::Language) {
                lang_stage = Some(i);
            }
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
            lang_stage,
            any_language: false,
            actors: None,
            learn_actors: None,
        })
    }

    /// Index of the first stage that `doc` stops before because it is not
    /// in that stage's language: `None` when every stage takes it (no
    /// language stage, `any_language`, or a story in the stages' language).
    /// Read after the language stage has run.
    fn language_stop(&self, doc: &Doc) -> Option<usize> {
        let first = self.lang_stage? + 1;
        if self.any_language {
            return None;
        }
        let lang = doc.lang.as_deref()?;
        (first..self.stages.len()).find(|&i| self.stages[i].language().is_some_and(|l| l != lang))
    }

    /// True when `doc` (after [`Pipeline::process`]) was not annotated past
    /// language identification because no stage of its language exists.
    pub fn skipped_for_language(&self, doc: &Doc) -> bool {
        self.language_stop(doc).is_some()
    }

    /// Runs the stages over `doc` in order, stopping a story not in the
    /// next stage's language with a warning, and calling `timed` with each
    /// stage's index and wall time.
    fn run_stages(
        &self,
        doc: &mut Doc,
        mut timed: impl FnMut(usize, std::time::Duration),
    ) -> Result<(), StageError> {
        for (i, stage) in self.stages.iter().enumerate() {
            // The language is known once the language stage has run; the
            // check is cheap, so it is made before each later stage.
            if self.lang_stage.is_some_and(|l| i > l) && self.language_stop(doc) == Some(i) {
                let lang = doc.lang.as_deref().unwrap_or_default();
                let wanted = stage.language().unwrap_or_default();
                doc.warnings.push(format!(
                    "not in {} (language: {} [{lang}]); not annotated by the {} models (--lang-any runs them anyway)",
                    language_name(wanted),
                    language_name(lang),
                    language_name(wanted),
                ));
                return Ok(());
            }
            let t = std::time::Instant::now();
            guarded(stage.as_ref(), doc)?;
            timed(i, t.elapsed());
        }
        Ok(())
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
        self.run_stages(doc, |i, d| {
            if let Some(slot) = per_stage.get_mut(i) {
                *slot += d;
            }
        })
    }

    /// Runs every stage over `doc`, stopping at the first failure. A stage
    /// that panics on this story fails the story, not the run: the panic
    /// becomes that stage's error, and the caller goes on with the rest of
    /// the batch. A story not in a stage's language stops before that
    /// stage with a warning (see [`Pipeline::skipped_for_language`]).
    pub fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        self.run_stages(doc, |_, _| {})
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
        assert_eq!(names.first(), Some(&"lang"));
        assert_eq!(names.get(1), Some(&"tokenizer"));
        assert_eq!(names.last(), Some(&"link"));
    }

    #[test]
    fn a_story_not_in_english_stops_after_the_language_stage() {
        let p = Pipeline::from_stages(vec![
            Box::new(LanguageStage),
            Box::new(annalist_tokenizer::TokenizerStage),
            Box::new(Fragile),
        ])
        .unwrap();
        let mut it = Doc::new("it", "a BOOM b");
        it.lang = Some("it-IT".into());
        p.process(&mut it).expect("never reaches the fragile stage");
        assert_eq!(it.lang.as_deref(), Some("it"));
        assert!(it.tokens.is_empty());
        assert!(p.skipped_for_language(&it));
        assert!(it.warnings[0].contains("Italian"), "{:?}", it.warnings);

        let mut en = Doc::new("en", "a b");
        en.lang = Some("en".into());
        p.process(&mut en).unwrap();
        assert!(!p.skipped_for_language(&en));
        assert_eq!(en.tokens.len(), 2);

        let p = p.with_any_language(true);
        let mut it = Doc::new("it", "a b");
        it.lang = Some("it".into());
        p.process(&mut it).unwrap();
        assert!(!p.skipped_for_language(&it));
        assert_eq!(it.tokens.len(), 2);
        assert!(it.warnings.is_empty());
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
