//! `annalist train pos|ner|clusters|events|quotes` (parse in train_parse.rs): produces the model files shipped in
//! the repository from the shared data (or from the user's own CoNLL-U /
//! CoNLL files), with a progress bar and per-epoch dev scores.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `annalist train`.
#[derive(Args)]
pub struct TrainArgs {
    #[command(subcommand)]
    what: TrainWhat,
}

#[derive(Subcommand)]
enum TrainWhat {
    /// POS tagger and lemma table from a CoNLL-U treebank (default: UD English-EWT).
    Pos(PosArgs),
    /// Named-entity recognizer from CoNLL files (default: CoNLL-2003).
    Ner(NerArgs),
    /// Word clusters from unlabelled news text (default: the shared corpus).
    Clusters(ClusterArgs),
    /// Dependency parser from UD English-EWT with jackknifed predicted tags.
    Parse(crate::train_parse::ParseArgs),
    /// Event confidence model from the news event corpus's train split.
    Events(EventsArgs),
    /// Quotation attribution tagger from PolNeAR's train split.
    Quotes(QuotesArgs),
}

#[derive(Args)]
struct QuotesArgs {
    /// PolNeAR's data folder, holding train/ (default: quotes/polnear/data
    /// in the shared data).
    #[arg(long)]
    train: Option<PathBuf>,
    /// Folder holding the shared data (default: $ANNALIST_DATA or ../shared/data).
    #[arg(long, env = "ANNALIST_DATA")]
    data: Option<PathBuf>,
    /// Passes over the training articles.
    #[arg(long, default_value_t = 8)]
    epochs: usize,
    /// Weights smaller than this (in absolute value) are dropped after
    /// training: a smaller file, a little less recall.
    #[arg(long, default_value_t = 2.0)]
    prune: f32,
    /// Runs with different shuffling seeds, averaged before pruning.
    #[arg(long, default_value_t = 1)]
    seeds: u64,
    /// Output folder (writes quotes.anlm).
    #[arg(long, default_value = "crates/quotes/model")]
    out: PathBuf,
    /// Write into DIR/quotes/ instead, a models directory that
    /// `annalist extract --models DIR` reads.
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    models: Option<PathBuf>,
}

