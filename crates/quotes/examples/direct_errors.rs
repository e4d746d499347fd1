//! Lists direct-quote source errors on a PolNeAR split, for error
//! analysis: `MISS` (a gold direct source no predicted direct quote has)
//! and `FP` (a predicted direct source that is no gold direct source), with
//! context.
//!
//! `cargo run --release -p annalist-quotes --example direct_errors [SPLIT] [FOLDS]`
//!
//! With FOLDS above 1 (meant for `train`), article `k` is labelled by a
//! tagger trained on the split without fold `k % FOLDS`, so the rules are
//! judged on tagger output like that on unseen text; the shipped tagger has
//! seen every train article. The fold models (same settings as the shipped
//! one) are cached in the temporary folder; delete them after changing the
//! features. The split's figures, like `annalist eval quotes`, go to
//! standard error.
use annalist_quotes::tagger::{self, Tagger};
use annalist_quotes::{assemble, eval, extract, marks, polnear, shipped, training};
use std::collections::HashSet;

/// Taggers for cross-fitting: model `f` is trained on every article of
/// `arts` whose index is not `f` modulo `folds`.
fn fold_taggers(
    arts: &[polnear::Article],
    split: &str,
    folds: usize,
) -> Result<Vec<Tagger>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for f in 0..folds {
        let path =
            std::env::temp_dir().join(format!("annalist-quotes-{split}-fold{f}of{folds}.anlm"));
        if !path.exists() {
            let docs: Vec<_> = arts
                .iter()
                .enumerate()
                .filter(|(k, _)| k % folds != f)
                .map(|(_, a)| {
                    let d = training::doc_of(a);
                    let g = training::gold_labels(&d, a);
                    (d, g)
                })
                .collect();
            let model = tagger::train(&docs, 8, 20261128, 2.0);
            let mut bytes = Vec::new();
            model.save(&mut bytes)?;
            std::fs::write(&path, &bytes)?;
            eprintln!("trained {}", path.display());
        }
        out.push(Tagger::from_bytes(&std::fs::read(&path)?)?);
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let split = std::env::args().nth(1).unwrap_or_else(|| "dev".into());
    let folds: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let data = annalist_eval::default_data_dir().join("quotes/polnear/data");
    let arts = polnear::read_split(&data, &split)?;
    let taggers = if folds > 1 {
        fold_taggers(&arts, &split, folds)?
    } else {
        Vec::new()
    };
    let t = shipped()?;
    let tagger_for = |k: usize| taggers.get(k % folds.max(1)).unwrap_or(t);
    let chars = |s: &str, a: usize, b: usize| -> String {
        s.chars()
            .skip(a)
            .take(b.saturating_sub(a))
            .collect::<String>()
            .replace('\n', " ")
    };
    let (mut n_gold, mut n_pred, mut n_tp) = (0usize, 0usize, 0usize);
    for (k, a) in arts.iter().enumerate() {
        let doc = training::doc_of(a);
        let q = marks::pair(&doc);
        let quotes = extract(tagger_for(k), &doc);
        let pred: Vec<(polnear::Pieces, &annalist_doc::Quote)> = quotes
            .iter()
            .filter(|x| x.kind == annalist_doc::QuoteKind::Direct)
            .filter_map(|x| {
                x.source
                    .map(|s| (vec![(s.char_start as usize, s.char_end as usize)], x))
            })
            .collect();
        let pset: HashSet<&polnear::Pieces> = pred.iter().map(|p| &p.0).collect();
        let mut gold: HashSet<polnear::Pieces> = HashSet::new();
        let all_sources: HashSet<&polnear::Pieces> =
            a.relations.iter().flat_map(|r| r.source.iter()).collect();
        for r in &a.relations {
            let direct = !r.content.is_empty()
                && r.content.iter().all(|p| {
                    let rr = training::token_ranges(&doc, p);
                    !rr.is_empty() && rr.iter().all(|&x| assemble::is_direct(&doc, x, &q))
                });
            if !direct {
                continue;
            }
            gold.extend(r.source.iter().cloned());
            for s in &r.source {
                if pset.contains(s) {
                    continue;
                }
                let c = &r.content[0][0];
                let cue = r
                    .cue
                    .first()
                    .map(|p| chars(&a.text, p[0].0, p[p.len() - 1].1))
                    .unwrap_or_default();
                let near = pred
                    .iter()
                    .min_by_key(|p| (p.0[0].0 as i64 - s[0].0 as i64).abs())
                    .map(|p| chars(&a.text, p.0[0].0, p.0[0].1))
                    .unwrap_or_default();
                // What the stage made of the same content, if anything.
                let same = quotes
                    .iter()
                    .find(|x| {
                        x.content
                            .iter()
                            .any(|o| (o.char_start as usize) < c.1 && (o.char_end as usize) > c.0)
                    })
                    .map(|x| match (x.source, x.speaker.as_ref()) {
                        (Some(s), _) => format!(
                            "{:?}:src={}{}",
                            x.kind,
                            chars(&a.text, s.char_start as usize, s.char_end as usize),
                            if x.kind == annalist_doc::QuoteKind::Mixed {
                                x.content
                                    .iter()
                                    .map(|o| {
                                        format!(
                                            " <<{}>>",
                                            chars(
                                                &a.text,
                                                o.char_start as usize,
                                                o.char_end as usize
                                            )
                                        )
                                    })
                                    .collect::<String>()
                            } else {
                                String::new()
                            }
                        ),
                        (None, sp) => format!(
                            "{:?}:nosrc,cue={},speaker={}",
                            x.kind,
                            x.cue
                                .map(|c| chars(&a.text, c.char_start as usize, c.char_end as usize))
                                .unwrap_or_default(),
                            sp.cloned().unwrap_or_default()
                        ),
                    })
                    .unwrap_or_else(|| "none".into());
                println!(
                    "MISS GOLD[{}] cue[{}] same[{same}] pred-near[{}] dist={} :: {}",
                    chars(&a.text, s[0].0, s[s.len() - 1].1),
                    cue,
                    near,
                    s[0].0 as i64 - c.0 as i64,
                    chars(
                        &a.text,
                        s[0].0.min(c.0).saturating_sub(30),
                        s[0].1.max(c.0) + 60
                    )
                );
            }
        }
        n_gold += gold.len();
        n_pred += pset.len();
        n_tp += pset.iter().filter(|p| gold.contains(**p)).count();
        for (p, x) in &pred {
            if gold.contains(p) {
                continue;
            }
            let cue = x
                .cue
                .map(|c| chars(&a.text, c.char_start as usize, c.char_end as usize))
                .unwrap_or_default();
            let c0 = x
                .content
                .first()
                .map(|c| c.char_start as usize)
                .unwrap_or(0);
            let lo = p[0].0.min(c0).saturating_sub(40);
            let hi = (p[0].1.max(c0) + 80).min(a.text.chars().count());
            // A wrong extent of a gold source, or a source where gold has
            // none.
            let overlapping = all_sources
                .iter()
                .find(|g| g[0].0 < p[0].1 && g[g.len() - 1].1 > p[0].0)
                .map(|g| format!("(gold [{}]) ", chars(&a.text, g[0].0, g[g.len() - 1].1)))
                .unwrap_or_default();
            println!(
                "FP   {}PRED[{}] cue[{}] :: {}",
                if all_sources.contains(p) {
                    "(gold not direct) ".to_string()
                } else {
                    overlapping
                },
                chars(&a.text, p[0].0, p[0].1),
                cue,
                chars(&a.text, lo, hi)
            );
        }
    }
    let f1 = 200.0 * n_tp as f64 / (n_gold + n_pred).max(1) as f64;
    eprintln!("{split}: gold {n_gold} predicted {n_pred} correct {n_tp} F1 {f1:.2}");
    let used: Vec<&Tagger> = if taggers.is_empty() {
        vec![t]
    } else {
        taggers.iter().collect()
    };
    for r in eval::evaluate_folds(&used, &arts, &format!("polnear-{split}")) {
        eprintln!("{}", r.to_json_line());
    }
    Ok(())
}
