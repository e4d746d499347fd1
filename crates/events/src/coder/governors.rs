//! Pass 4, governing verbs (parsed sentences only): a verb whose
//! complement is another coded verb decides what that verb means. An
//! intent ("plans to visit") or a threat makes it an intent code; an
//! aspect verb ("began to shell") passes it through; a refusal ("refused
//! to lift") makes it a rejection; a demand or appeal ("demanded that Sudan
//! end curbs") codes itself and is made specific by what it asks for; a
//! speech verb ("said Y attacked Z") reports it, the speaker becoming the
//! event's claimant. The governing verb then codes nothing itself
//! (`Coded::dropped`). The steps run in the order of
//! [`Coder::govern`].

use super::arguments::{actor_in, names_actor};
use super::codes::{appeal_code, asked_for_code, demand_code, intent_code, negated_code};
use super::modals::obliging;
use super::rules::Rule;
use super::{lemma_of, Coded, Coder, Sentence};
use crate::cameo::root;
use crate::clause::subtree;
use crate::verbs::split_code;
use annalist_doc::words::is_speech_lemma;

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
/// Verbs whose `xcomp` is an act refused.
const REFUSAL_VERBS: &[&str] = &["REFUSE", "DECLINE", "FAIL"];
/// Verbs whose complement is what is demanded, not something done.
const DEMAND_VERBS: &[&str] = &[
    "DEMAND", "URGE", "ASK", "CALL", "PRESS", "PRESSURE", "ORDER", "REQUIRE", "REQUEST", "APPEAL",
    "INSIST",
];

impl Coder {
    /// The governing-verb steps, in order, over a sentence's coded verbs.
    pub(super) fn govern(&self, s: &Sentence, coded: &mut [Coded]) {
        if !s.parsed {
            return;
        }
        for k in 0..coded.len() {
            self.governed(s, coded, k);
        }
        if self.switches.demand_nouns {
            demand_nouns(s, coded);
        }
        self.asked_for_uncoded(s, coded);
        conjoined_reports(s, coded);
        self.reported_content(s, coded);
        statement_participles(s, coded);
        trailing_speech(s, coded);
    }

