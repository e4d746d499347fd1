//! Prints the places found in a text file, or runs the geo evaluation.
//!
//! `cargo run --release -p annalist-places --example places -- FILE`
//! `cargo run --release -p annalist-places --example places -- --eval [SET]`

use annalist_doc::Doc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--eval") {
        let data = annalist_eval::default_data_dir();
        for r in annalist_places::evaluate(&data, args.get(1).map(String::as_str))? {
            println!("{}", r.to_json_line());
        }
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("--dump") {
        return dump(args.get(1).map_or("gwn", String::as_str));
    }
    let path = args.first().ok_or("usage: places FILE | --eval [SET]")?;
    let text = std::fs::read_to_string(path)?;
    let doc = Doc::new("doc", text);
    let g = annalist_places::gazetteer()?;
    for p in annalist_places::find_places(g, &doc) {
        println!(
            "{:<20} {:<18} {:<3} {:<8} {:>9.4} {:>9.4} {}{:.2}",
            p.name,
            p.canonical.as_deref().unwrap_or("-"),
            p.country2.as_deref().unwrap_or("-"),
            p.feature_code.as_deref().unwrap_or("-"),
            p.lat.unwrap_or(0.0),
            p.lon.unwrap_or(0.0),
            if p.metonym { "METONYM " } else { "" },
            p.confidence
        );
    }
    Ok(())
}

/// Prints geocoding errors over 161 km, false positives and misses of a set.
fn dump(set: &str) -> Result<(), Box<dyn std::error::Error>> {
    let data = annalist_eval::default_data_dir();
    let file = match set {
        "gwn" => "geo/GWN.xml",
        "lgl" => "geo/lgl.xml",
        _ => "geo/TR-News.xml",
    };
    let arts = annalist_places::eval::read_set(set, &data.join(file))?;
    let g = annalist_places::gazetteer()?;
    for (k, a) in arts.iter().enumerate() {
        let doc = Doc::new("d", a.text.clone());
        let places = annalist_places::find_places(g, &doc);
        let chars: Vec<char> = a.text.chars().collect();
        let s = |x: usize, y: usize| {
            chars
                .get(x..y)
                .map(|c| c.iter().collect::<String>())
                .unwrap_or_default()
        };
        for p in &places {
            let span = (p.offsets.char_start as usize, p.offsets.char_end as usize);
            match a.toponyms.iter().find(|t| (t.start, t.end) == span) {
                Some(t) => {
                    if let (Some(c), Some(lat), Some(lon)) = (t.coords, p.lat, p.lon) {
                        let d = annalist_places::eval::haversine(c, (lat, lon));
                        if d > 161.0 && t.scored && !(set == "gwn" && p.metonym) {
                            println!(
                                "ERR\t{k}\t{}\t{}/{}\t{:.0}km\tgold {:.2},{:.2}",
                                p.name,
                                p.canonical.as_deref().unwrap_or("-"),
                                p.country2.as_deref().unwrap_or("-"),
                                d,
                                c.0,
                                c.1
                            );
                        }
                    }
                }
                None if !(set == "gwn" && p.metonym) => println!(
                    "FP\t{k}\t{}\t{}",
                    p.name,
                    s(span.0.saturating_sub(30), span.1 + 30).replace('\n', " ")
                ),
                None => {}
            }
        }
        for t in a.toponyms.iter().filter(|t| t.scored) {
            if !places.iter().any(|p| {
                (p.offsets.char_start as usize, p.offsets.char_end as usize) == (t.start, t.end)
            }) {
                println!("FN\t{k}\t{}", s(t.start, t.end));
            }
        }
    }
    Ok(())
}
