//! Disambiguation: each mention's candidates scored by a population and
//! feature-code prior, the story's country coherence (demonyms included),
//! its state and county coherence (local news: which Springfield), the
//! dateline, and "X, Country" / "X in Country" containment.

use crate::gazetteer::{Gazetteer, Kind, Record, POST_CANONICAL};
use crate::recognize::{Mention, Word};
use std::collections::HashMap;

/// Share of the story's country votes above which it counts as local news.
const LOCAL_SHARE: f32 = 0.8;

/// Weight of the division votes of the rest of the story's names
/// ([`soft_division_votes`]), capped at five names' worth.
const DIVISION_VOTE: f32 = 4.0;

/// Bonus for a town or county in a division the story names outright.
const NAMED_DIVISION: f32 = 3.0;

/// Bonus per other name (up to two) with a candidate in the same county.
const COUNTY_VOTE: f32 = 3.0;

/// The chosen reading of one mention.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Index into the mention list.
    pub mention: usize,
    /// Chosen record, `None` when the gazetteer has no candidate.
    pub record: Option<u32>,
    /// Confidence 0–1.
    pub confidence: f32,
}

fn prior(g: &Gazetteer, r: &Record, canonical: bool) -> f32 {
    let pop = (1.0 + r.population as f32).ln();
    let kind = match r.kind {
        Kind::Country => 4.0,
        Kind::Region => 30.0,
        Kind::Admin1 => 0.0,
        Kind::Admin2 => -1.0,
        Kind::City => match g.fcode(r) {
            "PPLC" => 2.5,
            "PPLA" => 1.0,
            "PPLA2" => 0.3,
            _ => 0.0,
        },
        Kind::Demonym => -100.0,
    };
    pop + kind + if canonical { 3.0 } else { 0.0 }
}

/// Gives a decisive bonus to the records passing `record_ok` of every
/// mention whose text passes `name_ok` (called with the mention, and the
/// lower-cased words just before and after it).
fn pin(
    g: &Gazetteer,
    text: &str,
    mentions: &[Mention],
    bonus: &mut [HashMap<u32, f32>],
    name_ok: impl Fn(&str, &str, &str) -> bool,
    record_ok: impl Fn(&Record) -> bool,
) {
    for (k, m) in mentions.iter().enumerate() {
        let (Some(name), Some(l)) = (text.get(m.start..m.end), &m.lookup) else {
            continue;
        };
        let before = window(text, m.start.saturating_sub(16), m.start).trim_end();
        let after = window(text, m.end, m.end + 16).trim_start();
        if !name_ok(name, &before.to_lowercase(), &after.to_lowercase()) {
            continue;
        }
        for &(r, _) in &l.records {
            if g.record(r).is_some_and(&record_ok) {
                *bonus[k].entry(r).or_default() += 20.0;
            }
        }
    }
}

/// `text[a..b]` widened to character boundaries and clipped to the text.
fn window(text: &str, mut a: usize, mut b: usize) -> &str {
    b = b.min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    a = a.min(b);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    &text[a..b]
}

fn contains(container: &Record, inner: &Record, g: &Gazetteer) -> bool {
    match container.kind {
        Kind::Country => inner.country == container.country && inner.kind != Kind::Country,
        Kind::Admin1 => {
            inner.country == container.country
                && matches!(inner.kind, Kind::City | Kind::Admin2)
                && g.admin1(inner) == g.admin1(container)
        }
        _ => false,
    }
}

