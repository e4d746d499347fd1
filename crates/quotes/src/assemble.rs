//! Groups tagged role spans into quote records: each cue takes the nearest
//! source of its sentence and the content spans around it.

use crate::lexicon::{is_cue_word, is_speech_verb};
use crate::marks::{mark_of, Quoting};
use crate::tagger::{Role, RoleSpan};
use annalist_doc::{Doc, Offsets, Quote, QuoteKind};

/// A quote before speaker resolution, in token ranges.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Cue tokens.
    pub cue: Option<(usize, usize)>,
    /// Source tokens.
    pub source: Option<(usize, usize)>,
    /// Content pieces, in text order.
    pub content: Vec<(usize, usize)>,
}

/// Builds drafts from role spans.
pub fn group(doc: &Doc, spans: &[RoleSpan], quoting: &Quoting) -> Vec<Draft> {
    let sent = |i: usize| doc.sentence_of(i).unwrap_or(usize::MAX);
    let para = |i: usize| {
        doc.paragraphs
            .iter()
            .position(|p| (p.token_start as usize) <= i && i < p.token_end as usize)
            .unwrap_or(usize::MAX)
    };
    let cues: Vec<&RoleSpan> = spans.iter().filter(|s| s.role == Role::Cue).collect();
    let mut drafts: Vec<Draft> = cues
        .iter()
        .map(|c| Draft {
            cue: Some((c.start, c.end)),
            ..Default::default()
        })
        .collect();
    let dist = |a: &RoleSpan, c: &RoleSpan| -> usize {
        if a.end <= c.start {
            c.start - a.end
        } else {
            a.start.saturating_sub(c.end)
        }
    };
    let nearest = |s: &RoleSpan, same: &dyn Fn(&RoleSpan) -> bool| -> Option<usize> {
        cues.iter()
            .enumerate()
            .filter(|(_, c)| same(c))
            .min_by_key(|(_, c)| dist(s, c))
            .map(|(k, _)| k)
    };
    // A cue with unquoted content after it in its sentence and no
    // quotation there ("Bivens hopes Clinton …") reports that clause; a
    // quotation from another sentence is not its own.
    let reports_own = |c: &RoleSpan| {
        let in_sentence = |s: &&RoleSpan| s.role == Role::Content && sent(s.start) == sent(c.start);
        spans
            .iter()
            .filter(in_sentence)
            .any(|s| s.start >= c.end && !is_direct(doc, (s.start, s.end), quoting))
            && !spans
                .iter()
                .filter(in_sentence)
                .any(|s| is_direct(doc, (s.start, s.end), quoting))
    };
    let mut source_dist: Vec<usize> = vec![usize::MAX; drafts.len()];
    let mut orphans: Vec<Draft> = Vec::new();
    for s in spans {
        match s.role {
            Role::Cue => {}
            Role::Source => {
                let st = sent(s.start);
                if let Some(k) = nearest(s, &|c| sent(c.start) == st) {
                    let d = dist(s, cues[k]);
                    if d < source_dist[k] {
                        source_dist[k] = d;
                        drafts[k].source = Some((s.start, s.end));
                    }
                }
            }
            Role::Content => {
                let (st, pa) = (sent(s.start), para(s.start));
                let st_end = sent(s.end.saturating_sub(1));
                let k = nearest(s, &|c| {
                    let cs = sent(c.start);
                    cs == st || cs == st_end
                })
                // Across sentences only a quotation joins a cue: unquoted
                // pieces from the sentence before are mostly scraps of an
                // attribution the tagger found in part.
                .or_else(|| {
                    is_direct(doc, (s.start, s.end), quoting)
                        .then(|| nearest(s, &|c| para(c.start) == pa))
                        .flatten()
                        // The sentence's first cue speaks for it ("“A,” said
                        // Pardo, who said he … . “B.”").
                        .and_then(|k| {
                            cues.iter()
                                .position(|c| sent(c.start) == sent(cues[k].start))
                        })
                        .filter(|&k| !reports_own(cues[k]))
                });
                match k {
                    Some(k) => drafts[k].content.push((s.start, s.end)),
                    None if is_direct(doc, (s.start, s.end), quoting) => orphans.push(Draft {
                        content: vec![(s.start, s.end)],
                        ..Default::default()
                    }),
                    None => {}
                }
            }
        }
    }
    drafts.extend(orphans);
    for d in &mut drafts {
        d.content.sort_unstable();
        tidy(doc, d, quoting);
        // A coordinated cue ("…, but added that …") or a participle
        // ("…, warning that …") has its subject earlier in the sentence
        // whatever its content; other cues are given one only for a
        // quotation.
        let coordinated = d.cue.is_some_and(|(ca, _)| {
            let mut k = ca;
            while k > 0 && is_adverb(doc.token_text(k - 1)) {
                k -= 1;
            }
            (k > 1 && matches!(doc.token_text(k - 1), "and" | "but"))
                || (ca > 0 && doc.token_text(ca - 1) == "," && doc.token_text(ca).ends_with("ing"))
        });
        if d.source.is_none()
            && (coordinated || d.content.iter().any(|&p| is_direct(doc, p, quoting)))
        {
            d.source = d
                .cue
                .and_then(|c| adjacent_source(doc, c, &d.content, quoting));
        }
    }
    frame_orphans(doc, &mut drafts, quoting);
    share_subjects(doc, &mut drafts);
    // A cue with no source that is no reporting verb either is more often a
    // tagging slip ("… before flying off to Turkey") than an attribution.
    // With a source, a verb in the past tense may still report ("Trump
    // barked"), but a cue of neither kind ("Supporters gave", "Washington
    // appears") does not.
    drafts.retain(|d| {
        d.cue.is_none_or(|(a, b)| {
            (a..b).any(|i| {
                let w = doc.token_text(i);
                is_cue_word(w)
                    || matches!(w, ":" | "―" | "—" | "–" | "--" | "-")
                    || (d.source.is_some()
                        && (w.ends_with("ed") || matches!(w, "shot" | "went" | "cut")))
            })
        })
    });
    drafts.sort_by_key(first_token);
    drafts
}

