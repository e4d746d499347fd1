//! `annalist train pos|ner|clusters`: produces the model files shipped in
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
}

#[derive(Args)]
struct EventsArgs {
    /// Folder holding the shared data (default: $ANNALIST_DATA or ../shared/data).
    #[arg(long, env = "ANNALIST_DATA")]
    data: Option<PathBuf>,
    /// Gradient steps over the whole training set.
    #[arg(long, default_value_t = 400)]
    epochs: usize,
    /// L2 penalty (larger: flatter, more cautious probabilities).
    #[arg(long, default_value_t = 0.01)]
    l2: f32,
    /// Output file.
    #[arg(long, default_value = "crates/events/model/confidence.json")]
    out: PathBuf,
}

/// Trains the event confidence model: every counted event the pipeline
/// codes on the train split's stories is an example, right when it matches
/// a hand-labelled event (source country, target country, root). Log loss
/// on the dev split is printed for the choice of `--l2`.
fn events(a: EventsArgs) -> Result<ExitCode> {
    use annalist_events::confidence::{features, ConfidenceModel};
    let data = a.data.unwrap_or_else(annalist_eval::default_data_dir);
    let examples = |split: &str| -> Result<Vec<(Vec<String>, bool)>> {
        let run = crate::news_eval::Annotated::load(&data, split)
            .with_context(|| format!("annotating the {split} split"))?;
        Ok(run
            .outcomes()
            .into_iter()
            .map(|(doc, e, ok)| (features(doc, e), ok))
            .collect())
    };
    let train = examples("train")?;
    let dev = examples("dev")?;
    let right = train.iter().filter(|x| x.1).count();
    let meta = format!(
        "news event corpus train split: {} events, {right} right; epochs {}, l2 {}",
        train.len(),
        a.epochs,
        a.l2
    );
    let model = ConfidenceModel::train(&train, a.epochs, a.l2, &meta);
    let loss = |xs: &[(Vec<String>, bool)]| {
        xs.iter()
            .map(|(f, y)| {
                let p = model.probability(f).clamp(1e-4, 1.0 - 1e-4);
                -f64::from(if *y { p.ln() } else { (1.0 - p).ln() })
            })
            .sum::<f64>()
            / xs.len().max(1) as f64
    };
    eprintln!(
        "trained on {} events ({right} right); log loss train {:.4}, dev {:.4} ({} events)",
        train.len(),
        loss(&train),
        loss(&dev),
        dev.len()
    );
    std::fs::write(&a.out, model.to_json())
        .with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!("wrote {}", a.out.display());
    Ok(ExitCode::SUCCESS)
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
    }
}

fn pos(a: PosArgs) -> Result<ExitCode> {
    use annalist_readers::conllu;
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
    eprintln!(
        "wrote {} ({} features, {} weights)",
        a.out.display(),
        tagger.model().n_features(),
        tagger.model().n_weights()
    );
    Ok(ExitCode::SUCCESS)
}

fn ner(a: NerArgs) -> Result<ExitCode> {
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
    std::fs::write(a.out.join("gazetteer.tsv"), gaz_text)?;
    eprintln!(
        "wrote {} ({} features, {} weights)",
        a.out.display(),
        rec.model().n_features(),
        rec.model().n_weights()
    );
    Ok(ExitCode::SUCCESS)
}

fn clusters(a: ClusterArgs) -> Result<ExitCode> {
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
