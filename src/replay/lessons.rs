//! The lab's two lessons: a full replay against a replay from the latest
//! snapshot, and what would happen if a stored event could be edited.

use super::{Rebuild, Timeline};
use crate::store::{ExpectedVersion, NewEvent, Projection, RulesState, Table, Value};
use std::time::{Duration, Instant};

/// A full replay and a replay by the snapshot rule, to the same position.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotComparison {
    /// The position both replays reach (events applied).
    pub upto: u64,
    pub full_events: u64,
    /// The typical (median) time of one full replay.
    pub full_time: Duration,
    /// How the rule rebuilds this position: the same value the status line shows.
    pub rebuild: Rebuild,
    /// The typical time of one rebuild from the snapshot; `None` when no
    /// snapshot applies here, so both replays would be the same work and
    /// timing it twice would only show noise.
    pub snapshot_time: Option<Duration>,
    /// How many times each replay was timed.
    pub runs: u32,
    /// Whether the two states are the same.
    pub equal: bool,
}

/// Each replay is timed at least this many times…
const MIN_RUNS: u32 = 5;
/// …and until it has taken this long in all (or `MAX_RUNS` runs), so a
/// one-off cache miss or a scheduler pause does not decide the figure.
const TIME_BUDGET: Duration = Duration::from_millis(40);
const MAX_RUNS: u32 = 2_000;

/// The median time of one call of `work`, over at least `MIN_RUNS` runs.
fn typical(mut work: impl FnMut()) -> (Duration, u32) {
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < MIN_RUNS as usize
        || (started.elapsed() < TIME_BUDGET && times.len() < MAX_RUNS as usize)
    {
        let one = Instant::now();
        work();
        times.push(one.elapsed());
    }
    times.sort_unstable();
    (times[times.len() / 2], times.len() as u32)
}

impl Timeline {
    /// Replays to `upto` events both ways, each timed over repeated runs
    /// (measured now, on this machine). Both produce an owned state from the
    /// same log: the only difference is where they start.
    pub fn compare_snapshot_replay(&self, upto: u64) -> SnapshotComparison {
        let upto = upto.clamp(1, self.len().max(1)).min(self.len());
        let full = self.store().replay(self.rules(), upto);
        let (from_snapshot, rebuild) = self.state_at(upto);
        let rebuild = rebuild.unwrap_or(Rebuild {
            position: 0,
            snapshot: None,
            events: 0,
        });
        let (full_time, runs) = typical(|| {
            std::hint::black_box(self.store().replay(self.rules(), upto));
        });
        let snapshot_time = rebuild.snapshot.map(|_| {
            typical(|| {
                std::hint::black_box(self.state_at(upto));
            })
            .0
        });
        SnapshotComparison {
            upto,
            full_events: upto,
            full_time,
            rebuild,
            snapshot_time,
            runs,
            equal: full == from_snapshot,
        }
    }
}

/// What an event store's immutability protects, said once for every front-end.
pub const IMMUTABILITY_PROTECTS: &str = "Immutability protects the history: every service that \
     read this event already acted on what it said, an audit needs what really happened, and \
     every rebuild, today's or next year's, yours or another service's, must reach the same \
     state. A mistake is fixed by appending a correcting event, never by rewriting one.";

/// What trying to edit a stored event shows.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The position of the event "edited".
    pub position: u64,
    /// What the learner tried: the edit, in words.
    pub edit: String,
    /// The event as stored and as edited, one row each.
    pub stored_row: String,
    pub edited_row: String,
    /// The store's answer to writing the edited event in place of the stored one.
    pub store_says: String,
    /// The state right after the event, as stored and as edited.
    pub after_stored: RulesState,
    pub after_edited: RulesState,
    /// The state after every event, as stored.
    pub as_stored: RulesState,
    /// The state after every event if the edit had been allowed.
    pub if_edited: RulesState,
    /// Entity by entity, where the states right after the event differ.
    pub differs_after: Vec<Difference>,
    /// Entity by entity, where the end states differ.
    pub differs_at_end: Vec<Difference>,
}

/// One entity whose state differs between the stored and the edited history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// `entity 1`, or `the record` for an unkeyed state.
    pub entity: String,
    /// Its fields, or `(none)` where it does not exist.
    pub as_stored: String,
    pub if_edited: String,
}

