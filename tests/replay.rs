//! The replay lab's core and `kata replay`: final states of every bundled
//! scenario, snapshot replay against full replay, refusals, warnings, effects.

use kata::content::{Effect, Scenario};
use kata::replay::{Timeline, effect};
use serde_json::{Value, json};
use std::process::Command;

fn kata(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("kata runs")
}

fn replay_json(args: &[&str]) -> Value {
    let mut all = vec!["replay"];
    all.extend_from_slice(args);
    all.push("--json");
    let output = kata(&all);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("one JSON document")
}

fn scenario(id: &str) -> Scenario {
    kata::content::load(&[])
        .scenario(id)
        .expect("bundled")
        .clone()
}

#[test]
fn user_lifecycle_replays_to_no_user_1() {
    let doc = replay_json(&["user-lifecycle"]);
    assert_eq!(doc["scenario"], "user-lifecycle");
    assert_eq!(doc["final"], json!({}));
    let steps = doc["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0]["position"], 0);
    assert_eq!(steps[1]["type"], "UserNameUpdated");
    assert_eq!(steps[1]["revision"], 1);
    assert_eq!(steps[1]["stream"], "user-1");
    assert_eq!(
        steps[1]["state"],
        json!({"1": {"userId": 1, "name": "Alicia"}})
    );
}

#[test]
fn replay_to_stops_after_that_position() {
    let doc = replay_json(&["user-lifecycle", "--to", "1"]);
    assert_eq!(doc["steps"].as_array().unwrap().len(), 2);
    assert_eq!(doc["final"], json!({"1": {"userId": 1, "name": "Alicia"}}));
}

#[test]
fn an_update_after_delete_is_a_warning_at_its_event() {
    let doc = replay_json(&["user-after-delete"]);
    assert_eq!(doc["final"], json!({}));
    let warning = doc["steps"][2]["warning"].as_str().unwrap();
    assert!(warning.contains("after it was deleted"), "{warning}");
    assert!(doc["steps"][1].get("warning").is_none());
}

#[test]
fn bank_account_balance_and_snapshots() {
    let doc = replay_json(&["bank-account"]);
    // 175 deposits of 10 and 174 withdrawals of 3 after opening at 0.
    assert_eq!(
        doc["final"],
        json!({"0": {"accountId": 0, "owner": "Ada", "balance": 1228}})
    );
    assert_eq!(doc["steps"].as_array().unwrap().len(), 350);
}

#[test]
fn shop_orders_final_state() {
    let doc = replay_json(&["shop-orders"]);
    assert_eq!(
        doc["final"],
        json!({
            "user-7": {"id": "user-7", "name": "Ada"},
            "order-1": {"id": "order-1", "user": "user-7", "total": 30, "status": "shipped"},
            "order-2": {"id": "order-2", "user": "user-7", "total": 12, "status": "shipped"},
            "order-3": {"id": "order-3", "user": "user-8", "total": 45},
        })
    );
}

#[test]
fn the_second_writer_at_the_same_expected_version_is_refused() {
    let doc = replay_json(&["concurrent-writers"]);
    assert_eq!(doc["steps"].as_array().unwrap().len(), 2);
    assert_eq!(doc["final"]["1"]["status"], "shipped");
    let refused = doc["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0]["writer"], "support");
    assert!(
        refused[0]["reason"]
            .as_str()
            .unwrap()
            .contains("expected revision 0 but found revision 1")
    );
}

#[test]
fn the_million_event_scenario_is_checked_in_its_shape_with_fewer_events() {
    // The full million runs in `benches/replay.rs`; here the same scenario with 20,000
    // events keeps the test quick in debug builds.
    let mut s = scenario("bank-million");
    assert_eq!(s.generate.as_ref().unwrap().count, 1_000_000);
    s.generate.as_mut().unwrap().count = 20_000;
    let timeline = Timeline::new(&s);
    assert_eq!(timeline.len(), 20_000);
    let state = serde_json::to_value(timeline.final_state()).unwrap();
    // 20 events per account: 10 deposits of 10, 10 withdrawals of 3.
    assert_eq!(state.as_object().unwrap().len(), 1_000);
    assert_eq!(state["999"], json!({"accountId": 999, "balance": 70}));
    assert_eq!(timeline.snapshots().len(), 2);
}

#[test]
fn unknown_scenario_and_bad_position_are_usage_errors() {
    let output = kata(&["replay", "no-such"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("user-lifecycle"));
    let output = kata(&["replay", "user-lifecycle", "--to", "3"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn text_output_shows_changes_with_marks() {
    let output = kata(&["replay", "user-lifecycle"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("~ 1.name: \"Alice\" → \"Alicia\""), "{text}");
    assert!(text.contains("- entity 1"), "{text}");
    assert!(text.ends_with("state after 3 of 3 events:\n{}\n"), "{text}");
}

/// Snapshot + tail equals a full replay at every position, for every bundled
/// scenario (the million with fewer events, as above).
#[test]
fn snapshot_replay_equals_full_replay_on_every_bundled_scenario() {
    let catalog = kata::content::load(&[]);
    assert!(catalog.scenarios.len() >= 6);
    for s in &catalog.scenarios {
        let mut s = s.clone();
        if let Some(g) = &mut s.generate {
            g.count = g.count.min(25_000);
        }
        let timeline = Timeline::new(&s);
        let len = timeline.len();
        let step = (len / 200).max(1);
        for upto in (0..=len).step_by(step as usize).chain([len]) {
            let full = timeline.store().replay(timeline.rules(), upto);
            let (from_snapshot, _) = timeline.state_at(upto);
            assert_eq!(full, from_snapshot, "{} at {upto}", s.id);
        }
        assert_eq!(
            &timeline.store().replay(timeline.rules(), len),
            timeline.final_state()
        );
        let lesson = timeline.compare_snapshot_replay(len);
        assert!(lesson.equal);
        if s.snapshot_every > 0 && len >= s.snapshot_every {
            assert!(lesson.snapshot.is_some(), "{}", s.id);
            assert!(lesson.tail_events < s.snapshot_every);
        }
    }
}

#[test]
fn the_cursor_moves_both_ways_and_reports_how_it_got_there() {
    let mut t = Timeline::new(&scenario("bank-account"));
    t.go_to(250);
    assert_eq!(t.cursor(), 250);
    let reached = t.reached();
    assert_eq!(reached.from_snapshot, Some(200));
    assert_eq!(reached.events_folded, 50);
    let at_250 = t.state().clone();
    t.step_forward();
    t.step_back();
    assert_eq!(t.state(), &at_250);
    t.go_to(0);
    assert!(t.state().is_empty());
    assert!(!t.step_back());
    t.go_to(10_000);
    assert_eq!(t.cursor(), 350);
    assert!(!t.step_forward());
}

#[test]
fn editing_a_stored_event_is_refused_and_the_what_if_diverges() {
    let mut t = Timeline::new(&scenario("bank-account"));
    let len = t.len();
    let what_if = t.what_if_edited(1).unwrap();
    assert_eq!(t.len(), len, "nothing was written");
    assert!(
        what_if.store_says.contains("changed nothing") || what_if.store_says.starts_with("refused")
    );
    assert_eq!(what_if.edit, "amount: 10 → 110");
    assert_ne!(what_if.as_stored, what_if.if_edited);
    let edited = serde_json::to_value(&what_if.if_edited).unwrap();
    assert_eq!(edited["0"]["balance"], 1328);
}

fn shop_effect(effect: &Effect, chosen: &[&str]) -> effect::Outcome {
    effect::run(&scenario("shop-orders"), &effect.bind(chosen))
}

fn exercise_effect(id: &str) -> Effect {
    let catalog = kata::content::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let exercise = topic.exercises.iter().find(|e| e.id == id).unwrap();
    exercise.effect.clone().expect("has an effect")
}

#[test]
fn filter_effect_with_the_right_and_the_wrong_comparison() {
    let filter = exercise_effect("filter-orders");
    let right = shop_effect(&filter, &[".type", "=="]);
    assert_eq!(right.lines.len(), 3);
    assert!(right.lines.iter().all(|l| l.contains("OrderPlaced")));
    assert_eq!(right.note, None);
    let wrong = shop_effect(&filter, &[".type", "!="]);
    assert_eq!(wrong.lines.len(), 5);
    assert!(wrong.lines.iter().all(|l| !l.contains("OrderPlaced")));
    assert!(
        wrong
            .note
            .unwrap()
            .contains("every event except OrderPlaced")
    );
    let data = shop_effect(&filter, &[".data", "=="]);
    assert!(data.lines.is_empty());
}

#[test]
fn count_effect_counts_by_type() {
    let count = exercise_effect("count-by-type");
    let right = shop_effect(&count, &["Counter", "!=", "'UserDeleted'"]);
    assert_eq!(
        right.lines,
        ["UserCreated: 2", "OrderPlaced: 3", "OrderShipped: 2"]
    );
    let wrong = shop_effect(&count, &["Counter", "==", "'UserDeleted'"]);
    assert_eq!(wrong.lines, ["UserDeleted: 1"]);
    assert!(wrong.note.is_some());
}

#[test]
fn append_effect_shows_the_event_at_the_end_of_the_log() {
    let append = exercise_effect("append-event");
    let right = shop_effect(&append, &["event"]);
    assert!(
        right
            .lines
            .iter()
            .any(|l| l.starts_with("#8 order-4@0 OrderPlaced") && l.ends_with("← appended")),
        "{:?}",
        right.lines
    );
    assert!(right.lines.last().unwrap().contains("order-4"));
    let half = shop_effect(&append, &["event.type"]);
    assert!(half.note.unwrap().contains("without its data"));
    let none = shop_effect(&append, &["event_store"]);
    assert!(none.note.unwrap().contains("not an event"));
}

/// A user's own content: an unkeyed scenario (state is one record, or null)
/// and a generated one just over 10,000 events, where `--json` leaves the
/// steps' states out unless `--steps`.
fn own_content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.toml"),
        r#"[topic]
id = "mine"
title = "Mine"

[[scenario]]
id = "one-counter"
title = "One counter"
events = [
  { stream = "counter-1", type = "Started", data = { n = 0 } },
  { stream = "counter-1", type = "Bumped", data = { by = 2 } },
]
[scenario.rules]
Started = "create"
Bumped = { add = { n = "by" } }

[[scenario]]
id = "gone-record"
title = "A record that goes"
events = [ { stream = "r-1", type = "Made" }, { stream = "r-1", type = "Gone" } ]
rules = { Made = "create", Gone = "delete" }

[[scenario]]
id = "ticks"
title = "Ticks"
key = "clock"
[scenario.rules]
Ticked = { add = { ticks = "by" } }
[scenario.generate]
count = 10_001
entities = 3
stream = "clock"
pattern = [ { type = "Ticked", data = { by = 1 } } ]
"#,
    )
    .unwrap();
    dir
}

#[test]
fn an_unkeyed_state_is_the_record_or_null() {
    let dir = own_content();
    let content = dir.path().to_str().unwrap();
    let doc = replay_json(&["--content", content, "one-counter"]);
    assert_eq!(doc["final"], json!({"n": 2}));
    let doc = replay_json(&["--content", content, "gone-record"]);
    assert_eq!(doc["final"], Value::Null);
    assert_eq!(doc["steps"][0]["state"], json!({}));
}

#[test]
fn over_ten_thousand_events_steps_leave_out_their_state_unless_asked() {
    let dir = own_content();
    let content = dir.path().to_str().unwrap();
    let doc = replay_json(&["--content", content, "ticks", "--to", "4"]);
    let steps = doc["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 5);
    assert!(steps.iter().all(|s| s.get("state").is_none()));
    assert_eq!(steps[4]["stream"], "clock-1");
    assert_eq!(
        doc["final"],
        json!({"0": {"clock": 0, "ticks": 2}, "1": {"clock": 1, "ticks": 2}, "2": {"clock": 2, "ticks": 1}})
    );
    let doc = replay_json(&["--content", content, "ticks", "--to", "1", "--steps"]);
    assert_eq!(
        doc["steps"][1]["state"],
        json!({"0": {"clock": 0, "ticks": 1}, "1": {"clock": 1, "ticks": 1}})
    );
}
