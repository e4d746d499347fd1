//! Prints gold direct attributions on dev whose source the stage misses.
use annalist_quotes::{assemble, extract, marks, polnear, shipped, training};
fn main() {
    let data = annalist_eval::default_data_dir().join("quotes/polnear/data");
    let arts = polnear::read_split(&data, "dev").unwrap();
    let t = shipped().unwrap();
    let chars = |s: &str, a: usize, b: usize| s.chars().skip(a).take(b - a).collect::<String>();
    for a in &arts {
        let doc = training::doc_of(a);
        let q = marks::pair(&doc);
        let quotes = extract(t, &doc);
        let psrc: Vec<(usize, usize)> = quotes
            .iter()
            .filter_map(|x| {
                x.source
                    .map(|s| (s.char_start as usize, s.char_end as usize))
            })
            .collect();
        for r in &a.relations {
            let direct = !r.content.is_empty()
                && r.content.iter().all(|p| {
                    let rr = training::token_ranges(&doc, p);
                    !rr.is_empty() && rr.iter().all(|&x| assemble::is_direct(&doc, x, &q))
                });
            if !direct {
                continue;
            }
            for s in &r.source {
                if s.len() == 1 && psrc.contains(&s[0]) {
                    continue;
                }
                let c = &r.content[0][0];
                let cue = r
                    .cue
                    .first()
                    .map(|p| chars(&a.text, p[0].0, p[0].1))
                    .unwrap_or_default();
                // nearest predicted source
                let near = psrc
                    .iter()
                    .min_by_key(|p| (p.0 as i64 - s[0].0 as i64).abs())
                    .map(|p| chars(&a.text, p.0, p.1))
                    .unwrap_or_default();
                println!(
                    "GOLD[{}] cue[{}] pred-near[{}] dist={} :: {}",
                    chars(&a.text, s[0].0, s[s.len() - 1].1),
                    cue,
                    near,
                    s[0].0 as i64 - c.0 as i64,
                    chars(&a.text, c.0, c.1.min(c.0 + 60)).replace('\n', " ")
                );
            }
        }
    }
}
