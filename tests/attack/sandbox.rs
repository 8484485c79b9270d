//! Hostile Python in kata's sandbox (issue 10, "the sandbox never hurts
//! kata"): each snippet is stopped with the learner's message, and the same
//! sandbox runs the next program as if nothing happened.

use kata::sandbox::{Limits, Outcome, Program, Sandbox, WorkerCommand};

fn sandbox() -> Sandbox {
    Sandbox::new(WorkerCommand::kata(env!("CARGO_BIN_EXE_kata")))
}

fn code(code: &str) -> Program {
    Program {
        code: code.to_string(),
        tests: vec!["assert True".to_string()],
        ..Program::default()
    }
}

/// After any attack, an ordinary program runs, prints and passes.
fn still_works(sandbox: &mut Sandbox) {
    let after = sandbox.run(
        &Program {
            setup: "xs = [1, 2, 3]".into(),
            code: "print(sum(xs))".into(),
            tests: vec!["assert sum(xs) == 6".into()],
        },
        &Limits::default(),
    );
    assert_eq!(after.output, "6\n", "{after:?}");
    assert!(after.passed(), "{after:?}");
}

fn stopped(outcome: &Outcome, kind: &str, message: &str) {
    let error = outcome.error.as_ref().expect("the run is stopped");
    assert_eq!(error.kind, kind, "{outcome:?}");
    assert!(
        error.message.contains(message),
        "`{}` should say `{message}`",
        error.message
    );
    assert!(!outcome.passed());
}

#[test]
fn a_loop_forever_is_stopped_at_the_time_limit() {
    let mut s = sandbox();
    let outcome = s.run(&code("while True:\n    pass"), &Limits::default());
    stopped(&outcome, "Timeout", "took longer than 1 s");
    assert!(
        outcome.tests[0]
            .message
            .as_deref()
            .unwrap()
            .starts_with("not run")
    );
    still_works(&mut s);
}

#[test]
fn a_lowered_time_limit_is_the_one_reported() {
    let mut s = sandbox();
    let limits = Limits {
        time: std::time::Duration::from_millis(100),
        ..Limits::default()
    };
    let outcome = s.run(&code("n = 0\nwhile True:\n    n += 1"), &limits);
    stopped(&outcome, "Timeout", "took longer than 0.1 s");
    still_works(&mut s);
}

#[test]
fn endless_recursion_is_stopped() {
    let mut s = sandbox();
    let outcome = s.run(&code("def f():\n    return f()\n\nf()"), &Limits::default());
    stopped(&outcome, "RecursionLimit", "recursed too deeply");
    assert_eq!(outcome.error.as_ref().unwrap().line, Some(2));
    still_works(&mut s);
}

#[test]
fn a_huge_list_is_stopped_at_the_memory_limit() {
    let mut s = sandbox();
    let outcome = s.run(&code("x = [0] * 10**10"), &Limits::default());
    stopped(&outcome, "MemoryLimit", "used more than 64 MiB");
    still_works(&mut s);
}

#[test]
fn memory_grown_a_little_at_a_time_is_stopped_too() {
    let mut s = sandbox();
    let outcome = s.run(
        &code("chunks = []\nwhile True:\n    chunks.append('y' * 100000)"),
        &Limits::default(),
    );
    stopped(&outcome, "MemoryLimit", "used more than 64 MiB");
    still_works(&mut s);
}

#[test]
fn printing_without_end_is_stopped_at_the_output_limit() {
    let mut s = sandbox();
    let outcome = s.run(
        &code("while True:\n    print('x' * 1000)"),
        &Limits::default(),
    );
    stopped(&outcome, "OutputLimit", "printed more than 64 KiB");
    assert!(outcome.output.len() <= 64 * 1024);
    still_works(&mut s);
}

#[test]
fn printing_a_gigabyte_is_stopped_before_it_is_made() {
    let mut s = sandbox();
    let outcome = s.run(&code("print('x' * 10**9)"), &Limits::default());
    // The string itself is over the memory limit, so it is never built nor printed.
    stopped(&outcome, "MemoryLimit", "used more than 64 MiB");
    assert_eq!(outcome.output, "");
    still_works(&mut s);
}

#[test]
fn importing_os_is_refused_at_the_import() {
    let mut s = sandbox();
    let outcome = s.run(
        &code("x = 1\nimport os\nprint(os.environ)"),
        &Limits::default(),
    );
    stopped(
        &outcome,
        "NotAvailable",
        "`os` is not available in kata's sandbox",
    );
    assert_eq!(outcome.error.as_ref().unwrap().line, Some(2));
    assert_eq!(outcome.output, "");
    still_works(&mut s);
}

#[test]
fn other_host_modules_are_refused() {
    let mut s = sandbox();
    for (source, module) in [
        ("from pathlib import Path", "`pathlib`"),
        ("import sys", "`sys`"),
        ("import datetime", "`datetime`"),
        ("import subprocess", "`subprocess`"),
    ] {
        let outcome = s.run(&code(source), &Limits::default());
        stopped(
            &outcome,
            "NotAvailable",
            &format!("{module} is not available"),
        );
    }
    still_works(&mut s);
}

#[test]
fn opening_a_file_is_refused() {
    let mut s = sandbox();
    let outcome = s.run(
        &code("text = open('/etc/passwd').read()\nprint(text)"),
        &Limits::default(),
    );
    stopped(
        &outcome,
        "NotAvailable",
        "is not available in kata's sandbox",
    );
    assert_eq!(outcome.output, "");
    still_works(&mut s);
}

#[test]
fn dunder_import_tricks_are_refused() {
    let mut s = sandbox();
    for source in [
        "os = __import__('os')\nprint(os.getcwd())",
        "f = getattr(__builtins__, '__import__')",
        "eval(\"__import__('os')\")",
    ] {
        let outcome = s.run(&code(source), &Limits::default());
        let error = outcome.error.as_ref().expect("refused");
        assert!(
            error.kind == "NotAvailable" || error.kind == "NameError",
            "{source}: {error:?}"
        );
        assert_eq!(outcome.output, "");
    }
    still_works(&mut s);
}

#[test]
fn a_refusal_cannot_be_caught_and_ignored() {
    let mut s = sandbox();
    let outcome = s.run(
        &code("try:\n    open('/etc/passwd')\nexcept Exception:\n    print('caught')"),
        &Limits::default(),
    );
    stopped(&outcome, "NotAvailable", "not available");
    assert_eq!(outcome.output, "");
    still_works(&mut s);
}

#[test]
fn deeply_nested_source_does_not_take_kata_down() {
    let mut s = sandbox();
    let source = format!("x = {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let outcome = s.run(&code(&source), &Limits::default());
    assert!(outcome.error.is_some(), "{:?}", outcome.error);
    still_works(&mut s);
}

#[test]
fn a_killed_worker_is_replaced() {
    let mut s = sandbox();
    still_works(&mut s);
    // Only a stuck worker is killed by kata; here a limit kills it, then the next run starts anew.
    let outcome = s.run(
        &code("while True:\n    pass"),
        &Limits {
            time: std::time::Duration::from_millis(50),
            ..Limits::default()
        },
    );
    assert_eq!(outcome.error.as_ref().unwrap().kind, "Timeout");
    still_works(&mut s);
}
