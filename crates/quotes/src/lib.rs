//! Quotes: who said what. Finds direct, mixed and indirect attributions in
//! a story, each with its cue ("said", "according to"), its source mention
//! and its content, and resolves the source to a named speaker.
//!
//! Quotation marks are paired by rule ([`marks`]); roles are labelled by an
//! averaged-perceptron tagger trained on PolNeAR ([`tagger`]); the spans are
//! grouped into quotes around their cue ([`assemble`]) and the source is
//! resolved through pronouns and surnames ([`speaker`]).

pub mod assemble;
pub mod eval;
mod features;
pub mod lexicon;
pub mod marks;
pub mod polnear;
mod rules;
pub mod speaker;
pub mod tagger;
pub mod training;

use annalist_doc::{Doc, Quote, Stage, StageError};
use std::path::PathBuf;
use std::sync::OnceLock;
use tagger::Tagger;

/// The shipped tagger model (see `model/MODEL.md`).
static MODEL_BYTES: &[u8] = include_bytes!("../model/quotes.anlm");

/// Errors of the quotes crate.
#[derive(Debug, thiserror::Error)]
pub enum QuotesError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The model could not be loaded.
    #[error("quotes model: {0}")]
    Model(String),
    /// Gold data missing.
    #[error(transparent)]
    MissingData(#[from] annalist_eval::MissingData),
}

impl QuotesError {
    pub(crate) fn io(path: PathBuf, source: std::io::Error) -> Self {
        QuotesError::Io { path, source }
    }
}

impl From<annalist_linear::LinearError> for QuotesError {
    fn from(e: annalist_linear::LinearError) -> Self {
        QuotesError::Model(e.to_string())
    }
}

/// The shipped tagger, loaded once.
pub fn shipped() -> Result<&'static Tagger, QuotesError> {
    static TAGGER: OnceLock<Result<Tagger, String>> = OnceLock::new();
    TAGGER
        .get_or_init(|| Tagger::from_bytes(MODEL_BYTES).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| QuotesError::Model(e.clone()))
}

/// The quotes stage: fills [`Doc::quotes`].
pub struct QuotesStage;

impl Stage for QuotesStage {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        let tagger = shipped().map_err(|e| StageError {
            stage: "quotes",
            message: e.to_string(),
        })?;
        doc.quotes = extract(tagger, doc);
        Ok(())
    }
}

/// Finds the quotes of a tokenized document with `tagger`.
pub fn extract(tagger: &Tagger, doc: &Doc) -> Vec<Quote> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let quoting = marks::pair(doc);
    let labels = tagger.label(doc, &quoting);
    let spans = tagger::spans(&labels);
    let drafts = rules::merge(
        assemble::group(doc, &spans, &quoting),
        rules::layout_drafts(doc),
    );
    let names = if drafts.iter().any(|d| d.source.is_some()) {
        speaker::mentions(doc, &quoting)
    } else {
        Vec::new()
    };
    let mut out: Vec<Quote> = Vec::with_capacity(drafts.len());
    let mut last_speaker: Option<(usize, Option<String>, Option<String>)> = None;
    for d in &drafts {
        let mut q = assemble::to_quote(doc, d, &quoting);
        let para = d
            .content
            .first()
            .map(|c| paragraph_of(doc, c.0))
            .unwrap_or(usize::MAX);
        match d.source {
            Some(src) => {
                if let Some(r) = speaker::resolve(doc, src, &names) {
                    let (name, code) = match speaker::actor_for(doc, r) {
                        Some((n, c)) => (n, Some(c)),
                        None => (None, None),
                    };
                    q.speaker = Some(
                        name.unwrap_or_else(|| doc.span_text(&doc.span(r.0, r.1)).to_string()),
                    );
                    q.speaker_code = code;
                }
            }
            // Wire style continues a speaker's quote in the next paragraphs
            // without repeating the attribution.
            None if d.cue.is_none() => {
                if let Some((p, name, code)) = &last_speaker {
                    if para != usize::MAX && para > *p && para - p <= 2 {
                        q.speaker = name.clone();
                        q.speaker_code = code.clone();
                    }
                }
            }
            None => {}
        }
        if q.speaker.is_some() {
            let p = d
                .content
                .last()
                .map(|c| paragraph_of(doc, c.0))
                .unwrap_or(para);
            last_speaker = Some((p, q.speaker.clone(), q.speaker_code.clone()));
        }
        out.push(q);
    }
    out
}

fn paragraph_of(doc: &Doc, i: usize) -> usize {
    doc.paragraphs
        .iter()
        .position(|p| (p.token_start as usize) <= i && i < p.token_end as usize)
        .unwrap_or(usize::MAX)
}

/// One line describing a quote, for `extract --format pretty`:
/// `direct  Lorenzo Guerini [ITAGOV] stressed: "…"`.
pub fn describe(quote: &Quote, doc: &Doc) -> String {
    let kind = match quote.kind {
        annalist_doc::QuoteKind::Direct => "direct",
        annalist_doc::QuoteKind::Mixed => "mixed",
        annalist_doc::QuoteKind::Indirect => "indirect",
    };
    let get = |o: &annalist_doc::Offsets| doc.text.get(o.range()).unwrap_or("").to_string();
    let speaker = quote
        .speaker
        .clone()
        .unwrap_or_else(|| "(unknown speaker)".into());
    let code = quote
        .speaker_code
        .as_ref()
        .map(|c| format!(" [{c}]"))
        .unwrap_or_default();
    let source = match (&quote.source, &quote.speaker) {
        (Some(s), Some(sp)) if get(s) != *sp => format!(" (\"{}\")", get(s)),
        _ => String::new(),
    };
    let cue = quote.cue.as_ref().map(get).unwrap_or_else(|| "—".into());
    let content: Vec<String> = quote.content.iter().map(get).collect();
    let mut content = content.join(" … ").replace('\n', " ");
    if content.chars().count() > 160 {
        content = content.chars().take(157).collect::<String>() + "...";
    }
    format!("{kind:<8} {speaker}{code}{source} {cue}: {content}")
}
