//! A reader for CoNLL-U treebanks (Universal Dependencies), used to train
//! and evaluate the tagger, parser, tokenizer and sentence splitter.

use std::io::BufRead;

/// One syntactic word (a CoNLL-U line with an integer ID).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Word {
    /// 1-based index within the sentence.
    pub id: u32,
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific tag (Penn Treebank in the English treebanks).
    pub xpos: String,
    /// Morphological features (`_` when none).
    pub feats: String,
    /// Head word id, 0 for the root.
    pub head: u32,
    /// Dependency relation (`nsubj`, `obl:tmod` …).
    pub deprel: String,
    /// MISC column.
    pub misc: String,
}

impl Word {
    /// False when MISC says `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A multiword token such as `don't` spanning words `first..=last`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MultiwordToken {
    /// First word id.
    pub first: u32,
    /// Last word id.
    pub last: u32,
    /// Surface form.
    pub form: String,
    /// MISC column.
    pub misc: String,
}

/// One sentence with its comments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sentence {
    /// `# sent_id`.
    pub sent_id: Option<String>,
    /// `# text`.
    pub text: Option<String>,
    /// True after a `# newdoc` comment.
    pub newdoc: bool,
    /// True after a `# newpar` comment (or at a new document).
    pub newpar: bool,
    /// Syntactic words, in order (empty nodes `8.1` are skipped).
    pub words: Vec<Word>,
    /// Multiword tokens.
    pub multiword: Vec<MultiwordToken>,
}

/// A malformed line.
#[derive(Debug, thiserror::Error)]
pub enum ConlluError {
    /// The underlying reader failed.
    #[error("line {line}: {source}")]
    Io {
        /// 1-based line number.
        line: usize,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A word line with too few columns or a bad number.
    #[error("line {line}: {reason}")]
    Format {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Reads every sentence from a CoNLL-U stream.
pub fn read(reader: impl BufRead) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, line) in reader.lines().enumerate() {
        let n = i + 1;
        let line = line.map_err(|source| ConlluError::Io { line: n, source })?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(v) = comment.strip_prefix("sent_id =") {
                cur.sent_id = Some(v.trim().to_string());
            } else if let Some(v) = comment.strip_prefix("text =") {
                cur.text = Some(v.trim().to_string());
            } else if comment.starts_with("newdoc") {
                cur.newdoc = true;
                cur.newpar = true;
            } else if comment.starts_with("newpar") {
                cur.newpar = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            return Err(ConlluError::Format {
                line: n,
                reason: format!("expected 10 tab-separated columns, found {}", cols.len()),
            });
        }
        let bad = |what: &str| ConlluError::Format {
            line: n,
            reason: format!("bad {what} {:?}", cols[0]),
        };
        if cols[0].contains('.') {
            continue;
        }
        if let Some((a, b)) = cols[0].split_once('-') {
            cur.multiword.push(MultiwordToken {
                first: a.parse().map_err(|_| bad("range"))?,
                last: b.parse().map_err(|_| bad("range"))?,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        cur.words.push(Word {
            id: cols[0].parse().map_err(|_| bad("id"))?,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head: cols[6].parse().unwrap_or(0),
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads a CoNLL-U file.
pub fn read_file(path: &std::path::Path) -> Result<Vec<Sentence>, ConlluError> {
    let f = std::fs::File::open(path).map_err(|source| ConlluError::Io { line: 0, source })?;
    read(std::io::BufReader::new(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_multiwords_and_comments() {
        let src = "# newdoc id = x\n# sent_id = 1\n# text = I don't.\n\
1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\
2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let s = read(src.as_bytes()).unwrap();
        assert_eq!(s.len(), 1);
        assert!(s[0].newdoc && s[0].newpar);
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].multiword[0].form, "don't");
        assert!(!s[0].words[2].space_after());
    }
}
