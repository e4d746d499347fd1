//! What negators and modal auxiliaries say about a coded verb, as far as
//! they change its code: negation ("did not attack"), the future ("will
//! meet") and obligation ("must return"). With a parse the clause reader
//! (`crate::clause`) finds them; without one, the three words before the
//! verb. (How the text reports an event, its `Modality`, is
//! `crate::modality`'s.)

use super::Sentence;

/// Auxiliaries of the future, which Annalist codes as intent.
pub(super) const FUTURE_MODALS: &[&str] = &["WILL", "WOULD", "SHALL", "'LL"];

/// Whether a modal puts an obligation on the clause's subject.
pub(super) fn obliging(modal: Option<&str>) -> bool {
    matches!(modal, Some("MUST" | "SHOULD"))
}

/// The modal auxiliary of the verb at `v`, upper-cased: the clause's with a
/// parse, else a future modal among the three words before it.
pub(super) fn modal_of(s: &Sentence, v: usize) -> Option<String> {
    if s.parsed {
        s.clause(v).modal
    } else {
        linear_modal(s.doc, s.start, v)
    }
}

/// Without a parse: a negator among the three words before the verb.
pub(super) fn linear_negated(doc: &annalist_doc::Doc, start: usize, v: usize) -> bool {
    (v.saturating_sub(3).max(start)..v).any(|i| {
        matches!(
            doc.token_text(i).to_uppercase().as_str(),
            "NOT" | "N'T" | "NEVER"
        )
    })
}

/// Without a parse: a future modal among the three words before the verb.
fn linear_modal(doc: &annalist_doc::Doc, start: usize, v: usize) -> Option<String> {
    (v.saturating_sub(3).max(start)..v)
        .map(|i| doc.token_text(i).to_uppercase())
        .find(|w| FUTURE_MODALS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_doc::{CharIndex, Doc, Token};

    /// A document of whitespace-separated words with no tags or parse.
    fn words(text: &str) -> Doc {
        let mut doc = Doc::new("t", text);
        let idx = CharIndex::new(text);
        let mut at = 0;
        for w in text.split(' ') {
            doc.tokens.push(Token {
                offsets: idx.offsets(at, at + w.len()),
                ws: true,
                ..Default::default()
            });
            at += w.len() + 1;
        }
        doc
    }

    #[test]
    fn linear_negation_and_future_look_three_words_back() {
        let d = words("Iran did not attack Iraq");
        assert!(linear_negated(&d, 0, 3));
        assert!(!linear_negated(&d, 0, 1));
        let d = words("Iran will soon meet Iraq");
        assert_eq!(linear_modal(&d, 0, 3).as_deref(), Some("WILL"));
        let d = words("Iran will be able to meet Iraq");
        assert_eq!(linear_modal(&d, 0, 5), None);
        assert!(obliging(Some("MUST")) && !obliging(Some("WILL")) && !obliging(None));
    }
}
