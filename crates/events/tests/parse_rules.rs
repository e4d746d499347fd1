//! Coder rules that read the parse, on hand-written wire-style sentences
//! with hand-written parses (so the tests do not depend on the shipped
//! tagger and parser): mended parses, passive patterns, statements with a
//! participle, the speaker's side, and dictionary tie-breaks.

use annalist_actors::{ActorStage, Lexicon};
use annalist_doc::{Doc, Entity};
use annalist_events::eval::{doc_from_parse, Record};
use annalist_events::Coder;

/// `form/lemma/XPOS/head/deprel` per token, heads 1-based (0: root).
fn doc(spec: &str) -> Doc {
    doc_with_people(spec, &[])
}

/// As [`doc`], with the recognizer's PER mentions given as token ranges.
fn doc_with_people(spec: &str, people: &[(usize, usize)]) -> Doc {
    let mut parse = Vec::new();
    let mut words = Vec::new();
    for (i, tok) in spec.split_whitespace().enumerate() {
        let f: Vec<&str> = tok.split('/').collect();
        assert_eq!(f.len(), 5, "bad token spec {tok}");
        let upos = match f[2] {
            t if t.starts_with("VB") => "VERB",
            "NNP" | "NNPS" => "PROPN",
            t if t.starts_with("NN") => "NOUN",
            "JJ" => "ADJ",
            "DT" => "DET",
            "IN" => "ADP",
            "POS" => "PART",
            "MD" => "AUX",
            "``" | "''" | "," | "." => "PUNCT",
            _ => "X",
        };
        parse.push(format!(
            "{}\t{}\t{}\t{upos}\t{}\t_\t{}\t{}\t_\t_",
            i + 1,
            f[0],
            f[1],
            f[2],
            f[3],
            f[4]
        ));
        words.push(f[0]);
    }
    let r = Record {
        id: "t".into(),
        date: "20200107".into(),
        evaluate: true,
        text: words.join(" "),
        parse,
        ..Default::default()
    };
    let mut d = doc_from_parse(&r);
    for &(a, b) in people {
        let span = d.span(a, b);
        d.entities.push(Entity {
            text: d.span_text(&span).to_string(),
            span,
            label: "PER".into(),
            score: 1.0,
        });
    }
    let actors = ActorStage::new(annalist_actors::standard_lexicon(), Lexicon::new(), false);
    actors.resolve(&mut d);
    Coder::standard().code(&mut d);
    d
}

/// Whether an event's source, target and code start with the given
/// prefixes (and it carries `rule`, when given); prints the events if not.
fn coded(d: &Doc, src: &str, tgt: &str, code: &str, rule: Option<&str>) -> bool {
    let hit = d.events.iter().any(|e| {
        e.source.as_deref().unwrap_or("").starts_with(src)
            && e.target.as_deref().unwrap_or("").starts_with(tgt)
            && e.cameo.starts_with(code)
            && rule.is_none_or(|r| e.rules.iter().any(|x| x == r))
    });
    if !hit {
        for e in &d.events {
            eprintln!("{:?} -> {:?} {} {:?}", e.source, e.target, e.cameo, e.rules);
        }
    }
    hit
}

#[test]
fn a_verb_parsed_as_a_modifier_of_a_noun_root_is_mended() {
    // "Kenya's army, citing security, closed the border with Somalia."
    // parsed with "army" as root and "closed" as its participle.
    let d = doc(
        "Kenya/Kenya/NNP/3/nmod:poss 's/'s/POS/1/case army/army/NN/0/root \
         ,/,/,/5/punct citing/cite/VBG/3/acl security/security/NN/5/obj ,/,/,/5/punct \
         closed/close/VBN/3/acl the/the/DT/10/det border/border/NN/8/obj \
         with/with/IN/12/case Somalia/Somalia/NNP/10/nmod ./././3/punct",
    );
    assert!(coded(&d, "KEN", "SOM", "172", Some("parse:mended")));
}

#[test]
fn a_clause_hanging_from_a_quotation_mark_is_coded() {
    // The parser attached "shelled" to the closing quotation mark.
    let d = doc("Ghana/Ghana/NNP/2/nsubj protested/protest/VBD/0/root \
         ``/``/``/4/punct strongly/strongly/RB/2/advmod ''/''/''/2/punct \
         after/after/IN/8/mark Togo/Togo/NNP/8/nsubj shelled/shell/VBD/5/advcl \
         Ghanaian/Ghanaian/JJ/10/amod positions/position/NNS/8/obj ./././2/punct");
    assert!(coded(&d, "TGO", "GHA", "19", None));
}

