//! Rebuilds `data/actors.tsv.gz` from the Phoenix/PETRARCH dictionaries and
//! the Mordecai demonym list in the shared data folder.
//!
//! Usage: `cargo run -p annalist-actors --bin build-actor-lexicon --release -- DATA_DIR OUT.tsv.gz`

use annalist_actors::dict::{phrase_words, ActorEntry, DatedCode};
use annalist_actors::{compact, petrarch};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: build-actor-lexicon DATA_DIR OUT.tsv.gz");
        return ExitCode::from(2);
    }
    match run(Path::new(&args[1]), Path::new(&args[2])) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build-actor-lexicon: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(data: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let d = data.join("petrarch/dictionaries");
    let actors = [
        d.join("Phoenix.Countries.actors.txt"),
        d.join("Phoenix.International.actors.txt"),
        d.join("Phoenix.MilNonState.actors.txt"),
    ];
    let agents = [d.join("Phoenix.agents.txt")];
    let a: Vec<&Path> = actors.iter().map(|p| p.as_path()).collect();
    let g: Vec<&Path> = agents.iter().map(|p| p.as_path()).collect();
    let mut lx = petrarch::load(&a, &g)?;
    // Demonyms the Phoenix country lists lack ("Emirati", "Congolese").
    let demonyms = std::fs::read_to_string(data.join("gazetteer/demonyms_mordecai2.csv"))?;
    let mut added = 0;
    let mut seen = std::collections::HashSet::new();
    for line in demonyms.lines().skip(1) {
        let Some((adj, code)) = line.split_once(',') else {
            continue;
        };
        let (adj, code) = (adj.trim(), code.trim());
        let words = phrase_words(adj);
        // Ambiguous adjectives (Congolese, Dominican) are left out.
        if code.len() != 3 || words.is_empty() || !seen.insert(words.clone()) {
            continue;
        }
        if lx.actor_by_phrase(&words).is_some() || ambiguous(&demonyms, adj) {
            continue;
        }
        lx.add_actor(ActorEntry {
            name: words.join("_"),
            words,
            codes: vec![DatedCode::always(code)],
        });
        added += 1;
    }
    // Plural demonyms name the people of a country ("Thousands of
    // Nigerians", "Young Algerians"); Phoenix lists only a few
    // ("PALESTINIANS", "ISRAELIS").
    let plurals: Vec<ActorEntry> = lx
        .actors
        .iter()
        .filter(|e| {
            e.words.len() == 1
                && e.codes.iter().all(|c| c.code.len() == 3 && c.code != "---")
                && e.words[0].len() > 3
                && !e.words[0].ends_with("ISH")
                && e.words[0].ends_with(['N', 'I', 'K', 'B', 'T'])
        })
        .map(|e| ActorEntry {
            words: vec![format!("{}S", e.words[0])],
            name: e.name.clone(),
            codes: e.codes.clone(),
        })
        .collect();
    let mut plural_added = 0;
    for e in plurals {
        if lx.actor_by_phrase(&e.words).is_none() {
            lx.add_actor(e);
            plural_added += 1;
        }
    }
    eprintln!("{plural_added} plural demonyms added");
    let mut text = String::from(
        "# Annalist actor lexicon, compiled by build-actor-lexicon from\n\
         # Phoenix.{Countries,International,MilNonState}.actors.txt and Phoenix.agents.txt\n\
         # (PETRARCH-2, MIT, (c) Open Event Data Alliance) and Mordecai nat_df.csv (MIT).\n",
    );
    text.push_str(&compact::write(&lx));
    let f = std::fs::File::create(out)?;
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::best());
    gz.write_all(text.as_bytes())?;
    gz.finish()?;
    eprintln!(
        "{} actor phrases ({} demonyms added), {} agent phrases -> {}",
        lx.actors.len(),
        added,
        lx.agents.len(),
        out.display()
    );
    Ok(())
}

fn ambiguous(csv: &str, adj: &str) -> bool {
    csv.lines()
        .filter(|l| l.split(',').next().map(str::trim) == Some(adj))
        .count()
        > 1
}
