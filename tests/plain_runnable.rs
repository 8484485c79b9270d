//! `kata plain` on runnable exercises: after each try the learner's
//! completion runs and its real outcome is printed, right or wrong.

use std::process::Command;

mod common;

fn plain(input: &str) -> String {
    let data = tempfile::tempdir().unwrap();
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data.path())
            .args(["plain", "--topic", "event-store"]),
        input,
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_wrong_then_a_right_try_each_show_what_the_code_did() {
    // The first practice item is define-event; its answer is B.
    let out = plain("A\nB\nq\n");
    let runs: Vec<&str> = out
        .match_indices("Your code ran:")
        .map(|(i, _)| &out[i..])
        .collect();
    assert_eq!(runs.len(), 2, "{out}");
    assert!(
        runs[0].contains("✗ test 1: the data is [123, 'Alice']: no field names a value"),
        "{out}"
    );
    let right = runs[1];
    assert!(
        right.contains("✓ test 1") && right.contains("✓ test 2"),
        "{out}"
    );
}
