//! Recognition: a hand-written, bounded-lookahead grammar over the scanned
//! tokens. At each token it tries every pattern and keeps the longest match,
//! then resumes after it, so the pass is linear in the text length.

use crate::lexicon::{self, Unit};
use crate::scan::{Kind, Scan};

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
    /// A quarter (or half, as 5/6) with an optional year.
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
    /// A fixed (type, value); `DCT` in the value stands for the story date.
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

/// Capitalised in the source (proper-noun month and weekday names).
fn capitalised(sc: &Scan, i: usize) -> bool {
    sc.raw(i).chars().next().is_some_and(char::is_uppercase)
}

fn num(sc: &Scan, i: usize) -> Option<u32> {
    if sc.kind(i) != Some(Kind::Num) {
        return None;
    }
    let s = sc.lo(i);
    if s.len() > 6 {
        return None;
    }
    s.parse().ok()
}

/// Digits count of a number token.
fn ndigits(sc: &Scan, i: usize) -> usize {
    if sc.kind(i) == Some(Kind::Num) {
        sc.lo(i).len()
    } else {
        0
    }
}

/// A month name at `i` (guarding `May`/`March` the modal and verb).
fn month_at(sc: &Scan, i: usize) -> Option<u32> {
    let m = lexicon::month(sc.lo(i))?;
    if !capitalised(sc, i) {
        return None;
    }
    let w = sc.lo(i);
    // Short forms and the ambiguous `May`/`March` need nearby support.
    let short = w.len() <= 4 && !sc.raw(i).ends_with('.') && !matches!(w, "june" | "july");
    if short || w == "may" || w == "march" {
        let next_num = num(sc, i + 1).is_some();
        let prev = sc.lo(i.wrapping_sub(1));
        let prev_ok = matches!(
            prev,
            "in" | "since"
                | "until"
                | "till"
                | "of"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "this"
                | "by"
                | "from"
                | "through"
                | "to"
                | "before"
                | "after"
                | "during"
                | "-"
                | "and"
                | "or"
                | "between"
                | "that"
                | "every"
                | "each"
                | "on"
        );
        let next_ok =
            matches!(sc.lo(i + 1), "," | "." | ";" | ")") && (w.len() > 4 || w == "may") && prev_ok;
        if !(next_num || prev_ok || next_ok) {
            return None;
        }
        if w == "may" && !(next_num || prev_ok) {
            return None;
        }
        if short && w.len() <= 3 && !next_num && !sc.raw(i).ends_with('.') {
            return None;
        }
    }
    Some(m)
}

fn weekday_at(sc: &Scan, i: usize) -> Option<u32> {
    let d = lexicon::weekday(sc.lo(i))?;
    let w = sc.lo(i);
    if w.len() < 6 && !(capitalised(sc, i) && sc.raw(i).ends_with('.')) {
        return None;
    }
    Some(d)
}

/// A four-digit year 1000–2099 not used as an amount.
fn year_at(sc: &Scan, i: usize) -> Option<i32> {
    if ndigits(sc, i) != 4 || sc.raw(i).contains(',') {
        return None;
    }
    let y: i32 = sc.lo(i).parse().ok()?;
    if !(1000..=2099).contains(&y) {
        return None;
    }
    let prev = sc.lo(i.wrapping_sub(1));
    if matches!(
        prev,
        "$" | "£" | "€" | "#" | "no" | "number" | "route" | "flight" | "us" | "rs"
    ) || (prev == "." && sc.glued(i))
    {
        return None;
    }
    let next = sc.lo(i + 1);
    if matches!(
        next,
        "%" | "percent"
            | "people"
            | "points"
            | "troops"
            | "soldiers"
            | "persons"
            | "tons"
            | "tonnes"
            | "km"
            | "kilometers"
            | "kilometres"
            | "miles"
            | "meters"
            | "feet"
            | "dollars"
            | "euros"
            | "workers"
            | "students"
            | "members"
            | "cases"
            | "deaths"
            | "pounds"
            | "votes"
            | "units"
            | "jobs"
            | "shares"
            | "cars"
            | "ft"
            | "m"
    ) || (next == ":" && sc.glued(i + 1))
        || (next == "." && num(sc, i + 2).is_some() && sc.glued(i + 2))
    {
        return None;
    }
    if !(1800..=2099).contains(&y)
        && !matches!(
            prev,
            "in" | "since" | "of" | "by" | "from" | "until" | "year" | "-"
        )
    {
        return None;
    }
    Some(y)
}

