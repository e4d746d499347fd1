//! Wire-story layout: headline, dateline, body and trailing metadata lines.

use annalist_doc::{CharIndex, Dateline, Doc, DocDate, MetaField, TextField};
use regex::Regex;
use std::sync::OnceLock;

/// Month number of a full or abbreviated month name (`Jan`, `Sept.`).
pub fn month_number(word: &str) -> Option<u8> {
    annalist_doc::words::month_number(word.trim_end_matches('.'))
}

const MONTH_RE: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

fn date_re() -> String {
    format!(
        r"(?P<date>(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:{m}\s+\d{{1,2}}|\d{{1,2}}\s+{m})(?:,?\s+\d{{4}})?)",
        m = MONTH_RE
    )
}

fn dateline_patterns() -> &'static [Regex] {
    static RE: OnceLock<Vec<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        let date = date_re();
        let place = r"(?P<place>[A-Z][\p{L}.'’\-]*(?:[ ][A-Z][\p{L}.'’\-]*){0,3}(?:,\s*[A-Z][\p{L}.]*){0,1}?)";
        let agency = r"(?P<agency>[A-Z][A-Za-z&.\-]{0,15}(?:[ ][A-Z][A-Za-z]{0,15})?)";
        let dash = r"\s*[-–—]+\s*";
        [
            // (ANSA) - Rome, January 7 -
            format!(r"^\({agency}\){dash}{place}(?:,\s*{date})?{dash}"),
            // ROME, Jan 7 (Reuters) -   /   WASHINGTON (AP) —   /   PARIS, 7 January (AFP) -
            format!(r"^{place}(?:,\s*{date})?\s*\({agency}\){dash}"),
            // SALVADOR, Feb 26 -  (no agency: 1980s Reuters, many papers);
            // the place must be in capitals so that prose does not match.
            format!(r"^(?P<place>[A-Z][A-Z.'’\-]+(?:[ ][A-Z][A-Z.'’\-]+){{0,3}}),\s*{date}{dash}"),
            // Friday, January 4, 2019 (Wikinews) and "January 4, 2019 -" style date-only lines.
            format!(r"^{date}(?:\s*[-–—]+\s*|\u{{a0}}|\s*\n)"),
        ]
        .iter()
        .map(|p| Regex::new(p).expect("dateline patterns are valid"))
        .collect()
    })
}

fn meta_line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^\(?(source|sources|copyright|©|\(c\)|reporting by|writing by|editing by|additional reporting by|compiled by)\b\s*:?\s*(.*)$")
            .expect("valid")
    })
}

/// Parses a date as written in a dateline (`January 7`, `7 January 2020`,
/// `Jan. 7, 2020`). The year is `None` when absent.
pub fn parse_dateline_date(s: &str) -> Option<DocDate> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for w in words {
        if let Some(m) = month_number(w) {
            month.get_or_insert(m);
        } else if let Ok(n) = w.parse::<u32>() {
            if w.len() == 4 {
                year = Some(n as i32);
            } else if n <= 31 {
                day.get_or_insert(n as u8);
            }
        }
    }
    let (m, d) = (month?, day?);
    match year {
        Some(y) => DocDate::ymd(y, m, d),
        None => DocDate::md(m, d),
    }
}

