//! The learned event coder, trained on the news event corpus
//! (`corpora/news-events/`, docs/annotation.md) by `annalist train events`.
//!
//! Two averaged perceptrons (`annalist_linear`) read the document's tags,
//! parse and actor mentions:
//!
//! 1. **Triggers**: every verb and noun of a sentence is classified as no
//!    event (`O`) or as the CAMEO root of the event it expresses, from its
//!    lemma, its place in the tree, its dependents (negation, modals,
//!    particles, prepositions) and whether actors fill its subject and
//!    object.
//! 2. **Arguments**: for a trigger, every actor mention of the sentence is
//!    classified as source, target or neither, from the dependency path
//!    between them, word order and distance, and the mention's role.
//!
//! The full code is the one annotators gave most often to the trigger's
//! lemma with that root (`model/learned-codes.tsv`), else the root's most
//! frequent code. The dictionary coder's events are evidence: the trigger
//! model reads the roots the dictionary gives each word as features, and a
//! dictionary event whose trigger the model scores as no event is dropped;
//! where both code the same trigger, the dictionary's finer code is kept.

use crate::cameo::{quad_class, root, CameoTable};
use annalist_doc::{Doc, Event, Modality};
use annalist_linear::{hash, Compact, Model, Trainer};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Trigger classes: no event, then the twenty CAMEO roots.
pub fn trigger_labels() -> Vec<String> {
    std::iter::once("O".to_string())
        .chain((1..=20).map(|r| format!("{r:02}")))
        .collect()
}

/// Argument classes.
pub const ROLES: [&str; 3] = ["none", "source", "target"];

const TRIGGERS_MODEL: &[u8] = include_bytes!("../model/learned-triggers.anlm");
const ARGS_MODEL: &[u8] = include_bytes!("../model/learned-args.anlm");
const CODES_TSV: &str = include_str!("../model/learned-codes.tsv");

/// The two models and the code table.
pub struct LearnedCoder {
    /// Laid out for fast lookups: it scores every verb and noun.
    triggers: Compact,
    args: Model,
    /// `LEMMA\tROOT` → code, and `\tROOT` → the root's most frequent code.
    codes: BTreeMap<String, String>,
    /// How far below the no-event score an event class may score and still
    /// be taken (chosen on the dev split: the perceptron is conservative
    /// on a rare class).
    pub trigger_margin: f32,
    /// The same for a mention as source or target.
    pub arg_margin: f32,
    /// How far the no-event score must beat every event class at a
    /// dictionary event's trigger for the model to drop that event (at
    /// least the trigger margin; `f32::INFINITY` keeps every dictionary
    /// event).
    pub veto_margin: f32,
}