/// An optional year after a month or day: `, 2020`, ` 2020`, `of 2020`.
fn opt_year(sc: &Scan, j: usize) -> (usize, Option<i32>) {
    if let Some(y) = year_at(sc, j) {
        return (j + 1, Some(y));
    }
    if matches!(sc.lo(j), "," | "of") {
        if let Some(y) = year_at(sc, j + 1) {
            return (j + 2, Some(y));
        }
    }
    (j, None)
}

/// A day-of-month number (1–31), optionally with an ordinal suffix.
fn day_num(sc: &Scan, j: usize) -> Option<(usize, u32)> {
    let d = num(sc, j)?;
    if ndigits(sc, j) > 2 || !(1..=31).contains(&d) {
        return None;
    }
    let mut k = j + 1;
    if matches!(sc.lo(k), "st" | "nd" | "rd" | "th") && sc.glued(k) {
        k += 1;
    }
    // "7:30" and "7.5" are not days.
    if matches!(sc.lo(k), ":" | "." | "/") && sc.glued(k) && num(sc, k + 1).is_some() {
        return None;
    }
    Some((k, d))
}

/// A spelt or written amount: (end, value; `None` when vague, is_article).
fn amount(sc: &Scan, j: usize) -> Option<(usize, Option<u32>)> {
    let w = sc.lo(j);
    if let Some(n) = num(sc, j) {
        if ndigits(sc, j) > 4 {
            return None;
        }
        // "1.5 hours": keep the integer part out; say vague.
        if sc.lo(j + 1) == "." && sc.glued(j + 1) && num(sc, j + 2).is_some() {
            return Some((j + 3, None));
        }
        return Some((j + 1, Some(n)));
    }
    if w == "a" || w == "an" {
        match sc.lo(j + 1) {
            "few" | "couple" => {
                let k = if sc.lo(j + 2) == "of" { j + 3 } else { j + 2 };
                return Some((k, None));
            }
            "dozen" => return Some((j + 2, Some(12))),
            _ => return Some((j + 1, Some(1))),
        }
    }
    if lexicon::vague_amount(w) {
        return Some((j + 1, None));
    }
    if let Some(n) = lexicon::cardinal(w) {
        if (20..100).contains(&n) && sc.lo(j + 1) == "-" && sc.glued(j + 1) {
            if let Some(u) = lexicon::cardinal(sc.lo(j + 2)).filter(|u| *u < 10) {
                return Some((j + 3, Some(n + u)));
            }
        }
        if sc.lo(j + 1) == "hundred" {
            return Some((j + 2, Some(n * 100)));
        }
        let k = if w == "couple" && sc.lo(j + 1) == "of" {
            j + 2
        } else {
            j + 1
        };
        return Some((k, Some(n)));
    }
    None
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
        if j == i || !matches!(md, Some("START" | "END" | "MID")) || sc.lo(j) != "the" {
            return None;
        }
        let (u, false) = lexicon::unit(sc.lo(j + 1))? else {
            return None;
        };
        matches!(u, Unit::Year | Unit::Month | Unit::Week)
            .then(|| mention(j, j + 2, Sem::Rel(u, 0)))
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

fn mention(start: usize, end: usize, sem: Sem) -> Mention {
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

fn anaphoric(mut m: Mention) -> Mention {
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

/// Clock times: `10:30 a.m.`, `8 pm`, `15:00 GMT Saturday`, `noon`.
fn clock(sc: &Scan, j: usize) -> Option<Mention> {
    let (mut k, h, mi) = match sc.lo(j) {
        "noon" | "midday" => (j + 1, 12, Some(0)),
        "midnight" => (j + 1, 24, Some(0)),
        _ => {
            let h = num(sc, j)?;
            if ndigits(sc, j) > 2 || h > 24 {
                return None;
            }
            // The tail of "3:07:35" or of a price "$1.50".
            if matches!(sc.lo(j.wrapping_sub(1)), ":" | ".") && sc.glued(j) {
                return None;
            }
            let mut k = j + 1;
            let mut mi = None;
            let dot = sc.lo(k) == ".";
            if matches!(sc.lo(k), ":" | ".") && sc.glued(k) && ndigits(sc, k + 1) == 2 {
                let v = num(sc, k + 1)?;
                if v >= 60 {
                    return None;
                }
                mi = Some(v);
                k += 2;
                if sc.lo(k) == ":" && sc.glued(k) && ndigits(sc, k + 1) == 2 {
                    // h:mm:ss is a race time, not a clock reading.
                    return None;
                }
            }
            let mut h = h;
            match sc.lo(k) {
                "am" => {
                    if h == 12 {
                        h = 0;
                    }
                    k += 1;
                }
                "pm" => {
                    if h < 12 {
                        h += 12;
                    }
                    k += 1;
                }
                "o" if sc.lo(k + 1) == "'" && sc.lo(k + 2) == "clock" => k += 3,
                // "9.30" needs "a.m."/"p.m." to be a time rather than a number.
                _ if mi.is_some() && !dot => {}
                _ => return None,
            }
            if h > 24 {
                return None;
            }
            (k, h, mi)
        }
    };
    if matches!(
        sc.lo(k),
        "gmt" | "utc" | "est" | "edt" | "et" | "pst" | "pdt" | "cet" | "bst" | "local"
    ) {
        k += 1;
        if sc.lo(k) == "time" {
            k += 1;
        }
    }
    let mut sem = Sem::DayOffset(0);
    // A day after the time belongs to it: "10 a.m. Tuesday".
    let mut k2 = k;
    if sc.lo(k2) == "," || sc.lo(k2) == "on" {
        k2 += 1;
    }
    if let Some(m) = weekday_expr(sc, k2)
        .or_else(|| day_word_expr(sc, k2))
        .or_else(|| calendar(sc, k2))
    {
        if m.clock.is_none() && m.pod.is_none() {
            sem = m.sem;
            k = m.end;
        }
    }
    let mut m = mention(j, k, sem);
    m.clock = Some((h, mi));
    Some(m)
}

/// Month-name dates: `January 7`, `Jan. 7, 2020`, `7 January 2020`,
/// `January 2020`, `Tuesday, Jan. 7`, `the 7th of January`.
fn calendar(sc: &Scan, j: usize) -> Option<Mention> {
    let start = j;
    let mut j = j;
    // Leading weekday: "Tuesday, January 7".
    if weekday_at(sc, j).is_some() {
        let k = if sc.lo(j + 1) == "," { j + 2 } else { j + 1 };
        if month_at(sc, k).is_some()
            || (day_num(sc, k).is_some() && month_at(sc, day_num(sc, k)?.0).is_some())
        {
            j = k;
        } else {
            return None;
        }
    }
    if let Some(m) = month_at(sc, j) {
        let k = j + 1;
        if let Some((k2, d)) = day_num(sc, k) {
            // "May 2020" reads as month-year when the number is a year.
            if year_at(sc, k).is_none() {
                let (k3, y) = opt_year(sc, k2);
                return Some(mention(
                    start,
                    k3,
                    Sem::Explicit {
                        y,
                        m: Some(m),
                        d: Some(d),
                    },
                ));
            }
        }
        // "June last year", "January this year".
        if let Some(off) = rel_word(sc.lo(k)).filter(|_| sc.lo(k + 1) == "year") {
            return Some(mention(start, k + 2, Sem::MonthInYear(m, off)));
        }
        let (k2, y) = opt_year(sc, k);
        return Some(mention(
            start,
            k2,
            Sem::Explicit {
                y,
                m: Some(m),
                d: None,
            },
        ));
    }
    // "7 January [2020]", "the 7th of January".
    let mut k = j;
    if sc.lo(k) == "the" {
        k += 1;
    }
    let (k2, d) = day_num(sc, k).or_else(|| {
        let d = lexicon::ordinal(sc.lo(k))?;
        (d <= 31).then_some((k + 1, d))
    })?;
    let k3 = if sc.lo(k2) == "of" { k2 + 1 } else { k2 };
    let m = month_at(sc, k3)?;
    if k > j && k3 == k2 {
        return None;
    }
    let (k4, y) = opt_year(sc, k3 + 1);
    Some(mention(
        start,
        k4,
        Sem::Explicit {
            y,
            m: Some(m),
            d: Some(d),
        },
    ))
}

/// `2020-01-07`, `1/7/2020`, `01/07/20`.
fn numeric_date(sc: &Scan, j: usize) -> Option<Mention> {
    let a = num(sc, j)?;
    let sep = sc.lo(j + 1);
    if !(matches!(sep, "-" | "/") && sc.glued(j + 1) && sc.glued(j + 2)) {
        return None;
    }
    let b = num(sc, j + 2)?;
    // "2009-10" is a range of years and "2020-01" too rare to guess at:
    // only full three-part dates are read.
    if sc.lo(j + 3) != sep || !sc.glued(j + 3) || !sc.glued(j + 4) {
        return None;
    }
    let c = num(sc, j + 4)?;
    let (y, m, d) = if sep == "-" && ndigits(sc, j) == 4 {
        (a as i32, b, c)
    } else if sep == "/" && ndigits(sc, j + 4) == 4 {
        (c as i32, a, b)
    } else if sep == "/" && ndigits(sc, j + 4) == 2 {
        let yy = c as i32;
        (if yy < 50 { 2000 + yy } else { 1900 + yy }, a, b)
    } else {
        return None;
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..=2099).contains(&y) {
        return None;
    }
    Some(mention(
        j,
        j + 5,
        Sem::Explicit {
            y: Some(y),
            m: Some(m),
            d: Some(d),
        },
    ))
}

/// Years, decades and fiscal years: `2020`, `the 1990s`, `the '90s`,
/// `fiscal 2020`.
fn year_like(sc: &Scan, j: usize) -> Option<Mention> {
    let mut k = j;
    let the = sc.lo(k) == "the";
    if the {
        k += 1;
    }
    if sc.lo(k) == "fiscal" && !the {
        let y = year_at(sc, k + 1)?;
        return Some(mention(
            j,
            k + 2,
            Sem::Explicit {
                y: Some(y),
                m: None,
                d: None,
            },
        ));
    }
    // '90s
    if matches!(sc.lo(k), "'" | "’")
        && ndigits(sc, k + 1) == 2
        && sc.glued(k + 1)
        && sc.lo(k + 2) == "s"
        && sc.glued(k + 2)
    {
        let yy: i32 = sc.lo(k + 1).parse().ok()?;
        let century = if yy <= 30 { 200 } else { 190 };
        return Some(mention(j, k + 3, Sem::Decade(century + yy / 10)));
    }
    if ndigits(sc, k) == 4 && sc.lo(k + 1) == "s" && sc.glued(k + 1) {
        let y: i32 = sc.lo(k).parse().ok()?;
        if (1000..=2099).contains(&y) && y % 10 == 0 {
            return Some(mention(j, k + 2, Sem::Decade(y / 10)));
        }
        return None;
    }
    if ndigits(sc, k) == 2 && sc.lo(k + 1) == "s" && sc.glued(k + 1) && the {
        let yy: i32 = sc.lo(k).parse().ok()?;
        if yy % 10 == 0 {
            let century = if yy <= 20 { 200 } else { 190 };
            return Some(mention(j, k + 2, Sem::Decade(century + yy / 10)));
        }
        return None;
    }
    if the {
        return None;
    }
    let y = year_at(sc, k)?;
    Some(mention(
        j,
        k + 1,
        Sem::Explicit {
            y: Some(y),
            m: None,
            d: None,
        },
    ))
}

/// `Tuesday`, `Tuesday evening`, `last Tuesday`, `next Tuesday`.
fn weekday_expr(sc: &Scan, j: usize) -> Option<Mention> {
    let (k, dir) = match sc.lo(j) {
        "last" | "past" | "previous" => (j + 1, -1),
        "next" | "coming" => (j + 1, 1),
        "this" => (j + 1, 0),
        _ => (j, 0),
    };
    let d = weekday_at(sc, k)?;
    Some(mention(j, k + 1, Sem::Weekday(d, dir)))
}

/// `yesterday`, `today`, `tomorrow`, `tonight`, `last night`,
/// `this morning`, `the day before yesterday`.
fn day_word_expr(sc: &Scan, j: usize) -> Option<Mention> {
    if let Some((off, pod)) = lexicon::day_word(sc.lo(j)) {
        // "today's" still a date; "Today" the show is rare in news.
        let mut m = mention(j, j + 1, Sem::DayOffset(off));
        m.pod = pod;
        return Some(m);
    }
    let (off, pod_word) = match (sc.lo(j), sc.lo(j + 1)) {
        ("last", "night") => (-1, j + 1),
        ("this", p) if lexicon::part_of_day(p).is_some() => (0, j + 1),
        _ => return None,
    };
    let mut m = mention(j, pod_word + 1, Sem::DayOffset(off));
    m.pod = lexicon::part_of_day(sc.lo(pod_word));
    Some(m)
}

fn rel_word(w: &str) -> Option<i32> {
    Some(match w {
        "this" | "current" => 0,
        "last" | "past" | "previous" | "preceding" => -1,
        "next" | "coming" | "following" | "upcoming" => 1,
        _ => return None,
    })
}

/// `last week`, `this year`, `next month`, `the past two years`,
/// `last June`, `the next few months`, `the first nine months`.
fn relative(sc: &Scan, j: usize) -> Option<Mention> {
    let mut k = j;
    let the = sc.lo(k) == "the";
    if the {
        k += 1;
    }
    let w = sc.lo(k);
    let off = rel_word(w).or(if the && w == "first" { Some(2) } else { None })?;
    k += 1;
    // "the past two years", "the next few months", "the first nine months".
    if let Some((k2, n)) = amount(sc, k) {
        if let Some((u, plural)) = lexicon::unit(sc.lo(k2)) {
            if plural || n == Some(1) {
                if matches!(sc.lo(k), "a" | "an") {
                    return None;
                }
                return Some(mention(j, k2 + 1, Sem::Duration(n, u)));
            }
        }
    }
    if off == 2 {
        return None;
    }
    if let Some(m) =
        month_at(sc, k).or_else(|| lexicon::month(sc.lo(k)).filter(|_| capitalised(sc, k)))
    {
        if the {
            return None;
        }
        return Some(mention(j, k + 1, Sem::MonthRel(m, off)));
    }
    if let Some(s) = lexicon::season(sc.lo(k)) {
        return Some(mention(j, k + 1, Sem::Season(s, None, Some(off))));
    }
    // "this fiscal year"
    if sc.lo(k) == "fiscal" && sc.lo(k + 1) == "year" {
        let mut m = mention(j, k + 2, Sem::Rel(Unit::Year, off));
        if w == "this" {
            m.md = None;
        }
        return Some(m);
    }
    let (u, plural) = lexicon::unit(sc.lo(k))?;
    if plural {
        // "the past several weeks" was taken above; "recent years" is vague.
        return None;
    }
    if matches!(u, Unit::Second | Unit::Minute | Unit::Hour) {
        return None;
    }
    if u == Unit::Day {
        // "the next day", "the previous day": relative to the story date.
        if !the && off != 0 {
            return None;
        }
        if off == 0 {
            return None;
        }
        return Some(anaphoric(mention(j, k + 1, Sem::DayOffset(off as i64))));
    }
    // "the next decade", "the past century" are spans in TimeBank.
    if matches!(u, Unit::Decade | Unit::Century) && off != 0 {
        return Some(mention(j, k + 1, Sem::Duration(Some(1), u)));
    }
    // "the past week" reads as the week before the story's.
    if the && w == "past" && off == -1 {
        return Some(mention(j, k + 1, Sem::Rel(u, -1)));
    }
    Some(mention(j, k + 1, Sem::Rel(u, off)))
}

/// Amounts of time: `three days`, `two years ago`, `a four-week`,
/// `several months`, `years` (after `for`), `in two weeks`.
fn amount_expr(sc: &Scan, j: usize) -> Option<Mention> {
    if let Some((u, true)) = lexicon::unit(sc.lo(j)) {
        // Bare plural after "for", "in", "recent", "within", "over".
        let prev = sc.lo(j.wrapping_sub(1));
        if matches!(prev, "for" | "recent" | "within" | "in")
            && !matches!(sc.lo(j + 1), "old" | "-" | "of")
        {
            if sc.lo(j + 1) == "ago" {
                return Some(mention(j, j + 2, Sem::Shift(None, u, -1)));
            }
            return Some(mention(j, j + 1, Sem::Duration(None, u)));
        }
        return None;
    }
    let (mut k, n) = amount(sc, j)?;
    // "half an hour"
    let mut hyphen = false;
    if sc.lo(k) == "-" && sc.glued(k) && sc.glued(k + 1) {
        k += 1;
        hyphen = true;
    }
    let (u, plural) = lexicon::unit(sc.lo(k))?;
    if u == Unit::Quarter {
        return None;
    }
    // "a two day strike": a singular unit after a number needs a noun next.
    let noun_next =
        sc.kind(k + 1) == Some(Kind::Word) && !matches!(sc.lo(k + 1), "of" | "s" | "and" | "or");
    if n.is_some_and(|n| n > 1) && !plural && !hyphen && !noun_next {
        return None;
    }
    if n.is_none() && !plural {
        return None;
    }
    k += 1;
    // Ages are not time expressions.
    if matches!(sc.lo(k), "old") || (sc.lo(k) == "-" && sc.lo(k + 1) == "old") {
        return None;
    }
    let first = sc.lo(j);
    if matches!(sc.lo(j.wrapping_sub(1)), "ages" | "aged" | "age") {
        return None;
    }
    if (first == "a" || first == "an") && !hyphen {
        // "a day after", "twice a year": keep, but not "a year's".
        if sc.lo(j.wrapping_sub(1)) == "once"
            || sc.lo(j.wrapping_sub(1)) == "twice"
            || sc.lo(j.wrapping_sub(1)) == "times"
        {
            let v = u.duration(Some(1));
            return Some(mention(j, k, Sem::Fixed("SET", v)));
        }
    }
    if lexicon::vague_amount(first) && first == "recent" && sc.lo(j.wrapping_sub(1)) != "in" {
        // "recent weeks"
    }
    match sc.lo(k) {
        "ago" => return Some(mention(j, k + 1, Sem::Shift(n, u, -1))),
        // "a month earlier than usual" is a length compared, not a date.
        "earlier" | "later" if sc.lo(k + 1) == "than" => {}
        // Days and weeks "later" count from the last date named; years
        // "earlier" compare with the story's own time (results, prices).
        "earlier" | "later" => {
            let dir = if sc.lo(k) == "later" { 1 } else { -1 };
            let mut m = mention(j, k + 1, Sem::Shift(n, u, dir));
            m.anaphoric = matches!(u, Unit::Day | Unit::Week | Unit::Hour | Unit::Minute);
            return Some(m);
        }
        "from" if sc.lo(k + 1) == "now" => return Some(mention(j, k + 2, Sem::Shift(n, u, 1))),
        _ => {}
    }
    // "the year" alone is not an amount.
    if n == Some(1) && matches!(first, "a" | "an" | "one") && sc.lo(j.wrapping_sub(1)) == "the" {
        return None;
    }
    let mut m = mention(j, k, Sem::Duration(n, u));
    // "the 90 years", "the six months" (but "the 14-day" is adjectival).
    if sc.lo(j.wrapping_sub(1)) == "the" && !hyphen && !matches!(first, "a" | "an") {
        m.start = j - 1;
    }
    Some(m)
}

/// `the third quarter`, `third-quarter`, `Q3 2020`, `the first half of 2020`.
fn quarter(sc: &Scan, j: usize) -> Option<Mention> {
    let mut k = j;
    // "the year-earlier quarter", "the year-ago period", "year-earlier".
    {
        let k0 = if sc.lo(j) == "the" { j + 1 } else { j };
        if sc.lo(k0) == "year"
            && sc.lo(k0 + 1) == "-"
            && sc.glued(k0 + 1)
            && matches!(sc.lo(k0 + 2), "earlier" | "ago")
        {
            let mut e = k0 + 3;
            if matches!(sc.lo(e), "quarter" | "period") {
                e += 1;
            } else if k0 > j {
                return None;
            }
            return Some(mention(j, e, Sem::YearAgoQuarter));
        }
    }
    if sc.lo(k) == "the" {
        k += 1;
        // "the quarter", "the latest quarter": the last one completed.
        let mut k2 = k;
        if matches!(sc.lo(k2), "latest" | "fiscal") {
            k2 += 1;
        } else if sc.lo(k2) == "most" && sc.lo(k2 + 1) == "recent" {
            k2 += 2;
        }
        if sc.lo(k2) == "quarter" && !matches!(sc.lo(k2 + 1), "of" | "century" | "-") {
            return Some(mention(j, k2 + 1, Sem::Rel(Unit::Quarter, -1)));
        }
    }
    // "this year's third quarter", "next year's first quarter".
    if let Some(off) = rel_word(sc.lo(k)).filter(|_| {
        sc.lo(k + 1) == "year" && matches!(sc.lo(k + 2), "'" | "’") && sc.lo(k + 3) == "s"
    }) {
        let m = quarter(sc, k + 4)?;
        if let Sem::Quarter(q, None) = m.sem {
            return Some(mention(j, m.end, Sem::QuarterOfRel(q, off)));
        }
        return None;
    }
    // "the 1988 third quarter"
    let mut lead_year = None;
    if let Some(y) = year_at(sc, k) {
        lead_year = Some(y);
        k += 1;
    }
    if sc.lo(k) == "fiscal" {
        k += 1;
    }
    let w = sc.lo(k);
    let (q, is_half, mut k2) = if let Some(q) = w
        .strip_prefix('q')
        .and_then(|d| d.parse::<u32>().ok())
        .filter(|q| (1..=4).contains(q))
    {
        (q, false, k + 1)
    } else if w == "q" && sc.glued(k + 1) {
        let q = num(sc, k + 1).filter(|q| (1..=4).contains(q))?;
        (q, false, k + 2)
    } else {
        let q = lexicon::ordinal(w).filter(|q| (1..=4).contains(q))?;
        let mut k2 = k + 1;
        if sc.lo(k2) == "-" && sc.glued(k2) {
            k2 += 1;
        }
        if sc.lo(k2) == "fiscal" {
            k2 += 1;
        }
        match sc.lo(k2) {
            "quarter" => (q, false, k2 + 1),
            "half" if q <= 2 => (q, true, k2 + 1),
            _ => return None,
        }
    };
    let mut y = None;
    if let Some(v) = year_at(sc, k2) {
        y = Some(v);
        k2 += 1;
    } else if sc.lo(k2) == "of" {
        if let Some(v) = year_at(sc, k2 + 1) {
            y = Some(v);
            k2 += 2;
        } else if matches!(sc.lo(k2 + 1), "this" | "last" | "next") && sc.lo(k2 + 2) == "year" {
            let off = rel_word(sc.lo(k2 + 1)).unwrap_or(0);
            let sem = if is_half {
                Sem::Half(q, None)
            } else {
                Sem::QuarterOfRel(q, off)
            };
            return Some(mention(j, k2 + 3, sem));
        }
    }
    let y = y.or(lead_year);
    let sem = if is_half {
        Sem::Half(q, y)
    } else {
        Sem::Quarter(q, y)
    };
    Some(mention(j, k2, sem))
}

/// `summer`, `the summer of 2019`, `spring 2020`.
fn season_expr(sc: &Scan, j: usize) -> Option<Mention> {
    let mut k = j;
    if sc.lo(k) == "the" {
        k += 1;
    }
    let s = lexicon::season(sc.lo(k))?;
    // "British Summer Time" is a time zone.
    if sc.lo(k + 1) == "time" {
        return None;
    }
    // "fall" is also a verb and a noun; only take it with a year or
    // capitalised.
    let (k2, y) = opt_year(sc, k + 1);
    if y.is_none() && (k > j || sc.lo(k) == "fall") {
        if sc.lo(k) == "fall" && !capitalised(sc, k) {
            return None;
        }
        if k > j {
            return None;
        }
    }
    Some(mention(j, k2, Sem::Season(s, y, None)))
}

/// `the 20th century`, `the 21st century`.
fn century(sc: &Scan, j: usize) -> Option<Mention> {
    let mut k = j;
    if sc.lo(k) == "the" {
        k += 1;
    }
    let c = if let Some((k2, n)) = (num(sc, k).is_some())
        .then(|| {
            let n = num(sc, k)?;
            matches!(sc.lo(k + 1), "st" | "nd" | "rd" | "th").then_some((k + 2, n))
        })
        .flatten()
    {
        k = k2;
        n
    } else {
        let n = lexicon::ordinal(sc.lo(k))?;
        k += 1;
        n
    };
    if sc.lo(k) == "-" {
        k += 1;
    }
    if sc.lo(k) != "century" || !(1..=30).contains(&c) {
        return None;
    }
    Some(mention(j, k + 1, Sem::Century(c as i32 - 1)))
}

/// One-word and fixed-phrase expressions: `now`, `currently`, `recently`,
/// `daily`, `the past`, `the future`, `at the time`.
fn single_word(sc: &Scan, j: usize) -> Option<Mention> {
    let w = sc.lo(j);
    if let Some((t, v)) = lexicon::deictic(w) {
        // "now" inside "now that" or "right now" is still a time.
        return Some(mention(j, j + 1, Sem::Fixed(t, v.to_string())));
    }
    match (w, sc.lo(j + 1)) {
        ("the", "past") => {
            if lexicon::unit(sc.lo(j + 2)).is_some() || amount(sc, j + 2).is_some() {
                return None;
            }
            Some(mention(j, j + 2, Sem::Fixed("DATE", "PAST_REF".into())))
        }
        ("the", "future") => Some(mention(j, j + 2, Sem::Fixed("DATE", "FUTURE_REF".into()))),
        ("the", "near") if sc.lo(j + 2) == "future" => {
            Some(mention(j, j + 3, Sem::Fixed("DATE", "FUTURE_REF".into())))
        }
        ("the", "weekend") => Some(mention(j, j + 2, Sem::Weekend)),
        ("that", "day") => Some(anaphoric(mention(j, j + 2, Sem::DayOffset(0)))),
        ("the", "same") if sc.lo(j + 2) == "day" => {
            Some(anaphoric(mention(j, j + 3, Sem::DayOffset(0))))
        }
        ("the", "next" | "following") if lexicon::part_of_day(sc.lo(j + 2)).is_some() => {
            let mut m = anaphoric(mention(j, j + 3, Sem::DayOffset(1)));
            m.pod = lexicon::part_of_day(sc.lo(j + 2));
            Some(m)
        }
        ("the", "present") if matches!(sc.lo(j + 2), "," | "." | ";" | "day") => {
            Some(mention(j, j + 2, Sem::Fixed("DATE", "PRESENT_REF".into())))
        }
        ("future", _) if matches!(sc.lo(j.wrapping_sub(1)), "near" | "foreseeable") => None,
        ("current", _) | ("recent", _) => None,
        _ => None,
    }
}

/// Fixed-date holidays: `Christmas`, `New Year's Day`, `July Fourth`.
fn holiday(sc: &Scan, j: usize) -> Option<Mention> {
    if !capitalised(sc, j) {
        return None;
    }
    if sc.lo(j) == "thanksgiving" {
        let k = if sc.lo(j + 1) == "day" { j + 2 } else { j + 1 };
        let (k2, y) = opt_year(sc, k);
        return Some(mention(j, k2, Sem::Thanksgiving(y)));
    }
    let mut words = String::new();
    let mut best = None;
    let mut k = j;
    while k < j + 5 && k < sc.len() {
        let w = sc.lo(k);
        if w == "'" || w == "’" {
            words.push('\'');
        } else {
            if !words.is_empty() && !words.ends_with('\'') {
                words.push(' ');
            }
            words.push_str(w);
            if sc.raw(k).ends_with('.') {
                words.push('.');
            }
        }
        k += 1;
        if let Some((m, d)) = lexicon::fixed_holiday(&words) {
            best = Some((k, m, d));
        }
    }
    let (k, m, d) = best?;
    let (k2, y) = opt_year(sc, k);
    Some(mention(
        j,
        k2,
        Sem::Explicit {
            y,
            m: Some(m),
            d: Some(d),
        },
    ))
}

/// `every day`, `each week`, `every Monday`, `every morning`.
fn set_expr(sc: &Scan, j: usize) -> Option<Mention> {
    if !matches!(sc.lo(j), "every" | "each") {
        return None;
    }
    let w = sc.lo(j + 1);
    let v = if let Some((u, false)) = lexicon::unit(w) {
        u.duration(Some(1))
    } else if let Some(d) = weekday_at(sc, j + 1) {
        format!("XXXX-WXX-{d}")
    } else if let Some(p) = lexicon::part_of_day(w) {
        format!("XXXX-XX-XXT{p}")
    } else if let Some(s) = lexicon::season(w) {
        format!("XXXX-{s}")
    } else if w == "season" {
        "XXXX-WI".to_string()
    } else {
        return None;
    };
    Some(mention(j, j + 2, Sem::Fixed("SET", v)))
}
