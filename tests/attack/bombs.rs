//! Attacks: content that passes `kata check` but would exhaust memory or
//! time (issue 14, items 9 and 10).
//!
//! A test that could allocate without bound if its fix regressed runs in a
//! child process under a 1 GiB address-space limit (`ulimit -v`): a regression
//! fails the test with an allocation failure instead of taking the machine.

use kata::content::{Datum, Generate, RuleAction, Scenario, Sources, estimate_memory};
use std::path::Path;
use std::process::{Command, Output};

/// Address space a child may use, in KiB: the bomb wants terabytes.
const LIMIT_KIB: u64 = 1 << 20;

/// Set in a child run, so the test body runs instead of spawning again.
const CHILD: &str = "KATA_ATTACK_CHILD";

/// The scenario of the attack: 10,000,000 events over 10,000,000 entities,
/// a snapshot after every event.
const BOMB: &str = r#"[topic]
id = "bombs"
title = "Bombs"

[[scenario]]
id = "bomb"
title = "Ten million entities, a snapshot after every event"
key = "n"
snapshot_every = 1
[scenario.rules]
Ticked = { add = { ticks = "by" } }
[scenario.generate]
count = 10_000_000
entities = 10_000_000
stream = "clock"
pattern = [ { type = "Ticked", data = { by = 1 } } ]
"#;

/// The bomb as the checker would have let it through, for the paths that
/// must refuse it without relying on `kata check`.
fn bomb() -> Scenario {
    generated(10_000_000, 10_000_000, 1, "add")
}

fn generated(count: u64, entities: u64, snapshot_every: u64, verb: &str) -> Scenario {
    let rule = match verb {
        "add" => RuleAction::Add(vec![("ticks".into(), "by".into())]),
        "push" => RuleAction::Push(vec![("seen".into(), "by".into())]),
        "create" => RuleAction::Create,
        other => panic!("no verb {other}"),
    };
    Scenario {
        id: "bomb".into(),
        title: "bomb".into(),
        key: Some("n".into()),
        snapshot_every,
        rules: vec![("Ticked".into(), rule)],
        generate: Some(Generate {
            count,
            entities,
            stream: "clock".into(),
            pattern: vec![("Ticked".into(), vec![("by".into(), Datum::Int(1))])],
        }),
        ..Scenario::default()
    }
}

/// Runs `command` with at most `LIMIT_KIB` of address space.
fn limited(command: &mut Command) -> Output {
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(format!("ulimit -v {LIMIT_KIB} && exec \"$0\" \"$@\""))
        .arg(program)
        .args(args);
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => sh.env(key, value),
            None => sh.env_remove(key),
        };
    }
    sh.output().expect("sh runs")
}

/// Runs the test `name` of this binary again, alone, in a memory-limited
/// child; `true` when this is that child (run the body).
fn in_limited_child(name: &str) -> bool {
    if std::env::var_os(CHILD).is_some() {
        return true;
    }
    let exe = std::env::current_exe().unwrap();
    let out = limited(
        Command::new(exe)
            .args([name, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, "1"),
    );
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "child {name} failed: {text}");
    assert!(text.contains("1 passed"), "the child ran no test: {text}");
    false
}

fn kata() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kata"));
    command
        .env_remove("NO_COLOR")
        .env("KATA_HOME", "/nonexistent/kata-home");
    command
}

fn bomb_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bomb.toml"), BOMB).unwrap();
    dir
}

/// Item 9: the bomb passed `kata check` with 0 errors.
#[test]
fn check_refuses_the_snapshot_bomb_with_its_estimate() {
    let dir = bomb_folder();
    let out = limited(kata().arg("check").arg(dir.path()));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("bomb.toml:9:18: error: scenario `bomb` needs about"),
        "{text}"
    );
    assert!(text.contains("the limit is 512 MiB [K035]"), "{text}");
    assert!(text.contains("raise `snapshot_every`"), "{text}");
}

/// Item 9: `kata replay` allocated until it aborted (3.4 GB, signal 6).
#[test]
fn replay_of_the_bomb_ends_with_a_message_not_an_abort() {
    let dir = bomb_folder();
    let out = limited(
        kata()
            .arg("--content")
            .arg(dir.path())
            .args(["replay", "bomb"]),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("kata: `bomb` was not loaded: "),
        "{stderr}"
    );
    assert!(stderr.contains("[K035]"), "{stderr}");
}