/// Resolves every non-demonym mention. `dateline` is the byte range of the
/// dateline, whose place sets the story's home country.
pub fn resolve(
    g: &Gazetteer,
    text: &str,
    ws: &[Word],
    mentions: &[Mention],
    dateline: Option<(usize, usize)>,
) -> Vec<Resolved> {
    let n = mentions.len();
    // Containment bonuses: pairs "X, Y" and "X in Y".
    let mut bonus: Vec<HashMap<u32, f32>> = vec![HashMap::new(); n];
    for a in 0..n.saturating_sub(1) {
        let b = a + 1;
        let (ma, mb) = (&mentions[a], &mentions[b]);
        let gap = text.get(ma.end..mb.start).unwrap_or("");
        let weight = match gap {
            ", " | "," => 10.0,
            " in " => 5.0,
            _ => continue,
        };
        let (Some(la), Some(lb)) = (&ma.lookup, &mb.lookup) else {
            continue;
        };
        for &(ra, _) in &la.records {
            for &(rb, _) in &lb.records {
                let (Some(x), Some(y)) = (g.record(ra), g.record(rb)) else {
                    continue;
                };
                if contains(y, x, g) {
                    *bonus[a].entry(ra).or_default() += weight;
                    *bonus[b].entry(rb).or_default() += weight;
                }
            }
        }
    }
    let keys: Vec<String> = mentions
        .iter()
        .map(|m| {
            text.get(m.start..m.end)
                .map(crate::normalize::key)
                .unwrap_or_default()
        })
        .collect();
    // "Athens, Ga." once, then "Athens": a story keeps the reading it made
    // explicit for the later bare mentions of the same name.
    {
        let mut by_key: HashMap<&str, HashMap<u32, f32>> = HashMap::new();
        for (k, b) in bonus.iter().enumerate() {
            let e = by_key.entry(keys[k].as_str()).or_default();
            for (&r, &v) in b {
                let x = e.entry(r).or_default();
                *x = x.max(v);
            }
        }
        for (k, b) in bonus.iter_mut().enumerate() {
            if let Some(e) = by_key.get(keys[k].as_str()) {
                for (&r, &v) in e {
                    let x = b.entry(r).or_default();
                    *x = x.max(v);
                }
            }
        }
    }
    // "Washington, D.C.": the capital, whatever the rest of the story says.
    pin(
        g,
        text,
        mentions,
        &mut bonus,
        |name, _, _| name.ends_with("D.C."),
        |x| &x.country == b"US" && g.admin1(x) == "DC",
    );
    // "New York" alone is the city (AP style: the state is "New York
    // state" or "upstate New York").
    let bare_new_york = |name: &str, before: &str, after: &str| {
        name.eq_ignore_ascii_case("new york")
            && !after.starts_with("state")
            && !before.ends_with("upstate")
            && !before.ends_with("state of")
    };
    pin(g, text, mentions, &mut bonus, bare_new_york, |x| {
        &x.country == b"US" && x.kind == Kind::City && g.admin1(x) == "NY"
    });
    // "Barrow" after "Barrow County": a county of that name; which one, the
    // state votes decide as for the county mention itself.
    let counties: Vec<(String, Vec<u32>)> = mentions
        .iter()
        .filter_map(|m| {
            let l = m.lookup.as_ref()?;
            let name = text.get(m.start..m.end)?;
            let head = name
                .strip_suffix(" County")
                .or_else(|| name.strip_suffix(" Parish"))?;
            let recs: Vec<u32> = l
                .records
                .iter()
                .filter(|&&(r, _)| g.record(r).is_some_and(|x| x.kind == Kind::Admin2))
                .map(|&(r, _)| r)
                .collect();
            (!recs.is_empty()).then(|| (crate::normalize::key(head), recs))
        })
        .collect();
    for (k, m) in mentions.iter().enumerate() {
        let Some(key) = text.get(m.start..m.end).map(crate::normalize::key) else {
            continue;
        };
        if let Some((_, recs)) = counties.iter().find(|c| c.0 == key) {
            for rec in recs {
                *bonus[k].entry(*rec).or_default() += 20.0;
            }
        }
    }
    // Home country from the dateline place: its best prior reading.
    let home: Option<[u8; 2]> = dateline.and_then(|(ds, de)| {
        let m = mentions
            .iter()
            .find(|m| m.start >= ds && m.end <= de && !m.demonym)?;
        let l = m.lookup.as_ref()?;
        l.records
            .iter()
            .filter_map(|&(r, f)| Some((g.record(r)?, f)))
            .max_by(|a, b| {
                prior(g, a.0, a.1 & POST_CANONICAL != 0).total_cmp(&prior(
                    g,
                    b.0,
                    b.1 & POST_CANONICAL != 0,
                ))
            })
            .map(|(r, _)| r.country)
    });
    // First pass: prior and containment only.
    let (empty, empty1) = (HashMap::new(), HashMap::new());
    let empty2 = HashMap::new();
    let ctx0 = Context {
        evidence: &empty,
        admin1: &empty1,
        soft: &empty2,
        counties: &HashMap::new(),
        named: &HashMap::new(),
        key: "",
        own_counties: &[],
        total: 0.0,
        home,
    };
    let mut choice: Vec<Option<u32>> = (0..n)
        .map(|k| best(g, mentions, k, &bonus[k], &ctx0).map(|x| x.0))
        .collect();
    // State and county votes from the candidates of every name, and from
    // state and county names that are not places themselves.
    let mut soft = soft_division_votes(g, mentions, &keys);
    let (hidden_divs, hidden_counties) = hidden_divisions(g, text, ws, mentions);
    for d in &hidden_divs {
        *soft.total.entry(*d).or_default() += 1.0;
    }
    for cs in &hidden_counties {
        let mut divs: Vec<Division> = cs.iter().map(|c| (c.0, c.1)).collect();
        divs.sort();
        divs.dedup();
        let w = 1.0 / (divs.len() as f32).sqrt();
        for d in divs {
            *soft.total.entry(d).or_default() += w;
        }
        for c in cs {
            *soft.counties.entry(*c).or_default() += 1.0;
        }
    }
    // Second pass (twice): the votes of the rest of the story. Mentions of
    // one name share one context: each name is left out of its own as a
    // whole, so that a name repeated ten times does not vote for its own
    // (possibly wrong) reading.
    let mut out = Vec::with_capacity(n);
    for round in 0..2 {
        // Votes per name: country (choice or demonym) and division (choice).
        let mut by_key: HashMap<&str, Votes> = HashMap::new();
        for (k, m) in mentions.iter().enumerate() {
            let v = by_key.entry(keys[k].as_str()).or_default();
            let chosen = choice[k].and_then(|r| g.record(r));
            let cc = if m.demonym {
                m.lookup
                    .as_ref()
                    .and_then(|l| l.records.first())
                    .and_then(|&(r, _)| g.record(r))
                    .map(|r| r.country)
            } else {
                chosen.map(|r| r.country)
            };
            if let Some(cc) = cc.filter(|c| c[0] != 0) {
                v.country.push(cc);
            }
            if let Some(r) =
                chosen.filter(|r| matches!(r.kind, Kind::City | Kind::Admin1 | Kind::Admin2))
            {
                v.division.push((r.country, g.admin1(r)));
            }
        }
        let mut evidence: HashMap<[u8; 2], f32> = HashMap::new();
        let mut a1: HashMap<([u8; 2], &str), f32> = HashMap::new();
        let mut total = 0.0;
        for v in by_key.values() {
            for cc in &v.country {
                *evidence.entry(*cc).or_default() += 1.0;
                total += 1.0;
            }
            for d in &v.division {
                *a1.entry(*d).or_default() += 1.0;
            }
        }
        // Divisions the story names outright ("Nebraska", "Ga."), with the
        // names that name them.
        let mut named: HashMap<([u8; 2], &str), Vec<&str>> = HashMap::new();
        for d in &hidden_divs {
            named.entry(*d).or_default().push("");
        }
        for (k, c) in choice.iter().enumerate() {
            if let Some(r) = c
                .and_then(|r| g.record(r))
                .filter(|r| r.kind == Kind::Admin1)
            {
                named
                    .entry((r.country, g.admin1(r)))
                    .or_default()
                    .push(keys[k].as_str());
            }
        }
        out.clear();
        let mut contexts: HashMap<&str, KeyContext> = HashMap::new();
        for k in 0..n {
            if mentions[k].demonym {
                continue;
            }
            let key = keys[k].as_str();
            let kc = contexts.entry(key).or_insert_with(|| {
                let mut ev = evidence.clone();
                let mut a1k = a1.clone();
                let mut tot = total;
                if let Some(v) = by_key.get(key) {
                    for cc in &v.country {
                        if let Some(x) = ev.get_mut(cc) {
                            *x -= 1.0;
                            tot -= 1.0;
                        }
                    }
                    for d in &v.division {
                        if let Some(x) = a1k.get_mut(d) {
                            *x -= 1.0;
                        }
                    }
                }
                let mut softk = soft.total.clone();
                if let Some(own) = soft.by_key.get(key) {
                    for (d, w) in own {
                        if let Some(x) = softk.get_mut(d) {
                            *x -= w;
                        }
                    }
                }
                KeyContext {
                    evidence: ev,
                    admin1: a1k,
                    total: tot,
                    soft: softk,
                }
            });
            let ctx = Context {
                evidence: &kc.evidence,
                admin1: &kc.admin1,
                soft: &kc.soft,
                counties: &soft.counties,
                named: &named,
                key,
                own_counties: soft.counties_by_key.get(key).map_or(&[][..], Vec::as_slice),
                total: kc.total,
                home,
            };
            let picked = best(g, mentions, k, &bonus[k], &ctx);
            out.push(Resolved {
                mention: k,
                record: picked.map(|p| p.0),
                confidence: picked.map_or(0.3, |p| p.1),
            });
        }
        if round == 0 {
            for r in &out {
                choice[r.mention] = r.record;
            }
        }
    }
    out
}

