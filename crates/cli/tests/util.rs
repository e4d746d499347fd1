//! Helpers shared by the integration tests: run the binary, write fixtures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `annalist` with `args` in `dir`.
pub fn annalist(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the annalist binary runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The parsed JSON documents on standard output.
pub fn docs(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

/// A short wire story written for the tests.
pub const STORY: &str = "Ministers meet in Rome\n\n(ANSA) - Rome, January 7 - Italy's foreign minister met his French counterpart on Tuesday. \"Talks went well,\" he said.\n\nSource: ANSA News Agency\n";

/// The shared data folder, if present.
pub fn shared_data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    p.exists().then_some(p)
}
