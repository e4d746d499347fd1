//! Pass 5, code choice: the final code of each coded verb that governing
//! verbs left standing, from what its clause adds to the pattern's code.
//! The steps run in the order of [`Coder::classify`]: the future as intent,
//! stated obligations as demands, bombs as the instrument, negation as
//! rejection (or no event), non-state blockades as protest, force from the
//! subject itself, verbal attacks as criticism and figures of force as no
//! event.

use super::actors::{
    armed_role, can_use_force, is_person, political_body, political_person, roles, state_actor,
    PEOPLE,
};
use super::arguments::keep_own_sources;
use super::codes::{intent_code, negated_code};
use super::modals::{modal_of, obliging, FUTURE_MODALS};
use super::rules::Rule;
use super::{lemma_of, Coded, Coder, Sentence};
use crate::cameo::root;
use crate::clause::subtree;
use crate::verbs::split_code;
use annalist_doc::Doc;

/// Force verbs that business, sport and politics use as figures ("hit
/// record highs", "struck a chord", "fought off competition").
const FIGURATIVE_FORCE: &[&str] = &[
    "HIT", "STRIKE", "GRAPPLE", "FIGHT", "STRUGGLE", "BATTLE", "MATCH", "PIT", "CLOBBER", "BLITZ",
    "DUEL", "COMBAT", "WRESTLE", "PUMMEL",
];
/// Blows that politics deals in words ("blasted the plan", "slammed the
/// decision"): criticism unless an armed actor gives or takes them.
const VERBAL_BLOWS: &[&str] = &["BLAST", "SLAM", "LASH", "HAMMER", "ROAST", "SAVAGE"];

/// What code choice decided for one coded verb: its code (and the reverse
/// code of a two-way pattern), its actors and the rules so far.
#[derive(Debug, Clone)]
pub(super) struct Choice {
    pub primary: Option<String>,
    pub reverse: Option<String>,
    pub sources: Vec<u32>,
    pub targets: Vec<u32>,
    pub rules: Vec<Rule>,
}

impl Choice {
    /// The coded verb as it stands.
    fn of(c: &Coded) -> Self {
        let (primary, reverse) = split_code(&c.code);
        Choice {
            primary: primary.map(str::to_string),
            reverse: reverse.map(str::to_string),
            sources: c.sources.clone(),
            targets: c.targets.clone(),
            rules: c.rules.clone(),
        }
    }

    /// A new one-way code, with the rule that gave it.
    fn recode(&mut self, code: impl Into<String>, rule: Rule) {
        self.primary = Some(code.into());
        self.reverse = None;
        self.rules.push(rule);
    }

    /// Whether the code's root is one of `roots`.
    pub(super) fn root_in(&self, roots: &[&str]) -> bool {
        self.primary
            .as_deref()
            .is_some_and(|p| roots.contains(&root(p)))
    }
}

impl Coder {
    /// The code choice steps, in order; `None` when the verb codes no
    /// event (a negated act that is no refusal, a figure of force).
    pub(super) fn classify(&self, s: &Sentence, c: &Coded) -> Option<Choice> {
        let lexical = self.switches.lexical;
        let mut ch = Choice::of(c);
        if self.switches.future_is_intent {
            future_intent(s, c, &mut ch);
        }
        if self.switches.obligations_are_demands && s.parsed {
            stated_obligation(s, c, &mut ch);
        }
        if lexical && s.parsed {
            instrument(s, c, &mut ch);
        }
        if c.negated {
            // Documented choice (docs/events.md): refusing cooperation
            // ("will not accept refugees", "did not meet") is CAMEO's
            // REJECT; other negated verbs ("did not attack") code nothing.
            let r = ch.primary.as_deref().and_then(negated_code)?;
            ch.recode(r, Rule::Negated);
        }
        if lexical {
            non_state_blockade(s, c, &mut ch);
        }
        if lexical
            && s.parsed
            && ch.root_in(&["18", "19", "20"])
            && !c
                .rules
                .iter()
                .any(|r| matches!(r, Rule::SourceSpeaker | Rule::SourceSpeakerSide))
            && c.rules.first().is_some_and(Rule::is_verb)
        {
            keep_own_sources(s, c.verb, &mut ch.sources);
        }
        if lexical {
            // The physical-conflict block's default for a verb whose
            // pattern (if any) says nothing of what it means here.
            let conflict_default = ch.primary.as_deref() == Some("190")
                && c.rules.first().is_some_and(|r| {
                    r.block() == Some("PHYSICAL_CONFLICT") && r.prepositions_only()
                });
            if verbal_attack(s, c, &ch, conflict_default) || verbal_blow(s, c, &ch) {
                ch.recode("111", Rule::VerbalAttack);
            } else if conflict_default && figure_of_force(s, c, &ch) {
                return None;
            }
        }
        Some(ch)
    }
}

/// "will meet": a future auxiliary makes cooperation an intent (03x) and
/// conflict a threat (13x) (Annalist's conventions).
fn future_intent(s: &Sentence, c: &Coded, ch: &mut Choice) {
    let Some(m) = modal_of(s, c.verb).filter(|m| FUTURE_MODALS.contains(&m.as_str())) else {
        return;
    };
    if let Some(code) = ch
        .primary
        .as_deref()
        .filter(|p| !p.starts_with("03") && !p.starts_with("13"))
        .map(intent_code)
    {
        ch.recode(code, Rule::Modal(m));
    }
}

