//! Pass 1, candidates: which sentences are coded at all (discard lists),
//! which tokens can trigger an event and which dictionary verbs they are,
//! whether a verb's place in the tree can carry an event of its own, and
//! attacks told as nouns ("came under fire from").

use super::actors::roles;
use super::arguments::actor_in;
use super::rules::Rule;
use super::{is_verb_like, lemma_of, Coded, Coder, Sentence};
use annalist_doc::Doc;

/// Subordinators that make an adverbial clause a reported event of its own
/// ("before flying to Turkey"); other adverbial clauses ("killing eight",
/// "by promoting biofuels") describe the main event and are not coded.
const EVENT_MARKS: &[&str] = &[
    "BEFORE", "AFTER", "WHEN", "WHILE", "AS", "SINCE", "UNTIL", "BECAUSE", "ONCE",
];

impl Coder {
    /// Whether the sentence `[start, end)` holds a phrase of the discard
    /// list.
    pub(super) fn discarded(&self, doc: &Doc, start: usize, end: usize) -> bool {
        if self.discards.is_empty() {
            return false;
        }
        let mut s = String::from(" ");
        for i in start..end {
            s.push_str(&doc.token_text(i).to_uppercase());
            s.push(' ');
        }
        self.discards.iter().any(|d| s.contains(d.as_str()))
    }

    /// The sentence's trigger tokens: verbs of the dictionary and, with the
    /// lexical rules on a parse, support verbs ("held", "imposed") whose
    /// object may name the event.
    pub(super) fn triggers(&self, s: &Sentence) -> Vec<usize> {
        let (doc, start, end) = (s.doc, s.start, s.end);
        (start..end)
            .filter(|&i| {
                is_verb_token(doc, i, start, s.parsed, s.actor_of)
                    && (!self.verbs_at(doc, i, end).is_empty()
                        || (s.parsed
                            && self.switches.lexical
                            && crate::nouns::is_support_verb(&lemma_of(doc, i))))
            })
            .collect()
    }

    /// The dictionary verbs at token `i`: (verb id, tokens the form spans),
    /// phrasal verbs ("call for") before their bare verb.
    pub(super) fn verbs_at(&self, doc: &Doc, i: usize, end: usize) -> Vec<(usize, usize)> {
        let form = doc.token_text(i).to_uppercase();
        let lemma = doc.tokens[i].lemma.as_deref().map(str::to_uppercase);
        let mut out: Vec<(usize, usize)> = Vec::new();
        let keys: Vec<&str> = std::iter::once(form.as_str())
            .chain(lemma.as_deref())
            .collect();
        for key in keys {
            for &(v, f) in self.verbs.lookup(key) {
                let words = &self.verbs.verbs[v as usize].forms[f as usize];
                let n = words.len();
                if i + n > end {
                    continue;
                }
                let ok = words
                    .iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, w)| doc.token_text(i + k).eq_ignore_ascii_case(w));
                if ok && !out.iter().any(|&(x, l)| x == v as usize && l >= n) {
                    out.retain(|&(x, _)| x != v as usize);
                    out.push((v as usize, n));
                }
            }
        }
        out.sort_by_key(|&(v, n)| (std::cmp::Reverse(n), v));
        out
    }
}

/// Whether token `i` is a verb by its tags (or, in untagged text, could
/// be one).
fn is_verb_token(
    doc: &Doc,
    i: usize,
    start: usize,
    parsed: bool,
    actor_of: &[Option<u32>],
) -> bool {
    let t = &doc.tokens[i];
    // "conflict-ravaged Libya": a participle inside a hyphenated
    // compound is an adjective.
    if i > start && doc.token_text(i - 1) == "-" {
        return false;
    }
    match t.pos.as_deref() {
        Some("VERB") => true,
        Some(_) => {
            t.tag.as_deref().is_some_and(|x| x.starts_with("VB")) && t.pos.as_deref() != Some("AUX")
        }
        None if parsed => false,
        None => {
            // Untagged text: a dictionary verb form that is not a name
            // and does not follow a determiner ("the attack").
            let text = doc.token_text(i);
            let cap = text.chars().next().is_some_and(char::is_uppercase);
            let prev = (i > start).then(|| doc.token_text(i - 1).to_uppercase());
            let after_det = matches!(
                prev.as_deref(),
                Some(
                    "THE"
                        | "A"
                        | "AN"
                        | "ITS"
                        | "HIS"
                        | "HER"
                        | "THEIR"
                        | "OUR"
                        | "THIS"
                        | "THAT"
                        | "ANY"
                        | "NO"
                        | "OF"
                        | "NEW"
                        | "FIRST"
                )
            );
            actor_of[i].is_none() && !after_det && (!cap || i == start)
        }
    }
}

