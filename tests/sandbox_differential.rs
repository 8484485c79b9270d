//! Kata's sandbox against CPython: every bundled runnable item — the right
//! completion and every wrong option of every blank of each exercise (of a
//! typed one, every accepted text and every wrong one its feedback names), each
//! kata's solution and starter — prints the same and
//! passes or fails the same tests in both. CPython is `python3`; without it
//! the test says so and passes, except under CI (`CI=true`), where it fails.

use kata::content::{Exercise, letter};
use kata::practice::runnable;
use kata::sandbox::{Limits, Outcome, PRELUDE, Program, Sandbox, WorkerCommand};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const HARNESS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/sandbox/cpython.py"
);

/// Every program of `exercise` kata runs: the answer, and each completion
/// that differs from it in one blank — another option, or of a typed
/// exercise another accepted text or a wrong one its feedback foresees.
fn programs(exercise: &Exercise) -> Vec<(String, Program)> {
    if !exercise.is_typed() {
        return (completions(exercise).into_iter())
            .map(|(what, chosen)| (what, runnable::program(exercise, &chosen).unwrap()))
            .collect();
    }
    let right: Vec<String> = exercise.accept.iter().map(|a| a[0].clone()).collect();
    let mut all = vec![("the answer".to_string(), right.clone())];
    for blank in 0..exercise.blanks() {
        let others = exercise.accept[blank][1..].iter();
        let foreseen = (exercise.typed_feedback.keys()).filter(|t| !exercise.typed_right(blank, t));
        for text in others.chain(foreseen) {
            let mut typed = right.clone();
            typed[blank] = text.clone();
            all.push((format!("`{text}` in blank {}", blank + 1), typed));
        }
    }
    (all.into_iter())
        .map(|(what, typed)| (what, runnable::typed_program(exercise, &typed).unwrap()))
        .collect()
}

/// Every completion of `exercise` that differs from the answer in one blank, and the answer.
fn completions(exercise: &Exercise) -> Vec<(String, Vec<Option<usize>>)> {
    let right: Vec<Option<usize>> = exercise.answer.iter().copied().map(Some).collect();
    let mut all = vec![("the answer".to_string(), right.clone())];
    for blank in 0..exercise.blanks() {
        for option in 0..exercise.options.len() {
            if option != exercise.answer[blank] {
                let mut chosen = right.clone();
                chosen[blank] = Some(option);
                all.push((
                    format!("option {} in blank {}", letter(option), blank + 1),
                    chosen,
                ));
            }
        }
    }
    all
}

/// The name CPython gives the error kata reports.
fn python_name(kind: &str) -> &str {
    match kind {
        "RecursionLimit" => "RecursionError",
        "Timeout" => "TimeoutError",
        "MemoryLimit" => "MemoryError",
        other => other,
    }
}

struct CPython {
    child: std::process::Child,
    lines: BufReader<std::process::ChildStdout>,
}

impl CPython {
    fn start() -> Option<CPython> {
        let mut child = Command::new("python3")
            .arg(HARNESS)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let lines = BufReader::new(child.stdout.take()?);
        Some(CPython { child, lines })
    }

    fn run(&mut self, program: &Program) -> Value {
        let request = json!({
            "prelude": PRELUDE,
            "setup": program.setup,
            "code": program.code,
            "tests": program.tests,
        });
        let stdin = self.child.stdin.as_mut().unwrap();
        writeln!(stdin, "{request}").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        self.lines.read_line(&mut line).unwrap();
        serde_json::from_str(&line).expect("the harness answers JSON")
    }
}

fn compare(what: &str, kata: &Outcome, python: &Value) {
    assert_eq!(
        kata.output,
        python["output"].as_str().unwrap(),
        "{what}: stdout differs"
    );
    let passed: Vec<bool> = kata.tests.iter().map(|t| t.passed).collect();
    let python_passed: Vec<bool> = python["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_bool().unwrap())
        .collect();
    assert_eq!(passed, python_passed, "{what}: tests differ: {kata:?}");
    assert_eq!(
        kata.error.as_ref().map(|e| python_name(&e.kind)),
        python["error"].as_str(),
        "{what}: errors differ: {:?}",
        kata.error
    );
}

#[test]
fn bundled_runnable_items_behave_as_under_cpython() {
    let Some(mut python) = CPython::start() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "python3 is missing: CI must run the differential test"
        );
        eprintln!("python3 is missing: the differential test did not run");
        return;
    };
    let catalog = kata::replay::predict::load(&[]);
    let mut sandbox = Sandbox::new(WorkerCommand::kata(env!("CARGO_BIN_EXE_kata")));
    let mut compared = 0;
    for topic in &catalog.topics {
        for exercise in topic.exercises.iter().filter(|e| e.run.is_some()) {
            for (what, program) in programs(exercise) {
                let kata = sandbox.run(&program, &Limits::default());
                let python = python.run(&program);
                compare(
                    &format!("{}/{}, {what}", topic.id, exercise.id),
                    &kata,
                    &python,
                );
                compared += 1;
            }
        }
        for item in &topic.katas {
            for (what, code) in [("solution", &item.solution), ("starter", &item.starter)] {
                let program = kata::practice::program(item, code);
                let ran = sandbox.run(&program, &Limits::default());
                let python = python.run(&program);
                compare(
                    &format!("{}/{}, its {what}", topic.id, item.id),
                    &ran,
                    &python,
                );
                compared += 1;
            }
        }
    }
    assert!(
        compared >= 5 * 4 + 3 * 2,
        "only {compared} programs were compared"
    );
    drop(python.child.stdin.take());
    let _ = python.child.wait();
}
