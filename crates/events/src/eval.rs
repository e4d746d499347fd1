//! `annalist eval events`: the PETRARCH-2 GSR suite, the PETRARCH
//! validation suite 2.02 (with its own dictionaries) and the PLOVER gold
//! standard records.
//!
//! The PETRARCH files ship a CoNLL-U parse with every sentence; the coder
//! runs on those parses (PETRARCH-2 itself needs them: it cannot parse).
//! The PLOVER records are plain text and go through Annalist's own
//! tokenizer (and tagger/parser when the pipeline has them).

use crate::coder::{Coder, Conventions};
use crate::error::{read_text, EventError};
use crate::verbs::VerbDict;
use annalist_actors::{petrarch, ActorStage, Lexicon};
use annalist_doc::{CharIndex, Doc, DocDate, Token};
use annalist_eval::{data_path, Prf, Report};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

/// One validation record.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// Record id.
    pub id: String,
    /// `YYYYMMDD`.
    pub date: String,
    /// Whether the file asks for it to be scored.
    pub evaluate: bool,
    /// Gold (source, target, code) triples; empty for `noevents`.
    pub gold: BTreeSet<(String, String, String)>,
    /// The record expects a coding error, not events.
    pub error: bool,
    /// The sentence text.
    pub text: String,
    /// CoNLL-U lines.
    pub parse: Vec<String>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let p = tag.find(&key)? + key.len();
    let q = tag[p..].find('"')?;
    Some(tag[p..p + q].to_string())
}

/// Reads a PETRARCH validation file leniently (the files are not
/// well-formed XML): records start at a line beginning `<Sentence `.
pub fn parse_records(text: &str) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    let mut cur: Option<Record> = None;
    let mut section = "";
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("<Sentence ") {
            if let Some(r) = cur.take() {
                out.push(r);
            }
            cur = Some(Record {
                id: attr(t, "id").unwrap_or_default(),
                date: attr(t, "date").unwrap_or_default(),
                evaluate: attr(t, "evaluate").is_none_or(|v| v.eq_ignore_ascii_case("true")),
                ..Default::default()
            });
            section = "";
            continue;
        }
        let Some(r) = cur.as_mut() else { continue };
        if t.starts_with("<EventCoding") {
            if t.contains("error=") {
                r.error = true;
            }
            if let (Some(c), Some(s), Some(g)) = (
                attr(t, "eventcode"),
                attr(t, "sourcecode"),
                attr(t, "targetcode"),
            ) {
                r.gold.insert((s, g, c));
            }
        } else if t.starts_with("<Text>") {
            section = "text";
        } else if t.starts_with("</Text>") {
            section = "";
        } else if t.starts_with("<Parse>") {
            section = "parse";
        } else if t.starts_with("</Parse>") || t.starts_with("</Sentence>") {
            section = "";
        } else if section == "text" {
            if !r.text.is_empty() {
                r.text.push(' ');
            }
            r.text.push_str(t);
        } else if section == "parse" && !t.is_empty() && !t.starts_with('#') {
            r.parse.push(t.to_string());
        }
    }
    if let Some(r) = cur {
        out.push(r);
    }
    out
}

/// Builds a one-sentence document from a record's CoNLL-U parse.
pub fn doc_from_parse(r: &Record) -> Doc {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut cols_all = Vec::new();
    for line in &r.parse {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 || cols[0].contains(['-', '.']) {
            continue;
        }
        let s = text.len();
        text.push_str(cols[1]);
        spans.push((s, text.len()));
        text.push(' ');
        cols_all.push(cols);
    }
    let mut doc = Doc::new(r.id.clone(), text.trim_end().to_string());
    let idx = CharIndex::new(&doc.text);
    for ((s, e), cols) in spans.iter().zip(&cols_all) {
        let head: usize = cols[6].parse().unwrap_or(0);
        doc.tokens.push(Token {
            offsets: idx.offsets(*s, *e),
            ws: true,
            pos: Some(cols[3].into()),
            tag: Some(cols[4].into()),
            lemma: Some(cols[2].into()),
            head: (head > 0).then(|| (head - 1) as u32),
            dep: Some(cols[7].into()),
        });
    }
    if !doc.tokens.is_empty() {
        let n = doc.tokens.len();
        doc.sentences.push(doc.span(0, n));
        doc.paragraphs.push(doc.span(0, n));
    }
    doc.date = parse_ymd(&r.date);
    doc
}

