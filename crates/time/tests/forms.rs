//! The expression forms issue 7 lists, each in a short sentence written for
//! this test, normalised against Tuesday 7 January 2020.

use annalist_time::annotate;
use chrono::NaiveDate;

fn one(text: &str) -> (String, String, Option<String>, String) {
    let dct = NaiveDate::from_ymd_opt(2020, 1, 7);
    let found = annotate(text, dct);
    assert_eq!(found.len(), 1, "{text:?}: {found:?}");
    let f = &found[0];
    (
        f.kind.to_string(),
        f.value.clone(),
        f.md.map(str::to_string),
        text[f.start..f.end].to_string(),
    )
}

#[test]
fn listed_forms() {
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        ("The talks began on January 7.", "DATE", "2020-01-07", None),
        (
            "The deal was signed on 7 January 2020.",
            "DATE",
            "2020-01-07",
            None,
        ),
        ("Officials met on Jan. 3.", "DATE", "2020-01-03", None),
        (
            "The filing is dated 2020-01-07.",
            "DATE",
            "2020-01-07",
            None,
        ),
        ("The minister spoke on Monday.", "DATE", "2020-01-06", None),
        (
            "The minister will speak on Friday.",
            "DATE",
            "2020-01-10",
            None,
        ),
        (
            "Rebels attacked the town yesterday.",
            "DATE",
            "2020-01-06",
            None,
        ),
        ("Voting will end tomorrow.", "DATE", "2020-01-08", None),
        (
            "Protesters gathered this morning.",
            "TIME",
            "2020-01-07TMO",
            None,
        ),
        ("The ministry said so last week.", "DATE", "2020-W01", None),
        ("Talks resume next month.", "DATE", "2020-02", None),
        ("Exports fell last year.", "DATE", "2019", None),
        (
            "Fighting escalated earlier this month.",
            "DATE",
            "2020-01",
            Some("START"),
        ),
        ("The offensive began last summer.", "DATE", "2019-SU", None),
        (
            "Profits rose in the third quarter.",
            "DATE",
            "2019-Q3",
            None,
        ),
        ("The group was founded in the 1990s.", "DATE", "199", None),
        ("The siege lasted three weeks.", "DURATION", "P3W", None),
        (
            "The town has been shelled since April.",
            "DATE",
            "2019-04",
            None,
        ),
        ("The treaty was signed two years ago.", "DATE", "2018", None),
        (
            "He will travel to Cairo later this week.",
            "DATE",
            "2020-W02",
            Some("END"),
        ),
        ("Shops closed on Christmas Day.", "DATE", "2019-12-25", None),
        (
            "Markets reopen on New Year's Day.",
            "DATE",
            "2020-01-01",
            None,
        ),
        (
            "Two soldiers were wounded Tuesday evening.",
            "TIME",
            "2020-01-07TEV",
            None,
        ),
        (
            "The strike ended at 10:30 a.m. Monday.",
            "TIME",
            "2020-01-06T10:30",
            None,
        ),
        ("Patrols run daily.", "SET", "P1D", None),
        ("The ceasefire is holding now.", "DATE", "PRESENT_REF", None),
        ("Aid has arrived in recent weeks.", "DURATION", "PXW", None),
        (
            "Elections are due in early 2021.",
            "DATE",
            "2021",
            Some("START"),
        ),
        (
            "The camp has existed for nearly two decades.",
            "DURATION",
            "P20Y",
            Some("LESS_THAN"),
        ),
    ];
    for (text, kind, value, md) in cases {
        let (k, v, m, span) = one(text);
        assert_eq!(
            (k.as_str(), v.as_str()),
            (*kind, *value),
            "{text:?} ({span:?})"
        );
        assert_eq!(m.as_deref(), *md, "{text:?} ({span:?})");
    }
}

#[test]
fn no_story_date_leaves_values_underspecified() {
    let found = annotate(
        "Officials met on Monday and will meet again in March.",
        None,
    );
    let values: Vec<&str> = found.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(values, ["XXXX-WXX-1", "XXXX-03"]);
}

#[test]
fn words_that_are_not_times() {
    for text in [
        "You may go.",
        "Protesters march on the capital.",
        "The price rose to $1.50 a share.",
        "2,000 people fled.",
        "The 45-year-old was arrested.",
        "The ship sank as soon as it left.",
        "Prices fall in a weak market.",
    ] {
        let found = annotate(text, NaiveDate::from_ymd_opt(2020, 1, 7));
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
}

#[test]
fn later_days_count_from_the_last_date_named() {
    let text = "Rebels seized the town on Jan. 2. Two days later the army retook it, \
                and the next day it fell again. Talks resume two weeks from now.";
    let found = annotate(text, NaiveDate::from_ymd_opt(2020, 1, 7));
    let values: Vec<&str> = found.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(
        values,
        ["2020-01-02", "2020-01-04", "2020-01-05", "2020-W04"]
    );
}

#[test]
fn rates_and_titles_are_not_times() {
    for text in [
        "The fund pays $1.76 a year.",
        "Qantas runs four flights a week.",
        "He spoke on CBS's 60 Minutes about it.",
        "She watched High Noon again.",
    ] {
        let found = annotate(text, NaiveDate::from_ymd_opt(2020, 1, 7));
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
    let found = annotate(
        "Profit was $10 million a year ago.",
        NaiveDate::from_ymd_opt(2020, 1, 7),
    );
    assert_eq!(found.len(), 1);
}

#[test]
fn may_and_passive_future() {
    let found = annotate(
        "The report is due to be published in May.",
        NaiveDate::from_ymd_opt(2013, 3, 22),
    );
    let values: Vec<&str> = found.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(values, ["2013-05"]);
}
