//! Three learners practise with `kata plain`, sync, and the LRS holds their
//! journals, statement for statement.

use crate::support::*;
use kata::progress::{Event, load_bytes};
use serde_json::Value;
use std::process::Command;

pub const WHO: [&str; 3] = [
    "mailto:ana@example.org",
    "mailto:bo@example.org",
    "mailto:cy@example.org",
];

/// Answers typed by each learner in `kata plain --mode quiz`: letters, varied
/// so the class has right, wrong and retried items.
fn input(learner: usize) -> String {
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let items = kata::practice::start(topic, kata::practice::Mode::Quiz, 0)
        .items()
        .to_vec();
    let mut text = String::new();
    for (i, item) in items.iter().enumerate() {
        let right = item.answer()[0];
        let n = item.options().len();
        let wrong = (right + 1 + (i % 2)) % n;
        let letter = |c: usize| kata::content::letter(c).to_string();
        match (learner + i) % 3 {
            0 => text += &format!("{}\n", letter(right)),
            1 => text += &format!("{}\n{}\n", letter(wrong), letter(right)),
            _ => text += &format!("{}\n{}\n{}\n", letter(wrong), letter(wrong), letter(wrong)),
        }
    }
    text + "q\n"
}

/// Three learners who practised, each with their own data folder.
pub fn class() -> Vec<Learner> {
    (0..3)
        .map(|n| {
            let learner = Learner::new();
            let out = common_feed(learner.kata(&["plain", "--mode", "quiz"]), &input(n));
            assert!(out.status.success(), "{}", stderr(&out));
            learner
        })
        .collect()
}

fn common_feed(mut command: Command, input: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn three_learners_sync_and_the_lrs_holds_their_journals_exactly() {
    let Some(ralph) = ralph() else { return };
    let class = class();
    for (learner, who) in class.iter().zip(WHO) {
        let out = learner.run(&["sync", "--lrs", &ralph.url(), "--as", who]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains(&format!(
            "sending your progress to {} as {who}",
            ralph.url()
        )));
        // Syncing again sends nothing new.
        let again = learner.run(&["sync", "--lrs", &ralph.url()]);
        assert!(
            stderr(&again).contains("nothing new to send"),
            "{}",
            stderr(&again)
        );
    }
    let held = ralph.statements();
    for (learner, who) in class.iter().zip(WHO) {
        let journal = std::fs::read(learner.journal()).unwrap();
        let loaded = load_bytes(&journal);
        let tries: Vec<_> = loaded
            .events
            .iter()
            .filter_map(|r| match &r.event {
                Event::AnswerSubmitted {
                    item,
                    chosen,
                    correct,
                    try_number,
                    hash,
                    ..
                } => Some((
                    r.at,
                    item.clone(),
                    chosen.clone(),
                    *correct,
                    *try_number,
                    hash.clone(),
                )),
                _ => None,
            })
            .collect();
        assert!(tries.len() >= 10, "the learner answered the quiz");
        let mut answered: Vec<_> = held
            .iter()
            .filter(|s| {
                s["actor"]["mbox"] == who
                    && s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
            })
            .map(|s| {
                let ext = |k: &str| {
                    s["result"]["extensions"][format!("https://w3id.org/kata/xapi/extensions/{k}")]
                        .clone()
                };
                let ctx = |k: &str| {
                    s["context"]["extensions"][format!("https://w3id.org/kata/xapi/extensions/{k}")]
                        .clone()
                };
                let at = kata::class::report::parse_time(s["timestamp"].as_str().unwrap()).unwrap();
                let chosen: Vec<usize> = serde_json::from_value(ext("chosen")).unwrap();
                (
                    at,
                    ctx("item").as_str().unwrap().to_string(),
                    chosen,
                    s["result"]["success"].as_bool().unwrap(),
                    ext("try").as_u64().unwrap() as u32,
                    ctx("content-hash").as_str().unwrap().to_string(),
                )
            })
            .collect();
        answered.sort();
        let mut expected = tries.clone();
        expected.sort();
        assert_eq!(
            answered, expected,
            "{who}: every try, once, as in the journal"
        );
        // Texts, not letters: the response is the chosen option's text.
        let catalog = kata::replay::predict::load(&[]);
        let topic = catalog.topic("event-store").unwrap();
        for s in held
            .iter()
            .filter(|s| s["actor"]["mbox"] == who && s["result"]["response"].is_string())
        {
            let item_id = s["context"]["extensions"]["https://w3id.org/kata/xapi/extensions/item"]
                .as_str()
                .unwrap();
            let item = topic.item(item_id).unwrap();
            let chosen = s["result"]["extensions"]["https://w3id.org/kata/xapi/extensions/chosen"]
                [0]
            .as_u64()
            .unwrap() as usize;
            assert_eq!(
                s["result"]["response"],
                Value::from(item.options()[chosen].clone())
            );
        }
        // The session start is there too, and nothing else of this learner.
        let sessions = loaded
            .events
            .iter()
            .filter(|r| matches!(r.event, Event::SessionStarted { .. }))
            .count();
        let mine = held.iter().filter(|s| s["actor"]["mbox"] == who).count();
        assert_eq!(mine, tries.len() + sessions);
        assert_eq!(
            sorted(held_ids(&ralph, who)),
            sorted(dry_run_ids(learner, who))
        );
    }
}
