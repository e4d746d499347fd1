//! Quotes: who said what. Finds direct, mixed and indirect attributions in
//! a story, each with its cue ("said", "according to"), its source mention
//! and its content, and resolves the source to a named speaker.
//!
//! Quotation marks are paired by rule ([`marks`]); roles are labelled by an
//! averaged-perceptron tagger trained on PolNeAR ([`tagger`]); the spans are
//! grouped into quotes around their cue ([`assemble`]) and the source is
//! resolved through pronouns and surnames ([`speaker`]).

pub mod assemble;
pub mod eval;
mod features;
pub mod lexicon;
pub mod marks;
pub mod polnear;
mod rules;
pub mod speaker;
pub mod tagger;
pub mod training;

use annalist_doc::{Doc, Layer, ModelError, Models, Quote, Shared, Stage, StageError};
use std::path::PathBuf;
use std::sync::OnceLock;
use tagger::Tagger;

/// The shipped tagger model (see `model/MODEL.md`).
static MODEL_BYTES: &[u8] = include_bytes!("../model/quotes.anlm");

/// Errors of the quotes crate.
#[derive(Debug, thiserror::Error)]
pub enum QuotesError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The model could not be loaded.
    #[error("quotes model: {0}")]
    Model(String),
    /// Gold data missing.
    #[error(transparent)]
    MissingData(#[from] annalist_eval::MissingData),
}

impl QuotesError {
    pub(crate) fn io(path: PathBuf, source: std::io::Error) -> Self {
        QuotesError::Io { path, source }
    }
}

impl From<annalist_linear::LinearError> for QuotesError {
    fn from(e: annalist_linear::LinearError) -> Self {
        QuotesError::Model(e.to_string())
    }
}

/// The shipped tagger, loaded once.
pub fn shipped() -> Result<&'static Tagger, QuotesError> {
    static TAGGER: OnceLock<Result<Tagger, String>> = OnceLock::new();
    TAGGER
        .get_or_init(|| Tagger::from_bytes(MODEL_BYTES).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| QuotesError::Model(e.clone()))
}

/// The quotes stage: fills [`Doc::quotes`].
#[derive(Clone)]
pub struct QuotesStage {
    tagger: Shared<Tagger>,
}

impl QuotesStage {
    /// The stage with the built-in model, or `models`' `quotes/quotes.anlm`
    /// (as `annalist train quotes` writes).
    pub fn load(models: &Models) -> Result<Self, ModelError> {
        let tagger = models.load(
            "quotes",
            "quotes.anlm",
            |dir| Models::parse("quotes", &dir.join("quotes.anlm"), Tagger::from_bytes),
            shipped,
        )?;
        Ok(QuotesStage { tagger })
    }

    /// The stage with the built-in model.
    pub fn shipped() -> Result<Self, ModelError> {
        Self::load(&Models::builtin())
    }
}

impl Stage for QuotesStage {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Tokens,
            Layer::Sentences,
            Layer::Entities,
            Layer::Actors,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.quotes = extract(&self.tagger, doc);
        Ok(())
    }
}