/// Words after a name that make it a street.
const STREETS: &[&str] = &[
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Drive",
    "Dr",
    "Boulevard",
    "Blvd",
    "Lane",
    "Ln",
    "Way",
    "Place",
    "Pl",
    "Court",
    "Ct",
    "Parkway",
    "Pkwy",
    "Highway",
    "Hwy",
    "Pike",
    "Circle",
    "Terrace",
    "Trail",
];

/// Divisions named inside longer names that are not places ("Georgia
/// Bureau of Investigation", "Ohio State University"): each distinct one
/// once. They say which state a local story is in.
fn hidden_divisions<'g>(
    g: &'g Gazetteer,
    text: &str,
    ws: &[Word],
    mentions: &[Mention],
) -> (Vec<Division<'g>>, Vec<Vec<County<'g>>>) {
    let mut out: Vec<Division<'g>> = Vec::new();
    let mut counties: Vec<Vec<County<'g>>> = Vec::new();
    let mut county_keys: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut step = 1;
        for len in (1..=2).rev() {
            let Some(last) = ws.get(i + len - 1) else {
                continue;
            };
            let run = &ws[i..i + len];
            if !run.iter().all(|w| w.cap)
                || run
                    .windows(2)
                    .any(|p| text.get(p[0].end..p[1].start) != Some(" "))
            {
                continue;
            }
            let (s, e) = (ws[i].start, last.end);
            if mentions.iter().any(|m| m.start < e && s < m.end) {
                continue;
            }
            // "George Washington", "Washington Drive": a person or a street.
            let prev_cap = i > 0 && ws[i - 1].cap && text.get(ws[i - 1].end..s) == Some(" ");
            let street = ws.get(i + len).is_some_and(|w| {
                text.get(last.end..w.start) == Some(" ")
                    && text
                        .get(w.start..w.end)
                        .is_some_and(|t| STREETS.contains(&t.trim_end_matches('.')))
            });
            if prev_cap || street {
                continue;
            }
            let Some(l) = text.get(s..e).and_then(|t| g.lookup(t)) else {
                continue;
            };
            let state = l
                .records
                .iter()
                .filter(|&&(_, f)| f & POST_CANONICAL != 0)
                .filter_map(|&(r, _)| g.record(r))
                .find(|r| r.kind == Kind::Admin1);
            if let Some(r) = state {
                let d = (r.country, g.admin1(r));
                if !out.contains(&d) {
                    out.push(d);
                }
                step = len;
                break;
            }
            // "the Butler County Coroner's Office": one of the Butler
            // Counties.
            let key = crate::normalize::key(text.get(s..e).unwrap_or(""));
            let cs: Vec<County<'g>> = l
                .records
                .iter()
                .filter_map(|&(r, _)| g.record(r))
                .filter(|r| {
                    r.kind == Kind::Admin2 && (key.ends_with(" county") || key.ends_with(" parish"))
                })
                .map(|r| (r.country, g.admin1(r), g.admin2(r)))
                .collect();
            if !cs.is_empty() {
                if !county_keys.contains(&key) {
                    county_keys.push(key);
                    counties.push(cs);
                }
                step = len;
                break;
            }
        }
        i += step;
    }
    // "Cooke, Grayson and Love counties": each a county name.
    for (j, w) in ws.iter().enumerate() {
        if j == 0 || !matches!(text.get(w.start..w.end), Some("counties" | "Counties")) {
            continue;
        }
        // Index of the next name to the left, if the separator allows one.
        let mut at = Some(j - 1).filter(|&k| text.get(ws[k].end..w.start) == Some(" "));
        while let Some(k) = at {
            let name = &ws[k];
            if !name.cap {
                break;
            }
            let n = text.get(name.start..name.end).unwrap_or("");
            let key = crate::normalize::key(&format!("{n} County"));
            let cs: Vec<County<'g>> = g
                .lookup_key(&key)
                .map(|l| l.records)
                .unwrap_or_default()
                .iter()
                .filter_map(|&(r, _)| g.record(r))
                .filter(|r| r.kind == Kind::Admin2)
                .map(|r| (r.country, g.admin1(r), g.admin2(r)))
                .collect();
            if cs.is_empty() {
                break;
            }
            if !county_keys.contains(&key) {
                county_keys.push(key);
                counties.push(cs);
            }
            at = k.checked_sub(1).and_then(|p| {
                let prev = &ws[p];
                let gap = text.get(prev.end..name.start)?;
                let word = text.get(prev.start..prev.end)?;
                if matches!(word, "and" | "or") && gap == " " {
                    let q = p.checked_sub(1)?;
                    matches!(text.get(ws[q].end..prev.start)?, " " | ", ").then_some(q)
                } else {
                    (gap == ", ").then_some(p)
                }
            });
        }
    }
    (out, counties)
}

