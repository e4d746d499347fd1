//! Word tokenization: Penn-Treebank-style tokens with exact byte offsets,
//! following the conventions of UD English-EWT (clitics and hyphens split,
//! abbreviations and numbers kept whole).
//!
//! Text is first cut at whitespace; each chunk is then peeled from both ends
//! (opening quotes and brackets, closing punctuation, clitics) and its middle
//! split at separating punctuation. Non-ASCII chunks are walked by grapheme
//! cluster (unicode-segmentation) so combining marks never become tokens.

use unicode_segmentation::UnicodeSegmentation;

/// Appends the byte spans of the tokens in `text[start..end]` to `out`.
pub fn tokenize_range(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let region = &text[start..end];
    let mut chunk_start: Option<usize> = None;
    for (i, c) in region.char_indices() {
        if c.is_whitespace() || is_invisible(c) {
            if let Some(s) = chunk_start.take() {
                split_chunk(&region[s..i], start + s, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(&region[s..], start + s, out);
    }
}

/// Zero-width and formatting characters that separate like spaces.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{feff}' | '\u{2060}' | '\u{00ad}')
}

const OPENERS: &[char] = &[
    '"', '\'', '“', '‘', '«', '‹', '(', '[', '{', '¿', '¡', '`', '„',
];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', '›', ')', ']', '}'];
const CURRENCY: &[char] = &['$', '£', '€', '¥', '₹'];

fn split_chunk(chunk: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    if chunk.len() == 1 {
        out.push((base, base + 1));
        return;
    }
    // Peel the front.
    let mut s = 0;
    let mut e = chunk.len();
    while s < e {
        let rest = &chunk[s..e];
        let c = rest.chars().next().unwrap_or(' ');
        let keep_apostrophe =
            (c == '\'' || c == '’') && is_elided_year_or_word(&rest[c.len_utf8()..]);
        if (OPENERS.contains(&c) && !keep_apostrophe && rest.len() > c.len_utf8())
            || (CURRENCY.contains(&c) && rest.len() > c.len_utf8())
        {
            let n = if rest.starts_with("``") {
                2
            } else {
                c.len_utf8()
            };
            out.push((base + s, base + s + n));
            s += n;
        } else {
            break;
        }
    }
    // Peel the back into `tail` (reversed order). A fixed array: this runs
    // for every chunk and a heap allocation here dominated the profile.
    let mut tail = [(0usize, 0usize); 8];
    let mut n_tail = 0;
    while s < e && n_tail < tail.len() {
        let rest = &chunk[s..e];
        if let Some(n) = trailing_piece(rest) {
            tail[n_tail] = (base + e - n, base + e);
            n_tail += 1;
            e -= n;
        } else {
            break;
        }
    }
    if s < e {
        let core = &chunk[s..e];
        if looks_like_url_or_email(core) {
            out.push((base + s, base + e));
        } else {
            split_middle(core, base + s, out);
        }
    }
    out.extend(tail[..n_tail].iter().rev());
}

/// `'90s`, `'em`, `'til`: an apostrophe that belongs to the word after it.
fn is_elided_year_or_word(after: &str) -> bool {
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 2 {
        return true;
    }
    let lower = after.to_ascii_lowercase();
    let word = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    matches!(word, "em" | "til" | "tis" | "twas" | "cause" | "n")
}

