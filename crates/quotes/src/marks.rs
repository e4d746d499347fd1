//! Quotation-mark pairing over the token stream.
//!
//! Wire style opens a quote that runs over several paragraphs with a mark at
//! the start of each paragraph and closes it only at the end of the last, so
//! an unclosed quote ends with its paragraph instead of swallowing the story.

use annalist_doc::Doc;

/// What kind of quotation mark a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Opens a quote (`“`, `«`, `„`).
    Open,
    /// Closes a quote (`”`, `»`).
    Close,
    /// Straight `"`: opens or closes depending on what is open.
    Either,
}

/// Classifies a token as a double quotation mark. Single quotes are ignored:
/// `’` is far more often an apostrophe or a nested quote than a quote of its
/// own in news.
pub fn mark_of(token: &str) -> Option<Mark> {
    match token {
        "“" | "«" | "„" | "``" => Some(Mark::Open),
        "”" | "»" | "''" => Some(Mark::Close),
        "\"" => Some(Mark::Either),
        _ => None,
    }
}

/// A quoted stretch of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// Token index of the opening mark.
    pub open: usize,
    /// One past the last token inside the quote (the closing mark's index,
    /// or the paragraph end when the quote is left open).
    pub end: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
}

impl Region {
    /// Token range strictly inside the marks.
    pub fn inner(&self) -> std::ops::Range<usize> {
        self.open + 1..self.end
    }
}

/// Quoted regions of the document and, for each token, whether it lies
/// inside a quote (marks excluded).
#[derive(Debug, Clone, Default)]
pub struct Quoting {
    /// Regions in text order.
    pub regions: Vec<Region>,
    /// `inside[i]` is true when token `i` lies between marks.
    pub inside: Vec<bool>,
}

/// Pairs the double quotation marks of `doc` paragraph by paragraph.
pub fn pair(doc: &Doc) -> Quoting {
    let n = doc.tokens.len();
    let mut q = Quoting {
        regions: Vec::new(),
        inside: vec![false; n],
    };
    for (a, b) in units(doc) {
        let mut open: Option<usize> = None;
        for i in a..b {
            let Some(mut m) = mark_of(doc.token_text(i)) else {
                continue;
            };
            // “It's unusual,“ said …: an opening mark glued to the word
            // before it and followed by a space closes the open quote.
            let glued = i > a && !doc.tokens[i - 1].ws && (doc.tokens[i].ws || i + 1 == b);
            if m == Mark::Open && open.is_some() && glued {
                m = Mark::Close;
            }
            match (m, open) {
                (Mark::Open, None) | (Mark::Either, None) => open = Some(i),
                (Mark::Close, Some(o)) | (Mark::Either, Some(o)) => {
                    q.regions.push(Region {
                        open: o,
                        end: i,
                        closed: true,
                    });
                    open = None;
                }
                // A second opening mark without a close: the writer forgot
                // one; restart the quote here rather than nest.
                (Mark::Open, Some(o)) => {
                    q.regions.push(Region {
                        open: o,
                        end: i,
                        closed: false,
                    });
                    open = Some(i);
                }
                // A stray closing mark: nothing to close.
                (Mark::Close, None) => {}
            }
        }
        if let Some(o) = open {
            q.regions.push(Region {
                open: o,
                end: b,
                closed: false,
            });
        }
    }
    for r in &q.regions {
        for i in r.inner() {
            if let Some(x) = q.inside.get_mut(i) {
                *x = true;
            }
        }
    }
    q
}

/// Token ranges of the paragraphs (or the whole text when the tokenizer
/// recorded none).
pub fn units(doc: &Doc) -> Vec<(usize, usize)> {
    let n = doc.tokens.len();
    let mut out: Vec<(usize, usize)> = doc
        .paragraphs
        .iter()
        .map(|p| (p.token_start as usize, (p.token_end as usize).min(n)))
        .filter(|(a, b)| a < b)
        .collect();
    if out.is_empty() && n > 0 {
        out.push((0, n));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_mark_glued_to_a_word_closes_the_quote() {
        let mut d = Doc::new("t", "“It's unusual,“ said Larry Noble. “It is hard.”\n");
        annalist_tokenizer::analyze(&mut d);
        let q = pair(&d);
        assert_eq!(q.regions.len(), 2, "{:?}", q.regions);
        assert!(q.regions.iter().all(|r| r.closed));
        let said = (0..d.tokens.len())
            .find(|&i| d.token_text(i) == "said")
            .expect("said is a token");
        assert!(!q.inside[said]);
    }
}