/// A name's view of the rest of the story: the votes of every other name.
struct KeyContext<'g> {
    evidence: HashMap<[u8; 2], f32>,
    admin1: HashMap<Division<'g>, f32>,
    total: f32,
    soft: HashMap<Division<'g>, f32>,
}

/// The votes one name casts.
#[derive(Default)]
struct Votes<'g> {
    country: Vec<[u8; 2]>,
    division: Vec<Division<'g>>,
}

/// Division votes from candidates rather than choices: every name spreads
/// one vote evenly over the first-order divisions its candidates lie in, so
/// that two ambiguous names sharing a state ("Manhattan" and "Pottawatomie
/// County": Kansas) pull each other there whatever their priors say.
struct SoftVotes<'g> {
    total: HashMap<Division<'g>, f32>,
    by_key: HashMap<String, Vec<(Division<'g>, f32)>>,
    /// Per county, the number of names with a candidate in it (a town and
    /// its county, "Richmond" and "Madison County": Kentucky's).
    counties: HashMap<County<'g>, f32>,
    counties_by_key: HashMap<String, Vec<County<'g>>>,
}

/// A first-order division: country and admin1 code.
type Division<'g> = ([u8; 2], &'g str);

/// A county: country, admin1 and admin2 codes.
type County<'g> = ([u8; 2], &'g str, &'g str);

