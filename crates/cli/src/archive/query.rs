//! `annalist query` (events) and `annalist search` (stories).

use super::DbArg;
use annalist_doc::DocDate;
use annalist_store::{
    Archive, CountBy, CsvSink, EventFilter, EventQuery, JsonlSink, RowSet, RowSink, TableSink,
};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// How query results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RowFormat {
    /// Aligned columns (the default on a terminal).
    Table,
    /// One JSON object per row (the default when piped).
    Jsonl,
    /// CSV with a header.
    Csv,
}

/// Arguments of `annalist query`.
#[derive(Args, Debug)]
pub struct QueryArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Actor code or prefix as source or target (`TUR`, `TURMIL`).
    #[arg(long)]
    pub actor: Option<String>,
    /// Source actor code or prefix.
    #[arg(long)]
    pub source: Option<String>,
    /// Target actor code or prefix.
    #[arg(long)]
    pub target: Option<String>,
    /// Country (three-letter CAMEO/ISO code) of the source or target.
    #[arg(long)]
    pub country: Option<String>,
    /// CAMEO event code or prefix (`19`, `190`).
    #[arg(long)]
    pub cameo: Option<String>,
    /// CAMEO root code (`19`).
    #[arg(long)]
    pub root: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// First event date, inclusive.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<DocDate>,
    /// Last event date, inclusive.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<DocDate>,
    /// Location name contains this (case-insensitive).
    #[arg(long)]
    pub place: Option<String>,
    /// Country of the event location (ISO alpha-2 or alpha-3).
    #[arg(long)]
    pub location_country: Option<String>,
    /// Full-text query the supporting stories must match (words, "phrases").
    #[arg(long)]
    pub text: Option<String>,
    /// A quote speaker (name substring or actor code) in a supporting story.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only events whose confidence (the model's probability that the
    /// record is right) is at least this, 0–1.
    #[arg(long, value_name = "P")]
    pub min_confidence: Option<f64>,
    /// Which events by how the text reports them: `counted` (asserted,
    /// intended and attempted: what a CAMEO coder codes), `asserted` (done),
    /// or `all` (negated and hypothetical too).
    #[arg(long, value_enum, default_value_t = ModalityFilter::Counted)]
    pub modality: ModalityFilter,
    /// Count events per group instead of listing them.
    #[arg(long, value_parser = ["day", "week", "month", "root", "source", "target"])]
    pub count_by: Option<String>,
    /// One row per mention, with its story and sentence.
    #[arg(long)]
    pub mentions: bool,
    /// At most this many rows (default 50 for a table, all otherwise).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output format (default: table on a terminal, JSONL otherwise).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<RowFormat>,
}

/// The `--modality` choices of `query`.
#[derive(Copy, Clone, Debug, clap::ValueEnum)]
pub enum ModalityFilter {
    /// Asserted, intended and attempted events.
    Counted,
    /// Asserted events only.
    Asserted,
    /// Every event, negated and hypothetical ones included.
    All,
}

impl ModalityFilter {
    /// The modalities kept, `None` for all.
    fn names(self) -> Option<Vec<String>> {
        let v: &[&str] = match self {
            ModalityFilter::Counted => &["asserted", "intended", "attempted"],
            ModalityFilter::Asserted => &["asserted"],
            ModalityFilter::All => return None,
        };
        Some(v.iter().map(|s| s.to_string()).collect())
    }
}

/// Arguments of `annalist search`.
#[derive(Args, Debug)]
pub struct SearchArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Query: words (all must match), "exact phrases", title:word, OR, -word.
    pub query: String,
    /// Number of stories to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// One JSON object per hit.
    #[arg(long)]
    pub json: bool,
}

pub fn query(args: QueryArgs) -> Result<ExitCode> {
    let mut archive = Archive::open_existing(&args.db.db)?;
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        RowFormat::Table
    } else {
        RowFormat::Jsonl
    });
    let count_by = args
        .count_by
        .as_deref()
        .map(str::parse::<CountBy>)
        .transpose()?;
    let q = EventQuery {
        filter: EventFilter {
            actor: args.actor,
            source: args.source,
            target: args.target,
            country: args.country,
            cameo: args.cameo,
            root: args.root,
            quad_class: args.quad,
            from: args.from,
            to: args.to,
            place: args.place,
            location_country: args.location_country,
            text: args.text,
            speaker: args.speaker,
            min_confidence: args.min_confidence,
            modalities: args.modality.names(),
        },
        count_by,
        mentions: args.mentions,
        limit: args
            .limit
            .or((format == RowFormat::Table && count_by.is_none()).then_some(50)),
    };
    let mut rows = archive.query_events(&q).context("running the query")?;
    if format == RowFormat::Table && count_by.is_none() {
        rows = narrow(rows, args.mentions);
    }
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::new(stdout.lock());
    let mut sink: Box<dyn RowSink> = match format {
        RowFormat::Table => Box::new(TableSink::new(out, 40)),
        RowFormat::Jsonl => Box::new(JsonlSink::new(out)),
        RowFormat::Csv => Box::new(CsvSink::csv(out)),
    };
    rows.write_to(sink.as_mut())?;
    Ok(ExitCode::SUCCESS)
}

/// The columns a terminal has room for; JSONL and CSV keep them all.
fn narrow(rows: RowSet, mentions: bool) -> RowSet {
    let keep: &[&str] = if mentions {
        &[
            "event_id",
            "date",
            "source",
            "target",
            "cameo",
            "location",
            "story_id",
            "sentence_text",
        ]
    } else {
        &[
            "event_id",
            "date",
            "source",
            "target",
            "cameo",
            "quad_class",
            "goldstein",
            "location",
            "num_mentions",
            "num_stories",
            "evidence",
        ]
    };
    let idx: Vec<usize> = keep
        .iter()
        .filter_map(|k| rows.columns.iter().position(|c| c.name == *k))
        .collect();
    RowSet {
        columns: idx.iter().map(|&i| rows.columns[i].clone()).collect(),
        rows: rows
            .rows
            .into_iter()
            .map(|r| idx.iter().map(|&i| r[i].clone()).collect())
            .collect(),
    }
}

pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let mut archive = Archive::open_existing(&args.db.db)?;
    let hits = archive.search(&args.query, args.limit)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for h in &hits {
            serde_json::to_writer(&mut out, h)?;
            writeln!(out)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let tty = std::io::stdout().is_terminal();
    let (on, off) = if tty {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    for (i, h) in hits.iter().enumerate() {
        let meta: Vec<&str> = [h.date.as_deref(), h.agency.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let meta = if meta.is_empty() {
            String::new()
        } else {
            format!("  ({})", meta.join(", "))
        };
        writeln!(
            out,
            "{}. {}{meta}  {:.2}  {}",
            i + 1,
            h.title.as_deref().unwrap_or(&h.external_id),
            h.score,
            h.story_id
        )?;
        let mut s = String::new();
        let mut last = 0;
        for r in &h.highlights {
            if r.start < last || r.end > h.snippet.len() {
                continue;
            }
            s.push_str(&h.snippet[last..r.start]);
            s.push_str(on);
            s.push_str(&h.snippet[r.clone()]);
            s.push_str(off);
            last = r.end;
        }
        s.push_str(&h.snippet[last..]);
        writeln!(out, "   {}\n", s.replace('\n', " "))?;
    }
    if hits.is_empty() {
        writeln!(out, "no stories match")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
