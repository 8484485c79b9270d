//! `kata plain` on runnable exercises: after each try the learner's
//! completion runs and its real outcome is printed, right or wrong.

use std::process::Command;

mod common;

fn plain(input: &str) -> String {
    let data = tempfile::tempdir().unwrap();
    plain_in(data.path(), input)
}

fn plain_in(data: &std::path::Path, input: &str) -> String {
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data)
            .args(["plain", "--topic", "event-store", "--seed", "0"]),
        input,
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_wrong_then_a_right_try_each_show_what_the_code_did() {
    // The first practice item is define-event. Options are shuffled: answer
    // with the letters seed 0 shows, first the positional list, then the dict.
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let session = kata::practice::start(topic, kata::practice::Mode::Practice, 0);
    let item = session.current();
    assert_eq!(item.id(), "define-event");
    let at = |text: &str| {
        let i = item.options().iter().position(|o| o == text).unwrap();
        kata::content::letter(i)
    };
    let out = plain(&format!(
        "{}\n{}\nq\n",
        at("[123, \"Alice\"]"),
        at("{\"userId\": 123, \"name\": \"Alice\"}")
    ));
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

#[test]
fn each_run_of_an_exercise_is_in_the_journal_with_its_tests() {
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let session = kata::practice::start(topic, kata::practice::Mode::Practice, 0);
    let item = session.current();
    let at = |text: &str| {
        let i = item.options().iter().position(|o| o == text).unwrap();
        kata::content::letter(i)
    };
    let data = tempfile::tempdir().unwrap();
    plain_in(
        data.path(),
        &format!(
            "{}\n{}\nq\n",
            at("[123, \"Alice\"]"),
            at("{\"userId\": 123, \"name\": \"Alice\"}")
        ),
    );
    let journal = std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap();
    let runs: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["type"] == "CodeRun")
        .collect();
    assert_eq!(runs.len(), 2, "{journal}");
    for (n, run) in runs.iter().enumerate() {
        let data = run;
        assert_eq!(data["kind"], "exercise", "{run}");
        assert_eq!(data["item"], "define-event", "{run}");
        assert_eq!(data["run"], n as u64 + 1, "{run}");
        assert_eq!(data["points"], 0.0, "a run earns no points: {run}");
    }
    // The wrong completion failed its first test; the right one passed all.
    assert_eq!(runs[0]["solved"], false);
    assert_eq!(runs[1]["solved"], true);
    assert_eq!(runs[1]["passed"], runs[1]["tests"]);
    assert_ne!(runs[0]["code_hash"], runs[1]["code_hash"]);
    // Each run comes after the try it belongs to: on disk before on screen.
    let kinds: Vec<String> = journal
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["type"].to_string())
        .collect();
    let first_run = kinds.iter().position(|k| k == "\"CodeRun\"").unwrap();
    assert_eq!(kinds[first_run - 1], "\"AnswerSubmitted\"", "{kinds:?}");
}