fn soft_division_votes<'g>(
    g: &'g Gazetteer,
    mentions: &[Mention],
    keys: &[String],
) -> SoftVotes<'g> {
    let mut total: HashMap<Division<'g>, f32> = HashMap::new();
    let mut by_key: HashMap<String, Vec<(Division<'g>, f32)>> = HashMap::new();
    let mut counties: HashMap<County<'g>, f32> = HashMap::new();
    let mut counties_by_key: HashMap<String, Vec<County<'g>>> = HashMap::new();

    for (k, m) in mentions.iter().enumerate() {
        if m.demonym || by_key.contains_key(&keys[k]) {
            continue;
        }
        let Some(l) = &m.lookup else {
            continue;
        };
        let mut divs: Vec<Division<'g>> = l
            .records
            .iter()
            .filter_map(|&(r, _)| g.record(r))
            .filter(|r| matches!(r.kind, Kind::City | Kind::Admin1 | Kind::Admin2))
            .map(|r| (r.country, g.admin1(r)))
            .filter(|d| !d.1.is_empty())
            .collect();
        let mut cs: Vec<County<'g>> = l
            .records
            .iter()
            .filter_map(|&(r, _)| g.record(r))
            .filter(|r| matches!(r.kind, Kind::City | Kind::Admin2))
            .map(|r| (r.country, g.admin1(r), g.admin2(r)))
            .filter(|c| !c.1.is_empty() && !c.2.is_empty())
            .collect();
        cs.sort();
        cs.dedup();
        for c in &cs {
            *counties.entry(*c).or_default() += 1.0;
        }
        counties_by_key.insert(keys[k].clone(), cs);
        divs.sort();
        divs.dedup();
        if divs.is_empty() {
            continue;
        }
        // A name with candidates in n divisions gives each 1/√n: spread
        // thin, but not so thin that a name found in two states says little.
        let w = 1.0 / (divs.len() as f32).sqrt();
        for d in &divs {
            *total.entry(*d).or_default() += w;
        }
        by_key.insert(keys[k].clone(), divs.into_iter().map(|d| (d, w)).collect());
    }
    SoftVotes {
        total,
        by_key,
        counties,
        counties_by_key,
    }
}

