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
//! - `watch/save-to-results`: a kata open in the TUI (a real worker, a data
//!   folder), its work file written from outside, until the new results are
//!   drawn: the file watcher's wake-up, the loop's 25 ms look, the run and the
//!   frame. Target ≤ 150 ms.

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

/// Save → results on screen, the way the TUI's loop does it: tick every
/// `WATCH_EVERY` until the run the save caused is drawn.
fn watch(c: &mut Criterion) {
    use kata::tui::{Action, App, Options, Screen};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use std::time::Instant;
    let data = tempfile::tempdir().unwrap();
    let mut app = App::with_learner(
        kata::tui::catalog::load(&[]),
        Options {
            time_limit: None,
            seed: Some(0),
            theme: None,
            topic: None,
        },
        kata::tui::learner::Learner::open(data.path(), 0),
    );
    app.runner = Some(Box::new(Sandbox::new(WorkerCommand::kata(KATA))));
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    // Practice, paged to the count-events kata (as tests/tui/kata.rs does).
    for key in [KeyCode::Enter].into_iter().chain([KeyCode::Char('n'); 7]) {
        let event = Event::Key(KeyEvent::new(key, KeyModifiers::NONE));
        if let Some(action) = kata::tui::action_for_event(&app, &event) {
            kata::tui::update(&mut app, action);
        }
    }
    let runs = |app: &App| match &app.screen {
        Screen::Run(run) => run.session.current_state().runs,
        _ => panic!("not on a run"),
    };
    let file = match &app.screen {
        Screen::Run(run) => run.kata.as_ref().and_then(|p| p.file.clone()),
        _ => None,
    }
    .expect("the count-events kata with a work file");
    let mut n = 0u64;
    let mut group = c.benchmark_group("watch");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(6))
        .warm_up_time(Duration::from_secs(1));
    group.bench_function("save-to-results", |b| {
        b.iter(|| {
            n += 1;
            let before = runs(&app);
            // Different code each time: an unchanged file is not a save.
            let code = format!(
                "def count_by_type(events):\n    counts = {{}}  # {n}\n    for e in events:\n        counts[e.type] = counts.get(e.type, 0) + 1\n    return counts\n"
            );
            std::fs::write(&file, code).unwrap();
            let give_up = Instant::now() + Duration::from_secs(5);
            while runs(&app) == before {
                assert!(Instant::now() < give_up, "the save never ran the tests");
                std::thread::sleep(kata::tui::kata::WATCH_EVERY);
                kata::tui::update(&mut app, Action::Tick(Instant::now()));
            }
            kata::tui::draw(&mut term, &mut app).unwrap();
        })
    });
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    watch(&mut criterion);
    criterion.final_summary();
}
