//! Predict mode's core: every step of every bundled scenario gets one
//! question with exactly one true outcome — the one the store really
//! produces — and a running score that follows the lab's cursor.

use kata::replay::Timeline;
use kata::replay::predict::{Truth, truth_at};
use kata::replay::prediction::{Predicting, Step, ask};
use std::process::Command;

mod common;

fn catalog() -> kata::content::Catalog {
    kata::replay::predict::load(&[])
}

fn timeline(id: &str) -> Timeline {
    Timeline::new(catalog().scenario(id).expect("a bundled scenario"))
}

/// Every small bundled scenario, walked step by step with the right answer.
fn walk(id: &str) -> Vec<kata::replay::prediction::Ask> {
    let mut t = timeline(id);
    let mut p = Predicting::default();
    let mut asked = Vec::new();
    while let Some(a) = p.question(&t) {
        let right = a.answer();
        p.answer(&mut t, &a, right);
        asked.push(a);
    }
    assert_eq!(p.right, p.asked, "{id}: every right answer counts");
    assert_eq!(
        t.cursor(),
        t.len(),
        "{id}: the walk ends at the end of the log"
    );
    asked
}

fn small_ids() -> Vec<String> {
    catalog()
        .scenarios
        .iter()
        .filter(|s| s.total_events() <= 1_000)
        .map(|s| s.id.clone())
        .collect()
}

#[test]
fn every_step_has_one_true_outcome_among_distinct_ones() {
    for id in small_ids() {
        for a in walk(&id) {
            let right = a.outcomes.iter().filter(|o| o.correct).count();
            assert_eq!(right, 1, "{id} {:?}: {:?}", a.step, a.outcomes);
            assert!((2..=4).contains(&a.outcomes.len()), "{id} {:?}", a.step);
            let mut texts: Vec<&str> = a.outcomes.iter().map(|o| o.text.as_str()).collect();
            texts.sort();
            texts.dedup();
            assert_eq!(
                texts.len(),
                a.outcomes.len(),
                "{id} {:?}: no two alike",
                a.step
            );
            for wrong in a.outcomes.iter().filter(|o| !o.correct) {
                assert!(
                    !wrong.why.is_empty(),
                    "{id} {:?}: every slip is explained",
                    a.step
                );
            }
        }
    }
}

#[test]
fn the_true_outcome_is_what_the_store_does() {
    for id in small_ids() {
        let mut t = timeline(&id);
        let mut p = Predicting::default();
        while let Some(a) = p.question(&t) {
            let truth = match a.step {
                Step::Event(position) => truth_at(&t, position).unwrap(),
                Step::Refusal(n) => kata::replay::predict::refused(&t, n).unwrap(),
            };
            let right = &a.outcomes[a.answer()].text;
            match &truth {
                Truth::Changed(_) => assert_eq!(right, &a.truth, "{id} {:?}", a.step),
                Truth::Nothing => assert_eq!(right, "changes nothing"),
                Truth::Warning(w) => {
                    assert!(right.contains("warning"), "{id}: {right}");
                    assert!(
                        a.truth.contains(w.as_str()),
                        "the reveal quotes the warning"
                    );
                }
                Truth::Refused(why) => {
                    assert!(right.contains("refuses"), "{id}: {right}");
                    assert!(
                        a.truth.contains(why.as_str()),
                        "the reveal quotes the store"
                    );
                }
            }
            // Answering applies the event: the lab then shows the very changes.
            let before = t.cursor();
            p.answer(&mut t, &a, (a.answer() + 1) % a.outcomes.len());
            if let (Step::Event(position), Truth::Changed(changes)) = (a.step, &truth) {
                assert_eq!(t.cursor(), position + 1);
                assert_eq!(t.changes(), changes.as_slice());
            } else if let Step::Refusal(_) = a.step {
                assert_eq!(t.cursor(), before, "a refused append moves nothing");
            }
        }
        assert_eq!(p.right, 0, "{id}: every wrong pick counts as wrong");
    }
}

#[test]
fn a_refused_append_is_asked_where_it_was_tried() {
    let asked = walk("concurrent-writers");
    let steps: Vec<Step> = asked.iter().map(|a| a.step).collect();
    let t = timeline("concurrent-writers");
    let after = t.refusals()[0].after;
    let at = steps
        .iter()
        .position(|s| *s == Step::Refusal(0))
        .expect("the refusal is asked");
    assert_eq!(
        steps[at - 1],
        Step::Event(after - 1),
        "right after the events it saw"
    );
    assert!(
        asked[at].what.contains("support"),
        "the writer is named: {}",
        asked[at].what
    );
    assert_eq!(asked.len() as u64, t.len() + t.refusals().len() as u64);
}

#[test]
fn a_wrong_balance_is_a_real_slip() {
    // bank-account position 2 withdraws 3 from 10.
    let a = ask(&timeline("bank-account"), Step::Event(2)).unwrap();
    let texts: Vec<&str> = a.outcomes.iter().map(|o| o.text.as_str()).collect();
    assert!(
        texts.contains(&"accountId 0's balance: 10 → 7"),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"accountId 0's balance: 10 → 13"),
        "the wrong way: {texts:?}"
    );
    assert!(a.outcomes[a.answer()].text.ends_with("→ 7"));
}

