//! Lemmas: a table of inflected forms seen in the treebank, then suffix
//! rules for unseen inflections of nouns and verbs, choosing among rule
//! candidates the one that is a known lemma.
//!
//! Table format (`model/lemmas.tsv`, UTF-8, tab-separated): `L<TAB>lemma`
//! lines list known noun and verb lemmas; `X<TAB>form<TAB>xpos<TAB>lemma`
//! lines give the lemma of a lower-cased form with a Penn tag wherever the
//! rules would get it wrong.

use crate::TaggerError;
use annalist_linear::hash;
use smol_str::SmolStr;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Rule- and table-based lemmatizer (UD English-EWT conventions).
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// The table as read, kept so that a trained tagger can be saved.
    source: String,
    exceptions: HashMap<u64, SmolStr>,
    known: HashSet<u64>,
}

fn key(lower_form: &str, xpos: &str) -> u64 {
    hash::combine(hash::str(lower_form), hash::str(xpos))
}

impl Lemmatizer {
    /// Reads the table format described in the module documentation.
    pub fn from_tsv(text: &str) -> Result<Self, TaggerError> {
        let mut lem = Lemmatizer {
            source: text.to_string(),
            ..Default::default()
        };
        for (n, line) in text.lines().enumerate() {
            let mut cols = line.split('\t');
            match (cols.next(), cols.next(), cols.next(), cols.next()) {
                (Some("L"), Some(l), None, None) => {
                    lem.known.insert(hash::str(l));
                }
                (Some("X"), Some(f), Some(x), Some(l)) => {
                    lem.exceptions.insert(key(f, x), SmolStr::new(l));
                }
                (Some(""), None, None, None) => {}
                _ => return Err(TaggerError::Format(format!("lemma table line {}", n + 1))),
            }
        }
        Ok(lem)
    }

    /// Builds the table from `(form, xpos, lemma)` triples of a treebank:
    /// keeps the most frequent lemma of each form and tag where the rules
    /// alone would not produce it.
    pub fn build<'a>(triples: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Self {
        let mut counts: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        let mut known: Vec<String> = Vec::new();
        for (form, xpos, lemma) in triples {
            let lower = form.to_lowercase();
            *counts
                .entry((lower, xpos.to_string()))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            if xpos.starts_with("NN") || xpos.starts_with("VB") {
                known.push(lemma.to_lowercase());
            }
        }
        known.sort();
        known.dedup();
        let mut tsv = String::new();
        for l in &known {
            tsv.push_str(&format!("L\t{l}\n"));
        }
        let base = Lemmatizer {
            source: String::new(),
            exceptions: HashMap::new(),
            known: known.iter().map(|l| hash::str(l)).collect(),
        };
        let mut rows: Vec<(String, String, String)> = Vec::new();
        for ((form, xpos), lemmas) in counts {
            let mut best: Vec<(&String, &u32)> = lemmas.iter().collect();
            best.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let lemma = best[0].0;
            // Forms are matched lower-cased; proper nouns keep their case by
            // rule, so only a differing lower-cased lemma is an exception.
            let ruled = base.rules(&form, xpos.as_str());
            let same = if xpos.starts_with("NNP") {
                ruled.to_lowercase() == lemma.to_lowercase()
            } else {
                ruled.as_ref() == lemma.as_str()
            };
            if !same && !form.contains('\t') && !lemma.contains('\t') {
                rows.push((form, xpos, lemma.clone()));
            }
        }
        rows.sort();
        for (f, x, l) in rows {
            tsv.push_str(&format!("X\t{f}\t{x}\t{l}\n"));
        }
        Lemmatizer::from_tsv(&tsv).unwrap_or(base)
    }

    /// The table in the format [`Lemmatizer::from_tsv`] reads.
    pub fn to_tsv(&self) -> &str {
        &self.source
    }

    /// The lemma of `form` tagged `upos`/`xpos`.
    pub fn lemma<'a>(&self, form: &'a str, upos: &str, xpos: &str) -> Cow<'a, str> {
        let lower = lowercase(form);
        if let Some(l) = self.exceptions.get(&key(&lower, xpos)) {
            return Cow::Owned(l.to_string());
        }
        if upos == "PROPN" && xpos == "NNP" {
            return Cow::Borrowed(form);
        }
        match self.rules(&lower, xpos) {
            Cow::Borrowed(_) if xpos.starts_with("NNP") || upos == "PROPN" => Cow::Borrowed(form),
            Cow::Borrowed(b) if b == form => Cow::Borrowed(form),
            other => Cow::Owned(other.into_owned()),
        }
    }

    /// Suffix rules for a lower-cased form.
    fn rules<'a>(&self, lower: &'a str, xpos: &str) -> Cow<'a, str> {
        if xpos.starts_with("VB") {
            if let Ok(i) = IRREGULAR.binary_search_by(|(f, _)| f.cmp(&lower)) {
                return Cow::Borrowed(IRREGULAR[i].1);
            }
        }
        let cands: Vec<String> = match xpos {
            "NNS" | "NNPS" | "VBZ" => plural_candidates(lower),
            "VBD" | "VBN" => stem_candidates(lower, "ed"),
            "VBG" => stem_candidates(lower, "ing"),
            _ => Vec::new(),
        };
        if cands.is_empty() {
            return Cow::Borrowed(lower);
        }
        for c in &cands {
            if self.known.contains(&hash::str(c)) {
                return Cow::Owned(c.clone());
            }
        }
        Cow::Owned(cands.into_iter().next().unwrap_or_default())
    }
}

