//! The store's acceptance suite: property tests against a trivial model (a `Vec<Vec<Event>>`
//! of streams plus the global order), one test per invariant of issue 3.
//!
//! Every test runs 1,000 generated cases. The model is written to be obviously right (linear
//! scans, no indexes); the store must agree with it after every operation.

use std::ops::Range;

use kata::store::{
    Action, Delivery, Direction, EventId, ExpectedVersion, Fold, NewEvent, Projection,
    RulesProjection, SnapshotPolicy, Store, StoreError, StreamVersion, Subscription,
    TOMBSTONE_REVISION, TOMBSTONE_TYPE, TimeTravel, Value,
};
use proptest::prelude::*;

#[path = "store_properties/rules_model.rs"]
mod rules_model;
use rules_model::{Ev, RulesModel, Val};

const STREAMS: [&str; 4] = ["account-1", "account-2", "user-1", "order-1"];
const TYPES: [&str; 7] = [
    "Created", "Merged", "Deleted", "Added", "Pushed", "Removed", "Flagged",
];

// ---------------------------------------------------------------- the model

#[derive(Clone, Debug, PartialEq)]
struct Event {
    position: u64,
    stream: usize,
    revision: u64,
    event_type: &'static str,
    key: i64,
    amount: i64,
    id: Option<u128>,
    timestamp: u64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Life {
    Live,
    Soft,
    Tombstoned,
}

#[derive(Clone, Debug)]
struct ModelStream {
    events: Vec<Event>,
    truncate_before: u64,
    restarts: Vec<u64>,
    life: Life,
    exists: bool,
}

/// The trivial model: streams as vectors of events, the global log as a vector too.
#[derive(Clone, Debug)]
struct Model {
    streams: Vec<ModelStream>,
    log: Vec<Event>,
    appends: u64,
}

#[derive(Clone, Debug)]
struct Draft {
    event_type: &'static str,
    key: i64,
    amount: i64,
    id: Option<u128>,
}

type Outcome = Result<(Range<u64>, StreamVersion, bool), StoreError>;

impl Model {
    fn new() -> Model {
        let stream = ModelStream {
            events: Vec::new(),
            truncate_before: 0,
            restarts: Vec::new(),
            life: Life::Live,
            exists: false,
        };
        Model {
            streams: vec![stream; STREAMS.len()],
            log: Vec::new(),
            appends: 0,
        }
    }

    fn version(&self, s: usize) -> StreamVersion {
        let stream = &self.streams[s];
        match stream.life {
            Life::Tombstoned => StreamVersion::Deleted,
            Life::Soft => StreamVersion::NoStream,
            Life::Live if stream.events.is_empty() => StreamVersion::NoStream,
            Life::Live => StreamVersion::Revision(stream.events.len() as u64 - 1),
        }
    }

    fn find(&self, id: Option<u128>) -> Option<&Event> {
        let id = id?;
        self.log.iter().find(|e| e.id == Some(id))
    }

    fn accepts(expected: ExpectedVersion, actual: StreamVersion) -> bool {
        match expected {
            ExpectedVersion::Any => true,
            ExpectedVersion::NoStream => actual == StreamVersion::NoStream,
            ExpectedVersion::StreamExists => matches!(actual, StreamVersion::Revision(_)),
            ExpectedVersion::Exact(e) => actual == StreamVersion::Revision(e),
        }
    }

    fn append(&mut self, s: usize, expected: ExpectedVersion, batch: &[Draft]) -> Outcome {
        let name = STREAMS[s].to_owned();
        let actual = self.version(s);
        if actual == StreamVersion::Deleted {
            return Err(StoreError::StreamDeleted { stream: name });
        }
        let wrong = || StoreError::WrongExpectedVersion {
            stream: STREAMS[s].to_owned(),
            expected,
            actual,
        };
        let len = self.log.len() as u64;
        if batch.is_empty() {
            return if Model::accepts(expected, actual) {
                Ok((len..len, actual, false))
            } else {
                Err(wrong())
            };
        }
        if self.find(batch[0].id).is_some() {
            let found: Vec<&Event> = batch.iter().filter_map(|d| self.find(d.id)).collect();
            if found.len() < batch.len() {
                return Err(StoreError::PartialRetry {
                    stream: name,
                    stored: found.len(),
                    batch: batch.len(),
                });
            }
            for (i, event) in found.iter().enumerate() {
                if event.stream != s || event.revision != found[0].revision + i as u64 {
                    let id = EventId::new(batch[i].id.unwrap());
                    return Err(StoreError::RetryMismatch { stream: name, id });
                }
            }
            let r0 = found[0].revision;
            let compatible = match expected {
                ExpectedVersion::Any | ExpectedVersion::StreamExists => true,
                ExpectedVersion::NoStream => r0 == 0 || self.streams[s].restarts.contains(&r0),
                ExpectedVersion::Exact(e) => e + 1 == r0,
            };
            if !compatible {
                return Err(wrong());
            }
            let p0 = found[0].position;
            let n = batch.len() as u64;
            return Ok((p0..p0 + n, StreamVersion::Revision(r0 + n - 1), true));
        }
        if !Model::accepts(expected, actual) {
            return Err(wrong());
        }
        for (i, draft) in batch.iter().enumerate() {
            if self.find(draft.id).is_some() {
                let stored = batch.iter().filter(|d| self.find(d.id).is_some()).count();
                return Err(StoreError::PartialRetry {
                    stream: name,
                    stored,
                    batch: batch.len(),
                });
            }
            if let Some(id) = draft.id
                && batch[..i].iter().any(|d| d.id == Some(id))
            {
                return Err(StoreError::DuplicateIdInBatch {
                    id: EventId::new(id),
                });
            }
        }
        let stream = &mut self.streams[s];
        let start_revision = stream.events.len() as u64;
        if stream.life == Life::Soft {
            stream.life = Life::Live;
            stream.restarts.push(start_revision);
        }
        stream.exists = true;
        for (i, draft) in batch.iter().enumerate() {
            let event = Event {
                position: len + i as u64,
                stream: s,
                revision: start_revision + i as u64,
                event_type: draft.event_type,
                key: draft.key,
                amount: draft.amount,
                id: draft.id,
                timestamp: self.appends,
            };
            stream.events.push(event.clone());
            self.log.push(event);
        }
        self.appends += 1;
        Ok((len..self.log.len() as u64, self.version(s), false))
    }

