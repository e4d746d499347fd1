//! Development driver:
//! `cargo run --release -p annalist-parser --example train_parse -- OUT_FILE`
//! with `TAGS=gold|shipped|jackN`, `EPOCHS`, `LIMIT` in the environment (the
//! supported command is `annalist train parse`).

use annalist_corpora::conllu;
use annalist_parser::data::{examples, jackknifed, Tags};
use annalist_parser::train::{train, TrainOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/parse.anlm".into()),
    );
    let data = annalist_eval::default_data_dir().join("ud/en_ewt");
    let mut tr = conllu::read_file(&data.join("en_ewt-ud-train.conllu"))?;
    let mut dev = conllu::read_file(&data.join("en_ewt-ud-dev.conllu"))?;
    if std::env::var("WITH_DEV").is_ok() {
        tr.append(&mut dev);
    }
    if let Ok(v) = std::env::var("LIMIT") {
        tr.truncate(v.parse()?);
    }
    let mode = std::env::var("TAGS").unwrap_or_else(|_| "gold".into());
    let t0 = std::time::Instant::now();
    let shipped = annalist_tagger::Tagger::shipped().map_err(|e| e.to_string())?;
    let (tr_ex, dev_ex) = if mode == "gold" {
        (examples(&tr, Tags::Gold), examples(&dev, Tags::Gold))
    } else if let Some(k) = mode.strip_prefix("jack") {
        let mut topts = annalist_tagger::TrainOptions::default();
        if let Ok(v) = std::env::var("TAG_EPOCHS") {
            topts.epochs = v.parse()?;
        }
        let ex = jackknifed(&tr, k.parse()?, &topts, &mut |f| {
            eprintln!("fold {f} ({:.0?})", t0.elapsed())
        })?;
        (ex, examples(&dev, Tags::Predicted(shipped)))
    } else {
        (
            examples(&tr, Tags::Predicted(shipped)),
            examples(&dev, Tags::Predicted(shipped)),
        )
    };
    eprintln!("examples ready ({:.0?})", t0.elapsed());
    let mut opts = TrainOptions::default();
    if let Ok(v) = std::env::var("EPOCHS") {
        opts.epochs = v.parse()?;
    }
    if let Ok(v) = std::env::var("PRUNE") {
        opts.prune = v.parse()?;
    }
    let parser = train(&tr_ex, &dev_ex, &opts, &mut |r| {
        eprintln!(
            "epoch {}: train {:.2} dev uas {:.2} las {:.2} {} ({:.0?})",
            r.epoch,
            r.train_acc,
            r.dev_uas,
            r.dev_las,
            if r.best { "*" } else { "" },
            t0.elapsed()
        );
    })?;
    parser.save(&out)?;
    eprintln!(
        "features {} weights {}",
        parser.n_features(),
        parser.n_weights()
    );
    Ok(())
}
