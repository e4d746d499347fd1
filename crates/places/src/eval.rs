//! `annalist eval geo`: geotagging and geocoding scores on GeoWebNews
//! (`gwn`), LGL (`lgl`) and TR-News (`trnews`), computed as EUPEG and
//! Gritta et al. (2019) do.
//!
//! Geotagging: exact span match on character offsets. For GeoWebNews the
//! gold set is the literal toponyms (`Literal`, `Mixed`, `Coercion`,
//! `Embedded_Literal`, `Literal_Modifier`); predicted places flagged as
//! metonyms are not counted as literal predictions, and predictions that
//! land exactly on an associative gold toponym (`Metonymic`, `Demonym`,
//! modifiers…) are neither right nor wrong. LGL and TR-News annotate
//! toponyms without types: every gold span counts, every predicted place
//! counts. Geocoding: for correctly tagged toponyms with gold coordinates,
//! the great-circle error d (km, R = 6371); `acc161` is the share with
//! ln(d + 1) < ln 161, in percent like every other accuracy; `auc` is the
//! trapezoidal area under the sorted ln(d + 1) curve divided by
//! ln(20039) · (n − 1), a fraction 0–1, lower is better.

use crate::{find_places, gazetteer, PlacesError};
use annalist_doc::{Doc, Stage};
use annalist_eval::{data_path, Prf, Report};
use std::path::Path;

/// Half the Earth's circumference, the largest possible error (km).
pub const MAX_KM: f64 = 20039.0;

/// One gold toponym.
#[derive(Debug, Clone)]
pub struct GoldToponym {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Counts for recall (literal in GWN; all in LGL/TR-News).
    pub scored: bool,
    /// Coordinates, when the annotation has them.
    pub coords: Option<(f64, f64)>,
}

/// One gold article.
#[derive(Debug, Clone)]
pub struct GoldArticle {
    /// The article text.
    pub text: String,
    /// Its toponyms.
    pub toponyms: Vec<GoldToponym>,
}

const SETS: &[(&str, &str)] = &[
    ("gwn", "geo/GWN.xml"),
    ("lgl", "geo/lgl.xml"),
    ("trnews", "geo/TR-News.xml"),
];

/// Scores every set (or only `set`) under `data_dir`.
pub fn evaluate(data_dir: &Path, set: Option<&str>) -> Result<Vec<Report>, PlacesError> {
    evaluate_with(data_dir, set, &Listing::default())
}

/// What `annalist eval geo` lists on standard error besides the scores
/// (developers' error listing; off by default so the scores printed on
/// standard output stay the only output).
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Every geocoding error over 161 km with its cause, every false
    /// positive and every miss.
    pub errors: bool,
    /// One article's gold toponyms beside its places (`SET:INDEX`, e.g.
    /// `lgl:198`).
    pub article: Option<String>,
}

/// [`evaluate`], listing what `listing` asks for on standard error.
pub fn evaluate_with(
    data_dir: &Path,
    set: Option<&str>,
    listing: &Listing,
) -> Result<Vec<Report>, PlacesError> {
    let mut out = Vec::new();
    for &(name, rel) in SETS {
        if set.is_some_and(|s| s != name) {
            continue;
        }
        let path = data_path(data_dir, rel)?;
        let articles = read_set(name, &path)?;
        out.push(score(name, &articles, listing)?);
    }
    if out.is_empty() {
        return Err(PlacesError::Gold {
            path: set.unwrap_or("").into(),
            message: "unknown set (known: gwn, lgl, trnews)".into(),
        });
    }
    Ok(out)
}

