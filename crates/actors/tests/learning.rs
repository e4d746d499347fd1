//! People learned from one story code a later story that only names them,
//! through the knowledge-base file written at the end of a run — and only
//! when the later run asks for that file.

use annalist_actors::{kb, standard_lexicon, ActorStage, Lexicon};
use annalist_doc::{Doc, DocDate, Stage};

fn doc(id: &str, text: &str) -> Doc {
    let mut d = Doc::new(id, text);
    d.date = DocDate::ymd(2020, 1, 7);
    annalist_tokenizer::TokenizerStage
        .process(&mut d)
        .expect("tokenizes");
    d
}

#[test]
fn learned_people_persist_and_resolve() {
    let path = std::env::temp_dir().join(format!("annalist-kb-test-{}.tsv", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let first = ActorStage::new(standard_lexicon(), Lexicon::new(), true);
    let mut d1 = doc(
        "a",
        "Turkish Foreign Minister Mevlut Cavusoglx met reporters. He said Ankara would act.",
    );
    first.resolve(&mut d1);
    let he = d1
        .actors
        .iter()
        .find(|a| d1.span_text(&a.span) == "He")
        .expect("pronoun resolved");
    assert_eq!(he.code, "TURGOV");
    let learned = first.take_learned();
    assert_eq!(kb::append(&path, &learned).expect("kb written"), 1);
    // The same people again add nothing.
    assert_eq!(kb::append(&path, &learned).expect("kb written"), 0);
    let second = ActorStage::new(
        standard_lexicon(),
        kb::load(&path).expect("kb loads"),
        false,
    );
    let mut d2 = doc("b", "Cavusoglx said the talks would go on.");
    second.resolve(&mut d2);
    let _ = std::fs::remove_file(&path);
    assert_eq!(
        d2.actors.first().map(|a| a.code.as_str()),
        Some("TURGOV"),
        "{:?}",
        d2.actors
    );
}

#[test]
fn a_story_is_coded_the_same_whatever_was_resolved_before_it() {
    // Learning within a run stays inside its story: worker threads take
    // stories in any order, and the output must not depend on it.
    let stage = ActorStage::new(standard_lexicon(), Lexicon::new(), true);
    let mut d1 = doc(
        "a",
        "Turkish Foreign Minister Mevlut Cavusoglx met reporters in Ankara.",
    );
    stage.resolve(&mut d1);
    let mut after = doc("b", "Cavusoglx said the talks would go on.");
    stage.resolve(&mut after);
    let fresh = ActorStage::new(standard_lexicon(), Lexicon::new(), true);
    let mut alone = doc("b", "Cavusoglx said the talks would go on.");
    fresh.resolve(&mut alone);
    let codes = |d: &Doc| d.actors.iter().map(|a| a.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&after), codes(&alone));
}

#[test]
fn what_a_run_learned_is_the_same_whatever_the_order_of_its_stories() {
    let texts = [
        (
            "s1",
            "Turkish Foreign Minister Mevlut Cavusoglx met reporters.",
        ),
        ("s2", "Italian Foreign Minister Mevlut Cavusoglx spoke."),
        ("s3", "French President Jean Dupontx arrived."),
    ];
    let run = |order: &[usize]| {
        let stage = ActorStage::new(standard_lexicon(), Lexicon::new(), true);
        for &i in order {
            let mut d = doc(texts[i].0, texts[i].1);
            stage.resolve(&mut d);
        }
        stage
            .take_learned()
            .iter()
            .map(|l| l.line())
            .collect::<Vec<_>>()
    };
    let a = run(&[0, 1, 2]);
    assert_eq!(a, run(&[2, 1, 0]));
    assert_eq!(a.len(), 2, "{a:?}");
    assert!(a[0].contains("TURGOV"), "{a:?}");
}
