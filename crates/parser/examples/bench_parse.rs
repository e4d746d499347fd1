//! Throughput of tagging + parsing, single thread, on gold-tokenized UD
//! sentences:
//! `cargo run --release -p annalist-parser --example bench_parse [-- FILE.conllu [ROUNDS]]`
//! (default: EWT test, 3 rounds; the best round is reported).

use annalist_corpora::conllu;
use annalist_parser::features::Input;
use annalist_parser::Parser;
use std::time::Instant;

/// CPU time of this thread in seconds (Linux `schedstat`; 0 elsewhere), so
/// that figures hold on a machine shared with other jobs.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            annalist_eval::default_data_dir().join("ud/en_ewt/en_ewt-ud-test.conllu")
        });
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    let sents = conllu::read_file(&path)?;
    let forms: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let tagger = annalist_tagger::Tagger::shipped().map_err(|e| e.to_string())?;
    let t_load = Instant::now();
    // PARSER_MODEL=FILE benchmarks another model file.
    let loaded;
    let parser = match std::env::var_os("PARSER_MODEL") {
        Some(p) => {
            loaded = Parser::load(std::path::Path::new(&p))?;
            &loaded
        }
        None => Parser::shipped().map_err(|e| e.to_string())?,
    };
    println!("parser model load: {:.2?}", t_load.elapsed());
    let tokens: usize = forms.iter().map(Vec::len).sum();
    let mut best = (f64::MAX, f64::MAX);
    let mut classes = Vec::new();
    let mut checksum = 0usize;
    let mut best_cpu = f64::MAX;
    for _ in 0..rounds {
        let (mut t_tag, mut t_parse) = (0.0, 0.0);
        let c0 = cpu_seconds();
        for f in &forms {
            let t0 = Instant::now();
            tagger.tag_classes(f, &mut classes);
            let tags: Vec<_> = classes.iter().map(|&c| tagger.tags_of(c)).collect();
            let xpos: Vec<&str> = tags.iter().map(|t| t.xpos).collect();
            let upos: Vec<&str> = tags.iter().map(|t| t.upos).collect();
            let t1 = Instant::now();
            let p = parser.parse(&Input::new(f, &xpos, &upos));
            checksum += p.heads.iter().flatten().sum::<usize>();
            t_tag += (t1 - t0).as_secs_f64();
            t_parse += t1.elapsed().as_secs_f64();
        }
        best_cpu = best_cpu.min(cpu_seconds() - c0);
        if t_tag + t_parse < best.0 + best.1 {
            best = (t_tag, t_parse);
        }
    }
    let (tt, tp) = best;
    println!(
        "CPU time: tag+parse {:.0} tokens/s ({:.0} sentences/s)",
        tokens as f64 / best_cpu,
        sents.len() as f64 / best_cpu
    );
    println!(
        "wall: {} sentences, {} tokens: tag+parse {:.0} tokens/s ({:.0} sentences/s); parse only {:.0} tokens/s; tag only {:.0} tokens/s [checksum {checksum}]",
        sents.len(),
        tokens,
        tokens as f64 / (tt + tp),
        sents.len() as f64 / (tt + tp),
        tokens as f64 / tp,
        tokens as f64 / tt
    );
    Ok(())
}
