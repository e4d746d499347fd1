//! Actors: who is who in a news story, as CAMEO actor codes.
//!
//! - [`Lexicon`]: actor phrases (countries, capitals, demonyms,
//!   organisations, people, with date-restricted codes) and agent phrases
//!   (roles: `minister` → `GOV`, `troops` → `MIL`). The shipped lexicon is
//!   compiled from the Phoenix/PETRARCH dictionaries (MIT, Open Event Data
//!   Alliance) plus Annalist's own additions; see `data/README.md`.
//!   PETRARCH-format dictionaries load with [`petrarch::load`].
//! - [`ActorStage`]: the pipeline stage that fills `doc.actors`.
//! - [`resolve_person`]: in-story person resolution shared with the quotes
//!   stage.
//! - [`kb`]: the knowledge base of people learned from the news.

pub mod compact;
pub mod context;
pub mod dict;
mod error;
pub mod kb;
pub mod mention;
mod person;
pub mod petrarch;
mod resolve;

pub use dict::{ActorEntry, AgentEntry, DatedCode, Lexicon};
pub use error::ActorError;
pub use person::{is_person, is_pronoun, resolve_person, same_actor, PERSON_RULE};
pub use resolve::{doc_date_key, is_country, ActorStage};

use std::io::Read;
use std::sync::{Arc, OnceLock};

/// Version of the shipped lexicon (bump when `data/` changes).
pub const LEXICON_VERSION: &str = "2026.11.4";

/// The compiled Phoenix-derived lexicon (gzip of Annalist's format).
static PHOENIX_GZ: &[u8] = include_bytes!("../data/actors.tsv.gz");
/// Annalist's own additions: entities and roles missing from Phoenix.
static EXTRA: &str = include_str!("../data/extra.tsv");

/// The shipped lexicon, loaded once per process.
pub fn standard_lexicon() -> Arc<Lexicon> {
    static LEX: OnceLock<Arc<Lexicon>> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lx = Lexicon::new();
        let mut text = String::new();
        // The data are compiled in and checked by tests; a failure here
        // would leave an empty lexicon rather than a panic.
        if flate2::read::GzDecoder::new(PHOENIX_GZ)
            .read_to_string(&mut text)
            .is_ok()
        {
            let _ = compact::parse(&text, "actors.tsv", &mut lx);
        }
        let _ = compact::parse(EXTRA, "extra.tsv", &mut lx);
        lx.index_surnames();
        Arc::new(lx)
    })
    .clone()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shipped_lexicon_parses() {
        let mut lx = super::Lexicon::new();
        super::compact::parse(super::EXTRA, "extra.tsv", &mut lx).unwrap();
        let lx = super::standard_lexicon();
        assert!(lx.actors.len() > 10_000, "{}", lx.actors.len());
        assert!(lx.agents.len() > 1_000);
    }
}
