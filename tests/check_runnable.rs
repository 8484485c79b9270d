//! `kata check` on runnable exercises (issue 10): the checks that run the
//! code, through the binary, with exact positions inside the TOML strings.

use std::process::Command;

/// One reported problem: code, line, column, severity, message.
type Problem = (String, u64, u64, String, String);

/// Every problem `kata check FIXTURE` reports, and its exit code.
fn check(fixture: &str) -> (Vec<Problem>, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(["check", "--format", "json"])
        .arg(format!("tests/fixtures/check/{fixture}"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("kata runs");
    let problems = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        // The last line is the summary record, not a problem.
        .filter(|line| !line.starts_with("{\"summary\""))
        .map(|line| {
            let d: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (problems, out.status.code().unwrap())
}

fn at(problems: &[Problem]) -> Vec<(&str, u64, u64)> {
    problems
        .iter()
        .map(|(code, line, column, _, _)| (code.as_str(), *line, *column))
        .collect()
}

#[test]
fn a_runnable_exercise_whose_answer_passes_checks_clean() {
    let (problems, code) = check("runnable/good_runnable.toml");
    assert_eq!(problems, []);
    assert_eq!(code, 0);
}

#[test]
fn k037_a_run_table_on_another_language_is_an_error_at_lang() {
    let (problems, code) = check("rules/k037_run_not_python.toml");
    assert_eq!(at(&problems), [("K037", 9, 8)]);
    assert!(problems[0].4.contains("`javascript`"));
    assert_eq!(code, 1);
}

#[test]
fn k038_python_that_does_not_parse_is_reported_inside_the_toml_string() {
    let (problems, code) = check("rules/k038_run_syntax.toml");
    // The setup's open bracket runs to the end of the setup (its line 3, the
    // file's line 19); the test's at the end of the test string.
    assert_eq!(at(&problems), [("K038", 19, 1), ("K038", 35, 26)]);
    assert!(
        problems[0]
            .4
            .starts_with("`setup` is not valid Python: SyntaxError")
    );
    assert!(
        problems[1]
            .4
            .starts_with("test 2 is not valid Python: SyntaxError")
    );
    assert_eq!(code, 1);
}

#[test]
fn k039_a_right_answer_that_fails_or_prints_otherwise_is_an_error() {
    let (problems, code) = check("rules/k039_run_fails.toml");
    assert_eq!(at(&problems), [("K039", 18, 8), ("K039", 31, 1)]);
    assert_eq!(problems[0].4, "the answer (A) fails test 2: total is 3");
    assert_eq!(
        problems[1].4,
        "the answer prints \"3\\n\", but `output` says \"4\\n\""
    );
    assert_eq!(code, 1);
}

#[test]
fn k040_a_wrong_option_the_tests_cannot_tell_from_the_answer_is_a_warning() {
    let (problems, code) = check("rules/k040_option_passes.toml");
    assert_eq!(at(&problems), [("K040", 15, 1), ("K040", 15, 1)]);
    assert_eq!(
        problems[0].4,
        "the tests cannot tell option B in blank 1 from the answer"
    );
    assert!(problems.iter().all(|p| p.3 == "warning"));
    assert_eq!(code, 0, "warnings alone pass");
}

#[test]
fn k049_and_k038_a_kata_is_checked_by_running_its_solution_and_starter() {
    let (problems, code) = check("rules/k049_starter_passes.toml");
    // The passing starter at its [[kata]] header; the solution's syntax
    // error at its place inside the `solution` string.
    assert_eq!(at(&problems), [("K049", 5, 1), ("K038", 30, 19)]);
    assert_eq!(problems[0].3, "warning");
    assert!(
        problems[1]
            .4
            .starts_with("the solution is not valid Python: SyntaxError")
    );
    assert_eq!(code, 1);
}

#[test]
fn k050_an_effect_beside_a_run_is_a_warning_at_the_effect() {
    let (problems, code) = check("rules/k050_effect_beside_run.toml");
    assert_eq!(at(&problems), [("K050", 16, 10)]);
    assert_eq!(problems[0].3, "warning");
    assert!(
        problems[0]
            .4
            .contains("simulate what the run already shows")
    );
    assert_eq!(code, 0, "a warning alone passes");
}
