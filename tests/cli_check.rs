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
    kata::replay::predict::load(&[]).files.len()
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
  |
7 | difficulty = \"tough\"
  |              ^^^^^^^ bad-difficulty
  |
  = help: use `easy`, `medium` or `hard`
";
    assert!(text.starts_with(expected_first), "{text}");
    assert!(
        text.contains(
            "tests/fixtures/check/bad/broken.toml:10:10: error: answer `C` names no option; there are 2 (`A` to `B`) [K012]\n   |\n10 | answer = \"C\"\n   |          ^^^ answer-out-of-range\n"
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
        if ["K002", "K003", "K004", "K036"].contains(&rule.code) {
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

#[test]
fn deny_warnings_fails_on_a_warning() {
    let file = "tests/fixtures/check/rules/k025_no_items.toml";
    assert_eq!(kata(&["check", file]).status.code(), Some(0));
    let output = kata(&["check", "--deny-warnings", file]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output)
            .contains("warning: file defines no question, no exercise and no scenario [K025]")
    );
    // Without warnings, denying them changes nothing.
    assert_eq!(kata(&["check", "--deny-warnings"]).status.code(), Some(0));
}

#[test]
fn piped_output_holds_no_escape_code_even_for_a_hostile_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.toml");
    std::fs::write(
        &file,
        "[topic]\nid = \"evil\"\ntitle = \"Evil \u{1b}[2J\"\n\u{1b}[31m = 1\n",
    )
    .unwrap();
    for no_color in [None, Some("1")] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kata"));
        command.args(["check", file.to_str().unwrap()]);
        if let Some(value) = no_color {
            command.env("NO_COLOR", value);
        }
        let output = command.output().unwrap();
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(1), "{text}");
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains("evil.toml:3:"), "{text}");
    }
}

/// The problems of a `--format json` run, and its exit code; the last
/// record, the summary, is checked against them and left out.
fn json_problems(args: &[&str]) -> (Option<i32>, Vec<serde_json::Value>) {
    let output = kata(args);
    let mut problems: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    let summary = problems.pop().expect("a summary record ends the output");
    let summary = &summary["summary"];
    assert_eq!(summary["version"], 1, "{summary}");
    let errors = problems.iter().filter(|p| p["severity"] == "error").count();
    assert_eq!(summary["errors"], errors, "{summary}");
    assert_eq!(summary["warnings"], problems.len() - errors, "{summary}");
    assert!(summary["files"].as_u64().unwrap() > 0, "{summary}");
    (output.status.code(), problems)
}

#[test]
fn json_format_names_each_problem_with_its_place() {
    let (code, problems) =
        json_problems(&["check", "--format", "json", "tests/fixtures/check/bad"]);
    assert_eq!(code, Some(1));
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(
        problems[0],
        serde_json::json!({
            "path": "tests/fixtures/check/bad/broken.toml",
            "line": 7,
            "column": 14,
            "end": {"line": 7, "column": 21},
            "severity": "error",
            "code": "K013",
            "name": "bad-difficulty",
            "message": "unknown difficulty `tough`",
            "help": "use `easy`, `medium` or `hard`",
            "related": [],
            "fix": null,
        })
    );
    assert_eq!(problems[1]["code"], "K012");
    assert_eq!(
        (problems[1]["line"].as_u64(), problems[1]["column"].as_u64()),
        (Some(10), Some(10))
    );
}

#[test]
fn json_format_gives_related_places_and_whole_file_problems() {
    let (_, problems) = json_problems(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/check/rules/k010_duplicate_id.toml",
        "tests/fixtures/check/empty",
    ]);
    let duplicate = problems.iter().find(|p| p["code"] == "K010").unwrap();
    assert_eq!(duplicate["related"][0]["message"], "first defined here");
    assert!(
        duplicate["related"][0]["line"].as_u64().unwrap() < duplicate["line"].as_u64().unwrap()
    );
    let folder = problems.iter().find(|p| p["code"] == "K004").unwrap();
    assert_eq!(folder["line"], serde_json::Value::Null);
    assert_eq!(folder["end"], serde_json::Value::Null);
    assert_eq!(folder["path"], "tests/fixtures/check/empty");
}

#[test]
fn json_format_of_clean_content_is_only_the_summary() {
    let (code, problems) = json_problems(&["check", "--format", "json"]);
    assert_eq!(code, Some(0));
    assert!(problems.is_empty());
}

/// Issue 15 items 1 and 3: one mistake is one error at its cause. A scenario
/// of a file with errors still counts as defined for the files that name it,
/// and a title mismatch with that file shows in the same run.
#[test]
fn one_mistake_is_reported_once_at_its_cause_and_cross_file_checks_run_in_the_same_pass() {
    let (code, problems) =
        json_problems(&["check", "--format", "json", "tests/fixtures/check/cross"]);
    let codes: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| {
            let file = p["path"].as_str().unwrap().rsplit('/').next().unwrap();
            (p["code"].as_str().unwrap(), file)
        })
        .collect();
    // Files load in name order: lessons.toml gives the title first, so the
    // mismatch is reported in orders.toml, beside its own mistake.
    assert_eq!(
        codes,
        [("K011", "orders.toml"), ("K032", "orders.toml")],
        "no K026 in lessons.toml: {problems:?}"
    );
    assert_eq!(code, Some(1));
}

/// Issue 15 item 2: `check FILE` reports no false K026 when its scenarios
/// are in a sibling file: the rest of its folder is read for the scenarios
/// it defines, and the report says which files were read; only the named
/// file is checked and reported.
#[test]
fn check_file_reads_its_folder_for_references_and_reports_only_that_file() {
    let output = kata(&["check", "tests/fixtures/check/split/questions.toml"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("0 errors, 0 warnings"), "{text}");
    assert!(
        text.contains(
            "read for scenario references, not checked: tests/fixtures/check/split/scenarios.toml"
        ),
        "{text}"
    );
    // A sibling's own errors are not this file's: lessons.toml is fine, and
    // its scenario, in the broken orders.toml, counts as defined.
    let (code, problems) = json_problems(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/check/cross/lessons.toml",
    ]);
    assert_eq!(
        problems,
        Vec::<serde_json::Value>::new(),
        "nothing reported for lessons.toml"
    );
    assert_eq!(code, Some(0));
    let (_, problems) = json_problems(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/check/cross/orders.toml",
    ]);
    let codes: Vec<String> = problems.iter().map(|p| p["code"].to_string()).collect();
    // Alone, orders.toml has its own mistake only: lessons.toml is read for
    // scenarios, and its title is compared when the folder is checked.
    assert_eq!(codes, ["\"K032\""]);
}

#[test]
fn every_diagnostic_of_every_rule_fixture_says_what_to_do() {
    // Issue 15: every diagnostic has a help line that is possible to follow;
    // the rule fixtures break each rule at least once.
    let (_, problems) = json_problems(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/check/rules",
        "tests/fixtures/check/bad",
    ]);
    assert!(problems.len() > 60, "{}", problems.len());
    let helpless: Vec<String> = problems
        .iter()
        .filter(|p| p["help"].is_null())
        .map(|p| format!("{} {} {}", p["code"], p["path"], p["message"]))
        .collect();
    assert!(helpless.is_empty(), "{helpless:#?}");
}
