//! Toponym recognition: capitalised word runs matched against the gazetteer
//! (longest match first), filtered by context, plus the recognizer's LOC
//! entities when the document has them.

use crate::gazetteer::{Gazetteer, Kind, Lookup, KEY_COMMON, KEY_PERSON, POST_CANONICAL};
use crate::normalize;
use annalist_doc::words::{is_month_name, is_weekday_name};
use annalist_doc::Doc;

/// A word of the text, as the recognizer sees it.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// First word of a sentence (or of a line).
    pub initial: bool,
    /// Followed by a possessive `'s`.
    pub possessive: bool,
}

/// Splits `text` into words. Hyphens and possessives separate words;
/// periods stay inside abbreviations ("U.S.", "St.").
pub fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let b = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    let mut boundary = true;
    while let Some((i, c)) = iter.next() {
        if !c.is_alphanumeric() {
            if matches!(c, '.' | '!' | '?' | '\n' | ':' | ';' | '"' | '“' | '”')
                || (c == '-' && b.get(i + 1) == Some(&b' ') && i > 0 && b[i - 1] == b' ')
            {
                boundary = true;
            }
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                iter.next();
            } else if matches!(d, '\'' | '’') {
                // Keep "d'Ivoire", "N'Djamena"; split "Libya's".
                let rest = &text[j + d.len_utf8()..];
                let next = rest.chars().next();
                let possessive =
                    rest.starts_with('s') && !rest[1..].starts_with(|c: char| c.is_alphanumeric());
                if next.is_some_and(char::is_alphabetic) && !possessive {
                    iter.next();
                } else {
                    break;
                }
            } else if d == '.' {
                // "U.S." / "U.A.E.": single letters joined by periods.
                let word = &text[start..end];
                let single = word
                    .rsplit('.')
                    .next()
                    .is_some_and(|w| w.chars().count() == 1);
                let abbrev = matches!(word, "St" | "Ft" | "Mt");
                if single && word.chars().next().is_some_and(char::is_uppercase) {
                    let after = text[j + 1..].chars().next();
                    if after.is_some_and(char::is_uppercase) || word.contains('.') {
                        end = j + 1;
                        iter.next();
                        continue;
                    }
                }
                if abbrev {
                    end = j + 1;
                    iter.next();
                }
                break;
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let possessive = (rest.starts_with("'s") || rest.starts_with("’s"))
            && !rest[rest.char_indices().nth(2).map_or(rest.len(), |x| x.0)..]
                .starts_with(|c: char| c.is_alphanumeric());
        let first = text[start..].chars().next().unwrap_or(' ');
        out.push(Word {
            start,
            end,
            cap: first.is_uppercase(),
            initial: boundary,
            possessive,
        });
        boundary = false;
    }
    out
}

/// Lower-case words allowed inside a multi-word name ("Isle of Man").
const CONNECTORS: &[&str] = &[
    "of", "de", "del", "la", "le", "al", "el", "upon", "on", "the", "and", "da", "do", "dos",
    "das", "di", "du", "des", "y", "sur", "am", "an", "es", "ad", "en", "i", "e",
];

/// Capitalised words that start sentences or titles and never name places.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "to",
    "for",
    "from",
    "and",
    "but",
    "or",
    "if",
    "as",
    "by",
    "with",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "its",
    "my",
    "there",
    "here",
    "when",
    "while",
    "after",
    "before",
    "since",
    "until",
    "during",
    "about",
    "god",
    "allah",
    "christ",
    "jesus",
    "mary",
    "christmas",
    "easter",
    "ramadan",
    "mr",
    "mrs",
    "ms",
    "dr",
    "north",
    "south",
    "east",
    "west",
    "central",
    "university",
    "college",
    "school",
    "church",
    "street",
    "road",
    "avenue",
    "river",
    "valley",
    "lake",
    "mount",
    "island",
    "park",
    "city",
    "county",
    "state",
    "republic",
    "kingdom",
    "union",
    "national",
    "international",
    "federal",
    "independence",
    "liberty",
    "victory",
    "unity",
    "hope",
    "justice",
    "progress",
    "republican",
    "democrat",
    "democratic",
    "police",
    "court",
    "senate",
    "congress",
    "parliament",
    "house",
    "government",
    "ministry",
    "department",
    "office",
    "center",
    "centre",
    "airport",
    "said",
    "says",
    "also",
    "however",
    "meanwhile",
    "but",
    "so",
    "then",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "new",
    "old",
    "one",
    "two",
    "three",
    "first",
    "second",
    "last",
    "next",
    "some",
    "many",
    "all",
    "no",
    "not",
    "yes",
    "oh",
    "why",
    "how",
    "what",
    "who",
    "where",
    "which",
    "because",
    "although",
    "though",
    "photo",
    "video",
    "image",
    "getty",
    "images",
    "reuters",
    "ap",
    "afp",
    "ansa",
    "associated",
    "press",
    "twitter",
    "facebook",
    "instagram",
    "google",
    "apple",
    "amazon",
    "trump",
    "obama",
    "bush",
    "clinton",
    "putin",
    "biden",
    "sanders",
    "warren",
    "kennedy",
    "lincoln",
    "jackson",
    "wilson",
    "johnson",
    "franklin",
    "washington's",
    "centre",
    "federal",
    "english",
    "french",
    "spanish",
    "arabic",
    "german",
    "chinese",
    "japanese",
    "russian",
];

