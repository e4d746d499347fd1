//! The geo evaluation on TR-News (the smallest set); skipped when the shared
//! data is absent.

#[test]
fn trnews_scores_are_sane() {
    let data = annalist_eval::default_data_dir();
    if !data.join("geo/TR-News.xml").exists() {
        eprintln!("skipping: {} has no geo/TR-News.xml", data.display());
        return;
    }
    let reports = annalist_places::evaluate(&data, Some("trnews")).expect("evaluates");
    assert_eq!(reports.len(), 1);
    let m = &reports[0].metrics;
    let acc = m["acc161"].as_f64().unwrap_or(0.0);
    let f1 = m["f1"].as_f64().unwrap_or(0.0);
    let auc = m["auc"].as_f64().unwrap_or(1.0);
    assert!(acc > 75.0, "acc161 {acc}");
    assert!(f1 > 65.0, "f1 {f1}");
    assert!((0.0..0.5).contains(&auc), "auc {auc}");
}

#[test]
fn unknown_set_is_an_error() {
    let data = annalist_eval::default_data_dir();
    if !data.join("geo").exists() {
        eprintln!("skipping: no geo data");
        return;
    }
    assert!(annalist_places::evaluate(&data, Some("nope")).is_err());
}
