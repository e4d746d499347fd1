//! TempEval-3 Task A scoring on character spans.
//!
//! The official scorer tokenises gold and system files and matches at token
//! level; here both sides share the gold text, so spans are compared on
//! characters: a relaxed match is any character overlap, a strict match an
//! identical extent. The two agree except where an extent differs only by
//! material the official tokenizer folds into a token (a trailing period or
//! possessive), which counts as strict there but not here, and where a span
//! overlaps a gold span only inside one token, which counts as relaxed there
//! and here alike.

use crate::tml::{self, TmlDoc};
use crate::{annotate, Found};
use annalist_eval::{data_path, Prf, Report};
use std::path::{Path, PathBuf};

/// Why the evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// Gold data missing.
    #[error(transparent)]
    Missing(#[from] annalist_eval::MissingData),
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A file is not TimeML.
    #[error("{path}: {source}")]
    Tml {
        /// The file.
        path: PathBuf,
        /// The error.
        source: tml::TmlError,
    },
    /// Unknown set name.
    #[error("unknown timex set {0:?} (known: te3-platinum, tbaq)")]
    UnknownSet(String),
}

/// Running counts over a set.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    /// Strict (identical extent) matches.
    pub strict: Prf,
    /// Relaxed (overlapping) matches.
    pub relaxed: Prf,
    /// Relaxed matches with the same type.
    pub type_ok: u64,
    /// Relaxed matches with the same value.
    pub value_ok: u64,
    /// Relaxed matches.
    pub matched: u64,
}

impl Counts {
    /// Scores one document's system output against its gold.
    pub fn add(&mut self, doc: &TmlDoc, sys: &[Found]) {
        let gold = &doc.timexes;
        let mut used = vec![false; sys.len()];
        let mut strict = 0.0;
        let mut relaxed = 0.0;
        for g in gold {
            let hit = sys
                .iter()
                .enumerate()
                .find(|(k, s)| !used[*k] && s.start < g.end && g.start < s.end);
            if let Some((k, s)) = hit {
                used[k] = true;
                relaxed += 1.0;
                self.matched += 1;
                if s.start == g.start && s.end == g.end {
                    strict += 1.0;
                }
                if s.kind == g.kind {
                    self.type_ok += 1;
                }
                if s.value == g.value {
                    self.value_ok += 1;
                }
            }
        }
        let (p, g) = (sys.len() as f64, gold.len() as f64);
        self.strict.add(strict, p, g);
        self.relaxed.add(relaxed, p, g);
    }

    /// The report in the project's JSON convention.
    pub fn report(&self, set: &str, docs: usize) -> Report {
        let acc = |n: u64| {
            if self.matched == 0 {
                0.0
            } else {
                100.0 * n as f64 / self.matched as f64
            }
        };
        let value_acc = acc(self.value_ok);
        let type_acc = acc(self.type_ok);
        Report::new("timex", set)
            .metric("value_f1", value_acc * self.relaxed.f1() / 100.0)
            .metric("type_f1", type_acc * self.relaxed.f1() / 100.0)
            .prf("relaxed_", &self.relaxed)
            .prf("strict_", &self.strict)
            .metric("type_accuracy", type_acc)
            .metric("value_accuracy", value_acc)
            .count("docs", docs as u64)
            .count("gold", self.relaxed.gold as u64)
            .count("predicted", self.relaxed.predicted as u64)
    }
}

/// The `.tml` files of a set, sorted.
pub fn set_files(data_dir: &Path, set: &str) -> Result<Vec<PathBuf>, EvalError> {
    let dirs: Vec<PathBuf> = match set {
        "te3-platinum" => vec![data_path(data_dir, "timex/te3-platinum")?],
        "tbaq" => vec![
            data_path(data_dir, "timex/TBAQ-cleaned/TimeBank")?,
            data_path(data_dir, "timex/TBAQ-cleaned/AQUAINT")?,
        ],
        other => return Err(EvalError::UnknownSet(other.to_string())),
    };
    let mut files = Vec::new();
    for d in dirs {
        let rd = std::fs::read_dir(&d).map_err(|source| EvalError::Io {
            path: d.clone(),
            source,
        })?;
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.ends_with(".tml") && !name.starts_with('.') {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Reads one gold file.
pub fn read(path: &Path) -> Result<TmlDoc, EvalError> {
    let src = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    tml::parse(&src).map_err(|source| EvalError::Tml {
        path: path.to_path_buf(),
        source,
    })
}

/// Scores the time stage on TempEval-3: `te3-platinum` (the official test
/// set) and `tbaq` (TimeBank + AQUAINT, the development data).
pub fn evaluate(data_dir: &Path, set: Option<&str>) -> Result<Vec<Report>, EvalError> {
    let sets: Vec<&str> = match set {
        Some(s) => vec![s],
        None => vec!["te3-platinum", "tbaq"],
    };
    let mut out = Vec::new();
    for s in sets {
        let files = set_files(data_dir, s)?;
        let mut counts = Counts::default();
        for f in &files {
            let doc = read(f)?;
            let sys = annotate(&doc.text, doc.dct);
            counts.add(&doc, &sys);
        }
        out.push(counts.report(s, files.len()));
    }
    Ok(out)
}
