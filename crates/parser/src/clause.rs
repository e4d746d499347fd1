//! Clause-level view of a parse: "who did what to whom" for every clause of
//! a sentence. The event coder, quote attributor and place linker all read
//! parses through this module, so the UD conventions (passive subjects,
//! `obl:agent`, copulas, `parataxis` for "…, he said") are handled once.
//!
//! A clause is headed by its predicate: a verb, or, in copular clauses
//! ("X is president"), the nominal or adjective predicate with the copula in
//! [`Clause::copula`].

use crate::tree::{rel_is, Tree};
use annalist_doc::{Doc, Span};

/// An argument: its head token and the token range of its whole subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arg {
    /// Head token (absolute index into `Doc::tokens`).
    pub head: usize,
    /// First token of the subtree.
    pub start: usize,
    /// One past the last token of the subtree.
    pub end: usize,
}

impl Arg {
    fn of(tree: &Tree, head: usize) -> Self {
        let (start, end) = tree.subtree(head);
        Arg { head, start, end }
    }

    /// The argument as a document span (text and offsets).
    pub fn span(&self, doc: &Doc) -> Span {
        doc.span(self.start, self.end)
    }
}

/// An oblique argument or adjunct (`obl`, `obl:tmod`, `obl:agent`…) with the
/// preposition that introduces it, if any: "in Tripoli", "on Tuesday".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Oblique {
    /// The `case` dependent ("in", "to", "by"), when present.
    pub prep: Option<usize>,
    /// Full relation (`obl`, `obl:tmod`, `obl:npmod`, `obl:agent`…).
    pub rel: String,
    /// The nominal itself.
    pub arg: Arg,
}

/// One clause: a predicate and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Predicate head token (the verb, or the predicate of a copular clause).
    pub verb: usize,
    /// Relation by which the clause attaches (`root`, `ccomp`, `xcomp`,
    /// `advcl`, `conj`, `acl:relcl`, `parataxis`…).
    pub rel: String,
    /// Head of the clause this one depends on, if any.
    pub parent: Option<usize>,
    /// Tokens of the verb group in text order: auxiliaries, negation,
    /// copula, the predicate and its particle ("has not been sent", "called
    /// for" is the verb plus its oblique's preposition, not included here).
    pub verb_group: Vec<usize>,
    /// Grammatical subject (`nsubj`, `nsubj:pass`, `csubj`, `expl` when
    /// nothing else), or the one inherited from a coordinated or controlling
    /// clause (see [`Clause::subject_inherited`]).
    pub subject: Option<Arg>,
    /// True when [`Clause::subject`] was not found in the clause itself but
    /// taken from the clause it is coordinated with ("… and *X* left") or,
    /// for `xcomp`, from the controller (object if any, else the subject).
    pub subject_inherited: bool,
    /// Direct and indirect objects (`obj`, `iobj`), in text order.
    pub objects: Vec<Arg>,
    /// Obliques with their prepositions, in text order.
    pub obliques: Vec<Oblique>,
    /// The agent of a passive ("by the army"), also listed in `obliques`.
    pub agent: Option<Arg>,
    /// Passive voice (`nsubj:pass`, `aux:pass`, or a participle with
    /// `obl:agent`).
    pub passive: bool,
    /// Negated by "not", "n't", "never", "no longer" on the verb.
    pub negated: bool,
    /// The negation token, when negated.
    pub negation: Option<usize>,
    /// Auxiliaries (`aux`, `aux:pass`), in text order.
    pub aux: Vec<usize>,
    /// Modal auxiliary (`will`, `would`, `may`, `could`, `must`…), if any.
    pub modal: Option<usize>,
    /// The copula of a copular clause.
    pub copula: Option<usize>,
    /// Verb particle (`compound:prt`: "called *off*").
    pub particle: Option<usize>,
    /// Head of a clausal complement (`ccomp`): the reported content of
    /// "X said (that) Y".
    pub complement: Option<usize>,
    /// Head of an open clausal complement (`xcomp`): "agreed *to meet*".
    pub xcomp: Option<usize>,
    /// In a relative clause, the relative pronoun ("who", "that") that was
    /// replaced by its antecedent in [`Clause::subject`] or
    /// [`Clause::objects`].
    pub relative: Option<usize>,
    /// When this clause is attached by `parataxis`, the head of the host
    /// clause. UD analyses "Y, he said" and "Y, said X" this way, so for a
    /// speech verb this is the reported content.
    pub parataxis_host: Option<usize>,
}

