//! Pass 3, arguments: the source and target actors of a coded verb. With
//! a parse they come from the clause (subjects, objects, obliques, a
//! complement's actor, the speaker for a reported pronoun, the `by` agent
//! of a passive); without one, from the word order (the nearest actor
//! before the verb, the first after it).

use super::actors::is_null_actor;
use super::rules::Rule;
use super::{is_verb_like, lemma_of, Sentence};
use crate::clause::{object_side, subtree, Clause};
use annalist_doc::words::is_speech_lemma;
use annalist_doc::Doc;

/// The tokens before and after the verb at `v` that its patterns and
/// roles read: the subjects' subtrees and the object side of its clause,
/// or, without a parse, the words up to the neighbouring `triggers`.
pub(super) fn sides(
    s: &Sentence,
    cl: Option<&Clause>,
    v: usize,
    triggers: &[usize],
) -> (Vec<usize>, Vec<usize>) {
    let (doc, start, end) = (s.doc, s.start, s.end);
    match cl {
        Some(c) => {
            let mut pre: Vec<usize> = c
                .subjects
                .iter()
                .flat_map(|&x| subtree(doc, start, end, x))
                .collect();
            pre.sort_unstable();
            pre.dedup();
            (pre, object_side(doc, start, end, v))
        }
        None => linear_sides(v, start, end, triggers),
    }
}

/// Without a parse: the words since the previous trigger, and up to the
/// next one (at most 15 words on).
fn linear_sides(v: usize, start: usize, end: usize, verbs: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let prev = verbs
        .iter()
        .rev()
        .find(|&&x| x < v)
        .copied()
        .map_or(start, |x| x + 1);
    let next = verbs
        .iter()
        .find(|&&x| x > v)
        .copied()
        .unwrap_or(end)
        .min(v + 16)
        .min(end);
    ((prev..v).collect(), (v + 1..next).collect())
}

/// Sources and targets of a parsed clause `c`; `post_idx` is the verb's
/// object side. Adds to `rules` how they were found.
pub(super) fn roles_parsed(
    s: &Sentence,
    c: &Clause,
    post_idx: &[usize],
    rules: &mut Vec<Rule>,
) -> (Vec<u32>, Vec<u32>) {
    let (doc, start, end, actor_of) = (s.doc, s.start, s.end, s.actor_of);
    let ch = s.children();
    let pick = |heads: &[usize]| -> Vec<u32> {
        let mut out = Vec::new();
        for &h in heads {
            // "US and British activists": coordinated modifiers of the
            // head are one actor each.
            let modifiers: Vec<u32> = ch[h - start]
                .iter()
                .filter(|&&m| {
                    matches!(doc.tokens[m].dep.as_deref(), Some("compound" | "amod"))
                        && ch[m - start]
                            .iter()
                            .any(|&x| doc.tokens[x].dep.as_deref() == Some("conj"))
                })
                .flat_map(|&m| conj_family(doc, start, end, m))
                .filter_map(|x| actor_in(doc, start, end, x, actor_of))
                .fold(Vec::new(), |mut v, a| {
                    if !v.contains(&a) {
                        v.push(a);
                    }
                    v
                });
            if modifiers.len() >= 2 {
                for a in modifiers {
                    if !out.contains(&a) {
                        out.push(a);
                    }
                }
                continue;
            }
            for x in conj_family(doc, start, end, h) {
                if let Some(a) = actor_in(doc, start, end, x, actor_of) {
                    if !out.contains(&a) {
                        out.push(a);
                    }
                }
            }
        }
        out
    };
    let mut subj = pick(&c.subjects);
    if subj.is_empty() {
        subj = speaker_of_pronoun(s, c);
        if !subj.is_empty() {
            rules.push(Rule::SourceSpeaker);
        }
    }
    let mut objs = pick(&c.objects);
    // An actor is not its own target ("X promised aid to X's ally"
    // keeps looking past X).
    objs.retain(|a| !subj.contains(a));
    if objs.iter().all(|&a| is_null_actor(doc, a)) {
        const PREPS: &[&str] = &[
            "TO", "WITH", "AGAINST", "ON", "AT", "TOWARD", "TOWARDS", "INTO", "FOR", "OVER",
            "FROM", "IN", "OF", "ABOUT", "UPON", "BETWEEN",
        ];
        let mut obl: Vec<&(usize, String)> = c.obliques.iter().collect();
        obl.sort_by_key(|(_, p)| PREPS.iter().position(|x| x == p).unwrap_or(PREPS.len()));
        for (h, _) in obl {
            let o = pick(&[*h]);
            if !o.is_empty() && !o.iter().all(|&a| is_null_actor(doc, a)) {
                objs = o;
                break;
            }
        }
    }
    if objs.iter().all(|&a| is_null_actor(doc, a)) {
        if let Some(&i) = post_idx
            .iter()
            .find(|&&i| actor_of[i].is_some_and(|a| !is_null_actor(doc, a) && !subj.contains(&a)))
        {
            objs = pick(&[i]);
        }
    }
    if objs.is_empty() {
        // "Gollum allowed that Mordor …": with nothing on the object
        // side, the complement clause's first actor is the target.
        for &k in &c.complements {
            let sub = subtree(doc, start, end, k);
            // Only an actor that the clause is about (its subject,
            // object or their modifiers), not one deep inside it
            // ("says it has evidence proving Russia was …").
            let near = |i: usize| crate::clause::steps_to(doc, i, k, 3).is_some();
            if let Some(&i) = sub.iter().find(|&&i| {
                near(i) && actor_of[i].is_some_and(|a| !is_null_actor(doc, a) && !subj.contains(&a))
            }) {
                objs = pick(&[i]);
                rules.push(Rule::TargetComplement);
                break;
            }
        }
    }
    if c.passive {
        rules.push(Rule::Passive);
        let agents = pick(&c.agents);
        return (agents, subj);
    }
    (subj, objs)
}

