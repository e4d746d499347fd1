//! Archive behaviour on short synthetic wire stories with hand-made layers.

use annalist_doc::{
    Actor, CharIndex, Doc, DocDate, Event, Place, Quote, QuoteKind, Span, TextField, Timex,
};
use annalist_store::{
    prepare, Archive, BatchCounts, CountBy, EventFilter, EventQuery, ExportFormat, Item, RunKind,
    StoryItem, Table, Value,
};
use std::path::Path;

/// A story whose sentences are split at ". ", tokens at spaces.
fn story(id: &str, agency: &str, date: &str, title: &str, body: &str) -> Doc {
    let text = format!("{title}\n\n{body}");
    let mut d = Doc::new(id, text.clone());
    let idx = CharIndex::new(&text);
    d.title = Some(TextField {
        text: title.to_string(),
        offsets: idx.offsets(0, title.len()),
    });
    let body_start = title.len() + 2;
    d.body = idx.offsets(body_start, text.len());
    d.agency = Some(agency.to_string());
    d.date = date.parse::<DocDate>().ok();
    // Tokens at spaces, sentences at ". ".
    let mut pos = 0;
    for w in text.split_inclusive([' ', '\n']) {
        let t = w.trim_end();
        if !t.is_empty() {
            d.tokens.push(annalist_doc::Token {
                offsets: idx.offsets(pos, pos + t.len()),
                ws: true,
                ..Default::default()
            });
        }
        pos += w.len();
    }
    let mut start_tok = 0;
    for i in 0..d.tokens.len() {
        let t = d.token_text(i);
        let newline_follows = d.tokens.get(i + 1).is_some_and(|n| {
            text[d.tokens[i].offsets.end as usize..n.offsets.start as usize].contains('\n')
        });
        if t.ends_with('.') || newline_follows || i + 1 == d.tokens.len() {
            let s = d.span(start_tok, i + 1);
            d.sentences.push(s);
            start_tok = i + 1;
        }
    }
    d
}

fn span_of(d: &Doc, needle: &str) -> Span {
    let from = d.body.start as usize;
    let start = from + d.text[from..].find(needle).expect("needle in body");
    let end = start + needle.len();
    let first = d.token_at_byte(start).expect("token");
    let last = d.token_at_byte(end - 1).expect("token");
    d.span(first, last + 1)
}

fn add_event(
    d: &mut Doc,
    source: &str,
    target: &str,
    cameo: &str,
    place: Option<(&str, u64, &str)>,
    trigger: &str,
) {
    let src = span_of(d, source_word(source));
    let sentence = d.sentence_of(src.token_start as usize).unwrap_or(0) as u32;
    d.actors.push(Actor {
        span: src,
        code: source.to_string(),
        name: Some(source.to_string()),
        antecedent: None,
        rule: None,
    });
    let tgt = span_of(d, source_word(target));
    d.actors.push(Actor {
        span: tgt,
        code: target.to_string(),
        name: None,
        antecedent: None,
        rule: None,
    });
    let location = place.map(|(name, gn, c2)| {
        let o = span_of(d, name).offsets;
        d.places.push(Place {
            offsets: o,
            name: name.to_string(),
            geonames_id: Some(gn),
            canonical: Some(name.to_string()),
            country2: Some(c2.to_string()),
            country3: None,
            feature_code: Some("PPLC".into()),
            lat: Some(32.9),
            lon: Some(13.2),
            ..Default::default()
        });
        (d.places.len() - 1) as u32
    });
    let trig = span_of(d, trigger);
    d.events.push(Event {
        sentence,
        cameo: cameo.to_string(),
        root: cameo[..2].to_string(),
        quad_class: if cameo.starts_with('1') && cameo >= "14" {
            4
        } else {
            1
        },
        goldstein: -9.0,
        source: Some(source.to_string()),
        target: Some(target.to_string()),
        source_actor: Some((d.actors.len() - 2) as u32),
        target_actor: Some((d.actors.len() - 1) as u32),
        trigger: Some(trig),
        location,
        confidence: 0.8,
        ..Default::default()
    });
}

