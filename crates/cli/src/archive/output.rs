//! `annalist export` and `annalist stats`.

use super::DbArg;
use annalist_store::{Archive, ExportFormat, Table};
use anyhow::{bail, Context, Result};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `annalist export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Table: events, mentions, stories, actors, quotes, places, timexes, runs.
    #[arg(long, short = 't', default_value = "events")]
    pub table: String,
    /// Format: jsonl, csv, parquet, gdelt (the GDELT 2.0 event table: 61
    /// tab-separated columns, no header). Default: from the output file's
    /// extension, else jsonl.
    #[arg(long, short = 'f')]
    pub format: Option<String>,
    /// Output file (default: standard output; Parquet needs a file).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Arguments of `annalist stats`.
#[derive(Args, Debug)]
pub struct StatsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// One JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also run SQLite's integrity check (slow on large archives).
    #[arg(long)]
    pub check: bool,
    /// Also print a digest of the archive's contents (stories, layers,
    /// events, mentions; not run records), to compare two archives.
    #[arg(long)]
    pub fingerprint: bool,
}

fn infer_format(output: Option<&PathBuf>) -> &'static str {
    let ext = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => "csv",
        "parquet" | "pq" => "parquet",
        "tsv" => "gdelt",
        _ => "jsonl",
    }
}

pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let archive = Archive::open_existing(&args.db.db)?;
    let table: Table = args.table.parse()?;
    let format: ExportFormat = args
        .format
        .as_deref()
        .unwrap_or_else(|| infer_format(args.output.as_ref()))
        .parse()?;
    let out: Box<dyn Write + Send> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None if format == ExportFormat::Parquet => {
            bail!("Parquet needs an output file: add -o FILE.parquet")
        }
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let n = annalist_store::export(&archive, table, format, out)?;
    if let Some(p) = &args.output {
        eprintln!("annalist: wrote {n} rows to {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stats(args: StatsArgs) -> Result<ExitCode> {
    let archive = Archive::open_existing(&args.db.db)?;
    let s = archive.stats()?;
    let integrity = if args.check {
        Some(if archive.integrity_ok()? {
            "ok"
        } else {
            "corrupt"
        })
    } else {
        None
    };
    let fingerprint = if args.fingerprint {
        Some(archive.fingerprint()?)
    } else {
        None
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let mut v = serde_json::to_value(&s)?;
        if let Some(obj) = v.as_object_mut() {
            if let Some(i) = integrity {
                obj.insert("integrity".into(), i.into());
            }
            if let Some(f) = &fingerprint {
                obj.insert("fingerprint".into(), f.clone().into());
            }
        }
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "archive   {}", args.db.db.display())?;
    for (k, v) in [
        ("stories", s.stories),
        ("events", s.events),
        ("mentions", s.mentions),
        ("actors", s.actors),
        ("quotes", s.quotes),
        ("places", s.places),
        ("timexes", s.timexes),
        ("failed", s.failed),
    ] {
        writeln!(out, "{k:<9} {v}")?;
    }
    writeln!(out, "indexed   {}", s.indexed)?;
    if let Some(i) = integrity {
        writeln!(out, "integrity {i}")?;
    }
    if let Some(f) = &fingerprint {
        writeln!(out, "contents  {f}")?;
    }
    writeln!(out, "runs")?;
    for r in &s.runs {
        writeln!(
            out,
            "  #{} {} {} {}  seen {}  added {}  duplicates {}  failed {}  unreadable {}  [{}]",
            r.run_id,
            r.kind,
            r.started_at,
            r.status,
            r.seen,
            r.added,
            r.duplicates,
            r.failed,
            r.read_errors,
            r.pipeline
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
