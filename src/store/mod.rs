//! The in-memory event store behind the replay lab: a library an event-sourcing course could
//! ship on its own. It depends on nothing else in kata, does no I/O and never prints.
//!
//! - [`Store`]: one global log (positions from 0) of events in streams (revisions from 0, no
//!   gaps), appended in atomic batches under an [`ExpectedVersion`], with idempotent retries,
//!   KurrentDB's soft and hard deletes and truncate-before, and lazy reads
//!   ([`Store::read_stream`], [`Store::read_all`], [`Store::read_all_filtered`]).
//! - Stored events never change: reads hand out [`Recorded`] views that borrow the store
//!   immutably; no method edits or removes one.
//! - [`Subscription`]: catch-up subscriptions (history, then [`Delivery::CaughtUp`], then live).
//! - [`Projection`] / [`Fold`]: pure folds; [`RulesProjection`]: the data-driven projection
//!   content scenarios use, with [`Warning`]s and per-event [`Change`]s.
//! - [`Snapshots`] / [`TimeTravel`]: state at any position from the latest snapshot plus a fold.
//! - [`SharedStore`]: the store behind one `RwLock` for use from several threads.
//!
//! Data is [`Value`]/[`Table`]; event types and field names are interned [`Name`]s.
//!
//! ```
//! use kata::store::{Action, ExpectedVersion, NewEvent, RulesProjection, Store, Value};
//! let mut store = Store::new();
//! store.append("account-1", ExpectedVersion::NoStream, [
//!     NewEvent::new("Deposited").with("id", 1).with("amount", 10),
//!     NewEvent::new("Withdrawn").with("id", 1).with("amount", 3),
//! ]).unwrap();
//! let rules = RulesProjection::new(Some("id"), [
//!     ("Deposited", Action::add([("balance", "amount")])),
//!     ("Withdrawn", Action::subtract([("balance", "amount")])),
//! ]);
//! let state = store.replay(&rules, store.len());
//! assert_eq!(state.get(&Value::from(1)).and_then(|a| a.get("balance")), Some(&Value::from(7)));
//! ```

mod error;
mod event;
mod log;
mod name;
mod projection;
mod read;
mod rules;
mod shared;
mod snapshot;
mod subscription;
mod value;
mod version;

pub use error::StoreError;
pub use event::{Data, EventId, Metadata, NewEvent, Recorded, RecordedEvent, TOMBSTONE_REVISION};
pub use log::{Appended, Direction, Store, TOMBSTONE_TYPE};
pub use name::Name;
pub use projection::{Fold, Projection};
pub use read::{AllEvents, EventFilter, FilteredEvents, StreamEvents};
pub use rules::{Action, Change, ChangeKind, Problem, RulesProjection, RulesState, Warning};
pub use shared::SharedStore;
pub use snapshot::{Rebuilt, Snapshot, SnapshotError, SnapshotPolicy, Snapshots, TimeTravel};
pub use subscription::{Delivery, Subscription};
pub use value::{Table, Value};
pub use version::{ExpectedVersion, StreamVersion};
