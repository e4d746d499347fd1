//! The event coder: for each verb found in the dictionary, the pattern
//! that best fits its clause gives the CAMEO code; the clause's subject and
//! object give the source and target actors.
//!
//! Rules (documented in docs/events.md):
//! - passive voice swaps roles: the subject is the target, the `by` agent
//!   the source;
//! - negated verbs ("did not attack") give no event;
//! - future and intention ("will meet", "plans to visit") turn the code into
//!   CAMEO's intent codes (03x for cooperation, 13x threats for conflict);
//! - reported speech ("X said Y attacked Z") codes the embedded event with
//!   Y as source and records X as the claimant; the speech verb itself is
//!   then not coded;
//! - an event needs a source and a target actor (PETRARCH's
//!   `require_dyad`); a compound subject without an object codes each
//!   member towards the others;
//! - one story counts an event (source, target, code) once, keeping the
//!   triggers of its later mentions.
//!
//! Without a dependency parse the coder falls back to PETRARCH-1-style
//! linear patterns: the nearest actor before the verb is the source, the
//! first one after it the target.

use crate::cameo::{quad_class, root, CameoTable};
use crate::clause::{clause, has_parse, object_side, subtree, Clause};
use crate::verbs::{split_code, Elem, Pattern, VerbDict};
use annalist_doc::{Doc, Event, Layer, Modality, ModelError, Models, Shared, Stage, StageError};
use std::sync::{Arc, OnceLock};

static VERBS_TSV: &str = include_str!("../../data/verbs.tsv");
static VERBS_EXTRA_TSV: &str = include_str!("../../data/verbs-extra.tsv");

/// Verbs whose `xcomp` carries the real event and marks it as intended.
/// Adjectives of readiness ("is willing to withdraw", "ready to
/// contribute troops") count as intent verbs.
const INTENT_VERBS: &[&str] = &[
    "PLAN",
    "INTEND",
    "WANT",
    "VOW",
    "PLEDGE",
    "PROMISE",
    "HOPE",
    "SEEK",
    "AGREE",
    "DECIDE",
    "AIM",
    "OFFER",
    "THREATEN",
    "EXPECT",
    "PROPOSE",
    "WISH",
    "PREPARE",
    "COMMIT",
    "SWEAR",
    "WILLING",
    "READY",
    "PREPARED",
    "COMMITTED",
    "DETERMINED",
    "EAGER",
    "KEEN",
];
/// Verbs whose `xcomp` carries the real event unchanged.
const ASPECT_VERBS: &[&str] = &[
    "BEGIN", "START", "CONTINUE", "TRY", "ATTEMPT", "KEEP", "MANAGE", "RESUME", "STOP", "CEASE",
];
/// Subordinators that make an adverbial clause a reported event of its own
/// ("before flying to Turkey"); other adverbial clauses ("killing eight",
/// "by promoting biofuels") describe the main event and are not coded.
const EVENT_MARKS: &[&str] = &[
    "BEFORE", "AFTER", "WHEN", "WHILE", "AS", "SINCE", "UNTIL", "BECAUSE", "ONCE",
];
/// Speech verbs whose complement is a reported event.
pub(crate) use annalist_actors::SPEECH_VERBS;
/// Prepositions that a pattern word must find near the verb.
const PATTERN_PREPS: &[&str] = &[
    "TO", "ON", "FOR", "WITH", "AGAINST", "AT", "IN", "INTO", "FROM", "OVER", "ABOUT", "BY",
    "UPON", "OF", "BETWEEN",
];
/// Verbs whose `xcomp` is an act refused.
const REFUSAL_VERBS: &[&str] = &["REFUSE", "DECLINE", "FAIL"];
/// Verbs whose complement is what is demanded, not something done.
const DEMAND_VERBS: &[&str] = &[
    "DEMAND", "URGE", "ASK", "CALL", "PRESS", "PRESSURE", "ORDER", "REQUIRE", "REQUEST", "APPEAL",
    "INSIST",
];
/// Acts of both sides (Annalist conventions, docs/annotation.md): meeting,
/// talks, negotiation, intent to meet, signing an agreement.
const SYMMETRIC: &[&str] = &["036", "040", "044", "046", "057"];

const FUTURE_MODALS: &[&str] = &["WILL", "WOULD", "SHALL", "'LL"];

/// The coder with its dictionary.
pub struct Coder {
    verbs: Arc<VerbDict>,
    table: &'static CameoTable,
    discards: Vec<String>,
    petrarch: bool,
    require_dyad: bool,
    annalist_rules: bool,
    /// The verb lemmas of each block of `verbs`.
    block_lemmas: Vec<Vec<String>>,
}

/// The shipped verb dictionary (CAMEO.2.0 conversion plus Annalist's own
/// additions), parsed once.
pub fn standard_verbs() -> Arc<VerbDict> {
    standard_verbs_checked().unwrap_or_default()
}