/// Wire-style repairs the tagger misses: a cue runs on into the clause that
/// follows it ("said before flying off"), and the tail of that clause is
/// taken for more content next to a fully quoted piece.
fn tidy(doc: &Doc, d: &mut Draft, quoting: &Quoting) {
    if let Some((a, b)) = d.cue {
        if is_speech_verb(doc.token_text(a)) {
            let cut = (a + 1..b).find(|&k| {
                matches!(
                    doc.token_text(k),
                    "before" | "after" | "while" | "when" | "as" | "during" | "because" | "," | "."
                )
            });
            if let Some(k) = cut {
                d.cue = Some((a, k));
            }
        }
    }
    let any_direct = d.content.iter().any(|&p| is_direct(doc, p, quoting));
    if any_direct {
        if let Some((_, cue_end)) = d.cue {
            // After the cue that follows a quotation, a piece not wholly
            // quoted is the next clause ("…,” Fiorina told “Fox and
            // Friends,” reminding …"), which PolNeAR gives a cue of its own.
            // (Dropped before the source is extended, so that a relative
            // clause the tagger took for content ("said Tom Rath, a leader
            // who had endorsed | Kasich and …") goes back to the source.)
            let cue_sent = doc.sentence_of(cue_end - 1);
            let quote_before = d.content.iter().any(|&p| {
                p.1 <= cue_end && is_direct(doc, p, quoting) && doc.sentence_of(p.1 - 1) == cue_sent
            });
            let inside = |i: usize| quoting.inside.get(i).copied().unwrap_or(false);
            // "…,” he said of the campaign, “I'm sure …”": a piece that
            // runs into a second quotation keeps that quotation.
            for p in d.content.iter_mut() {
                if quote_before && p.0 >= cue_end && !is_direct(doc, *p, quoting) {
                    let tail = (p.0..p.1)
                        .filter(|&i| mark_of(doc.token_text(i)).is_some() && !inside(i))
                        .find(|&m| {
                            m > p.0
                                && doc.token_text(m - 1) == ","
                                && is_direct(doc, (m, p.1), quoting)
                        });
                    if let Some(m) = tail {
                        p.0 = m;
                    }
                }
            }
            d.content.retain(|&p| {
                p.0 < cue_end
                    || is_direct(doc, p, quoting)
                    || (!quote_before && (p.0..p.1).any(inside))
            });
        }
    }
    // "Dick Dever, who was listed on the slate, told …": a relative clause
    // before the cue belongs to the name it follows.
    if let (Some((sa, sb)), Some((ca, _))) = (d.source, d.cue) {
        let closed = doc.token_text(sb - 1) == "," || (sb < ca && doc.token_text(sb) == ",");
        if sb <= ca
            && sb - sa >= 3
            && closed
            && sa >= 2
            && matches!(doc.token_text(sa), "who" | "which")
            && doc.token_text(sa - 1) == ","
            && is_name_word(doc.token_text(sa - 2))
        {
            let mut a = sa - 2;
            while a > 0 && is_name_word(doc.token_text(a - 1)) {
                a -= 1;
            }
            d.source = Some((a, sb));
        }
    }
    // PolNeAR's sources keep their appositives ("Scott Pruitt, the
    // attorney general of Oklahoma, said"): extend a source that stops at
    // a comma up to the cue.
    if let (Some((sa, sb)), Some((ca, _))) = (d.source, d.cue) {
        if sb < ca && ca - sb <= 30 && doc.token_text(sb) == "," {
            let clean = (sb..ca).all(|i| {
                let t = doc.token_text(i);
                mark_of(t).is_none() && !matches!(t, "." | "?" | "!" | ";" | ":")
            });
            let overlaps = d.content.iter().any(|&(a, b)| a < ca && b > sb);
            if clean && !overlaps {
                d.source = Some((sa, ca));
            }
        }
    }
    // After an inverted cue ("…," said Tim Hess, a developer in Virginia,
    // who introduced …) PolNeAR keeps the whole appositive, relative
    // clause included, up to the end of the sentence.
    if let (Some((sa, sb)), Some((_, ce))) = (d.source, d.cue) {
        let end = doc
            .sentence_of(sa)
            .map(|k| (doc.sentences[k].token_end as usize).min(doc.tokens.len()))
            .unwrap_or(sb);
        // A source that already closes its appositive with a comma goes on
        // only into a relative clause ("…, who has been …").
        let closed = sb > sa + 1 && doc.token_text(sb - 1) == ",";
        let relative = sb < end
            && matches!(
                doc.token_text(sb).to_ascii_lowercase().as_str(),
                "who" | "whose" | "which" | "whom"
            );
        // A bare name before ", who …" takes the clause too: train has 87
        // such sources with it and 53 without (the clauses it leaves out,
        // "who spoke on condition of anonymity", are stopped below).
        if ce <= sa && sb < end && (!closed || relative) {
            let mut e = sb;
            while e < end {
                let t = doc.token_text(e);
                if mark_of(t).is_some() || matches!(t, "." | "?" | "!" | ";" | ":") {
                    break;
                }
                // ", adding …" / ", in a statement" / ", as …" starts a new
                // clause.
                if t == "," && e + 1 < end {
                    let n = doc.token_text(e + 1);
                    if n.ends_with("ing")
                        || (matches!(
                            n,
                            "in" | "as"
                                | "though"
                                | "although"
                                | "after"
                                | "when"
                                | "while"
                                | "at"
                                | "on"
                                | "during"
                                | "before"
                                | "because"
                                | "but"
                                | "according"
                        ))
                    {
                        break;
                    }
                }
                e += 1;
            }
            // "…, who said he …", "…, who spoke on condition of anonymity":
            // PolNeAR stops before such clauses.
            let reported = (sb..e).any(|i| {
                let t = doc.token_text(i);
                is_speech_verb(t) || t == "anonymity" || t == "identified"
            });
            let finished = e == end
                || (e + 1 == end && matches!(doc.token_text(e), "." | "?" | "!"))
                || doc.token_text(e) == ",";
            let appositive = (sa..e).any(|i| doc.token_text(i) == ",");
            let overlaps = d.content.iter().any(|&(a, b)| a < e && b > sb);
            if finished && appositive && e - sa <= 40 && !overlaps && !reported {
                d.source = Some((sa, e));
            }
        }
    }
    // A source of nothing but days, adverbs and function words ("Thursday",
    // "and then") names no one; the cue's neighbours may.
    if let Some((sa, sb)) = d.source {
        // ("who", "which" and "that" do name someone: the clause's head.)
        let empty = (sa..sb).all(|i| {
            let t = doc.token_text(i);
            is_day(t)
                || matches!(
                    t,
                    "and"
                        | "or"
                        | "but"
                        | "a"
                        | "an"
                        | "the"
                        | "of"
                        | "for"
                        | "in"
                        | "on"
                        | "at"
                        | "to"
                        | "with"
                        | "then"
                        | "also"
                        | "later"
                        | "again"
                        | "still"
                )
        });
        if empty {
            d.source = None;
        }
    }
    // "The | U.S. special envoy for Sudan on Wednesday called": a source cut
    // after its article runs on to the cue, less a closing time phrase.
    if let (Some((sa, sb)), Some((ca, _))) = (d.source, d.cue) {
        let cut = sb == sa + 1 && is_determiner(&doc.token_text(sa).to_ascii_lowercase());
        let clean = sb < ca
            && ca - sb <= 10
            && (sb..ca).all(|i| {
                let t = doc.token_text(i);
                mark_of(t).is_none()
                    && !matches!(
                        t,
                        "," | "."
                            | ";"
                            | ":"
                            | "?"
                            | "!"
                            | "who"
                            | "which"
                            | "that"
                            | "and"
                            | "but"
                            | "or"
                    )
                    && !is_cue_word(t)
                    && (!t.ends_with("ed") || !t.starts_with(|c: char| c.is_lowercase()))
            });
        if cut && clean {
            let mut e = ca;
            while e > sb && (is_adverb(doc.token_text(e - 1)) || is_day(doc.token_text(e - 1))) {
                e -= 1;
            }
            if e > sb && matches!(doc.token_text(e - 1), "on" | "in" | "at") {
                e -= 1;
            }
            if e > sb {
                d.source = Some((sa, e));
            }
        }
    }
    if let Some((mut sa, sb)) = d.source {
        // A source never starts inside a word ("Jean" "-Marc Ayrault").
        while sa > 0
            && !doc.tokens[sa - 1].ws
            && doc
                .token_text(sa - 1)
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric)
        {
            sa -= 1;
        }
        // "New Jersey Gov. Chris Christie": a name is not cut after its
        // first capitalised word.
        let lo = doc
            .sentence_of(sa)
            .map_or(0, |k| doc.sentences[k].token_start as usize);
        let named = is_name_word(doc.token_text(sa)) && !is_subject_pronoun(doc.token_text(sa));
        while named
            && sa > lo
            && is_name_word(doc.token_text(sa - 1))
            && !OPENERS.contains(&doc.token_text(sa - 1))
            && !quoting.inside.get(sa - 1).copied().unwrap_or(false)
        {
            sa -= 1;
        }
        // "The New York Times", "the report", "her Twitter account": the
        // determiner belongs to the mention.
        let w = doc.token_text(sa);
        if sa > 0
            && is_determiner(&doc.token_text(sa - 1).to_ascii_lowercase())
            && !matches!(doc.token_text(sa - 1), "one" | "One")
            && !is_subject_pronoun(w)
            && !is_determiner(&w.to_ascii_lowercase())
            && !matches!(w, "who" | "which" | "that")
            && w.chars().next().is_some_and(char::is_alphanumeric)
        {
            sa -= 1;
        }
        d.source = Some((sa, sb));
    }
    // "said ACLU director Anthony Romero in a statement", "said Rep. Bobby
    // Scott at the time": the adjuncts of an inverted cue are not part of
    // its source.
    if let (Some((sa, sb)), Some((_, ce))) = (d.source, d.cue) {
        if ce <= sa {
            let medium = |k: usize| {
                (k + 1..(k + 5).min(sb)).any(|i| {
                    matches!(
                        doc.token_text(i),
                        "statement"
                            | "interview"
                            | "tweet"
                            | "email"
                            | "call"
                            | "conference"
                            | "debate"
                            | "speech"
                            | "post"
                            | "briefing"
                            | "letter"
                    )
                })
            };
            let cut = (sa + 1..sb).find(|&k| {
                let w = doc.token_text(k);
                let relative = (sa..k).any(|i| {
                    matches!(
                        doc.token_text(i),
                        "who" | "whose" | "which" | "that" | "whom"
                    )
                });
                // Right after the name and before a common noun ("Romero in
                // a statement", "(D-Va.) at the time"; "Chris Low at FTN
                // Financial" names his employer).
                let after_name = !(sa..k).any(|i| doc.token_text(i) == ",")
                    && (is_name_word(doc.token_text(k - 1)) || doc.token_text(k - 1) == ")")
                    && k + 1 < sb
                    && doc
                        .token_text(k + 1)
                        .starts_with(|c: char| c.is_lowercase());
                !relative
                    && (matches!(w, "via" | "when")
                        || (matches!(w, "in" | "during" | "on" | "at") && medium(k))
                        || (after_name
                            && matches!(
                                w,
                                "in" | "at" | "during" | "on" | "after" | "before" | "while"
                            )))
            });
            if let Some(k) = cut {
                let mut e = k;
                while e > sa + 1 && doc.token_text(e - 1) == "," {
                    e -= 1;
                }
                d.source = Some((sa, e));
            }
        }
    }
    // A source never ends on a word that opens a clause ("… Enterprise
    // Institute who", "one source who identified Sullivan but").
    if let Some((sa, mut sb)) = d.source {
        while sb > sa + 1
            && matches!(
                doc.token_text(sb - 1),
                "who" | "which" | "whose" | "that" | "and" | "but" | "when" | "as"
            )
        {
            sb -= 1;
        }
        d.source = Some((sa, sb));
    }
    // A short name keeps no trailing comma ("O'Neill, …"); long
    // appositive sources do in PolNeAR before their cue (846 times against
    // 76 on train), and not after it ("said Vice President Joe Biden,
    // urging …": 394 against 70).
    if let Some((sa, sb)) = d.source {
        let inverted = d.cue.is_some_and(|(_, ce)| ce <= sa);
        if sb - sa >= 2 && (sb - sa <= 4 || inverted) && doc.token_text(sb - 1) == "," {
            d.source = Some((sa, sb - 1));
        }
    }
    // "On the subject of Israel, Trump added, “Sheldon …”": when a
    // quotation that opens a new sentence follows the cue in its sentence,
    // unquoted words before the source set the scene; they are not part of
    // what was said ("An economic downturn, he said, “could be …”" is).
    if let (Some((sa, _)), Some((ca, cb))) = (d.source, d.cue) {
        let sent = doc.sentence_of(ca);
        let quote_after = d.content.iter().any(|&p| {
            p.0 >= cb
                && doc.sentence_of(p.0) == sent
                && is_direct(doc, p, quoting)
                && (p.0..p.1)
                    .find(|&i| quoting.inside.get(i).copied().unwrap_or(false))
                    .is_some_and(|i| {
                        doc.token_text(i)
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                    })
        });
        if sa < ca && quote_after {
            d.content
                .retain(|&p| p.1 > sa || is_direct(doc, p, quoting));
        }
    }
}