/// "Hungary said it will support …": a pronoun subject of a reported
/// clause is the speaker, when the speech verb's subject is an actor.
/// Other unresolved subjects ("officials said the army …") are not.
fn speaker_of_pronoun(s: &Sentence, c: &Clause) -> Vec<u32> {
    let (doc, start, end, actor_of) = (s.doc, s.start, s.end, s.actor_of);
    let Some(&subject) = c.subjects.first() else {
        return Vec::new();
    };
    if !matches!(
        doc.token_text(subject).to_uppercase().as_str(),
        "IT" | "THEY" | "HE" | "SHE" | "WE"
    ) || actor_of[subject].is_some()
    {
        return Vec::new();
    }
    // The pronoun's own clause: the verb it is the subject of.
    let Some(mut v) = doc.tokens[subject].head.map(|h| h as usize) else {
        return Vec::new();
    };
    for _ in 0..4 {
        let Some(h) = doc.tokens[v].head.map(|h| h as usize) else {
            break;
        };
        if !s.contains(h) {
            break;
        }
        let d = doc.tokens[v].dep.as_deref().unwrap_or("");
        if d == "ccomp" && is_speech_lemma(&lemma_of(doc, h)) {
            // "Obama and Putin said they …": every speaker.
            let hc = s.clause(h);
            let mut out = Vec::new();
            for &x in &hc.subjects {
                for y in conj_family(doc, start, end, x) {
                    if let Some(a) = actor_in(doc, start, end, y, actor_of) {
                        if !out.contains(&a) {
                            out.push(a);
                        }
                    }
                }
            }
            return out;
        }
        if !matches!(d, "xcomp" | "conj") {
            break;
        }
        v = h;
    }
    Vec::new()
}

/// Sources and targets without a parse: the nearest actor before the verb
/// and the first after it (not an unnamed one); a passive ("was attacked
/// by") swaps them.
pub(super) fn roles_linear(
    s: &Sentence,
    v: usize,
    post_idx: &[usize],
    rules: &mut Vec<Rule>,
) -> (Vec<u32>, Vec<u32>) {
    let (doc, start, actor_of) = (s.doc, s.start, s.actor_of);
    rules.push(Rule::Linear);
    let before = (start..v).rev().find_map(|i| actor_of[i]);
    let after = post_idx
        .iter()
        .filter_map(|&i| actor_of[i])
        .find(|&a| !is_null_actor(doc, a));
    let passive = v > start
        && matches!(
            doc.token_text(v - 1).to_uppercase().as_str(),
            "WAS" | "WERE" | "BEEN" | "BE" | "IS" | "ARE" | "BEING"
        )
        && doc.token_text(v).to_uppercase().ends_with("ED");
    if passive {
        rules.push(Rule::Passive);
        let by = post_idx
            .windows(2)
            .find(|w| doc.token_text(w[0]).eq_ignore_ascii_case("by") && actor_of[w[1]].is_some())
            .and_then(|w| actor_of[w[1]]);
        return (by.into_iter().collect(), before.into_iter().collect());
    }
    (before.into_iter().collect(), after.into_iter().collect())
}

