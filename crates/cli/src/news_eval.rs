//! `annalist eval events --set news-dev|news-test`: the whole pipeline on
//! the hand-labelled news event corpus (`corpora/news-events/`,
//! docs/annotation.md), scored on events matched by (source country, target
//! country, CAMEO root) within a sentence.
//!
//! The corpus stores offsets, not text: the stories are read from the shared
//! data with the same readers `extract` uses, and a digest of each story's
//! text guards against a reader change moving the offsets.

use annalist_doc::{Doc, Event};
use annalist_eval::{Prf, Report};
use annalist_pipeline::Pipeline;
use annalist_readers::{read_inputs, ReadOptions};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The sets this module scores.
pub const SETS: [&str; 3] = ["news-dev", "news-test", "news-train"];

/// One labelled sentence of the corpus.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSentence {
    /// Story id (`wikinews/wikinews_2019.csv:12`, `bbc/politics/001.txt`…).
    pub story: String,
    /// Sentence number within the story.
    pub s: u32,
    /// Character offsets of the sentence in the story text.
    pub sentence: [u32; 2],
    /// First 16 hex digits of the SHA-256 of the story text.
    #[serde(default)]
    pub text_sha256: String,
    /// The events the sentence reports.
    pub events: Vec<GoldEvent>,
}

/// One labelled event.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    /// Character offsets of the trigger.
    #[serde(default)]
    pub trigger: Option<[u32; 2]>,
    /// Character offsets of the source phrase.
    #[serde(default)]
    pub source: Option<[u32; 2]>,
    /// Character offsets of the target phrase.
    #[serde(default)]
    pub target: Option<[u32; 2]>,
    /// Source actor code.
    pub source_code: Option<String>,
    /// Target actor code (none for one-sided events).
    #[serde(default)]
    pub target_code: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER type.
    #[serde(default)]
    pub plover: Option<String>,
    /// `asserted`, `negated`, `intended`, `hypothetical`, `attempted`.
    #[serde(default = "asserted")]
    pub modality: String,
}

fn asserted() -> String {
    "asserted".into()
}

impl GoldEvent {
    /// Whether a CAMEO coder would code the event (negated and hypothetical
    /// ones are labelled but not counted).
    pub fn counted(&self) -> bool {
        matches!(
            self.modality.as_str(),
            "asserted" | "intended" | "attempted"
        )
    }
}

/// The folder of the corpus: beside the binary's source tree, else
/// `corpora/news-events` under the working directory.
pub fn corpus_dir() -> PathBuf {
    let local = PathBuf::from("corpora/news-events");
    if local.exists() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpora/news-events")
}

/// Reads one split's gold file.
pub fn read_split(split: &str) -> Result<Vec<GoldSentence>> {
    let path = corpus_dir().join(format!("{split}.jsonl"));
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading the news event corpus {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), n + 1))
        })
        .collect()
}

/// The corpus file a story id names, and how to find the story in it.
fn story_file(id: &str) -> (&str, StoryKey<'_>) {
    if let Some((file, key)) = id.split_once('#') {
        return (file, StoryKey::Id(key));
    }
    if let Some((file, line)) = id.rsplit_once(':') {
        if let Ok(n) = line.parse() {
            return (file, StoryKey::Line(n));
        }
    }
    (id, StoryKey::Whole)
}

enum StoryKey<'a> {
    Id(&'a str),
    Line(u64),
    Whole,
}

/// Reads every story the gold names from `data/corpus`, keyed by story id.
fn read_stories(data: &Path, ids: &BTreeSet<&str>) -> Result<BTreeMap<String, Doc>> {
    let mut by_file: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for id in ids {
        by_file.entry(story_file(id).0).or_default().push(id);
    }
    let mut out = BTreeMap::new();
    for (file, wanted) in by_file {
        let path = data.join("corpus").join(file);
        if !path.exists() {
            bail!(
                "{} is missing: the news event corpus needs ../shared/data/corpus",
                path.display()
            );
        }
        for doc in read_inputs(std::slice::from_ref(&path), &ReadOptions::default()).flatten() {
            for id in &wanted {
                let hit = match story_file(id).1 {
                    StoryKey::Id(k) => doc.id == k,
                    StoryKey::Line(n) => doc.origin.line == Some(n),
                    StoryKey::Whole => true,
                };
                if hit {
                    out.insert(id.to_string(), doc.clone());
                }
            }
        }
    }
    if let Some(missing) = ids.iter().find(|id| !out.contains_key(**id)) {
        bail!("story {missing} of the news event corpus not found in the shared data");
    }
    Ok(out)
}

