//! Mends parse errors that leave a news sentence without a verbal head
//! before coding: a noun root whose real verb hangs below it as a modifier
//! ("Kenzo Oshima, the UN relief coordinator, demanded parties …" read as
//! a name with a participle; "Gambian President Dawda Jawara will visit
//! Mauritania" with the adjective as root), a verb tagged as an adjective,
//! a clause hung from punctuation, a reported clause read as an adverbial
//! one. A tagger trained on web text makes these errors on wire copy, and
//! without a verbal head the coder finds no event at all.
//!
//! The mended parse is used by the coder only; the document gets the
//! parser's tree back once the events are coded.

use crate::clause::{children, dep, lemma_upper};
use annalist_doc::words::is_speech_lemma;
use annalist_doc::{Doc, Token};

/// A change to one token's head and relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mend {
    /// The token.
    pub token: usize,
    /// Its new head (`None`: the sentence root).
    pub head: Option<u32>,
    /// Its new relation.
    pub dep: String,
    /// Its new tag, where the tagger took a verb for an adjective.
    pub tag: Option<&'static str>,
}

impl Mend {
    fn to(token: usize, head: Option<u32>, dep: impl Into<String>) -> Self {
        Mend {
            token,
            head,
            dep: dep.into(),
            tag: None,
        }
    }
}

fn tag(doc: &Doc, i: usize) -> &str {
    doc.tokens[i].tag.as_deref().unwrap_or("")
}

/// No clause hangs from punctuation: a clause the parser attached to a
/// closing quotation mark or the full stop ("… situation in Iraq\" after
/// the US killed Iran's top general") belongs to the mark's own head.
fn off_punctuation(doc: &Doc, start: usize, end: usize, out: &mut Vec<Mend>) {
    for x in start..end {
        let Some(h) = doc.tokens[x].head.map(|h| h as usize) else {
            continue;
        };
        // Only clauses move: a phrase the parser built on the mark ("in
        // Paris …" under the full stop) is left where it is.
        if h < start || h >= end || dep(doc, h) != "punct" || !is_verb_tag(tag(doc, x)) {
            continue;
        }
        let Some(g) = doc.tokens[h].head else {
            continue;
        };
        // A subject of a punctuation mark is nobody's subject.
        let d = dep(doc, x);
        let d = if d.starts_with("nsubj") || d.starts_with("csubj") {
            "dep"
        } else {
            d
        };
        out.push(Mend::to(x, Some(g), d));
    }
}

/// "Israeli soldiers beat up detainees …, a court martial was told": a
/// clause with its own subject and no subordinator, before a speech verb
/// it hangs from, is what was said (the parser often makes it an
/// adverbial clause).
fn fronted_reports(doc: &Doc, ch: &[Vec<usize>], start: usize, end: usize, out: &mut Vec<Mend>) {
    for x in start..end {
        let Some(h) = doc.tokens[x].head.map(|h| h as usize) else {
            continue;
        };
        if h <= x || h >= end || !dep(doc, x).starts_with("advcl") {
            continue;
        }
        if !is_speech_lemma(&lemma_upper(doc, h)) {
            continue;
        }
        let kids = &ch[x - start];
        if kids.iter().any(|&k| dep(doc, k) == "mark")
            || !kids.iter().any(|&k| dep(doc, k).starts_with("nsubj"))
        {
            continue;
        }
        out.push(Mend::to(x, Some(h as u32), "ccomp"));
    }
}

fn is_verb_tag(t: &str) -> bool {
    t.starts_with("VB") || t == "MD"
}

