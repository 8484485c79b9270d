//! Catch-up subscriptions: history first, then live events, resumable from a checkpoint.

use super::{EventFilter, Recorded, Store};

/// A catch-up subscription to the global log.
///
/// It is a cursor you poll: each [`Subscription::next`] hands out the next event after the
/// checkpoint, [`Delivery::CaughtUp`] once when the history is exhausted for the first time,
/// and then `None` until more events are appended, which later polls deliver (the live
/// phase). Because history and live events come from the same log by position, there is no
/// gap and no duplicate at the switch-over. Resume after a restart with
/// [`Subscription::after`] and the last checkpoint you processed.
///
/// ```
/// use kata::store::{Delivery, ExpectedVersion, NewEvent, Store, Subscription};
/// let mut store = Store::new();
/// store.append("user-1", ExpectedVersion::Any, [NewEvent::new("UserCreated")]).unwrap();
/// let mut subscription = Subscription::from_start();
/// assert!(matches!(subscription.next(&store), Some(Delivery::Event(e)) if e.position() == 0));
/// assert!(matches!(subscription.next(&store), Some(Delivery::CaughtUp)));
/// assert!(subscription.next(&store).is_none());
/// store.append("user-1", ExpectedVersion::Any, [NewEvent::new("UserRenamed")]).unwrap();
/// assert!(matches!(subscription.next(&store), Some(Delivery::Event(e)) if e.position() == 1));
/// assert_eq!(subscription.checkpoint(), Some(1));
/// ```
#[derive(Clone, Debug)]
pub struct Subscription {
    next_position: u64,
    caught_up: bool,
    filter: Option<EventFilter>,
}

/// What a subscription hands out.
#[derive(Clone, Copy, Debug)]
pub enum Delivery<'a> {
    /// The next event.
    Event(Recorded<'a>),
    /// The history is delivered; what follows is live. Sent once.
    CaughtUp,
}

impl Subscription {
    /// A subscription to the whole log from position 0.
    ///
    /// See the example on [`Subscription`].
    pub fn from_start() -> Subscription {
        Subscription {
            next_position: 0,
            caught_up: false,
            filter: None,
        }
    }

    /// A subscription that resumes after `checkpoint` (the position of the last event
    /// processed; `None` for from the start).
    pub fn after(checkpoint: Option<u64>) -> Subscription {
        Subscription {
            next_position: checkpoint.map_or(0, |c| c.saturating_add(1)),
            ..Subscription::from_start()
        }
    }

    /// Only deliver events that `filter` lets through (the checkpoint still moves past the
    /// others, so resuming never re-examines them).
    pub fn filtered(mut self, filter: EventFilter) -> Subscription {
        self.filter = Some(filter);
        self
    }

    /// The position of the last event examined, to store and resume from.
    ///
    /// See the example on [`Subscription`].
    pub fn checkpoint(&self) -> Option<u64> {
        self.next_position.checked_sub(1)
    }

    /// Whether the subscription has reached the end of the log at least once.
    pub fn is_caught_up(&self) -> bool {
        self.caught_up
    }

    /// The next delivery, or `None` when there is nothing new right now.
    ///
    /// See the example on [`Subscription`].
    #[allow(clippy::should_implement_trait)] // needs the store each time, so not an Iterator
    pub fn next<'a>(&mut self, store: &'a Store) -> Option<Delivery<'a>> {
        let resolved = self.filter.as_ref().map(|f| f.resolve(store));
        while self.next_position < store.len() {
            let position = self.next_position;
            self.next_position += 1;
            let event = &store.stored()[position as usize];
            if resolved.as_ref().is_none_or(|f| f.matches(store, event)) {
                return Some(Delivery::Event(store.recorded(position, event)));
            }
        }
        if self.caught_up {
            None
        } else {
            self.caught_up = true;
            Some(Delivery::CaughtUp)
        }
    }
}
