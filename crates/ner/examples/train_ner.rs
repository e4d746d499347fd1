//! Development driver (the supported command is `annalist train ner`).

use annalist_clusters::Clusters;
use annalist_ner::{conll, evaluate_with, gazetteer, train, Progress, TrainOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/ner-model".into()),
    );
    let data = annalist_eval::default_data_dir();
    let gaz_text = gazetteer::build(&data)?;
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("gazetteer.tsv"), &gaz_text)?;
    let gaz = gazetteer::Gazetteer::from_tsv(&gaz_text)?;
    let clusters = if std::env::var("NOCLUSTERS").is_ok() {
        Clusters::default()
    } else {
        Clusters::shipped().clone()
    };
    eprintln!(
        "gazetteer {} phrases, clusters {} words",
        gaz.len(),
        clusters.len()
    );
    let mut tr = conll::read_file(&data.join("conll2003/eng.train"))?;
    let dev = conll::read_file(&data.join("conll2003/eng.testa"))?;
    let mut opts = TrainOptions::default();
    if std::env::var("WITHDEV").is_ok() {
        tr.extend(dev.iter().cloned());
        opts.patience = usize::MAX;
    }
    if let Ok(v) = std::env::var("EPOCHS") {
        opts.epochs = v.parse()?;
    }
    if let Ok(v) = std::env::var("PRUNE") {
        opts.prune = v.parse()?;
    }
    let t0 = std::time::Instant::now();
    let rec = train(&tr, &dev, gaz, clusters, &opts, &mut |p| {
        if let Progress::Epoch {
            epoch,
            train,
            dev,
            best,
        } = p
        {
            eprintln!(
                "epoch {epoch}: train acc {train:.2} dev F1 {:.2} {} ({:.0?})",
                dev.overall.f1(),
                if best { "*" } else { "" },
                t0.elapsed()
            );
        }
    })?;
    rec.save_model(&out)?;
    eprintln!(
        "features {} weights {}",
        rec.model().n_features(),
        rec.model().n_weights()
    );
    for r in evaluate_with(&rec, &data, None)? {
        println!("{}", r.to_json_line());
    }
    Ok(())
}