/// Finds the quotes of a tokenized document with `tagger`.
pub fn extract(tagger: &Tagger, doc: &Doc) -> Vec<Quote> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let quoting = marks::pair(doc);
    let labels = tagger.label(doc, &quoting);
    let spans = tagger::spans(&labels);
    let mut drafts = rules::merge(
        assemble::group(doc, &spans, &quoting),
        rules::layout_drafts(doc),
    );
    drafts.retain(|d| !action_not_speech(doc, d, &quoting));
    for d in drafts.iter_mut() {
        content_was_source(doc, d, &quoting);
        clause_in_source(doc, d);
    }
    fill_reported_clause(doc, &mut drafts);
    // A cue alone, with neither source nor content, tells a reader nothing;
    // nor does a subject and a verb that reports nothing ("Kurds
    // demonstrated").
    drafts.retain(|d| {
        let reports = d
            .cue
            .is_none_or(|(a, b)| (a..b).any(|i| lexicon::is_cue_word(doc.token_text(i))));
        (!d.content.is_empty() || d.source.is_some()) && (!d.content.is_empty() || reports)
    });
    let names = if drafts.iter().any(|d| d.source.is_some()) {
        speaker::mentions(doc, &quoting)
    } else {
        Vec::new()
    };
    let mut out: Vec<Quote> = Vec::with_capacity(drafts.len());
    let mut last_speaker: Option<(usize, Option<String>, Option<String>)> = None;
    for d in &drafts {
        let mut q = assemble::to_quote(doc, d, &quoting);
        let para = d
            .content
            .first()
            .map(|c| paragraph_of(doc, c.0))
            .unwrap_or(usize::MAX);
        match d.source {
            Some(src) => {
                if let Some(mut r) = speaker::resolve(doc, src, &names) {
                    // "Abdulhamid al" + "-Dbeibah": a mention stops at a
                    // hyphen the tokenizer split off; the source goes on.
                    while r.1 + 1 < src.1
                        && r.0 >= src.0
                        && doc.token_text(r.1) == "-"
                        && !doc.tokens[r.1 - 1].ws
                        && !doc.tokens[r.1].ws
                    {
                        r.1 += 2;
                    }
                    let (name, code) = match speaker::actor_for(doc, r) {
                        Some((n, c)) => (n.map(|n| display_name(&n)), Some(c)),
                        None => (None, None),
                    };
                    let mention = doc.span_text(&doc.span(r.0, r.1)).to_string();
                    // An actor name cut out of the mention ("Staff" of
                    // "General Staff") says less than the mention.
                    let name =
                        name.filter(|n| !(mention.len() > n.len() && mention.contains(n.as_str())));
                    q.speaker = Some(name.unwrap_or(mention));
                    q.speaker_code = code;
                }
            }
            // Wire style continues a speaker's quote in the next paragraphs
            // without repeating the attribution.
            None if d.cue.is_none() => {
                if let Some((p, name, code)) = &last_speaker {
                    if para != usize::MAX && para > *p && para - p <= 2 {
                        q.speaker = name.clone();
                        q.speaker_code = code.clone();
                    }
                }
            }
            None => {}
        }
        if q.speaker.is_some() {
            let p = d
                .content
                .last()
                .map(|c| paragraph_of(doc, c.0))
                .unwrap_or(para);
            last_speaker = Some((p, q.speaker.clone(), q.speaker_code.clone()));
        }
        out.push(q);
    }
    out
}

/// Headlines and "agreed new sanctions" use reporting verbs for deeds:
/// in the headline only a verb of saying ("Ukraine says …") attributes,
/// and "agree", "reject", "threaten" and the like attribute only with a
/// "that" clause or a quotation.
fn action_not_speech(doc: &Doc, d: &assemble::Draft, quoting: &marks::Quoting) -> bool {
    let in_title = |i: usize| {
        doc.title.as_ref().is_some_and(|t| {
            let r = t.offsets.range();
            let c = doc.tokens[i].offsets.range();
            r.start <= c.start && c.end <= r.end
        })
    };
    let first = [d.cue, d.source, d.content.first().copied()]
        .into_iter()
        .flatten()
        .map(|r| r.0)
        .min();
    let speech = d
        .cue
        .is_some_and(|(a, b)| (a..b).any(|i| lexicon::is_speech_verb(doc.token_text(i))));
    let quoted = d
        .content
        .iter()
        .any(|&(a, b)| (a..b).any(|i| quoting.inside.get(i).copied().unwrap_or(false)));
    // A headline clause with no one saying it ("…, warns of famine") is
    // no quote either.
    if first.is_some_and(in_title) && (!speech || (d.source.is_none() && !quoted)) {
        return true;
    }
    let Some((ca, cb)) = d.cue else {
        return false;
    };
    let words: Vec<String> = (ca..cb)
        .map(|i| doc.token_text(i).to_ascii_lowercase())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    // "The US rejected calls by Kofi Annan to …", "Israel threatened to
    // ban voting": these verbs report speech only with a "that" clause or
    // a quotation; with an object or an infinitive they tell a deed.
    let deed = !words.is_empty()
        && words.iter().all(|w| {
            ["agree", "reject", "refus", "threat"]
                .iter()
                .any(|stem| w.starts_with(stem))
        });
    let that = d.content.first().is_some_and(|c| {
        doc.token_text(c.0).eq_ignore_ascii_case("that")
            || (c.0 > 0 && doc.token_text(c.0 - 1).eq_ignore_ascii_case("that"))
    });
    deed && !that && !quoted
}

