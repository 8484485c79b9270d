//! Peak memory of the replay lab's 1,000,000-event scenario: builds it the way
//! the lab does (store + snapshots + warnings) and reads the process's peak
//! resident set (VmHWM) from /proc/self/status. Linux only.
//! Run: `cargo run --release --example replay_memory [SCENARIO]`.

fn field_kib(status: &str, name: &str) -> Option<u64> {
    status
        .lines()
        .find(|l| l.starts_with(name))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    let id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "bank-million".into());
    let catalog = kata::content::load(&[]);
    let scenario = catalog.scenario(&id).expect("a bundled scenario id");
    let status = || std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let before = field_kib(&status(), "VmHWM:").unwrap_or(0);
    if std::env::var_os("KATA_PROBE").is_some() {
        let t = std::time::Instant::now();
        let (store, _, _) = kata::replay::build_store(scenario, &kata::replay::Progress::default());
        let appended = t.elapsed();
        let rules = kata::replay::projection(scenario);
        let t = std::time::Instant::now();
        let state = store.replay(&rules, store.len());
        println!(
            "probe: appends {:.0} ms, replay {:.0} ms ({} entities)",
            appended.as_secs_f64() * 1e3,
            t.elapsed().as_secs_f64() * 1e3,
            state.len()
        );
    }
    let started = std::time::Instant::now();
    let timeline = kata::replay::Timeline::new(scenario);
    let took = started.elapsed();
    let after = status();
    let peak = field_kib(&after, "VmHWM:").unwrap_or(0);
    let now = field_kib(&after, "VmRSS:").unwrap_or(0);
    println!(
        "{id}: {} events, {} snapshots, built in {:.0} ms; peak RSS {:.1} MB (before build {:.1} MB), RSS now {:.1} MB; store heap {:.1} MB",
        timeline.len(),
        timeline.snapshots().len(),
        took.as_secs_f64() * 1e3,
        peak as f64 / 1024.0,
        before as f64 / 1024.0,
        now as f64 / 1024.0,
        timeline.store().heap_bytes() as f64 / 1e6,
    );
}
