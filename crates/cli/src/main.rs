//! `annalist`: news in, sourced event data out.
//!
//! A thin binary over the library crates: each subcommand lives in its own
//! module; errors get context here and are printed once.

mod actors;
mod archive;
mod audit;
mod eval;
mod extract;
mod news_eval;
mod pretty;
mod progress;
mod train;
mod train_parse;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Turn news stories into structured, sourced event data.
#[derive(Parser)]
#[command(name = "annalist", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read stories and write one annotated JSON document per story.
    Extract(extract::ExtractArgs),
    /// Score a stage against a gold set from the shared data.
    Eval(eval::EvalArgs),
    /// Measure throughput: reading + tokenizing, or every stage with its time.
    Bench(extract::BenchArgs),
    /// Train a model (pos, ner, clusters) from the shared data or your own.
    Train(train::TrainArgs),
    /// Annotate stories and store them in an archive (SQLite + full-text index).
    Ingest(archive::IngestArgs),
    /// Recompute archived stories coded by an older pipeline.
    Reprocess(archive::ReprocessArgs),
    /// Find events in the archive by actor, code, date, place, text or speaker.
    Query(archive::QueryArgs),
    /// Full-text search over archived stories.
    Search(archive::SearchArgs),
    /// Export an archive table as JSONL, CSV, Parquet or the GDELT event layout.
    Export(archive::ExportArgs),
    /// Count what the archive holds and list its runs.
    Stats(archive::StatsArgs),
    /// List, search or export the actor knowledge base and lexicon.
    Actors(actors::ActorsArgs),
    /// Draw a random sample of events from extract output and write a
    /// judging sheet for a hand check.
    Audit(audit::AuditArgs),
}

/// Exit codes (documented in the README): 0 all inputs processed, 1 some
/// inputs failed and the rest were processed, 2 a usage or fatal error.
fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Bench(args) => extract::bench(args),
        Command::Train(args) => train::run(args),
        Command::Ingest(args) => archive::ingest(args),
        Command::Reprocess(args) => archive::reprocess(args),
        Command::Query(args) => archive::query(args),
        Command::Search(args) => archive::search(args),
        Command::Export(args) => archive::export(args),
        Command::Stats(args) => archive::stats(args),
        Command::Actors(args) => actors::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("annalist: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`annalist extract … | head`) is a normal way to stop.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
