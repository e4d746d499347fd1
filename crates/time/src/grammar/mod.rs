//! Recognition: a hand-written, bounded-lookahead grammar over the scanned
//! tokens. At each token it tries every pattern and keeps the longest match,
//! then resumes after it, so the pass is linear in the text length.

mod dates;
mod spans;
mod words;

use crate::lexicon::{self, Unit};
use crate::scan::{Kind, Scan};
use dates::*;
use spans::*;
use words::*;

/// What a recognised expression means, before anchoring.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// Calendar date with the parts that were written; a missing year is
    /// inferred from the document date and tense.
    Explicit {
        /// Year.
        y: Option<i32>,
        /// Month.
        m: Option<u32>,
        /// Day of month.
        d: Option<u32>,
    },
    /// A weekday (1 = Monday) with an optional forced direction
    /// (`last Tuesday` −1, `next Tuesday` +1).
    Weekday(u32, i32),
    /// `yesterday` (−1), `today` (0), `tomorrow` (+1).
    DayOffset(i64),
    /// `this`/`last`/`next` + unit (offset 0, −1, +1).
    Rel(Unit, i32),
    /// `last June` (−1), `next June` (+1), `this June` (0).
    MonthRel(u32, i32),
    /// A season code with an optional year or relative offset.
    Season(&'static str, Option<i32>, Option<i32>),
    /// A quarter 1–4 with an optional year.
    Quarter(u32, Option<i32>),
    /// Half year 1 or 2, with an optional year.
    Half(u32, Option<i32>),
    /// A quarter of the year `off` years from the story's
    /// (`this year's third quarter`).
    QuarterOfRel(u32, i32),
    /// `the year-earlier quarter`, `year-ago`: results compared with the
    /// same quarter a year before.
    YearAgoQuarter,
    /// A month of the year `off` years from the story's (`June last year`).
    MonthInYear(u32, i32),
    /// `the weekend`: the one before or after the story date, by tense.
    Weekend,
    /// Thanksgiving (fourth Thursday of November), optional year.
    Thanksgiving(Option<i32>),
    /// A decade written as its first three digits (`199`).
    Decade(i32),
    /// A century written as its first two digits (`19`).
    Century(i32),
    /// `two years ago` (dir −1), `in three days`/`from now` (+1); amount
    /// `None` when vague.
    Shift(Option<u32>, Unit, i32),
    /// A length of time.
    Duration(Option<u32>, Unit),
    /// A fixed (type, value) needing no anchoring (`PRESENT_REF`, `P1D`).
    Fixed(&'static str, String),
}

/// A recognised expression over tokens `[start, end)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Meaning.
    pub sem: Sem,
    /// Part of day (`MO`, `EV`, `NI` …).
    pub pod: Option<&'static str>,
    /// Clock time: hour and, when written, minutes.
    pub clock: Option<(u32, Option<u32>)>,
    /// TIMEX3 `mod`.
    pub md: Option<&'static str>,
    /// Relative to the last date the story mentioned rather than to the
    /// story date (`the next day`, `two days later`, `that day`).
    pub anaphoric: bool,
}

/// Finds every time expression in the scanned text.
pub fn recognize(sc: &Scan) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sc.len() {
        if !may_start(sc, i) {
            i += 1;
            continue;
        }
        match parse_at(sc, i) {
            Some(m) if m.end > i => {
                i = m.end;
                out.push(m);
            }
            _ => i += 1,
        }
    }
    out
}

/// Cheap filter: only tokens that can begin an expression are tried.
fn may_start(sc: &Scan, i: usize) -> bool {
    match sc.kind(i) {
        Some(Kind::Num) => true,
        Some(Kind::Punct) => sc.lo(i) == "'" || sc.lo(i) == "’",
        Some(Kind::Word) => {
            let w = sc.lo(i);
            // The commonest words start an expression only before a few
            // words; checking those first keeps the scan cheap.
            match w {
                "the" => {
                    let n = sc.lo(i + 1);
                    return n != "the"
                        && (may_start(sc, i + 1)
                            || matches!(
                                n,
                                "past"
                                    | "future"
                                    | "near"
                                    | "present"
                                    | "end"
                                    | "beginning"
                                    | "start"
                                    | "middle"
                                    | "latest"
                                    | "most"
                                    | "fiscal"
                                    | "weekend"
                                    | "same"
                                    | "quarter"
                                    | "year"
                                    | "month"
                                    | "week"
                            ));
                }
                "a" | "an" => {
                    let n = sc.lo(i + 1);
                    return lexicon::unit(n).is_some()
                        || matches!(n, "few" | "couple" | "dozen" | "half");
                }
                _ => {}
            }
            let ord_like =
                w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd") || w.ends_with("th");
            lexicon::month(w).is_some()
                || lexicon::weekday(w).is_some()
                || lexicon::unit(w).is_some()
                || lexicon::cardinal(w).is_some()
                || (ord_like && lexicon::ordinal(w).is_some())
                || lexicon::season(w).is_some()
                || lexicon::deictic(w).is_some()
                || lexicon::day_word(w).is_some()
                || lexicon::vague_amount(w)
                || lexicon::part_of_day(w).is_some()
                || matches!(
                    w,
                    "the"
                        | "this"
                        | "last"
                        | "next"
                        | "past"
                        | "coming"
                        | "previous"
                        | "following"
                        | "current"
                        | "upcoming"
                        | "early"
                        | "earlier"
                        | "late"
                        | "later"
                        | "mid"
                        | "about"
                        | "around"
                        | "nearly"
                        | "almost"
                        | "more"
                        | "less"
                        | "at"
                        | "roughly"
                        | "approximately"
                        | "every"
                        | "each"
                        | "fiscal"
                        | "q"
                        | "noon"
                        | "midnight"
                        | "christmas"
                        | "new"
                        | "independence"
                        | "halloween"
                        | "valentine"
                        | "bastille"
                        | "boxing"
                        | "st"
                        | "saint"
                        | "may"
                        | "thanksgiving"
                        | "easter"
                        | "fourth"
                        | "epiphany"
                        | "veterans"
                        | "armistice"
                        | "groundhog"
                        | "all"
                        | "xmas"
                        | "future"
                        | "half"
                        | "that"
                        | "present"
                        | "within"
                        | "under"
                        | "over"
                        | "some"
                        | "up"
                        | "q1"
                        | "q2"
                        | "q3"
                        | "q4"
                        | "end"
                        | "beginning"
                        | "start"
                        | "middle"
                        | "former"
                )
        }
        None => false,
    }
}

