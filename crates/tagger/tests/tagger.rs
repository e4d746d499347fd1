//! The shipped tagger loads and tags a wire-style sentence; the training
//! path works on a tiny hand-written treebank.

use annalist_corpora::conllu;
use annalist_tagger::{train, Tagger, TrainOptions};

#[test]
fn shipped_model_tags_a_wire_sentence() {
    let tagger = Tagger::shipped().expect("shipped tagger loads");
    let words = [
        "The", "minister", "said", "on", "Tuesday", "that", "the", "talks", "would", "resume", ".",
    ];
    let tags: Vec<&str> = tagger.tag(&words).iter().map(|t| t.upos).collect();
    assert_eq!(
        tags,
        ["DET", "NOUN", "VERB", "ADP", "PROPN", "SCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    );
    let xpos: Vec<&str> = tagger.tag(&words).iter().map(|t| t.xpos).collect();
    assert_eq!(xpos[2], "VBD");
    let lem = tagger.lemmatizer();
    assert_eq!(lem.lemma("said", "VERB", "VBD"), "say");
    assert_eq!(lem.lemma("talks", "NOUN", "NNS"), "talk");
    assert_eq!(lem.lemma("officials", "NOUN", "NNS"), "official");
    assert_eq!(lem.lemma("fled", "VERB", "VBD"), "flee");
}

#[test]
fn empty_and_odd_input_do_not_panic() {
    let tagger = Tagger::shipped().expect("shipped tagger loads");
    assert!(tagger.tag::<&str>(&[]).is_empty());
    assert_eq!(tagger.tag(&["", "\u{0}", "ÉÉÉ", "😀"]).len(), 4);
}

const TINY: &str = "# text = The army attacked the town.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tarmy\tarmy\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\ttown\ttown\tNOUN\tNN\t_\t3\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# text = Rebels seized the airport.
1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tseized\tseize\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tairport\tairport\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

#[test]
fn trains_a_tiny_model_and_round_trips() {
    let sents = conllu::read(std::io::Cursor::new(TINY)).unwrap();
    let opts = TrainOptions {
        epochs: 5,
        // Weights of a two-sentence model are all small.
        prune: 0.0,
        ..Default::default()
    };
    let tagger = train(&sents, &sents, &opts, &mut |_| {}).unwrap();
    let tags: Vec<&str> = tagger
        .tag(&["The", "army", "seized", "the", "airport", "."])
        .iter()
        .map(|t| t.upos)
        .collect();
    assert_eq!(tags, ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]);
    let dir = tempfile::tempdir().unwrap();
    tagger.save(dir.path()).unwrap();
    let again = Tagger::load(dir.path()).unwrap();
    assert_eq!(
        again.tag(&["Rebels", "attacked", "."]),
        tagger.tag(&["Rebels", "attacked", "."])
    );
    assert_eq!(again.lemmatizer().lemma("seized", "VERB", "VBD"), "seize");
}

/// Guards the shipped model's accuracy (skips without the shared data).
#[test]
fn shipped_model_accuracy_on_ewt() {
    let data = annalist_eval::default_data_dir();
    if !data.join("ud/en_ewt/en_ewt-ud-test.conllu").exists() {
        eprintln!("skipping: shared data not found at {}", data.display());
        return;
    }
    let reports = annalist_tagger::evaluate(&data, Some("ewt-test")).unwrap();
    let upos = reports[0].metrics["upos"].as_f64().unwrap();
    assert!(upos >= 95.0, "EWT test UPOS {upos}");
}