/// Reads a gold file of set `name` (`gwn`, `lgl` or `trnews`).
pub fn read_set(name: &str, path: &Path) -> Result<Vec<GoldArticle>, PlacesError> {
    let err = |m: String| PlacesError::Gold {
        path: path.display().to_string(),
        message: m,
    };
    let xml = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let tree =
        roxmltree::Document::parse_with_options(&xml, opts).map_err(|e| err(e.to_string()))?;
    let mut out = Vec::new();
    for art in tree
        .root_element()
        .children()
        .filter(|c| c.has_tag_name("article"))
    {
        let text = text_of(child(art, "text"));
        let chars: Vec<char> = text.chars().collect();
        let mut toponyms = Vec::new();
        let list = child(art, "toponyms")
            .into_iter()
            .flat_map(|t| t.children().filter(|c| c.has_tag_name("toponym")));
        for t in list {
            let (Some(s), Some(e)) = (num(t, "start"), num(t, "end")) else {
                continue;
            };
            let (mut s, mut e) = (s as usize, e as usize);
            if name == "gwn" {
                let kind = text_of(child(t, "type"));
                let kind = kind.trim();
                if kind.ends_with("_Expression") || kind == "Non_Toponym" {
                    continue;
                }
                let literal = matches!(
                    kind,
                    "Literal" | "Mixed" | "Coercion" | "Embedded_Literal" | "Literal_Modifier"
                );
                let coords = num(t, "latitude").zip(num(t, "longitude"));
                toponyms.push(GoldToponym {
                    start: s,
                    end: e,
                    scored: literal,
                    coords,
                });
            } else {
                let phrase = text_of(child(t, "phrase"));
                let phrase: Vec<char> = phrase.trim().chars().collect();
                // TR-News offsets drift by a few characters: find the phrase.
                if chars.get(s..e) != Some(&phrase[..]) && !phrase.is_empty() {
                    let found = (s.saturating_sub(3)..=s + 3)
                        .find(|&k| chars.get(k..k + phrase.len()) == Some(&phrase[..]));
                    if let Some(k) = found {
                        s = k;
                        e = k + phrase.len();
                    }
                }
                let coords = child(t, "gaztag").and_then(|g| num(g, "lat").zip(num(g, "lon")));
                toponyms.push(GoldToponym {
                    start: s,
                    end: e,
                    scored: true,
                    coords,
                });
            }
        }
        out.push(GoldArticle { text, toponyms });
    }
    Ok(out)
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, tag: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name(tag))
}

fn text_of(n: Option<roxmltree::Node>) -> String {
    n.map(|n| {
        n.descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect()
    })
    .unwrap_or_default()
}

fn num(n: roxmltree::Node, tag: &str) -> Option<f64> {
    text_of(child(n, tag)).trim().parse().ok()
}

