//! Trains the attribution tagger on PolNeAR train and writes the model.
//!
//! `cargo run --release -p annalist-quotes --bin quotes-train -- [DATA] [OUT] [EPOCHS] [PRUNE] [SEEDS]`
//!
//! With SEEDS above 1, that many runs with different shuffling seeds are
//! averaged (parameter averaging) before pruning.

use annalist_quotes::{polnear, tagger, training};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = args
        .get(1)
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| annalist_eval::default_data_dir().join("quotes/polnear/data"));
    let out = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("crates/quotes/model/quotes.anlm"));
    let epochs: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(8);
    let prune: f32 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(0.5);
    let seeds: u64 = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(1).max(1);
    let arts = polnear::read_split(&data, "train")?;
    let docs: Vec<_> = arts
        .iter()
        .map(|a| {
            let d = training::doc_of(a);
            let g = training::gold_labels(&d, a);
            (d, g)
        })
        .collect();
    eprintln!("{} training articles", docs.len());
    let model = if seeds == 1 {
        tagger::train(&docs, epochs, 20261128, prune)
    } else {
        let runs: Vec<_> = (0..seeds)
            .map(|k| tagger::train(&docs, epochs, 20261128 + k, 0.0))
            .collect();
        let refs: Vec<&annalist_linear::Model> = runs.iter().collect();
        annalist_linear::Model::mean(&refs)
            .ok_or("models to average differ")?
            .pruned(prune)
    };
    eprintln!(
        "{} features, {} weights",
        model.n_features(),
        model.n_weights()
    );
    let f = std::fs::File::create(&out)?;
    model.save(std::io::BufWriter::new(f))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
