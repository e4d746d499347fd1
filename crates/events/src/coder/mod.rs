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
//!
//! The coder runs a sentence through passes, one file each, in this order
//! ([`Coder::code_sentence`]):
//! 1. `candidates`: the tokens that can trigger an event and the
//!    dictionary verbs they are (and attacks told as nouns, "under attack
//!    by");
//! 2. `patterns`: the pattern of the verb's block that best fits its
//!    clause gives the code, or an event-noun object does ("held talks");
//! 3. `arguments`: source and target actors from the clause (or, without
//!    a parse, from the word order);
//! 4. `governors`: verbs governing other coded verbs (intent, aspect,
//!    refusal, demand, speech) rewrite them or code nothing themselves;
//! 5. `classify`: each remaining verb's final code (future, obligation,
//!    instrument, negation, protest, verbal attacks and figures), with the
//!    CAMEO code arithmetic of `codes`;
//! 6. `emit`: actor pairs and the event records;
//! 7. `dedup`: one event per (source, target, code) in a story.
//!
//! Helpers: `actors` says what an actor code names (a state, an armed
//! group, a politician); `modals` reads negators and modal auxiliaries;
//! `rules` holds the evidence the passes record (`Rule`), written as the
//! strings of `Event::rules` only in the event record;
//! `conventions` holds [`Conventions`] and the switches derived from it;
//! `stage` is the pipeline stage around the coder.

mod actors;
mod arguments;
mod candidates;
mod classify;
mod codes;
mod conventions;
mod dedup;
mod emit;
mod governors;
mod modals;
mod patterns;
mod rules;
mod stage;

pub use codes::intent_code;
pub use conventions::Conventions;
pub use stage::EventStage;

use crate::cameo::CameoTable;
use crate::clause::{clause, has_parse, Clause};
use crate::verbs::VerbDict;
use annalist_doc::{Doc, Event};
use conventions::Switches;
use patterns::Upper;
use rules::Rule;
use std::sync::{Arc, OnceLock};

static VERBS_TSV: &str = include_str!("../../data/verbs.tsv");
static VERBS_EXTRA_TSV: &str = include_str!("../../data/verbs-extra.tsv");

/// The coder with its dictionary.
pub struct Coder {
    verbs: Arc<VerbDict>,
    table: &'static CameoTable,
    discards: Vec<String>,
    conventions: Conventions,
    annalist_rules: bool,
    /// Derived from `conventions` and `annalist_rules` whenever either is
    /// set; the passes read only these.
    switches: Switches,
    require_dyad: bool,
    trace: bool,
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

/// One sentence as the passes see it.
#[derive(Clone, Copy)]
struct Sentence<'a> {
    doc: &'a Doc,
    /// The sentence's index in `doc.sentences`.
    index: usize,
    /// Its tokens, `[start, end)`.
    start: usize,
    end: usize,
    /// Whether it has a dependency parse (else the linear fallback).
    parsed: bool,
    /// The actor mention covering each token of the document.
    actor_of: &'a [Option<u32>],
}

impl Sentence<'_> {
    /// The clause of the verb at `v`.
    fn clause(&self, v: usize) -> Clause {
        clause(self.doc, self.start, self.end, v)
    }

    /// Children of each token of the sentence (index `i - start`).
    fn children(&self) -> Vec<Vec<usize>> {
        crate::clause::children(self.doc, self.start, self.end)
    }

    /// Whether `i` is a token of the sentence.
    fn contains(&self, i: usize) -> bool {
        i >= self.start && i < self.end
    }
}

/// One coded verb (or event noun) before governing verbs and code choice.
#[derive(Debug, Clone)]
struct Coded {
    verb: usize,
    verb_end: usize,
    code: String,
    sources: Vec<u32>,
    targets: Vec<u32>,
    rules: Vec<Rule>,
    negated: bool,
    parsed: bool,
    /// Whether a pattern (not only the block's default code) matched.
    pattern: bool,
    /// Codes nothing itself: a governing verb whose governed act carries
    /// the event ("plans to visit"), or an act only asked for.
    dropped: bool,
    /// The speaker who reports the event.
    claimant: Option<u32>,
}

