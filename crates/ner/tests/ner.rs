//! The shipped recognizer loads and finds the names in a wire story; the
//! training path works on a tiny hand-written CoNLL file.

use annalist_clusters::Clusters;
use annalist_doc::{Doc, Stage};
use annalist_ner::gazetteer::Gazetteer;
use annalist_ner::{conll, predict_tags, score::score, train, NerStage, Recognizer, TrainOptions};

const STORY: &str = "ITALY URGES CALM AFTER TALKS IN TRIPOLI

(ANSA) - Rome, March 3 - Italian Foreign Minister Marco Bellini met Libyan officials in Tripoli on Tuesday, the ministry said.
Bellini told reporters that the European Union and the United Nations would support new talks.
";

#[test]
fn shipped_model_finds_names_in_a_story() {
    let mut doc = Doc::new("fixture", STORY);
    annalist_tokenizer::TokenizerStage
        .process(&mut doc)
        .unwrap();
    NerStage::shipped().unwrap().process(&mut doc).unwrap();
    let found: Vec<(&str, &str)> = doc
        .entities
        .iter()
        .map(|e| (e.text.as_str(), e.label.as_str()))
        .collect();
    for expected in [
        ("Rome", "LOC"),
        ("Marco Bellini", "PER"),
        ("Tripoli", "LOC"),
        ("Bellini", "PER"),
        ("European Union", "ORG"),
        ("United Nations", "ORG"),
        ("Italian", "MISC"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    // The all-caps headline is read too, without tagging every word.
    assert!(found.contains(&("TRIPOLI", "LOC")), "{found:?}");
    assert!(
        !found.iter().any(|(t, _)| *t == "URGES" || *t == "CALM"),
        "{found:?}"
    );
    for e in &doc.entities {
        assert_eq!(&doc.text[e.span.offsets.range()], e.text);
        assert!((0.0..=1.0).contains(&e.score));
    }
}

#[test]
fn odd_input_does_not_panic() {
    let rec = Recognizer::shipped().expect("shipped recognizer loads");
    let sents: Vec<Vec<&str>> = vec![vec![], vec!["", "\u{0}", "ÉÉ", "😀", "-"], vec!["A"; 300]];
    let out = rec.recognize(&sents);
    assert_eq!(out.len(), 3);
    let mut doc = Doc::new("empty", "");
    NerStage::shipped().unwrap().process(&mut doc).unwrap();
    assert!(doc.entities.is_empty());
}

const TINY: &str = "-DOCSTART- O

Rebels I-MISC
attacked O
Tripoli I-LOC
. O

Ahmed I-PER
Salem I-PER
of O
Reuters I-ORG
said O
so O
. O

-DOCSTART- O

Salem I-PER
visited O
Cairo I-LOC
with O
Reuters I-ORG
. O
";

#[test]
fn trains_a_tiny_model() {
    let docs = conll::parse(TINY).unwrap();
    let opts = TrainOptions {
        epochs: 8,
        prune: 0.0,
        ..Default::default()
    };
    let rec = train(
        &docs,
        &docs,
        Gazetteer::default(),
        Clusters::default(),
        &opts,
        &mut |_| {},
    )
    .unwrap();
    let s = score(&docs, &predict_tags(&rec, &docs));
    assert_eq!(s.overall.f1(), 100.0);
    let dir = tempfile::tempdir().unwrap();
    rec.save_model(dir.path()).unwrap();
    assert!(dir.path().join("ner.anlm").exists());
}

/// Guards the shipped model's scores (skips without the shared data).
#[test]
fn shipped_model_scores_on_conll() {
    let data = annalist_eval::default_data_dir();
    if !data.join("conll2003/eng.testa").exists() {
        eprintln!("skipping: shared data not found at {}", data.display());
        return;
    }
    let reports = annalist_ner::evaluate(&data, Some("conll-dev")).unwrap();
    let f1 = reports[0].metrics["f1"].as_f64().unwrap();
    assert!(f1 >= 93.5, "conll-dev F1 {f1}");
}
