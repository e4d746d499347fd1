//! `annalist ingest` and `annalist reprocess`.
//!
//! Both go through the pipeline's runner, as `extract` does: stories are
//! read in order, annotated in parallel batches, each under the panic
//! guard, and a single writer thread stores each batch in one transaction
//! while the next is annotated.

use super::DbArg;
use crate::extract::{InputArgs, PipelineArgs};
use crate::progress;
use annalist_pipeline::{Job, Outcome, RunOptions, Sink};
use annalist_readers::read_inputs;
use annalist_store::{prepare, Archive, BatchCounts, Item, Lookup, Prepared, RunKind, StoryItem};
use anyhow::{anyhow, Context, Result};
use clap::Args;
use indicatif::ProgressBar;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

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

/// What the reading side of `ingest` and `reprocess` keeps beside each
/// input while the runner annotates it.
enum Tag {
    /// A story to store under this key and header.
    New(Prepared),
    /// A story the archive already holds: counted, not annotated.
    Known,
    /// An input that could not be read (or rebuilt), and where it was.
    Unreadable(String),
}

/// The archive side of a run: turns the runner's outcomes into the
/// writer's items, reports failures above the progress bar, and hands the
/// writer thread one batch (one transaction) at a time.
struct ArchiveSink<'a> {
    items: Vec<Item>,
    batch: usize,
    tx: mpsc::SyncSender<Vec<Item>>,
    min_confidence: f32,
    progress: &'a ProgressBar,
}

impl ArchiveSink<'_> {
    /// Sends the items gathered so far; false when the writer has stopped
    /// (its error is reported when it is joined).
    fn flush(&mut self) -> bool {
        let items = std::mem::take(&mut self.items);
        items.is_empty() || self.tx.send(items).is_ok()
    }
}

/// The writer thread stopped; the run ends and its error is reported.
struct WriterGone;

impl Sink<Tag> for ArchiveSink<'_> {
    type Error = WriterGone;

    fn accept(&mut self, outcome: Outcome<Tag>) -> Result<(), WriterGone> {
        let item = match outcome {
            Outcome::Done(mut doc, Tag::New(p)) => {
                if self.min_confidence > 0.0 {
                    doc.events.retain(|e| e.confidence >= self.min_confidence);
                }
                Item::Story(Box::new(StoryItem::new(p, *doc, None)))
            }
            Outcome::Failed {
                message,
                doc: Some(doc),
                tag: Tag::New(p),
            } => {
                self.progress.suspend(|| eprintln!("annalist: {message}"));
                Item::Story(Box::new(StoryItem::new(p, *doc, Some(message))))
            }
            Outcome::Failed { message, tag, .. } => {
                let location = match tag {
                    Tag::Unreadable(l) => l,
                    _ => String::new(),
                };
                self.progress
                    .suspend(|| eprintln!("annalist: {location}: {message}"));
                Item::ReadError { location, message }
            }
            Outcome::Passed(_) | Outcome::Done(_, _) => Item::Duplicate,
        };
        self.items.push(item);
        self.progress.inc(1);
        if self.items.len() >= self.batch && !self.flush() {
            return Err(WriterGone);
        }
        Ok(())
    }
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
    let progress = progress::for_inputs(&args.input.inputs, args.no_progress);
    let started = Instant::now();

    // Two batches in flight at most: the writer never waits on annotation,
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

    // Stories the archive already holds are skipped before annotation; a
    // failed look-up stops the run like a failed write.
    let mut lookup_error = None;
    let opts = args.input.read_options();
    let jobs = read_inputs(&args.input.inputs, &opts).map_while(|r| match r {
        Ok(mut doc) => {
            let p = prepare(&mut doc, &salt);
            match lookup.existing([p.story_id.as_str()]) {
                Ok(known) if known.is_empty() => Some(Job::Story(doc, Tag::New(p))),
                Ok(_) => Some(Job::Pass(Tag::Known)),
                Err(e) => {
                    lookup_error = Some(e);
                    None
                }
            }
        }
        Err(e) => Some(Job::Unreadable(
            e.reason.clone(),
            Tag::Unreadable(e.location()),
        )),
    });
    let mut sink = ArchiveSink {
        items: Vec::new(),
        batch: args.batch.max(1),
        tx,
        min_confidence: args.min_confidence,
        progress: &progress,
    };
    let opts = RunOptions {
        batch: args.batch.max(1),
    };
    let summary = annalist_pipeline::run_jobs(&pipeline, jobs, &mut sink, &opts).ok();
    if summary.is_some() {
        sink.flush();
    }
    drop(sink);
    let other_language = summary.map_or(0, |s| s.other_language);
    let counts = writer
        .join()
        .map_err(|_| anyhow!("the archive writer thread panicked"))?
        .with_context(|| format!("writing to {}", db.display()))?;
    if let Some(e) = lookup_error {
        return Err(e).with_context(|| format!("reading {}", db.display()));
    }
    progress.finish_and_clear();
    let learned = pipeline.finish().context("writing the learned actors")?;
    if let (true, Some(p)) = (learned > 0, &args.pipeline.learn_actors) {
        eprintln!("annalist: {learned} people learned → {}", p.display());
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "annalist: {} records in {:.1} s ({:.0}/s): {} stories added, {} already archived, {} failed, {} unreadable, {} not in English (stored unannotated) → {}",
        counts.seen,
        secs,
        counts.seen as f64 / secs.max(1e-9),
        counts.added,
        counts.duplicates,
        counts.failed,
        counts.read_errors,
        other_language,
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
    let progress = progress::counted(stale.len() as u64, args.no_progress);
    let lookup = Lookup::open(db)?;

    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(2);
    let writer = std::thread::spawn(move || -> Result<(BatchCounts, u64)> {
        let mut total = BatchCounts::default();
        let mut skipped = 0;
        for batch in rx {
            let stories = batch
                .into_iter()
                .filter_map(|it| match it {
                    Item::Story(s) => Some(*s),
                    _ => {
                        skipped += 1;
                        None
                    }
                })
                .collect();
            total.add(&archive.replace_batch(run, stories)?);
        }
        archive.finish_run(run)?;
        Ok((total, skipped))
    });
    // A story whose stored header no longer reads is reported and left as
    // it is; the others go on.
    let jobs = stale.iter().map(|&seq| match lookup.load_unannotated(seq) {
        Ok((p, doc)) => Job::Story(doc, Tag::New(p)),
        Err(e) => Job::Unreadable(
            format!("cannot be rebuilt: {e}"),
            Tag::Unreadable(format!("story #{seq}")),
        ),
    });
    let mut sink = ArchiveSink {
        items: Vec::new(),
        batch: 256,
        tx,
        min_confidence: 0.0,
        progress: &progress,
    };
    let summary =
        annalist_pipeline::run_jobs(&pipeline, jobs, &mut sink, &RunOptions::default()).ok();
    if summary.is_some() {
        sink.flush();
    }
    let other_language = summary.map_or(0, |s| s.other_language);
    drop(sink);
    let (total, skipped) = writer
        .join()
        .map_err(|_| anyhow!("the archive writer thread panicked"))?
        .with_context(|| format!("writing to {}", db.display()))?;
    progress.finish_and_clear();
    eprintln!(
        "annalist: recomputed {} stories ({} failed, {} could not be rebuilt, {} not in English: stored unannotated) with {}",
        total.added,
        total.failed,
        skipped,
        other_language,
        annalist_store::pipeline_string(&versions)
    );
    Ok(if total.failed + skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
