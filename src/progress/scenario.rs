//! "Replay my progress": the learner's own journal as a replay-lab scenario, so
//! the engine that teaches event sourcing rebuilds the learner's own state.

use super::{Event, Recorded};
use crate::content::{Datum, Origin, RuleAction, Scenario, ScenarioEvent, letter};

/// The scenario id under which the lab and `kata replay` offer the learner's
/// journal; content's checks reserve it.
pub use crate::content::MY_PROGRESS;

/// The journal as a scenario: one stream per topic (`progress-<topic>`), one
/// entity per item (key `item`, written `topic/item`), whose fields are its
/// latest try (`merge`), `hinted` once a hint was shown, and one entity per
/// topic's tests holding the last test's score. Session starts and resets carry
/// no item, so they are left out of this view; the journal itself keeps them.
///
/// ```
/// use kata::progress::{Event, Recorded, journal_scenario};
/// let tried = Recorded { at: 0, event: Event::AnswerSubmitted {
///     session: 1, topic: "event-store".into(), item: "purpose".into(), hash: "h".into(),
///     chosen: vec![1], try_number: 1, correct: false, points: 0.0, confidence: None, typed: None } };
/// let scenario = journal_scenario(&[tried]);
/// assert_eq!(scenario.events.len(), 1);
/// assert_eq!(scenario.events[0].stream, "progress-event-store");
/// ```
pub fn journal_scenario(events: &[Recorded]) -> Scenario {
    let mut listed = Vec::new();
    for recorded in events {
        let (topic, event_type, data) = match &recorded.event {
            Event::AnswerSubmitted {
                topic,
                item,
                chosen,
                try_number,
                correct,
                points,
                ..
            } => {
                let answer: Vec<String> = chosen.iter().map(|&c| letter(c).to_string()).collect();
                (
                    topic,
                    "AnswerSubmitted",
                    vec![
                        ("item".to_string(), Datum::Text(format!("{topic}/{item}"))),
                        ("answer".to_string(), Datum::Text(answer.join(" "))),
                        ("try".to_string(), Datum::Int(i64::from(*try_number))),
                        ("correct".to_string(), Datum::Bool(*correct)),
                        ("points".to_string(), Datum::Float(*points)),
                    ],
                )
            }
            Event::CodeRun {
                topic,
                item,
                code_hash,
                passed,
                tests,
                solved,
                points,
                kind,
                ..
            } => {
                let mut data = vec![
                    ("item".to_string(), Datum::Text(format!("{topic}/{item}"))),
                    ("code".to_string(), Datum::Text(code_hash.clone())),
                    ("passed".to_string(), Datum::Int(i64::from(*passed))),
                    ("tests".to_string(), Datum::Int(i64::from(*tests))),
                    ("solved".to_string(), Datum::Bool(*solved)),
                ];
                // A kata's points are its runs'; an exercise's are its try's,
                // which a run must not overwrite in the merged state.
                if kind != "exercise" {
                    data.push(("points".to_string(), Datum::Float(*points)));
                }
                (topic, "CodeRun", data)
            }
            Event::HintShown { topic, item, .. } => (
                topic,
                "HintShown",
                vec![("item".to_string(), Datum::Text(format!("{topic}/{item}")))],
            ),
            Event::TestFinished {
                topic,
                seed,
                points,
                total,
                verdict,
                ..
            } => (
                topic,
                "TestFinished",
                vec![
                    ("item".to_string(), Datum::Text(format!("{topic}/test"))),
                    ("seed".to_string(), Datum::Int(*seed as i64)),
                    ("points".to_string(), Datum::Float(*points)),
                    ("total".to_string(), Datum::Int(i64::from(*total))),
                    ("verdict".to_string(), Datum::Text(verdict.clone())),
                ],
            ),
            Event::CardRated {
                topic,
                item,
                rating,
                ..
            } => (
                topic,
                "CardRated",
                vec![
                    ("item".to_string(), Datum::Text(format!("{topic}/{item}"))),
                    (
                        "rating".to_string(),
                        Datum::Text(
                            super::Rating::from_level(*rating)
                                .map_or("?", super::Rating::word)
                                .to_string(),
                        ),
                    ),
                ],
            ),
            Event::NoteRead { topic, item, .. } => (
                topic,
                "NoteRead",
                vec![
                    ("item".to_string(), Datum::Text(format!("{topic}/{item}"))),
                    ("read".to_string(), Datum::Bool(true)),
                ],
            ),
            Event::Predicted {
                topic,
                scenario,
                step,
                position,
                correct,
                ..
            } => (
                topic,
                "Predicted",
                vec![
                    (
                        "item".to_string(),
                        Datum::Text(format!("{topic}/{scenario} {step} {position}")),
                    ),
                    ("correct".to_string(), Datum::Bool(*correct)),
                ],
            ),
            Event::SessionStarted { .. } | Event::ProgressReset { .. } => continue,
        };
        listed.push(ScenarioEvent {
            stream: format!("progress-{topic}"),
            event_type: event_type.to_string(),
            data,
            expected: None,
            writer: None,
        });
    }
    Scenario {
        id: MY_PROGRESS.to_string(),
        title: "My progress, rebuilt from my journal".to_string(),
        about: Some(
            "Every try you made, replayed in order: each item ends with your latest answer, \
             exactly as kata's own figures are computed from the same events."
                .to_string(),
        ),
        key: Some("item".to_string()),
        snapshot_every: if listed.len() > 1_000 { 500 } else { 0 },
        events: listed,
        rules: vec![
            ("AnswerSubmitted".to_string(), RuleAction::Merge),
            (
                "HintShown".to_string(),
                RuleAction::Set(vec![("hinted".to_string(), Datum::Bool(true))]),
            ),
            ("TestFinished".to_string(), RuleAction::Merge),
            ("CodeRun".to_string(), RuleAction::Merge),
            ("CardRated".to_string(), RuleAction::Merge),
            ("NoteRead".to_string(), RuleAction::Merge),
            ("Predicted".to_string(), RuleAction::Merge),
        ],
        generate: None,
        origin: Origin {
            path: "journal".to_string(),
            line: 0,
        },
    }
}
