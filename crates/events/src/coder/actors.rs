//! What an actor mention is, as the coder's rules ask it: unnamed, a
//! person, a politician, a political body, a state agent, armed, able to
//! use force; and whose side an unnamed official reported by a speaker is
//! on. Read from the actor codes (country or organisation, then
//! three-letter roles) and the recognizer's person spans.

use annalist_doc::Doc;

/// Roles of ordinary people and crowds (who do fight physically).
pub(super) const PEOPLE: &[&str] = &["CVL", "PPL", "OPP", "REF", "LAB", "CRM"];

/// State roles an unnamed official can hold.
const STATE_ROLES: &[&str] = &["GOV", "MIL", "LEG", "JUD", "COP", "SPY"];

/// Whether actor `a` has no country or organisation (`---GOV`).
pub(super) fn is_null_actor(doc: &Doc, a: u32) -> bool {
    doc.actors[a as usize].code.starts_with("---")
}

/// Whether actor `a` (or the mention it refers back to) is a person the
/// recognizer found.
pub(super) fn is_person(doc: &Doc, a: u32) -> bool {
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
pub(super) fn political_body(code: &str) -> bool {
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
pub(super) fn political_person(doc: &Doc, a: u32) -> bool {
    let code = &doc.actors[a as usize].code;
    is_person(doc, a)
        && roles(code).any(|r| matches!(r, "GOV" | "LEG" | "PTY" | "ELI" | "OPP"))
        && !armed_role(code)
}

/// Who can be the source of force: an armed actor or a state (a bare
/// country code; as a target a country is often only a modifier, "weak
/// US sales").
pub(super) fn can_use_force(code: &str) -> bool {
    let bare_country = code.len() == 3
        && code.chars().all(|c| c.is_ascii_uppercase())
        && !matches!(code, "IGO" | "NGO" | "MNC" | "IMG" | "MED" | "BUS");
    bare_country || armed_role(code)
}

/// A militant group (IMG…) or a role that carries arms.
pub(super) fn armed_role(code: &str) -> bool {
    code.starts_with("IMG")
        || roles(code).any(|r| matches!(r, "MIL" | "REB" | "UAF" | "COP" | "SPY" | "INS"))
}

/// Whether an actor code names a state agent (government, military,
/// police, courts, intelligence).
pub(super) fn state_actor(code: &str) -> bool {
    roles(code).any(|r| matches!(r, "GOV" | "MIL" | "COP" | "JUD" | "SPY" | "LEG"))
}

/// The code of a bare state role (`---GOV`) on the speaker's side: the
/// speaker's country or organisation with the role (`ITAGOV` said "the
/// ministers" → `ITAGOV`; `IGOEUREEC` → `IGOEUREECGOV`); `None` when the
/// role is not a bare state role or the speaker has no country.
pub(super) fn speaker_side(code: &str, speaker: &str) -> Option<String> {
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

/// The three-letter role chunks after an actor code's first three letters
/// (`SDNREBMIL` → `REB`, `MIL`).
pub(super) fn roles(code: &str) -> impl Iterator<Item = &str> {
    let rest = code.get(3..).unwrap_or("");
    (0..rest.len() / 3).filter_map(move |i| rest.get(i * 3..i * 3 + 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_follow_the_country() {
        assert_eq!(roles("SDNREBMIL").collect::<Vec<_>>(), vec!["REB", "MIL"]);
        assert_eq!(roles("USA").count(), 0);
    }

    #[test]
    fn unnamed_officials_take_the_speakers_side() {
        assert_eq!(speaker_side("---GOV", "ITAGOV").as_deref(), Some("ITAGOV"));
        assert_eq!(speaker_side("---GOV", "ITA").as_deref(), Some("ITAGOV"));
        assert_eq!(
            speaker_side("---GOV", "IGOEUREEC").as_deref(),
            Some("IGOEUREECGOV")
        );
        // Not a bare state role, or a speaker with no side to lend.
        assert_eq!(speaker_side("---CVL", "ITAGOV"), None);
        assert_eq!(speaker_side("FRAGOV", "ITAGOV"), None);
        assert_eq!(speaker_side("---GOV", "ITABUS"), None);
        assert_eq!(speaker_side("---GOV", "NGOHRI"), None);
    }

    #[test]
    fn force_and_politics_by_role() {
        assert!(can_use_force("RUS"));
        assert!(can_use_force("UKRMIL"));
        assert!(!can_use_force("USAGOV"));
        assert!(!can_use_force("IGO"));
        assert!(armed_role("IMGMUSTAL"));
        assert!(political_body("---LEG"));
        assert!(political_body("USAPTY"));
        assert!(!political_body("USA"));
        assert!(!political_body("USAGOVMIL"));
        assert!(state_actor("FRACOP"));
        assert!(!state_actor("FRACVL"));
    }
}