/// Modal auxiliaries (lower-cased lemmas and forms).
const MODALS: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "ought", "wo",
    "'ll", "'d", "ca",
];

/// Negation words that attach to a predicate as `advmod`.
const NEGATIONS: &[&str] = &["not", "n't", "never", "no", "nt", "neither", "nor"];

/// True when token `i` heads a clause.
fn is_clause_head(tree: &Tree, i: usize) -> bool {
    let dep = tree.dep(i);
    // Participles used as noun modifiers ("the wounded man") are not clauses.
    if matches!(
        dep,
        "amod" | "compound" | "case" | "mark" | "fixed" | "flat" | "goeswith"
    ) {
        return false;
    }
    if tree.pos(i) == "VERB" {
        return true;
    }
    tree.children(i).iter().any(|&c| {
        let d = tree.dep(c);
        rel_is(d, "nsubj") || rel_is(d, "csubj") || d == "cop" || rel_is(d, "aux")
    })
}

/// Every clause of sentence `sentence`, in text order of their predicates.
///
/// Returns an empty list when the sentence does not exist or has not been
/// parsed.
///
/// ```no_run
/// use annalist_doc::{Doc, Stage};
/// let mut doc = Doc::new("d", "Turkey will not send troops to Libya, officials said.");
/// annalist_tokenizer::TokenizerStage.process(&mut doc)?;
/// annalist_tagger::TaggerStage::shipped()?.process(&mut doc)?;
/// annalist_parser::ParserStage::shipped()?.process(&mut doc)?;
/// for c in annalist_parser::clauses(&doc, 0) {
///     let who = c.subject.map(|a| doc.span_text(&a.span(&doc)).to_string());
///     let prep = |o: &annalist_parser::Oblique| o.prep.map(|p| doc.token_text(p));
///     println!(
///         "{} subj={who:?} negated={} modal={:?} obliques={:?}",
///         doc.token_text(c.verb),
///         c.negated,
///         c.modal.map(|m| doc.token_text(m)),
///         c.obliques.iter().map(|o| (prep(o), doc.token_text(o.arg.head))).collect::<Vec<_>>()
///     );
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn clauses(doc: &Doc, sentence: usize) -> Vec<Clause> {
    let Some(tree) = Tree::new(doc, sentence) else {
        return Vec::new();
    };
    if tree.tokens().all(|i| doc.tokens[i].dep.is_none()) {
        return Vec::new();
    }
    let mut out: Vec<Clause> = tree
        .tokens()
        .filter(|&i| is_clause_head(&tree, i))
        .map(|i| build(&tree, i))
        .collect();
    inherit_subjects(&tree, &mut out);
    out
}

/// The clause whose predicate is `verb`, or the clause that contains token
/// `token` (walking up the tree to the nearest clause head).
pub fn clause_of(doc: &Doc, token: usize) -> Option<Clause> {
    let sentence = doc.sentence_of(token)?;
    let all = clauses(doc, sentence);
    let tree = Tree::new(doc, sentence)?;
    let mut cur = token;
    for _ in 0..tree.tokens().len() + 1 {
        if let Some(c) = all.iter().find(|c| c.verb == cur) {
            return Some(c.clone());
        }
        cur = tree.head(cur)?;
    }
    None
}

