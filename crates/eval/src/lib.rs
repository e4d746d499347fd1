//! The evaluation convention every task follows.
//!
//! `annalist eval TASK [--set NAME] [--data DIR] [--json]` prints one
//! [`Report`] per evaluated set. Each stage crate implements its own scoring
//! and returns reports; this crate holds the report type, precision/recall
//! counting and the lookup of the shared data directory.

use serde::Serialize;
use std::path::{Path, PathBuf};

/// Scores for one task on one gold set.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Task name (`sentences`, `tokens`, `pos`, `ner`, `parse`, …).
    pub task: String,
    /// Gold set name (`ewt-test`, `gum-test`, …).
    pub set: String,
    /// Metrics in order: name → value. F1, precision, recall and accuracies
    /// are percentages 0–100; counts are plain numbers.
    #[serde(flatten)]
    pub metrics: serde_json::Map<String, serde_json::Value>,
}

impl Report {
    /// An empty report for `task` on `set`.
    pub fn new(task: &str, set: &str) -> Self {
        Report {
            task: task.into(),
            set: set.into(),
            metrics: serde_json::Map::new(),
        }
    }

    /// Adds a metric (rounded to two decimals so output is stable).
    pub fn metric(mut self, name: &str, value: f64) -> Self {
        let rounded = (value * 100.0).round() / 100.0;
        self.metrics.insert(name.into(), serde_json::json!(rounded));
        self
    }

    /// Adds precision, recall and F1 from `prf` under `prefix` (`""` gives
    /// `precision`, `recall`, `f1`; `"source_"` gives `source_precision` …).
    pub fn prf(self, prefix: &str, prf: &Prf) -> Self {
        self.metric(&format!("{prefix}precision"), prf.precision())
            .metric(&format!("{prefix}recall"), prf.recall())
            .metric(&format!("{prefix}f1"), prf.f1())
    }

    /// Adds a count.
    pub fn count(mut self, name: &str, value: u64) -> Self {
        self.metrics.insert(name.into(), serde_json::json!(value));
        self
    }

    /// One line of JSON.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("reports serialize")
    }
}

/// True/false positive counts for precision, recall and F1 (as percentages).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Predicted and in gold.
    pub tp: f64,
    /// Number predicted.
    pub predicted: f64,
    /// Number in gold.
    pub gold: f64,
}

impl Prf {
    /// Adds counts.
    pub fn add(&mut self, tp: f64, predicted: f64, gold: f64) {
        self.tp += tp;
        self.predicted += predicted;
        self.gold += gold;
    }
    /// Precision, 0–100.
    pub fn precision(&self) -> f64 {
        pct(self.tp, self.predicted)
    }
    /// Recall, 0–100.
    pub fn recall(&self) -> f64 {
        pct(self.tp, self.gold)
    }
    /// F1, 0–100.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pct(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        100.0 * a / b
    }
}

/// A gold file or folder the evaluation needs is missing.
#[derive(Debug, thiserror::Error)]
#[error("gold data not found: {path} (set --data DIR or ANNALIST_DATA to the folder holding the shared data)")]
pub struct MissingData {
    /// The path that was looked for.
    pub path: PathBuf,
}

/// Resolves `rel` under the data directory, failing with a clear message
/// naming the path when it is absent.
pub fn data_path(data_dir: &Path, rel: &str) -> Result<PathBuf, MissingData> {
    let p = data_dir.join(rel);
    if p.exists() {
        Ok(p)
    } else {
        Err(MissingData { path: p })
    }
}

/// The default data directory: `$ANNALIST_DATA`, else `../shared/data`
/// relative to the current directory, else relative to the workspace root
/// this binary was built from.
pub fn default_data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("ANNALIST_DATA") {
        return PathBuf::from(d);
    }
    let local = PathBuf::from("../shared/data");
    if local.exists() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}
