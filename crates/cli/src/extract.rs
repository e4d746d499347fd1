//! `annalist extract` and `annalist bench`: read stories, run the pipeline,
//! write annotated documents (or throughput figures).

use crate::pretty;
use annalist_doc::{Doc, DocDate, Models};
use annalist_pipeline::{Config, Outcome, Pipeline, RunOptions, Sink};
use annalist_readers::{read_inputs, ReadOptions};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::ProgressBar;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Output formats of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per document per line (schema in docs/schema.md).
    Json,
    /// A human summary of each document.
    Pretty,
    /// CoNLL-U: tokens with tags and dependencies, one sentence per block.
    Conllu,
}

/// Where documents come from and how to date them (shared by the commands
/// that read stories).
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or directories to read (directories recursively, in sorted
    /// order); `-` reads standard input. Formats by extension: .txt (wire
    /// story), .jsonl/.ndjson (JSON Lines), .json (lines, one object or an
    /// array), .csv, .html/.htm (web page: main text), .sgm (Reuters-21578,
    /// TREC), .rss/.atom (feed: one story per item; an .xml feed is known by
    /// its root element), .warc (crawl archive, e.g. CC-NEWS: one story per
    /// HTML response, streamed), each optionally .gz.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Document date for every story (YYYY-MM-DD); overrides record dates
    /// and datelines.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<DocDate>,
    /// Year to complete datelines that carry only month and day.
    #[arg(long)]
    pub year: Option<i32>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Largest story text (headline and body after decoding, or a web
    /// page's main text), in bytes or with a K/M suffix (2M = 2 MiB); a
    /// bigger story is reported and skipped whole, never cut, and the
    /// rest of the batch goes on. 0: no limit (files and lines over 32 MiB
    /// are refused when read whatever this says).
    #[arg(long, value_name = "BYTES", default_value = "2M", value_parser = parse_size)]
    pub max_story_bytes: usize,
}

impl InputArgs {
    /// Reader options from the flags.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            date: self.date,
            year: self.year,
            max_story_bytes: self.max_story_bytes,
        }
    }
}

/// A size in bytes: `2097152`, `2048K`, `2M` or `2MB` (binary multiples).
fn parse_size(s: &str) -> std::result::Result<usize, String> {
    let t = s.trim().to_ascii_lowercase();
    let t = t
        .strip_suffix("ib")
        .or_else(|| t.strip_suffix('b'))
        .unwrap_or(&t);
    let (digits, shift) = match t.as_bytes().last() {
        Some(b'k') => (&t[..t.len() - 1], 10),
        Some(b'm') => (&t[..t.len() - 1], 20),
        Some(b'g') => (&t[..t.len() - 1], 30),
        _ => (t, 0),
    };
    digits
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| format!("{s:?} is not a size in bytes (e.g. 2097152, 512K, 2M)"))
}

/// Which models and actor knowledge base the pipeline uses (shared by the
/// commands that annotate).
#[derive(Args, Debug, Clone, Default)]
pub struct PipelineArgs {
    /// Directory of models to use instead of the built-in ones: one folder
    /// per stage (`tagger/`, `ner/`, `parser/`, `quotes/`, `events/`,
    /// `clusters/`) with the files `annalist train NAME --models DIR`
    /// writes; a stage without a folder uses its built-in model. A missing
    /// or damaged model stops the run before any story is read (exit 2).
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// Actor knowledge base or lexicon of your own to read (people learned
    /// by earlier runs, corrections; `annalist actors` lists it). Without
    /// it, output never depends on what earlier runs learned.
    #[arg(long, value_name = "FILE", env = "ANNALIST_ACTOR_KB")]
    pub actor_kb: Option<PathBuf>,
    /// Append the people this run learns from titles ("Turkish Foreign
    /// Minister Mevlut Cavusoglu") to FILE, once, at the end of the run
    /// (names it already holds are skipped). Stories of the same run never
    /// read what another learned.
    #[arg(long, value_name = "FILE")]
    pub learn_actors: Option<PathBuf>,
    /// Run the English models on every story whatever its language. By
    /// default each story's language is identified first (or taken from
    /// the input's `lang`) and a story not in English is reported and
    /// passed through with its text and `lang` but no annotation.
    #[arg(long)]
    pub lang_any: bool,
}

