//! The actor stage: mentions → CAMEO actor codes with the text and offsets
//! they came from, people learned from titles, and in-story references
//! (surnames, pronouns, "the minister") resolved to the person introduced
//! earlier.

use crate::dict::{norm_word, DateKey, Lexicon};
use crate::kb::{self, Learned};
use crate::mention::{find_items, group, words_of, Mention, Piece};
use crate::person::{is_pronoun, resolve_person, PERSON_RULE};
use annalist_doc::{Actor, Doc, Layer, Stage, StageError};
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The actor stage. Holds the shipped (or a PETRARCH) lexicon plus a user
/// lexicon (a knowledge base, corrections) that the caller passes in. People
/// learned from a story code the rest of that story only, and are collected
/// for the end of the run ([`ActorStage::take_learned`]); they never change
/// how other stories of the same run are coded, so that output depends
/// neither on the order in which worker threads take stories nor on what
/// earlier runs learned (unless the caller loads their knowledge base).
pub struct ActorStage {
    main: Arc<Lexicon>,
    user: Lexicon,
    learn: bool,
    /// People learned by this run, in whatever order threads found them.
    learned: Mutex<Vec<Learned>>,
    /// Annalist's reading of stories in context (plural pronouns, countries
    /// from the story); PETRARCH's suites code sentences on their own.
    in_context: bool,
}

/// What a mention's pieces add up to.
#[derive(Debug, Clone, Default)]
struct Composed {
    code: Option<String>,
    name: Option<String>,
    person_name: Option<String>,
    user_person: bool,
    has_base: bool,
    agents: Vec<String>,
    rule: Vec<String>,
}

impl ActorStage {
    /// A stage over `main`, with `user` entries (knowledge base, user
    /// corrections) taking precedence, learning new people when `learn`.
    pub fn new(main: Arc<Lexicon>, user: Lexicon, learn: bool) -> Self {
        ActorStage {
            main,
            user,
            learn,
            learned: Mutex::new(Vec::new()),
            in_context: true,
        }
    }

    /// With `false`, each sentence is read on its own, as PETRARCH does:
    /// no plural pronouns resolved, no country taken from the story.
    pub fn with_context(mut self, on: bool) -> Self {
        self.in_context = on;
        self
    }

    /// The shipped lexicon plus, when `kb` names one, a knowledge base or
    /// user lexicon file (a missing file is an empty base).
    pub fn standard(kb: Option<&Path>) -> Result<Self, crate::ActorError> {
        let user = match kb {
            Some(p) => kb::load(p)?,
            None => Lexicon::new(),
        };
        Ok(Self::new(crate::standard_lexicon(), user, true))
    }

    /// The people learned so far in this run, one entry per name: the one
    /// from the first story by story id, so the list is the same whatever
    /// the thread count. Empties the collection.
    pub fn take_learned(&self) -> Vec<Learned> {
        let mut all = match self.learned.lock() {
            Ok(mut l) => std::mem::take(&mut *l),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        };
        // In story order, each name kept where it first appears.
        all.sort_by(|a, b| (&a.story, &a.name, &a.code).cmp(&(&b.story, &b.name, &b.code)));
        let mut seen = HashSet::new();
        all.retain(|l| seen.insert(crate::dict::phrase_words(&l.name)));
        all
    }

    /// The user lexicon the stage started with (knowledge base and
    /// corrections; people learned during the run are not in it).
    pub fn user_lexicon(&self) -> Lexicon {
        self.user.clone()
    }