    fn readable(&self, s: usize) -> Result<(), StoreError> {
        let stream = &self.streams[s];
        match stream.life {
            Life::Tombstoned => Err(StoreError::StreamDeleted {
                stream: STREAMS[s].to_owned(),
            }),
            Life::Live if !stream.events.is_empty() => Ok(()),
            _ => Err(StoreError::StreamNotFound {
                stream: STREAMS[s].to_owned(),
            }),
        }
    }

    fn soft_delete(&mut self, s: usize) -> Result<(), StoreError> {
        self.readable(s)?;
        let stream = &mut self.streams[s];
        stream.truncate_before = stream.events.len() as u64;
        stream.life = Life::Soft;
        Ok(())
    }

    fn truncate_before(&mut self, s: usize, revision: u64) -> Result<(), StoreError> {
        self.readable(s)?;
        let stream = &mut self.streams[s];
        stream.truncate_before = stream.truncate_before.max(revision);
        Ok(())
    }

    fn hard_delete(&mut self, s: usize) -> Result<u64, StoreError> {
        if self.streams[s].life == Life::Tombstoned {
            return Err(StoreError::StreamDeleted {
                stream: STREAMS[s].to_owned(),
            });
        }
        let position = self.log.len() as u64;
        self.log.push(Event {
            position,
            stream: s,
            revision: TOMBSTONE_REVISION,
            event_type: TOMBSTONE_TYPE,
            key: 0,
            amount: 0,
            id: None,
            timestamp: self.appends,
        });
        self.appends += 1;
        self.streams[s].life = Life::Tombstoned;
        Ok(position)
    }