impl PipelineArgs {
    /// The pipeline the flags describe (every model loaded now).
    pub fn build(&self, tokenize_only: bool) -> Result<Pipeline> {
        if tokenize_only {
            return Ok(Pipeline::tokenize_only().with_any_language(self.lang_any));
        }
        let models = match &self.models {
            Some(dir) if !dir.is_dir() => {
                anyhow::bail!("--models {}: not a directory", dir.display())
            }
            Some(dir) => Models::from_dir(dir),
            None => Models::builtin(),
        };
        Pipeline::standard(&Config {
            models,
            actor_kb: self.actor_kb.clone(),
            learn_actors: self.learn_actors.clone(),
            any_language: self.lang_any,
        })
        .context("loading the pipeline")
    }
}

/// Arguments of `annalist extract`.
#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Print counts of documents (and of those not in English, skipped),
    /// sentences and tokens to standard error at the end.
    #[arg(long)]
    pub stats: bool,
    /// Only tokenize and split sentences (skip the statistical stages).
    #[arg(long)]
    pub tokenize_only: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Drop events whose confidence (the model's probability that the
    /// record is right) is below this value, 0–1.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub min_confidence: f32,
}

/// What `annalist bench` runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BenchStages {
    /// Read, tokenize and split sentences.
    Tokenize,
    /// The whole pipeline, with the time of each stage.
    Full,
}

/// Arguments of `annalist bench`.
#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Files or directories to read (default: the BBC corpus in the shared
    /// data).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Which stages to run.
    #[arg(long, value_enum, default_value_t = BenchStages::Tokenize)]
    pub stages: BenchStages,
    /// Repeat the timed run this many times and report the best.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// Running totals over a batch of inputs.
#[derive(Default)]
struct Totals {
    docs: u64,
    sentences: u64,
    tokens: u64,
    bytes: u64,
}

/// Where `extract` writes: standard output in the chosen format; warnings
/// and failures on standard error, above the progress bar.
struct ExtractSink<W: Write> {
    out: W,
    format: Format,
    min_confidence: f32,
    progress: ProgressBar,
}

impl<W: Write> Sink for ExtractSink<W> {
    type Error = anyhow::Error;

    fn accept(&mut self, outcome: Outcome) -> Result<()> {
        match outcome {
            Outcome::Done(mut doc, ()) => {
                if self.min_confidence > 0.0 {
                    doc.events.retain(|e| e.confidence >= self.min_confidence);
                }
                for w in &doc.warnings {
                    self.progress
                        .suspend(|| eprintln!("annalist: warning: {}: {w}", location(&doc)));
                }
                write_doc(&mut self.out, &doc, self.format)?;
            }
            Outcome::Failed { message, .. } => {
                self.progress.suspend(|| eprintln!("annalist: {message}"))
            }
            Outcome::Passed(()) => {}
        }
        self.progress.inc(1);
        Ok(())
    }
}

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    if let Some(n) = args.input.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("setting up worker threads")?;
    }
    let pipeline = args.pipeline.build(args.tokenize_only)?;
    let opts = args.input.read_options();
    let stdout = std::io::stdout();
    let mut sink = ExtractSink {
        out: std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
        format: args.format,
        min_confidence: args.min_confidence,
        progress: crate::progress::for_inputs(&args.input.inputs, args.no_progress),
    };
    let started = Instant::now();
    let totals = annalist_pipeline::run(
        &pipeline,
        read_inputs(&args.input.inputs, &opts),
        &mut sink,
        &RunOptions::default(),
    )?;
    sink.out.flush()?;
    sink.progress.finish_and_clear();
    let learned = pipeline.finish().context("writing the learned actors")?;
    if learned > 0 {
        if let Some(p) = &args.pipeline.learn_actors {
            eprintln!("annalist: {learned} people learned → {}", p.display());
        }
    }
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "documents: {}  not in English (skipped): {}  failed: {}  sentences: {}  tokens: {}  bytes: {}  seconds: {:.2}  tokens/s: {:.0}",
            totals.docs,
            totals.other_language,
            totals.failed,
            totals.sentences,
            totals.tokens,
            totals.bytes,
            secs,
            totals.tokens as f64 / secs.max(1e-9)
        );
    }
    Ok(if totals.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn location(doc: &Doc) -> String {
    annalist_pipeline::location(doc)
}

fn write_doc(out: &mut impl Write, doc: &Doc, format: Format) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer(&mut *out, doc)?;
            out.write_all(b"\n")?;
        }
        Format::Pretty => pretty::write(out, doc)?,
        Format::Conllu => pretty::write_conllu(out, doc)?,
    }
    Ok(())
}

