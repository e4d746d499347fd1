//! The last step: each event's date and location, from the time and places
//! layers. It is the one writer of those fields, so a rule about when or
//! where an event happened lives in one place (`annalist_time::date_events`
//! for dates, `annalist_places::locate_events` for locations), not in the
//! coder and again in the later stages.

use annalist_doc::{Doc, Layer, Stage, StageError};

/// Sets `date`, `date_precision`, `timex`, `location` and `location_rule`
/// of every event.
#[derive(Debug, Default, Clone, Copy)]
pub struct LinkStage;

impl Stage for LinkStage {
    fn name(&self) -> &'static str {
        "link"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Events, Layer::Timexes, Layer::Places]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::EventLinks]
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        annalist_time::date_events(doc);
        annalist_places::locate_events(doc);
        Ok(())
    }
}