/// Trains the attribution tagger (source, cue, content roles) on PolNeAR's
/// train split; with `--seeds` above 1, that many runs with different
/// shuffling are averaged before pruning. The output is the same from run
/// to run.
fn quotes(mut a: QuotesArgs) -> Result<ExitCode> {
    use annalist_quotes::{polnear, tagger, training};
    if let Some(d) = &a.models {
        a.out = d.join("quotes");
    }
    let data = a.train.clone().unwrap_or_else(|| {
        a.data
            .clone()
            .unwrap_or_else(annalist_eval::default_data_dir)
            .join("quotes/polnear/data")
    });
    let arts = polnear::read_split(&data, "train")
        .with_context(|| format!("reading PolNeAR's train split in {}", data.display()))?;
    let docs: Vec<_> = arts
        .iter()
        .map(|art| {
            let d = training::doc_of(art);
            let g = training::gold_labels(&d, art);
            (d, g)
        })
        .collect();
    eprintln!("{} training articles", docs.len());
    const SEED: u64 = 20261128;
    let model = if a.seeds <= 1 {
        tagger::train(&docs, a.epochs, SEED, a.prune)
    } else {
        let runs: Vec<_> = (0..a.seeds)
            .map(|k| tagger::train(&docs, a.epochs, SEED + k, 0.0))
            .collect();
        let refs: Vec<&annalist_linear::Model> = runs.iter().collect();
        annalist_linear::Model::mean(&refs)
            .context("the averaged models differ in shape")?
            .pruned(a.prune)
    };
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    let path = a.out.join("quotes.anlm");
    let f = std::fs::File::create(&path).with_context(|| format!("writing {}", path.display()))?;
    model
        .save(std::io::BufWriter::new(f))
        .with_context(|| format!("writing {}", path.display()))?;
    if a.models.is_some() {
        write_card(
            &a.out,
            "quotes",
            &[&format!("train: {}/train (PolNeAR)", data.display())],
        )?;
    }
    eprintln!(
        "wrote {} ({} features, {} weights)",
        path.display(),
        model.n_features(),
        model.n_weights()
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
struct EventsArgs {
    /// Folder holding the shared data (default: $ANNALIST_DATA or ../shared/data).
    #[arg(long, env = "ANNALIST_DATA")]
    data: Option<PathBuf>,
    /// Gradient steps of the confidence model over the whole training set.
    #[arg(long, default_value_t = 400)]
    epochs: usize,
    /// L2 penalty of the confidence model (larger: flatter, more cautious
    /// probabilities).
    #[arg(long, default_value_t = 0.01)]
    l2: f32,
    /// Passes over the train split for the trigger and argument models.
    #[arg(long, default_value_t = 8)]
    learned_epochs: usize,
    /// Times each event trigger is shown per pass (events are rare among
    /// the candidate words).
    #[arg(long, default_value_t = 3)]
    oversample: usize,
    /// Output folder (learned-triggers.anlm, learned-args.anlm,
    /// learned-codes.tsv, confidence.json).
    #[arg(long, default_value = "crates/events/model")]
    out: PathBuf,
    /// Write into DIR/events/ instead, a models directory that
    /// `annalist extract --models DIR` reads.
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    models: Option<PathBuf>,
}

/// Trains the learned event coder (trigger and argument models, code
/// table) on the news event corpus's train split, then the confidence
/// model on the events the dictionary coder and the new models together
/// code on the same stories. Prints the dev split's figures for the
/// dictionary coder alone, the models alone and both, so the choice of
/// `--epochs` and friends is made on dev.
fn events(mut a: EventsArgs) -> Result<ExitCode> {
    if let Some(d) = &a.models {
        a.out = d.join("events");
    }
    use annalist_events::confidence::{features, ConfidenceModel};
    use annalist_events::learned::{self, LearnedCoder};
    let data = a
        .data
        .clone()
        .unwrap_or_else(annalist_eval::default_data_dir);
    let load = |split: &str| {
        crate::news_eval::Annotated::load(&data, split)
            .with_context(|| format!("annotating the {split} split"))
    };
    let mut train = load("train")?;
    let mut dev = load("dev")?;
    let coder = annalist_events::Coder::standard();
    // Dictionary events only, whatever models the binary was built with.
    for run in [&mut train, &mut dev] {
        for doc in run.docs.values_mut() {
            coder.code(doc);
        }
    }
    let (tm, am, codes) = fit_learned(&train, &a);
    // Each model on its own on dev: triggers (token and root) and, on
    // gold triggers, the arguments.
    {
        let (dt, da, _) = learned_instances(&dev);
        let mut scratch = Vec::new();
        let (mut tp, mut pred, mut gold) = (0, 0, 0);
        for (f, g) in &dt {
            let p = tm.predict(f, &mut scratch).unwrap_or(0);
            pred += usize::from(p != 0);
            gold += usize::from(*g != 0);
            tp += usize::from(p != 0 && p == *g);
        }
        let (mut right, mut n) = (0, 0);
        for (f, g) in &da {
            let p = am.predict(f, &mut scratch).unwrap_or(0);
            n += 1;
            right += usize::from(p == *g);
        }
        eprintln!(
            "dev triggers: {tp} right of {pred} predicted, {gold} gold; arguments on gold triggers: {right}/{n} right"
        );
    }
    // Four-fold cross-validation on the train split: each quarter coded by
    // models trained on the other three. Its predictions choose the
    // margins (4,000 events against dev's 130: a steadier choice) and
    // train the confidence model on what the shipped stage will output on
    // stories the models have not seen (on their own training stories the
    // models would be right, and the confidence model would learn to
    // trust them).
    let ids: Vec<String> = train.docs.keys().cloned().collect();
    let mut folds = Vec::new();
    for fold in 0..4 {
        let held: std::collections::BTreeSet<String> = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 4 == fold)
            .map(|(_, id)| id.clone())
            .collect();
        let rest = train.subset(|id| !held.contains(id));
        let (ftm, fam, fcodes) = fit_learned(&rest, &a);
        folds.push((held, LearnedCoder::new(ftm, fam, fcodes)?));
    }
    let out_of_fold = |folds: &mut [(std::collections::BTreeSet<String>, LearnedCoder)],
                       tmg: f32,
                       amg: f32,
                       vmg: f32| {
        let mut run = train.clone();
        for (held, fm) in folds.iter_mut() {
            fm.trigger_margin = tmg;
            fm.arg_margin = amg;
            fm.veto_margin = vmg;
            for (id, doc) in run.docs.iter_mut() {
                if held.contains(id) {
                    learned::finish(doc, Some(fm));
                }
            }
        }
        run
    };
    let mut model = LearnedCoder::new(tm.clone(), am.clone(), codes.clone())?;
    // (f1, precision, trigger margin, argument margin) of each pair.
    let mut grid: Vec<(f64, f64, f32, f32)> = Vec::new();
    for tmg in [0.0f32, 2.0, 4.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0] {
        for amg in [0.0f32, 2.0, 4.0, 8.0, 16.0, 24.0, 32.0] {
            // A dictionary event is dropped where the model finds none.
            let r = crate::news_eval::score(&out_of_fold(&mut folds, tmg, amg, tmg), "news-train");
            let f1 = r.metrics["f1"].as_f64().unwrap_or(0.0);
            model.trigger_margin = tmg;
            model.arg_margin = amg;
            model.veto_margin = tmg;
            let mut run = dev.clone();
            for doc in run.docs.values_mut() {
                learned::finish(doc, Some(&model));
            }
            let d = crate::news_eval::score(&run, "news-dev");
            eprintln!(
                "  margins {tmg:>4} {amg:>3}: out of fold precision {} recall {} f1 {f1}; dev f1 {}",
                r.metrics["precision"], r.metrics["recall"], d.metrics["f1"]
            );
            grid.push((f1, r.metrics["precision"].as_f64().unwrap_or(0.0), tmg, amg));
        }
    }
    // Analysts count what the coder outputs, so precision weighs twice
    // recall: the pair with the best F0.5 out of fold. (F1 near its top is
    // flat, and its best pair outputs more wrong records than right ones;
    // `--min-confidence` trades the other way per run.)
    let f_half = |g: &(f64, f64, f32, f32)| {
        // Recall from F1 and precision: R = F·P / (2P − F).
        let (f, p) = (g.0, g.1);
        let r = if 2.0 * p - f > 0.0 {
            f * p / (2.0 * p - f)
        } else {
            0.0
        };
        if p + r == 0.0 {
            0.0
        } else {
            1.25 * p * r / (0.25 * p + r)
        }
    };
    let pick = grid
        .iter()
        .max_by(|a, b| f_half(a).total_cmp(&f_half(b)))
        .copied()
        .unwrap_or((0.0, 0.0, 0.0, 0.0));
    let best = (pick.0, pick.2, pick.3);
    model.trigger_margin = best.1;
    model.arg_margin = best.2;
    // Then how sure the model must be to drop a dictionary event: from
    // always when it finds none (the trigger margin) to never.
    let mut vetoes = Vec::new();
    for extra in [0.0f32, 4.0, 8.0, 16.0, 32.0, f32::INFINITY] {
        let r = crate::news_eval::score(
            &out_of_fold(&mut folds, best.1, best.2, best.1 + extra),
            "news-train",
        );
        let g = (
            r.metrics["f1"].as_f64().unwrap_or(0.0),
            r.metrics["precision"].as_f64().unwrap_or(0.0),
            best.1,
            best.2,
        );
        eprintln!(
            "  veto margin {:>4}: out of fold precision {} recall {} f1 {}; F0.5 {:.2}",
            best.1 + extra,
            r.metrics["precision"],
            r.metrics["recall"],
            r.metrics["f1"],
            f_half(&g)
        );
        vetoes.push((f_half(&g), best.1 + extra));
    }
    // Differences under a quarter point are noise; among those margins the
    // largest: a dictionary event stands unless the model is surer.
    let top = vetoes.iter().map(|v| v.0).fold(f64::MIN, f64::max);
    model.veto_margin = vetoes
        .iter()
        .filter(|v| v.0 >= top - 0.25)
        .map(|v| v.1)
        .fold(best.1, f32::max);
    eprintln!("veto margin chosen out of fold: {}", model.veto_margin);
    eprintln!(
        "margins chosen out of fold on train (best F0.5, {:.2}): trigger {}, argument {}",
        f_half(&pick),
        best.1,
        best.2
    );
    let model = model;
    // Dev figures of the three ways.
    let with = |run: &crate::news_eval::Annotated, dict: bool, models: bool| {
        let mut run = run.clone();
        for doc in run.docs.values_mut() {
            if !dict {
                doc.events.clear();
            }
            learned::finish(doc, models.then_some(&model));
        }
        run
    };
    for (name, dict, models) in [
        ("dictionary", true, false),
        ("models", false, true),
        ("both", true, true),
    ] {
        let r = crate::news_eval::score(&with(&dev, dict, models), "news-dev");
        eprintln!(
            "dev, {name:<10}: precision {} recall {} f1 {}",
            r.metrics["precision"], r.metrics["recall"], r.metrics["f1"]
        );
    }
    let train_both = out_of_fold(&mut folds, best.1, best.2, model.veto_margin);
    {
        let r = crate::news_eval::score(&train_both, "news-train");
        eprintln!(
            "train, out of fold, both: precision {} recall {} f1 {}",
            r.metrics["precision"], r.metrics["recall"], r.metrics["f1"]
        );
    }
    let dev_both = with(&dev, true, true);
    let examples = |run: &crate::news_eval::Annotated| -> Vec<(Vec<String>, bool)> {
        run.outcomes()
            .into_iter()
            .map(|(doc, e, ok)| (features(doc, e), ok))
            .collect()
    };
    let tx = examples(&train_both);
    let dx = examples(&dev_both);
    let right = tx.iter().filter(|x| x.1).count();
    let cmeta = format!(
        "news event corpus train split: {} events, {right} right; epochs {}, l2 {}",
        tx.len(),
        a.epochs,
        a.l2
    );
    let cm = ConfidenceModel::train(&tx, a.epochs, a.l2, &cmeta);
    let loss = |xs: &[(Vec<String>, bool)]| {
        xs.iter()
            .map(|(f, y)| {
                let p = cm.probability(f).clamp(1e-4, 1.0 - 1e-4);
                -f64::from(if *y { p.ln() } else { (1.0 - p).ln() })
            })
            .sum::<f64>()
            / xs.len().max(1) as f64
    };
    eprintln!(
        "confidence: trained on {} events ({right} right); log loss train {:.4}, dev {:.4} ({} events)",
        tx.len(),
        loss(&tx),
        loss(&dx),
        dx.len()
    );
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    let write_model = |name: &str, m: &annalist_linear::Model| -> Result<()> {
        let p = a.out.join(name);
        let f = std::fs::File::create(&p).with_context(|| format!("writing {}", p.display()))?;
        m.save(std::io::BufWriter::new(f))
            .with_context(|| format!("writing {}", p.display()))
    };
    write_model("learned-triggers.anlm", &tm)?;
    write_model("learned-args.anlm", &am)?;
    std::fs::write(a.out.join("learned-codes.tsv"), model.codes_tsv())?;
    std::fs::write(a.out.join("confidence.json"), cm.to_json())?;
    if a.models.is_some() {
        write_card(
            &a.out,
            "events",
            &["the news event corpus's train split (corpora/news-events)"],
        )?;
    }
    eprintln!("wrote the models to {}", a.out.display());
    Ok(ExitCode::SUCCESS)
}

/// Trains the trigger and argument models and the code table on `run`.
fn fit_learned(
    run: &crate::news_eval::Annotated,
    a: &EventsArgs,
) -> (
    annalist_linear::Model,
    annalist_linear::Model,
    std::collections::BTreeMap<String, String>,
) {
    use annalist_events::learned;
    let (triggers, args, codes) = learned_instances(run);
    eprintln!(
        "learned coder: {} trigger candidates ({} events), {} argument pairs",
        triggers.len(),
        triggers.iter().filter(|x| x.1 != 0).count(),
        args.len()
    );
    let meta = "news event corpus train split (annalist train events)";
    // Events are rare among the candidates (about one in twenty): each is
    // shown `--oversample` times an epoch so the perceptron does not learn
    // to say "no event" everywhere.
    let mut shown = triggers.clone();
    for x in triggers.iter().filter(|x| x.1 != 0) {
        for _ in 1..a.oversample {
            shown.push(x.clone());
        }
    }
    let tm =
        learned::train_classifier(learned::trigger_labels(), &shown, a.learned_epochs, 1, meta);
    let am = learned::train_classifier(
        learned::ROLES.iter().map(|r| r.to_string()).collect(),
        &args,
        a.learned_epochs,
        2,
        meta,
    );
    (tm, am, codes)
}

/// Training instances of the learned coder from the train split: trigger
/// candidates with their gold root (class 0 when no counted event has its
/// trigger there), argument pairs for each gold trigger, and the code
/// table (`LEMMA\tROOT` → the code annotators gave most often; `\tROOT`
/// → the root's most frequent code).
#[allow(clippy::type_complexity)]
fn learned_instances(
    run: &crate::news_eval::Annotated,
) -> (
    Vec<(Vec<u64>, usize)>,
    Vec<(Vec<u64>, usize)>,
    std::collections::BTreeMap<String, String>,
) {
    use annalist_events::learned::{self, Sentence};
    use std::collections::BTreeMap;
    let labels = learned::trigger_labels();
    let mut triggers = Vec::new();
    let mut args = Vec::new();
    let mut counts: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    for (id, sents) in run.by_story() {
        let doc = &run.docs[id];
        let heads = learned::mention_heads(doc);
        for g in sents {
            // The sentence's tokens: those starting inside the gold span.
            let toks: Vec<usize> = (0..doc.tokens.len())
                .filter(|&i| {
                    let c = doc.tokens[i].offsets.char_start;
                    g.sentence[0] <= c && c < g.sentence[1]
                })
                .collect();
            let (Some(&start), Some(&last)) = (toks.first(), toks.last()) else {
                continue;
            };
            let ctx = Sentence::new(doc, start, last + 1, &heads);
            let mut gold_at: BTreeMap<usize, (String, &crate::news_eval::GoldEvent)> =
                BTreeMap::new();
            for e in g.events.iter().filter(|e| e.counted()) {
                let Some([cs, ce]) = e.trigger else { continue };
                let over: Vec<usize> = toks
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let o = &doc.tokens[i].offsets;
                        o.char_start < ce && o.char_end > cs
                    })
                    .collect();
                let pick = over
                    .iter()
                    .copied()
                    .find(|&i| doc.tokens[i].pos.as_deref() == Some("VERB"))
                    .or_else(|| over.iter().copied().find(|&i| learned::candidate(doc, i)))
                    .or(over.last().copied());
                if let Some(t) = pick {
                    let r: String = e.cameo.chars().take(2).collect();
                    let lemma = doc.tokens[t]
                        .lemma
                        .as_deref()
                        .map(str::to_lowercase)
                        .unwrap_or_else(|| doc.token_text(t).to_lowercase());
                    *counts
                        .entry((lemma, r.clone()))
                        .or_default()
                        .entry(e.cameo.clone())
                        .or_default() += 1;
                    *counts
                        .entry((String::new(), r.clone()))
                        .or_default()
                        .entry(e.cameo.clone())
                        .or_default() += 1;
                    gold_at.entry(t).or_insert((r, e));
                }
            }
            for &t in &toks {
                let gold = gold_at.get(&t);
                if !(learned::candidate(doc, t) && ctx.near_actor(doc, t)) && gold.is_none() {
                    continue;
                }
                if ctx.actors.is_empty() && gold.is_none() {
                    continue;
                }
                let class = gold
                    .and_then(|(r, _)| labels.iter().position(|l| l == r))
                    .unwrap_or(0);
                triggers.push((learned::trigger_features(doc, &ctx, t), class));
                let Some((r, e)) = gold else { continue };
                for &(a, h) in &ctx.actors {
                    let o = &doc.actors[a].span.offsets;
                    let inside = |s: Option<[u32; 2]>| {
                        s.is_some_and(|[cs, ce]| o.char_start < ce && o.char_end > cs)
                    };
                    let class = if inside(e.source) {
                        1
                    } else if inside(e.target) {
                        2
                    } else {
                        0
                    };
                    args.push((learned::arg_features(doc, &ctx, t, a, h, r), class));
                }
            }
        }
    }
    let codes = counts
        .into_iter()
        .filter_map(|((lemma, r), by_code)| {
            let best = by_code
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))?;
            Some((format!("{lemma}\t{r}"), best.0.clone()))
        })
        .collect();
    (triggers, args, codes)
}

