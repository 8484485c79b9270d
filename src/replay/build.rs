//! A scenario's events into a store: listed events one append each (with
//! their expected version, if any), then the generated ones.

use crate::content::{Datum, Expected, Scenario, ScenarioEvent};
use crate::store::{ExpectedVersion, Name, NewEvent, Store, Table, Value};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// An append the store refused: a writer lost the optimistic-concurrency race.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Refusal {
    /// How many events the log held when it was tried (it sits after them).
    pub after: u64,
    pub writer: Option<String>,
    pub stream: String,
    pub event_type: String,
    /// What the writer expected of the stream, in words: `revision 0`,
    /// `no stream`, `an existing stream` (see [`crate::content::Expected`]).
    pub expected: String,
    /// The store's reason, as it words it.
    pub reason: String,
}

/// How far a build has come, shared with the thread that shows it.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
    /// A held build waits at its start until released: a test sees the
    /// "building" phase for certain, whatever the machine's speed.
    held: Mutex<bool>,
    released: Condvar,
}

/// The longest a held build waits for its release, so a build that ends up
/// on the wrong thread makes its test fail instead of hang.
const MAX_HOLD: Duration = Duration::from_secs(60);

impl Progress {
    /// A progress whose build waits at its start until [`Progress::release`].
    ///
    /// ```
    /// let progress = kata::replay::Progress::held();
    /// assert!(progress.is_held());
    /// progress.release();
    /// assert!(!progress.is_held());
    /// ```
    pub fn held() -> Arc<Progress> {
        let progress = Progress::default();
        *progress.held.lock().unwrap_or_else(|e| e.into_inner()) = true;
        Arc::new(progress)
    }

    /// Lets a held build start.
    pub fn release(&self) {
        *self.held.lock().unwrap_or_else(|e| e.into_inner()) = false;
        self.released.notify_all();
    }

    pub fn is_held(&self) -> bool {
        *self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits while held (at most `MAX_HOLD`).
    fn wait_while_held(&self) {
        let held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let _ = self
            .released
            .wait_timeout_while(held, MAX_HOLD, |held| *held)
            .unwrap_or_else(|e| e.into_inner());
    }

    /// Events appended so far and in all (replaying counts a second pass).
    pub fn get(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Ask the build to stop early (the learner left the lab).
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub(crate) fn set(&self, done: u64, total: u64) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }
}

/// A content value as a store value.
pub fn value(datum: &Datum) -> Value {
    match datum {
        Datum::Bool(b) => Value::from(*b),
        Datum::Int(n) => Value::from(*n),
        Datum::Float(x) => Value::from(*x),
        Datum::Text(s) => Value::from(s.as_str()),
        Datum::List(items) => Value::from(items.iter().map(value).collect::<Vec<_>>()),
        Datum::Table(fields) => Value::from(table(fields)),
    }
}

/// Content fields as a store table.
pub fn table(fields: &[(String, Datum)]) -> Table {
    fields.iter().map(|(k, v)| (k.as_str(), value(v))).collect()
}

/// A scenario event as an event to append.
pub fn new_event(event: &ScenarioEvent) -> NewEvent {
    NewEvent::from_table(event.event_type.as_str(), table(&event.data))
}

pub fn expected_version(expected: Option<Expected>) -> ExpectedVersion {
    match expected {
        None | Some(Expected::Any) => ExpectedVersion::Any,
        Some(Expected::NoStream) => ExpectedVersion::NoStream,
        Some(Expected::Exists) => ExpectedVersion::StreamExists,
        Some(Expected::Revision(n)) => ExpectedVersion::Exact(n),
    }
}

/// Who wrote each stored event, by position: only listed events name a writer.
pub type Writers = Vec<Option<String>>;

/// Builds the scenario's store, with the appends it refused and the writer
/// of each stored listed event. `progress` is updated every few thousand
/// events; a cancelled build returns what it has so far.
pub fn build_store(scenario: &Scenario, progress: &Progress) -> (Store, Vec<Refusal>, Writers) {
    progress.wait_while_held();
    let total = scenario.total_events();
    let fields = scenario
        .generate
        .as_ref()
        .and_then(|g| g.pattern.first())
        .map_or(2, |(_, data)| data.len() + 1);
    let mut store = Store::with_capacity(total as usize, fields);
    let mut refusals = Vec::new();
    let mut writers = Vec::new();
    progress.set(0, total);
    for event in &scenario.events {
        let result = store.append(
            &event.stream,
            expected_version(event.expected),
            [new_event(event)],
        );
        match result {
            Ok(_) => writers.push(event.writer.clone()),
            Err(error) => refusals.push(Refusal {
                after: store.len(),
                writer: event.writer.clone(),
                stream: event.stream.clone(),
                event_type: event.event_type.clone(),
                expected: event.expected.unwrap_or(Expected::Any).to_string(),
                reason: error.to_string(),
            }),
        }
    }
    let listed = scenario.events.len() as u64;
    if let Some(g) = &scenario.generate {
        let streams: Vec<String> = (0..g.entities)
            .map(|n| format!("{}-{n}", g.stream))
            .collect();
        // The key field is in each template already, so setting it per event
        // overwrites in place: no interning and no regrowing per event.
        let key = scenario.key.as_deref().map(Name::new);
        let templates: Vec<NewEvent> = g
            .pattern
            .iter()
            .map(|(t, data)| {
                let event = NewEvent::from_table(t.as_str(), table(data));
                match key {
                    Some(key) => event.with(key, 0),
                    None => event,
                }
            })
            .collect();
        for i in 0..g.count {
            let n = g.entity_of(i);
            let mut event = templates[g.step_of(i)].clone();
            if let Some(key) = key {
                event = event.with(key, n as i64);
            }
            // Generated events carry no expected version: they cannot be refused.
            let _ = store.append(&streams[n as usize], ExpectedVersion::Any, [event]);
            if i.is_multiple_of(16_384) {
                progress.set(listed + i, total);
                if progress.is_cancelled() {
                    break;
                }
            }
        }
    }
    progress.set(store.len(), total);
    if writers.iter().all(Option::is_none) {
        writers.clear();
    }
    (store, refusals, writers)
}

/// A shared progress for a build on another thread.
pub fn shared_progress() -> Arc<Progress> {
    Arc::new(Progress::default())
}

/// How many events a scenario stores and how many of its appends the store
/// refuses, as its list should say before the lab opens it. Only listed
/// events with an expected version can be refused, so only scenarios with
/// one are built to find out (they are short: generated events never carry one).
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let two = catalog.scenario("concurrent-writers").unwrap();
/// assert_eq!(kata::replay::stored_and_refused(two), (2, 1));
/// ```
pub fn stored_and_refused(scenario: &Scenario) -> (u64, u64) {
    let checked = scenario
        .events
        .iter()
        .any(|e| !matches!(e.expected, None | Some(Expected::Any)));
    if !checked {
        return (scenario.total_events(), 0);
    }
    let mut store = Store::new();
    let mut refused = 0;
    for event in &scenario.events {
        let appended = store.append(
            &event.stream,
            expected_version(event.expected),
            [new_event(event)],
        );
        refused += u64::from(appended.is_err());
    }
    (scenario.total_events() - refused, refused)
}
