//! The runner: every command that annotates stories (`extract`, `ingest`,
//! `reprocess`, next `serve` and the workers) reads them, runs the pipeline
//! over batches in parallel and hands the results, in input order, to a
//! [`Sink`].
//!
//! Each input is a [`Job`] carrying a tag of the caller's choosing (an
//! archive key, a message to acknowledge, nothing at all for `extract`);
//! the tag comes back beside the result, so a sink never has to match
//! results to inputs by itself.

use crate::Pipeline;
use annalist_doc::Doc;
use rayon::prelude::*;
use std::fmt::Display;

/// How a run goes.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Stories read before a batch is annotated in parallel; memory stays
    /// bounded by it, and output keeps input order whatever the threads.
    pub batch: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { batch: 256 }
    }
}

/// One input of a run, in input order, with the caller's tag `T`. (Jobs
/// live a batch at a time, so the document is not boxed.)
#[allow(clippy::large_enum_variant)]
pub enum Job<T = ()> {
    /// A story to annotate.
    Story(Doc, T),
    /// An input that could not be read: why (naming the file and line).
    Unreadable(String, T),
    /// An input handed to the sink in its turn without annotation (a story
    /// the archive already holds).
    Pass(T),
}

impl<E: Display> From<Result<Doc, E>> for Job<()> {
    fn from(r: Result<Doc, E>) -> Self {
        match r {
            Ok(doc) => Job::Story(doc, ()),
            Err(e) => Job::Unreadable(e.to_string(), ()),
        }
    }
}

/// What became of one input, in input order.
pub enum Outcome<T = ()> {
    /// The annotated story.
    Done(Box<Doc>, T),
    /// An input that could not be read or annotated.
    Failed {
        /// One line naming the file (and line) or the story, and why.
        message: String,
        /// The story as far as it got, when it was read (an archive keeps
        /// it with its error, so `reprocess` can try again); its layers
        /// are not to be trusted.
        doc: Option<Box<Doc>>,
        /// The caller's tag.
        tag: T,
    },
    /// A [`Job::Pass`], untouched.
    Passed(T),
}

/// Where a run's results go (JSON Lines, the pretty view, CoNLL-U, an
/// archive …).
pub trait Sink<T = ()> {
    /// Why the sink could not take a result (a closed pipe, a full disk):
    /// it stops the run.
    type Error;
    /// Takes the next result, in input order.
    fn accept(&mut self, outcome: Outcome<T>) -> Result<(), Self::Error>;
}

/// Counts of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Stories annotated.
    pub docs: u64,
    /// Inputs that failed (unreadable, or a stage failed on them).
    pub failed: u64,
    /// Inputs passed through without annotation.
    pub passed: u64,
    /// Stories (counted in `docs` too) that were not annotated past
    /// language identification because they are not in the models'
    /// language (English); each carries a warning.
    pub other_language: u64,
    /// Sentences of the annotated stories.
    pub sentences: u64,
    /// Tokens of the annotated stories.
    pub tokens: u64,
    /// Bytes of text of the annotated stories.
    pub bytes: u64,
}

/// Runs `pipeline` over `inputs` (stories, or why one could not be read),
/// batch by batch, each story's stages under the pipeline's panic guard,
/// and gives every outcome to `sink` in input order. A failed story is one
/// [`Outcome::Failed`]; the rest of the batch goes on. The caller ends the
/// run with [`Pipeline::finish`] (it may fail).
pub fn run<I, E, S>(
    pipeline: &Pipeline,
    inputs: I,
    sink: &mut S,
    opts: &RunOptions,
) -> Result<RunSummary, S::Error>
where
    I: Iterator<Item = Result<Doc, E>>,
    E: Display,
    S: Sink,
{
    run_jobs(pipeline, inputs.map(Job::from), sink, opts)
}

/// [`run`] over tagged [`Job`]s: each outcome carries its job's tag.
pub fn run_jobs<T, I, S>(
    pipeline: &Pipeline,
    jobs: I,
    sink: &mut S,
    opts: &RunOptions,
) -> Result<RunSummary, S::Error>
where
    T: Send,
    I: Iterator<Item = Job<T>>,
    S: Sink<T>,
{
    let mut jobs = jobs;
    let mut sum = RunSummary::default();
    loop {
        let batch: Vec<Job<T>> = jobs.by_ref().take(opts.batch.max(1)).collect();
        if batch.is_empty() {
            break;
        }
        let done: Vec<Outcome<T>> = batch
            .into_par_iter()
            .map(|job| match job {
                Job::Story(mut doc, tag) => match pipeline.process(&mut doc) {
                    Ok(()) => Outcome::Done(Box::new(doc), tag),
                    Err(e) => Outcome::Failed {
                        message: format!("{}: {e}", location(&doc)),
                        doc: Some(Box::new(doc)),
                        tag,
                    },
                },
                Job::Unreadable(message, tag) => Outcome::Failed {
                    message,
                    doc: None,
                    tag,
                },
                Job::Pass(tag) => Outcome::Passed(tag),
            })
            .collect();
        for o in done {
            match &o {
                Outcome::Done(doc, _) => {
                    sum.docs += 1;
                    if pipeline.skipped_for_language(doc) {
                        sum.other_language += 1;
                    }
                    sum.sentences += doc.sentences.len() as u64;
                    sum.tokens += doc.tokens.len() as u64;
                    sum.bytes += doc.text.len() as u64;
                }
                Outcome::Failed { .. } => sum.failed += 1,
                Outcome::Passed(_) => sum.passed += 1,
            }
            sink.accept(o)?;
        }
    }
    Ok(sum)
}

/// Where a story came from: `path:line` for a record of a JSONL/CSV file,
/// `path record N` for a WARC record or a feed item (which have no line of
/// their own), the path for a file, the story id when it has no path.
pub fn location(doc: &Doc) -> String {
    match (doc.origin.path.as_str(), doc.origin.line) {
        ("", _) => doc.id.clone(),
        (p, Some(n)) if matches!(doc.origin.format.as_str(), "warc" | "rss" | "atom") => {
            format!("{p} record {n}")
        }
        (p, Some(l)) => format!("{p}:{l}"),
        (p, None) => p.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::Fragile;

    struct Collect(Vec<String>);

    impl Sink for Collect {
        type Error = std::convert::Infallible;
        fn accept(&mut self, o: Outcome) -> Result<(), Self::Error> {
            self.0.push(match o {
                Outcome::Done(d, ()) => format!("ok {}", d.id),
                Outcome::Failed { message, .. } => format!("failed {message}"),
                Outcome::Passed(()) => "passed".into(),
            });
            Ok(())
        }
    }

    #[test]
    fn a_story_that_panics_is_one_named_failure_and_the_rest_go_through() {
        let p = Pipeline::from_stages(vec![
            Box::new(annalist_tokenizer::TokenizerStage),
            Box::new(Fragile),
        ])
        .unwrap();
        let docs = (0..600).map(|i| {
            let mut d = Doc::new(format!("s{i}"), if i == 300 { "a BOOM b" } else { "a b" });
            d.origin.path = format!("in/s{i}.txt");
            Ok::<_, String>(d)
        });
        let mut sink = Collect(Vec::new());
        let sum = run(&p, docs, &mut sink, &RunOptions::default()).unwrap();
        assert_eq!((sum.docs, sum.failed), (599, 1));
        assert_eq!(sink.0.len(), 600);
        assert!(sink.0[300].starts_with("failed in/s300.txt: fragile: internal error (panic)"));
        assert_eq!(sink.0[299], "ok s299");
        assert_eq!(sink.0[301], "ok s301");
    }
}
