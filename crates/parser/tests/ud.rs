//! Accuracy floor on EWT dev; skipped when the shared data is absent.

use annalist_parser::eval::evaluate_with;
use annalist_parser::Parser;

#[test]
fn ewt_dev_floor() {
    let dir = annalist_eval::default_data_dir();
    if !dir.join("ud/en_ewt/en_ewt-ud-dev.conllu").exists() {
        eprintln!("skipping: shared UD data not found under {}", dir.display());
        return;
    }
    let parser = Parser::shipped().unwrap();
    let r = evaluate_with(parser, &dir, Some("ewt-dev")).unwrap();
    let uas = r[0].metrics["uas"].as_f64().unwrap();
    assert!(uas > 80.0, "dev UAS {uas}");
}
