//! Why an event was coded: the evidence each pass records, as values the
//! passes can match on. They become the strings of `Event::rules`
//! (docs/schema.md) only when the event record is written ([`Rule`]'s
//! `Display`), so those strings stay as they were.

use std::fmt;

/// One piece of evidence behind a coded event, in the order the passes
/// found them; the comment of each variant gives its string in
/// `Event::rules`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Rule {
    /// The dictionary verb, its block and the block pattern that matched,
    /// if any: `verb:LEMMA [BLOCK]`, then `;pattern:PRE * POST [CODE]`.
    Verb {
        lemma: String,
        block: String,
        pattern: Option<PatternRule>,
    },
    /// A support verb's event-noun object ("held talks"):
    /// `verb:LEMMA noun:NOUN [CODE]`.
    EventNoun {
        verb: String,
        noun: String,
        code: String,
    },
    /// An attack told as a noun after "under" ("came under fire from"):
    /// `noun:under-NOUN [CODE]`.
    UnderAttack { noun: String, code: String },
    /// Without a parse, roles from the word order: `linear`.
    Linear,
    /// Passive voice swapped the roles: `passive`.
    Passive,
    /// The source is the speaker a reported pronoun stands for:
    /// `source:speaker`.
    SourceSpeaker,
    /// The target is the first actor of the complement clause:
    /// `target:complement`.
    TargetComplement,
    /// Governed by a commitment, coded as the act (PETRARCH):
    /// `commitment:LEMMA`.
    Commitment(String),
    /// Wanted of someone, an appeal to them: `appeal:LEMMA`.
    Appeal(String),
    /// Governed by an intent verb: `intent:LEMMA`.
    Intent(String),
    /// Governed by a refusal verb: `refusal:LEMMA`.
    Refusal(String),
    /// An appeal or demand made specific by what it asks for (that act's
    /// code, or its verb's lemma when it is not coded itself):
    /// `asked-for:WHAT`.
    AskedFor(String),
    /// Reported by a speech verb: `reported:LEMMA`.
    Reported(String),
    /// An obligation, the speaker's demand: `obligation:CODE`.
    Obligation(String),
    /// Demanded under a demand or appeal noun: `demanded:NOUN`.
    Demanded(String),
    /// A future auxiliary made it an intent: `modal:MODAL`.
    Modal(String),
    /// Bombs gave the bombing code: `instrument:CODE`.
    Instrument(&'static str),
    /// A negated act of cooperation, a rejection: `negated`.
    Negated,
    /// Blocking by non-state actors is protest: `protest:non-state`.
    ProtestNonState,
    /// Force verbs used of words are criticism: `verbal-attack`.
    VerbalAttack,
    /// Co-subjects with no target act on each other:
    /// `compound-reciprocal`.
    CompoundReciprocal,
    /// The other side's copy of a symmetric act: `symmetric`.
    Symmetric,
    /// The reverse code of a two-way pattern: `reciprocal`.
    Reciprocal,
    /// PETRARCH's SAY transformation of reported force:
    /// `transform:say->CODE`.
    TransformSay(&'static str),
    /// An unnamed official given the speaker's side:
    /// `source:speaker-side`.
    SourceSpeakerSide,
    /// A one-sided event without a target: `no-target`.
    NoTarget,
    /// A one-sided event without a source: `no-source`.
    NoSource,
    /// Coded on a mended parse: `parse:mended`.
    ParseMended,
}

/// The block pattern that matched, its sides as the dictionary writes
/// them (words, `&SYNSET`, `$`, `+`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PatternRule {
    pub pre: String,
    pub post: String,
    pub code: String,
}

impl Rule {
    /// The verb block a dictionary verb came from.
    pub(super) fn block(&self) -> Option<&str> {
        match self {
            Rule::Verb { block, .. } => Some(block),
            _ => None,
        }
    }

    /// Whether the rule names the trigger verb (a dictionary verb, or a
    /// support verb with its event noun).
    pub(super) fn is_verb(&self) -> bool {
        matches!(self, Rule::Verb { .. } | Rule::EventNoun { .. })
    }

