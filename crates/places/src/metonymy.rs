//! Metonymy: a capital or country standing for its government ("Ankara is
//! sending troops", "Washington warned", "Russia's foreign minister").

use crate::recognize::{Word, LOCATIVES};

/// Verbs (and auxiliaries) whose subject is an agent, not a location.
const AGENT_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "warned",
    "warns",
    "accused",
    "accuses",
    "announced",
    "announces",
    "urged",
    "urges",
    "rejected",
    "rejects",
    "denied",
    "denies",
    "demanded",
    "demands",
    "called",
    "calls",
    "threatened",
    "threatens",
    "agreed",
    "agrees",
    "signed",
    "signs",
    "wants",
    "wanted",
    "insisted",
    "insists",
    "sent",
    "sends",
    "sending",
    "condemned",
    "condemns",
    "welcomed",
    "welcomes",
    "imposed",
    "imposes",
    "launched",
    "launches",
    "backed",
    "backs",
    "supports",
    "supported",
    "refused",
    "refuses",
    "responded",
    "responds",
    "claimed",
    "claims",
    "offered",
    "offers",
    "accepted",
    "accepts",
    "recognized",
    "recognised",
    "expelled",
    "expels",
    "summoned",
    "summons",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "declared",
    "declares",
    "decided",
    "decides",
    "plans",
    "planned",
    "hopes",
    "hoped",
    "believes",
    "believed",
    "sought",
    "seeks",
    "asked",
    "asks",
    "told",
    "tells",
    "voted",
    "votes",
    "joined",
    "joins",
    "helped",
    "helps",
    "retaliated",
    "sanctioned",
    "negotiated",
    "negotiates",
    "deployed",
    "deploys",
    "approved",
    "approves",
    "blamed",
    "blames",
    "beat",
    "won",
    "wins",
    "lost",
    "defeated",
    "has",
    "have",
    "had",
    "is",
    "was",
    "will",
    "would",
    "could",
    "should",
    "must",
    "may",
    "might",
    "can",
    "cannot",
    "did",
    "does",
    "continues",
    "continued",
];

/// Nouns after a possessive place name that make it an agent ("Turkey's
/// president").
const AGENT_NOUNS: &[&str] = &[
    "government",
    "president",
    "prime",
    "foreign",
    "defence",
    "defense",
    "interior",
    "military",
    "army",
    "forces",
    "navy",
    "ambassador",
    "embassy",
    "officials",
    "leader",
    "leaders",
    "leadership",
    "regime",
    "parliament",
    "ministry",
    "minister",
    "king",
    "envoy",
    "delegation",
    "team",
    "decision",
    "position",
    "support",
    "response",
    "move",
    "policy",
    "intervention",
    "allies",
    "state",
    "authorities",
    "central",
];

/// Words after "is/was/has" that mean the subject is a location after all
/// ("Sirte is located", "Tripoli was shelled", "Misrata has a port").
const LOCATION_PREDICATES: &[&str] = &[
    "located",
    "situated",
    "home",
    "shelled",
    "bombed",
    "hit",
    "struck",
    "flooded",
    "known",
    "a",
    "an",
    "the",
    "one",
    "calm",
    "quiet",
    "under",
    "surrounded",
    "besieged",
    "captured",
    "retaken",
    "seized",
    "famous",
    "been",
    "about",
    "some",
    "also",
    "still",
    "now",
    "near",
    "close",
    "in",
];

/// True when the place at words `[i, i + len)` stands for an actor.
pub fn is_metonym(text: &str, ws: &[Word], i: usize, len: usize) -> bool {
    if len == 0 || i + len > ws.len() {
        return false;
    }
    let lower = |k: usize| ws.get(k).map(|w| text[w.start..w.end].to_lowercase());
    if let Some(p) = i.checked_sub(1).and_then(lower) {
        if LOCATIVES.contains(&p.as_str()) {
            return false;
        }
    }
    let last = &ws[i + len - 1];
    let Some(next) = ws.get(i + len) else {
        return false;
    };
    let between = &text[last.end..next.start];
    if last.possessive {
        let n = lower(i + len).unwrap_or_default();
        return AGENT_NOUNS.contains(&n.as_str());
    }
    // The verb must follow directly, with nothing but a space between.
    if between.trim().is_empty() {
        let n = lower(i + len).unwrap_or_default();
        if AGENT_VERBS.contains(&n.as_str()) {
            let after = lower(i + len + 1).unwrap_or_default();
            let aux = matches!(
                n.as_str(),
                "is" | "was"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "could"
                    | "should"
                    | "must"
                    | "may"
                    | "might"
                    | "can"
                    | "did"
                    | "does"
            );
            return !(aux && LOCATION_PREDICATES.contains(&after.as_str()));
        }
    }
    false
}