fn parse_ymd(s: &str) -> Option<DocDate> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        8 => DocDate::ymd(
            s[..4].parse().ok()?,
            s[4..6].parse().ok()?,
            s[6..].parse().ok()?,
        ),
        // PETRARCH's YYMMDD, as in its dictionaries' date restrictions.
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            let year = if yy < 50 { 2000 + yy } else { 1900 + yy };
            DocDate::ymd(year, s[2..4].parse().ok()?, s[4..].parse().ok()?)
        }
        _ => None,
    }
}

/// Scores of one suite.
#[derive(Debug, Clone, Default)]
pub struct SuiteScore {
    /// Records scored.
    pub records: usize,
    /// Records whose predicted set equals the gold set.
    pub correct: usize,
    /// Event-level counts.
    pub prf: Prf,
}

/// How `annalist eval events` codes the PETRARCH suites and what it
/// prints besides the scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvalOptions {
    /// The conventions the PETRARCH suites (`gsr`, `petr-validate`) are
    /// coded with: PETRARCH's by default, as their gold records were (with
    /// Annalist's, the actor stage also reads the story context). The
    /// PLOVER records and the news sets always use Annalist's, as the
    /// pipeline does.
    pub conventions: Conventions,
    /// 0: scores only; 1: every record that misses, on standard error, with
    /// gold and predicted events; 2: also, for the PETRARCH suites, the
    /// parse, actors and rules behind the predicted events.
    pub verbose: u8,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            conventions: Conventions::Petrarch,
            verbose: 0,
        }
    }
}

/// Codes every scored record and compares the (source, target, code) sets;
/// with `detail`, prints the parse, actors and events of every record
/// that misses to standard error before `log` sees it.
pub fn run_suite(
    records: &[Record],
    actors: &ActorStage,
    coder: &Coder,
    detail: bool,
    mut log: impl FnMut(&Record, &BTreeSet<(String, String, String)>),
) -> SuiteScore {
    let mut s = SuiteScore::default();
    for r in records
        .iter()
        .filter(|r| r.evaluate && !r.error && !r.parse.is_empty())
    {
        let mut doc = doc_from_parse(r);
        actors.resolve(&mut doc);
        coder.code(&mut doc);
        let pred: BTreeSet<(String, String, String)> = doc
            .events
            .iter()
            .map(|e| {
                (
                    e.source.clone().unwrap_or_default(),
                    e.target.clone().unwrap_or_default(),
                    e.cameo.clone(),
                )
            })
            .collect();
        s.records += 1;
        if pred == r.gold {
            s.correct += 1;
        }
        if detail && pred != r.gold {
            // What the coder saw: the parse, the actors and the rules
            // behind each event.
            eprintln!("  parse {}", crate::describe_parse(&doc));
            for a in &doc.actors {
                eprintln!(
                    "  actor {} {:?} {:?}",
                    a.code,
                    doc.span_text(&a.span),
                    a.rule
                );
            }
            for e in &doc.events {
                eprintln!(
                    "  event {} {:?} -> {:?} {:?}",
                    e.cameo, e.source, e.target, e.rules
                );
            }
        }
        let tp = pred.intersection(&r.gold).count();
        s.prf.add(tp as f64, pred.len() as f64, r.gold.len() as f64);
        log(r, &pred);
    }
    s
}

