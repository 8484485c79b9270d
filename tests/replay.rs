//! The replay lab's core and `kata replay`: final states of every bundled
//! scenario, snapshot replay against full replay, refusals, warnings, effects.

use kata::content::{Effect, Scenario};
use kata::replay::{Timeline, effect};
use serde_json::{Value, json};
use std::process::Command;

mod common;

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
    kata::replay::predict::load(&[])
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
    assert!(
        text.ends_with("state after 3 of 3 events, rebuilt from the start + 3 events:\n{}\n"),
        "{text}"
    );
}

/// Snapshot + tail equals a full replay at every position, for every bundled
/// scenario (the million with fewer events, as above).
#[test]
fn snapshot_replay_equals_full_replay_on_every_bundled_scenario() {
    let catalog = kata::replay::predict::load(&[]);
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
            assert!(lesson.rebuild.snapshot.is_some(), "{}", s.id);
            assert!(lesson.rebuild.events < s.snapshot_every);
        }
    }
}

#[test]
fn the_cursor_moves_both_ways_and_reports_how_it_got_there() {
    let mut t = Timeline::new(&scenario("bank-account"));
    t.go_to(250);
    assert_eq!(t.cursor(), 250);
    let reached = t.reached().unwrap();
    // Position 249: the snapshot after position 199, then positions 200 to 249.
    assert_eq!(reached.snapshot, Some(199));
    assert_eq!(reached.events, 50);
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
        what_if
            .store_says
            .starts_with("refused: revision 1 of account-0 is taken"),
        "{}",
        what_if.store_says
    );
    assert_eq!(what_if.edit, "amount: 10 → 110");
    assert_ne!(what_if.as_stored, what_if.if_edited);
    let edited = serde_json::to_value(&what_if.if_edited).unwrap();
    assert_eq!(edited["0"]["balance"], 1328);
}

fn shop_effect(effect: &Effect, chosen: &[&str]) -> effect::Outcome {
    effect::run(&scenario("shop-orders"), &effect.bind(chosen))
}

