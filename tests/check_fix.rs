//! `kata check --fix` and the `fix` of `--format json`, as an author runs
//! them: a copy of `tests/fixtures/check/fixable` (one slip of every kind
//! kata can fix) comes out as `tests/fixtures/check/fixed`, byte for byte,
//! and checks clean.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

fn kata(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("kata runs")
}

/// A copy of the fixable topic in a fresh folder.
fn fixable_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["quiz.toml", "exercise.toml"] {
        std::fs::copy(fixture("fixable").join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn text(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn every_certain_fix_is_applied_and_the_topic_then_checks_clean() {
    let dir = fixable_copy();
    let output = kata(dir.path(), &["check", "--fix", "."]);
    let report = text(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(
        report
            .starts_with("fixed 6 problems in ./exercise.toml\nfixed 5 problems in ./quiz.toml\n"),
        "{report}"
    );
    assert!(report.ends_with(": 0 errors, 0 warnings\n"), "{report}");
    for name in ["quiz.toml", "exercise.toml"] {
        let fixed = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let expected = std::fs::read_to_string(fixture("fixed").join(name)).unwrap();
        assert_eq!(fixed, expected, "{name}");
    }
    // Nothing but the two files: no temporary file is left beside them.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);

    // A second run has nothing to fix and changes nothing.
    let again = kata(dir.path(), &["check", "--fix", "."]);
    assert!(!text(&again).contains("fixed"), "{}", text(&again));
}

#[test]
fn the_json_report_carries_each_fix_and_checking_alone_writes_nothing() {
    let dir = fixable_copy();
    let before = std::fs::read_to_string(dir.path().join("quiz.toml")).unwrap();
    let output = kata(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(output.status.code(), Some(1));
    let records: Vec<serde_json::Value> = text(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let fixed: Vec<(String, String)> = records
        .iter()
        .filter(|r| !r["fix"].is_null())
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                r["fix"]["replacement"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // The first round: what is certain before anything is fixed (the
    // misspelt keys of a `[question]` table are reported once it parses).
    assert_eq!(
        fixed,
        [
            ("K013", "\"medium\""),
            ("K054", "{{2}}"),
            ("K052", "\\u0041"),
            ("K052", ""),
            ("K008", "\"no_stream\""),
            ("K028", "OrderShipped"),
            ("K005", "[[question]]"),
        ]
        .map(|(c, r)| (c.to_string(), r.to_string()))
    );
    let k054 = records.iter().find(|r| r["code"] == "K054").unwrap();
    assert_eq!(
        k054["fix"],
        serde_json::json!({"line": 9, "column": 25, "end": {"line": 9, "column": 32}, "replacement": "{{2}}"})
    );
    assert!(records.last().unwrap()["summary"].is_object());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("quiz.toml")).unwrap(),
        before
    );
}

#[test]
fn with_json_the_fixed_lines_go_to_standard_error() {
    let dir = fixable_copy();
    let output = kata(dir.path(), &["check", "--fix", "--format", "json", "."]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    assert!(
        stderr.contains("fixed 5 problems in ./quiz.toml"),
        "{stderr}"
    );
    for line in text(&output).lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("JSON Lines only");
    }
}

#[test]
fn bundled_content_is_never_fixed() {
    // `kata check --fix` with no path: the bundled content only, which has
    // nothing to fix and is never written.
    let dir = tempfile::tempdir().unwrap();
    let output = kata(dir.path(), &["check", "--fix"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(!text(&output).contains("fixed"));
}
