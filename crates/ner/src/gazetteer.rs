//! Gazetteers: lists of known names matched against token sequences.
//!
//! File format (`model/gazetteer.tsv`): `LIST<TAB>phrase` lines, the phrase
//! lower-cased and tokenized with the pipeline tokenizer, tokens joined by
//! single spaces. Lists: `country`, `city`, `region`, `demonym`, `org`,
//! `person`. Built from GeoNames (CC-BY 4.0, "GeoNames,
//! https://www.geonames.org/"), the Mordecai demonym list (MIT) and the
//! Phoenix/PETRARCH actor dictionaries (MIT, © Open Event Data Alliance) by
//! [`build`].

use crate::NerError;
use annalist_linear::hash;
use annalist_linear::FeatureMap;
use std::collections::BTreeSet;
use std::path::Path;

/// The list names, in bit order.
pub const LISTS: [&str; 6] = ["country", "city", "region", "demonym", "org", "person"];

/// Longest phrase matched, in tokens.
pub const MAX_LEN: usize = 6;

/// Phrase hash → bit set of lists.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    map: FeatureMap<u8>,
}

fn phrase_hash<'a>(tokens: impl IntoIterator<Item = &'a str>) -> u64 {
    tokens
        .into_iter()
        .fold(0x9a3e, |h, t| hash::combine(h, hash::lower(t)))
}

impl Gazetteer {
    /// Parses the file format above; unknown list names are errors.
    pub fn from_tsv(text: &str) -> Result<Self, NerError> {
        let mut map: FeatureMap<u8> = FeatureMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let (list, phrase) = line
                .split_once('\t')
                .ok_or_else(|| NerError::Format(format!("gazetteer line {}", n + 1)))?;
            let bit = LISTS.iter().position(|l| *l == list).ok_or_else(|| {
                NerError::Format(format!("gazetteer line {}: unknown list {list:?}", n + 1))
            })?;
            *map.entry(phrase_hash(phrase.split(' '))).or_default() |= 1 << bit;
        }
        Ok(Gazetteer { map })
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// For each token, a bit set: bit `list * 4 + pos` is set when the token
    /// is at position `pos` (0 begin, 1 inside, 2 last, 3 unit) of a match of
    /// `list`. `lower` holds the tokens' lower-cased hashes
    /// ([`hash::lower`]).
    pub fn matches(&self, lower: &[u64], out: &mut Vec<u32>) {
        out.clear();
        out.resize(lower.len(), 0);
        if self.map.is_empty() {
            return;
        }
        for s in 0..lower.len() {
            let mut h = 0x9a3e;
            for len in 1..=MAX_LEN.min(lower.len() - s) {
                h = hash::combine(h, lower[s + len - 1]);
                let Some(&bits) = self.map.get(&h) else {
                    continue;
                };
                for list in 0..LISTS.len() {
                    if bits & (1 << list) == 0 {
                        continue;
                    }
                    let base = list as u32 * 4;
                    if len == 1 {
                        out[s] |= 1 << (base + 3);
                    } else {
                        out[s] |= 1 << base;
                        for o in &mut out[s + 1..s + len - 1] {
                            *o |= 1 << (base + 1);
                        }
                        out[s + len - 1] |= 1 << (base + 2);
                    }
                }
            }
        }
    }
}

fn norm_phrase(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.chars().count() < 2 || raw.contains('\t') {
        return None;
    }
    let toks: Vec<String> = annalist_tokenizer::tokenize_str(raw)
        .into_iter()
        .map(|(s, e)| raw[s..e].to_lowercase())
        .collect();
    if toks.is_empty() || toks.len() > MAX_LEN {
        return None;
    }
    Some(toks.join(" "))
}

/// Phoenix dictionary name (`UNITED_NATIONS_`, `+U.N._`) as plain text.
fn phoenix_name(raw: &str) -> String {
    raw.trim_start_matches('+')
        .trim_end_matches('_')
        .replace('_', " ")
}