    /// Whether a verb rule's pattern (if any) holds only prepositions
    /// ("HIT * WITH"): it says nothing about what the verb means here.
    pub(super) fn prepositions_only(&self) -> bool {
        match self {
            Rule::Verb {
                pattern: Some(p), ..
            } => super::patterns::prepositions_only(&p.pre, &p.post),
            _ => true,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Verb {
                lemma,
                block,
                pattern,
            } => {
                write!(f, "verb:{lemma} [{block}]")?;
                if let Some(p) = pattern {
                    write!(f, ";pattern:{} * {} [{}]", p.pre, p.post, p.code)?;
                }
                Ok(())
            }
            Rule::EventNoun { verb, noun, code } => write!(f, "verb:{verb} noun:{noun} [{code}]"),
            Rule::UnderAttack { noun, code } => write!(f, "noun:under-{noun} [{code}]"),
            Rule::Linear => f.write_str("linear"),
            Rule::Passive => f.write_str("passive"),
            Rule::SourceSpeaker => f.write_str("source:speaker"),
            Rule::TargetComplement => f.write_str("target:complement"),
            Rule::Commitment(l) => write!(f, "commitment:{l}"),
            Rule::Appeal(l) => write!(f, "appeal:{l}"),
            Rule::Intent(l) => write!(f, "intent:{l}"),
            Rule::Refusal(l) => write!(f, "refusal:{l}"),
            Rule::AskedFor(w) => write!(f, "asked-for:{w}"),
            Rule::Reported(l) => write!(f, "reported:{l}"),
            Rule::Obligation(c) => write!(f, "obligation:{c}"),
            Rule::Demanded(n) => write!(f, "demanded:{n}"),
            Rule::Modal(m) => write!(f, "modal:{m}"),
            Rule::Instrument(c) => write!(f, "instrument:{c}"),
            Rule::Negated => f.write_str("negated"),
            Rule::ProtestNonState => f.write_str("protest:non-state"),
            Rule::VerbalAttack => f.write_str("verbal-attack"),
            Rule::CompoundReciprocal => f.write_str("compound-reciprocal"),
            Rule::Symmetric => f.write_str("symmetric"),
            Rule::Reciprocal => f.write_str("reciprocal"),
            Rule::TransformSay(c) => write!(f, "transform:say->{c}"),
            Rule::SourceSpeakerSide => f.write_str("source:speaker-side"),
            Rule::NoTarget => f.write_str("no-target"),
            Rule::NoSource => f.write_str("no-source"),
            Rule::ParseMended => f.write_str("parse:mended"),
        }
    }
}

/// The strings of `Event::rules`.
pub(super) fn strings(rules: &[Rule]) -> Vec<String> {
    rules.iter().map(Rule::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verb(pattern: Option<(&str, &str, &str)>) -> Rule {
        Rule::Verb {
            lemma: "HIT".into(),
            block: "PHYSICAL_CONFLICT".into(),
            pattern: pattern.map(|(pre, post, code)| PatternRule {
                pre: pre.into(),
                post: post.into(),
                code: code.into(),
            }),
        }
    }

    #[test]
    fn rules_are_written_as_event_rules_strings() {
        assert_eq!(verb(None).to_string(), "verb:HIT [PHYSICAL_CONFLICT]");
        assert_eq!(
            verb(Some(("", "WITH", "190"))).to_string(),
            "verb:HIT [PHYSICAL_CONFLICT];pattern: * WITH [190]"
        );
        assert_eq!(
            Rule::EventNoun {
                verb: "HOLD".into(),
                noun: "talks".into(),
                code: "040".into()
            }
            .to_string(),
            "verb:HOLD noun:talks [040]"
        );
        assert_eq!(
            Rule::UnderAttack {
                noun: "fire".into(),
                code: "190".into()
            }
            .to_string(),
            "noun:under-fire [190]"
        );
        assert_eq!(
            strings(&[
                Rule::Reported("SAY".into()),
                Rule::TransformSay("112"),
                Rule::ProtestNonState,
                Rule::AskedFor("073".into()),
                Rule::SourceSpeakerSide,
            ]),
            vec![
                "reported:SAY",
                "transform:say->112",
                "protest:non-state",
                "asked-for:073",
                "source:speaker-side"
            ]
        );
    }

    #[test]
    fn verb_rules_and_their_patterns() {
        assert!(verb(None).is_verb() && verb(None).prepositions_only());
        assert!(verb(Some(("", "WITH", "190"))).prepositions_only());
        assert!(!verb(Some(("", "RECORD", "0"))).prepositions_only());
        assert!(!verb(Some(("$", "", "190"))).prepositions_only());
        assert_eq!(verb(None).block(), Some("PHYSICAL_CONFLICT"));
        assert!(!Rule::Passive.is_verb() && Rule::Passive.prepositions_only());
    }
}