    /// What the verb governing `coded[k]` (its head, through an `xcomp`,
    /// `ccomp` or `parataxis`) makes of it.
    fn governed(&self, s: &Sentence, coded: &mut [Coded], k: usize) {
        let doc = s.doc;
        let v = coded[k].verb;
        let Some(h) = doc.tokens[v].head.map(|h| h as usize) else {
            return;
        };
        if !s.contains(h) {
            return;
        }
        let d = doc.tokens[v].dep.as_deref().unwrap_or("");
        let hl = governor_lemma(s, h, d);
        let gov = coded.iter().position(|c| c.verb == h);
        // PETRARCH codes commitments ("agreed to lift", "pledged to
        // expel") as the act itself; only wishes and plans are
        // intents there.
        let petrarch_commitment = self.switches.commitment_is_act
            && matches!(
                hl.as_str(),
                "AGREE" | "PLEDGE" | "PROMISE" | "VOW" | "DECIDE" | "SWEAR" | "COMMIT"
            );
        if d == "xcomp" && petrarch_commitment {
            coded[k].rules.push(Rule::Commitment(hl));
            drop_governor(coded, gov);
        } else if d == "xcomp"
            && matches!(hl.as_str(), "WANT" | "EXPECT" | "WISH" | "NEED")
            && !s.clause(h).objects.is_empty()
        {
            wanted_of_someone(s, &mut coded[k], h, &hl);
            drop_governor(coded, gov);
        } else if d == "xcomp" && INTENT_VERBS.contains(&hl.as_str()) {
            intended(&mut coded[k], &hl);
            drop_governor(coded, gov);
        } else if d == "xcomp" && ASPECT_VERBS.contains(&hl.as_str()) {
            drop_governor(coded, gov);
        } else if d == "xcomp" && REFUSAL_VERBS.contains(&hl.as_str()) {
            // "refused to lift the curfew": a rejection when the
            // refused act is cooperation, else the refusal verb's
            // own code stands.
            let (p, _) = split_code(&coded[k].code);
            if p.and_then(negated_code).is_some() {
                coded[k].negated = !coded[k].negated;
                coded[k].rules.push(Rule::Refusal(hl));
                drop_governor(coded, gov);
            } else if gov.is_some() {
                coded[k].dropped = true;
            }
        } else if matches!(d, "xcomp" | "ccomp")
            && gov.is_some_and(|g| {
                DEMAND_VERBS.contains(&hl.as_str()) || matches!(root(&coded[g].code), "02" | "10")
            })
        {
            // "demanded that Sudan end curbs": what is demanded has
            // not happened; the demand is the event, and what is
            // asked for makes an unspecific appeal or demand
            // specific ("asked Obama to help Iran" → 023).
            coded[k].dropped = true;
            if let Some(g) = gov {
                if let Some(r) = asked_for_code(&coded[g].code, &coded[k].code) {
                    let asked = Rule::AskedFor(coded[k].code.clone());
                    coded[g].rules.push(asked);
                    coded[g].code = r.to_string();
                }
            }
        } else if (d == "ccomp" || d == "parataxis") && is_speech_lemma(&hl) {
            let who = s
                .clause(h)
                .subjects
                .iter()
                .find_map(|&x| actor_in(doc, s.start, s.end, x, s.actor_of));
            coded[k].claimant = who;
            coded[k].rules.push(Rule::Reported(hl));
            drop_governor(coded, gov);
            if let Some(w) = who {
                self.oblige(s, &mut coded[k], w);
            }
        }
    }

    /// "Congress is asking Obama to help Iran": an asked-for act that is
    /// not coded itself (a purpose clause in some parses) still makes the
    /// appeal specific, from its verb's own code.
    fn asked_for_uncoded(&self, s: &Sentence, coded: &mut [Coded]) {
        let doc = s.doc;
        let ch = s.children();
        for g in 0..coded.len() {
            let gv = coded[g].verb;
            if !matches!(coded[g].code.as_str(), "020" | "100")
                || !DEMAND_VERBS.contains(&lemma_of(doc, gv).as_str())
            {
                continue;
            }
            let asked = ch[gv - s.start].iter().copied().find(|&x| {
                let d = doc.tokens[x].dep.as_deref().unwrap_or("");
                matches!(d, "xcomp" | "ccomp")
                    || (d == "advcl" && crate::clause::has_to_mark(doc, &ch, s.start, x))
            });
            let Some(x) = asked else { continue };
            if coded.iter().any(|c| c.verb == x) {
                continue;
            }
            let Some(&(vid, _)) = self.verbs_at(doc, x, s.end).first() else {
                continue;
            };
            if let Some(refined) = asked_for_code(&coded[g].code, self.verbs.verb_code(vid)) {
                coded[g].rules.push(Rule::AskedFor(lemma_of(doc, x)));
                coded[g].code = refined.to_string();
            }
        }
    }

    /// "Syria says it is willing to withdraw": a speech verb whose
    /// reported content (however deep) holds a coded event codes nothing
    /// itself; the event keeps the speaker as claimant.
    fn reported_content(&self, s: &Sentence, coded: &mut [Coded]) {
        let doc = s.doc;
        for g in 0..coded.len() {
            let gl = lemma_of(doc, coded[g].verb);
            if coded[g].dropped || !is_speech_lemma(&gl) {
                continue;
            }
            let gc = s.clause(coded[g].verb);
            let content: Vec<usize> = gc
                .complements
                .iter()
                .flat_map(|&x| subtree(doc, s.start, s.end, x))
                .collect();
            let mut any = false;
            for (k, c) in coded.iter_mut().enumerate() {
                if k != g && !c.dropped && !c.negated && content.contains(&c.verb) {
                    any = true;
                    if c.claimant.is_none() {
                        c.claimant = gc
                            .subjects
                            .iter()
                            .find_map(|&x| actor_in(doc, s.start, s.end, x, s.actor_of));
                        if let Some(w) = c.claimant {
                            self.oblige(s, c, w);
                        }
                    }
                }
            }
            if any {
                coded[g].dropped = true;
            }
        }
    }

