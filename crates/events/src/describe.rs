//! One-line descriptions of events for `annalist extract --format pretty`,
//! and of a parse for the debugging tools.

use annalist_doc::{Doc, Event};

/// `2020-01-07  ITAGOV (Luigi Di Maio) -> LBY  020 Appeal, not specified
/// below [REQUEST]  | evidence sentence`.
pub fn describe(event: &Event, doc: &Doc) -> String {
    let actor = |code: &Option<String>, idx: Option<u32>| {
        let code = code.as_deref().unwrap_or("---");
        let name = idx.and_then(|i| doc.actors.get(i as usize)).map(|a| {
            a.name
                .clone()
                .unwrap_or_else(|| doc.span_text(&a.span).to_string())
        });
        match name {
            Some(n) => format!("{code} ({n})"),
            None => code.to_string(),
        }
    };
    let date = event.date.as_deref().unwrap_or("----------");
    let name = event.cameo_name.as_deref().unwrap_or("");
    let plover = event
        .plover
        .as_deref()
        .map(|p| format!(" [{p}]"))
        .unwrap_or_default();
    let evidence = sentence_line(doc, event.sentence);
    let claim = event
        .claimant
        .as_deref()
        .map(|c| format!(" (claimed by {c})"))
        .unwrap_or_default();
    format!(
        "{date}  {} -> {}  {} {name}{plover}{claim}  | {evidence}",
        actor(&event.source, event.source_actor),
        actor(&event.target, event.target_actor),
        event.cameo
    )
}

/// The parse as one line, `index:form/tag/lemma<head:relation` per token
/// (for `annalist eval events -vv` and `examples/trace.rs`).
pub fn describe_parse(doc: &Doc) -> String {
    (0..doc.tokens.len())
        .map(|i| {
            let t = &doc.tokens[i];
            format!(
                "{i}:{}/{}/{}<{}:{}",
                doc.token_text(i),
                t.tag.as_deref().unwrap_or("-"),
                t.lemma.as_deref().unwrap_or("-"),
                t.head.map_or(-1, |h| h as i64),
                t.dep.as_deref().unwrap_or("-")
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sentence `i` of `doc` on one line (runs of white space as one space),
/// empty when there is no such sentence.
pub fn sentence_line(doc: &Doc, i: u32) -> String {
    doc.sentences
        .get(i as usize)
        .map(|s| {
            doc.span_text(s)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}
