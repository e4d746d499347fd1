//! The verb-pattern dictionary: verbs grouped in blocks with a default
//! CAMEO code, and patterns (words before and after the verb, synonym sets,
//! source/target slots) that refine the code.
//!
//! Two readers fill the same model: [`VerbDict::from_petrarch`] for
//! PETRARCH-2 format (`CAMEO.2.0.txt`, the validation-suite verbs) and
//! [`VerbDict::from_annalist`] for Annalist's own tab-separated format, which
//! [`VerbDict::to_annalist`] writes:
//!
//! ```text
//! S  &NAME    PHRASE|PHRASE…            synonym set (words space-separated)
//! B  NAME     CODE                      verb block with its default code
//! V  LEMMA    FORM|FORM…   CODE|-       verb (forms: inflections, phrasal verbs)
//! P  PRE      POST         CODE  NOTE   pattern (elements space-separated)
//! ```
//! Pattern elements: a word, `&SYNSET`, `$` (source actor), `+` (target
//! actor); `-` for an empty side. CODE `---` means "no event".

use crate::error::EventError;
use std::collections::HashMap;
use std::fmt::Write as _;

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// A word (upper case).
    Word(String),
    /// A synonym set by name (`&CURRENCY`).
    Syn(String),
    /// The source actor's slot.
    Source,
    /// The target actor's slot.
    Target,
}

/// A pattern of a verb block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Elements before the verb (subject side).
    pub pre: Vec<Elem>,
    /// Elements after the verb (object side).
    pub post: Vec<Elem>,
    /// CAMEO code (`---`: no event).
    pub code: String,
    /// The dictionary's own note (the verb it came from), for explanations.
    pub note: String,
}

/// A verb block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    /// Block name (`SEND`).
    pub name: String,
    /// Default code for the block's verbs.
    pub code: String,
    /// Patterns, in dictionary order.
    pub patterns: Vec<Pattern>,
}

/// A verb (or phrasal verb) of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verb {
    /// Base form (`SEND`, `CALL FOR`).
    pub lemma: String,
    /// Inflected forms, each a word sequence.
    pub forms: Vec<Vec<String>>,
    /// The verb's own code, overriding the block's.
    pub code: Option<String>,
    /// Index of its block.
    pub block: usize,
}

/// The whole dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDict {
    /// Synonym sets: name → phrases (word sequences).
    pub synsets: HashMap<String, Vec<Vec<String>>>,
    /// Blocks.
    pub blocks: Vec<Block>,
    /// Verbs.
    pub verbs: Vec<Verb>,
    /// First word of a form → (verb, form index).
    index: HashMap<String, Vec<(u32, u16)>>,
    /// Synset names in definition order (for writing).
    syn_order: Vec<String>,
    /// Block reopened by a later `B` line of the same name.
    current: Option<usize>,
    /// Where the next added pattern of a reopened block goes.
    extra_at: usize,
}

/// Regular inflections of an upper-case English verb.
pub fn inflect(v: &str) -> Vec<String> {
    let mut out = vec![v.to_string()];
    let last = v.chars().last().unwrap_or(' ');
    let before = v.chars().rev().nth(1).unwrap_or(' ');
    let vowel = |c: char| "AEIOU".contains(c);
    if last == 'Y' && !vowel(before) {
        let stem = &v[..v.len() - 1];
        out.push(format!("{stem}IES"));
        out.push(format!("{stem}IED"));
        out.push(format!("{v}ING"));
    } else if last == 'E' {
        out.push(format!("{v}S"));
        out.push(format!("{v}D"));
        if before == 'E' {
            out.push(format!("{v}ING"));
        } else {
            out.push(format!("{}ING", &v[..v.len() - 1]));
        }
    } else {
        if v.ends_with('S')
            || v.ends_with("SH")
            || v.ends_with("CH")
            || v.ends_with('X')
            || v.ends_with('Z')
            || v.ends_with('O')
        {
            out.push(format!("{v}ES"));
        } else {
            out.push(format!("{v}S"));
        }
        out.push(format!("{v}ED"));
        out.push(format!("{v}ING"));
        // Consonant doubling (STOP → STOPPED): both spellings are kept,
        // a spurious one costs nothing.
        let third = v.chars().rev().nth(2).unwrap_or(' ');
        if !vowel(last) && vowel(before) && !vowel(third) && !"WXY".contains(last) {
            out.push(format!("{v}{last}ED"));
            out.push(format!("{v}{last}ING"));
        }
    }
    out
}

