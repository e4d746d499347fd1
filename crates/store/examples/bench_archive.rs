//! Archive benchmark helper (see docs/benchmarks.md, "Archive").
//!
//! `synth DB [PER_STORY]` gives every story of an archive built with
//! `annalist ingest --tokenize-only` synthetic coded events (seeded, so
//! every run is identical) through the same write path as `reprocess`,
//! because no event stage exists yet to produce real ones.
//!
//! `query DB [REPEAT]` times filtered event queries and full-text searches
//! through the library and prints the median and 90th percentile.

use annalist_doc::{CharIndex, Doc, Event, Place, Span};
use annalist_store::{Archive, EventFilter, EventQuery, RunKind, StoryItem};
use std::path::Path;
use std::time::Instant;

/// splitmix64: a tiny seeded generator, enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

const ACTORS: &[&str] = &[
    "TURMIL", "TURGOV", "LBYREB", "LBYGOV", "LBYMIL", "USAGOV", "USAMIL", "RUSMIL", "RUSGOV",
    "ITAGOV", "EGYMIL", "FRAGOV", "GBRGOV", "CHNGOV", "IRNMIL", "SYRREB", "SYRGOV", "ISRMIL",
    "PSEREB", "UKRGOV",
];
const CODES: &[(&str, u8, f32)] = &[
    ("010", 1, 0.0),
    ("020", 1, 3.0),
    ("036", 1, 4.0),
    ("040", 1, 1.0),
    ("042", 1, 1.9),
    ("043", 1, 2.8),
    ("051", 1, 3.4),
    ("057", 1, 8.0),
    ("061", 2, 6.4),
    ("071", 2, 7.4),
    ("111", 3, -2.0),
    ("112", 3, -2.0),
    ("120", 3, -4.0),
    ("130", 3, -4.4),
    ("138", 3, -7.0),
    ("172", 4, -5.0),
    ("173", 4, -5.0),
    ("180", 4, -9.0),
    ("190", 4, -10.0),
    ("193", 4, -10.0),
    ("195", 4, -10.0),
];
const PLACES: &[(&str, u64, &str, &str, f64, f64)] = &[
    ("Tripoli", 2210247, "LY", "PPLC", 32.88, 13.19),
    ("Benghazi", 88319, "LY", "PPL", 32.11, 20.06),
    ("Ankara", 323786, "TR", "PPLC", 39.91, 32.85),
    ("Damascus", 170654, "SY", "PPLC", 33.51, 36.29),
    ("Moscow", 524901, "RU", "PPLC", 55.75, 37.61),
    ("Washington", 4140963, "US", "PPLC", 38.89, -77.03),
    ("Rome", 3169070, "IT", "PPLC", 41.89, 12.51),
    ("Cairo", 360630, "EG", "PPLC", 30.06, 31.24),
    ("Libya", 2215636, "LY", "PCLI", 26.0, 17.0),
    ("Gaza", 281133, "PS", "PPLA", 31.5, 34.46),
];

fn synth(db: &Path, per_story: usize) -> Result<(), Box<dyn std::error::Error>> {
    let mut a = Archive::open_existing(db)?;
    let seqs = a.stale_stories("", true)?;
    let run = a.begin_run(RunKind::Reprocess, &[("synthetic-events", "1".into())], &[])?;
    let started = Instant::now();
    for chunk in seqs.chunks(512) {
        let mut items = Vec::with_capacity(chunk.len());
        for &seq in chunk {
            let (prepared, mut doc) = a.load_unannotated(seq)?;
            let mut rng = Rng(seq as u64);
            fake_events(&mut doc, &mut rng, per_story);
            items.push(StoryItem::new(prepared, doc, None));
        }
        a.replace_batch(run, items)?;
    }
    a.finish_run(run)?;
    let s = a.stats()?;
    println!(
        "synthetic events for {} stories in {:.1} s: {} events, {} mentions",
        seqs.len(),
        started.elapsed().as_secs_f64(),
        s.events,
        s.mentions
    );
    Ok(())
}