/// Whether a verb's place in the tree can carry an event of its own: main
/// clauses, their conjuncts and complements, and temporal adverbial
/// clauses; not participles modifying nouns, relative clauses or manner
/// clauses.
pub(super) fn event_position(doc: &Doc, start: usize, end: usize, v: usize, depth: u8) -> bool {
    let ch = crate::clause::children(doc, start, end);
    let kind = |x: usize| {
        let d = doc.tokens[x].dep.as_deref().unwrap_or("root");
        let base = d.split(':').next().unwrap_or(d);
        match base {
            "root" | "conj" | "ccomp" | "xcomp" | "parataxis" => 2,
            // "when Israel killed …": the subordinator may be parsed as a
            // mark or, for "when", an adverb.
            "advcl"
                if ch[x - start].iter().any(|&c| {
                    let w = doc.token_text(c).to_uppercase();
                    match doc.tokens[c].dep.as_deref() {
                        Some("mark") => EVENT_MARKS.contains(&w.as_str()),
                        Some("advmod") => matches!(w.as_str(), "WHEN" | "WHILE" | "ONCE"),
                        _ => false,
                    }
                }) =>
            {
                2
            }
            // Purpose infinitives are not events of their own but do not
            // hide the clauses below them.
            "advcl" if crate::clause::has_to_mark(doc, &ch, start, x) => 1,
            _ => 0,
        }
    };
    let mut x = v;
    if let Some(s) = crate::clause::statement_participle(doc, &ch, start, v) {
        // Judged from the verb that issued the statement.
        x = s;
    } else if kind(v) < 2 {
        return false;
    }
    if kind(x) < 2 {
        return false;
    }
    let mut steps = depth;
    while let Some(h) = doc.tokens[x]
        .head
        .map(|h| h as usize)
        .filter(|&h| h >= start && h < end)
    {
        if steps > 16 {
            break;
        }
        if is_verb_like(doc, h) && kind(x) == 0 {
            return false;
        }
        if is_verb_like(doc, h) && kind(h) == 0 {
            return false;
        }
        x = h;
        steps += 1;
    }
    true
}

/// "The government, which has been under attack by Haftar", "the convoy
/// came under fire from Russian forces": an attack told as a noun after
/// "under", its attacker after "by"/"from" (a few words on, wherever the
/// parser attached it), its target the noun's subject (the antecedent of a
/// relative pronoun) or the subject of the verb it hangs from.
pub(super) fn under_attack(s: &Sentence) -> Vec<Coded> {
    let (doc, start, end, actor_of) = (s.doc, s.start, s.end, s.actor_of);
    let ch = s.children();
    let mut out = Vec::new();
    for i in start..end {
        let lemma = doc.tokens[i].lemma.as_deref().unwrap_or("").to_lowercase();
        let code = match lemma.as_str() {
            "attack" | "fire" | "assault" | "bombardment" => "190",
            "shelling" => "194",
            "siege" => "191",
            _ => continue,
        };
        let under = ch[i - start].iter().any(|&c| {
            doc.tokens[c].dep.as_deref() == Some("case")
                && doc.token_text(c).eq_ignore_ascii_case("under")
        });
        if !under {
            continue;
        }
        let by = (i + 1..end.min(i + 10)).find(|&j| {
            let w = doc.token_text(j);
            w.eq_ignore_ascii_case("by") || w.eq_ignore_ascii_case("from")
        });
        let Some(source) = by.and_then(|j| (j + 1..end.min(j + 9)).find_map(|k| actor_of[k]))
        else {
            continue;
        };
        let subject = ch[i - start].iter().copied().find(|&c| {
            doc.tokens[c]
                .dep
                .as_deref()
                .is_some_and(|d| d.starts_with("nsubj"))
        });
        let head = doc.tokens[i]
            .head
            .map(|h| h as usize)
            .filter(|&h| s.contains(h));
        let dep = doc.tokens[i].dep.as_deref().unwrap_or("");
        let relative = subject
            .is_some_and(|s| matches!(doc.tokens[s].tag.as_deref(), Some("WDT" | "WP" | "IN")));
        let target_tok = match (subject, head) {
            (Some(_), Some(h)) if relative && dep.starts_with("acl") => Some(h),
            (Some(x), _) if !relative => Some(x),
            (None, Some(h)) if dep.starts_with("obl") => s.clause(h).subjects.first().copied(),
            _ => None,
        };
        let Some(target) = target_tok.and_then(|t| actor_in(doc, start, end, t, actor_of)) else {
            continue;
        };
        // "Under attack from critics" is criticism: only a named armed
        // group or a country's military or rebels make it force.
        let sc = &doc.actors[source as usize].code;
        let armed = !sc.starts_with("---")
            && (sc.starts_with("IMG")
                || (roles(sc).next().is_some()
                    && roles(sc).all(|c| matches!(c, "MIL" | "REB" | "UAF"))));
        if target == source || !armed {
            continue;
        }
        out.push(Coded {
            verb: i,
            verb_end: i + 1,
            code: code.to_string(),
            sources: vec![source],
            targets: vec![target],
            rules: vec![Rule::UnderAttack {
                noun: lemma,
                code: code.to_string(),
            }],
            negated: false,
            parsed: true,
            pattern: true,
            dropped: false,
            claimant: None,
        });
    }
    out
}
