//! The places stage: toponyms in a story found, resolved to GeoNames
//! entries offline, and events tied to the place where they happened.
//!
//! The gazetteer ([`gazetteer`]) is built from GeoNames (CC-BY 4.0) by the
//! `build-gazetteer` binary and compiled into the library, so resolution
//! needs no file and no network. Recognition ([`recognize`]) matches
//! capitalised word runs against it and uses the recognizer's LOC entities
//! when a document has them; [`resolve`] picks one reading per mention;
//! [`locate_events`] places events.

pub mod eval;
mod events;
pub mod gazetteer;
mod metonymy;
pub mod normalize;
pub mod recognize;
pub mod resolve;

pub use eval::{evaluate, evaluate_with, Listing};
pub use events::locate_events;

use annalist_doc::{CharIndex, Doc, Layer, Place, Stage, StageError};
use gazetteer::{Gazetteer, Kind};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Errors of the places stage.
#[derive(Debug, thiserror::Error)]
pub enum PlacesError {
    /// The gazetteer file is malformed.
    #[error("gazetteer: {0}")]
    Gazetteer(String),
    /// Gold data is missing.
    #[error(transparent)]
    MissingData(#[from] annalist_eval::MissingData),
    /// A gold file could not be read.
    #[error("{path}: {message}")]
    Gold {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
}

static GAZETTEER_BYTES: &[u8] = include_bytes!("../data/gazetteer.bin");
static GAZETTEER: OnceLock<Result<Gazetteer, String>> = OnceLock::new();

/// The gazetteer shipped with the crate, loaded once per process.
pub fn gazetteer() -> Result<&'static Gazetteer, PlacesError> {
    GAZETTEER
        .get_or_init(|| {
            Gazetteer::from_bytes(Cow::Borrowed(GAZETTEER_BYTES)).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| PlacesError::Gazetteer(e.clone()))
}

/// The pipeline stage that fills [`Doc::places`]. Events are located from
/// them by the pipeline's final link step ([`locate_events`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct PlacesStage;

impl PlacesStage {
    /// The stage, its gazetteer loaded now so that a damaged one stops the
    /// run at start-up.
    pub fn load() -> Result<Self, annalist_doc::ModelError> {
        gazetteer()
            .map_err(|e| annalist_doc::ModelError::new("places", "built-in gazetteer.bin", e))?;
        Ok(PlacesStage)
    }
}

impl Stage for PlacesStage {
    fn name(&self) -> &'static str {
        "places"
    }

    fn version(&self) -> String {
        "4".into()
    }

    fn requires(&self) -> &'static [Layer] {
        Layer::ANALYSED
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Places]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        let g = gazetteer().map_err(|e| StageError {
            stage: "places",
            message: e.to_string(),
        })?;
        doc.places = find_places(g, doc);
        Ok(())
    }
}

/// Recognises and resolves the toponyms of `doc` (demonyms are used as
/// country evidence but not returned).
pub fn find_places(g: &Gazetteer, doc: &Doc) -> Vec<Place> {
    let text = doc.text.as_str();
    let ws = recognize::words(text);
    let mentions = recognize::mentions(g, doc);
    let dateline = doc
        .dateline
        .as_ref()
        .map(|d| (d.offsets.start as usize, d.offsets.end as usize));
    let resolved = resolve::resolve(g, text, &ws, &mentions, dateline);
    let index = CharIndex::new(text);
    let mut out = Vec::with_capacity(resolved.len());
    for r in resolved {
        let m = &mentions[r.mention];
        let mut place = Place {
            offsets: index.offsets(m.start, m.end),
            name: text[m.start..m.end].to_string(),
            confidence: r.confidence,
            ..Default::default()
        };
        if let Some(rec) = r.record.and_then(|i| g.record(i)) {
            let cc = std::str::from_utf8(&rec.country)
                .ok()
                .filter(|c| !c.contains('\0'));
            place.geonames_id = (rec.geonames_id != 0).then_some(u64::from(rec.geonames_id));
            place.canonical = Some(g.name(rec).to_string());
            place.country2 = cc.map(String::from);
            place.country3 = g.country(rec.country).map(|(iso3, _)| iso3.to_string());
            let a1 = g.admin1(rec);
            place.admin1 = (!a1.is_empty()).then(|| format!("{}.{a1}", cc.unwrap_or("")));
            place.lat = Some(f64::from(rec.lat));
            place.lon = Some(f64::from(rec.lon));
            place.feature_code = Some(g.fcode(rec).to_string());
            let agentive =
                matches!(rec.kind, Kind::Country | Kind::Admin1) || g.fcode(rec) == "PPLC";
            let in_dateline = dateline.is_some_and(|(s, e)| m.start >= s && m.end <= e);
            place.metonym =
                agentive && !in_dateline && metonymy::is_metonym(text, &ws, m.word, m.len);
        }
        out.push(place);
    }
    out
}
