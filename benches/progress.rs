//! The learner's journal: load 1,000,000 events and compute every projection
//! (target ≤ 1 s), and the latency of one durable append (bound by the disk).
//!
//! `cargo bench --bench progress`

use criterion::{Criterion, criterion_group, criterion_main};
use kata::progress::{
    Event, Journal, ProgressProjection, Recorded, Sink, content_hash, into_store, project, report,
};
use std::hint::black_box;
use std::time::Duration;

const EVENTS: usize = 1_000_000;
const DAY: i64 = 86_400_000;

/// A year of practice on the bundled topic: sessions of ~20 tries, hints now
/// and then, a test every tenth session, a topic reset twice.
fn journal_bytes() -> Vec<u8> {
    let catalog = kata::content::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let items: Vec<(String, String)> = kata::progress::topic_items(topic)
        .iter()
        .map(|i| (i.id().to_string(), content_hash(i)))
        .collect();
    let mut out = Vec::with_capacity(EVENTS * 170);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rand = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let mut written = 0;
    let mut session = 0u64;
    while written < EVENTS {
        session += 1;
        let at = 1_700_000_000_000 + (written as i64 * 365 * DAY) / EVENTS as i64;
        let mut push = |event: Event, at: i64| {
            out.extend_from_slice(Recorded { at, event }.to_line().as_bytes());
        };
        push(
            Event::SessionStarted {
                session,
                topic: topic.id.clone(),
                mode: "practice".into(),
                seed: None,
            },
            at,
        );
        written += 1;
        for k in 0..20 {
            let (item, hash) = &items[rand(items.len() as u64) as usize];
            if rand(15) == 0 {
                push(
                    Event::HintShown {
                        session,
                        topic: topic.id.clone(),
                        item: item.clone(),
                        hash: hash.clone(),
                    },
                    at + k,
                );
                written += 1;
            }
            let correct = rand(3) != 0;
            push(
                Event::AnswerSubmitted {
                    typed: None,
                    confidence: None,
                    session,
                    topic: topic.id.clone(),
                    item: item.clone(),
                    hash: hash.clone(),
                    chosen: vec![rand(4) as usize, rand(4) as usize],
                    try_number: 1 + rand(3) as u32,
                    correct,
                    points: if correct { 2.0 } else { 0.0 },
                },
                at + k,
            );
            written += 1;
        }
        if session.is_multiple_of(10) {
            push(
                Event::TestFinished {
                    session,
                    topic: topic.id.clone(),
                    seed: session,
                    points: rand(27) as f64,
                    total: 27,
                    verdict: "needs practice".into(),
                },
                at + 30,
            );
            written += 1;
        }
        if written % 400_000 < 22 {
            push(
                Event::ProgressReset {
                    topic: Some(topic.id.clone()),
                },
                at + 40,
            );
            written += 1;
        }
    }
    out
}

fn load_and_project(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = journal_bytes();
    std::fs::write(dir.path().join(kata::progress::JOURNAL_FILE), &bytes).unwrap();
    let catalog = kata::content::load(&[]);
    eprintln!(
        "journal: {} events, {:.1} MB",
        kata::progress::load_bytes(&bytes).events.len(),
        bytes.len() as f64 / 1e6
    );
    // A few timed runs with the process's CPU time beside the wall clock: on a
    // shared machine the wall clock depends on the neighbours, the CPU time much less.
    for _ in 0..3 {
        let (wall, cpu) = (std::time::Instant::now(), cpu_seconds());
        let (_, loaded) = Journal::open_read_only(dir.path()).unwrap();
        let progress = project(&loaded.events, 0);
        black_box(report(&progress, &catalog.topics, 20_000));
        drop((loaded, progress));
        eprintln!(
            "one load + projections: {:.2} s wall, {:.2} s CPU (all threads)",
            wall.elapsed().as_secs_f64(),
            cpu_seconds() - cpu
        );
    }
    let mut group = c.benchmark_group("progress");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("load 1M-event journal + all projections", |b| {
        b.iter(|| {
            let (_, loaded) = Journal::open_read_only(dir.path()).unwrap();
            let progress = project(&loaded.events, 0);
            black_box(report(&progress, &catalog.topics, 20_000))
        })
    });
    let loaded = kata::progress::load_bytes(&bytes);
    group.bench_function("parse only (1M lines)", |b| {
        b.iter(|| black_box(kata::progress::load_bytes(&bytes).events.len()))
    });
    group.bench_function("projections only (1M events)", |b| {
        b.iter(|| {
            let progress = project(&loaded.events, 0);
            black_box(report(&progress, &catalog.topics, 20_000))
        })
    });
    // The parts of "projections only", to see where the time goes.
    group.bench_function("part: events into the store", |b| {
        b.iter(|| black_box(into_store(&loaded.events).len()))
    });
    let store = into_store(&loaded.events);
    group.bench_function("part: store replay through ProgressProjection", |b| {
        b.iter(|| {
            black_box(
                store
                    .replay(&ProgressProjection::new(0), store.len())
                    .events,
            )
        })
    });
    let progress = project(&loaded.events, 0);
    group.bench_function("part: report (mastery, FSRS, streak)", |b| {
        b.iter(|| black_box(report(&progress, &catalog.topics, 20_000)))
    });
    group.finish();
}

/// User + system CPU time of this process so far, in seconds (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) start at `state`;
    // utime and stime are the 12th and 13th of them, in clock ticks (100 a second).
    let fields: Vec<&str> = stat
        .rsplit_once(") ")
        .map_or("", |(_, rest)| rest)
        .split(' ')
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn append_with_fsync(c: &mut Criterion) {
    // A folder under the target dir, so the disk is the project's disk, not a tmpfs.
    let base = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tempfile::tempdir_in(base).unwrap();
    let (mut journal, _) = Journal::open(dir.path()).unwrap();
    let recorded = Recorded {
        at: 1_700_000_000_000,
        event: Event::AnswerSubmitted {
            typed: None,
            confidence: None,
            session: 1,
            topic: "event-store".into(),
            item: "filter-orders".into(),
            hash: "0123456789abcdef".into(),
            chosen: vec![0, 1],
            try_number: 1,
            correct: true,
            points: 3.0,
        },
    };
    let mut group = c.benchmark_group("progress");
    group.sample_size(50);
    group.bench_function("append one event + fsync", |b| {
        b.iter(|| journal.append(black_box(&recorded)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, load_and_project, append_with_fsync);
criterion_main!(benches);