impl LearnedCoder {
    /// The shipped models; `None` when none is shipped (empty files).
    pub fn standard() -> Option<&'static LearnedCoder> {
        Self::shipped().ok().flatten()
    }

    /// The shipped models, `None` when none is shipped (empty files), an
    /// error naming the file when one does not load.
    pub fn shipped() -> Result<Option<&'static LearnedCoder>, (&'static str, String)> {
        static C: OnceLock<Result<Option<LearnedCoder>, (&'static str, String)>> = OnceLock::new();
        C.get_or_init(|| {
            Self::from_files(
                ("learned-triggers.anlm", TRIGGERS_MODEL),
                ("learned-args.anlm", ARGS_MODEL),
                CODES_TSV,
            )
            .map_err(|(f, e)| (f, e.to_string()))
        })
        .as_ref()
        .map(Option::as_ref)
        .map_err(Clone::clone)
    }

    /// The coder from the contents of its three files (`None` when either
    /// model file is empty: no learned coder). The error names the file.
    pub fn from_files<'a>(
        triggers: (&'a str, &[u8]),
        args: (&'a str, &[u8]),
        codes: &str,
    ) -> Result<Option<Self>, (&'a str, annalist_linear::LinearError)> {
        if triggers.1.is_empty() || args.1.is_empty() {
            return Ok(None);
        }
        let (codes, trigger_margin, arg_margin, veto_margin) = parse_codes(codes);
        Ok(Some(LearnedCoder {
            triggers: Compact::from_model_bytes(triggers.1).map_err(|e| (triggers.0, e))?,
            args: Model::from_bytes(args.1).map_err(|e| (args.0, e))?,
            codes,
            trigger_margin,
            arg_margin,
            veto_margin,
        }))
    }

    /// A coder from trained parts.
    pub fn new(
        triggers: Model,
        args: Model,
        codes: BTreeMap<String, String>,
    ) -> Result<Self, annalist_linear::LinearError> {
        Ok(LearnedCoder {
            triggers: Compact::from_model(&triggers)?,
            args,
            codes,
            trigger_margin: 0.0,
            arg_margin: 0.0,
            veto_margin: f32::INFINITY,
        })
    }

    /// The code table as written to `learned-codes.tsv`, the margins first.
    pub fn codes_tsv(&self) -> String {
        let mut tsv = format!(
            "# lemma\troot\tcode (written by annalist train events)\n#margins\t{}\t{}\t{}\n",
            self.trigger_margin, self.arg_margin, self.veto_margin
        );
        for (k, v) in &self.codes {
            tsv.push_str(&format!("{k}\t{v}\n"));
        }
        tsv
    }

    /// The events the models find in `doc` (not added to it).
    pub fn code(&self, doc: &Doc) -> Vec<Event> {
        self.code_with_verdicts(doc).0
    }

    /// [`LearnedCoder::code`], and the tokens the trigger model scored and
    /// found no event at (by the veto margin), in text order.
    pub fn code_with_verdicts(&self, doc: &Doc) -> (Vec<Event>, Vec<usize>) {
        let mut no_event = Vec::new();
        let table = CameoTable::standard();
        let heads = mention_heads(doc);
        let mut out = Vec::new();
        let mut scratch = Vec::new();
        let mut found = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let (start, end) = (s.token_start as usize, s.token_end as usize);
            if end > doc.tokens.len() || start >= end {
                continue;
            }
            if !heads.iter().any(|&h| h >= start && h < end) {
                continue;
            }
            let bare = Sentence::bare(start, end, &heads);
            if !(start..end).any(|t| candidate(doc, t) && bare.near_actor(doc, t)) {
                continue;
            }
            let ctx = Sentence::new(doc, start, end, &heads);
            for t in start..end {
                if !candidate(doc, t) || !ctx.near_actor(doc, t) {
                    continue;
                }
                let f = trigger_features(doc, &ctx, t);
                self.triggers.scores(&f, &mut scratch, &mut found);
                let Some(k) = scratch
                    .iter()
                    .enumerate()
                    .skip(1)
                    .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
                    .map(|(k, _)| k)
                else {
                    continue;
                };
                if scratch[k] + self.trigger_margin <= scratch[0] {
                    if scratch[k] + self.veto_margin.max(self.trigger_margin) <= scratch[0] {
                        no_event.push(t);
                    }
                    continue;
                }
                let r = self.triggers.labels()[k].clone();
                let (src, tgt) = self.arguments(doc, &ctx, t, &r, &mut scratch);
                let Some(src) = src else {
                    continue;
                };
                let lemma = lemma(doc, t);
                let code = self
                    .codes
                    .get(&format!("{lemma}\t{r}"))
                    .or_else(|| self.codes.get(&format!("\t{r}")))
                    .cloned()
                    .unwrap_or_else(|| format!("{r}0"));
                let entry = table.get(&code);
                let src_a = &doc.actors[src];
                out.push(Event {
                    sentence: si as u32,
                    cameo: code.clone(),
                    root: root(&code).to_string(),
                    quad_class: quad_class(&code),
                    goldstein: entry.map_or(0.0, |e| e.goldstein),
                    plover: entry.and_then(|e| e.plover.clone()),
                    plover_mode: entry.and_then(|e| e.mode.clone()),
                    cameo_name: entry.map(|e| e.name.clone()),
                    source: Some(src_a.code.clone()),
                    source_actor: Some(src as u32),
                    target: tgt.map(|b| doc.actors[b].code.clone()),
                    target_actor: tgt.map(|b| b as u32),
                    trigger: Some(doc.span(t, t + 1)),
                    // Dated by the pipeline's link step, the date's owner.
                    date: None,
                    date_precision: None,
                    confidence: 0.5,
                    modality: Modality::Asserted,
                    rules: vec![format!("learned:{lemma}")],
                    ..Default::default()
                });
                let e = out.last_mut().expect("just pushed");
                e.modality = crate::modality::modality(doc, start, end, t, &code, &e.rules);
            }
        }
        (out, no_event)
    }

    /// The best source and target mentions for trigger `t` with root `r`.
    fn arguments(
        &self,
        doc: &Doc,
        ctx: &Sentence,
        t: usize,
        r: &str,
        scratch: &mut Vec<f32>,
    ) -> (Option<usize>, Option<usize>) {
        let mut best_src: Option<(f32, usize)> = None;
        let mut best_tgt: Option<(f32, usize)> = None;
        for &(a, h) in &ctx.actors {
            let f = arg_features(doc, ctx, t, a, h, r);
            self.args.scores(&f, scratch);
            let (none, s, g) = (scratch[0] - self.arg_margin, scratch[1], scratch[2]);
            if s > none && best_src.is_none_or(|b| s - none > b.0) {
                best_src = Some((s - none, a));
            }
            if g > none && best_tgt.is_none_or(|b| g - none > b.0) {
                best_tgt = Some((g - none, a));
            }
        }
        let src = best_src.map(|b| b.1);
        let mut tgt = best_tgt.map(|b| b.1);
        if let (Some(s), Some(g)) = (src, tgt) {
            // An actor is never its own target.
            if s == g || doc.actors[s].code == doc.actors[g].code {
                tgt = None;
            }
        }
        (src, tgt)
    }
}

