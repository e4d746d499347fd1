//! A wire-style story written for this test (dated Tuesday 7 January 2020)
//! with the expressions of issue 7, and event dating on a synthetic event.

use annalist_doc::{Doc, DocDate, Event, Stage};
use annalist_time::TimeStage;

const STORY: &str = "ROME, Jan 7 (ANSA) - Italian Foreign Minister Luigi Di Maio will meet \
his Turkish counterpart Mevlut Cavusoglu on Tuesday evening to discuss Libya, the ministry said. \
He will travel on to Cairo Wednesday and is expected to return to Rome later this week.

Earlier Tuesday, Di Maio spoke by phone with officials in Tripoli. La Stampa reported on Monday \
that last week's US attack had raised tensions across the region.

Tripoli has been under sustained attack since April. \"We heard explosions yesterday evening \
near the airport,\" a resident told ANSA.";

fn story() -> Doc {
    let mut doc = Doc::new("fixture", STORY);
    doc.date = DocDate::ymd(2020, 1, 7);
    annalist_tokenizer::TokenizerStage
        .process(&mut doc)
        .unwrap();
    TimeStage.process(&mut doc).unwrap();
    doc
}

fn value_of(doc: &Doc, phrase: &str) -> (String, String, Option<String>) {
    let at = doc
        .text
        .find(phrase)
        .unwrap_or_else(|| panic!("{phrase} not in story"));
    let end = at + phrase.len();
    let t = doc
        .timexes
        .iter()
        .find(|t| (t.offsets.start as usize) < end && at < t.offsets.end as usize)
        .unwrap_or_else(|| panic!("no timex over {phrase:?}: {:?}", doc.timexes));
    (t.kind.clone(), t.value.clone(), t.interval.clone())
}

#[test]
fn seed_expressions_are_normalised() {
    check_story(story());
}

/// The same story after the tagger, as in the pipeline: tense then comes
/// from Penn tags.
#[test]
fn seed_expressions_are_normalised_after_tagging() {
    let mut doc = Doc::new("fixture", STORY);
    doc.date = DocDate::ymd(2020, 1, 7);
    annalist_tokenizer::TokenizerStage
        .process(&mut doc)
        .unwrap();
    annalist_tagger::TaggerStage::shipped()
        .unwrap()
        .process(&mut doc)
        .unwrap();
    assert!(doc.tokens.iter().any(|t| t.tag.is_some()));
    TimeStage.process(&mut doc).unwrap();
    check_story(doc);
}

fn check_story(doc: Doc) {
    let cases = [
        ("Tuesday evening", "2020-01-07TEV"),
        ("Wednesday", "2020-01-08"),
        ("later this week", "2020-W02"),
        ("Earlier Tuesday", "2020-01-07"),
        ("Monday", "2020-01-06"),
        ("last week", "2020-W01"),
        ("April", "2019-04"),
        ("yesterday evening", "2020-01-06TEV"),
        ("Jan 7", "2020-01-07"),
    ];
    for (phrase, want) in cases {
        let (_, value, _) = value_of(&doc, phrase);
        assert_eq!(value, want, "{phrase}");
    }
    let (kind, _, _) = value_of(&doc, "Tuesday evening");
    assert_eq!(kind, "TIME");
    let (_, _, interval) = value_of(&doc, "since April");
    assert_eq!(interval.as_deref(), Some("2019-04/2020-01-07"));
    // Character offsets agree with the text.
    for t in &doc.timexes {
        let chars: String = doc
            .text
            .chars()
            .skip(t.offsets.char_start as usize)
            .take((t.offsets.char_end - t.offsets.char_start) as usize)
            .collect();
        assert_eq!(chars, doc.slice(&t.offsets));
    }
}

fn event_in(doc: &Doc, phrase: &str) -> Event {
    let at = doc.text.find(phrase).unwrap() as u32;
    let tok = doc.token_at_byte(at as usize).unwrap();
    Event {
        sentence: doc.sentence_of(tok).unwrap() as u32,
        cameo: "042".into(),
        root: "04".into(),
        trigger: Some(doc.span(tok, tok + 1)),
        ..Default::default()
    }
}