/// Great-circle distance in km (haversine, R = 6371).
pub fn haversine(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Geocoding statistics over error distances: (acc161 in %, auc, mean, median).
pub fn geocoding_stats(errors: &[f64]) -> (f64, f64, f64, f64) {
    if errors.is_empty() {
        return (0.0, 0.0, 0.0, 0.0);
    }
    let mut d = errors.to_vec();
    d.sort_by(f64::total_cmp);
    let n = d.len();
    let x: Vec<f64> = d.iter().map(|v| (v + 1.0).ln()).collect();
    let acc = 100.0 * x.iter().filter(|&&v| v < 161f64.ln()).count() as f64 / n as f64;
    let auc = if n > 1 {
        let trapz = x.iter().sum::<f64>() - (x[0] + x[n - 1]) / 2.0;
        trapz / (MAX_KM.ln() * (n - 1) as f64)
    } else {
        x[0] / MAX_KM.ln()
    };
    let mean = d.iter().sum::<f64>() / n as f64;
    let median = if n % 2 == 1 {
        d[n / 2]
    } else {
        (d[n / 2 - 1] + d[n / 2]) / 2.0
    };
    (acc, auc, mean, median)
}

fn score(name: &str, articles: &[GoldArticle], listing: &Listing) -> Result<Report, PlacesError> {
    let g = gazetteer()?;
    let mut prf = Prf::default();
    let mut errors = Vec::new();
    // The stages before places in the standard pipeline that it reads.
    let model = |e: annalist_doc::ModelError| PlacesError::Gold {
        path: name.into(),
        message: e.to_string(),
    };
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(annalist_tokenizer::TokenizerStage),
        Box::new(annalist_tagger::TaggerStage::shipped().map_err(model)?),
        Box::new(annalist_ner::NerStage::shipped().map_err(model)?),
    ];
    let debug = listing.errors;
    let show = listing.article.clone();
    for (k, art) in articles.iter().enumerate() {
        let mut doc = Doc::new(format!("{name}-{k}"), art.text.clone());
        for stage in &stages {
            stage.process(&mut doc).map_err(|e| PlacesError::Gold {
                path: name.into(),
                message: e.to_string(),
            })?;
        }
        let places = find_places(g, &doc);
        if show.as_deref() == Some(format!("{name}:{k}").as_str()) {
            show_article(art, &places);
        }
        let gold_scored = art.toponyms.iter().filter(|t| t.scored).count();
        let mut tp = 0usize;
        let mut predicted = 0usize;
        for p in &places {
            if name == "gwn" && p.metonym {
                continue;
            }
            let span = (p.offsets.char_start as usize, p.offsets.char_end as usize);
            let hit = art.toponyms.iter().find(|t| (t.start, t.end) == span);
            match hit {
                Some(t) if t.scored => {
                    tp += 1;
                    predicted += 1;
                    if let Some(c) = t.coords {
                        let d = match (p.lat, p.lon) {
                            (Some(lat), Some(lon)) => haversine(c, (lat, lon)),
                            _ => MAX_KM,
                        };
                        if debug && d > 161.0 {
                            explain_error(g, name, k, &art.text, p, c, d);
                        }
                        errors.push(d);
                    }
                }
                Some(_) => {}
                None => {
                    predicted += 1;
                    if debug {
                        eprintln!(
                            "FP\t{name}\t{k}\t{}\t{} {}/{}\t{:.2}\t{}",
                            p.name,
                            p.canonical.as_deref().unwrap_or("-"),
                            p.feature_code.as_deref().unwrap_or("-"),
                            p.country2.as_deref().unwrap_or("-"),
                            p.confidence,
                            context(&art.text, span.0, span.1)
                        );
                    }
                }
            }
        }
        if debug {
            for t in art.toponyms.iter().filter(|t| t.scored) {
                let found = places.iter().any(|p| {
                    (p.offsets.char_start as usize, p.offsets.char_end as usize) == (t.start, t.end)
                        && !(name == "gwn" && p.metonym)
                });
                if !found {
                    let text: String = art
                        .text
                        .chars()
                        .skip(t.start)
                        .take(t.end.saturating_sub(t.start))
                        .collect();
                    eprintln!(
                        "FN\t{name}\t{k}\t{text}\t{}",
                        context(&art.text, t.start, t.end)
                    );
                }
            }
        }
        prf.add(tp as f64, predicted as f64, gold_scored as f64);
    }
    let (acc, auc, mean, median) = geocoding_stats(&errors);
    let report = Report::new("geo", name)
        .metric("acc161", acc)
        .prf("", &prf)
        .metric("mean_km", mean)
        .metric("median_km", median)
        .count("geocoded", errors.len() as u64)
        .count("gold", prf.gold as u64)
        .count("predicted", prf.predicted as u64)
        .count("articles", articles.len() as u64);
    let mut report = report;
    // AUC keeps three decimals: it lives on a 0–1 scale.
    report.metrics.insert(
        "auc".into(),
        serde_json_number((auc * 1000.0).round() / 1000.0),
    );
    Ok(report)
}

/// The text around characters `s..e`, on one line.
fn context(text: &str, s: usize, e: usize) -> String {
    text.chars()
        .skip(s.saturating_sub(40))
        .take(e.saturating_sub(s) + 80)
        .collect::<String>()
        .replace('\n', " ")
}

/// Prints an article's places beside its gold toponyms (debugging).
fn show_article(art: &GoldArticle, places: &[annalist_doc::Place]) {
    let chars: Vec<char> = art.text.chars().collect();
    let span = |s: usize, e: usize| chars.get(s..e).map(|c| c.iter().collect::<String>());
    eprintln!("{}", art.text.replace('\n', " "));
    for t in &art.toponyms {
        eprintln!(
            "GOLD\t{}\t{}\t{:?}",
            t.start,
            span(t.start, t.end).unwrap_or_default(),
            t.coords
        );
    }
    for p in places {
        eprintln!(
            "PRED\t{}\t{}\t{} {}/{}/{}\t{:.2},{:.2}\t{:.2}{}",
            p.offsets.char_start,
            p.name,
            p.canonical.as_deref().unwrap_or("-"),
            p.feature_code.as_deref().unwrap_or("-"),
            p.country2.as_deref().unwrap_or("-"),
            p.admin1.as_deref().unwrap_or("-"),
            p.lat.unwrap_or(0.0),
            p.lon.unwrap_or(0.0),
            p.confidence,
            if p.metonym { " METONYM" } else { "" }
        );
    }
}

