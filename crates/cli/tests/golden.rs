//! Golden outputs: `extract` on every file in `examples/`, as JSON (pretty
//! printed, so a review shows which field changed) and as the pretty view,
//! compared with the files in `tests/golden/`. A rule change shows its
//! effect on the examples as a diff of those files.
//!
//! To accept a change: `ANNALIST_UPDATE_GOLDEN=1 cargo test --release -p
//! annalist --test golden`, then review and commit the diff.

#[allow(dead_code)] // the helpers are shared by every test file; this one uses a few
mod util;
use std::path::Path;
use util::*;

fn check(name: &str, actual: &str) -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let path = dir.join(name);
    if std::env::var_os("ANNALIST_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    (expected != actual).then(|| {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        format!(
            "{name} differs from the golden file at line {} (ANNALIST_UPDATE_GOLDEN=1 to accept):\n  golden: {}\n  now:    {}",
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        )
    })
}

#[test]
fn examples_match_their_golden_outputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files: Vec<String> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for f in &files {
        let input = format!("examples/{f}");
        let json = annalist(
            &root,
            &["extract", &input, "--year", "2020", "--no-progress"],
        );
        assert!(json.status.success(), "{f}: {}", stderr(&json));
        let pretty_json: String = docs(&json)
            .iter()
            .map(|d| serde_json::to_string_pretty(d).unwrap() + "\n")
            .collect();
        failures.extend(check(&format!("{f}.json"), &pretty_json));
        let view = annalist(
            &root,
            &[
                "extract",
                &input,
                "--year",
                "2020",
                "--no-progress",
                "--format",
                "pretty",
            ],
        );
        assert!(view.status.success(), "{f}: {}", stderr(&view));
        failures.extend(check(&format!("{f}.pretty.txt"), &stdout(&view)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