impl Coder {
    /// A coder over `verbs`, with Annalist's conventions and without its
    /// lexical rules (the dictionary runs as it is).
    pub fn new(verbs: Arc<VerbDict>) -> Self {
        let mut block_lemmas = vec![Vec::new(); verbs.blocks.len()];
        for v in &verbs.verbs {
            if let Some(ls) = block_lemmas.get_mut(v.block) {
                ls.push(v.lemma.clone());
            }
        }
        let conventions = Conventions::default();
        Coder {
            block_lemmas,
            verbs,
            table: CameoTable::standard(),
            discards: Vec::new(),
            conventions,
            annalist_rules: false,
            switches: Switches::new(conventions, false),
            require_dyad: true,
            trace: false,
        }
    }

    /// The coder with the shipped dictionary and Annalist's event-noun
    /// table.
    pub fn standard() -> Self {
        Self::new(standard_verbs()).with_annalist_rules(true)
    }

    /// Whether an event needs a target actor (default: yes, PETRARCH's
    /// `require_dyad`). When not, a verb with a source and no target codes a
    /// one-sided event (PLOVER records such events).
    pub fn with_require_dyad(mut self, on: bool) -> Self {
        self.require_dyad = on;
        self
    }

    /// Follows `conventions` where PETRARCH-2 and Annalist differ (default:
    /// Annalist's); [`Conventions`] says what each changes.
    /// `Conventions::Petrarch` scores against suites coded with PETRARCH-2.
    pub fn with_conventions(mut self, conventions: Conventions) -> Self {
        self.conventions = conventions;
        self.switches = Switches::new(conventions, self.annalist_rules);
        self
    }

    /// The conventions the coder follows.
    pub fn conventions(&self) -> Conventions {
        self.conventions
    }

    /// Whether Annalist's lexical rules apply on top of the dictionary:
    /// support verbs take their code from an event noun object ("held
    /// talks", "imposed a curfew"; `data/event-nouns.tsv`) and killings by
    /// bombs get CAMEO's bombing codes (the full list is in
    /// `coder/conventions.rs`). Off for a coder built with [`Coder::new`]
    /// from other dictionaries, so that they run as they are.
    pub fn with_annalist_rules(mut self, on: bool) -> Self {
        self.annalist_rules = on;
        self.switches = Switches::new(self.conventions, on);
        self
    }

    /// Prints every coded verb to standard error before governing verbs
    /// and code choice (for dictionary work, with `examples/trace.rs`); the
    /// events are the same either way.
    pub fn with_trace(mut self, on: bool) -> Self {
        self.trace = on;
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

    /// Fills `doc.events` from `doc.actors` and the parse (when present).
    pub fn code(&self, doc: &mut Doc) {
        doc.events.clear();
        // Coded on a mended parse where the parser left a sentence without
        // a verbal head (see `repair`); the parser's tree is given back.
        let (saved, sentences) = if self.switches.lexical {
            crate::repair::apply(doc)
        } else {
            (Vec::new(), Vec::new())
        };
        let mut events = self.events_of(doc);
        crate::repair::restore(doc, saved);
        for e in &mut events {
            if sentences.contains(&(e.sentence as usize)) {
                e.rules.push(Rule::ParseMended.to_string());
            }
        }
        doc.events = events;
    }

    /// The events of every sentence not discarded, one per (source,
    /// target, code).
    fn events_of(&self, doc: &Doc) -> Vec<Event> {
        let actor_of = actor_index(doc);
        let mut events: Vec<Event> = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let (start, end) = (s.token_start as usize, s.token_end as usize);
            if start >= end || end > doc.tokens.len() || self.discarded(doc, start, end) {
                continue;
            }
            let sentence = Sentence {
                doc,
                index: si,
                start,
                end,
                parsed: has_parse(doc, start, end),
                actor_of: &actor_of,
            };
            for ev in self.code_sentence(&sentence) {
                dedup::add_dedup(&mut events, ev);
            }
        }
        events
    }

