//! `annalist eval sentences` and `annalist eval tokens` against UD English
//! treebanks.
//!
//! Each treebank document is rebuilt from its `# text` lines: sentences of a
//! paragraph joined by one space, paragraphs by a blank line. A sentence
//! boundary is the character offset where a sentence ends (trailing
//! whitespace excluded); a word is a character span. A multiword token whose
//! surface differs from the concatenation of its words counts as one span.

use crate::{analyze, tokenize_str};
use annalist_corpora::conllu::{self, ConlluError, Sentence};
use annalist_doc::Doc;
use annalist_eval::{data_path, MissingData, Prf, Report};
use std::collections::HashSet;
use std::path::Path;

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// Gold data absent.
    #[error(transparent)]
    Missing(#[from] MissingData),
    /// Gold data unreadable.
    #[error("{path}: {source}")]
    Conllu {
        /// The file.
        path: String,
        /// What went wrong.
        source: ConlluError,
    },
    /// Unknown set name.
    #[error("unknown set {0:?} for this task")]
    UnknownSet(String),
}

const SETS: &[(&str, &str)] = &[
    ("ewt-test", "ud/en_ewt/en_ewt-ud-test.conllu"),
    ("gum-test", "ud/en_gum/en_gum-ud-test.conllu"),
    ("ewt-dev", "ud/en_ewt/en_ewt-ud-dev.conllu"),
    ("gum-dev", "ud/en_gum/en_gum-ud-dev.conllu"),
];

fn load(data: &Path, rel: &str) -> Result<Vec<Sentence>, EvalError> {
    let path = data_path(data, rel)?;
    conllu::read_file(&path).map_err(|source| EvalError::Conllu {
        path: path.display().to_string(),
        source,
    })
}

fn pick<'a>(
    set: Option<&str>,
    default: &'a [&'a str],
) -> Result<Vec<(&'a str, &'a str)>, EvalError> {
    match set {
        None => Ok(SETS
            .iter()
            .copied()
            .filter(|(n, _)| default.contains(n))
            .collect()),
        Some(s) => SETS
            .iter()
            .copied()
            .find(|(n, _)| *n == s)
            .map(|x| vec![x])
            .ok_or_else(|| EvalError::UnknownSet(s.to_string())),
    }
}

/// A rebuilt treebank document: text plus gold sentence ends (char offsets).
struct GoldDoc {
    text: String,
    ends: Vec<usize>,
}

fn rebuild(sentences: &[Sentence]) -> Vec<GoldDoc> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    for s in sentences {
        let Some(t) = &s.text else { continue };
        if s.newdoc || docs.is_empty() {
            docs.push(GoldDoc {
                text: String::new(),
                ends: Vec::new(),
            });
        }
        let d = docs.last_mut().expect("pushed above");
        if !d.text.is_empty() {
            d.text.push_str(if s.newpar { "\n\n" } else { " " });
        }
        d.text.push_str(t);
        d.ends.push(d.text.chars().count());
    }
    docs
}

/// Sentence-boundary precision, recall and F1.
pub fn sentences(data: &Path, set: Option<&str>) -> Result<Vec<Report>, EvalError> {
    let mut reports = Vec::new();
    for (name, rel) in pick(set, &["ewt-test", "gum-test"])? {
        let gold = rebuild(&load(data, rel)?);
        let mut prf = Prf::default();
        for g in &gold {
            let mut doc = Doc::new("eval", g.text.clone());
            analyze(&mut doc);
            let predicted: HashSet<usize> = doc
                .sentences
                .iter()
                .map(|s| s.offsets.char_end as usize)
                .collect();
            let gold_ends: HashSet<usize> = g.ends.iter().copied().collect();
            let tp = predicted.intersection(&gold_ends).count();
            prf.add(tp as f64, predicted.len() as f64, gold_ends.len() as f64);
        }
        reports.push(
            Report::new("sentences", name)
                .prf("", &prf)
                .count("documents", gold.len() as u64)
                .count("gold_sentences", prf.gold as u64),
        );
    }
    Ok(reports)
}

/// Word-segmentation precision, recall and F1 over exact character spans,
/// sentence by sentence (`# text` against the gold words).
pub fn tokens(data: &Path, set: Option<&str>) -> Result<Vec<Report>, EvalError> {
    let mut reports = Vec::new();
    for (name, rel) in pick(set, &["ewt-test"])? {
        let mut prf = Prf::default();
        for s in load(data, rel)? {
            let Some(text) = &s.text else { continue };
            let gold = gold_word_spans(text, &s);
            let predicted: HashSet<(usize, usize)> = tokenize_str(text).into_iter().collect();
            let tp = predicted.intersection(&gold).count();
            prf.add(tp as f64, predicted.len() as f64, gold.len() as f64);
        }
        reports.push(
            Report::new("tokens", name)
                .prf("", &prf)
                .count("gold_words", prf.gold as u64),
        );
    }
    Ok(reports)
}

/// Byte spans of the gold words in `text`, aligned by searching each
/// surface form from the current position.
fn gold_word_spans(text: &str, s: &Sentence) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    let mut pos = 0;
    let mut k = 0;
    let place = |form: &str, pos: &mut usize| -> Option<(usize, usize)> {
        let at = text[*pos..].find(form)? + *pos;
        *pos = at + form.len();
        Some((at, *pos))
    };
    while k < s.words.len() {
        let w = &s.words[k];
        if let Some(m) = s.multiword.iter().find(|m| m.first == w.id) {
            let parts: Vec<&str> = s.words[k..]
                .iter()
                .take((m.last - m.first + 1) as usize)
                .map(|w| w.form.as_str())
                .collect();
            let n = parts.len();
            if parts.concat() == m.form {
                for p in parts {
                    if let Some(sp) = place(p, &mut pos) {
                        out.insert(sp);
                    }
                }
            } else if let Some(sp) = place(&m.form, &mut pos) {
                out.insert(sp);
            }
            k += n;
            continue;
        }
        if let Some(sp) = place(&w.form, &mut pos) {
            out.insert(sp);
        }
        k += 1;
    }
    out
}
