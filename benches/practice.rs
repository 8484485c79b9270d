//! Marking one typed try (issue 12's target: ≤ 10 µs): comparing a typed
//! text with what a blank accepts, and a whole `Session::answer_typed` on
//! the bundled two-blank typed exercise (a fresh session per try, made
//! outside the measurement). No sandbox run: a runnable exercise's code runs
//! after the try is marked, and `benches/sandbox.rs` measures that.
//!
//! `cargo bench --bench practice`

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kata::content::Item;
use kata::practice::{Mode, Session};
use std::hint::black_box;

fn typed_check(c: &mut Criterion) {
    let catalog = kata::content::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let exercise = topic
        .exercises
        .iter()
        .find(|e| e.id == "fold-balance-typed")
        .expect("the bundled typed exercise")
        .clone();
    let texts = vec![" \"+=\" ".to_string(), "= balance -".to_string()];
    c.bench_function("typed_right, one blank", |b| {
        b.iter(|| black_box(&exercise).typed_right(1, black_box(&texts[1])))
    });
    let session = Session::new(Mode::Practice, vec![Item::Exercise(exercise)]);
    c.bench_function("answer_typed, two blanks, marked", |b| {
        b.iter_batched(
            || session.clone(),
            |mut s| black_box(s.answer_typed(&texts).unwrap().correct),
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, typed_check);
criterion_main!(benches);