    fn read_stream(
        &self,
        s: usize,
        from: u64,
        direction: Direction,
    ) -> Result<Vec<u64>, StoreError> {
        self.readable(s)?;
        let stream = &self.streams[s];
        let visible = stream
            .events
            .iter()
            .filter(|e| e.revision >= stream.truncate_before);
        Ok(match direction {
            Direction::Forwards => visible
                .filter(|e| e.revision >= from)
                .map(|e| e.position)
                .collect(),
            Direction::Backwards => visible
                .rev()
                .filter(|e| e.revision <= from)
                .map(|e| e.position)
                .collect(),
        })
    }
}

// ---------------------------------------------------------------- operations

#[derive(Clone, Debug)]
enum Expect {
    Any,
    NoStream,
    StreamExists,
    Exact(u64),
    /// Exactly the model's current revision (so that most appends succeed).
    Current,
}

#[derive(Clone, Debug)]
enum Op {
    Append {
        stream: usize,
        expect: Expect,
        batch: Vec<Draft>,
    },
    /// Send the n-th earlier append again, with the expected version it used.
    Retry(usize),
    SoftDelete(usize),
    HardDelete(usize),
    Truncate(usize, u64),
}

fn draft(ids: bool) -> impl Strategy<Value = Draft> {
    let id = if ids {
        prop::option::weighted(0.5, 0u128..24).boxed()
    } else {
        Just(None).boxed()
    };
    (0..TYPES.len(), 0i64..4, -5i64..6, id).prop_map(|(t, key, amount, id)| Draft {
        event_type: TYPES[t],
        key,
        amount,
        id,
    })
}

fn expect() -> impl Strategy<Value = Expect> {
    prop_oneof![
        1 => Just(Expect::Any),
        1 => Just(Expect::NoStream),
        1 => Just(Expect::StreamExists),
        1 => (0u64..6).prop_map(Expect::Exact),
        4 => Just(Expect::Current),
    ]
}

fn append(ids: bool, max_batch: usize) -> impl Strategy<Value = Op> {
    (
        0..STREAMS.len(),
        expect(),
        prop::collection::vec(draft(ids), 0..=max_batch),
    )
        .prop_map(|(stream, expect, batch)| Op::Append {
            stream,
            expect,
            batch,
        })
}

fn ops(ids: bool, deletes: bool, max_ops: usize) -> impl Strategy<Value = Vec<Op>> {
    let deletes_weight = if deletes { 1 } else { 0 };
    let op = prop_oneof![
        8 => append(ids, 4),
        2 => (0usize..8).prop_map(Op::Retry),
        deletes_weight => (0..STREAMS.len()).prop_map(Op::SoftDelete),
        deletes_weight => (0..STREAMS.len()).prop_map(Op::HardDelete),
        deletes_weight => (0..STREAMS.len(), 0u64..6).prop_map(|(s, r)| Op::Truncate(s, r)),
    ];
    prop::collection::vec(op, 0..=max_ops)
}

fn new_event(draft: &Draft) -> NewEvent {
    let event = NewEvent::new(draft.event_type)
        .with("k", draft.key)
        .with("amount", draft.amount);
    match draft.id {
        Some(id) => event.with_id(EventId::new(id)),
        None => event,
    }
}

/// Runs `ops` on a store and the model side by side, checking after each one that they agree.
/// Calls `observe` after each operation with what happened.
struct Harness {
    store: Store,
    model: Model,
    sent: Vec<(usize, ExpectedVersion, Vec<Draft>)>,
}

#[derive(Debug)]
enum Step {
    Appended {
        stream: usize,
        expected: ExpectedVersion,
        batch: Vec<Draft>,
        outcome: Outcome,
        len_before: u64,
    },
    Other,
}

impl Harness {
    fn new() -> Harness {
        Harness {
            store: Store::new(),
            model: Model::new(),
            sent: Vec::new(),
        }
    }

    fn run(&mut self, op: &Op) -> Step {
        let len_before = self.store.len();
        let step = match op {
            Op::Append {
                stream,
                expect,
                batch,
            } => {
                let expected = match expect {
                    Expect::Any => ExpectedVersion::Any,
                    Expect::NoStream => ExpectedVersion::NoStream,
                    Expect::StreamExists => ExpectedVersion::StreamExists,
                    Expect::Exact(r) => ExpectedVersion::Exact(*r),
                    Expect::Current => match self.model.version(*stream) {
                        StreamVersion::Revision(r) => ExpectedVersion::Exact(r),
                        _ => ExpectedVersion::NoStream,
                    },
                };
                self.sent.push((*stream, expected, batch.clone()));
                self.append(*stream, expected, batch.clone(), len_before)
            }
            Op::Retry(back) if !self.sent.is_empty() => {
                let (stream, expected, batch) =
                    self.sent[self.sent.len() - 1 - back % self.sent.len()].clone();
                self.append(stream, expected, batch, len_before)
            }
            Op::Retry(_) => Step::Other,
            Op::SoftDelete(s) => {
                assert_eq!(
                    self.store.soft_delete(STREAMS[*s]),
                    self.model.soft_delete(*s)
                );
                Step::Other
            }
            Op::HardDelete(s) => {
                assert_eq!(
                    self.store.hard_delete(STREAMS[*s]),
                    self.model.hard_delete(*s)
                );
                Step::Other
            }
            Op::Truncate(s, r) => {
                assert_eq!(
                    self.store.truncate_before(STREAMS[*s], *r),
                    self.model.truncate_before(*s, *r)
                );
                Step::Other
            }
        };
        self.check_agreement();
        step
    }

    fn append(
        &mut self,
        stream: usize,
        expected: ExpectedVersion,
        batch: Vec<Draft>,
        len_before: u64,
    ) -> Step {
        let got = self
            .store
            .append(STREAMS[stream], expected, batch.iter().map(new_event))
            .map(|a| (a.positions, a.version, a.retry));
        let want = self.model.append(stream, expected, &batch);
        assert_eq!(
            got, want,
            "append to {} at {expected:?} of {batch:?}",
            STREAMS[stream]
        );
        Step::Appended {
            stream,
            expected,
            batch,
            outcome: got,
            len_before,
        }
    }

