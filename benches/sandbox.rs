//! Running code (issue 10): the learner's completion of a seed exercise in
//! kata's sandbox, a worker's start, and the commands around them.
//!
//! Run: `cargo bench --bench sandbox`
//!
//! - `sandbox/run-seed-exercise`: one run of `filter-orders` (setup with a
//!   `@dataclass`, the code, two tests) through a warm worker, JSON round trip
//!   included. Target ≤ 2 ms median.
//! - `sandbox/worker-start`: a fresh worker: spawn, first run of `pass`, exit.
//!   Target ≤ 20 ms.
//! - `process/kata-check`: `kata check` as a process, every runnable item run
//!   (each right and each wrong completion). Target ≤ 150 ms.
//! - `process/kata-list`: `kata list` as a process; the sandbox is not on its
//!   path. Target ≤ 5 ms.

use criterion::Criterion;
use kata::practice::runnable;
use kata::sandbox::{Limits, Program, Sandbox, WorkerCommand};
use std::hint::black_box;
use std::process::Command;
use std::time::Duration;

const KATA: &str = env!("CARGO_BIN_EXE_kata");

fn bench(c: &mut Criterion) {
    let catalog = kata::content::load(&[]);
    let exercise = catalog
        .topic("event-store")
        .and_then(|t| t.exercises.iter().find(|e| e.id == "filter-orders"))
        .expect("the seed exercise is bundled")
        .clone();
    let right: Vec<Option<usize>> = exercise.answer.iter().copied().map(Some).collect();
    let mut sandbox = Sandbox::new(WorkerCommand::kata(KATA));
    assert!(
        runnable::run(&mut sandbox, &exercise, &right)
            .unwrap()
            .passed()
    );

    let mut group = c.benchmark_group("sandbox");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    group.bench_function("run-seed-exercise", |b| {
        b.iter(|| black_box(runnable::run(&mut sandbox, &exercise, &right)))
    });
    let pass = Program {
        code: "pass".into(),
        ..Program::default()
    };
    group.bench_function("worker-start", |b| {
        b.iter(|| {
            let mut fresh = Sandbox::new(WorkerCommand::kata(KATA));
            black_box(fresh.run(&pass, &Limits::default()))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("process");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    let home = tempfile::tempdir().unwrap();
    group.bench_function("kata-check", |b| {
        b.iter(|| {
            let out = Command::new(KATA)
                .arg("check")
                .env("KATA_HOME", home.path())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stdout)
            );
        })
    });
    group.bench_function("kata-list", |b| {
        b.iter(|| {
            let out = Command::new(KATA)
                .arg("list")
                .env("KATA_HOME", home.path())
                .output()
                .unwrap();
            assert!(out.status.success());
        })
    });
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
}
