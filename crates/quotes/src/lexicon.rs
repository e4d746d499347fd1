//! Reporting-verb lexicon: the cues that introduce speech, writing, belief
//! and evidence in news ("said", "told", "urged", "according to").

use std::collections::HashSet;
use std::sync::OnceLock;

/// Regular reporting verbs (base form); inflections are generated.
const REGULAR: &[&str] = &[
    "acknowledge",
    "add",
    "admit",
    "advise",
    "affirm",
    "agree",
    "allege",
    "announce",
    "answer",
    "argue",
    "ask",
    "assert",
    "assure",
    "believe",
    "blame",
    "boast",
    "call",
    "caution",
    "charge",
    "cite",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "continue",
    "counter",
    "criticize",
    "criticise",
    "declare",
    "decline",
    "deny",
    "describe",
    "demand",
    "disclose",
    "dismiss",
    "emphasize",
    "emphasise",
    "estimate",
    "explain",
    "express",
    "fear",
    "hint",
    "hope",
    "indicate",
    "inform",
    "insist",
    "joke",
    "claim",
    "maintain",
    "mention",
    "note",
    "object",
    "observe",
    "order",
    "plead",
    "pledge",
    "point",
    "post",
    "praise",
    "predict",
    "proclaim",
    "promise",
    "propose",
    "protest",
    "question",
    "recall",
    "recount",
    "reiterate",
    "reject",
    "remark",
    "remind",
    "repeat",
    "reply",
    "report",
    "request",
    "respond",
    "reveal",
    "signal",
    "state",
    "stress",
    "suggest",
    "testify",
    "threaten",
    "tweet",
    "underline",
    "urge",
    "vow",
    "warn",
    "wonder",
    "worry",
    "accuse",
    "appeal",
    "demand",
    "echo",
    "describe",
    "insist",
    "conclude",
    "complain",
    "quip",
    "retort",
    "scoff",
    "snap",
    "exclaim",
    "muse",
    "announce",
    "believe",
    "suspect",
    "doubt",
    "expect",
    "want",
    "wish",
    "urge",
    "welcome",
    "condemn",
    "denounce",
    "deplore",
    "lament",
    "recommend",
    "instruct",
];

/// Irregular forms, listed in full.
const IRREGULAR: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "write",
    "writes",
    "wrote",
    "written",
    "writing",
    "think",
    "thinks",
    "thought",
    "thinking",
    "know",
    "knows",
    "knew",
    "known",
    "feel",
    "feels",
    "felt",
    "read",
    "reads",
    "speak",
    "speaks",
    "spoke",
    "spoken",
    "speaking",
    "swear",
    "swore",
    "sworn",
    "find",
    "finds",
    "found",
    "show",
    "shows",
    "showed",
    "shown",
    "see",
    "sees",
    "saw",
    "seen",
    "forecast",
    "forecasts",
    "put",
    "puts",
    "reportedly",
    "allegedly",
    "according",
];

fn forms() -> &'static HashSet<String> {
    static FORMS: OnceLock<HashSet<String>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut set: HashSet<String> = IRREGULAR.iter().map(|s| s.to_string()).collect();
        for base in REGULAR {
            for f in inflect(base) {
                set.insert(f);
            }
        }
        set
    })
}

/// Base, third-person, past and gerund forms of a regular verb.
fn inflect(base: &str) -> [String; 4] {
    let stem_e = base.strip_suffix('e');
    let third = if base.ends_with('s') || base.ends_with("sh") || base.ends_with("ch") {
        format!("{base}es")
    } else if let Some(st) = base.strip_suffix('y').filter(|s| !ends_vowel(s)) {
        format!("{st}ies")
    } else {
        format!("{base}s")
    };
    let past = if stem_e.is_some() {
        format!("{base}d")
    } else if let Some(st) = base.strip_suffix('y').filter(|s| !ends_vowel(s)) {
        format!("{st}ied")
    } else if doubles(base) {
        format!("{base}{}ed", &base[base.len() - 1..])
    } else {
        format!("{base}ed")
    };
    let ger = match stem_e {
        Some(st) if !base.ends_with("ee") => format!("{st}ing"),
        _ if doubles(base) => format!("{base}{}ing", &base[base.len() - 1..]),
        _ => format!("{base}ing"),
    };
    [base.to_string(), third, past, ger]
}

fn ends_vowel(s: &str) -> bool {
    s.ends_with(['a', 'e', 'i', 'o', 'u'])
}

/// Short verbs ending consonant-vowel-consonant double the consonant
/// (`quip` → `quipped`, `snap` → `snapped`).
fn doubles(base: &str) -> bool {
    matches!(
        base,
        "quip" | "snap" | "plan" | "admit" | "commit" | "regret" | "stop"
    )
}

/// True when `word` (any case) is a form of a reporting verb.
pub fn is_cue_word(word: &str) -> bool {
    let mut buf = [0u8; 24];
    match lower(word, &mut buf) {
        Some(w) => forms().contains(w),
        None => false,
    }
}

/// The ASCII-lower-cased word in `buf`, without allocating; `None` for
/// words too long or not ASCII (no reporting verb is either).
fn lower<'a>(word: &str, buf: &'a mut [u8; 24]) -> Option<&'a str> {
    let b = word.as_bytes();
    if b.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (o, &c) in buf.iter_mut().zip(b) {
        *o = c.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

/// True for the most common speech verbs, which introduce quotes in wire
/// style on their own ("he said", "Guerini stressed").
pub fn is_speech_verb(word: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(w) = lower(word, &mut buf) else {
        return false;
    };
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "stressed"
            | "stresses"
            | "urged"
            | "urges"
            | "warned"
            | "warns"
            | "explained"
            | "explains"
            | "noted"
            | "notes"
            | "insisted"
            | "insists"
            | "stated"
            | "states"
            | "declared"
            | "declares"
            | "announced"
            | "announces"
            | "argued"
            | "argues"
            | "claimed"
            | "claims"
            | "asked"
            | "asks"
            | "wrote"
            | "writes"
            | "tweeted"
            | "replied"
            | "continued"
            | "concluded"
            | "underlined"
            | "emphasised"
            | "emphasized"
            | "remarked"
            | "reiterated"
            | "confirmed"
            | "affirmed"
            | "observed"
            | "commented"
            | "recalled"
            | "admitted"
            | "acknowledged"
            | "cautioned"
            | "responded"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        for w in [
            "said", "stressed", "urges", "replied", "denies", "quipped", "Told", "noting",
        ] {
            assert!(is_cue_word(w), "{w}");
        }
        assert!(!is_cue_word("table"));
    }
}
