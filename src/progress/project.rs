//! From the journal's events to the learner's progress, through the store engine.

use super::event::Recorded;
use super::in_store::{ProgressProjection, into_store};
use super::state::Progress;

/// Load the journal's events into the in-memory event store and fold them with
/// [`ProgressProjection`], counting days in the zone `utc_offset_s` seconds from UTC.
pub fn project(events: &[Recorded], utc_offset_s: i32) -> Progress {
    let store = into_store(events);
    store.replay(&ProgressProjection::new(utc_offset_s), store.len())
}