    /// The store and the model hold the same log, streams, versions and counts.
    fn check_agreement(&self) {
        let (store, model) = (&self.store, &self.model);
        assert_eq!(store.len(), model.log.len() as u64);
        for (got, want) in store.read_all(0).zip(&model.log) {
            assert_eq!(got.position(), want.position);
            assert_eq!(got.stream(), STREAMS[want.stream]);
            assert_eq!(got.revision(), want.revision);
            assert_eq!(got.event_type().as_str(), want.event_type);
            assert_eq!(got.timestamp(), want.timestamp);
            if want.revision != TOMBSTONE_REVISION {
                assert_eq!(got.data().get("k"), Some(&Value::from(want.key)));
                assert_eq!(got.data().get("amount"), Some(&Value::from(want.amount)));
            }
            match want.id {
                Some(id) => assert_eq!(got.id(), EventId::new(id)),
                None => assert!(got.id().is_assigned_by_store()),
            }
        }
        for (s, name) in STREAMS.iter().enumerate() {
            assert_eq!(store.stream_version(name), model.version(s));
            for (from, direction) in [
                (0, Direction::Forwards),
                (2, Direction::Forwards),
                (u64::MAX, Direction::Backwards),
                (1, Direction::Backwards),
            ] {
                let got = store
                    .read_stream(name, from, direction)
                    .map(|events| events.map(|e| e.position()).collect::<Vec<_>>());
                assert_eq!(
                    got,
                    model.read_stream(s, from, direction),
                    "{} from {from} {direction:?}",
                    name
                );
            }
        }
        for name in TYPES.iter().chain([&TOMBSTONE_TYPE]) {
            let want = model.log.iter().filter(|e| e.event_type == *name).count() as u64;
            assert_eq!(store.count_of((*name).into()), want, "count of {name}");
        }
    }
}

fn rules() -> RulesProjection {
    RulesProjection::new(
        Some("k"),
        [
            ("Created", Action::Create),
            ("Merged", Action::Merge),
            ("Deleted", Action::Delete),
            ("Added", Action::add([("total", "amount")])),
            ("Subtracted", Action::subtract([("total", "amount")])),
            ("Pushed", Action::push([("items", "amount")])),
            ("Removed", Action::remove([("items", "amount")])),
            ("Flagged", Action::set([("flag", true)])),
        ],
    )
}

fn build(ops: &[Op]) -> Harness {
    let mut harness = Harness::new();
    for op in ops {
        harness.run(op);
    }
    harness
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- the properties

proptest! {
    #![proptest_config(config())]

    /// 1: the state rebuilt from the latest snapshot plus the tail equals the independent
    /// model's state, at every position and for every snapshot spacing, with stream deletes
    /// (tombstones in the log) mixed in; snapshots of another projection version are ignored.
    #[test]
    fn p01_snapshot_plus_tail_equals_full_replay(ops in ops(false, true, 16), every in 1u64..5) {
        let harness = build(&ops);
        let store = harness.store;
        let rules = rules();
        let mut travel = TimeTravel::new(rules.clone(), SnapshotPolicy::Every(every));
        travel.catch_up(&store);
        prop_assert_eq!(travel.snapshots().len() as u64, store.len() / every);
        let mut model = RulesModel::default();
        for upto in 0..=store.len() {
            let rebuilt = travel.state_at(&store, upto);
            prop_assert_eq!(serde_json::to_value(&rebuilt.state).unwrap(), model.json(), "after {} events", upto);
            prop_assert!(rebuilt.events_folded < every);
            if let Some(event) = harness.model.log.get(upto as usize) {
                model.apply(upto, &model_event(event));
            }
        }
        prop_assert_eq!(serde_json::to_value(travel.head_state()).unwrap(), model.json());

        // A snapshot by another projection version (here a bogus one) must not be used.
        let newer = rules.clone().with_version(2);
        let mut travel = TimeTravel::new(newer.clone(), SnapshotPolicy::Never);
        let bogus = store.replay(&rules, 0);
        travel.snapshots_mut().save(kata::store::Snapshot { events_applied: store.len(), projection_version: 1, state: bogus }).unwrap();
        let rebuilt = travel.state_at(&store, store.len());
        prop_assert_eq!(rebuilt.from_snapshot, None);
        prop_assert_eq!(serde_json::to_value(&rebuilt.state).unwrap(), model.json());
    }

    /// 2: replay is deterministic and right: the same log gives the model's state and
    /// warnings, however often and from whichever copy of the log it is replayed.
    #[test]
    fn p02_replay_is_deterministic(ops in ops(true, true, 16)) {
        let first = build(&ops);
        let second = build(&ops).store;
        let mut model = RulesModel::default();
        for (position, event) in first.model.log.iter().enumerate() {
            model.apply(position as u64, &model_event(event));
        }
        let first = first.store;
        let rules = rules();
        let (a, warnings_a) = rules.replay_with_warnings(&first, first.len());
        let (b, warnings_b) = rules.replay_with_warnings(&second, second.len());
        prop_assert_eq!(serde_json::to_value(&a).unwrap(), model.json());
        prop_assert_eq!(serde_json::to_value(&b).unwrap(), model.json());
        prop_assert_eq!(warning_list(&warnings_a), model.warnings.clone());
        prop_assert_eq!(warning_list(&warnings_b), model.warnings.clone());
        let sum = Fold::new(0i64, |n: &mut i64, e| *n += e.data().get("amount").and_then(Value::as_i64).unwrap_or(0));
        let model_sum: i64 = build(&ops).model.log.iter().filter(|e| e.revision != TOMBSTONE_REVISION).map(|e| e.amount).sum();
        prop_assert_eq!(first.replay(&sum, first.len()), model_sum);
        prop_assert_eq!(second.replay(&sum, second.len()), model_sum);
        prop_assert_eq!(sum.version(), 1);
    }

    /// 13: the rules projection agrees with the independent model on every action and every
    /// warning, over random events (keys missing or of the wrong type, amounts that are text,
    /// overflow, removes of absent elements, updates after delete), with stream deletes and
    /// snapshots mixed in, at every position.
    #[test]
    fn p13_rules_projection_agrees_with_the_model(steps in prop::collection::vec(rules_step(), 0..40), every in 1u64..6) {
        let mut store = Store::new();
        let mut log: Vec<Option<Ev>> = Vec::new();
        for step in &steps {
            match step {
                RulesStep::Event(s, ev) => {
                    let event = ev.data.iter().fold(NewEvent::new(ev.event_type), |e, (f, v)| e.with(*f, store_value(v)));
                    if store.append(STREAMS[*s], ExpectedVersion::Any, [event]).is_ok() {
                        log.push(Some(ev.clone()));
                    }
                }
                RulesStep::HardDelete(s) => {
                    if store.hard_delete(STREAMS[*s]).is_ok() {
                        log.push(None);
                    }
                }
                RulesStep::SoftDelete(s) => {
                    let _ = store.soft_delete(STREAMS[*s]);
                }
            }
        }
        prop_assert_eq!(store.len(), log.len() as u64);
        let rules = rules();
        let mut travel = TimeTravel::new(rules.clone(), SnapshotPolicy::Every(every));
        travel.catch_up(&store);
        let mut model = RulesModel::default();
        for upto in 0..=store.len() {
            let rebuilt = travel.state_at(&store, upto);
            prop_assert_eq!(serde_json::to_value(&rebuilt.state).unwrap(), model.json(), "after {} events of {:?}", upto, &log);
            if let Some(Some(ev)) = log.get(upto as usize) {
                model.apply(upto, ev);
            }
        }
        let (_, warnings) = rules.replay_with_warnings(&store, store.len());
        prop_assert_eq!(warning_list(&warnings), model.warnings);
    }

    /// 3: an append at a wrong expected version fails naming both versions and writes nothing.
    #[test]
    fn p03_wrong_expected_version_writes_nothing(ops in ops(true, true, 20)) {
        let mut harness = Harness::new();
        for op in &ops {
            let before: Vec<_> = harness.store.read_all(0).map(|e| e.to_owned_event()).collect();
            if let Step::Appended { outcome: Err(StoreError::WrongExpectedVersion { expected, actual, .. }), stream, expected: sent, .. } = harness.run(op) {
                prop_assert_eq!(expected, sent);
                prop_assert_eq!(actual, harness.model.version(stream));
                let after: Vec<_> = harness.store.read_all(0).map(|e| e.to_owned_event()).collect();
                prop_assert_eq!(before, after);
            }
        }
    }

    /// 4: a successful batch takes the next positions, all adjacent, all in its stream, in order.
    #[test]
    fn p04_batches_are_atomic_and_contiguous(ops in ops(true, true, 20)) {
        let mut harness = Harness::new();
        for op in &ops {
            match harness.run(op) {
                Step::Appended { outcome: Ok((positions, _, false)), stream, batch, len_before, .. } => {
                    prop_assert_eq!(positions.clone(), len_before..len_before + batch.len() as u64);
                    prop_assert_eq!(harness.store.len(), positions.end);
                    for (position, draft) in positions.zip(&batch) {
                        let event = harness.store.event(position).unwrap();
                        prop_assert_eq!(event.stream(), STREAMS[stream]);
                        prop_assert_eq!(event.event_type().as_str(), draft.event_type);
                    }
                }
                // A refused batch left no trace, not even a part of it.
                Step::Appended { outcome: Err(_), len_before, .. } => prop_assert_eq!(harness.store.len(), len_before),
                _ => {}
            }
        }
    }

    /// 5: each stream's revisions are 0, 1, 2, … with no gap and no repeat (tombstones aside).
    #[test]
    fn p05_revisions_are_gap_free_and_unique(ops in ops(true, true, 24)) {
        let store = build(&ops).store;
        for name in STREAMS {
            let revisions: Vec<u64> = store
                .read_all(0)
                .filter(|e| e.stream() == name && e.revision() != TOMBSTONE_REVISION)
                .map(|e| e.revision())
                .collect();
            let expected: Vec<u64> = (0..revisions.len() as u64).collect();
            prop_assert_eq!(revisions, expected);
        }
    }

    /// 6: positions are 0, 1, 2, … in log order, and every stream read lists its events in the
    /// order the global log has them.
    #[test]
    fn p06_global_order_is_total_and_streams_follow_it(ops in ops(true, true, 24)) {
        let store = build(&ops).store;
        let positions: Vec<u64> = store.read_all(0).map(|e| e.position()).collect();
        prop_assert_eq!(positions, (0..store.len()).collect::<Vec<_>>());
        for name in STREAMS {
            if let Ok(events) = store.read_stream(name, 0, Direction::Forwards) {
                let from_stream: Vec<u64> = events.map(|e| e.position()).collect();
                prop_assert!(from_stream.windows(2).all(|w| w[0] < w[1]));
                let backwards: Vec<u64> = store.read_stream(name, u64::MAX, Direction::Backwards).unwrap().map(|e| e.position()).collect();
                prop_assert_eq!(backwards.into_iter().rev().collect::<Vec<_>>(), from_stream.clone());
                for position in from_stream {
                    prop_assert_eq!(store.event(position).unwrap().stream(), name);
                }
            }
        }
    }

    /// 7: re-sending a stored batch at its expected version succeeds and adds nothing; a batch
    /// that only partly overlaps stored ids fails and adds nothing.
    #[test]
    fn p07_idempotent_retries_and_partial_overlaps(ops in ops(true, false, 20), extra in prop::collection::vec(draft(true), 1..4)) {
        let mut harness = build(&ops);
        for (stream, expected, batch) in harness.sent.clone() {
            let len = harness.store.len();
            // The resend must do what the model says (a retry when the batch is stored as sent).
            if let Step::Appended { outcome: Ok((_, _, true)), .. } = harness.append(stream, expected, batch.clone(), len) {
                prop_assert_eq!(harness.store.len(), len);
            }
            harness.check_agreement();
            let len = harness.store.len();
            let stored = batch.iter().filter(|d| harness.model.find(d.id).is_some()).count();
            if stored > 0 && batch.iter().all(|d| d.id.is_some()) {
                // The same ids plus new ones: a partial overlap, refused.
                let fresh: Vec<Draft> = extra.iter().enumerate().map(|(i, d)| Draft { id: Some(1000 + i as u128 + len as u128 * 100), ..d.clone() }).collect();
                let mixed: Vec<Draft> = batch.iter().cloned().chain(fresh).collect();
                let got = harness.store.append(STREAMS[stream], ExpectedVersion::Any, mixed.iter().map(new_event));
                prop_assert!(matches!(got, Err(StoreError::PartialRetry { .. }) | Err(StoreError::DuplicateIdInBatch { .. })), "{:?}", got);
                prop_assert_eq!(harness.store.len(), len);
            }
        }
    }

    /// 8: `NoStream` on an existing stream and `StreamExists` on a missing one fail.
    #[test]
    fn p08_no_stream_and_stream_exists_are_checked(ops in ops(false, true, 20), s in 0..STREAMS.len(), d in draft(false)) {
        let mut harness = build(&ops);
        let version = harness.model.version(s);
        let len = harness.store.len();
        let no_stream = harness.store.append(STREAMS[s], ExpectedVersion::NoStream, [new_event(&d)]);
        match version {
            StreamVersion::Revision(_) => prop_assert!(matches!(no_stream, Err(StoreError::WrongExpectedVersion { .. })), "unexpected {:?}", no_stream),
            StreamVersion::NoStream => prop_assert!(no_stream.is_ok()),
            StreamVersion::Deleted => prop_assert!(matches!(no_stream, Err(StoreError::StreamDeleted { .. })), "unexpected {:?}", no_stream),
        }
        harness.model.append(s, ExpectedVersion::NoStream, std::slice::from_ref(&d)).ok();
        let other = (s + 1) % STREAMS.len();
        let exists = harness.store.append(STREAMS[other], ExpectedVersion::StreamExists, [new_event(&d)]);
        match harness.model.version(other) {
            StreamVersion::Revision(_) => prop_assert!(exists.is_ok()),
            StreamVersion::NoStream => prop_assert!(matches!(exists, Err(StoreError::WrongExpectedVersion { .. })), "unexpected {:?}", exists),
            StreamVersion::Deleted => prop_assert!(matches!(exists, Err(StoreError::StreamDeleted { .. })), "unexpected {:?}", exists),
        }
        harness.model.append(other, ExpectedVersion::StreamExists, std::slice::from_ref(&d)).ok();
        harness.check_agreement();
        prop_assert!(harness.store.len() <= len + 2);
    }

    /// 9: soft delete hides the stream until it is written again (revisions continue), truncate
    /// hides older revisions, hard delete tombstones it for good; the global log keeps all.
    #[test]
    fn p09_deletes_and_truncation(ops in ops(false, true, 24), s in 0..STREAMS.len(), d in draft(false)) {
        let mut harness = build(&ops);
        let name = STREAMS[s];
        if harness.model.readable(s).is_ok() {
            let revisions = harness.model.streams[s].events.len() as u64;
            let len = harness.store.len();
            harness.store.soft_delete(name).unwrap();
            prop_assert!(matches!(harness.store.read_stream(name, 0, Direction::Forwards), Err(StoreError::StreamNotFound { .. })), "unexpected outcome");
            prop_assert_eq!(harness.store.len(), len);
            let again = harness.store.append(name, ExpectedVersion::NoStream, [new_event(&d)]).unwrap();
            prop_assert_eq!(again.version, StreamVersion::Revision(revisions));
            let visible: Vec<u64> = harness.store.read_stream(name, 0, Direction::Forwards).unwrap().map(|e| e.revision()).collect();
            prop_assert_eq!(visible, vec![revisions]);
            harness.model.soft_delete(s).unwrap();
            harness.model.append(s, ExpectedVersion::NoStream, std::slice::from_ref(&d)).unwrap();
        }
        let tombstone = harness.store.hard_delete(name);
        prop_assert_eq!(tombstone.clone(), harness.model.hard_delete(s));
        prop_assert!(matches!(harness.store.read_stream(name, 0, Direction::Forwards), Err(StoreError::StreamDeleted { .. })), "unexpected outcome");
        prop_assert!(matches!(harness.store.append(name, ExpectedVersion::Any, [new_event(&d)]), Err(StoreError::StreamDeleted { .. })), "unexpected outcome");
        prop_assert!(matches!(harness.store.append(name, ExpectedVersion::Any, []), Err(StoreError::StreamDeleted { .. })), "unexpected outcome");
        prop_assert!(matches!(harness.store.soft_delete(name), Err(StoreError::StreamDeleted { .. })), "unexpected outcome");
        prop_assert!(matches!(harness.store.hard_delete(name), Err(StoreError::StreamDeleted { .. })), "unexpected outcome");
        if let Ok(position) = tombstone {
            let event = harness.store.event(position).unwrap();
            prop_assert_eq!((event.stream(), event.revision(), event.event_type().as_str()), (name, TOMBSTONE_REVISION, TOMBSTONE_TYPE));
        }
        harness.check_agreement();
    }

    /// 10: a catch-up subscription delivers every event exactly once in order, says it caught
    /// up once (when it reached the end), then delivers live events; resuming from any
    /// checkpoint delivers exactly the events after it.
    #[test]
    fn p10_catch_up_subscriptions(
        steps in prop::collection::vec(prop_oneof![2 => append(false, 3).prop_map(Some), 1 => Just(None)], 0..24),
        resume_at in any::<prop::sample::Index>(),
    ) {
        let mut harness = Harness::new();
        let mut subscription = Subscription::from_start();
        let mut delivered = Vec::new();
        let mut caught_up_at = Vec::new();
        for step in &steps {
            match step {
                Some(op) => { harness.run(op); }
                None => {
                    while let Some(delivery) = subscription.next(&harness.store) {
                        match delivery {
                            Delivery::Event(e) => delivered.push(e.position()),
                            Delivery::CaughtUp => caught_up_at.push((delivered.len() as u64, harness.store.len())),
                        }
                    }
                    prop_assert_eq!(delivered.len() as u64, harness.store.len());
                }
            }
        }
        while let Some(delivery) = subscription.next(&harness.store) {
            if let Delivery::Event(e) = delivery { delivered.push(e.position()) } else { caught_up_at.push((delivered.len() as u64, harness.store.len())) }
        }
        let len = harness.store.len();
        prop_assert_eq!(&delivered, &(0..len).collect::<Vec<_>>());
        prop_assert_eq!(caught_up_at.len(), 1);
        prop_assert_eq!(caught_up_at[0].0, caught_up_at[0].1);
        prop_assert_eq!(subscription.checkpoint(), len.checked_sub(1));

        let checkpoint = if len == 0 { None } else { Some(resume_at.index(len as usize) as u64) };
        let mut resumed = Subscription::after(checkpoint);
        let mut again = Vec::new();
        while let Some(Delivery::Event(e)) = resumed.next(&harness.store) {
            again.push(e.position());
        }
        let from = checkpoint.map_or(0, |c| c + 1);
        prop_assert_eq!(again, (from..len).collect::<Vec<_>>());
    }

    /// 11: N writers at one expected version: exactly one succeeds, the others are refused and
    /// the log holds exactly the winner's batch.
    #[test]
    fn p11_concurrent_writers_exactly_one_wins(writers in 2usize..6, history in 0usize..4, batch in 1usize..4) {
        let shared = kata::store::SharedStore::default();
        for i in 0..history {
            shared.append("account-1", ExpectedVersion::Any, [NewEvent::new("Added").with("amount", i as i64)]).unwrap();
        }
        let expected = match history { 0 => ExpectedVersion::NoStream, n => ExpectedVersion::Exact(n as u64 - 1) };
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(writers));
        let handles: Vec<_> = (0..writers).map(|w| {
            let (shared, barrier) = (shared.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                shared.append("account-1", expected, (0..batch).map(|_| NewEvent::new("Added").with("writer", w as i64)))
            })
        }).collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        prop_assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
        prop_assert!(results.iter().filter(|r| r.is_err()).all(|r| matches!(r, Err(StoreError::WrongExpectedVersion { .. }))), "unexpected outcome");
        let store = shared.read();
        prop_assert_eq!(store.len(), (history + batch) as u64);
        let winners: std::collections::BTreeSet<String> = store.read_all(history as u64).map(|e| format!("{:?}", e.data().get("writer"))).collect();
        prop_assert_eq!(winners.len(), 1);
    }