/// A word from [`STOP`], or a month or weekday name: lower-case words that
/// never start a place name on their own.
fn is_stop(w: &str) -> bool {
    STOP.contains(&w) || is_month_name(w) || is_weekday_name(w)
}

/// Names of buildings and institutions that alternate names of cities
/// collide with ("White House" is an alias of Casablanca).
const STOP_PHRASES: &[&str] = &[
    "white house",
    "capitol hill",
    "downing street",
    "wall street",
    "pentagon",
    "kremlin",
];

/// US state and Canadian province abbreviations (AP and CP style) written
/// with a final period.
pub const ABBREVIATIONS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nebr", "Nev", "N.H",
    "N.J", "N.M", "N.Y", "N.C", "N.D", "Okla", "Ore", "Pa", "R.I", "S.C", "S.D", "Tenn", "Tex",
    "Vt", "Va", "Wash", "W.Va", "Wis", "Wyo", "Ont", "Que", "Alta", "B.C", "Man", "Sask", "N.S",
    "N.B", "Nfld", "P.E.I",
];

/// Heads of institution names that contain a place name.
const ORG_HEADS: &[&str] = &[
    "university",
    "college",
    "institute",
    "bank",
    "museum",
    "academy",
    "school",
    "hospital",
    "association",
    "society",
    "foundation",
    "club",
    "fc",
    "times",
    "post",
    "herald",
    "tribune",
    "journal",
    "gazette",
];

/// Capitalised words that may follow a place name without making it part of
/// a longer organisation or person name ("Texas Governor", "Libya Coast").
const ROLE_SUFFIXES: &[&str] = &[
    "governor",
    "gov",
    "mayor",
    "police",
    "sheriff",
    "president",
    "prime",
    "minister",
    "senator",
    "sen",
    "rep",
    "officials",
    "official",
    "authorities",
    "residents",
    "airport",
    "region",
    "province",
    "county",
    "city",
    "state",
    "area",
    "border",
    "coast",
    "capital",
    "government",
    "forces",
    "army",
    "military",
    "navy",
    "valley",
    "bay",
    "metro",
    "district",
    "municipality",
    "township",
    "village",
    "town",
    "parish",
    // Institutions named after their place: LGL tags the place inside them.
    "board",
    "school",
    "schools",
    "commission",
    "commissioners",
    "council",
    "hospital",
    "fire",
    "department",
    "sheriff's",
    "chamber",
    "library",
    "court",
    "courthouse",
    "jail",
    "health",
    "transit",
    "public",
    "emergency",
    "circuit",
    "superior",
    "district's",
    "zoo",
    "fair",
    "fairgrounds",
];

/// Lower-case words before a name that make it a location ("in Tripoli").
pub const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "from",
    "to",
    "into",
    "across",
    "around",
    "toward",
    "towards",
    "through",
    "throughout",
    "inside",
    "within",
    "between",
    "of",
    "via",
    "off",
    "visit",
    "visited",
    "visiting",
    "entered",
    "leave",
    "left",
    "reached",
    "hit",
    "struck",
    "bombed",
    "captured",
    "seized",
    "took",
    "attacked",
];

/// Direction words that may precede a place name without being part of it.
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "upper",
    "lower",
    "greater",
    "downtown",
    "neighboring",
    "neighbouring",
    "rural",
    "coastal",
];

