//! Event location: each event gets the place of its own sentence's
//! locative phrase ("in/at/near/outside X"), else the dateline place when
//! the story is local, else none.

use annalist_doc::Doc;

/// Prepositions that introduce an event's location.
const OBLIQUE: &[&str] = &["in", "at", "near", "outside", "inside", "around", "across", "off"];

/// Sets `location` and `location_rule` on every event of `doc` from
/// `doc.places`. Metonymic places are never locations.
pub fn locate_events(doc: &mut Doc) {
    let dateline = dateline_place(doc);
    for ev in 0..doc.events.len() {
        let sentence = doc.events[ev].sentence as usize;
        let span = doc.sentences.get(sentence).map(|s| (s.offsets.start, s.offsets.end));
        let trigger = doc.events[ev].trigger.map(|t| t.offsets.start);
        let mut best: Option<(u32, u32)> = None; // (distance to trigger, place)
        if let Some((ss, se)) = span {
            for (k, p) in doc.places.iter().enumerate() {
                if p.metonym || p.offsets.start < ss || p.offsets.end > se || p.lat.is_none() {
                    continue;
                }
                let before = doc.text.get(..p.offsets.start as usize).unwrap_or("");
                let prev = before.trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                if !OBLIQUE.contains(&prev.to_lowercase().as_str()) {
                    continue;
                }
                let d = trigger.map_or(0, |t| t.abs_diff(p.offsets.start));
                if best.is_none_or(|b| d < b.0) {
                    best = Some((d, k as u32));
                }
            }
        }
        let e = &mut doc.events[ev];
        if let Some((_, k)) = best {
            e.location = Some(k);
            e.location_rule = Some("sentence-oblique".into());
        } else if let Some(k) = dateline {
            e.location = Some(k);
            e.location_rule = Some("dateline".into());
        } else {
            e.location = None;
            e.location_rule = None;
        }
    }
}

/// The place resolved inside the dateline, when the story has one.
fn dateline_place(doc: &Doc) -> Option<u32> {
    let d = doc.dateline.as_ref()?;
    doc.places
        .iter()
        .position(|p| p.offsets.start >= d.offsets.start && p.offsets.end <= d.offsets.end && p.lat.is_some())
        .map(|k| k as u32)
}
