//! Pass 2, patterns: the code a trigger's clause gives. Each dictionary
//! verb at the trigger tries the patterns of its block against the words
//! before and after it; the best match (or the block's default code) wins.
//! With the lexical rules, a support verb or a coarse code gives way to an
//! event noun object ("held talks", "imposed a curfew").

use super::rules::{PatternRule, Rule};
use super::{lemma_of, Coder, Sentence};
use crate::cameo::root;
use crate::clause::Clause;
use crate::verbs::{split_code, Elem, Pattern};
use annalist_doc::Doc;

/// Prepositions that a pattern word must find near the verb.
pub(super) const PATTERN_PREPS: &[&str] = &[
    "TO", "ON", "FOR", "WITH", "AGAINST", "AT", "IN", "INTO", "FROM", "OVER", "ABOUT", "BY",
    "UPON", "OF", "BETWEEN",
];

/// A token as patterns see it.
#[derive(Debug, Clone)]
struct Tok<'a> {
    form: &'a str,
    lemma: &'a str,
    actor: Option<u32>,
    depth: u8,
    /// Whether the token can be a preposition: a `case` marker, or any
    /// token of an unparsed sentence (not the infinitive "to").
    prep: bool,
}

/// Upper-case forms and lemmas of a sentence's tokens, made once for all
/// its verbs' patterns.
pub(super) struct Upper {
    start: usize,
    forms: Vec<String>,
    lemmas: Vec<String>,
}

impl Upper {
    pub(super) fn new(doc: &Doc, start: usize, end: usize) -> Self {
        let forms: Vec<String> = (start..end)
            .map(|i| doc.token_text(i).to_uppercase())
            .collect();
        let lemmas = (start..end)
            .map(|i| {
                doc.tokens[i]
                    .lemma
                    .as_deref()
                    .map(str::to_uppercase)
                    .unwrap_or_else(|| forms[i - start].clone())
            })
            .collect();
        Upper {
            start,
            forms,
            lemmas,
        }
    }
}

/// What the best pattern (or the block's default code) gave.
#[derive(Debug, Clone)]
pub(super) struct PatternHit {
    pub code: String,
    pub rule: Rule,
    /// The actor in the pattern's `+` slot.
    pub target: Option<u32>,
    /// The actor in the pattern's `$` slot.
    pub source: Option<u32>,
    pub score: usize,
}

/// What one pattern matched.
struct Match {
    code: String,
    target: Option<u32>,
    source: Option<u32>,
    score: usize,
}

impl Coder {
    /// The best pattern hit of the dictionary verbs at `v` against the
    /// clause's two sides, and how many tokens the verb's form spans;
    /// `None` when the token is no dictionary verb (a support verb).
    pub(super) fn best_pattern(
        &self,
        s: &Sentence,
        up: &Upper,
        v: usize,
        cl: Option<&Clause>,
        pre_idx: &[usize],
        post_idx: &[usize],
    ) -> Option<(PatternHit, usize)> {
        let cands = self.verbs_at(s.doc, v, s.end);
        // "The prisoners were released": a passive subject is what the
        // verb's object patterns describe.
        let passive = self.switches.lexical && cl.is_some_and(|c| c.passive);
        let joined: Vec<usize>;
        let (pat_pre, pat_post): (&[usize], &[usize]) = if passive {
            joined = pre_idx.iter().chain(post_idx).copied().collect();
            (&[], &joined)
        } else {
            (pre_idx, post_idx)
        };
        let pre = toks(s, up, pat_pre, v);
        let post = toks(s, up, pat_post, v);
        let mut best: Option<(PatternHit, usize)> = None;
        for &(vid, n) in &cands {
            let hit = self.verb_hit(vid, &pre, &post);
            let better = match &best {
                None => true,
                Some((b, bn)) => {
                    hit.score > b.score || (hit.score == b.score && n > *bn && hit.code != "---")
                }
            };
            if better {
                best = Some((hit, n));
            }
        }
        best
    }

    /// The best of verb `vid`'s block patterns, else its default code.
    fn verb_hit(&self, vid: usize, pre: &[Tok], post: &[Tok]) -> PatternHit {
        let block = &self.verbs.blocks[self.verbs.verbs[vid].block];
        let lemma = &self.verbs.verbs[vid].lemma;
        let verb_rule = |pattern| Rule::Verb {
            lemma: lemma.clone(),
            block: block.name.clone(),
            pattern,
        };
        let mut hit = PatternHit {
            code: self.verbs.verb_code(vid).to_string(),
            rule: verb_rule(None),
            target: None,
            source: None,
            score: 0,
        };
        let mut best_pattern: Option<&Pattern> = None;
        for p in &block.patterns {
            if self.switches.lexical && self.written_for_other(vid, &p.note, lemma) {
                continue;
            }
            if let Some(m) = self.match_pattern(p, pre, post) {
                // A pattern written twice with different codes
                // ("ORDER * &INVESTIGATION" 091 and 1014): the later
                // entry stands, as when PETRARCH reads its
                // dictionary into a tree.
                let rewritten = best_pattern
                    .is_some_and(|b| b.pre == p.pre && b.post == p.post && b.note == p.note)
                    && m.score == hit.score;
                if m.score > hit.score || rewritten {
                    best_pattern = Some(p);
                    hit = PatternHit {
                        code: m.code,
                        rule: verb_rule(Some(PatternRule {
                            pre: show(&p.pre),
                            post: show(&p.post),
                            code: p.code.clone(),
                        })),
                        target: m.target,
                        source: m.source,
                        score: m.score,
                    };
                }
            }
        }
        hit
    }

