//! `[[predict]]`: what will this event do? The author names a scenario, the
//! position of an event, an entity and a field; the learner says the
//! field's value right after that event. The answer is never written by
//! the author: kata replays the scenario and computes it, with plausible
//! wrong values from real slips (`replay::predict` turns a prediction into a
//! question once the scenario is built; this module only reads and checks it).

use super::{Datum, Difficulty, Origin, Related};
use serde::Serialize;

/// A prediction item of a topic.
///
/// ```
/// use kata::content::{Datum, Prediction};
/// let p = Prediction {
///     id: "balance-after-withdrawal".into(),
///     scenario: "bank-account".into(),
///     at: 4,
///     entity: Some(Datum::Int(0)),
///     field: "balance".into(),
///     ..Prediction::default()
/// };
/// assert_eq!(p.at, 4);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Prediction {
    /// Unique within the topic (predictions share ids with every other kind).
    pub id: String,
    pub difficulty: Difficulty,
    /// The question as the author words it; kata words one when it is empty.
    pub prompt: String,
    /// The scenario replayed.
    pub scenario: String,
    /// The 0-based position of the event whose effect is asked.
    pub at: u64,
    /// The entity's key; `None` for a scenario without `key` (one record).
    pub entity: Option<Datum>,
    /// The field whose value right after the event is asked.
    pub field: String,
    pub hint: String,
    pub origin: Origin,
    /// Where `at` and `field` are written, for the checks that need the
    /// replayed scenario (K061, K062) to point at them.
    #[serde(skip)]
    pub at_place: Option<Related>,
    #[serde(skip)]
    pub field_place: Option<Related>,
}
