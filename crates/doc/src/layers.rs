//! Annotation layers that the later stages fill. Each record carries the
//! [`Span`] (tokens plus byte and character offsets) of the evidence it rests
//! on, so a consumer can highlight it.

use crate::{Label, Offsets, Span};
use serde::{Deserialize, Serialize};

/// A named entity from the recognizer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Tokens and offsets of the mention.
    #[serde(flatten)]
    pub span: Span,
    /// CoNLL type: `PER`, `ORG`, `LOC` or `MISC`.
    pub label: Label,
    /// The mention as written.
    #[serde(default)]
    pub text: String,
    /// Recognizer confidence, 0–1 (mean label probability over the tokens).
    #[serde(default)]
    pub score: f32,
}

/// An actor mention resolved to a CAMEO actor code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// The mention in the text.
    #[serde(flatten)]
    pub span: Span,
    /// CAMEO actor code (`ITAGOV`, `TURMIL`, `LBY`).
    pub code: String,
    /// Canonical name of the actor (`LUIGI_DI_MAIO`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Index into [`crate::Doc::actors`] of the earlier mention this one
    /// refers back to (pronoun, surname, description), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<u32>,
    /// Which dictionary entry or rule produced the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A coded event: who did what to whom.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Event {
    /// Sentence index.
    pub sentence: u32,
    /// CAMEO event code (`042`).
    pub cameo: String,
    /// CAMEO root code (`04`).
    pub root: String,
    /// QuadClass 1–4 (verbal/material cooperation/conflict).
    pub quad_class: u8,
    /// Goldstein score, −10 to +10.
    pub goldstein: f32,
    /// PLOVER event type (`CONSULT`), when the CAMEO code maps to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// Source actor code.
    pub source: Option<String>,
    /// Target actor code.
    pub target: Option<String>,
    /// Index into [`crate::Doc::actors`] of the source mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_actor: Option<u32>,
    /// Index into [`crate::Doc::actors`] of the target mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_actor: Option<u32>,
    /// The verb phrase that triggered the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Span>,
    /// Event date in TimeML form (`2020-01-07`, `2020-W01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Precision of `date`: `day`, `week`, `month`, `quarter`, `season`,
    /// `year`, `decade` or `interval` (`since`/`until` with the story date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<String>,
    /// Index into [`crate::Doc::timexes`] the date came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timex: Option<u32>,
    /// Index into [`crate::Doc::places`] of the event's location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<u32>,
    /// Which rule placed the event (`clause-oblique`, `dateline`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_rule: Option<String>,
    /// Confidence 0–1.
    #[serde(default)]
    pub confidence: f32,
    /// Name of the CAMEO code (`Make a visit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo_name: Option<String>,
    /// PLOVER mode (`visit`, `military`), when the mapping gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover_mode: Option<String>,
    /// For reported speech ("X said Y attacked Z"): the code of X, who
    /// claims the event; the event itself has Y as source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<String>,
    /// The dictionary entries and rules that produced the event (verb,
    /// pattern, voice, modality), so users can see why it was coded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    /// Trigger spans of later mentions of the same event in the story
    /// (PETRARCH's one-a-story rule counts the event once).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Span>,
    /// Whether the text reports the event as done, intended, negated,
    /// hypothetical or attempted (docs/annotation.md, "Modality").
    #[serde(default)]
    pub modality: Modality,
}

/// How the text reports an event. Counts and exports use asserted events by
/// default; the other kinds are kept so a user can ask for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Reported as done or being done.
    #[default]
    Asserted,
    /// Reported as not done ("did not meet").
    Negated,
    /// Planned, promised, offered or threatened ("will meet", "threatened
    /// to impose sanctions").
    Intended,
    /// A condition, a question or a possibility ("if Iran attacks", "could
    /// impose").
    Hypothetical,
    /// Tried and not (or not yet) achieved ("tried to arrest").
    Attempted,
}

impl Modality {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Intended => "intended",
            Modality::Hypothetical => "hypothetical",
            Modality::Attempted => "attempted",
        }
    }

    /// Whether a CAMEO coder counts the event: asserted, intended (CAMEO
    /// has codes for intents and threats) and attempted events are counted;
    /// negated and hypothetical ones are not.
    pub fn counted(self) -> bool {
        matches!(
            self,
            Modality::Asserted | Modality::Intended | Modality::Attempted
        )
    }
}

/// Kind of attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Content entirely inside quotation marks.
    Direct,
    /// Partly quoted.
    Mixed,
    /// Paraphrase.
    Indirect,
}

/// An attributed quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The quoted or paraphrased content (one span per piece).
    pub content: Vec<Offsets>,
    /// The cue (`said`, `according to`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Offsets>,
    /// The source mention in the text (`he`, `the defence ministry`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Offsets>,
    /// The resolved speaker's name, `None` when it could not be found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The resolved speaker's actor code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_code: Option<String>,
}

/// A time expression normalised in TimeML (TIMEX3) form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Where it is.
    #[serde(flatten)]
    pub offsets: Offsets,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TimeML value (`2020-01-07`, `2020-W01`, `P3D`, `PAST_REF`).
    pub value: String,
    /// TimeML `mod` (`START`, `APPROX`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#mod: Option<String>,
    /// For an expression after `since` or `until`: the ISO 8601 interval it
    /// bounds together with the story date (`2019-04/2020-01-07`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
}

/// A toponym resolved to a gazetteer entry.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Place {
    /// Where the name is.
    #[serde(flatten)]
    pub offsets: Offsets,
    /// The name as written.
    pub name: String,
    /// GeoNames id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// Canonical name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// ISO 3166 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country2: Option<String>,
    /// ISO 3166 alpha-3 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country3: Option<String>,
    /// First-order administrative division code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Latitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// GeoNames feature code (`PPLC`, `PCLI`, `ADM1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_code: Option<String>,
    /// True when the name stands for an actor (metonymy: "Ankara is sending
    /// troops"), not a location to geocode an event with.
    #[serde(default)]
    pub metonym: bool,
    /// Confidence 0–1.
    #[serde(default)]
    pub confidence: f32,
}
