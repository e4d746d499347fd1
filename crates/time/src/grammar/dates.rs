//! Patterns for calendar expressions: named and numeric dates, years and
//! decades, weekdays, day words, quarters, seasons, centuries, holidays.

use super::words::*;
use super::{mention, Mention, Sem};
use crate::lexicon::{self, Unit};
use crate::scan::Scan;

/// Month-name dates: `January 7`, `Jan. 7, 2020`, `7 January 2020`,
/// `January 2020`, `Tuesday, Jan. 7`, `the 7th of January`.
pub(super) fn calendar(sc: &Scan, j: usize) -> Option<Mention> {
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
pub(super) fn numeric_date(sc: &Scan, j: usize) -> Option<Mention> {
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
pub(super) fn year_like(sc: &Scan, j: usize) -> Option<Mention> {
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
pub(super) fn weekday_expr(sc: &Scan, j: usize) -> Option<Mention> {
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
pub(super) fn day_word_expr(sc: &Scan, j: usize) -> Option<Mention> {
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

/// `the third quarter`, `third-quarter`, `Q3 2020`, `the first half of 2020`.
pub(super) fn quarter(sc: &Scan, j: usize) -> Option<Mention> {
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
pub(super) fn season_expr(sc: &Scan, j: usize) -> Option<Mention> {
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
pub(super) fn century(sc: &Scan, j: usize) -> Option<Mention> {
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

/// Fixed-date holidays: `Christmas`, `New Year's Day`, `July Fourth`.
pub(super) fn holiday(sc: &Scan, j: usize) -> Option<Mention> {
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
