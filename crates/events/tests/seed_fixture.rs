//! The seed-story patterns on a wire-style fixture written for this test:
//! the full chain (tokenizer, tagger, recognizer, parser, actors, events).

use annalist_doc::{Doc, DocDate, Stage};

fn run(text: &str) -> Doc {
    let mut doc = Doc::new("fixture", text);
    annalist_readers::wire::parse_layout(&mut doc, true);
    doc.date = DocDate::ymd(2020, 1, 7);
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(annalist_tokenizer::TokenizerStage),
        Box::new(annalist_tagger::TaggerStage::shipped().unwrap()),
        Box::new(annalist_parser::ParserStage::shipped().unwrap()),
        Box::new(annalist_actors::ActorStage::new(
            annalist_actors::standard_lexicon(),
            annalist_actors::Lexicon::new(),
            true,
        )),
        Box::new(annalist_events::EventStage::standard()),
    ];
    for s in &stages {
        s.process(&mut doc).expect("stage runs");
    }
    doc
}

fn has(doc: &Doc, src: &str, tgt: &str, root: &[&str]) -> bool {
    doc.events.iter().any(|e| {
        e.source.as_deref().is_some_and(|s| s.starts_with(src))
            && e.target.as_deref().is_some_and(|t| t.starts_with(tgt))
            && root.contains(&e.root.as_str())
    })
}

#[test]
fn seed_patterns_are_coded() {
    let doc = run(include_str!("fixtures/libya-wire.txt"));
    let lines: Vec<String> = doc
        .events
        .iter()
        .map(|e| annalist_events::describe(e, &doc))
        .collect();
    let shown = lines.join("\n");
    for a in &doc.actors {
        eprintln!("actor {:?} {} {:?}", doc.span_text(&a.span), a.code, a.rule);
    }
    for e in &doc.events {
        eprintln!("{} {:?}", annalist_events::describe(e, &doc), e.rules);
    }
    assert!(
        has(&doc, "ITAGOV", "LBY", &["02"]),
        "Di Maio appeals about Libya:\n{shown}"
    );
    assert!(
        has(&doc, "ITAGOV", "TUR", &["03", "04"]),
        "Di Maio meets/visits Turkey:\n{shown}"
    );
    assert!(
        has(&doc, "TUR", "LBYGOV", &["07", "06", "15", "19"]),
        "Turkey's troops to Tripoli:\n{shown}"
    );
    assert!(
        has(&doc, "LBY", "LBYGOV", &["18", "19"]),
        "Haftar's forces attack:\n{shown}"
    );
    assert!(
        has(&doc, "IGOEUREEC", "TUR", &["12"]),
        "EU rejects Turkey's intervention:\n{shown}"
    );
    assert!(
        has(&doc, "USA", "IRN", &["18", "19", "20"]),
        "US kills Soleimani:\n{shown}"
    );
    assert!(
        has(&doc, "ITAGOV", "USA", &["02", "10"]),
        "Guerini urges the US:\n{shown}"
    );
    assert!(
        has(&doc, "USAGOV", "ITA", &["05"]),
        "Esper praises Italy:\n{shown}"
    );
    let dimaio = doc
        .actors
        .iter()
        .find(|a| doc.span_text(&a.span) == "Di Maio");
    assert_eq!(
        dimaio.map(|a| a.code.as_str()),
        Some("ITAGOV"),
        "surname resolves"
    );
}

#[test]
#[ignore]
fn dump_parse() {
    let doc = run(include_str!("fixtures/libya-wire.txt"));
    for (si, s) in doc.sentences.iter().enumerate() {
        eprintln!("-- {si}");
        for i in s.tokens() {
            let t = &doc.tokens[i];
            eprintln!(
                "{i} {} {:?} {:?} {:?} {:?}",
                doc.token_text(i),
                t.pos,
                t.lemma,
                t.head,
                t.dep
            );
        }
    }
}