fn parse_codes(text: &str) -> (BTreeMap<String, String>, f32, f32, f32) {
    // Trigger, argument and veto margins; a table without the third keeps
    // every dictionary event.
    let mut margins = (0.0, 0.0, f32::INFINITY);
    if let Some(l) = text.lines().find(|l| l.starts_with("#margins\t")) {
        let mut p = l.split('\t').skip(1).map(|x| x.parse().unwrap_or(0.0));
        margins = (
            p.next().unwrap_or(0.0),
            p.next().unwrap_or(0.0),
            p.next().unwrap_or(f32::INFINITY),
        );
    }
    let codes = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut p = l.split('\t');
            let (lemma, r, code) = (p.next()?, p.next()?, p.next()?);
            Some((format!("{lemma}\t{r}"), code.to_string()))
        })
        .collect();
    (codes, margins.0, margins.1, margins.2)
}

/// The syntactic head of a span: its token whose head lies outside it (the
/// last token when the tree gives none).
pub fn span_head(doc: &Doc, span: &annalist_doc::Span) -> usize {
    let r = span.tokens();
    r.clone()
        .find(|&i| {
            doc.tokens[i]
                .head
                .is_none_or(|h| !r.contains(&(h as usize)))
        })
        .unwrap_or(r.end.saturating_sub(1))
}

/// The syntactic head token of each actor mention.
pub fn mention_heads(doc: &Doc) -> Vec<usize> {
    doc.actors.iter().map(|a| span_head(doc, &a.span)).collect()
}

/// Template id of the sentence's content words (`bow`).
const BOW_FEATURE: u32 = 0xB0;

/// What the features of one sentence share.
pub struct Sentence {
    start: usize,
    end: usize,
    children: Vec<Vec<usize>>,
    /// Actor mentions of the sentence: (index into `doc.actors`, head).
    pub actors: Vec<(usize, usize)>,
    /// For each token of the sentence, the actor mention it heads.
    actor_at: Vec<Option<usize>>,
    /// The sentence's content words as features (`bow=LEMMA`), each once.
    bow: Vec<u64>,
    /// For each token of the sentence, the roots of the dictionary coder's
    /// events triggered there (evidence for the trigger model).
    dict: Vec<Vec<String>>,
}

impl Sentence {
    /// The context of sentence `[start, end)`.
    pub fn new(doc: &Doc, start: usize, end: usize, heads: &[usize]) -> Self {
        let mut ctx = Self::bare(start, end, heads);
        ctx.children = crate::clause::children(doc, start, end);
        let mut bow: Vec<u64> = (start..end)
            .filter(|&i| {
                matches!(
                    doc.tokens[i].pos.as_deref(),
                    Some("ADJ" | "VERB" | "NOUN" | "ADV")
                )
            })
            // The lemma lower-cased as it is hashed: no string built per
            // word (a template id keeps these apart from other features).
            .map(|i| {
                let l = doc.tokens[i]
                    .lemma
                    .as_deref()
                    .unwrap_or_else(|| doc.token_text(i));
                hash::feature(BOW_FEATURE, hash::lower(l))
            })
            .collect();
        bow.sort_unstable();
        bow.dedup();
        ctx.bow = bow;
        // The dictionary coder's events are in the document when the
        // models run (the stage and training both code with it first).
        for e in &doc.events {
            let Some(t) = e.trigger else { continue };
            for i in t.token_start as usize..t.token_end as usize {
                if i >= start && i < end && !ctx.dict[i - start].contains(&e.root) {
                    ctx.dict[i - start].push(e.root.clone());
                }
            }
        }
        ctx
    }

