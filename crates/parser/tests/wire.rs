//! Key arcs of hand-written wire-style sentences, read through the clause
//! API exactly as the event, quote and place stages read them.

use annalist_doc::{Doc, Stage};
use annalist_parser::{clauses, Clause, ParserStage};

fn parse(text: &str) -> Doc {
    let mut doc = Doc::new("t", text);
    annalist_tokenizer::TokenizerStage
        .process(&mut doc)
        .unwrap();
    annalist_tagger::TaggerStage::shipped()
        .unwrap()
        .process(&mut doc)
        .unwrap();
    ParserStage::shipped().unwrap().process(&mut doc).unwrap();
    doc
}

fn find(doc: &Doc, word: &str) -> usize {
    (0..doc.tokens.len())
        .find(|&i| doc.token_text(i) == word)
        .unwrap_or_else(|| panic!("no token {word:?}"))
}

fn clause<'a>(cs: &'a [Clause], doc: &Doc, verb: &str) -> &'a Clause {
    let v = find(doc, verb);
    cs.iter()
        .find(|c| c.verb == v)
        .unwrap_or_else(|| panic!("no clause for {verb:?}: {cs:#?}"))
}

fn text(doc: &Doc, i: Option<usize>) -> &str {
    i.map_or("", |i| doc.token_text(i))
}

#[test]
fn active_clause_with_obliques() {
    let d = parse("Rebels attacked the convoy near Tripoli on Monday.");
    let cs = clauses(&d, 0);
    let c = clause(&cs, &d, "attacked");
    assert_eq!(text(&d, c.subject.map(|a| a.head)), "Rebels");
    assert_eq!(text(&d, c.objects.first().map(|a| a.head)), "convoy");
    assert!(!c.passive && !c.negated);
    let preps: Vec<(&str, &str)> = c
        .obliques
        .iter()
        .map(|o| (text(&d, o.prep), d.token_text(o.arg.head)))
        .collect();
    assert!(preps.contains(&("on", "Monday")), "{preps:?}");
}

#[test]
fn passive_with_agent() {
    let d = parse("The convoy was attacked by rebels outside the capital.");
    let cs = clauses(&d, 0);
    let c = clause(&cs, &d, "attacked");
    assert!(c.passive);
    assert_eq!(text(&d, c.subject.map(|a| a.head)), "convoy");
    assert_eq!(text(&d, c.agent.map(|a| a.head)), "rebels");
}

#[test]
fn called_for_an_end() {
    let d = parse("The United Nations called for an end to the fighting in Syria.");
    let cs = clauses(&d, 0);
    let c = clause(&cs, &d, "called");
    assert_eq!(text(&d, c.subject.map(|a| a.head)), "Nations");
    let o = c
        .obliques
        .iter()
        .find(|o| d.token_text(o.arg.head) == "end")
        .unwrap_or_else(|| panic!("{c:#?}"));
    assert_eq!(text(&d, o.prep), "for");
}

#[test]
fn sending_troops_to_reinforce() {
    let d = parse("Ankara is sending troops to reinforce the government.");
    let cs = clauses(&d, 0);
    let c = clause(&cs, &d, "sending");
    assert_eq!(text(&d, c.subject.map(|a| a.head)), "Ankara");
    assert_eq!(text(&d, c.objects.first().map(|a| a.head)), "troops");
    let r = clause(&cs, &d, "reinforce");
    assert_eq!(r.parent, Some(c.verb));
    assert_eq!(text(&d, r.objects.first().map(|a| a.head)), "government");
}

#[test]
fn will_meet_on_tuesday() {
    let d = parse("Iran will meet Iraq on Tuesday.");
    let cs = clauses(&d, 0);
    let c = clause(&cs, &d, "meet");
    assert_eq!(text(&d, c.subject.map(|a| a.head)), "Iran");
    assert_eq!(text(&d, c.objects.first().map(|a| a.head)), "Iraq");
    assert_eq!(text(&d, c.modal), "will");
    assert!(c
        .obliques
        .iter()
        .any(|o| text(&d, o.prep) == "on" && d.token_text(o.arg.head) == "Tuesday"));
}

#[test]
fn negation() {
    let d = parse("The government did not reject the proposal.");
    let cs = clauses(&d, 0);
    let c = clause(&cs, &d, "reject");
    assert!(c.negated);
    assert_eq!(text(&d, c.negation), "not");
    assert_eq!(text(&d, c.objects.first().map(|a| a.head)), "proposal");
}

#[test]
fn quote_with_he_said_after_it() {
    let d = parse("\"We will not negotiate with terrorists,\" he said.");
    let cs = clauses(&d, 0);
    let said = clause(&cs, &d, "said");
    assert_eq!(text(&d, said.subject.map(|a| a.head)), "he");
    let content = find(&d, "negotiate");
    assert!(
        said.complement == Some(content) || said.parataxis_host == Some(content),
        "{said:#?}"
    );
    let neg = clause(&cs, &d, "negotiate");
    assert!(neg.negated);
}

#[test]
fn every_token_gets_a_head_or_is_the_single_root() {
    let d = parse("BEIRUT, March 3 (Reuters) - Israeli jets struck targets in southern Lebanon. Nobody was hurt.");
    for (k, s) in d.sentences.iter().enumerate() {
        let roots = s.tokens().filter(|&i| d.tokens[i].head.is_none()).count();
        assert_eq!(roots, 1, "sentence {k}");
        for i in s.tokens() {
            assert!(d.tokens[i].dep.is_some());
            if let Some(h) = d.tokens[i].head {
                assert!(s.tokens().contains(&(h as usize)));
            }
        }
    }
}

#[test]
fn odd_input_does_not_panic() {
    for t in ["", " ", "...", "a", "\u{feff}\u{0}", &"word ".repeat(3000)] {
        let _ = parse(t);
    }
}
