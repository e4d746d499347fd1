//! Accuracy floor on EWT test with predicted tags; skipped when the shared
//! data is absent. (The shipped model is trained on EWT train + dev, so dev
//! is no longer held out.)

use annalist_parser::eval::evaluate_with;
use annalist_parser::Parser;

#[test]
fn ewt_test_floor() {
    let dir = annalist_eval::default_data_dir();
    if !dir.join("ud/en_ewt/en_ewt-ud-test.conllu").exists() {
        eprintln!("skipping: shared UD data not found under {}", dir.display());
        return;
    }
    if cfg!(debug_assertions) {
        // Tagging and parsing 25,000 words unoptimised takes minutes;
        // scripts/test runs the suite with --release.
        eprintln!("skipping in a debug build: run cargo test --release");
        return;
    }
    let parser = Parser::shipped().unwrap();
    let r = evaluate_with(parser, &dir, Some("ewt-test")).unwrap();
    let uas = r[0].metrics["uas"].as_f64().unwrap();
    let las = r[0].metrics["las"].as_f64().unwrap();
    // Shipped: 86.39 / 83.57. The floor leaves room for tagger retraining.
    assert!(uas > 85.5 && las > 82.5, "EWT test UAS {uas} LAS {las}");
}