    /// Fills `doc.actors`.
    pub fn resolve(&self, doc: &mut Doc) {
        doc.actors.clear();
        let date = doc_date_key(doc);
        let dateline_country = self.dateline_country(doc, date);
        let mut person_tokens = vec![false; doc.tokens.len()];
        for e in &doc.entities {
            if e.label == "PER" {
                for i in e.span.tokens() {
                    if let Some(p) = person_tokens.get_mut(i) {
                        *p = true;
                    }
                }
            }
        }
        let mut learned_now = Vec::new();
        // This story's own copy: what it learns stays in it.
        let mut user = self.user.clone();
        let sentences = doc.sentences.clone();
        // The countries the story has named so far and its dateline's:
        // which of several people of one surname it means.
        let mut countries: HashSet<String> = dateline_country.iter().cloned().collect();
        let mut counted = 0;
        // Each sentence's words, upper-cased once for every lexicon look-up.
        let sentence_words: Vec<Vec<String>> = sentences
            .iter()
            .map(|s| {
                let (a, b) = (s.token_start as usize, s.token_end as usize);
                if b > doc.tokens.len() || a >= b {
                    Vec::new()
                } else {
                    words_of(doc, a, b)
                }
            })
            .collect();
        let full_names = crate::mention::story_full_names(doc, &self.main, &sentence_words);
        for (s, words) in sentences.iter().zip(&sentence_words) {
            let (start, end) = (s.token_start as usize, s.token_end as usize);
            if end > doc.tokens.len() || start >= end {
                continue;
            }
            for a in &doc.actors[counted..] {
                if is_country(&a.code) {
                    countries.insert(a.code[..3].to_string());
                }
            }
            counted = doc.actors.len();
            let mentions = {
                let ctx = crate::mention::StoryContext {
                    person_tokens: &person_tokens,
                    countries: &countries,
                    date,
                    full_names: &full_names,
                };
                let items = find_items(doc, start, words, &self.main, &user, &ctx);
                let mentions = group(doc, &items);
                mentions
                    .iter()
                    .map(|m| (m.clone(), self.compose(doc, m, &mentions, date, &user)))
                    .collect::<Vec<_>>()
            };
            let mut covered = vec![false; end - start];
            for (m, _) in &mentions {
                for i in m.start..m.end {
                    covered[i - start] = true;
                }
            }
            // Mentions and pronouns in text order, so that antecedents are
            // always earlier entries of `doc.actors`.
            let mut pending = mentions.into_iter().peekable();
            for i in start..end {
                while let Some((m, mut c)) = pending.next_if(|(m, _)| m.start <= i) {
                    self.finish(
                        doc,
                        &m,
                        &mut c,
                        dateline_country.as_deref(),
                        &mut learned_now,
                        &mut user,
                    );
                }
                if covered[i - start] {
                    continue;
                }
                if let Some(ante) = self
                    .in_context
                    .then(|| crate::person::resolve_plural(doc, i))
                    .flatten()
                {
                    push_pronoun(doc, i, ante, "pronoun:plural".into());
                    continue;
                }
                if !is_pronoun(doc.token_text(i)) {
                    continue;
                }
                if let Some(ante) = resolve_person(doc, i, i + 1) {
                    push_pronoun(doc, i, ante, format!("{PERSON_RULE};pronoun"));
                }
            }
            for (m, mut c) in pending {
                self.finish(
                    doc,
                    &m,
                    &mut c,
                    dateline_country.as_deref(),
                    &mut learned_now,
                    &mut user,
                );
            }
        }
        if self.in_context {
            // By paragraph: a quotation may run over several sentences.
            let paragraphs = if doc.paragraphs.is_empty() {
                sentences.clone()
            } else {
                doc.paragraphs.clone()
            };
            for p in &paragraphs {
                let (start, end) = (p.token_start as usize, p.token_end as usize);
                if end > doc.tokens.len() || start >= end {
                    continue;
                }
                for (i, ante) in crate::person::quoted_first_person(doc, start, end) {
                    push_pronoun(doc, i, ante, "pronoun:speaker".into());
                }
            }
        }
        share_agents(doc);
        if self.in_context {
            crate::context::fill_countries(doc, dateline_country.as_deref());
        }
        if !learned_now.is_empty() {
            match self.learned.lock() {
                Ok(mut l) => l.extend(learned_now),
                Err(poisoned) => poisoned.into_inner().extend(learned_now),
            }
        }
    }

    fn dateline_country(&self, doc: &Doc, date: Option<DateKey>) -> Option<String> {
        let place = doc.dateline.as_ref()?.place.as_ref()?;
        let words: Vec<String> = place
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(norm_word)
            .collect();
        let (id, _) = self.main.match_actor(&words, 0)?;
        let code = self.main.actors[id].code_at(date)?;
        is_country(code).then(|| code[..3].to_string())
    }

