//! Progress on standard error, one place for every command that runs the
//! pipeline over many stories (`extract`, `ingest`, `reprocess`).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A hidden bar: for pipes, `--no-progress` and runs too short to need one.
pub fn hidden() -> ProgressBar {
    ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
}

/// A bar for a run over `inputs`, shown on a terminal unless `disabled`:
/// stories/s always; a count and an ETA when the inputs are wire-text
/// files (one story each, counted up front); nothing for a single text
/// file.
pub fn for_inputs(inputs: &[PathBuf], disabled: bool) -> ProgressBar {
    if disabled || !std::io::stderr().is_terminal() {
        return hidden();
    }
    let text_only = inputs.iter().all(|p| p.is_dir() || is_text(p));
    if text_only && inputs.len() == 1 && !inputs[0].is_dir() {
        return hidden();
    }
    let files: u64 = inputs.iter().map(|p| count_files(p)).sum();
    // JSONL/CSV files hold many stories each, so their count is unknown
    // and only the rate is shown.
    bar((text_only && files > 1).then_some(files))
}

/// A bar over `len` stories known in advance (`reprocess`).
pub fn counted(len: u64, disabled: bool) -> ProgressBar {
    if disabled || !std::io::stderr().is_terminal() {
        return hidden();
    }
    bar(Some(len))
}

fn bar(len: Option<u64>) -> ProgressBar {
    let pb = match len {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    let template = if len.is_some() {
        "{bar:30} {human_pos}/{human_len} stories  {per_sec}  ETA {eta}"
    } else {
        "{spinner} {human_pos} stories  {per_sec}  {elapsed}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        pb.set_style(style);
    }
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}

fn is_text(p: &Path) -> bool {
    let name = p.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    !(name.ends_with(".jsonl")
        || name.ends_with(".ndjson")
        || name.ends_with(".json")
        || name.ends_with(".csv"))
}

fn count_files(p: &Path) -> u64 {
    if !p.is_dir() {
        return 1;
    }
    let Ok(rd) = std::fs::read_dir(p) else {
        return 0;
    };
    rd.flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                count_files(&path)
            } else if is_text(&path) {
                1
            } else {
                // A JSONL/CSV file inside a folder: the count is unknown.
                0
            }
        })
        .sum()
}