    /// 12: an empty batch checks deletion and the expected version, then writes nothing and
    /// does not create the stream.
    #[test]
    fn p12_empty_batches(ops in ops(true, true, 16), s in 0..STREAMS.len(), e in expect()) {
        let mut harness = build(&ops);
        let len = harness.store.len();
        let step = harness.run(&Op::Append { stream: s, expect: e, batch: Vec::new() });
        let Step::Appended { outcome, expected, .. } = step else { unreachable!() };
        let actual = harness.model.version(s);
        match outcome {
            Ok((positions, version, retry)) => {
                prop_assert_eq!(positions, len..len);
                prop_assert_eq!(version, actual);
                prop_assert!(!retry);
            }
            Err(StoreError::StreamDeleted { .. }) => prop_assert_eq!(actual, StreamVersion::Deleted),
            Err(StoreError::WrongExpectedVersion { .. }) => prop_assert!(!expected_accepts(expected, actual)),
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
        prop_assert_eq!(harness.store.len(), len);
        prop_assert_eq!(harness.store.stream_version(STREAMS[s]), actual);
    }
}

/// A log entry of the store's model as the rules model reads it.
fn model_event(event: &Event) -> Ev {
    Ev {
        event_type: event.event_type,
        data: if event.revision == TOMBSTONE_REVISION {
            Vec::new()
        } else {
            vec![
                ("k", Val::Int(event.key)),
                ("amount", Val::Int(event.amount)),
            ]
        },
    }
}

/// Warnings as (position, kind, field), as the model keeps them.
fn warning_list(warnings: &[kata::store::Warning]) -> Vec<(u64, &'static str, &'static str)> {
    warnings
        .iter()
        .map(|w| {
            let problem = serde_json::to_value(&w.problem).unwrap();
            let text = |key: &str| -> &'static str {
                problem[key]
                    .as_str()
                    .map_or("", |s| Box::leak(s.to_owned().into_boxed_str()))
            };
            (w.position, text("kind"), text("field"))
        })
        .collect()
}

