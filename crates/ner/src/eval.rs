//! `annalist eval ner`: CoNLL-2003 dev/test, CoNLL++ and Wikigold.

use crate::conll::read_file;
use crate::score::score;
use crate::{predict_tags, NerError, Recognizer};
use annalist_eval::{data_path, Report};
use std::path::Path;

/// Evaluation sets: name and path under the data directory.
const SETS: &[(&str, &str)] = &[
    ("conll-test", "conll2003/eng.testb"),
    ("conllpp-test", "conll2003/conllpp_test.txt"),
    ("conll-dev", "conll2003/eng.testa"),
    ("wikigold", "ner_extra/wikigold/wikigold.conll.txt"),
];

/// Scores the shipped recognizer (all sets when `set` is `None`).
pub fn evaluate(data_dir: &Path, set: Option<&str>) -> Result<Vec<Report>, NerError> {
    let rec = Recognizer::shipped().map_err(|e| NerError::Format(e.to_string()))?;
    evaluate_with(rec, data_dir, set)
}

/// Scores a given recognizer.
pub fn evaluate_with(
    rec: &Recognizer,
    data_dir: &Path,
    set: Option<&str>,
) -> Result<Vec<Report>, NerError> {
    let mut reports = Vec::new();
    for &(name, rel) in SETS {
        if set.is_some_and(|s| s != name) {
            continue;
        }
        let docs = read_file(&data_path(data_dir, rel)?)?;
        let s = score(&docs, &predict_tags(rec, &docs));
        let mut r = Report::new("ner", name).prf("", &s.overall);
        for (ty, prf) in &s.by_type {
            r = r.prf(&format!("{}_", ty.to_lowercase()), prf);
        }
        reports.push(r.count("entities", s.overall.gold as u64));
    }
    if reports.is_empty() {
        let known: Vec<&str> = SETS.iter().map(|s| s.0).collect();
        return Err(NerError::Format(format!(
            "unknown set {:?} (known: {})",
            set.unwrap_or(""),
            known.join(", ")
        )));
    }
    Ok(reports)
}