/// The country part of an actor code (`USAGOV` → `USA`, `IGOUNO` → `IGO`).
fn country(code: Option<&str>) -> String {
    code.map(|c| c.chars().take(3).collect())
        .unwrap_or_default()
}

/// What an event is matched on.
type Key = (String, String, String);

fn gold_key(e: &GoldEvent) -> Key {
    (
        country(e.source_code.as_deref()),
        country(e.target_code.as_deref()),
        e.cameo.chars().take(2).collect(),
    )
}

fn pred_key(e: &Event) -> Key {
    (
        country(e.source.as_deref()),
        country(e.target.as_deref()),
        e.root.clone(),
    )
}

/// Counts over one set.
#[derive(Default)]
struct Tally {
    prf: Prf,
    matched: usize,
    code_right: usize,
    plover_right: usize,
    stories: usize,
    sentences: usize,
    predicted_events: usize,
    gold_events: usize,
    stale: usize,
}

/// One split's gold sentences and its stories run through the whole
/// pipeline.
#[derive(Clone)]
pub struct Annotated {
    /// The gold sentences.
    pub gold: Vec<GoldSentence>,
    /// The annotated stories by id.
    pub docs: BTreeMap<String, Doc>,
}

impl Annotated {
    /// Reads split `split` (`train`, `dev`, `test`) and annotates its
    /// stories.
    pub fn load(data: &Path, split: &str) -> Result<Self> {
        let gold = read_split(split)?;
        let ids: BTreeSet<&str> = gold.iter().map(|g| g.story.as_str()).collect();
        let mut docs = read_stories(data, &ids)?;
        let pipeline = Pipeline::standard(&annalist_pipeline::Config::default())?;
        docs.par_iter_mut().for_each(|(_, doc)| {
            // A story the pipeline fails on scores as one with no events.
            let _ = pipeline.process(doc);
        });
        Ok(Annotated { gold, docs })
    }

    /// The stories whose id `keep` accepts, with their gold.
    pub fn subset(&self, keep: impl Fn(&str) -> bool) -> Self {
        Annotated {
            gold: self
                .gold
                .iter()
                .filter(|g| keep(&g.story))
                .cloned()
                .collect(),
            docs: self
                .docs
                .iter()
                .filter(|(id, _)| keep(id))
                .map(|(id, d)| (id.clone(), d.clone()))
                .collect(),
        }
    }

    /// The gold sentences of each story, in story order.
    pub fn by_story(&self) -> BTreeMap<&str, Vec<&GoldSentence>> {
        let mut by_story: BTreeMap<&str, Vec<&GoldSentence>> = BTreeMap::new();
        for g in &self.gold {
            by_story.entry(&g.story).or_default().push(g);
        }
        by_story
    }

    /// Every counted predicted event with whether it matched a gold event.
    pub fn outcomes(&self) -> Vec<(&Doc, &Event, bool)> {
        let mut out = Vec::new();
        for (id, sents) in self.by_story() {
            let doc = &self.docs[id];
            let mut t = Tally::default();
            let matched = score_story(doc, &sents, &mut t);
            for (i, e) in doc.events.iter().enumerate() {
                if e.modality.counted() {
                    out.push((doc, e, matched.contains(&i)));
                }
            }
        }
        out
    }
}

/// Scores the pipeline on one split of the corpus.
pub fn evaluate(data: &Path, set: &str) -> Result<Report> {
    let split = set.trim_start_matches("news-");
    let run = Annotated::load(data, split)?;
    Ok(score(&run, set))
}