    /// A block's default code is a coarse guess, and support verbs have
    /// none: an event noun object says more ("held talks", "instituted a
    /// curfew" is not ENACT's 06x). Gives the `best` pattern hit (and the
    /// tokens of the verb's form), with the noun's code where there is one;
    /// `None` when the verb has no code at all.
    pub(super) fn with_event_noun(
        &self,
        s: &Sentence,
        v: usize,
        cl: Option<&Clause>,
        best: Option<(PatternHit, usize)>,
    ) -> Option<(PatternHit, usize)> {
        let (code, score) = best
            .as_ref()
            .map_or(("", 0), |(h, _)| (h.code.as_str(), h.score));
        let uncoded = split_code(code) == (None, None);
        let statement = split_code(code).0.is_some_and(|p| root(p) == "01");
        let default_only = score == 0;
        let ending =
            self.switches.lexical && cl.is_some_and(|c| crate::nouns::has_nominal_ending(s.doc, c));
        if !(uncoded || statement || default_only || ending) {
            return best;
        }
        // "held talks", "imposed a curfew", "declared a state of
        // emergency": the object names the event.
        match cl
            .filter(|_| self.switches.lexical)
            .and_then(|c| crate::nouns::noun_code(s.doc, s.start, s.end, c))
        {
            Some((code, noun)) => {
                let rule = Rule::EventNoun {
                    verb: lemma_of(s.doc, v),
                    noun,
                    code: code.clone(),
                };
                Some(match best {
                    Some((hit, n)) => (PatternHit { code, rule, ..hit }, n),
                    None => {
                        let hit = PatternHit {
                            code,
                            rule,
                            target: None,
                            source: None,
                            score: 0,
                        };
                        (hit, 1)
                    }
                })
            }
            None if uncoded => None,
            None => best,
        }
    }

    /// Whether a block pattern was written for another verb of the block:
    /// CAMEO.2.0 notes the verb a pattern came from ("- * AREA [192] #
    /// TAKE"), and "took the area" is not "arrested … in the area".
    fn written_for_other(&self, vid: usize, note: &str, lemma: &str) -> bool {
        let note = note.split(':').next().unwrap_or("").trim();
        if note.is_empty() || note.eq_ignore_ascii_case(lemma) {
            return false;
        }
        let block = self.verbs.verbs[vid].block;
        self.block_lemmas
            .get(block)
            .is_some_and(|ls| ls.iter().any(|l| l.eq_ignore_ascii_case(note)))
    }

    fn match_pattern(&self, p: &Pattern, pre: &[Tok], post: &[Tok]) -> Option<Match> {
        let (s1, e1, src, _) = self.match_side(&p.pre, pre)?;
        let (s2, e2, src2, tgt) = self.match_side(&p.post, post)?;
        let score = s1 + s2;
        if score == 0 && tgt.is_none() && src.is_none() && src2.is_none() {
            return None;
        }
        // Ties go to the pattern whose words match the text's own forms
        // ("SANCTIONS" over "SANCTION" for "the sanctions").
        let exact = (e1 + e2).min(7);
        Some(Match {
            code: p.code.clone(),
            target: tgt,
            source: src.or(src2),
            score: (score * 2 + usize::from(tgt.is_some())) * 8 + exact,
        })
    }