/// The word standing for an actor code in these stories.
fn source_word(code: &str) -> &'static str {
    match code {
        "TURMIL" => "Turkish",
        "LBYREB" => "rebels",
        "LBYGOV" => "government",
        "ITAGOV" => "Italian",
        _ => "the",
    }
}

fn libya_story(id: &str, agency: &str, date: &str, variant: &str) -> Doc {
    let mut d = story(
        id,
        agency,
        date,
        "Turkish drones strike near Tripoli",
        &format!(
            "Turkish forces attacked rebels near Tripoli on Tuesday. The Italian minister said \"we are worried\" {variant}. The government asked for calm."
        ),
    );
    add_event(
        &mut d,
        "TURMIL",
        "LBYREB",
        "190",
        Some(("Tripoli", 2210247, "LY")),
        "attacked",
    );
    d.timexes.push(Timex {
        offsets: span_of(&d, "Tuesday.").offsets,
        kind: "DATE".into(),
        value: date.to_string(),
        r#mod: None,
        interval: None,
    });
    let content = span_of(&d, "\"we are worried\"").offsets;
    d.quotes.push(Quote {
        kind: QuoteKind::Direct,
        content: vec![content],
        cue: Some(span_of(&d, "said").offsets),
        source: Some(span_of(&d, "minister").offsets),
        speaker: Some("Luigi Di Maio".into()),
        speaker_code: Some("ITAGOV".into()),
    });
    d
}

fn ingest(archive: &mut Archive, docs: Vec<Doc>) -> BatchCounts {
    let run = archive
        .begin_run(
            RunKind::Ingest,
            &[("test", "1".to_string())],
            &["fixture".to_string()],
        )
        .unwrap();
    let items = docs
        .into_iter()
        .map(|mut d| {
            let prepared = prepare(&mut d, "");
            Item::Story(Box::new(StoryItem::new(prepared, d, None)))
        })
        .collect();
    let c = archive.write_batch(run, items).unwrap();
    archive.finish_run(run).unwrap();
    c
}

fn corpus() -> Vec<Doc> {
    vec![
        libya_story("a1", "AFP", "2020-01-07", "about the clashes"),
        libya_story("a2", "Reuters", "2020-01-08", "about the fighting"),
        libya_story("a3", "Reuters", "2020-01-20", "once more"),
        {
            let mut d = story(
                "b1",
                "ANSA",
                "2020-01-08",
                "Rome talks",
                "The Italian minister met the government in Rome. Talks went on.",
            );
            add_event(&mut d, "ITAGOV", "LBYGOV", "040", None, "met");
            d
        },
    ]
}

fn open(dir: &Path) -> Archive {
    Archive::open(&dir.join("annalist.db")).unwrap()
}

#[test]
fn ingest_dedups_stories_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    let c = ingest(&mut a, corpus());
    assert_eq!((c.seen, c.added, c.duplicates), (4, 4, 0));
    let s = a.stats().unwrap();
    assert_eq!(s.stories, 4);
    // a1 and a2 are one event (one day apart); a3 is 13 days later; b1 differs.
    assert_eq!(s.events, 3);
    assert_eq!(s.mentions, 4);
    assert_eq!(s.actors, 8);
    assert_eq!(s.quotes, 3);
    assert_eq!(s.places, 3);
    assert_eq!(s.timexes, 3);
    assert_eq!(s.indexed, 4);
    let before = a.fingerprint().unwrap();

    // Re-ingesting adds nothing, even with different whitespace.
    let mut again = corpus();
    again[0].text = again[0].text.replace("Tuesday. ", "Tuesday.  ");
    let c = ingest(&mut a, corpus());
    assert_eq!((c.added, c.duplicates), (0, 4));
    assert_eq!(a.fingerprint().unwrap(), before);
    assert_eq!(a.stats().unwrap().runs.len(), 2);
    assert!(a.integrity_ok().unwrap());

    let rows = a
        .query_events(&EventQuery {
            filter: EventFilter {
                actor: Some("TUR".into()),
                ..Default::default()
            },
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rows.rows.len(), 2);
    let col = |name: &str| rows.columns.iter().position(|c| c.name == name).unwrap();
    let first = &rows.rows[0];
    assert_eq!(first[col("num_mentions")], Value::Int(2));
    assert_eq!(first[col("num_stories")], Value::Int(2));
    assert_eq!(first[col("num_sources")], Value::Int(2));
    assert_eq!(first[col("date")], Value::Text("2020-01-07".into()));
    assert_eq!(
        first[col("evidence")],
        Value::Text("Turkish forces attacked rebels near Tripoli on Tuesday.".into())
    );
}

