//! Rule-based sentence splitting over the tokens of one paragraph.
//!
//! A sentence ends at terminal punctuation (`.`, `!`, `?`, `…`), after any
//! closing quotes or brackets that follow it, when the next token could start
//! a sentence. Quotation-aware: `"All interference must cease", he said.` is
//! one sentence and `"… is needed." Borrell said` is two. Abbreviations keep
//! the sentence going unless the next word is a typical sentence opener.

use crate::words::is_abbreviation;

/// Titles, initials and months: an abbreviation of this kind never ends a
/// sentence, whatever follows.
#[rustfmt::skip]
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm",
    "cmdr", "sen", "rep", "gov", "pres", "rev", "st", "hon", "msgr", "fr", "supt", "det", "insp",
    "atty", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vs", "mt", "ft", "fig", "vol", "pp", "e.g", "i.e", "cf",
];

/// Capitalised words that typically open a sentence; after an abbreviation
/// such as `U.S.` or `Inc.` one of these signals a boundary.
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "The", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "A", "An", "This",
    "That", "These", "Those", "There", "His", "Her", "Their", "Its", "Our", "My", "On", "At", "For",
    "As", "If", "When", "While", "After", "Before", "Meanwhile", "However", "Some", "Many",
    "Officials", "Earlier", "Later", "Last", "Now", "Then", "So", "Yet", "Also", "What", "Why",
    "How", "Where", "Who", "Since", "Although", "Though", "One", "Two", "Three", "According",
];

fn is_terminal(tok: &str) -> bool {
    !tok.is_empty()
        && tok
            .chars()
            .all(|c| matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇'))
}

fn is_closer(tok: &str) -> bool {
    matches!(
        tok,
        "\"" | "”" | "’" | "'" | "»" | "›" | ")" | "]" | "}" | "''"
    )
}

fn can_start(tok: &str) -> bool {
    let c = tok.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '“' | '‘' | '\'' | '«' | '(' | '[' | '-' | '—' | '–' | '*' | '•' | '#' | '@'
        )
        || !c.is_alphabetic() && !c.is_ascii_punctuation() && !c.is_numeric()
}

/// Returns, for the tokens `spans` of one paragraph of `text`, the index
/// (exclusive) at which each sentence ends. The last entry is `spans.len()`.
/// `forced` holds token indices after which a sentence must end (the end of
/// a dateline).
pub fn sentence_ends(text: &str, spans: &[(usize, usize)], forced: &[usize]) -> Vec<usize> {
    let mut ends = Vec::new();
    let n = spans.len();
    let tok = |i: usize| &text[spans[i].0..spans[i].1];
    let mut i = 0;
    while i < n {
        if forced.contains(&(i + 1)) && i + 1 < n {
            ends.push(i + 1);
            i += 1;
            continue;
        }
        let t = tok(i);
        let abbrev_end = t.len() > 1 && t.ends_with('.') && is_abbreviation(&t[..t.len() - 1]);
        if !is_terminal(t) && !abbrev_end {
            i += 1;
            continue;
        }
        // Absorb closing quotes/brackets that hug the terminal punctuation.
        let mut j = i + 1;
        while j < n && is_closer(tok(j)) && spans[j].0 == spans[j - 1].1 {
            j += 1;
        }
        if j >= n {
            break;
        }
        let next = tok(j);
        let boundary = if abbrev_end {
            let word = t[..t.len() - 1].to_ascii_lowercase();
            let initial = word.chars().count() == 1;
            !initial && !NEVER_FINAL.contains(&word.as_str()) && OPENERS.contains(&next)
        } else if t.chars().all(|c| c == '.') && t.len() >= 2 {
            // Ellipsis: a boundary only before a capitalised word.
            next.chars().next().is_some_and(char::is_uppercase)
        } else {
            can_start(next)
        };
        if boundary {
            ends.push(j);
        }
        i = j;
    }
    ends.push(n);
    ends.dedup();
    ends
}
