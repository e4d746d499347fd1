//! Word clusters learned from unlabelled news text, used as features by the
//! recognizer (and available to the tagger and parser).
//!
//! Brown clustering is too slow for two shared cores on tens of millions of
//! tokens, so Annalist uses the *predictive exchange* algorithm (Uszkoreit &
//! Brants 2008; Kneser & Ney 1993): the same class-bigram likelihood, but
//! optimised by moving single words between a fixed number of classes,
//! which costs O(distinct bigrams × classes) per pass. Two granularities
//! (coarse and fine) stand in for Brown bit-string prefixes.
//!
//! Cluster file (`model/clusters.tsv`): one `word<TAB>coarse<TAB>fine` line
//! per word, digits folded to `0`.

mod corpus;
mod exchange;

#[cfg(feature = "corpus")]
pub use corpus::read_corpus;
pub use corpus::Corpus;
pub use exchange::{train, Progress, TrainOptions};

use annalist_linear::hash;
use std::sync::OnceLock;

static SHIPPED: &str = include_str!("../model/clusters.tsv");

/// Why clusters could not be read or learned.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// A malformed line in a cluster file.
    #[error("cluster file line {0}: expected word<TAB>coarse<TAB>fine")]
    Format(usize),
    /// Reading or writing failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// No text was found to learn from.
    #[error("no text found in the corpus folders")]
    Empty,
}

/// Word → (coarse, fine) cluster ids.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    map: annalist_linear::FeatureMap<(u16, u16)>,
}

/// The key a word is looked up under: digits folded to `0` so that numbers
/// share clusters.
pub fn fold_digits(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        std::borrow::Cow::Owned(
            word.chars()
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

impl Clusters {
    /// The clusters shipped in the repository (parsed once).
    pub fn shipped() -> &'static Clusters {
        static CELL: OnceLock<Clusters> = OnceLock::new();
        CELL.get_or_init(|| Clusters::from_tsv(SHIPPED).unwrap_or_default())
    }

    /// Parses the cluster file format.
    pub fn from_tsv(text: &str) -> Result<Self, ClusterError> {
        let mut map = annalist_linear::FeatureMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(w), Some(a), Some(b), None) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                return Err(ClusterError::Format(n + 1));
            };
            let (Ok(a), Ok(b)) = (a.parse(), b.parse()) else {
                return Err(ClusterError::Format(n + 1));
            };
            map.insert(hash::str(w), (a, b));
        }
        Ok(Clusters { map })
    }

    /// Number of words with a cluster.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there are no clusters.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The clusters of exactly this form (digits folded), without case
    /// fallbacks.
    pub fn get_exact(&self, word: &str) -> Option<(u16, u16)> {
        self.map.get(&hash::str(&fold_digits(word))).copied()
    }

    /// Whether a word with this hash ([`hash::str`] of the digit-folded
    /// form) has a cluster.
    pub fn contains_hash(&self, h: u64) -> bool {
        self.map.contains_key(&h)
    }

    /// The (coarse, fine) clusters of `word`, trying the exact form, then
    /// (for capitalised words, e.g. in all-caps headlines) the title-cased
    /// and the lower-cased form.
    pub fn get(&self, word: &str) -> Option<(u16, u16)> {
        let w = fold_digits(word);
        if let Some(&c) = self.map.get(&hash::str(&w)) {
            return Some(c);
        }
        let mut chars = w.chars();
        let first = chars.next()?;
        if first.is_uppercase() && chars.clone().any(char::is_uppercase) {
            let title: String = std::iter::once(first)
                .chain(chars.flat_map(char::to_lowercase))
                .collect();
            if let Some(&c) = self.map.get(&hash::str(&title)) {
                return Some(c);
            }
        }
        self.map.get(&hash::lower(&w)).copied()
    }
}