/// The shipped verb dictionary, or why it does not parse (a build defect:
/// the pipeline stops at start-up rather than code with no verbs).
pub fn standard_verbs_checked() -> Result<Arc<VerbDict>, String> {
    static V: OnceLock<Result<Arc<VerbDict>, String>> = OnceLock::new();
    V.get_or_init(|| {
        let text = format!("{VERBS_TSV}\n{VERBS_EXTRA_TSV}");
        VerbDict::from_annalist(&text)
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
}

/// A token as patterns see it.
#[derive(Debug, Clone)]
struct Tok<'a> {
    form: &'a str,
    lemma: &'a str,
    actor: Option<u32>,
    depth: u8,
    /// Whether the token can be a preposition: a `case` marker, or any
    /// token of an unparsed sentence (not the infinitive "to").
    prep: bool,
}

/// Upper-case forms and lemmas of a sentence's tokens, made once for all
/// its verbs' patterns.
struct Upper {
    start: usize,
    forms: Vec<String>,
    lemmas: Vec<String>,
}

impl Upper {
    fn new(doc: &Doc, start: usize, end: usize) -> Self {
        let forms: Vec<String> = (start..end)
            .map(|i| doc.token_text(i).to_uppercase())
            .collect();
        let lemmas = (start..end)
            .map(|i| {
                doc.tokens[i]
                    .lemma
                    .as_deref()
                    .map(str::to_uppercase)
                    .unwrap_or_else(|| forms[i - start].clone())
            })
            .collect();
        Upper {
            start,
            forms,
            lemmas,
        }
    }
}

/// What the best pattern gave.
#[derive(Debug, Clone, Default)]
struct PatternHit {
    code: String,
    rule: String,
    target: Option<u32>,
    source: Option<u32>,
    score: usize,
}

/// One coded verb before roles are combined.
#[derive(Debug, Clone)]
struct Coded {
    verb: usize,
    verb_end: usize,
    code: String,
    sources: Vec<u32>,
    targets: Vec<u32>,
    rules: Vec<String>,
    negated: bool,
    parsed: bool,
    pattern: bool,
}

impl Coder {
    /// A coder over `verbs`.
    pub fn new(verbs: Arc<VerbDict>) -> Self {
        let mut block_lemmas = vec![Vec::new(); verbs.blocks.len()];
        for v in &verbs.verbs {
            if let Some(ls) = block_lemmas.get_mut(v.block) {
                ls.push(v.lemma.clone());
            }
        }
        Coder {
            block_lemmas,
            verbs,
            table: CameoTable::standard(),
            discards: Vec::new(),
            petrarch: false,
            require_dyad: true,
            annalist_rules: false,
        }
    }

    /// Whether an event needs a target actor (default: yes, PETRARCH's
    /// `require_dyad`). When not, a verb with a source and no target codes a
    /// one-sided event (PLOVER records such events).
    pub fn with_require_dyad(mut self, on: bool) -> Self {
        self.require_dyad = on;
        self
    }

    /// Follows PETRARCH-2's conventions instead of Annalist's where they
    /// differ, to score against suites coded with them: future auxiliaries
    /// ("will meet") keep the plain code, and reported attacks become
    /// claims of responsibility (015) or accusations (112) by the speaker.
    pub fn with_petrarch_conventions(mut self, on: bool) -> Self {
        self.petrarch = on;
        self
    }

    /// Adds a PETRARCH discard list: sentences containing one of its
    /// phrases (sports results, chronologies) are not coded.
    pub fn with_discards(mut self, text: &str) -> Self {
        for line in text.lines() {
            let body = line
                .split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_start_matches('+')
                .trim();
            if !body.is_empty() && !body.starts_with('<') {
                self.discards
                    .push(format!(" {} ", body.to_uppercase().replace('_', " ")));
            }
        }
        self
    }

    fn discarded(&self, doc: &Doc, start: usize, end: usize) -> bool {
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

    /// The coder with the shipped dictionary and Annalist's event-noun
    /// table.
    pub fn standard() -> Self {
        Self::new(standard_verbs()).with_annalist_rules(true)
    }

    /// Whether Annalist's lexical rules apply on top of the dictionary:
    /// support verbs take their code from an event noun object ("held
    /// talks", "imposed a curfew"; `data/event-nouns.tsv`) and killings by
    /// bombs get CAMEO's bombing codes. Off for a coder built with
    /// [`Coder::new`] from other dictionaries, so that they run as they are.
    pub fn with_annalist_rules(mut self, on: bool) -> Self {
        self.annalist_rules = on;
        self
    }

    /// Fills `doc.events` from `doc.actors` and the parse (when present).
    pub fn code(&self, doc: &mut Doc) {
        doc.events.clear();
        // Coded on a mended parse where the parser left a sentence without
        // a verbal head (see `repair`); the parser's tree is given back.
        let (saved, sentences) = if self.annalist_rules {
            crate::repair::apply(doc)
        } else {
            (Vec::new(), Vec::new())
        };
        let mut events = self.events_of(doc);
        crate::repair::restore(doc, saved);
        for e in &mut events {
            if sentences.contains(&(e.sentence as usize)) {
                e.rules.push("parse:mended".into());
            }
        }
        doc.events = events;
    }

    fn events_of(&self, doc: &Doc) -> Vec<Event> {
        let mut actor_of = vec![None; doc.tokens.len()];
        for (k, a) in doc.actors.iter().enumerate() {
            for i in a.span.tokens() {
                if let Some(slot) = actor_of.get_mut(i) {
                    if slot.is_none() {
                        *slot = Some(k as u32);
                    }
                }
            }
        }
        let mut events: Vec<Event> = Vec::new();
        for (si, s) in doc.sentences.clone().iter().enumerate() {
            let (start, end) = (s.token_start as usize, s.token_end as usize);
            if start >= end || end > doc.tokens.len() || self.discarded(doc, start, end) {
                continue;
            }
            for ev in self.code_sentence(doc, si, start, end, &actor_of) {
                add_dedup(&mut events, ev);
            }
        }
        events
    }

    fn toks<'a>(
        &self,
        doc: &Doc,
        up: &'a Upper,
        idx: &[usize],
        actor_of: &[Option<u32>],
        verb: usize,
    ) -> Vec<Tok<'a>> {
        idx.iter()
            .map(|&i| {
                // Steps up the tree from the token to the verb (0 when it is
                // not below the verb, e.g. without a parse).
                let depth = crate::clause::steps_to(doc, i, verb, 12).unwrap_or(0) as u8;
                let prep = match doc.tokens[i].dep.as_deref() {
                    None => true,
                    Some(d) => d == "case" || d.starts_with("case:"),
                };
                Tok {
                    form: &up.forms[i - up.start],
                    lemma: &up.lemmas[i - up.start],
                    actor: actor_of[i],
                    depth,
                    prep,
                }
            })
            .collect()
    }

    /// The dictionary verbs at token `i`: (verb id, tokens the form spans).
    fn verbs_at(&self, doc: &Doc, i: usize, end: usize) -> Vec<(usize, usize)> {
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
        // Phrasal verbs ("call for") before their bare verb.
        out.sort_by_key(|&(v, n)| (std::cmp::Reverse(n), v));
        out
    }

    fn is_verb_token(
        &self,
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
                t.tag.as_deref().is_some_and(|x| x.starts_with("VB"))
                    && t.pos.as_deref() != Some("AUX")
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

    fn code_sentence(
        &self,
        doc: &Doc,
        si: usize,
        start: usize,
        end: usize,
        actor_of: &[Option<u32>],
    ) -> Vec<Event> {
        let parsed = has_parse(doc, start, end);
        let mut coded: Vec<Coded> = Vec::new();
        let verb_positions: Vec<usize> = (start..end)
            .filter(|&i| {
                self.is_verb_token(doc, i, start, parsed, actor_of)
                    && (!self.verbs_at(doc, i, end).is_empty()
                        || (parsed
                            && self.annalist_rules
                            && crate::nouns::is_support_verb(&lemma_of(doc, i))))
            })
            .collect();
        let up = Upper::new(doc, start, end);
        for &v in &verb_positions {
            if parsed && !event_position(doc, start, end, v, 0) {
                continue;
            }
            let cands = self.verbs_at(doc, v, end);
            let cl = parsed.then(|| clause(doc, start, end, v));
            let (pre_idx, post_idx) = match &cl {
                Some(c) => {
                    let mut pre: Vec<usize> = c
                        .subjects
                        .iter()
                        .flat_map(|&s| subtree(doc, start, end, s))
                        .collect();
                    pre.sort_unstable();
                    pre.dedup();
                    (pre, object_side(doc, start, end, v))
                }
                None => linear_sides(v, start, end, &verb_positions),
            };
            // "The prisoners were released": a passive subject is what the
            // verb's object patterns describe.
            let passive = self.annalist_rules && cl.as_ref().is_some_and(|c| c.passive);
            let joined: Vec<usize>;
            let (pat_pre, pat_post): (&[usize], &[usize]) = if passive {
                joined = pre_idx.iter().chain(&post_idx).copied().collect();
                (&[], &joined)
            } else {
                (&pre_idx, &post_idx)
            };
            let pre = self.toks(doc, &up, pat_pre, actor_of, v);
            let post = self.toks(doc, &up, pat_post, actor_of, v);
            let mut best: Option<(PatternHit, usize, usize)> = None;
            for &(vid, n) in &cands {
                let block = &self.verbs.blocks[self.verbs.verbs[vid].block];
                let mut hit = PatternHit {
                    code: self.verbs.verb_code(vid).to_string(),
                    rule: format!("verb:{} [{}]", self.verbs.verbs[vid].lemma, block.name),
                    ..Default::default()
                };
                let lemma = &self.verbs.verbs[vid].lemma;
                let mut best_pattern: Option<&Pattern> = None;
                for p in &block.patterns {
                    if self.annalist_rules && self.written_for_other(vid, &p.note, lemma) {
                        continue;
                    }
                    if let Some(h) = self.match_pattern(p, &pre, &post) {
                        // A pattern written twice with different codes
                        // ("ORDER * &INVESTIGATION" 091 and 1014): the later
                        // entry stands, as when PETRARCH reads its
                        // dictionary into a tree.
                        let rewritten = best_pattern.is_some_and(|b| {
                            b.pre == p.pre && b.post == p.post && b.note == p.note
                        }) && h.score == hit.score;
                        if h.score > hit.score || rewritten {
                            best_pattern = Some(p);
                            hit = PatternHit {
                                rule: format!(
                                    "{};pattern:{} * {} [{}]",
                                    hit.rule.split(";pattern").next().unwrap_or(""),
                                    show(&p.pre),
                                    show(&p.post),
                                    p.code
                                ),
                                ..h
                            };
                        }
                    }
                }
                let better = match &best {
                    None => true,
                    Some((b, _, bn)) => {
                        hit.score > b.score
                            || (hit.score == b.score && n > *bn && hit.code != "---")
                    }
                };
                if better {
                    best = Some((hit, vid, n));
                }
            }
            let (mut hit, n) = match best {
                Some((hit, _, n)) => (hit, n),
                None => (PatternHit::default(), 1),
            };
            let uncoded = split_code(&hit.code) == (None, None);
            let statement = split_code(&hit.code).0.is_some_and(|p| root(p) == "01");
            // A block's default code is a coarse guess; an event noun object
            // says more ("instituted a curfew" is not ENACT's 06x).
            let default_only = hit.score == 0;
            let ending = self.annalist_rules
                && cl
                    .as_ref()
                    .is_some_and(|c| crate::nouns::has_nominal_ending(doc, c));
            if uncoded || statement || default_only || ending {
                // "held talks", "imposed a curfew", "declared a state of
                // emergency": the object names the event.
                match cl
                    .as_ref()
                    .filter(|_| self.annalist_rules)
                    .and_then(|c| crate::nouns::noun_code(doc, start, end, c))
                {
                    Some((code, noun)) => {
                        hit.rule = format!("verb:{} noun:{noun} [{code}]", lemma_of(doc, v));
                        hit.code = code;
                    }
                    None if uncoded => continue,
                    None => {}
                }
            }
            let mut rules = vec![hit.rule.clone()];
            let (mut sources, mut targets) = match &cl {
                Some(c) => self.roles_parsed(doc, start, end, c, &post_idx, actor_of, &mut rules),
                None => self.roles_linear(doc, start, v, &post_idx, actor_of, &mut rules),
            };
            if let Some(t) = hit.target {
                targets = vec![t];
            }
            if let Some(s) = hit.source {
                sources = vec![s];
            }
            coded.push(Coded {
                verb: v,
                verb_end: v + n,
                code: hit.code.clone(),
                sources,
                targets,
                rules,
                negated: cl.as_ref().is_some_and(|c| c.negated)
                    || (!parsed && linear_negated(doc, start, v)),
                parsed,
                pattern: hit.score > 0,
            });
        }
        if parsed && self.annalist_rules {
            coded.extend(under_attack(doc, start, end, actor_of));
        }
        if trace_on() {
            for c in &coded {
                eprintln!(
                    "   coded {} {} src {:?} tgt {:?} neg {} {:?}",
                    doc.token_text(c.verb),
                    c.code,
                    c.sources,
                    c.targets,
                    c.negated,
                    c.rules
                );
            }
        }
        self.combine(doc, si, start, end, coded, parsed, actor_of)
    }

    /// Whether a block pattern was written for another verb of the block:
    /// CAMEO.2.0 notes the verb a pattern came from ("- * AREA [192] #
    /// TAKE"), and "took the area" is not "arrested … in the area".
    fn written_for_other(&self, vid: usize, note: &str, lemma: &str) -> bool {
        let note = note.split(':').next().unwrap_or("").trim();
        if note.is_empty() || note.eq_ignore_ascii_case(lemma) {
            return false;
        }
        let block = self.verbs.verbs[vid].block;
        self.block_lemmas
            .get(block)
            .is_some_and(|ls| ls.iter().any(|l| l.eq_ignore_ascii_case(note)))
    }

    fn match_pattern(&self, p: &Pattern, pre: &[Tok], post: &[Tok]) -> Option<PatternHit> {
        let (s1, e1, src, _) = self.match_side(&p.pre, pre)?;
        let (s2, e2, src2, tgt) = self.match_side(&p.post, post)?;
        let score = s1 + s2;
        if score == 0 && tgt.is_none() && src.is_none() && src2.is_none() {
            return None;
        }
        // Ties go to the pattern whose words match the text's own forms
        // ("SANCTIONS" over "SANCTION" for "the sanctions").
        let exact = (e1 + e2).min(7);
        Some(PatternHit {
            code: p.code.clone(),
            rule: String::new(),
            target: tgt,
            source: src.or(src2),
            score: (score * 2 + usize::from(tgt.is_some())) * 8 + exact,
        })
    }

    /// Matches elements as a subsequence of `toks`; returns the number of
    /// word positions matched and the actors in the `$`/`+` slots.
    fn match_side(
        &self,
        elems: &[Elem],
        toks: &[Tok],
    ) -> Option<(usize, usize, Option<u32>, Option<u32>)> {
        let mut pos = 0;
        let mut score = 0;
        let mut exact = 0;
        let (mut src, mut tgt) = (None, None);
        let mut after_word = false;
        for e in elems {
            match e {
                Elem::Word(w) => {
                    // Pattern words belong to the verb's own phrases (at
                    // most three dependency steps down), not to a clause
                    // deep inside its object ("… for a settlement to be
                    // reached"); a preposition must be a case marker, and
                    // one that follows the verb itself in the pattern
                    // marks the verb's own argument ("comes a day before
                    // Sarkozy heads to Beijing" is not "come to").
                    let max_prep = if after_word || !self.annalist_rules {
                        3
                    } else {
                        2
                    };
                    let shallow = |t: &Tok| {
                        (t.depth <= 3 || t.depth == 0)
                            && (!PATTERN_PREPS.contains(&w.as_str())
                                || (t.depth <= max_prep && t.prep))
                    };
                    let k =
                        (pos..toks.len()).find(|&k| word_eq(&toks[k], w) && shallow(&toks[k]))?;
                    pos = k + 1;
                    score += 1;
                    exact += usize::from(toks[k].form == *w);
                    after_word |= !PATTERN_PREPS.contains(&w.as_str());
                }
                Elem::Syn(name) => {
                    let phrases = self.verbs.synsets.get(name)?;
                    let mut found = None;
                    'outer: for k in pos..toks.len() {
                        if toks[k].depth > 3 {
                            continue;
                        }
                        for ph in phrases {
                            if k + ph.len() <= toks.len()
                                && ph.iter().enumerate().all(|(j, w)| word_eq(&toks[k + j], w))
                            {
                                found = Some(k + ph.len());
                                break 'outer;
                            }
                        }
                    }
                    pos = found?;
                    score += 1;
                    after_word = true;
                }
                Elem::Target | Elem::Source => {
                    let k = (pos..toks.len()).find(|&k| toks[k].actor.is_some())?;
                    let a = toks[k].actor;
                    if *e == Elem::Target {
                        tgt = a;
                    } else {
                        src = a;
                    }
                    pos = k + 1;
                    while pos < toks.len() && toks[pos].actor == a {
                        pos += 1;
                    }
                }
            }
        }
        Some((score, exact, src, tgt))
    }

    #[allow(clippy::too_many_arguments)]
    fn roles_parsed(
        &self,
        doc: &Doc,
        start: usize,
        end: usize,
        c: &Clause,
        post_idx: &[usize],
        actor_of: &[Option<u32>],
        rules: &mut Vec<String>,
    ) -> (Vec<u32>, Vec<u32>) {
        let ch = crate::clause::children(doc, start, end);
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
            subj = self.speaker_of_pronoun(doc, start, end, c, actor_of);
            if !subj.is_empty() {
                rules.push("source:speaker".into());
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
            if let Some(&i) = post_idx.iter().find(|&&i| {
                actor_of[i].is_some_and(|a| !is_null_actor(doc, a) && !subj.contains(&a))
            }) {
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
                    near(i)
                        && actor_of[i].is_some_and(|a| !is_null_actor(doc, a) && !subj.contains(&a))
                }) {
                    objs = pick(&[i]);
                    rules.push("target:complement".into());
                    break;
                }
            }
        }
        if c.passive {
            rules.push("passive".into());
            let agents = pick(&c.agents);
            return (agents, subj);
        }
        (subj, objs)
    }

    /// "Russia said Sudan must return the helicopter", "… that the US must
    /// be ready to mediate": a reported obligation is the speaker's demand
    /// of the subject (10x). The obligation may sit on a governing
    /// adjective.
    fn oblige(&self, doc: &Doc, start: usize, end: usize, c: &mut Coded, speaker: u32) {
        if !self.annalist_rules || self.petrarch {
            return;
        }
        let must = |x: usize| {
            matches!(
                clause(doc, start, end, x).modal.as_deref(),
                Some("MUST" | "SHOULD")
            )
        };
        let v = c.verb;
        let obliged = must(v)
            || (doc.tokens[v].dep.as_deref() == Some("xcomp")
                && doc.tokens[v].head.is_some_and(|g| {
                    (g as usize) >= start && (g as usize) < end && must(g as usize)
                }));
        // "This should result in new lending": an obligation on no actor
        // is a forecast, not a demand.
        if !obliged
            || c.sources.is_empty()
            || !clause(doc, start, end, v)
                .subjects
                .iter()
                .any(|&x| names_actor(doc, x))
        {
            return;
        }
        let (p, _) = split_code(&c.code);
        let code = demand_code(p.unwrap_or("100"));
        c.rules.push(format!("obligation:{code}"));
        c.code = code.to_string();
        c.targets = std::mem::take(&mut c.sources);
        c.sources = vec![speaker];
        c.negated = false;
    }

    /// "Hungary said it will support …": a pronoun subject of a reported
    /// clause is the speaker, when the speech verb's subject is an actor.
    /// Other unresolved subjects ("officials said the army …") are not.
    fn speaker_of_pronoun(
        &self,
        doc: &Doc,
        start: usize,
        end: usize,
        c: &Clause,
        actor_of: &[Option<u32>],
    ) -> Vec<u32> {
        let Some(&s) = c.subjects.first() else {
            return Vec::new();
        };
        if !matches!(
            doc.token_text(s).to_uppercase().as_str(),
            "IT" | "THEY" | "HE" | "SHE" | "WE"
        ) || actor_of[s].is_some()
        {
            return Vec::new();
        }
        // The pronoun's own clause: the verb it is the subject of.
        let Some(mut v) = doc.tokens[s].head.map(|h| h as usize) else {
            return Vec::new();
        };
        for _ in 0..4 {
            let Some(h) = doc.tokens[v].head.map(|h| h as usize) else {
                break;
            };
            if h < start || h >= end {
                break;
            }
            let d = doc.tokens[v].dep.as_deref().unwrap_or("");
            if d == "ccomp" && SPEECH_VERBS.contains(&lemma_of(doc, h).as_str()) {
                // "Obama and Putin said they …": every speaker.
                let hc = clause(doc, start, end, h);
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

    fn roles_linear(
        &self,
        doc: &Doc,
        start: usize,
        v: usize,
        post_idx: &[usize],
        actor_of: &[Option<u32>],
        rules: &mut Vec<String>,
    ) -> (Vec<u32>, Vec<u32>) {
        rules.push("linear".into());
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
            rules.push("passive".into());
            let by = post_idx
                .windows(2)
                .find(|w| {
                    doc.token_text(w[0]).eq_ignore_ascii_case("by") && actor_of[w[1]].is_some()
                })
                .and_then(|w| actor_of[w[1]]);
            return (by.into_iter().collect(), before.into_iter().collect());
        }
        (before.into_iter().collect(), after.into_iter().collect())
    }

    #[allow(clippy::too_many_arguments)]
    fn combine(
        &self,
        doc: &Doc,
        si: usize,
        start: usize,
        end: usize,
        mut coded: Vec<Coded>,
        parsed: bool,
        actor_of: &[Option<u32>],
    ) -> Vec<Event> {
        // Governing verbs: intent, aspect and speech.
        let mut drop = vec![false; coded.len()];
        let mut claimant: Vec<Option<u32>> = vec![None; coded.len()];
        if parsed {
            for k in 0..coded.len() {
                let v = coded[k].verb;
                let Some(h) = doc.tokens[v].head.map(|h| h as usize) else {
                    continue;
                };
                if h < start || h >= end {
                    continue;
                }
                let d = doc.tokens[v].dep.as_deref().unwrap_or("");
                let mut hl = lemma_of(doc, h);
                // "prepared to resume shelling": an intent reaches through
                // an aspect verb to the act.
                if d == "xcomp"
                    && ASPECT_VERBS.contains(&hl.as_str())
                    && doc.tokens[h].dep.as_deref() == Some("xcomp")
                {
                    if let Some(h2) = doc.tokens[h].head.map(|x| x as usize) {
                        let l2 = lemma_of(doc, h2);
                        if h2 >= start && h2 < end && INTENT_VERBS.contains(&l2.as_str()) {
                            hl = l2;
                        }
                    }
                }
                let gov = coded.iter().position(|c| c.verb == h);
                // PETRARCH codes commitments ("agreed to lift", "pledged to
                // expel") as the act itself; only wishes and plans are
                // intents there.
                let petrarch_commitment = self.petrarch
                    && matches!(
                        hl.as_str(),
                        "AGREE" | "PLEDGE" | "PROMISE" | "VOW" | "DECIDE" | "SWEAR" | "COMMIT"
                    );
                if d == "xcomp" && petrarch_commitment {
                    coded[k].rules.push(format!("commitment:{hl}"));
                    if let Some(g) = gov {
                        drop[g] = true;
                    }
                } else if d == "xcomp"
                    && matches!(hl.as_str(), "WANT" | "EXPECT" | "WISH" | "NEED")
                    && !clause(doc, start, end, h).objects.is_empty()
                {
                    // "Obama wants Putin to attack": wanting it of someone
                    // is an appeal to them.
                    let hc = clause(doc, start, end, h);
                    let wanter: Vec<u32> = hc
                        .subjects
                        .iter()
                        .filter_map(|&x| actor_in(doc, start, end, x, actor_of))
                        .collect();
                    let (p, _) = split_code(&coded[k].code);
                    if !wanter.is_empty() && !coded[k].sources.is_empty() {
                        let code = appeal_code(p.unwrap_or("020"));
                        coded[k].rules.push(format!("appeal:{hl}"));
                        coded[k].code = code.to_string();
                        coded[k].targets = std::mem::take(&mut coded[k].sources);
                        coded[k].sources = wanter;
                    }
                    if let Some(g) = gov {
                        drop[g] = true;
                    }
                } else if d == "xcomp" && INTENT_VERBS.contains(&hl.as_str()) {
                    let mut intent = intent_code(&coded[k].code);
                    if hl == "THREATEN" && root(&intent) != "13" {
                        // "threatened to withdraw": whatever is threatened
                        // is a threat.
                        intent = "130".into();
                    }
                    let (p, _) = split_code(&coded[k].code);
                    if matches!(hl.as_str(), "PREPARE" | "PREPARED" | "READY")
                        && p.is_some_and(|p| matches!(root(p), "18" | "19" | "20"))
                    {
                        // "the army prepared to attack": getting ready to
                        // fight is a force posture (15), not a threat.
                        intent = "150".into();
                    }
                    coded[k].rules.push(format!("intent:{hl}"));
                    coded[k].code = intent;
                    if let Some(g) = gov {
                        drop[g] = true;
                    }
                } else if d == "xcomp" && ASPECT_VERBS.contains(&hl.as_str()) {
                    if let Some(g) = gov {
                        drop[g] = true;
                    }
                } else if d == "xcomp" && REFUSAL_VERBS.contains(&hl.as_str()) {
                    // "refused to lift the curfew": a rejection when the
                    // refused act is cooperation, else the refusal verb's
                    // own code stands.
                    let (p, _) = split_code(&coded[k].code);
                    if p.and_then(negated_code).is_some() {
                        coded[k].negated = !coded[k].negated;
                        coded[k].rules.push(format!("refusal:{hl}"));
                        if let Some(g) = gov {
                            drop[g] = true;
                        }
                    } else if gov.is_some() {
                        drop[k] = true;
                    }
                } else if matches!(d, "xcomp" | "ccomp")
                    && gov.is_some_and(|g| {
                        DEMAND_VERBS.contains(&hl.as_str())
                            || matches!(root(&coded[g].code), "02" | "10")
                    })
                {
                    // "demanded that Sudan end curbs": what is demanded has
                    // not happened; the demand is the event, and what is
                    // asked for makes an unspecific appeal or demand
                    // specific ("asked Obama to help Iran" → 023).
                    drop[k] = true;
                    if let Some(g) = gov {
                        if let Some(r) = asked_for_code(&coded[g].code, &coded[k].code) {
                            let asked = format!("asked-for:{}", coded[k].code);
                            coded[g].rules.push(asked);
                            coded[g].code = r.to_string();
                        }
                    }
                } else if (d == "ccomp" || d == "parataxis") && SPEECH_VERBS.contains(&hl.as_str())
                {
                    let c = clause(doc, start, end, h);
                    let who = c
                        .subjects
                        .iter()
                        .find_map(|&s| actor_in(doc, start, end, s, actor_of));
                    claimant[k] = who;
                    coded[k].rules.push(format!("reported:{hl}"));
                    if let Some(g) = gov {
                        drop[g] = true;
                    }
                    if let Some(w) = who {
                        self.oblige(doc, start, end, &mut coded[k], w);
                    }
                }
            }
            // "reiterated its demand that Israel ease restrictions": a
            // clause under a demand or appeal noun is demanded of its
            // subject by the subject of the noun's verb.
            if self.annalist_rules && !self.petrarch {
                for k in 0..coded.len() {
                    let v = coded[k].verb;
                    let Some(h) = doc.tokens[v].head.map(|h| h as usize) else {
                        continue;
                    };
                    let d = doc.tokens[v].dep.as_deref().unwrap_or("");
                    if h < start || h >= end || !matches!(d, "acl" | "ccomp") {
                        continue;
                    }
                    let noun = doc.tokens[h].lemma.as_deref().unwrap_or("").to_lowercase();
                    let appeal = matches!(noun.as_str(), "call" | "appeal" | "plea" | "request");
                    if !appeal && !matches!(noun.as_str(), "demand" | "ultimatum") {
                        continue;
                    }
                    let Some(g) = doc.tokens[h].head.map(|g| g as usize) else {
                        continue;
                    };
                    if g < start || g >= end {
                        continue;
                    }
                    let who: Vec<u32> = clause(doc, start, end, g)
                        .subjects
                        .iter()
                        .filter_map(|&x| actor_in(doc, start, end, x, actor_of))
                        .collect();
                    if who.is_empty() {
                        continue;
                    }
                    let (p, _) = split_code(&coded[k].code);
                    let p = p.unwrap_or("100");
                    let code = if appeal {
                        appeal_code(p)
                    } else {
                        demand_code(p)
                    };
                    coded[k].rules.push(format!("demanded:{noun}"));
                    coded[k].code = code.to_string();
                    coded[k].targets = std::mem::take(&mut coded[k].sources);
                    coded[k].sources = who;
                    coded[k].negated = false;
                    if let Some(gi) = coded.iter().position(|c| c.verb == g) {
                        drop[gi] = true;
                    }
                }
            }
            // "Congress is asking Obama to help Iran": an asked-for act
            // that is not coded itself (a purpose clause in some parses)
            // still makes the appeal specific, from its verb's own code.
            let ch = crate::clause::children(doc, start, end);
            for g in 0..coded.len() {
                let gv = coded[g].verb;
                if !matches!(coded[g].code.as_str(), "020" | "100")
                    || !DEMAND_VERBS.contains(&lemma_of(doc, gv).as_str())
                {
                    continue;
                }
                let asked = ch[gv - start].iter().copied().find(|&x| {
                    let d = doc.tokens[x].dep.as_deref().unwrap_or("");
                    matches!(d, "xcomp" | "ccomp")
                        || (d == "advcl" && crate::clause::has_to_mark(doc, &ch, start, x))
                });
                let Some(x) = asked else { continue };
                if coded.iter().any(|c| c.verb == x) {
                    continue;
                }
                let Some(&(vid, _)) = self.verbs_at(doc, x, end).first() else {
                    continue;
                };
                if let Some(refined) = asked_for_code(&coded[g].code, self.verbs.verb_code(vid)) {
                    coded[g]
                        .rules
                        .push(format!("asked-for:{}", lemma_of(doc, x)));
                    coded[g].code = refined.to_string();
                }
            }
            // "The US claimed that ISIL had attacked Iraq and taken Mosul":
            // a verb conjoined to a reported one is reported by the same
            // speaker.
            for k in 0..coded.len() {
                let v = coded[k].verb;
                if claimant[k].is_some() || doc.tokens[v].dep.as_deref() != Some("conj") {
                    continue;
                }
                let head = doc.tokens[v].head.map(|h| h as usize);
                if let Some(j) = coded.iter().position(|c| Some(c.verb) == head) {
                    if claimant[j].is_some()
                        && coded[j].rules.iter().any(|r| r.starts_with("reported:"))
                    {
                        claimant[k] = claimant[j];
                        let r = coded[j]
                            .rules
                            .iter()
                            .find(|r| r.starts_with("reported:"))
                            .cloned();
                        coded[k].rules.extend(r);
                    }
                }
            }
            // "Syria says it is willing to withdraw": a speech verb whose
            // reported content (however deep) holds a coded event codes
            // nothing itself; the event keeps the speaker as claimant.
            for g in 0..coded.len() {
                let gl = lemma_of(doc, coded[g].verb);
                if drop[g] || !SPEECH_VERBS.contains(&gl.as_str()) {
                    continue;
                }
                let gc = clause(doc, start, end, coded[g].verb);
                let content: Vec<usize> = gc
                    .complements
                    .iter()
                    .flat_map(|&x| subtree(doc, start, end, x))
                    .collect();
                let mut any = false;
                for k in 0..coded.len() {
                    if k != g && !drop[k] && !coded[k].negated && content.contains(&coded[k].verb) {
                        any = true;
                        if claimant[k].is_none() {
                            claimant[k] = gc
                                .subjects
                                .iter()
                                .find_map(|&s| actor_in(doc, start, end, s, actor_of));
                            if let Some(w) = claimant[k] {
                                self.oblige(doc, start, end, &mut coded[k], w);
                            }
                        }
                    }
                }
                if any {
                    drop[g] = true;
                }
            }
            // "issued a declaration demanding …": the verb that issued the
            // statement codes nothing when what it says is coded.
            let participles = coded.iter().any(|c| {
                doc.tokens[c.verb].dep.as_deref() == Some("acl")
                    && doc.tokens[c.verb].tag.as_deref() == Some("VBG")
            });
            let ch = if participles {
                crate::clause::children(doc, start, end)
            } else {
                Vec::new()
            };
            for k in 0..coded.len() {
                if !participles || drop[k] || coded[k].negated {
                    continue;
                }
                if let Some(s) = crate::clause::statement_participle(doc, &ch, start, coded[k].verb)
                {
                    for g in 0..coded.len() {
                        if coded[g].verb == s {
                            drop[g] = true;
                        }
                    }
                }
            }
            // Sentence-final "…, X said": the speech verb hangs from the
            // event verb as parataxis and codes nothing itself.
            for k in 0..coded.len() {
                let v = coded[k].verb;
                let d = doc.tokens[v].dep.as_deref().unwrap_or("");
                if d == "parataxis" && SPEECH_VERBS.contains(&lemma_of(doc, v).as_str()) {
                    drop[k] = true;
                }
            }
        }
        let mut out = Vec::new();
        for (k, c) in coded.iter().enumerate() {
            if drop[k] {
                continue;
            }
            let (primary, reverse) = split_code(&c.code);
            let mut primary = primary.map(str::to_string);
            let mut reverse = reverse.map(str::to_string);
            let mut targets = c.targets.clone();
            let modal = parsed
                .then(|| clause(doc, start, end, c.verb).modal)
                .flatten()
                .or_else(|| {
                    (!parsed)
                        .then(|| linear_modal(doc, start, c.verb))
                        .flatten()
                });
            let mut rules = c.rules.clone();
            if let (Some(m), false) = (
                modal.filter(|m| FUTURE_MODALS.contains(&m.as_str())),
                self.petrarch,
            ) {
                if let Some(p) = primary
                    .as_deref()
                    .filter(|p| !p.starts_with("03") && !p.starts_with("13"))
                {
                    primary = Some(intent_code(p));
                    reverse = None;
                    rules.push(format!("modal:{m}"));
                }
            }
            let obliged: Vec<u32> = if primary.as_deref().is_some_and(|p| root(p) == "01")
                && parsed
                && self.annalist_rules
                && !self.petrarch
            {
                clause(doc, start, end, c.verb)
                    .complements
                    .iter()
                    .map(|&x| clause(doc, start, end, x))
                    .filter(|k| matches!(k.modal.as_deref(), Some("MUST" | "SHOULD")))
                    .flat_map(|k| k.subjects)
                    .filter_map(|x| actor_of[x])
                    .filter(|a| !c.sources.contains(a))
                    .collect()
            } else {
                Vec::new()
            };
            if !obliged.is_empty() {
                // "declared that China must drop barriers": a demand of
                // China ("said this should result in …" demands nothing).
                primary = Some("100".into());
                reverse = None;
                rules.push("obligation:100".into());
                targets = obliged;
            }
            if let Some(b) = primary
                .as_deref()
                .filter(|_| parsed && self.annalist_rules)
                .and_then(|p| bombing_code(doc, start, end, c.verb, p))
            {
                primary = Some(b.to_string());
                reverse = None;
                rules.push(format!("instrument:{b}"));
            }
            if c.negated {
                // Documented choice (docs/events.md): refusing cooperation
                // ("will not accept refugees", "did not meet") is CAMEO's
                // REJECT; other negated verbs ("did not attack") code nothing.
                let Some(r) = primary.as_deref().and_then(negated_code) else {
                    continue;
                };
                primary = Some(r.to_string());
                reverse = None;
                rules.push("negated".into());
            }
            if self.annalist_rules
                && primary.as_deref().is_some_and(|p| root(p) == "17")
                && matches!(
                    lemma_of(doc, c.verb).as_str(),
                    "BLOCK" | "BARRICADE" | "OBSTRUCT"
                )
                && !c.sources.is_empty()
                && c.sources
                    .iter()
                    .all(|&a| !state_actor(&doc.actors[a as usize].code))
            {
                // Workers, rebels or crowds blocking roads obstruct passage
                // in protest (144); the state blocking them coerces (17x).
                primary = Some("144".into());
                reverse = None;
                rules.push("protest:non-state".into());
            }
            let mut sources = c.sources.clone();
            if self.annalist_rules
                && parsed
                && primary
                    .as_deref()
                    .is_some_and(|p| matches!(root(p), "18" | "19" | "20"))
                && !c.rules.iter().any(|r| r.starts_with("source:"))
                && c.rules.first().is_some_and(|r| r.starts_with("verb:"))
            {
                // "Hailstorms and strong winds in south China killed two
                // people": force comes from the subject itself or its own
                // modifiers ("Israeli helicopters", "Haftar's forces"), not
                // from a place the subject is in.
                let cl = clause(doc, start, end, c.verb);
                let own = if cl.passive { &cl.agents } else { &cl.subjects };
                if !own.is_empty() {
                    let ch = crate::clause::children(doc, start, end);
                    sources.retain(|&a| {
                        own.iter()
                            .any(|&h| actor_near_head(doc, &ch, start, end, h, a))
                    });
                }
            }
            let conflict_default = self.annalist_rules
                && primary.as_deref() == Some("190")
                && c.rules
                    .first()
                    .is_some_and(|r| r.contains("[PHYSICAL_CONFLICT]") && prepositions_only(r));
            if conflict_default
                && matches!(
                    lemma_of(doc, c.verb).as_str(),
                    "ATTACK" | "ASSAIL" | "HIT" | "STRIKE"
                )
                && !sources.is_empty()
                && !targets.is_empty()
                && ((sources.iter().all(|&a| political_person(doc, a))
                    && targets.iter().all(|&a| is_person(doc, a)))
                    || (matches!(lemma_of(doc, c.verb).as_str(), "ATTACK" | "ASSAIL")
                        && sources
                            .iter()
                            .all(|&a| political_body(&doc.actors[a as usize].code))
                        && !targets
                            .iter()
                            .any(|&a| can_use_force(&doc.actors[a as usize].code))))
            {
                // "Harris attacked Biden during the debates", "Republican
                // representatives attacked the impeachment inquiry": a
                // politician or a political body attacking a person or an
                // institution (not a country or a force) criticises.
                primary = Some("111".into());
                reverse = None;
                rules.push("verbal-attack".into());
            } else if self.annalist_rules
                && primary
                    .as_deref()
                    .is_some_and(|p| matches!(root(p), "18" | "19"))
                && VERBAL_BLOWS.contains(&lemma_of(doc, c.verb).as_str())
                && c.rules.first().is_some_and(|r| prepositions_only(r))
                && !sources.is_empty()
                && !sources
                    .iter()
                    .chain(&targets)
                    .any(|&a| armed_role(&doc.actors[a as usize].code))
            {
                // "Rubio and Paul blasted a framework leaked by the White
                // House", "Labour hammered the plans": criticism.
                primary = Some("111".into());
                reverse = None;
                rules.push("verbal-attack".into());
            } else if conflict_default
                && FIGURATIVE_FORCE.contains(&lemma_of(doc, c.verb).as_str())
                && !sources
                    .iter()
                    .any(|&a| can_use_force(&doc.actors[a as usize].code))
                && !targets
                    .iter()
                    .any(|&a| armed_role(&doc.actors[a as usize].code))
                && !sources
                    .iter()
                    .any(|&a| roles(&doc.actors[a as usize].code).any(|r| PEOPLE.contains(&r)))
            {
                // "the Russian government hit the company with a tax bill",
                // "BBC hits", "grappling with losses": with no armed actor,
                // no state and no crowd involved, these verbs are figures.
                continue;
            }
            let mut pairs: Vec<(u32, u32)> = Vec::new();
            // "Israel and Egypt clashed", "Brazil and the US seek to
            // deepen a partnership": co-subjects act on each other;
            // "Israeli and Egyptian warships attacked the port" is force on
            // the port, not on each other.
            let intransitive = !parsed
                || !self.annalist_rules
                || !primary
                    .as_deref()
                    .is_some_and(|p| matches!(root(p), "17" | "18" | "19" | "20"))
                || clause(doc, start, end, c.verb).objects.is_empty();
            if targets.is_empty() && sources.len() >= 2 && intransitive {
                for &a in &sources {
                    for &b in &sources {
                        if a != b && !self.same_actor(doc, a, b) {
                            pairs.push((a, b));
                        }
                    }
                }
                rules.push("compound-reciprocal".into());
            } else {
                for &a in &sources {
                    for &b in &targets {
                        if a != b && !self.same_actor(doc, a, b) {
                            pairs.push((a, b));
                        }
                    }
                }
            }
            let speaker = claimant[k];
            let claim = speaker.map(|s| doc.actors[s as usize].code.clone());
            let attack = primary
                .as_deref()
                .is_some_and(|p| matches!(root(p), "18" | "19" | "20"));
            if let (true, true, Some(sp)) = (self.petrarch, attack, speaker) {
                // PETRARCH's SAY transformations.
                for &(a, b) in &pairs {
                    let (code, src, tgt) = if doc.actors[a as usize].code
                        == doc.actors[sp as usize].code
                        || c.rules.iter().any(|r| r == "source:speaker")
                    {
                        // The speakers' own attack ("X said it will
                        // attack"), whichever of them is the source.
                        ("015", a, b)
                    } else {
                        ("112", sp, a)
                    };
                    if src != tgt {
                        let mut r = rules.clone();
                        r.push(format!("transform:say->{code}"));
                        out.push(self.event(doc, si, c, code, src, tgt, None, r));
                    }
                }
                continue;
            }
            if pairs.is_empty() && !self.require_dyad {
                // One-sided events ("Akayev agreed to resign", "three
                // civilians were killed") when the caller accepts them; the
                // missing side is left empty.
                let one = match (sources.first(), targets.first()) {
                    (Some(&a), _) => Some((a, true)),
                    (None, Some(&b)) => Some((b, false)),
                    (None, None) => None,
                };
                if let (Some((a, is_source)), Some(p)) = (one, &primary) {
                    let mut ev = self.event(doc, si, c, p, a, a, claim.clone(), rules.clone());
                    if is_source {
                        ev.target = None;
                        ev.target_actor = None;
                        ev.rules.push("no-target".into());
                    } else {
                        ev.source = None;
                        ev.source_actor = None;
                        ev.rules.push("no-source".into());
                    }
                    ev.confidence = (ev.confidence - 0.2).max(0.0);
                    out.push(ev);
                }
            }
            let compound = rules.iter().any(|r| r == "compound-reciprocal");
            for (a, b) in pairs {
                if let Some(p) = &primary {
                    out.push(self.event(doc, si, c, p, a, b, claim.clone(), rules.clone()));
                    if reverse.is_none()
                        && !compound
                        && !self.petrarch
                        && self.annalist_rules
                        && SYMMETRIC.contains(&p.as_str())
                    {
                        // "Blair met Berlusconi": a meeting, talks or a
                        // signed agreement is an act of both sides.
                        let mut rr = rules.clone();
                        rr.push("symmetric".into());
                        out.push(self.event(doc, si, c, p, b, a, claim.clone(), rr));
                    }
                }
                if let Some(r) = &reverse {
                    let mut rr = rules.clone();
                    rr.push("reciprocal".into());
                    out.push(self.event(doc, si, c, r, b, a, claim.clone(), rr));
                }
            }
        }
        out
    }

    /// Whether two mentions are one actor, which is never its own target:
    /// PETRARCH compares codes; Annalist's conventions compare the actors
    /// themselves, so two politicians of one government can meet.
    fn same_actor(&self, doc: &Doc, a: u32, b: u32) -> bool {
        if self.petrarch || !self.annalist_rules {
            return doc.actors[a as usize].code == doc.actors[b as usize].code;
        }
        annalist_actors::same_actor(doc, a as usize, b as usize)
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        doc: &Doc,
        si: usize,
        c: &Coded,
        code: &str,
        a: u32,
        b: u32,
        claimant: Option<String>,
        rules: Vec<String>,
    ) -> Event {
        let entry = self.table.get(code);
        let src = &doc.actors[a as usize];
        let tgt = &doc.actors[b as usize];
        let mut confidence: f32 = 0.4;
        if c.pattern {
            confidence += 0.2;
        }
        if c.parsed {
            confidence += 0.2;
        }
        if !src.code.starts_with("---") && !tgt.code.starts_with("---") {
            confidence += 0.1;
        }
        let mut rules = rules;
        let mut source_code = src.code.clone();
        if self.annalist_rules && !self.petrarch {
            if let Some(side) = claimant
                .as_deref()
                .and_then(|cl| speaker_side(&src.code, cl))
            {
                // "Borrell said the foreign ministers rejected …": an
                // official of no named country, reported by a speaker, is
                // taken to be of the speaker's side.
                source_code = side;
                rules.push("source:speaker-side".into());
            }
        }
        // PLOVER puts an official's resignation under RETREAT (mode
        // "resign", PLOVER manual) where CAMEO has "accede to demands for
        // change in leadership" (083x, CONCEDE in the conversion table).
        let resignation = code.starts_with("083")
            && matches!(
                lemma_of(doc, c.verb).as_str(),
                "RESIGN" | "QUIT" | "STEP" | "ABDICATE"
            );
        let (plover, plover_mode) = if resignation {
            (Some("RETREAT".to_string()), Some("resign".to_string()))
        } else {
            (
                entry.and_then(|e| e.plover.clone()),
                entry.and_then(|e| e.mode.clone()),
            )
        };
        let modality = doc.sentences.get(si).map_or(Modality::Asserted, |s| {
            crate::modality::modality(
                doc,
                s.token_start as usize,
                s.token_end as usize,
                c.verb,
                code,
                &rules,
            )
        });
        Event {
            sentence: si as u32,
            modality,
            cameo: code.to_string(),
            root: root(code).to_string(),
            quad_class: quad_class(code),
            goldstein: entry.map_or(0.0, |e| e.goldstein),
            plover,
            source: Some(source_code),
            target: Some(tgt.code.clone()),
            source_actor: Some(a),
            target_actor: Some(b),
            trigger: Some(doc.span(c.verb, c.verb_end)),
            // Dated by the pipeline's link step, the date's owner.
            date: None,
            date_precision: None,
            confidence: confidence.min(1.0),
            cameo_name: entry.map(|e| e.name.clone()),
            plover_mode,
            claimant,
            rules,
            ..Default::default()
        }
    }
}

/// Whether a verb's place in the tree can carry an event of its own: main
/// clauses, their conjuncts and complements, and temporal adverbial
/// clauses; not participles modifying nouns, relative clauses or manner
/// clauses.
fn event_position(doc: &Doc, start: usize, end: usize, v: usize, depth: u8) -> bool {
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

/// Killing or wounding "in a suicide car bombing", "by a roadside bomb":
/// CAMEO's bombing codes (183x, unconventional violence) instead of
/// conventional force. Air raids keep their aerial code.
fn bombing_code(
    doc: &Doc,
    start: usize,
    end: usize,
    verb: usize,
    code: &str,
) -> Option<&'static str> {
    if !matches!(code, "180" | "182" | "1823" | "190" | "193" | "194") {
        return None;
    }
    let words: Vec<String> = subtree(doc, start, end, verb)
        .into_iter()
        .filter(|&i| i != verb)
        .map(|i| doc.token_text(i).to_uppercase())
        .collect();
    let has = |ws: &[&str]| words.iter().any(|w| ws.contains(&w.as_str()));
    if !has(&[
        "BOMB",
        "BOMBS",
        "BOMBING",
        "BOMBINGS",
        "BOMBER",
        "BOMBERS",
        "EXPLOSIVE",
        "EXPLOSIVES",
        "EXPLOSION",
        "BLAST",
        "IED",
        "IEDS",
    ]) || has(&[
        "AIR",
        "TANK",
        "TANKS",
        "SHELL",
        "SHELLS",
        "MINE",
        "MINES",
        "MINEFIELD",
        "LANDMINE",
        "MORTAR",
        "MORTARS",
        "AIRCRAFT",
        "AERIAL",
        "WARPLANE",
        "WARPLANES",
        "JETS",
        "AIRSTRIKE",
        "DRONE",
        "SHELLING",
        "ARTILLERY",
        "OFFENSIVE",
    ]) {
        return None;
    }
    Some(if has(&["SUICIDE"]) {
        "1831"
    } else if has(&["CAR", "VEHICLE", "TRUCK"]) {
        "1832"
    } else if has(&["ROADSIDE", "IED", "IEDS", "IMPROVISED"]) {
        "1833"
    } else {
        "183"
    })
}

/// "The government, which has been under attack by Haftar", "the convoy
/// came under fire from Russian forces": an attack told as a noun after
/// "under", its attacker after "by"/"from" (a few words on, wherever the
/// parser attached it), its target the noun's subject (the antecedent of a
/// relative pronoun) or the subject of the verb it hangs from.
fn under_attack(doc: &Doc, start: usize, end: usize, actor_of: &[Option<u32>]) -> Vec<Coded> {
    let ch = crate::clause::children(doc, start, end);
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
            .filter(|&h| h >= start && h < end);
        let dep = doc.tokens[i].dep.as_deref().unwrap_or("");
        let relative = subject
            .is_some_and(|s| matches!(doc.tokens[s].tag.as_deref(), Some("WDT" | "WP" | "IN")));
        let target_tok = match (subject, head) {
            (Some(_), Some(h)) if relative && dep.starts_with("acl") => Some(h),
            (Some(s), _) if !relative => Some(s),
            (None, Some(h)) if dep.starts_with("obl") => {
                clause(doc, start, end, h).subjects.first().copied()
            }
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
            rules: vec![format!("noun:under-{lemma} [{code}]")],
            negated: false,
            parsed: true,
            pattern: true,
        });
    }
    out
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
fn names_actor(doc: &Doc, x: usize) -> bool {
    doc.actors
        .iter()
        .any(|a| (a.span.token_start as usize) <= x && x < a.span.token_end as usize)
}

