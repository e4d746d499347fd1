//! In-story person resolution, shared with the quotes stage: a surname
//! ("Di Maio"), a pronoun ("he") or a description ("the minister") points
//! back to the person introduced earlier in the same story.

use crate::dict::norm_word;
use annalist_doc::Doc;

/// Marker at the start of [`annalist_doc::Actor::rule`] for mentions of a
/// person (as opposed to a country, organisation or group).
pub const PERSON_RULE: &str = "person";

const PRONOUNS: &[&str] = &["HE", "SHE", "HIM", "HER", "HIS", "HIMSELF", "HERSELF"];

/// True for a singular personal pronoun.
pub fn is_pronoun(token: &str) -> bool {
    PRONOUNS.contains(&norm_word(token).as_str())
}

/// First-person pronouns: inside a quotation they are its speaker.
const FIRST_PERSON: &[&str] = &["I", "ME", "MY", "WE", "US", "OUR"];

/// Resolves the first-person pronouns inside quotation marks of the
/// paragraph `[start, end)` to each quotation's speaker: the subject of a
/// speech verb outside the quotation, in the sentence where it closes, else
/// the one where it opens ("“We will not accept it,” the minister said";
/// "“We will fight. We will not give up,” she said" gives both "We" to her).
/// A quotation left open runs to the paragraph's end, as a quotation that
/// goes on into the next paragraph does. Returns (token, antecedent) pairs.
pub fn quoted_first_person(doc: &Doc, start: usize, end: usize) -> Vec<(usize, u32)> {
    let is_quote = |i: usize| matches!(doc.token_text(i), "\"" | "“" | "”" | "``" | "''");
    let mut inside = vec![false; end - start];
    // Each quotation as (first inner token, one past the last).
    let mut quotes: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    for i in start..end {
        if is_quote(i) {
            match open.take() {
                Some(o) => quotes.push((o, i)),
                None => open = Some(i + 1),
            }
            continue;
        }
        inside[i - start] = open.is_some();
    }
    if let Some(o) = open {
        quotes.push((o, end));
    }
    let sentence_range = |i: usize| {
        doc.sentence_of(i).map(|k| {
            let s = &doc.sentences[k];
            (s.token_start as usize).max(start)..(s.token_end as usize).min(end)
        })
    };
    // The speaker of a sentence: an actor heading the subject of a speech
    // verb outside the quotation.
    let speaker_in = |r: std::ops::Range<usize>| {
        r.clone().find_map(|v| {
            let lemma = doc.tokens[v].lemma.as_deref().map(str::to_uppercase)?;
            if inside[v - start] || !annalist_doc::words::is_speech_lemma(&lemma) {
                return None;
            }
            let subj = r.clone().find(|&c| {
                doc.tokens[c].head == Some(v as u32)
                    && doc.tokens[c]
                        .dep
                        .as_deref()
                        .is_some_and(|d| d.starts_with("nsubj"))
            })?;
            doc.actors
                .iter()
                .position(|a| a.span.tokens().contains(&subj))
                .map(|k| root(doc, k) as u32)
        })
    };
    let mut out = Vec::new();
    for (qs, qe) in quotes {
        if qs >= qe {
            continue;
        }
        let closing = sentence_range(qe.min(end - 1));
        let opening = sentence_range(qs);
        let Some(sp) = closing
            .and_then(&speaker_in)
            .or_else(|| opening.and_then(&speaker_in))
        else {
            continue;
        };
        out.extend(
            (qs..qe)
                .filter(|&i| FIRST_PERSON.contains(&norm_word(doc.token_text(i)).as_str()))
                .filter(|&i| !doc.actors.iter().any(|a| a.span.tokens().contains(&i)))
                .map(|i| (i, sp)),
        );
    }
    out
}

/// Plural pronouns that refer back to a group, a body or a country.
const PLURAL: &[&str] = &["THEY", "THEM", "THEIR"];

/// Resolves a plural pronoun at token `i` ("they", "them", "their") to the
/// most recent earlier mention of a group named by a plural noun in the
/// same or the previous sentence (not a person, not a body named in the
/// singular).
pub fn resolve_plural(doc: &Doc, i: usize) -> Option<u32> {
    if !PLURAL.contains(&norm_word(doc.token_text(i)).as_str()) {
        return None;
    }
    let sent = doc
        .sentences
        .iter()
        .position(|s| (s.token_start as usize) <= i && i < s.token_end as usize)?;
    let from = doc.sentences[sent.saturating_sub(1)].token_start as usize;
    (0..doc.actors.len())
        .rev()
        .find(|&k| {
            let a = &doc.actors[k];
            let s = a.span.token_start as usize;
            let end = a.span.token_end as usize;
            // "they" is a group named by a plural noun ("the protesters",
            // "Democrats"), not a body named in the singular.
            let plural =
                end > s && matches!(doc.tokens[end - 1].tag.as_deref(), Some("NNS" | "NNPS"));
            s >= from && end <= i && !is_person(doc, k) && plural
        })
        .map(|k| k as u32)
}

/// True when `doc.actors[i]` is a person.
pub fn is_person(doc: &Doc, i: usize) -> bool {
    doc.actors
        .get(i)
        .and_then(|a| a.rule.as_deref())
        .is_some_and(|r| r.split(';').next() == Some(PERSON_RULE))
}

