//! The document model every Annalist stage reads and annotates.
//!
//! A [`Doc`] owns the analysed text once; everything else (tokens, sentences,
//! paragraphs and every annotation layer) refers back into it by byte offsets
//! and, for consumers that count in Unicode scalar values (browsers, Python),
//! by character offsets as well. Stages add annotations; none re-tokenizes.
//! The design follows spaCy's `Doc`/`Token`/`Span`: one contiguous token
//! array, thin views over it.

mod date;
mod layers;
mod offsets;
mod stage;
pub mod words;

pub use date::{DocDate, ParseDateError};
pub use layers::*;
pub use offsets::CharIndex;
pub use stage::{Layer, ModelError, Models, Shared, Stage, StageError};

use serde::{Deserialize, Serialize};
use smol_str::SmolStr;

/// Version of the JSON output schema documented in `docs/schema.md`.
///
/// Bump the minor part for additive changes, the major part for breaking ones.
pub const SCHEMA_VERSION: &str = "1.1";

/// A compact string label (POS tag, dependency relation, entity type…).
///
/// Labels up to 23 bytes are stored inline, so annotating a token with a tag
/// does not allocate.
pub type Label = SmolStr;

/// A half-open byte range `[start, end)` in [`Doc::text`] together with the
/// same range counted in Unicode scalar values (`char_start`, `char_end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Offsets {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// First character (Unicode scalar value).
    pub char_start: u32,
    /// One past the last character.
    pub char_end: u32,
}

impl Offsets {
    /// The byte range as a `usize` range for slicing.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// True when the range covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}

/// One token with its annotations. Stages fill the optional fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is in the text.
    #[serde(flatten)]
    pub offsets: Offsets,
    /// Whether whitespace follows the token in the text.
    pub ws: bool,
    /// Universal POS tag (UPOS), set by the tagger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Label>,
    /// Penn Treebank tag (XPOS), set by the tagger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<Label>,
    /// Lemma, set by the tagger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lemma: Option<Label>,
    /// Index (into [`Doc::tokens`]) of the syntactic head; `None` for roots
    /// and before parsing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<u32>,
    /// Universal Dependencies relation to the head, set by the parser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dep: Option<Label>,
}

/// A contiguous run of tokens: a sentence, a paragraph, or the extent of an
/// annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// Index of the first token.
    pub token_start: u32,
    /// One past the index of the last token.
    pub token_end: u32,
    /// Where the span is in the text (from the first token's start to the
    /// last token's end).
    #[serde(flatten)]
    pub offsets: Offsets,
}

impl Span {
    /// Token indices covered by the span.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.token_start as usize..self.token_end as usize
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        (self.token_end - self.token_start) as usize
    }

    /// True when the span has no tokens.
    pub fn is_empty(&self) -> bool {
        self.token_end <= self.token_start
    }
}

/// The dateline of a wire story: `(ANSA) - Rome, January 7 - `.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Dateline {
    /// The whole dateline as it appears in the text.
    #[serde(flatten)]
    pub offsets: Offsets,
    /// Place as written (`Rome`, `WASHINGTON`).
    pub place: Option<String>,
    /// Date as written (`January 7`), when the dateline has one.
    pub date_text: Option<String>,
    /// The date resolved from `date_text`; the year may be unknown.
    pub date: Option<DocDate>,
}

/// A metadata line found in the text and kept out of the body, such as the
/// trailing `Source: ANSA News Agency`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetaField {
    /// Lower-case key (`source`).
    pub key: String,
    /// The value as written.
    pub value: String,
    /// Where the whole line is in the text.
    #[serde(flatten)]
    pub offsets: Offsets,
}

/// Where the document came from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Origin {
    /// File path (or `-` for standard input).
    pub path: String,
    /// 1-based line (JSONL) or record (CSV) number within the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Input format: `text`, `jsonl` or `csv`.
    pub format: String,
}

