//! Annalist's own lexicon format: one tab-separated line per phrase, so a
//! user can add or correct entries with a text editor.
//!
//! ```text
//! # comment
//! A<TAB>LUIGI DI MAIO<TAB>LUIGI_DI_MAIO<TAB>ITAGOV@20190905-
//! A<TAB>ITALIAN<TAB>ITALY<TAB>ITA
//! G<TAB>FOREIGN MINISTER<TAB>~GOV
//! G<TAB>HUMAN RIGHTS BODY<TAB>NGO~
//! ```
//!
//! `A` lines are actors: phrase (upper-case words separated by spaces),
//! canonical name (`=` when it is the phrase itself), codes separated by
//! commas, each optionally restricted with `@FROM-TO` (`YYYYMMDD`, either
//! end may be empty). `G` lines are agents: `~CODE` is appended to the
//! actor's code, `CODE~` put before it.

use crate::dict::{parse_date_key, phrase_words, ActorEntry, AgentEntry, DatedCode, Lexicon};
use crate::error::ActorError;
use std::fmt::Write as _;

/// Parses lexicon text in Annalist's format into `lexicon`.
pub fn parse(text: &str, what: &str, lexicon: &mut Lexicon) -> Result<(), ActorError> {
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |reason: &str| ActorError::Format {
            what: what.to_string(),
            line: n + 1,
            reason: reason.to_string(),
        };
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.first().copied() {
            Some("A") if cols.len() >= 4 => {
                let words = phrase_words(cols[1]);
                let name = if cols[2] == "=" {
                    words.join("_")
                } else {
                    cols[2].to_string()
                };
                let mut codes = Vec::new();
                for c in cols[3].split(',').filter(|c| !c.is_empty()) {
                    codes.push(parse_code(c).ok_or_else(|| err("bad code"))?);
                }
                lexicon.add_actor(ActorEntry { words, name, codes });
            }
            Some("G") if cols.len() >= 3 => {
                let c = cols[2].trim();
                let (prefix, code) = match (c.strip_prefix('~'), c.strip_suffix('~')) {
                    (Some(c), _) => (false, c),
                    (None, Some(c)) => (true, c),
                    _ => (false, c),
                };
                lexicon.add_agent(AgentEntry {
                    words: phrase_words(cols[1]),
                    code: code.to_string(),
                    prefix,
                });
            }
            _ => {
                return Err(err(
                    "expected `A\\tPHRASE\\tNAME\\tCODES` or `G\\tPHRASE\\tCODE`",
                ))
            }
        }
    }
    Ok(())
}

fn parse_code(s: &str) -> Option<DatedCode> {
    let (code, range) = match s.split_once('@') {
        Some((c, r)) => (c, Some(r)),
        None => (s, None),
    };
    let mut dc = DatedCode::always(code.trim());
    if let Some(r) = range {
        let (a, b) = r.split_once('-')?;
        if !a.is_empty() {
            dc.from = parse_date_key(a)?;
        }
        if !b.is_empty() {
            dc.to = parse_date_key(b)?;
        }
    }
    Some(dc)
}

/// Formats one code with its restriction.
pub fn format_code(c: &DatedCode) -> String {
    if c.is_default() {
        return c.code.clone();
    }
    let from = if c.from == 0 {
        String::new()
    } else {
        c.from.to_string()
    };
    let to = if c.to == u32::MAX {
        String::new()
    } else {
        c.to.to_string()
    };
    format!("{}@{from}-{to}", c.code)
}

/// Writes one actor line.
pub fn actor_line(e: &ActorEntry) -> String {
    let phrase = e.words.join(" ");
    let name = if e.name == e.words.join("_") {
        "="
    } else {
        e.name.as_str()
    };
    let codes: Vec<String> = e.codes.iter().map(format_code).collect();
    format!("A\t{phrase}\t{name}\t{}", codes.join(","))
}

/// Writes a whole lexicon in Annalist's format.
pub fn write(lexicon: &Lexicon) -> String {
    let mut out = String::new();
    for e in &lexicon.actors {
        let _ = writeln!(out, "{}", actor_line(e));
    }
    for g in &lexicon.agents {
        let code = if g.prefix {
            format!("{}~", g.code)
        } else {
            format!("~{}", g.code)
        };
        let _ = writeln!(out, "G\t{}\t{code}", g.words.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let text = "A\tLUIGI DI MAIO\t=\tITAGOV@20190905-,ITAELI\nG\tTROOPS\t~MIL\nG\tHUMAN RIGHTS BODY\tNGO~\n";
        let mut lx = Lexicon::new();
        parse(text, "t", &mut lx).unwrap();
        assert_eq!(write(&lx), text);
        assert_eq!(lx.actors[0].code_at(Some(20200107)), Some("ITAGOV"));
        assert!(parse("X\ty", "t", &mut lx).is_err());
    }
}