#[test]
fn events_take_their_clause_date_else_the_story_date() {
    let mut doc = story();
    let meet = event_in(&doc, "meet");
    let attack = event_in(&doc, "under sustained attack");
    let told = event_in(&doc, "told ANSA");
    let mut bare = Doc::new("bare", "Officials met in Rome.");
    bare.date = DocDate::ymd(2020, 1, 7);
    annalist_tokenizer::TokenizerStage
        .process(&mut bare)
        .unwrap();
    let met = event_in(&bare, "met");
    bare.events = vec![met];
    annalist_time::date_events(&mut bare);
    assert_eq!(bare.events[0].date.as_deref(), Some("2020-01-07"));
    assert_eq!(bare.events[0].date_precision.as_deref(), Some("day"));
    assert_eq!(bare.events[0].timex, None);

    doc.events = vec![meet, attack, told];
    annalist_time::date_events(&mut doc);
    let e = &doc.events;
    assert_eq!(e[0].date.as_deref(), Some("2020-01-07TEV"));
    assert_eq!(e[0].date_precision.as_deref(), Some("day"));
    assert!(e[0].timex.is_some());
    assert_eq!(e[1].date.as_deref(), Some("2019-04/2020-01-07"));
    assert_eq!(e[1].date_precision.as_deref(), Some("interval"));
    assert_eq!(e[2].date.as_deref(), Some("2020-01-06TEV"));
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        " ",
        "1",
        "May",
        "'",
        "12:",
        "2020-",
        "the",
        "Jan.",
        "10 a.",
        "Q",
        "mid-",
        "\u{2019}90s",
    ] {
        let mut doc = Doc::new("odd", text);
        TimeStage.process(&mut doc).unwrap();
        doc.date = DocDate::ymd(2020, 2, 29);
        TimeStage.process(&mut doc).unwrap();
    }
}

/// A hand-parsed sentence: "Officials said on Monday that rebels attacked
/// Sirte." The reported attack is not dated by the report's Monday.
#[test]
fn parsed_clauses_keep_dates_apart() {
    let mut doc = Doc::new(
        "parsed",
        "Officials said on Monday that rebels attacked Sirte.",
    );
    doc.date = DocDate::ymd(2020, 1, 7);
    annalist_tokenizer::TokenizerStage
        .process(&mut doc)
        .unwrap();
    assert_eq!(doc.tokens.len(), 9);
    let arcs: [(Option<u32>, &str, &str); 9] = [
        (Some(1), "nsubj", "NOUN"),
        (None, "root", "VERB"),
        (Some(3), "case", "ADP"),
        (Some(1), "obl", "PROPN"),
        (Some(6), "mark", "SCONJ"),
        (Some(6), "nsubj", "NOUN"),
        (Some(1), "ccomp", "VERB"),
        (Some(6), "obj", "PROPN"),
        (Some(1), "punct", "PUNCT"),
    ];
    for (tok, (head, dep, pos)) in doc.tokens.iter_mut().zip(arcs) {
        tok.head = head;
        tok.dep = Some(dep.into());
        tok.pos = Some(pos.into());
    }
    TimeStage.process(&mut doc).unwrap();
    let said = event_in(&doc, "said");
    let attacked = event_in(&doc, "attacked");
    doc.events = vec![said, attacked];
    annalist_time::date_events(&mut doc);
    assert_eq!(doc.events[0].date.as_deref(), Some("2020-01-06"));
    assert_eq!(doc.events[0].timex, Some(0));
    assert_eq!(doc.events[1].date.as_deref(), Some("2020-01-07"));
    assert_eq!(doc.events[1].timex, None);
}

/// A dateline with month and day only: day arithmetic still comes out, with
/// the year left as `XXXX`.
#[test]
fn dateline_without_year() {
    let mut doc = Doc::new("partial", STORY);
    doc.date = DocDate::md(1, 7);
    annalist_tokenizer::TokenizerStage
        .process(&mut doc)
        .unwrap();
    TimeStage.process(&mut doc).unwrap();
    let (_, v, _) = value_of(&doc, "yesterday evening");
    assert_eq!(v, "XXXX-01-06TEV");
    let (_, v, _) = value_of(&doc, "Wednesday");
    assert_eq!(v, "XXXX-WXX-3");
    let (_, v, _) = value_of(&doc, "last week");
    assert_eq!(v, "XXXX-WXX");
    let (_, v, _) = value_of(&doc, "Jan 7");
    assert_eq!(v, "XXXX-01-07");
    let meet = event_in(&doc, "Cavusoglu");
    let mut bare = doc.clone();
    bare.timexes.clear();
    bare.events = vec![meet];
    annalist_time::date_events(&mut bare);
    assert_eq!(bare.events[0].date.as_deref(), Some("XXXX-01-07"));
}
