//! How much memory replaying a scenario takes, estimated from the scenario
//! alone, before anything is built. `kata check` refuses a scenario over
//! [`MEMORY_BUDGET`] (K035), and the replay lab and `kata replay` ask the
//! same question before they build, so a scenario that would exhaust memory
//! is stopped while it is still a few lines of TOML.
//!
//! The figures are upper bounds of what the replay engine holds (measured
//! against it in `tests/attack/bombs.rs`): the log (a record per event, a
//! slot per data field, a stream per entity), every snapshot (a copy of the
//! entity table, the lists grown so far, the entities changed after it), and
//! the state and warnings of one full replay.

use super::{RuleAction, Scenario};
use std::collections::{HashMap, HashSet};

/// The most memory one scenario may need to be replayed: 512 MiB.
///
/// ```
/// assert_eq!(kata::content::MEMORY_BUDGET, 512 * 1024 * 1024);
/// ```
pub const MEMORY_BUDGET: u64 = 512 * 1024 * 1024;

/// One event's record in the log plus its entry in its stream's index.
const EVENT_BYTES: f64 = 64.0;
/// One data field (name and value) in the log's field arena, or in an entity.
const FIELD_BYTES: f64 = 32.0;
/// One stream: its record, its name and its entry in the name index.
const STREAM_BYTES: f64 = 160.0;
/// One entity without its fields: the shared record, its slot in the entity
/// table, its key.
const ENTITY_BYTES: f64 = 96.0;
/// One element of a `push` list, with the room a growing list keeps spare
/// (a list doubles when full, and a snapshot keeps the list as it was).
const ELEMENT_BYTES: f64 = 2.0 * 24.0;
/// A snapshot's own record (position, version, the state's header).
const SNAPSHOT_BYTES: f64 = 96.0;
/// A snapshot's share of the entity table: one pointer per entity.
const SLOT_BYTES: f64 = 8.0;
/// One warning kept for the replay (position, type, key, problem).
const WARNING_BYTES: f64 = 80.0;
/// What the allocator adds to the parts: headers, and large blocks rounded
/// up to whole pages.
const ALLOCATOR_MARGIN: f64 = 1.1;
/// Integer keys below this are indexed by a plain array (4 bytes a key),
/// others by a hash map (about 40 bytes a key).
const DENSE_KEYS: f64 = (1u64 << 20) as f64;
const DENSE_KEY_BYTES: f64 = 4.0;
const HASHED_KEY_BYTES: f64 = 40.0;

/// What replaying a scenario is estimated to need, in bytes, by part.
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let estimate = kata::content::estimate_memory(catalog.scenario("user-lifecycle").unwrap());
/// assert!(estimate.total() < 1024 * 1024);
/// assert_eq!(estimate.snapshots, 0, "user-lifecycle takes no snapshot");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryEstimate {
    /// The log: events, their data fields, their streams.
    pub events: u64,
    /// Every snapshot's copy of the state, and the entities changed after it.
    pub snapshots: u64,
    /// The state after the last event, and the warnings of a full replay.
    pub state: u64,
}

impl MemoryEstimate {
    /// All parts together.
    ///
    /// See the example on [`MemoryEstimate`].
    pub fn total(&self) -> u64 {
        self.events
            .saturating_add(self.snapshots)
            .saturating_add(self.state)
    }
}

/// A scenario that would need more than [`MEMORY_BUDGET`] to replay.
///
/// ```
/// use kata::content::{Generate, Scenario, within_budget};
/// let bomb = Scenario {
///     id: "bomb".into(),
///     key: Some("n".into()),
///     snapshot_every: 1,
///     generate: Some(Generate { count: 10_000_000, entities: 10_000_000, stream: "b".into(), pattern: vec![("Ticked".into(), vec![])] }),
///     ..Default::default()
/// };
/// let refused = within_budget(&bomb).unwrap_err();
/// assert!(refused.to_string().starts_with("scenario `bomb` needs about"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverBudget {
    pub scenario: String,
    pub estimate: MemoryEstimate,
}

impl OverBudget {
    /// Which part is the largest: where an author should look first.
    pub fn largest_part(&self) -> &'static str {
        let e = self.estimate;
        if e.snapshots >= e.events && e.snapshots >= e.state {
            "snapshots"
        } else if e.events >= e.state {
            "events"
        } else {
            "state"
        }
    }

    /// What to change, for a help line.
    pub fn help(&self) -> &'static str {
        match self.largest_part() {
            "snapshots" => {
                "each snapshot copies the state: raise `snapshot_every` (or 0 for none), or generate fewer entities"
            }
            "events" => "generate fewer events (`count`), or fewer data fields per event",
            _ => "generate fewer entities, or push fewer list elements",
        }
    }
}

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let e = self.estimate;
        write!(
            f,
            "scenario `{}` needs about {} of memory to replay (events {}, snapshots {}, state {}); the limit is {}",
            self.scenario,
            size(e.total()),
            size(e.events),
            size(e.snapshots),
            size(e.state),
            size(MEMORY_BUDGET)
        )
    }
}

