//! Word-level readers shared by the patterns: numbers, month and weekday
//! names with their guards, years, days of the month, amounts.

use crate::lexicon;
use crate::scan::{Kind, Scan};

/// Capitalised in the source (proper-noun month and weekday names).
pub(super) fn capitalised(sc: &Scan, i: usize) -> bool {
    sc.raw(i).chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn num(sc: &Scan, i: usize) -> Option<u32> {
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
pub(super) fn ndigits(sc: &Scan, i: usize) -> usize {
    if sc.kind(i) == Some(Kind::Num) {
        sc.lo(i).len()
    } else {
        0
    }
}

/// A month name at `i` (guarding `May`/`March` the modal and verb).
pub(super) fn month_at(sc: &Scan, i: usize) -> Option<u32> {
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
        if short && w != "may" && w.len() <= 3 && !next_num && !sc.raw(i).ends_with('.') {
            return None;
        }
    }
    Some(m)
}

pub(super) fn weekday_at(sc: &Scan, i: usize) -> Option<u32> {
    let d = lexicon::weekday(sc.lo(i))?;
    let w = sc.lo(i);
    if w.len() < 6 && !(capitalised(sc, i) && sc.raw(i).ends_with('.')) {
        return None;
    }
    Some(d)
}

/// A four-digit year 1000–2099 not used as an amount.
pub(super) fn year_at(sc: &Scan, i: usize) -> Option<i32> {
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
pub(super) fn opt_year(sc: &Scan, j: usize) -> (usize, Option<i32>) {
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
pub(super) fn day_num(sc: &Scan, j: usize) -> Option<(usize, u32)> {
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

/// A spelt or written amount: (end, value; `None` when vague).
pub(super) fn amount(sc: &Scan, j: usize) -> Option<(usize, Option<u32>)> {
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

pub(super) fn rel_word(w: &str) -> Option<i32> {
    Some(match w {
        "this" | "current" => 0,
        "last" | "past" | "previous" | "preceding" => -1,
        "next" | "coming" | "following" | "upcoming" => 1,
        _ => return None,
    })
}
