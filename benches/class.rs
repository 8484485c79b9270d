//! kata's own share of a class sync and report (issue 16): mapping a
//! 10,000-event journal to statements (with their JSON), and the report's
//! figures over 100,000 statements. The LRS's share is measured end to end by
//! benches/class_sync.sh against a local Ralph.
//!
//! `cargo bench --bench class`

use criterion::{Criterion, criterion_group, criterion_main};
use kata::class::plan::plan;
use kata::class::{Contents, Learner, Mapper};
use kata::progress::{Event, Recorded, content_hash, topic_items};
use std::hint::black_box;
use std::time::Duration;

fn journal(n: usize, seed: u64) -> Vec<u8> {
    let catalog = kata::content::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let items: Vec<_> = topic_items(topic)
        .iter()
        .map(|i| {
            (
                i.id().to_string(),
                content_hash(i),
                i.answer(),
                i.options().len(),
            )
        })
        .collect();
    let mut x = 0x2545_F491_4F6C_DD1D_u64 ^ seed;
    let mut rand = move |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let mut out = Vec::new();
    let mut lines = 0;
    let mut session = 0;
    while lines < n {
        session += 1;
        let at = 1_732_700_000_000 + lines as i64 * 5_000;
        let mut push = |event| {
            out.extend_from_slice(Recorded { at, event }.to_line().as_bytes());
            lines += 1;
        };
        push(Event::SessionStarted {
            session,
            topic: "event-store".into(),
            mode: "quiz".into(),
            seed: None,
        });
        for t in 0..20 {
            let (item, hash, answer, options) = &items[rand(items.len() as u64) as usize];
            let right = rand(3) > 0;
            push(Event::AnswerSubmitted {
                typed: None,
                confidence: None,
                session,
                topic: "event-store".into(),
                item: item.clone(),
                hash: hash.clone(),
                chosen: answer
                    .iter()
                    .map(|&a| if right { a } else { (a + 1) % options })
                    .collect(),
                try_number: t % 3 + 1,
                correct: right,
                points: if right { 1.0 } else { 0.0 },
            });
        }
    }
    out
}

fn map_journal(c: &mut Criterion) {
    let catalog = kata::content::load(&[]);
    let contents = Contents::from_catalog(&catalog);
    let bytes = journal(10_000, 1);
    let learner = Learner::parse("mailto:ana@example.org").unwrap();
    let mut group = c.benchmark_group("class sync, kata's share");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("map 10,000 journal events to statement JSON", |b| {
        b.iter(|| {
            let mut mapper =
                Mapper::new(learner.clone(), "https://class.example.org/kata", &contents);
            let plan = plan(black_box(&bytes), 0, &mut mapper);
            let body = serde_json::to_vec(
                &plan
                    .outgoing
                    .iter()
                    .map(|o| &o.statement)
                    .collect::<Vec<_>>(),
            )
            .unwrap();
            black_box(body.len())
        })
    });
    group.finish();
}

fn report_figures(c: &mut Criterion) {
    let catalog = kata::content::load(&[]);
    let contents = Contents::from_catalog(&catalog);
    // 200 learners × 500 statements.
    let mut page = Vec::new();
    for l in 0..200 {
        let learner = Learner::parse(&format!("mailto:learner{l}@example.org")).unwrap();
        let bytes = journal(500, l);
        let mut mapper = Mapper::new(learner, "https://class.example.org/kata", &contents);
        page.extend(
            plan(&bytes, 0, &mut mapper)
                .outgoing
                .into_iter()
                .map(|o| o.statement),
        );
    }
    let body = serde_json::to_vec(&serde_json::json!({"statements": page, "more": ""})).unwrap();
    let mut group = c.benchmark_group("class report, kata's share");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("parse and figure 100,000 statements", |b| {
        b.iter(|| {
            let (reads, _) = kata::class::fetch::read_page(black_box(&body)).unwrap();
            let report = kata::class::report::figures_of(reads, &contents, None);
            black_box(report.items.len())
        })
    });
    // The two halves, to say where the time goes.
    group.bench_function("parse 100,000 statements", |b| {
        b.iter(|| {
            black_box(
                kata::class::fetch::read_page(black_box(&body))
                    .unwrap()
                    .0
                    .len(),
            )
        })
    });
    let (reads, _) = kata::class::fetch::read_page(&body).unwrap();
    group.bench_function("figure 100,000 read statements", |b| {
        b.iter_batched(
            || reads.clone(),
            |reads| {
                black_box(
                    kata::class::report::figures_of(reads, &contents, None)
                        .items
                        .len(),
                )
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, map_journal, report_figures);
criterion_main!(benches);
