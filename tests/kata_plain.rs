//! `kata plain` on a kata, through the binary and kata's real sandbox: the
//! code is read up to a line holding only `.`, the tests run, the results
//! are printed, and a right answer solves it and is recorded.

use std::process::Command;

mod common;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/kata/double.toml"
);

fn plain(data: &std::path::Path, input: &str) -> (String, i32) {
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data)
            .args(["--content", FIXTURE, "plain", "--topic", "double"]),
        input,
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn wrong_code_then_right_code_solves_the_kata() {
    let data = tempfile::tempdir().unwrap();
    let input = "def double(x):\n    return x + 1\n.\ndef double(x):\n    return 2 * x\n.\n";
    let (out, code) = plain(data.path(), input);
    assert_eq!(code, 0, "{out}");
    // The prompt and the starter come first.
    assert!(out.contains("Write double(x): twice x."), "{out}");
    assert!(
        out.contains("Starter:\n    def double(x):\n        pass\n"),
        "{out}"
    );
    // The wrong code: one test fails with the assertion's own message.
    assert!(out.contains("✗ test 1: double(2) is 3"), "{out}");
    assert!(out.contains("✗ test 2: double(0) is 1"), "{out}");
    assert!(out.contains("0/2 tests pass"), "{out}");
    assert!(out.contains("Not yet"), "{out}");
    // The right code solves it for the medium kata's 2 points.
    assert!(out.contains("✓ test 1\n✓ test 2\n2/2 tests pass"), "{out}");
    assert!(
        out.contains("solved: every test passes (2 points)"),
        "{out}"
    );
    assert!(out.contains("The author's solution:"), "{out}");
    assert!(out.contains("score: 2/2 (100%)"), "{out}");
    // Both runs are in the journal, the second one solved.
    let journal = std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap();
    let runs: Vec<&str> = journal
        .lines()
        .filter(|l| l.contains("\"CodeRun\""))
        .collect();
    assert_eq!(runs.len(), 2, "{journal}");
    assert!(runs[0].contains("\"passed\":0") && runs[0].contains("\"solved\":false"));
    assert!(runs[1].contains("\"passed\":2") && runs[1].contains("\"solved\":true"));
}

#[test]
fn a_syntax_error_is_shown_with_its_line_and_costs_nothing() {
    let data = tempfile::tempdir().unwrap();
    let input = "def double(x)\n    return 2 * x\n.\nh\ndef double(x):\n    return 2 * x\n.\n";
    let (out, code) = plain(data.path(), input);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("error: SyntaxError"), "{out}");
    assert!(
        out.contains("(line 1"),
        "the line in the learner's code:\n{out}"
    );
    assert!(out.contains("hint: Multiply by two."), "{out}");
    // Solved after the hint: half of 2 points.
    assert!(out.contains("score: 1/2 (50%)"), "{out}");
}

#[test]
fn q_stops_and_g_gives_up_with_the_solution() {
    let data = tempfile::tempdir().unwrap();
    let (out, _) = plain(data.path(), "q\n");
    assert!(out.contains("score: 0/2 (0%)"), "{out}");
    assert!(!out.contains("tests pass"), "{out}");
    let (out, _) = plain(data.path(), "g\n");
    assert!(out.contains("Given up"), "{out}");
    assert!(out.contains("    return 2 * x"), "the solution:\n{out}");
}

#[test]
fn output_and_messages_of_the_code_are_escaped() {
    let data = tempfile::tempdir().unwrap();
    let input = "print('\\x1b[2Jcleared')\ndef double(x):\n    return 2 * x\n.\n";
    let (out, _) = plain(data.path(), input);
    assert!(out.contains("\\u{1b}[2Jcleared"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no escape byte reaches the terminal"
    );
}