fn build(tree: &Tree, v: usize) -> Clause {
    let mut c = Clause {
        verb: v,
        rel: tree.dep(v).to_string(),
        parent: tree.head(v),
        verb_group: vec![v],
        subject: None,
        subject_inherited: false,
        objects: Vec::new(),
        obliques: Vec::new(),
        agent: None,
        passive: false,
        negated: false,
        negation: None,
        aux: Vec::new(),
        modal: None,
        copula: None,
        particle: None,
        complement: None,
        xcomp: None,
        parataxis_host: None,
        relative: None,
    };
    if c.rel == "parataxis" {
        c.parataxis_host = c.parent;
    }
    let mut expl = None;
    for &d in tree.children(v) {
        let rel = tree.dep(d);
        let lemma = tree.lemma(d);
        match rel {
            "nsubj" | "csubj" => c.subject = Some(Arg::of(tree, d)),
            "nsubj:pass" | "csubj:pass" => {
                c.subject = Some(Arg::of(tree, d));
                c.passive = true;
            }
            "expl" => expl = Some(Arg::of(tree, d)),
            "obj" | "iobj" => c.objects.push(Arg::of(tree, d)),
            "aux" | "aux:pass" => {
                if rel == "aux:pass" {
                    c.passive = true;
                }
                c.aux.push(d);
                c.verb_group.push(d);
                if c.modal.is_none() && MODALS.contains(&lemma.as_str()) {
                    c.modal = Some(d);
                }
            }
            "cop" => {
                c.copula = Some(d);
                c.verb_group.push(d);
            }
            "compound:prt" => {
                c.particle = Some(d);
                c.verb_group.push(d);
            }
            "ccomp" => c.complement = c.complement.or(Some(d)),
            "xcomp" => c.xcomp = c.xcomp.or(Some(d)),
            _ if rel_is(rel, "obl") => {
                let prep = tree
                    .children(d)
                    .iter()
                    .copied()
                    .find(|&k| tree.dep(k) == "case");
                let arg = Arg::of(tree, d);
                if rel == "obl:agent" {
                    c.agent = Some(arg);
                    c.passive = true;
                }
                c.obliques.push(Oblique {
                    prep,
                    rel: rel.to_string(),
                    arg,
                });
            }
            _ if rel_is(rel, "advmod") && NEGATIONS.contains(&lemma.as_str()) => {
                c.negated = true;
                c.negation = c.negation.or(Some(d));
                c.verb_group.push(d);
            }
            _ => {}
        }
    }
    // "no longer" hangs "no" under "longer".
    if !c.negated {
        for &d in tree.children(v) {
            if tree.dep(d) == "advmod" && tree.lemma(d) == "longer" {
                if let Some(&n) = tree.children(d).iter().find(|&&k| tree.lemma(k) == "no") {
                    c.negated = true;
                    c.negation = Some(n);
                }
            }
        }
    }
    if c.subject.is_none() {
        c.subject = expl;
    }
    resolve_relative(tree, &mut c);
    c.verb_group.sort_unstable();
    c
}

/// Relative pronouns stand for the noun the relative clause modifies.
const RELATIVES: &[&str] = &["who", "whom", "which", "that", "whose"];

/// In "the rebels who attacked the convoy" the subject of "attacked" is
/// "who"; callers want "the rebels". Likewise for a relative pronoun
/// object ("the deal that Iran rejected"). The antecedent's span is its
/// head alone: its subtree would contain the clause itself.
fn resolve_relative(tree: &Tree, c: &mut Clause) {
    if c.rel != "acl:relcl" {
        return;
    }
    let Some(noun) = c.parent else { return };
    let antecedent = Arg {
        head: noun,
        start: noun,
        end: noun + 1,
    };
    let is_rel = |a: &Arg| a.end - a.start == 1 && RELATIVES.contains(&tree.lemma(a.head).as_str());
    if let Some(s) = c.subject.filter(is_rel) {
        c.subject = Some(antecedent);
        c.relative = Some(s.head);
    } else if let Some(k) = c.objects.iter().position(is_rel) {
        c.relative = Some(c.objects[k].head);
        c.objects[k] = antecedent;
    }
}