fn lowercase(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn plural_candidates(w: &str) -> Vec<String> {
    let n = w.len();
    if n <= 2 || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || !w.ends_with('s') {
        return vec![w.to_string()];
    }
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 1) {
        return vec![format!("{s}y"), format!("{s}ie")];
    }
    if let Some(s) = w.strip_suffix("ves") {
        return vec![format!("{s}f"), format!("{s}fe"), format!("{s}ve")];
    }
    let strip_s = w[..n - 1].to_string();
    for suf in ["sses", "xes", "zes", "ches", "shes", "oes"] {
        if w.ends_with(suf) {
            return vec![w[..n - 2].to_string(), strip_s];
        }
    }
    vec![strip_s]
}

fn stem_candidates(w: &str, suffix: &str) -> Vec<String> {
    let Some(stem) = w
        .strip_suffix(suffix)
        .filter(|s| s.len() >= 2 && s.bytes().any(|b| is_vowel(b) || b == b'y'))
    else {
        return vec![w.to_string()];
    };
    if suffix == "ed" {
        if let Some(s) = stem.strip_suffix('i') {
            return vec![format!("{s}y"), stem.to_string()];
        }
    }
    let b = stem.as_bytes();
    let doubled = b.len() >= 3
        && b[b.len() - 1] == b[b.len() - 2]
        && !b"aeiouslfz".contains(&b[b.len() - 1])
        && b[b.len() - 1].is_ascii_alphabetic();
    let mut c = Vec::with_capacity(3);
    if doubled {
        c.push(stem[..stem.len() - 1].to_string());
    }
    c.push(stem.to_string());
    c.push(format!("{stem}e"));
    if !doubled {
        // Unknown stems default to the bare stem, except after a
        // consonant-vowel-consonant ending typical of dropped `e` (`hoping`).
        let cvc = b.len() >= 3
            && !is_vowel(b[b.len() - 1])
            && is_vowel(b[b.len() - 2])
            && !is_vowel(b[b.len() - 3])
            && !b"wxy".contains(&b[b.len() - 1]);
        let e_first = (cvc && b.len() <= 4) || stem.ends_with('v') || stem.ends_with('u');
        if e_first {
            c.swap(0, 1);
        }
    }
    c
}

/// Irregular past forms common in news that a treebank of web text may
/// not contain (sorted by form; the treebank table is consulted first).
const IRREGULAR: &[(&str, &str)] = &[
    ("arisen", "arise"),
    ("arose", "arise"),
    ("bled", "bleed"),
    ("bore", "bear"),
    ("borne", "bear"),
    ("bound", "bind"),
    ("broke", "break"),
    ("broken", "break"),
    ("built", "build"),
    ("burnt", "burn"),
    ("caught", "catch"),
    ("clung", "cling"),
    ("dealt", "deal"),
    ("drawn", "draw"),
    ("drew", "draw"),
    ("driven", "drive"),
    ("drove", "drive"),
    ("dug", "dig"),
    ("fallen", "fall"),
    ("fed", "feed"),
    ("fell", "fall"),
    ("fled", "flee"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("foresaw", "foresee"),
    ("foreseen", "foresee"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("fought", "fight"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("hung", "hang"),
    ("knelt", "kneel"),
    ("laid", "lay"),
    ("led", "lead"),
    ("lent", "lend"),
    ("lit", "light"),
    ("overcame", "overcome"),
    ("overthrew", "overthrow"),
    ("overthrown", "overthrow"),
    ("ridden", "ride"),
    ("risen", "rise"),
    ("rode", "ride"),
    ("rose", "rise"),
    ("sank", "sink"),
    ("shaken", "shake"),
    ("shook", "shake"),
    ("shot", "shoot"),
    ("slain", "slay"),
    ("slew", "slay"),
    ("sought", "seek"),
    ("sped", "speed"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("spun", "spin"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("stood", "stand"),
    ("stove", "stave"),
    ("stricken", "strike"),
    ("strode", "stride"),
    ("strove", "strive"),
    ("struck", "strike"),
    ("sunk", "sink"),
    ("swept", "sweep"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("swung", "swing"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("trod", "tread"),
    ("undertaken", "undertake"),
    ("undertook", "undertake"),
    ("upheld", "uphold"),
    ("wept", "weep"),
    ("withdrawn", "withdraw"),
    ("withdrew", "withdraw"),
    ("withheld", "withhold"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("wove", "weave"),
    ("woven", "weave"),
    ("wrung", "wring"),
];

fn is_vowel(b: u8) -> bool {
    b"aeiou".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_without_table() {
        let l = Lemmatizer::default();
        assert_eq!(l.lemma("talks", "NOUN", "NNS"), "talk");
        assert_eq!(l.lemma("countries", "NOUN", "NNS"), "country");
        assert_eq!(l.lemma("churches", "NOUN", "NNS"), "church");
        assert_eq!(l.lemma("stopped", "VERB", "VBD"), "stop");
        assert_eq!(l.lemma("hoping", "VERB", "VBG"), "hope");
        assert_eq!(l.lemma("carried", "VERB", "VBN"), "carry");
        assert_eq!(l.lemma("Talks", "NOUN", "NNS"), "talk");
        assert_eq!(l.lemma("Rome", "PROPN", "NNP"), "Rome");
        assert_eq!(l.lemma("The", "DET", "DT"), "the");
        assert_eq!(l.lemma("", "X", "XX"), "");
    }

    #[test]
    fn irregular_list_is_sorted() {
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn table_wins_and_known_lemmas_pick_candidates() {
        let tsv = "L\tcreate\nX\twent\tVBD\tgo\n";
        let l = Lemmatizer::from_tsv(tsv).unwrap();
        assert_eq!(l.lemma("went", "VERB", "VBD"), "go");
        assert_eq!(l.lemma("created", "VERB", "VBD"), "create");
        assert!(Lemmatizer::from_tsv("Q\tx\n").is_err());
    }
}
