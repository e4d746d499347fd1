//! Calendar dates whose year may be unknown.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A document date. Datelines often carry only month and day; the year is
/// then `None` and is written `XXXX` (TimeML's convention), never invented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocDate {
    /// Year, when known.
    pub year: Option<i32>,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

/// Why a date string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {0:?}: expected YYYY-MM-DD (or XXXX-MM-DD for an unknown year)")]
pub struct ParseDateError(pub String);

impl DocDate {
    /// A full date, checked against the calendar.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        valid(Some(year), month, day).then_some(DocDate {
            year: Some(year),
            month,
            day,
        })
    }

    /// A month and day with an unknown year (29 February allowed).
    pub fn md(month: u8, day: u8) -> Option<Self> {
        valid(None, month, day).then_some(DocDate {
            year: None,
            month,
            day,
        })
    }

    /// The same date with the year filled in, if it exists in that year.
    pub fn with_year(self, year: i32) -> Option<Self> {
        Self::ymd(year, self.month, self.day)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn valid(year: Option<i32>, month: u8, day: u8) -> bool {
    let max = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => return false,
    };
    (1..=max).contains(&day)
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "XXXX-{:02}-{:02}", self.month, self.day),
        }
    }
}

impl FromStr for DocDate {
    type Err = ParseDateError;

    /// Reads `YYYY-MM-DD`, `XXXX-MM-DD`, or the date part of an ISO 8601
    /// timestamp (`2020-01-07T10:00:00Z`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseDateError(s.to_string());
        let t = s.trim();
        let t = t.get(..10).ok_or_else(err)?;
        let mut parts = t.split('-');
        let (y, m, d) = match (parts.next(), parts.next(), parts.next()) {
            (Some(y), Some(m), Some(d)) => (y, m, d),
            _ => return Err(err()),
        };
        let month: u8 = m.parse().map_err(|_| err())?;
        let day: u8 = d.parse().map_err(|_| err())?;
        if y.eq_ignore_ascii_case("XXXX") {
            return DocDate::md(month, day).ok_or_else(err);
        }
        if y.len() != 4 {
            return Err(err());
        }
        let year: i32 = y.parse().map_err(|_| err())?;
        DocDate::ymd(year, month, day).ok_or_else(err)
    }
}

impl Serialize for DocDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_known_and_unknown_years() {
        for s in ["2020-01-07", "XXXX-02-29"] {
            assert_eq!(s.parse::<DocDate>().unwrap().to_string(), s);
        }
        assert!("2019-02-29".parse::<DocDate>().is_err());
        assert!("2020-13-01".parse::<DocDate>().is_err());
        assert_eq!(
            "2020-01-07T10:00:00Z".parse::<DocDate>().unwrap(),
            DocDate::ymd(2020, 1, 7).unwrap()
        );
    }
}