/// A recognised toponym (or demonym) before resolution.
#[derive(Debug, Clone)]
pub struct Mention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Gazetteer candidates (empty for a LOC entity the gazetteer lacks).
    pub lookup: Option<Lookup>,
    /// Index of the first word.
    pub word: usize,
    /// Number of words.
    pub len: usize,
    /// All candidates are demonyms: a country reference, not a place.
    pub demonym: bool,
    /// Came from the recognizer's LOC entities.
    pub from_entity: bool,
}

fn lower(text: &str, w: &Word) -> String {
    text[w.start..w.end].to_lowercase()
}

fn gap_ok(text: &str, a: &Word, b: &Word) -> bool {
    let gap = &text[a.end..b.start];
    gap == " " || gap == "-" || gap.is_empty()
}

/// Three letters or fewer in capitals ("OAS", "CHU", "WA") are acronyms
/// unless they name a country, a state, a region or a large city: a town
/// called Oas or Wa is not what a story means by them. Dotted forms
/// ("D.C.") are abbreviations and stay.
fn town_acronym(g: &Gazetteer, l: &Lookup, word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 3 && !word.contains('.') && !word.chars().any(char::is_lowercase) && !important(g, l)
}

/// True when the key names only records of one kind.
fn only_kind(g: &Gazetteer, l: &Lookup, kind: Kind) -> bool {
    l.records
        .iter()
        .all(|&(r, _)| g.record(r).is_some_and(|x| x.kind == kind))
}

fn important(g: &Gazetteer, l: &Lookup) -> bool {
    l.records.iter().any(|&(r, _)| {
        g.record(r).is_some_and(|x| {
            matches!(x.kind, Kind::Country | Kind::Region | Kind::Admin1)
                || g.fcode(x) == "PPLC"
                || x.population > 1_000_000
        })
    })
}

/// Rejects names that are only an unrelated alternate name of a smaller
/// place: historical or foreign names ("Augusta" for Augsburg, "Berea" for
/// Aleppo) collide with English place names the gazetteer lacks. Exonyms of
/// large cities ("Bombay") and spelling variants ("Misrata") stay.
fn plausible_alias(g: &Gazetteer, l: &Lookup, key: &str) -> bool {
    if l.records.iter().any(|&(_, f)| f & POST_CANONICAL != 0) {
        return true;
    }
    l.records.iter().any(|&(r, _)| {
        g.record(r).is_some_and(|rec| {
            let canon = normalize::key(g.name(rec));
            let prefix = canon
                .chars()
                .zip(key.chars())
                .take_while(|(a, b)| a == b)
                .count();
            rec.population >= 1_000_000
                || prefix >= 4
                || canon.contains(key)
                || key.contains(&canon)
        })
    })
}