    /// "Russia said Sudan must return the helicopter", "… that the US must
    /// be ready to mediate": a reported obligation is the speaker's demand
    /// of the subject (10x). The obligation may sit on a governing
    /// adjective.
    fn oblige(&self, s: &Sentence, c: &mut Coded, speaker: u32) {
        if !self.switches.obligations_are_demands {
            return;
        }
        let doc = s.doc;
        let must = |x: usize| obliging(s.clause(x).modal.as_deref());
        let v = c.verb;
        let obliged = must(v)
            || (doc.tokens[v].dep.as_deref() == Some("xcomp")
                && doc.tokens[v]
                    .head
                    .is_some_and(|g| s.contains(g as usize) && must(g as usize)));
        // "This should result in new lending": an obligation on no actor
        // is a forecast, not a demand.
        if !obliged
            || c.sources.is_empty()
            || !s.clause(v).subjects.iter().any(|&x| names_actor(doc, x))
        {
            return;
        }
        let (p, _) = split_code(&c.code);
        let code = demand_code(p.unwrap_or("100"));
        c.rules.push(Rule::Obligation(code.to_string()));
        c.code = code.to_string();
        c.targets = std::mem::take(&mut c.sources);
        c.sources = vec![speaker];
        c.negated = false;
    }
}

/// The governing verb's lemma; "prepared to resume shelling": an intent
/// reaches through an aspect verb to the act.
fn governor_lemma(s: &Sentence, h: usize, d: &str) -> String {
    let doc = s.doc;
    let hl = lemma_of(doc, h);
    if d == "xcomp"
        && ASPECT_VERBS.contains(&hl.as_str())
        && doc.tokens[h].dep.as_deref() == Some("xcomp")
    {
        if let Some(h2) = doc.tokens[h].head.map(|x| x as usize) {
            let l2 = lemma_of(doc, h2);
            if s.contains(h2) && INTENT_VERBS.contains(&l2.as_str()) {
                return l2;
            }
        }
    }
    hl
}

/// The governing verb (if it is coded) codes nothing itself.
fn drop_governor(coded: &mut [Coded], gov: Option<usize>) {
    if let Some(g) = gov {
        coded[g].dropped = true;
    }
}

/// "Obama wants Putin to attack": wanting it of someone is an appeal to
/// them, by the subject of the verb at `h`.
fn wanted_of_someone(s: &Sentence, c: &mut Coded, h: usize, hl: &str) {
    let wanter: Vec<u32> = s
        .clause(h)
        .subjects
        .iter()
        .filter_map(|&x| actor_in(s.doc, s.start, s.end, x, s.actor_of))
        .collect();
    let (p, _) = split_code(&c.code);
    if !wanter.is_empty() && !c.sources.is_empty() {
        let code = appeal_code(p.unwrap_or("020"));
        c.rules.push(Rule::Appeal(hl.to_string()));
        c.code = code.to_string();
        c.targets = std::mem::take(&mut c.sources);
        c.sources = wanter;
    }
}