    fn compose(
        &self,
        doc: &Doc,
        m: &Mention,
        all: &[Mention],
        date: Option<DateKey>,
        user: &Lexicon,
    ) -> Composed {
        let mut c = Composed::default();
        let mut base: Option<String> = None;
        let mut base_is_person = false;
        let mut prefixes: Vec<String> = Vec::new();
        let mut name_tokens: Vec<usize> = Vec::new();
        for it in &m.items {
            match it.piece {
                Piece::Actor(l, id) => {
                    let lx = if l == 0 { &*self.main } else { user };
                    let e = &lx.actors[id];
                    let Some(code) = e.code_at(date) else {
                        continue;
                    };
                    c.rule.push(format!("actor:{}", e.name));
                    // A person's entry: a full name with a role, or a
                    // person's surname alone ("President Trump" matches
                    // TRUMP, an alias of DONALD_TRUMP), so that "he"
                    // later can refer to them.
                    let surname_of_person = e.words.len() == 1
                        && lx
                            .persons_by_surname(&e.words[0])
                            .iter()
                            .any(|&k| lx.actors[k].name == e.name);
                    let person_entry =
                        l == 1 || (code.len() >= 6 && (e.words.len() >= 2 || surname_of_person));
                    if person_entry {
                        c.person_name = Some(e.name.clone());
                        c.user_person = l == 1;
                    }
                    base = Some(match base.take() {
                        None => code.to_string(),
                        Some(b) if code.starts_with(&b) && code != b => code.to_string(),
                        Some(_) if person_entry && !base_is_person => code.to_string(),
                        Some(b) => b,
                    });
                    if person_entry {
                        base_is_person = true;
                    }
                }
                Piece::Agent(id) => {
                    let g = &self.main.agents[id];
                    c.rule.push(format!("agent:{}", g.words.join("_")));
                    if g.prefix {
                        prefixes.push(g.code.clone());
                    } else {
                        c.agents.push(g.code.clone());
                    }
                }
                Piece::Name => name_tokens.extend(it.start..it.end),
                Piece::Modifier => {}
            }
        }
        if let (Some(&a), Some(&b)) = (name_tokens.first(), name_tokens.last()) {
            let text =
                &doc.text[doc.tokens[a].offsets.start as usize..doc.tokens[b].offsets.end as usize];
            c.name = Some(text.to_string());
        }
        // "A court in Guyana": an agent without a country takes the one
        // named right after it.
        if base.is_none() && !c.agents.is_empty() {
            if let Some(code) = attached_country(doc, m, all, &self.main, user, date) {
                c.rule.push("attach:in-of-from".into());
                base = Some(code);
            }
        }
        c.has_base = base.is_some();
        let mut code = base.unwrap_or_else(|| "---".to_string());
        append_agents(&mut code, &c.agents);
        for p in prefixes.iter().rev() {
            code = format!("{p}{code}");
        }
        if code != "---" {
            c.code = Some(code);
        }
        c
    }

    fn finish(
        &self,
        doc: &mut Doc,
        m: &Mention,
        c: &mut Composed,
        dateline_country: Option<&str>,
        learned_now: &mut Vec<Learned>,
        user: &mut Lexicon,
    ) {
        let span = doc.span(m.start, m.end);
        // The dateline's place says where the story was filed, not who acts.
        if let Some(d) = &doc.dateline {
            if span.offsets.start >= d.offsets.start && span.offsets.end <= d.offsets.end {
                return;
            }
        }
        let mut antecedent = None;
        let mut rule = c.rule.clone();
        let titled = c.name.is_some() && !c.agents.is_empty();
        // An organisation named with a role word ("the Rapid Support
        // Forces") is not a local official.
        let organisation = doc.entities.iter().any(|e| {
            e.label == "ORG"
                && e.span.token_start < m.end as u32
                && e.span.token_end > m.start as u32
        });
        if !c.has_base && titled && !organisation {
            if let Some(country) = dateline_country {
                // "Defence Minister Lorenzo Guerini" in a Rome-datelined
                // story is an Italian minister.
                let mut code = country.to_string();
                append_agents(&mut code, &c.agents);
                c.code = Some(code);
                c.has_base = true;
                rule.push("dateline-country".into());
            }
        }
        if c.name.is_some() && c.code.is_none() || (!c.has_base && c.name.is_none()) {
            // A bare surname or a description: look for the person
            // introduced earlier in the story.
            if let Some(ante) = resolve_person(doc, m.start, m.end) {
                let a = &doc.actors[ante as usize];
                c.code = Some(a.code.clone());
                c.person_name = a.name.clone();
                antecedent = Some(ante);
                rule.push("coref".into());
            }
        }
        if c.code.is_none() && c.name.is_some() && !organisation && self.in_context {
            let per = doc.entities.iter().any(|e| {
                e.label == "PER"
                    && e.span.token_start <= m.start as u32
                    && e.span.token_end >= m.end as u32
            });
            if per {
                // A person the lexicon does not know, named in a story: of
                // the country just before the name ("Egyptian counterpart
                // Sameh Shoukry"), else a civilian of the story's country
                // (`context::fill_countries`).
                rule.push("person:unknown".into());
                match modifier_country(doc, m.start) {
                    Some((country, between)) => {
                        // "North Korean leader Kim Jong Un": the role
                        // noun between the country and the name is the
                        // person's role; "his Egyptian counterpart" is an
                        // official like the person it is a counterpart of.
                        let role = between
                            .clone()
                            .rev()
                            .find_map(|i| self.role_noun(doc, i))
                            .or_else(|| {
                                between
                                    .clone()
                                    .any(|i| is_office_noun(doc.token_text(i)))
                                    .then(|| "GOV".to_string())
                            })
                            .unwrap_or_else(|| "CVL".to_string());
                        c.code = Some(format!("{country}{role}"));
                        rule.push("country:modifier".into());
                    }
                    None => c.code = Some("---CVL".to_string()),
                }
            }
        }
        let Some(code) = c.code.clone() else { return };
        let is_person = c.person_name.is_some() || c.name.is_some();
        // A role phrase from the dictionary ("US Secretary of Defense")
        // followed by a name: the name is the person.
        if c.name.is_some() && antecedent.is_none() && !c.user_person {
            c.person_name = None;
        }
        if titled && c.has_base && antecedent.is_none() && self.learn {
            if let Some(name) = &c.name {
                if let Some(l) = self.learn_person(doc, name, &code, user) {
                    rule.push("learned".into());
                    learned_now.push(l);
                }
            }
        }
        if is_person {
            rule.insert(0, PERSON_RULE.to_string());
        }
        doc.actors.push(Actor {
            span,
            code,
            name: c.person_name.clone().or_else(|| c.name.clone()),
            antecedent,
            rule: Some(rule.join(";")),
        });
    }

