//! `annalist eval parse`: attachment scores on UD test sets with tags
//! predicted by the shipped tagger and gold tokenization.
//!
//! Headline `uas`/`las` follow the CoNLL 2018 shared task: every word
//! counts, punctuation included, and LAS compares the universal relation
//! (subtypes such as `:pass` ignored). `las_full` requires the subtype too;
//! `*_nopunct` leave out words whose gold UPOS is `PUNCT`.

use crate::data::{examples, Tags};
use crate::train::Example;
use crate::{ParseError, Parser};
use annalist_corpora::conllu;
use annalist_eval::{data_path, Report};
use std::path::Path;

/// The evaluation sets: name and path under the data directory.
const SETS: &[(&str, &str)] = &[
    ("ewt-test", "ud/en_ewt/en_ewt-ud-test.conllu"),
    ("gum-test", "ud/en_gum/en_gum-ud-test.conllu"),
    ("pud-test", annalist_tagger::PUD),
];

/// Extra sets evaluated only when named with `--set`.
const EXTRA: &[(&str, &str)] = &[
    ("ewt-dev", "ud/en_ewt/en_ewt-ud-dev.conllu"),
    ("gum-dev", "ud/en_gum/en_gum-ud-dev.conllu"),
];

/// Attachment counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    /// Words.
    pub words: u64,
    /// Correct heads.
    pub uas: u64,
    /// Correct heads and universal relations.
    pub las: u64,
    /// Correct heads and full relations.
    pub las_full: u64,
    /// Non-punctuation words.
    pub words_np: u64,
    /// Correct heads, non-punctuation.
    pub uas_np: u64,
    /// Correct heads and universal relations, non-punctuation.
    pub las_np: u64,
}

fn universal(l: &str) -> &str {
    l.split(':').next().unwrap_or(l)
}

/// Parses the examples and counts correct attachments; `punct[i][k]` says
/// whether word `k` of sentence `i` is punctuation.
pub fn score_examples(parser: &Parser, ex: &[Example], punct: &[Vec<bool>]) -> Scores {
    let mut s = Scores::default();
    for (e, p) in ex.iter().zip(punct) {
        let out = parser.parse(&e.input);
        for k in 0..e.heads.len().min(out.heads.len()) {
            let head = out.heads[k] == e.heads[k];
            let lab = head && universal(&out.labels[k]) == universal(&e.labels[k]);
            s.words += 1;
            s.uas += head as u64;
            s.las += lab as u64;
            s.las_full += (head && out.labels[k] == e.labels[k]) as u64;
            if !p.get(k).copied().unwrap_or(false) {
                s.words_np += 1;
                s.uas_np += head as u64;
                s.las_np += lab as u64;
            }
        }
    }
    s
}

fn pct(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Scores `parser` on one CoNLL-U file with the shipped tagger's tags.
pub fn evaluate_file(parser: &Parser, path: &Path) -> Result<Scores, ParseError> {
    score_sentences(parser, &conllu::read_file(path)?)
}

/// Scores `parser` on gold-tokenized sentences with the shipped tagger's
/// tags.
pub fn score_sentences(parser: &Parser, sents: &[conllu::Sentence]) -> Result<Scores, ParseError> {
    let tagger =
        annalist_tagger::Tagger::shipped().map_err(|e| ParseError::Tagger(e.to_string()))?;
    let ex = examples(sents, Tags::Predicted(tagger));
    let punct: Vec<Vec<bool>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| w.upos == "PUNCT").collect())
        .collect();
    Ok(score_examples(parser, &ex, &punct))
}

/// Scores the shipped parser on the UD test sets (`ewt-test`, `gum-test`,
/// `pud-test` with its news and Wikipedia halves;
/// `ewt-dev` and `gum-dev` when asked for by name).
pub fn evaluate(data_dir: &Path, set: Option<&str>) -> Result<Vec<Report>, ParseError> {
    let parser = Parser::shipped().map_err(|e| ParseError::Model(e.to_string()))?;
    evaluate_with(parser, data_dir, set)
}

/// [`evaluate`] with a given parser (e.g. a freshly trained one).
pub fn evaluate_with(
    parser: &Parser,
    data_dir: &Path,
    set: Option<&str>,
) -> Result<Vec<Report>, ParseError> {
    let mut out = Vec::new();
    for (name, rel) in SETS.iter().chain(EXTRA) {
        let wanted = match set {
            Some(s) => s == *name,
            None => SETS.iter().any(|(n, _)| n == name),
        };
        if !wanted {
            continue;
        }
        let sents = conllu::read_file(&data_path(data_dir, rel)?)?;
        let s = score_sentences(parser, &sents)?;
        let mut r = Report::new("parse", name)
            .metric("uas", pct(s.uas, s.words))
            .metric("las", pct(s.las, s.words))
            .metric("las_full", pct(s.las_full, s.words))
            .metric("uas_nopunct", pct(s.uas_np, s.words_np))
            .metric("las_nopunct", pct(s.las_np, s.words_np))
            .count("words", s.words);
        if *rel == annalist_tagger::PUD {
            // The news half is the domain Annalist reads.
            for half in ["news", "wiki"] {
                let part: Vec<conllu::Sentence> = sents
                    .iter()
                    .filter(|s| annalist_tagger::pud_half(s) == half)
                    .cloned()
                    .collect();
                let h = score_sentences(parser, &part)?;
                r = r
                    .metric(&format!("uas_{half}"), pct(h.uas, h.words))
                    .metric(&format!("las_{half}"), pct(h.las, h.words))
                    .count(&format!("words_{half}"), h.words);
            }
        }
        out.push(r);
    }
    Ok(out)
}