/// Whether actor `a` (or the mention it refers back to) is a person the
/// recognizer found.
fn is_person(doc: &Doc, a: u32) -> bool {
    let mut actor = &doc.actors[a as usize];
    if let Some(b) = actor.antecedent.and_then(|b| doc.actors.get(b as usize)) {
        actor = b;
    }
    let (s, e) = (actor.span.token_start, actor.span.token_end);
    doc.entities
        .iter()
        .any(|n| n.label == "PER" && n.span.token_start < e && s < n.span.token_end)
}

/// A political, legal or civic body with no arms (government, legislature,
/// party, elite, judiciary, media, NGO or rights group roles: "---LEG"
/// representatives, "USAPTY" Republicans); crowds, businesses and schools
/// are left out ("attacked by protesters" is force).
fn political_body(code: &str) -> bool {
    let rs: Vec<&str> = roles(code).collect();
    !rs.is_empty()
        && !armed_role(code)
        && rs.iter().all(|r| {
            matches!(
                *r,
                "GOV" | "LEG" | "PTY" | "ELI" | "JUD" | "MED" | "NGO" | "HRI"
            )
        })
}

/// A person in government, a legislature or a party (by role code).
fn political_person(doc: &Doc, a: u32) -> bool {
    let code = &doc.actors[a as usize].code;
    is_person(doc, a)
        && roles(code).any(|r| matches!(r, "GOV" | "LEG" | "PTY" | "ELI" | "OPP"))
        && !armed_role(code)
}

