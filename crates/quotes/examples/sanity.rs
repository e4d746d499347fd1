use annalist_quotes::{marks, polnear, tagger, training};
fn main() {
    let data = annalist_eval::default_data_dir().join("quotes/polnear/data");
    let arts = polnear::read_split(&data, "dev").unwrap();
    let docs: Vec<_> = arts
        .iter()
        .take(40)
        .map(|a| {
            let d = training::doc_of(a);
            let g = training::gold_labels(&d, a);
            (d, g)
        })
        .collect();
    let model = tagger::train(&docs, 5, 1, 0.0);
    let mut buf = Vec::new();
    model.save(&mut buf).unwrap();
    let t = tagger::Tagger::from_bytes(&buf).unwrap();
    let (mut ok, mut n) = (0, 0);
    for (d, g) in &docs {
        let p = t.label(d, &marks::pair(d));
        for i in 0..g.len() {
            n += 1;
            ok += (p[i] == g[i]) as usize;
        }
    }
    println!("train acc {}", ok as f64 / n as f64);
}