#[derive(Args)]
struct Common {
    /// Folder holding the shared data (default: $ANNALIST_DATA or ../shared/data).
    #[arg(long, env = "ANNALIST_DATA")]
    data: Option<PathBuf>,
    /// Most epochs (training stops earlier when dev stops improving).
    #[arg(long)]
    epochs: Option<usize>,
    /// Seed for shuffling.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Args)]
struct PosArgs {
    #[command(flatten)]
    common: Common,
    /// Training treebank (CoNLL-U).
    #[arg(long)]
    train: Option<PathBuf>,
    /// Dev treebank (CoNLL-U) for early stopping.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Output folder (writes pos.anlm and lemmas.tsv).
    #[arg(long, default_value = "crates/tagger/model")]
    out: PathBuf,
    /// Write into DIR/tagger/ instead, a models directory that
    /// `annalist extract --models DIR` reads.
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    models: Option<PathBuf>,
}

#[derive(Args)]
struct NerArgs {
    #[command(flatten)]
    common: Common,
    /// Training file (CoNLL: word first, NER tag last; `-DOCSTART-` between documents).
    #[arg(long)]
    train: Option<PathBuf>,
    /// Dev file for early stopping.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Also train on the dev file (for the final model); use with --epochs.
    #[arg(long)]
    with_dev: bool,
    /// Gazetteer file to use instead of building one from the shared data.
    #[arg(long)]
    gazetteer: Option<PathBuf>,
    /// Train this many models (seeds --seed, --seed+1, …) and average their weights.
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// Output folder (writes ner.anlm and gazetteer.tsv).
    #[arg(long, default_value = "crates/ner/model")]
    out: PathBuf,
    /// Write into DIR/ner/ instead, a models directory that
    /// `annalist extract --models DIR` reads.
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    models: Option<PathBuf>,
}

#[derive(Args)]
struct ClusterArgs {
    /// Folders or files of news text (default: the shared corpus's reuters, bbc, wikinews, allsides).
    corpus: Vec<PathBuf>,
    /// Folder holding the shared data (default: $ANNALIST_DATA or ../shared/data).
    #[arg(long, env = "ANNALIST_DATA")]
    data: Option<PathBuf>,
    /// Stop reading after this many tokens.
    #[arg(long, default_value_t = 20_000_000)]
    max_tokens: usize,
    /// Number of coarse clusters.
    #[arg(long, default_value_t = 64)]
    coarse: usize,
    /// Number of fine clusters.
    #[arg(long, default_value_t = 512)]
    fine: usize,
    /// Most words clustered.
    #[arg(long, default_value_t = 60_000)]
    max_words: usize,
    /// Exchange passes per level.
    #[arg(long, default_value_t = 6)]
    passes: usize,
    /// Output file.
    #[arg(long, default_value = "crates/clusters/model/clusters.tsv")]
    out: PathBuf,
    /// Write DIR/clusters/clusters.tsv instead, in a models directory that
    /// `annalist extract --models DIR` reads (the recognizer's clusters).
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    models: Option<PathBuf>,
}

/// Writes `MODEL_CARD.md` beside a model trained into a models directory:
/// what trained it and from what data, so the folder says where it came
/// from (the shipped models' cards are in their crates' `model/` folders).
pub(crate) fn write_card(dir: &std::path::Path, name: &str, data: &[&str]) -> Result<()> {
    let mut card = format!(
        "# {name} model\n\nTrained by `annalist train {name}` (Annalist {}).\n\nData:\n",
        env!("CARGO_PKG_VERSION")
    );
    for d in data {
        card.push_str(&format!("- {d}\n"));
    }
    card.push_str(
        "\nLicence: the model is derived from the data above; its terms follow the data's \
         (see each folder's SOURCE.md in the shared data, or your own data's licence).\n",
    );
    let p = dir.join("MODEL_CARD.md");
    std::fs::write(&p, card).with_context(|| format!("writing {}", p.display()))
}

fn bar(len: usize) -> ProgressBar {
    let pb = ProgressBar::new(len as u64);
    pb.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb
}

/// Prints a line above the bar, or plainly when the bar is hidden (output
/// not a terminal), so logs keep the per-epoch scores.
fn say(pb: &ProgressBar, line: String) {
    if pb.is_hidden() {
        eprintln!("{line}");
    } else {
        pb.println(line);
    }
}

pub fn run(args: TrainArgs) -> Result<ExitCode> {
    match args.what {
        TrainWhat::Pos(a) => pos(a),
        TrainWhat::Ner(a) => ner(a),
        TrainWhat::Clusters(a) => clusters(a),
        TrainWhat::Parse(a) => crate::train_parse::run(a),
        TrainWhat::Events(a) => events(a),
        TrainWhat::Quotes(a) => quotes(a),
    }
}

fn pos(mut a: PosArgs) -> Result<ExitCode> {
    use annalist_readers::conllu;
    if let Some(d) = &a.models {
        a.out = d.join("tagger");
    }
    use annalist_tagger::{train, Progress, TrainOptions};
    let data = a
        .common
        .data
        .clone()
        .unwrap_or_else(annalist_eval::default_data_dir);
    let tr_path = a
        .train
        .unwrap_or_else(|| data.join("ud/en_ewt/en_ewt-ud-train.conllu"));
    let dev_path = a
        .dev
        .unwrap_or_else(|| data.join("ud/en_ewt/en_ewt-ud-dev.conllu"));
    let tr =
        conllu::read_file(&tr_path).with_context(|| format!("reading {}", tr_path.display()))?;
    let dev =
        conllu::read_file(&dev_path).with_context(|| format!("reading {}", dev_path.display()))?;
    let mut opts = TrainOptions {
        seed: a.common.seed,
        ..Default::default()
    };
    if let Some(e) = a.common.epochs {
        opts.epochs = e;
    }
    let pb = bar(tr.len());
    let mut epoch_no = 1;
    pb.set_prefix("epoch 1");
    let tagger = train(&tr, &dev, &opts, &mut |p| match p {
        Progress::Sentence { done, .. } => pb.set_position(done as u64),
        Progress::Epoch {
            epoch,
            train,
            dev,
            best,
        } => {
            say(
                &pb,
                format!(
                    "epoch {epoch:>2}: train {train:.2}  dev upos {:.2} xpos {:.2} lemma {:.2}{}",
                    dev.upos,
                    dev.xpos,
                    dev.lemma,
                    if best { "  (best)" } else { "" }
                ),
            );
            epoch_no += 1;
            pb.set_prefix(format!("epoch {epoch_no}"));
            pb.set_position(0);
        }
    })?;
    pb.finish_and_clear();
    tagger
        .save(&a.out)
        .with_context(|| format!("writing {}", a.out.display()))?;
    if a.models.is_some() {
        write_card(
            &a.out,
            "pos",
            &[
                &format!("train: {}", tr_path.display()),
                &format!("dev: {}", dev_path.display()),
            ],
        )?;
    }
    eprintln!(
        "wrote {} ({} features, {} weights)",
        a.out.display(),
        tagger.model().n_features(),
        tagger.model().n_weights()
    );
    Ok(ExitCode::SUCCESS)
}

fn ner(mut a: NerArgs) -> Result<ExitCode> {
    if let Some(d) = &a.models {
        a.out = d.join("ner");
    }
    use annalist_ner::{
        conll, gazetteer, predict_tags, score::score, train_averaged, Progress, TrainOptions,
    };
    let data = a
        .common
        .data
        .clone()
        .unwrap_or_else(annalist_eval::default_data_dir);
    let tr_path = a.train.unwrap_or_else(|| data.join("conll2003/eng.train"));
    let dev_path = a.dev.unwrap_or_else(|| data.join("conll2003/eng.testa"));
    let mut tr =
        conll::read_file(&tr_path).with_context(|| format!("reading {}", tr_path.display()))?;
    let dev =
        conll::read_file(&dev_path).with_context(|| format!("reading {}", dev_path.display()))?;
    let gaz_text = match &a.gazetteer {
        Some(p) => {
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
        None => gazetteer::build(&data).context("building the gazetteer from the shared data")?,
    };
    let gaz = gazetteer::Gazetteer::from_tsv(&gaz_text)?;
    let clusters = annalist_clusters::Clusters::shipped().clone();
    eprintln!(
        "gazetteer: {} phrases; clusters: {} words",
        gaz.len(),
        clusters.len()
    );
    let mut opts = TrainOptions {
        seed: a.common.seed,
        ..Default::default()
    };
    if let Some(e) = a.common.epochs {
        opts.epochs = e;
    }
    if a.with_dev {
        // Without a held-out set every epoch is run; dev scores below are
        // then scores on training data.
        tr.extend(dev.iter().cloned());
        opts.patience = usize::MAX;
    }
    let pb = bar(tr.len());
    let mut epoch_no = 1;
    pb.set_prefix("epoch 1");
    let runs = a.runs.max(1);
    let rec = train_averaged(&tr, &dev, gaz, clusters, &opts, runs, &mut |p| match p {
        Progress::Document { done, .. } => pb.set_position(done as u64),
        Progress::Epoch {
            epoch,
            train,
            dev,
            best,
        } => {
            say(
                &pb,
                format!(
                    "epoch {epoch:>2}: train acc {train:.2}  dev P {:.2} R {:.2} F1 {:.2}{}",
                    dev.overall.precision(),
                    dev.overall.recall(),
                    dev.overall.f1(),
                    if best { "  (best)" } else { "" }
                ),
            );
            epoch_no += 1;
            pb.set_prefix(format!("epoch {epoch_no}"));
            pb.set_position(0);
        }
    })?;
    pb.finish_and_clear();
    if runs > 1 {
        let s = score(&dev, &predict_tags(&rec, &dev));
        eprintln!(
            "average of {runs} runs: dev P {:.2} R {:.2} F1 {:.2}",
            s.overall.precision(),
            s.overall.recall(),
            s.overall.f1()
        );
    }
    rec.save_model(&a.out)
        .with_context(|| format!("writing {}", a.out.display()))?;
    if a.models.is_some() {
        write_card(
            &a.out,
            "ner",
            &["CoNLL files named by --train/--dev (default CoNLL-2003)"],
        )?;
    }
    std::fs::write(a.out.join("gazetteer.tsv"), gaz_text)?;
    eprintln!(
        "wrote {} ({} features, {} weights)",
        a.out.display(),
        rec.model().n_features(),
        rec.model().n_weights()
    );
    Ok(ExitCode::SUCCESS)
}

fn clusters(mut a: ClusterArgs) -> Result<ExitCode> {
    if let Some(d) = &a.models {
        a.out = d.join("clusters").join("clusters.tsv");
    }
    use annalist_clusters::{read_corpus, train, Progress, TrainOptions};
    let data = a
        .data
        .clone()
        .unwrap_or_else(annalist_eval::default_data_dir);
    let inputs = if a.corpus.is_empty() {
        ["reuters", "bbc", "wikinews", "allsides"]
            .iter()
            .map(|d| data.join("corpus").join(d))
            .collect()
    } else {
        a.corpus.clone()
    };
    let spinner = ProgressBar::new_spinner();
    spinner.set_message("reading and tokenizing the corpus");
    spinner.enable_steady_tick(std::time::Duration::from_millis(200));
    let corpus = read_corpus(&inputs, a.max_tokens)?;
    spinner.finish_and_clear();
    eprintln!(
        "{} tokens, {} distinct words",
        corpus.ids.len(),
        corpus.words.len()
    );
    let opts = TrainOptions {
        coarse: a.coarse,
        fine: a.fine,
        max_words: a.max_words,
        passes: a.passes,
        ..Default::default()
    };
    let pb = bar(opts.passes * 2);
    pb.set_prefix("passes");
    let (_, tsv) = train(&corpus, &opts, &mut |p| {
        let Progress::Pass {
            level,
            pass,
            moved,
            objective,
        } = p;
        say(
            &pb,
            format!("{level} pass {pass}: {moved} words moved, objective {objective:.6e}"),
        );
        pb.inc(1);
    });
    pb.finish_and_clear();
    if let Some(dir) = a.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&a.out, tsv).with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!("wrote {}", a.out.display());
    Ok(ExitCode::SUCCESS)
}