pub fn bench(args: BenchArgs) -> Result<ExitCode> {
    let inputs = if args.inputs.is_empty() {
        vec![annalist_eval::default_data_dir().join("corpus/bbc")]
    } else {
        args.inputs.clone()
    };
    let pipeline = match args.stages {
        BenchStages::Tokenize => Pipeline::tokenize_only(),
        BenchStages::Full => args.pipeline.build(false)?,
    };
    let names: Vec<&str> = pipeline.versions().iter().map(|(n, _)| *n).collect();
    let mut best: Option<(Duration, Duration, Vec<Duration>, Totals, Duration)> = None;
    for _ in 0..args.repeat.max(1) {
        let started = Instant::now();
        let cpu_started = thread_cpu_time();
        let docs: Vec<Doc> = read_inputs(&inputs, &ReadOptions::default())
            .filter_map(Result::ok)
            .collect();
        let read = started.elapsed();
        let mut per_stage = vec![Duration::ZERO; names.len()];
        let mut totals = Totals::default();
        for mut doc in docs {
            pipeline
                .process_timed(&mut doc, &mut per_stage)
                .map_err(|e| anyhow::anyhow!("{}: {e}", doc.id))?;
            totals.docs += 1;
            totals.tokens += doc.tokens.len() as u64;
            totals.sentences += doc.sentences.len() as u64;
            totals.bytes += doc.text.len() as u64;
        }
        let total = started.elapsed();
        let cpu = thread_cpu_time().saturating_sub(cpu_started);
        if best.as_ref().is_none_or(|b| cpu < b.4) {
            best = Some((total, read, per_stage, totals, cpu));
        }
    }
    let (total, read, per_stage, t, cpu) = best.expect("at least one run");
    let secs = total.as_secs_f64();
    println!(
        "input: {}",
        inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "documents {}  sentences {}  tokens {}  MB {:.1}  (single thread, best of {} by CPU time)",
        t.docs,
        t.sentences,
        t.tokens,
        t.bytes as f64 / 1e6,
        args.repeat.max(1)
    );
    println!("read        {:>8.3} s", read.as_secs_f64());
    for (name, d) in names.iter().zip(&per_stage) {
        println!(
            "{name:<11} {:>8.3} s  {:>5.1}% of total",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / secs
        );
    }
    println!(
        "total       {:>8.3} s  {:.0} tokens/s  {:.1} MB/s  (wall clock)",
        secs,
        t.tokens as f64 / secs,
        t.bytes as f64 / 1e6 / secs
    );
    let cpu_secs = cpu.as_secs_f64();
    println!(
        "cpu         {:>8.3} s  {:.0} tokens/s  {:.1} MB/s  (this thread's CPU time: robust on a busy machine)",
        cpu_secs,
        t.tokens as f64 / cpu_secs,
        t.bytes as f64 / 1e6 / cpu_secs
    );
    Ok(ExitCode::SUCCESS)
}

/// CPU time consumed by the calling thread. On a shared, noisy machine this
/// is steadier than wall-clock time for single-threaded throughput.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own; the clock id is
    // a constant every Linux supports.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}
