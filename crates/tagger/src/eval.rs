//! Scoring against UD English-EWT: `annalist eval pos`.

use crate::{Tagger, TaggerError};
use annalist_corpora::conllu;
use annalist_eval::{data_path, Report};
use std::path::Path;

/// Per-word accuracies (percent) over a set of sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Accuracy {
    /// Universal POS.
    pub upos: f64,
    /// Penn Treebank tag.
    pub xpos: f64,
    /// Lemma, over all words.
    pub lemma: f64,
    /// Lemma over nouns and verbs (gold UPOS NOUN, PROPN, VERB).
    pub lemma_nv: f64,
    /// Number of words.
    pub words: u64,
}

/// Tags gold-tokenized sentences and compares with their gold annotation.
pub fn score_sentences(tagger: &Tagger, sents: &[conllu::Sentence]) -> Accuracy {
    let (mut u, mut x, mut l, mut lnv, mut nv, mut n) = (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    let mut classes = Vec::new();
    for s in sents {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag_classes(&forms, &mut classes);
        for (w, &c) in s.words.iter().zip(&classes) {
            let t = tagger.tags_of(c);
            n += 1;
            u += (t.upos == w.upos) as u64;
            x += (t.xpos == w.xpos) as u64;
            let lemma_ok = tagger.lemmatizer().lemma(&w.form, t.upos, t.xpos) == w.lemma;
            l += lemma_ok as u64;
            if matches!(w.upos.as_str(), "NOUN" | "PROPN" | "VERB") {
                nv += 1;
                lnv += lemma_ok as u64;
            }
        }
    }
    let pct = |a: u64, b: u64| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    Accuracy {
        upos: pct(u, n),
        xpos: pct(x, n),
        lemma: pct(l, n),
        lemma_nv: pct(lnv, nv),
        words: n,
    }
}

/// The evaluation sets: name and path under the data directory.
const SETS: &[(&str, &str)] = &[
    ("ewt-test", "ud/en_ewt/en_ewt-ud-test.conllu"),
    ("ewt-dev", "ud/en_ewt/en_ewt-ud-dev.conllu"),
    ("gum-test", "ud/en_gum/en_gum-ud-test.conllu"),
    ("pud-test", PUD),
];

/// UD English PUD: 1,000 sentences, 500 from news (`sent_id` starting with
/// `n`) and 500 from Wikipedia (`w`), each half also reported.
pub const PUD: &str = "ud/en_pud/en_pud-ud-test.conllu";

/// Which half of PUD a sentence is from: `news` or `wiki`.
pub fn pud_half(s: &conllu::Sentence) -> &'static str {
    match s.sent_id.as_deref() {
        Some(id) if id.starts_with('n') => "news",
        _ => "wiki",
    }
}

/// Scores the shipped tagger on UD test sets (`ewt-test`, `ewt-dev`,
/// `gum-test`, `pud-test` with its news and Wikipedia halves; all when
/// `set` is `None`).
pub fn evaluate(data_dir: &Path, set: Option<&str>) -> Result<Vec<Report>, TaggerError> {
    let tagger = Tagger::shipped().map_err(|e| TaggerError::Format(e.to_string()))?;
    let mut reports = Vec::new();
    for &(name, rel) in SETS {
        if set.is_some_and(|s| s != name) {
            continue;
        }
        let path = data_path(data_dir, rel)?;
        let sents = conllu::read_file(&path)?;
        let acc = score_sentences(tagger, &sents);
        let mut r = Report::new("pos", name)
            .metric("upos", acc.upos)
            .metric("xpos", acc.xpos)
            .metric("lemma", acc.lemma)
            .metric("lemma_noun_verb", acc.lemma_nv)
            .count("words", acc.words);
        if rel == PUD {
            for half in ["news", "wiki"] {
                let part: Vec<conllu::Sentence> = sents
                    .iter()
                    .filter(|s| pud_half(s) == half)
                    .cloned()
                    .collect();
                let a = score_sentences(tagger, &part);
                r = r
                    .metric(&format!("upos_{half}"), a.upos)
                    .metric(&format!("xpos_{half}"), a.xpos)
                    .count(&format!("words_{half}"), a.words);
            }
        }
        reports.push(r);
    }
    if reports.is_empty() {
        let known: Vec<&str> = SETS.iter().map(|s| s.0).collect();
        return Err(TaggerError::Format(format!(
            "unknown set {:?} (known: {})",
            set.unwrap_or(""),
            known.join(", ")
        )));
    }
    Ok(reports)
}
