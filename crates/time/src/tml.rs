//! A reader for TempEval-3 TimeML files: the text inside `<TEXT>`, its
//! TIMEX3 annotations with character offsets, and the document creation
//! time. Hand-written because the files are simple, flat XML (no nesting of
//! annotation tags, three entities) and a full XML crate would add build
//! time for no gain.

use chrono::NaiveDate;

/// A gold TIMEX3.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    /// First byte in [`TmlDoc::text`].
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 mod.
    pub md: Option<String>,
}

/// One TimeML document.
#[derive(Debug, Clone, PartialEq)]
pub struct TmlDoc {
    /// `<DOCID>`, else empty.
    pub id: String,
    /// Document creation time (the DCT TIMEX3's value, day part).
    pub dct: Option<NaiveDate>,
    /// Character data of `<TEXT>` with entities decoded.
    pub text: String,
    /// The gold time expressions in `text`.
    pub timexes: Vec<GoldTimex>,
}

/// Why a TimeML file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TmlError {
    /// No `<TEXT>` element.
    #[error("no <TEXT> element")]
    NoText,
    /// A tag was not closed.
    #[error("unterminated tag at byte {0}")]
    Unterminated(usize),
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    loop {
        let p = rest.find(name)?;
        let before_ok = p == 0 || rest.as_bytes()[p - 1].is_ascii_whitespace();
        let after = &rest[p + name.len()..];
        let after_trim = after.trim_start();
        if before_ok && after_trim.starts_with('=') {
            let v = after_trim[1..].trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let body = &v[1..];
                let e = body.find(q)?;
                return Some(decode(&body[..e]));
            }
            return None;
        }
        rest = &rest[p + name.len()..];
    }
}

fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Parses one TimeML file's contents.
pub fn parse(src: &str) -> Result<TmlDoc, TmlError> {
    let id = src
        .find("<DOCID>")
        .and_then(|p| {
            let rest = &src[p + 7..];
            rest.find("</DOCID>").map(|e| rest[..e].trim().to_string())
        })
        .unwrap_or_default();
    let dct = src.find("<DCT>").and_then(|p| {
        let rest = &src[p..];
        let tag_end = rest.find('>')?;
        let t = rest[tag_end..].find("<TIMEX3")? + tag_end;
        let e = rest[t..].find('>')? + t;
        let v = attr(&rest[t..e], "value")?;
        NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
    });
    let open = src.find("<TEXT>").ok_or(TmlError::NoText)?;
    let body_start = open + "<TEXT>".len();
    let body_end = src[body_start..]
        .find("</TEXT>")
        .map(|e| body_start + e)
        .ok_or(TmlError::NoText)?;
    let body = &src[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open_timex: Option<(usize, String, String, Option<String>)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let e = rest
                .find('>')
                .ok_or(TmlError::Unterminated(body_start + i))?;
            let tag = &rest[1..e];
            if let Some(t) = tag.strip_prefix("TIMEX3") {
                let self_closing = t.trim_end().ends_with('/');
                if !self_closing {
                    open_timex = Some((
                        text.len(),
                        attr(t, "type").unwrap_or_default(),
                        attr(t, "value").unwrap_or_default(),
                        attr(t, "mod"),
                    ));
                }
            } else if tag == "/TIMEX3" {
                if let Some((start, kind, value, md)) = open_timex.take() {
                    timexes.push(GoldTimex {
                        start,
                        end: text.len(),
                        kind,
                        value,
                        md,
                    });
                }
            }
            i += e + 1;
        } else if rest.starts_with('&') {
            let e = rest.find(';').filter(|&e| e <= 6);
            match e {
                Some(e) => {
                    text.push_str(&decode(&rest[..=e]));
                    i += e + 1;
                }
                None => {
                    text.push('&');
                    i += 1;
                }
            }
        } else {
            let n = rest.find(['<', '&']).unwrap_or(rest.len());
            text.push_str(&rest[..n]);
            i += n;
        }
    }
    Ok(TmlDoc {
        id,
        dct,
        text,
        timexes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_inline_timexes() {
        let src = r#"<TimeML><DOCID>x</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2020-01-07" functionInDocument="CREATION_TIME">Jan 7</TIMEX3></DCT>
<TEXT>A &amp; B met <TIMEX3 tid="t1" type="DATE" value="2020-01-06">Monday</TIMEX3>, <EVENT eid="e1">said</EVENT> X.</TEXT></TimeML>"#;
        let d = parse(src).unwrap();
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(2020, 1, 7));
        assert_eq!(d.text, "A & B met Monday, said X.");
        assert_eq!(&d.text[d.timexes[0].start..d.timexes[0].end], "Monday");
        assert_eq!(d.timexes[0].value, "2020-01-06");
    }
}