/// Length in bytes of the piece to peel off the end of `rest`, if any.
fn trailing_piece(rest: &str) -> Option<usize> {
    let last = rest.chars().next_back()?;
    if rest.len() == last.len_utf8() {
        return None;
    }
    if rest.ends_with("...") || rest.ends_with('…') {
        let dots = if last == '…' {
            rest.len() - rest.trim_end_matches('…').len()
        } else {
            rest.len() - rest.trim_end_matches('.').len()
        };
        return (dots < rest.len()).then_some(dots);
    }
    if CLOSERS.contains(&last) {
        // A closing apostrophe after a word is a possessive or a quote; both
        // are separate tokens in EWT, except in elided forms like "goin'".
        return Some(last.len_utf8());
    }
    if matches!(last, '!' | '?') {
        let run = rest.len() - rest.trim_end_matches(['!', '?']).len();
        return (run < rest.len()).then_some(run);
    }
    if matches!(last, ',' | ';' | ':' | '%' | '‰' | '*') {
        let run = rest.len() - rest.trim_end_matches(last).len();
        return (run < rest.len()).then_some(run);
    }
    if last == '.' {
        let word = &rest[..rest.len() - 1];
        if word.ends_with('.') {
            // "..": treat as punctuation run.
            let run = rest.len() - rest.trim_end_matches('.').len();
            return (run < rest.len()).then_some(run);
        }
        if is_abbreviation(word) {
            return None;
        }
        return Some(1);
    }
    if last == '-' || last == '—' || last == '–' {
        let run = rest.len() - rest.trim_end_matches(['-', '—', '–']).len();
        return (run < rest.len()).then_some(run);
    }
    clitic_len(rest)
}

/// Length of a clitic at the end of `word` (`n't`, `'s`, `'ll` …), if any.
fn clitic_len(word: &str) -> Option<usize> {
    if !word.contains(['\'', '’']) {
        // Only the apostrophe-less contractions remain possible.
        return match word.len() {
            6 if word.eq_ignore_ascii_case("cannot") => Some(3),
            5 if ["gonna", "wanna", "gotta"]
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w)) =>
            {
                Some(2)
            }
            _ => None,
        };
    }
    // Normalise the last four characters (curly apostrophe → straight,
    // ASCII lower case) into a stack buffer.
    let mut tail = [0u8; 4];
    let mut n = 0;
    for c in word.chars().rev().take(4) {
        let b = match c {
            '’' => b'\'',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => 0,
        };
        tail[3 - n] = b;
        n += 1;
    }
    let last = &tail[4 - n..];
    // Byte length of the last `k` characters, and whether an alphanumeric
    // character precedes them.
    let split = |k: usize| -> Option<usize> {
        let (i, _) = word.char_indices().rev().nth(k - 1)?;
        let before = word[..i].chars().next_back()?;
        before.is_alphanumeric().then_some(word.len() - i)
    };
    if last.ends_with(b"n't") {
        return split(3);
    }
    if last.ends_with(b"'ll") || last.ends_with(b"'re") || last.ends_with(b"'ve") {
        return split(3);
    }
    if last.ends_with(b"'s") || last.ends_with(b"'d") || last.ends_with(b"'m") {
        return split(2);
    }
    None
}

/// Titles, months, company suffixes and other words that keep their period.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm",
    "cmdr", "sen", "rep", "gov", "pres", "rev", "st", "jr", "sr", "inc", "ltd", "co", "corp", "bros",
    "plc", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "mt", "ft", "ave",
    "blvd", "dept", "univ", "approx", "est", "fig", "al", "cf", "hon", "no", "nos", "vol", "pp",
    "ch", "sec", "msgr", "fr", "supt", "det", "insp", "atty", "mass", "calif", "fla", "ariz",
    "conn", "ill", "kan", "ky", "md", "mich", "minn", "miss", "mo", "neb", "nev", "okla", "ore",
    "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "colo", "del", "ga", "ind", "ala",
];

/// Lower-case words in [`ABBREVIATIONS`] that are ordinary words too; they
/// keep their period only when capitalised (`No. 10`, `Mass.`).
#[rustfmt::skip]
const CAPITALISED_ONLY: &[&str] = &[
    "no", "mass", "ill", "miss", "mo", "wash", "ore", "del", "ind", "sun", "sat", "mar", "al",
    "pa", "co", "st", "est", "ch", "sec", "fig", "fr", "det", "ala", "va", "ga", "md", "ky",
];