/// "The U.N. mission in Libya said … and called on all parties …", "The
/// envoy called for a ceasefire, warning that …": a coordinated cue or a
/// participle left without a source shares the source of the cue before
/// it in its sentence.
fn share_subjects(doc: &Doc, drafts: &mut [Draft]) {
    for k in 0..drafts.len() {
        let Some((ca, _)) = drafts[k].cue else {
            continue;
        };
        if drafts[k].source.is_some() {
            continue;
        }
        let mut before = ca;
        while before > 0 && is_adverb(doc.token_text(before - 1)) {
            before -= 1;
        }
        let participle =
            ca > 0 && doc.token_text(ca - 1) == "," && doc.token_text(ca).ends_with("ing");
        if !participle && (before == 0 || !matches!(doc.token_text(before - 1), "and" | "but")) {
            continue;
        }
        let sent = doc.sentence_of(ca);
        let earlier = drafts
            .iter()
            .filter(|h| {
                h.cue
                    .is_some_and(|(a, b)| b <= ca && doc.sentence_of(a) == sent)
                    && h.source.is_some_and(|(_, e)| e <= ca)
            })
            .max_by_key(|h| h.cue.map(|c| c.0))
            .and_then(|h| h.source);
        if earlier.is_some() {
            drafts[k].source = earlier;
        }
    }
}

