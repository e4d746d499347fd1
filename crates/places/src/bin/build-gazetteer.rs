//! Builds `data/gazetteer.bin` from the GeoNames extracts in the shared data
//! folder plus the hand-written lists in `data/`.
//!
//! Usage: `cargo run --release -p annalist-places --bin build-gazetteer --
//! [DATA_DIR] [OUT]` (defaults: `../shared/data`, `crates/places/data/gazetteer.bin`).
//! Besides GeoNames it reads CoNLL-2003 `eng.train` (how often a name is a
//! LOC entity) and UD EWT train (which names are common lower-case words).

use annalist_places::gazetteer::{Builder, Kind, NewRecord, KEY_COMMON, KEY_PERSON};
use annalist_places::normalize;
use std::collections::HashMap;
use std::error::Error;
use std::path::{Path, PathBuf};

type Res<T> = Result<T, Box<dyn Error>>;

/// City points of a division and their summed population.
type Points = (Vec<(f32, f32)>, u64);

struct City {
    id: u32,
    name: String,
    ascii: String,
    alts: Vec<String>,
    lat: f32,
    lon: f32,
    fcode: String,
    cc: String,
    admin1: String,
    admin2: String,
    pop: u32,
}

fn read(path: &Path) -> Res<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn cities(dir: &Path) -> Res<Vec<City>> {
    let mut out = Vec::new();
    for line in read(&dir.join("geonames/cities15000.txt"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 {
            continue;
        }
        out.push(City {
            id: f[0].parse()?,
            name: f[1].into(),
            ascii: f[2].into(),
            alts: f[3]
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            lat: f[4].parse()?,
            lon: f[5].parse()?,
            fcode: f[7].into(),
            cc: f[8].into(),
            admin1: f[10].into(),
            admin2: f[11].into(),
            pop: f[14].parse().unwrap_or(0),
        });
    }
    Ok(out)
}

/// Centre of the points' bounding box, trimmed to the 10th–90th percentile
/// when there are enough points so that outlying islands do not drag it.
fn centre(points: &[(f32, f32)]) -> Option<(f32, f32)> {
    if points.is_empty() {
        return None;
    }
    let mut lats: Vec<f32> = points.iter().map(|p| p.0).collect();
    let mut lons: Vec<f32> = points.iter().map(|p| p.1).collect();
    lats.sort_by(f32::total_cmp);
    lons.sort_by(f32::total_cmp);
    let n = points.len();
    let (lo, hi) = if n >= 10 {
        (n / 10, n - 1 - n / 10)
    } else {
        (0, n - 1)
    };
    Some(((lats[lo] + lats[hi]) / 2.0, (lons[lo] + lons[hi]) / 2.0))
}

/// A city alias worth keeping: Latin script, not an airport code, no digits.
fn good_alias(a: &str) -> bool {
    let letters = a.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && normalize::is_latin(a)
        && !a.chars().any(|c| c.is_ascii_digit())
        && !(a.len() <= 4 && a.chars().all(|c| c.is_ascii_uppercase()))
}

/// True for a name of two or more words that are each common lower-case
/// English words (`ewt`: lower-case uses, capitalised uses).
fn phrase_of_common_words(name: &str, ewt: &HashMap<String, (u32, u32)>) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && words.iter().all(|w| {
            ewt.get(&w.to_lowercase())
                .is_some_and(|&(lower, upper)| lower >= 2 && lower > upper)
        })
}

/// True when `alias` is the name of a country or first-order division that
/// city `c` does not lie in ("Missouri" for Bozeman, "Washington" for
/// Piqua): old or foreign names that would steal the division's mentions.
/// "New York" stays a name of New York City, which lies in New York.
fn names_other_division(b: &Builder, alias: &str, c: &City) -> bool {
    let key = normalize::key(alias);
    if key == normalize::key(&c.name) || key == normalize::key(&c.ascii) {
        return false;
    }
    let divisions: Vec<&NewRecord> = b
        .key_records(&key)
        .iter()
        .filter_map(|&(r, _)| b.record(r))
        .filter(|r| matches!(r.kind, Kind::Country | Kind::Admin1))
        .collect();
    !divisions.is_empty()
        && !divisions
            .iter()
            .any(|d| d.country == c.cc && (d.kind == Kind::Country || d.admin1 == c.admin1))
}

/// Countries whose second-order divisions (counties) news names often.
const ADMIN2_COUNTRIES: &[&str] = &["US", "GB", "IE"];

