//! Throughput of the tagger and the recognizer on gold-tokenized CoNLL-2003
//! test documents, single thread, after loading:
//! `cargo run --release -p annalist-ner --example bench_ner`.

use annalist_ner::{conll, Recognizer};
use annalist_tagger::Tagger;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = annalist_eval::default_data_dir();
    let docs = conll::read_file(&data.join("conll2003/eng.testb"))?;
    let docs: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    let t0 = Instant::now();
    let tagger = Tagger::shipped().map_err(|e| e.to_string())?;
    // A model folder as the first argument (ner.anlm, gazetteer.tsv)
    // measures a candidate before it is shipped.
    let loaded;
    let rec = match std::env::args().nth(1) {
        Some(dir) => {
            let dir = std::path::PathBuf::from(dir);
            let model = annalist_linear::Model::from_bytes(&std::fs::read(dir.join("ner.anlm"))?)?;
            let gaz = annalist_ner::gazetteer::Gazetteer::from_tsv(&std::fs::read_to_string(
                dir.join("gazetteer.tsv"),
            )?)?;
            loaded = Recognizer::new(model, gaz, annalist_clusters::Clusters::shipped().clone())?;
            &loaded
        }
        None => Recognizer::shipped().map_err(|e| e.to_string())?,
    };
    eprintln!("load: {:.0?}", t0.elapsed());
    let rounds = std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let (mut t_tag, mut t_ner) = (0f64, 0f64);
    let cpu0 = cpu_seconds();
    let mut classes = Vec::new();
    let mut sink = 0usize;
    for _ in 0..rounds {
        let t = Instant::now();
        for d in &docs {
            for s in d {
                tagger.tag_classes(s, &mut classes);
                sink += classes.len();
            }
        }
        t_tag += t.elapsed().as_secs_f64();
        let t = Instant::now();
        for d in &docs {
            sink += rec.recognize(d).len();
        }
        t_ner += t.elapsed().as_secs_f64();
    }
    let cpu = cpu_seconds() - cpu0;
    let n = (tokens * rounds) as f64;
    println!(
        "CPU time: {cpu:.2} s for both, {:.0} tok per CPU-second",
        n / cpu.max(1e-9)
    );
    println!(
        "tokens {tokens} x {rounds}: tagger {:.0} tok/s, recognizer {:.0} tok/s, both {:.0} tok/s (sink {sink})",
        n / t_tag,
        n / t_ner,
        n / (t_tag + t_ner)
    );
    Ok(())
}

/// User + system CPU time of this process (Linux `/proc/self/stat`, 100
/// ticks per second), so a busy machine does not skew the figure; 0 elsewhere.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let after = stat.rsplit_once(')').map_or("", |(_, a)| a);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}