/// Gives quoted content that the tagger left without any cue the frame
/// that introduces it with a colon: a cue and source drafted without
/// content ("He said:" closing the paragraph before the quote), or a
/// reporting verb and its subject ("he declared: “…”"). (Looking after the
/// quote instead, "“…,” Trump barked", found as many wrong frames as right
/// ones on PolNeAR train and dev.)
fn frame_orphans(doc: &Doc, drafts: &mut Vec<Draft>, quoting: &Quoting) {
    let mut merged: Vec<usize> = Vec::new();
    for k in 0..drafts.len() {
        let d = &drafts[k];
        if d.cue.is_some() || d.source.is_some() || d.content.is_empty() {
            continue;
        }
        if !d.content.iter().all(|&p| is_direct(doc, p, quoting)) {
            continue;
        }
        let c0 = d.content.iter().map(|c| c.0).min().unwrap_or(0);
        // Before the quote: "…: “".
        let mut o = c0;
        while o > 0 && mark_of(doc.token_text(o - 1)).is_some() {
            o -= 1;
        }
        if o > 0 && doc.token_text(o - 1) == ":" {
            let colon = o - 1;
            let host = drafts.iter().position(|h| {
                h.content.is_empty()
                    && h.source.is_some()
                    && [h.cue, h.source]
                        .iter()
                        .flatten()
                        .map(|r| r.1)
                        .max()
                        .is_some_and(|e| e == colon || e == colon + 1)
            });
            if let Some(h) = host {
                let content = drafts[k].content.clone();
                drafts[h].content = content;
                merged.push(k);
                continue;
            }
            if colon > 0 && is_cue_word(doc.token_text(colon - 1)) {
                let lo = doc
                    .sentence_of(colon - 1)
                    .map_or(0, |s| doc.sentences[s].token_start as usize);
                if let Some(src) = source_left(doc, lo, colon - 1) {
                    drafts[k].cue = Some((colon - 1, colon));
                    drafts[k].source = Some(src);
                    continue;
                }
            }
            // "Trump went even further: “…”": the clause before the colon
            // frames the quotation whatever its verb; its subject speaks.
            if colon > 0 {
                let lo = doc
                    .sentence_of(colon - 1)
                    .map_or(0, |s| doc.sentences[s].token_start as usize);
                if let Some(src) = clause_subject(doc, lo, colon) {
                    if src.1 < colon {
                        drafts[k].cue = Some((src.1, colon + 1));
                        drafts[k].source = Some(src);
                        continue;
                    }
                }
            }
        }
        if let Some((cue, src)) = frame_after(doc, &drafts[k].content, quoting) {
            drafts[k].cue = Some(cue);
            drafts[k].source = Some(src);
        }
    }
    for k in merged.into_iter().rev() {
        drafts.remove(k);
    }
}