/// "declared that China must drop barriers": a statement whose complement
/// obliges an actor (not the speaker) is a demand of that actor ("said
/// this should result in …" demands nothing).
fn stated_obligation(s: &Sentence, c: &Coded, ch: &mut Choice) {
    if !ch.root_in(&["01"]) {
        return;
    }
    let obliged: Vec<u32> = s
        .clause(c.verb)
        .complements
        .iter()
        .map(|&x| s.clause(x))
        .filter(|k| obliging(k.modal.as_deref()))
        .flat_map(|k| k.subjects)
        .filter_map(|x| s.actor_of[x])
        .filter(|a| !c.sources.contains(a))
        .collect();
    if !obliged.is_empty() {
        ch.recode("100", Rule::Obligation("100".into()));
        ch.targets = obliged;
    }
}

/// Killing or wounding with bombs: CAMEO's bombing codes.
fn instrument(s: &Sentence, c: &Coded, ch: &mut Choice) {
    if let Some(b) = ch
        .primary
        .as_deref()
        .and_then(|p| bombing_code(s.doc, s.start, s.end, c.verb, p))
    {
        ch.recode(b, Rule::Instrument(b));
    }
}

/// Workers, rebels or crowds blocking roads obstruct passage in protest
/// (144); the state blocking them coerces (17x).
fn non_state_blockade(s: &Sentence, c: &Coded, ch: &mut Choice) {
    let doc = s.doc;
    if ch.root_in(&["17"])
        && matches!(
            lemma_of(doc, c.verb).as_str(),
            "BLOCK" | "BARRICADE" | "OBSTRUCT"
        )
        && !c.sources.is_empty()
        && c.sources
            .iter()
            .all(|&a| !state_actor(&doc.actors[a as usize].code))
    {
        ch.recode("144", Rule::ProtestNonState);
    }
}

/// "Harris attacked Biden during the debates", "Republican representatives
/// attacked the impeachment inquiry": a politician or a political body
/// attacking a person or an institution (not a country or a force)
/// criticises. Only for the conflict block's default code
/// (`conflict_default`).
fn verbal_attack(s: &Sentence, c: &Coded, ch: &Choice, conflict_default: bool) -> bool {
    let doc = s.doc;
    let code = |a: &u32| doc.actors[*a as usize].code.as_str();
    let lemma = lemma_of(doc, c.verb);
    conflict_default
        && matches!(lemma.as_str(), "ATTACK" | "ASSAIL" | "HIT" | "STRIKE")
        && !ch.sources.is_empty()
        && !ch.targets.is_empty()
        && ((ch.sources.iter().all(|&a| political_person(doc, a))
            && ch.targets.iter().all(|&a| is_person(doc, a)))
            || (matches!(lemma.as_str(), "ATTACK" | "ASSAIL")
                && ch.sources.iter().all(|a| political_body(code(a)))
                && !ch.targets.iter().any(|a| can_use_force(code(a)))))
}

/// "Rubio and Paul blasted a framework leaked by the White House",
/// "Labour hammered the plans": criticism when no armed actor is involved.
fn verbal_blow(s: &Sentence, c: &Coded, ch: &Choice) -> bool {
    let doc = s.doc;
    ch.root_in(&["18", "19"])
        && VERBAL_BLOWS.contains(&lemma_of(doc, c.verb).as_str())
        && c.rules.first().is_some_and(Rule::prepositions_only)
        && !ch.sources.is_empty()
        && !ch
            .sources
            .iter()
            .chain(&ch.targets)
            .any(|&a| armed_role(&doc.actors[a as usize].code))
}

/// "the Russian government hit the company with a tax bill", "BBC hits",
/// "grappling with losses": with no armed actor, no state and no crowd
/// involved, these verbs are figures.
fn figure_of_force(s: &Sentence, c: &Coded, ch: &Choice) -> bool {
    let doc = s.doc;
    let code = |a: &u32| doc.actors[*a as usize].code.as_str();
    FIGURATIVE_FORCE.contains(&lemma_of(doc, c.verb).as_str())
        && !ch.sources.iter().any(|a| can_use_force(code(a)))
        && !ch.targets.iter().any(|a| armed_role(code(a)))
        && !ch
            .sources
            .iter()
            .any(|a| roles(code(a)).any(|r| PEOPLE.contains(&r)))
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
    bombing_code_of(&words)
}

/// The bombing code that the upper-case words below a force verb call
/// for, if any.
fn bombing_code_of(words: &[String]) -> Option<&'static str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_uppercase).collect()
    }

    #[test]
    fn bombs_name_the_kind_of_bombing() {
        assert_eq!(
            bombing_code_of(&words("in a suicide bombing")),
            Some("1831")
        );
        assert_eq!(bombing_code_of(&words("by a car bomb")), Some("1832"));
        assert_eq!(bombing_code_of(&words("by a roadside bomb")), Some("1833"));
        assert_eq!(bombing_code_of(&words("in a blast")), Some("183"));
        // Air raids keep their aerial code.
        assert_eq!(bombing_code_of(&words("in an air bombing")), None);
        assert_eq!(bombing_code_of(&words("with rifles")), None);
    }
}
