//! Lists the stories whose identified language is not English, with the
//! identifier's confidence: for checking the language stage on a corpus.
//!
//! `annalist extract --tokenize-only --lang-any FILES | cargo run --release
//! -p annalist-pipeline --example lang_audit`

use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Ok(doc) = serde_json::from_str::<annalist_doc::Doc>(&line) else {
            continue;
        };
        let end = (0..=doc.text.len().min(annalist_pipeline::DETECT_BYTES))
            .rev()
            .find(|&i| doc.text.is_char_boundary(i))
            .unwrap_or(0);
        if let Some(info) = whatlang::detect(&doc.text[..end]) {
            if info.lang() != whatlang::Lang::Eng {
                println!(
                    "{}\t{:?}\t{:.3}\t{}\t{}",
                    doc.id,
                    info.lang(),
                    info.confidence(),
                    doc.text.split_whitespace().count(),
                    doc.text
                        .chars()
                        .take(80)
                        .collect::<String>()
                        .replace('\n', " ")
                );
            }
        }
    }
}
