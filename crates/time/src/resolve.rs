//! Anchoring: turns a recognised [`Mention`] into a TIMEX3 type, value and
//! `mod` against the document creation time and the clause's tense.

use crate::grammar::{Mention, Sem};
use crate::lexicon::Unit;
use crate::tense::Tense;
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// A normalised expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Norm {
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: &'static str,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 `mod`.
    pub md: Option<&'static str>,
    /// The calendar day the value points at, when it is day-precise or
    /// finer (used to date events and as a reference for later mentions).
    pub day: Option<NaiveDate>,
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn shift_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let first = d.with_day(1)?;
    if n >= 0 {
        first.checked_add_months(Months::new(n as u32))
    } else {
        first.checked_sub_months(Months::new((-n) as u32))
    }
}

fn quarter_of(month: u32) -> u32 {
    (month - 1) / 3 + 1
}

/// Picks the year for a month (and day) written without one: the
/// occurrence on the side the tense points to, else the nearest.
fn infer_year(dct: NaiveDate, m: u32, d: Option<u32>, tense: Tense) -> i32 {
    let y = dct.year();
    // A day within two months of the story is in its year whatever the
    // tense: news rarely names a date a year off without the year.
    if let Some(day) = d.and_then(|d| NaiveDate::from_ymd_opt(y, m, d)) {
        if (day - dct).num_days().abs() <= 60 {
            return y;
        }
    }
    let here = (dct.month(), d.map_or(0, |_| dct.day()));
    let there = (m, d.unwrap_or(0));
    match tense {
        Tense::Past => {
            if there > here {
                y - 1
            } else {
                y
            }
        }
        Tense::Future => {
            if there < here {
                y + 1
            } else {
                y
            }
        }
        Tense::Present | Tense::Unknown => {
            // Nearest occurrence, leaning to the past as news does.
            let diff = m as i32 - dct.month() as i32;
            if diff > 4 {
                y - 1
            } else if diff < -6 {
                y + 1
            } else {
                y
            }
        }
    }
}