/// Coordinated clauses without a subject share their first conjunct's; an
/// `xcomp` takes its controller's object, else its subject ("urged Y to
/// leave": Y leaves; "agreed to meet": the subject meets).
fn inherit_subjects(tree: &Tree, clauses: &mut [Clause]) {
    // Parents precede dependents often but not always, so iterate until no
    // change (bounded by the number of clauses).
    for _ in 0..clauses.len() {
        let mut changed = false;
        for k in 0..clauses.len() {
            if clauses[k].subject.is_some() {
                continue;
            }
            let Some(p) = clauses[k].parent else { continue };
            let Some(pc) = clauses.iter().find(|c| c.verb == p) else {
                continue;
            };
            let inherited = match clauses[k].rel.as_str() {
                "conj" => pc.subject,
                "xcomp" => pc.objects.first().copied().or(pc.subject),
                _ => None,
            };
            if inherited.is_some() {
                let c = &mut clauses[k];
                c.subject = inherited;
                c.subject_inherited = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let _ = tree;
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_doc::{Label, Token};

    /// A one-sentence doc from `(form, upos, head (1-based, 0 = root), dep)`.
    pub(crate) fn doc(words: &[(&str, &str, u32, &str)]) -> Doc {
        let text = words.iter().map(|w| w.0).collect::<Vec<_>>().join(" ");
        let mut d = Doc::new("t", text.clone());
        let mut pos = 0usize;
        for w in words {
            let start = pos;
            let end = start + w.0.len();
            pos = end + 1;
            d.tokens.push(Token {
                offsets: annalist_doc::Offsets {
                    start: start as u32,
                    end: end as u32,
                    char_start: start as u32,
                    char_end: end as u32,
                },
                ws: true,
                pos: Some(Label::new(w.1)),
                head: (w.2 > 0).then(|| w.2 - 1),
                dep: Some(Label::new(w.3)),
                ..Default::default()
            });
        }
        let s = d.span(0, d.tokens.len());
        d.sentences.push(s);
        d
    }

    #[test]
    fn passive_with_agent_and_negation() {
        // The convoy was not attacked by rebels in Tripoli .
        let d = doc(&[
            ("The", "DET", 2, "det"),
            ("convoy", "NOUN", 5, "nsubj:pass"),
            ("was", "AUX", 5, "aux:pass"),
            ("not", "PART", 5, "advmod"),
            ("attacked", "VERB", 0, "root"),
            ("by", "ADP", 7, "case"),
            ("rebels", "NOUN", 5, "obl:agent"),
            ("in", "ADP", 9, "case"),
            ("Tripoli", "PROPN", 5, "obl"),
            (".", "PUNCT", 5, "punct"),
        ]);
        let cs = clauses(&d, 0);
        assert_eq!(cs.len(), 1);
        let c = &cs[0];
        assert_eq!(c.verb, 4);
        assert!(c.passive && c.negated);
        assert_eq!(
            c.subject,
            Some(Arg {
                head: 1,
                start: 0,
                end: 2
            })
        );
        assert_eq!(c.agent.map(|a| a.head), Some(6));
        assert_eq!(c.obliques.len(), 2);
        assert_eq!(c.obliques[1].prep, Some(7));
        assert_eq!(c.verb_group, vec![2, 3, 4]);
    }

    #[test]
    fn xcomp_takes_controller_object_and_conj_shares_subject() {
        // Ankara urged Baghdad to talk and warned rebels .
        let d = doc(&[
            ("Ankara", "PROPN", 2, "nsubj"),
            ("urged", "VERB", 0, "root"),
            ("Baghdad", "PROPN", 2, "obj"),
            ("to", "PART", 5, "mark"),
            ("talk", "VERB", 2, "xcomp"),
            ("and", "CCONJ", 7, "cc"),
            ("warned", "VERB", 2, "conj"),
            ("rebels", "NOUN", 7, "obj"),
            (".", "PUNCT", 2, "punct"),
        ]);
        let cs = clauses(&d, 0);
        let talk = cs.iter().find(|c| c.verb == 4).unwrap();
        assert_eq!(talk.subject.map(|a| a.head), Some(2));
        assert!(talk.subject_inherited);
        let warned = cs.iter().find(|c| c.verb == 6).unwrap();
        assert_eq!(warned.subject.map(|a| a.head), Some(0));
        assert_eq!(clause_of(&d, 7).map(|c| c.verb), Some(6));
    }

    #[test]
    fn relative_pronoun_subject_becomes_antecedent() {
        // rebels who attacked the convoy fled
        let d = doc(&[
            ("rebels", "NOUN", 6, "nsubj"),
            ("who", "PRON", 3, "nsubj"),
            ("attacked", "VERB", 1, "acl:relcl"),
            ("the", "DET", 5, "det"),
            ("convoy", "NOUN", 3, "obj"),
            ("fled", "VERB", 0, "root"),
        ]);
        let cs = clauses(&d, 0);
        let c = cs.iter().find(|c| c.verb == 2).unwrap();
        assert_eq!(c.subject.map(|a| a.head), Some(0));
        assert_eq!(c.relative, Some(1));
        assert_eq!(c.objects[0].head, 4);
    }

    #[test]
    fn unparsed_and_broken_input_do_not_panic() {
        let mut d = doc(&[("a", "X", 2, "dep"), ("b", "X", 1, "dep")]);
        assert!(clauses(&d, 3).is_empty());
        let _ = clauses(&d, 0);
        d.tokens[0].head = Some(99);
        let _ = clauses(&d, 0);
        for t in &mut d.tokens {
            t.dep = None;
        }
        assert!(clauses(&d, 0).is_empty());
    }
}
