//! Who did what to whom in one clause, read off Universal Dependencies
//! heads and relations (both UD v1 `dobj`/`nmod` and v2 `obj`/`obl` labels,
//! since PETRARCH's validation parses use v1).
//!
//! The parser crate will offer the same answers; this small reader keeps
//! the coder usable on any parsed input, including the gold parses shipped
//! with the validation suites.

use annalist_doc::Doc;

/// A verb's clause.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clause {
    /// The verb token.
    pub verb: usize,
    /// Subject head tokens (conjuncts expanded); inherited from the
    /// governing verb for infinitives, participles and conjoined verbs.
    pub subjects: Vec<usize>,
    /// Direct and indirect object heads (conjuncts expanded).
    pub objects: Vec<usize>,
    /// Oblique heads with their preposition (upper case), in order.
    pub obliques: Vec<(usize, String)>,
    /// The `by` agent of a passive verb.
    pub agents: Vec<usize>,
    /// Passive voice.
    pub passive: bool,
    /// Negated ("did not attack", "never").
    pub negated: bool,
    /// Modal or future auxiliary (`WILL`, `WOULD`, `MAY`, …).
    pub modal: Option<String>,
    /// Complement clauses (reported speech content, `xcomp`).
    pub complements: Vec<usize>,
}

/// Dependents of each token of sentence `[start, end)` (absolute indices).
pub fn children(doc: &Doc, start: usize, end: usize) -> Vec<Vec<usize>> {
    let mut ch = vec![Vec::new(); end - start];
    for i in start..end {
        if let Some(h) = doc.tokens[i].head {
            let h = h as usize;
            if h >= start && h < end && h != i {
                ch[h - start].push(i);
            }
        }
    }
    ch
}

/// The relation of token `i` without its subtype (`nsubj:pass` → `nsubj`
/// is kept whole; callers test both).
pub fn dep(doc: &Doc, i: usize) -> &str {
    doc.tokens[i].dep.as_deref().unwrap_or("")
}

fn upper(doc: &Doc, i: usize) -> String {
    doc.token_text(i).to_uppercase()
}

pub(crate) fn lemma_upper(doc: &Doc, i: usize) -> String {
    doc.tokens[i]
        .lemma
        .as_deref()
        .map(str::to_uppercase)
        .unwrap_or_else(|| upper(doc, i))
}

/// True when the sentence carries a dependency parse.
pub fn has_parse(doc: &Doc, start: usize, end: usize) -> bool {
    (start..end).any(|i| doc.tokens[i].dep.is_some())
}

fn with_conjuncts(doc: &Doc, ch: &[Vec<usize>], start: usize, heads: Vec<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for h in heads {
        out.push(h);
        let mut stack = vec![h];
        while let Some(x) = stack.pop() {
            for &c in &ch[x - start] {
                if dep(doc, c) == "conj" && !is_verbal(doc, c) {
                    out.push(c);
                    stack.push(c);
                }
            }
        }
    }
    out
}

fn is_verbal(doc: &Doc, i: usize) -> bool {
    matches!(doc.tokens[i].pos.as_deref(), Some("VERB"))
}

/// Reads the clause of `verb` in sentence `[start, end)`.
pub fn clause(doc: &Doc, start: usize, end: usize, verb: usize) -> Clause {
    let ch = children(doc, start, end);
    clause_with(doc, &ch, start, verb, 0)
}

fn clause_with(doc: &Doc, ch: &[Vec<usize>], start: usize, verb: usize, depth: u8) -> Clause {
    let mut c = Clause {
        verb,
        ..Default::default()
    };
    let mut subj = Vec::new();
    let mut objs = Vec::new();
    for &k in &ch[verb - start] {
        let d = dep(doc, k);
        match d {
            "nsubj" | "csubj" => subj.push(k),
            "nsubj:pass" | "nsubjpass" | "csubj:pass" => {
                subj.push(k);
                c.passive = true;
            }
            // "it is willing to …" is sometimes parsed with `it` as an
            // expletive; a clause has no other subject then.
            "expl" if upper(doc, k) == "IT" => subj.push(k),
            "aux:pass" | "auxpass" => c.passive = true,
            "obj" | "dobj" | "iobj" => objs.push(k),
            "neg" => c.negated = true,
            "advmod" => {
                let w = upper(doc, k);
                if matches!(w.as_str(), "NOT" | "N'T" | "NEVER") {
                    c.negated = true;
                }
            }
            "aux" => {
                let w = lemma_upper(doc, k);
                let f = upper(doc, k);
                if matches!(f.as_str(), "NOT" | "N'T") {
                    c.negated = true;
                } else if matches!(
                    w.as_str(),
                    "WILL"
                        | "WOULD"
                        | "SHALL"
                        | "MAY"
                        | "MIGHT"
                        | "COULD"
                        | "CAN"
                        | "SHOULD"
                        | "MUST"
                        | "'LL"
                ) {
                    c.modal = Some(w);
                }
            }
            "ccomp" | "xcomp" => c.complements.push(k),
            _ => {
                let is_obl = d == "obl"
                    || d.starts_with("obl:") && d != "obl:tmod"
                    || d == "nmod"
                    || d == "nmod:agent";
                if is_obl {
                    let prep = ch[k - start]
                        .iter()
                        .find(|&&x| dep(doc, x) == "case")
                        .map(|&x| upper(doc, x))
                        .unwrap_or_default();
                    if c.passive_agent_prep(&prep) || d == "obl:agent" || d == "nmod:agent" {
                        c.agents.push(k);
                    }
                    c.obliques.push((k, prep));
                }
            }
        }
    }
    // "Omar El Bashir shortened by one hour the nightly curfew": a
    // passive subject label on a verb with no passive auxiliary and a
    // direct object is a parser slip for an active subject.
    if c.passive
        && !objs.is_empty()
        && !ch[verb - start]
            .iter()
            .any(|&k| matches!(dep(doc, k), "aux:pass" | "auxpass" | "aux"))
    {
        c.passive = false;
    }
    // Passive agents are only agents when the verb is passive.
    if !c.passive {
        c.agents.clear();
    } else {
        c.obliques.retain(|(k, _)| !c.agents.contains(k));
    }
    c.subjects = with_conjuncts(doc, ch, start, subj);
    c.objects = with_conjuncts(doc, ch, start, objs);
    if c.subjects.is_empty() && depth < 6 {
        if let Some(s) = statement_participle(doc, ch, start, verb) {
            c.subjects = clause_with(doc, ch, start, s, depth + 1).subjects;
            return c;
        }
        // Infinitives, participles and conjoined verbs share the subject
        // of the verb they hang from ("X called for … before flying to
        // Turkey"); object control for xcomp ("urged the US to …").
        if let Some(h) = doc.tokens[verb].head.map(|h| h as usize) {
            if h >= start && h < start + ch.len() && h != verb {
                let d = dep(doc, verb);
                let inherit = matches!(d, "xcomp" | "advcl" | "conj")
                    || d.starts_with("advcl")
                    || d.starts_with("conj");
                if inherit {
                    let hc = clause_with(doc, ch, start, h, depth + 1);
                    if d == "xcomp" && !hc.objects.is_empty() {
                        c.subjects = hc.objects;
                    } else {
                        c.subjects = hc.subjects;
                    }
                    if c.modal.is_none() && d.starts_with("conj") {
                        c.modal = hc.modal;
                    }
                    if d.starts_with("conj") && hc.negated {
                        c.negated = true;
                    }
                }
            }
        }
    }
    c
}