/// Builds the gazetteer file text from the shared data folder.
pub fn build(data_dir: &Path) -> Result<String, NerError> {
    let mut rows: BTreeSet<(usize, String)> = BTreeSet::new();
    let mut add = |list: usize, raw: &str| {
        if let Some(p) = norm_phrase(raw) {
            rows.insert((list, p));
        }
    };
    let geo = data_dir.join("gazetteer/geonames");
    let read = |p: &Path| -> Result<String, NerError> {
        let p = annalist_eval::data_path(
            data_dir,
            &p.strip_prefix(data_dir).unwrap_or(p).to_string_lossy(),
        )?;
        Ok(String::from_utf8_lossy(&std::fs::read(p)?).into_owned())
    };
    for line in read(&geo.join("countryInfo.txt"))?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() < 6 {
            continue;
        }
        add(0, cols[4]);
    }
    for line in read(&geo.join("admin1CodesASCII.txt"))?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 3 {
            add(2, cols[1]);
            add(2, cols[2]);
        }
    }
    for line in read(&geo.join("cities15000.txt"))?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 15 {
            continue;
        }
        add(1, cols[1]);
        add(1, cols[2]);
        // Alternate names only for large cities, where they are mostly
        // spellings news actually uses (Kiev/Kyiv, Bombay/Mumbai).
        if cols[14].parse::<u64>().unwrap_or(0) >= 500_000 {
            for alt in cols[3].split(',') {
                if alt
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || " -'.".contains(c))
                    && alt.len() >= 4
                {
                    add(1, alt);
                }
            }
        }
    }
    for (i, line) in read(&data_dir.join("gazetteer/demonyms_mordecai2.csv"))?
        .lines()
        .enumerate()
    {
        if i > 0 {
            if let Some((name, _)) = line.split_once(',') {
                add(3, name);
            }
        }
    }
    let dicts = data_dir.join("petrarch/dictionaries");
    for file in [
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        for line in read(&dicts.join(file))?.lines() {
            let line = line.split('#').next().unwrap_or("");
            if line.starts_with(char::is_whitespace) || line.trim().is_empty() {
                continue;
            }
            let name = line.split('[').next().unwrap_or("").trim();
            if name.len() >= 3 {
                add(4, &phoenix_name(name));
            }
        }
    }
    // In the country file, people are entries without an inline code
    // followed by indented, date-restricted codes; their `+` synonyms too.
    let text = read(&dicts.join("Phoenix.Countries.actors.txt"))?;
    let lines: Vec<&str> = text.lines().collect();
    let mut person = false;
    for (i, line) in lines.iter().enumerate() {
        let body = line.split('#').next().unwrap_or("");
        if body.starts_with(char::is_whitespace) || body.trim().is_empty() {
            continue;
        }
        let name = body.split('[').next().unwrap_or("").trim();
        if !name.starts_with('+') {
            person = !body.contains('[')
                && lines
                    .get(i + 1)
                    .is_some_and(|n| n.starts_with(char::is_whitespace) && n.contains('['));
        }
        if person && name.len() >= 3 {
            add(5, &phoenix_name(name));
        }
    }
    let mut out = String::new();
    for (list, phrase) in rows {
        out.push_str(LISTS[list]);
        out.push('\t');
        out.push_str(&phrase);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_positions() {
        let g =
            Gazetteer::from_tsv("city\tnew york\ncountry\titaly\norg\tunited nations\n").unwrap();
        let toks = [
            "The", "United", "Nations", "in", "NEW", "York", "and", "Italy",
        ];
        let lower: Vec<u64> = toks.iter().map(|t| hash::lower(t)).collect();
        let mut m = Vec::new();
        g.matches(&lower, &mut m);
        assert_eq!(m[0], 0);
        assert_eq!(m[1], 1 << 16);
        assert_eq!(m[2], 1 << 18);
        assert_eq!(m[4], 1 << 4);
        assert_eq!(m[5], 1 << 6);
        assert_eq!(m[7], 1 << 3);
        assert!(Gazetteer::from_tsv("nope\tx\n").is_err());
    }
}
