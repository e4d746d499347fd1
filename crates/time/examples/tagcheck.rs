//! Prints tagger tags for a sentence (development aid).
use annalist_doc::{Doc, Stage};
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let mut d = Doc::new("x", text);
    let _ = annalist_tokenizer::TokenizerStage.process(&mut d);
    let _ = annalist_tagger::TaggerStage.process(&mut d);
    for (i, t) in d.tokens.iter().enumerate() {
        print!("{}/{} ", d.token_text(i), t.tag.as_deref().unwrap_or("-"));
    }
    println!();
}