const DIVISION_AFFIXES: &[&str] = &[
    "Province of ",
    "Muhafazat ",
    "Sha'biyat ",
    "Sha`biyat ",
    "State of ",
    "Region of ",
    " Province",
    " Governorate",
    " Region",
    " Oblast",
    " State",
    " Prefecture",
    " District",
    " Department",
];

fn division_names(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    for a in DIVISION_AFFIXES {
        if let Some(rest) = name.strip_prefix(a).or_else(|| name.strip_suffix(a)) {
            if rest.len() >= 3 {
                out.push(rest.to_string());
            }
        }
    }
    out
}

fn tsv_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

/// Per key: (times tagged LOC, times seen capitalised, times a word of a
/// PER entity) in CoNLL-2003 train.
fn conll_counts(path: &Path, b: &Builder) -> Res<HashMap<String, (u32, u32, u32)>> {
    let keys: std::collections::HashSet<&str> = b.keys().collect();
    let mut counts: HashMap<String, (u32, u32, u32)> = HashMap::new();
    let text = read(path)?;
    let mut sent: Vec<(String, String)> = Vec::new();
    let mut flush = |sent: &mut Vec<(String, String)>| {
        let n = sent.len();
        for i in 0..n {
            if !sent[i].0.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            for len in 1..=4.min(n - i) {
                let words: Vec<&str> = sent[i..i + len].iter().map(|w| w.0.as_str()).collect();
                let key = normalize::key(&words.join(" "));
                if !keys.contains(key.as_str()) {
                    continue;
                }
                let tag = |k: usize| sent[k].1.get(2..).unwrap_or("O");
                let label = tag(i);
                let whole = sent[i..i + len].iter().all(|w| w.1.get(2..) == Some(label))
                    && label != "O"
                    && sent
                        .get(i + len)
                        .is_none_or(|w| w.1 != format!("I-{label}"))
                    && (i == 0 || sent[i].1.starts_with("B-") || tag(i - 1) != label);
                let e = counts.entry(key).or_default();
                e.1 += 1;
                if whole && label == "LOC" {
                    e.0 += 1;
                }
                if len == 1 && label == "PER" {
                    e.2 += 1;
                }
            }
        }
        sent.clear();
    };
    for line in text.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        if f.len() < 4 || f[0] == "-DOCSTART-" {
            flush(&mut sent);
            continue;
        }
        sent.push((f[0].to_string(), f[3].to_string()));
    }
    flush(&mut sent);
    Ok(counts)
}