    /// The role a lower-case noun before a name gives the person: an
    /// agent of the dictionary ("minister", "spokesman", "opposition").
    fn role_noun(&self, doc: &Doc, i: usize) -> Option<String> {
        let words = [doc.token_text(i).to_ascii_uppercase()];
        let (id, len) = self.main.match_agent(&words, 0)?;
        let g = &self.main.agents[id];
        (len == 1 && !g.prefix && g.code.len() == 3).then(|| g.code.clone())
    }

    fn learn_person(
        &self,
        doc: &Doc,
        name: &str,
        code: &str,
        user: &mut Lexicon,
    ) -> Option<Learned> {
        let words = crate::dict::phrase_words(name);
        if words.is_empty() || words.iter().all(|w| w.chars().count() < 3) {
            return None;
        }
        if user.actor_by_phrase(&words).is_some() {
            return None;
        }
        let learned = Learned {
            name: name.to_string(),
            code: code.to_string(),
            date: doc.date.map(|d| d.to_string()),
            story: doc.id.clone(),
        };
        for e in learned.entries() {
            user.add_actor(e);
        }
        Some(learned)
    }
}

/// "Leader" and "counterpart" before a name with a country ("North Korean
/// leader Kim Jong Un", "his Egyptian counterpart Sameh Shoukry") name an
/// official of that country when no other role word says otherwise
/// ("opposition leader").
fn is_office_noun(w: &str) -> bool {
    ["leader", "leaders", "counterpart", "counterparts"]
        .iter()
        .any(|o| o.eq_ignore_ascii_case(w))
}

/// The country of an actor that ends at most three lower-case words before
/// token `start` ("Egyptian counterpart", "Turkish businessman"), in the
/// same sentence, and the tokens of those words.
fn modifier_country(doc: &Doc, start: usize) -> Option<(String, std::ops::Range<usize>)> {
    let a = doc.actors.last()?;
    let end = a.span.token_end as usize;
    if end > start || start - end > 3 || !is_country(&a.code) {
        return None;
    }
    let lower = (end..start).all(|i| {
        let t = doc.token_text(i);
        t.chars().next().is_some_and(char::is_lowercase) && t.chars().all(char::is_alphabetic)
    });
    let same_sentence = doc.sentence_of(end.saturating_sub(1)) == doc.sentence_of(start);
    (lower && same_sentence && a.antecedent.is_none())
        .then(|| (a.code[..3].to_string(), end..start))
}

/// Three-letter pieces of a code (`GOVMIL` → `GOV`, `MIL`).
/// "US and British activists", "U.S. and Russian negotiators": a bare
/// country modifier coordinated with a demonym that has an agent shares
/// that agent (`USA` → `USAOPP` next to `GBROPP`).
/// Adds the pronoun at token `i` as a mention of actor `ante`.
fn push_pronoun(doc: &mut Doc, i: usize, ante: u32, rule: String) {
    let a = &doc.actors[ante as usize];
    let actor = Actor {
        span: doc.span(i, i + 1),
        code: a.code.clone(),
        name: a.name.clone(),
        antecedent: Some(ante),
        rule: Some(rule),
    };
    doc.actors.push(actor);
}

