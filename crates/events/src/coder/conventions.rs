//! Which conventions the coder follows where PETRARCH-2 and Annalist code
//! the same text differently, and the rule switches derived from them once
//! (so that each pass asks for a rule by name instead of combining flags).

/// The coding conventions, where PETRARCH-2 and Annalist differ
/// (docs/events.md). Chosen once per coder with
/// [`Coder::with_conventions`](super::Coder::with_conventions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Conventions {
    /// PETRARCH-2's, to score against suites coded with them (the PETRARCH
    /// validation suites): future auxiliaries ("will meet") keep the plain
    /// code; commitments ("agreed to lift", "pledged to expel") code the act
    /// itself; reported force becomes the speakers' claim of responsibility
    /// (015) or an accusation of the source (112); two mentions with one
    /// actor code are one actor; none of the news rules listed under
    /// [`Conventions::Annalist`] apply.
    Petrarch,
    /// Annalist's, the pipeline's (docs/annotation.md): future auxiliaries
    /// and commitments give CAMEO's intent codes (03x, threats 13x);
    /// reported events keep their own source, with the speaker as claimant.
    /// With Annalist's lexical rules on
    /// ([`Coder::with_annalist_rules`](super::Coder::with_annalist_rules))
    /// also: an obligation reported or stated ("said Sudan must return …")
    /// and a clause under a demand or appeal noun are demands or appeals; an
    /// unnamed official reported by a speaker is of the speaker's side;
    /// meetings, talks and agreements are acts of both sides; two mentions
    /// are one actor only when they refer to the same actor (two
    /// politicians of one government can meet).
    #[default]
    Annalist,
}

/// The coder's rule switches, derived once from its [`Conventions`] and
/// whether Annalist's lexical rules are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Switches {
    /// Annalist's lexical rules on top of the dictionary: parse mends,
    /// support verbs with an event-noun object, passive subjects matched by
    /// object patterns, patterns kept to the verb they were written for,
    /// prepositions kept to the verb's own argument, attacks told as nouns
    /// ("under attack by"), bombing codes, non-state blockades as protest,
    /// force from the subject itself, verbal attacks and figures of force,
    /// co-subjects of force on an object not coded against each other.
    pub lexical: bool,
    /// "agreed to lift": the act itself, not an intent (PETRARCH).
    pub commitment_is_act: bool,
    /// "will meet": an intent code (Annalist).
    pub future_is_intent: bool,
    /// Reported force becomes the speakers' claim (015) or accusation (112)
    /// (PETRARCH's SAY transformations).
    pub say_transformations: bool,
    /// "said Sudan must return the helicopter", "declared that China must
    /// drop barriers": an obligation is the speaker's demand.
    pub obligations_are_demands: bool,
    /// "its demand that Israel ease restrictions": a clause under a demand
    /// or appeal noun is demanded of its subject.
    pub demand_nouns: bool,
    /// An official of no named country, reported by a speaker, is of the
    /// speaker's side.
    pub speaker_side: bool,
    /// Meetings, talks and signed agreements are coded both ways.
    pub symmetric_acts: bool,
    /// Mentions are compared as actors (`annalist_actors::same_actor`),
    /// not by code.
    pub actors_by_identity: bool,
}

impl Switches {
    /// The switches of `conventions`, with or without the lexical rules.
    pub(super) fn new(conventions: Conventions, lexical: bool) -> Self {
        let petrarch = conventions == Conventions::Petrarch;
        // Annalist's news rules need its lexical rules: a coder built on
        // another dictionary runs as that dictionary's authors meant.
        let news = lexical && !petrarch;
        Switches {
            lexical,
            commitment_is_act: petrarch,
            future_is_intent: !petrarch,
            say_transformations: petrarch,
            obligations_are_demands: news,
            demand_nouns: news,
            speaker_side: news,
            symmetric_acts: news,
            actors_by_identity: news,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_rules_need_annalist_conventions_and_lexical_rules() {
        let all = Switches::new(Conventions::Annalist, true);
        assert!(all.future_is_intent && all.symmetric_acts && all.speaker_side);
        assert!(!all.commitment_is_act && !all.say_transformations);
        let plain = Switches::new(Conventions::Annalist, false);
        assert!(plain.future_is_intent && !plain.symmetric_acts && !plain.lexical);
        let petr = Switches::new(Conventions::Petrarch, true);
        assert!(petr.lexical && petr.commitment_is_act && petr.say_transformations);
        assert!(!petr.future_is_intent && !petr.demand_nouns && !petr.actors_by_identity);
    }
}