fn noun_plural(w: &str) -> Option<String> {
    if w.ends_with('S') {
        return None;
    }
    if let Some(stem) = w.strip_suffix('Y') {
        if !stem.ends_with(['A', 'E', 'O', 'U']) {
            return Some(format!("{stem}IES"));
        }
    }
    if w.ends_with("SH") || w.ends_with("CH") || w.ends_with('X') {
        return Some(format!("{w}ES"));
    }
    Some(format!("{w}S"))
}

fn words(s: &str) -> Vec<String> {
    s.split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| w.to_uppercase())
        .collect()
}

fn strip_comment(line: &str) -> (&str, &str) {
    match line.find('#') {
        Some(p) => (&line[..p], line[p + 1..].trim()),
        None => (line, ""),
    }
}

/// `[042:043]` → `042:043`; `[:020]` → `:020`; `[---]` → `---`.
fn parse_code(s: &str) -> String {
    // "[120]---" (a block line of CAMEO.2.0 with no space before its
    // comment) is code 120.
    let s = s.trim();
    let s = match (s.find('['), s.find(']')) {
        (Some(a), Some(b)) if a < b => &s[a + 1..b],
        _ => s,
    };
    let inner = s.trim_start_matches('[').trim_end_matches(']').trim();
    let (a, b) = match inner.split_once(':') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (inner, ""),
    };
    match (a.is_empty() || a == "---", b.is_empty() || b == "---") {
        (true, true) => "---".to_string(),
        (_, true) => a.to_string(),
        (true, false) => format!(":{b}"),
        (false, false) => format!("{a}:{b}"),
    }
}

/// Splits a dictionary code into the event it codes (source → target) and
/// the reciprocal one (target → source): PETRARCH's `[042:043]` is a visit
/// plus the host's "host a visit", `[:020]` only the reverse appeal.
pub fn split_code(code: &str) -> (Option<&str>, Option<&str>) {
    let (a, b) = code.split_once(':').unwrap_or((code, ""));
    fn ok(x: &str) -> Option<&str> {
        (!x.is_empty() && x != "---").then_some(x)
    }
    (ok(a), ok(b))
}

fn parse_elems(s: &str) -> Vec<Elem> {
    let mut out = Vec::new();
    for tok in s.split(|c: char| c.is_whitespace() || "(){}".contains(c)) {
        let tok = tok.trim();
        if tok.is_empty() || tok == "^" || tok == "%" || tok == "-" {
            continue;
        }
        match tok {
            "$" => out.push(Elem::Source),
            "+" => out.push(Elem::Target),
            t if t.starts_with('&') => out.push(Elem::Syn(t.to_uppercase())),
            t => out.extend(words(t).into_iter().map(Elem::Word)),
        }
    }
    out
}

impl VerbDict {
    fn add_verb(&mut self, verb: Verb) {
        let id = self.verbs.len() as u32;
        for (k, f) in verb.forms.iter().enumerate() {
            if let Some(first) = f.first() {
                self.index
                    .entry(first.clone())
                    .or_default()
                    .push((id, k as u16));
            }
        }
        self.verbs.push(verb);
    }

    fn add_synset(&mut self, name: &str, phrases: Vec<Vec<String>>) {
        if !self.synsets.contains_key(name) {
            self.syn_order.push(name.to_string());
        }
        self.synsets
            .entry(name.to_string())
            .or_default()
            .extend(phrases);
    }