/// Item 9: the replay core refuses an unchecked bomb (a journal, a
/// scenario built in code) before it builds anything.
#[test]
fn the_replay_core_refuses_an_unchecked_bomb_before_building() {
    if !in_limited_child("bombs::the_replay_core_refuses_an_unchecked_bomb_before_building") {
        return;
    }
    let refused = match kata::replay::Timeline::try_new(&bomb()) {
        Err(refused) => refused,
        Ok(_) => panic!("the bomb was built"),
    };
    assert_eq!(refused.largest_part(), "snapshots");
    assert!(refused.to_string().contains("the limit is 512 MiB"));
}

/// Item 9: in the TUI lab the abort left the terminal in the alternate
/// screen. The lab refuses before a build starts: its build would be held,
/// so a lab that did not refuse would show "building", not an error.
#[test]
fn the_lab_refuses_the_bomb_before_any_build_starts() {
    let progress = kata::replay::Progress::held();
    let opened = kata::tui::lab::Lab::open_with_progress(bomb(), None, progress.clone());
    let refused = match opened {
        Err(refused) => refused,
        Ok(_) => {
            progress.cancel();
            progress.release();
            panic!("the lab started building the bomb");
        }
    };
    assert!(
        refused
            .to_string()
            .starts_with("scenario `bomb` needs about")
    );
    assert_eq!(progress.get(), (0, 0), "nothing was appended");
    // From the catalog, as the picker and `r` open it.
    let mut catalog = kata::content::Catalog::default();
    catalog.scenarios.push(bomb());
    assert!(matches!(
        kata::tui::lab::Lab::open(&catalog, "bomb", None),
        Some(Err(_))
    ));
}

/// Item 9: the estimate the budget stands on is not below what a build
/// really takes, for the shapes that grow memory fastest: many entities
/// snapshotted often, lists pushed to between snapshots, a warning per event,
/// and the bundled million-event shape. Each shape is built in a fresh child
/// process and its peak resident memory (VmHWM) compared.
#[test]
fn the_estimate_is_not_below_the_peak_memory_of_a_build() {
    if std::env::var_os(CHILD).is_some() {
        let shape = std::env::var("KATA_ATTACK_SHAPE").unwrap();
        let scenario = shape_of(&shape);
        let before = peak_kib();
        let timeline = kata::replay::Timeline::new(&scenario);
        let grown = (peak_kib() - before) * 1024;
        let estimate = estimate_memory(&scenario).total();
        println!(
            "{shape}: peak grew {grown} B, estimate {estimate} B ({:?})",
            estimate_memory(&scenario)
        );
        assert!(!timeline.is_empty());
        assert!(
            grown <= estimate,
            "{shape}: the build took {grown} bytes, the estimate says {estimate}"
        );
        // Not so far above that the budget refuses reasonable content.
        if shape == "million" {
            assert!(
                estimate <= 3 * grown.max(1),
                "{shape}: {estimate} vs {grown}"
            );
        }
        return;
    }
    let exe = std::env::current_exe().unwrap();
    for shape in ["entities", "lists", "warnings", "million"] {
        let out = limited(
            Command::new(&exe)
                .args([
                    "bombs::the_estimate_is_not_below_the_peak_memory_of_a_build",
                    "--exact",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD, "1")
                .env("KATA_ATTACK_SHAPE", shape),
        );
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{shape}: {text}");
        assert!(text.contains("1 passed"), "{shape}: {text}");
        // The figures BENCHMARKS.md quotes.
        for line in text.lines().filter(|l| l.contains("peak grew")) {
            eprintln!("{line}");
        }
    }
}

fn shape_of(name: &str) -> Scenario {
    match name {
        // The state grows while every tenth event is snapshotted (30 MB).
        "entities" => generated(10_000, 5_000, 10, "add"),
        // One list per entity, pushed to at every event, snapshotted often:
        // each snapshot keeps its copy of the lists (10 MB).
        "lists" => generated(4_000, 10, 20, "push"),
        // `create` of an existing entity warns at every event after the
        // first pass (20 MB).
        "warnings" => generated(100_000, 100, 0, "create"),
        "million" => {
            let catalog = kata::replay::predict::load(&[]);
            catalog.scenario("bank-million").unwrap().clone()
        }
        other => panic!("no shape {other}"),
    }
}

/// This process's peak resident memory, in KiB.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

/// Item 10: a valid exercise with 20,000 blanks took 36 s to check. It now
/// loads, every blank in place.
#[test]
fn twenty_thousand_blanks_check_clean() {
    let catalog = check_text(&blanks(20_000));
    assert!(catalog.problems.is_empty(), "{:?}", &catalog.problems[..1]);
    let exercise = &catalog.topics[0].exercises[0];
    assert_eq!(exercise.answer.len(), 20_000);
}

/// Item 10: every blank's place was found by walking the whole code string
/// again (quadratic in the blanks), and every column by counting from the
/// start of its line (quadratic for a file of inline tables on one line).
/// The bytes walked must double with the input, not quadruple.
#[test]
fn the_work_of_placing_diagnostics_grows_linearly() {
    let walked = |text: &str| {
        let before = kata::content::work::walked();
        let catalog = check_text(text);
        assert!(catalog.problems.is_empty(), "{:?}", &catalog.problems[..1]);
        kata::content::work::walked() - before
    };
    type Make = fn(usize) -> String;
    for (name, make) in [
        ("blanks", blanks as Make),
        ("inline questions", inline_questions),
    ] {
        let (single, double) = (walked(&make(2_000)), walked(&make(4_000)));
        assert!(single > 0, "{name}: nothing counted");
        assert!(
            double * 2 <= single * 5,
            "{name}: {single} bytes walked for 2,000, {double} for 4,000"
        );
    }
}

fn inline_questions(n: usize) -> String {
    let questions: Vec<String> = (0..n)
        .map(|i| format!("{{ id = \"q{i}\", difficulty = \"easy\", prompt = \"p\", options = [\"a\", \"b\"], answer = \"A\", hint = \"h\", mistakes = [\"m\"] }}"))
        .collect();
    format!(
        "question = [{}]\n[topic]\nid = \"gen\"\ntitle = \"Generated\"\n",
        questions.join(", ")
    )
}

/// Item 10: 100,000 options took 15 s; now one K014, and 100,000 equal
/// options show 100 problems and a count of the rest.
#[test]
fn a_hundred_thousand_options_give_a_bounded_report() {
    let distinct = (0..100_000)
        .map(|i| format!("\"o{i}\""))
        .collect::<Vec<_>>();
    let catalog = check_text(&question(&distinct.join(", ")));
    let codes: Vec<&str> = catalog.problems.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["K014"]);

    let same = vec!["\"o\""; 100_000].join(", ");
    let catalog = check_text(&question(&same));
    assert_eq!(catalog.problems.len(), 101, "100 shown and one summary");
    let last = catalog.problems.last().unwrap();
    assert!(
        last.message
            .starts_with("99900 more problems in this file not shown"),
        "{}",
        last.message
    );
    assert!(
        last.at.is_some(),
        "the summary points at the first one not shown"
    );
    // Shown, each problem prints a window of its 500 KB line, not all of it.
    let shown: usize = catalog.problems.iter().map(|d| d.to_string().len()).sum();
    assert!(shown < 200_000, "{shown} bytes printed");
}

