//! The actor knowledge base: people Annalist has learned from the news
//! ("Turkish Foreign Minister Mevlut Cavusoglu" teaches `TURGOV`), kept in a
//! plain lexicon file that later runs load and users can edit.
//!
//! The file is in Annalist's lexicon format ([`crate::compact`]) with a
//! fifth column recording where an entry came from:
//! `A<TAB>MEVLUT CAVUSOGLU<TAB>Mevlut Cavusoglu<TAB>TURGOV<TAB>learned 2020-01-07 story-id`.

use crate::compact;
use crate::dict::{phrase_words, ActorEntry, DatedCode, Lexicon};
use crate::error::ActorError;
use std::io::Write;
use std::path::Path;

/// A person learned from a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learned {
    /// The name as written (`Luigi Di Maio`).
    pub name: String,
    /// The actor code (`ITAGOV`).
    pub code: String,
    /// Document date (`2020-01-07`), when known.
    pub date: Option<String>,
    /// Story identifier.
    pub story: String,
}

impl Learned {
    /// Lexicon entries for the full name and, when distinctive, the surname.
    pub fn entries(&self) -> Vec<ActorEntry> {
        let words = phrase_words(&self.name);
        let mut out = vec![ActorEntry {
            words: words.clone(),
            name: self.name.clone(),
            codes: vec![DatedCode::always(&self.code)],
        }];
        if words.len() >= 2 {
            let last = &words[words.len() - 1];
            if last.chars().count() >= 4 {
                out.push(ActorEntry {
                    words: vec![last.clone()],
                    name: self.name.clone(),
                    codes: vec![DatedCode::always(&self.code)],
                });
            }
        }
        out
    }

    /// The knowledge-base line for this entry.
    pub fn line(&self) -> String {
        let e = &self.entries()[0];
        format!(
            "A\t{}\t{}\t{}\tlearned {} {}",
            e.words.join(" "),
            self.name,
            self.code,
            self.date.as_deref().unwrap_or("XXXX-XX-XX"),
            self.story
        )
    }
}

/// Reads a knowledge-base or user lexicon file; a missing file is empty.
pub fn load(path: &Path) -> Result<Lexicon, ActorError> {
    let mut lx = Lexicon::new();
    match std::fs::read_to_string(path) {
        Ok(text) => {
            compact::parse(&text, &path.display().to_string(), &mut lx)?;
            // Surnames of full-name entries, so "Cavusoglu said" resolves.
            let extra: Vec<ActorEntry> = lx
                .actors
                .iter()
                .filter(|e| e.words.len() >= 2 && e.words.last().is_some_and(|w| w.len() >= 4))
                .filter(|e| e.name.chars().any(char::is_lowercase))
                .map(|e| ActorEntry {
                    words: vec![e.words[e.words.len() - 1].clone()],
                    name: e.name.clone(),
                    codes: e.codes.clone(),
                })
                .collect();
            for e in extra {
                lx.add_actor(e);
            }
            Ok(lx)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(lx),
        Err(e) => Err(ActorError::io(path, e)),
    }
}

/// Appends to the knowledge-base file the learned people it does not
/// already name (by their normalised full name); returns how many were
/// written. Called once, at the end of a run, so that no story of the run
/// reads what another learned.
pub fn append(path: &Path, learned: &[Learned]) -> Result<usize, ActorError> {
    let known: std::collections::HashSet<Vec<String>> = match std::fs::read_to_string(path) {
        Ok(text) => text
            .lines()
            .filter_map(|l| l.strip_prefix("A\t"))
            .filter_map(|l| l.split('\t').next())
            .map(|w| w.split(' ').map(str::to_string).collect())
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Default::default(),
        Err(e) => return Err(ActorError::io(path, e)),
    };
    let new: Vec<&Learned> = learned
        .iter()
        .filter(|l| !known.contains(&phrase_words(&l.name)))
        .collect();
    if new.is_empty() {
        return Ok(0);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| ActorError::io(path, e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| ActorError::io(path, e))?;
    for l in &new {
        writeln!(f, "{}", l.line()).map_err(|e| ActorError::io(path, e))?;
    }
    Ok(new.len())
}
