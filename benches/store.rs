//! The store engine against its peers, same workloads, same run (issue 3).
//!
//! Run: `cargo bench --bench store 2>&1 | grep -v -E '^(loading|storing):'`
//! (cqrs-es's MemStore prints a line on every load and commit; the filter hides them.)
//!
//! Workloads: small events (`{"amount": 10}`) in 1,000 streams; a ledger of 1,000,000
//! Deposited/Withdrawn events over 10,000 accounts for replays; snapshot rebuilds over
//! histories of 10 k, 100 k and 1 M events. Peers use typed Rust events (cheaper than our
//! dynamic data), which is in their favour. Memory per event is measured once per peer, each
//! in a fresh process (`memory/…` lines on stderr).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput};
use kata::store::{
    Action, ExpectedVersion, Fold, Name, NewEvent, RulesProjection, SnapshotPolicy, Store,
    StreamVersion, TimeTravel, Value,
};

const STREAMS: usize = 1_000;
const MILLION: usize = 1_000_000;
/// cqrs-es re-copies a stream's whole history on every commit, so a million single-event
/// commits would take minutes; it gets a tenth of the events (which favours it: shorter streams).
const CQRS_BATCH1_EVENTS: usize = 100_000;
const ACCOUNTS: usize = 10_000;

fn stream_names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("account-{i}")).collect()
}

// ------------------------------------------------------------------ our store

fn ours_append(events: usize, batch: usize, names: &[String]) -> Store {
    let deposited = Name::new("Deposited");
    let amount = Name::new("amount");
    let mut store = Store::new();
    let mut versions = vec![ExpectedVersion::NoStream; names.len()];
    let mut i = 0;
    while i < events {
        let s = (i / batch) % names.len();
        let events = (0..batch).map(|_| NewEvent::new(deposited).with(amount, 10));
        let appended = store
            .append(&names[s], versions[s], events)
            .expect("no conflict");
        if let StreamVersion::Revision(r) = appended.version {
            versions[s] = ExpectedVersion::Exact(r);
        }
        i += batch;
    }
    store
}

/// 1 M ledger events: event i goes to account i % accounts, alternating deposits of 10 and
/// withdrawals of 3 per account, like the replay lab's generated scenario.
fn ledger(events: usize, accounts: usize) -> Store {
    let (deposited, withdrawn) = (Name::new("Deposited"), Name::new("Withdrawn"));
    let (id, amount) = (Name::new("id"), Name::new("amount"));
    let names = stream_names(accounts);
    let mut store = Store::with_capacity(events, 2);
    for i in 0..events {
        let n = i % accounts;
        let event = if (i / accounts).is_multiple_of(2) {
            NewEvent::new(deposited).with(id, n as i64).with(amount, 10)
        } else {
            NewEvent::new(withdrawn).with(id, n as i64).with(amount, 3)
        };
        store
            .append(&names[n], ExpectedVersion::Any, [event])
            .unwrap();
    }
    store
}

fn ledger_rules() -> RulesProjection {
    RulesProjection::new(
        Some("id"),
        [
            ("Deposited", Action::add([("balance", "amount")])),
            ("Withdrawn", Action::subtract([("balance", "amount")])),
        ],
    )
}

// ------------------------------------------------------------------ cqrs-es 0.5 MemStore

mod cqrs {
    use cqrs_es::event_sink::EventSink;
    use cqrs_es::mem_store::{MemStore, MemStoreAggregateContext};
    use cqrs_es::{Aggregate, DomainEvent, EventStore};
    use serde::{Deserialize, Serialize};
    use std::collections::HashMap;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub enum Ledger {
        Deposited { amount: i64 },
        Withdrawn { amount: i64 },
    }

    impl DomainEvent for Ledger {
        fn event_type(&self) -> String {
            match self {
                Ledger::Deposited { .. } => "Deposited".into(),
                Ledger::Withdrawn { .. } => "Withdrawn".into(),
            }
        }
        fn event_version(&self) -> String {
            "1".into()
        }
    }