/// "…, witnesses said.": a short unquoted piece between the comma and a
/// verb of saying that closes the sentence is the source the tagger took
/// for content.
fn content_was_source(doc: &Doc, d: &mut assemble::Draft, quoting: &marks::Quoting) {
    let (Some((ca, cb)), None, [(a, b)]) = (d.cue, d.source, d.content.as_slice()) else {
        return;
    };
    let (a, b) = (*a, *b);
    let short = b == ca && b > a && b - a <= 4 && a > 0 && doc.token_text(a - 1) == ",";
    let unquoted = (a..b).all(|i| !quoting.inside.get(i).copied().unwrap_or(false));
    let speech = (ca..cb).any(|i| lexicon::is_speech_verb(doc.token_text(i)));
    let closes = cb < doc.tokens.len() && matches!(doc.token_text(cb), "." | "!" | "?");
    if short && unquoted && speech && closes {
        d.source = Some((a, b));
        d.content.clear();
    }
}

/// "KYIV (Reuters) - Ukrainian forces repelled an assault, destroying
/// tanks, Ukraine's General Staff said": a source before its cue that
/// opens with a clause of its own (a verb in the past tense, not in a
/// relative clause) is that clause, reported, and the name after its last
/// comma. An appositive ("Melanne Verveer, who served as …, told") has no
/// such verb outside its relative clause.
fn clause_in_source(doc: &Doc, d: &mut assemble::Draft) {
    let (Some((sa, sb)), Some((ca, _))) = (d.source, d.cue) else {
        return;
    };
    if sb > ca || !d.content.is_empty() {
        return;
    }
    let Some(first_comma) = (sa..sb).find(|&i| doc.token_text(i) == ",") else {
        return;
    };
    let Some(last_comma) = (sa..sb).rev().find(|&i| doc.token_text(i) == ",") else {
        return;
    };
    let mut relative = false;
    let clause = (sa..first_comma).any(|i| {
        let w = doc.token_text(i);
        relative |= matches!(w, "who" | "which" | "that" | "whom" | "whose");
        !relative
            && i > sa
            && w.len() > 3
            && w.ends_with("ed")
            && w.chars().all(|c| c.is_ascii_lowercase())
    });
    if !clause || last_comma + 1 >= sb {
        return;
    }
    // The dateline ("KYIV, Feb 3 (Reuters) -") belongs to no one.
    let start = (sa..first_comma.min(sa + 12))
        .rev()
        .find(|&i| {
            matches!(doc.token_text(i), "-" | "—" | "–") && i > sa && doc.token_text(i - 1) == ")"
        })
        .map_or(sa, |i| i + 1);
    d.source = Some((last_comma + 1, sb));
    if last_comma > start + 2 {
        d.content.push((start, last_comma));
    }
}

