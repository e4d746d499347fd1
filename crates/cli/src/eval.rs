//! `annalist eval TASK`: scores a stage against gold data and prints one
//! report per set (JSON lines with `--json`, a table otherwise).

use annalist_eval::Report;
use anyhow::{bail, Result};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Every task `annalist eval` knows, in pipeline order.
const TASKS: [&str; 9] = [
    "sentences",
    "tokens",
    "pos",
    "ner",
    "parse",
    "events",
    "quotes",
    "timex",
    "geo",
];

/// Arguments of `annalist eval`.
#[derive(Args)]
pub struct EvalArgs {
    /// Task to evaluate: sentences, tokens, pos, ner, parse, events, quotes,
    /// timex or geo (docs/evaluation.md describes each gold set).
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(TASKS))]
    pub task: String,
    /// Evaluate only this set (e.g. ewt-test); default: every set of the task.
    #[arg(long)]
    pub set: Option<String>,
    /// Folder holding the shared data (default: $ANNALIST_DATA or ../shared/data).
    #[arg(long, env = "ANNALIST_DATA")]
    pub data: Option<PathBuf>,
    /// Print one JSON object per set instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let data = args
        .data
        .clone()
        .unwrap_or_else(annalist_eval::default_data_dir);
    let reports = evaluate(&args.task, &data, args.set.as_deref())?;
    print_reports(&reports, args.json);
    Ok(ExitCode::SUCCESS)
}

/// Dispatches on the task name. Each arm calls the owning crate.
fn evaluate(task: &str, data: &Path, set: Option<&str>) -> Result<Vec<Report>> {
    Ok(match task {
        "sentences" => annalist_tokenizer::eval::sentences(data, set)?,
        "tokens" => annalist_tokenizer::eval::tokens(data, set)?,
        "geo" => annalist_places::evaluate(data, set)?,
        "timex" => annalist_time::eval::evaluate(data, set)?,
        "pos" => annalist_tagger::evaluate(data, set)?,
        "ner" => annalist_ner::evaluate(data, set)?,
        "parse" => annalist_parser::evaluate(data, set)?,
        "events" => events(data, set)?,
        "quotes" => annalist_quotes::eval::evaluate(data, set)?,
        other => bail!("unknown task {other:?} (known: {})", TASKS.join(", ")),
    })
}

/// The PETRARCH suites (events crate) and the news event corpus (the whole
/// pipeline, so scored here): every set when none is named; the corpus's
/// dev and test splits by default, its train split only when named.
fn events(data: &Path, set: Option<&str>) -> Result<Vec<Report>> {
    if let Some(s) = set.filter(|s| crate::news_eval::SETS.contains(s)) {
        return Ok(vec![crate::news_eval::evaluate(data, s)?]);
    }
    let mut out = annalist_events::evaluate(data, set)?;
    if set.is_none() {
        for s in ["news-dev", "news-test"] {
            out.push(crate::news_eval::evaluate(data, s)?);
        }
    }
    Ok(out)
}

fn print_reports(reports: &[Report], json: bool) {
    if json {
        for r in reports {
            println!("{}", r.to_json_line());
        }
        return;
    }
    for r in reports {
        println!("{} / {}", r.task, r.set);
        for (k, v) in &r.metrics {
            println!("  {k:<24} {v}");
        }
    }
}
