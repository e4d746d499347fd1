//! Events: who did what to whom, coded in CAMEO and PLOVER.
//!
//! - [`verbs`]: the verb-pattern dictionary (PETRARCH-2 and Annalist formats).
//! - [`cameo`]: CAMEO code names, Goldstein scores, QuadClass, PLOVER types.

pub mod cameo;
mod error;
pub mod verbs;

pub use error::EventError;
pub mod clause;
mod coder;
pub mod confidence;
pub mod learned;
pub mod modality;
pub mod news;
mod nouns;

pub use coder::{intent_code, standard_verbs, Coder, Conventions, EventStage};
pub mod eval;
pub mod plover;
pub mod repair;

pub use eval::{evaluate, EvalOptions};
pub mod describe;

pub use describe::{describe, describe_parse};
