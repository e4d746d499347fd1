//! Rebuilds `data/cameo.tsv` (CAMEO codes with Goldstein scores and PLOVER
//! types) and `data/verbs.tsv` (the CAMEO.2.0 verb dictionary in Annalist's
//! format) from the shared data folder.
//!
//! Usage: `cargo run -p annalist-events --bin build-event-tables --release -- DATA_DIR OUT_DIR`

use annalist_events::verbs::VerbDict;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: build-event-tables DATA_DIR OUT_DIR");
        return ExitCode::from(2);
    }
    match run(Path::new(&args[1]), Path::new(&args[2])) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build-event-tables: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read(p: &Path) -> Result<String, Box<dyn std::error::Error>> {
    Ok(String::from_utf8_lossy(&std::fs::read(p)?).into_owned())
}

fn run(data: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for line in read(&data.join("cameo/gdelt/CAMEO.eventcodes.txt"))?
        .lines()
        .skip(1)
    {
        let line = line.trim_end_matches('\r');
        // The GDELT file glues code 106 onto the 1056 line.
        for part in line.split("106:[-5.0] ") {
            if let Some((c, n)) = part.split_once('\t') {
                names.insert(c.trim().to_string(), n.trim().to_string());
            }
        }
        if line.contains("106:[-5.0] Demand withdrawal") {
            names.insert("106".into(), "Demand withdrawal".into());
        }
    }
    let mut gold: BTreeMap<String, String> = BTreeMap::new();
    for line in read(&data.join("cameo/gdelt/CAMEO.goldsteinscale.txt"))?
        .lines()
        .skip(1)
    {
        if let Some((c, g)) = line.trim_end_matches('\r').split_once('\t') {
            gold.insert(c.trim().to_string(), g.trim().to_string());
        }
    }
    let mut plover: BTreeMap<String, (String, String)> = BTreeMap::new();
    for line in read(&data.join("plover/CAMEO2PLOVER-2021.txt"))?.lines() {
        let body = line.split('#').next().unwrap_or("");
        let Some((c, rest)) = body.split_once(':') else {
            continue;
        };
        let c = c.trim();
        if c.is_empty() || !c.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut parts = rest.split(',').map(str::trim);
        let ev = parts.next().unwrap_or("").to_string();
        let mode = parts.next().unwrap_or("").to_string();
        if !ev.is_empty() && !plover.contains_key(c) {
            plover.insert(c.to_string(), (ev, mode));
        }
    }
    let mut t = String::from(
        "# CAMEO codes: code, name, Goldstein score, PLOVER event type, PLOVER mode.\n\
         # Names and Goldstein scores: GDELT CAMEO lookups (CAMEO manual 1.1b3, Schrodt et al.).\n\
         # PLOVER mapping: CAMEO2PLOVER-2021.txt, openeventdata/PLOVER, CC BY-SA 4.0.\n",
    );
    for (c, n) in &names {
        let g = gold.get(c).map(String::as_str).unwrap_or("0");
        // Codes the PLOVER table lacks take their parent's or root's type.
        let mut p = None;
        let mut k = c.as_str();
        while k.len() >= 2 {
            if let Some(x) = plover.get(k) {
                p = Some(x.clone());
                break;
            }
            k = &k[..k.len() - 1];
        }
        let (ev, mode) = p.unwrap_or_default();
        let _ = writeln!(t, "{c}\t{n}\t{g}\t{ev}\t{mode}");
    }
    std::fs::write(out.join("cameo.tsv"), t)?;
    let verbs = VerbDict::from_petrarch(&read(&data.join("petrarch/dictionaries/CAMEO.2.0.txt"))?);
    let mut v = String::from(
        "# Annalist verb-pattern dictionary (format: src/verbs.rs), converted by build-event-tables\n\
         # from CAMEO.2.0.txt (PETRARCH-2, MIT, (c) Open Event Data Alliance).\n",
    );
    v.push_str(&verbs.to_annalist());
    std::fs::write(out.join("verbs.tsv"), v)?;
    eprintln!(
        "{} codes, {} verbs, {} blocks",
        names.len(),
        verbs.verbs.len(),
        verbs.blocks.len()
    );
    Ok(())
}
