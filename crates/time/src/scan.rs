//! A single left-to-right pass that cuts the text into words, numbers and
//! punctuation for the time grammar. It is independent of the pipeline's
//! tokenizer so that gold TimeML text (which has no tokens) is read exactly
//! as a story is, and so that month abbreviations keep their period.

/// What a scanned token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (possibly with an apostrophe-s folded off: not included).
    Word,
    /// ASCII digits (commas between digit groups included).
    Num,
    /// Any other single character that is not whitespace.
    Punct,
}

/// One scanned token.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// First byte in the text.
    pub start: usize,
    /// One past the last byte (includes an abbreviation's period).
    pub end: usize,
    /// Range of the lower-cased form in [`Scan::lower`] (period dropped).
    pub lo: (usize, usize),
    /// Word, number or punctuation.
    pub kind: Kind,
    /// Whitespace (or the text start) precedes the token.
    pub space_before: bool,
    /// A blank line (paragraph break) precedes the token.
    pub para_before: bool,
}

/// The scanned text.
pub struct Scan<'t> {
    /// The original text.
    pub text: &'t str,
    /// Lower-cased token forms, concatenated.
    pub lower: String,
    /// Tokens in order.
    pub toks: Vec<Tok>,
    /// Penn Treebank tag of each token, when the tagger has run and the
    /// pipeline's token starts at the same byte (empty otherwise).
    pub tags: Vec<Option<&'t str>>,
}

/// Abbreviations whose trailing period belongs to the time expression.
fn keeps_period(w: &str) -> bool {
    matches!(
        w,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "jun"
            | "jul"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "yr"
            | "yrs"
            | "hr"
            | "hrs"
            | "min"
            | "mins"
            | "sec"
            | "secs"
            | "mo"
            | "mos"
            | "wk"
            | "wks"
            | "st"
            | "mt"
    )
}

impl<'t> Scan<'t> {
    /// Scans `text` in one pass.
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut lower = String::with_capacity(text.len() / 2);
        let mut toks = Vec::with_capacity(text.len() / 5);
        let mut i = 0;
        let mut space_before = true;
        let mut newlines = 2;
        while i < text.len() {
            let c = if bytes[i] < 0x80 {
                bytes[i] as char
            } else {
                match text[i..].chars().next() {
                    Some(c) => c,
                    None => break,
                }
            };
            let cl = c.len_utf8();
            if c.is_whitespace() {
                if c == '\n' {
                    newlines += 1;
                }
                space_before = true;
                i += cl;
                continue;
            }
            let para_before = newlines >= 2;
            newlines = 0;
            let start = i;
            let lo_start = lower.len();
            let kind;
            if c.is_ascii_digit() {
                kind = Kind::Num;
                let mut j = i;
                while j < bytes.len() {
                    if bytes[j].is_ascii_digit() {
                        j += 1;
                    } else if bytes[j] == b','
                        && j + 3 < bytes.len() + 1
                        && bytes
                            .get(j + 1..j + 4)
                            .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                        && !bytes.get(j + 4).is_some_and(u8::is_ascii_digit)
                    {
                        j += 4;
                    } else {
                        break;
                    }
                }
                for &b in &bytes[i..j] {
                    if b != b',' {
                        lower.push(b as char);
                    }
                }
                i = j;
            } else if c.is_alphabetic() {
                kind = Kind::Word;
                // "a.m." and "p.m." are one token.
                let lc = c.to_ascii_lowercase();
                if (lc == 'a' || lc == 'p')
                    && bytes.len() >= i + 3
                    && bytes[i + 1] == b'.'
                    && (bytes[i + 2] | 0x20) == b'm'
                    && !bytes.get(i + 3).is_some_and(|b| b.is_ascii_alphanumeric())
                {
                    lower.push(lc);
                    lower.push('m');
                    i += 3;
                    if bytes.get(i) == Some(&b'.') {
                        i += 1;
                    }
                } else {
                    let mut j = i;
                    // ASCII fast path; fall back to full Unicode below.
                    while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                        lower.push(bytes[j].to_ascii_lowercase() as char);
                        j += 1;
                    }
                    let ascii_end = j < bytes.len() && bytes[j].is_ascii();
                    for ch in text[j..].chars().take_while(|_| !ascii_end) {
                        if ch.is_alphabetic() {
                            j += ch.len_utf8();
                            for l in ch.to_lowercase() {
                                lower.push(l);
                            }
                        } else {
                            break;
                        }
                    }
                    i = j;
                    if bytes.get(i) == Some(&b'.') && keeps_period(&lower[lo_start..]) {
                        i += 1;
                    }
                }
            } else {
                kind = Kind::Punct;
                for l in c.to_lowercase() {
                    lower.push(l);
                }
                i += cl;
            }
            toks.push(Tok {
                start,
                end: i,
                lo: (lo_start, lower.len()),
                kind,
                space_before,
                para_before,
            });
            space_before = false;
        }
        Scan {
            text,
            lower,
            toks,
            tags: Vec::new(),
        }
    }

    /// Attaches tagger output: `(start byte, tag)` of the pipeline's
    /// tokens, in text order. One merge pass.
    pub fn set_tags(&mut self, tagged: impl IntoIterator<Item = (usize, &'t str)>) {
        let mut tags = vec![None; self.toks.len()];
        let mut k = 0;
        for (start, tag) in tagged {
            while k < self.toks.len() && self.toks[k].start < start {
                k += 1;
            }
            if k < self.toks.len() && self.toks[k].start == start {
                tags[k] = Some(tag);
            }
        }
        self.tags = tags;
    }

    /// The tagger's tag of token `i`, if known.
    pub fn tag(&self, i: usize) -> Option<&'t str> {
        self.tags.get(i).copied().flatten()
    }

    /// Lower-cased form of token `i` (empty past the end).
    pub fn lo(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.lo.0..t.lo.1],
            None => "",
        }
    }

    /// Kind of token `i`, if it exists.
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// True when token `i` exists and is glued to the one before it.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// The original text of token `i`.
    pub fn raw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.start..t.end],
            None => "",
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_abbreviations_and_numbers() {
        let s = Scan::new("On Jan. 7, 2,000 people met at 10 a.m. Tuesday.");
        let forms: Vec<&str> = (0..s.len()).map(|i| s.lo(i)).collect();
        assert_eq!(
            forms,
            ["on", "jan", "7", ",", "2000", "people", "met", "at", "10", "am", "tuesday", "."]
        );
        assert_eq!(s.raw(1), "Jan.");
    }
}
