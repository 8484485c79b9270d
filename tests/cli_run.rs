//! `kata run TOPIC/ITEM` through the binary: right and wrong completions of
//! the bundled seed exercises, exit codes, and `--json`.

use std::process::Command;

fn kata(args: &[&str]) -> (i32, String, String) {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(args)
        .env("KATA_HOME", home.path())
        .output()
        .expect("kata runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_right_completion_passes_every_test() {
    let (code, out, err) = kata(&["run", "event-store/filter-orders", "--answer", "A B"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "✓ test 1\n✓ test 2\n");
}

#[test]
fn without_answer_the_exercise_runs_with_its_own_answer() {
    let (code, out, _) = kata(&["run", "event-store/read-events"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        "{'type': 'UserCreated', 'data': {'userId': 123, 'name': 'Alice'}}\n\
         {'type': 'UserRenamed', 'data': {'userId': 123, 'name': 'Alicia'}}\n\
         ✓ test 1\n"
    );
}

#[test]
fn not_equal_in_the_filter_shows_the_real_wrong_list() {
    let (code, out, _) = kata(&["run", "event-store/filter-orders", "--answer", "A C"]);
    assert_eq!(code, 1, "{out}");
    let first = out.lines().next().unwrap();
    // Every event of the shop's log but the three orders placed.
    assert_eq!(
        first,
        "✗ test 1: filtered_events holds ['UserCreated', 'OrderShipped', 'UserCreated', 'UserDeleted', 'OrderShipped']",
        "{out}"
    );
}

#[test]
fn a_wrong_loop_name_is_the_real_name_error_on_the_line_shown() {
    let (code, out, _) = kata(&["run", "event-store/read-events", "--answer", "B"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("File \"code\", line 2, in <module>"),
        "the print is line 2 of the code on screen: {out}"
    );
    assert!(
        out.contains("NameError: name 'event' is not defined"),
        "{out}"
    );
    assert!(
        out.ends_with("✗ test 1: not run: NameError: name 'event' is not defined\n"),
        "{out}"
    );
}

#[test]
fn equal_instead_of_not_equal_counts_only_deletions() {
    let (code, out, _) = kata(&["run", "event-store/count-by-type", "--answer", "A D C"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("event_counts is Counter({'UserDeleted': 1})"),
        "{out}"
    );
}

#[test]
fn json_reports_output_tests_and_error() {
    let (code, out, _) = kata(&["run", "event-store/append-event", "--answer", "C", "--json"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(doc["output"], "");
    assert_eq!(doc["error"]["type"], "AttributeError");
    assert_eq!(doc["error"]["line"], 1);
    assert_eq!(doc["tests"].as_array().unwrap().len(), 2);
    assert_eq!(doc["tests"][0]["passed"], false);

    let (code, out, _) = kata(&["run", "event-store/append-event", "--json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["error"], serde_json::Value::Null);
    assert_eq!(
        doc["tests"][1],
        serde_json::json!({"passed": true, "message": null})
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["run", "event-store"][..],
        &["run", "nope/append-event"],
        &["run", "event-store/nope"],
        &["run", "event-store/append-event", "--answer", "A B"],
        &["run", "event-store/append-event", "--answer", "Z"],
    ] {
        let (code, _, err) = kata(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.starts_with("kata: "), "{err}");
    }
}

#[test]
fn a_kata_runs_its_solution_or_the_code_in_a_file() {
    let (code, out, err) = kata(&["run", "event-store/append-expected-version", "--solution"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.lines().all(|l| l.starts_with("✓ test")), "{out}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rebuild.py");
    std::fs::write(&file, "def rebuild(events):\n    return None\n").unwrap();
    let (code, out, _) = kata(&[
        "run",
        "event-store/rebuild-user",
        "--code",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("✗ test 2: after UserCreated the state is None"),
        "{out}"
    );

    std::fs::write(&file, "def rebuild(events)\n    return None\n").unwrap();
    let (code, out, _) = kata(&[
        "run",
        "event-store/rebuild-user",
        "--code",
        file.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["error"]["type"], "SyntaxError");
    assert_eq!(
        doc["error"]["line"], 1,
        "the line in the learner's own code"
    );
}

#[test]
fn a_kata_needs_code_to_run() {
    let (code, _, err) = kata(&["run", "event-store/rebuild-user"]);
    assert_eq!(code, 2);
    assert!(err.contains("--code FILE, or --solution"), "{err}");
    let (code, _, _) = kata(&[
        "run",
        "event-store/rebuild-user",
        "--code",
        "/no/such/file.py",
    ]);
    assert_eq!(code, 2);
}
