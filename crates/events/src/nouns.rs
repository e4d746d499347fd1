//! Event nouns: a support verb with an object that names the event ("held
//! talks", "imposed a curfew", "called off the strike", "lifted the
//! sanctions") codes from the noun when the verb's dictionary entry gives
//! nothing. The table is `data/event-nouns.tsv`.

use crate::clause::{children, Clause};
use annalist_doc::Doc;
use std::collections::HashMap;
use std::sync::OnceLock;

static NOUNS_TSV: &str = include_str!("../data/event-nouns.tsv");

/// Verbs that carry the event of their object out.
const DO_VERBS: &[&str] = &[
    "HOLD",
    "LAUNCH",
    "MOUNT",
    "STAGE",
    "UNDERTAKE",
    "CONDUCT",
    "ORGANIZE",
    "ORGANISE",
    "BEGIN",
    "START",
    "CONTINUE",
    "EXTEND",
    "IMPOSE",
    "TIGHTEN",
    "CARRY",
    "DECLARE",
    "OPEN",
    "ISSUE",
    "GIVE",
    "ACCORD",
    "SIGN",
    "RATIFY",
    "REACH",
    "RENEW",
    "RESUME",
    "ENTER",
    "JOIN",
    "CALL",
    "INSTITUTE",
    "ENFORCE",
    "INTRODUCE",
    "INTENSIFY",
    "ESCALATE",
    "EXPAND",
    "STEP",
    "PURSUE",
    "UNLEASH",
    "WAGE",
    "PERFORM",
    "CONCLUDE",
    "INITIATE",
    "ESTABLISH",
    "ISSUE",
    "GIVE",
    "ACCORD",
    "MAKE",
    "DELIVER",
    "LODGE",
    "FILE",
    "VOICE",
    "ANNOUNCE",
    "REIMPOSE",
    "RESTORE",
    "UPGRADE",
    "NORMALIZE",
    "NORMALISE",
    "STRENGTHEN",
    "IMPROVE",
];
/// Verbs that end it.
const END_VERBS: &[&str] = &[
    "HALT",
    "STOP",
    "SUSPEND",
    "END",
    "CANCEL",
    "ABANDON",
    "TERMINATE",
    "CEASE",
    "FREEZE",
    "SEVER",
    "CUT",
    "DOWNGRADE",
    "BREAK",
    "REDUCE",
    "SHUN",
    "POSTPONE",
    "DELAY",
];
/// Verbs that ease it.
const EASE_VERBS: &[&str] = &[
    "LIFT", "EASE", "RELAX", "SHORTEN", "LOOSEN", "SCRAP", "REPEAL", "RESCIND", "REVOKE",
];

/// What the verb does to the event its object names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aspect {
    Do,
    End,
    Ease,
}

fn aspect(verb_lemma: &str, particle: Option<&str>) -> Option<Aspect> {
    // "call off", "break off": the particle turns the verb into an ending.
    if particle == Some("OFF") && matches!(verb_lemma, "CALL" | "BREAK") {
        return Some(Aspect::End);
    }
    if END_VERBS.contains(&verb_lemma) && verb_lemma != "BREAK" {
        return Some(Aspect::End);
    }
    if EASE_VERBS.contains(&verb_lemma) {
        return Some(Aspect::Ease);
    }
    if DO_VERBS.contains(&verb_lemma) && verb_lemma != "BREAK" {
        return Some(Aspect::Do);
    }
    None
}

/// Whether `verb_lemma` (upper case) can take its code from an event noun.
pub fn is_support_verb(verb_lemma: &str) -> bool {
    DO_VERBS.contains(&verb_lemma)
        || END_VERBS.contains(&verb_lemma)
        || EASE_VERBS.contains(&verb_lemma)
}

type Row = [Option<String>; 3];

fn table() -> &'static HashMap<String, Row> {
    static T: OnceLock<HashMap<String, Row>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in NOUNS_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let code = |s: &str| (s != "-").then(|| s.to_string());
            m.insert(f[0].to_string(), [code(f[1]), code(f[2]), code(f[3])]);
        }
        m
    })
}

fn lemma_lower(doc: &Doc, i: usize) -> String {
    doc.tokens[i]
        .lemma
        .as_deref()
        .unwrap_or_else(|| doc.token_text(i))
        .to_lowercase()
}

/// The noun modifier of `h` introduced by one of `preps` ("part *of* a
/// program", "an end *to* the strike").
fn nmod_with(
    doc: &Doc,
    ch: &[Vec<usize>],
    start: usize,
    h: usize,
    preps: &[&str],
) -> Option<usize> {
    ch[h - start].iter().copied().find(|&n| {
        doc.tokens[n]
            .dep
            .as_deref()
            .is_some_and(|d| d.starts_with("nmod"))
            && ch[n - start].iter().any(|&x| {
                doc.tokens[x].dep.as_deref() == Some("case")
                    && preps.contains(&lemma_lower(doc, x).as_str())
            })
    })
}