    #[derive(Debug)]
    pub struct Never;
    impl std::fmt::Display for Never {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("never")
        }
    }
    impl std::error::Error for Never {}

    #[derive(Default, Serialize, Deserialize)]
    pub struct Account {
        pub balance: i64,
    }

    impl Aggregate for Account {
        const TYPE: &'static str = "account";
        type Command = ();
        type Event = Ledger;
        type Error = Never;
        type Services = ();

        async fn handle(&mut self, _: (), _: &(), _: &EventSink<Self>) -> Result<(), Never> {
            Ok(())
        }

        fn apply(&mut self, event: Ledger) {
            match event {
                Ledger::Deposited { amount } => self.balance += amount,
                Ledger::Withdrawn { amount } => self.balance -= amount,
            }
        }
    }

    /// Commits `events` small events in batches of `batch`, tracking each stream's sequence
    /// as a caller would (MemStore itself checks nothing).
    pub fn append(events: usize, batch: usize, names: &[String]) -> MemStore<Account> {
        let store = MemStore::<Account>::default();
        let mut sequences = vec![0usize; names.len()];
        let mut i = 0;
        while i < events {
            let s = (i / batch) % names.len();
            let context = MemStoreAggregateContext {
                aggregate_id: names[s].clone(),
                aggregate: Account::default(),
                current_sequence: sequences[s],
            };
            let payload = vec![Ledger::Deposited { amount: 10 }; batch];
            futures::executor::block_on(store.commit(payload, context, HashMap::new())).unwrap();
            sequences[s] += batch;
            i += batch;
        }
        store
    }

    pub fn ledger(events: usize, accounts: usize, names: &[String]) -> MemStore<Account> {
        let store = MemStore::<Account>::default();
        let per_account = events / accounts;
        for (n, name) in names.iter().enumerate().take(accounts) {
            let payload: Vec<Ledger> = (0..per_account)
                .map(|k| {
                    if k % 2 == 0 {
                        Ledger::Deposited { amount: 10 }
                    } else {
                        Ledger::Withdrawn { amount: 3 }
                    }
                })
                .collect();
            let context = MemStoreAggregateContext {
                aggregate_id: name.clone(),
                aggregate: Account::default(),
                current_sequence: 0,
            };
            futures::executor::block_on(store.commit(payload, context, HashMap::new())).unwrap();
            let _ = n;
        }
        store
    }

    /// Loads every account (the only read MemStore offers is per aggregate).
    pub fn replay(store: &MemStore<Account>, names: &[String]) -> i64 {
        let mut total = 0;
        for name in names {
            let context = futures::executor::block_on(store.load_aggregate(name)).unwrap();
            total += context.aggregate.balance;
        }
        total
    }
}

// ------------------------------------------------------------------ eventually 0.4 in-memory

mod ev {
    use eventually::EventStore as _;
    use eventually::inmemory::EventStore;
    use eventually::store::{Expected, Select};
    use futures::TryStreamExt;
    use std::collections::HashMap;

    pub use super::cqrs::Ledger;

    pub type Memory = EventStore<String, Ledger>;

    pub fn append(events: usize, batch: usize, names: &[String]) -> Memory {
        let mut store = Memory::default();
        let mut versions = vec![0u32; names.len()];
        let mut i = 0;
        while i < events {
            let s = (i / batch) % names.len();
            let payload = vec![Ledger::Deposited { amount: 10 }; batch];
            let fut = store.append(names[s].clone(), Expected::Exact(versions[s]), payload);
            versions[s] = futures::executor::block_on(fut).expect("no conflict");
            i += batch;
        }
        store
    }

    pub fn ledger(events: usize, accounts: usize, names: &[String]) -> Memory {
        let mut store = Memory::default();
        for i in 0..events {
            let n = i % accounts;
            let event = if (i / accounts).is_multiple_of(2) {
                Ledger::Deposited { amount: 10 }
            } else {
                Ledger::Withdrawn { amount: 3 }
            };
            futures::executor::block_on(store.append(names[n].clone(), Expected::Any, vec![event]))
                .unwrap();
        }
        store
    }

    /// The whole log in order (`stream_all`), folded into balances by stream.
    pub fn replay(store: &Memory) -> HashMap<String, i64> {
        futures::executor::block_on(async {
            let mut balances = HashMap::new();
            let mut all = store.stream_all(Select::All).await.unwrap();
            while let Some(event) = all.try_next().await.unwrap() {
                let id = event.source_id().clone();
                let delta = match event.take() {
                    Ledger::Deposited { amount } => amount,
                    Ledger::Withdrawn { amount } => -amount,
                };
                *balances.entry(id).or_insert(0) += delta;
            }
            balances
        })
    }
}

// ------------------------------------------------------------------ benchmarks