/// Sentences split at ". " (enough for offsets), events on the first ones,
/// dated within 2019–2020 so that reports cluster and merge.
fn fake_events(doc: &mut Doc, rng: &mut Rng, per_story: usize) {
    let idx = CharIndex::new(&doc.text);
    let mut start = doc.body.start as usize;
    let text = doc.text.clone();
    for (i, _) in text.match_indices(". ") {
        if i + 1 > start && i >= doc.body.start as usize {
            doc.sentences.push(Span {
                token_start: 0,
                token_end: 0,
                offsets: idx.offsets(start, i + 1),
            });
            start = i + 2;
        }
    }
    if start < text.len() {
        doc.sentences.push(Span {
            token_start: 0,
            token_end: 0,
            offsets: idx.offsets(start, text.len()),
        });
    }
    let day0 = 17_897; // 2019-01-01
    for k in 0..per_story.min(doc.sentences.len()) {
        let source = *rng.pick(ACTORS);
        let mut target = *rng.pick(ACTORS);
        if target == source {
            target = ACTORS[(rng.next() % ACTORS.len() as u64) as usize];
        }
        let (cameo, quad, goldstein) = *rng.pick(CODES);
        let (name, gn, c2, fc, lat, lon) = *rng.pick(PLACES);
        doc.places.push(Place {
            offsets: doc.sentences[k].offsets,
            name: name.into(),
            geonames_id: Some(gn),
            canonical: Some(name.into()),
            country2: Some(c2.into()),
            feature_code: Some(fc.into()),
            lat: Some(lat),
            lon: Some(lon),
            confidence: 0.9,
            ..Default::default()
        });
        let day = day0 + (rng.next() % 730) as i64;
        doc.events.push(Event {
            sentence: k as u32,
            cameo: cameo.into(),
            root: cameo[..2].into(),
            quad_class: quad,
            goldstein,
            source: Some(source.into()),
            target: Some(target.into()),
            date: Some(date_of(day)),
            location: Some((doc.places.len() - 1) as u32),
            confidence: 0.5 + (rng.next() % 50) as f32 / 100.0,
            ..Default::default()
        });
    }
}

fn date_of(days: i64) -> String {
    // Days since 1970-01-01 to a civil date (H. Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn time<F: FnMut() -> usize>(label: &str, repeat: usize, mut f: F) {
    let mut ms = Vec::with_capacity(repeat);
    let mut n = 0;
    for _ in 0..repeat {
        let t = Instant::now();
        n = f();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    let p = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!("| {label} | {n} | {:.1} | {:.1} |", p(0.5), p(0.9));
}

fn query(db: &Path, repeat: usize) -> Result<(), Box<dyn std::error::Error>> {
    let mut a = Archive::open_existing(db)?;
    let s = a.stats()?;
    println!(
        "archive: {} stories, {} events, {} mentions\n",
        s.stories, s.events, s.mentions
    );
    println!("| query | rows | median ms | p90 ms |\n|---|---:|---:|---:|");
    let d = |s: &str| s.parse().ok();
    let queries: Vec<(&str, EventQuery)> = vec![
        (
            "events: source TURMIL, target LBY*, QuadClass 4, 2020-01-01..2020-03-31",
            EventQuery {
                filter: EventFilter {
                    source: Some("TURMIL".into()),
                    target: Some("LBY".into()),
                    quad_class: Some(4),
                    from: d("2020-01-01"),
                    to: d("2020-03-31"),
                    ..Default::default()
                },
                ..Default::default()
            },
        ),
        (
            "events: actor RUS, root 19, location country SY (first 50)",
            EventQuery {
                filter: EventFilter {
                    actor: Some("RUS".into()),
                    root: Some("19".into()),
                    location_country: Some("SY".into()),
                    ..Default::default()
                },
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "events: country LBY, count by month",
            EventQuery {
                filter: EventFilter {
                    country: Some("LBY".into()),
                    ..Default::default()
                },
                count_by: Some(annalist_store::CountBy::Month),
                ..Default::default()
            },
        ),
        (
            "events: supporting text \"ceasefire\", actor TUR (first 50)",
            EventQuery {
                filter: EventFilter {
                    text: Some("ceasefire".into()),
                    actor: Some("TUR".into()),
                    ..Default::default()
                },
                limit: Some(50),
                ..Default::default()
            },
        ),
    ];
    for (label, q) in &queries {
        time(label, repeat, || {
            a.query_events(q).map(|r| r.rows.len()).unwrap_or(0)
        });
    }
    for q in ["ceasefire talks", "\"prime minister\"", "title:election"] {
        time(
            &format!("search: {q} (top 10 with snippets)"),
            repeat,
            || a.search(q, 10).map(|h| h.len()).unwrap_or(0),
        );
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: bench_archive synth DB [PER_STORY] | query DB [REPEAT]";
    let (Some(cmd), Some(db)) = (args.get(1), args.get(2)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let n = |d: usize| args.get(3).and_then(|s| s.parse().ok()).unwrap_or(d);
    match cmd.as_str() {
        "synth" => synth(Path::new(db), n(3)),
        "query" => query(Path::new(db), n(21)),
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}