/// "…, EU foreign policy chief Josep Borrell said.": a cue and source
/// that close their sentence after a comma report the clause before the
/// comma, which the tagger sometimes leaves without a role.
fn fill_reported_clause(doc: &Doc, drafts: &mut [assemble::Draft]) {
    let taken: Vec<(usize, usize)> = drafts
        .iter()
        .flat_map(|d| d.content.iter().copied())
        .collect();
    for d in drafts.iter_mut() {
        let (Some((sa, _)), Some((_, ce))) = (d.source, d.cue) else {
            continue;
        };
        if !d.content.is_empty() {
            continue;
        }
        // The comma may stand before the source's description ("…, EU
        // foreign policy chief Josep Borrell said").
        let Some(comma) = (sa.saturating_sub(8)..sa)
            .rev()
            .find(|&i| doc.token_text(i) == ",")
            .filter(|&c| (c + 1..sa).all(|i| marks::mark_of(doc.token_text(i)).is_none()))
        else {
            continue;
        };
        let Some(k) = doc.sentence_of(sa) else {
            continue;
        };
        let (s0, s1) = (
            doc.sentences[k].token_start as usize,
            (doc.sentences[k].token_end as usize).min(doc.tokens.len()),
        );
        // Only a short phrase ("on Saturday", "a news conference") may
        // follow the cue, no clause of its own.
        let tail_ok = s1.saturating_sub(ce) <= 8
            && (ce..s1).all(|i| {
                let t = doc.token_text(i);
                marks::mark_of(t).is_none() && !matches!(t, "that" | ":" | ",")
            });
        let clause = (s0, comma);
        // Another quote's content may be nested in the clause ("… calling
        // for independence, witnesses said"), but not be the clause.
        let free = !taken
            .iter()
            .any(|&(a, b)| a <= clause.0 + 1 && b + 1 >= clause.1);
        if tail_ok && free && clause.1 > clause.0 + 2 {
            d.content.push(clause);
        }
    }
}

/// Actor dictionaries spell names `JOSEP_BORRELL`; readers want
/// "Josep Borrell".
fn display_name(name: &str) -> String {
    let spaced = name.replace('_', " ");
    if spaced.chars().any(char::is_lowercase) {
        return spaced;
    }
    let mut out = String::with_capacity(spaced.len());
    let mut start = true;
    for c in spaced.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'' && c != '’';
    }
    out
}

fn paragraph_of(doc: &Doc, i: usize) -> usize {
    doc.paragraphs
        .iter()
        .position(|p| (p.token_start as usize) <= i && i < p.token_end as usize)
        .unwrap_or(usize::MAX)
}

