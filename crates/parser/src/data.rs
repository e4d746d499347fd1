//! Training and evaluation examples from CoNLL-U treebanks, with gold or
//! predicted (tagger or jackknifed-tagger) tags.

use crate::features::Input;
use crate::train::Example;
use crate::ParseError;
use annalist_corpora::conllu;
use annalist_tagger::Tagger;

/// Where the tags of the examples come from.
#[derive(Debug, Clone, Copy)]
pub enum Tags<'a> {
    /// The treebank's own tags.
    Gold,
    /// Tags predicted by this tagger.
    Predicted(&'a Tagger),
}

/// Gold heads and labels of a sentence, plus its input under `tags`.
pub fn example(s: &conllu::Sentence, tags: Tags) -> Example {
    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let n = forms.len();
    let input = match tags {
        Tags::Gold => {
            let xpos: Vec<&str> = s.words.iter().map(|w| w.xpos.as_str()).collect();
            let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
            Input::new(&forms, &xpos, &upos)
        }
        Tags::Predicted(t) => {
            let tagged = t.tag(&forms);
            let xpos: Vec<&str> = tagged.iter().map(|t| t.xpos).collect();
            let upos: Vec<&str> = tagged.iter().map(|t| t.upos).collect();
            Input::new(&forms, &xpos, &upos)
        }
    };
    // Word ids are 1-based and dense in UD; anything else becomes a root.
    let heads = s
        .words
        .iter()
        .map(|w| (w.head >= 1 && (w.head as usize) <= n).then(|| w.head as usize - 1))
        .collect();
    let labels = s.words.iter().map(|w| w.deprel.clone()).collect();
    Example {
        input,
        heads,
        labels,
    }
}

/// Examples for every sentence.
pub fn examples(sents: &[conllu::Sentence], tags: Tags) -> Vec<Example> {
    sents.iter().map(|s| example(s, tags)).collect()
}

/// Examples whose tags come from `k`-fold jackknifing: each fold is tagged
/// by a tagger trained on the other folds, so training tags are as noisy as
/// the tags the parser will see at run time.
pub fn jackknifed(
    sents: &[conllu::Sentence],
    k: usize,
    opts: &annalist_tagger::TrainOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Example>, ParseError> {
    let k = k.max(2);
    let mut out: Vec<Option<Example>> = vec![None; sents.len()];
    for fold in 0..k {
        let rest: Vec<conllu::Sentence> = sents
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let tagger = annalist_tagger::train(&rest, &[], opts, &mut |_| {})
            .map_err(|e| ParseError::Tagger(e.to_string()))?;
        for (i, s) in sents.iter().enumerate().filter(|(i, _)| i % k == fold) {
            out[i] = Some(example(s, Tags::Predicted(&tagger)));
        }
        progress(fold + 1);
    }
    Ok(out.into_iter().flatten().collect())
}
