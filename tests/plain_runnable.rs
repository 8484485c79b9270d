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
            .args(["plain", "--topic", "event-store", "--seed", "0"]),
        input,
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_wrong_then_a_right_try_each_show_what_the_code_did() {
    // The first practice item is define-event. Options are shuffled: answer
    // with the letters seed 0 shows, first the positional list, then the dict.
    let catalog = kata::content::load(&[]);
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
