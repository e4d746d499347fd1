//! The in-memory actor lexicon: phrases (upper-case word sequences) mapped
//! to CAMEO actor codes, some of them valid only between two dates, and
//! agent phrases ("minister", "troops") that add a role to an actor.

use std::collections::HashMap;

/// A date as the integer `YYYYMMDD`, the form PETRARCH dictionaries use.
pub type DateKey = u32;

/// A CAMEO actor code, valid from `from` to `to` inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// The code (`ITAGOV`); `---` is the null code (no actor).
    pub code: String,
    /// First day it applies (0 for no lower bound).
    pub from: DateKey,
    /// Last day it applies (`u32::MAX` for no upper bound).
    pub to: DateKey,
}

impl DatedCode {
    /// A code without date restriction.
    pub fn always(code: &str) -> Self {
        DatedCode {
            code: code.to_string(),
            from: 0,
            to: u32::MAX,
        }
    }

    /// True when the code has neither bound.
    pub fn is_default(&self) -> bool {
        self.from == 0 && self.to == u32::MAX
    }
}

/// One phrase of the actor lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    /// Upper-case words (`["LUIGI", "DI", "MAIO"]`).
    pub words: Vec<String>,
    /// Canonical name of the actor (the primary phrase, `LUIGI_DI_MAIO`).
    pub name: String,
    /// Codes in dictionary order; undated ones are defaults.
    pub codes: Vec<DatedCode>,
}

impl ActorEntry {
    /// The code that applies on `date`. Dated codes that cover the date win;
    /// otherwise the last default, else the dated code that ended last
    /// before the date. Without a date the most recent role is the best
    /// guess for current news, so the dated code that ends last wins over
    /// the default only when no default exists.
    pub fn code_at(&self, date: Option<DateKey>) -> Option<&str> {
        let default = self.codes.iter().rev().find(|c| c.is_default());
        let code = match date {
            // After the last dated code, with no undated one, the last code
            // still says whose the person is (the Phoenix lists end in
            // 2014: Nancy Pelosi's last range ends in 2011).
            Some(d) => self
                .codes
                .iter()
                .find(|c| !c.is_default() && c.from <= d && d <= c.to)
                .or(default)
                .or_else(|| self.codes.iter().filter(|c| c.to < d).max_by_key(|c| c.to)),
            None => default.or_else(|| self.codes.iter().max_by_key(|c| c.to)),
        }?;
        (code.code != "---").then_some(code.code.as_str())
    }
}

/// An agent phrase: a role added to an actor's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// Upper-case words.
    pub words: Vec<String>,
    /// The role code (`GOV`, `MIL`, `NGO`).
    pub code: String,
    /// True for `NGO~`-style codes that go before the actor's code.
    pub prefix: bool,
}

/// Phrases indexed by their first word, longest first, for greedy
/// longest-match lookup over a token sequence.
#[derive(Debug, Clone, Default)]
pub struct PhraseIndex {
    by_first: HashMap<String, Vec<(u32, u8)>>,
}

impl PhraseIndex {
    /// Adds phrase number `id` with `words`.
    pub fn insert(&mut self, id: usize, words: &[String]) {
        let Some(first) = words.first() else { return };
        let len = words.len().min(u8::MAX as usize) as u8;
        let list = self.by_first.entry(first.clone()).or_default();
        let pos = list.partition_point(|&(_, l)| l >= len);
        list.insert(pos, (id as u32, len));
    }