    /// Matches elements as a subsequence of `toks`; returns the number of
    /// word positions matched, how many matched the text's own form, and
    /// the actors in the `$`/`+` slots.
    fn match_side(
        &self,
        elems: &[Elem],
        toks: &[Tok],
    ) -> Option<(usize, usize, Option<u32>, Option<u32>)> {
        let mut pos = 0;
        let mut score = 0;
        let mut exact = 0;
        let (mut src, mut tgt) = (None, None);
        let mut after_word = false;
        for e in elems {
            match e {
                Elem::Word(w) => {
                    // Pattern words belong to the verb's own phrases (at
                    // most three dependency steps down), not to a clause
                    // deep inside its object ("… for a settlement to be
                    // reached"); a preposition must be a case marker, and
                    // one that follows the verb itself in the pattern
                    // marks the verb's own argument ("comes a day before
                    // Sarkozy heads to Beijing" is not "come to").
                    let max_prep = if after_word || !self.switches.lexical {
                        3
                    } else {
                        2
                    };
                    let shallow = |t: &Tok| {
                        (t.depth <= 3 || t.depth == 0)
                            && (!PATTERN_PREPS.contains(&w.as_str())
                                || (t.depth <= max_prep && t.prep))
                    };
                    let k =
                        (pos..toks.len()).find(|&k| word_eq(&toks[k], w) && shallow(&toks[k]))?;
                    pos = k + 1;
                    score += 1;
                    exact += usize::from(toks[k].form == *w);
                    after_word |= !PATTERN_PREPS.contains(&w.as_str());
                }
                Elem::Syn(name) => {
                    let phrases = self.verbs.synsets.get(name)?;
                    let mut found = None;
                    'outer: for k in pos..toks.len() {
                        if toks[k].depth > 3 {
                            continue;
                        }
                        for ph in phrases {
                            if k + ph.len() <= toks.len()
                                && ph.iter().enumerate().all(|(j, w)| word_eq(&toks[k + j], w))
                            {
                                found = Some(k + ph.len());
                                break 'outer;
                            }
                        }
                    }
                    pos = found?;
                    score += 1;
                    after_word = true;
                }
                Elem::Target | Elem::Source => {
                    let k = (pos..toks.len()).find(|&k| toks[k].actor.is_some())?;
                    let a = toks[k].actor;
                    if *e == Elem::Target {
                        tgt = a;
                    } else {
                        src = a;
                    }
                    pos = k + 1;
                    while pos < toks.len() && toks[pos].actor == a {
                        pos += 1;
                    }
                }
            }
        }
        Some((score, exact, src, tgt))
    }
}

/// The tokens `idx` as patterns of the verb at `verb` see them.
fn toks<'a>(s: &Sentence, up: &'a Upper, idx: &[usize], verb: usize) -> Vec<Tok<'a>> {
    idx.iter()
        .map(|&i| {
            // Steps up the tree from the token to the verb (0 when it is
            // not below the verb, e.g. without a parse).
            let depth = crate::clause::steps_to(s.doc, i, verb, 12).unwrap_or(0) as u8;
            let prep = match s.doc.tokens[i].dep.as_deref() {
                None => true,
                Some(d) => d == "case" || d.starts_with("case:"),
            };
            Tok {
                form: &up.forms[i - up.start],
                lemma: &up.lemmas[i - up.start],
                actor: s.actor_of[i],
                depth,
                prep,
            }
        })
        .collect()
}

/// Whether a pattern word matches a token: its form or lemma, a plural of
/// it, or one of its `/` alternatives.
fn word_eq(t: &Tok, w: &str) -> bool {
    if t.form == w || t.lemma == w {
        return true;
    }
    let (f, wb) = (t.form.as_bytes(), w.as_bytes());
    // Plurals the dictionary lists in the singular ("SANCTIONS").
    if f.starts_with(wb)
        && ((f.len() == wb.len() + 1 && f.ends_with(b"S"))
            || (f.len() == wb.len() + 2 && f.ends_with(b"ES")))
    {
        return true;
    }
    // "BOMBING/EXPLOSION": CAMEO.2.0's alternatives within one word (each
    // alternative is shorter than the whole by at least two bytes).
    wb.len() >= f.len() + 2
        && wb.contains(&b'/')
        && w.split('/').any(|alt| !alt.is_empty() && word_eq(t, alt))
}

/// A pattern side as the rules show it (`$`, `+`, words and synsets).
fn show(e: &[Elem]) -> String {
    crate::verbs::show_elems(e)
}

/// Whether a pattern's sides, as [`show`] writes them, hold only
/// prepositions ("HIT * WITH"): it says nothing about what the verb means
/// here.
pub(super) fn prepositions_only(pre: &str, post: &str) -> bool {
    format!("{pre} * {post} ")
        .split('[')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .all(|w| w == "*" || PATTERN_PREPS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok<'a>(form: &'a str, lemma: &'a str) -> Tok<'a> {
        Tok {
            form,
            lemma,
            actor: None,
            depth: 1,
            prep: false,
        }
    }

    #[test]
    fn pattern_words_match_forms_plurals_and_alternatives() {
        assert!(word_eq(&tok("SANCTIONS", "SANCTION"), "SANCTION"));
        assert!(word_eq(&tok("TAXES", "TAX"), "TAXES"));
        assert!(word_eq(&tok("BOXES", "BOXES"), "BOX"));
        assert!(word_eq(&tok("BOMBING", "BOMBING"), "BOMBING/EXPLOSION"));
        assert!(!word_eq(&tok("BOMB", "BOMB"), "BOMBING/EXPLOSION"));
        assert!(!word_eq(&tok("TALKS", "TALK"), "TALKING"));
    }

    #[test]
    fn prepositions_only_patterns_say_nothing() {
        assert!(prepositions_only("", "WITH"));
        assert!(prepositions_only("", ""));
        assert!(!prepositions_only("", "RECORD"));
        assert!(!prepositions_only("$", "WITH"));
        assert!(!prepositions_only("", "WITH &TALKS"));
    }

    #[test]
    fn shown_pattern_sides() {
        let e = vec![
            Elem::Source,
            Elem::Word("TO".into()),
            Elem::Syn("&TALKS".into()),
            Elem::Target,
        ];
        assert_eq!(show(&e), "$ TO &TALKS +");
    }
}