/// Prints one geocoding error (> 161 km) with its cause: `gap` when no
/// candidate of the name lies within 161 km of the gold point (the gazetteer
/// lacks the place or places it elsewhere), otherwise `pick` with the kinds
/// and countries of the chosen and the nearest candidate.
fn explain_error(
    g: &crate::gazetteer::Gazetteer,
    set: &str,
    article: usize,
    text: &str,
    p: &annalist_doc::Place,
    gold: (f64, f64),
    d: f64,
) {
    let mut near: Option<(f64, u32)> = None;
    for (r, _) in g.lookup(&p.name).map(|l| l.records).unwrap_or_default() {
        if let Some(rec) = g.record(r) {
            let e = haversine(gold, (f64::from(rec.lat), f64::from(rec.lon)));
            if near.is_none_or(|n| e < n.0) {
                near = Some((e, r));
            }
        }
    }
    let kind_of = |fc: &str, cc: &str, a1: &str| format!("{fc}/{cc}/{a1}");
    let chosen = kind_of(
        p.feature_code.as_deref().unwrap_or("-"),
        p.country2.as_deref().unwrap_or("-"),
        p.admin1.as_deref().unwrap_or("-"),
    );
    let (cause, alt) = match near.and_then(|(e, r)| Some((e, g.record(r)?))) {
        Some((e, rec)) if e <= 161.0 => {
            let cc = std::str::from_utf8(&rec.country).unwrap_or("-");
            let alt = format!(
                "{} {}",
                g.name(rec),
                kind_of(g.fcode(rec), cc, &format!("{cc}.{}", g.admin1(rec)))
            );
            let same_cc = p.country2.as_deref() == Some(cc);
            let cause = if p.feature_code.as_deref() == Some(g.fcode(rec)) {
                if same_cc {
                    "pick-same-kind-same-country"
                } else {
                    "pick-same-kind-other-country"
                }
            } else if same_cc {
                "pick-other-kind-same-country"
            } else {
                "pick-other-kind-other-country"
            };
            (cause, alt)
        }
        Some((e, _)) => ("gap", format!("nearest {e:.0}km")),
        None => ("gap", "no candidate".to_string()),
    };
    let at = p.offsets.char_start as usize;
    let ctx: String = text
        .chars()
        .skip(at.saturating_sub(40))
        .take(p.name.chars().count() + 80)
        .collect::<String>()
        .replace('\n', " ");
    eprintln!(
        "ERR\t{set}\t{article}\t{cause}\t{}\t{} {chosen}\t{d:.0}km\tgold {:.2},{:.2}\t{alt}\t{ctx}",
        p.name,
        p.canonical.as_deref().unwrap_or("-"),
        gold.0,
        gold.1,
    );
}

fn serde_json_number(v: f64) -> serde_json::Value {
    serde_json::Value::from(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_known_distance() {
        // Tripoli to Misrata is about 187 km.
        let d = haversine((32.8872, 13.1913), (32.3754, 15.0925));
        assert!((d - 187.0).abs() < 5.0, "{d}");
    }

    #[test]
    fn stats_follow_the_reference() {
        let (acc, auc, mean, median) = geocoding_stats(&[0.0, 100.0, 1000.0]);
        assert!((acc - 66.666).abs() < 0.01);
        assert!((mean - 366.666).abs() < 0.01);
        assert_eq!(median, 100.0);
        let x = [1f64.ln(), 101f64.ln(), 1001f64.ln()];
        let want = (x.iter().sum::<f64>() - (x[0] + x[2]) / 2.0) / (MAX_KM.ln() * 2.0);
        assert!((auc - want).abs() < 1e-12);
    }
}