    /// Reads a PETRARCH-2 verb dictionary.
    pub fn from_petrarch(text: &str) -> Self {
        let mut d = VerbDict::default();
        let mut cur_syn: Option<(String, bool)> = None;
        let mut in_patterns = false;
        for raw in text.lines() {
            let line = raw.trim_end();
            if line.starts_with("####") {
                if line.contains("VERB PATTERNS") {
                    in_patterns = true;
                } else if line.contains("TRANSFORMATIONS") {
                    break;
                }
                continue;
            }
            let (body, note) = strip_comment(line);
            let body = body.trim();
            if body.is_empty() {
                cur_syn = None;
                continue;
            }
            if let Some(name) = body.strip_prefix('&') {
                let name = name.split_whitespace().next().unwrap_or("");
                let no_plural = name.ends_with('_');
                cur_syn = Some((format!("&{}", name.to_uppercase()), no_plural));
                continue;
            }
            if let (Some(item), Some((name, no_plural))) = (body.strip_prefix('+'), &cur_syn) {
                if !in_patterns || !body.contains('{') {
                    let exact = item.ends_with('_') || *no_plural;
                    let w = words(item);
                    if w.is_empty() {
                        continue;
                    }
                    let mut phrases = vec![w.clone()];
                    if !exact {
                        let mut p = w.clone();
                        if let Some(pl) = p.last().and_then(|l| noun_plural(l)) {
                            if let Some(l) = p.last_mut() {
                                *l = pl;
                            }
                            phrases.push(p);
                        }
                    }
                    let name = name.trim_end_matches('_').to_string();
                    d.add_synset(&name, phrases.clone());
                    continue;
                }
            }
            if !in_patterns {
                continue;
            }
            if body.starts_with("---") {
                let inner = body.trim_matches('-').trim();
                let (name, code) = match inner.find('[') {
                    Some(p) => (inner[..p].trim(), parse_code(&inner[p..])),
                    None => (inner, "---".to_string()),
                };
                d.blocks.push(Block {
                    name: name.to_string(),
                    code,
                    patterns: Vec::new(),
                });
                continue;
            }
            let Some(block) = d.blocks.len().checked_sub(1) else {
                continue;
            };
            if let Some(p) = body.strip_prefix('-') {
                let (pat, code) = match p.rfind('[') {
                    Some(i) => (&p[..i], parse_code(&p[i..])),
                    None => continue,
                };
                let pat = pat.replace("**", "*");
                let (pre, post) = match pat.split_once('*') {
                    Some((a, b)) => (a, b),
                    None => ("", pat.as_str()),
                };
                d.blocks[block].patterns.push(Pattern {
                    pre: parse_elems(pre),
                    post: parse_elems(post),
                    code,
                    note: note.to_string(),
                });
                continue;
            }
            // A verb line: LEMMA {FORMS} [CODE].
            let (head, code) = match body.find('[') {
                Some(i) => (&body[..i], Some(parse_code(&body[i..]))),
                None => (body, None),
            };
            let (lemma_part, forms_part) = match head.find('{') {
                Some(i) => (
                    &head[..i],
                    Some(head[i + 1..].trim_end().trim_end_matches('}')),
                ),
                None => (head, None),
            };
            let lemma_raw = lemma_part.trim().trim_start_matches('+');
            let lw = words(lemma_raw);
            if lw.is_empty() {
                continue;
            }
            let mut forms: Vec<Vec<String>> = Vec::new();
            for f in inflect(&lw[0]) {
                let mut v = lw.clone();
                v[0] = f;
                forms.push(v);
            }
            if let Some(fp) = forms_part {
                for f in fp.split_whitespace() {
                    let w = words(f.trim_start_matches('+'));
                    if !w.is_empty() && !forms.contains(&w) {
                        forms.push(w);
                    }
                }
            }
            d.add_verb(Verb {
                lemma: lw.join(" "),
                forms,
                code,
                block,
            });
        }
        d
    }

    fn reopen(&mut self, k: usize, b: Block) {
        self.blocks.insert(k, b);
        self.current = Some(k);
        self.extra_at = 0;
    }

