//! No input makes the time stage panic: seeded pseudo-random word salads
//! built from the grammar's own vocabulary, at the calendar's edges.

use annalist_time::annotate;
use chrono::NaiveDate;

const WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "last",
    "next",
    "this",
    "past",
    "early",
    "late",
    "mid",
    "-",
    "earlier",
    "later",
    "ago",
    "since",
    "until",
    "of",
    "year",
    "years",
    "week",
    "weekend",
    "month",
    "day",
    "days",
    "quarter",
    "third",
    "first",
    "half",
    "century",
    "21st",
    "decade",
    "1990",
    "s",
    "'",
    "90",
    "2020",
    "12",
    "31",
    "7",
    ":",
    "30",
    "a.m.",
    "pm",
    "Tuesday",
    "Jan.",
    "May",
    "March",
    "December",
    "summer",
    "fall",
    "Christmas",
    "New",
    "Year",
    "Thanksgiving",
    "Day",
    "every",
    "daily",
    "now",
    "today",
    "yesterday",
    "tonight",
    "evening",
    "night",
    "will",
    "said",
    ",",
    ".",
    "\"",
    "/",
    "Q3",
    "fiscal",
    "more",
    "than",
    "nearly",
    "about",
    "two",
    "twenty",
    "five",
    "several",
    "few",
    "hundred",
    "from",
    "now",
    "the end",
    "year-earlier",
    "9999",
    "0",
    "é",
    "日本",
    "\n\n",
];

#[test]
fn word_salad_never_panics() {
    // xorshift, fixed seed: the same salads on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let dates = [
        None,
        NaiveDate::from_ymd_opt(1, 1, 1),
        NaiveDate::from_ymd_opt(9999, 12, 31),
        NaiveDate::from_ymd_opt(2020, 2, 29),
        NaiveDate::from_ymd_opt(2021, 1, 3),
    ];
    for _ in 0..3000 {
        let n = (next() % 14) as usize;
        let mut text = String::new();
        for _ in 0..n {
            let w = WORDS[(next() % WORDS.len() as u64) as usize];
            text.push_str(w);
            if next() % 3 != 0 {
                text.push(' ');
            }
        }
        // A dateline with no year (29 February included).
        let mut doc = annalist_doc::Doc::new("salad", text.clone());
        doc.date = annalist_doc::DocDate::md(2, 29);
        for f in annalist_time::annotate_doc(&doc) {
            assert!(f.start < f.end && f.end <= text.len(), "{text:?}");
        }
        for dct in dates {
            for f in annotate(&text, dct) {
                assert!(f.start < f.end && f.end <= text.len(), "{text:?}");
                assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                assert!(!f.value.is_empty(), "{text:?}");
            }
        }
    }
}
