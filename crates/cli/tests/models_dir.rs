//! Models come from the binary or from a directory the user names:
//! `annalist train pos --models DIR`, then `annalist extract --models DIR`
//! uses that model; a damaged model stops the run at start-up (exit 2)
//! with a message naming the file.

#[allow(dead_code)]
mod util;
use std::fs;
use util::*;

/// A tiny treebank: three sentences whose only verb tag is `VBD`/`VERB`
/// and only noun tag `NNP`/`PROPN`, so a tagger trained on it can only
/// say those.
const TINY: &str = "\
# sent_id = 1
1\tRome\tRome\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\t_
3\tParis\tParis\tPROPN\tNNP\t_\t2\tobj\t_\t_

# sent_id = 2
1\tItaly\tItaly\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
3\tFrance\tFrance\tPROPN\tNNP\t_\t2\tobj\t_\t_

# sent_id = 3
1\tMinisters\tMinister\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\ttalked\ttalk\tVERB\tVBD\t_\t0\troot\t_\t_
3\tTuesday\tTuesday\tPROPN\tNNP\t_\t2\tobl\t_\t_

";

fn tags(o: &std::process::Output) -> Vec<String> {
    docs(o)
        .iter()
        .flat_map(|d| d["tokens"].as_array().cloned().unwrap_or_default())
        .filter_map(|t| t["tag"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_model_trained_into_a_directory_is_used_and_a_damaged_one_stops_the_run() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("tiny.conllu"), TINY).unwrap();
    fs::write(d.path().join("story.txt"), STORY).unwrap();
    let o = annalist(
        d.path(),
        &[
            "train",
            "pos",
            "--train",
            "tiny.conllu",
            "--dev",
            "tiny.conllu",
            "--epochs",
            "2",
            "--models",
            "mine",
        ],
    );
    assert!(o.status.success(), "train: {}", stderr(&o));
    assert!(d.path().join("mine/tagger/pos.anlm").exists());
    assert!(d.path().join("mine/tagger/MODEL_CARD.md").exists());

    let builtin = annalist(d.path(), &["extract", "story.txt"]);
    assert!(builtin.status.success(), "{}", stderr(&builtin));
    let mine = annalist(d.path(), &["extract", "--models", "mine", "story.txt"]);
    assert!(mine.status.success(), "{}", stderr(&mine));
    let (b, m) = (tags(&builtin), tags(&mine));
    assert_eq!(b.len(), m.len());
    assert!(b.iter().any(|t| t == "DT" || t == "IN"), "built-in: {b:?}");
    assert!(
        m.iter().all(|t| t == "NNP" || t == "VBD"),
        "the tiny model knows only NNP and VBD: {m:?}"
    );

    // Truncated on disk: exit 2 before any story, naming the file.
    let model = d.path().join("mine/tagger/pos.anlm");
    let bytes = fs::read(&model).unwrap();
    fs::write(&model, &bytes[..bytes.len() / 2]).unwrap();
    let o = annalist(d.path(), &["extract", "--models", "mine", "story.txt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("pos.anlm"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());

    // Not a directory: a usage error.
    let o = annalist(d.path(), &["extract", "--models", "nowhere", "story.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere"), "{}", stderr(&o));
}

#[test]
fn learned_actors_are_written_at_the_end_and_read_only_when_asked() {
    let d = tempfile::tempdir().unwrap();
    fs::write(
        d.path().join("a.txt"),
        "Turkish Foreign Minister Mevlut Cavusoglx met reporters in Ankara on Tuesday.\n",
    )
    .unwrap();
    fs::write(
        d.path().join("b.txt"),
        "Cavusoglx said the talks would go on.\n",
    )
    .unwrap();
    let codes = |o: &std::process::Output| -> Vec<String> {
        docs(o)
            .iter()
            .flat_map(|d| d["actors"].as_array().cloned().unwrap_or_default())
            .filter_map(|a| a["code"].as_str().map(str::to_string))
            .collect()
    };
    let first = annalist(
        d.path(),
        &[
            "extract",
            "-j",
            "2",
            "--learn-actors",
            "kb.tsv",
            "a.txt",
            "b.txt",
        ],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let kb = fs::read_to_string(d.path().join("kb.tsv")).unwrap();
    assert!(kb.contains("CAVUSOGLX") && kb.contains("TURGOV"), "{kb}");
    // Learning again, with one thread: same output, nothing new written.
    let again = annalist(
        d.path(),
        &[
            "extract",
            "-j",
            "1",
            "--learn-actors",
            "kb.tsv",
            "a.txt",
            "b.txt",
        ],
    );
    assert_eq!(stdout(&first), stdout(&again));
    assert_eq!(fs::read_to_string(d.path().join("kb.tsv")).unwrap(), kb);
    // What earlier runs learned is read only when asked.
    let plain = annalist(d.path(), &["extract", "b.txt"]);
    assert!(
        !codes(&plain).contains(&"TURGOV".to_string()),
        "{:?}",
        codes(&plain)
    );
    let asked = annalist(d.path(), &["extract", "--actor-kb", "kb.tsv", "b.txt"]);
    assert!(
        codes(&asked).contains(&"TURGOV".to_string()),
        "{:?}",
        codes(&asked)
    );
}

/// `annalist train quotes` on one article in PolNeAR's layout (brat
/// standoff) writes a model that `extract --models DIR` loads.
#[test]
fn the_quote_tagger_trains_into_a_models_directory() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("polnear/train");
    fs::create_dir_all(data.join("text")).unwrap();
    fs::create_dir_all(data.join("attributions")).unwrap();
    let text = "The minister said the talks had failed.\n";
    fs::write(data.join("text/a.txt"), text).unwrap();
    fs::write(
        data.join("attributions/a_ann1.ann"),
        "T1\tSource 0 12\tThe minister\nT2\tCue 13 17\tsaid\nT3\tContent 18 38\tthe talks had failed\n\
         E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n",
    )
    .unwrap();
    fs::write(d.path().join("story.txt"), STORY).unwrap();
    let o = annalist(
        d.path(),
        &[
            "train", "quotes", "--train", "polnear", "--epochs", "1", "--prune", "0", "--models",
            "mine",
        ],
    );
    assert!(o.status.success(), "train: {}", stderr(&o));
    assert!(stderr(&o).contains("1 training articles"), "{}", stderr(&o));
    assert!(d.path().join("mine/quotes/quotes.anlm").exists());
    assert!(d.path().join("mine/quotes/MODEL_CARD.md").exists());
    let o = annalist(d.path(), &["extract", "--models", "mine", "story.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