/// Whether a verb rule's pattern (if any) holds only prepositions ("HIT *
/// WITH"): it says nothing about what the verb means here.
fn prepositions_only(rule: &str) -> bool {
    let Some(p) = rule.split(";pattern:").nth(1) else {
        return true;
    };
    p.split('[')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .all(|w| w == "*" || PATTERN_PREPS.contains(&w))
}

/// Force verbs that business, sport and politics use as figures ("hit
/// record highs", "struck a chord", "fought off competition").
const FIGURATIVE_FORCE: &[&str] = &[
    "HIT", "STRIKE", "GRAPPLE", "FIGHT", "STRUGGLE", "BATTLE", "MATCH", "PIT", "CLOBBER", "BLITZ",
    "DUEL", "COMBAT", "WRESTLE", "PUMMEL",
];
/// Blows that politics deals in words ("blasted the plan", "slammed the
/// decision"): criticism unless an armed actor gives or takes them.
const VERBAL_BLOWS: &[&str] = &["BLAST", "SLAM", "LASH", "HAMMER", "ROAST", "SAVAGE"];
/// Roles of ordinary people and crowds (who do fight physically).
const PEOPLE: &[&str] = &["CVL", "PPL", "OPP", "REF", "LAB", "CRM"];

/// Who can be the source of force: an armed actor or a state (a bare
/// country code; as a target a country is often only a modifier, "weak
/// US sales").
fn can_use_force(code: &str) -> bool {
    let bare_country = code.len() == 3
        && code.chars().all(|c| c.is_ascii_uppercase())
        && !matches!(code, "IGO" | "NGO" | "MNC" | "IMG" | "MED" | "BUS");
    bare_country || armed_role(code)
}

