//! Language identification end to end: a story not in English is reported
//! and passed through unannotated (never coded with the English models),
//! counted in the run summary; an English story in the same batch is coded
//! exactly as it is alone. The stories below were written for this test.

#[allow(dead_code)]
mod util;
use std::fs;
use util::*;

const ENGLISH: &str = "Ministers meet in Rome\n\n(ANSA) - Rome, January 7 - Italy's foreign minister met his French counterpart on Tuesday to discuss the crisis in Libya. \"Talks went well,\" he said after the meeting. The two men agreed to call for a ceasefire and to hold a conference in Berlin later this month.";

/// Several sentences in each language, as a news story would have them.
const OTHERS: [(&str, &str, &str); 4] = [
    (
        "it",
        "Vertice a Roma sulla crisi libica",
        "Il ministro degli Esteri ha incontrato martedì il suo omologo francese per discutere della crisi in Libia. \"I colloqui sono andati bene\", ha detto al termine dell'incontro. I due ministri hanno chiesto un cessate il fuoco immediato e hanno annunciato una conferenza di pace che si terrà a Berlino alla fine del mese. Secondo fonti diplomatiche, anche la Turchia e la Russia saranno invitate.",
    ),
    (
        "es",
        "Protestas en Madrid contra la reforma",
        "Miles de personas se manifestaron el domingo en el centro de Madrid contra la reforma laboral aprobada por el Gobierno la semana pasada. Los sindicatos, que convocaron la marcha, exigen que el texto sea retirado antes de su votación en el Congreso. La policía calculó que unas veinte mil personas participaron en la protesta, que terminó sin incidentes frente al Ministerio de Trabajo.",
    ),
    (
        "fr",
        "Le gouvernement annonce un plan pour les hôpitaux",
        "Le Premier ministre a présenté mardi un plan de deux milliards d'euros pour les hôpitaux publics, qui manquent de personnel depuis le début de la crise sanitaire. Les syndicats ont salué une mesure attendue, mais ils demandent aussi des hausses de salaires dans tout le secteur. Une nouvelle journée de grève est prévue jeudi dans plusieurs grandes villes du pays.",
    ),
    (
        "de",
        "Regierung beschließt neues Klimapaket",
        "Die Bundesregierung hat am Mittwoch ein neues Klimapaket beschlossen, das den Ausstoß von Treibhausgasen bis zum Ende des Jahrzehnts deutlich senken soll. Der Umweltminister sprach von einem wichtigen Schritt, doch die Opposition kritisierte die Pläne als unzureichend. Nach Angaben des Ministeriums sollen die Maßnahmen im kommenden Jahr in Kraft treten und rund zehn Milliarden Euro kosten.",
    ),
];

fn record(id: &str, title: &str, text: &str) -> String {
    serde_json::json!({"id": id, "title": title, "text": text}).to_string()
}

/// English alone, then the same story among four in other languages.
fn mixed_dir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("en.txt"), ENGLISH).unwrap();
    let lines: Vec<String> = OTHERS
        .iter()
        .map(|(lang, title, text)| record(&format!("story-{lang}"), title, text))
        .collect();
    fs::write(d.path().join("others.jsonl"), lines.join("\n") + "\n").unwrap();
    d
}

#[test]
fn every_story_not_in_english_is_identified_reported_and_skipped() {
    let d = mixed_dir();
    let alone = annalist(d.path(), &["extract", "en.txt", "--no-progress"]);
    assert_eq!(alone.status.code(), Some(0), "{}", stderr(&alone));
    let o = annalist(
        d.path(),
        &[
            "extract",
            "en.txt",
            "others.jsonl",
            "--stats",
            "--no-progress",
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "not a failure: {err}");
    let docs = docs(&o);
    assert_eq!(docs.len(), 5, "every story comes out");

    // The English story is coded exactly as it is alone.
    assert_eq!(docs[0], util::docs(&alone)[0]);
    assert_eq!(docs[0]["lang"], "en");
    assert!(!docs[0]["events"].as_array().unwrap().is_empty());
    assert!(docs[0].get("warnings").is_none());

    for (doc, (lang, _, text)) in docs[1..].iter().zip(OTHERS) {
        let id = doc["id"].as_str().unwrap();
        assert_eq!(doc["lang"], lang, "{id}");
        assert!(doc["text"].as_str().unwrap().ends_with(text), "{id}");
        for layer in ["tokens", "sentences", "entities", "actors", "events"] {
            assert!(doc[layer].as_array().unwrap().is_empty(), "{id}: {layer}");
        }
        let warning = doc["warnings"][0].as_str().unwrap();
        assert!(warning.starts_with("not in English"), "{id}: {warning}");
        assert!(
            err.contains(&format!("others.jsonl:{}", doc["origin"]["line"]))
                && err.contains("not in English"),
            "{id} reported: {err}"
        );
    }
    assert!(
        err.contains("documents: 5  not in English (skipped): 4  failed: 0"),
        "{err}"
    );
}

#[test]
fn lang_any_runs_the_english_stages_on_every_story() {
    let d = mixed_dir();
    let o = annalist(
        d.path(),
        &["extract", "others.jsonl", "--lang-any", "--tokenize-only"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for doc in docs(&o) {
        assert_ne!(doc["lang"], "en", "the language is still recorded");
        assert!(!doc["tokens"].as_array().unwrap().is_empty());
        assert!(doc.get("warnings").is_none());
    }
}

#[test]
fn a_declared_language_wins_and_a_short_text_is_english() {
    let d = tempfile::tempdir().unwrap();
    let (_, title, italian) = OTHERS[0];
    let lines = [
        // The input says English: its word is taken.
        serde_json::json!({"id": "said-en", "title": title, "text": italian, "lang": "en-GB"}),
        // The input says Italian about English text: taken too.
        serde_json::json!({"id": "said-it", "text": ENGLISH, "lang": "it"}),
        // Too short to tell: English.
        serde_json::json!({"id": "short", "text": "Sciopero a Roma."}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(d.path().join("s.jsonl"), text).unwrap();
    let o = annalist(d.path(), &["extract", "s.jsonl", "--tokenize-only"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = docs(&o);
    assert_eq!(docs[0]["lang"], "en");
    assert!(!docs[0]["tokens"].as_array().unwrap().is_empty());
    assert_eq!(docs[1]["lang"], "it");
    assert!(docs[1]["tokens"].as_array().unwrap().is_empty());
    assert_eq!(docs[2]["lang"], "en");
    assert!(!docs[2]["tokens"].as_array().unwrap().is_empty());
}

#[test]
fn ingest_counts_the_stories_not_in_english() {
    let d = mixed_dir();
    let o = annalist(
        d.path(),
        &[
            "ingest",
            "en.txt",
            "others.jsonl",
            "--tokenize-only",
            "--no-progress",
            "--db",
            "a.db",
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("5 stories added"), "{err}");
    assert!(
        err.contains("4 not in English (stored unannotated)"),
        "{err}"
    );
}