/// What the rest of the story says: country and division votes.
struct Context<'a, 'g> {
    evidence: &'a HashMap<[u8; 2], f32>,
    admin1: &'a HashMap<Division<'g>, f32>,
    soft: &'a HashMap<Division<'g>, f32>,
    counties: &'a HashMap<County<'g>, f32>,
    own_counties: &'a [County<'g>],
    named: &'a HashMap<Division<'g>, Vec<&'a str>>,
    key: &'a str,
    total: f32,
    home: Option<[u8; 2]>,
}

fn best(
    g: &Gazetteer,
    mentions: &[Mention],
    k: usize,
    bonus: &HashMap<u32, f32>,
    ctx: &Context,
) -> Option<(u32, f32)> {
    let l = mentions[k].lookup.as_ref()?;
    let extra = bonus
        .iter()
        .filter(|(r, &v)| v >= 20.0 && !l.records.iter().any(|x| x.0 == **r));
    let extra: Vec<(u32, u8)> = extra.map(|(&r, _)| (r, POST_CANONICAL)).collect();
    let mut scored: Vec<(u32, f32)> = l
        .records
        .iter()
        .chain(extra.iter())
        .filter_map(|&(r, f)| {
            let rec = g.record(r)?;
            if rec.kind == Kind::Demonym {
                return None;
            }
            // A division named after its capital ("Istanbul", "Baghdad"):
            // news means the city.
            // In a story about places of one federal country (local news),
            // the state or province competes on its own score ("New York"
            // the state, "Quebec" the province).
            let share = ctx.evidence.get(&rec.country).copied().unwrap_or(0.0) / ctx.total.max(1.0);
            let federal = matches!(&rec.country, b"US" | b"CA" | b"AU");
            let local = federal && ctx.total >= 3.0 && share >= LOCAL_SHARE;
            if rec.kind == Kind::Admin1
                && !local
                && l.records.iter().any(|&(o, _)| {
                    g.record(o).is_some_and(|c| {
                        c.kind == Kind::City
                            && c.country == rec.country
                            && g.admin1(c) == g.admin1(rec)
                    })
                })
            {
                return None;
            }
            let mut s =
                prior(g, rec, f & POST_CANONICAL != 0) + bonus.get(&r).copied().unwrap_or(0.0);
            if ctx.total > 0.0 {
                let e = ctx.evidence.get(&rec.country).copied().unwrap_or(0.0);
                s += 8.0 * e / ctx.total + if e > 0.0 { 1.0 } else { 0.0 };
                if matches!(rec.kind, Kind::City | Kind::Admin1 | Kind::Admin2) {
                    let a = ctx
                        .admin1
                        .get(&(rec.country, g.admin1(rec)))
                        .copied()
                        .unwrap_or(0.0);
                    s += 4.0 * a / ctx.total + if a > 0.0 { 2.0 } else { 0.0 };
                }
            }
            // Division and county votes need no country votes: a story that
            // names only "Albany" and the "Georgia Bureau of Investigation"
            // has none.
            if matches!(rec.kind, Kind::City | Kind::Admin1 | Kind::Admin2) {
                let v = ctx
                    .soft
                    .get(&(rec.country, g.admin1(rec)))
                    .copied()
                    .unwrap_or(0.0);
                s += DIVISION_VOTE * v.min(5.0);
                if rec.kind != Kind::Admin1
                    && ctx
                        .named
                        .get(&(rec.country, g.admin1(rec)))
                        .is_some_and(|ks| ks.iter().any(|k| *k != ctx.key))
                {
                    s += NAMED_DIVISION;
                }
                let c = (rec.country, g.admin1(rec), g.admin2(rec));
                if !c.2.is_empty() && rec.kind != Kind::Admin1 {
                    let own = if ctx.own_counties.contains(&c) {
                        1.0
                    } else {
                        0.0
                    };
                    let v = ctx.counties.get(&c).copied().unwrap_or(0.0) - own;
                    s += COUNTY_VOTE * v.min(2.0);
                }
            }
            if ctx.home == Some(rec.country) {
                s += 3.0;
            }
            Some((r, s))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let first = *scored.first()?;
    let conf = match scored.get(1) {
        Some(second) => 1.0 / (1.0 + (-(first.1 - second.1)).exp()),
        None => 0.95,
    };
    Some((first.0, conf))
}
