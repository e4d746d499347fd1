//! Development driver: writes the shipped recognizer's test predictions in
//! conlleval's input format (`word gold predicted`) to stdout.

use annalist_ner::{conll, predict_tags, Recognizer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let set = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "conll2003/eng.testb".into());
    let docs = conll::read_file(&annalist_eval::default_data_dir().join(set))?;
    let rec = Recognizer::shipped().map_err(|e| e.to_string())?;
    let pred = predict_tags(rec, &docs);
    for (d, pd) in docs.iter().zip(&pred) {
        println!("-DOCSTART- O O\n");
        for (s, ps) in d.sentences.iter().zip(pd) {
            for ((w, g), p) in s.words.iter().zip(&s.tags).zip(ps) {
                println!("{w} {g} {p}");
            }
            println!();
        }
    }
    Ok(())
}
