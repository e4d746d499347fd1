//! `annalist eval TASK`: scores a stage against gold data and prints one
//! report per set (JSON lines with `--json`, a table otherwise).

use annalist_eval::Report;
use annalist_events::{Conventions, EvalOptions};
use anyhow::{bail, Result};
use clap::{ArgAction, Args, ValueEnum};
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

/// Coding conventions for the PETRARCH suites of `annalist eval events`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ConventionsArg {
    /// PETRARCH-2's, as the suites' gold records were coded: "will meet"
    /// keeps the plain code, "agreed to lift" codes the act, reported force
    /// becomes the speaker's claim (015) or accusation (112).
    Petrarch,
    /// Annalist's, the pipeline's: future and commitments are intents
    /// (03x/13x), reported events keep their source with the speaker as
    /// claimant, and the actor stage reads the story context.
    Annalist,
}

impl From<ConventionsArg> for Conventions {
    fn from(c: ConventionsArg) -> Self {
        match c {
            ConventionsArg::Petrarch => Conventions::Petrarch,
            ConventionsArg::Annalist => Conventions::Annalist,
        }
    }
}

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
    /// Task events: the conventions the PETRARCH suites (gsr,
    /// petr-validate) are coded with. The PLOVER records and the news sets
    /// always use Annalist's, as the pipeline does.
    #[arg(long, value_enum, default_value_t = ConventionsArg::Petrarch)]
    pub conventions: ConventionsArg,
    /// Task events: print every record that misses to standard error, with
    /// gold and predicted events; twice (-vv), also the parse, actors and
    /// rules behind the predicted events of the PETRARCH suites.
    ///
    /// Task geo: list every geocoding error over 161 km with its cause,
    /// every false positive and every miss (tab-separated).
    #[arg(short, long, action = ArgAction::Count)]
    pub verbose: u8,
    /// Task geo: print one article's gold toponyms beside its places
    /// (`SET:INDEX`, e.g. `lgl:198`) on standard error.
    #[arg(long, value_name = "SET:INDEX")]
    pub article: Option<String>,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let data = args
        .data
        .clone()
        .unwrap_or_else(annalist_eval::default_data_dir);
    let events_opts = EvalOptions {
        conventions: args.conventions.into(),
        verbose: args.verbose,
    };
    let geo = annalist_places::Listing {
        errors: args.verbose > 0,
        article: args.article.clone(),
    };
    let reports = evaluate(&args.task, &data, args.set.as_deref(), &events_opts, &geo)?;
    print_reports(&reports, args.json);
    Ok(ExitCode::SUCCESS)
}

/// Dispatches on the task name. Each arm calls the owning crate;
/// `events_opts` and `geo` hold the options of tasks events and geo.
fn evaluate(
    task: &str,
    data: &Path,
    set: Option<&str>,
    events_opts: &EvalOptions,
    geo: &annalist_places::Listing,
) -> Result<Vec<Report>> {
    Ok(match task {
        "sentences" => annalist_tokenizer::eval::sentences(data, set)?,
        "tokens" => annalist_tokenizer::eval::tokens(data, set)?,
        "geo" => annalist_places::evaluate_with(data, set, geo)?,
        "timex" => annalist_time::eval::evaluate(data, set)?,
        "pos" => annalist_tagger::evaluate(data, set)?,
        "ner" => annalist_ner::evaluate(data, set)?,
        "parse" => annalist_parser::evaluate(data, set)?,
        "events" => events(data, set, events_opts)?,
        "quotes" => annalist_quotes::eval::evaluate(data, set)?,
        other => bail!("unknown task {other:?} (known: {})", TASKS.join(", ")),
    })
}

/// The PETRARCH suites (events crate) and the news event corpus (the whole
/// pipeline, so scored here): every set when none is named; the corpus's
/// dev and test splits by default, its train split only when named.
fn events(data: &Path, set: Option<&str>, opts: &EvalOptions) -> Result<Vec<Report>> {
    if let Some(s) = set.filter(|s| crate::news_eval::SETS.contains(s)) {
        return Ok(vec![crate::news_eval::evaluate(data, s)?]);
    }
    let mut out = annalist_events::evaluate(data, set, opts)?;
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
