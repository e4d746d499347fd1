//! The pipeline stage: fills `Token::head` and `Token::dep`.

use crate::features::Input;
use crate::{ParseError, Parser};
use annalist_doc::{Doc, Label, Layer, ModelError, Models, Shared, Stage, StageError};
use std::borrow::Cow;
use std::sync::OnceLock;

static SHIPPED_MODEL: &[u8] = include_bytes!("../model/parse.anlm");

impl Parser {
    /// The model shipped in the repository (loaded once, on first use).
    pub fn shipped() -> Result<&'static Parser, &'static ParseError> {
        static CELL: OnceLock<Result<Parser, ParseError>> = OnceLock::new();
        CELL.get_or_init(|| Parser::from_bytes(Cow::Borrowed(SHIPPED_MODEL)))
            .as_ref()
    }

    /// Loads a model file written by `annalist train parse`.
    pub fn load(path: &std::path::Path) -> Result<Parser, ParseError> {
        let bytes = std::fs::read(path).map_err(|source| ParseError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Parser::from_bytes(Cow::Owned(bytes))
    }

    /// Writes the model file.
    pub fn save(&self, path: &std::path::Path) -> Result<(), ParseError> {
        let io = |source| ParseError::Io {
            path: path.display().to_string(),
            source,
        };
        std::fs::write(path, self.model_bytes()).map_err(io)
    }
}

/// Parses every sentence of a document with the model it was built with.
/// It reads the tagger's tags (the pipeline puts the tagger first); it does
/// not tag.
#[derive(Clone)]
pub struct ParserStage {
    parser: Shared<Parser>,
}

impl ParserStage {
    /// The stage with the built-in model, or `models`' `parser/parse.anlm`
    /// (as `annalist train parse` writes).
    pub fn load(models: &Models) -> Result<Self, ModelError> {
        let parser = models.load(
            "parser",
            "parse.anlm",
            |dir| {
                Models::parse("parser", &dir.join("parse.anlm"), |b| {
                    Parser::from_bytes(Cow::Owned(b.to_vec()))
                })
            },
            Parser::shipped,
        )?;
        Ok(ParserStage { parser })
    }

    /// The stage with the built-in model.
    pub fn shipped() -> Result<Self, ModelError> {
        Self::load(&Models::builtin())
    }
}

impl Stage for ParserStage {
    fn name(&self) -> &'static str {
        "parser"
    }

    fn version(&self) -> String {
        "1".into()
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Tags]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Parse]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        parse_doc(&self.parser, doc);
        Ok(())
    }
}

/// Parses `doc` sentence by sentence (the whole token list as one sentence
/// when there are no sentences), writing absolute head indices. Untagged
/// tokens are parsed with empty tags: tag the document first.
pub fn parse_doc(parser: &Parser, doc: &mut Doc) {
    let n_tok = doc.tokens.len();
    let ranges: Vec<std::ops::Range<usize>> = if doc.sentences.is_empty() {
        std::iter::once(0..n_tok).collect()
    } else {
        doc.sentences
            .iter()
            .map(|s| (s.token_start as usize).min(n_tok)..(s.token_end as usize).min(n_tok))
            .collect()
    };
    let mut forms: Vec<&str> = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    let mut upos: Vec<&str> = Vec::new();
    let mut results: Vec<(usize, Option<u32>, Label)> = Vec::with_capacity(n_tok);
    for r in ranges {
        if r.is_empty() {
            continue;
        }
        forms.clear();
        tags.clear();
        upos.clear();
        for t in &doc.tokens[r.clone()] {
            forms.push(doc.text.get(t.offsets.range()).unwrap_or(""));
            tags.push(t.tag.as_deref().unwrap_or(""));
            upos.push(t.pos.as_deref().unwrap_or(""));
        }
        let parse = parser.parse(&Input::new(&forms, &tags, &upos));
        for (k, (h, l)) in parse.heads.iter().zip(&parse.labels).enumerate() {
            results.push((r.start + k, h.map(|h| (r.start + h) as u32), Label::new(l)));
        }
    }
    for (i, h, l) in results {
        doc.tokens[i].head = h;
        doc.tokens[i].dep = Some(l);
    }
}