/// "Hailstorms and strong winds in south China killed two people": force
/// comes from the subject itself or its own modifiers ("Israeli
/// helicopters", "Haftar's forces"), not from a place the subject is in.
/// Keeps the `sources` the clause of `verb` names so (all of them when it
/// has no subject).
pub(super) fn keep_own_sources(s: &Sentence, verb: usize, sources: &mut Vec<u32>) {
    let cl = s.clause(verb);
    let own = if cl.passive { &cl.agents } else { &cl.subjects };
    if !own.is_empty() {
        let ch = s.children();
        sources.retain(|&a| {
            own.iter()
                .any(|&h| actor_near_head(s.doc, &ch, s.start, s.end, h, a))
        });
    }
}

/// Whether actor `a` is named by token `h` or by one of its own
/// modifiers (adjective, compound, possessive, apposition, flat name, an
/// "of" phrase), not by a place phrase ("in south China"); conjuncts are
/// heads of their own (the clause's subjects list them).
fn actor_near_head(
    doc: &Doc,
    ch: &[Vec<usize>],
    start: usize,
    end: usize,
    h: usize,
    a: u32,
) -> bool {
    let span = &doc.actors[a as usize].span;
    let inside = |x: usize| (span.token_start as usize) <= x && x < span.token_end as usize;
    if inside(h) {
        return true;
    }
    ch[h - start].iter().any(|&k| {
        let d = doc.tokens[k].dep.as_deref().unwrap_or("");
        let of = ch[k - start].iter().any(|&x| {
            doc.tokens[x].dep.as_deref() == Some("case")
                && doc.token_text(x).eq_ignore_ascii_case("of")
        });
        let near = matches!(
            d.split(':').next().unwrap_or(d),
            "amod" | "compound" | "appos" | "flat" | "name"
        ) || d == "nmod:poss"
            || (d.starts_with("nmod") && of);
        near && subtree(doc, start, end, k).into_iter().any(inside)
    })
}

/// Whether token `x` heads an actor mention itself ("the Philippines must
/// …"), not a phrase with an actor inside it ("Malaysia's recovery should
/// …", a forecast).
pub(super) fn names_actor(doc: &Doc, x: usize) -> bool {
    doc.actors
        .iter()
        .any(|a| (a.span.token_start as usize) <= x && x < a.span.token_end as usize)
}

/// A token with its conjuncts ("Mordor, Rohan, Arnor and Bree").
fn conj_family(doc: &Doc, start: usize, end: usize, tok: usize) -> Vec<usize> {
    let mut first = tok;
    let mut steps = 0;
    while doc.tokens[first].dep.as_deref() == Some("conj") && steps < 16 {
        match doc.tokens[first].head.map(|h| h as usize) {
            Some(h) if h >= start && h < end => first = h,
            _ => break,
        }
        steps += 1;
    }
    if first != tok && is_verb_like(doc, first) {
        return vec![tok];
    }
    let ch = crate::clause::children(doc, start, end);
    let mut out = vec![first];
    let mut stack = vec![first];
    while let Some(x) = stack.pop() {
        for &c in &ch[x - start] {
            if doc.tokens[c].dep.as_deref() == Some("conj")
                && !is_verb_like(doc, c)
                && !out.contains(&c)
            {
                out.push(c);
                stack.push(c);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The actor covering `head`, else the one nearest to it in its subtree.
pub(super) fn actor_in(
    doc: &Doc,
    start: usize,
    end: usize,
    head: usize,
    actor_of: &[Option<u32>],
) -> Option<u32> {
    if let Some(a) = actor_of[head] {
        return Some(a);
    }
    let sub = subtree(doc, start, end, head);
    // Depth of each subtree token below `head`.
    let depth = |i: usize| crate::clause::steps_to(doc, i, head, 64).unwrap_or(64);
    sub.iter()
        .filter(|&&i| actor_of[i].is_some())
        .min_by_key(|&&i| (depth(i), i))
        .and_then(|&i| actor_of[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_sides_stop_at_neighbouring_triggers() {
        // Triggers at 3 and 9 of a sentence [0, 30): the verb at 3 reads
        // 0..3 before it and 4..9 after it.
        let (pre, post) = linear_sides(3, 0, 30, &[3, 9]);
        assert_eq!(pre, vec![0, 1, 2]);
        assert_eq!(post, (4..9).collect::<Vec<_>>());
        // The last verb reads from the previous one, at most 15 words on.
        let (pre, post) = linear_sides(9, 0, 30, &[3, 9]);
        assert_eq!(pre, (4..9).collect::<Vec<_>>());
        assert_eq!(post, (10..25).collect::<Vec<_>>());
    }
}