/// Scores annotated stories against their gold.
pub fn score(run: &Annotated, set: &str) -> Report {
    let mut t = Tally::default();
    for (id, sents) in run.by_story() {
        let doc = &run.docs[id];
        t.stories += 1;
        if let Some(first) = sents.first() {
            if !first.text_sha256.is_empty() && sha_prefix(&doc.text) != first.text_sha256 {
                t.stale += 1;
            }
        }
        score_story(doc, &sents, &mut t);
    }
    let mut report = Report::new("events", set)
        .prf("", &t.prf)
        .metric("code_accuracy", pct(t.code_right, t.matched))
        .metric("plover_accuracy", pct(t.plover_right, t.matched))
        .count("matched", t.matched as u64)
        .count("stories", t.stories as u64)
        .count("sentences", t.sentences as u64)
        .count("gold_events", t.gold_events as u64)
        .count("predicted_events", t.predicted_events as u64)
        .metric(
            "predicted_per_story",
            t.predicted_events as f64 / t.stories.max(1) as f64,
        )
        .metric(
            "gold_per_story",
            t.gold_events as f64 / t.stories.max(1) as f64,
        )
        .count("stories_with_changed_text", t.stale as u64);
    report
        .metrics
        .insert("reliability".into(), reliability(&run.outcomes()));
    report
}

/// Reliability of `confidence` in bins of 0.1: for each bin, the number of
/// events, their mean confidence and the share that matched gold.
fn reliability(outcomes: &[(&Doc, &Event, bool)]) -> serde_json::Value {
    let mut bins = vec![(0usize, 0f64, 0usize); 10];
    for (_, e, ok) in outcomes {
        let b = ((e.confidence * 10.0) as usize).min(9);
        bins[b].0 += 1;
        bins[b].1 += f64::from(e.confidence);
        bins[b].2 += usize::from(*ok);
    }
    let rows: Vec<serde_json::Value> = bins
        .iter()
        .enumerate()
        .filter(|(_, b)| b.0 > 0)
        .map(|(k, &(n, sum, ok))| {
            serde_json::json!({
                "bin": format!("{:.1}-{:.1}", k as f64 / 10.0, (k + 1) as f64 / 10.0),
                "events": n,
                "mean_confidence": (sum / n as f64 * 1000.0).round() / 1000.0,
                "observed": (ok as f64 / n as f64 * 1000.0).round() / 1000.0,
            })
        })
        .collect();
    serde_json::Value::Array(rows)
}

/// Scores one story into `t` and returns the indices (into `doc.events`)
/// of the predicted events that matched a gold event.
fn score_story(doc: &Doc, sents: &[&GoldSentence], t: &mut Tally) -> BTreeSet<usize> {
    let mut matched_events = BTreeSet::new();
    // Predicted events by gold sentence, through the character offset where
    // the predicted sentence starts.
    let mut pred: BTreeMap<u32, Vec<(usize, &Event)>> = BTreeMap::new();
    for (idx, e) in doc
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.modality.counted())
    {
        let Some(sent) = doc.sentences.get(e.sentence as usize) else {
            continue;
        };
        let c = e
            .trigger
            .map_or(sent.offsets.char_start, |s| s.offsets.char_start);
        let at = sents
            .iter()
            .find(|g| g.sentence[0] <= c && c < g.sentence[1])
            .map_or(u32::MAX, |g| g.s);
        pred.entry(at).or_default().push((idx, e));
    }
    for g in sents {
        t.sentences += 1;
        let gold: Vec<&GoldEvent> = g.events.iter().filter(|e| e.counted()).collect();
        let predicted = pred.remove(&g.s).unwrap_or_default();
        t.gold_events += gold.len();
        t.predicted_events += predicted.len();
        let mut tp = 0;
        let mut used = vec![false; predicted.len()];
        // Pair each gold event with a predicted one of the same key,
        // preferring one with the same full code.
        for ge in &gold {
            let k = gold_key(ge);
            let cands: Vec<usize> = (0..predicted.len())
                .filter(|&i| !used[i] && pred_key(predicted[i].1) == k)
                .collect();
            let best = cands
                .iter()
                .copied()
                .find(|&i| predicted[i].1.cameo == ge.cameo)
                .or_else(|| cands.first().copied());
            if let Some(i) = best {
                used[i] = true;
                matched_events.insert(predicted[i].0);
                let p = predicted[i].1;
                tp += 1;
                t.matched += 1;
                if p.cameo == ge.cameo {
                    t.code_right += 1;
                }
                if p.plover.is_some() && p.plover == ge.plover {
                    t.plover_right += 1;
                }
            }
        }
        t.prf
            .add(tp as f64, predicted.len() as f64, gold.len() as f64);
    }
    // Events in no labelled sentence are false positives.
    for (_, rest) in pred {
        t.predicted_events += rest.len();
        t.prf.add(0.0, rest.len() as f64, 0.0);
    }
    matched_events
}

fn sha_prefix(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}