#[test]
fn a_deletion_offers_the_log_deleted_misconception() {
    let a = ask(&timeline("user-lifecycle"), Step::Event(2)).unwrap();
    let slip = a
        .outcomes
        .iter()
        .find(|o| o.text.contains("from the log"))
        .expect("the misconception is offered");
    assert!(!slip.correct);
    assert!(slip.why.contains("deletes nothing from the log"));
}

#[test]
fn the_right_outcome_does_not_sit_at_one_letter() {
    for id in ["bank-account", "shop-orders"] {
        let places: std::collections::BTreeSet<usize> =
            walk(id).iter().map(|a| a.answer()).collect();
        assert!(
            places.len() >= 3,
            "{id}: the answer moves about: {places:?}"
        );
    }
}

#[test]
fn typed_answers_pick_by_letter_value_or_word_and_nothing_else() {
    let t = timeline("bank-account");
    let a = ask(&t, Step::Event(4)).unwrap();
    let right = a.answer();
    assert_eq!(a.pick_typed(" 14 "), Some(right));
    let letter = kata::content::letter(right);
    assert_eq!(
        a.pick_typed(&letter.to_ascii_lowercase().to_string()),
        Some(right)
    );
    assert_eq!(
        a.pick_typed("nothing"),
        a.outcomes.iter().position(|o| o.text == "changes nothing")
    );
    for bad in [
        "",
        "   ",
        "z",
        "\u{1b}[2J",
        "\u{202e}14",
        &"9".repeat(10_000),
    ] {
        assert_eq!(a.pick_typed(bad), None, "{bad:?} picks nothing");
    }
}

#[test]
fn the_learners_own_journal_can_be_predicted() {
    let topic = catalog().topic("event-store").unwrap().clone();
    let mut recorder =
        kata::progress::Recorder::start_learn(Vec::new(), "event-store", Box::new(|| 5)).unwrap();
    recorder.note_read(&topic.notes[0]).unwrap();
    let events = recorder.into_sink();
    let scenario = kata::progress::journal_scenario(&events);
    let mut t = Timeline::new(&scenario);
    let mut p = Predicting::default();
    while let Some(a) = p.question(&t) {
        assert_eq!(a.outcomes.iter().filter(|o| o.correct).count(), 1);
        let right = a.answer();
        p.answer(&mut t, &a, right);
    }
    assert!(p.asked >= 1, "the session's start at least");
    assert_eq!(
        u64::from(p.asked),
        t.len(),
        "one question per event of the journal"
    );
}

fn plain(data: &std::path::Path, args: &[&str], input: &str) -> std::process::Output {
    common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data)
            .args(["plain", "--mode", "predict"])
            .args(args),
        input,
    )
}

#[test]
fn the_line_mode_plays_a_whole_scenario_and_records_each_prediction() {
    let data = tempfile::tempdir().unwrap();
    // The right letters, after an empty line and a hostile one.
    let answers: Vec<String> = {
        let mut t = timeline("user-after-delete");
        let mut p = Predicting::default();
        let mut out = Vec::new();
        while let Some(a) = p.question(&t) {
            out.push(kata::content::letter(a.answer()).to_string());
            let right = a.answer();
            p.answer(&mut t, &a, right);
        }
        out
    };
    let input = format!("\n\u{1b}[2J\n{}\n", answers.join("\n"));
    let out = plain(data.path(), &["--scenario", "user-after-delete"], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Step 1 · user-2@0 UserCreated"), "{text}");
    assert!(text.contains("Type an answer first"), "{text}");
    assert!(!text.contains('\u{1b}'), "nothing typed is echoed raw");
    assert!(
        text.contains("after it was deleted"),
        "the warning is quoted: {text}"
    );
    assert!(text.contains("Predicted 3 of 3 step(s) right."), "{text}");
    let journal = std::fs::read_to_string(data.path().join(kata::progress::JOURNAL_FILE)).unwrap();
    assert_eq!(
        journal.matches(r#""mode":"predict""#).count(),
        1,
        "{journal}"
    );
    let predicted: Vec<(String, u64, bool)> = journal
        .lines()
        .filter_map(
            |l| match kata::progress::parse_line(l.as_bytes()).unwrap().event {
                kata::progress::Event::Predicted {
                    scenario,
                    step,
                    position,
                    correct,
                    ..
                } => Some((format!("{scenario} {step}"), position, correct)),
                _ => None,
            },
        )
        .collect();
    let step = || "user-after-delete event".to_string();
    assert_eq!(
        predicted,
        vec![(step(), 0, true), (step(), 1, true), (step(), 2, true)],
        "one event per answer, none for the empty or hostile line"
    );
}

#[test]
fn the_line_mode_names_the_scenarios_when_none_is_given_or_found() {
    let data = tempfile::tempdir().unwrap();
    let out = plain(data.path(), &[], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--scenario ID") && err.contains("bank-account"),
        "{err}"
    );
    let out = plain(data.path(), &["--scenario", "nope"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no scenario `nope`"));
    assert!(
        !data.path().join(kata::progress::JOURNAL_FILE).exists(),
        "nothing recorded"
    );
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata")).args(["plain", "--scenario", "bank-account"]),
        "",
    );
    assert_eq!(out.status.code(), Some(2), "--scenario belongs to predict");
}
