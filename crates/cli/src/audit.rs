//! `annalist audit`: draws a random sample of events from `extract` output
//! and writes a judging sheet, so anyone can repeat the hand check of
//! docs/evaluation.md ("Audit of events on news"): for each event the
//! sentence, the source and target as written with their codes, the CAMEO
//! code and its name, the modality and confidence, and empty columns for the
//! judge (event real? root right? source right? target right?).
//!
//! The sample is deterministic: each event gets a key from a hash of the
//! seed, the story id and the event's position, and the `--sample` smallest
//! keys are kept, so the same input and seed give the same sheet whatever
//! the order of the files.

use annalist_doc::Doc;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Layout of the judging sheet.
#[derive(Copy, Clone, Debug, ValueEnum)]
pub enum SheetFormat {
    /// Tab-separated values with a header line (spreadsheets).
    Tsv,
    /// A Markdown document, one section per event (reading on screen).
    Markdown,
}

/// Arguments of `annalist audit`.
#[derive(Args, Debug)]
pub struct AuditArgs {
    /// `annalist extract` output (JSON Lines, optionally .gz); `-` reads
    /// standard input.
    #[arg(required = true, value_name = "EXTRACTED")]
    pub inputs: Vec<PathBuf>,
    /// Number of events to draw.
    #[arg(long, default_value_t = 100)]
    pub sample: usize,
    /// Seed of the draw (a different seed gives an independent sample).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Sheet layout.
    #[arg(long, value_enum, default_value_t = SheetFormat::Tsv)]
    pub format: SheetFormat,
    /// Draw only the events that are counted (asserted, intended or
    /// attempted; not negated or hypothetical ones).
    #[arg(long)]
    pub counted_only: bool,
}

/// One drawn event, ready for the sheet.
struct Row {
    key: u64,
    story: String,
    sentence: String,
    source: String,
    source_code: String,
    target: String,
    target_code: String,
    cameo: String,
    cameo_name: String,
    modality: String,
    confidence: f32,
}

pub fn run(args: AuditArgs) -> Result<ExitCode> {
    let mut rows: Vec<Row> = Vec::new();
    let mut events = 0usize;
    for path in &args.inputs {
        let reader = open(path)?;
        for (n, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("reading {}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let doc: Doc = match serde_json::from_str(&line) {
                Ok(d) => d,
                Err(e) => {
                    // Error lines of extract and foreign lines: named, skipped.
                    eprintln!(
                        "annalist: {}:{}: not an extracted document ({e}); skipped",
                        path.display(),
                        n + 1
                    );
                    continue;
                }
            };
            for (i, e) in doc.events.iter().enumerate() {
                if args.counted_only && !e.modality.counted() {
                    continue;
                }
                events += 1;
                let key = fnv(args.seed, &doc.id, i);
                if rows.len() >= args.sample && rows.last().is_some_and(|r| r.key <= key) {
                    continue;
                }
                let actor_text = |a: Option<u32>| {
                    a.and_then(|a| doc.actors.get(a as usize))
                        .map(|a| doc.span_text(&a.span).to_string())
                        .unwrap_or_default()
                };
                let sentence = annalist_events::describe::sentence_line(&doc, e.sentence);
                rows.push(Row {
                    key,
                    story: doc.id.clone(),
                    sentence,
                    source: actor_text(e.source_actor),
                    source_code: e.source.clone().unwrap_or_default(),
                    target: actor_text(e.target_actor),
                    target_code: e.target.clone().unwrap_or_default(),
                    cameo: e.cameo.clone(),
                    cameo_name: e.cameo_name.clone().unwrap_or_default(),
                    modality: e.modality.as_str().to_string(),
                    confidence: e.confidence,
                });
                rows.sort_by_key(|r| r.key);
                rows.truncate(args.sample);
            }
        }
    }
    // Present in reading order: by story, then sentence.
    rows.sort_by(|a, b| a.story.cmp(&b.story).then(a.key.cmp(&b.key)));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        SheetFormat::Tsv => write_tsv(&mut out, &rows)?,
        SheetFormat::Markdown => write_markdown(&mut out, &rows)?,
    }
    out.flush()?;
    eprintln!(
        "annalist: drew {} of {events} events; judge each: event real, root right, source right, target right (y/n)",
        rows.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn open(path: &PathBuf) -> Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::BufReader::new(std::io::stdin())));
    }
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        return Ok(Box::new(std::io::BufReader::new(
            flate2::read::MultiGzDecoder::new(f),
        )));
    }
    Ok(Box::new(std::io::BufReader::new(f)))
}

/// FNV-1a over the seed, the story id and the event index: stable across
/// platforms and releases, unlike the standard library's hasher.
fn fnv(seed: u64, story: &str, index: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed
        .to_le_bytes()
        .iter()
        .chain(story.as_bytes())
        .chain(&(index as u64).to_le_bytes())
    {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn write_tsv(out: &mut impl Write, rows: &[Row]) -> Result<()> {
    writeln!(
        out,
        "n\tstory\tsentence\tsource\tsource_code\ttarget\ttarget_code\tcameo\tcameo_name\tmodality\tconfidence\tevent_real\troot_right\tsource_right\ttarget_right\tnote"
    )?;
    for (n, r) in rows.iter().enumerate() {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.2}\t\t\t\t\t",
            n + 1,
            clean(&r.story),
            clean(&r.sentence),
            clean(&r.source),
            r.source_code,
            clean(&r.target),
            r.target_code,
            r.cameo,
            clean(&r.cameo_name),
            r.modality,
            r.confidence
        )?;
    }
    Ok(())
}

fn write_markdown(out: &mut impl Write, rows: &[Row]) -> Result<()> {
    writeln!(out, "# Event audit sheet ({} events)\n", rows.len())?;
    writeln!(
        out,
        "Judge each against the CAMEO manual: event real / root right / source right / target right.\n"
    )?;
    for (n, r) in rows.iter().enumerate() {
        writeln!(out, "## {}. {}\n", n + 1, r.story)?;
        writeln!(out, "> {}\n", r.sentence)?;
        writeln!(
            out,
            "- {} `{}` → {} `{}`: **{}** {} ({}, confidence {:.2})",
            if r.source.is_empty() {
                "—"
            } else {
                &r.source
            },
            r.source_code,
            if r.target.is_empty() {
                "—"
            } else {
                &r.target
            },
            r.target_code,
            r.cameo,
            r.cameo_name,
            r.modality,
            r.confidence
        )?;
        writeln!(out, "- judged: real [ ] root [ ] source [ ] target [ ]\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draw_key_is_stable() {
        assert_eq!(fnv(1, "a", 0), fnv(1, "a", 0));
        assert_ne!(fnv(1, "a", 0), fnv(2, "a", 0));
        assert_ne!(fnv(1, "a", 0), fnv(1, "a", 1));
    }
}