/// The mends for sentence `[start, end)`: empty when its parse has a
/// verbal head or no modifier verb that can stand in for one.
pub fn mends(doc: &Doc, start: usize, end: usize) -> Vec<Mend> {
    // Most sentences need nothing: look before building the tree.
    let candidate = (start..end).any(|x| {
        let d = dep(doc, x);
        let nominal_head = (doc.tokens[x].head.is_none() || d == "ccomp" || d == "parataxis")
            && !is_verb_tag(tag(doc, x));
        let on_punct = doc.tokens[x]
            .head
            .is_some_and(|h| (h as usize) < end && dep(doc, h as usize) == "punct");
        nominal_head || on_punct || d.starts_with("advcl")
    });
    if !candidate {
        return Vec::new();
    }
    let ch = children(doc, start, end);
    let mut out = Vec::new();
    off_punctuation(doc, start, end, &mut out);
    fronted_reports(doc, &ch, start, end, &mut out);
    for r in start..end {
        let d = dep(doc, r);
        let head_position = doc.tokens[r].head.is_none() || d == "ccomp" || d == "parataxis";
        if !head_position || is_verb_tag(tag(doc, r)) {
            continue;
        }
        // "X is guilty", "X was a victim": a copula makes a nominal head.
        if ch[r - start]
            .iter()
            .any(|&k| matches!(dep(doc, k), "cop" | "aux" | "aux:pass"))
        {
            continue;
        }
        let found = adjective_verb(doc, &ch, start, r)
            .or_else(|| speech_relative(doc, &ch, start, r))
            .or_else(|| participle_before_head(doc, &ch, start, r))
            .or_else(|| modifier_verb(doc, &ch, start, r));
        out.extend(found.unwrap_or_default());
    }
    out
}

/// "Irish guerrillas wounded two British soldiers": a past participle
/// tagged as an adjective right after the nominal head `r`, on the head's
/// object, is the verb.
fn adjective_verb(doc: &Doc, ch: &[Vec<usize>], start: usize, r: usize) -> Option<Vec<Mend>> {
    let o = *ch[r - start]
        .iter()
        .find(|&&k| matches!(dep(doc, k), "obj" | "dobj"))?;
    let j = r + 1;
    let verb = j < o
        && doc.tokens[j].head == Some(o as u32)
        && dep(doc, j) == "amod"
        && matches!(tag(doc, j), "JJ" | "VBN" | "VBD")
        && doc.token_text(j).ends_with("ed");
    verb.then(|| {
        vec![
            Mend {
                tag: Some("VBD"),
                ..Mend::to(j, doc.tokens[r].head, dep(doc, r))
            },
            Mend::to(r, Some(j as u32), "nsubj"),
            Mend::to(o, Some(j as u32), "obj"),
        ]
    })
}

/// "Militants loyal to … frontman Abu Musab al-Zarqawi said they …": a
/// speech verb read as a relative clause without a relative word on the
/// root `r` is the sentence's verb.
fn speech_relative(doc: &Doc, ch: &[Vec<usize>], start: usize, r: usize) -> Option<Vec<Mend>> {
    if doc.tokens[r].head.is_some() {
        return None;
    }
    let v = *ch[r - start].iter().find(|&&v| {
        dep(doc, v) == "acl:relcl"
            && is_speech_lemma(&lemma_upper(doc, v))
            && !ch[v - start]
                .iter()
                .any(|&k| dep(doc, k) == "mark" || matches!(tag(doc, k), "WDT" | "WP" | "WP$"))
    })?;
    Some(vec![
        Mend::to(v, None, "root"),
        Mend::to(r, Some(v as u32), "dep"),
    ])
}

/// "The United Nations on Tuesday reduced food supplies to …" read as a
/// noun phrase with a subject: the bare participle before the head `r` is
/// the verb, the head its object.
fn participle_before_head(
    doc: &Doc,
    ch: &[Vec<usize>],
    start: usize,
    r: usize,
) -> Option<Vec<Mend>> {
    let kids = &ch[r - start];
    let s = *kids.iter().find(|&&k| dep(doc, k).starts_with("nsubj"))?;
    let v = *kids
        .iter()
        .find(|&&k| dep(doc, k) == "amod" && matches!(tag(doc, k), "VBD" | "VBN") && k < r)?;
    (s < v && ch[v - start].is_empty()).then(|| {
        vec![
            Mend::to(v, doc.tokens[r].head, dep(doc, r)),
            Mend::to(r, Some(v as u32), "obj"),
            Mend::to(s, Some(v as u32), "nsubj"),
        ]
    })
}

