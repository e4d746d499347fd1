//! The news event corpus in the repository is well formed: every gold line
//! parses, names a story of its split, stores offsets and labels but no
//! text, and every split's stories are disjoint. Needs no shared data.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpora/news-events")
}

#[test]
fn gold_files_hold_offsets_and_labels_only() {
    let splits_text = std::fs::read_to_string(corpus().join("splits.tsv")).unwrap();
    let splits: BTreeMap<&str, &str> = splits_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split_once('\t').unwrap())
        .collect();
    assert!(splits.len() >= 150, "at least 150 stories");
    assert!(splits
        .keys()
        .all(|s| !s.contains("wikinews_2020") && !s.contains("heldout")));
    let mut seen: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut sentences = 0;
    for split in ["train", "dev", "test"] {
        let text = std::fs::read_to_string(corpus().join(format!("{split}.jsonl"))).unwrap();
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let story = v["story"].as_str().unwrap().to_string();
            assert_eq!(
                splits.get(story.as_str()),
                Some(&split),
                "{story} in {split}"
            );
            let s = v["sentence"].as_array().unwrap();
            assert!(s[0].as_u64().unwrap() < s[1].as_u64().unwrap());
            for e in v["events"].as_array().unwrap() {
                for k in ["trigger", "source", "target", "claimant"] {
                    assert!(e.get(k).is_none_or(|x| x.is_array()), "{k} must be offsets");
                }
                let code = e["cameo"].as_str().unwrap();
                assert!(code.len() >= 3 && code.bytes().all(|b| b.is_ascii_digit()));
            }
            seen.entry(split).or_default().insert(story);
            sentences += 1;
        }
    }
    assert!(sentences >= 2500, "at least 2,500 sentences");
    let all: Vec<&BTreeSet<String>> = seen.values().collect();
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert!(a.is_disjoint(b), "splits share a story");
        }
    }
}
