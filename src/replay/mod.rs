//! The replay lab's core, UI-free: a content [`Scenario`](crate::content::Scenario)
//! becomes a [`Store`](crate::store::Store) and a rules projection, and a
//! [`Timeline`] moves a cursor through it — the state at any position from the
//! latest snapshot plus a short fold, what each event changed, warnings at
//! events, refused appends, the snapshot and immutability lessons, and what a
//! fill-in exercise's completed code does to the store ([`effect`]).
//!
//! Large scenarios build on a background thread: [`Timeline::build`] takes a
//! [`Progress`] another thread reads.

mod build;
pub mod effect;
mod lessons;
pub mod predict;
pub mod prediction;
pub mod rebuild;
mod rows;
pub mod telling;
mod timeline;

pub use build::{
    Progress, Refusal, build_store, new_event, shared_progress, stored_and_refused, table, value,
};
pub use lessons::{Difference, IMMUTABILITY_PROTECTS, SnapshotComparison, WhatIf, differences};
pub use rebuild::{RULE, Rebuild};
pub use rows::row;
pub use timeline::{Timeline, action, projection};
