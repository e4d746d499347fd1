//! `annalist actors`: list, search and export the actor knowledge base
//! (people learned from stories plus user corrections) and the shipped
//! lexicon.

use annalist_actors::{compact, kb, standard_lexicon, Lexicon};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `annalist actors`.
#[derive(Args)]
pub struct ActorsArgs {
    /// Knowledge-base file (default: $ANNALIST_ACTOR_KB).
    #[arg(long, env = "ANNALIST_ACTOR_KB")]
    pub kb: Option<PathBuf>,
    #[command(subcommand)]
    pub action: ActorsAction,
}

/// What to do with the base.
#[derive(Subcommand)]
pub enum ActorsAction {
    /// Print the knowledge base (learned and user entries).
    List,
    /// Find entries whose phrase or code contains TEXT (case-insensitive),
    /// in the knowledge base and the shipped lexicon.
    Search {
        /// Text to look for (`cavusoglu`, `TURGOV`).
        text: String,
    },
    /// Write the whole lexicon (shipped + knowledge base) in Annalist's format.
    Export,
}

pub fn run(args: ActorsArgs) -> Result<ExitCode> {
    let base = match &args.kb {
        Some(p) => kb::load(p).with_context(|| format!("reading {}", p.display()))?,
        None => Lexicon::new(),
    };
    match args.action {
        ActorsAction::List => {
            if let Some(p) = &args.kb {
                // The file itself keeps the provenance column.
                match std::fs::read_to_string(p) {
                    Ok(t) => print!("{t}"),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e).with_context(|| format!("reading {}", p.display())),
                }
            } else {
                eprintln!("annalist: no knowledge base (set --kb or ANNALIST_ACTOR_KB)");
            }
        }
        ActorsAction::Search { text } => {
            let q = text.to_uppercase();
            let shipped = standard_lexicon();
            for (origin, lx) in [("kb", &base), ("shipped", &*shipped)] {
                for e in &lx.actors {
                    let phrase = e.words.join(" ");
                    if phrase.contains(&q) || e.codes.iter().any(|c| c.code.contains(&q)) {
                        println!("{origin}\t{}", compact::actor_line(e));
                    }
                }
            }
        }
        ActorsAction::Export => {
            let mut all = (*standard_lexicon()).clone();
            all.extend(base);
            print!("{}", compact::write(&all));
        }
    }
    Ok(ExitCode::SUCCESS)
}