fn weekday_from(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// The date a weekday name points at.
fn resolve_weekday(dct: NaiveDate, wd: u32, dir: i32, tense: Tense) -> NaiveDate {
    let today = dct.weekday().number_from_monday() as i64;
    let target = weekday_from(wd).number_from_monday() as i64;
    let back = (today - target).rem_euclid(7);
    let fwd = (target - today).rem_euclid(7);
    let forward = match dir {
        1 => true,
        -1 => false,
        _ => tense == Tense::Future,
    };
    let days = if forward {
        if fwd == 0 && dir == 1 {
            7
        } else {
            fwd
        }
    } else if back == 0 && dir == -1 {
        -7
    } else {
        -back
    };
    dct + Duration::days(days)
}

/// Normalises one mention. `dct` is the story date (none: values keep
/// `X` placeholders).
pub fn normalise(m: &Mention, dct: Option<NaiveDate>, tense: Tense) -> Option<Norm> {
    let mut md = m.md;
    let mut day = None;
    let (kind, mut value): (&'static str, String) = match (&m.sem, dct) {
        (Sem::Explicit { y, m: mo, d }, _) => {
            let y = match (y, mo, dct) {
                (Some(y), _, _) => Some(*y),
                (None, Some(mo), Some(dct)) => Some(infer_year(dct, *mo, *d, tense)),
                _ => None,
            };
            let ys = y.map_or("XXXX".to_string(), |y| format!("{y:04}"));
            match (mo, d) {
                (Some(mo), Some(d)) => {
                    day = y.and_then(|y| NaiveDate::from_ymd_opt(y, *mo, *d));
                    if y.is_some() && day.is_none() {
                        return None;
                    }
                    ("DATE", format!("{ys}-{mo:02}-{d:02}"))
                }
                (Some(mo), None) => ("DATE", format!("{ys}-{mo:02}")),
                _ => ("DATE", ys),
            }
        }
        (Sem::Weekday(wd, dir), Some(dct)) => {
            let d = resolve_weekday(dct, *wd, *dir, tense);
            day = Some(d);
            ("DATE", ymd(d))
        }
        (Sem::Weekday(wd, _), None) => ("DATE", format!("XXXX-WXX-{wd}")),
        (Sem::DayOffset(k), Some(dct)) => {
            let d = dct + Duration::days(*k);
            day = Some(d);
            ("DATE", ymd(d))
        }
        (Sem::DayOffset(0), None) => ("DATE", "PRESENT_REF".into()),
        (Sem::DayOffset(_), None) => ("DATE", "XXXX-XX-XX".into()),
        (Sem::Rel(u, off), Some(dct)) => ("DATE", rel_value(dct, *u, *off as i64)?),
        (Sem::Rel(_, off), None) => ("DATE", ref_for(*off as i64).into()),
        (Sem::MonthRel(mo, off), Some(dct)) => {
            let y = dct.year();
            let y = match off {
                -1 if *mo >= dct.month() => y - 1,
                1 if *mo <= dct.month() => y + 1,
                0 => y,
                _ => y,
            };
            ("DATE", format!("{y:04}-{mo:02}"))
        }
        (Sem::MonthRel(mo, _), None) => ("DATE", format!("XXXX-{mo:02}")),
        (Sem::Season(s, y, off), _) => {
            let y = match (y, off, dct) {
                (Some(y), _, _) => Some(*y),
                (None, Some(off), Some(dct)) => Some(season_year(dct, s, *off as i64, tense)),
                (None, None, Some(dct)) => Some(season_year(dct, s, 0, tense)),
                _ => None,
            };
            let ys = y.map_or("XXXX".to_string(), |y| format!("{y:04}"));
            ("DATE", format!("{ys}-{s}"))
        }
        (Sem::Quarter(q, y), _) => {
            let y = match (y, dct) {
                (Some(y), _) => Some(*y),
                (None, Some(dct)) => {
                    let cur = quarter_of(dct.month());
                    Some(if *q > cur && tense != Tense::Future {
                        dct.year() - 1
                    } else {
                        dct.year()
                    })
                }
                _ => None,
            };
            let ys = y.map_or("XXXX".to_string(), |y| format!("{y:04}"));
            ("DATE", format!("{ys}-Q{q}"))
        }
        (Sem::Half(h, y), _) => {
            let y = y.or(dct.map(|d| d.year()));
            let ys = y.map_or("XXXX".to_string(), |y| format!("{y:04}"));
            ("DATE", format!("{ys}-H{h}"))
        }
        (Sem::QuarterOfRel(q, off), Some(dct)) => ("DATE", format!("{:04}-Q{q}", dct.year() + off)),
        (Sem::QuarterOfRel(q, _), None) => ("DATE", format!("XXXX-Q{q}")),
        (Sem::YearAgoQuarter, Some(dct)) => ("DATE", year_ago_quarter(dct)),
        (Sem::YearAgoQuarter, None) => ("DATE", "PAST_REF".into()),
        (Sem::MonthInYear(mo, off), Some(dct)) => {
            ("DATE", format!("{:04}-{mo:02}", dct.year() + off))
        }
        (Sem::MonthInYear(mo, _), None) => ("DATE", format!("XXXX-{mo:02}")),
        (Sem::Weekend, Some(dct)) => {
            let dir = if tense == Tense::Future { 1 } else { -1 };
            let sat = if dct.weekday().number_from_monday() >= 6 {
                dct
            } else {
                resolve_weekday(dct, 6, dir, tense)
            };
            ("DATE", format!("{}-WE", week(sat)))
        }
        (Sem::Weekend, None) => ("DATE", "XXXX-WXX-WE".into()),
        (Sem::Thanksgiving(y), _) => {
            let thanksgiving = |y| NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Thu, 4);
            let y = y.or(dct.map(|dct| {
                // Past-tense mentions early in a year are last November's.
                let this = thanksgiving(dct.year());
                match this {
                    Some(t) if tense != Tense::Future && (t - dct).num_days() > 60 => {
                        dct.year() - 1
                    }
                    _ => dct.year(),
                }
            }));
            match y.and_then(thanksgiving) {
                Some(d) => {
                    day = Some(d);
                    ("DATE", ymd(d))
                }
                None => ("DATE", "XXXX-11-XX".into()),
            }
        }
        (Sem::Decade(d), _) => ("DATE", format!("{d:03}")),
        (Sem::Century(c), _) => ("DATE", format!("{c:02}")),
        (Sem::Shift(n, u, dir), dct) => match (n, dct) {
            (Some(n), Some(dct)) => {
                let (v, d) = shift_value(dct, *u, *n as i64 * *dir as i64)?;
                day = d;
                ("DATE", v)
            }
            _ => ("DATE", ref_for(*dir as i64).into()),
        },
        (Sem::Duration(n, u), _) => ("DURATION", u.duration(*n)),
        (Sem::Fixed(t, v), _) => (t, v.clone()),
    };
    let mut kind = kind;
    if let Some(p) = m.pod {
        if day.is_some() || value.starts_with("XXXX") {
            value = format!("{value}T{p}");
            kind = "TIME";
        }
    }
    if let Some((h, mi)) = m.clock {
        let base = match (day, dct) {
            (Some(d), _) => ymd(d),
            (None, Some(dct)) if value == "PRESENT_REF" || kind == "DATE" => ymd(dct),
            _ => "XXXX-XX-XX".to_string(),
        };
        value = match mi {
            Some(mi) => format!("{base}T{h:02}:{mi:02}"),
            None => format!("{base}T{h:02}"),
        };
        kind = "TIME";
    }
    if kind == "DURATION" && matches!(md, Some("START" | "END" | "MID")) {
        md = None;
    }
    if kind != "DURATION"
        && matches!(md, Some("LESS_THAN" | "MORE_THAN"))
        && !value.starts_with('P')
    {
        md = Some("APPROX");
    }
    Some(Norm {
        kind,
        value,
        md,
        day,
    })
}

/// The last completed quarter a year before the story date.
pub fn year_ago_quarter(dct: NaiveDate) -> String {
    let shifted = dct - Duration::days(365);
    let q = (shifted.month0() / 3) as i32;
    let (y, q) = if q == 0 {
        (shifted.year() - 1, 4)
    } else {
        (shifted.year(), q)
    };
    format!("{y:04}-Q{q}")
}

