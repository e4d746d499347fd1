//! Readers for PETRARCH-format actor and agent dictionaries
//! (`Phoenix.*.actors.txt`, `Phoenix.agents.txt`, the validation-suite
//! dictionaries), so Annalist can code with any dictionary set written for
//! PETRARCH, and so the shipped lexicon can be rebuilt from them.

use crate::dict::{parse_date_key, phrase_words, ActorEntry, AgentEntry, DatedCode, Lexicon};
use crate::error::ActorError;
use std::path::Path;

/// Removes `#`, `;` and `<!-- -->` comments; `in_comment` carries an open
/// XML-style comment across lines.
pub fn strip_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(p) => {
                    rest = &rest[p + 3..];
                    *in_comment = false;
                }
                None => return out,
            }
        }
        match rest.find("<!--") {
            Some(p) => {
                out.push_str(&rest[..p]);
                rest = &rest[p + 4..];
                *in_comment = true;
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    for stop in ['#', ';'] {
        if let Some(p) = out.find(stop) {
            out.truncate(p);
        }
    }
    out
}

/// Reads a file as text, replacing invalid UTF-8 (some PETRARCH files are
/// Latin-1).
pub fn read_text(path: &Path) -> Result<String, ActorError> {
    let bytes = std::fs::read(path).map_err(|e| ActorError::io(path, e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Splits `[CODE]`, `[CODE >date]`, `[CODE <date]`, `[CODE d1-d2]` groups out
/// of a line. Returns the text before the first `[` and the codes.
fn bracket_codes(line: &str) -> (&str, Vec<DatedCode>) {
    let head_end = line.find('[').unwrap_or(line.len());
    let mut codes = Vec::new();
    let mut rest = &line[head_end..];
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let inner = rest[open + 1..open + close].trim();
        rest = &rest[open + close + 1..];
        let mut parts = inner.split_whitespace();
        let Some(code) = parts.next() else { continue };
        let code = code.to_ascii_uppercase();
        let restriction: String = parts.collect::<Vec<_>>().join("");
        let mut dc = DatedCode::always(&code);
        if let Some(d) = restriction.strip_prefix('<') {
            dc.to = parse_date_key(d).unwrap_or(u32::MAX);
        } else if let Some(d) = restriction.strip_prefix('>') {
            dc.from = parse_date_key(d).unwrap_or(0);
        } else if let Some((a, b)) = restriction.split_once('-') {
            dc.from = parse_date_key(a).unwrap_or(0);
            dc.to = parse_date_key(b).unwrap_or(u32::MAX);
        }
        codes.push(dc);
    }
    (&line[..head_end], codes)
}

/// Parses PETRARCH actor-dictionary text into `lexicon`. Synonyms (`+`)
/// share the codes of the primary phrase above them; indented lines carry
/// date restrictions for the whole group.
pub fn parse_actors(text: &str, lexicon: &mut Lexicon) {
    let mut in_comment = false;
    let mut group: Vec<Vec<String>> = Vec::new();
    let mut name = String::new();
    let mut codes: Vec<DatedCode> = Vec::new();
    let mut flush = |group: &mut Vec<Vec<String>>, name: &str, codes: &mut Vec<DatedCode>| {
        if !codes.is_empty() {
            for words in group.iter() {
                lexicon.add_actor(ActorEntry {
                    words: words.clone(),
                    name: name.to_string(),
                    codes: codes.clone(),
                });
            }
        }
        group.clear();
        codes.clear();
    };
    for raw in text.lines() {
        let indented = raw.starts_with([' ', '\t']);
        let line = strip_comments(raw, &mut in_comment);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let (head, mut found) = bracket_codes(trimmed);
        let head = head.trim();
        if let Some(syn) = head.strip_prefix('+') {
            let words = phrase_words(syn);
            if !words.is_empty() {
                group.push(words);
            }
            codes.append(&mut found);
        } else if indented && head.is_empty() {
            codes.append(&mut found);
        } else if !head.is_empty() {
            flush(&mut group, &name, &mut codes);
            let words = phrase_words(head);
            name = words.join("_");
            if !words.is_empty() {
                group.push(words);
            }
            codes = found;
        } else {
            codes.append(&mut found);
        }
    }
    flush(&mut group, &name, &mut codes);
}

/// Regular English plural of an upper-case word.
pub fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix('Y') {
        if !stem.ends_with(['A', 'E', 'O', 'U']) {
            return format!("{stem}IES");
        }
    }
    if word.ends_with("SS") || word.ends_with("SH") || word.ends_with("CH") || word.ends_with('X') {
        return format!("{word}ES");
    }
    if word.ends_with('S') {
        return word.to_string();
    }
    format!("{word}S")
}

/// Parses a PETRARCH agent dictionary: `PHRASE {plurals} [~CODE]`, with
/// `!MARK! = A, B` substitution sets.
pub fn parse_agents(text: &str, lexicon: &mut Lexicon) {
    let mut in_comment = false;
    let mut marks: Vec<(String, Vec<String>)> = Vec::new();
    for raw in text.lines() {
        let line = strip_comments(raw, &mut in_comment);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') && line.contains('=') && !line.contains('[') {
            let (mark, list) = line.split_once('=').unwrap_or((line, ""));
            let items = list
                .split(',')
                .map(|s| s.trim().to_uppercase())
                .filter(|s| !s.is_empty())
                .collect();
            marks.push((mark.trim().to_string(), items));
            continue;
        }
        let Some(open) = line.find('[') else { continue };
        let Some(close) = line[open..].find(']').or_else(|| line[open..].find('}')) else {
            continue;
        };
        let code = line[open + 1..open + close].trim();
        let (prefix, code) = match (code.strip_prefix('~'), code.strip_suffix('~')) {
            (Some(c), _) => (false, c),
            (None, Some(c)) => (true, c),
            _ => (false, code),
        };
        if code.is_empty() {
            continue;
        }
        let before = line[..open].trim();
        let (phrase, plurals) = match before.find('{') {
            Some(b) => {
                let inner = before[b + 1..].trim_end_matches('}');
                let p: Vec<String> = inner.split_whitespace().map(str::to_string).collect();
                (before[..b].trim(), Some(p))
            }
            None => (before, None),
        };
        let mut forms = vec![phrase.to_string()];
        if let Some(p) = plurals {
            forms.extend(p);
        }
        for form in expand_marks(&forms, &marks) {
            let words = phrase_words(&form);
            if words.is_empty() {
                continue;
            }
            let auto_plural = before.find('{').is_none() && !form.contains('!');
            lexicon.add_agent(AgentEntry {
                words: words.clone(),
                code: code.to_uppercase(),
                prefix,
            });
            if auto_plural && form == phrase && !marks_used(phrase, &marks) {
                let mut pw = words.clone();
                if let Some(last) = pw.last_mut() {
                    *last = plural(last);
                }
                if pw != words {
                    lexicon.add_agent(AgentEntry {
                        words: pw,
                        code: code.to_uppercase(),
                        prefix,
                    });
                }
            }
        }
    }
}

fn marks_used(phrase: &str, marks: &[(String, Vec<String>)]) -> bool {
    marks.iter().any(|(m, _)| phrase.contains(m.as_str()))
}

fn expand_marks(forms: &[String], marks: &[(String, Vec<String>)]) -> Vec<String> {
    let mut out = Vec::new();
    for f in forms {
        let mut cur = vec![f.clone()];
        for (mark, items) in marks {
            if f.contains(mark.as_str()) {
                cur = cur
                    .iter()
                    .flat_map(|c| items.iter().map(move |it| c.replace(mark.as_str(), it)))
                    .collect();
            }
        }
        out.extend(cur);
    }
    out
}

/// Loads PETRARCH actor files and an agent file into one lexicon.
pub fn load(actor_files: &[&Path], agent_files: &[&Path]) -> Result<Lexicon, ActorError> {
    let mut lx = Lexicon::new();
    for p in actor_files {
        parse_actors(&read_text(p)?, &mut lx);
    }
    for p in agent_files {
        parse_agents(&read_text(p)?, &mut lx);
    }
    Ok(lx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_groups_synonyms_and_dates() {
        let text = "ITALY_  [ITA]\n+ITALIAN_\n+ROME_\n# x\nSILVIO_BERLUSCONI_  # c\n\t[ITAGOV 010611-060517]\n\t[ITAELI]\nHAMAS [PSEREBHMS]\n";
        let mut lx = Lexicon::new();
        parse_actors(text, &mut lx);
        assert_eq!(lx.actors.len(), 5);
        let w = phrase_words("ROME");
        let (id, _) = lx.match_actor(&w, 0).unwrap();
        assert_eq!(lx.actors[id].code_at(None), Some("ITA"));
        let w = phrase_words("SILVIO BERLUSCONI");
        let (id, _) = lx.match_actor(&w, 0).unwrap();
        assert_eq!(lx.actors[id].code_at(Some(20050101)), Some("ITAGOV"));
    }

    #[test]
    fn reads_agents_with_marks_and_plurals() {
        let text = "!MINST! = MINISTER, MINISTERS\nTROOP [~MIL]\nPOLICE {} [~COP]\n!MINST!_OF_DEFENCE [~GOVMIL]\nHUMAN_RIGHTS_BODY [NGO~]\n";
        let mut lx = Lexicon::new();
        parse_agents(text, &mut lx);
        let w = phrase_words("TROOPS");
        assert!(lx.match_agent(&w, 0).is_some());
        let w = phrase_words("MINISTERS OF DEFENCE");
        let (id, len) = lx.match_agent(&w, 0).unwrap();
        assert_eq!((lx.agents[id].code.as_str(), len), ("GOVMIL", 3));
        let w = phrase_words("HUMAN RIGHTS BODY");
        assert!(lx.agents[lx.match_agent(&w, 0).unwrap().0].prefix);
    }
}
