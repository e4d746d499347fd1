//! Finding actor mentions in a sentence: dictionary phrases, agents and
//! capitalised names, grouped into noun-phrase-like runs
//! ("Italian Foreign Minister Luigi Di Maio", "Haftar's forces").

use crate::dict::{norm_word, Lexicon};
use annalist_doc::words::{is_month_name, is_person_title, is_weekday_name};
use annalist_doc::Doc;

/// What one piece of a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// An actor phrase: (lexicon, entry id); lexicon 0 is the main one,
    /// 1 the learned/user one.
    Actor(u8, usize),
    /// An agent phrase (entry id in the main lexicon).
    Agent(usize),
    /// A capitalised word not in any dictionary (part of a name).
    Name,
    /// A modifier that does not change the code (`UN-backed`).
    Modifier,
}

/// A piece of a mention over tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it is.
    pub piece: Piece,
}

/// A run of pieces that names one actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Pieces in order.
    pub items: Vec<Item>,
}

/// Capitalised words that start sentences or name times, not actors.
const NOT_NAMES: &[&str] = &[
    "THE",
    "A",
    "AN",
    "HE",
    "SHE",
    "IT",
    "THEY",
    "WE",
    "I",
    "YOU",
    "IN",
    "ON",
    "AT",
    "BUT",
    "AND",
    "OR",
    "IF",
    "AS",
    "BY",
    "FOR",
    "FROM",
    "TO",
    "OF",
    "WITH",
    "THIS",
    "THAT",
    "THESE",
    "THOSE",
    "HIS",
    "HER",
    "ITS",
    "THEIR",
    "OUR",
    "MY",
    "AFTER",
    "BEFORE",
    "WHILE",
    "WHEN",
    "SINCE",
    "MR",
    "MR.",
    "MRS",
    "MRS.",
    "MS",
    "MS.",
    "DR",
    "DR.",
    "THERE",
    "HERE",
    "ALSO",
    "MEANWHILE",
    "HOWEVER",
    "ALL",
    "SOME",
    "MANY",
    "NO",
    "NOT",
    "ACCORDING",
    "SAID",
    "ON",
    "LAST",
    "NEXT",
    "EARLIER",
    "LATER",
    "YESTERDAY",
    "TODAY",
    "TOMORROW",
    "WHO",
    "WHAT",
    "WHERE",
    "WHY",
    "HOW",
    "SOURCE",
    "SOURCES",
    "REUTERS",
    "AFP",
    "ANSA",
    "AP",
    "BREAKING",
];

/// Lower-case words allowed between pieces of one mention without a tagger
/// ("Italian defence officials", "senior Guyanese police officer").
const GLUE: &[&str] = &[
    "SENIOR",
    "TOP",
    "FORMER",
    "DEFENCE",
    "DEFENSE",
    "FOREIGN",
    "SECURITY",
    "GROUND",
    "SPECIAL",
    "LOCAL",
    "INTERIM",
    "ACTING",
    "DEPUTY",
    "CHIEF",
    "HIGH",
    "NEW",
    "ARMED",
    "ELITE",
    "RIVAL",
    "ALLIED",
    "EASTERN",
    "WESTERN",
    "NORTHERN",
    "SOUTHERN",
    "OWN",
    "STATE",
    "NATIONAL",
    "REGIONAL",
    "FEDERAL",
    "BELEAGUERED",
    "SELF-PROCLAIMED",
    "SO-CALLED",
    "ISLAMIST",
    "HARDLINE",
    "MODERATE",
    "OPPOSITION",
    "REBEL",
    "PRO-GOVERNMENT",
    "VETERAN",
    "HIGH-RANKING",
    "RETIRED",
];

/// Suffixes after a hyphen that make a place into the actor's identity
/// ("Tripoli-based government" is Libyan).
const PLACE_SUFFIX: &[&str] = &["BASED", "HELD", "CONTROLLED", "RUN"];

/// Suffixes after a hyphen that name a backer, not the actor itself.
const BACKER_SUFFIX: &[&str] = &[
    "BACKED",
    "LED",
    "RECOGNISED",
    "RECOGNIZED",
    "SPONSORED",
    "SUPPORTED",
    "FUNDED",
    "BROKERED",
    "ALLIED",
    "ARMED",
    "TRAINED",
    "MEDIATED",
    "AFFILIATED",
    "LINKED",
];