/// The cue and source right after a quotation that closes on a comma,
/// question or exclamation mark: "“Would it be negotiable?” Hannity
/// pressed.", "“Out!” the crowd yelled.", "“…,” reacted Trump." The verb
/// need not be a reporting verb; the punctuation before the closing mark
/// says the sentence goes on into its attribution.
fn frame_after(
    doc: &Doc,
    content: &[(usize, usize)],
    quoting: &Quoting,
) -> Option<((usize, usize), (usize, usize))> {
    let last = content.iter().map(|c| c.1).max()?;
    let region = quoting
        .regions
        .iter()
        .find(|r| r.closed && r.open < last && last <= r.end + 1)?;
    let close = region.end;
    if close == 0 || !matches!(doc.token_text(close - 1), "," | "?" | "!") {
        return None;
    }
    let j = close + 1;
    let para_end = doc
        .paragraphs
        .iter()
        .find(|p| (p.token_start as usize) <= close && close < p.token_end as usize)
        .map_or(doc.tokens.len(), |p| {
            (p.token_end as usize).min(doc.tokens.len())
        });
    let mut hi = j;
    while hi < para_end
        && mark_of(doc.token_text(hi)).is_none()
        && !matches!(doc.token_text(hi), "," | "." | ";" | ":" | "?" | "!")
    {
        hi += 1;
    }
    if hi <= j {
        return None;
    }
    let is_verb = |w: &str| {
        w.starts_with(|c: char| c.is_lowercase())
            && (w.ends_with("ed") || is_cue_word(w) || matches!(w, "went" | "shot" | "cried"))
    };
    if is_verb(doc.token_text(j)) {
        let src = source_right(doc, j + 1, hi)?;
        return Some(((j, j + 1), src));
    }
    let src = clause_subject(doc, j, hi)?;
    let mut v = src.1;
    if v < hi && is_adverb(doc.token_text(v)) {
        v += 1;
    }
    (v < hi && is_verb(doc.token_text(v))).then_some(((v, v + 1), src))
}

/// Words that may stand between a subject and its cue ("Trump then said").
fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "then" | "also" | "later" | "again" | "once" | "often" | "still" | "had" | "has" | "have"
    ) || is_day(w)
        || (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase()))
}

fn is_subject_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "He" | "she" | "She" | "I" | "we" | "We" | "they" | "They"
    )
}

/// Capitalised words and abbreviated titles ("Sen.", "Mr.") that make up a
/// name; a lone sentence-opening function word ("The", "But") does not.
fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
        && w.chars().any(|c| c.is_alphabetic())
        && !is_speech_verb(w)
        && !is_day(w)
}

/// "Priebus later Thursday told …": days are when, not who.
fn is_day(w: &str) -> bool {
    // Capitalised as written: "monday" in running text is rare, and a
    // lower-case word is no time adverb here.
    w.starts_with(char::is_uppercase) && annalist_doc::words::is_weekday_name(w)
}

const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "In",
    "On",
    "At",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "If",
    "It",
    "This",
    "That",
    "So",
    "Then",
    "Yet",
    "Or",
    "For",
    "With",
    "During",
    "Since",
    "From",
    "According",
];

/// The name or pronoun ending just before token `end` (not before `lo`).
fn source_left(doc: &Doc, lo: usize, end: usize) -> Option<(usize, usize)> {
    let mut e = end;
    while e > lo && is_adverb(doc.token_text(e - 1)) {
        e -= 1;
    }
    // "I laughed and said": one verb joined by "and" before the cue.
    if e >= lo + 3
        && doc.token_text(e - 1) == "and"
        && doc
            .token_text(e - 2)
            .chars()
            .all(|c| c.is_ascii_lowercase())
        && doc.token_text(e - 2).ends_with("ed")
    {
        e -= 2;
    }
    if e <= lo {
        return None;
    }
    let w = doc.token_text(e - 1);
    if is_subject_pronoun(w) {
        return Some((e - 1, e));
    }
    let mut a = e;
    while a > lo && is_name_word(doc.token_text(a - 1)) {
        a -= 1;
    }
    // "The New York Times" keeps its article; a lone "The" is no name.
    while a < e && OPENERS.contains(&doc.token_text(a)) && a + 1 == e {
        a += 1;
    }
    // "a source speaking to Fox News said": a name after a preposition is
    // an object, not the speaker.
    if a > lo
        && matches!(
            doc.token_text(a - 1),
            "to" | "with" | "from" | "by" | "for" | "at" | "on" | "in" | "about" | "against"
        )
    {
        return None;
    }
    (a < e).then_some((a, e))
}

/// The name, pronoun or short description ("the ruling") starting at token
/// `start`, up to the clause's end (not past `hi`).
fn source_right(doc: &Doc, start: usize, hi: usize) -> Option<(usize, usize)> {
    if start >= hi {
        return None;
    }
    let w = doc.token_text(start);
    if is_subject_pronoun(w) {
        return Some((start, start + 1));
    }
    let mut e = start;
    let described = is_determiner(w);
    if described {
        // "says a source involved in the super-PAC’s creation.": the
        // description runs to the end of the clause.
        e += 1;
        while e < hi
            && e - start <= 12
            && doc
                .token_text(e)
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’'))
        {
            e += 1;
        }
    } else {
        while e < hi && is_name_word(doc.token_text(e)) {
            e += 1;
        }
    }
    let ends_clause = e >= hi || matches!(doc.token_text(e), "," | "." | ";" | ":" | "?" | "!");
    (e > start + usize::from(described) && ends_clause).then_some((start, e))
}

