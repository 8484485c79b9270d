//! A scenario's log with a cursor: the state after any number of events,
//! reached from the latest snapshot plus a short fold, and what the event
//! under the cursor changed.

use super::build::{Progress, Refusal, build_store};
use super::rebuild::Rebuild;
use crate::content::{RuleAction, Scenario};
use crate::store::{
    Action, Change, Projection, Recorded, RulesProjection, RulesState, Snapshot, Snapshots, Store,
    Warning,
};

/// The store action for a content rule.
pub fn action(rule: &RuleAction) -> Action {
    let names = |pairs: &[(String, String)]| -> Vec<(String, String)> { pairs.to_vec() };
    match rule {
        RuleAction::Create => Action::Create,
        RuleAction::Merge => Action::Merge,
        RuleAction::Delete => Action::Delete,
        RuleAction::Set(pairs) => Action::set(
            pairs
                .iter()
                .map(|(k, v)| (k.as_str(), super::build::value(v))),
        ),
        RuleAction::Add(p) => Action::add(names(p).iter().map(|(a, b)| (a.as_str(), b.as_str()))),
        RuleAction::Subtract(p) => {
            Action::subtract(names(p).iter().map(|(a, b)| (a.as_str(), b.as_str())))
        }
        RuleAction::Push(p) => Action::push(names(p).iter().map(|(a, b)| (a.as_str(), b.as_str()))),
        RuleAction::Remove(p) => {
            Action::remove(names(p).iter().map(|(a, b)| (a.as_str(), b.as_str())))
        }
    }
}

/// The scenario's rules as a projection.
pub fn projection(scenario: &Scenario) -> RulesProjection {
    RulesProjection::new(
        scenario.key.as_deref(),
        scenario
            .rules
            .iter()
            .map(|(event_type, rule)| (event_type.as_str(), action(rule))),
    )
}

/// A replayable scenario: its store, its projection, snapshots, every warning,
/// and a cursor with the state after `cursor` events.
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let mut timeline = kata::replay::Timeline::new(catalog.scenario("user-lifecycle").unwrap());
/// timeline.go_to(2);
/// assert_eq!(serde_json::to_string(timeline.state()).unwrap(), r#"{"1":{"name":"Alicia","userId":1}}"#);
/// timeline.go_to(3);
/// assert_eq!(serde_json::to_string(timeline.state()).unwrap(), "{}");
/// ```
pub struct Timeline {
    pub scenario_id: String,
    pub title: String,
    pub about: Option<String>,
    store: Store,
    rules: RulesProjection,
    snapshot_every: u64,
    snapshots: Snapshots<RulesState>,
    /// Every warning of a full replay, by position.
    warnings: Vec<Warning>,
    refusals: Vec<Refusal>,
    final_state: RulesState,
    cursor: u64,
    state: RulesState,
    changes: Vec<Change>,
    warning: Option<Warning>,
    /// Who wrote each stored event, by position (listed events that name a writer).
    writers: Vec<Option<String>>,
}

impl Timeline {
    /// Builds the scenario on this thread, unless it would need more memory
    /// than kata allows: then nothing is built (the same check as `kata
    /// check`'s K035, for scenarios that were never checked as content).
    ///
    /// ```
    /// let catalog = kata::content::load(&[]);
    /// let mut bomb = catalog.scenario("bank-million").unwrap().clone();
    /// bomb.snapshot_every = 1;
    /// assert!(kata::replay::Timeline::try_new(&bomb).is_err());
    /// ```
    pub fn try_new(scenario: &Scenario) -> Result<Timeline, crate::content::OverBudget> {
        crate::content::within_budget(scenario)?;
        Ok(Timeline::new(scenario))
    }

    /// Builds the scenario on this thread.
    pub fn new(scenario: &Scenario) -> Timeline {
        Timeline::build(scenario, &Progress::default())
    }

    /// Builds the scenario, reporting progress (appends, then the replay that
    /// takes snapshots and collects warnings, each counted once).
    pub fn build(scenario: &Scenario, progress: &Progress) -> Timeline {
        let (store, refusals, writers) = build_store(scenario, progress);
        let rules = projection(scenario);
        let len = store.len();
        let total = len * 2;
        let every = scenario.snapshot_every;
        let mut snapshots = Snapshots::new();
        let mut warnings = Vec::new();
        let mut state = rules.empty_state();
        for (i, event) in store.read_all(0).enumerate() {
            warnings.extend(rules.apply_checked(&mut state, &event));
            let applied = i as u64 + 1;
            if every > 0 && applied.is_multiple_of(every) {
                let _ = snapshots.save(Snapshot {
                    events_applied: applied,
                    projection_version: rules.version(),
                    state: state.clone(),
                });
            }
            if applied.is_multiple_of(16_384) {
                progress.set(len + applied, total);
            }
        }
        progress.set(total, total);
        Timeline {
            scenario_id: scenario.id.clone(),
            title: scenario.title.clone(),
            about: scenario.about.clone(),
            cursor: 0,
            state: rules.empty_state(),
            changes: Vec::new(),
            warning: None,
            final_state: state,
            store,
            rules,
            snapshot_every: every,
            snapshots,
            warnings,
            refusals,
            writers,
        }
    }