/// The upper-case words of tokens `[start, end)`.
pub fn words_of(doc: &Doc, start: usize, end: usize) -> Vec<String> {
    (start..end).map(|i| norm_word(doc.token_text(i))).collect()
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn is_wordlike(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
}

/// Actor match at `i` honouring case: dictionary actors are proper nouns,
/// and a short all-capital phrase (`US`, `UN`) must be written in capitals
/// so that "us" and "un" stay words.
fn actor_at(
    doc: &Doc,
    words: &[String],
    base: usize,
    i: usize,
    lx: &Lexicon,
) -> Option<(usize, usize)> {
    let text = doc.token_text(base + i);
    // A capital anywhere ("iSrael", a typo or a brand-style spelling) marks
    // a name as much as a leading one.
    if !text.chars().any(char::is_uppercase) {
        return None;
    }
    let (id, len) = lx.match_actor(words, i)?;
    if len == 1 && words[i].chars().filter(|c| c.is_alphabetic()).count() <= 3 && !is_all_caps(text)
    {
        return None;
    }
    Some((id, len))
}

/// What the story around a sentence says, for finding its mentions.
pub struct StoryContext<'a> {
    /// Whether each token of the document is in a person the recognizer
    /// found.
    pub person_tokens: &'a [bool],
    /// The countries the story has named so far and its dateline's.
    pub countries: &'a std::collections::HashSet<String>,
    /// The document date, for dated codes.
    pub date: Option<crate::dict::DateKey>,
    /// The people the story names in full anywhere (a recognized name of
    /// two or more words that is a lexicon person), by their first and by
    /// their last word, when only one such person has that word:
    /// [`story_full_names`].
    pub full_names: &'a std::collections::HashMap<String, usize>,
}

/// The lexicon people a story names in full, anywhere in it, by the first
/// and by the last word of the name ("Kim" → Kim Jong Un, "Trump" →
/// Donald Trump): so a short name in a headline or before the full one is
/// that person. A full name is a lexicon person of two or more words
/// matched at a capitalised word; a word two of them share is left out.
pub fn story_full_names(
    doc: &Doc,
    lx: &Lexicon,
    sentence_words: &[Vec<String>],
) -> std::collections::HashMap<String, usize> {
    let mut by: std::collections::HashMap<String, Option<usize>> = Default::default();
    for (s, words) in doc.sentences.iter().zip(sentence_words) {
        let (start, end) = (s.token_start as usize, s.token_end as usize);
        if end > doc.tokens.len() || start >= end || words.len() != end - start {
            continue;
        }
        let mut i = 0;
        while i < words.len() {
            if !is_capitalised(doc.token_text(start + i)) {
                i += 1;
                continue;
            }
            let Some((id, len)) = lx.match_actor(words, i) else {
                i += 1;
                continue;
            };
            let e = &lx.actors[id];
            let dated = e
                .codes
                .iter()
                .any(|c| c.from > 0 || c.to < crate::dict::DateKey::MAX);
            let capitalised =
                (start + i..start + i + len).all(|k| is_capitalised(doc.token_text(k)));
            if len >= 2 && dated && capitalised {
                for w in [&words[i], &words[i + len - 1]] {
                    if w.chars().count() < 3 || !w.chars().all(char::is_alphabetic) {
                        continue;
                    }
                    let slot = by.entry(w.clone()).or_insert(Some(id));
                    if slot.is_some_and(|k| lx.actors[k].name != e.name) {
                        *slot = None;
                    }
                }
            }
            i += len;
        }
    }
    by.into_iter()
        .filter_map(|(w, id)| Some((w, id?)))
        .collect()
}