/// The subject of a cue the tagger left without one, for quoted content:
/// the name or pronoun next to the cue ("…,” Vitter demanded", "said the
/// ruling", "Trump boasted, “…”"), or, for a participle after a comma
/// ("…, saying, “…”"), the subject that opens the sentence.
fn adjacent_source(
    doc: &Doc,
    (ca, cb): (usize, usize),
    content: &[(usize, usize)],
    quoting: &Quoting,
) -> Option<(usize, usize)> {
    let k = doc.sentence_of(ca)?;
    let (s0, s1) = (
        doc.sentences[k].token_start as usize,
        (doc.sentences[k].token_end as usize).min(doc.tokens.len()),
    );
    let inside = |i: usize| quoting.inside.get(i).copied().unwrap_or(false);
    // "She then addressed the supporters again: “…”": a cue the tagger
    // ends on a colon, whatever its words, frames a quotation after it;
    // the clause's subject speaks.
    if doc.token_text(cb - 1) == ":" && content.iter().all(|c| c.0 >= cb) && !(ca..cb).any(inside) {
        let mut st = s0;
        while st < ca
            && (inside(st) || mark_of(doc.token_text(st)).is_some() || doc.token_text(st) == ",")
        {
            st += 1;
        }
        if let Some(r) = clause_subject(doc, st, ca).filter(|r| r.1 <= ca) {
            return Some(r);
        }
    }
    // "Said Comey, “…”", "Continued Stone: “…”": a verb opening its
    // sentence has its subject right after it.
    if ca == s0
        && cb == ca + 1
        && is_cue_word(doc.token_text(ca))
        && doc.token_text(ca).starts_with(|c: char| c.is_uppercase())
    {
        let mut hi = cb;
        while hi < s1 && !matches!(doc.token_text(hi), "," | "." | ";" | ":" | "?" | "!") {
            hi += 1;
        }
        if let Some(r) = source_right(doc, cb, hi) {
            return Some(r);
        }
    }
    // Only a reporting verb, and not a passive ("was asked"), names its
    // speaker next to it.
    let first = doc.token_text(ca).to_ascii_lowercase();
    if (ca..cb).any(inside)
        || !(ca..cb).any(|i| is_cue_word(doc.token_text(i)))
        || matches!(
            first.as_str(),
            "is" | "was" | "were" | "are" | "be" | "been"
        )
    {
        return None;
    }
    // Content before the cue: the subject is after the quote, next to the cue.
    let content_end = content
        .iter()
        .map(|c| c.1)
        .filter(|&e| e <= ca)
        .max()
        .unwrap_or(s0)
        .max(s0);
    let mut lo = content_end;
    while lo < ca && (mark_of(doc.token_text(lo)).is_some() || doc.token_text(lo) == ",") {
        lo += 1;
    }
    if let Some(r) = source_left(doc, lo, ca) {
        return Some(r);
    }
    let after_content = content.iter().all(|c| c.1 <= ca);
    if after_content {
        let mut hi = cb;
        while hi < s1 && !matches!(doc.token_text(hi), "," | "." | ";" | ":" | "?" | "!") {
            hi += 1;
        }
        // Only the verb alone inverts ("…,” says a source involved in …");
        // after "questioned about" comes its object.
        let inverted = cb == ca + 1 || !is_determiner(&doc.token_text(cb).to_ascii_lowercase());
        if let Some(r) = source_right(doc, cb, hi).filter(|_| inverted) {
            return Some(r);
        }
    }
    // ", saying" / ", tweeting": the sentence's subject, after any opening
    // phrase closed by a comma.
    // ("…, saying", "punctuated his list by saying")
    let participle = doc.token_text(ca).ends_with("ing")
        && ca > s0
        && matches!(doc.token_text(ca - 1), "," | "by");
    // "Carson did not name them, but told his supporters, “…”": a verb
    // coordinated with the sentence's first one shares its subject.
    let mut before = ca;
    while before > s0 && is_adverb(doc.token_text(before - 1)) {
        before -= 1;
    }
    let coordinated = before > s0 + 1 && matches!(doc.token_text(before - 1), "and" | "but");
    if (participle || coordinated) && content.iter().all(|c| c.0 >= cb) {
        let mut st = s0;
        while st < ca
            && (inside(st) || mark_of(doc.token_text(st)).is_some() || doc.token_text(st) == ",")
        {
            st += 1;
        }
        let w = doc.token_text(st);
        if OPENERS.contains(&w) && !matches!(w, "The" | "A" | "An") {
            let comma = (st..ca).find(|&i| doc.token_text(i) == ",")?;
            st = comma + 1;
        }
        // "…, Spicer said, adding …": the subject of the earlier reporting
        // verb is the speaker, not the sentence's first name. ("States" in
        // "the United States" is no verb.)
        let earlier = (st..ca).rev().find(|&i| {
            let w = doc.token_text(i);
            !inside(i) && is_speech_verb(w) && w.starts_with(|c: char| c.is_lowercase())
        });
        // A coordinated verb shares the subject of a verb of saying in the
        // same run of verbs ("Lazar said he … and added"), not of one
        // behind a comma ("when I asked …, he looked … and said").
        let earlier = earlier.filter(|&v| participle || !(v..ca).any(|i| doc.token_text(i) == ","));
        if let Some(v) = earlier {
            let r = source_left(doc, st, v)
                .or_else(|| source_right(doc, v + 1, ca).filter(|r| doc.token_text(r.1) == ","));
            // "The spokesman refused …, but said …, adding: “…”": a verb
            // of saying that is itself coordinated shares the clause's
            // subject, found below.
            if r.is_some() || !matches!(doc.token_text(v.saturating_sub(1)), "and" | "but") {
                return r;
            }
        }
        // The subject opens the sentence or the clause after an opening
        // phrase ("Eight years ago, he supported …").
        let starts = std::iter::once(st).chain(
            (st..ca)
                .filter(|&i| doc.token_text(i) == "," && !inside(i))
                .map(|i| i + 1),
        );
        for c in starts {
            if let Some(r) = clause_subject(doc, c, ca) {
                return Some(r);
            }
        }
    }
    None
}

/// Verbs right after a subject, as far as a word list and the past-tense
/// ending tell them without a part-of-speech tagger.
fn is_verb_like(w: &str) -> bool {
    w.starts_with(|c: char| c.is_lowercase())
        && (w.ends_with("ed")
            || is_cue_word(w)
            || is_adverb(w)
            || matches!(
                w,
                "did"
                    | "does"
                    | "do"
                    | "was"
                    | "is"
                    | "were"
                    | "are"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "may"
                    | "might"
                    | "should"
                    | "must"
                    | "took"
                    | "went"
                    | "made"
                    | "gave"
                    | "got"
                    | "came"
                    | "sat"
                    | "stood"
                    | "held"
                    | "led"
                    | "met"
                    | "sent"
                    | "won"
                    | "lost"
                    | "kept"
                    | "left"
                    | "brought"
                    | "began"
                    | "drew"
                    | "ran"
                    | "spent"
                    | "sought"
                    | "struck"
                    | "threw"
            ))
}