/// A news story and all its annotations.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Doc {
    /// Version of this JSON layout ([`SCHEMA_VERSION`]).
    pub schema_version: String,
    /// Stable identifier: the record's `id`, else derived from the path.
    pub id: String,
    /// Where the story came from.
    pub origin: Origin,
    /// The analysed text. All offsets point into it.
    pub text: String,
    /// The headline, when there is one.
    #[serde(default)]
    pub title: Option<TextField>,
    /// Where the story body (after the headline) is.
    pub body: Offsets,
    /// News agency (`ANSA`, `Reuters`, `AP`, `AFP`, …) from the dateline or
    /// the record's `source` field.
    pub agency: Option<String>,
    /// The dateline, when the story has one.
    pub dateline: Option<Dateline>,
    /// The document creation date that anchors relative time expressions.
    pub date: Option<DocDate>,
    /// Where [`Doc::date`] came from: `option`, `record` or `dateline`.
    pub date_source: Option<String>,
    /// URL from the record, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The story's language as an ISO 639-1 code (`en`, `it`): the one the
    /// input declares (a record's `lang`, a page's `<html lang>`), else the
    /// one identified from the text; English when the text is too short to
    /// tell (see `docs/schema.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Metadata lines kept out of the body.
    pub meta: Vec<MetaField>,
    /// Paragraphs (the headline is paragraph 0 when present).
    pub paragraphs: Vec<Span>,
    /// Sentences, in text order.
    pub sentences: Vec<Span>,
    /// Tokens, in text order.
    pub tokens: Vec<Token>,
    /// Named entities (PER, ORG, LOC, MISC).
    pub entities: Vec<Entity>,
    /// Actor mentions resolved to CAMEO actor codes.
    pub actors: Vec<Actor>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Attributed quotations.
    pub quotes: Vec<Quote>,
    /// Time expressions.
    pub timexes: Vec<Timex>,
    /// Resolved toponyms.
    pub places: Vec<Place>,
    /// Non-fatal problems met while reading or annotating the story.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// A piece of text with its offsets (used for the headline).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TextField {
    /// The text.
    pub text: String,
    /// Where it is.
    #[serde(flatten)]
    pub offsets: Offsets,
}

impl Doc {
    /// A new document over `text` with no annotations.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let index = CharIndex::new(&text);
        let body = index.offsets(0, text.len());
        Doc {
            schema_version: SCHEMA_VERSION.to_string(),
            id: id.into(),
            text,
            body,
            ..Default::default()
        }
    }

    /// The text of a byte range.
    pub fn slice(&self, offsets: &Offsets) -> &str {
        &self.text[offsets.range()]
    }

    /// The text of a token.
    pub fn token_text(&self, i: usize) -> &str {
        self.slice(&self.tokens[i].offsets)
    }

    /// The text of a span.
    pub fn span_text(&self, span: &Span) -> &str {
        self.slice(&span.offsets)
    }

    /// Builds a span over tokens `[token_start, token_end)`.
    ///
    /// # Panics
    /// When the range is empty or out of bounds; callers build spans from
    /// tokens they have just looked at.
    pub fn span(&self, token_start: usize, token_end: usize) -> Span {
        let first = &self.tokens[token_start].offsets;
        let last = &self.tokens[token_end - 1].offsets;
        Span {
            token_start: token_start as u32,
            token_end: token_end as u32,
            offsets: Offsets {
                start: first.start,
                end: last.end,
                char_start: first.char_start,
                char_end: last.char_end,
            },
        }
    }

    /// Index of the sentence that contains token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        let i = i as u32;
        let k = self.sentences.partition_point(|s| s.token_end <= i);
        (k < self.sentences.len() && self.sentences[k].token_start <= i).then_some(k)
    }

    /// Index of the token whose range contains byte `pos`, if any.
    pub fn token_at_byte(&self, pos: usize) -> Option<usize> {
        let pos = pos as u32;
        let k = self.tokens.partition_point(|t| t.offsets.end <= pos);
        (k < self.tokens.len() && self.tokens[k].offsets.start <= pos).then_some(k)
    }
}
