//! Development driver: dev F1, size and speed of the shipped recognizer at
//! several pruning thresholds.

use annalist_clusters::Clusters;
use annalist_linear::Model;
use annalist_ner::{conll, gazetteer::Gazetteer, predict_tags, score::score, Recognizer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "crates/ner/model".into()),
    );
    let model = Model::from_bytes(&std::fs::read(dir.join("ner.anlm"))?)?;
    let gaz = Gazetteer::from_tsv(&std::fs::read_to_string(dir.join("gazetteer.tsv"))?)?;
    let data = annalist_eval::default_data_dir();
    let dev = conll::read_file(&data.join("conll2003/eng.testa"))?;
    let test = conll::read_file(&data.join("conll2003/eng.testb"))?;
    for t in [0.0f32, 0.5, 1.0, 1.5, 2.0] {
        let m = model.pruned(t);
        let (nf, nw) = (m.n_features(), m.n_weights());
        let rec = Recognizer::new(m, gaz.clone(), Clusters::shipped().clone())?;
        let t0 = std::time::Instant::now();
        let d = score(&dev, &predict_tags(&rec, &dev)).overall.f1();
        let el = t0.elapsed();
        let te = score(&test, &predict_tags(&rec, &test)).overall.f1();
        println!("prune {t}: features {nf} weights {nw} dev F1 {d:.2} test F1 {te:.2} ({el:.0?})");
    }
    Ok(())
}
