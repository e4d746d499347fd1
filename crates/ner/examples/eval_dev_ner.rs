//! Development driver: dev and test F1 and recognizer time of the shipped
//! model (decoding settings are what is being compared).

use annalist_ner::{conll, predict_tags, score::score, Recognizer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = annalist_eval::default_data_dir();
    let rec = Recognizer::shipped().map_err(|e| e.to_string())?;
    for set in ["conll2003/eng.testa", "conll2003/eng.testb"] {
        let docs = conll::read_file(&data.join(set))?;
        let t = std::time::Instant::now();
        let pred = predict_tags(rec, &docs);
        let el = t.elapsed();
        println!(
            "{set}: F1 {:.2} ({el:.0?})",
            score(&docs, &pred).overall.f1()
        );
    }
    Ok(())
}