impl std::error::Error for OverBudget {}

/// Bytes as people read them: `512 MiB`, `3.4 GiB`.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value >= 100.0 || value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The scenario's estimate, or why it is refused: the one question the
/// checker, the replay lab and `kata replay` ask before building.
///
/// See the example on [`OverBudget`].
pub fn within_budget(scenario: &Scenario) -> Result<MemoryEstimate, OverBudget> {
    let estimate = estimate_memory(scenario);
    if estimate.total() > MEMORY_BUDGET {
        return Err(OverBudget {
            scenario: scenario.id.clone(),
            estimate,
        });
    }
    Ok(estimate)
}

/// The memory replaying `scenario` needs, by part, computed in time
/// proportional to its listed events and rules (never to its generated ones).
///
/// See the example on [`MemoryEstimate`].
pub fn estimate_memory(scenario: &Scenario) -> MemoryEstimate {
    let listed = scenario.events.len() as f64;
    let generated = scenario.generate.as_ref();
    let count = generated.map_or(0.0, |g| g.count as f64);
    let all = listed + count;
    let key = scenario.key.as_deref();
    // A later rule for a type replaces an earlier one, as in the projection.
    let rules: HashMap<&str, &RuleAction> = scenario
        .rules
        .iter()
        .map(|(t, r)| (t.as_str(), r))
        .collect();
    let rule_of = |event_type: &str| rules.get(event_type).copied();
    let pushes_of = |event_type: &str| match rule_of(event_type) {
        Some(RuleAction::Push(pairs)) => pairs.len() as f64,
        _ => 0.0,
    };
    let has_rule = |event_type: &str| rule_of(event_type).is_some();
    let fields_of = |data: &[(String, super::Datum)]| {
        let keyed = key.is_some_and(|k| !data.iter().any(|(f, _)| f == k));
        data.len() as f64 + if keyed { 1.0 } else { 0.0 }
    };

    // The log.
    let mut fields = 0.0;
    let mut pushes = 0.0;
    let mut warnable = 0.0;
    let mut streams: HashSet<&str> = HashSet::new();
    let mut keys: HashSet<String> = HashSet::new();
    for event in &scenario.events {
        fields += fields_of(&event.data);
        pushes += pushes_of(&event.event_type);
        warnable += f64::from(u8::from(has_rule(&event.event_type)));
        streams.insert(&event.stream);
        if let Some(k) = key {
            keys.insert(
                event
                    .data
                    .iter()
                    .find(|(f, _)| f == k)
                    .map_or(String::new(), |(_, v)| v.to_string()),
            );
        }
    }
    let mut entities = if key.is_some() {
        keys.len() as f64
    } else {
        f64::from(u8::from(!scenario.events.is_empty()))
    };
    let mut reserved = 0.0;
    if let Some(g) = generated {
        let steps = g.pattern.len().max(1) as f64;
        // Every step is taken count / steps times, give or take one.
        let per_step = (count / steps).ceil();
        for (event_type, data) in &g.pattern {
            fields += per_step * fields_of(data);
            pushes += per_step * pushes_of(event_type);
            warnable += per_step * f64::from(u8::from(has_rule(event_type)));
        }
        // The field arena is reserved for the first step's fields and
        // doubles when a longer step overflows it.
        reserved = all * g.pattern.first().map_or(2.0, |(_, data)| fields_of(data));
        entities += if key.is_some() {
            g.entities as f64
        } else {
            1.0
        };
    }
    let arena = if fields > reserved {
        2.0 * fields
    } else {
        reserved
    };
    let stream_count = streams.len() as f64 + generated.map_or(0.0, |g| g.entities as f64);
    let events = all * EVENT_BYTES + arena * FIELD_BYTES + stream_count * STREAM_BYTES;

    // One entity's fields: every name any event, rule or key brings.
    let mut names: HashSet<&str> = HashSet::new();
    names.extend(key);
    for event in &scenario.events {
        names.extend(event.data.iter().map(|(f, _)| f.as_str()));
    }
    for (_, data) in generated.iter().flat_map(|g| &g.pattern) {
        names.extend(data.iter().map(|(f, _)| f.as_str()));
    }
    for (_, rule) in &scenario.rules {
        match rule {
            RuleAction::Set(pairs) => names.extend(pairs.iter().map(|(f, _)| f.as_str())),
            RuleAction::Add(pairs)
            | RuleAction::Subtract(pairs)
            | RuleAction::Push(pairs)
            | RuleAction::Remove(pairs) => names.extend(pairs.iter().map(|(f, _)| f.as_str())),
            RuleAction::Create | RuleAction::Merge | RuleAction::Delete => {}
        }
    }
    let entity = ENTITY_BYTES + names.len() as f64 * FIELD_BYTES;

    // The state after the last event, and a warning per event a rule handles.
    let state = entities * entity + pushes * ELEMENT_BYTES + warnable * WARNING_BYTES;

    // Snapshots: the k-th is taken after k·every events and holds a pointer
    // per entity seen by then, its own copy of the key index while entities
    // are still appearing, and the lists pushed so far; every entity changed
    // after a snapshot is copied once for it, one copy per event at most.
    let snapshots = if scenario.snapshot_every == 0 {
        0.0
    } else {
        let every = scenario.snapshot_every as f64;
        let taken = (all / every).floor();
        let growing = taken.min((entities / every).floor());
        let slots = every * triangle(1.0, growing) + (taken - growing) * entities;
        let dense_end = growing.min((DENSE_KEYS / every).floor());
        let index = DENSE_KEY_BYTES * every * triangle(1.0, dense_end)
            + HASHED_KEY_BYTES * every * triangle(dense_end + 1.0, growing)
            - (HASHED_KEY_BYTES - DENSE_KEY_BYTES) * DENSE_KEYS * (growing - dense_end);
        let lists = ELEMENT_BYTES * (pushes / all.max(1.0)) * every * triangle(1.0, taken);
        let copies = all.min(taken * entities) * entity;
        taken * SNAPSHOT_BYTES + slots * SLOT_BYTES + index.max(0.0) + lists + copies
    };

    let bytes = |x: f64| {
        let x = x * ALLOCATOR_MARGIN;
        if x >= u64::MAX as f64 {
            u64::MAX
        } else {
            x as u64
        }
    };
    MemoryEstimate {
        events: bytes(events),
        snapshots: bytes(snapshots),
        state: bytes(state),
    }
}

