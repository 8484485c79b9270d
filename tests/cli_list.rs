//! `kata list` through the binary: what a learner or a script sees.

use std::process::Command;

fn kata(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(args)
        .output()
        .expect("kata runs");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/check/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn list_names_the_bundled_topic_with_its_counts() {
    let (out, _, code) = kata(&["list"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("event-store  Event store concept in Microservices\n"),
        "{out}"
    );
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let counts = format!(
        "{} exercises, {} questions",
        topic.exercises.len(),
        topic.questions.len()
    );
    assert!(out.contains(&counts), "{out}");
}

#[test]
fn list_json_is_one_document_with_counts_by_kind_and_difficulty() {
    let (out, _, code) = kata(&["list", "--json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let topic = &doc["topics"][0];
    assert_eq!(topic["id"], "event-store");
    assert_eq!(topic["minutes"], 10);
    let by_kind = topic["exercises"].as_u64().unwrap()
        + topic["questions"].as_u64().unwrap()
        + topic["katas"].as_u64().unwrap();
    let d = &topic["difficulty"];
    let by_level =
        d["easy"].as_u64().unwrap() + d["medium"].as_u64().unwrap() + d["hard"].as_u64().unwrap();
    assert_eq!(by_kind, by_level, "both breakdowns count every item: {out}");
    assert!(topic["questions"].as_u64().unwrap() >= 10);
    assert_eq!(doc["skipped"], serde_json::json!([]));
}

#[test]
fn list_adds_content_folders_and_names_skipped_files() {
    let (out, _, _) = kata(&["--content", &fixture("good"), "list"]);
    assert!(out.contains("fixture  Fixture topic"), "{out}");
    assert!(
        out.contains("1 exercise, 2 questions"),
        "singular and plural: {out}"
    );

    let (out, err, code) = kata(&["--content", &fixture("bad"), "list", "--json"]);
    assert_eq!(code, 0, "listing is not checking: good files still list");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let skipped = doc["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{out}");
    assert!(
        skipped[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("broken.toml")
    );
    assert!(
        skipped[0]["problem"]
            .as_str()
            .unwrap()
            .contains("broken.toml:"),
        "{out}"
    );
    assert!(err.is_empty(), "JSON mode keeps stderr quiet: {err}");
}

/// The track's order: each topic after what it builds on, in text and JSON.
#[test]
fn list_shows_the_track_in_order_with_what_each_builds_on() {
    let track = format!("{}/tests/fixtures/track", env!("CARGO_MANIFEST_DIR"));
    let (out, err, code) = kata(&["--content", &track, "list"]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "event-store",
            "concurrency",
            "leases",
            "read-models",
            "queries"
        ]
    );
    assert!(
        out.contains("queries  The query side\n    builds on read-models, leases\n"),
        "{out}"
    );
    let (out, _, _) = kata(&["--content", &track, "list", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["topics"][0]["requires"], serde_json::json!([]));
    assert_eq!(
        doc["topics"][4]["requires"],
        serde_json::json!(["read-models", "leases"])
    );
}