/// The subject at the start `st` of a clause, followed by its verb: a
/// pronoun, a name or a described subject ("The president").
fn clause_subject(doc: &Doc, st: usize, hi: usize) -> Option<(usize, usize)> {
    if st >= hi {
        return None;
    }
    let w = doc.token_text(st);
    // "Hours later, Trump …": an adverb before a comma ends an opening
    // phrase; it does not follow a subject.
    let verb_at = |e: usize| {
        e < hi
            && is_verb_like(doc.token_text(e))
            && !(is_adverb(doc.token_text(e)) && e + 1 < hi && doc.token_text(e + 1) == ",")
    };
    if is_subject_pronoun(w) {
        return verb_at(st + 1).then_some((st, st + 1));
    }
    let opener = OPENERS.contains(&w) || w.ends_with("ing") || w.ends_with("ly");
    let mut e = st;
    loop {
        if e < hi && is_name_word(doc.token_text(e)) {
            e += 1;
        } else if e > st
            && e + 2 < hi
            && matches!(doc.token_text(e), "al" | "el" | "bin" | "ibn" | "abu")
            && doc.token_text(e + 1) == "-"
            && is_name_word(doc.token_text(e + 2))
        {
            // "Abdulhamid al-Dbeibah": the tokenizer splits at the hyphen.
            e += 3;
        } else {
            break;
        }
    }
    if e > st && !opener && verb_at(e) {
        return Some((st, e));
    }
    described_subject(doc, st, hi)
}

/// A subject like "The president" or "The Vermont senator" opening the
/// clause at `st`: a determiner and at most four words, then a verb in
/// the past tense or a reporting verb (no tagger tells verbs here, so only
/// those forms count).
fn described_subject(doc: &Doc, st: usize, hi: usize) -> Option<(usize, usize)> {
    if !matches!(doc.token_text(st), "The" | "the") {
        return None;
    }
    let mut e = st + 1;
    while e < hi && e - st <= 5 {
        let w = doc.token_text(e);
        if !w.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
        let lower = w.chars().all(|c| c.is_lowercase() || c == '-');
        if e > st + 1 && lower && (w.ends_with("ed") || is_cue_word(w)) {
            return Some((st, e));
        }
        if lower && is_function_word(w) {
            return None;
        }
        e += 1;
    }
    None
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "another" | "one" | "his" | "her" | "their" | "its"
    )
}

fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "and" | "or" | "for" | "in" | "on" | "at" | "to" | "who" | "that" | "which" | "with"
    )
}

