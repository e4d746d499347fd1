//! Word lists for the time grammar, written from the TimeML guidelines and
//! common newswire usage. Lookups are `match` statements, compiled to
//! jump tables, so classifying a token costs no hashing or allocation.

/// A calendar or clock unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Second.
    Second,
    /// Minute.
    Minute,
    /// Hour.
    Hour,
    /// Day.
    Day,
    /// Week.
    Week,
    /// Weekend (Saturday–Sunday).
    Weekend,
    /// Month.
    Month,
    /// Quarter of a year.
    Quarter,
    /// Half year.
    Half,
    /// Year.
    Year,
    /// Ten years.
    Decade,
    /// A hundred years.
    Century,
}

impl Unit {
    /// A TIMEX3 duration value for `n` units (`None`: unknown amount).
    pub fn duration(self, n: Option<u32>) -> String {
        let q = |k: u32| match n {
            Some(n) => (n * k).to_string(),
            None => "X".to_string(),
        };
        match self {
            Unit::Second => format!("PT{}S", q(1)),
            // TimeBank writes an unknown number of minutes as PXM.
            Unit::Minute if n.is_none() => "PXM".to_string(),
            Unit::Minute => format!("PT{}M", q(1)),
            Unit::Hour => format!("PT{}H", q(1)),
            Unit::Day => format!("P{}D", q(1)),
            Unit::Week => format!("P{}W", q(1)),
            Unit::Weekend => format!("P{}WE", q(1)),
            Unit::Month => format!("P{}M", q(1)),
            Unit::Quarter => format!("P{}Q", q(1)),
            Unit::Half => format!("P{}M", q(6)),
            Unit::Year => format!("P{}Y", q(1)),
            Unit::Decade => match n {
                Some(n) => format!("P{}Y", n * 10),
                None => "PXDE".to_string(),
            },
            Unit::Century => match n {
                Some(n) => format!("P{}Y", n * 100),
                None => "PXCE".to_string(),
            },
        }
    }
}

/// A unit word and whether it is plural (`years` → (Year, true)).
pub fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" | "sec" => (Unit::Second, false),
        "seconds" | "secs" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" | "wk" => (Unit::Week, false),
        "weeks" | "wks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" | "mo" => (Unit::Month, false),
        "months" | "mos" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Month number 1–12 of a month name or abbreviation. `may`, `mar` and
/// `jun`-style short forms are accepted; the grammar guards `may` (a modal).
pub fn month(w: &str) -> Option<u32> {
    annalist_doc::words::month_number(w).map(u32::from)
}

/// Weekday number, Monday = 1 … Sunday = 7 (ISO).
pub fn weekday(w: &str) -> Option<u32> {
    annalist_doc::words::weekday_number(w).map(u32::from)
}

/// Plural weekday (`mondays`) for SET expressions.
pub fn weekday_plural(w: &str) -> Option<u32> {
    let stem = w.strip_suffix('s')?;
    if stem.len() < 6 {
        return None;
    }
    weekday(stem)
}

/// TIMEX3 season code.
pub fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// TIMEX3 part-of-day code.
pub fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "overnight" => "NI",
        "midday" | "noon" => "MI",
        "dawn" | "daybreak" => "MO",
        "dusk" => "EV",
        _ => return None,
    })
}

/// Cardinal number words.
pub fn cardinal(w: &str) -> Option<u32> {
    Some(match w {
        "one" | "a" | "an" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "dozen" => 12,
        "couple" => 2,
        _ => return None,
    })
}

/// Ordinal words and numeric ordinals (`third`, `3rd`, `21st`).
pub fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        "thirtieth" => 30,
        "last" => return None,
        _ => {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            if digits.is_empty() || !matches!(suffix, "st" | "nd" | "rd" | "th") {
                return None;
            }
            return digits.parse().ok();
        }
    })
}

/// Vague quantity words giving an unknown amount (`several days` → PXD).
pub fn vague_amount(w: &str) -> bool {
    matches!(
        w,
        "several" | "few" | "some" | "many" | "numerous" | "multiple" | "recent"
    )
}

/// Single words that are time expressions on their own: (type, value).
pub fn deictic(w: &str) -> Option<(&'static str, &'static str)> {
    Some(match w {
        "now" | "currently" | "nowadays" | "presently" => ("DATE", "PRESENT_REF"),
        "recently" | "lately" => ("DATE", "PAST_REF"),
        "daily" => ("SET", "P1D"),
        "weekly" => ("SET", "P1W"),
        "monthly" => ("SET", "P1M"),
        "annually" | "yearly" => ("SET", "P1Y"),
        "hourly" => ("SET", "PT1H"),
        "nightly" => ("SET", "XXXX-XX-XXTNI"),
        _ => return None,
    })
}

/// Day offsets of `yesterday`, `today`, `tomorrow`, `tonight`.
pub fn day_word(w: &str) -> Option<(i64, Option<&'static str>)> {
    Some(match w {
        "yesterday" => (-1, None),
        "today" => (0, None),
        "tomorrow" => (1, None),
        "tonight" => (0, Some("NI")),
        _ => return None,
    })
}

/// Holidays on a fixed calendar date, by their (lower-cased, space-joined)
/// words: (month, day).
pub fn fixed_holiday(words: &str) -> Option<(u32, u32)> {
    Some(match words {
        "christmas" | "christmas day" | "xmas" => (12, 25),
        "christmas eve" => (12, 24),
        "boxing day" => (12, 26),
        "new year's day" | "new year day" => (1, 1),
        "new year's eve" | "new year eve" => (12, 31),
        "independence day" | "fourth of july" | "july fourth" => (7, 4),
        "halloween" => (10, 31),
        "valentine's day" | "valentine day" => (2, 14),
        "bastille day" => (7, 14),
        "st. patrick's day" | "st patrick's day" | "saint patrick's day" => (3, 17),
        "may day" => (5, 1),
        "veterans day" | "armistice day" => (11, 11),
        "all saints' day" | "all saints day" => (11, 1),
        "epiphany" => (1, 6),
        "groundhog day" => (2, 2),
        _ => return None,
    })
}