/// Finds toponym and demonym mentions in `doc`.
pub fn mentions(g: &Gazetteer, doc: &Doc) -> Vec<Mention> {
    let text = doc.text.as_str();
    let ws = words(text);
    let blocked: Vec<(usize, usize)> = doc
        .entities
        .iter()
        // Only persons block: LGL tags the place inside "Clarke County Board
        // of Education", GeoWebNews calls it an embedded toponym.
        .filter(|e| e.label == "PER")
        .map(|e| (e.span.offsets.start as usize, e.span.offsets.end as usize))
        .collect();
    let have_ner = !doc.entities.is_empty();
    let mut out: Vec<Mention> = Vec::new();
    let mut person_names: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !ws[i].cap {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, Lookup)> = None;
        let mut j = i;
        let mut lens = Vec::new();
        while j < ws.len() && j - i < 7 {
            if j > i && !gap_ok(text, &ws[j - 1], &ws[j]) {
                break;
            }
            let lw = lower(text, &ws[j]);
            if !ws[j].cap && !CONNECTORS.contains(&lw.as_str()) {
                break;
            }
            if ws[j].cap {
                lens.push(j - i + 1);
            }
            if ws[j].possessive {
                break;
            }
            j += 1;
        }
        for &len in lens.iter().rev() {
            let key = normalize::key(&text[ws[i].start..ws[i + len - 1].end]);
            if let Some(l) = g.lookup_key(&key) {
                found = Some((len, l));
                break;
            }
        }
        let Some((len, lookup)) = found else {
            i += 1;
            continue;
        };
        let (s, mut e) = (ws[i].start, ws[i + len - 1].end);
        if text[e..].starts_with(", D.C.") {
            e += ", D.C.".len();
        } else if text[e..].starts_with('.') && ABBREVIATIONS.contains(&&text[s..e]) {
            e += 1;
        }
        let demonym = only_kind(g, &lookup, Kind::Demonym);
        let keep = demonym || accept(g, text, &ws, i, len, &lookup, &mut person_names);
        let overlaps_blocked = blocked.iter().any(|&(bs, be)| bs < e && s < be);
        if keep && (!overlaps_blocked || demonym) {
            out.push(Mention {
                start: s,
                end: e,
                lookup: Some(lookup),
                word: i,
                len,
                demonym,
                from_entity: false,
            });
        }
        i += len;
    }
    // A surname seen in a person name ("Andrew Jackson") is not a place when
    // it comes back alone ("Jackson said").
    out.retain(|m| {
        m.len != 1 || m.demonym || !person_names.contains(&normalize::key(&text[m.start..m.end]))
    });
    if have_ner {
        add_entities(g, doc, &ws, &mut out);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn accept(
    g: &Gazetteer,
    text: &str,
    ws: &[Word],
    i: usize,
    len: usize,
    l: &Lookup,
    persons: &mut Vec<String>,
) -> bool {
    let first = lower(text, &ws[i]);
    let prev = (i > 0).then(|| &ws[i - 1]);
    let prev_lower = prev.map(|p| lower(text, p));
    let locative = prev.is_some_and(|p| {
        !p.cap
            && text[p.end..ws[i].start].trim().is_empty()
            && LOCATIVES.contains(&prev_lower.as_deref().unwrap_or(""))
    });
    let imp = important(g, l);
    let key = normalize::key(&text[ws[i].start..ws[i + len - 1].end]);
    if STOP_PHRASES.contains(&key.as_str()) || !plausible_alias(g, l, &key) {
        return false;
    }
    // A dateline without its dash ("LONDON The Latest on …"): a place in
    // capitals opening a line, followed by ordinary text.
    let run = &text[ws[i].start..ws[i + len - 1].end];
    let shouting = |t: &str| {
        t.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !t.chars().any(char::is_lowercase)
    };
    let next_plain = ws
        .get(i + len)
        .is_some_and(|n| !shouting(&text[n.start..n.end]));
    let line_start = text[..ws[i].start]
        .trim_end_matches([' ', '\t'])
        .ends_with('\n')
        || text[..ws[i].start].trim().is_empty();
    if line_start
        && shouting(run)
        && next_plain
        && l.records.iter().any(|&(_, f)| f & POST_CANONICAL != 0)
    {
        return true;
    }
    // State abbreviations only in "City, St." position.
    let abbrev = ABBREVIATIONS.iter().any(|a| normalize::key(a) == key);
    if abbrev && !(i > 0 && text[..ws[i].start].ends_with(", ")) {
        return false;
    }
    if len == 1 && DIRECTIONS.contains(&first.as_str()) {
        return false;
    }
    if len == 1 && is_stop(&first) {
        return false;
    }
    // Inside an institution's name: "University of California".
    if i >= 2
        && lower(text, &ws[i - 1]) == "of"
        && ws[i - 2].cap
        && ORG_HEADS.contains(&lower(text, &ws[i - 2]).as_str())
    {
        return false;
    }
    // "Colorado State University", "Washington University".
    let run_end = (i + len..ws.len().min(i + len + 3))
        .take_while(|&k| ws[k].cap && gap_ok(text, &ws[k - 1], &ws[k]))
        .last();
    if let Some(e) = run_end {
        if (i + len..=e).any(|k| ORG_HEADS.contains(&lower(text, &ws[k]).as_str())) {
            return false;
        }
    }
    if len == 1 && l.flags & KEY_COMMON != 0 && !imp && !locative {
        return false;
    }
    // "said Noma", "Noma told": a speaker, not a place.
    let speech = |k: usize| {
        ws.get(k).is_some_and(|w| {
            matches!(
                lower(text, w).as_str(),
                "said" | "says" | "told" | "added" | "asked"
            )
        })
    };
    if !imp && len == 1 && ((i > 0 && speech(i - 1)) || speech(i + 1)) {
        return false;
    }
    if l.flags & KEY_PERSON != 0 && !imp && !locative {
        return false;
    }
    // Acronyms in capitals ("SOL", "OAS") only as a record's own name.
    let word = &text[ws[i].start..ws[i + len - 1].end];
    if word.len() <= 5
        && word.chars().all(|c| !c.is_lowercase())
        && !l.records.iter().any(|&(_, f)| f & POST_CANONICAL != 0)
    {
        return false;
    }
    if town_acronym(g, l, word) {
        return false;
    }
    // Rarely a LOC in news text when capitalised (surnames, first names).
    if let Some(loc) = l.locness {
        if loc < 0.15 && !imp && !locative {
            return false;
        }
    }
    // A title before the name: a person.
    if let (Some(p), Some(pl)) = (prev, prev_lower.as_deref()) {
        let pl = pl.trim_end_matches('.');
        if text[p.end..ws[i].start]
            .trim()
            .trim_start_matches('.')
            .is_empty()
            && annalist_doc::words::is_person_title(pl)
        {
            return false;
        }
        // Part of a longer capitalised name ("Andrew Jackson"), unless the
        // word before is a direction or a sentence-initial function word.
        if p.cap && gap_ok(text, p, &ws[i]) && !p.possessive {
            let allowed = DIRECTIONS.contains(&pl) || (p.initial && is_stop(pl));
            if !allowed {
                if len == 1 && !imp {
                    persons.push(normalize::key(&text[ws[i].start..ws[i].end]));
                }
                if !imp {
                    return false;
                }
            }
        }
    }
    // Followed by another capitalised word: an organisation or person name
    // ("Washington Post", "Paris Hilton"), unless it is a role word.
    let last = &ws[i + len - 1];
    if let Some(n) = ws.get(i + len) {
        let nl = lower(text, n);
        let nl = nl.trim_end_matches('.');
        if n.cap && !last.possessive && gap_ok(text, last, n) && !ROLE_SUFFIXES.contains(&nl) {
            let next_is_place = !is_stop(nl)
                && g.lookup(&text[n.start..n.end]).is_some_and(|x| {
                    x.flags & KEY_PERSON == 0
                        && x.records.iter().any(|&(_, f)| f & POST_CANONICAL != 0)
                });
            if is_stop(nl) && n.initial {
                return true;
            }
            if !next_is_place && (!imp || len == 1) {
                return false;
            }
        }
    }
    // Sentence-initial single words that are not important places need a
    // second chance: "Sirte was shelled" fine, "Hope" not.
    if ws[i].initial && len == 1 && !imp && l.flags & KEY_COMMON != 0 {
        return false;
    }
    true
}

fn add_entities(g: &Gazetteer, doc: &Doc, ws: &[Word], out: &mut Vec<Mention>) {
    for e in doc
        .entities
        .iter()
        .filter(|e| e.label == "LOC" || e.label == "GPE")
    {
        let (mut s, e_end) = (e.span.offsets.start as usize, e.span.offsets.end as usize);
        if out.iter().any(|m| m.start < e_end && s < m.end) {
            continue;
        }
        let Some(name) = doc.text.get(s..e_end) else {
            continue;
        };
        // "MLA for Nelson-Creston": one half of a hyphenated compound of
        // names (a riding, a double name) is not a place of its own.
        let glued_after = doc.text[e_end..].starts_with('-')
            && doc.text[e_end + 1..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        let glued_before = doc.text[..s].ends_with('-')
            && doc.text[..s - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
        if glued_after || glued_before {
            continue;
        }
        let mut name = name;
        if let Some(rest) = name
            .strip_prefix("the ")
            .or_else(|| name.strip_prefix("The "))
        {
            s += 4;
            name = rest;
        }
        let lookup = g.lookup(name);
        let caps = name.len() <= 5 && name.chars().all(|c| !c.is_lowercase());
        let canonical = lookup
            .as_ref()
            .is_some_and(|l| l.records.iter().any(|&(_, f)| f & POST_CANONICAL != 0));
        if is_stop(&name.to_lowercase()) || (caps && !canonical) {
            continue;
        }
        if lookup.as_ref().is_some_and(|l| {
            town_acronym(g, l, name) || !plausible_alias(g, l, &normalize::key(name))
        }) {
            continue;
        }
        // A LOC the gazetteer cannot place is left out: `places` holds
        // resolved toponyms only.
        if lookup.is_none() {
            continue;
        }
        let demonym = lookup
            .as_ref()
            .is_some_and(|l| only_kind(g, l, Kind::Demonym));
        let word = ws.partition_point(|w| w.end <= s);
        let len = ws[word..].iter().take_while(|w| w.start < e_end).count();
        out.push(Mention {
            start: s,
            end: e_end,
            lookup,
            word,
            len,
            demonym,
            from_entity: true,
        });
    }
    out.sort_by_key(|m| m.start);
}