/// Fills title, body, dateline, agency and metadata of a wire-style text.
///
/// `with_headline`: whether the first line may be a headline (true for text
/// files; false for records whose title is given separately).
pub fn parse_layout(doc: &mut Doc, with_headline: bool) {
    let text = doc.text.as_str();
    let index = CharIndex::new(text);
    let mut body_start = 0;
    let mut body_end = text.len();

    // Trailing metadata lines.
    let mut meta = Vec::new();
    loop {
        let trimmed_end = text[..body_end].trim_end().len();
        let line_start = text[..trimmed_end].rfind('\n').map_or(0, |i| i + 1);
        let line = text[line_start..trimmed_end].trim();
        if line_start == 0 || line.is_empty() {
            break;
        }
        let Some(c) = meta_line_re().captures(line) else {
            break;
        };
        let lead =
            text[line_start..trimmed_end].len() - text[line_start..trimmed_end].trim_start().len();
        let key = match c[1].to_ascii_lowercase().as_str() {
            "sources" => "source".to_string(),
            "©" | "(c)" => "copyright".to_string(),
            k => k.replace(' ', "_"),
        };
        meta.push(MetaField {
            key,
            value: c[2].trim().trim_end_matches(')').trim().to_string(),
            offsets: index.offsets(line_start + lead, trimmed_end),
        });
        body_end = line_start;
    }
    meta.reverse();

    // Headline: the first line when a blank line follows it.
    let lead = text.len() - text.trim_start().len();
    if with_headline {
        let first_end = text[lead..].find('\n').map_or(text.len(), |i| lead + i);
        let after = &text[first_end..body_end];
        let blank_follows = after.starts_with("\n\n")
            || after.starts_with("\r\n\r\n")
            || after.starts_with("\n\r\n");
        let headline = text[lead..first_end].trim_end();
        if blank_follows && !headline.is_empty() && headline.len() < 400 {
            doc.title = Some(TextField {
                text: headline.to_string(),
                offsets: index.offsets(lead, lead + headline.len()),
            });
            body_start = first_end;
        }
    }
    let body_lead =
        text[body_start..body_end].len() - text[body_start..body_end].trim_start().len();
    body_start += body_lead;
    body_end = body_start + text[body_start..body_end].trim_end().len();
    doc.body = index.offsets(body_start, body_end.max(body_start));
    doc.meta = meta;

    // Dateline at the start of the body.
    let mut head_end = body_end.min(body_start + 200);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[body_start..head_end];
    for re in dateline_patterns() {
        let Some(c) = re.captures(head) else { continue };
        let m = c.get(0).expect("whole match");
        let date_text = c.name("date").map(|d| d.as_str().trim().to_string());
        let matched = m.as_str();
        let end = body_start + matched.trim_end().len();
        doc.dateline = Some(Dateline {
            offsets: index.offsets(body_start, end),
            place: c.name("place").map(|p| p.as_str().trim().to_string()),
            date: date_text.as_deref().and_then(parse_dateline_date),
            date_text,
        });
        if let Some(a) = c.name("agency") {
            doc.agency = Some(a.as_str().to_string());
        }
        break;
    }
    if doc.agency.is_none() {
        if let Some(src) = doc.meta.iter().find(|m| m.key == "source") {
            doc.agency = Some(agency_from_source(&src.value));
        }
    }
}

/// `ANSA News Agency` → `ANSA`; other values are kept as written.
fn agency_from_source(value: &str) -> String {
    let v = value.trim();
    v.strip_suffix("News Agency")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Doc {
        let mut d = Doc::new("t", text);
        parse_layout(&mut d, true);
        d
    }

    #[test]
    fn dateline_styles() {
        let cases = [
            (
                "H\n\n(ANSA) - Rome, January 7 - Italy said.",
                "ANSA",
                "Rome",
                "XXXX-01-07",
            ),
            (
                "H\n\nROME, Jan 7 (Reuters) - Italy said.",
                "Reuters",
                "ROME",
                "XXXX-01-07",
            ),
            (
                "H\n\nPARIS, 7 January (AFP) - France said.",
                "AFP",
                "PARIS",
                "XXXX-01-07",
            ),
            (
                "H\n\nLONDON, March 3, 2021 (Reuters) - Britain said.",
                "Reuters",
                "LONDON",
                "2021-03-03",
            ),
        ];
        for (text, agency, place, date) in cases {
            let d = parse(text);
            let dl = d.dateline.as_ref().expect(text);
            assert_eq!(d.agency.as_deref(), Some(agency), "{text}");
            assert_eq!(dl.place.as_deref(), Some(place), "{text}");
            assert_eq!(dl.date.unwrap().to_string(), date, "{text}");
        }
        let d = parse("H\n\nWASHINGTON (AP) — The U.S. said.");
        assert_eq!(d.agency.as_deref(), Some("AP"));
        assert_eq!(d.dateline.unwrap().date, None);
        let d = parse("H\n\nNEW YORK, Feb 26 - Shares rose.");
        let dl = d.dateline.as_ref().expect("capitals, date, dash");
        assert_eq!(dl.place.as_deref(), Some("NEW YORK"));
        assert_eq!(dl.date.unwrap().to_string(), "XXXX-02-26");
        assert_eq!(d.agency, None);
        // Prose that starts with a capitalised name is not a dateline.
        assert!(parse("H\n\nParis, March 3 - the city said.")
            .dateline
            .is_none());
    }

    #[test]
    fn headline_body_and_source_line() {
        let d = parse("Talks end (2)\n\nBody text here.\n\nSource: ANSA News Agency\n");
        assert_eq!(d.title.as_ref().unwrap().text, "Talks end (2)");
        assert_eq!(d.slice(&d.body), "Body text here.");
        assert_eq!(d.meta[0].key, "source");
        assert_eq!(d.meta[0].value, "ANSA News Agency");
        assert_eq!(d.agency.as_deref(), Some("ANSA"));
    }
}
