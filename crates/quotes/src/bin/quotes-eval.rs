//! Scores a model file on PolNeAR (tuning aid; `annalist eval quotes`
//! scores the shipped model).
//!
//! `cargo run --release -p annalist-quotes --bin quotes-eval -- MODEL [SET]`

use annalist_quotes::{eval, tagger::Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: quotes-eval MODEL [SET]")?;
    let tagger = Tagger::from_bytes(&std::fs::read(path)?)?;
    eprintln!(
        "{} features, {} weights",
        tagger.model().n_features(),
        tagger.model().n_weights()
    );
    let data = annalist_eval::default_data_dir();
    for r in eval::evaluate_with(&tagger, &data, args.get(2).map(|s| s.as_str()))? {
        println!("{}", r.to_json_line());
    }
    Ok(())
}
