//! Moodle GIFT and XML in and out (issue 15): reading a 10,000-question
//! bank (and writing its kata files), and writing 10,000 questions.
//!
//! `cargo bench --bench interop`

use criterion::{Criterion, criterion_group, criterion_main};
use kata::content::interop::gift;
use kata::content::{SourceFile, Sources};
use std::hint::black_box;
use std::time::Duration;

/// A bank of `n` questions in 20 categories, each with four options, two
/// feedbacks and general feedback, as Moodle writes them.
fn bank(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        if i % (n / 20).max(1) == 0 {
            out.push_str(&format!(
                "$CATEGORY: $course$/top/Category {}\n\n",
                i / (n / 20).max(1)
            ));
        }
        out.push_str(&format!(
            "::q{i}::[html]What does event store <b>{i}</b> keep after a crash\\: the log, the cache or nothing?{{\n\
             \t=Every appended event, in order#Right\\: the log is durable.\n\
             \t~Only the latest snapshot#A snapshot is a cache of the log.\n\
             \t~The read models#Read models are rebuilt from the log.\n\
             \t~Nothing at all\n\
             \t####The log is the source of truth; everything else is derived.\n}}\n\n"
        ));
    }
    out
}

fn gift_in_and_out(c: &mut Criterion) {
    let text = bank(10_000);
    let mut group = c.benchmark_group("gift");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("import 10,000 questions (read + kata files)", |b| {
        b.iter(|| {
            let bank = gift::read(black_box(&text), "bank").unwrap();
            let files: Vec<String> = bank.topics.iter().map(|t| t.to_toml("bank.gift")).collect();
            black_box(files.len())
        })
    });
    // The kata files of the bank, loaded and checked once, to export from.
    let bank = gift::read(&text, "bank").unwrap();
    let mut sources = Sources::default();
    for t in &bank.topics {
        sources.files.push(SourceFile::new(
            format!("{}.toml", t.id),
            t.to_toml("bank.gift").into_bytes(),
        ));
    }
    let catalog = sources.load();
    assert_eq!(
        catalog
            .topics
            .iter()
            .map(|t| t.questions.len())
            .sum::<usize>(),
        10_000
    );
    group.bench_function("export 10,000 questions", |b| {
        b.iter(|| {
            let bytes: usize = catalog
                .topics
                .iter()
                .map(|t| gift::write(black_box(t)).text.len())
                .sum();
            black_box(bytes)
        })
    });
    group.bench_function("import 10,000 questions and check the kata files", |b| {
        b.iter(|| {
            let bank = gift::read(black_box(&text), "bank").unwrap();
            let mut sources = Sources::default();
            for t in &bank.topics {
                sources.files.push(SourceFile::new(
                    format!("{}.toml", t.id),
                    t.to_toml("bank.gift").into_bytes(),
                ));
            }
            black_box(sources.load().topics.len())
        })
    });
    // The same 10,000 questions as Moodle XML, written by kata and read back.
    let xml =
        kata::content::interop::moodle_xml::write_all(&catalog.topics.iter().collect::<Vec<_>>())
            .text;
    group.bench_function("export 10,000 questions as Moodle XML", |b| {
        b.iter(|| {
            black_box(
                kata::content::interop::moodle_xml::write_all(
                    &catalog.topics.iter().collect::<Vec<_>>(),
                )
                .text
                .len(),
            )
        })
    });
    group.bench_function(
        "import 10,000 questions from Moodle XML (read + kata files)",
        |b| {
            b.iter(|| {
                let bank =
                    kata::content::interop::moodle_xml::read(black_box(&xml), "bank").unwrap();
                let files: Vec<String> =
                    bank.topics.iter().map(|t| t.to_toml("bank.xml")).collect();
                black_box(files.len())
            })
        },
    );
    group.finish();
}

criterion_group!(benches, gift_in_and_out);
criterion_main!(benches);
