//! `annalist extract` end to end: the seed story and the bundled examples.

#[allow(dead_code)]
mod util;
use util::*;

#[test]
fn seed_story_has_title_agency_dateline_date_and_sentences() {
    let Some(data) = shared_data() else {
        eprintln!("skipping: ../shared/data not found");
        return;
    };
    let seed = data.join("corpus/seed/ansa-libya-2020-01-07.txt");
    let o = annalist(
        std::path::Path::new("."),
        &["extract", seed.to_str().unwrap(), "--year", "2020"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = &docs(&o)[0];
    assert_eq!(
        d["title"]["text"],
        "Di Maio calls for end to interference in Libya (8)"
    );
    assert_eq!(d["agency"], "ANSA");
    assert_eq!(d["dateline"]["place"], "Rome");
    assert_eq!(d["date"], "2020-01-07");
    assert_eq!(d["meta"][0]["key"], "source");
    assert_eq!(d["meta"][0]["value"], "ANSA News Agency");
    let text = d["text"].as_str().unwrap();
    let sents: Vec<&str> = d["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &text[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize])
        .collect();
    assert!(
        !sents.iter().any(|s| s.contains("Source: ANSA")),
        "metadata stays out of the body"
    );
    for expected in [
        "(ANSA) - Rome, January 7 -",
        "\"All interference must cease\", he said before flying off to Turkey.",
        "\"May the fighting in Tripoli end, an immediate ceasefire is needed.\"",
        "Borrell said the foreign ministers \"rejected\" Turkey's intervention, which \"increases our concern\".",
        "Di Maio will meet Turkish Foreign Minister Mevlut Cavusoglu on Tuesday evening, sources said.",
        "He will travel on to Cairo Wednesday and then to Algeria and Tunisia later this week.",
        "La Stampa reported on Monday that Italian soldiers who were stationed at the American 'Union 3' base in Baghdad moved out overnight.",
    ] {
        assert!(sents.contains(&expected), "missing sentence {expected:?} in {sents:#?}");
    }
    assert_eq!(sents.len(), 29);
}

#[test]
fn examples_go_through_in_input_order_with_offsets_that_match() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let o = annalist(&root, &["extract", "examples", "--tokenize-only"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = docs(&o);
    assert!(docs.len() >= 5);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], "examples/afp-paris-protest");
    for d in &docs {
        assert_eq!(d["schema_version"], "1.1");
        let text = d["text"].as_str().unwrap();
        let chars: Vec<char> = text.chars().collect();
        for t in d["tokens"].as_array().unwrap() {
            let (s, e) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            let (cs, ce) = (
                t["char_start"].as_u64().unwrap() as usize,
                t["char_end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text[s..e], chars[cs..ce].iter().collect::<String>());
        }
        for layer in [
            "entities", "actors", "events", "quotes", "timexes", "places",
        ] {
            assert!(d[layer].is_array(), "{layer} is present");
        }
    }
}

#[test]
fn pretty_format_shows_headline_agency_and_place() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let o = annalist(
        &root,
        &[
            "extract",
            "examples/ansa-rome-diplomacy.txt",
            "--format",
            "pretty",
            "--year",
            "2024",
        ],
    );
    let out = stdout(&o);
    assert!(out.contains("Tajani urges restraint"), "{out}");
    assert!(
        out.contains("agency ANSA") && out.contains("place Rome") && out.contains("2024-03-12"),
        "{out}"
    );
}

#[test]
fn every_subcommand_has_help() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for sub in ["extract", "eval", "bench"] {
        let o = annalist(&root, &[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("Usage"));
    }
}

#[test]
fn eval_without_data_names_the_missing_path() {
    let d = tempfile::tempdir().unwrap();
    let o = annalist(d.path(), &["eval", "sentences", "--data", "no-such-dir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-dir"), "{}", stderr(&o));
}
