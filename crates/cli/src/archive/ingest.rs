//! `annalist ingest` and `annalist reprocess`.
//!
//! Ingest mirrors `extract`: stories are read in order in batches, the
//! batch is annotated in parallel, and a single writer thread stores it in
//! one transaction while the next batch is annotated.

use super::DbArg;
use crate::extract::{InputArgs, PipelineArgs};
use annalist_pipeline::Pipeline;
use annalist_readers::{read_inputs, DocResult};
use annalist_store::{prepare, Archive, BatchCounts, Item, Lookup, RunKind, StoryItem};
use anyhow::{anyhow, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Arguments of `annalist ingest`.
#[derive(Args, Debug)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// Only tokenize and split sentences (skip the statistical stages).
    #[arg(long)]
    pub tokenize_only: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Stories per transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Mix this string into every story id, so the same input can be
    /// archived again as distinct stories (benchmarks).
    #[arg(long, value_name = "TEXT")]
    pub id_salt: Option<String>,
    /// Store only events whose confidence (the model's probability that
    /// the record is right) is at least this, 0–1. The default stores
    /// every event; `query --min-confidence` filters without losing any
    /// (`reprocess` stores every event again).
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub min_confidence: f32,
}

/// Arguments of `annalist reprocess`.
#[derive(Args, Debug)]
pub struct ReprocessArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// Recompute every story, not only those coded by other versions or
    /// that failed.
    #[arg(long)]
    pub all: bool,
    /// Use the tokenize-only pipeline.
    #[arg(long)]
    pub tokenize_only: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
}

fn set_threads(n: Option<usize>) -> Result<()> {
    if let Some(n) = n {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("setting up worker threads")?;
    }
    Ok(())
}

fn annotate(
    pipeline: &Pipeline,
    mut doc: annalist_doc::Doc,
    prepared: annalist_store::Prepared,
    min_confidence: f32,
) -> StoryItem {
    let error = pipeline.process(&mut doc).err().map(|e| e.to_string());
    if min_confidence > 0.0 {
        doc.events.retain(|e| e.confidence >= min_confidence);
    }
    StoryItem::new(prepared, doc, error)
}

/// One input record before annotation.
enum Staged {
    New(Box<(annalist_store::Prepared, annalist_doc::Doc)>),
    Known,
    Unreadable(annalist_readers::ReadError),
}

pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    set_threads(args.input.threads)?;
    let pipeline = args.pipeline.build(args.tokenize_only)?;
    let db = &args.db.db;
    let mut archive =
        Archive::open(db).with_context(|| format!("opening archive {}", db.display()))?;
    let caught_up = archive
        .catch_up_index()
        .context("catching up the full-text index")?;
    if caught_up > 0 {
        eprintln!("annalist: re-indexed {caught_up} stories left unindexed by an interrupted run");
    }
    let lookup = Lookup::open(db)?;
    let inputs: Vec<String> = args
        .input
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let run = archive.begin_run(RunKind::Ingest, &pipeline.versions(), &inputs)?;
    let salt = args.id_salt.clone().unwrap_or_default();
    let progress = progress_bar(&args.input.inputs, args.no_progress);
    let started = Instant::now();

    // Two batches in flight at most: the writer never waits on reading,
    // and memory stays bounded.
    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(2);
    let writer = std::thread::spawn(move || -> Result<BatchCounts> {
        let mut total = BatchCounts::default();
        for batch in rx {
            total.add(&archive.write_batch(run, batch)?);
        }
        archive.finish_run(run)?;
        Ok(total)
    });

    let opts = args.input.read_options();
    let mut reader = read_inputs(&args.input.inputs, &opts);
    let batch_size = args.batch.max(1);
    loop {
        let batch: Vec<DocResult> = reader.by_ref().take(batch_size).collect();
        if batch.is_empty() {
            break;
        }
        let n = batch.len() as u64;
        let mut staged: Vec<Staged> = batch
            .into_iter()
            .map(|r| match r {
                Ok(mut doc) => {
                    let p = prepare(&mut doc, &salt);
                    Staged::New(Box::new((p, doc)))
                }
                Err(e) => Staged::Unreadable(e),
            })
            .collect();
        let known = lookup.existing(staged.iter().filter_map(|s| match s {
            Staged::New(b) => Some(b.0.story_id.as_str()),
            _ => None,
        }))?;
        for s in staged.iter_mut() {
            if matches!(s, Staged::New(b) if known.contains(&b.0.story_id)) {
                *s = Staged::Known;
            }
        }
        let items: Vec<Item> = staged
            .into_par_iter()
            .map(|s| match s {
                Staged::New(b) => {
                    let (p, doc) = *b;
                    Item::Story(Box::new(annotate(&pipeline, doc, p, args.min_confidence)))
                }
                Staged::Known => Item::Duplicate,
                Staged::Unreadable(e) => Item::ReadError {
                    location: match e.line {
                        Some(l) => format!("{}:{l}", e.path),
                        None => e.path.clone(),
                    },
                    message: e.reason,
                },
            })
            .collect();
        for it in &items {
            match it {
                Item::ReadError { location, message } => {
                    progress.suspend(|| eprintln!("annalist: {location}: {message}"))
                }
                Item::Story(s) => {
                    if let Some(e) = &s.error {
                        progress.suspend(|| eprintln!("annalist: {}: {e}", s.doc.id))
                    }
                }
                Item::Duplicate => {}
            }
        }
        if tx.send(items).is_err() {
            // The writer stopped; its error is reported below.
            break;
        }
        progress.inc(n);
    }
    drop(tx);
    let counts = writer
        .join()
        .map_err(|_| anyhow!("the archive writer thread panicked"))?
        .with_context(|| format!("writing to {}", db.display()))?;
    progress.finish_and_clear();
    let learned = pipeline.finish().context("writing the learned actors")?;
    if let (true, Some(p)) = (learned > 0, &args.pipeline.learn_actors) {
        eprintln!("annalist: {learned} people learned → {}", p.display());
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "annalist: {} records in {:.1} s ({:.0}/s): {} stories added, {} already archived, {} failed, {} unreadable → {}",
        counts.seen,
        secs,
        counts.seen as f64 / secs.max(1e-9),
        counts.added,
        counts.duplicates,
        counts.failed,
        counts.read_errors,
        db.display()
    );
    Ok(if counts.failed + counts.read_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn reprocess(args: ReprocessArgs) -> Result<ExitCode> {
    set_threads(args.threads)?;
    let pipeline = args.pipeline.build(args.tokenize_only)?;
    let db = &args.db.db;
    let mut archive =
        Archive::open_existing(db).with_context(|| format!("opening archive {}", db.display()))?;
    let versions = pipeline.versions();
    let stale = archive.stale_stories(&annalist_store::pipeline_string(&versions), args.all)?;
    if stale.is_empty() {
        eprintln!("annalist: every story is coded with the current pipeline; nothing to reprocess");
        return Ok(ExitCode::SUCCESS);
    }
    let run = archive.begin_run(RunKind::Reprocess, &versions, &[])?;
    let progress = if args.no_progress || !std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(Some(stale.len() as u64), ProgressDrawTarget::hidden())
    } else {
        bar(Some(stale.len() as u64))
    };
    let mut total = BatchCounts::default();
    let mut skipped = 0u64;
    for chunk in stale.chunks(256) {
        // A story whose stored header no longer reads is reported and left
        // as it is; the others go on.
        let mut loaded = Vec::with_capacity(chunk.len());
        for &seq in chunk {
            match archive.load_unannotated(seq) {
                Ok(x) => loaded.push(x),
                Err(e) => {
                    skipped += 1;
                    progress.suspend(|| eprintln!("annalist: story #{seq} cannot be rebuilt: {e}"));
                }
            }
        }
        let items: Vec<StoryItem> = loaded
            .into_par_iter()
            .map(|(p, doc)| annotate(&pipeline, doc, p, 0.0))
            .collect();
        total.add(&archive.replace_batch(run, items)?);
        progress.inc(chunk.len() as u64);
    }
    archive.finish_run(run)?;
    progress.finish_and_clear();
    eprintln!(
        "annalist: recomputed {} stories ({} failed, {} could not be rebuilt) with {}",
        total.added,
        total.failed,
        skipped,
        annalist_store::pipeline_string(&versions)
    );
    Ok(if total.failed + skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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

/// A progress bar on a terminal: documents/s always; an ETA when the
/// inputs are many files (counted up front), which is when runs are long.
fn progress_bar(inputs: &[PathBuf], disabled: bool) -> ProgressBar {
    if disabled || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let files: u64 = inputs.iter().map(|p| count_files(p)).sum();
    // One story per file holds for wire-text folders; JSONL/CSV files hold
    // many, so their count is unknown and only the rate is shown.
    let text_only = inputs.iter().all(|p| p.is_dir() || is_text(p));
    bar((text_only && files > 1).then_some(files))
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