fn share_agents(doc: &mut Doc) {
    for k in 1..doc.actors.len() {
        let (a, b) = (&doc.actors[k - 1], &doc.actors[k]);
        let (a_end, b_start) = (a.span.token_end as usize, b.span.token_start as usize);
        let single = a.span.token_end == a.span.token_start + 1;
        if !single
            || a.code.len() != 3
            || !is_country(&a.code)
            || b.code.len() <= 3
            || !is_country(&b.code)
            || b_start != a_end + 1
            || b_start >= doc.tokens.len()
            || !doc.token_text(a_end).eq_ignore_ascii_case("and")
        {
            continue;
        }
        let tag = |i: usize| doc.tokens[i].tag.as_deref().unwrap_or("");
        let a_text = doc.token_text(a_end - 1);
        // The first must read as a modifier (adjective or abbreviation),
        // the second must start with its demonym.
        let modifier = tag(a_end - 1) == "JJ"
            || (a_text.len() <= 4 && a_text.chars().all(|c| c.is_ascii_uppercase() || c == '.'));
        if !modifier || tag(b_start) != "JJ" {
            continue;
        }
        let code = format!("{}{}", a.code, &b.code[3..]);
        let a = &mut doc.actors[k - 1];
        a.code = code;
        a.rule = Some(format!("{};shared-agent", a.rule.as_deref().unwrap_or("")));
    }
}

/// Appends the agents' role codes to `code`, each once, and at most two
/// roles on a country (`USAGOVLEG`) or one more on a longer base (a
/// person's `USAGOV`): "Secretary General Javier Perez de Cuellar" is not
/// an elite government military actor.
fn append_agents(code: &mut String, agents: &[String]) {
    let limit = if code.len() <= 3 { 9 } else { code.len() + 3 };
    for a in agents {
        for chunk in chunks(a) {
            if chunks(code).any(|x| x == chunk) {
                continue;
            }
            if code.len() + chunk.len() > limit {
                return;
            }
            code.push_str(chunk);
        }
    }
}

fn chunks(code: &str) -> impl Iterator<Item = &str> {
    (0..code.len() / 3).filter_map(move |k| code.get(k * 3..k * 3 + 3))
}

/// True for a code that starts with a three-letter country (or IGO) code.
pub fn is_country(code: &str) -> bool {
    code.len() >= 3
        && code.as_bytes()[..3].iter().all(u8::is_ascii_uppercase)
        && &code[..3] != "---"
}

fn attached_country(
    doc: &Doc,
    m: &Mention,
    all: &[Mention],
    main: &Lexicon,
    user: &Lexicon,
    date: Option<DateKey>,
) -> Option<String> {
    let w = words_of(doc, m.end, (m.end + 1).min(doc.tokens.len()));
    if !matches!(w.first().map(String::as_str), Some("IN" | "OF" | "FROM")) {
        return None;
    }
    // "the mayor of Nablus", "the mayor of the northern West Bank city of
    // Nablus": the next name after at most three lower-case words.
    let next = all.iter().find(|n| {
        n.start > m.end
            && n.start <= m.end + 4
            && (m.end + 1..n.start).all(|i| {
                doc.token_text(i)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            })
    })?;
    let it = next
        .items
        .iter()
        .find(|i| matches!(i.piece, Piece::Actor(..)))?;
    let Piece::Actor(l, id) = it.piece else {
        return None;
    };
    let lx = if l == 0 { main } else { user };
    let code = lx.actors[id].code_at(date)?;
    is_country(code).then(|| code.to_string())
}

/// The document date as `YYYYMMDD`, when its year is known.
pub fn doc_date_key(doc: &Doc) -> Option<DateKey> {
    let d = doc.date?;
    let y = d.year?;
    Some(y as u32 * 10000 + d.month as u32 * 100 + d.day as u32)
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn version(&self) -> String {
        format!(
            "{}+lexicon-{}",
            env!("CARGO_PKG_VERSION"),
            crate::LEXICON_VERSION
        )
    }

    fn requires(&self) -> &'static [Layer] {
        Layer::ANALYSED
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Actors]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        self.resolve(doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::append_agents;

    #[test]
    fn at_most_two_roles_are_stacked() {
        let mut code = "PER".to_string();
        append_agents(&mut code, &["ELI".into(), "GOV".into(), "MIL".into()]);
        assert_eq!(code, "PERELIGOV");
        let mut code = "USAGOV".to_string();
        append_agents(&mut code, &["GOV".into(), "LEG".into(), "JUD".into()]);
        assert_eq!(code, "USAGOVLEG");
        let mut code = "---".to_string();
        append_agents(&mut code, &["COP".into()]);
        assert_eq!(code, "---COP");
    }
}
