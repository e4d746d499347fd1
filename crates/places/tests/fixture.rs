//! A short wire story written for these tests: each named place must
//! resolve to the right country within 10 km of its centre.

use annalist_doc::Stage;
use annalist_doc::{Dateline, Doc, Event, Span};
use annalist_places::eval::haversine;
use annalist_places::{find_places, gazetteer, locate_events, PlacesStage};

const STORY: &str = "TRIPOLI, Jan 7 (Reuters) - Haftar's forces were reported to be heading off \
from Sirte to the west of Misrata on Tuesday, as fighting in Tripoli intensified. Ankara is \
sending troops to back the Tripoli government. A rocket struck the American 'Union 3' base in \
Baghdad overnight, Iraqi officials said. Egyptian diplomats in Cairo and European Union \
ministers meeting in Brussels called for a ceasefire in Libya.";

fn doc() -> Doc {
    let mut d = Doc::new("fixture", STORY);
    let end = STORY.find(" - ").unwrap_or(0);
    d.dateline = Some(Dateline {
        offsets: annalist_doc::CharIndex::new(STORY).offsets(0, end),
        place: Some("TRIPOLI".into()),
        ..Default::default()
    });
    d
}

#[test]
fn fixture_places_resolve_within_10_km() {
    let g = gazetteer().expect("gazetteer loads");
    let d = doc();
    let places = find_places(g, &d);
    let want = [
        ("Sirte", "LY", 31.2089, 16.5887),
        ("Misrata", "LY", 32.3754, 15.0925),
        ("Tripoli", "LY", 32.8872, 13.1913),
        ("Baghdad", "IQ", 33.3152, 44.3661),
        ("Cairo", "EG", 30.0444, 31.2357),
        ("Brussels", "BE", 50.8503, 4.3517),
    ];
    for (name, cc, lat, lon) in want {
        let p = places
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} not found: {places:?}"));
        assert_eq!(p.country2.as_deref(), Some(cc), "{name}");
        let d = haversine((lat, lon), (p.lat.unwrap_or(0.0), p.lon.unwrap_or(0.0)));
        assert!(d < 10.0, "{name} is {d:.1} km off");
        assert_eq!(&STORY[p.offsets.range()], name);
    }
    let libya = places.iter().find(|p| p.name == "Libya").expect("Libya");
    assert_eq!(libya.country3.as_deref(), Some("LBY"));
    assert_eq!(libya.feature_code.as_deref(), Some("PCLI"));
}

#[test]
fn metonyms_and_demonyms() {
    let g = gazetteer().expect("gazetteer loads");
    let places = find_places(g, &doc());
    let ankara = places.iter().find(|p| p.name == "Ankara").expect("Ankara");
    assert!(ankara.metonym, "Ankara is sending troops");
    assert!(places
        .iter()
        .filter(|p| p.name == "Tripoli")
        .all(|p| !p.metonym));
    // Demonyms are country evidence, not places.
    assert!(!places
        .iter()
        .any(|p| p.name == "Iraqi" || p.name == "Egyptian" || p.name == "American"));
}

#[test]
fn persons_and_organisations_are_not_places() {
    let g = gazetteer().expect("gazetteer loads");
    let d = Doc::new(
        "t",
        "Andrew Jackson met reporters. Jackson said the Washington Post was wrong. Mr. Paris left.",
    );
    let places = find_places(g, &d);
    assert!(places.is_empty(), "{places:?}");
}

#[test]
fn country_patterns_disambiguate() {
    let g = gazetteer().expect("gazetteer loads");
    let d = Doc::new(
        "t",
        "Flooding hit Paris, Texas and Tripoli, Lebanon on Monday.",
    );
    let places = find_places(g, &d);
    let paris = places.iter().find(|p| p.name == "Paris").expect("Paris");
    assert_eq!(paris.country2.as_deref(), Some("US"));
    assert_eq!(paris.admin1.as_deref(), Some("US.TX"));
    let tripoli = places
        .iter()
        .find(|p| p.name == "Tripoli")
        .expect("Tripoli");
    assert_eq!(tripoli.country2.as_deref(), Some("LB"));
    let d = Doc::new("t", "Egyptian ships patrolled the Red Sea near Hurghada.");
    let places = find_places(g, &d);
    let sea = places
        .iter()
        .find(|p| p.name == "Red Sea")
        .expect("Red Sea");
    assert_eq!(sea.feature_code.as_deref(), Some("SEA"));
}