/// Parses the longest expression starting at token `i`.
pub fn parse_at(sc: &Scan, i: usize) -> Option<Mention> {
    let (j, md) = prefix(sc, i);
    // TimeBank leaves "earlier"/"later" outside a bare weekday.
    if matches!(sc.lo(i), "earlier" | "later") && weekday_at(sc, j).is_some() {
        let mut m = core(sc, j)?;
        m.md = None;
        return Some(m);
    }
    let mut m = core(sc, j).or_else(|| {
        // "the end of the year", "the beginning of the month".
        // "the end of year" drops the article.
        if j == i || !matches!(md, Some("START" | "END" | "MID")) {
            return None;
        }
        let k = if sc.lo(j) == "the" { j + 1 } else { j };
        let (u, false) = lexicon::unit(sc.lo(k))? else {
            return None;
        };
        matches!(u, Unit::Year | Unit::Month | Unit::Week)
            .then(|| mention(j, k + 1, Sem::Rel(u, 0)))
    })?;
    if j > i {
        m.start = i;
        if md.is_some() {
            m.md = md;
        }
    }
    Some(m)
}

/// Modifier words the TimeML guidelines put inside the extent.
fn prefix(sc: &Scan, i: usize) -> (usize, Option<&'static str>) {
    let w = sc.lo(i);
    let two = (w, sc.lo(i + 1));
    match two {
        ("more", "than") => (i + 2, Some("MORE_THAN")),
        ("less", "than") => (i + 2, Some("LESS_THAN")),
        ("at", "least") => (i + 2, Some("MORE_THAN")),
        ("up", "to") => (i + 2, Some("LESS_THAN")),
        ("nearly", _) | ("almost", _) => (i + 1, Some("LESS_THAN")),
        ("about", _) | ("around", _) | ("roughly", _) | ("approximately", _) => {
            (i + 1, Some("APPROX"))
        }
        ("early", _) | ("earlier", _) => (i + 1, Some("START")),
        ("late", _) | ("later", _) => (i + 1, Some("END")),
        ("mid", "-") => (i + 2, Some("MID")),
        ("mid", _) => (i + 1, Some("MID")),
        ("the", "end") | ("the", "beginning") | ("the", "start") | ("the", "middle")
            if sc.lo(i + 2) == "of" =>
        {
            let md = match sc.lo(i + 1) {
                "end" => "END",
                "middle" => "MID",
                _ => "START",
            };
            (i + 3, Some(md))
        }
        _ => (i, None),
    }
}

pub(super) fn mention(start: usize, end: usize, sem: Sem) -> Mention {
    Mention {
        start,
        end,
        sem,
        pod: None,
        clock: None,
        md: None,
        anaphoric: false,
    }
}

pub(super) fn anaphoric(mut m: Mention) -> Mention {
    m.anaphoric = true;
    m
}

/// Tries every pattern at `j` and keeps the longest.
fn core(sc: &Scan, j: usize) -> Option<Mention> {
    let mut best: Option<Mention> = None;
    let mut consider = |m: Option<Mention>| {
        if let Some(m) = m {
            if best.as_ref().is_none_or(|b| m.end > b.end) {
                best = Some(m);
            }
        }
    };
    consider(clock(sc, j));
    consider(calendar(sc, j));
    consider(numeric_date(sc, j));
    consider(year_like(sc, j));
    consider(weekday_expr(sc, j));
    consider(day_word_expr(sc, j));
    consider(relative(sc, j));
    consider(amount_expr(sc, j));
    consider(quarter(sc, j));
    consider(season_expr(sc, j));
    consider(century(sc, j));
    consider(single_word(sc, j));
    consider(holiday(sc, j));
    consider(set_expr(sc, j));
    let mut m = best?;
    // A part of day after a date: "Tuesday evening", "Jan. 7 morning".
    if m.pod.is_none() && m.clock.is_none() {
        if let Some(p) = lexicon::part_of_day(sc.lo(m.end)) {
            if matches!(
                m.sem,
                Sem::Weekday(..) | Sem::DayOffset(_) | Sem::Explicit { d: Some(_), .. }
            ) {
                m.pod = Some(p);
                m.end += 1;
            }
        }
    }
    Some(m)
}