#[test]
fn query_filters_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    ingest(&mut a, corpus());
    let n = |a: &mut Archive, f: EventFilter| {
        a.query_events(&EventQuery {
            filter: f,
            ..Default::default()
        })
        .unwrap()
        .rows
        .len()
    };
    let f = EventFilter::default;
    assert_eq!(n(&mut a, f()), 3);
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                actor: Some("TURMIL".into()),
                ..f()
            }
        ),
        2
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                source: Some("tur".into()),
                target: Some("LBY".into()),
                ..f()
            }
        ),
        2
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                target: Some("TUR".into()),
                ..f()
            }
        ),
        0
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                country: Some("LBY".into()),
                ..f()
            }
        ),
        3
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                cameo: Some("19".into()),
                ..f()
            }
        ),
        2
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                root: Some("04".into()),
                ..f()
            }
        ),
        1
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                quad_class: Some(4),
                ..f()
            }
        ),
        2
    );
    let d = |s: &str| s.parse::<DocDate>().ok();
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                from: d("2020-01-01"),
                to: d("2020-01-10"),
                ..f()
            }
        ),
        2
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                place: Some("tripoli".into()),
                ..f()
            }
        ),
        2
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                location_country: Some("ly".into()),
                ..f()
            }
        ),
        2
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                text: Some("\"Rome talks\"".into()),
                ..f()
            }
        ),
        1
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                text: Some("drones fighting".into()),
                ..f()
            }
        ),
        1
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                speaker: Some("di maio".into()),
                ..f()
            }
        ),
        2
    );
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                speaker: Some("ITAGOV".into()),
                cameo: Some("04".into()),
                ..f()
            }
        ),
        0
    );

    // Two source-or-target filters at once: one runs as branches, one as OR.
    assert_eq!(
        n(
            &mut a,
            EventFilter {
                actor: Some("TUR".into()),
                country: Some("LBY".into()),
                ..f()
            }
        ),
        2
    );
    let by_source = a
        .query_events(&EventQuery {
            filter: EventFilter {
                actor: Some("LBY".into()),
                ..f()
            },
            count_by: Some(CountBy::Source),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        by_source.rows,
        vec![
            vec![Value::Text("TURMIL".into()), Value::Int(2), Value::Int(3)],
            vec![Value::Text("ITAGOV".into()), Value::Int(1), Value::Int(1)],
        ]
    );
    let counts = a
        .query_events(&EventQuery {
            count_by: Some(CountBy::Month),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        counts.rows,
        vec![vec![
            Value::Text("2020-01".into()),
            Value::Int(3),
            Value::Int(4)
        ]]
    );
    let weeks = a
        .query_events(&EventQuery {
            count_by: Some(CountBy::Week),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(weeks.rows[0][0], Value::Text("2020-W02".into()));
    let mentions = a
        .query_events(&EventQuery {
            filter: EventFilter {
                actor: Some("TUR".into()),
                ..f()
            },
            mentions: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(mentions.rows.len(), 3);
}

#[test]
fn search_ranks_and_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    ingest(&mut a, corpus());
    let hits = a.search("calm", 10).unwrap();
    assert_eq!(hits.len(), 3);
    let h = &hits[0];
    assert!(h.snippet.contains("calm"));
    assert_eq!(&h.snippet[h.highlights[0].clone()], "calm");
    assert_eq!(a.search("\"talks went on\"", 10).unwrap().len(), 1);
    assert_eq!(a.search("\"went talks\"", 10).unwrap().len(), 0);
    assert!(a.search("title:(", 10).is_err());
}

#[test]
fn failed_stories_are_kept_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    let run = a
        .begin_run(RunKind::Ingest, &[("test", "1".into())], &[])
        .unwrap();
    let mut d = story(
        "bad",
        "AFP",
        "2020-01-07",
        "Broken",
        "A story that fails a stage.",
    );
    let prepared = prepare(&mut d, "");
    let c = a
        .write_batch(
            run,
            vec![
                Item::Story(Box::new(StoryItem::new(
                    prepared,
                    d,
                    Some("tagger: boom".into()),
                ))),
                Item::ReadError {
                    location: "x.jsonl:3".into(),
                    message: "invalid JSON".into(),
                },
            ],
        )
        .unwrap();
    a.finish_run(run).unwrap();
    assert_eq!((c.seen, c.added, c.failed, c.read_errors), (2, 1, 1, 1));
    let s = a.stats().unwrap();
    assert_eq!((s.stories, s.failed), (1, 1));
    assert_eq!(s.runs[0].read_errors, 1);
}

#[test]
fn reprocess_replaces_layers() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    ingest(&mut a, corpus());
    assert_eq!(a.stale_stories("test@1", false).unwrap().len(), 0);
    let stale = a.stale_stories("test@2", false).unwrap();
    assert_eq!(stale.len(), 4);
    let run = a
        .begin_run(RunKind::Reprocess, &[("test", "2".into())], &[])
        .unwrap();
    let mut items = Vec::new();
    for seq in stale {
        let (prepared, mut doc) = a.load_unannotated(seq).unwrap();
        assert!(doc.events.is_empty() && doc.tokens.is_empty());
        assert!(doc.text.contains("Turkish") || doc.text.contains("Rome"));
        // The "new model" finds only the Rome meeting.
        if doc.text.contains("Rome talks") {
            doc = story(
                &doc.id,
                "ANSA",
                "2020-01-08",
                "Rome talks",
                "The Italian minister met the government in Rome. Talks went on.",
            );
            add_event(&mut doc, "ITAGOV", "LBYGOV", "040", None, "met");
        }
        items.push(StoryItem::new(prepared, doc, None));
    }
    let c = a.replace_batch(run, items).unwrap();
    a.finish_run(run).unwrap();
    assert_eq!(c.added, 4);
    let s = a.stats().unwrap();
    assert_eq!((s.stories, s.events, s.mentions, s.quotes), (4, 1, 1, 0));
    assert!(a.stale_stories("test@2", false).unwrap().is_empty());
}

#[test]
fn index_catches_up_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("annalist.db");
    {
        let mut a = Archive::open(&db).unwrap();
        let run = a
            .begin_run(RunKind::Ingest, &[("test", "1".into())], &[])
            .unwrap();
        let items = corpus()
            .into_iter()
            .map(|mut d| {
                let prepared = prepare(&mut d, "");
                Item::Story(Box::new(StoryItem::new(prepared, d, None)))
            })
            .collect();
        a.write_batch(run, items).unwrap();
        // Dropped without finish_run: the index never committed.
    }
    let mut a = Archive::open(&db).unwrap();
    assert_eq!(a.indexed_docs().unwrap(), 0);
    assert_eq!(a.catch_up_index().unwrap(), 4);
    assert_eq!(a.indexed_docs().unwrap(), 4);
    assert_eq!(a.catch_up_index().unwrap(), 0);
    assert_eq!(a.search("Tripoli", 10).unwrap().len(), 3);
}

#[test]
fn newer_schema_and_foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("annalist.db");
    drop(Archive::open(&db).unwrap());
    {
        let c = rusqlite_conn(&db);
        c.execute("UPDATE meta SET value='99' WHERE key='schema_version'", [])
            .unwrap();
    }
    let err = Archive::open(&db).err().expect("refused").to_string();
    assert!(err.contains("schema version 99"), "{err}");
    let other = dir.path().join("other.db");
    {
        let c = rusqlite_conn(&other);
        c.execute("CREATE TABLE t(x)", []).unwrap();
    }
    let err = Archive::open(&other).err().expect("refused").to_string();
    assert!(err.contains("not an annalist archive"), "{err}");
    assert!(Archive::open_existing(&dir.path().join("missing.db")).is_err());
}

