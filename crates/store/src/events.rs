//! Cross-story event merging, after GDELT's events/mentions split.
//!
//! A coded event in a story becomes a *mention*. Mentions with the same
//! source, target, CAMEO code and place whose dates lie within the
//! archive's window join one *event*; the event keeps the first mention's
//! details and counts its mentions, stories and sources.

use crate::archive::days_from_civil;
use crate::StoreError;
use annalist_doc::{Doc, DocDate, Event, Place};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::BTreeSet;

/// The date an event is filed under: its own full date when the event
/// stage resolved one, else the story's date; `None` when neither has a
/// known year.
fn event_day(ev: &Event, doc: &Doc) -> (Option<i64>, Option<String>, Option<String>) {
    let own = ev
        .date
        .as_deref()
        .and_then(|s| s.get(..10))
        .and_then(|s| s.parse::<DocDate>().ok())
        .filter(|d| d.year.is_some());
    let (date, precision) = match own {
        Some(d) => (
            Some(d),
            ev.date_precision.clone().or_else(|| Some("day".into())),
        ),
        None => (
            doc.date.filter(|d| d.year.is_some()),
            Some("document".into()),
        ),
    };
    match date {
        Some(d) => {
            let y = d.year.unwrap_or(1970) as i64;
            let day = days_from_civil(y, d.month as i64, d.day as i64);
            (Some(day), Some(d.to_string()), precision)
        }
        None => (None, None, None),
    }
}

/// Identity of a place for merging: the GeoNames id when resolved, else
/// the lower-cased name; empty when the event has no location.
fn loc_key(p: Option<&Place>) -> String {
    match p {
        Some(p) => match p.geonames_id {
            Some(id) => format!("gn:{id}"),
            None => format!("name:{}", p.name.to_lowercase()),
        },
        None => String::new(),
    }
}

/// First three digits of the code: GDELT's EventBaseCode.
fn base_code(cameo: &str) -> String {
    cameo.chars().take(3).collect()
}

