//! Development driver: scores a model file on the parse sets
//! `cargo run --release -p annalist-parser --example eval_parse -- MODEL [SET]`
//! (the supported command is `annalist eval parse`).

use annalist_parser::eval::evaluate_with;
use annalist_parser::Parser;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let model = args.next().ok_or("usage: eval_parse MODEL [SET]")?;
    let set = args.next();
    let parser = Parser::load(std::path::Path::new(&model))?;
    let data = annalist_eval::default_data_dir();
    let sets: Vec<Option<&str>> = match &set {
        Some(s) => vec![Some(s.as_str())],
        None => vec![None, Some("ewt-dev")],
    };
    for s in sets {
        for r in evaluate_with(&parser, &data, s)? {
            println!("{}", r.to_json_line());
        }
    }
    Ok(())
}