#[test]
fn events_are_placed_by_sentence_and_dateline() {
    let mut d = doc();
    // Sentences by hand (the tokenizer is not a dependency of this crate).
    let idx = annalist_doc::CharIndex::new(STORY);
    let mut start = 0;
    for (i, _) in STORY.match_indices(". ") {
        d.sentences.push(Span {
            token_start: 0,
            token_end: 0,
            offsets: idx.offsets(start, i + 1),
        });
        start = i + 2;
    }
    d.sentences.push(Span {
        token_start: 0,
        token_end: 0,
        offsets: idx.offsets(start, STORY.len()),
    });
    d.events = vec![
        Event {
            sentence: 2,
            cameo: "190".into(),
            ..Default::default()
        },
        Event {
            sentence: 1,
            cameo: "150".into(),
            ..Default::default()
        },
    ];
    PlacesStage.process(&mut d).expect("stage runs");
    locate_events(&mut d);
    let e0 = &d.events[0];
    let p0 = &d.places[e0.location.expect("located") as usize];
    assert_eq!(p0.name, "Baghdad");
    assert_eq!(e0.location_rule.as_deref(), Some("sentence-oblique"));
    // "Ankara is sending troops": Ankara is an actor, so the sentence gives
    // no location and the dateline (Tripoli) does.
    let e1 = &d.events[1];
    let p1 = &d.places[e1.location.expect("located") as usize];
    assert_eq!(p1.country2.as_deref(), Some("LY"));
    assert_eq!(e1.location_rule.as_deref(), Some("dateline"));
}

#[test]
fn gazetteer_loads_fast_and_handles_odd_input() {
    let t = std::time::Instant::now();
    let g = gazetteer().expect("gazetteer loads");
    assert!(g.len() > 30_000);
    eprintln!("gazetteer load: {:?}", t.elapsed());
    for text in [
        "",
        " ",
        "ÉÉÉ",
        "U.S.",
        "'s",
        "A-",
        "Tripoli's",
        "\u{0}\u{1}",
        "St.",
        "...",
    ] {
        let _ = find_places(g, &Doc::new("x", text));
    }
}

#[test]
fn random_text_never_panics() {
    let g = gazetteer().expect("gazetteer loads");
    let pieces = [
        "Tripoli",
        " ",
        ", ",
        ". ",
        "'s ",
        "’",
        "U.S.",
        "St.",
        "New",
        "York",
        "-",
        "in ",
        "said ",
        "Ankara",
        "é",
        "Ł",
        "\n",
        "Mr. ",
        "County",
        "of ",
        "(",
        ")",
        "—",
        "\"",
        "ÉTATS",
        "Calif.",
        "Washington",
        "D.C.",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..40 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let mut d = Doc::new("r", text);
        d.events.push(Event {
            sentence: 5,
            ..Default::default()
        });
        let _ = find_places(g, &d);
        PlacesStage.process(&mut d).expect("stage runs");
        locate_events(&mut d);
    }
}

#[test]
fn events_are_placed_by_their_clause() {
    let text =
        "Turkey said on Monday that militias clashed near Sirte while talks went on in Cairo.";
    let mut d = Doc::new("c", text);
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(annalist_tokenizer::TokenizerStage),
        Box::new(annalist_tagger::TaggerStage::shipped().unwrap()),
        Box::new(annalist_parser::ParserStage::shipped().unwrap()),
    ];
    for s in &stages {
        if let Err(e) = s.process(&mut d) {
            eprintln!("skipping: {e}");
            return;
        }
    }
    let verb = (0..d.tokens.len())
        .find(|&i| d.token_text(i) == "clashed")
        .expect("token");
    let talks = (0..d.tokens.len())
        .find(|&i| d.token_text(i) == "went")
        .expect("token");
    d.events = vec![
        Event {
            sentence: 0,
            trigger: Some(d.span(verb, verb + 1)),
            ..Default::default()
        },
        Event {
            sentence: 0,
            trigger: Some(d.span(talks, talks + 1)),
            ..Default::default()
        },
    ];
    PlacesStage.process(&mut d).expect("stage runs");
    locate_events(&mut d);
    let name = |e: &Event| e.location.map(|k| d.places[k as usize].name.clone());
    assert_eq!(
        name(&d.events[0]).as_deref(),
        Some("Sirte"),
        "{:?}",
        d.events[0]
    );
    assert_eq!(d.events[0].location_rule.as_deref(), Some("clause-oblique"));
    assert_eq!(
        name(&d.events[1]).as_deref(),
        Some("Cairo"),
        "{:?}",
        d.events[1]
    );
    assert!(d.places.iter().any(|p| p.name == "Turkey" && p.metonym));
}