    /// The sentence's actor mentions only (no parse children, no words):
    /// enough for [`Sentence::near_actor`], to skip sentences with nothing
    /// to score before paying for the rest.
    pub fn bare(start: usize, end: usize, heads: &[usize]) -> Self {
        let mut actors = Vec::new();
        let mut actor_at = vec![None; end - start];
        for (a, &h) in heads.iter().enumerate() {
            if h >= start && h < end {
                actors.push((a, h));
                actor_at[h - start] = Some(a);
            }
        }
        Sentence {
            start,
            end,
            children: Vec::new(),
            actors,
            actor_at,
            bow: Vec::new(),
            dict: vec![Vec::new(); end - start],
        }
    }

    /// Whether an actor mention of the sentence is an argument of token
    /// `t` in the parse: a dependent of `t` or of a dependent of `t`
    /// ("talks with Blair", "met the envoy of Italy"), or a dependent of
    /// `t`'s head ("Musharraf held talks"). Other verbs and nouns are not
    /// scored: the models rarely find an event there, and scoring every
    /// word of every sentence with an actor was the events stage's largest
    /// cost.
    pub fn near_actor(&self, doc: &Doc, t: usize) -> bool {
        let up = self.head(doc, t);
        self.actors.iter().any(|&(_, h)| {
            let hh = self.head(doc, h);
            hh == Some(t)
                || hh.is_some_and(|x| self.head(doc, x) == Some(t))
                || (up.is_some() && hh == up)
        })
    }

    fn kids(&self, i: usize) -> &[usize] {
        &self.children[i - self.start]
    }

    fn head(&self, doc: &Doc, i: usize) -> Option<usize> {
        doc.tokens[i]
            .head
            .map(|h| h as usize)
            .filter(|&h| h >= self.start && h < self.end && h != i)
    }

    /// Ancestors of `i` from `i` itself up to the root (at most 12).
    fn ancestors(&self, doc: &Doc, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut x = i;
        while let Some(h) = self.head(doc, x) {
            if out.len() > 12 || out.contains(&h) {
                break;
            }
            out.push(h);
            x = h;
        }
        out
    }
}

/// Whether token `i` may be a trigger: a verb or a noun.
pub fn candidate(doc: &Doc, i: usize) -> bool {
    matches!(doc.tokens[i].pos.as_deref(), Some("VERB" | "NOUN"))
}

fn lemma(doc: &Doc, i: usize) -> String {
    doc.tokens[i]
        .lemma
        .as_deref()
        .map(str::to_lowercase)
        .unwrap_or_else(|| doc.token_text(i).to_lowercase())
}

fn dep(doc: &Doc, i: usize) -> &str {
    doc.tokens[i].dep.as_deref().unwrap_or("root")
}

fn role_of(doc: &Doc, a: usize) -> &str {
    let code = doc.actors[a].code.as_str();
    let roles = code
        .strip_prefix("---")
        .unwrap_or(code.get(3..).unwrap_or(""));
    roles.get(..3).unwrap_or("STATE")
}

fn push(out: &mut Vec<u64>, s: &str) {
    out.push(hash::str(s));
}

/// A feature from its name and values, hashed without building a string
/// (trigger features are computed for every verb and noun of a story).
fn k(name: &str, parts: &[&str]) -> u64 {
    parts
        .iter()
        .fold(hash::str(name), |h, p| hash::combine(h, hash::str(p)))
}