fn append(c: &mut Criterion) {
    let names = stream_names(STREAMS);
    for batch in [1usize, 100] {
        let mut group = c.benchmark_group(format!("append_batch_{batch}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(4));
        group.throughput(Throughput::Elements(MILLION as u64));
        group.bench_function("kata", |b| {
            b.iter_batched(
                || (),
                |_| ours_append(MILLION, batch, &names),
                BatchSize::PerIteration,
            )
        });
        group.bench_function("eventually", |b| {
            b.iter_batched(
                || (),
                |_| ev::append(MILLION, batch, &names),
                BatchSize::PerIteration,
            )
        });
        let cqrs_events = if batch == 1 {
            CQRS_BATCH1_EVENTS
        } else {
            MILLION
        };
        group.throughput(Throughput::Elements(cqrs_events as u64));
        group.bench_function("cqrs-es", |b| {
            b.iter_batched(
                || (),
                |_| cqrs::append(cqrs_events, batch, &names),
                BatchSize::PerIteration,
            )
        });
        group.finish();
    }
}

fn replay(c: &mut Criterion) {
    let names = stream_names(ACCOUNTS);
    let store = ledger(MILLION, ACCOUNTS);
    let rules = ledger_rules();
    let amount = Name::new("amount");
    let sum = Fold::new(0i64, move |total: &mut i64, event| {
        if let Some(Value::Int(n)) = event.data().field(amount) {
            *total += n;
        }
    });
    // Same answer both ways before timing anything.
    let state = store.replay(&rules, store.len());
    assert_eq!(state.len(), ACCOUNTS);
    assert_eq!(
        state.get(&Value::from(0)).and_then(|a| a.get("balance")),
        Some(&Value::from(350))
    );

    let mut group = c.benchmark_group("replay_1M");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Elements(MILLION as u64));
    group.bench_function("kata_rules_projection", |b| {
        b.iter(|| black_box(store.replay(&rules, store.len())))
    });
    group.bench_function("kata_trivial_fold", |b| {
        b.iter(|| black_box(store.replay(&sum, store.len())))
    });
    let eventually_store = ev::ledger(MILLION, ACCOUNTS, &names);
    group.bench_function("eventually_stream_all_fold", |b| {
        b.iter(|| black_box(ev::replay(&eventually_store)))
    });
    drop(eventually_store);
    let cqrs_store = cqrs::ledger(MILLION, ACCOUNTS, &names);
    group.bench_function("cqrs-es_load_every_aggregate", |b| {
        b.iter(|| black_box(cqrs::replay(&cqrs_store, &names)))
    });
    group.finish();
}

fn snapshot_rebuild(c: &mut Criterion) {
    let mut group = c.benchmark_group("rebuild_from_latest_snapshot");
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    // Same state size at every history length (1,000 accounts); snapshot every 1,000 events;
    // rebuild the last position, i.e. the latest snapshot plus a 999-event tail.
    for history in [10_000usize, 100_000, MILLION] {
        let store = ledger(history, 1_000);
        let mut travel = TimeTravel::new(ledger_rules(), SnapshotPolicy::Every(1_000));
        travel.catch_up(&store);
        let target = store.len() - 1;
        let rebuilt = travel.state_at(&store, target);
        assert_eq!(rebuilt.events_folded, 999);
        assert_eq!(rebuilt.state, store.replay(travel.projection(), target));
        group.bench_with_input(BenchmarkId::new("kata", history), &target, |b, &target| {
            b.iter(|| black_box(travel.state_at(&store, target)))
        });
    }
    group.finish();
}

/// Resident memory in bytes (Linux), for the bytes-per-event report.
fn resident() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<usize>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// The peers whose memory is measured, each in a process of its own.
const PEERS: [&str; 3] = ["kata", "eventually", "cqrs-es"];

/// Set in a child run of this bench: measure that peer's memory and exit.
const PEER: &str = "KATA_BENCH_MEMORY_PEER";

/// Bytes per stored small event of one peer, measured as growth of resident memory while
/// building its store (so allocator overhead counts), first thing in a fresh process.
fn measure_peer(peer: &str) {
    let names = stream_names(STREAMS);
    let before = resident();
    // Each store is kept until its memory is read.
    let per_event = || resident().saturating_sub(before) as f64 / MILLION as f64;
    let (per_event, accounted) = match peer {
        "kata" => {
            let store = ours_append(MILLION, 1, &names);
            (
                per_event(),
                Some(store.heap_bytes() as f64 / MILLION as f64),
            )
        }
        "eventually" => {
            let store = ev::append(MILLION, 1, &names);
            let measured = per_event();
            black_box(store);
            (measured, None)
        }
        "cqrs-es" => {
            let store = cqrs::append(MILLION, 100, &names);
            let measured = per_event();
            black_box(store);
            (measured, None)
        }
        other => panic!("no peer {other}"),
    };
    let accounted = accounted.map_or(String::new(), |a| {
        format!(" (store's own accounting: {a:.0})")
    });
    eprintln!("memory/bytes_per_small_event {peer}: {per_event:.0}{accounted}");
}

/// Each peer's bytes per small event, each measured in a fresh process (this bench run
/// again with `PEER` set), so no peer builds into memory another one freed.
fn memory_report() {
    let exe = std::env::current_exe().expect("this bench's path");
    for peer in PEERS {
        let out = std::process::Command::new(&exe)
            .env(PEER, peer)
            .output()
            .expect("the bench runs again");
        let text = String::from_utf8_lossy(&out.stderr);
        match text.lines().find(|l| l.starts_with("memory/")) {
            Some(line) if out.status.success() => eprintln!("{line}"),
            _ => eprintln!("memory/bytes_per_small_event {peer}: failed: {text}"),
        }
    }
}

fn main() {
    if let Ok(peer) = std::env::var(PEER) {
        return measure_peer(&peer);
    }
    let mut criterion = Criterion::default().configure_from_args();
    if std::env::args().all(|a| a != "--list") {
        memory_report();
    }
    append(&mut criterion);
    replay(&mut criterion);
    snapshot_rebuild(&mut criterion);
    criterion.final_summary();
}
