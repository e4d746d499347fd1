//! Floors on the evaluation suites (skipped when the shared data is absent).

fn metric(r: &annalist_eval::Report, k: &str) -> f64 {
    r.metrics.get(k).and_then(|v| v.as_f64()).unwrap_or(0.0)
}

#[test]
fn suites_stay_above_their_floors() {
    let mut data = annalist_eval::default_data_dir();
    if !data.exists() {
        data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    }
    if !data.join("petrarch/universalpetrarch").exists() {
        eprintln!("skipping: shared data not found at {}", data.display());
        return;
    }
    let reports = annalist_events::evaluate(&data, None, &annalist_events::EvalOptions::default())
        .expect("suites run");
    for r in &reports {
        let floor = match r.set.as_str() {
            "petr-validate" => ("record_accuracy", 70.0),
            "gsr" => ("record_accuracy", 45.0),
            _ => ("type_accuracy", 30.0),
        };
        assert!(
            metric(r, floor.0) >= floor.1,
            "{}: {}",
            r.set,
            r.to_json_line()
        );
    }
}