/// True when `word` (without its final period) is an abbreviation that keeps
/// the period: a listed abbreviation, an initial (`J`), or letters separated
/// by periods (`U.S`, `e.g`, `J.R.R`).
pub fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return false;
    };
    if second.is_none() {
        return first.is_alphabetic();
    }
    let n = word.len();
    if word.contains('.') {
        return word.split('.').all(|p| {
            !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic)
        });
    }
    if n > 6 || !word.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 6];
    buf[..word.len()].copy_from_slice(word.as_bytes());
    buf.make_ascii_lowercase();
    let lower = std::str::from_utf8(&buf[..word.len()]).unwrap_or("");
    if !ABBREVIATIONS.contains(&lower) {
        return false;
    }
    let capitalised = word.as_bytes()[0].is_ascii_uppercase();
    capitalised || !CAPITALISED_ONLY.contains(&lower)
}

fn looks_like_url_or_email(core: &str) -> bool {
    let lower = core.get(..8).unwrap_or(core).to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.starts_with("ftp://")
    {
        return true;
    }
    if let Some(at) = core.find('@') {
        let (local, domain) = (&core[..at], &core[at + 1..]);
        return !local.is_empty()
            && domain.contains('.')
            && !domain.ends_with('.')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    }
    false
}

/// Word prefixes that keep their hyphen in EWT (`e-mail`, `non-profit`).
#[rustfmt::skip]
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "pre", "post", "co", "re", "mid", "semi", "pro", "anti", "multi", "ex", "inter",
    "sub", "super", "counter", "ultra", "de", "un", "bi", "tri", "neo", "quasi", "cyber", "mis",
    "over", "under", "micro", "macro", "mini", "vice",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Digit,
    Punct(char),
}

fn class_of(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Digit
    } else if c.is_alphanumeric() || c == '_' || (!c.is_ascii() && !is_unicode_punct(c)) {
        Class::Word
    } else {
        Class::Punct(c)
    }
}

fn is_unicode_punct(c: char) -> bool {
    matches!(c,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' | '«' | '»' | '¿' | '¡' | '§' | '¶'
        | '·' | '×' | '÷' | '°' | '€' | '£' | '¥' | '¢' | '₹' | '©' | '®' | '™' | '\u{3000}'..='\u{303f}'
        | '\u{2190}'..='\u{21ff}' | '\u{2200}'..='\u{22ff}' | '\u{25a0}'..='\u{27bf}')
}

/// Splits the inner part of a chunk at separating punctuation.
fn split_middle(core: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    // Most chunks are plain words: nothing to split.
    if core.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push((base, base + core.len()));
        return;
    }
    thread_local! {
        static UNITS: std::cell::RefCell<Vec<(usize, char)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    UNITS.with(|u| {
        let mut units = u.borrow_mut();
        units.clear();
        // Units are grapheme clusters (chars for ASCII): (byte offset, first char).
        if core.is_ascii() {
            units.extend(core.bytes().enumerate().map(|(i, b)| (i, b as char)));
        } else {
            units.extend(
                core.grapheme_indices(true)
                    .map(|(i, g)| (i, g.chars().next().unwrap_or(' '))),
            );
        }
        split_units(core, &units, base, out);
    });
}

