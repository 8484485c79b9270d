//! Projections: folding events into state.

use super::{Recorded, Store};

/// A projection folds events into a state: `apply` must be pure and deterministic (the same
/// state and event always give the same next state), which is what makes replays, snapshots
/// and time travel agree.
///
/// `version` identifies the projection's logic: a snapshot taken by another version is
/// ignored, so changing the logic and bumping the version forces a full replay.
///
/// ```
/// use kata::store::{ExpectedVersion, NewEvent, Projection, Recorded, Store};
/// struct Balance;
/// impl Projection for Balance {
///     type State = i64;
///     fn initial_state(&self) -> i64 { 0 }
///     fn apply(&self, balance: &mut i64, event: &Recorded<'_>) {
///         *balance += event.data().get("amount").and_then(|v| v.as_i64()).unwrap_or(0);
///     }
/// }
/// let mut store = Store::new();
/// store.append("account-1", ExpectedVersion::Any, [
///     NewEvent::new("Deposited").with("amount", 10),
///     NewEvent::new("Deposited").with("amount", 5),
/// ]).unwrap();
/// assert_eq!(store.replay(&Balance, store.len()), 15);
/// assert_eq!(store.replay(&Balance, 1), 10);
/// ```
pub trait Projection {
    /// The state built from events. `Clone` so snapshots can keep copies.
    type State: Clone;

    /// The version of the folding logic (snapshots of other versions are ignored).
    fn version(&self) -> u32 {
        1
    }

    /// The state before any event.
    fn initial_state(&self) -> Self::State;

    /// Folds one event into the state.
    fn apply(&self, state: &mut Self::State, event: &Recorded<'_>);
}

/// A projection made from an initial state and a closure, for quick folds.
///
/// ```
/// use kata::store::{ExpectedVersion, Fold, NewEvent, Store};
/// let mut store = Store::new();
/// store.append("a-1", ExpectedVersion::Any, [NewEvent::new("X"), NewEvent::new("Y")]).unwrap();
/// let count = Fold::new(0u64, |n: &mut u64, _event| *n += 1);
/// assert_eq!(store.replay(&count, store.len()), 2);
/// ```
pub struct Fold<S, F> {
    initial: S,
    step: F,
    version: u32,
}

impl<S: Clone, F: Fn(&mut S, &Recorded<'_>)> Fold<S, F> {
    /// A fold starting at `initial` that applies `step` to each event (version 1).
    ///
    /// See the example on [`Fold`].
    pub fn new(initial: S, step: F) -> Fold<S, F> {
        Fold {
            initial,
            step,
            version: 1,
        }
    }

    /// The same fold with another version number.
    ///
    /// ```
    /// use kata::store::{Fold, Projection};
    /// let count = Fold::new(0u64, |n: &mut u64, _event| *n += 1).with_version(2);
    /// assert_eq!(count.version(), 2);
    /// ```
    pub fn with_version(mut self, version: u32) -> Fold<S, F> {
        self.version = version;
        self
    }
}

impl<S: Clone, F: Fn(&mut S, &Recorded<'_>)> Projection for Fold<S, F> {
    type State = S;

    fn version(&self) -> u32 {
        self.version
    }

    fn initial_state(&self) -> S {
        self.initial.clone()
    }

    #[inline]
    fn apply(&self, state: &mut S, event: &Recorded<'_>) {
        (self.step)(state, event)
    }
}

impl Store {
    /// The projection's state after the first `upto` events of the global log (all of them
    /// when `upto >= len()`), by a full replay.
    ///
    /// See the example on [`Projection`].
    pub fn replay<P: Projection>(&self, projection: &P, upto: u64) -> P::State {
        let mut state = projection.initial_state();
        self.fold_range(projection, &mut state, 0, upto);
        state
    }

    /// Folds the events at positions `from..upto` into `state`.
    ///
    /// ```
    /// use kata::store::{ExpectedVersion, Fold, NewEvent, Store};
    /// let mut store = Store::new();
    /// store.append("a-1", ExpectedVersion::Any, (1..=4).map(|i| NewEvent::new("Deposited").with("amount", i))).unwrap();
    /// let sum = Fold::new(0i64, |s: &mut i64, e| *s += e.data().get("amount").and_then(|v| v.as_i64()).unwrap());
    /// let mut state = 1; // the state after the event at position 0
    /// store.fold_range(&sum, &mut state, 1, 3);
    /// assert_eq!(state, 1 + 2 + 3);
    /// ```
    pub fn fold_range<P: Projection>(
        &self,
        projection: &P,
        state: &mut P::State,
        from: u64,
        upto: u64,
    ) {
        let upto = upto.min(self.len());
        let from = from.min(upto);
        for event in self.read_all(from).take((upto - from) as usize) {
            projection.apply(state, &event);
        }
    }
}
