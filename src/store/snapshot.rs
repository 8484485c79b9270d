//! Snapshots and time travel: any position's state from the latest snapshot plus a short fold.

use super::{Projection, Store};

/// A projection's state after the first `events_applied` events of the log.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot<S> {
    /// How many events of the log the state includes (the state after the event at
    /// position `events_applied - 1`).
    pub events_applied: u64,
    /// The [`Projection::version`] that built the state.
    pub projection_version: u32,
    /// The state.
    pub state: S,
}

/// When to take snapshots while catching up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnapshotPolicy {
    /// Never (every rebuild is a full replay).
    Never,
    /// After every N-th event (N > 0; `Every(0)` means never).
    Every(u64),
}

/// Why a snapshot was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// Snapshot versions only go up: one of a newer projection version is already stored.
    OlderVersion {
        /// The refused snapshot's version.
        offered: u32,
        /// The newest version stored.
        newest: u32,
    },
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::OlderVersion { offered, newest } => write!(
                f,
                "snapshot of projection version {offered} refused: version {newest} already has snapshots, and versions only go up"
            ),
        }
    }
}

impl std::error::Error for SnapshotError {}

/// The snapshots of one projection, ordered by position.
///
/// ```
/// use kata::store::{Snapshot, SnapshotError, Snapshots};
/// let mut snapshots = Snapshots::new();
/// snapshots.save(Snapshot { events_applied: 10, projection_version: 2, state: 55 }).unwrap();
/// let old = snapshots.save(Snapshot { events_applied: 20, projection_version: 1, state: 0 });
/// assert_eq!(old, Err(SnapshotError::OlderVersion { offered: 1, newest: 2 }));
/// assert_eq!(snapshots.latest_at_or_before(15, 2).map(|s| s.state), Some(55));
/// assert!(snapshots.latest_at_or_before(15, 3).is_none()); // other version: ignored
/// ```
#[derive(Clone, Debug)]
pub struct Snapshots<S> {
    taken: Vec<Snapshot<S>>,
    newest_version: Option<u32>,
}

impl<S> Default for Snapshots<S> {
    fn default() -> Self {
        Snapshots {
            taken: Vec::new(),
            newest_version: None,
        }
    }
}

impl<S> Snapshots<S> {
    /// No snapshots.
    ///
    /// See the example on [`Snapshots`].
    pub fn new() -> Snapshots<S> {
        Snapshots::default()
    }

    /// Stores a snapshot (replacing one at the same position and version). Refuses a
    /// snapshot of an older projection version than one already stored; a newer version
    /// drops the older versions' snapshots, which can never be used again.
    ///
    /// See the example on [`Snapshots`].
    pub fn save(&mut self, snapshot: Snapshot<S>) -> Result<(), SnapshotError> {
        match self.newest_version {
            Some(newest) if snapshot.projection_version < newest => {
                return Err(SnapshotError::OlderVersion {
                    offered: snapshot.projection_version,
                    newest,
                });
            }
            Some(newest) if snapshot.projection_version > newest => self.taken.clear(),
            _ => {}
        }
        self.newest_version = Some(snapshot.projection_version);
        let at = self
            .taken
            .partition_point(|s| s.events_applied < snapshot.events_applied);
        match self.taken.get_mut(at) {
            Some(same) if same.events_applied == snapshot.events_applied => *same = snapshot,
            _ => self.taken.insert(at, snapshot),
        }
        Ok(())
    }

    /// The latest snapshot of projection version `version` that includes at most
    /// `events_applied` events.
    ///
    /// See the example on [`Snapshots`].
    pub fn latest_at_or_before(&self, events_applied: u64, version: u32) -> Option<&Snapshot<S>> {
        let end = self
            .taken
            .partition_point(|s| s.events_applied <= events_applied);
        self.taken[..end]
            .iter()
            .rev()
            .find(|s| s.projection_version == version)
    }

    /// All snapshots in position order (for timeline markers).
    ///
    /// See the example on [`TimeTravel::take_snapshot`].
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Snapshot<S>> {
        self.taken.iter()
    }

    /// Number of snapshots.
    ///
    /// See the example on [`TimeTravel::take_snapshot`].
    pub fn len(&self) -> usize {
        self.taken.len()
    }

    /// Whether there are none.
    ///
    /// See the example on [`TimeTravel::take_snapshot`].
    pub fn is_empty(&self) -> bool {
        self.taken.is_empty()
    }
}

/// A state rebuilt by [`TimeTravel::state_at`], with how it was reached.
#[derive(Clone, Debug, PartialEq)]
pub struct Rebuilt<S> {
    /// The state.
    pub state: S,
    /// `events_applied` of the snapshot the rebuild started from (`None`: from scratch).
    pub from_snapshot: Option<u64>,
    /// How many events were folded on top of it.
    pub events_folded: u64,
}

