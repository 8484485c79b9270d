//! The replay lab at scale: the 1,000,000-event bundled scenario generated and
//! fully replayed (appends, then one replay that takes the snapshots and
//! collects warnings), and a lab frame drawn at the start, middle and end.
//! Run: `cargo bench --bench replay`; peak memory: `cargo run --release
//! --example replay_memory`. Results go in BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use kata::replay::Timeline;
use kata::tui::app::Screen;
use kata::tui::lab::{Lab, Phase};
use kata::tui::theme::Theme;
use kata::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::Duration;

fn million() -> kata::content::Scenario {
    kata::content::load(&[])
        .scenario("bank-million")
        .expect("bundled")
        .clone()
}

fn build(c: &mut Criterion) {
    let scenario = million();
    let mut group = c.benchmark_group("replay");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("bank-million: generate 1M events + full replay", |b| {
        b.iter(|| black_box(Timeline::new(&scenario).len()))
    });
    let timeline = Timeline::new(&scenario);
    group.bench_function("bank-million: full replay only (1M events)", |b| {
        b.iter(|| {
            black_box(
                timeline
                    .store()
                    .replay(timeline.rules(), timeline.len())
                    .len(),
            )
        })
    });
    group.bench_function(
        "bank-million: state at the end from the latest snapshot",
        |b| b.iter(|| black_box(timeline.state_at(timeline.len() - 1).0.len())),
    );
    group.finish();
}

fn frame(c: &mut Criterion) {
    let catalog = kata::content::load(&[]);
    let phase = Lab::open(&catalog, "bank-million", None)
        .expect("bundled")
        .expect("within the memory budget");
    let mut app = App::new(
        catalog,
        Options {
            theme: Some(Theme { color: true }),
            ..Options::default()
        },
    );
    let mut lab = Lab { phase, back: None };
    lab.wait_ready();
    app.screen = Screen::Lab(Box::new(lab));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut group = c.benchmark_group("lab_frame");
    for (name, cursor) in [("start", 0), ("middle", 500_000), ("end", 1_000_000)] {
        if let Screen::Lab(lab) = &mut app.screen
            && let Phase::Ready(view) = &mut lab.phase
        {
            view.timeline.go_to(cursor);
        }
        group.bench_function(format!("draw 120x40 at {name} of 1M"), |b| {
            b.iter(|| {
                kata::tui::draw(&mut term, &mut app).unwrap();
                black_box(term.backend().buffer().area);
            })
        });
    }
    group.bench_function("step forward + draw at the middle of 1M", |b| {
        b.iter(|| {
            kata::tui::update(&mut app, kata::tui::Action::StepForward);
            kata::tui::draw(&mut term, &mut app).unwrap();
        })
    });
    group.bench_function(
        "step back (snapshot + fold) + draw at the middle of 1M",
        |b| {
            b.iter(|| {
                kata::tui::update(&mut app, kata::tui::Action::StepBack);
                kata::tui::draw(&mut term, &mut app).unwrap();
            })
        },
    );
    group.finish();
}

/// Predict's core on the million: the true change at a position and the
/// derived choices. The worst positions are the last before a snapshot: the
/// rebuild folds 9,999 events after the previous one (issue 12: ≤ 1 ms).
fn predict(c: &mut Criterion) {
    use kata::replay::predict::{choices, truth_at};
    let timeline = Timeline::new(&million());
    let mut group = c.benchmark_group("predict");
    for (name, position, folded) in [
        ("the event right after a snapshot (fold 0)", 500_000, 0),
        ("the worst position (fold 9,999)", 999_999, 9_999),
    ] {
        // The state before the event is the rule's rebuild at the position before it.
        assert_eq!(timeline.rebuild_at(position - 1).events, folded);
        group.bench_function(format!("bank-million: truth at {name}"), |b| {
            b.iter(|| black_box(truth_at(&timeline, position)))
        });
        let entity = timeline
            .event(position)
            .and_then(|e| e.data().field(kata::store::Name::new("accountId")).cloned())
            .expect("every event names its account");
        group.bench_function(format!("bank-million: choices at {name}"), |b| {
            b.iter(|| black_box(choices(&timeline, position, &entity, "balance")))
        });
        // Predict mode's whole question: the truth, the slips, the outcomes.
        let step = kata::replay::prediction::Step::Event(position);
        group.bench_function(
            format!("bank-million: Predict mode's question at {name}"),
            |b| b.iter(|| black_box(kata::replay::prediction::ask(&timeline, step))),
        );
    }
    group.finish();
}

criterion_group!(benches, build, frame, predict);
criterion_main!(benches);
