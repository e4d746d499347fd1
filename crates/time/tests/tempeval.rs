//! The acceptance bars of issue 7 on TempEval-3 platinum; skipped when the
//! shared data is absent.

use annalist_time::eval::evaluate;

#[test]
fn platinum_meets_the_bars() {
    let data = annalist_eval::default_data_dir();
    if !data.join("timex/te3-platinum").exists() {
        eprintln!("skipping: {} has no timex/te3-platinum", data.display());
        return;
    }
    let reports = evaluate(&data, Some("te3-platinum")).expect("platinum evaluates");
    let m = &reports[0].metrics;
    let get = |k: &str| m[k].as_f64().unwrap_or(0.0);
    assert!(get("value_f1") >= 78.0, "value F1 {}", get("value_f1"));
    assert!(
        get("relaxed_f1") >= 88.0,
        "relaxed F1 {}",
        get("relaxed_f1")
    );
    assert_eq!(m["gold"].as_u64(), Some(138));
}