    /// Events in the log.
    pub fn len(&self) -> u64 {
        self.store.len()
    }

    pub fn is_empty(&self) -> bool {
        self.store.is_empty()
    }

    /// How many events the state under the cursor includes (0 = none yet).
    pub fn cursor(&self) -> u64 {
        self.cursor
    }

    /// The event at 0-based `position`.
    pub fn event(&self, position: u64) -> Option<Recorded<'_>> {
        self.store.event(position)
    }

    /// The event the cursor just applied (at position `cursor - 1`).
    pub fn current(&self) -> Option<Recorded<'_>> {
        self.cursor.checked_sub(1).and_then(|p| self.store.event(p))
    }

    pub fn state(&self) -> &RulesState {
        &self.state
    }

    /// What the current event added, changed or removed.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The warning of the current event, if its rule could not apply.
    pub fn warning(&self) -> Option<&Warning> {
        self.warning.as_ref()
    }

    /// How the state under the cursor is rebuilt, by the lab's one snapshot
    /// rule ([`Rebuild::at`]); `None` before the first event. However the
    /// cursor got here (a step, a jump, `:N`), the answer is the same.
    pub fn reached(&self) -> Option<Rebuild> {
        self.cursor.checked_sub(1).map(|p| self.rebuild_at(p))
    }

    /// The snapshot rule at a 0-based position.
    pub fn rebuild_at(&self, position: u64) -> Rebuild {
        Rebuild::at(&self.snapshots, self.rules.version(), position)
    }

    /// Who appended the event at `position`, when its scenario names a writer.
    pub fn writer_at(&self, position: u64) -> Option<&str> {
        self.writers.get(position as usize)?.as_deref()
    }

    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The warning at a 0-based position, if any.
    pub fn warning_at(&self, position: u64) -> Option<&Warning> {
        let i = self.warnings.partition_point(|w| w.position < position);
        self.warnings.get(i).filter(|w| w.position == position)
    }

    pub fn refusals(&self) -> &[Refusal] {
        &self.refusals
    }

    pub fn snapshot_every(&self) -> u64 {
        self.snapshot_every
    }

    /// Whether a snapshot was taken right after the event at `position`.
    pub fn snapshot_after(&self, position: u64) -> bool {
        self.snapshot_every > 0 && (position + 1).is_multiple_of(self.snapshot_every)
    }

    pub fn snapshots(&self) -> &Snapshots<RulesState> {
        &self.snapshots
    }

    /// The state after every event.
    pub fn final_state(&self) -> &RulesState {
        &self.final_state
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// For the immutability lesson's attempted write, which must change nothing.
    pub(super) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn rules(&self) -> &RulesProjection {
        &self.rules
    }

    /// The state after `events_applied` events, rebuilt by the snapshot rule:
    /// the latest snapshot at or before it plus a fold of the events after
    /// the snapshot. `None` for 0 events (the empty state, no rule applies).
    pub fn state_at(&self, events_applied: u64) -> (RulesState, Option<Rebuild>) {
        let target = events_applied.min(self.len());
        let Some(position) = target.checked_sub(1) else {
            return (self.rules.empty_state(), None);
        };
        let rebuild = self.rebuild_at(position);
        let mut state = match rebuild.snapshot {
            Some(s) => self
                .snapshots
                .latest_at_or_before(s + 1, self.rules.version())
                .map(|snap| snap.state.clone())
                .expect("the rule named this snapshot"),
            None => self.rules.empty_state(),
        };
        let start = rebuild.snapshot.map_or(0, |s| s + 1);
        self.store
            .fold_range(&self.rules, &mut state, start, target);
        (state, Some(rebuild))
    }

    /// Moves the cursor to `events_applied` (clamped to the log): one fold
    /// step when moving forward by one, else a rebuild of the state just
    /// before the event, so the event under the cursor can be applied with
    /// its changes traced. Either way the state equals the rule's rebuild.
    pub fn go_to(&mut self, events_applied: u64) {
        let target = events_applied.min(self.len());
        if target == self.cursor + 1 && self.cursor > 0 {
            self.cursor = target;
            self.apply_current();
            return;
        }
        if target == 0 {
            self.cursor = 0;
            self.state = self.rules.empty_state();
            self.changes.clear();
            self.warning = None;
            return;
        }
        let (state, _) = self.state_at(target - 1);
        self.state = state;
        self.cursor = target;
        self.apply_current();
    }

    fn apply_current(&mut self) {
        let event = self
            .store
            .event(self.cursor - 1)
            .expect("cursor within the log");
        self.warning = self
            .rules
            .apply_traced(&mut self.state, &event, &mut self.changes);
    }

    /// One event forward; false at the end.
    pub fn step_forward(&mut self) -> bool {
        if self.cursor >= self.len() {
            return false;
        }
        self.go_to(self.cursor + 1);
        true
    }

    /// One event back; false at the start.
    pub fn step_back(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        self.go_to(self.cursor - 1);
        true
    }
}
