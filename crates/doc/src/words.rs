//! Word lists more than one stage reads, written once. Entries are lower
//! case; every function compares without regard to case, so callers pass
//! the token as it is written.

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, Monday first (ISO numbering).
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Short weekday forms with their ISO number ("Tues", "Thurs").
const WEEKDAY_SHORT: &[(&str, u8)] = &[
    ("mon", 1),
    ("tue", 2),
    ("tues", 2),
    ("wed", 3),
    ("thu", 4),
    ("thur", 4),
    ("thurs", 4),
    ("fri", 5),
    ("sat", 6),
    ("sun", 7),
];

/// Titles and honorifics that mark the capitalised words after them as a
/// person's name ("Mr Howard", "Gen. Musharraf", "Foreign Minister Di
/// Maio"). Written without a final period; [`is_person_title`] accepts it.
pub const PERSON_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lord",
    "lady",
    "prof",
    "professor",
    "rev",
    "father",
    "saint",
    "president",
    "pres",
    "premier",
    "chancellor",
    "minister",
    "secretary",
    "undersecretary",
    "deputy",
    "ambassador",
    "envoy",
    "commissioner",
    "governor",
    "gov",
    "senator",
    "sen",
    "rep",
    "mayor",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "sheik",
    "emir",
    "ayatollah",
    "gen",
    "general",
    "col",
    "colonel",
    "capt",
    "captain",
    "maj",
    "lt",
    "sgt",
    "adm",
    "admiral",
    "marshal",
    "field",
    "officer",
    "detective",
    "chief",
    "coach",
    "chairman",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "speaker",
    "leader",
];

/// Verbs that report speech, as lemmas ("said" → "say"): the actors stage
/// gives a quotation's first person to their subject, the events stage
/// reads what they introduce as reported.
pub const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "claim",
    "announce",
    "report",
    "state",
    "add",
    "insist",
    "allege",
    "confirm",
    "acknowledge",
    "declare",
    "write",
    "tweet",
    "explain",
    "note",
    "assert",
];

/// True for the lemma of a verb that reports speech ([`SPEECH_VERBS`]).
pub fn is_speech_lemma(lemma: &str) -> bool {
    SPEECH_VERBS.iter().any(|v| eq(v, lemma))
}

/// Equal ignoring ASCII case, without allocating.
fn eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// True for a full month name ("March", "MAY").
pub fn is_month_name(word: &str) -> bool {
    MONTHS.iter().any(|m| eq(m, word))
}

/// True for a full weekday name ("Thursday").
pub fn is_weekday_name(word: &str) -> bool {
    WEEKDAYS.iter().any(|d| eq(d, word))
}

/// Month number 1–12 of a month name or its abbreviation ("Jan", "Sept",
/// "sep"); a final period is not part of the word. "May" and "Mar" are
/// months here: a caller that meets the modal verb decides by context.
pub fn month_number(word: &str) -> Option<u8> {
    if let Some(i) = MONTHS.iter().position(|m| eq(m, word)) {
        return Some(i as u8 + 1);
    }
    if eq(word, "sept") {
        return Some(9);
    }
    if word.len() != 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| eq(&m[..3], word))
        .map(|i| i as u8 + 1)
}

/// ISO weekday number (Monday 1 … Sunday 7) of a weekday name or its
/// abbreviation ("Tues", "Thu").
pub fn weekday_number(word: &str) -> Option<u8> {
    if let Some(i) = WEEKDAYS.iter().position(|d| eq(d, word)) {
        return Some(i as u8 + 1);
    }
    WEEKDAY_SHORT
        .iter()
        .find(|(s, _)| eq(s, word))
        .map(|&(_, n)| n)
}

/// True for a title or honorific before a name ("Mr", "Gen.", "minister").
pub fn is_person_title(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    PERSON_TITLES.iter().any(|t| eq(t, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_days_in_any_case_and_short_form() {
        assert_eq!(month_number("January"), Some(1));
        assert_eq!(month_number("SEPT"), Some(9));
        assert_eq!(month_number("sep"), Some(9));
        assert_eq!(month_number("may"), Some(5));
        assert_eq!(month_number("Janu"), None);
        assert_eq!(month_number("Ja"), None);
        assert_eq!(weekday_number("Thurs"), Some(4));
        assert_eq!(weekday_number("sunday"), Some(7));
        assert!(is_month_name("MARCH") && !is_month_name("mar"));
        assert!(is_weekday_name("Friday") && !is_weekday_name("fri"));
        assert!(is_person_title("Gen.") && is_person_title("MR") && !is_person_title("the"));
        assert!(is_speech_lemma("SAY") && is_speech_lemma("tweet") && !is_speech_lemma("said"));
    }
}
