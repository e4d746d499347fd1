//! The trained tagger: model, tag dictionary and lemmatizer together.

use crate::features::{tag_hash, Sentence};
use crate::lemma::Lemmatizer;
use crate::TaggerError;
use annalist_linear::{hash, Compact, Model};
use std::sync::OnceLock;

static SHIPPED_MODEL: &[u8] = include_bytes!("../model/pos.anlm");
static SHIPPED_LEMMAS: &str = include_str!("../model/lemmas.tsv");

/// The tags and lemma of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged<'a> {
    /// Universal POS tag.
    pub upos: &'a str,
    /// Penn Treebank tag.
    pub xpos: &'a str,
}

/// A POS tagger and lemmatizer.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
    /// The same weights laid out for fast lookups (what tagging uses).
    compact: Compact,
    /// `(XPOS, UPOS)` of each class.
    tags: Vec<(String, String)>,
    /// Case-sensitive form hash → class, for frequent unambiguous words.
    tagdict: annalist_linear::FeatureMap<usize>,
    lemmatizer: Lemmatizer,
}

impl Tagger {
    /// The model shipped in the repository (loaded once, on first use).
    pub fn shipped() -> Result<&'static Tagger, &'static TaggerError> {
        static CELL: OnceLock<Result<Tagger, TaggerError>> = OnceLock::new();
        CELL.get_or_init(|| {
            let model = Model::from_bytes(SHIPPED_MODEL)?;
            let lem = Lemmatizer::from_tsv(SHIPPED_LEMMAS)?;
            Tagger::from_parts(model, lem)
        })
        .as_ref()
    }

    /// A tagger from a model (whose metadata holds the tag dictionary) and a
    /// lemmatizer.
    pub fn from_parts(model: Model, lemmatizer: Lemmatizer) -> Result<Self, TaggerError> {
        let tags = model
            .labels()
            .iter()
            .map(|l| {
                let (x, u) = l.split_once('|').unwrap_or((l.as_str(), "X"));
                (x.to_string(), u.to_string())
            })
            .collect();
        let mut tagdict = annalist_linear::FeatureMap::default();
        for line in model.meta().lines() {
            let Some(rest) = line.strip_prefix("tagdict\t") else {
                continue;
            };
            let (word, label) = rest
                .rsplit_once('\t')
                .ok_or_else(|| TaggerError::Format(format!("tag dictionary line {line:?}")))?;
            let class = model
                .class_of(label)
                .ok_or_else(|| TaggerError::Format(format!("unknown tag {label:?}")))?;
            tagdict.insert(hash::str(word), class);
        }
        Ok(Tagger {
            compact: Compact::from_model(&model)?,
            model,
            tags,
            tagdict,
            lemmatizer,
        })
    }

    /// The perceptron model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The lemmatizer.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// Tags one sentence; returns class ids (see [`Tagger::tags_of`]).
    pub fn tag_classes<S: AsRef<str>>(&self, words: &[S], out: &mut Vec<usize>) {
        out.clear();
        if self.tags.is_empty() {
            return;
        }
        let sent = Sentence::new(words);
        let mut feats = Vec::with_capacity(32);
        let mut scores = Vec::with_capacity(self.tags.len());
        let mut found = Vec::with_capacity(32);
        let (mut prev, mut prev2) = (tag_hash(None), tag_hash(None));
        for i in 0..sent.len() {
            let class = match self.tagdict.get(&sent.word(i).form) {
                Some(&c) => c,
                None => {
                    sent.features(i, prev, prev2, &mut feats);
                    self.compact
                        .predict(&feats, &mut scores, &mut found)
                        .unwrap_or(0)
                }
            };
            out.push(class);
            prev2 = prev;
            prev = tag_hash(Some(class));
        }
    }

    /// The tags of a class id.
    pub fn tags_of(&self, class: usize) -> Tagged<'_> {
        match self.tags.get(class) {
            Some((x, u)) => Tagged { upos: u, xpos: x },
            None => Tagged {
                upos: "X",
                xpos: "XX",
            },
        }
    }

    /// Tags one sentence (convenience form of [`Tagger::tag_classes`]).
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<Tagged<'_>> {
        let mut classes = Vec::new();
        self.tag_classes(words, &mut classes);
        classes.into_iter().map(|c| self.tags_of(c)).collect()
    }
}

impl Tagger {
    /// Writes `pos.anlm` and `lemmas.tsv` into `dir` (the layout of the
    /// shipped `model/` folder).
    pub fn save(&self, dir: &std::path::Path) -> Result<(), TaggerError> {
        std::fs::create_dir_all(dir)?;
        let f = std::io::BufWriter::new(std::fs::File::create(dir.join("pos.anlm"))?);
        self.model.save(f)?;
        std::fs::write(dir.join("lemmas.tsv"), self.lemmatizer.to_tsv())?;
        Ok(())
    }

    /// Reads a tagger saved by [`Tagger::save`].
    pub fn load(dir: &std::path::Path) -> Result<Self, TaggerError> {
        let model = Model::from_bytes(&std::fs::read(dir.join("pos.anlm"))?)?;
        let lem = Lemmatizer::from_tsv(&std::fs::read_to_string(dir.join("lemmas.tsv"))?)?;
        Tagger::from_parts(model, lem)
    }
}
