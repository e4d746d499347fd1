//! The contract between the pipeline and its stages, after spaCy's
//! components: a stage names the layers it reads and the layers it writes,
//! loads its models when it is built (never lazily inside `process`), and
//! annotates one document at a time.

use crate::Doc;
use std::fmt;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a pipeline stage could not annotate a document.
#[derive(Debug, thiserror::Error)]
#[error("{stage}: {message}")]
pub struct StageError {
    /// Name of the stage that failed.
    pub stage: &'static str,
    /// What went wrong.
    pub message: String,
}

/// A layer of the document: what a stage requires before it runs and what
/// it assigns. The pipeline checks once, when it is built, that every
/// required layer is assigned by an earlier stage, and that no layer has two
/// writers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// `Doc::lang`: the story's language (ISO 639-1), declared by the
    /// input or identified from the text.
    Language,
    /// `Doc::tokens` (offsets only).
    Tokens,
    /// `Doc::sentences` and `Doc::paragraphs`.
    Sentences,
    /// `Token::pos`, `Token::tag`, `Token::lemma`.
    Tags,
    /// `Doc::entities`.
    Entities,
    /// `Token::head`, `Token::dep`.
    Parse,
    /// `Doc::actors`.
    Actors,
    /// `Doc::events` (who did what to whom; not their dates or places).
    Events,
    /// `Doc::quotes`.
    Quotes,
    /// `Doc::timexes`.
    Timexes,
    /// `Doc::places`.
    Places,
    /// Each event's date and location, linked from the time and places
    /// layers.
    EventLinks,
}

impl Layer {
    /// What the stages after parsing read: tokens, sentences, tags,
    /// entities and the parse.
    pub const ANALYSED: &'static [Layer] = &[
        Layer::Tokens,
        Layer::Sentences,
        Layer::Tags,
        Layer::Entities,
        Layer::Parse,
    ];
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Layer::Language => "language",
            Layer::Tokens => "tokens",
            Layer::Sentences => "sentences",
            Layer::Tags => "tags",
            Layer::Entities => "entities",
            Layer::Parse => "parse",
            Layer::Actors => "actors",
            Layer::Events => "events",
            Layer::Quotes => "quotes",
            Layer::Timexes => "timexes",
            Layer::Places => "places",
            Layer::EventLinks => "event dates and locations",
        };
        f.write_str(name)
    }
}

/// One step of the pipeline. A stage reads what earlier stages put on the
/// [`Doc`] and adds its own layer; it never re-tokenizes.
pub trait Stage: Send + Sync {
    /// Short name used in messages and run records (`tokenizer`, `tagger`).
    fn name(&self) -> &'static str;
    /// Version of the stage's model or rules, recorded with ingest runs.
    fn version(&self) -> String {
        "1".to_string()
    }
    /// The layers this stage reads; an earlier stage must assign each.
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    /// The layers this stage writes; no other stage may write them.
    fn assigns(&self) -> &'static [Layer] {
        &[]
    }
    /// The language (ISO 639-1) of the models or rules this stage applies,
    /// or `None` for a stage that works on text in any language. A story
    /// whose identified language differs stops before the first such
    /// stage after the language stage (the pipeline reports it), so it is
    /// never coded with another language's models. Every annotator shipped
    /// today is English, hence the default.
    fn language(&self) -> Option<&'static str> {
        Some("en")
    }
    /// Annotates one document.
    fn process(&self, doc: &mut Doc) -> Result<(), StageError>;
}

