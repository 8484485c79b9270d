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
//! - `process`: `kata check DIR` as a real process (the release binary this
//!   bench was built with), median of 11 runs, printed once.
//! - `scaling/…`: one input doubled three times (blanks, options, equal
//!   options, inline tables on one line, scenario events with rules, folder
//!   depth): a linear check doubles its time at each step, a quadratic one
//!   quadruples it. Run alone: `cargo bench --bench check -- scaling`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
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
options = ["An immutable record of a change", "A cached copy of current state", "A lock that a service holds now", "A message queue between services"]
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
    if std::env::args().all(|a| a != "--list") {
        process(dir.path());
    }

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

/// `kata check DIR` as a process: the median of 11 runs of the release binary.
fn process(folder: &std::path::Path) {
    let mut times: Vec<Duration> = (0..11)
        .map(|_| {
            let start = std::time::Instant::now();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_kata"))
                .arg("check")
                .arg(folder)
                .env("KATA_HOME", folder.join("no-home"))
                .output()
                .expect("kata runs");
            let took = start.elapsed();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stdout)
            );
            took
        })
        .collect();
    times.sort();
    eprintln!(
        "process/kata check DIR: median {:.1} ms of 11 (min {:.1} ms, max {:.1} ms)",
        times[5].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[10].as_secs_f64() * 1e3
    );
}

const HEADER: &str = "[topic]\nid = \"gen\"\ntitle = \"Generated\"\n\n";

/// An exercise whose code has `n` blanks, every one answered.
fn blanks(n: usize) -> String {
    let code: Vec<String> = (1..=n).map(|i| format!("{{{{{i}}}}}")).collect();
    let answers = vec!["\"A\""; n].join(", ");
    format!(
        "{HEADER}[[exercise]]\nid = \"e\"\ndifficulty = \"easy\"\nprompt = \"p\"\ncode = \"{}\"\noptions = [\"a\", \"b\"]\nanswer = [{answers}]\nhint = \"h\"\nmistakes = [\"m\"]\n",
        code.join(" ")
    )
}

/// A question with `n` options (over 26 is one error; equal ones are one
/// error each, of which 100 are shown).
fn options(n: usize, equal: bool) -> String {
    let options: Vec<String> = (0..n)
        .map(|i| {
            if equal {
                "\"o\"".into()
            } else {
                format!("\"o{i}\"")
            }
        })
        .collect();
    format!(
        "{HEADER}[[question]]\nid = \"q\"\ndifficulty = \"easy\"\nprompt = \"p\"\noptions = [{}]\nanswer = \"A\"\nhint = \"h\"\nsteps = [\"s\"]\nmistakes = [\"m\"]\n",
        options.join(", ")
    )
}

/// `n` questions as inline tables, all on one line.
fn inline(n: usize) -> String {
    let questions: Vec<String> = (0..n)
        .map(|i| format!("{{ id = \"q{i}\", difficulty = \"easy\", prompt = \"p\", options = [\"a\", \"b\"], answer = \"A\", hint = \"h\", mistakes = [\"m\"] }}"))
        .collect();
    format!("question = [{}]\n{HEADER}", questions.join(", "))
}

/// A scenario of `n` listed events, each of its own type with its own rule.
fn events(n: usize) -> String {
    let events: Vec<String> = (0..n)
        .map(|i| format!("{{ stream = \"s-{i}\", type = \"T{i}\", data = {{ n = {i} }} }}"))
        .collect();
    let rules: Vec<String> = (0..n).map(|i| format!("T{i} = \"merge\"")).collect();
    format!(
        "{HEADER}[[scenario]]\nid = \"s\"\ntitle = \"t\"\nkey = \"n\"\nevents = [\n{}\n]\n[scenario.rules]\n{}\n",
        events.join(",\n"),
        rules.join("\n")
    )
}

fn check_text(text: &str) -> kata::content::Catalog {
    let mut sources = Sources::default();
    sources
        .files
        .push(SourceFile::new("gen.toml", text.as_bytes().to_vec()));
    sources.load()
}

/// Each input doubled: the time should double too.
fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    type Make = fn(usize) -> String;
    let inputs: [(&str, Make, usize); 5] = [
        ("blanks", blanks, 2_500),
        ("options", |n| options(n, false), 12_500),
        ("equal-options", |n| options(n, true), 12_500),
        ("inline-questions", inline, 1_000),
        ("scenario-events", events, 1_250),
    ];
    for (name, make, first) in inputs {
        for n in [first, first * 2, first * 4, first * 8] {
            let text = make(n);
            // Clean inputs must stay clean, or the bench measures error paths.
            let catalog = check_text(&text);
            if !name.contains("options") {
                assert!(
                    catalog.problems.is_empty(),
                    "{name} {n}: {}",
                    catalog.problems[0]
                );
            }
            group.bench_with_input(BenchmarkId::new(name, n), &text, |b, text| {
                b.iter(|| {
                    let catalog = check_text(text);
                    // Printing is part of `kata check`: long lines are cut.
                    let shown: usize = catalog.problems.iter().map(|d| d.render(false).len()).sum();
                    black_box((catalog, shown))
                })
            });
        }
    }
    // Folders: depth 8 to 64 (the limit), then far past it.
    let dir = tempfile::tempdir().expect("a temporary folder");
    for depth in [8usize, 16, 32, 64, 2_000] {
        let root = dir.path().join(format!("depth-{depth}"));
        let mut deep = root.clone();
        for _ in 0..depth {
            deep.push("d");
        }
        std::fs::create_dir_all(&deep).expect("folders");
        // At 2,000 levels the file is far past the limit: kata stops at 65.
        std::fs::write(deep.join("x.toml"), blanks(1)).expect("written");
        group.bench_with_input(BenchmarkId::new("folder-depth", depth), &root, |b, root| {
            b.iter(|| {
                let mut sources = Sources::default();
                sources.add_path(root);
                black_box(sources.load())
            })
        });
    }
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let only_scaling = std::env::args().any(|a| a == "scaling");
    if !only_scaling {
        bench(&mut criterion);
    }
    scaling(&mut criterion);
    criterion.final_summary();
}
