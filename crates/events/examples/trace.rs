//! Shows what the coder sees and gives for one sentence per line of
//! standard input: tokens with tag, lemma, head and relation, the actors,
//! the coded verbs before governing verbs and code choice (on standard
//! error), and the events with the rules that fired (for dictionary work).
//! `cargo run --release -p annalist-events --example trace < sentences.txt`

use annalist_doc::Doc;
use std::io::BufRead;

fn main() {
    let (actors, coder) = annalist_events::plover::sentence_coder();
    let coder = coder.with_trace(true);
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let mut doc = Doc::new(format!("line{}", n + 1), &line);
        // TRACE_DATE=2008-08-04 dates the sentence (date-restricted codes).
        if let Ok(d) = std::env::var("TRACE_DATE") {
            let p: Vec<u16> = d.split('-').filter_map(|x| x.parse().ok()).collect();
            if let [y, m, dd] = p[..] {
                doc.date = Some(annalist_doc::DocDate {
                    year: Some(y as i32),
                    month: m as u8,
                    day: dd as u8,
                });
            }
        }
        annalist_events::plover::code_sentence(&mut doc, &actors, &coder);
        println!("== {line}");
        println!("   {}", annalist_events::describe_parse(&doc));
        for a in &doc.actors {
            println!(
                "   actor {} {:?} [{}..{})",
                a.code,
                doc.span_text(&a.span),
                a.span.token_start,
                a.span.token_end
            );
        }
        for e in &doc.events {
            println!(
                "   EVENT {} {:?} -> {:?} {} rules {:?}",
                e.cameo,
                e.source,
                e.target,
                e.plover.as_deref().unwrap_or("-"),
                e.rules
            );
        }
    }
}
