use annalist_quotes::{describe, extract, marks, polnear, tagger, training};
fn main() {
    let data = annalist_eval::default_data_dir().join("quotes/polnear/data");
    let arts = polnear::read_split(&data, "dev").unwrap();
    let a = &arts[0];
    let doc = training::doc_of(a);
    let gold = training::gold_labels(&doc, a);
    let t = tagger::Tagger::from_bytes(&std::fs::read("crates/quotes/model/quotes.anlm").unwrap())
        .unwrap();
    let q = marks::pair(&doc);
    let pred = t.label(&doc, &q);
    for i in 0..doc.tokens.len().min(300) {
        println!(
            "{:>12} {} {}",
            doc.token_text(i),
            tagger::LABELS[gold[i] as usize],
            tagger::LABELS[pred[i] as usize]
        );
    }
    for qq in extract(&t, &doc) {
        println!("{}", describe(&qq, &doc));
    }
}