    /// Phrase ids starting with `first`, longest first.
    pub fn candidates(&self, first: &str) -> &[(u32, u8)] {
        self.by_first.get(first).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Actor and agent phrases with their lookup indices.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Actor phrases.
    pub actors: Vec<ActorEntry>,
    /// Agent phrases.
    pub agents: Vec<AgentEntry>,
    actor_index: PhraseIndex,
    agent_index: PhraseIndex,
    /// Surname → the dated person entries whose full name ends with it
    /// (see [`Lexicon::index_surnames`]).
    surnames: std::collections::HashMap<String, Vec<usize>>,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an actor phrase. Later entries for the same phrase take
    /// precedence (user files override shipped ones).
    pub fn add_actor(&mut self, entry: ActorEntry) {
        if entry.words.is_empty() || entry.codes.is_empty() {
            return;
        }
        let id = self.actors.len();
        self.actor_index.insert(id, &entry.words);
        self.actors.push(entry);
    }

    /// Indexes the surnames of the people in the lexicon: the last word
    /// (four letters or more) of a full name (two words or more) whose codes
    /// change with the date, as the codes of office-holders do; one entry
    /// per distinct person. "Gen Musharraf" then finds Pervez Musharraf
    /// where no earlier sentence named him in full, and "Mr Brown" in a
    /// British story Gordon Brown (see `mention::surname_person`; the story
    /// countries are those named before the sentence, and the dateline's).
    pub fn index_surnames(&mut self) {
        let mut by: std::collections::HashMap<String, Vec<usize>> =
            std::collections::HashMap::new();
        for (id, e) in self.actors.iter().enumerate() {
            let dated = e.codes.iter().any(|c| c.from > 0 || c.to < DateKey::MAX);
            if !dated || e.words.len() < 2 {
                continue;
            }
            let last = &e.words[e.words.len() - 1];
            if last.chars().count() < 4 || !last.chars().all(char::is_alphabetic) {
                continue;
            }
            let ids = by.entry(last.clone()).or_default();
            // Later entries for the same person (aliases) replace earlier
            // ones, as in matching.
            match ids.iter().position(|&k| self.actors[k].name == e.name) {
                Some(k) => ids[k] = id,
                None => ids.push(id),
            }
        }
        self.surnames = by;
    }

    /// The people whose surname `word` is (upper case), one entry each,
    /// when the lexicon's surnames are indexed.
    pub fn persons_by_surname(&self, word: &str) -> &[usize] {
        self.surnames.get(word).map_or(&[], Vec::as_slice)
    }

    /// Adds an agent phrase.
    pub fn add_agent(&mut self, entry: AgentEntry) {
        if entry.words.is_empty() {
            return;
        }
        let id = self.agents.len();
        self.agent_index.insert(id, &entry.words);
        self.agents.push(entry);
    }

    /// Appends every entry of `other`.
    pub fn extend(&mut self, other: Lexicon) {
        for a in other.actors {
            self.add_actor(a);
        }
        for a in other.agents {
            self.add_agent(a);
        }
    }

    /// The longest actor phrase matching `words[i..]`: entry id and length.
    /// Among equally long phrases the one added last wins.
    pub fn match_actor(&self, words: &[String], i: usize) -> Option<(usize, usize)> {
        longest(&self.actor_index, words, i, |id| &self.actors[id].words)
    }

    /// The longest agent phrase matching `words[i..]`.
    pub fn match_agent(&self, words: &[String], i: usize) -> Option<(usize, usize)> {
        longest(&self.agent_index, words, i, |id| &self.agents[id].words)
    }

    /// Looks up an exact phrase (upper-case words).
    pub fn actor_by_phrase(&self, words: &[String]) -> Option<&ActorEntry> {
        let first = words.first()?;
        // The entry added last wins, as in matching.
        self.actor_index
            .candidates(first)
            .iter()
            .map(|&(id, _)| id as usize)
            .filter(|&id| self.actors[id].words == words)
            .max()
            .map(|id| &self.actors[id])
    }
}

fn longest<'a>(
    index: &PhraseIndex,
    words: &[String],
    i: usize,
    get: impl Fn(usize) -> &'a Vec<String>,
) -> Option<(usize, usize)> {
    let first = words.get(i)?;
    let mut best: Option<(usize, usize)> = None;
    for &(id, len) in index.candidates(first) {
        let len = len as usize;
        if let Some((_, l)) = best {
            if len < l {
                break;
            }
        }
        if i + len > words.len() {
            continue;
        }
        let phrase = get(id as usize);
        if phrase.iter().zip(&words[i..i + len]).all(|(a, b)| a == b) {
            match best {
                Some((b, l)) if l == len && b > id as usize => {}
                _ => best = Some((id as usize, len)),
            }
        }
    }
    best
}

/// Normalises a token for lookup: upper case, typographic apostrophes and
/// dashes folded to ASCII.
pub fn norm_word(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_uppercase)
        .collect()
}

/// Splits a dictionary phrase (`LUIGI_DI_MAIO_`, `SECRETARY GENERAL`) into
/// upper-case words.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(norm_word)
        .collect()
}

/// Reads `YYYYMMDD` or PETRARCH's `YYMMDD` (years up to 30 are 20xx).
pub fn parse_date_key(s: &str) -> Option<DateKey> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        8 => s.parse().ok(),
        6 => {
            let v: u32 = s.parse().ok()?;
            let yy = v / 10000;
            let century = if yy <= 30 { 20_000_000 } else { 19_000_000 };
            Some(century + v)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_codes_follow_the_date() {
        let e = ActorEntry {
            words: phrase_words("SILVIO_BERLUSCONI_"),
            name: "SILVIO_BERLUSCONI".into(),
            codes: vec![
                DatedCode {
                    code: "ITAGOV".into(),
                    from: 20010611,
                    to: 20060517,
                },
                DatedCode::always("ITAELI"),
            ],
        };
        assert_eq!(e.code_at(Some(20030101)), Some("ITAGOV"));
        assert_eq!(e.code_at(Some(20100101)), Some("ITAELI"));
        assert_eq!(e.code_at(None), Some("ITAELI"));
        assert_eq!(parse_date_key("540101"), Some(19540101));
        assert_eq!(parse_date_key("030101"), Some(20030101));
    }

    #[test]
    fn longest_match_wins() {
        let mut lx = Lexicon::new();
        for (p, c) in [
            ("UNITED", "X"),
            ("UNITED_STATES", "USA"),
            ("UNITED_NATIONS", "IGOUNO"),
        ] {
            lx.add_actor(ActorEntry {
                words: phrase_words(p),
                name: p.into(),
                codes: vec![DatedCode::always(c)],
            });
        }
        let w = phrase_words("THE UNITED STATES SAID");
        let (id, len) = lx.match_actor(&w, 1).unwrap();
        assert_eq!((lx.actors[id].codes[0].code.as_str(), len), ("USA", 2));
    }
}
