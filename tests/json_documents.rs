//! Every JSON document kata prints is versioned (docs/json.md): `list`,
//! `stats`, `replay` and the summary record of `check --format json`; and a
//! refused append in `replay --json` says where it would have been.

use serde_json::Value;
use std::process::Command;

fn json(args: &[&str]) -> Value {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(args)
        .env("KATA_HOME", home.path())
        .output()
        .expect("kata runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

#[test]
fn every_json_document_starts_with_its_version() {
    for args in [
        &["list", "--json"][..],
        &["stats", "--json"],
        &["replay", "bank-account", "--json"],
    ] {
        assert_eq!(json(args)["version"], 1, "{args:?}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(["replay", "bank-account", "--json"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("{\"version\":1,"));
}

#[test]
fn a_refused_append_has_the_position_it_would_have_taken() {
    let doc = json(&["replay", "concurrent-writers", "--json"]);
    let steps = doc["steps"].as_array().unwrap();
    let refused = &doc["refused"][0];
    assert_eq!(refused["position"], refused["after"]);
    let position = refused["position"].as_u64().unwrap();
    assert!(
        steps
            .iter()
            .all(|s| s["position"].as_u64() != Some(position)),
        "no event of the log has the refused position"
    );
    assert_eq!(refused["writer"], "support");
    assert_eq!(refused["expected"], "revision 0");
}
