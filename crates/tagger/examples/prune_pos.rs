//! Development driver: accuracy, size and speed of the shipped tagger at
//! several pruning thresholds.

use annalist_corpora::conllu;
use annalist_linear::Model;
use annalist_tagger::{lemma::Lemmatizer, score_sentences, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "crates/tagger/model".into()),
    );
    let model = Model::from_bytes(&std::fs::read(dir.join("pos.anlm"))?)?;
    let lem = Lemmatizer::from_tsv(&std::fs::read_to_string(dir.join("lemmas.tsv"))?)?;
    let data = annalist_eval::default_data_dir().join("ud/en_ewt");
    let dev = conllu::read_file(&data.join("en_ewt-ud-dev.conllu"))?;
    for t in [0.0f32, 0.1, 0.25, 0.5, 1.0, 2.0] {
        let m = model.pruned(t);
        let (nf, nw) = (m.n_features(), m.n_weights());
        let tagger = Tagger::from_parts(m, lem.clone())?;
        let t0 = std::time::Instant::now();
        let acc = score_sentences(&tagger, &dev);
        println!(
            "prune {t}: features {nf} weights {nw} dev upos {:.2} xpos {:.2} ({:.0?})",
            acc.upos,
            acc.xpos,
            t0.elapsed()
        );
    }
    Ok(())
}