/// Features of token `t` as a possible trigger.
pub fn trigger_features(doc: &Doc, ctx: &Sentence, t: usize) -> Vec<u64> {
    let mut f = Vec::with_capacity(48);
    let l = lemma(doc, t);
    let pos = doc.tokens[t].pos.as_deref().unwrap_or("");
    let d = dep(doc, t);
    f.push(k("bias", &[]));
    f.push(k("l", &[&l]));
    f.push(k("p", &[pos]));
    f.push(k("l|p", &[&l, pos]));
    f.push(k("d", &[d]));
    f.push(k("l|d", &[&l, d]));
    f.push(k("w", &[&doc.token_text(t).to_lowercase()]));
    if let Some(h) = ctx.head(doc, t) {
        let hl = lemma(doc, h);
        f.push(k("hl", &[&hl]));
        f.push(k("hl|d", &[&hl, d]));
        f.push(k("hl|l", &[&hl, &l]));
    } else {
        f.push(k("root", &[]));
    }
    if t + 1 < ctx.end {
        f.push(k("l|next", &[&l, &lemma(doc, t + 1)]));
    }
    if t > ctx.start {
        f.push(k("prev", &[&lemma(doc, t - 1)]));
    }
    let mut subj_actor = "none";
    let mut obj_actor = "none";
    for &kid in ctx.kids(t) {
        let kd = dep(doc, kid);
        let base = kd.split(':').next().unwrap_or(kd);
        f.push(k("kid", &[kd]));
        match base {
            "nsubj" | "csubj" => {
                if let Some(a) = ctx.actor_at[kid - ctx.start] {
                    subj_actor = role_of(doc, a);
                }
            }
            "obj" | "iobj" => {
                if let Some(a) = ctx.actor_at[kid - ctx.start] {
                    obj_actor = role_of(doc, a);
                }
            }
            "obl" | "nmod" => {
                for &c in ctx.kids(kid) {
                    if dep(doc, c) == "case" {
                        f.push(k("l|case", &[&l, &lemma(doc, c)]));
                        if ctx.actor_at[kid - ctx.start].is_some() {
                            f.push(k("case_actor", &[&lemma(doc, c)]));
                        }
                    }
                }
            }
            "compound" if kd == "compound:prt" => {
                f.push(k("l|prt", &[&l, &lemma(doc, kid)]));
            }
            "aux" => f.push(k("aux", &[&lemma(doc, kid)])),
            "advmod" if matches!(lemma(doc, kid).as_str(), "not" | "never") => {
                f.push(k("neg", &[]))
            }
            "xcomp" | "ccomp" => f.push(k("l|comp", &[&l, base])),
            _ => {}
        }
    }
    f.push(k("subj_actor", &[subj_actor]));
    f.push(k("obj_actor", &[obj_actor]));
    f.push(k(
        "l|subj",
        &[&l, if subj_actor != "none" { "y" } else { "n" }],
    ));
    f.push(k(
        "l|obj",
        &[&l, if obj_actor != "none" { "y" } else { "n" }],
    ));
    f.push(k(
        "actors",
        &[["0", "1", "2", "3", "4"][ctx.actors.len().min(4)]],
    ));
    // The dictionary's verdict as evidence: its patterns know rare verbs
    // the corpus has not shown, and the model learns where they mislead.
    let dict = &ctx.dict[t - ctx.start];
    if dict.is_empty() {
        f.push(k("dict", &["none"]));
    }
    for r in dict {
        f.push(k("dict", &[r]));
        f.push(k("l|dict", &[&l, r]));
    }
    // What is said decides what a speech verb does ("said the plan was a
    // disgrace" criticises): the sentence's content words, each once
    // (hashed once per sentence).
    f.extend_from_slice(&ctx.bow);
    f
}

