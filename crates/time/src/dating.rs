//! Event dating: each event takes the date of a time expression in its own
//! clause (through the parser's clause view), else the story date. Before
//! the parser has run, the clause is approximated by the sentence and the
//! expression nearest the trigger is taken.

use annalist_doc::{Doc, Timex};

/// Precision of a TIMEX3 value or interval: `day`, `week`, `month`,
/// `quarter`, `season`, `year`, `decade`, `interval`.
pub fn precision(value: &str) -> Option<&'static str> {
    if value.contains('/') {
        return Some("interval");
    }
    let b = value.as_bytes();
    if b.len() < 3 || !b[..3].iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(match b.len() {
        3 => "decade",
        4 => "year",
        _ if value[4..].starts_with("-W") => "week",
        _ if value[4..].starts_with("-Q") || value[4..].starts_with("-H") => "quarter",
        7 if value[5..].starts_with(|c: char| c.is_ascii_digit()) => "month",
        7 => "season",
        _ if b.len() >= 10
            && b[5..7].iter().all(u8::is_ascii_digit)
            && b[8..10].iter().all(u8::is_ascii_digit) =>
        {
            "day"
        }
        _ => return None,
    })
}

fn usable(t: &Timex) -> bool {
    matches!(t.kind.as_str(), "DATE" | "TIME") && precision(&t.value).is_some()
}

/// The predicate heading the clause that holds token `i`, when parsed.
fn clause_verb(doc: &Doc, i: usize) -> Option<usize> {
    doc.tokens.get(i)?.dep.as_ref()?;
    annalist_parser::clause_of(doc, i).map(|c| c.verb)
}

fn nearest<'a>(
    c: impl Iterator<Item = (usize, &'a Timex)>,
    anchor: u32,
) -> Option<(usize, &'a Timex)> {
    c.min_by_key(|(_, t)| t.offsets.start.abs_diff(anchor))
}

/// True when nothing between the trigger tokens and the expression opens
/// another clause: no finite verb or modal, no subordinator or coordinator.
fn same_stretch(doc: &Doc, trigger: std::ops::Range<usize>, t: &Timex) -> bool {
    let (Some(a), Some(b)) = (
        doc.token_at_byte(t.offsets.start as usize),
        doc.token_at_byte(t.offsets.end.saturating_sub(1) as usize),
    ) else {
        return false;
    };
    let between = if b < trigger.start {
        b + 1..trigger.start
    } else if a >= trigger.end {
        trigger.end..a
    } else {
        return true;
    };
    between.into_iter().all(|k| {
        let tag = doc.tokens[k].tag.as_deref().unwrap_or("");
        let w = doc.token_text(k).to_ascii_lowercase();
        !matches!(tag, "VBD" | "VBZ" | "VBP" | "MD")
            && !matches!(
                w.as_str(),
                "that"
                    | "when"
                    | "after"
                    | "before"
                    | "because"
                    | "while"
                    | "which"
                    | "who"
                    | "where"
                    | "if"
                    | "but"
                    | "and"
                    | "as"
                    | "since"
                    | "until"
                    | ";"
                    | ":"
            )
    })
}

/// Fills `date`, `date_precision` and `timex` on every event of `doc`.
pub fn date_events(doc: &mut Doc) {
    // `XXXX-01-07` when the dateline gave no year.
    let story = doc.date.map(|d| d.to_string());
    let mut chosen = Vec::with_capacity(doc.events.len());
    for ev in &doc.events {
        let sentence = doc.sentences.get(ev.sentence as usize).map(|s| s.offsets);
        let anchor = ev
            .trigger
            .map(|t| t.offsets.start)
            .or(sentence.map(|s| s.start))
            .unwrap_or(0);
        let in_sentence = |t: &Timex| {
            sentence.is_some_and(|s| t.offsets.start >= s.start && t.offsets.end <= s.end)
        };
        let candidates = doc
            .timexes
            .iter()
            .enumerate()
            .filter(|(_, t)| in_sentence(t) && usable(t));
        let event_clause = ev
            .trigger
            .and_then(|t| clause_verb(doc, t.token_start as usize));
        let candidates: Vec<(usize, &Timex)> = candidates.collect();
        let best = match (event_clause, ev.trigger) {
            // Parsed: an expression attached to the event's own clause, else
            // (parses go wrong on long appositions) one with no verb or
            // clause opener between it and the trigger.
            (Some(verb), Some(trigger)) => {
                let own = candidates.iter().copied().filter(|(_, t)| {
                    doc.token_at_byte(t.offsets.start as usize)
                        .and_then(|k| clause_verb(doc, k))
                        == Some(verb)
                });
                nearest(own, anchor).or_else(|| {
                    let near = candidates
                        .iter()
                        .copied()
                        .filter(|(_, t)| same_stretch(doc, trigger.tokens(), t));
                    nearest(near, anchor)
                })
            }
            _ => nearest(candidates.iter().copied(), anchor),
        };
        chosen.push(best.map(|(i, t)| (i, t.interval.clone().unwrap_or_else(|| t.value.clone()))));
    }
    for (ev, pick) in doc.events.iter_mut().zip(chosen) {
        match pick {
            Some((i, date)) => {
                ev.date_precision = precision(&date).map(str::to_string);
                ev.date = Some(date);
                ev.timex = Some(i as u32);
            }
            None => {
                ev.date = story.clone();
                ev.date_precision = story.as_ref().map(|_| "day".to_string());
                ev.timex = None;
            }
        }
    }
}
