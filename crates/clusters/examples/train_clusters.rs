//! Development driver (the supported command is `annalist train clusters`).

use annalist_clusters::{read_corpus, train, Progress, TrainOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/clusters.tsv".into()),
    );
    let max: usize = std::env::var("MAX_TOKENS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000_000);
    let corpus_dir = annalist_eval::default_data_dir().join("corpus");
    let inputs: Vec<PathBuf> = ["reuters", "bbc", "wikinews", "allsides"]
        .iter()
        .map(|d| corpus_dir.join(d))
        .collect();
    let t0 = std::time::Instant::now();
    let corpus = read_corpus(&inputs, max)?;
    eprintln!(
        "read {} tokens, {} types in {:.1?}",
        corpus.ids.len(),
        corpus.words.len(),
        t0.elapsed()
    );
    let (_, tsv) = train(&corpus, &TrainOptions::default(), &mut |p| {
        let Progress::Pass {
            level,
            pass,
            moved,
            objective,
        } = p;
        eprintln!(
            "{level} pass {pass}: moved {moved} objective {objective:.4e} ({:.1?})",
            t0.elapsed()
        );
    });
    std::fs::write(&out, tsv)?;
    Ok(())
}
