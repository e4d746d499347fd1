//! The CAMEO event code table (names, Goldstein scores, QuadClass) with the
//! PLOVER event type and mode of each code.
//!
//! Compiled into `data/cameo.tsv` by `build-event-tables` from the GDELT
//! CAMEO lookups (code names, Goldstein scale) and PLOVER's
//! `CAMEO2PLOVER-2021.txt` (CC BY-SA 4.0).

use std::collections::HashMap;
use std::sync::OnceLock;

/// One CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// Code (`042`).
    pub code: String,
    /// Name (`Make a visit`).
    pub name: String,
    /// Goldstein score, −10 to +10.
    pub goldstein: f32,
    /// PLOVER event type (`CONSULT`).
    pub plover: Option<String>,
    /// PLOVER mode (`visit`).
    pub mode: Option<String>,
}

/// The code table.
#[derive(Debug, Clone, Default)]
pub struct CameoTable {
    codes: HashMap<String, CameoCode>,
}

static TABLE_TSV: &str = include_str!("../data/cameo.tsv");

impl CameoTable {
    /// Parses `code<TAB>name<TAB>goldstein<TAB>plover<TAB>mode` lines.
    pub fn parse(text: &str) -> Self {
        let mut codes = HashMap::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 3 {
                continue;
            }
            let opt = |i: usize| {
                c.get(i)
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            codes.insert(
                c[0].to_string(),
                CameoCode {
                    code: c[0].to_string(),
                    name: c[1].to_string(),
                    goldstein: c[2].trim().parse().unwrap_or(0.0),
                    plover: opt(3),
                    mode: opt(4),
                },
            );
        }
        CameoTable { codes }
    }

    /// The shipped table.
    pub fn standard() -> &'static CameoTable {
        static T: OnceLock<CameoTable> = OnceLock::new();
        T.get_or_init(|| CameoTable::parse(TABLE_TSV))
    }

    /// Looks a code up, falling back to shorter prefixes (`0234` → `023`).
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        let mut c = code;
        while c.len() >= 2 {
            if let Some(x) = self.codes.get(c) {
                return Some(x);
            }
            c = &c[..c.len() - 1];
        }
        None
    }

    /// True when the table knows the code exactly.
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }
}

/// The CAMEO root (`042` → `04`).
pub fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// QuadClass from the root: 1 verbal cooperation (01–05), 2 material
/// cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict
/// (14–20) — GDELT's convention.
pub fn quad_class(code: &str) -> u8 {
    match root(code).parse::<u8>().unwrap_or(0) {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        14..=20 => 4,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_all_roots() {
        let t = CameoTable::standard();
        for r in 1..=20 {
            assert!(t.contains(&format!("{r:02}")), "root {r}");
        }
        assert_eq!(
            t.get("042").and_then(|c| c.plover.as_deref()),
            Some("CONSULT")
        );
        assert_eq!(quad_class("190"), 4);
        assert_eq!(quad_class("042"), 1);
    }
}