/// Whether mentions `a` and `b` of `doc` are the same actor: the same
/// chain of antecedents, the same known name, or the same bare country.
/// Two different people or bodies that share a code ("Blair" and "Brown",
/// both `GBRGOV`) are different actors.
pub fn same_actor(doc: &Doc, a: usize, b: usize) -> bool {
    let (ra, rb) = (root(doc, a), root(doc, b));
    if ra == rb {
        return true;
    }
    let (x, y) = (&doc.actors[ra], &doc.actors[rb]);
    if x.name.is_some() && x.name == y.name {
        return true;
    }
    if x.code == y.code && (x.code.len() <= 3 || !is_person(doc, ra) && !is_person(doc, rb)) {
        // Bodies and groups with one code ("the government" … "the
        // cabinet") are not told apart by the code alone: taken as one.
        return x.code.len() <= 3
            || doc
                .span_text(&x.span)
                .eq_ignore_ascii_case(doc.span_text(&y.span));
    }
    false
}

/// The earliest mention a chain of antecedents leads to.
fn root(doc: &Doc, mut i: usize) -> usize {
    let mut steps = 0;
    while let Some(a) = doc.actors.get(i).and_then(|a| a.antecedent) {
        if a as usize >= i || steps > 64 {
            break;
        }
        i = a as usize;
        steps += 1;
    }
    i
}

/// Head nouns of descriptions that name a body, not a person.
const BODIES: &[&str] = &[
    "COURT",
    "GOVERNMENT",
    "MINISTRY",
    "PARLIAMENT",
    "POLICE",
    "ARMY",
    "MILITARY",
    "ADMINISTRATION",
    "CONGRESS",
    "SENATE",
    "HOUSE",
    "COMMITTEE",
    "COUNCIL",
    "COMMISSION",
    "AGENCY",
    "DEPARTMENT",
    "PARTY",
    "OPPOSITION",
    "BOARD",
    "ASSEMBLY",
    "CABINET",
    "REGIME",
    "COALITION",
    "UNION",
    "COMPANY",
    "GROUP",
    "OFFICE",
    "EMBASSY",
    "LEGISLATURE",
    "JUDICIARY",
    "NAVY",
    "GOP",
    "CITY",
    "STATE",
    "COUNTRY",
    "NATION",
];

/// Courtesy titles written before a surname.
const HONORIFICS: &[&str] = &["MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "MISS"];

/// Resolves the mention over tokens `[start, end)` to the index (in
/// `doc.actors`) of the person it refers to, looking only at actors that
/// start before `start`:
///
/// - a pronoun (`he`, `she`, `his`) → the most recent person;
/// - a surname or the tail of a name (`Di Maio`, `Cavusoglu`) → the most
///   recent person whose name ends with those words;
/// - a description with a role (`the minister`, `the general`) → the most
///   recent person (roles are not compared: wire stories rarely introduce
///   two ministers in a row and a wrong guess here is cheap to inspect);
/// - a span that is itself an already resolved actor → that actor.
///
/// Returns the first mention of the person (following antecedents).
/// Callers: the actor stage (while filling `doc.actors`, so only earlier
/// mentions are visible) and the quotes stage (after it, to name a
/// speaker).
pub fn resolve_person(doc: &Doc, start: usize, end: usize) -> Option<u32> {
    if start >= end || end > doc.tokens.len() {
        return None;
    }
    if let Some(i) = doc
        .actors
        .iter()
        .position(|a| a.span.token_start as usize == start && a.span.token_end as usize == end)
    {
        if is_person(doc, i) {
            return Some(root(doc, i) as u32);
        }
    }
    let before = |i: &usize| (doc.actors[*i].span.token_end as usize) <= start;
    let persons = || {
        (0..doc.actors.len())
            .rev()
            .filter(before)
            .filter(|&i| is_person(doc, i))
    };
    let words: Vec<String> = (start..end)
        .map(|i| norm_word(doc.token_text(i)))
        // Honorifics are not part of the name ("Mr Brown" is Gordon Brown).
        .filter(|w| w != "THE" && w != "'S" && !HONORIFICS.contains(&w.as_str()))
        .collect();
    if words.is_empty() {
        return None;
    }
    if words.len() == 1 && PRONOUNS.contains(&words[0].as_str()) {
        return persons().next().map(|i| root(doc, i) as u32);
    }
    // Name tails: compare with the words of the person's name.
    for i in persons() {
        let Some(name) = doc.actors[i].name.as_deref() else {
            continue;
        };
        let nw: Vec<String> = name
            .split(|c: char| c.is_whitespace() || c == '_')
            .filter(|w| !w.is_empty())
            .map(norm_word)
            .collect();
        let tail: Vec<&String> = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
            .collect();
        if !tail.is_empty()
            && nw.len() >= tail.len()
            && nw[nw.len() - tail.len()..].iter().eq(tail.iter().copied())
        {
            return Some(root(doc, i) as u32);
        }
    }
    let first = doc.token_text(start);
    let last = norm_word(doc.token_text(end - 1));
    // "the minister" is a person; "the court", "the ministry" and "the
    // protesters" are bodies and groups, not a person named earlier.
    let body = BODIES.contains(&last.as_str()) || (last.len() > 3 && last.ends_with('S'));
    let is_description = norm_word(first) == "THE" && end - start <= 3 && !body;
    if is_description {
        return persons().next().map(|i| root(doc, i) as u32);
    }
    None
}
