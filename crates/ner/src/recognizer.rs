//! The trained recognizer.

use crate::decode::Scratch;
use crate::features::{Resources, Sentence};
use crate::gazetteer::Gazetteer;
use crate::labels;
use crate::NerError;
use annalist_clusters::Clusters;
use annalist_linear::{Compact, Model};
use std::sync::OnceLock;

static SHIPPED_MODEL: &[u8] = include_bytes!("../model/ner.anlm");
static SHIPPED_GAZETTEER: &str = include_str!("../model/gazetteer.tsv");

/// One recognized mention within a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First token (within the sentence).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: &'static str,
    /// Mean probability of the mention's labels (softmax over the allowed
    /// labels at each token), 0–1.
    pub score: f32,
}

/// A named-entity recognizer.
#[derive(Debug, Clone)]
pub struct Recognizer {
    pub(crate) model: Model,
    /// The same weights laid out for fast lookups (what labelling uses).
    compact: Compact,
    pub(crate) gazetteer: Gazetteer,
    pub(crate) clusters: Clusters,
}

impl Recognizer {
    /// The model shipped in the repository (loaded once, on first use).
    pub fn shipped() -> Result<&'static Recognizer, &'static NerError> {
        static CELL: OnceLock<Result<Recognizer, NerError>> = OnceLock::new();
        CELL.get_or_init(|| {
            let model = Model::from_bytes(SHIPPED_MODEL)?;
            Ok(Recognizer {
                compact: Compact::from_model(&model)?,
                model,
                gazetteer: Gazetteer::from_tsv(SHIPPED_GAZETTEER)?,
                clusters: Clusters::shipped().clone(),
            })
        })
        .as_ref()
    }

    /// A recognizer from its parts.
    pub fn new(model: Model, gazetteer: Gazetteer, clusters: Clusters) -> Result<Self, NerError> {
        Ok(Recognizer {
            compact: Compact::from_model(&model)?,
            model,
            gazetteer,
            clusters,
        })
    }

    /// The perceptron model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Labels the sentences of one document (in order, since earlier
    /// predictions inform later ones); returns BILOU class ids and the
    /// probability of each.
    pub fn label_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<(usize, f32)>> {
        let res = Resources {
            gazetteer: &self.gazetteer,
            clusters: &self.clusters,
        };
        let (mut gaz, mut lower) = (Vec::new(), Vec::new());
        let mut sents: Vec<Sentence> = sentences
            .iter()
            .map(|w| Sentence::new(w, &res, &mut gaz, &mut lower))
            .collect();
        crate::features::document_features(&mut sents);
        crate::decode::label(&sents, &self.compact, &mut Scratch::default())
    }

    /// Mentions in each sentence of one document.
    pub fn recognize<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<Mention>> {
        self.label_document(sentences)
            .into_iter()
            .map(|row| {
                let classes: Vec<usize> = row.iter().map(|&(c, _)| c).collect();
                labels::decode(&classes)
                    .into_iter()
                    .map(|ch| {
                        let n = (ch.end - ch.start).max(1) as f32;
                        let score = row[ch.start..ch.end].iter().map(|&(_, p)| p).sum::<f32>() / n;
                        let label = labels::TYPES
                            .iter()
                            .find(|t| **t == ch.kind)
                            .copied()
                            .unwrap_or("MISC");
                        Mention {
                            start: ch.start,
                            end: ch.end,
                            label,
                            score,
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Writes `ner.anlm` and `gazetteer.tsv`-independent model into `dir`.
    pub fn save_model(&self, dir: &std::path::Path) -> Result<(), NerError> {
        std::fs::create_dir_all(dir)?;
        let f = std::io::BufWriter::new(std::fs::File::create(dir.join("ner.anlm"))?);
        self.model.save(f)?;
        Ok(())
    }
}
