//! The one snapshot rule of the lab. The status line, the snapshot lesson and
//! `kata replay --json` all ask [`Rebuild::at`], so no two of them can tell a
//! different story about the same position.
//!
//! The rule, in the learner's words: *the state at position N is rebuilt from
//! the latest snapshot taken at or before N, then the events after that
//! snapshot up to and including N are folded on top.* A snapshot `@S` holds
//! the state right after the event at position S, so on a snapshot's own
//! position nothing is folded; with no snapshot at or before N, the rebuild
//! starts from the empty state and folds N + 1 events (positions 0 to N).
//!
//! Positions count the events of the log from 0; `stream@R` is an event's
//! revision in its stream, also from 0 (KurrentDB's convention), so a
//! stream's revision is the number of its last event.

use crate::store::{RulesState, Snapshots};

/// How the state at one position is rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Rebuild {
    /// The position the rebuild reaches (0-based, that event included).
    pub position: u64,
    /// The position of the snapshot it starts from: the snapshot holds the
    /// state right after that event. `None`: from the empty state.
    pub snapshot: Option<u64>,
    /// Events folded after the snapshot (or from the start), up to and
    /// including `position`.
    pub events: u64,
}

/// The explanation of the rule, said once and shown in the lab's help and in
/// `kata replay`'s text output.
pub const RULE: &str = "The state at position N is rebuilt from the latest snapshot taken at or before N, \
     then the events after it up to N are folded on top: `from snapshot @S + k events` means \
     the snapshot holds the state right after event S, and k = N − S. With no snapshot, the \
     rebuild folds N + 1 events from the start. Positions count the log's events from 0; \
     `stream@R` is the event's revision in its stream, also from 0, as in KurrentDB.";

impl Rebuild {
    /// The rule at `position`, given the snapshots taken for a projection
    /// `version` (snapshots of another version do not apply).
    ///
    /// ```
    /// use kata::replay::Rebuild;
    /// let catalog = kata::content::load(&[]);
    /// let bank = kata::replay::Timeline::new(catalog.scenario("bank-account").unwrap());
    /// // Snapshots every 100 events: after positions 99, 199 and 299.
    /// let at = |p| bank.rebuild_at(p);
    /// assert_eq!(at(98), Rebuild { position: 98, snapshot: None, events: 99 });
    /// assert_eq!(at(99), Rebuild { position: 99, snapshot: Some(99), events: 0 });
    /// assert_eq!(at(100), Rebuild { position: 100, snapshot: Some(99), events: 1 });
    /// assert_eq!(at(100).to_string(), "from snapshot @99 + 1 event");
    /// ```
    pub fn at(snapshots: &Snapshots<RulesState>, version: u32, position: u64) -> Rebuild {
        match snapshots.latest_at_or_before(position + 1, version) {
            Some(s) => {
                let snapshot = s.events_applied - 1;
                Rebuild {
                    position,
                    snapshot: Some(snapshot),
                    events: position - snapshot,
                }
            }
            None => Rebuild {
                position,
                snapshot: None,
                events: position + 1,
            },
        }
    }

    /// How many events the state includes (the snapshot's and the folded ones).
    pub fn events_applied(&self) -> u64 {
        self.position + 1
    }
}

/// `1000000` → `1,000,000`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl std::fmt::Display for Rebuild {
    /// `from snapshot @99 + 1 event`, `from the start + 3 events`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let events = format!(
            "{} event{}",
            group(self.events),
            if self.events == 1 { "" } else { "s" }
        );
        match self.snapshot {
            Some(s) => write!(f, "from snapshot @{} + {events}", group(s)),
            None => write!(f, "from the start + {events}"),
        }
    }
}
