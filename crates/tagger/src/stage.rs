//! The pipeline stage: fills `Token::pos`, `Token::tag` and `Token::lemma`.

use crate::Tagger;
use annalist_doc::{Doc, Label, Layer, ModelError, Models, Shared, Stage, StageError};

/// Tags every sentence of a document with the model it was built with.
#[derive(Clone)]
pub struct TaggerStage {
    tagger: Shared<Tagger>,
}

impl TaggerStage {
    /// The stage with the built-in model, or the one in `models`' `tagger/`
    /// folder (`pos.anlm`, `lemmas.tsv`, as `annalist train pos` writes).
    pub fn load(models: &Models) -> Result<Self, ModelError> {
        let tagger = models.load(
            "tagger",
            "pos.anlm",
            |dir| {
                let m = dir.join("pos.anlm");
                let model = Models::parse("tagger", &m, annalist_linear::Model::from_bytes)?;
                let lem = Models::parse_text(
                    "tagger",
                    &dir.join("lemmas.tsv"),
                    crate::lemma::Lemmatizer::from_tsv,
                )?;
                Tagger::from_parts(model, lem)
                    .map_err(|e| ModelError::new("tagger", m.display(), e))
            },
            Tagger::shipped,
        )?;
        Ok(TaggerStage { tagger })
    }

    /// The stage with the built-in model.
    pub fn shipped() -> Result<Self, ModelError> {
        Self::load(&Models::builtin())
    }

    /// The tagger this stage runs.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }
}

impl Stage for TaggerStage {
    fn name(&self) -> &'static str {
        "tagger"
    }

    fn version(&self) -> String {
        "1".into()
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tags]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        tag_doc(&self.tagger, doc);
        Ok(())
    }
}

/// Tags `doc` with `tagger`, sentence by sentence (the whole token list as
/// one sentence when there are no sentences).
pub fn tag_doc(tagger: &Tagger, doc: &mut Doc) {
    let ranges: Vec<std::ops::Range<usize>> = if doc.sentences.is_empty() {
        std::iter::once(0..doc.tokens.len()).collect()
    } else {
        doc.sentences.iter().map(|s| s.tokens()).collect()
    };
    let mut classes = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut results: Vec<(usize, usize)> = Vec::with_capacity(doc.tokens.len());
    for r in ranges {
        let r = r.start.min(doc.tokens.len())..r.end.min(doc.tokens.len());
        words.clear();
        words.extend(
            doc.tokens[r.clone()]
                .iter()
                .map(|t| doc.text.get(t.offsets.range()).unwrap_or("")),
        );
        tagger.tag_classes(&words, &mut classes);
        results.extend(r.zip(classes.iter().copied()));
    }
    for (i, c) in results {
        let t = tagger.tags_of(c);
        let form = doc.text.get(doc.tokens[i].offsets.range()).unwrap_or("");
        let lemma = tagger.lemmatizer().lemma(form, t.upos, t.xpos);
        let lemma = Label::new(lemma.as_ref());
        let (upos, xpos) = (Label::new(t.upos), Label::new(t.xpos));
        let tok = &mut doc.tokens[i];
        tok.pos = Some(upos);
        tok.tag = Some(xpos);
        tok.lemma = Some(lemma);
    }
}
