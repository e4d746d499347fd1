//! Runs `annalist eval events` without the CLI (for dictionary work):
//! `events-eval [DATA_DIR] [SET]`; one JSON line per set.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let data = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(annalist_eval::default_data_dir);
    match annalist_events::evaluate(&data, args.get(2).map(String::as_str)) {
        Ok(reports) => {
            for r in reports {
                println!("{}", r.to_json_line());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("events-eval: {e}");
            ExitCode::FAILURE
        }
    }
}