fn first_token(d: &Draft) -> usize {
    [
        d.cue.map(|c| c.0),
        d.source.map(|s| s.0),
        d.content.first().map(|c| c.0),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(0)
}

/// True when every word of the piece lies inside quotation marks.
pub fn is_direct(doc: &Doc, piece: (usize, usize), quoting: &Quoting) -> bool {
    let mut words = 0;
    for i in piece.0..piece.1 {
        let t = doc.token_text(i);
        if mark_of(t).is_some() || t.chars().all(|c| c.is_ascii_punctuation()) {
            continue;
        }
        words += 1;
        if !quoting.inside.get(i).copied().unwrap_or(false) {
            return false;
        }
    }
    words > 0
}

/// Kind of a draft from how much of its content is quoted.
pub fn kind(doc: &Doc, d: &Draft, quoting: &Quoting) -> QuoteKind {
    let (mut quoted, mut words) = (0, 0);
    for &(a, b) in &d.content {
        for i in a..b {
            let t = doc.token_text(i);
            if mark_of(t).is_some() || t.chars().all(|c| c.is_ascii_punctuation()) {
                continue;
            }
            words += 1;
            quoted += quoting.inside.get(i).copied().unwrap_or(false) as usize;
        }
    }
    if words > 0 && quoted == words {
        QuoteKind::Direct
    } else if quoted > 0 {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// Offsets of a token range.
pub fn offsets(doc: &Doc, (a, b): (usize, usize)) -> Offsets {
    doc.span(a, b).offsets
}

/// A quote record without its speaker.
pub fn to_quote(doc: &Doc, d: &Draft, quoting: &Quoting) -> Quote {
    Quote {
        kind: kind(doc, d, quoting),
        content: d.content.iter().map(|&r| offsets(doc, r)).collect(),
        cue: d.cue.map(|r| offsets(doc, r)),
        source: d.source.map(|r| offsets(doc, r)),
        speaker: None,
        speaker_code: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks::pair;

    fn doc(text: &str) -> Doc {
        let mut d = Doc::new("t", text);
        annalist_tokenizer::analyze(&mut d);
        d
    }

    /// Token range of the first occurrence of `words` (space-separated
    /// token texts).
    fn find(d: &Doc, words: &str) -> (usize, usize) {
        let w: Vec<&str> = words.split(' ').collect();
        (0..d.tokens.len())
            .find(|&i| {
                i + w.len() <= d.tokens.len()
                    && w.iter().enumerate().all(|(k, x)| d.token_text(i + k) == *x)
            })
            .map(|i| (i, i + w.len()))
            .unwrap_or_else(|| panic!("{words:?} not in the tokens"))
    }

    fn span(role: Role, (start, end): (usize, usize)) -> RoleSpan {
        RoleSpan { role, start, end }
    }

    fn text(d: &Doc, r: Option<(usize, usize)>) -> String {
        r.map(|(a, b)| d.span_text(&d.span(a, b)).to_string())
            .unwrap_or_default()
    }

    #[test]
    fn inverted_cue_keeps_appositive_and_relative_clause() {
        let d =
            doc("“We will win,” said Tim Hess, a developer in Virginia, who backed the plan.\n");
        let spans = [
            span(Role::Content, find(&d, "“ We will win , ”")),
            span(Role::Cue, find(&d, "said")),
            span(Role::Source, find(&d, "Tim Hess , a developer")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        assert_eq!(
            text(&d, drafts[0].source),
            "Tim Hess, a developer in Virginia, who backed the plan"
        );
    }

    #[test]
    fn bare_name_takes_its_relative_clause() {
        let d = doc("“We will win,” said Kunin, who has been critical of Sanders.\n");
        let spans = [
            span(Role::Content, find(&d, "“ We will win , ”")),
            span(Role::Cue, find(&d, "said")),
            span(Role::Source, find(&d, "Kunin")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        assert_eq!(
            text(&d, drafts[0].source),
            "Kunin, who has been critical of Sanders"
        );
    }

    #[test]
    fn anonymity_clause_stays_out_of_the_source() {
        let d = doc("“We will win,” said Harvey, who spoke on condition of anonymity.\n");
        let spans = [
            span(Role::Content, find(&d, "“ We will win , ”")),
            span(Role::Cue, find(&d, "said")),
            span(Role::Source, find(&d, "Harvey")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        assert_eq!(text(&d, drafts[0].source), "Harvey");
    }

    #[test]
    fn cue_without_source_takes_adjacent_name() {
        let d = doc("“Why is this not proof?” Vitter demanded.\n");
        let spans = [
            span(Role::Content, find(&d, "“ Why is this not proof ? ”")),
            span(Role::Cue, find(&d, "demanded")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        assert_eq!(text(&d, drafts[0].source), "Vitter");
    }

    #[test]
    fn participle_takes_subject_of_earlier_verb() {
        let d = doc("The two will meet next week, Spicer said, adding, “They need to talk.”\n");
        let spans = [
            span(Role::Cue, find(&d, "adding")),
            span(Role::Content, find(&d, "“ They need to talk . ”")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        assert_eq!(text(&d, drafts[0].source), "Spicer");
    }

    #[test]
    fn quotation_without_cue_takes_the_frame_after_it() {
        let d = doc("“Would it stay?” Hannity pressed. “Out!” the crowd yelled.\n");
        let spans = [
            span(Role::Content, find(&d, "“ Would it stay ? ”")),
            span(Role::Content, find(&d, "“ Out ! ”")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        let sources: Vec<String> = drafts.iter().map(|x| text(&d, x.source)).collect();
        assert_eq!(sources, ["Hannity", "the crowd"]);
    }

    #[test]
    fn coordinated_cue_takes_the_clause_subject() {
        let d = doc("Eight years ago, he backed Obama and said, “She has done nothing.”\n");
        let spans = [
            span(Role::Cue, find(&d, "said")),
            span(Role::Content, find(&d, "“ She has done nothing . ”")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        assert_eq!(text(&d, drafts[0].source), "he");
    }

    #[test]
    fn clause_after_an_inverted_cue_is_no_content() {
        let d = doc("“We will win,” Fiorina told “Fox News,” reminding the hosts of the vote.\n");
        let spans = [
            span(Role::Content, find(&d, "“ We will win , ”")),
            span(Role::Source, find(&d, "Fiorina")),
            span(Role::Cue, find(&d, "told")),
            span(Role::Content, find(&d, "News , ” reminding the hosts")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        assert_eq!(drafts[0].content.len(), 1, "{drafts:?}");
    }

    #[test]
    fn quotation_after_a_reported_clause_is_not_its_content() {
        let d = doc("Bivens hopes Democrats will spend more. “We need stimulus.”\n");
        let spans = [
            span(Role::Source, find(&d, "Bivens")),
            span(Role::Cue, find(&d, "hopes")),
            span(Role::Content, find(&d, "Democrats will spend more")),
            span(Role::Content, find(&d, "“ We need stimulus . ”")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        assert_eq!(drafts.len(), 2, "{drafts:?}");
        assert!(drafts[1].source.is_none() && drafts[1].cue.is_none());
    }

    #[test]
    fn next_quotation_joins_the_first_cue_of_its_sentence() {
        let d = doc("“We lost,” said Pardo, who said he would not vote. “It is over.”\n");
        let spans = [
            span(Role::Content, find(&d, "“ We lost , ”")),
            span(Role::Cue, find(&d, "said")),
            span(Role::Source, find(&d, "Pardo")),
            span(Role::Source, find(&d, "who")),
            span(
                Role::Cue,
                (find(&d, "said he").0, find(&d, "said he").0 + 1),
            ),
            span(Role::Content, find(&d, "he would not vote")),
            span(Role::Content, find(&d, "“ It is over . ”")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        let pardo = drafts
            .iter()
            .find(|x| text(&d, x.source) == "Pardo")
            .expect("Pardo's quote");
        assert_eq!(pardo.content.len(), 2, "{drafts:?}");
    }

    #[test]
    fn second_quotation_after_an_inverted_cue_stays() {
        let d = doc("“We care,” he said of the campaign, “and we will win.”\n");
        let spans = [
            span(Role::Content, find(&d, "“ We care , ”")),
            span(Role::Source, find(&d, "he")),
            span(Role::Cue, find(&d, "said")),
            span(
                Role::Content,
                find(&d, "the campaign , “ and we will win . ”"),
            ),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        assert_eq!(drafts[0].content.len(), 2, "{drafts:?}");
        assert!(drafts[0]
            .content
            .iter()
            .all(|&p| is_direct(&d, p, &pair(&d))));
    }

    #[test]
    fn colon_joins_quote_of_next_paragraph() {
        let d = doc("He said:\n\n“We have a situation.”\n");
        let spans = [
            span(Role::Source, find(&d, "He")),
            span(Role::Cue, find(&d, "said")),
            span(Role::Content, find(&d, "“ We have a situation . ”")),
        ];
        let drafts = group(&d, &spans, &pair(&d));
        assert_eq!(drafts.len(), 1, "{drafts:?}");
        assert_eq!(text(&d, drafts[0].source), "He");
        assert_eq!(drafts[0].content.len(), 1);
    }
}