/// Item 10: 1,000 nested folders took 6.6 s and 2,000 took 61 s. Past 64
/// levels kata stops with K036 and the rest of the folder loads.
#[test]
fn deep_folders_stop_at_the_depth_limit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("top.toml"), blanks(3)).unwrap();
    // Paths longer than the system's limit cannot be made directly: walk down.
    let mut deep = dir.path().to_path_buf();
    for _ in 0..200 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("lost.toml"), blanks(3)).unwrap();
    let mut sources = Sources::default();
    sources.add_path(dir.path());
    let catalog = sources.load();
    let codes: Vec<&str> = catalog.problems.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["K036"], "{:?}", catalog.problems);
    let depth = Path::new(&catalog.problems[0].path)
        .strip_prefix(dir.path())
        .unwrap()
        .components()
        .count();
    assert_eq!(depth, kata::content::MAX_FOLDER_DEPTH + 1);
    assert_eq!(catalog.topics.len(), 1, "the file at the top still loads");
}

fn check_text(text: &str) -> kata::content::Catalog {
    let mut sources = Sources::default();
    sources.files.push(kata::content::SourceFile::new(
        "gen.toml",
        text.as_bytes().to_vec(),
    ));
    sources.load()
}

fn blanks(n: usize) -> String {
    let code: Vec<String> = (1..=n).map(|i| format!("{{{{{i}}}}}")).collect();
    let answers = vec!["\"A\""; n].join(", ");
    format!(
        "[topic]\nid = \"gen\"\ntitle = \"Generated\"\n\n[[exercise]]\nid = \"e\"\ndifficulty = \"easy\"\nprompt = \"p\"\ncode = \"{}\"\noptions = [\"a\", \"b\"]\nanswer = [{answers}]\nhint = \"h\"\nmistakes = [\"m\"]\n",
        code.join(" ")
    )
}

fn question(options: &str) -> String {
    format!(
        "[topic]\nid = \"gen\"\ntitle = \"Generated\"\n\n[[question]]\nid = \"q\"\ndifficulty = \"easy\"\nprompt = \"p\"\noptions = [{options}]\nanswer = \"A\"\nhint = \"h\"\nsteps = [\"s\"]\nmistakes = [\"m\"]\n"
    )
}