#[test]
fn an_unnamed_official_reported_by_a_speaker_is_of_the_speakers_side() {
    let d = doc(
        "Kenya/Kenya/NNP/2/nsubj said/say/VBD/0/root the/the/DT/4/det \
         ministers/minister/NNS/5/nsubj rejected/reject/VBD/2/ccomp \
         Somalia/Somalia/NNP/8/nmod:poss 's/'s/POS/6/case demands/demand/NNS/5/obj \
         ./././2/punct",
    );
    assert!(coded(
        &d,
        "KENGOV",
        "SOM",
        "12",
        Some("source:speaker-side")
    ));
}

#[test]
fn a_passive_subject_is_matched_by_object_patterns() {
    // RELEASE * PRISONERS [0841] on "the prisoners were released by Kenya".
    let d = doc(
        "Somali/Somali/JJ/2/amod prisoners/prisoner/NNS/4/nsubj:pass \
         were/be/VBD/4/aux:pass released/release/VBN/0/root by/by/IN/6/case \
         Kenya/Kenya/NNP/4/obl:agent ./././4/punct",
    );
    assert!(coded(&d, "KEN", "SOM", "0841", None));
}

#[test]
fn a_statement_participle_is_the_event_and_issuing_codes_nothing() {
    let d = doc(
        "Kenya/Kenya/NNP/2/nsubj issued/issue/VBD/0/root a/a/DT/4/det \
         statement/statement/NN/2/obj condemning/condemn/VBG/4/acl \
         Somalia/Somalia/NNP/5/obj ./././2/punct",
    );
    assert!(coded(&d, "KEN", "SOM", "11", None));
    assert!(!coded(&d, "", "", "010", None));
}

#[test]
fn accepting_demands_yields_and_a_suspension_of_aid_ends_it() {
    let d = doc("Kenya/Kenya/NNP/2/nsubj accepted/accept/VBD/0/root \
         Somalia/Somalia/NNP/5/nmod:poss 's/'s/POS/3/case demands/demand/NNS/2/obj \
         ./././2/punct");
    assert!(coded(&d, "KEN", "SOM", "080", None));
    let d = doc(
        "Kenya/Kenya/NNP/2/nsubj announced/announce/VBD/0/root a/a/DT/4/det \
         suspension/suspension/NN/2/obj of/of/IN/6/case aid/aid/NN/4/nmod \
         to/to/IN/8/case Somalia/Somalia/NNP/2/obl ./././2/punct",
    );
    assert!(coded(&d, "KEN", "SOM", "162", None));
}

#[test]
fn the_later_of_two_identical_patterns_stands() {
    // CAMEO.2.0 lists ORDER * &INVESTIGATION as 091 and again as 1014.
    let d = doc(
        "Kenya/Kenya/NNP/2/nsubj ordered/order/VBD/0/root an/an/DT/4/det \
         investigation/investigation/NN/2/obj against/against/IN/6/case \
         Somalia/Somalia/NNP/4/nmod ./././2/punct",
    );
    assert!(coded(&d, "KEN", "SOM", "1014", None));
}

#[test]
fn force_verbs_as_figures_code_nothing_and_politicians_attacking_people_criticise() {
    // No armed actor, no state, no crowd: "hit … with a tax bill".
    let d = doc(
        "The/the/DT/2/det government/government/NN/3/nsubj hit/hit/VBD/0/root \
         the/the/DT/5/det company/company/NN/3/obj with/with/IN/9/case a/a/DT/9/det \
         tax/tax/NN/9/compound bill/bill/NN/3/obl ./././3/punct",
    );
    assert!(!coded(&d, "", "", "19", None));
    // Two people, the attacker a politician: criticism, not force.
    let d = doc_with_people(
        "Senator/senator/NNP/2/compound Smith/Smith/NNP/3/nsubj attacked/attack/VBD/0/root \
         President/president/NNP/5/compound Jones/Jones/NNP/3/obj ./././3/punct",
        &[(1, 2), (4, 5)],
    );
    assert!(coded(&d, "", "", "111", Some("verbal-attack")));
    // A state attacking a country stays force.
    let d = doc("Kenya/Kenya/NNP/2/nsubj attacked/attack/VBD/0/root \
         Somalia/Somalia/NNP/2/obj ./././2/punct");
    assert!(coded(&d, "KEN", "SOM", "19", None));
}