    /// The passes over one sentence, in order.
    fn code_sentence(&self, s: &Sentence) -> Vec<Event> {
        let triggers = self.triggers(s);
        let up = Upper::new(s.doc, s.start, s.end);
        let mut coded: Vec<Coded> = triggers
            .iter()
            .filter_map(|&v| self.code_verb(s, &up, v, &triggers))
            .collect();
        if s.parsed && self.switches.lexical {
            coded.extend(candidates::under_attack(s));
        }
        if self.trace {
            trace(s.doc, &coded);
        }
        self.govern(s, &mut coded);
        let mut out = Vec::new();
        for c in coded.iter().filter(|c| !c.dropped) {
            if let Some(choice) = self.classify(s, c) {
                out.extend(self.emit(s, c, choice));
            }
        }
        out
    }

    /// Codes the verb at `v` (one of the sentence's `triggers`): the code of
    /// its best pattern or event noun, and its actors; `None` when it codes
    /// nothing.
    fn code_verb(&self, s: &Sentence, up: &Upper, v: usize, triggers: &[usize]) -> Option<Coded> {
        if s.parsed && !candidates::event_position(s.doc, s.start, s.end, v, 0) {
            return None;
        }
        let cl = s.parsed.then(|| s.clause(v));
        let (pre_idx, post_idx) = arguments::sides(s, cl.as_ref(), v, triggers);
        let best = self.best_pattern(s, up, v, cl.as_ref(), &pre_idx, &post_idx);
        let (hit, n) = self.with_event_noun(s, v, cl.as_ref(), best)?;
        let mut rules = vec![hit.rule];
        let (mut sources, mut targets) = match &cl {
            Some(c) => arguments::roles_parsed(s, c, &post_idx, &mut rules),
            None => arguments::roles_linear(s, v, &post_idx, &mut rules),
        };
        // Actors in a pattern's `+`/`$` slots override the clause's.
        if let Some(t) = hit.target {
            targets = vec![t];
        }
        if let Some(a) = hit.source {
            sources = vec![a];
        }
        Some(Coded {
            verb: v,
            verb_end: v + n,
            code: hit.code,
            sources,
            targets,
            rules,
            negated: cl.as_ref().is_some_and(|c| c.negated)
                || (!s.parsed && modals::linear_negated(s.doc, s.start, v)),
            parsed: s.parsed,
            pattern: hit.score > 0,
            dropped: false,
            claimant: None,
        })
    }
}

/// The actor mention covering each token (the first, where mentions
/// overlap).
fn actor_index(doc: &Doc) -> Vec<Option<u32>> {
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
    actor_of
}

/// Prints the coded verbs of a sentence ([`Coder::with_trace`]).
fn trace(doc: &Doc, coded: &[Coded]) {
    for c in coded {
        eprintln!(
            "   coded {} {} src {:?} tgt {:?} neg {} {:?}",
            doc.token_text(c.verb),
            c.code,
            c.sources,
            c.targets,
            c.negated,
            rules::strings(&c.rules)
        );
    }
}

/// The token's lemma in upper case (its form where it has none).
fn lemma_of(doc: &Doc, i: usize) -> String {
    doc.tokens[i]
        .lemma
        .as_deref()
        .map(str::to_uppercase)
        .unwrap_or_else(|| doc.token_text(i).to_uppercase())
}

/// Whether the token is a verb or an auxiliary.
fn is_verb_like(doc: &Doc, i: usize) -> bool {
    matches!(doc.tokens[i].pos.as_deref(), Some("VERB" | "AUX"))
}
