//! `kata class report` over what three learners synced equals the figures
//! computed straight from their journals.

use crate::learners::{WHO, class};
use crate::support::*;
use kata::progress::{Event, load_bytes};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Per item version: learner → tries (chosen, correct) in order, from the journals.
type Tries = BTreeMap<(String, String), BTreeMap<String, Vec<(Vec<usize>, bool)>>>;

fn from_journals(class: &[Learner]) -> Tries {
    let mut tries: Tries = BTreeMap::new();
    for (learner, who) in class.iter().zip(WHO) {
        let loaded = load_bytes(&std::fs::read(learner.journal()).unwrap());
        let mut events = loaded.events.clone();
        events.sort_by_key(|r| r.at);
        for r in events {
            if let Event::AnswerSubmitted {
                item,
                hash,
                chosen,
                correct,
                ..
            } = r.event
            {
                tries
                    .entry((item, hash))
                    .or_default()
                    .entry(who.to_string())
                    .or_default()
                    .push((chosen, correct));
            }
        }
    }
    tries
}

fn report(ralph: &Ralph, extra: &[&str]) -> (Value, String) {
    let learner = Learner::new();
    let mut args = vec![
        "class",
        "report",
        "--lrs",
        ralph.url().leak(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = learner.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    (serde_json::from_slice(&out.stdout).unwrap(), stderr(&out))
}

#[test]
fn the_report_equals_the_figures_of_the_journals() {
    let Some(ralph) = ralph() else { return };
    let class = class();
    for (learner, who) in class.iter().zip(WHO) {
        let out = learner.run(&["sync", "--lrs", &ralph.url(), "--as", who]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    // Another tool's statement in the same LRS.
    let other = json!([{
        "actor": {"mbox": "mailto:ana@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": "https://moodle.example.org/quiz/7"},
        "result": {"success": false}
    }]);
    assert_eq!(ralph.post(&other), 200);

    let (r, said) = report(&ralph, &[]);
    assert_eq!(r["ignored"], 1);
    assert!(
        said.contains("ignored 1 statements that are not kata's"),
        "{said}"
    );
    assert_eq!(r["learners"], 3);
    let tries = from_journals(&class);
    let items = r["items"].as_array().unwrap();
    assert_eq!(items.len(), tries.len(), "one row per item version");
    let mut lowest = f64::MAX;
    let mut top_pick = 0;
    for ((item, hash), by_learner) in &tries {
        let row = items
            .iter()
            .find(|i| i["item"] == *item && i["hash"] == *hash)
            .unwrap_or_else(|| panic!("{item} is in the report"));
        let n = by_learner.len();
        let first_right = by_learner.values().filter(|t| t[0].1).count();
        let difficulty = first_right as f64 / n as f64;
        lowest = lowest.min(difficulty);
        assert_eq!(row["learners"], n, "{item}");
        assert!(
            (row["difficulty"].as_f64().unwrap() - difficulty).abs() < 1e-12,
            "{item}"
        );
        let mut tries_to_right: Vec<usize> = by_learner
            .values()
            .map(|t| t.iter().position(|(_, ok)| *ok).map_or(t.len(), |i| i + 1))
            .collect();
        tries_to_right.sort();
        let median = if n % 2 == 1 {
            tries_to_right[n / 2] as f64
        } else {
            (tries_to_right[n / 2 - 1] + tries_to_right[n / 2]) as f64 / 2.0
        };
        assert_eq!(row["median_tries"].as_f64().unwrap(), median, "{item}");
        // Each option's first-try picks.
        let mut picks: BTreeMap<usize, usize> = BTreeMap::new();
        for t in by_learner.values() {
            *picks.entry(t[0].0[0]).or_default() += 1;
        }
        for o in row["options"].as_array().unwrap() {
            let option = o["option"].as_u64().unwrap() as usize;
            assert_eq!(
                o["learners"],
                picks.get(&option).copied().unwrap_or(0),
                "{item} {option}"
            );
            if o["correct"] == false {
                top_pick = top_pick.max(o["learners"].as_u64().unwrap());
            }
        }
        assert_eq!(row["changed"], false);
    }
    assert_eq!(r["hardest"]["difficulty"].as_f64().unwrap(), lowest);
    assert_eq!(r["top_distractor"]["learners"], top_pick);
    assert!(
        r["top_distractor"]["text"].is_string(),
        "the distractor is named by its text"
    );
    assert_eq!(r["changed_mid_course"], json!([]));

    // Per learner: mastery from the latest tries.
    assert_eq!(r["per_learner"].as_array().unwrap().len(), 3);

    // --topic keeps only that topic; the table names the hardest item.
    let (none, _) = report(&ralph, &["--topic", "no-such-topic"]);
    assert_eq!(none["items"], json!([]));
    let table = Learner::new().run(&["class", "report", "--lrs", &ralph.url()]);
    let text = String::from_utf8(table.stdout).unwrap();
    let hardest = r["hardest"]["item"].as_str().unwrap();
    assert!(
        text.contains(&format!("Hardest item: event-store/{hardest}")),
        "{text}"
    );
    assert!(
        text.contains("Distractor that catches the most learners"),
        "{text}"
    );
    let csv = Learner::new().run(&["class", "report", "--lrs", &ralph.url(), "--format", "csv"]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("topic,item,hash,"), "{csv}");
    // --since in the future leaves nothing.
    let (later, _) = report(&ralph, &["--since", "2999-01-01"]);
    assert_eq!(later["statements"], 0);
}

#[test]
fn an_item_edited_mid_course_is_flagged_and_its_versions_kept_apart() {
    let Some(ralph) = ralph() else { return };
    let ana = Learner::new();
    let bo = Learner::new();
    let line = |hash: &str, correct: bool| {
        kata::progress::Recorded {
            at: 1_732_700_000_000,
            event: Event::AnswerSubmitted {
                typed: None,
                confidence: None,
                session: 1,
                topic: "event-store".into(),
                item: "purpose".into(),
                hash: hash.into(),
                chosen: vec![usize::from(!correct)],
                try_number: 1,
                correct,
                points: 1.0,
            },
        }
        .to_line()
    };
    ana.write_journal(&line("old-version", false));
    bo.write_journal(&line("new-version", true));
    for (l, who) in [(&ana, WHO[0]), (&bo, WHO[1])] {
        let out = l.run(&["sync", "--lrs", &ralph.url(), "--as", who]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let (r, _) = report(&ralph, &[]);
    assert_eq!(r["changed_mid_course"], json!(["event-store/purpose"]));
    let versions: Vec<&Value> = r["items"].as_array().unwrap().iter().collect();
    assert_eq!(versions.len(), 2);
    assert!(
        versions
            .iter()
            .all(|v| v["changed"] == true && v["learners"] == 1)
    );
    // Neither version's answer carries text of the content loaded now.
    let held = ralph.statements();
    assert!(held.iter().all(
        |s| s["result"]["extensions"]["https://w3id.org/kata/xapi/extensions/content"] == "changed"
    ));
}
