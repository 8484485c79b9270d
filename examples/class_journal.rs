//! Write a journal of N events (a class member's months of practice on the
//! bundled topic) to standard output, for the end-to-end sync benchmark
//! (benches/class_sync.sh): `cargo run --release --example class_journal 10000`.

use kata::progress::{Event, Recorded, content_hash, topic_items};
use std::io::Write;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for line in journal(n, seed) {
        out.write_all(line.as_bytes()).unwrap();
    }
}

/// Sessions of 20 tries over the bundled items, a hint now and then.
fn journal(n: usize, seed: u64) -> Vec<String> {
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
    let mut lines = Vec::with_capacity(n);
    let mut session = 0;
    while lines.len() < n {
        session += 1;
        let at = 1_732_700_000_000 + lines.len() as i64 * 5_000;
        let mut push = |event| lines.push(Recorded { at, event }.to_line());
        push(Event::SessionStarted {
            session,
            topic: "event-store".into(),
            mode: "quiz".into(),
            seed: None,
        });
        for t in 0..20 {
            let (item, hash, answer, options) = &items[rand(items.len() as u64) as usize];
            if rand(10) == 0 {
                push(Event::HintShown {
                    session,
                    topic: "event-store".into(),
                    item: item.clone(),
                    hash: hash.clone(),
                });
            }
            let right = rand(3) > 0;
            let chosen: Vec<usize> = answer
                .iter()
                .map(|&a| if right { a } else { (a + 1) % options })
                .collect();
            push(Event::AnswerSubmitted {
                typed: None,
                confidence: None,
                session,
                topic: "event-store".into(),
                item: item.clone(),
                hash: hash.clone(),
                chosen,
                try_number: t % 3 + 1,
                correct: right,
                points: if right { 1.0 } else { 0.0 },
            });
        }
    }
    lines.truncate(n);
    lines
}