/// `from + (from + 1) + … + to` (0 when the range is empty).
fn triangle(from: f64, to: f64) -> f64 {
    if to < from {
        0.0
    } else {
        (from + to) * (to - from + 1.0) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Generate;

    fn generated(count: u64, entities: u64, every: u64) -> Scenario {
        Scenario {
            id: "s".into(),
            key: Some("n".into()),
            snapshot_every: every,
            rules: vec![(
                "Ticked".into(),
                RuleAction::Add(vec![("ticks".into(), "by".into())]),
            )],
            generate: Some(Generate {
                count,
                entities,
                stream: "clock".into(),
                pattern: vec![(
                    "Ticked".into(),
                    vec![("by".into(), crate::content::Datum::Int(1))],
                )],
            }),
            ..Default::default()
        }
    }

    #[test]
    fn the_bundled_million_fits_and_the_bomb_does_not() {
        let catalog = crate::content::load(&[]);
        let million = within_budget(catalog.scenario("bank-million").unwrap()).unwrap();
        assert!(million.total() < 400 << 20, "{million:?}");
        let bomb = within_budget(&generated(10_000_000, 10_000_000, 1)).unwrap_err();
        assert_eq!(bomb.largest_part(), "snapshots");
        assert!(bomb.estimate.total() > 1 << 40, "{:?}", bomb.estimate);
    }

    #[test]
    fn snapshots_of_a_growing_state_grow_quadratically() {
        let small = estimate_memory(&generated(10_000, 10_000, 1)).snapshots;
        let double = estimate_memory(&generated(20_000, 20_000, 1)).snapshots;
        assert!(double > 3 * small, "{small} then {double}");
        // A fixed set of entities: snapshots grow linearly.
        let fixed = estimate_memory(&generated(10_000, 10, 1)).snapshots;
        let fixed_double = estimate_memory(&generated(20_000, 10, 1)).snapshots;
        assert!(fixed_double < 3 * fixed, "{fixed} then {fixed_double}");
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(size(512 << 20), "512 MiB");
        assert_eq!(size(3_650_722_202), "3.4 GiB");
        assert_eq!(size(10), "10 B");
    }
}
