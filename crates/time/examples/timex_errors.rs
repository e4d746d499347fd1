//! Development aid: prints the system's misses, false alarms and wrong
//! values on a TempEval-3 set, then the scores.
//!
//! `cargo run --release -p annalist-time --example timex_errors -- te3-platinum [tagged]`
//!
//! With `tagged`, each text first goes through the tokenizer and tagger, as
//! in the pipeline, so tense comes from the Penn tags.

use annalist_time::eval::{read, set_files, Counts};

fn main() {
    let set = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "te3-platinum".into());
    let tagged = std::env::args().nth(2).as_deref() == Some("tagged");
    let data = annalist_eval::default_data_dir();
    let files = match set_files(&data, &set) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let mut counts = Counts::default();
    for f in &files {
        let Ok(doc) = read(f) else { continue };
        let sys = if tagged {
            use annalist_doc::{Doc, DocDate, Stage};
            use chrono::Datelike;
            let mut d = Doc::new("tml", doc.text.clone());
            d.date = doc
                .dct
                .and_then(|t| DocDate::ymd(t.year(), t.month() as u8, t.day() as u8));
            let _ = annalist_tokenizer::TokenizerStage.process(&mut d);
            let _ = annalist_tagger::TaggerStage::shipped()
                .unwrap()
                .process(&mut d);
            annalist_time::annotate_doc(&d)
        } else {
            annalist_time::annotate(&doc.text, doc.dct)
        };
        counts.add(&doc, &sys);
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        for g in &doc.timexes {
            let hit = sys.iter().find(|s| s.start < g.end && g.start < s.end);
            let gt = &doc.text[g.start..g.end];
            match hit {
                None => println!("MISS\t{name}\t{gt:?}\t{} {}", g.kind, g.value),
                Some(s) if s.value != g.value || s.kind != g.kind => {
                    let cs = doc.text[..s.start]
                        .char_indices()
                        .rev()
                        .nth(60)
                        .map_or(0, |(i, _)| i);
                    let ce = doc.text[s.end..]
                        .char_indices()
                        .nth(30)
                        .map_or(doc.text.len(), |(i, _)| s.end + i);
                    println!(
                        "VAL\t{name}\t{gt:?}\t{} {}\t→ {:?} {} {}\tDCT {:?} [{}]",
                        g.kind,
                        g.value,
                        &doc.text[s.start..s.end],
                        s.kind,
                        s.value,
                        doc.dct,
                        doc.text[cs..ce].replace('\n', " ")
                    )
                }
                Some(s) if s.start != g.start || s.end != g.end => {
                    println!("EXT\t{name}\t{gt:?}\t→ {:?}", &doc.text[s.start..s.end])
                }
                _ => {}
            }
        }
        for s in &sys {
            if !doc
                .timexes
                .iter()
                .any(|g| s.start < g.end && g.start < s.end)
            {
                let ctx_s = doc.text[..s.start]
                    .char_indices()
                    .rev()
                    .nth(25)
                    .map_or(0, |(i, _)| i);
                println!(
                    "FA\t{name}\t{:?}\t{} {}\t[{}]",
                    &doc.text[s.start..s.end],
                    s.kind,
                    s.value,
                    doc.text[ctx_s..s.end].replace('\n', " ")
                );
            }
        }
    }
    println!("{}", counts.report(&set, files.len()).to_json_line());
}
