//! Tense cues around an expression, from the words alone (the tagger and
//! parser are optional): `will`/`'ll`/`going to` point forward, past-tense
//! verbs (`said`, `-ed`, common irregulars) point back.

use crate::scan::{Kind, Scan};

/// Which way a clause points from the story date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past tense or perfect.
    Past,
    /// Present tense.
    Present,
    /// Future (`will`, `is to`, `plans to`).
    Future,
    /// No cue found.
    Unknown,
}

/// Words that end a clause for the cue search.
fn boundary(sc: &Scan, i: usize) -> bool {
    matches!(sc.lo(i), "." | "!" | "?" | ";" | "\"" | "“" | "”" | ":") || sc.toks[i].para_before
}

fn irregular_past(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "told"
            | "met"
            | "went"
            | "came"
            | "took"
            | "made"
            | "gave"
            | "began"
            | "left"
            | "saw"
            | "held"
            | "won"
            | "lost"
            | "got"
            | "fell"
            | "rose"
            | "hit"
            | "put"
            | "set"
            | "sent"
            | "spent"
            | "struck"
            | "fought"
            | "brought"
            | "bought"
            | "thought"
            | "found"
            | "kept"
            | "led"
            | "paid"
            | "ran"
            | "said,"
            | "sought"
            | "spoke"
            | "stood"
            | "wrote"
            | "knew"
            | "grew"
            | "drew"
            | "flew"
            | "threw"
            | "shot"
            | "broke"
            | "chose"
            | "froze"
            | "stole"
            | "woke"
            | "became"
            | "became,"
            | "ate"
            | "fled"
            | "felt"
            | "heard"
            | "meant"
            | "built"
            | "cut"
            | "quit"
            | "hurt"
            | "sold"
            | "beat"
            | "bore"
            | "swore"
            | "tore"
            | "wore"
            | "hung"
            | "rang"
            | "sang"
            | "sank"
            | "slid"
            | "spun"
            | "stuck"
            | "swept"
            | "taught"
            | "understood"
            | "withdrew"
            | "overtook"
            | "dealt"
            | "arose"
            | "lay"
            | "laid"
            | "ago"
            | "former"
            | "earlier"
            | "previously"
            | "yesterday"
    )
}

fn not_past_ed(w: &str) -> bool {
    matches!(
        w,
        "need"
            | "red"
            | "bed"
            | "seed"
            | "feed"
            | "speed"
            | "united"
            | "based"
            | "indeed"
            | "proceed"
            | "exceed"
            | "succeed"
            | "hundred"
            | "shed"
            | "wed"
            | "breed"
            | "greed"
            | "bleed"
            | "reed"
            | "weed"
            | "creed"
            | "deed"
            | "heed"
            | "armed"
            | "aged"
            | "ed"
            | "concerned"
            | "interested"
            | "limited"
            | "related"
            | "scheduled"
            | "expected"
            | "planned"
            | "supposed"
            | "prepared"
            | "slated"
            | "detailed"
            | "advanced"
            | "unprecedented"
            | "alleged"
            | "allied"
            | "embattled"
            | "unnamed"
            | "elected"
            | "designated"
            | "proposed"
            | "continued"
            | "renewed"
            | "increased"
    )
}

fn future_infinitive(w: &str) -> bool {
    matches!(
        w,
        "expected"
            | "scheduled"
            | "due"
            | "set"
            | "plans"
            | "plan"
            | "planned"
            | "planning"
            | "going"
            | "intends"
            | "intend"
            | "aims"
            | "slated"
            | "poised"
            | "likely"
            | "hopes"
            | "is"
            | "are"
            | "ready"
            | "prepared"
            | "wants"
    )
}

fn cue(sc: &Scan, i: usize) -> Option<Tense> {
    if sc.kind(i) != Some(Kind::Word) {
        return None;
    }
    let w = sc.lo(i);
    let next = sc.lo(i + 1);
    if next == "to" && future_infinitive(w) {
        return Some(Tense::Future);
    }
    if matches!(
        w,
        "scheduled" | "planned" | "plans" | "planning" | "until" | "till"
    ) {
        return Some(Tense::Future);
    }
    // "as soon as Tuesday", "as early as Tuesday".
    if matches!(w, "soon" | "early") && sc.lo(i.wrapping_sub(1)) == "as" && next == "as" {
        return Some(Tense::Future);
    }
    // "to be published", "will be held": the participle carries no tense;
    // the auxiliary before it decides.
    if matches!(sc.lo(i.wrapping_sub(1)), "be" | "being") {
        return None;
    }
    // With the tagger's output, trust the verb tags over word shapes.
    if let Some(tag) = sc.tag(i) {
        match tag {
            "MD" if !matches!(w, "can" | "ca") => return Some(Tense::Future),
            "MD" | "VBZ" | "VBP" => return Some(Tense::Present),
            // A bare participle ("announced Friday") reports a past event.
            "VBD" | "VBN" => return Some(Tense::Past),
            // Nouns and adjectives ("the wounded", "a set") are no cue.
            _ if tag.starts_with("NN") || tag.starts_with("JJ") => return None,
            _ => {}
        }
    }
    match w {
        "will" | "shall" | "would" | "ll" | "tomorrow" | "upcoming" => return Some(Tense::Future),
        "won" if next == "'" || next == "’" => return Some(Tense::Future),
        "is" | "are" | "am" | "says" | "say" | "does" | "do" | "has" | "have" => {
            return Some(Tense::Present)
        }
        _ => {}
    }
    if irregular_past(w) {
        return Some(Tense::Past);
    }
    if w.len() > 4 && w.ends_with("ed") && !not_past_ed(w) {
        return Some(Tense::Past);
    }
    None
}

/// The tense of the clause around tokens `[start, end)`: the nearest cue
/// looking back within the clause, else the nearest looking forward.
pub fn tense_at(sc: &Scan, start: usize, end: usize) -> Tense {
    const REACH: usize = 20;
    let mut i = start;
    let stop = start.saturating_sub(REACH);
    let mut present = false;
    while i > stop {
        if boundary(sc, i) {
            break;
        }
        i -= 1;
        if boundary(sc, i) {
            break;
        }
        match cue(sc, i) {
            Some(Tense::Present) => {
                present = true;
                break;
            }
            Some(t) => return t,
            None => {}
        }
    }
    let mut i = end;
    while i < sc.len() && i < end + REACH {
        if boundary(sc, i) {
            break;
        }
        match cue(sc, i) {
            Some(Tense::Present) if present => return Tense::Present,
            Some(Tense::Present) => {}
            Some(t) => return t,
            None => {}
        }
        i += 1;
    }
    if present {
        Tense::Present
    } else {
        Tense::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense_of(text: &str, word: &str) -> Tense {
        let sc = Scan::new(text);
        let i = (0..sc.len()).find(|&i| sc.lo(i) == word).unwrap();
        tense_at(&sc, i, i + 1)
    }

    #[test]
    fn reads_simple_cues() {
        assert_eq!(
            tense_of("Di Maio will meet Cavusoglu on Tuesday evening.", "tuesday"),
            Tense::Future
        );
        assert_eq!(
            tense_of("La Stampa reported on Monday that talks failed.", "monday"),
            Tense::Past
        );
        assert_eq!(
            tense_of("On Monday, officials said the talks failed.", "monday"),
            Tense::Past
        );
        assert_eq!(
            tense_of("He is expected to arrive Friday.", "friday"),
            Tense::Future
        );
    }
}
