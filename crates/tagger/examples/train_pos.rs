//! Development driver: `cargo run --release -p annalist-tagger --example train_pos -- OUT_DIR`
//! (the supported command is `annalist train pos`).

use annalist_corpora::conllu;
use annalist_tagger::{train, Progress, TrainOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/pos-model".into()),
    );
    let data = annalist_eval::default_data_dir().join("ud/en_ewt");
    let tr = conllu::read_file(&data.join("en_ewt-ud-train.conllu"))?;
    let dev = conllu::read_file(&data.join("en_ewt-ud-dev.conllu"))?;
    let mut opts = TrainOptions::default();
    if let Ok(v) = std::env::var("PRUNE") {
        opts.prune = v.parse()?;
    }
    if let Ok(v) = std::env::var("TAGDICT") {
        opts.tagdict_min_count = v.parse()?;
    }
    if let Ok(v) = std::env::var("EPOCHS") {
        opts.epochs = v.parse()?;
    }
    let t0 = std::time::Instant::now();
    let tagger = train(&tr, &dev, &opts, &mut |p| {
        if let Progress::Epoch {
            epoch,
            train,
            dev,
            best,
        } = p
        {
            eprintln!(
                "epoch {epoch}: train {train:.2} dev upos {:.2} xpos {:.2} lemma {:.2} {} ({:.0?})",
                dev.upos,
                dev.xpos,
                dev.lemma,
                if best { "*" } else { "" },
                t0.elapsed()
            );
        }
    })?;
    tagger.save(&out)?;
    let test = conllu::read_file(&data.join("en_ewt-ud-test.conllu"))?;
    let acc = annalist_tagger::score_sentences(&tagger, &test);
    eprintln!(
        "TEST upos {:.2} xpos {:.2} lemma {:.2} lemma_nv {:.2}",
        acc.upos, acc.xpos, acc.lemma, acc.lemma_nv
    );
    eprintln!(
        "features {} weights {}",
        tagger.model().n_features(),
        tagger.model().n_weights()
    );
    Ok(())
}
