//! "Replay my progress": the learner's journal replayed by the same engine as the lessons.

use std::process::Command;

mod common;

fn kata(data: &std::path::Path, args: &[&str], input: &str) -> (String, i32) {
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data)
            .args(args),
        input,
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn the_journal_replays_to_each_items_latest_try() {
    let data = tempfile::tempdir().unwrap();
    let (_, code) = kata(data.path(), &["replay", "my-progress"], "");
    assert_eq!(code, 1, "an empty journal has nothing to replay");

    // First exercise right; second wrong, then right; then a hint on the third.
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    // Options are shuffled: the letters are the ones seed 0 shows.
    let shown = kata::practice::start(topic, kata::practice::Mode::Practice, 0);
    let right = |i: usize| kata::content::letter(shown.items()[i].answer()[0]).to_string();
    let wrong = kata::content::letter((shown.items()[1].answer()[0] + 1) % 4).to_string();
    let input = format!("{}\n{wrong}\n{}\nh\nq\n", right(0), right(1));
    kata(data.path(), &["plain", "--seed", "0"], &input);

    let (out, code) = kata(data.path(), &["replay", "my-progress", "--json"], "");
    assert_eq!(code, 0, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["scenario"], "my-progress");
    let kinds: Vec<&str> = doc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["type"].as_str().unwrap())
        .collect();
    // Each try on a runnable exercise is followed by the run of its code.
    assert_eq!(
        kinds,
        [
            "AnswerSubmitted",
            "CodeRun",
            "AnswerSubmitted",
            "CodeRun",
            "AnswerSubmitted",
            "CodeRun",
            "HintShown"
        ],
        "three tries, their runs and a hint: {out}"
    );
    let first = format!("event-store/{}", topic.exercises[0].id);
    let second = format!("event-store/{}", topic.exercises[1].id);
    let third = format!("event-store/{}", topic.exercises[2].id);
    assert_eq!(doc["final"][&first]["correct"], true);
    assert_eq!(
        doc["final"][&first]["points"], 1.0,
        "a run keeps the try's points"
    );
    assert_eq!(
        doc["final"][&first]["solved"], true,
        "and adds what the run did"
    );
    assert_eq!(
        doc["final"][&second]["correct"], true,
        "the latest try wins"
    );
    assert_eq!(doc["final"][&second]["try"], 2);
    assert_eq!(doc["final"][&third]["hinted"], true);
    // Mid-way, the second item still shows its wrong first try.
    assert_eq!(doc["steps"][2]["state"][&second]["correct"], false);
}

/// The lab's rows of a journal: the item and the outcome first.
#[test]
fn journal_rows_name_the_item_and_the_outcome_first() {
    use kata::progress::{Event, Recorded, journal_scenario};
    let tried = |item: &str, correct: bool, try_number: u32| Recorded {
        at: 0,
        event: Event::AnswerSubmitted {
            typed: None,
            confidence: None,
            session: 1,
            topic: "event-store".into(),
            item: item.into(),
            hash: "h".into(),
            chosen: vec![1],
            try_number,
            correct,
            points: if correct { 0.5 } else { 0.0 },
        },
    };
    let hint = Recorded {
        at: 0,
        event: Event::HintShown {
            session: 1,
            topic: "event-store".into(),
            item: "purpose".into(),
            hash: "h".into(),
        },
    };
    let scenario = journal_scenario(&[tried("purpose", false, 1), hint, tried("purpose", true, 2)]);
    let t = kata::replay::Timeline::new(&scenario);
    let rows: Vec<String> = (0..t.len())
        .map(|p| kata::replay::row(&t, &t.event(p).unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            "purpose ✗ wrong · try 1 · answer B · progress-event-store@0",
            "purpose · hint shown · progress-event-store@1",
            "purpose ✓ right · try 2 · answer B · progress-event-store@2",
        ]
    );
}
