//! Pass 7, dedup: a story counts an event (source, target, code) once;
//! the triggers of its later mentions go to the first record's
//! `mentions`.

use annalist_doc::Event;

/// Adds `ev` to `events`, or only its trigger to the mentions of the
/// event already there with the same source, target and code.
pub(super) fn add_dedup(events: &mut Vec<Event>, ev: Event) {
    if let Some(e) = events
        .iter_mut()
        .find(|e| e.source == ev.source && e.target == ev.target && e.cameo == ev.cameo)
    {
        if let Some(t) = ev.trigger {
            if e.trigger != Some(t) && !e.mentions.contains(&t) {
                e.mentions.push(t);
            }
        }
        return;
    }
    events.push(ev);
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_doc::Doc;

    fn ev(doc: &Doc, code: &str, src: &str, tgt: &str, trigger: usize) -> Event {
        Event {
            cameo: code.into(),
            source: Some(src.into()),
            target: Some(tgt.into()),
            trigger: Some(doc.span(trigger, trigger + 1)),
            ..Default::default()
        }
    }

    #[test]
    fn one_record_per_source_target_and_code() {
        let mut doc = Doc::new("t", "a b c d");
        let idx = annalist_doc::CharIndex::new(&doc.text);
        for (s, e) in [(0, 1), (2, 3), (4, 5), (6, 7)] {
            doc.tokens.push(annalist_doc::Token {
                offsets: idx.offsets(s, e),
                ws: true,
                ..Default::default()
            });
        }
        let mut events = Vec::new();
        add_dedup(&mut events, ev(&doc, "190", "RUS", "UKR", 0));
        add_dedup(&mut events, ev(&doc, "190", "RUS", "UKR", 2));
        // The same trigger again adds no mention.
        add_dedup(&mut events, ev(&doc, "190", "RUS", "UKR", 2));
        add_dedup(&mut events, ev(&doc, "190", "RUS", "UKR", 0));
        // Another code or another direction is another event.
        add_dedup(&mut events, ev(&doc, "193", "RUS", "UKR", 3));
        add_dedup(&mut events, ev(&doc, "190", "UKR", "RUS", 3));
        assert_eq!(events.len(), 3);
        assert_eq!(events[0].mentions, vec![doc.span(2, 3)]);
        assert!(events[1].mentions.is_empty());
    }
}