#[derive(Clone, Debug)]
enum RulesStep {
    Event(usize, Ev),
    SoftDelete(usize),
    HardDelete(usize),
}

fn rules_step() -> impl Strategy<Value = RulesStep> {
    let key = prop_oneof![
        8 => (0i64..3).prop_map(|n| Some(Val::Int(n))),
        1 => Just(None),
        1 => Just(Some(Val::Bool(true))),
        1 => Just(Some(Val::Text("a"))),
        1 => Just(Some(Val::Float(1.5))),
    ];
    let amount = prop_oneof![
        8 => (-3i64..4).prop_map(|n| Some(Val::Int(n))),
        1 => Just(Some(Val::Int(i64::MAX))),
        1 => Just(Some(Val::Int(i64::MIN))),
        1 => Just(Some(Val::Float(0.5))),
        1 => Just(Some(Val::Text("x"))),
        1 => Just(None),
    ];
    let types = [
        "Created",
        "Merged",
        "Deleted",
        "Added",
        "Subtracted",
        "Pushed",
        "Removed",
        "Flagged",
        "Unruled",
    ];
    let event = (0..3usize, 0..types.len(), key, amount).prop_map(move |(s, t, key, amount)| {
        let mut data = Vec::new();
        data.extend(key.map(|k| ("k", k)));
        data.extend(amount.map(|a| ("amount", a)));
        RulesStep::Event(
            s,
            Ev {
                event_type: types[t],
                data,
            },
        )
    });
    prop_oneof![
        12 => event,
        1 => (0..3usize).prop_map(RulesStep::SoftDelete),
        1 => (0..3usize).prop_map(RulesStep::HardDelete),
    ]
}

fn store_value(value: &Val) -> Value {
    match value {
        Val::Int(n) => Value::from(*n),
        Val::Float(x) => Value::from(*x),
        Val::Text(s) => Value::from(*s),
        Val::Bool(b) => Value::from(*b),
        Val::List(items) => Value::from(items.iter().map(store_value).collect::<Vec<_>>()),
    }
}

fn expected_accepts(expected: ExpectedVersion, actual: StreamVersion) -> bool {
    Model::accepts(expected, actual)
}

/// The store can be moved to and shared with other threads (the replay lab's background build).
#[test]
fn store_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Store>();
    shareable::<kata::store::SharedStore>();
    shareable::<kata::store::RulesState>();
}