/// Every entity whose fields differ between `a` and `b`, in order of first appearance.
pub fn differences(a: &RulesState, b: &RulesState) -> Vec<Difference> {
    let show = |t: Option<&Table>| t.map_or("(none)".to_string(), |t| t.to_string());
    let mut keys: Vec<Option<&Value>> = a.entities().map(|(k, _)| k).collect();
    for (k, _) in b.entities() {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .filter_map(|key| {
            let (x, y) = match key {
                Some(k) => (a.get(k), b.get(k)),
                None => (a.record(), b.record()),
            };
            (x != y).then(|| Difference {
                entity: match key {
                    Some(Value::String(s)) => format!("entity {s}"),
                    Some(k) => format!("entity {k}"),
                    None => "the record".to_string(),
                },
                as_stored: show(x),
                if_edited: show(y),
            })
        })
        .collect()
}

/// The candidate edits of an event's data, most telling first: its first
/// number grows by 100, its first text gets " (edited)", its key names
/// another entity. Each comes with the edit in words.
fn edits(data: &Table, key: Option<crate::store::Name>) -> Vec<(Table, String)> {
    let is_key = |name: &str| Some(name) == key.as_ref().map(|k| k.as_str());
    let mut out = Vec::new();
    let number = data.iter().find(|(name, v)| {
        matches!(v, Value::Int(_))
            && !is_key(name.as_str())
            && !name.as_str().ends_with("Id")
            && name.as_str() != "id"
    });
    if let Some((name, Value::Int(n))) = number {
        let mut table = data.clone();
        table.insert(name, n + 100);
        out.push((table, format!("{name}: {n} → {}", n + 100)));
    }
    let text = data.iter().find(|(name, v)| {
        matches!(v, Value::String(_)) && !is_key(name.as_str()) && name.as_str() != "id"
    });
    if let Some((name, Value::String(s))) = text {
        let mut table = data.clone();
        let new = format!("{s} (edited)");
        table.insert(name, new.as_str());
        out.push((table, format!("{name}: {s:?} → {new:?}")));
    }
    if let Some(key) = key
        && let Some(old) = data.get_name(key)
    {
        let new = match old {
            Value::Int(n) => Some(Value::from(n + 1)),
            Value::String(s) => Some(Value::from(format!("{s}-edited").as_str())),
            _ => None,
        };
        if let Some(new) = new {
            let mut table = data.clone();
            table.insert(key, new.clone());
            out.push((table, format!("{key}: {old} → {new} (another entity)")));
        }
    }
    if out.is_empty() {
        let mut table = data.clone();
        table.insert("edited", true);
        out.push((table, "edited = true added".to_string()));
    }
    out
}

impl Timeline {
    /// Tries to write an edited copy of the event at `position` in its place,
    /// then replays the history as it would be with the edit. The store has
    /// no operation that changes a stored event: the only write there is, an
    /// append at the event's own revision, is refused because that revision
    /// is taken. Of the candidate edits, the first that changes the state
    /// right after the event is shown, so the lesson shows a real difference
    /// whenever any edit can make one.
    pub fn what_if_edited(&mut self, position: u64) -> Option<WhatIf> {
        let event = self.event(position)?;
        let stream = event.stream().to_string();
        let revision = event.revision();
        let event_type = event.event_type();
        let stored_row = super::effect::describe(&event);
        let data = event.data().to_table();
        let key = self.rules().key();
        let (before, _) = self.state_at(position);
        let (after_stored, _) = self.state_at(position + 1);
        let apply = |this: &Timeline, data: &Table| -> (NewEvent, RulesState, String) {
            let edited_event = NewEvent::from_table(event_type, data.clone());
            let mut scratch = crate::store::Store::new();
            let _ = scratch.append(&stream, ExpectedVersion::Any, [edited_event.clone()]);
            let mut state = before.clone();
            let mut row = String::new();
            if let Some(e) = scratch.event(0) {
                this.rules().apply(&mut state, &e);
                row = format!(
                    "#{position} {stream}@{revision} {} {}",
                    e.event_type(),
                    e.data()
                );
            }
            (edited_event, state, row)
        };
        let candidates = edits(&data, key);
        let mut chosen = None;
        for (table, edit) in &candidates {
            let (new_event, state, row) = apply(self, table);
            let differs = state != after_stored;
            if chosen.is_none() || differs {
                chosen = Some((new_event, state, row, edit.clone()));
            }
            if differs {
                break;
            }
        }
        let (edited_event, after_edited, edited_row, edit) = chosen?;
        let expected = match revision {
            0 => ExpectedVersion::NoStream,
            r => ExpectedVersion::Exact(r - 1),
        };
        let len_before = self.len();
        let store_says = match self.store_mut().append(&stream, expected, [edited_event]) {
            Ok(_) => "written as a new event (this should not happen)".to_string(),
            Err(e) => format!(
                "refused: revision {revision} of {stream} is taken, and no write replaces an event ({e})"
            ),
        };
        debug_assert_eq!(self.len(), len_before);
        let mut if_edited = after_edited.clone();
        self.store()
            .fold_range(self.rules(), &mut if_edited, position + 1, self.len());
        Some(WhatIf {
            position,
            edit,
            stored_row,
            edited_row,
            store_says,
            differs_after: differences(&after_stored, &after_edited),
            differs_at_end: differences(self.final_state(), &if_edited),
            after_stored,
            after_edited,
            as_stored: self.final_state().clone(),
            if_edited,
        })
    }
}