/// "plans to visit": the intent code of the act; whatever is threatened
/// is a threat, and readiness to fight a force posture.
fn intended(c: &mut Coded, hl: &str) {
    let mut intent = intent_code(&c.code);
    if hl == "THREATEN" && root(&intent) != "13" {
        // "threatened to withdraw": whatever is threatened
        // is a threat.
        intent = "130".into();
    }
    let (p, _) = split_code(&c.code);
    if matches!(hl, "PREPARE" | "PREPARED" | "READY")
        && p.is_some_and(|p| matches!(root(p), "18" | "19" | "20"))
    {
        // "the army prepared to attack": getting ready to
        // fight is a force posture (15), not a threat.
        intent = "150".into();
    }
    c.rules.push(Rule::Intent(hl.to_string()));
    c.code = intent;
}

/// "reiterated its demand that Israel ease restrictions": a clause under a
/// demand or appeal noun is demanded of its subject by the subject of the
/// noun's verb.
fn demand_nouns(s: &Sentence, coded: &mut [Coded]) {
    let doc = s.doc;
    for k in 0..coded.len() {
        let v = coded[k].verb;
        let Some(h) = doc.tokens[v].head.map(|h| h as usize) else {
            continue;
        };
        let d = doc.tokens[v].dep.as_deref().unwrap_or("");
        if !s.contains(h) || !matches!(d, "acl" | "ccomp") {
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
        if !s.contains(g) {
            continue;
        }
        let who: Vec<u32> = s
            .clause(g)
            .subjects
            .iter()
            .filter_map(|&x| actor_in(doc, s.start, s.end, x, s.actor_of))
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
        coded[k].rules.push(Rule::Demanded(noun));
        coded[k].code = code.to_string();
        coded[k].targets = std::mem::take(&mut coded[k].sources);
        coded[k].sources = who;
        coded[k].negated = false;
        if let Some(gi) = coded.iter().position(|c| c.verb == g) {
            coded[gi].dropped = true;
        }
    }
}

/// "The US claimed that ISIL had attacked Iraq and taken Mosul": a verb
/// conjoined to a reported one is reported by the same speaker.
fn conjoined_reports(s: &Sentence, coded: &mut [Coded]) {
    let doc = s.doc;
    for k in 0..coded.len() {
        let v = coded[k].verb;
        if coded[k].claimant.is_some() || doc.tokens[v].dep.as_deref() != Some("conj") {
            continue;
        }
        let head = doc.tokens[v].head.map(|h| h as usize);
        if let Some(j) = coded.iter().position(|c| Some(c.verb) == head) {
            if coded[j].claimant.is_some()
                && coded[j]
                    .rules
                    .iter()
                    .any(|r| matches!(r, Rule::Reported(_)))
            {
                coded[k].claimant = coded[j].claimant;
                let r = coded[j]
                    .rules
                    .iter()
                    .find(|r| matches!(r, Rule::Reported(_)))
                    .cloned();
                coded[k].rules.extend(r);
            }
        }
    }
}

/// "issued a declaration demanding …": the verb that issued the
/// statement codes nothing when what it says is coded.
fn statement_participles(s: &Sentence, coded: &mut [Coded]) {
    let doc = s.doc;
    let participles = coded.iter().any(|c| {
        doc.tokens[c.verb].dep.as_deref() == Some("acl")
            && doc.tokens[c.verb].tag.as_deref() == Some("VBG")
    });
    if !participles {
        return;
    }
    let ch = s.children();
    for k in 0..coded.len() {
        if coded[k].dropped || coded[k].negated {
            continue;
        }
        if let Some(st) = crate::clause::statement_participle(doc, &ch, s.start, coded[k].verb) {
            for g in coded.iter_mut().filter(|g| g.verb == st) {
                g.dropped = true;
            }
        }
    }
}

/// Sentence-final "…, X said": the speech verb hangs from the event verb
/// as parataxis and codes nothing itself.
fn trailing_speech(s: &Sentence, coded: &mut [Coded]) {
    for c in coded.iter_mut() {
        let d = s.doc.tokens[c.verb].dep.as_deref().unwrap_or("");
        if d == "parataxis" && is_speech_lemma(&lemma_of(s.doc, c.verb)) {
            c.dropped = true;
        }
    }
}
