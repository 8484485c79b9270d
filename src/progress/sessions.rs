//! The review and due modes: which items they ask, decided here so the TUI and
//! the plain mode ask the same ones.

use super::report::{due, mistakes};
use super::state::Progress;
use crate::content::Topic;
use crate::practice::{Mode, Session};

/// A session over the mistakes queue of `topic`: the items whose latest try
/// was wrong, in the topic's order. Empty when there is nothing to review.
pub fn review_session(progress: &Progress, topic: &Topic) -> Session {
    Session::new(Mode::Review, mistakes(progress, topic))
}

/// A session over the items of `topic` that FSRS says are due on `today`.
pub fn due_session(progress: &Progress, topic: &Topic, today: i64) -> Session {
    Session::new(Mode::Due, due(progress, topic, today))
}
