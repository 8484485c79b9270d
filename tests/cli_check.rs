//! `kata check` as a user runs it: the report on standard output and the exit code.

use std::process::{Command, Output};

fn kata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("kata runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn bundled_files() -> usize {
    kata::content::load(&[]).files.len()
}

#[test]
fn bundled_content_checks_clean() {
    let output = kata(&["check"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert_eq!(
        text,
        format!("checked {} files: 0 errors, 0 warnings\n", bundled_files())
    );
}

#[test]
fn good_folder_passes() {
    let output = kata(&["check", "tests/fixtures/check/good"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert_eq!(
        text,
        format!(
            "checked {} files: 0 errors, 0 warnings\n",
            bundled_files() + 3
        )
    );
}

#[test]
fn bad_folder_fails_with_every_problem_placed() {
    let output = kata(&["check", "tests/fixtures/check/bad"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let expected_first = "\
tests/fixtures/check/bad/broken.toml:7:14: error: unknown difficulty `tough` [K013]
7 | difficulty = \"tough\"
  |              ^^^^^^^
  = help: use `easy`, `medium` or `hard`
";
    assert!(text.starts_with(expected_first), "{text}");
    assert!(
        text.contains(
            "tests/fixtures/check/bad/broken.toml:10:10: error: answer `C` names no option; there are 2 (`A` to `B`) [K012]\n10 | answer = \"C\"\n   |          ^^^\n"
        ),
        "{text}"
    );
    assert!(text.ends_with(&format!(
        "checked {} files: 2 errors, 0 warnings\n",
        bundled_files() + 2
    )));
}

#[test]
fn content_folders_are_checked_too() {
    let output = kata(&["--content", "tests/fixtures/check/bad", "check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("broken.toml:7:14: error:"));
}

#[test]
fn folder_without_toml_files_fails() {
    let output = kata(&["check", "tests/fixtures/check/empty"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.starts_with(
        "tests/fixtures/check/empty: error: folder holds no .toml file (folders are read recursively for *.toml) [K004]\n"
    ));
}

#[test]
fn missing_path_fails() {
    let output = kata(&["check", "tests/fixtures/check/nowhere.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("tests/fixtures/check/nowhere.toml: error: cannot read:"));
}

#[test]
fn warnings_alone_pass() {
    let output = kata(&["check", "tests/fixtures/check/rules/k025_no_items.toml"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.starts_with(
        "tests/fixtures/check/rules/k025_no_items.toml:1:1: warning: file defines no question, no exercise and no scenario [K025]\n"
    ));
    assert!(text.ends_with("0 errors, 1 warning\n"), "{text}");
}

#[test]
fn every_fixture_of_the_rules_folder_is_reported_in_one_run() {
    let output = kata(&["check", "tests/fixtures/check/rules"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    for rule in kata::content::RULES {
        if ["K002", "K003", "K004"].contains(&rule.code) {
            continue;
        }
        assert!(
            text.contains(&format!("[{}]", rule.code)),
            "{} missing",
            rule.code
        );
    }
}

#[test]
fn the_repositorys_own_content_folders_replace_their_bundled_copies() {
    // Checking `quizzes/` in the repository must not report every id as a
    // clash with the bundled copy of the same file.
    let output = kata(&["check", "quizzes", "exercises"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert_eq!(
        text,
        format!("checked {} files: 0 errors, 0 warnings\n", bundled_files())
    );
}