/// Finds the pieces of mentions in the tokens from `start` on whose
/// upper-cased forms are `words` (one sentence).
pub fn find_items(
    doc: &Doc,
    start: usize,
    words: &[String],
    main: &Lexicon,
    user: &Lexicon,
    ctx: &StoryContext,
) -> Vec<Item> {
    let person_tokens = ctx.person_tokens;
    let mut items = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let abs = start + i;
        let text = doc.token_text(abs);
        let a0 = actor_at(doc, words, start, i, main).map(|(id, l)| (0u8, id, l));
        let a1 = actor_at(doc, words, start, i, user).map(|(id, l)| (1u8, id, l));
        // User and learned entries win over shipped ones of the same length.
        let actor = match (a0, a1) {
            (Some(a), Some(b)) => Some(if b.2 >= a.2 { b } else { a }),
            (a, b) => a.or(b),
        };
        let agent = main.match_agent(words, i);
        // "Chad Pergram", "Jordan Peterson": a one-word place that opens a
        // person's name is the first name.
        let actor = actor.filter(|a| {
            !(a.2 == 1
                && person_tokens.get(abs).copied().unwrap_or(false)
                && person_tokens.get(abs + 1).copied().unwrap_or(false)
                && i + 1 < words.len()
                && is_capitalised(doc.token_text(abs + 1)))
        });
        let best_actor_len = actor.map_or(0, |a| a.2);
        let agent_len = agent.map_or(0, |a| a.1);
        if best_actor_len > 0 && best_actor_len >= agent_len {
            let (l, id, len) = actor.unwrap_or_default();
            let mut piece = Piece::Actor(l, id);
            let mut len = len;
            // "Tripoli-based" split by the tokenizer: a place suffix keeps
            // the actor, a backer suffix ("UN-backed") makes it a modifier.
            if words.get(i + len).map(String::as_str) == Some("-") {
                if let Some(suffix) = words.get(i + len + 1) {
                    if PLACE_SUFFIX.contains(&suffix.as_str()) {
                        len += 2;
                    } else if BACKER_SUFFIX.contains(&suffix.as_str()) {
                        len += 2;
                        piece = Piece::Modifier;
                    }
                }
            }
            items.push(Item {
                start: abs,
                end: abs + len,
                piece,
            });
            i += len;
            continue;
        }
        if agent_len > 0 {
            let (id, len) = agent.unwrap_or_default();
            items.push(Item {
                start: abs,
                end: abs + len,
                piece: Piece::Agent(id),
            });
            i += len;
            continue;
        }
        if let Some((head, tail)) = words[i].split_once('-') {
            let tail_place = PLACE_SUFFIX.contains(&tail);
            let tail_backer = BACKER_SUFFIX.contains(&tail);
            if (tail_place || tail_backer) && is_capitalised(text) {
                let hw = vec![head.to_string()];
                let hit = main
                    .match_actor(&hw, 0)
                    .or_else(|| user.match_actor(&hw, 0));
                let piece = match hit {
                    Some((id, _)) if tail_place => Piece::Actor(
                        if main.match_actor(&hw, 0).is_some() {
                            0
                        } else {
                            1
                        },
                        id,
                    ),
                    _ => Piece::Modifier,
                };
                items.push(Item {
                    start: abs,
                    end: abs + 1,
                    piece,
                });
                i += 1;
                continue;
            }
        }
        // After a title a capitalised word is a name, even one that is
        // also a month ("Mrs May") or a common word.
        let after_title = is_capitalised(text) && i > 0 && is_person_title(&words[i - 1]);
        let is_person = person_tokens.get(abs).copied().unwrap_or(false) || after_title;
        if is_person && is_capitalised(text) {
            if let Some(id) = surname_person(words, start, i, main, ctx) {
                items.push(Item {
                    start: abs,
                    end: abs + 1,
                    piece: Piece::Actor(0, id),
                });
                i += 1;
                continue;
            }
        }
        let sentence_initial = i == 0;
        if is_person
            || (is_capitalised(text)
                && is_wordlike(text)
                && !NOT_NAMES.contains(&words[i].as_str())
                && !is_month_name(&words[i])
                && !is_weekday_name(&words[i])
                && (!sentence_initial || next_is_capitalised(doc, abs, start + words.len())))
        {
            items.push(Item {
                start: abs,
                end: abs + 1,
                piece: Piece::Name,
            });
        }
        i += 1;
    }
    items
}

