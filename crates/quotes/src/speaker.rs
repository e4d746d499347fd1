//! Speaker resolution: from the source mention to a named person or
//! organisation, through pronouns, surnames and descriptions.
//!
//! Uses the recognizer's entities and the actor layer when earlier stages
//! filled them, and falls back on capitalised-name heuristics otherwise.

use crate::lexicon::is_speech_verb;
use crate::marks::Quoting;
use annalist_doc::words::{is_month_name, is_weekday_name};
use annalist_doc::Doc;

/// A candidate antecedent: a name mentioned in the story.
#[derive(Debug, Clone)]
pub struct Mention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// True for people, false for organisations and other names.
    pub person: bool,
}

const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "but", "and", "in", "on", "at", "it", "he", "she", "they", "we", "i", "this",
    "that", "his", "her", "their", "if", "when", "as", "after", "before", "while", "for", "with",
    "there", "some", "read", "you", "our", "my",
];

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
        && !NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(w))
        && !is_month_name(w)
        && !is_weekday_name(w)
        && !is_speech_verb(w)
}

/// Name mentions in text order.
pub fn mentions(doc: &Doc, quoting: &Quoting) -> Vec<Mention> {
    if !doc.entities.is_empty() {
        return doc
            .entities
            .iter()
            .filter(|e| e.label == "PER" || e.label == "ORG")
            .map(|e| Mention {
                start: e.span.token_start as usize,
                end: e.span.token_end as usize,
                person: e.label == "PER",
            })
            .collect();
    }
    let n = doc.tokens.len();
    let inside = |i: usize| quoting.inside.get(i).copied().unwrap_or(false);
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if inside(i) || !is_cap(doc.token_text(i)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && !inside(j) && is_name_part(doc.token_text(j)) {
            j += 1;
        }
        while j > i + 1 && !is_cap(doc.token_text(j - 1)) {
            j -= 1;
        }
        let titled = i > 0 && is_title(doc.token_text(i - 1));
        let before_verb = j < n && is_speech_verb(doc.token_text(j));
        let sentence_initial = doc
            .sentence_of(i)
            .is_some_and(|s| doc.sentences[s].token_start as usize == i);
        // "Defence Minister Lorenzo Guerini": the name starts after the
        // last title word of the run.
        let name_start = (i..j)
            .rev()
            .find(|&k| is_title(doc.token_text(k)))
            .map_or(i, |k| k + 1);
        let titled = titled || name_start > i;
        if name_start < j && (j - name_start >= 2 || titled || before_verb || !sentence_initial) {
            out.push(Mention {
                start: name_start,
                end: j,
                person: j - name_start >= 2 || titled || before_verb,
            });
        }
        i = j;
    }
    out
}

fn is_title(w: &str) -> bool {
    annalist_doc::words::is_person_title(w)
}

fn is_name_part(w: &str) -> bool {
    is_cap(w)
        || matches!(
            w,
            "Di" | "De" | "de" | "di" | "van" | "von" | "bin" | "al-" | "Le"
        )
}

/// The resolved speaker of a source mention: the antecedent's token range
/// when there is one, else the mention itself; `None` for a pronoun that
/// finds no antecedent.
pub fn resolve(doc: &Doc, source: (usize, usize), names: &[Mention]) -> Option<(usize, usize)> {
    let (a, b) = source;
    let text = doc.slice(&doc.span(a, b).offsets).to_ascii_lowercase();
    let before = |m: &&Mention| m.end <= a;
    match text.as_str() {
        "he" | "she" | "him" | "her" | "his" => {
            let persons: Vec<&Mention> = names.iter().filter(before).filter(|m| m.person).collect();
            persons
                .iter()
                .rev()
                .find(|m| subject_like(doc, m))
                .or(persons.last())
                .map(|m| full_name(doc, m, names))
        }
        "who" => names
            .iter()
            .rev()
            .find(|m| m.end <= a)
            .filter(|m| a - m.end <= 2)
            .map(|m| full_name(doc, m, names)),
        "they" | "it" | "we" | "i" | "you" | "which" | "that" => None,
        _ => {
            let inner = names.iter().find(|m| m.start >= a && m.end <= b);
            match inner {
                Some(m) => Some(full_name(doc, m, names)),
                None => Some(source),
            }
        }
    }
}

/// A mention that opens its sentence (only names, titles, determiners and
/// punctuation before it) is likely the subject, the usual antecedent of a
/// later "he said"; objects ("met … Josep Borrell") are passed over.
fn subject_like(doc: &Doc, m: &Mention) -> bool {
    let Some(s) = doc.sentence_of(m.start) else {
        return false;
    };
    let start = doc.sentences[s].token_start as usize;
    (start..m.start).all(|k| {
        let w = doc.token_text(k);
        !w.chars().next().is_some_and(|c| c.is_lowercase())
            || matches!(w, "the" | "a" | "of" | "and" | "'s" | "’s")
            || is_title(w)
    })
}

/// The earliest fuller mention whose last word is this mention's last word
/// ("Guerini" → "Lorenzo Guerini").
fn full_name(doc: &Doc, m: &Mention, names: &[Mention]) -> (usize, usize) {
    let last = doc.token_text(m.end - 1);
    names
        .iter()
        .filter(|o| o.start < m.start && o.end - o.start > m.end - m.start)
        .find(|o| doc.token_text(o.end - 1) == last)
        .map_or((m.start, m.end), |o| (o.start, o.end))
}

/// The actor code and canonical name the actor layer gives a token range.
pub fn actor_for(doc: &Doc, (a, b): (usize, usize)) -> Option<(Option<String>, String)> {
    let mut act = doc
        .actors
        .iter()
        .find(|x| (x.span.token_start as usize) < b && (x.span.token_end as usize) > a)?;
    for _ in 0..8 {
        match act.antecedent.and_then(|k| doc.actors.get(k as usize)) {
            Some(prev) => act = prev,
            None => break,
        }
    }
    Some((act.name.clone(), act.code.clone()))
}