/// Normalises against a story date whose year is unknown (a dateline with
/// only month and day): `proxy` carries that month and day in a leap year.
/// Day and month arithmetic still works and is written with `XXXX` for the
/// year; what needs the year's calendar (weekdays, weeks, year offsets)
/// stays underspecified.
pub fn normalise_partial(m: &Mention, proxy: NaiveDate, tense: Tense) -> Option<Norm> {
    let mask = |mut n: Norm| {
        if n.value.len() >= 4 && n.value.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            n.value.replace_range(..4, "XXXX");
        }
        n.day = None;
        n
    };
    match &m.sem {
        Sem::DayOffset(_)
        | Sem::MonthRel(..)
        | Sem::Rel(Unit::Month | Unit::Day, _)
        | Sem::Explicit {
            y: None,
            m: Some(_),
            ..
        } => normalise(m, Some(proxy), tense).map(mask),
        Sem::Rel(Unit::Week, _) | Sem::Rel(Unit::Weekend, _) | Sem::Weekend => {
            let mut n = normalise(m, None, tense)?;
            n.value = if matches!(m.sem, Sem::Rel(Unit::Week, _)) {
                "XXXX-WXX".to_string()
            } else {
                "XXXX-WXX-WE".to_string()
            };
            Some(n)
        }
        _ => normalise(m, None, tense),
    }
}

fn ref_for(off: i64) -> &'static str {
    match off.signum() {
        -1 => "PAST_REF",
        1 => "FUTURE_REF",
        _ => "PRESENT_REF",
    }
}

fn season_year(dct: NaiveDate, s: &str, off: i64, tense: Tense) -> i32 {
    let idx = |code: &str| match code {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    };
    let cur = match dct.month() {
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    };
    let target = idx(s);
    let y = dct.year();
    // Winter spans the new year; January–February belong to the winter
    // that began in the previous December, written with the earlier year.
    let y_cur = if dct.month() <= 2 { y - 1 } else { y };
    let base = if dct.month() <= 2 { y - 1 } else { y };
    match off {
        -1 => {
            if target < cur || (cur == 3 && target < 3 && dct.month() == 12) {
                base
            } else {
                base - 1
            }
        }
        1 => {
            if target > cur {
                base
            } else {
                base + 1
            }
        }
        _ => match tense {
            Tense::Past if target > cur => y_cur - 1,
            Tense::Future if target < cur => y_cur + 1,
            _ => {
                if dct.month() <= 2 && target < 3 {
                    y
                } else {
                    y_cur
                }
            }
        },
    }
}

fn rel_value(dct: NaiveDate, u: Unit, off: i64) -> Option<String> {
    Some(match u {
        Unit::Day => ymd(dct + Duration::days(off)),
        Unit::Week => week(dct + Duration::days(7 * off)),
        Unit::Weekend => format!("{}-WE", week(dct + Duration::days(7 * off))),
        Unit::Month => {
            let d = shift_months(dct, off)?;
            format!("{:04}-{:02}", d.year(), d.month())
        }
        Unit::Quarter => {
            let d = shift_months(dct, 3 * off)?;
            format!("{:04}-Q{}", d.year(), quarter_of(d.month()))
        }
        Unit::Half => {
            let d = shift_months(dct, 6 * off)?;
            format!("{:04}-H{}", d.year(), if d.month() <= 6 { 1 } else { 2 })
        }
        Unit::Year => format!("{:04}", dct.year() as i64 + off),
        Unit::Decade => format!("{:03}", (dct.year() as i64 / 10) + off),
        Unit::Century => format!("{:02}", (dct.year() as i64 / 100) + off),
        Unit::Second | Unit::Minute | Unit::Hour => ref_for(off).to_string(),
    })
}

/// `n` units from the story date, written at the unit's granularity.
fn shift_value(dct: NaiveDate, u: Unit, n: i64) -> Option<(String, Option<NaiveDate>)> {
    Some(match u {
        Unit::Second | Unit::Minute | Unit::Hour => (ymd(dct), Some(dct)),
        Unit::Day => {
            let d = dct.checked_add_signed(Duration::days(n))?;
            (ymd(d), Some(d))
        }
        Unit::Week | Unit::Weekend => (week(dct.checked_add_signed(Duration::days(7 * n))?), None),
        Unit::Month => {
            let d = shift_months(dct, n)?;
            (format!("{:04}-{:02}", d.year(), d.month()), None)
        }
        Unit::Quarter => {
            let d = shift_months(dct, 3 * n)?;
            (format!("{:04}-Q{}", d.year(), quarter_of(d.month())), None)
        }
        Unit::Half => {
            let d = shift_months(dct, 6 * n)?;
            (format!("{:04}-{:02}", d.year(), d.month()), None)
        }
        Unit::Year => (format!("{:04}", dct.year() as i64 + n), None),
        Unit::Decade => (format!("{:04}", dct.year() as i64 + 10 * n), None),
        Unit::Century => (format!("{:02}", (dct.year() as i64 + 100 * n) / 100), None),
    })
}