/// Nouns for what an actor issues or releases ("a statement", "a
/// declaration") whose participle carries the message.
const STATEMENT_NOUNS: &[&str] = &[
    "STATEMENT",
    "DECLARATION",
    "COMMUNIQUE",
    "COMMUNIQUÉ",
    "RESOLUTION",
    "LETTER",
    "MESSAGE",
    "APPEAL",
    "ULTIMATUM",
];

/// "issued a declaration demanding that …", "released a statement
/// condemning …": the participle is what the issuer says, and the verb
/// that issued it is returned (its subject is the participle's).
pub fn statement_participle(doc: &Doc, ch: &[Vec<usize>], start: usize, v: usize) -> Option<usize> {
    if dep(doc, v) != "acl" || doc.tokens[v].tag.as_deref() != Some("VBG") {
        return None;
    }
    let n = doc.tokens[v].head? as usize;
    if n < start
        || n >= start + ch.len()
        || !STATEMENT_NOUNS.contains(&lemma_upper(doc, n).as_str())
    {
        return None;
    }
    if !matches!(dep(doc, n), "obj" | "dobj") {
        return None;
    }
    let s = doc.tokens[n].head? as usize;
    (s >= start && s < start + ch.len() && s != v).then_some(s)
}

impl Clause {
    fn passive_agent_prep(&self, prep: &str) -> bool {
        prep == "BY"
    }
}

/// How many head steps lead from token `i` up to `ancestor` (0 when they
/// are the same token), or `None` when `ancestor` is not reached within
/// `max` steps.
pub fn steps_to(doc: &Doc, i: usize, ancestor: usize, max: usize) -> Option<usize> {
    let mut x = i;
    for steps in 0..=max {
        if x == ancestor {
            return Some(steps);
        }
        match doc.tokens[x].head {
            Some(h) if h as usize != x => x = h as usize,
            _ => return None,
        }
    }
    None
}

/// Tokens of the subtree of `root` in the sentence, in order.
pub fn subtree(doc: &Doc, start: usize, end: usize, root: usize) -> Vec<usize> {
    let ch = children(doc, start, end);
    let mut out = vec![root];
    let mut stack = vec![root];
    while let Some(x) = stack.pop() {
        for &c in &ch[x - start] {
            if !out.contains(&c) {
                out.push(c);
                stack.push(c);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The object side of a verb: tokens after it in its own subtree, leaving
/// out other clauses (reported content, adverbial clauses, conjoined verbs)
/// and its subject.
pub fn object_side(doc: &Doc, start: usize, end: usize, verb: usize) -> Vec<usize> {
    let ch = children(doc, start, end);
    let mut out = Vec::new();
    let mut stack: Vec<usize> = ch[verb - start].clone();
    while let Some(x) = stack.pop() {
        let d = dep(doc, x);
        let is_top = doc.tokens[x].head == Some(verb as u32);
        if is_top
            && (d.starts_with("nsubj")
                || d.starts_with("csubj")
                || d.starts_with("ccomp")
                || d.starts_with("parataxis")
                || (d.starts_with("advcl") && !has_to_mark(doc, &ch, start, x))
                || d == "punct"
                || d == "mark"
                || d == "cc"
                || d.starts_with("aux")
                || (d.starts_with("conj") && is_verbal(doc, x)))
        {
            continue;
        }
        if !is_top && (d.starts_with("acl:relcl") || d == "parataxis" || d == "ccomp") {
            continue;
        }
        if x > verb {
            out.push(x);
        }
        stack.extend(ch[x - start].iter().copied());
    }
    out.sort_unstable();
    out
}

/// True for a purpose infinitive ("sending troops to reinforce X"): its
/// object belongs to the governing verb's event.
pub fn has_to_mark(doc: &Doc, ch: &[Vec<usize>], start: usize, v: usize) -> bool {
    ch[v - start]
        .iter()
        .any(|&c| dep(doc, c) == "mark" && doc.token_text(c).eq_ignore_ascii_case("to"))
}
