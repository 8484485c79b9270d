//! The lab's two lessons: a full replay against a replay from the latest
//! snapshot, and what would happen if a stored event could be edited.

use super::Timeline;
use crate::store::{ExpectedVersion, NewEvent, Projection, RulesState, Table, Value};
use std::time::{Duration, Instant};

/// A full replay and a replay from the latest snapshot, to the same position.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotComparison {
    /// The position both replays reach (events applied).
    pub upto: u64,
    pub full_events: u64,
    pub full_time: Duration,
    /// The snapshot the second replay started from (`None`: there is none, so it is a full replay too).
    pub snapshot: Option<u64>,
    pub tail_events: u64,
    pub snapshot_time: Duration,
    /// Whether the two states are the same.
    pub equal: bool,
}

impl Timeline {
    /// Replays to `upto` both ways, timing each (measured now, on this machine).
    pub fn compare_snapshot_replay(&self, upto: u64) -> SnapshotComparison {
        let upto = upto.min(self.len());
        let started = Instant::now();
        let full = self.store().replay(self.rules(), upto);
        let full_time = started.elapsed();
        let started = Instant::now();
        let (from_snapshot, reached) = self.state_at(upto);
        let snapshot_time = started.elapsed();
        SnapshotComparison {
            upto,
            full_events: upto,
            full_time,
            snapshot: reached.from_snapshot,
            tail_events: reached.events_folded,
            snapshot_time,
            equal: full == from_snapshot,
        }
    }
}

/// What trying to edit a stored event shows.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The position of the event "edited".
    pub position: u64,
    /// What the learner tried: the edit, in words.
    pub edit: String,
    /// The store's answer to writing the edited event in place of the stored one.
    pub store_says: String,
    /// The state right after the event, as stored and as edited.
    pub after_stored: RulesState,
    pub after_edited: RulesState,
    /// The state after every event, as stored.
    pub as_stored: RulesState,
    /// The state after every event if the edit had been allowed.
    pub if_edited: RulesState,
}

/// The event's data with one value changed: the first number grows by 100,
/// else the first text gets " (edited)", else a field `edited = true` appears.
fn edited(data: &Table) -> (Table, String) {
    let mut table = data.clone();
    let number = data.iter().find(|(name, v)| {
        matches!(v, Value::Int(_)) && !name.as_str().ends_with("Id") && name.as_str() != "id"
    });
    if let Some((name, Value::Int(n))) = number {
        table.insert(name, n + 100);
        return (table, format!("{name}: {n} → {}", n + 100));
    }
    let text = data
        .iter()
        .find(|(name, v)| matches!(v, Value::String(_)) && name.as_str() != "id");
    if let Some((name, Value::String(s))) = text {
        let new = format!("{s} (edited)");
        let edit = format!("{name}: {s:?} → {new:?}");
        table.insert(name, new.as_str());
        return (table, edit);
    }
    table.insert("edited", true);
    (table, "edited = true added".to_string())
}

impl Timeline {
    /// Tries to overwrite the event at `position` with an edited copy, then
    /// replays the history as it would be with the edit. The store refuses (or
    /// takes the write as a retry that changes nothing): there is no edit.
    pub fn what_if_edited(&mut self, position: u64) -> Option<WhatIf> {
        let event = self.event(position)?;
        let stream = event.stream().to_string();
        let revision = event.revision();
        let id = event.id();
        let (data, edit) = edited(&event.data().to_table());
        let edited_event = NewEvent::from_table(event.event_type(), data);
        let expected = match revision {
            0 => ExpectedVersion::NoStream,
            r => ExpectedVersion::Exact(r - 1),
        };
        let len_before = self.len();
        let store_says = match self.store_mut().append(
            &stream,
            expected,
            [edited_event.clone().with_id(id)],
        ) {
            Ok(appended) if appended.retry => format!(
                "not written: event {id} is already stored, so the store took this as a retry and changed nothing"
            ),
            Ok(_) => "written as a new event (this should not happen)".to_string(),
            Err(e) => format!("refused: {e}"),
        };
        debug_assert_eq!(self.len(), len_before);
        // The edited history, folded without touching the store: the state just
        // before the event, the edited event, then every later event.
        let (mut if_edited, _) = self.state_at(position);
        let mut scratch = crate::store::Store::new();
        let _ = scratch.append(&stream, ExpectedVersion::Any, [edited_event]);
        if let Some(e) = scratch.event(0) {
            self.rules().apply(&mut if_edited, &e);
        }
        let after_edited = if_edited.clone();
        let (after_stored, _) = self.state_at(position + 1);
        self.store()
            .fold_range(self.rules(), &mut if_edited, position + 1, self.len());
        Some(WhatIf {
            position,
            edit,
            store_says,
            after_stored,
            after_edited,
            as_stored: self.final_state().clone(),
            if_edited,
        })
    }
}