/// A militant group (IMG…) or a role that carries arms.
fn armed_role(code: &str) -> bool {
    code.starts_with("IMG")
        || roles(code).any(|r| matches!(r, "MIL" | "REB" | "UAF" | "COP" | "SPY" | "INS"))
}

/// State roles an unnamed official can hold.
const STATE_ROLES: &[&str] = &["GOV", "MIL", "LEG", "JUD", "COP", "SPY"];

/// The code of a bare state role (`---GOV`) on the speaker's side: the
/// speaker's country or organisation with the role (`ITAGOV` said "the
/// ministers" → `ITAGOV`; `IGOEUREEC` → `IGOEUREECGOV`); `None` when the
/// role is not a bare state role or the speaker has no country.
fn speaker_side(code: &str, speaker: &str) -> Option<String> {
    let role = code.strip_prefix("---")?;
    if role.len() != 3 || !STATE_ROLES.contains(&role) {
        return None;
    }
    if !speaker.is_ascii() || !speaker.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    // The speaker's country, or its intergovernmental organisation
    // (IGO + region + body); businesses, media and groups do not lend
    // their side.
    let base_len = if speaker.starts_with("IGO") { 9 } else { 3 };
    if speaker.len() < base_len
        || ["---", "NGO", "MNC", "IMG", "UIS"]
            .iter()
            .any(|p| speaker.starts_with(p))
    {
        return None;
    }
    let (base, rest) = speaker.split_at(base_len);
    let official = rest.len() % 3 == 0
        && (0..rest.len() / 3).all(|k| {
            let seg = &rest[3 * k..3 * k + 3];
            STATE_ROLES.contains(&seg) || seg == "ELI"
        });
    official.then(|| format!("{base}{role}"))
}