/// The effects of `tests/fixtures/replay/effects.toml`: the bundled tasks as
/// they were before they carried runs, on the bundled `shop-orders` log.
fn exercise_effect(id: &str) -> Effect {
    let catalog = kata::replay::predict::load(&["tests/fixtures/replay".into()]);
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    let topic = catalog.topic("lab-effects").unwrap();
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

/// Issue 12: one snapshot rule. Position 100 of *Bank account* is "from
/// snapshot @99 + 1 event" however the cursor got there, a snapshot's own
/// position folds nothing, and the lesson reports the same rebuild.
#[test]
fn the_rule_is_the_same_however_the_cursor_arrives() {
    let mut t = Timeline::new(&scenario("bank-account"));
    t.go_to(100); // position 99: the first snapshot's own
    assert_eq!(
        t.reached().unwrap().to_string(),
        "from snapshot @99 + 0 events"
    );
    t.step_forward(); // → to position 100
    let stepped = t.reached().unwrap();
    let state = t.state().clone();
    t.go_to(0);
    for _ in 0..101 {
        t.step_forward();
    }
    assert_eq!(t.reached().unwrap(), stepped, "101 steps from the start");
    t.go_to(101); // `:100`
    assert_eq!(t.reached().unwrap(), stepped);
    assert_eq!(t.state(), &state);
    assert_eq!(stepped.to_string(), "from snapshot @99 + 1 event");
    assert_eq!(t.rebuild_at(98).to_string(), "from the start + 99 events");
    assert_eq!(t.compare_snapshot_replay(101).rebuild, stepped);
    // The end of the million's shape: the last snapshot is the last position.
    let mut big = scenario("bank-million");
    big.generate.as_mut().unwrap().count = 20_000;
    let mut big = Timeline::new(&big);
    big.go_to(big.len());
    let end = big.reached().unwrap();
    assert_eq!(end.to_string(), "from snapshot @19,999 + 0 events");
    assert_eq!(big.compare_snapshot_replay(big.len()).rebuild, end);
    big.step_back();
    assert_eq!(
        big.reached().unwrap().to_string(),
        "from snapshot @9,999 + 9,999 events"
    );
}

/// `kata replay --json` tells the same story, step by step and at the end.
#[test]
fn json_steps_carry_the_rule() {
    let doc = replay_json(&["bank-account"]);
    let steps = doc["steps"].as_array().unwrap();
    assert_eq!(
        steps[98]["rebuild"],
        json!({"position": 98, "snapshot": null, "events": 99, "text": "from the start + 99 events"})
    );
    assert_eq!(steps[99]["rebuild"]["text"], "from snapshot @99 + 0 events");
    assert_eq!(
        steps[100]["rebuild"],
        json!({"position": 100, "snapshot": 99, "events": 1, "text": "from snapshot @99 + 1 event"})
    );
    assert_eq!(doc["rebuild"]["text"], "from snapshot @299 + 50 events");
    let doc = replay_json(&["bank-account", "--to", "199"]);
    assert_eq!(doc["rebuild"]["text"], "from snapshot @199 + 0 events");
}

/// With no snapshot at the position, the lesson does not time the same work
/// twice; with one, each side is timed over repeated runs.
#[test]
fn snapshot_timings_are_fair_or_absent() {
    let t = Timeline::new(&scenario("bank-account"));
    let none = t.compare_snapshot_replay(50);
    assert_eq!(none.rebuild.snapshot, None);
    assert_eq!(none.snapshot_time, None);
    assert!(none.runs >= 5);
    let some = t.compare_snapshot_replay(350);
    assert_eq!(some.rebuild.snapshot, Some(299));
    assert!(some.snapshot_time.is_some());
    assert!(some.runs >= 5);
    assert!(some.equal);
}

/// The edit lesson shows a real difference on every event whose rule
/// applies, and the store refuses every edit.
#[test]
fn every_event_edit_is_refused_and_shows_a_difference() {
    let catalog = kata::replay::predict::load(&[]);
    for s in catalog.scenarios.iter().filter(|s| s.generate.is_none()) {
        let mut t = Timeline::new(s);
        for position in 0..t.len() {
            let w = t.what_if_edited(position).unwrap();
            assert!(
                w.store_says.starts_with("refused: revision"),
                "{}",
                w.store_says
            );
            assert_ne!(w.stored_row, w.edited_row, "{} at {position}", s.id);
            if t.warning_at(position).is_none() {
                assert!(
                    !w.differs_after.is_empty(),
                    "{} at {position}: {} shows no difference",
                    s.id,
                    w.edit
                );
            }
        }
        assert_eq!(t.len(), s.events.len() as u64 - t.refusals().len() as u64);
    }
    // The delete of user 1: the edit names another user, so user 1 lives on.
    let mut t = Timeline::new(&scenario("user-lifecycle"));
    let w = t.what_if_edited(2).unwrap();
    assert_eq!(w.edit, "userId: 1 → 2 (another entity)");
    assert_eq!(w.differs_after[0].entity, "entity 1");
    assert_eq!(w.differs_after[0].as_stored, "(none)");
    assert!(w.differs_after[0].if_edited.contains("Alicia"));
}

/// *Two writers*: the list counts what the lab shows, and rows name writers.
#[test]
fn two_writers_counts_and_names_its_writers() {
    let s = scenario("concurrent-writers");
    assert_eq!(kata::replay::stored_and_refused(&s), (2, 1));
    let t = Timeline::new(&s);
    assert_eq!(t.len(), 2);
    let rows: Vec<String> = (0..t.len())
        .map(|p| kata::replay::row(&t, &t.event(p).unwrap()))
        .collect();
    assert!(
        rows[0].starts_with("checkout: order-1@0 OrderPlaced"),
        "{rows:?}"
    );
    assert!(
        rows[1].starts_with("warehouse: order-1@1 OrderShipped"),
        "{rows:?}"
    );
    assert_eq!(
        kata::replay::stored_and_refused(&scenario("bank-account")),
        (350, 0)
    );
}

/// Predict's truth is the lab's: at every position of every listed
/// scenario, the change it computes is the change the lab's cursor shows.
#[test]
fn predict_truth_matches_the_lab_at_every_position() {
    use kata::replay::predict::{Truth, truth_at};
    let catalog = kata::replay::predict::load(&[]);
    for s in &catalog.scenarios {
        let mut s = s.clone();
        if let Some(g) = &mut s.generate {
            g.count = g.count.min(2_500);
        }
        let mut t = Timeline::new(&s);
        for position in 0..t.len() {
            let truth = truth_at(&t, position).unwrap();
            t.go_to(position + 1);
            match (&truth, t.warning()) {
                (Truth::Warning(w), Some(lab)) => assert_eq!(w, &lab.to_string()),
                (Truth::Changed(changes), None) => assert_eq!(changes, t.changes()),
                (Truth::Nothing, None) => assert!(t.changes().is_empty()),
                _ => panic!("{} at {position}: {truth:?}", s.id),
            }
        }
        assert_eq!(truth_at(&t, t.len()), None, "past the end");
    }
    let t = Timeline::new(&scenario("concurrent-writers"));
    match kata::replay::predict::refused(&t, 0) {
        Some(Truth::Refused(why)) => assert!(why.contains("expected revision 0"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn predict_choices_put_the_truth_first_and_never_repeat() {
    use kata::replay::predict::{choices, value_after};
    use kata::store::Value;
    let bank = Timeline::new(&scenario("bank-account"));
    let account = Value::from(0i64);
    for position in [1, 2, 99, 100, 250, 349] {
        let list = choices(&bank, position, &account, "balance").unwrap();
        assert_eq!(
            Some(list[0].text.clone()),
            value_after(&bank, position, &account, "balance").map(|v| v.to_string())
        );
        assert!(list[0].correct);
        assert!(list.len() >= 4, "{position}: {list:?}");
        assert!(list[1..].iter().all(|c| !c.correct && !c.why.is_empty()));
        let mut texts: Vec<&str> = list.iter().map(|c| c.text.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), list.len(), "{position}: {list:?}");
    }
    // A rename: the old name is the tempting wrong answer.
    let users = Timeline::new(&scenario("user-lifecycle"));
    let user = Value::from(1i64);
    let list = choices(&users, 1, &user, "name").unwrap();
    assert_eq!(list[0].text, "\"Alicia\"");
    assert_eq!(list[1].text, "\"Alice\"");
    // After the delete the field is gone, and that is the true answer.
    assert_eq!(value_after(&users, 2, &user, "name"), None);
    assert_eq!(
        choices(&users, 2, &user, "name").unwrap()[0].text,
        "(no such field)"
    );
    assert_eq!(choices(&users, 3, &user, "name"), None);
}

/// The filter and count tasks run on the lab's `shop-orders` log, written out
/// in their `setup`: the learner presses `r` after a try and sees the events
/// the code walked, so the two must not drift apart. Each setup is run in
/// kata's sandbox and its events compared with the scenario's.
#[test]
fn the_filter_and_count_tasks_run_on_the_shop_orders_log() {
    use kata::content::Datum;
    use kata::sandbox::{Limits, Program, Sandbox, WorkerCommand};
    fn text(datum: &Datum) -> String {
        match datum {
            Datum::Text(t) => t.clone(),
            Datum::Int(n) => n.to_string(),
            other => panic!("the shop's data is text and whole numbers, not {other:?}"),
        }
    }
    let catalog = kata::replay::predict::load(&[]);
    let shop: Vec<String> = scenario("shop-orders")
        .events
        .iter()
        .map(|e| {
            let mut fields: Vec<String> = e
                .data
                .iter()
                .map(|(k, v)| format!("{k}={}", text(v)))
                .collect();
            fields.sort();
            format!("{} {} {}", e.stream, e.event_type, fields.join(" "))
        })
        .collect();
    let mut sandbox = Sandbox::new(WorkerCommand::kata(env!("CARGO_BIN_EXE_kata")));
    let topic = catalog.topic("event-store").unwrap();
    for id in ["filter-orders", "count-by-type"] {
        let exercise = topic.exercises.iter().find(|e| e.id == id).unwrap();
        assert_eq!(exercise.replay.as_deref(), Some("shop-orders"));
        let program = Program {
            setup: exercise.run.as_ref().unwrap().setup.text.clone(),
            code: "for e in event_store:\n    print(e.stream, e.type, ' '.join(sorted(f'{k}={v}' for k, v in e.data.items())))".into(),
            tests: Vec::new(),
        };
        let outcome = sandbox.run(&program, &Limits::default());
        assert_eq!(outcome.error, None, "{id}");
        let printed: Vec<&str> = outcome.output.lines().collect();
        assert_eq!(printed, shop, "{id}'s setup is not the shop-orders log");
    }
}

fn plain_lab(data: &std::path::Path, scenario: &str, input: &str) -> std::process::Output {
    common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data)
            .args(["plain", "--mode", "lab", "--scenario", scenario]),
        input,
    )
}

/// The Replay lab in the line mode tells the same story as `kata replay`:
/// the same lines per step, the same rule for the rebuild, and one lab
/// session in the journal, written at the first move.
#[test]
fn the_line_mode_lab_steps_jumps_and_records_one_session() {
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join(kata::progress::JOURNAL_FILE);
    let out = plain_lab(data.path(), "bank-account", "s\n");
    assert!(out.status.success(), "{out:?}");
    assert!(!journal.exists(), "looking at the state is not a move");

    let out = plain_lab(data.path(), "bank-account", "\n\n:100\n:99999999\n:q\n");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let replayed =
        String::from_utf8(kata(&["replay", "bank-account", "--to", "1"]).stdout).unwrap();
    // Each step is the same lines `kata replay` prints for it.
    let steps: Vec<&str> = replayed
        .lines()
        .filter(|l| {
            l.starts_with('#')
                || ["  +", "  ~", "  -", "  !"]
                    .iter()
                    .any(|m| l.starts_with(m))
        })
        .collect();
    for line in &steps {
        assert!(text.contains(line), "{line} missing from:\n{text}");
    }
    let bank = Timeline::new(&scenario("bank-account"));
    let rule = bank.rebuild_at(100);
    assert!(
        text.contains(&format!(
            "State after 101 of {} events, rebuilt {rule}",
            bank.len()
        )),
        "{text}"
    );
    assert!(text.contains("Position 99999999 is past the end"), "{text}");
    assert!(
        text.contains(&format!(
            "Left the lab after {0} of {0} events.",
            bank.len()
        )),
        "{text}"
    );
    let lines = std::fs::read_to_string(&journal).unwrap();
    let modes: Vec<String> = lines
        .lines()
        .filter_map(
            |l| match kata::progress::parse_line(l.as_bytes()).unwrap().event {
                kata::progress::Event::SessionStarted { mode, topic, .. } => {
                    assert_eq!(topic, "event-store");
                    Some(mode)
                }
                _ => None,
            },
        )
        .collect();
    assert_eq!(modes, vec!["lab".to_string()]);
}

#[test]
fn the_line_mode_lab_shows_refusals_and_names_the_scenarios_when_none_is_given() {
    let data = tempfile::tempdir().unwrap();
    let out = plain_lab(data.path(), "concurrent-writers", &"\n".repeat(5));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("✗ support's OrderCancelled on order-1 refused: stream `order-1`: expected revision 0 but found revision 1"),
        "{text}"
    );
    assert!(
        text.contains("#1 warehouse: order-1@1 OrderShipped"),
        "{text}"
    );
    assert!(text.contains("The last event is applied"), "{text}");
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data.path())
            .args(["plain", "--mode", "lab"]),
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("The Replay lab steps through a scenario")
            && err.contains("concurrent-writers"),
        "{err}"
    );
}
