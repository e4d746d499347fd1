//! Throughput of the time stage beside the tokenizer on a corpus (default:
//! the BBC corpus in the shared data), single thread, best of `REPEAT` runs.
//!
//! `cargo run --release -p annalist-time --example time_bench [DIR] [REPEAT]`

use annalist_doc::{Doc, Stage};
use annalist_readers::{read_inputs, ReadOptions};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| annalist_eval::default_data_dir().join("corpus/bbc"));
    let repeat: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    if !dir.exists() {
        eprintln!("{} not found; nothing to measure", dir.display());
        return;
    }
    let docs: Vec<Doc> = read_inputs(std::slice::from_ref(&dir), &ReadOptions::default())
        .filter_map(Result::ok)
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut best = (Duration::MAX, Duration::MAX, 0usize);
    for _ in 0..repeat.max(1) {
        let mut docs = docs.clone();
        let t = Instant::now();
        for d in &mut docs {
            let _ = annalist_tokenizer::TokenizerStage.process(d);
        }
        let tok = t.elapsed();
        let t = Instant::now();
        let mut n = 0;
        for d in &mut docs {
            let _ = annalist_time::TimeStage.process(d);
            n += d.timexes.len();
        }
        let time = t.elapsed();
        if time < best.1 {
            best = (tok, time, n);
        }
    }
    let (tok, time, n) = best;
    let mb = bytes as f64 / 1e6;
    println!(
        "input {}: {} docs, {:.1} MB, {} timexes",
        dir.display(),
        docs.len(),
        mb,
        n
    );
    println!(
        "tokenizer {:>8.3} s  {:>7.1} MB/s",
        tok.as_secs_f64(),
        mb / tok.as_secs_f64()
    );
    println!(
        "time      {:>8.3} s  {:>7.1} MB/s",
        time.as_secs_f64(),
        mb / time.as_secs_f64()
    );
    println!(
        "time / tokenizer = {:.2}",
        time.as_secs_f64() / tok.as_secs_f64()
    );
}
