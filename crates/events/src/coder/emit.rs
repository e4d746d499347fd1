//! Pass 6, emit: the event records of a classified verb. Sources and
//! targets pair up (co-subjects with no object act on each other); under
//! PETRARCH's conventions reported force becomes the speakers' claim or
//! accusation; a caller that does not require a dyad gets one-sided
//! events; symmetric acts and two-way patterns add the reverse event. Each
//! record carries its CAMEO entry (name, Goldstein, QuadClass, PLOVER), a
//! confidence from how it was found, and its modality.

use super::actors::speaker_side;
use super::classify::Choice;
use super::rules::{self, Rule};
use super::{lemma_of, Coded, Coder, Sentence};
use crate::cameo::{quad_class, root};
use annalist_doc::{Doc, Event};

/// Acts of both sides (Annalist conventions, docs/annotation.md): meeting,
/// talks, negotiation, intent to meet, signing an agreement.
const SYMMETRIC: &[&str] = &["036", "040", "044", "046", "057"];

impl Coder {
    /// The events of coded verb `c` with the code choice `ch`.
    pub(super) fn emit(&self, s: &Sentence, c: &Coded, mut ch: Choice) -> Vec<Event> {
        let pairs = self.pairs(s, c, &mut ch);
        let attack = ch.root_in(&["18", "19", "20"]);
        if let (true, true, Some(sp)) = (self.switches.say_transformations, attack, c.claimant) {
            return self.say_transformations(s, c, &ch, &pairs, sp);
        }
        let claim = c.claimant.map(|a| s.doc.actors[a as usize].code.clone());
        let mut out = Vec::new();
        if pairs.is_empty() && !self.require_dyad {
            out.extend(self.one_sided(s, c, &ch, claim.clone()));
        }
        let compound = ch.rules.contains(&Rule::CompoundReciprocal);
        for (a, b) in pairs {
            if let Some(p) = &ch.primary {
                out.push(self.event(s, c, p, (a, b), claim.clone(), ch.rules.clone()));
                if ch.reverse.is_none()
                    && !compound
                    && self.switches.symmetric_acts
                    && SYMMETRIC.contains(&p.as_str())
                {
                    // "Blair met Berlusconi": a meeting, talks or a
                    // signed agreement is an act of both sides.
                    let mut rr = ch.rules.clone();
                    rr.push(Rule::Symmetric);
                    out.push(self.event(s, c, p, (b, a), claim.clone(), rr));
                }
            }
            if let Some(r) = &ch.reverse {
                let mut rr = ch.rules.clone();
                rr.push(Rule::Reciprocal);
                out.push(self.event(s, c, r, (b, a), claim.clone(), rr));
            }
        }
        out
    }

    /// The (source, target) pairs: each source with each target, or, for
    /// co-subjects with no target ("Israel and Egypt clashed", "Brazil and
    /// the US seek to deepen a partnership"), each with the others.
    /// "Israeli and Egyptian warships attacked the port" is force on the
    /// port, not on each other.
    fn pairs(&self, s: &Sentence, c: &Coded, ch: &mut Choice) -> Vec<(u32, u32)> {
        let doc = s.doc;
        let intransitive = !s.parsed
            || !self.switches.lexical
            || !ch.root_in(&["17", "18", "19", "20"])
            || s.clause(c.verb).objects.is_empty();
        let mut pairs = Vec::new();
        if ch.targets.is_empty() && ch.sources.len() >= 2 && intransitive {
            for &a in &ch.sources {
                for &b in &ch.sources {
                    if a != b && !self.same_actor(doc, a, b) {
                        pairs.push((a, b));
                    }
                }
            }
            ch.rules.push(Rule::CompoundReciprocal);
        } else {
            for &a in &ch.sources {
                for &b in &ch.targets {
                    if a != b && !self.same_actor(doc, a, b) {
                        pairs.push((a, b));
                    }
                }
            }
        }
        pairs
    }

    /// PETRARCH's SAY transformations of force reported by `speaker`: the
    /// speakers' own attack ("X said it will attack", whichever of them is
    /// the source) is a claim of responsibility (015); anyone else's an
    /// accusation of the source (112).
    fn say_transformations(
        &self,
        s: &Sentence,
        c: &Coded,
        ch: &Choice,
        pairs: &[(u32, u32)],
        speaker: u32,
    ) -> Vec<Event> {
        let doc = s.doc;
        let mut out = Vec::new();
        for &(a, b) in pairs {
            let (code, src, tgt) = if doc.actors[a as usize].code
                == doc.actors[speaker as usize].code
                || c.rules.contains(&Rule::SourceSpeaker)
            {
                ("015", a, b)
            } else {
                ("112", speaker, a)
            };
            if src != tgt {
                let mut r = ch.rules.clone();
                r.push(Rule::TransformSay(code));
                out.push(self.event(s, c, code, (src, tgt), None, r));
            }
        }
        out
    }

    /// One-sided events ("Akayev agreed to resign", "three civilians were
    /// killed") when the caller accepts them; the missing side is left
    /// empty and the confidence lowered.
    fn one_sided(
        &self,
        s: &Sentence,
        c: &Coded,
        ch: &Choice,
        claim: Option<String>,
    ) -> Option<Event> {
        let (a, is_source) = match (ch.sources.first(), ch.targets.first()) {
            (Some(&a), _) => (a, true),
            (None, Some(&b)) => (b, false),
            (None, None) => return None,
        };
        let p = ch.primary.as_ref()?;
        let mut ev = self.event(s, c, p, (a, a), claim, ch.rules.clone());
        if is_source {
            ev.target = None;
            ev.target_actor = None;
            ev.rules.push(Rule::NoTarget.to_string());
        } else {
            ev.source = None;
            ev.source_actor = None;
            ev.rules.push(Rule::NoSource.to_string());
        }
        ev.confidence = (ev.confidence - 0.2).max(0.0);
        Some(ev)
    }

    /// Whether two mentions are one actor, which is never its own target:
    /// PETRARCH compares codes; Annalist's conventions compare the actors
    /// themselves, so two politicians of one government can meet.
    fn same_actor(&self, doc: &Doc, a: u32, b: u32) -> bool {
        if !self.switches.actors_by_identity {
            return doc.actors[a as usize].code == doc.actors[b as usize].code;
        }
        annalist_actors::same_actor(doc, a as usize, b as usize)
    }

    /// The event record coded `code` on verb `c`, from actor `a` to `b`.
    fn event(
        &self,
        s: &Sentence,
        c: &Coded,
        code: &str,
        (a, b): (u32, u32),
        claimant: Option<String>,
        rules: Vec<Rule>,
    ) -> Event {
        let doc = s.doc;
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
        if self.switches.speaker_side {
            if let Some(side) = claimant
                .as_deref()
                .and_then(|cl| speaker_side(&src.code, cl))
            {
                // "Borrell said the foreign ministers rejected …": an
                // official of no named country, reported by a speaker, is
                // taken to be of the speaker's side.
                source_code = side;
                rules.push(Rule::SourceSpeakerSide);
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
        // Written as `Event::rules` strings from here on.
        let rules = rules::strings(&rules);
        let modality = crate::modality::modality(doc, s.start, s.end, c.verb, code, &rules);
        Event {
            sentence: s.index as u32,
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