/// The table column a nominalised ending or easing names ("suspension"
/// ends, "lifting" eases).
fn ending_column(lemma: &str) -> Option<usize> {
    match lemma {
        "suspension" | "halt" | "cancellation" | "end" | "freeze" | "severance" | "severing"
        | "cut" | "cutoff" | "termination" => Some(1),
        "lifting" | "easing" | "relaxation" | "repeal" => Some(2),
        _ => None,
    }
}

/// Whether the clause's object is a nominalised ending or easing ("announced
/// a suspension of aid"): its event noun then says more than any pattern
/// word found inside it ("ANNOUNCE * AID").
pub fn has_nominal_ending(doc: &Doc, c: &Clause) -> bool {
    let heads: &[usize] = if c.passive { &c.subjects } else { &c.objects };
    heads
        .iter()
        .any(|&h| ending_column(&lemma_lower(doc, h)).is_some())
}

/// The code the clause of verb `c.verb` gets from its object's event noun,
/// with the noun phrase that gave it.
pub fn noun_code(doc: &Doc, start: usize, end: usize, c: &Clause) -> Option<(String, String)> {
    let ch = children(doc, start, end);
    let v = c.verb;
    let verb_lemma = doc.tokens[v]
        .lemma
        .as_deref()
        .unwrap_or_else(|| doc.token_text(v))
        .to_uppercase();
    let particle = ch[v - start]
        .iter()
        .find(|&&k| doc.tokens[k].dep.as_deref() == Some("compound:prt"))
        .map(|&k| doc.token_text(k).to_uppercase());
    let asp = aspect(&verb_lemma, particle.as_deref())?;
    let col = match asp {
        Aspect::Do => 0,
        Aspect::End => 1,
        Aspect::Ease => 2,
    };
    let heads: &[usize] = if c.passive { &c.subjects } else { &c.objects };
    let mut targets: Vec<(usize, usize)> = Vec::new();
    for &h in heads {
        // "suspended part of a military aid program": a share of the
        // event is the event.
        let h = match lemma_lower(doc, h).as_str() {
            "part" | "portion" | "half" | "some" | "most" | "much" | "all" | "rest" | "bulk" => {
                nmod_with(doc, &ch, start, h, &["of"]).unwrap_or(h)
            }
            _ => h,
        };
        // "announced a suspension of air links", "declared an end to the
        // strike": done to the nominalised ending, the event is ended.
        let nominal = ending_column(&lemma_lower(doc, h));
        let inner = nominal
            .filter(|_| asp == Aspect::Do)
            .and_then(|ncol| nmod_with(doc, &ch, start, h, &["of", "to"]).map(|n| (n, ncol)));
        targets.push(inner.unwrap_or((h, col)));
    }
    for (h, col) in targets {
        // Modifiers right before the head ("hunger strike", "martial law",
        // "joint military exercises"), longest phrase first.
        let mut mods: Vec<usize> = Vec::new();
        let mut k = h;
        while k > start && mods.len() < 2 {
            let p = k - 1;
            let d = doc.tokens[p].dep.as_deref().unwrap_or("");
            if doc.tokens[p].head == Some(h as u32) && matches!(d, "compound" | "amod") {
                mods.push(p);
                k = p;
            } else {
                break;
            }
        }
        mods.reverse();
        let mut head = lemma_lower(doc, h);
        // A plural the lemmatizer left alone ("supplies").
        if !table().contains_key(&head) {
            if let Some(stem) = head.strip_suffix("ies") {
                head = format!("{stem}y");
            } else if let Some(stem) = head.strip_suffix('s').filter(|s| !s.ends_with('s')) {
                head = stem.to_string();
            }
        }
        let mut phrases: Vec<String> = Vec::new();
        for first in 0..mods.len() {
            let mut words: Vec<String> =
                mods[first..].iter().map(|&m| lemma_lower(doc, m)).collect();
            words.push(head.clone());
            phrases.push(words.join(" "));
        }
        phrases.push(head.clone());
        // "state of emergency"
        if h + 2 < end {
            phrases.insert(
                0,
                format!(
                    "{head} {} {}",
                    lemma_lower(doc, h + 1),
                    lemma_lower(doc, h + 2)
                ),
            );
        }
        // "mediation mission": the modifier names the event.
        phrases.extend(mods.iter().map(|&m| lemma_lower(doc, m)));
        for p in phrases {
            if let Some(code) = table().get(&p).and_then(|r| r[col].clone()) {
                return Some((code, p));
            }
        }
    }
    None
}
