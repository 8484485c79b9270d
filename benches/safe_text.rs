//! What the one escaping choke point costs on kata's largest output (issue
//! 14, item 8): `kata replay bank-million` prints ~94 MB of text and ~113 MB
//! of JSON, all through `safe_text::SafeWriter`.
//!
//! Run: `cargo bench --bench safe_text`
//!
//! - `text/direct` and `text/safe`: 4 MiB of replay-like lines (arrows, dashes,
//!   `→`: multi-byte characters whose lead byte makes the fast scan look
//!   twice), written line by line with `writeln!` into a 64 KiB `BufWriter`,
//!   without and with a `SafeWriter` behind it — as `cli::output` does.
//! - `json/direct` and `json/safe`: the same for a JSON document of 20,000
//!   replay steps serialised by serde, which writes in many small pieces.
//!
//! The sink discards the bytes, so the figures are the escaping alone.

use criterion::{Criterion, Throughput};
use kata::safe_text::SafeWriter;
use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::time::Duration;

const LINES: usize = 50_000;
const STEPS: usize = 20_000;

fn line(i: usize) -> String {
    format!(
        "account-{} #{} Deposited — amount 10 → balance {}\n  ~ {}.balance: {} → {}",
        i % 1000,
        i / 1000,
        i * 10,
        i % 1000,
        i * 10,
        i * 10 + 10
    )
}

#[derive(serde::Serialize)]
struct Step {
    position: usize,
    stream: String,
    revision: usize,
    #[serde(rename = "type")]
    event_type: &'static str,
    data: serde_json::Value,
}

fn steps() -> Vec<Step> {
    (0..STEPS)
        .map(|i| Step {
            position: i,
            stream: format!("account-{}", i % 1000),
            revision: i / 1000,
            event_type: "Deposited",
            data: serde_json::json!({"accountId": i % 1000, "amount": 10, "note": "paid → ok"}),
        })
        .collect()
}

fn main() {
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));

    let lines: Vec<String> = (0..LINES).map(line).collect();
    let text_bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(text_bytes as u64));
    group.bench_function("direct", |b| {
        b.iter(|| {
            let mut out = BufWriter::with_capacity(64 * 1024, std::io::sink());
            for l in &lines {
                writeln!(out, "{l}").unwrap();
            }
            out.flush().unwrap();
        })
    });
    group.bench_function("safe", |b| {
        b.iter(|| {
            let mut out = BufWriter::with_capacity(64 * 1024, SafeWriter::new(std::io::sink()));
            for l in &lines {
                writeln!(out, "{l}").unwrap();
            }
            out.flush().unwrap();
        })
    });
    group.finish();

    let steps = steps();
    let json_bytes = serde_json::to_vec(&steps).unwrap().len();
    let mut group = c.benchmark_group("json");
    group.throughput(Throughput::Bytes(json_bytes as u64));
    group.bench_function("direct", |b| {
        b.iter(|| {
            let mut out = BufWriter::with_capacity(64 * 1024, std::io::sink());
            serde_json::to_writer(&mut out, black_box(&steps)).unwrap();
            out.flush().unwrap();
        })
    });
    group.bench_function("safe", |b| {
        b.iter(|| {
            let mut out = BufWriter::with_capacity(64 * 1024, SafeWriter::json(std::io::sink()));
            serde_json::to_writer(&mut out, black_box(&steps)).unwrap();
            out.flush().unwrap();
        })
    });
    group.finish();
    c.final_summary();
}
