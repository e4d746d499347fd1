//! Runs `annalist eval events` without the CLI (for dictionary work):
//! `events-eval [DATA_DIR] [SET]`; one JSON line per set, with the default
//! options (`annalist eval events --conventions … --verbose` sets them).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let data = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(annalist_eval::default_data_dir);
    match annalist_events::evaluate(
        &data,
        args.get(2).map(String::as_str),
        &annalist_events::EvalOptions::default(),
    ) {
        Ok(reports) => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            for r in reports {
                // A closed pipe (`| head`) is a normal way to stop.
                if writeln!(out, "{}", r.to_json_line()).is_err() {
                    break;
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("events-eval: {e}");
            ExitCode::FAILURE
        }
    }
}