/// A verb after the nominal head `r` that hangs from it as a modifier
/// ("Kenzo Oshima, the UN relief coordinator, demanded parties …") takes
/// the head's place, the head becoming its subject. In a reported clause a
/// bare participle qualifies too ("Thousands of Iraqi Kurds demonstrated
/// …, witnesses said").
fn modifier_verb(doc: &Doc, ch: &[Vec<usize>], start: usize, r: usize) -> Option<Vec<Mend>> {
    let reported = dep(doc, r) == "ccomp";
    let v = *ch[r - start]
        .iter()
        .find(|&&v| v > r && stands_in(doc, ch, start, v, reported))?;
    let has_subject = ch[v - start]
        .iter()
        .any(|&k| dep(doc, k).starts_with("nsubj"));
    Some(vec![
        Mend::to(v, doc.tokens[r].head, dep(doc, r)),
        Mend::to(r, Some(v as u32), if has_subject { "dep" } else { "nsubj" }),
    ])
}

/// Whether verb `v`, a modifier of a nominal head, reads as that head's
/// predicate: a finite form, a modal verb, or a participle with an object
/// (a bare participle, "three soldiers killed in an attack", is a
/// headline's passive and stays a modifier); never a subordinate clause
/// ("to …", "that …") or a relative clause.
fn stands_in(doc: &Doc, ch: &[Vec<usize>], start: usize, v: usize, reported: bool) -> bool {
    if !matches!(dep(doc, v), "acl" | "amod" | "csubj" | "dep") {
        return false;
    }
    let kids = &ch[v - start];
    if kids.iter().any(|&k| dep(doc, k) == "mark") {
        return false;
    }
    match tag(doc, v) {
        "VBD" | "VBZ" | "VBP" => true,
        "VB" => kids
            .iter()
            .any(|&k| dep(doc, k) == "aux" && tag(doc, k) == "MD"),
        "VBN" if reported => true,
        // A particle marks the active phrasal verb too ("doctors handed
        // over 700 kg of medicine").
        "VBN" => kids.iter().any(|&k| {
            matches!(
                dep(doc, k),
                "obj" | "dobj" | "iobj" | "ccomp" | "xcomp" | "compound:prt"
            )
        }),
        _ => false,
    }
}

/// The mends of every sentence, applied to `doc` in place: what the
/// tokens held before (to give back with [`restore`]) and the indices of the
/// mended sentences. Mending in place spares a copy of the document.
pub fn apply(doc: &mut Doc) -> (Vec<(usize, Token)>, Vec<usize>) {
    let mut all = Vec::new();
    let mut sentences = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let (start, end) = (s.token_start as usize, s.token_end as usize);
        if start < end && end <= doc.tokens.len() {
            let m = mends(doc, start, end);
            if !m.is_empty() {
                sentences.push(si);
                all.extend(m);
            }
        }
    }
    let mut saved: Vec<(usize, Token)> = Vec::with_capacity(all.len());
    for m in all {
        if !saved.iter().any(|(i, _)| *i == m.token) {
            saved.push((m.token, doc.tokens[m.token].clone()));
        }
        let t = &mut doc.tokens[m.token];
        t.head = m.head;
        t.dep = Some(m.dep.into());
        if let Some(tag) = m.tag {
            t.tag = Some(tag.into());
            t.pos = Some("VERB".into());
        }
    }
    (saved, sentences)
}

/// Gives the parser's tokens back after [`apply`].
pub fn restore(doc: &mut Doc, saved: Vec<(usize, Token)>) {
    for (i, t) in saved {
        doc.tokens[i] = t;
    }
}
