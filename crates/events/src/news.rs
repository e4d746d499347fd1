//! Annalist's conventions for news (docs/annotation.md), applied to the
//! events of both coders before confidence is set. Each is a principle a
//! CAMEO coder states for any story:
//!
//! 1. A place where something happens is the event's location, not its
//!    target ("met the opposition in Damascus").
//! 2. The outlet that carries a story is not a party to it: "told the
//!    BBC", "the BBC says that …" code nothing.
//! 3. A verbal act (statements, appeals, intents, consultations, praise,
//!    demands, criticism, rejections, threats: QuadClass 1 and 3) is coded
//!    only when it is directed at an actor.
//! 4. An actor is never its own target.
//! 5. A plain statement (010, "X said …") is the frame of a report, not an
//!    event: CAMEO calls it a residual category and the statement is coded
//!    by what it does (criticism 111, praise 051, a demand 10x …), which
//!    the learned coder reads from what was said.

use crate::clause::dep;
use annalist_doc::Doc;

/// Prepositions that make a place phrase a location ("on" is left out:
/// "sanctions on Russia" names a target).
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "across",
    "throughout",
    "around",
    "within",
];

/// Sentences that credit the story's reporters ("contributed to this
/// report", "contributed reporting").
fn credit_sentences(doc: &Doc) -> Vec<usize> {
    doc.sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let t = doc.text.get(s.offsets.range()).unwrap_or("");
            t.contains("contributed to this report") || t.contains("contributed reporting")
        })
        .map(|(k, _)| k)
        .collect()
}

/// Applies the conventions to `doc.events`.
pub fn apply(doc: &mut Doc) {
    let role = |doc: &Doc, a: Option<u32>| -> String {
        a.and_then(|a| doc.actors.get(a as usize))
            .map(|x| {
                let c = x
                    .code
                    .strip_prefix("---")
                    .unwrap_or(x.code.get(3..).unwrap_or(""));
                c.get(..3).unwrap_or("").to_string()
            })
            .unwrap_or_default()
    };
    let mut keep = Vec::with_capacity(doc.events.len());
    let credits = credit_sentences(doc);
    for mut e in std::mem::take(&mut doc.events) {
        // "X and The Associated Press contributed to this report": the
        // story's credits, not an act.
        if credits.contains(&(e.sentence as usize)) {
            continue;
        }
        let trigger = e.trigger.map(|t| t.tokens());
        if e.target_actor.is_some_and(|t| {
            trigger
                .clone()
                .is_some_and(|tr| is_location(doc, t as usize, tr))
        }) {
            e.target = None;
            e.target_actor = None;
            e.rules.push("target:location".into());
        }
        let verbal = matches!(e.quad_class, 1 | 3);
        if verbal && role(doc, e.target_actor) == "MED" {
            e.target = None;
            e.target_actor = None;
            e.rules.push("target:outlet".into());
        }
        if e.root == "01" && role(doc, e.source_actor) == "MED" {
            continue;
        }
        if e.cameo == "010" {
            continue;
        }
        if verbal && e.target.is_none() {
            continue;
        }
        if let (Some(s), Some(t)) = (e.source_actor, e.target_actor) {
            if s == t || annalist_actors::same_actor(doc, s as usize, t as usize) {
                continue;
            }
        }
        keep.push(e);
    }
    doc.events = keep;
}

/// Whether actor mention `a` is the place where the event of trigger
/// tokens `trigger` happens: a bare country code (a country, a capital, a
/// city) whose head is an oblique of the trigger itself with a locative
/// preposition ("met … in Damascus"; not "the intervention in Libya", where
/// the phrase belongs to a noun, nor "appealed for an end to meddling in
/// Libya", where it belongs to another verb).
fn is_location(doc: &Doc, a: usize, trigger: std::ops::Range<usize>) -> bool {
    let x = &doc.actors[a];
    if x.code.len() != 3 || x.code.starts_with("---") {
        return false;
    }
    let h = crate::learned::span_head(doc, &x.span);
    if !dep(doc, h).starts_with("obl")
        || !doc.tokens[h]
            .head
            .is_some_and(|t| trigger.contains(&(t as usize)))
    {
        return false;
    }
    // The preposition is a dependent of the place's head, before it.
    (x.span.token_start.saturating_sub(4) as usize..h).any(|c| {
        doc.tokens[c].head == Some(h as u32)
            && dep(doc, c) == "case"
            && LOCATIVE.contains(&doc.token_text(c).to_lowercase().as_str())
    })
}