/// Per lower-cased word: (lower-case uses, capitalised uses not at sentence
/// start) in UD EWT train.
fn ewt_counts(path: &Path) -> Res<HashMap<String, (u32, u32)>> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    let mut first = true;
    for line in read(path)?.lines() {
        if line.is_empty() {
            first = true;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 || f[0].contains('-') || f[0].contains('.') {
            continue;
        }
        let w = f[1];
        let e = counts.entry(w.to_lowercase()).or_default();
        if w.starts_with(|c: char| c.is_lowercase()) {
            e.0 += 1;
        } else if !first {
            e.1 += 1;
        }
        if f[3] != "PUNCT" {
            first = false;
        }
    }
    Ok(counts)
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = PathBuf::from(args.first().map_or("../shared/data", String::as_str));
    let out = PathBuf::from(
        args.get(1)
            .map_or("crates/places/data/gazetteer.bin", String::as_str),
    );
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let gaz = data.join("gazetteer");
    let cities = cities(&gaz)?;
    let mut b = Builder::default();

    // Countries.
    let points: HashMap<String, (f32, f32)> = tsv_rows(&read(&here.join("country_points.tsv"))?)
        .filter(|f| f.len() >= 3)
        .filter_map(|f| Some((f[0].to_string(), (f[1].parse().ok()?, f[2].parse().ok()?))))
        .collect();
    let mut by_country: HashMap<&str, Vec<(f32, f32)>> = HashMap::new();
    let mut by_admin1: HashMap<(String, String), Points> = HashMap::new();
    for c in &cities {
        by_country.entry(&c.cc).or_default().push((c.lat, c.lon));
        let e = by_admin1
            .entry((c.cc.clone(), c.admin1.clone()))
            .or_default();
        e.0.push((c.lat, c.lon));
        e.1 += u64::from(c.pop);
    }
    let mut country_rec: HashMap<String, u32> = HashMap::new();
    for f in tsv_rows(&read(&gaz.join("geonames/countryInfo.txt"))?) {
        if f.len() < 17 {
            continue;
        }
        let (iso2, iso3, name, capital) = (f[0], f[1], f[4], f[5]);
        let area: f64 = f[6].parse().unwrap_or(0.0);
        let cap = cities
            .iter()
            .filter(|c| c.cc == iso2 && (c.name == capital || c.ascii == capital))
            .max_by_key(|c| (c.fcode == "PPLC", c.pop));
        let point = points.get(iso2).copied().or_else(|| {
            if area < 20_000.0 || by_country.get(iso2).is_none_or(|v| v.len() < 5) {
                cap.map(|c| (c.lat, c.lon))
                    .or_else(|| by_country.get(iso2).and_then(|v| centre(v)))
            } else {
                by_country.get(iso2).and_then(|v| centre(v))
            }
        });
        let Some((lat, lon)) = point else { continue };
        let rec = b.add_record(NewRecord {
            geonames_id: f[16].parse().unwrap_or(0),
            lat,
            lon,
            population: f[7].parse().unwrap_or(0),
            name: name.into(),
            fcode: "PCLI".into(),
            admin1: String::new(),
            admin2: String::new(),
            country: iso2.into(),
            kind: Kind::Country,
        });
        b.add_country(iso2, iso3, rec);
        b.add_name(name, rec, true);
        b.add_name(&format!("Republic of {name}"), rec, true);
        country_rec.insert(iso2.to_string(), rec);
    }

    // First-order divisions.
    let a1_points: HashMap<(String, String), (f32, f32)> =
        tsv_rows(&read(&here.join("admin1_points.tsv"))?)
            .filter(|f| f.len() >= 4)
            .filter_map(|f| {
                Some((
                    (f[0].to_string(), f[1].to_string()),
                    (f[2].parse().ok()?, f[3].parse().ok()?),
                ))
            })
            .collect();
    let mut admin1_rec: HashMap<String, u32> = HashMap::new();
    for f in tsv_rows(&read(&gaz.join("geonames/admin1CodesASCII.txt"))?) {
        if f.len() < 4 {
            continue;
        }
        let Some((cc, code)) = f[0].split_once('.') else {
            continue;
        };
        let Some((points, pop)) = by_admin1.get(&(cc.to_string(), code.to_string())) else {
            continue;
        };
        let hand = a1_points.get(&(cc.to_string(), f[2].to_string())).copied();
        let Some((lat, lon)) = hand.or_else(|| centre(points)) else {
            continue;
        };
        let rec = b.add_record(NewRecord {
            geonames_id: f[3].parse().unwrap_or(0),
            lat,
            lon,
            population: (*pop).min(u64::from(u32::MAX)) as u32,
            name: f[1].into(),
            fcode: "ADM1".into(),
            admin1: code.into(),
            admin2: String::new(),
            country: cc.into(),
            kind: Kind::Admin1,
        });
        for n in division_names(f[1])
            .iter()
            .chain(division_names(f[2]).iter())
        {
            b.add_name(n, rec, true);
        }
        admin1_rec.insert(f[0].to_string(), rec);
    }

    // Counties (US, UK, Ireland): points of their cities, else of their
    // first-order division.
    let mut by_admin2: HashMap<String, Points> = HashMap::new();
    for c in cities
        .iter()
        .filter(|c| ADMIN2_COUNTRIES.contains(&c.cc.as_str()))
    {
        let e = by_admin2
            .entry(format!("{}.{}.{}", c.cc, c.admin1, c.admin2))
            .or_default();
        e.0.push((c.lat, c.lon));
        e.1 += u64::from(c.pop);
    }
    for f in tsv_rows(&read(&gaz.join("geonames/admin2Codes.txt"))?) {
        if f.len() < 4
            || !ADMIN2_COUNTRIES
                .iter()
                .any(|c| f[0].starts_with(&format!("{c}.")))
        {
            continue;
        }
        let parts: Vec<&str> = f[0].split('.').collect();
        if parts.len() != 3 {
            continue;
        }
        let state = admin1_rec
            .get(&format!("{}.{}", parts[0], parts[1]))
            .and_then(|&r| b.record(r));
        let (point, pop) = match by_admin2.get(f[0]) {
            Some((pts, pop)) => (centre(pts), *pop),
            None => (state.map(|s| (s.lat, s.lon)), 0),
        };
        let Some((lat, lon)) = point else { continue };
        let rec = b.add_record(NewRecord {
            geonames_id: f[3].parse().unwrap_or(0),
            lat,
            lon,
            population: pop.min(u64::from(u32::MAX)) as u32,
            name: f[1].into(),
            fcode: "ADM2".into(),
            admin1: parts[1].into(),
            admin2: parts[2].into(),
            country: parts[0].into(),
            kind: Kind::Admin2,
        });
        b.add_name(f[1], rec, true);
        b.add_name(f[2], rec, true);
    }

    // Extra country and division names.
    for f in tsv_rows(&read(&here.join("aliases.tsv"))?) {
        if f.len() < 2 {
            continue;
        }
        let rec = country_rec.get(f[0]).or_else(|| admin1_rec.get(f[0]));
        if let Some(&rec) = rec {
            for n in f[1].split('|') {
                b.add_name(n, rec, true);
            }
        }
    }

    // Cities. An alternate name made only of common English words ("White
    // House" for Casablanca, "Garden City" for Singapore) is a nickname or
    // translation that news uses for something else.
    let ewt = ewt_counts(&data.join("ud/en_ewt/en_ewt-ud-train.conllu"))?;
    let mut dropped: Vec<String> = Vec::new();
    for c in &cities {
        let rec = b.add_record(NewRecord {
            geonames_id: c.id,
            lat: c.lat,
            lon: c.lon,
            population: c.pop,
            name: c.name.clone(),
            fcode: c.fcode.clone(),
            admin1: c.admin1.clone(),
            admin2: c.admin2.clone(),
            country: c.cc.clone(),
            kind: Kind::City,
        });
        b.add_name(&c.name, rec, true);
        b.add_name(&c.ascii, rec, true);
        for a in c.alts.iter().filter(|a| good_alias(a)) {
            if phrase_of_common_words(a, &ewt) || names_other_division(&b, a, c) {
                dropped.push(a.clone());
                continue;
            }
            b.add_name(a, rec, false);
        }
    }

    // Regions, seas, continents.
    for f in tsv_rows(&read(&here.join("regions.tsv"))?) {
        if f.len() < 6 {
            continue;
        }
        let names: Vec<&str> = f[0].split('|').collect();
        let rec = b.add_record(NewRecord {
            geonames_id: f[5].parse().unwrap_or(0),
            lat: f[1].parse()?,
            lon: f[2].parse()?,
            population: 0,
            name: names[0].into(),
            fcode: f[3].into(),
            admin1: String::new(),
            admin2: String::new(),
            country: f[4].into(),
            kind: Kind::Region,
        });
        for n in names {
            b.add_name(n, rec, true);
        }
    }

    // Demonyms: country references, kept apart from places by their kind.
    let iso3_to_2: HashMap<String, String> =
        tsv_rows(&read(&gaz.join("geonames/countryInfo.txt"))?)
            .filter(|f| f.len() > 1)
            .map(|f| (f[1].to_string(), f[0].to_string()))
            .collect();
    let mut demonym_rec: HashMap<String, u32> = HashMap::new();
    for line in read(&gaz.join("demonyms_mordecai2.csv"))?.lines().skip(1) {
        let Some((adj, code)) = line.split_once(',') else {
            continue;
        };
        let Some(cc) = iso3_to_2.get(code.trim()) else {
            continue;
        };
        let Some(_) = country_rec.get(cc) else {
            continue;
        };
        let rec = *demonym_rec.entry(cc.clone()).or_insert_with(|| {
            let name = format!("{cc} (demonym)");
            b.add_record(NewRecord {
                geonames_id: 0,
                lat: 0.0,
                lon: 0.0,
                population: 0,
                name,
                fcode: "DEMONYM".into(),
                admin1: String::new(),
                admin2: String::new(),
                country: cc.clone(),
                kind: Kind::Demonym,
            })
        });
        b.add_name(adj.trim(), rec, true);
        // Plurals ("Libyans") name the people, also a country reference.
        let adj = adj.trim();
        if adj.ends_with('n') || adj.ends_with('i') {
            b.add_name(&format!("{adj}s"), rec, true);
        }
    }

    // Statistics from training text.
    let conll = conll_counts(&data.join("conll2003/eng.train"), &b)?;
    let keys: Vec<String> = b.keys().map(String::from).collect();
    for key in keys {
        let loc = conll
            .get(&key)
            .filter(|c| c.1 >= 2)
            .map(|c| c.0 as f32 / c.1 as f32);
        let common = ewt
            .get(&key)
            .is_some_and(|&(lower, upper)| lower >= 2 && lower > upper);
        let person = conll.get(&key).is_some_and(|c| c.2 >= 2 && c.2 > c.0);
        let flags = if common { KEY_COMMON } else { 0 } | if person { KEY_PERSON } else { 0 };
        b.set_key_info(&key, loc, flags);
    }

    let bytes = b.write()?;
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    eprintln!(
        "dropped {} city aliases (common words, other divisions' names)",
        dropped.len()
    );
    if std::env::var_os("GAZETTEER_VERBOSE").is_some() {
        eprintln!("{}", dropped.join(" | "));
    }
    Ok(())
}