fn rusqlite_conn(p: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(p).unwrap()
}

fn export_to(a: &Archive, table: Table, format: ExportFormat, path: &Path) -> u64 {
    let f = std::fs::File::create(path).unwrap();
    annalist_store::export(a, table, format, Box::new(std::io::BufWriter::new(f))).unwrap()
}

#[test]
fn exports_gdelt_csv_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    ingest(&mut a, corpus());
    let p = dir.path().join("events.tsv");
    assert_eq!(export_to(&a, Table::Events, ExportFormat::Gdelt, &p), 3);
    let tsv = std::fs::read_to_string(&p).unwrap();
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), 3);
    for l in &lines {
        assert_eq!(l.split('\t').count(), 61, "{l}");
    }
    let cols: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(cols[1], "20200107");
    assert_eq!(cols[5], "TURMIL");
    assert_eq!(cols[6], "TURMIL");
    assert_eq!(cols[7], "TUR");
    assert_eq!(cols[12], "MIL");
    assert_eq!(cols[26], "190");
    assert_eq!(cols[31], "2");
    assert_eq!(cols[51], "4");
    assert_eq!(cols[52], "Tripoli");
    assert!(cols[60].starts_with("annalist:"));

    let p = dir.path().join("mentions.csv");
    assert_eq!(export_to(&a, Table::Mentions, ExportFormat::Csv, &p), 4);
    let mut r = csv::Reader::from_path(&p).unwrap();
    let headers = r.headers().unwrap().clone();
    let i = headers.iter().position(|h| h == "sentence_text").unwrap();
    let first = r.records().next().unwrap().unwrap();
    assert_eq!(
        &first[i],
        "Turkish forces attacked rebels near Tripoli on Tuesday."
    );

    let p = dir.path().join("stories.jsonl");
    assert_eq!(export_to(&a, Table::Stories, ExportFormat::Jsonl, &p), 4);
    let first: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&p).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(first["agency"], "AFP");
    for t in [
        Table::Actors,
        Table::Quotes,
        Table::Places,
        Table::Timexes,
        Table::Runs,
    ] {
        export_to(&a, t, ExportFormat::Csv, &dir.path().join("t.csv"));
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_back_with_types() {
    use arrow_array::{Array, Float64Array, Int64Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    ingest(&mut a, corpus());
    let p = dir.path().join("events.parquet");
    assert_eq!(export_to(&a, Table::Events, ExportFormat::Parquet, &p), 3);
    let f = std::fs::File::open(&p).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(f)
        .unwrap()
        .build()
        .unwrap();
    let mut rows = 0;
    for batch in reader {
        let b = batch.unwrap();
        rows += b.num_rows();
        let ids = b
            .column_by_name("event_id")
            .unwrap()
            .as_any()
            .downcast_ref::<Int64Array>()
            .unwrap();
        assert_eq!(ids.value(0), 1);
        let g = b
            .column_by_name("goldstein")
            .unwrap()
            .as_any()
            .downcast_ref::<Float64Array>()
            .unwrap();
        assert_eq!(g.value(0), -9.0);
        let s = b
            .column_by_name("source")
            .unwrap()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap();
        assert_eq!(s.value(0), "TURMIL");
        let lat = b.column_by_name("location_lat").unwrap();
        assert!(lat.is_null(2));
    }
    assert_eq!(rows, 3);
    let p = dir.path().join("stories.parquet");
    assert_eq!(export_to(&a, Table::Stories, ExportFormat::Parquet, &p), 4);
    let f = std::fs::File::open(&p).unwrap();
    let meta = ParquetRecordBatchReaderBuilder::try_new(f).unwrap();
    assert_eq!(meta.metadata().file_metadata().num_rows(), 4);
}

#[test]
fn gdelt_dates_ignore_a_part_of_day() {
    // TimeML values such as "2020-01-07TEV" (evening) still have a day.
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    ingest(&mut a, corpus());
    drop(a);
    {
        let c = rusqlite_conn(&dir.path().join("annalist.db"));
        c.execute("UPDATE events SET date = date || 'TEV'", [])
            .unwrap();
    }
    let a = open(dir.path());
    let p = dir.path().join("events.tsv");
    export_to(&a, Table::Events, ExportFormat::Gdelt, &p);
    let tsv = std::fs::read_to_string(&p).unwrap();
    let cols: Vec<&str> = tsv.lines().next().unwrap().split('\t').collect();
    assert_eq!(cols[1], "20200107");
    assert_eq!(cols[3], "2020");
}