/// Files every event of `doc` under a new or existing archive event.
pub(crate) fn insert_mentions(
    tx: &Transaction,
    story_id: &str,
    doc: &Doc,
    run_id: i64,
    window: i64,
) -> Result<(), StoreError> {
    if doc.events.is_empty() {
        return Ok(());
    }
    let mut touched = BTreeSet::new();
    for (idx, ev) in doc.events.iter().enumerate() {
        let (day, date, precision) = event_day(ev, doc);
        let place = ev.location.and_then(|i| doc.places.get(i as usize));
        let key = loc_key(place);
        let found: Option<i64> = match day {
            Some(d) => tx
                .prepare_cached(
                    "SELECT event_id FROM events WHERE cameo=?1 AND source IS ?2 AND target IS ?3 \
                     AND loc_key=?4 AND day BETWEEN ?5 AND ?6 ORDER BY abs(day - ?7), event_id LIMIT 1",
                )?
                .query_row(
                    params![ev.cameo, ev.source, ev.target, key, d - window, d + window, d],
                    |r| r.get(0),
                )
                .optional()?,
            None => tx
                .prepare_cached(
                    "SELECT event_id FROM events WHERE cameo=?1 AND source IS ?2 AND target IS ?3 \
                     AND loc_key=?4 AND day IS NULL ORDER BY event_id LIMIT 1",
                )?
                .query_row(params![ev.cameo, ev.source, ev.target, key], |r| r.get(0))
                .optional()?,
        };
        let event_id = match found {
            Some(id) => id,
            None => {
                let root = if ev.root.is_empty() {
                    ev.cameo.chars().take(2).collect()
                } else {
                    ev.root.clone()
                };
                tx.prepare_cached(
                    "INSERT INTO events(day, date, date_precision, source, target, cameo, base, root, quad_class, \
                     goldstein, plover, plover_mode, cameo_name, loc_key, loc_name, loc_geonames_id, loc_country2, \
                     loc_country3, loc_admin1, loc_lat, loc_lon, loc_feature_code, first_story, source_url, run_id) \
                     VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, \
                     ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
                )?
                .execute(params![
                    day,
                    date,
                    precision,
                    ev.source,
                    ev.target,
                    ev.cameo,
                    base_code(&ev.cameo),
                    root,
                    ev.quad_class,
                    crate::wide(ev.goldstein),
                    ev.plover,
                    ev.plover_mode,
                    ev.cameo_name,
                    key,
                    place.map(|p| p.canonical.clone().unwrap_or_else(|| p.name.clone())),
                    place.and_then(|p| p.geonames_id).map(|g| g as i64),
                    place.and_then(|p| p.country2.clone()),
                    place.and_then(|p| p.country3.clone()),
                    place.and_then(|p| p.admin1.clone()),
                    place.and_then(|p| p.lat),
                    place.and_then(|p| p.lon),
                    place.and_then(|p| p.feature_code.clone()),
                    story_id,
                    doc.url,
                    run_id,
                ])?;
                tx.last_insert_rowid()
            }
        };
        touched.insert(event_id);
        let sent = doc.sentences.get(ev.sentence as usize).map(|s| s.offsets);
        let trig = ev.trigger.map(|s| s.offsets);
        tx.prepare_cached(
            "INSERT INTO mentions(story_id, idx, event_id, sentence, sentence_start_byte, sentence_end_byte, \
             sentence_start_char, sentence_end_char, trigger_start_byte, trigger_end_byte, trigger_start_char, \
             trigger_end_char, source_actor, target_actor, timex, location, location_rule, agency, claimant, confidence, data) \
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        )?
        .execute(params![
            story_id,
            idx as i64,
            event_id,
            ev.sentence,
            sent.map(|o| o.start),
            sent.map(|o| o.end),
            sent.map(|o| o.char_start),
            sent.map(|o| o.char_end),
            trig.map(|o| o.start),
            trig.map(|o| o.end),
            trig.map(|o| o.char_start),
            trig.map(|o| o.char_end),
            ev.source_actor,
            ev.target_actor,
            ev.timex,
            ev.location,
            ev.location_rule,
            doc.agency,
            ev.claimant,
            crate::wide(ev.confidence),
            serde_json::to_string(ev)?,
        ])?;
    }
    recount(tx, &touched)
}

/// Removes a story's mentions, dropping events left with none.
pub(crate) fn delete_mentions(tx: &Transaction, story_id: &str) -> Result<(), StoreError> {
    let touched: BTreeSet<i64> = {
        let mut st =
            tx.prepare_cached("SELECT DISTINCT event_id FROM mentions WHERE story_id=?1")?;
        let rows = st.query_map([story_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    if touched.is_empty() {
        return Ok(());
    }
    tx.execute("DELETE FROM mentions WHERE story_id=?1", [story_id])?;
    recount(tx, &touched)?;
    tx.execute("DELETE FROM events WHERE num_mentions=0", [])?;
    Ok(())
}

/// Recomputes the counts of the given events from their mentions. A source
/// is the story's agency; stories without one count as their own source.
fn recount(tx: &Transaction, events: &BTreeSet<i64>) -> Result<(), StoreError> {
    let mut st = tx.prepare_cached(
        "UPDATE events SET \
           num_mentions=(SELECT count(*) FROM mentions WHERE event_id=?1), \
           num_stories=(SELECT count(DISTINCT story_id) FROM mentions WHERE event_id=?1), \
           num_sources=(SELECT count(DISTINCT coalesce(agency, story_id)) FROM mentions WHERE event_id=?1), \
           confidence=coalesce((SELECT max(confidence) FROM mentions WHERE event_id=?1), 0) \
         WHERE event_id=?1",
    )?;
    for id in events {
        st.execute([id])?;
    }
    Ok(())
}