/// Splits `core`, already cut into `units`, at separating punctuation.
fn split_units(core: &str, units: &[(usize, char)], base: usize, out: &mut Vec<(usize, usize)>) {
    let n = units.len();
    let end_of = |k: usize| {
        if k + 1 < n {
            units[k + 1].0
        } else {
            core.len()
        }
    };
    let mut tok_start = 0usize; // byte offset of the current word piece
    let mut k = 0;
    while k < n {
        let (off, c) = units[k];
        let cls = class_of(c);
        let Class::Punct(p) = cls else {
            k += 1;
            continue;
        };
        let prev = (k > 0).then(|| class_of(units[k - 1].1));
        let next = (k + 1 < n).then(|| class_of(units[k + 1].1));
        let alnum = |c: Option<Class>| matches!(c, Some(Class::Word) | Some(Class::Digit));
        let digit = |c: Option<Class>| matches!(c, Some(Class::Digit));
        let joins = match p {
            // A final period reaching here was kept by `trailing_piece` as part
            // of an abbreviation.
            '.' => alnum(prev) && (alnum(next) || next.is_none()),
            ',' | ':' => digit(prev) && digit(next),
            '/' => digit(prev) && digit(next),
            '\'' | '’' => alnum(prev) && matches!(next, Some(Class::Word)),
            '-' => {
                (digit(prev) && digit(next))
                    || (alnum(prev) && alnum(next) && {
                        let piece = &core[tok_start..off];
                        let lower = piece.to_ascii_lowercase();
                        HYPHEN_PREFIXES.contains(&lower.as_str())
                    })
            }
            '&' => {
                k > 0 && units[k - 1].1.is_uppercase() && k + 1 < n && units[k + 1].1.is_uppercase()
            }
            '@' | '#' => alnum(next) && !alnum(prev),
            _ => false,
        };
        if joins {
            k += 1;
            continue;
        }
        if tok_start < off {
            out.push((base + tok_start, base + off));
        }
        // Group a run of the same punctuation character ("--", "!!", "...").
        let mut j = k;
        while j + 1 < n && units[j + 1].1 == p {
            j += 1;
        }
        out.push((base + off, base + end_of(j)));
        k = j + 1;
        tok_start = if k < n { units[k].0 } else { core.len() };
    }
    if tok_start < core.len() {
        out.push((base + tok_start, base + core.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize_range(s, 0, s.len(), &mut out);
        out.iter().map(|&(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn clitics_and_quotes() {
        assert_eq!(toks("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(
            toks("\"All interference must cease\", he said."),
            [
                "\"",
                "All",
                "interference",
                "must",
                "cease",
                "\"",
                ",",
                "he",
                "said",
                "."
            ]
        );
        assert_eq!(
            toks("Turkey's intervention"),
            ["Turkey", "'s", "intervention"]
        );
        assert_eq!(
            toks("“Yes,” she said"),
            ["“", "Yes", ",", "”", "she", "said"]
        );
        assert_eq!(toks("«Non»"), ["«", "Non", "»"]);
    }

    #[test]
    fn numbers_abbreviations_and_names() {
        assert_eq!(
            toks("1,000 men, 3.5% or 50%"),
            ["1,000", "men", ",", "3.5", "%", "or", "50", "%"]
        );
        assert_eq!(
            toks("the U.S. and Gen. Haftar"),
            ["the", "U.S.", "and", "Gen.", "Haftar"]
        );
        assert_eq!(toks("J.R.R. Tolkien"), ["J.R.R.", "Tolkien"]);
        assert_eq!(toks("Mevlüt Çavuşoğlu."), ["Mevlüt", "Çavuşoğlu", "."]);
        assert_eq!(toks("$50 on Jan. 7"), ["$", "50", "on", "Jan.", "7"]);
    }

    #[test]
    fn hyphens_dashes_urls() {
        assert_eq!(toks("Tripoli-based"), ["Tripoli", "-", "based"]);
        assert_eq!(toks("e-mail"), ["e-mail"]);
        assert_eq!(toks("war—again"), ["war", "—", "again"]);
        assert_eq!(
            toks("see https://ansa.it/x?y=1."),
            ["see", "https://ansa.it/x?y=1", "."]
        );
        assert_eq!(
            toks("mail me@example.com,"),
            ["mail", "me@example.com", ","]
        );
        assert_eq!(toks("2020-01-07"), ["2020-01-07"]);
        assert_eq!(toks("wait..."), ["wait", "..."]);
    }
}