/// A model that could not be loaded: a fatal error at start-up, naming the
/// file.
#[derive(Debug, thiserror::Error)]
#[error("{stage}: cannot load the model {path}: {message}")]
pub struct ModelError {
    /// The stage whose model it is.
    pub stage: &'static str,
    /// The file (or `built-in <name>` for a model compiled into the binary).
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl ModelError {
    /// An error about `path`.
    pub fn new(stage: &'static str, path: impl fmt::Display, message: impl fmt::Display) -> Self {
        ModelError {
            stage,
            path: path.to_string(),
            message: message.to_string(),
        }
    }
}

/// Where the stages find their models: compiled into the binary (the
/// default), or a directory the user names (`--models DIR`, the directory
/// `annalist train` writes to). A models directory holds one folder per
/// stage with the file names of the shipped `model/` folder
/// (`tagger/pos.anlm`, `ner/ner.anlm`, `parser/parse.anlm`, …); a stage
/// whose folder is absent uses its built-in model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Models {
    dir: Option<PathBuf>,
}

impl Models {
    /// The models compiled into the binary.
    pub fn builtin() -> Self {
        Models { dir: None }
    }

    /// Models from `dir`, falling back to the built-in ones stage by stage.
    pub fn from_dir(dir: impl Into<PathBuf>) -> Self {
        Models {
            dir: Some(dir.into()),
        }
    }

    /// The user's directory, when one was named.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The folder holding `stage`'s models in the user's directory, when it
    /// exists.
    pub fn folder(&self, stage: &str) -> Option<PathBuf> {
        let f = self.dir.as_ref()?.join(stage);
        f.is_dir().then_some(f)
    }

    /// Reads a model file from a stage folder, naming it in the error.
    pub fn read(stage: &'static str, path: &Path) -> Result<Vec<u8>, ModelError> {
        std::fs::read(path).map_err(|e| ModelError::new(stage, path.display(), e))
    }

    /// Reads a text model file from a stage folder, naming it in the error.
    pub fn read_text(stage: &'static str, path: &Path) -> Result<String, ModelError> {
        std::fs::read_to_string(path).map_err(|e| ModelError::new(stage, path.display(), e))
    }

    /// Reads and parses a model file, naming it in either error.
    pub fn parse<T, E: fmt::Display>(
        stage: &'static str,
        path: &Path,
        parse: impl FnOnce(&[u8]) -> Result<T, E>,
    ) -> Result<T, ModelError> {
        parse(&Self::read(stage, path)?).map_err(|e| ModelError::new(stage, path.display(), e))
    }

    /// Reads and parses a text model file, naming it in either error.
    pub fn parse_text<T, E: fmt::Display>(
        stage: &'static str,
        path: &Path,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, ModelError> {
        parse(&Self::read_text(stage, path)?).map_err(|e| ModelError::new(stage, path.display(), e))
    }

    /// `stage`'s model: from its folder in the user's directory when there
    /// is one (`from_dir`), else the built-in one (`builtin`, whose failure
    /// names `builtin_file`).
    pub fn load<T, E: fmt::Display>(
        &self,
        stage: &'static str,
        builtin_file: &str,
        from_dir: impl FnOnce(&Path) -> Result<T, ModelError>,
        builtin: impl FnOnce() -> Result<&'static T, E>,
    ) -> Result<Shared<T>, ModelError> {
        match self.folder(stage) {
            Some(dir) => from_dir(&dir).map(Shared::from),
            None => builtin()
                .map(Shared::Static)
                .map_err(|e| ModelError::new(stage, format!("built-in {builtin_file}"), e)),
        }
    }
}

/// A model held by a stage: the built-in one, loaded once per process and
/// shared, or one loaded from the user's directory.
pub enum Shared<T: 'static> {
    /// Compiled into the binary, loaded once.
    Static(&'static T),
    /// Loaded from a file.
    Owned(Arc<T>),
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        match self {
            Shared::Static(t) => Shared::Static(t),
            Shared::Owned(t) => Shared::Owned(Arc::clone(t)),
        }
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self {
            Shared::Static(t) => t,
            Shared::Owned(t) => t,
        }
    }
}

impl<T> From<T> for Shared<T> {
    fn from(t: T) -> Self {
        Shared::Owned(Arc::new(t))
    }
}
