//! A wire-style story written for this test (no corpus text): every
//! speaker must be resolved.

use annalist_doc::Stage;
use annalist_doc::{Doc, QuoteKind};
use annalist_quotes::{describe, QuotesStage};

const STORY: &str = "Italy urges end to foreign meddling in Libya\n\n\
(ANSA) - Rome, January 7 - Italian Foreign Minister Luigi Di Maio on Tuesday called for an immediate ceasefire in Libya after talks in Brussels.\n\n\
The minister met EU foreign policy chief Josep Borrell and the foreign ministers of France, Germany and Britain.\n\n\
The talks lasted more than three hours, according to diplomatic sources.\n\n\
\"All interference must cease\", he said before flying off to Turkey.\n\n\
The defence ministry said that the Italian troops stationed in Misrata were safe.\n\n\
Defence Minister Lorenzo Guerini later visited the operations command in Rome.\n\n\
\"Our soldiers will stay where they are and we will protect them,\" Guerini stressed.\n";

fn run() -> Doc {
    let mut doc = Doc::new("fixture", STORY);
    annalist_tokenizer::analyze(&mut doc);
    QuotesStage::shipped()
        .unwrap()
        .process(&mut doc)
        .expect("quotes stage runs");
    doc
}

fn quote_with<'a>(doc: &'a Doc, needle: &str) -> &'a annalist_doc::Quote {
    doc.quotes
        .iter()
        .find(|q| q.content.iter().any(|c| doc.slice(c).contains(needle)))
        .unwrap_or_else(|| {
            let all: Vec<String> = doc.quotes.iter().map(|q| describe(q, doc)).collect();
            panic!("no quote containing {needle:?}; found:\n{}", all.join("\n"))
        })
}

#[test]
fn resolves_every_speaker() {
    let doc = run();
    for q in &doc.quotes {
        eprintln!("{}", describe(q, &doc));
    }
    let q = quote_with(&doc, "All interference must cease");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker.as_deref(), Some("Luigi Di Maio"));
    assert_eq!(
        q.cue.map(|c| doc.slice(&c).to_string()).as_deref(),
        Some("said")
    );

    let q = quote_with(&doc, "Italian troops stationed in Misrata");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("The defence ministry"));

    let q = quote_with(&doc, "Our soldiers will stay");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker.as_deref(), Some("Lorenzo Guerini"));
    assert_eq!(
        q.cue.map(|c| doc.slice(&c).to_string()).as_deref(),
        Some("stressed")
    );
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "\"",
        "“ ” « »",
        "said said said",
        "\"open\n\n\"still open",
        "According to",
    ] {
        let mut doc = Doc::new("odd", text);
        annalist_tokenizer::analyze(&mut doc);
        QuotesStage::shipped()
            .unwrap()
            .process(&mut doc)
            .expect("runs");
    }
}