    /// Reads Annalist's verb format.
    pub fn from_annalist(text: &str) -> Result<Self, EventError> {
        let mut d = VerbDict::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let err = || EventError::Format {
                what: "verbs".into(),
                line: n + 1,
                reason: "bad line".into(),
            };
            let side = |s: &str| if s == "-" { Vec::new() } else { parse_elems(s) };
            match (cols.first().copied(), cols.len()) {
                (Some("S"), 3..) => {
                    let phrases = cols[2]
                        .split('|')
                        .map(words)
                        .filter(|w| !w.is_empty())
                        .collect();
                    d.add_synset(cols[1], phrases);
                }
                // A block already defined is extended (user and Annalist
                // additions to the converted dictionary); `=` keeps its code.
                (Some("B"), 3..) => match d.blocks.iter().position(|b| b.name == cols[1]) {
                    Some(k) => {
                        if cols[2] != "=" {
                            d.blocks[k].code = cols[2].to_string();
                        }
                        let b = d.blocks.remove(k);
                        d.reopen(k, b);
                    }
                    None => {
                        d.current = None;
                        d.blocks.push(Block {
                            name: cols[1].to_string(),
                            code: cols[2].to_string(),
                            patterns: Vec::new(),
                        });
                    }
                },
                (Some("V"), 4..) => {
                    let block = d
                        .current
                        .or(d.blocks.len().checked_sub(1))
                        .ok_or_else(err)?;
                    if let Some(v) = d
                        .verbs
                        .iter_mut()
                        .find(|v| v.block == block && v.lemma == cols[1])
                    {
                        v.code = (cols[3] != "-").then(|| cols[3].to_string());
                        continue;
                    }
                    let forms = cols[2]
                        .split('|')
                        .map(words)
                        .filter(|w| !w.is_empty())
                        .collect();
                    let code = (cols[3] != "-").then(|| cols[3].to_string());
                    d.add_verb(Verb {
                        lemma: cols[1].to_string(),
                        forms,
                        code,
                        block,
                    });
                }
                (Some("P"), 4..) => {
                    let block = d
                        .current
                        .or(d.blocks.len().checked_sub(1))
                        .ok_or_else(err)?;
                    // Additions go first: they are more specific fixes.
                    let at = if d.current.is_some() {
                        d.extra_at
                    } else {
                        d.blocks[block].patterns.len()
                    };
                    d.extra_at = at + 1;
                    d.blocks[block].patterns.insert(
                        at,
                        Pattern {
                            pre: side(cols[1]),
                            post: side(cols[2]),
                            code: cols[3].to_string(),
                            note: cols.get(4).unwrap_or(&"").to_string(),
                        },
                    );
                }
                _ => return Err(err()),
            }
        }
        Ok(d)
    }

    /// Writes Annalist's verb format.
    pub fn to_annalist(&self) -> String {
        let mut out = String::new();
        let el = |e: &[Elem]| {
            if e.is_empty() {
                return "-".to_string();
            }
            show_elems(e)
        };
        for name in &self.syn_order {
            let ph: Vec<String> = self.synsets[name].iter().map(|p| p.join(" ")).collect();
            let _ = writeln!(out, "S\t{name}\t{}", ph.join("|"));
        }
        for (b, block) in self.blocks.iter().enumerate() {
            let _ = writeln!(out, "B\t{}\t{}", block.name, block.code);
            for v in self.verbs.iter().filter(|v| v.block == b) {
                let forms: Vec<String> = v.forms.iter().map(|f| f.join(" ")).collect();
                let _ = writeln!(
                    out,
                    "V\t{}\t{}\t{}",
                    v.lemma,
                    forms.join("|"),
                    v.code.as_deref().unwrap_or("-")
                );
            }
            for p in &block.patterns {
                let _ = writeln!(
                    out,
                    "P\t{}\t{}\t{}\t{}",
                    el(&p.pre),
                    el(&p.post),
                    p.code,
                    p.note.replace('\t', " ")
                );
            }
        }
        out
    }

    /// Verbs whose form starts with `word`: (verb id, form index).
    pub fn lookup(&self, word: &str) -> &[(u32, u16)] {
        self.index.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The default code of verb `v` (its own or its block's).
    pub fn verb_code(&self, v: usize) -> &str {
        let verb = &self.verbs[v];
        verb.code
            .as_deref()
            .unwrap_or(&self.blocks[verb.block].code)
    }
}

/// A pattern side as written in the dictionary and shown in rules (`$`,
/// `+`, words and synsets, space-separated).
pub(crate) fn show_elems(e: &[Elem]) -> String {
    e.iter()
        .map(|x| match x {
            Elem::Word(w) => w.clone(),
            Elem::Syn(s) => s.clone(),
            Elem::Source => "$".into(),
            Elem::Target => "+".into(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "####### SYNONYM SETS #######\n&AID_\n+AID\n+ASSISTANCE\n\n####### VERB PATTERNS #######\n\n---  SEND   [---]  ---\nSEND {SENDS SENDING SENT }\nDEPLOY\n- * &MILITARY                                         [072]         # SEND\n- * AID                                               [070]         # SEND\n- * (TO) +                                            [042:043]     # SEND\n\n";

    #[test]
    fn reads_petrarch_and_round_trips() {
        let d = VerbDict::from_petrarch(SAMPLE);
        assert_eq!(d.blocks.len(), 1);
        assert_eq!(d.blocks[0].patterns.len(), 3);
        assert_eq!(d.blocks[0].patterns[2].code, "042:043");
        assert_eq!(split_code("042:043"), (Some("042"), Some("043")));
        assert!(d
            .lookup("SENT")
            .iter()
            .any(|&(v, _)| d.verbs[v as usize].lemma == "SEND"));
        assert!(d.lookup("DEPLOYED").len() == 1);
        let text = d.to_annalist();
        let d2 = VerbDict::from_annalist(&text).unwrap();
        assert_eq!(d2.to_annalist(), text);
    }

    #[test]
    fn inflects_regular_verbs() {
        assert!(inflect("STOP").contains(&"STOPPED".to_string()));
        assert!(inflect("URGE").contains(&"URGING".to_string()));
        assert!(inflect("RALLY").contains(&"RALLIED".to_string()));
    }
}
