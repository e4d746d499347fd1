//! Reading unlabelled text: every story under the given folders, tokenized
//! with the pipeline's tokenizer and interned into word ids.

use crate::fold_digits;
use std::collections::HashMap;

/// A tokenized corpus: word ids in text order, `0` between documents.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Word of each id (id 0 is the document boundary).
    pub words: Vec<String>,
    /// Token stream.
    pub ids: Vec<u32>,
}

impl Corpus {
    #[cfg_attr(not(feature = "corpus"), allow(dead_code))]
    fn push_text(&mut self, text: &str, index: &mut HashMap<String, u32>) {
        self.ids.push(0);
        for (s, e) in annalist_tokenizer::tokenize_str(text) {
            let w = fold_digits(&text[s..e]);
            let id = match index.get(w.as_ref()) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.words.push(w.to_string());
                    index.insert(w.into_owned(), id);
                    id
                }
            };
            self.ids.push(id);
        }
    }
}

/// Reuters-21578 SGML: the text between `<BODY>` and `</BODY>`.
#[cfg(feature = "corpus")]
fn sgml_bodies(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(s) = rest.find("<BODY>") {
        let after = &rest[s + 6..];
        let Some(e) = after.find("</BODY>") else {
            break;
        };
        let body = after[..e]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
            .replace("&#3;", "")
            .replace(" Reuter\n", "\n");
        out.push(body);
        rest = &after[e..];
    }
    out
}

/// Reads every story under `inputs` (wire text, JSON Lines, CSV, and
/// Reuters `.sgm` files), stopping after about `max_tokens` tokens.
#[cfg(feature = "corpus")]
pub fn read_corpus(
    inputs: &[std::path::PathBuf],
    max_tokens: usize,
) -> Result<Corpus, crate::ClusterError> {
    use annalist_readers::{read_inputs, ReadOptions};
    let mut corpus = Corpus {
        words: vec!["<doc>".into()],
        ids: Vec::new(),
    };
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut others = Vec::new();
    for input in inputs {
        for path in sgm_files(input) {
            let raw = std::fs::read(&path)?;
            for body in sgml_bodies(&String::from_utf8_lossy(&raw)) {
                corpus.push_text(&body, &mut index);
            }
        }
        others.push(input.clone());
    }
    for doc in read_inputs(&others, &ReadOptions::default()).flatten() {
        if corpus.ids.len() >= max_tokens {
            break;
        }
        if doc.origin.path.ends_with(".sgm") {
            continue;
        }
        corpus.push_text(&doc.text, &mut index);
    }
    if corpus.words.len() <= 1 {
        return Err(crate::ClusterError::Empty);
    }
    Ok(corpus)
}

#[cfg(feature = "corpus")]
fn sgm_files(input: &std::path::Path) -> Vec<std::path::PathBuf> {
    use std::path::PathBuf;
    let mut out = Vec::new();
    if input.is_file() && input.extension().is_some_and(|e| e == "sgm") {
        out.push(input.to_path_buf());
    } else if let Ok(rd) = std::fs::read_dir(input) {
        let mut paths: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            out.extend(sgm_files(&p));
        }
    }
    out
}
