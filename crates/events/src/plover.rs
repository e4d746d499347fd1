//! The PLOVER gold standard records (`PLOVER_GSR_CAMEO.txt`, 322 CAMEO
//! manual examples re-coded in PLOVER 0.5b1): event-type accuracy and
//! source/target agreement.
//!
//! The records use PLOVER 0.5b1 type names; CAMEO codes are compared
//! through [`plover05`], which follows the CAMEO-root correspondence of
//! PLOVER's README table (DEMAND for CAMEO 02 and 10, DISAPPROVE for 11,
//! INVESTIGATE for 09, FIGHT for 19–20, CONCEDE for 080–083 and RETREAT
//! for 084–087).

use crate::cameo::root;
use crate::coder::Coder;
use crate::error::{read_text, EventError};
use annalist_actors::{ActorStage, Lexicon};
use annalist_doc::{Doc, Stage};
use annalist_eval::{data_path, Prf, Report};
use std::path::Path;

/// The PLOVER 0.5b1 event type of a CAMEO code.
pub fn plover05(code: &str) -> Option<&'static str> {
    Some(match root(code) {
        "02" | "10" => "DEMAND",
        "03" => "AGREE",
        "04" => "CONSULT",
        "05" => "SUPPORT",
        "06" => "COOPERATE",
        "07" => "AID",
        // PLOVER's README table: YIELD 081–083 is CONCEDE, 084–087 RETREAT
        // (the 2021 CAMEO2PLOVER draft moves 0813/0814 to RETREAT; the gold
        // records follow the README).
        "08" => match code.get(2..3) {
            Some("4" | "5" | "6" | "7") => "RETREAT",
            _ => "CONCEDE",
        },
        "09" => "INVESTIGATE",
        "11" => "DISAPPROVE",
        "12" => "REJECT",
        "13" => "THREATEN",
        "14" => "PROTEST",
        "15" => "MOBILIZE",
        "16" => "SANCTION",
        "17" => "COERCE",
        "18" => "ASSAULT",
        // A blockade restricts movement: COERCE in the CAMEO2PLOVER table
        // (occupying territory, 192, stays FIGHT in the gold records).
        "19" if code.starts_with("191") => "COERCE",
        "19" | "20" => "FIGHT",
        _ => return None,
    })
}

fn codes(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(|x| x.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|o| o.get("code").and_then(|c| c.as_str()))
                .map(|c| c.chars().take(3).collect())
                .collect()
        })
        .unwrap_or_default()
}

/// The actor stage and coder the PLOVER run uses: shipped lexicons, no
/// knowledge base, one-sided events accepted (PLOVER's gold has events
/// without a target, "X agreed to resign").
pub fn sentence_coder() -> (ActorStage, Coder) {
    let actors = ActorStage::new(annalist_actors::standard_lexicon(), Lexicon::new(), false);
    (actors, Coder::standard().with_require_dyad(false))
}

/// Codes one plain-text sentence: tokens, tags, parse, actors, events (the
/// recognizer only adds PER hints to actor resolution and is left out).
pub fn code_sentence(doc: &mut Doc, actors: &ActorStage, coder: &Coder) {
    let _ = annalist_tokenizer::TokenizerStage.process(doc);
    if let Ok(t) = annalist_tagger::Tagger::shipped() {
        annalist_tagger::tag_doc(t, doc);
    }
    if let Ok(p) = annalist_parser::Parser::shipped() {
        annalist_parser::parse_doc(p, doc);
    }
    actors.resolve(doc);
    coder.code(doc);
}

/// Runs the PLOVER records through tokenizer, actors and coder; with
/// `verbose`, prints every record with no event or the wrong PLOVER type
/// to standard error.
pub fn evaluate(data_dir: &Path, verbose: bool) -> Result<Report, EventError> {
    let p = data_path(data_dir, "plover/PLOVER_GSR_CAMEO.txt")?;
    let text = read_text(&p)?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| EventError::Format {
        what: p.display().to_string(),
        line: e.line(),
        reason: e.to_string(),
    })?;
    let records: Vec<&serde_json::Value> = json
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|r| r.get("event").and_then(|e| e.as_str()) != Some("DOCUMENT"))
                .collect()
        })
        .unwrap_or_default();
    let (actors, coder) = sentence_coder();
    let (mut n, mut typed, mut full, mut with_pred) = (0usize, 0usize, 0usize, 0usize);
    let (mut src_ok, mut tgt_ok) = (0usize, 0usize);
    let mut prf = Prf::default();
    for r in records {
        let gold = r.get("event").and_then(|e| e.as_str()).unwrap_or("");
        let sentence = r.get("text").and_then(|e| e.as_str()).unwrap_or("");
        let id = r.get("id").and_then(|e| e.as_str()).unwrap_or("");
        let mut doc = Doc::new(id, sentence);
        code_sentence(&mut doc, &actors, &coder);
        n += 1;
        let best = doc
            .events
            .iter()
            .enumerate()
            .max_by(|(i, a), (j, b)| a.confidence.total_cmp(&b.confidence).then(j.cmp(i)))
            .map(|(_, e)| e);
        let gs = codes(r.get("source"));
        let gt = codes(r.get("target"));
        let Some(e) = best else {
            prf.add(0.0, 0.0, 1.0);
            if verbose {
                eprintln!("NONE {id} {gold} | {sentence}");
            }
            continue;
        };
        with_pred += 1;
        // A resignation is RETREAT in PLOVER whatever its CAMEO code.
        let ty = if e.plover_mode.as_deref() == Some("resign") {
            Some("RETREAT")
        } else {
            plover05(&e.cameo)
        };
        let t_ok = ty == Some(gold);
        let s = e
            .source
            .as_deref()
            .map(|c| c.chars().take(3).collect::<String>());
        let t = e
            .target
            .as_deref()
            .map(|c| c.chars().take(3).collect::<String>());
        let s_ok = s.as_ref().is_some_and(|s| gs.contains(s));
        let g_ok = gt.is_empty() || t.as_ref().is_some_and(|t| gt.contains(t));
        if verbose && !t_ok {
            eprintln!(
                "MISS {id} gold {gold} pred {} {:?} | {sentence}",
                e.cameo, ty
            );
            eprintln!("   {:?} -> {:?} {:?}", e.source, e.target, e.rules);
            if doc.events.len() > 1 {
                for o in &doc.events {
                    eprintln!(
                        "   also {} {:?} -> {:?} conf {:.2}",
                        o.cameo, o.source, o.target, o.confidence
                    );
                }
            }
        }
        typed += usize::from(t_ok);
        src_ok += usize::from(s_ok);
        tgt_ok += usize::from(g_ok);
        full += usize::from(t_ok && s_ok && g_ok);
        prf.add(f64::from(u8::from(t_ok)), 1.0, 1.0);
    }
    let pct = |a: usize| {
        if n == 0 {
            0.0
        } else {
            100.0 * a as f64 / n as f64
        }
    };
    Ok(Report::new("events", "plover")
        .metric("record_accuracy", pct(full))
        .metric("type_accuracy", pct(typed))
        .prf("", &prf)
        .metric("source_accuracy", pct(src_ok))
        .metric("target_accuracy", pct(tgt_ok))
        .count("records", n as u64)
        .count("records_with_events", with_pred as u64))
}
