//! A read-only view of one parsed sentence: children lists and subtree
//! extents over the absolute `Token::head` indices the parser writes.

use annalist_doc::Doc;

/// The dependency tree of one sentence of a [`Doc`].
///
/// Token indices are absolute (into `Doc::tokens`), like `Token::head`.
/// Heads that point outside the sentence (possible only in hand-edited
/// documents) are treated as roots so that no lookup can go out of range.
#[derive(Debug, Clone)]
pub struct Tree<'a> {
    doc: &'a Doc,
    start: usize,
    end: usize,
    heads: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    /// Builds the tree of sentence `sentence`; `None` when there is no such
    /// sentence.
    pub fn new(doc: &'a Doc, sentence: usize) -> Option<Self> {
        let span = doc.sentences.get(sentence)?;
        let start = span.token_start as usize;
        let end = (span.token_end as usize).min(doc.tokens.len());
        let start = start.min(end);
        let n = end - start;
        let mut heads = vec![None; n];
        let mut children = vec![Vec::new(); n];
        for i in start..end {
            let h = doc.tokens[i].head.map(|h| h as usize);
            if let Some(h) = h.filter(|&h| h >= start && h < end && h != i) {
                heads[i - start] = Some(h);
                children[h - start].push(i);
            }
        }
        let mut tree = Tree {
            doc,
            start,
            end,
            heads,
            children,
        };
        tree.break_cycles();
        Some(tree)
    }

    /// A cycle would make subtree walks loop; cut each one at its first
    /// token (hand-edited input only: the parser always writes trees).
    fn break_cycles(&mut self) {
        let n = self.heads.len();
        for s in 0..n {
            let mut seen = 0;
            let mut cur = s;
            while let Some(h) = self.heads[cur] {
                cur = h - self.start;
                seen += 1;
                if seen > n {
                    let i = s + self.start;
                    if let Some(h) = self.heads[s].take() {
                        self.children[h - self.start].retain(|&c| c != i);
                    }
                    break;
                }
            }
        }
    }

    /// The document the tree belongs to.
    pub fn doc(&self) -> &'a Doc {
        self.doc
    }

    /// Token range of the sentence.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// True when `i` is a token of this sentence.
    pub fn contains(&self, i: usize) -> bool {
        i >= self.start && i < self.end
    }

    /// Head of token `i` (`None` for roots and tokens outside the sentence).
    pub fn head(&self, i: usize) -> Option<usize> {
        if self.contains(i) {
            self.heads[i - self.start]
        } else {
            None
        }
    }

    /// Dependents of `i`, left to right.
    pub fn children(&self, i: usize) -> &[usize] {
        if self.contains(i) {
            &self.children[i - self.start]
        } else {
            &[]
        }
    }

    /// Relation of `i` to its head (`""` when unparsed).
    pub fn dep(&self, i: usize) -> &'a str {
        self.doc
            .tokens
            .get(i)
            .and_then(|t| t.dep.as_deref())
            .unwrap_or("")
    }

    /// Universal POS tag of `i` (`""` when untagged).
    pub fn pos(&self, i: usize) -> &'a str {
        self.doc
            .tokens
            .get(i)
            .and_then(|t| t.pos.as_deref())
            .unwrap_or("")
    }

    /// Lower-cased lemma of `i`, falling back to the lower-cased form.
    pub fn lemma(&self, i: usize) -> String {
        match self.doc.tokens.get(i) {
            Some(t) => match &t.lemma {
                Some(l) => l.to_lowercase(),
                None => self
                    .doc
                    .text
                    .get(t.offsets.range())
                    .unwrap_or("")
                    .to_lowercase(),
            },
            None => String::new(),
        }
    }

    /// Dependents of `i` whose relation is `rel` or a subtype of it
    /// (`nsubj` matches `nsubj:pass`).
    pub fn children_with<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children(i)
            .iter()
            .copied()
            .filter(move |&c| rel_is(self.dep(c), rel))
    }

    /// Root tokens of the sentence (one in a well-formed parse).
    pub fn roots(&self) -> Vec<usize> {
        (self.start..self.end)
            .filter(|&i| self.heads[i - self.start].is_none())
            .collect()
    }

    /// Half-open token range `[first, last + 1)` covered by the subtree of
    /// `i` (projective parses make it contiguous).
    pub fn subtree(&self, i: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        while let Some(t) = stack.pop() {
            lo = lo.min(t);
            hi = hi.max(t);
            stack.extend_from_slice(self.children(t));
        }
        (lo, hi + 1)
    }
}

/// True when relation `dep` is `rel` or one of its subtypes.
pub fn rel_is(dep: &str, rel: &str) -> bool {
    dep == rel
        || (dep.len() > rel.len() && dep.starts_with(rel) && dep.as_bytes()[rel.len()] == b':')
}
