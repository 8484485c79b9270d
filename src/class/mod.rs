//! A whole class: the learner's journal sent to the class's Learning Record
//! Store as xAPI 1.0.3 statements, exactly once, and the instructor's item
//! analysis read back from it (see docs/xapi.md).
//!
//! UI-free: the commands in `cli/` read files and print; everything here takes
//! bytes, an [`Lrs`] and callbacks, so it is tested without a network.
//!
//! - [`statement`]: journal events as statements ([`Mapper`]), ids from [`id`];
//! - [`plan`] and [`sync`]: what one sync sends, in batches, retried; [`cursor`]: what is acknowledged;
//! - [`fetch`] and [`report`]: the class's statements back, and the figures;
//! - [`http`]: the real LRS over HTTP(S); [`config`]: the learner's settings.

pub mod config;
pub mod cursor;
pub mod fetch;
pub mod http;
pub mod id;
pub mod learner;
pub mod lrs;
pub mod outbox;
pub mod plan;
pub mod profile;
pub mod report;
pub mod statement;
pub mod sync;

pub use learner::Learner;
pub use lrs::{Failure, Lrs, Reply, Retry};
pub use statement::{Contents, ItemInfo, Mapper};
