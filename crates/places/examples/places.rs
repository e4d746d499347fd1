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
