//! The learner's progress, kept as an append-only journal of events from which
//! every figure is a projection (see PROGRESS.md).
//!
//! - [`Journal`]: the file (one JSON event per line, fsync'ed, one writer), appended
//!   to by an [`Appender`] that never leaves part of a line behind;
//! - [`load_bytes`]: reading a journal, keeping every good line and naming every bad one;
//! - [`Recorder`]: what a practice session records (tries, hints, test results);
//! - [`project`]: the journal loaded into the crate's event store ([`into_store`]) and
//!   folded by [`ProgressProjection`] into [`Progress`]; [`report`]: it next to the current content
//!   (mastery, tests, mistakes, due items, changed items, streak);
//! - [`review_session`] / [`due_session`]: the sessions of the review and due modes;
//! - [`attempts`]: every try, for export.
//!
//! UI-free: the front-ends hand in a path or a [`Sink`] and render what comes back.

mod append;
mod cards;
mod clock;
mod event;
mod export;
mod hash;
mod in_store;
mod journal;
mod load;
mod project;
mod quick;
mod recorder;
mod report;
mod scenario;
mod schedule;
mod sessions;
mod state;
mod track;
mod upcoming;
mod work;

pub use append::{Appender, JournalFile};
pub use cards::{CardQueue, card_next_review, card_queue};
pub use clock::{NOW_VAR, fixed_now, local_utc_offset_s, now_ms, today};
pub use event::{ABANDONED, Event, FORMAT_VERSION, LineError, Recorded, parse_line};
pub use export::{AttemptRow, attempts, rfc3339, write_csv, write_json};
pub use hash::{card_hash, code_hash, content_hash, note_hash};
pub use in_store::{ProgressProjection, into_store};
pub use journal::{Access, Folding, JOURNAL_FILE, Journal, LOCK_FILE, Sink, data_dir};
pub use load::{Loaded, Problem, What, load_bytes};
pub use project::project;
pub use recorder::Recorder;
pub use report::{
    Mastery, Report, Standing, TopicReport, due, mistakes, report, standing, topic_items,
};
pub use scenario::{MY_PROGRESS, journal_scenario};
pub use schedule::{DESIRED_RETENTION, Rating, Review, Schedule, Scheduler};
pub use sessions::{due_session, review_session};
pub use state::{EventView, ItemProgress, Progress, Streak, TestResult, TopicProgress, day_of};
pub use track::{is_strong, next_topic, recommended};
pub use upcoming::{DueDay, FORECAST_DAYS, NextReview, forecast, item_schedules, next_review};
pub use work::{WORK_DIR, WorkFile, read_work, set_aside, work_path, write_work};
