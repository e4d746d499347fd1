//! `annalist eval quotes`: exact-span and token-overlap precision, recall
//! and F1 for source, cue and content on PolNeAR.
//!
//! Exact: a predicted span counts when its character pieces equal a gold
//! span's. Overlap: tokens of each role, predicted against gold. The direct
//! set keeps gold attributions whose content lies entirely inside quotation
//! marks and predicted quotes of kind `direct`.

use crate::marks::{pair, Quoting};
use crate::polnear::{read_split, Article, Pieces};
use crate::tagger::Tagger;
use crate::training::{doc_of, token_ranges};
use crate::{assemble, extract, shipped, QuotesError};
use annalist_doc::{Doc, Offsets, Quote, QuoteKind};
use annalist_eval::{data_path, Prf, Report};
use std::collections::HashSet;
use std::path::Path;

/// Counts for one evaluation set.
#[derive(Default)]
struct Scores {
    exact: [Prf; 3],
    overlap: [Prf; 3],
    docs: u64,
}

/// Evaluates the shipped model on the PolNeAR sets (`polnear-test`,
/// `polnear-test-direct`, `polnear-dev`, `polnear-dev-direct`,
/// `polnear-train`, `polnear-train-direct`), or only on `set`. The tagger
/// was trained on train, so the train sets flatter it; they are there to
/// tune the rules, which dev has been over-fitted to.
pub fn evaluate(data_dir: &Path, set: Option<&str>) -> Result<Vec<Report>, QuotesError> {
    evaluate_with(shipped()?, data_dir, set)
}

/// Evaluates `tagger` (for tuning experiments).
pub fn evaluate_with(
    tagger: &Tagger,
    data_dir: &Path,
    set: Option<&str>,
) -> Result<Vec<Report>, QuotesError> {
    let root = data_path(data_dir, "quotes/polnear/data")?;
    let wanted = |name: &str| set.is_none_or(|s| s == name);
    let mut reports = Vec::new();
    if wanted("polnear-test") || wanted("polnear-test-direct") {
        let arts = read_split(&root, "test")?;
        let (all, direct) = score(&|_| tagger, &arts);
        if wanted("polnear-test") {
            reports.push(report("polnear-test", &all));
        }
        if wanted("polnear-test-direct") {
            reports.push(report("polnear-test-direct", &direct));
        }
    }
    for split in ["dev", "train"] {
        let (name, name_direct) = (
            format!("polnear-{split}"),
            format!("polnear-{split}-direct"),
        );
        if !wanted(&name) && !wanted(&name_direct) {
            continue;
        }
        let arts = read_split(&root, split)?;
        let (all, direct) = score(&|_| tagger, &arts);
        if wanted(&name) {
            reports.push(report(&name, &all));
        }
        if wanted(&name_direct) {
            reports.push(report(&name_direct, &direct));
        }
    }
    Ok(reports)
}

fn report(set: &str, s: &Scores) -> Report {
    let mut r = Report::new("quotes", set);
    for (k, role) in ["source", "cue", "content"].iter().enumerate() {
        r = r.prf(&format!("{role}_"), &s.exact[k]);
    }
    for (k, role) in ["source", "cue", "content"].iter().enumerate() {
        r = r.prf(&format!("{role}_overlap_"), &s.overlap[k]);
    }
    r.count("documents", s.docs)
        .count("gold_sources", s.exact[0].gold as u64)
        .count("predicted_sources", s.exact[0].predicted as u64)
}

/// Role units of one side: exact piece lists and covered tokens, per role.
#[derive(Default)]
struct Side {
    exact: [HashSet<Pieces>; 3],
    tokens: [HashSet<usize>; 3],
}

impl Side {
    fn add(&mut self, doc: &Doc, role: usize, pieces: Pieces) {
        for (a, b) in token_ranges(doc, &pieces) {
            self.tokens[role].extend(a..b);
        }
        self.exact[role].insert(pieces);
    }
}

/// Reports `name` and `name-direct` for `arts`, article `k` labelled by
/// `taggers[k % taggers.len()]`: with taggers trained on the other folds
/// (cross-fitting), the training split scores like unseen text.
pub fn evaluate_folds(taggers: &[&Tagger], arts: &[Article], name: &str) -> Vec<Report> {
    if taggers.is_empty() {
        return Vec::new();
    }
    let (all, direct) = score(&|k| taggers[k % taggers.len()], arts);
    vec![
        report(name, &all),
        report(&format!("{name}-direct"), &direct),
    ]
}

fn score<'t>(tagger_for: &dyn Fn(usize) -> &'t Tagger, arts: &[Article]) -> (Scores, Scores) {
    let mut all = Scores::default();
    let mut direct = Scores::default();
    for (k, a) in arts.iter().enumerate() {
        let doc = doc_of(a);
        let quoting = pair(&doc);
        let quotes = extract(tagger_for(k), &doc);
        let (mut g_all, mut g_dir, mut p_all, mut p_dir) = (
            Side::default(),
            Side::default(),
            Side::default(),
            Side::default(),
        );
        for r in &a.relations {
            let is_dir =
                !r.content.is_empty() && r.content.iter().all(|p| gold_direct(&doc, p, &quoting));
            for (side, keep) in [(&mut g_all, true), (&mut g_dir, is_dir)] {
                if !keep {
                    continue;
                }
                for (role, spans) in [&r.source, &r.cue, &r.content].into_iter().enumerate() {
                    for p in spans {
                        side.add(&doc, role, p.clone());
                    }
                }
            }
        }
        for q in &quotes {
            let is_dir = q.kind == QuoteKind::Direct;
            for (side, keep) in [(&mut p_all, true), (&mut p_dir, is_dir)] {
                if keep {
                    add_quote(side, &doc, q);
                }
            }
        }
        tally(&mut all, &g_all, &p_all);
        tally(&mut direct, &g_dir, &p_dir);
    }
    (all, direct)
}

fn pieces(o: &[Offsets]) -> Pieces {
    o.iter()
        .map(|x| (x.char_start as usize, x.char_end as usize))
        .collect()
}

fn add_quote(side: &mut Side, doc: &Doc, q: &Quote) {
    if let Some(s) = &q.source {
        side.add(doc, 0, pieces(std::slice::from_ref(s)));
    }
    if let Some(c) = &q.cue {
        side.add(doc, 1, pieces(std::slice::from_ref(c)));
    }
    if !q.content.is_empty() {
        side.add(doc, 2, pieces(&q.content));
    }
}

fn gold_direct(doc: &Doc, p: &Pieces, quoting: &Quoting) -> bool {
    let ranges = token_ranges(doc, p);
    !ranges.is_empty() && ranges.iter().all(|&r| assemble::is_direct(doc, r, quoting))
}

fn tally(s: &mut Scores, gold: &Side, pred: &Side) {
    s.docs += 1;
    for k in 0..3 {
        let tp = pred.exact[k].intersection(&gold.exact[k]).count();
        s.exact[k].add(
            tp as f64,
            pred.exact[k].len() as f64,
            gold.exact[k].len() as f64,
        );
        let tp = pred.tokens[k].intersection(&gold.tokens[k]).count();
        s.overlap[k].add(
            tp as f64,
            pred.tokens[k].len() as f64,
            gold.tokens[k].len() as f64,
        );
    }
}
