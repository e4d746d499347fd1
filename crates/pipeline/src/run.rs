//! The runner: every command that annotates stories (`extract`, next
//! `serve` and the workers) reads them, runs the pipeline over batches in
//! parallel and hands the results, in input order, to a [`Sink`].

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

/// What became of one input, in input order.
pub enum Outcome {
    /// The annotated story.
    Done(Box<Doc>),
    /// An input that could not be read or annotated: one line naming the
    /// file (and line) or the story, and why.
    Failed(String),
}

/// Where a run's results go (JSON Lines, the pretty view, CoNLL-U, an
/// archive …).
pub trait Sink {
    /// Why the sink could not take a result (a closed pipe, a full disk):
    /// it stops the run.
    type Error;
    /// Takes the next result, in input order.
    fn accept(&mut self, outcome: Outcome) -> Result<(), Self::Error>;
}

/// Counts of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Stories annotated.
    pub docs: u64,
    /// Inputs that failed (unreadable, or a stage failed on them).
    pub failed: u64,
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
/// [`Outcome::Failed`]; the rest of the batch goes on. Ends the run with
/// [`Pipeline::finish`] only when the caller asks (it may fail).
pub fn run<I, E, S>(
    pipeline: &Pipeline,
    inputs: I,
    sink: &mut S,
    opts: &RunOptions,
) -> Result<RunSummary, S::Error>
where
    I: Iterator<Item = Result<Doc, E>>,
    E: Display + Send,
    S: Sink,
{
    let mut inputs = inputs;
    let mut sum = RunSummary::default();
    loop {
        let batch: Vec<Result<Doc, E>> = inputs.by_ref().take(opts.batch.max(1)).collect();
        if batch.is_empty() {
            break;
        }
        let done: Vec<Outcome> = batch
            .into_par_iter()
            .map(|r| match r {
                Ok(mut doc) => match pipeline.process(&mut doc) {
                    Ok(()) => Outcome::Done(Box::new(doc)),
                    Err(e) => Outcome::Failed(format!("{}: {e}", location(&doc))),
                },
                Err(e) => Outcome::Failed(e.to_string()),
            })
            .collect();
        for o in done {
            match &o {
                Outcome::Done(doc) => {
                    sum.docs += 1;
                    sum.sentences += doc.sentences.len() as u64;
                    sum.tokens += doc.tokens.len() as u64;
                    sum.bytes += doc.text.len() as u64;
                }
                Outcome::Failed(_) => sum.failed += 1,
            }
            sink.accept(o)?;
        }
    }
    Ok(sum)
}

/// Where a story came from: `path:line` for a record of a JSONL/CSV file,
/// the path for a file, the story id when it has no path.
pub fn location(doc: &Doc) -> String {
    match (doc.origin.path.as_str(), doc.origin.line) {
        ("", _) => doc.id.clone(),
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
                Outcome::Done(d) => format!("ok {}", d.id),
                Outcome::Failed(m) => format!("failed {m}"),
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