fn report(set: &str, s: &SuiteScore) -> Report {
    Report::new("events", set)
        .metric("record_accuracy", pct(s.correct, s.records))
        .prf("", &s.prf)
        .count("records", s.records as u64)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Codes the records of a PETRARCH suite with `opts`, printing what
/// misses when asked.
fn score(records: &[Record], actors: &ActorStage, coder: &Coder, opts: &EvalOptions) -> SuiteScore {
    let print_miss = |r: &Record, pred: &BTreeSet<(String, String, String)>| {
        if opts.verbose >= 1 && pred != &r.gold {
            eprintln!(
                "MISS {} | {}\n  gold {:?}\n  pred {:?}",
                r.id, r.text, r.gold, pred
            );
        }
    };
    run_suite(records, actors, coder, opts.verbose >= 2, print_miss)
}

/// The GSR suite with Annalist's shipped dictionaries.
pub fn gsr(data_dir: &Path, opts: &EvalOptions) -> Result<Report, EventError> {
    let p = data_path(
        data_dir,
        "petrarch/universalpetrarch/PETR2_GSR_validation.xml",
    )?;
    let records = parse_records(&read_text(&p)?);
    let annalist = opts.conventions == Conventions::Annalist;
    let actors = ActorStage::new(annalist_actors::standard_lexicon(), Lexicon::new(), false)
        .with_context(annalist);
    // The suite is coded with PETRARCH-2's conventions by default (see
    // `Conventions`); docs/evaluation.md gives both.
    let coder = Coder::standard().with_conventions(opts.conventions);
    let s = score(&records, &actors, &coder, opts);
    Ok(report("gsr", &s))
}

/// The PETRARCH validation suite 2.02 with its own five dictionaries.
pub fn petr_validate(data_dir: &Path, opts: &EvalOptions) -> Result<Report, EventError> {
    let dir = "petrarch/universalpetrarch/validate_2_02";
    let p = data_path(data_dir, &format!("{dir}/PETR_Validate_records_2_02.xml"))?;
    let records = parse_records(&read_text(&p)?);
    let a = data_path(data_dir, &format!("{dir}/PETR_Validate_actors_2_02.txt"))?;
    let g = data_path(data_dir, &format!("{dir}/PETR_Validate_agents_2_02.txt"))?;
    let v = data_path(data_dir, &format!("{dir}/PETR_Validate_verbs_2_02.txt"))?;
    let d = data_path(data_dir, &format!("{dir}/PETR_Validate_discards_2_02.txt"))?;
    let lx = petrarch::load(&[a.as_path()], &[g.as_path()])?;
    let annalist = opts.conventions == Conventions::Annalist;
    let actors = ActorStage::new(Arc::new(lx), Lexicon::new(), false).with_context(annalist);
    let verbs = VerbDict::from_petrarch(&read_text(&v)?);
    let coder = Coder::new(Arc::new(verbs))
        .with_discards(&read_text(&d)?)
        .with_conventions(opts.conventions);
    let s = score(&records, &actors, &coder, opts);
    Ok(report("petr-validate", &s))
}

/// Evaluates the sets of task `events` (all, or the one named) with
/// `opts`.
pub fn evaluate(
    data_dir: &Path,
    set: Option<&str>,
    opts: &EvalOptions,
) -> Result<Vec<Report>, EventError> {
    let mut out = Vec::new();
    let want = |s: &str| set.is_none_or(|x| x == s);
    if let Some(s) = set {
        if !["gsr", "petr-validate", "plover"].contains(&s) {
            return Err(EventError::UnknownSet(s.to_string()));
        }
    }
    if want("gsr") {
        out.push(gsr(data_dir, opts)?);
    }
    if want("petr-validate") {
        out.push(petr_validate(data_dir, opts)?);
    }
    if want("plover") {
        out.push(crate::plover::evaluate(data_dir, opts.verbose >= 1)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lenient_records() {
        let text = "# <Sentence in a comment\n<Sentence category=\"T\" date=\"20080804\" id=\"X-1\" evaluate=\"true\"/>\n<EventCoding eventcode=\"042\" sourcecode=\"USA\" targetcode=\"CHN\" />\n<Text>\nA b\n</Text>\n<Parse>\n1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tb\tb\tNOUN\tNN\t_\t0\troot\t_\t_\n</Parse>\n</Sentence>\n";
        let r = parse_records(text);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].gold.len(), 1);
        let d = doc_from_parse(&r[0]);
        assert_eq!(d.tokens.len(), 2);
        assert_eq!(d.tokens[0].head, Some(1));
        assert_eq!(d.date.and_then(|d| d.year), Some(2008));
    }
}
