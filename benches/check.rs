//! `kata check` at course scale (issue 7): 1,000 generated files holding
//! 10,000 items (5 questions and 5 exercises each, with every optional key),
//! spread over 20 topics so the cross-file checks (topic metadata, duplicate
//! ids) do real work.
//!
//! Run: `cargo bench --bench check`
//!
//! - `check/disk`: what `kata check DIR` does — read the folder, check it
//!   together with the bundled content. Target ≤ 300 ms.
//! - `check/memory`: the same without the disk.
//! - `parse/spanned` and `parse/plain`: only the TOML parse of the same text,
//!   the floor any checker stands on (`DeTable::parse` keeps the spans the
//!   checks need; `toml::Table` is the plain parse).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use kata::content::{SourceFile, Sources};

const FILES: usize = 1_000;
const ITEMS_PER_FILE: usize = 10;
const TOPICS: usize = 20;

/// One generated content file: `[topic]`, 5 questions and 5 exercises.
fn content_file(file: usize) -> String {
    let topic = file % TOPICS;
    let mut text = format!(
        "[topic]\nid = \"topic-{topic}\"\ntitle = \"Topic {topic}\"\narea = \"Benchmarks\"\nminutes = 30\n"
    );
    for k in 0..ITEMS_PER_FILE / 2 {
        text.push_str(&format!(
            r#"
[[question]]
id = "q-{file}-{k}"
difficulty = "medium"
prompt = "Which option describes event {file}.{k} best? Read each option carefully before answering."
options = ["An immutable record of a change", "A cached copy of current state", "A lock held by a service", "A message queue"]
answer = "A"
steps = ["Recall what an event store keeps.", "Rule out caches and locks.", "Keep the immutable record."]
quick_check = "Events are immutable records"
hint = "Think of an append-only log."
mistakes = ["Confusing events with cached state", "Thinking events can be edited"]
feedback = {{ B = "A cache holds copies, not history.", C = "Locks coordinate; they record nothing." }}
"#
        ));
        text.push_str(&format!(
            r#"
[[exercise]]
id = "e-{file}-{k}"
difficulty = "hard"
prompt = "Fill both blanks to keep only the OrderPlaced events."
lang = "python"
code = '''
placed = [event for event in store
          if event{{{{1}}}} {{{{2}}}} "OrderPlaced"]
'''
options = [".type", "==", "!=", ".data"]
answer = ["A", "B"]
attempts = 3
hint = "Compare the event's type with the wanted name."
mistakes = ["Using != instead of =="]
steps = ["Read the type with .type.", "Keep it when it equals the name."]
feedback = {{ C = "!= keeps every other event.", D = ".data is the payload, not the type." }}
"#
        ));
    }
    text
}

fn corpus() -> Vec<String> {
    (0..FILES).map(content_file).collect()
}

fn sources(texts: &'static [String]) -> Sources {
    let mut sources = Sources::bundled();
    for (i, text) in texts.iter().enumerate() {
        sources.files.push(SourceFile::new(
            format!("bench/{i:04}.toml"),
            text.as_bytes(),
        ));
    }
    sources
}

fn bench(c: &mut Criterion) {
    // Leaked once so every iteration borrows the text instead of copying it.
    let texts: &'static [String] = Box::leak(corpus().into_boxed_slice());
    let bytes: usize = texts.iter().map(String::len).sum();
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{i:04}.toml")), text).expect("written");
    }
    let folder = vec![dir.path().to_path_buf()];

    // The generated content must be clean, or the benchmark measures error paths.
    let catalog = kata::content::load(&folder);
    assert!(catalog.problems.is_empty(), "{}", catalog.problems[0]);
    let items: usize = catalog
        .topics
        .iter()
        .filter(|t| t.id.starts_with("topic-"))
        .map(|t| t.questions.len() + t.exercises.len())
        .sum();
    assert_eq!(items, FILES * ITEMS_PER_FILE);
    eprintln!(
        "corpus: {FILES} files, {items} items, {:.1} MB",
        bytes as f64 / 1e6
    );

    let mut group = c.benchmark_group("check");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("disk", |b| {
        b.iter(|| black_box(kata::content::load(&folder)))
    });
    group.bench_function("memory", |b| b.iter(|| black_box(sources(texts).load())));
    group.finish();

    let mut group = c.benchmark_group("parse");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("spanned", |b| {
        b.iter(|| {
            for text in texts {
                black_box(toml::de::DeTable::parse(text).expect("valid"));
            }
        })
    });
    group.bench_function("plain", |b| {
        b.iter(|| {
            for text in texts {
                black_box(text.parse::<toml::Table>().expect("valid"));
            }
        })
    });
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
}