/// A person named by a surname, the last word of a name the recognizer
/// found, that one of the lexicon's people has (`Lexicon::index_surnames`):
/// after a title of office, the one person of that surname, or the one of
/// the story's countries; with no title (or "Mr"), the one person of that
/// surname among the story's countries, so that "Mr Howard" in a British
/// story is not the Australian prime minister and "Blair" there is Tony
/// Blair, not Dennis Blair. A first name before it that is not the
/// person's ("Hunter Biden") rules it out.
fn surname_person(
    words: &[String],
    start: usize,
    i: usize,
    lx: &Lexicon,
    ctx: &StoryContext,
) -> Option<usize> {
    let (person_tokens, story_countries, date) = (ctx.person_tokens, ctx.countries, ctx.date);
    let abs = start + i;
    if person_tokens.get(abs + 1).copied().unwrap_or(false) && i + 1 < words.len() {
        return None;
    }
    let prev = i.checked_sub(1).map(|k| words[k].as_str());
    let courtesy = prev.is_some_and(|p| COURTESY.contains(&p));
    // A title of office, not a courtesy title ("Mr"), which the story's
    // countries decide below.
    let titled = prev.is_some_and(|p| !courtesy && is_person_title(p));
    let first_name = prev.is_some_and(|_| {
        !titled && !courtesy && person_tokens.get(abs - 1).copied().unwrap_or(false)
    });
    if first_name {
        return None;
    }
    // Named in full elsewhere in the story: that person.
    if let Some(&id) = ctx.full_names.get(&words[i]) {
        return Some(id);
    }
    let all = lx.persons_by_surname(&words[i]);
    let country = |id: &usize| {
        lx.actors[*id]
            .code_at(date)
            .filter(|c| crate::resolve::is_country(c))
            .map(|c| c[..3].to_string())
    };
    let local: Vec<usize> = all
        .iter()
        .copied()
        .filter(|id| country(id).is_some_and(|c| story_countries.contains(&c)))
        .collect();
    match (titled, all, local.as_slice()) {
        (_, _, [one]) => Some(*one),
        (true, [one], []) => Some(*one),
        _ => None,
    }
}

/// Courtesy titles: they say a surname follows, not which person.
const COURTESY: &[&str] = &["MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR."];

fn next_is_capitalised(doc: &Doc, i: usize, end: usize) -> bool {
    i + 1 < end && is_capitalised(doc.token_text(i + 1)) && is_wordlike(doc.token_text(i + 1))
}

/// Whether the tokens between two pieces may sit inside one mention.
fn glue_ok(doc: &Doc, prev: &Item, next: &Item) -> bool {
    let gap: Vec<usize> = (prev.end..next.start).collect();
    if gap.is_empty() {
        // A country next to a country is a list written without commas,
        // not one actor; a name next to an actor is one ("Hamas leader").
        return true;
    }
    if gap.len() > 2 {
        return false;
    }
    let ws: Vec<String> = gap.iter().map(|&i| norm_word(doc.token_text(i))).collect();
    if ws.len() == 1 && (ws[0] == "'S" || ws[0] == "'") {
        return true;
    }
    if ws.len() == 1
        && (ws[0] == "OF" || ws[0] == "FOR")
        && matches!(prev.piece, Piece::Agent(_))
        && matches!(next.piece, Piece::Actor(..) | Piece::Agent(_))
    {
        return true;
    }
    if ws.len() == 1 && ws[0] == "," {
        return matches!(prev.piece, Piece::Modifier | Piece::Actor(..))
            && matches!(next.piece, Piece::Modifier)
            && is_hyphen_modifier(doc, prev);
    }
    gap.iter().zip(&ws).all(|(&i, w)| {
        let pos = doc.tokens[i].pos.as_deref();
        let tagged_ok = matches!(pos, Some("ADJ") | Some("NUM"));
        let untagged_ok = pos.is_none() && GLUE.contains(&w.as_str());
        (tagged_ok || untagged_ok || GLUE.contains(&w.as_str()))
            && !is_capitalised(doc.token_text(i))
            && !matches!(next.piece, Piece::Name)
    })
}

fn is_hyphen_modifier(doc: &Doc, item: &Item) -> bool {
    (item.start..item.end).any(|i| doc.token_text(i).contains('-'))
}

/// Groups pieces into mentions.
pub fn group(doc: &Doc, items: &[Item]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for it in items {
        if let Some(m) = out.last_mut() {
            // Adjacent dictionary phrases stay together ("Palestinian
            // Hamas", "US President"): the code takes the more specific one.
            if let Some(prev) = m.items.last().copied() {
                if glue_ok(doc, &prev, it) {
                    m.items.push(*it);
                    m.end = it.end;
                    continue;
                }
            }
        }
        out.push(Mention {
            start: it.start,
            end: it.end,
            items: vec![*it],
        });
    }
    // A mention of only modifiers names nobody.
    out.retain(|m| m.items.iter().any(|i| i.piece != Piece::Modifier));
    out
}
