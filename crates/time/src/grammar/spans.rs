//! Patterns for clock times, relative units (`last week`), amounts and
//! durations, fixed one-word expressions and sets.

use super::dates::*;
use super::words::*;
use super::{anaphoric, mention, Mention, Sem};
use crate::lexicon::{self, Unit};
use crate::scan::{Kind, Scan};

/// Clock times: `10:30 a.m.`, `8 pm`, `15:00 GMT Saturday`, `noon`.
pub(super) fn clock(sc: &Scan, j: usize) -> Option<Mention> {
    let (mut k, h, mi) = match sc.lo(j) {
        // "High Noon" is a film.
        "noon" | "midday" | "midnight" if title_case(sc.raw(j)) && !plural_ok_title(sc, j) => {
            return None
        }
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

/// `last week`, `this year`, `next month`, `the past two years`,
/// `last June`, `the next few months`, `the first nine months`.
pub(super) fn relative(sc: &Scan, j: usize) -> Option<Mention> {
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
        return Some(mention(j, k + 2, Sem::Rel(Unit::Year, off)));
    }
    let (u, plural) = lexicon::unit(sc.lo(k))?;
    // "This Week" the programme.
    if title_case(sc.raw(k)) && !plural_ok_title(sc, j) {
        return None;
    }
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

/// `Week`, `Minutes`: a capital inside a sentence marks a name.
fn title_case(raw: &str) -> bool {
    let mut cs = raw.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(|c| c.is_lowercase() || c == '.')
}

/// True when the expression starts a sentence or a headline-style line,
/// where capitals say nothing.
fn plural_ok_title(sc: &Scan, j: usize) -> bool {
    j == 0 || sc.toks[j].para_before || matches!(sc.lo(j - 1), "." | "!" | "?" | "\"" | "“")
}

/// Amounts of time: `three days`, `two years ago`, `a four-week`,
/// `several months`, `years` (after `for`), `in two weeks`.
pub(super) fn amount_expr(sc: &Scan, j: usize) -> Option<Mention> {
    if let Some((u, true)) = lexicon::unit(sc.lo(j)) {
        // Bare plural after "for", "in", "recent", "within", a verb of
        // lasting, or before "before"/"after"/"ago" ("minutes before").
        let prev = sc.lo(j.wrapping_sub(1));
        let next = sc.lo(j + 1);
        let lasting = matches!(
            prev,
            "for"
                | "recent"
                | "within"
                | "in"
                | "take"
                | "takes"
                | "took"
                | "taken"
                | "lasted"
                | "spent"
                | "spend"
                | "lasting"
        );
        if (lasting || next == "ago")
            && !matches!(next, "old" | "-" | "of")
            && !title_case(sc.raw(j))
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
        // A rate ("$1.76 a year", "four flights a week", "24 hours a day")
        // is not a time expression in TimeBank.
        let prev = sc.lo(j.wrapping_sub(1));
        let shifted = matches!(sc.lo(k), "ago" | "earlier" | "later");
        let after_count = sc.kind(j.wrapping_sub(1)) == Some(Kind::Num)
            || (prev.len() > 3
                && prev.ends_with('s')
                && sc.kind(j.wrapping_sub(1)) == Some(Kind::Word))
            || matches!(
                prev,
                "million" | "billion" | "percent" | "%" | "dollars" | "per"
            );
        if after_count && !shifted {
            return None;
        }
    }
    // "60 Minutes" the programme, not an hour.
    if title_case(sc.raw(k - 1)) && !plural_ok_title(sc, j) {
        return None;
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

/// One-word and fixed-phrase expressions: `now`, `currently`, `recently`,
/// `daily`, `the past`, `the future`, `at the time`.
pub(super) fn single_word(sc: &Scan, j: usize) -> Option<Mention> {
    let w = sc.lo(j);
    // "the Communist Party daily" is a newspaper.
    if w == "daily" && matches!(sc.lo(j.wrapping_sub(1)), "party" | "'s") {
        return None;
    }
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
        _ => None,
    }
}

/// `every day`, `each week`, `every Monday`, `every morning`.
pub(super) fn set_expr(sc: &Scan, j: usize) -> Option<Mention> {
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