/// A projection kept up to date with a store, with snapshots for reaching any earlier
/// position quickly: the replay lab's engine. Stepping backwards from position p costs one
/// snapshot clone plus at most N events of fold with `SnapshotPolicy::Every(N)`.
///
/// ```
/// use kata::store::{ExpectedVersion, Fold, NewEvent, SnapshotPolicy, Store, TimeTravel};
/// let mut store = Store::new();
/// let deposits = (1..=10).map(|i| NewEvent::new("Deposited").with("amount", i));
/// store.append("account-1", ExpectedVersion::Any, deposits).unwrap();
/// let balance = Fold::new(0i64, |b: &mut i64, e| *b += e.data().get("amount").and_then(|v| v.as_i64()).unwrap());
/// let mut travel = TimeTravel::new(balance, SnapshotPolicy::Every(4));
/// travel.catch_up(&store);
/// assert_eq!(*travel.head_state(), 55);
/// let at_6 = travel.state_at(&store, 6); // after 6 events: 1+2+…+6
/// assert_eq!((at_6.state, at_6.from_snapshot, at_6.events_folded), (21, Some(4), 2));
/// ```
pub struct TimeTravel<P: Projection> {
    projection: P,
    policy: SnapshotPolicy,
    snapshots: Snapshots<P::State>,
    head: P::State,
    head_applied: u64,
}

impl<P: Projection> TimeTravel<P> {
    /// Starts at the projection's initial state with no snapshots.
    ///
    /// See the example on [`TimeTravel`].
    pub fn new(projection: P, policy: SnapshotPolicy) -> TimeTravel<P> {
        TimeTravel {
            head: projection.initial_state(),
            projection,
            policy,
            snapshots: Snapshots::new(),
            head_applied: 0,
        }
    }

    /// Folds every event appended since the last call, snapshotting as the policy says.
    ///
    /// See the example on [`TimeTravel`].
    pub fn catch_up(&mut self, store: &Store) {
        let every = match self.policy {
            SnapshotPolicy::Every(n) if n > 0 => n,
            _ => u64::MAX,
        };
        for event in store.read_all(self.head_applied) {
            self.projection.apply(&mut self.head, &event);
            self.head_applied += 1;
            if self.head_applied.is_multiple_of(every) {
                self.take_snapshot();
            }
        }
    }

    /// Snapshots the head state now (whatever the policy).
    ///
    /// ```
    /// use kata::store::{ExpectedVersion, Fold, NewEvent, Projection, SnapshotPolicy, Store, TimeTravel};
    /// let mut store = Store::new();
    /// store.append("a-1", ExpectedVersion::Any, [NewEvent::new("X"), NewEvent::new("Y")]).unwrap();
    /// let mut travel = TimeTravel::new(Fold::new(0u64, |n: &mut u64, _e| *n += 1), SnapshotPolicy::Never);
    /// travel.catch_up(&store);
    /// travel.take_snapshot();
    /// assert_eq!((travel.events_applied(), travel.projection().version()), (2, 1));
    /// assert_eq!(travel.snapshots().iter().map(|s| s.events_applied).collect::<Vec<_>>(), [2]);
    /// let copy = travel.snapshots().iter().next().unwrap().clone();
    /// travel.snapshots_mut().save(copy).unwrap();
    /// assert!(!travel.snapshots().is_empty() && travel.snapshots().len() >= 1);
    /// ```
    pub fn take_snapshot(&mut self) {
        let snapshot = Snapshot {
            events_applied: self.head_applied,
            projection_version: self.projection.version(),
            state: self.head.clone(),
        };
        // Our own snapshots always carry the projection's version, the newest unless the
        // caller saved newer ones through `snapshots_mut`; then keeping theirs is right.
        let _ = self.snapshots.save(snapshot);
    }

    /// The state after the first `events_applied` events: the latest usable snapshot at or
    /// before it, plus a fold of the events after the snapshot.
    ///
    /// See the example on [`TimeTravel`].
    pub fn state_at(&self, store: &Store, events_applied: u64) -> Rebuilt<P::State> {
        let target = events_applied.min(store.len());
        let version = self.projection.version();
        let (mut state, from) = match self.snapshots.latest_at_or_before(target, version) {
            Some(snapshot) => (snapshot.state.clone(), Some(snapshot.events_applied)),
            None => (self.projection.initial_state(), None),
        };
        let start = from.unwrap_or(0);
        store.fold_range(&self.projection, &mut state, start, target);
        Rebuilt {
            state,
            from_snapshot: from,
            events_folded: target - start,
        }
    }

    /// The state after every event folded so far.
    ///
    /// See the example on [`TimeTravel`].
    pub fn head_state(&self) -> &P::State {
        &self.head
    }

    /// How many events the head state includes.
    ///
    /// See the example on [`TimeTravel::take_snapshot`].
    pub fn events_applied(&self) -> u64 {
        self.head_applied
    }

    /// The projection.
    ///
    /// See the example on [`TimeTravel::take_snapshot`].
    pub fn projection(&self) -> &P {
        &self.projection
    }

    /// The snapshots taken so far.
    ///
    /// See the example on [`TimeTravel::take_snapshot`].
    pub fn snapshots(&self) -> &Snapshots<P::State> {
        &self.snapshots
    }

    /// The snapshots, to save or load some by hand.
    ///
    /// See the example on [`TimeTravel::take_snapshot`].
    pub fn snapshots_mut(&mut self) -> &mut Snapshots<P::State> {
        &mut self.snapshots
    }
}
