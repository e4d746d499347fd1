//! Event location: each event gets the place of its own clause (an oblique
//! "in/at/near/outside X", or a place that is the subject of a passive
//! clause: "Sirte was shelled"), else the place of a locative phrase in its
//! sentence when the sentence is not parsed, else the dateline place when
//! the story is local (no place of another country in the sentence, and for
//! material events not all actors from another country), else none. `Event::location_rule` names the rule:
//! `clause-oblique`, `clause-subject`, `sentence-oblique` or `dateline`.

use annalist_doc::{Doc, Offsets};
use annalist_parser::{clause_of, Arg};

/// Prepositions that introduce an event's location.
const OBLIQUE: &[&str] = &[
    "in", "at", "near", "outside", "inside", "around", "across", "off", "into", "from",
];

/// Sets `location` and `location_rule` on every event of `doc` from
/// `doc.places`. Metonymic places are never locations.
pub fn locate_events(doc: &mut Doc) {
    let dateline = dateline_place(doc);
    for ev in 0..doc.events.len() {
        let found = clause_place(doc, ev)
            .or_else(|| sentence_place(doc, ev).map(|k| (k, "sentence-oblique")))
            .or_else(|| {
                dateline
                    .filter(|&k| local(doc, ev, k))
                    .map(|k| (k, "dateline"))
            });
        let e = &mut doc.events[ev];
        e.location = found.map(|f| f.0);
        e.location_rule = found.map(|f| f.1.to_string());
    }
}

fn inside(p: &Offsets, outer: &Offsets) -> bool {
    p.start >= outer.start && p.end <= outer.end
}

/// Offsets of a clause argument, `None` for an empty or out-of-range one.
fn arg_offsets(doc: &Doc, arg: &Arg) -> Option<Offsets> {
    (arg.start < arg.end && arg.end <= doc.tokens.len()).then(|| arg.span(doc).offsets)
}

/// A usable (resolved, literal) place inside `span`.
fn place_in(doc: &Doc, span: &Offsets) -> Option<u32> {
    doc.places
        .iter()
        .position(|p| !p.metonym && p.lat.is_some() && inside(&p.offsets, span))
        .map(|k| k as u32)
}

fn clause_place(doc: &Doc, ev: usize) -> Option<(u32, &'static str)> {
    let trigger = doc.events[ev].trigger?;
    if trigger.is_empty() || trigger.token_end as usize > doc.tokens.len() {
        return None;
    }
    let clause = clause_of(doc, trigger.token_start as usize)?;
    for ob in &clause.obliques {
        let Some(prep) = ob.prep.filter(|&p| p < doc.tokens.len()) else {
            continue;
        };
        if !OBLIQUE.contains(&doc.token_text(prep).to_lowercase().as_str())
            || ob.arg.end > doc.tokens.len()
        {
            continue;
        }
        let Some(span) = arg_offsets(doc, &ob.arg) else {
            continue;
        };
        if let Some(k) = place_in(doc, &span) {
            return Some((k, "clause-oblique"));
        }
    }
    let subject = clause.subject.filter(|s| s.end <= doc.tokens.len())?;
    if clause.passive {
        let head = doc.tokens.get(subject.head)?.offsets;
        let k = place_in(doc, &arg_offsets(doc, &subject)?)?;
        let p = &doc.places[k as usize].offsets;
        if p.start <= head.start && head.end <= p.end {
            return Some((k, "clause-subject"));
        }
    }
    None
}

/// The place after a locative preposition in the event's sentence, nearest
/// the trigger.
fn sentence_place(doc: &Doc, ev: usize) -> Option<u32> {
    let e = &doc.events[ev];
    let s = doc.sentences.get(e.sentence as usize)?.offsets;
    let trigger = e.trigger.map(|t| t.offsets.start);
    let mut best: Option<(u32, u32)> = None;
    for (k, p) in doc.places.iter().enumerate() {
        if p.metonym || p.lat.is_none() || !inside(&p.offsets, &s) {
            continue;
        }
        let before = doc.text.get(..p.offsets.start as usize).unwrap_or("");
        let prev = before
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if !OBLIQUE.contains(&prev.to_lowercase().as_str()) {
            continue;
        }
        let d = trigger.map_or(0, |t| t.abs_diff(p.offsets.start));
        if best.is_none_or(|b| d < b.0) {
            best = Some((d, k as u32));
        }
    }
    best.map(|b| b.1)
}

/// A story is local to its dateline for an event when the event's sentence
/// names no literal place in another country.
fn local(doc: &Doc, ev: usize, dateline: u32) -> bool {
    let home = doc
        .places
        .get(dateline as usize)
        .and_then(|p| p.country2.clone());
    // "The Sudanese army and the RSF have fought" in a Washington story:
    // when every actor of a material event (fighting, aid; not statements,
    // which are often made where the story is filed) belongs to another
    // country, the dateline is not where it happened.
    let home3 = doc
        .places
        .get(dateline as usize)
        .and_then(|p| p.country3.clone());
    let e = &doc.events[ev];
    let countries: Vec<&str> = [e.source.as_deref(), e.target.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(actor_country)
        .collect();
    let material = matches!(e.quad_class, 2 | 4);
    if let (Some(h), true) = (home3.as_deref(), material) {
        if !countries.is_empty() && countries.iter().all(|c| *c != h) {
            return false;
        }
    }
    let Some(s) = doc
        .sentences
        .get(doc.events[ev].sentence as usize)
        .map(|s| s.offsets)
    else {
        return true;
    };
    !doc.places
        .iter()
        .any(|p| !p.metonym && inside(&p.offsets, &s) && p.country2.is_some() && p.country2 != home)
}

/// The country part of a CAMEO actor code ("SDNREB" → "SDN"), `None` for
/// international, non-state and unknown actors.
fn actor_country(code: &str) -> Option<&str> {
    let c = code.get(..3)?;
    let non_country = [
        "IGO", "NGO", "IMG", "MNC", "UAF", "REB", "---", "MED", "ELI", "GOV", "MIL", "OPP", "CVL",
        "BUS", "JUD", "LEG", "COP", "PTY", "SPY", "REF", "RAD", "MUS", "CHR", "JEW", "HIN", "BUD",
        "EUR", "AFR", "ASA", "MEA", "WSB", "SAM", "NAM", "CRB", "SEA", "WST",
    ];
    (c.bytes().all(|b| b.is_ascii_uppercase()) && !non_country.contains(&c)).then_some(c)
}

/// The place resolved inside the dateline, when the story has one.
fn dateline_place(doc: &Doc) -> Option<u32> {
    let d = doc.dateline.as_ref()?;
    doc.places
        .iter()
        .position(|p| inside(&p.offsets, &d.offsets) && p.lat.is_some())
        .map(|k| k as u32)
}
