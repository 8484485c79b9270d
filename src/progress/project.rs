//! From the journal's events to the learner's progress.

use super::event::Recorded;
use super::state::Progress;

/// Fold the journal's events into [`Progress`], counting days in the zone
/// `utc_offset_s` seconds from UTC.
pub fn project(events: &[Recorded], utc_offset_s: i32) -> Progress {
    Progress::from_events(utc_offset_s, events)
}
