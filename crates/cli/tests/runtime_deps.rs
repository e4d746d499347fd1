//! The runtime stage crates stay free of the lab: no HTML main-text
//! extraction, HTML parser or CSV reader in their dependency trees (those
//! belong to `annalist-readers`, news input, and the lab around it).

use std::path::Path;
use std::process::Command;

const STAGES: [&str; 4] = [
    "annalist-tokenizer",
    "annalist-tagger",
    "annalist-ner",
    "annalist-parser",
];
const FORBIDDEN: [&str; 3] = ["trafilatura", "scraper", "csv"];

#[test]
fn stage_crates_do_not_depend_on_the_html_or_csv_stack() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for krate in STAGES {
        let o = Command::new(env!("CARGO"))
            .args([
                "tree",
                "--offline",
                "-e",
                "normal",
                "--prefix",
                "none",
                "-p",
                krate,
            ])
            .current_dir(&root)
            .output()
            .expect("cargo runs");
        assert!(
            o.status.success(),
            "cargo tree -p {krate}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let tree = String::from_utf8_lossy(&o.stdout);
        for line in tree.lines() {
            let name = line.split(' ').next().unwrap_or("");
            assert!(
                !FORBIDDEN.contains(&name),
                "{krate} depends on {name}: {line}"
            );
        }
        assert!(tree.contains("annalist-doc"), "{krate}: {tree}");
    }
}