/// One line describing a quote, for `extract --format pretty`:
/// `direct  Lorenzo Guerini [ITAGOV] stressed: "…"`.
pub fn describe(quote: &Quote, doc: &Doc) -> String {
    let kind = match quote.kind {
        annalist_doc::QuoteKind::Direct => "direct",
        annalist_doc::QuoteKind::Mixed => "mixed",
        annalist_doc::QuoteKind::Indirect => "indirect",
    };
    let get = |o: &annalist_doc::Offsets| doc.text.get(o.range()).unwrap_or("").to_string();
    let speaker = quote
        .speaker
        .clone()
        .unwrap_or_else(|| "(unknown speaker)".into());
    let code = quote
        .speaker_code
        .as_ref()
        .map(|c| format!(" [{c}]"))
        .unwrap_or_default();
    let source = match (&quote.source, &quote.speaker) {
        (Some(s), Some(sp)) if get(s) != *sp => format!(" (\"{}\")", get(s)),
        _ => String::new(),
    };
    let cue = quote.cue.as_ref().map(get).unwrap_or_else(|| "—".into());
    let content: Vec<String> = quote.content.iter().map(get).collect();
    let mut content = content.join(" … ").replace('\n', " ");
    if content.chars().count() > 160 {
        content = content.chars().take(157).collect::<String>() + "...";
    }
    format!("{kind:<8} {speaker}{code}{source} {cue}: {content}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_names_read_as_names() {
        assert_eq!(display_name("JOSEP_BORRELL"), "Josep Borrell");
        assert_eq!(display_name("THE_UNITED_NATIONS"), "The United Nations");
        assert_eq!(display_name("Lorenzo Guerini"), "Lorenzo Guerini");
    }

    fn run(text: &str) -> (Doc, Vec<Quote>) {
        let mut d = Doc::new("t", text);
        annalist_tokenizer::analyze(&mut d);
        let q = extract(shipped().expect("model loads"), &d);
        (d, q)
    }

    #[test]
    fn signed_quotes_listed_line_by_line() {
        let (d, quotes) = run("“We need better schools for our children.” ― Jane Doe.\n“Nobody listens to us here.” ― John Roe\n");
        let sources: Vec<&str> = quotes
            .iter()
            .filter_map(|q| q.source.as_ref().map(|s| d.slice(s)))
            .collect();
        assert_eq!(sources, ["Jane Doe", "John Roe"]);
    }

    #[test]
    fn rejecting_and_threatening_deeds_are_no_quotes() {
        for text in [
            "The US on Thursday rejected calls by Kofi Annan to adopt reforms of the Council.\n",
            "Israel threatened to ban voting in East Jerusalem.\n",
        ] {
            let (d, quotes) = run(text);
            let all: Vec<String> = quotes.iter().map(|q| describe(q, &d)).collect();
            assert!(quotes.is_empty(), "{all:?}");
        }
    }

    #[test]
    fn witnesses_said_names_the_source() {
        let (d, quotes) = run("Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday calling for independence from Iraq, witnesses said.\n");
        let q = quotes
            .iter()
            .find(|q| q.source.as_ref().is_some_and(|s| d.slice(s) == "witnesses"))
            .unwrap_or_else(|| {
                panic!(
                    "{:?}",
                    quotes.iter().map(|q| describe(q, &d)).collect::<Vec<_>>()
                )
            });
        assert!(d.slice(&q.content[0]).starts_with("Thousands"));
        assert!(quotes.iter().all(|q| !q.content.is_empty()));
    }

    #[test]
    fn dateline_sentence_is_content_of_the_name_before_said() {
        let (d, quotes) = run("KYIV, Feb 3 (Reuters) - Ukrainian forces repelled a Russian armoured assault near the city of Kharkiv overnight, destroying several tanks, Ukraine's General Staff said on Saturday.\n");
        let all: Vec<String> = quotes.iter().map(|q| describe(q, &d)).collect();
        assert!(quotes.iter().all(|q| !q.content.is_empty()), "{all:?}");
        assert!(
            quotes.iter().any(|q| q
                .source
                .as_ref()
                .is_some_and(|s| d.slice(s) == "Ukraine's General Staff")),
            "{all:?}"
        );
    }

    #[test]
    fn participle_and_coordinated_cues_find_their_speaker() {
        let (d, quotes) = run("WASHINGTON (AP) — The U.S. special envoy for Sudan on Wednesday called on the country's warring generals to agree to an immediate ceasefire, warning that millions of people face famine if fighting continues into the rainy season.\n\nPrime Minister Abdulhamid al-Dbeibah met elders from the Souq al-Jumaa district, where most of the fighting took place, and later announced that a ceasefire had been agreed.\n");
        let all: Vec<String> = quotes.iter().map(|q| describe(q, &d)).collect();
        assert!(quotes.len() >= 3, "{all:?}");
        for q in &quotes {
            let source = q.source.as_ref().map(|s| d.slice(s)).unwrap_or("");
            assert!(
                matches!(
                    source,
                    "The U.S. special envoy for Sudan" | "Prime Minister Abdulhamid al-Dbeibah"
                ),
                "{all:?}"
            );
        }
    }

    #[test]
    fn signature_on_the_next_line() {
        let (d, quotes) =
            run("Quotes of the day.\n\n\"We need better schools.\"\n\n- Jane Doe, Springfield.\n");
        let sources: Vec<&str> = quotes
            .iter()
            .filter_map(|q| q.source.as_ref().map(|s| d.slice(s)))
            .collect();
        assert_eq!(sources, ["Jane Doe"]);
    }

    #[test]
    fn agreeing_on_sanctions_is_no_quote() {
        let (d, quotes) =
            run("Ministers on Monday agreed new sanctions against the company over its exports.\n");
        let all: Vec<String> = quotes.iter().map(|q| describe(q, &d)).collect();
        assert!(quotes.is_empty(), "{all:?}");
    }
}