/// Whether an actor code names a state agent (government, military,
/// police, courts, intelligence).
fn state_actor(code: &str) -> bool {
    roles(code).any(|r| matches!(r, "GOV" | "MIL" | "COP" | "JUD" | "SPY" | "LEG"))
}

/// The three-letter role chunks after an actor code's first three letters
/// (`SDNREBMIL` → `REB`, `MIL`).
fn roles(code: &str) -> impl Iterator<Item = &str> {
    let rest = code.get(3..).unwrap_or("");
    (0..rest.len() / 3).filter_map(move |i| rest.get(i * 3..i * 3 + 3))
}

fn is_verb_like(doc: &Doc, i: usize) -> bool {
    matches!(doc.tokens[i].pos.as_deref(), Some("VERB" | "AUX"))
}

fn show(e: &[Elem]) -> String {
    e.iter()
        .map(|x| match x {
            Elem::Word(w) => w.clone(),
            Elem::Syn(s) => s.clone(),
            Elem::Source => "$".into(),
            Elem::Target => "+".into(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `ANNALIST_EVENTS_TRACE=1` prints every coded verb before roles are
/// combined (with `examples/trace.rs`, for dictionary work).
fn trace_on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ANNALIST_EVENTS_TRACE").is_some())
}

fn word_eq(t: &Tok, w: &str) -> bool {
    if t.form == w || t.lemma == w {
        return true;
    }
    let (f, wb) = (t.form.as_bytes(), w.as_bytes());
    // Plurals the dictionary lists in the singular ("SANCTIONS").
    if f.starts_with(wb)
        && ((f.len() == wb.len() + 1 && f.ends_with(b"S"))
            || (f.len() == wb.len() + 2 && f.ends_with(b"ES")))
    {
        return true;
    }
    // "BOMBING/EXPLOSION": CAMEO.2.0's alternatives within one word (each
    // alternative is shorter than the whole by at least two bytes).
    wb.len() >= f.len() + 2
        && wb.contains(&b'/')
        && w.split('/').any(|alt| !alt.is_empty() && word_eq(t, alt))
}

fn lemma_of(doc: &Doc, i: usize) -> String {
    doc.tokens[i]
        .lemma
        .as_deref()
        .map(str::to_uppercase)
        .unwrap_or_else(|| doc.token_text(i).to_uppercase())
}

fn is_null_actor(doc: &Doc, a: u32) -> bool {
    doc.actors[a as usize].code.starts_with("---")
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
fn actor_in(
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

fn linear_negated(doc: &Doc, start: usize, v: usize) -> bool {
    (v.saturating_sub(3).max(start)..v).any(|i| {
        matches!(
            doc.token_text(i).to_uppercase().as_str(),
            "NOT" | "N'T" | "NEVER"
        )
    })
}

fn linear_modal(doc: &Doc, start: usize, v: usize) -> Option<String> {
    (v.saturating_sub(3).max(start)..v)
        .map(|i| doc.token_text(i).to_uppercase())
        .find(|w| FUTURE_MODALS.contains(&w.as_str()))
}

/// The specific appeal or demand an unspecific one (`020`, `100`) becomes
/// when what it asks for is coded `asked`; `None` when nothing is gained.
fn asked_for_code(governor: &str, asked: &str) -> Option<&'static str> {
    let (p, _) = split_code(asked);
    let refined = match (governor, p?) {
        ("020", p) => appeal_code(p),
        ("100", p) => demand_code(p),
        _ => return None,
    };
    (!matches!(refined, "020" | "100")).then_some(refined)
}

/// The CAMEO APPEAL (02x) code for appealing for the act `code` stands
/// for.
fn appeal_code(code: &str) -> &'static str {
    let sub = code.get(2..3).unwrap_or("");
    match root(code) {
        // Asking someone to fight is asking for military cooperation.
        "15" | "17" | "18" | "19" | "20" => "021",
        "04" if sub == "5" => "028",
        "04" => "026",
        "05" => "022",
        "06" => match sub {
            "1" => "0211",
            "2" => "0212",
            "3" => "0213",
            "4" => "0214",
            _ => "021",
        },
        "07" => match sub {
            "1" => "0231",
            "2" => "0232",
            "3" => "0233",
            "4" => "0234",
            _ => "023",
        },
        "08" => match sub {
            "1" => "0251",
            "2" => "0252",
            "4" => "0253",
            "5" => "0254",
            "6" => "0255",
            "7" => "0256",
            _ => "025",
        },
        _ => "020",
    }
}

/// The CAMEO DEMAND (10x) code for demanding the act `code` stands for.
fn demand_code(code: &str) -> &'static str {
    let sub = code.get(2..3).unwrap_or("");
    match root(code) {
        "04" => "108",
        "07" => match sub {
            "1" => "1031",
            "2" => "1032",
            "3" => "1033",
            _ => "103",
        },
        "08" if code.starts_with("087") => "107",
        "09" => "101",
        _ => "100",
    }
}

/// The CAMEO REJECT (12x) code for refusing the cooperation `code`
/// stands for, or `None` when a negated `code` is no event (statements,
/// appeals, conflict).
pub fn negated_code(code: &str) -> Option<&'static str> {
    let sub = code.get(2..3).unwrap_or("");
    Some(match root(code) {
        "03" => match sub {
            "1" => "121",
            "3" => "122",
            "4" => "123",
            "5" => "124",
            "6" => "125",
            "7" | "8" => "126",
            "9" => "127",
            _ => "120",
        },
        "04" => match sub {
            "5" => "126",
            _ => "125",
        },
        "05" => match sub {
            "7" => "127",
            _ => "120",
        },
        "06" => "121",
        "07" => "122",
        "08" => match sub {
            "1" => "1241",
            "3" => "123",
            "4" => "1243",
            "5" => "1244",
            "6" => "1245",
            "7" => "1246",
            _ => "124",
        },
        _ => return None,
    })
}

/// The intent code for an event code: cooperation roots map to CAMEO's
/// "express intent" codes (03x), conflict roots to threats (13x).
pub fn intent_code(code: &str) -> String {
    let sub = code.get(2..3).unwrap_or("");
    match root(code) {
        "01" | "02" | "03" | "09" | "13" => code.to_string(),
        "04" => "036".into(),
        "05" => "032".into(),
        "06" => match sub {
            "1" => "0311".into(),
            "2" => "0312".into(),
            "3" => "0313".into(),
            "4" => "0314".into(),
            _ => "031".into(),
        },
        "07" => match sub {
            "1" => "0331".into(),
            "2" => "0332".into(),
            "3" => "0333".into(),
            "4" => "0334".into(),
            _ => "033".into(),
        },
        "08" => "035".into(),
        "10" | "11" | "12" => "130".into(),
        "14" => "133".into(),
        "15" => "138".into(),
        "16" => match code {
            "161" => "1313",
            "164" => "134",
            "165" => "135",
            "163" => "1312",
            c if c.starts_with("162") => "1311",
            c if c.starts_with("166") => "136",
            _ => "131",
        }
        .into(),
        "17" => match code {
            "1721" => "1321",
            "1722" => "1322",
            "1723" => "1323",
            "1724" => "1324",
            "172" => "132",
            "173" | "174" | "175" => "137",
            _ => "130",
        }
        .into(),
        "18" => "1383".into(),
        "19" => match code {
            "191" => "1381",
            "192" => "1382",
            _ => "138",
        }
        .into(),
        "20" => match code {
            c if c.starts_with("204") => "1385",
            _ => "138",
        }
        .into(),
        _ => code.to_string(),
    }
}

fn add_dedup(events: &mut Vec<Event>, ev: Event) {
    if let Some(e) = events
        .iter_mut()
        .find(|e| e.source == ev.source && e.target == ev.target && e.cameo == ev.cameo)
    {
        if let Some(t) = ev.trigger {
            if e.trigger != Some(t) && !e.mentions.contains(&t) {
                e.mentions.push(t);
            }
        }
        return;
    }
    events.push(ev);
}

/// The event stage: codes events from the actors and the parse.
pub struct EventStage {
    coder: Coder,
    learned: Option<Shared<crate::learned::LearnedCoder>>,
    confidence: Option<Shared<crate::confidence::ConfidenceModel>>,
}

impl EventStage {
    /// The stage with the shipped dictionary and models.
    pub fn standard() -> Self {
        Self::new(Coder::standard())
    }

    /// The stage with the shipped dictionary, and the learned coder and
    /// confidence model built in or from `models`' `events/` folder
    /// (`learned-triggers.anlm`, `learned-args.anlm`, `learned-codes.tsv`,
    /// `confidence.json`, as `annalist train events` writes).
    pub fn load(models: &Models) -> Result<Self, ModelError> {
        use crate::confidence::ConfidenceModel;
        use crate::learned::LearnedCoder;
        let verbs = standard_verbs_checked()
            .map_err(|e| ModelError::new("events", "built-in verb dictionary", e))?;
        let coder = Coder::new(verbs).with_annalist_rules(true);
        let (learned, confidence) = match models.folder("events") {
            Some(dir) => {
                let t = dir.join("learned-triggers.anlm");
                let a = dir.join("learned-args.anlm");
                let c = dir.join("learned-codes.tsv");
                let j = dir.join("confidence.json");
                let (tb, ab) = (Models::read("events", &t)?, Models::read("events", &a)?);
                let codes = Models::read_text("events", &c)?;
                let learned = LearnedCoder::from_files(
                    (t.to_str().unwrap_or("learned-triggers.anlm"), &tb),
                    (a.to_str().unwrap_or("learned-args.anlm"), &ab),
                    &codes,
                )
                .map_err(|(f, e)| ModelError::new("events", f, e))?
                .map(Shared::from);
                let conf = Models::parse_text("events", &j, ConfidenceModel::from_json)?;
                let conf = (!conf.weights.is_empty()).then(|| Shared::from(conf));
                (learned, conf)
            }
            None => (
                LearnedCoder::shipped()
                    .map_err(|(f, e)| ModelError::new("events", format!("built-in {f}"), e))?
                    .map(Shared::Static),
                ConfidenceModel::shipped()
                    .map_err(|e| ModelError::new("events", "built-in confidence.json", e))?
                    .map(Shared::Static),
            ),
        };
        Ok(EventStage {
            coder,
            learned,
            confidence,
        })
    }

    /// The stage with a given coder and the shipped models.
    pub fn new(coder: Coder) -> Self {
        EventStage {
            coder,
            learned: crate::learned::LearnedCoder::standard().map(Shared::Static),
            confidence: crate::confidence::ConfidenceModel::standard().map(Shared::Static),
        }
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    /// 3: parse mends, passive patterns, force and figure rules, speaker's
    /// side (2026-11-29; 2: event nouns, governing verbs, negation as
    /// REJECT).
    fn version(&self) -> String {
        "3".into()
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Tokens,
            Layer::Sentences,
            Layer::Tags,
            Layer::Parse,
            Layer::Actors,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        self.coder.code(doc);
        crate::learned::finish(doc, self.learned.as_deref());
        if let Some(m) = &self.confidence {
            crate::confidence::apply(m, doc);
        }
        Ok(())
    }
}
