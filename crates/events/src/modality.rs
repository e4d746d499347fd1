//! Modality of a coded event: how the text reports it (docs/annotation.md,
//! "Modality"). Read from the event's code and rules and from the trigger's
//! place in the tree, as a CAMEO coder would: CAMEO's intent and threat
//! codes are intended acts; a verb under a condition ("if"), a question or
//! a possibility modal ("could", "might", "may") is hypothetical; a verb
//! governed by "try" or "attempt" is attempted. Negated verbs are handled
//! by the coder itself (a refusal is coded as REJECT and asserted; other
//! negated acts are not coded).

use crate::clause::{children, dep};
use annalist_doc::{Doc, Modality};

/// Possibility modals: the act may happen, the text does not say it will.
const POSSIBILITY: &[&str] = &["could", "might", "may"];
/// Subordinators of conditions and indirect questions.
const CONDITIONS: &[&str] = &["if", "unless", "whether"];
/// Verbs whose infinitive complement is only attempted.
const ATTEMPTS: &[&str] = &["try", "attempt"];

/// The modality of an event coded `code` on the verb `v` of the sentence
/// `[start, end)`, with the coder's `rules`.
pub fn modality(
    doc: &Doc,
    start: usize,
    end: usize,
    v: usize,
    code: &str,
    rules: &[String],
) -> Modality {
    if code.starts_with("03")
        || code.starts_with("13")
        || rules.iter().any(|r| {
            r.starts_with("modal:") || r.starts_with("intent:") || r.starts_with("commitment:")
        })
    {
        return Modality::Intended;
    }
    if v < start || v >= end || end > doc.tokens.len() {
        return Modality::Asserted;
    }
    let ch = children(doc, start, end);
    let lower = |i: usize| doc.token_text(i).to_lowercase();
    // The verb and the verbs it is a complement or conjunct of, up to the
    // clause that carries the sentence: a condition or modal on any of them
    // governs the event ("if Iran decides to attack").
    let mut chain = vec![v];
    let mut x = v;
    for _ in 0..4 {
        let d = dep(doc, x);
        if !(d.starts_with("xcomp") || d.starts_with("conj")) {
            break;
        }
        match doc.tokens[x].head {
            Some(h) if (h as usize) >= start && (h as usize) < end => {
                x = h as usize;
                chain.push(x);
            }
            _ => break,
        }
    }
    for &c in &chain {
        for &k in &ch[c - start] {
            let d = dep(doc, k);
            if d == "mark" && CONDITIONS.contains(&lower(k).as_str()) {
                return Modality::Hypothetical;
            }
            if d.starts_with("aux") && POSSIBILITY.contains(&lower(k).as_str()) {
                return Modality::Hypothetical;
            }
        }
    }
    // "tried to arrest": the attempt verb governs the event verb.
    if dep(doc, v).starts_with("xcomp") {
        if let Some(h) = doc.tokens[v].head {
            let lemma = doc.tokens[h as usize]
                .lemma
                .as_deref()
                .map(str::to_lowercase)
                .unwrap_or_default();
            if ATTEMPTS.contains(&lemma.as_str()) {
                return Modality::Attempted;
            }
        }
    }
    // A direct question: the sentence ends in a question mark and the verb
    // is its main clause.
    if dep(doc, v) == "root" && doc.token_text(end - 1) == "?" {
        return Modality::Hypothetical;
    }
    Modality::Asserted
}
