//! Time expressions: recognition, TIMEX3 normalisation against the story
//! date, and event dating.
//!
//! Recognition is a hand-written grammar over a one-pass scan of the text
//! ([`scan`], [`grammar`]); anchoring ([`resolve`]) uses the document
//! creation time and a tense read from nearby words ([`tense`]); chrono does
//! the calendar arithmetic. The rules were written from the TimeML 1.2.1
//! guidelines and the TempEval-3 training data; no GPL tagger was consulted.

pub mod dating;
pub mod eval;
pub mod grammar;
pub mod lexicon;
pub mod resolve;
pub mod scan;
pub mod tense;
pub mod tml;

pub use dating::date_events;

use annalist_doc::{CharIndex, Doc, Layer, Stage, StageError, Timex};
use chrono::NaiveDate;
use tense::Tense;

/// A normalised time expression over a byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: &'static str,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 mod.
    pub md: Option<&'static str>,
    /// For `since X` / `until X`: an ISO 8601 interval running from X to the
    /// story date, or from the story date to X.
    pub interval: Option<String>,
}

/// Finds and normalises every time expression in `text`, anchoring
/// relative ones to `dct` (the story date).
pub fn annotate(text: &str, dct: Option<NaiveDate>) -> Vec<Found> {
    annotate_scan(scan::Scan::new(text), dct, None)
}

/// Like [`annotate`] over a document's text, reading tense from the
/// tagger's Penn tags where the tagger has run.
pub fn annotate_doc(doc: &Doc) -> Vec<Found> {
    let mut sc = scan::Scan::new(&doc.text);
    if doc.tokens.iter().any(|t| t.tag.is_some()) {
        sc.set_tags(
            doc.tokens
                .iter()
                .filter_map(|t| Some((t.offsets.start as usize, t.tag.as_deref()?))),
        );
    }
    // A dateline without a year still fixes month and day.
    let proxy = doc
        .date
        .filter(|d| d.year.is_none())
        .and_then(|d| NaiveDate::from_ymd_opt(2000, d.month as u32, d.day as u32));
    annotate_scan(sc, doc_date(doc), proxy)
}

fn annotate_scan(sc: scan::Scan, dct: Option<NaiveDate>, proxy: Option<NaiveDate>) -> Vec<Found> {
    let mentions = grammar::recognize(&sc);
    let mut out = Vec::with_capacity(mentions.len());
    // The last day the story named: "the next day" counts from it.
    let mut reference: Option<NaiveDate> = None;
    for m in &mentions {
        let prev = sc.lo(m.start.wrapping_sub(1));
        let signal = match prev {
            "since" => Some(true),
            "until" | "till" | "through" => Some(false),
            _ => None,
        };
        let tense = if signal == Some(true) {
            Tense::Past
        } else {
            tense::tense_at(&sc, m.start, m.end)
        };
        let norm = match (dct, proxy) {
            (None, Some(p)) => resolve::normalise_partial(m, p, tense),
            _ if m.anaphoric => resolve::normalise(m, reference.or(dct), tense),
            _ => resolve::normalise(m, dct, tense),
        };
        let Some(mut n) = norm else {
            continue;
        };
        if n.day.is_some() {
            reference = n.day;
        }
        // In quarterly results "a year ago" is the same quarter a year
        // before, as TimeBank annotates it.
        if let (grammar::Sem::Shift(Some(1), lexicon::Unit::Year, -1), Some(dct)) = (&m.sem, dct) {
            if recent_mention(&sc, m.start, &["quarter", "quarterly"])
                && recent_mention(&sc, m.start, &["$", "million", "billion", "cents", "share"])
            {
                n.value = resolve::year_ago_quarter(dct);
            }
        }
        let interval = match (signal, dct, n.kind) {
            (Some(since), Some(dct), "DATE" | "TIME")
                if n.value.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                let d = dct.format("%Y-%m-%d").to_string();
                Some(if since {
                    format!("{}/{d}", n.value)
                } else {
                    format!("{d}/{}", n.value)
                })
            }
            _ => None,
        };
        let (start, end) = (sc.toks[m.start].start, sc.toks[m.end - 1].end);
        out.push(Found {
            start,
            end,
            kind: n.kind,
            value: n.value,
            md: n.md,
            interval,
        });
    }
    out
}

/// True when one of `words` occurs in the 150 tokens before `start`
/// (results stories name the quarter once, then compare figures).
fn recent_mention(sc: &scan::Scan, start: usize, words: &[&str]) -> bool {
    (start.saturating_sub(150)..start).any(|i| words.contains(&sc.lo(i)))
}

/// The story date as a calendar date, when its year is known.
pub fn doc_date(doc: &Doc) -> Option<NaiveDate> {
    let d = doc.date?;
    NaiveDate::from_ymd_opt(d.year?, d.month as u32, d.day as u32)
}

/// The time stage: fills [`Doc::timexes`]. Events are dated from them by
/// the pipeline's final link step ([`date_events`]).
pub struct TimeStage;

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "time"
    }

    fn version(&self) -> String {
        "1".to_string()
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Tags, Layer::Parse]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        let found = annotate_doc(doc);
        let index = CharIndex::new(&doc.text);
        doc.timexes = found
            .into_iter()
            .map(|f| Timex {
                offsets: index.offsets(f.start, f.end),
                kind: f.kind.to_string(),
                value: f.value,
                r#mod: f.md.map(str::to_string),
                interval: f.interval,
            })
            .collect();
        Ok(())
    }
}
