//! US local news, written for these tests: same-named towns resolved by
//! the rest of the story (the county that holds the town, a state named
//! outright or inside an organisation's name, an explicit "X, St." once).

use annalist_doc::Doc;
use annalist_places::{find_places, gazetteer};

/// Admin1 code (`US.TX`) of every place written `name` in `text`.
fn states_of(text: &str, name: &str) -> Vec<String> {
    let g = gazetteer().expect("gazetteer loads");
    let places = find_places(g, &Doc::new("t", text));
    let out: Vec<String> = places
        .iter()
        .filter(|p| p.name == name)
        .map(|p| p.admin1.clone().unwrap_or_default())
        .collect();
    assert!(!out.is_empty(), "{name} not found: {places:?}");
    out
}

#[test]
fn a_town_and_its_county_agree() {
    let text = "The burn ban for Walker County was lifted on Monday after a meeting between \
the Huntsville fire chief and the county judge. Huntsville residents still need a permit, \
and Walker County residents may burn again.";
    for s in states_of(text, "Huntsville") {
        assert_eq!(s, "US.TX");
    }
    let text = "A grant will help a shelter in Richmond. The shelter serves women from across \
Madison County, and Richmond police refer many of them.";
    for s in states_of(text, "Richmond") {
        assert_eq!(s, "US.KY");
    }
}

#[test]
fn a_named_state_pulls_its_towns() {
    let text = "Scout units from across Northeast Nebraska will collect food on Saturday. \
Volunteers will meet at the Norfolk armory, and Norfolk residents can leave bags on porches.";
    for s in states_of(text, "Norfolk") {
        assert_eq!(s, "US.NE");
    }
    let text = "An Albany man was arrested on Monday. Albany police and the Georgia Bureau of \
Investigation said the man was held without bond.";
    for s in states_of(text, "Albany") {
        assert_eq!(s, "US.GA");
    }
}

#[test]
fn a_name_made_explicit_once_keeps_its_reading() {
    let text = "The festival opens in Athens, Ga., on Friday. Organisers in Athens expect \
twenty thousand visitors, and hotels in Athens are full.";
    for s in states_of(text, "Athens") {
        assert_eq!(s, "US.GA");
    }
}

#[test]
fn nicknames_and_old_names_do_not_steal_mentions() {
    let g = gazetteer().expect("gazetteer loads");
    let text = "The White House press secretary flew to Missouri on Monday.";
    let places = find_places(g, &Doc::new("t", text));
    assert!(
        places.iter().all(|p| p.country2.as_deref() != Some("MA")),
        "White House is not Casablanca: {places:?}"
    );
    let missouri = places
        .iter()
        .find(|p| p.name == "Missouri")
        .expect("Missouri found");
    assert_eq!(missouri.admin1.as_deref(), Some("US.MO"));
    assert_eq!(missouri.feature_code.as_deref(), Some("ADM1"));
}

#[test]
fn a_street_named_after_a_state_says_nothing_about_the_state() {
    let text = "Drilling near Washington Drive was approved by the Arlington council. \
Arlington residents opposed the site.";
    for s in states_of(text, "Arlington") {
        assert_ne!(s, "US.WA");
    }
}

#[test]
fn counties_listed_together_vote_for_their_towns() {
    let text = "Girls from Cooke, Grayson and Love counties will compete in Gainesville on \
Friday. Hotels in Gainesville are full.";
    for s in states_of(text, "Gainesville") {
        assert_eq!(s, "US.TX");
    }
    let text = "The Hamilton woman was found on Sunday, according to the Butler County \
Coroner's Office. Hamilton police are investigating.";
    for s in states_of(text, "Hamilton") {
        assert_eq!(s, "US.OH");
    }
}