/// Features of actor mention `a` (head `h`) as an argument of trigger `t`
/// with root `r`.
pub fn arg_features(doc: &Doc, ctx: &Sentence, t: usize, a: usize, h: usize, r: &str) -> Vec<u64> {
    let mut f = Vec::with_capacity(32);
    let up = ctx.ancestors(doc, h);
    let down = ctx.ancestors(doc, t);
    let lca = up.iter().position(|x| down.contains(x));
    let path = match lca {
        Some(i) if i + down.iter().position(|x| *x == up[i]).unwrap_or(9) <= 5 => {
            let j = down.iter().position(|x| *x == up[i]).unwrap_or(0);
            let u: Vec<&str> = up[..i].iter().map(|&x| dep(doc, x)).collect();
            let d: Vec<&str> = down[..j].iter().map(|&x| dep(doc, x)).collect();
            format!("{}|{}", u.join("<"), d.join(">"))
        }
        _ => "far".to_string(),
    };
    let l = lemma(doc, t);
    let role = role_of(doc, a);
    let before = h < t;
    let dist = h.abs_diff(t);
    let dist = match dist {
        0..=1 => "1",
        2..=3 => "3",
        4..=7 => "7",
        _ => "far",
    };
    let hd = dep(doc, h);
    let case = ctx
        .kids(h)
        .iter()
        .find(|&&c| dep(doc, c) == "case")
        .map(|&c| lemma(doc, c))
        .unwrap_or_default();
    let rule = doc.actors[a].rule.as_deref().unwrap_or("");
    push(&mut f, "bias");
    push(&mut f, &format!("path={path}"));
    push(&mut f, &format!("path={path}|r={r}"));
    push(&mut f, &format!("path={path}|l={l}"));
    push(&mut f, &format!("before={before}"));
    push(&mut f, &format!("before={before}|d={dist}"));
    push(&mut f, &format!("before={before}|r={r}"));
    push(&mut f, &format!("role={role}"));
    push(&mut f, &format!("role={role}|r={r}"));
    push(&mut f, &format!("hd={hd}"));
    push(&mut f, &format!("hd={hd}|case={case}"));
    push(&mut f, &format!("hd={hd}|case={case}|r={r}"));
    push(&mut f, &format!("case={case}|l={l}"));
    push(&mut f, &format!("is_trigger={}", h == t));
    if rule.contains("pronoun") {
        push(&mut f, "pronoun");
    }
    if doc.actors[a].code.starts_with("---") {
        push(&mut f, "no_country");
    }
    let pos = doc.tokens[h].pos.as_deref().unwrap_or("");
    push(&mut f, &format!("hpos={pos}"));
    f
}

/// Trains the trigger model on `(features, class)` instances.
pub fn train_classifier(
    labels: Vec<String>,
    instances: &[(Vec<u64>, usize)],
    epochs: usize,
    seed: u64,
    meta: &str,
) -> Model {
    let mut trainer = Trainer::new(labels);
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut rng = annalist_linear::Rng::new(seed);
    let mut scratch = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let (f, gold) = &instances[i];
            let p = trainer.predict(f, &mut scratch);
            trainer.update(f, *gold, p);
            trainer.tick();
        }
    }
    trainer.average(0.0, meta)
}

/// Adds the learned events to the dictionary coder's: a learned event whose
/// trigger is also a trigger of a dictionary event of the same sentence is
/// left out (the dictionary's patterns give the finer code); the others are
/// added, so the dictionary's events remain and the models add what it
/// does not know.
pub fn merge(doc: &mut Doc, learned: Vec<Event>) {
    let mut added = Vec::new();
    for e in learned {
        let Some(t) = e.trigger else { continue };
        // A plain statement (010) gives way: the models may know what the
        // statement does (criticism, praise, a demand).
        let covered = doc.events.iter().any(|d| {
            d.cameo != "010"
                && d.sentence == e.sentence
                && d.trigger
                    .is_some_and(|dt| dt.token_start < t.token_end && t.token_start < dt.token_end)
        });
        // The same act already coded in the sentence from another word
        // ("held talks": the dictionary on "held", the models on "talks";
        // a ruling's "found … ordered … declared") is one event, not two.
        let same = |d: &Event| {
            d.sentence == e.sentence
                && d.root == e.root
                && d.source == e.source
                && d.target == e.target
        };
        let repeated = doc.events.iter().any(same) || added.iter().any(same);
        if !covered && !repeated {
            added.push(e);
        }
    }
    doc.events.extend(added);
}

/// Drops the dictionary coder's events whose trigger the trigger model
/// scored and found no event at: the model, which reads the dictionary's
/// verdict as one feature among others, decides.
fn veto(doc: &mut Doc, no_event: &[usize]) {
    doc.events.retain(|e| {
        let Some(t) = e.trigger else { return true };
        !(t.token_start as usize..t.token_end as usize).any(|i| no_event.binary_search(&i).is_ok())
    });
}

/// What the event stage does after the dictionary coder: the learned
/// coder's events added (when a coder is given), then the news
/// conventions (`crate::news`). Training uses the same steps, so the
/// figures it prints are the stage's.
pub fn finish(doc: &mut Doc, coder: Option<&LearnedCoder>) {
    if let Some(l) = coder {
        let (found, no_event) = l.code_with_verdicts(doc);
        veto(doc, &no_event);
        merge(doc, found);
    }
    crate::news::apply(doc);
}
