//! Property: the figures computed from the journal equal counters kept
//! alongside while random sessions run (tries, hints, resets, tests).

use kata::content::Item;
use kata::practice::{Mode, Session};
use kata::progress::{Event, Recorded, Recorder, project, report};
use proptest::prelude::*;
use std::collections::HashMap;

#[derive(Debug, Clone)]
enum Action {
    /// Answer the current item; each blank gets the right option when its bit is set.
    Answer(u8),
    Hint,
    Next,
}

#[derive(Debug, Clone)]
struct Run {
    mode: Mode,
    actions: Vec<Action>,
    /// Reset the topic's progress before this session.
    reset_before: bool,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => any::<u8>().prop_map(Action::Answer),
        1 => Just(Action::Hint),
        2 => Just(Action::Next),
    ]
}

fn runs() -> impl Strategy<Value = Vec<Run>> {
    let run = (
        prop_oneof![Just(Mode::Practice), Just(Mode::Quiz), Just(Mode::Test)],
        prop::collection::vec(action(), 0..40),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(mode, actions, reset_before)| Run {
            mode,
            actions,
            reset_before,
        });
    prop::collection::vec(run, 1..5)
}

/// What the counters say about one item.
#[derive(Debug, Default, Clone, PartialEq)]
struct Kept {
    tries: u32,
    last_correct: Option<bool>,
}

const DAY: i64 = 86_400_000;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn stats_from_the_journal_equal_counters_kept_alongside(runs in runs(), seed in any::<u64>()) {
        let catalog = kata::content::load(&[]);
        let topic = catalog.topic("event-store").unwrap().clone();
        let mut journal: Vec<Recorded> = Vec::new();
        let mut kept: HashMap<String, Kept> = HashMap::new();
        let mut best_test: Option<f64> = None;
        let mut last_test: Option<f64> = None;
        let mut tests = 0u32;
        for (day, run) in runs.iter().enumerate() {
            if run.reset_before {
                journal.push(Recorded { at: day as i64 * DAY, event: Event::ProgressReset { topic: Some(topic.id.clone()) } });
                kept.clear();
                best_test = None;
                last_test = None;
                tests = 0;
            }
            let mut session: Session = kata::practice::start(&topic, run.mode, seed);
            if session.is_empty() {
                continue;
            }
            let mut clock = day as i64 * DAY + 1000;
            let mut recorder = Recorder::start_with_clock(
                std::mem::take(&mut journal),
                &topic.id,
                &session,
                Box::new(move || { clock += 1; clock }),
            ).unwrap();
            for action in &run.actions {
                let index = session.index();
                match action {
                    Action::Answer(bits) => {
                        let item: &Item = session.current();
                        let choices: Vec<usize> = item.answer().iter().enumerate().map(|(b, &a)| {
                            if bits >> (b % 8) & 1 == 1 { a } else { (a + 1) % item.options().len() }
                        }).collect();
                        if let Ok(result) = session.answer(&choices) {
                            recorder.answered(&session, index, &result).unwrap();
                            let k = kept.entry(session.items()[index].id().to_string()).or_default();
                            k.tries += 1;
                            k.last_correct = Some(result.correct);
                        }
                    }
                    Action::Hint => {
                        if session.show_hint().is_some() {
                            recorder.hint_shown(&session, index).unwrap();
                        }
                    }
                    Action::Next => {
                        session.next_item();
                    }
                }
            }
            if run.mode == Mode::Test {
                session.end();
                recorder.finished(&session).unwrap();
                let percent = session.score().percent();
                tests += 1;
                last_test = Some(percent);
                best_test = Some(best_test.map_or(percent, |b: f64| b.max(percent)));
            }
            journal = recorder.into_sink();
        }

        // Through the journal's own format, as a learner's file would be read.
        let bytes: String = journal.iter().map(Recorded::to_line).collect();
        let loaded = kata::progress::load_bytes(bytes.as_bytes());
        prop_assert!(loaded.problems.is_empty());
        let progress = project(&loaded.events, 0);
        let today = runs.len() as i64 + 30;
        let r = report(&progress, std::slice::from_ref(&topic), today);
        let t = &r.topics[0];

        let solved = kept.values().filter(|k| k.last_correct == Some(true)).count();
        prop_assert_eq!(t.solved, solved);
        let mut expected_mistakes: Vec<String> = kata::progress::topic_items(&topic)
            .iter()
            .map(|i| i.id().to_string())
            .filter(|id| kept.get(id).is_some_and(|k| k.last_correct == Some(false)))
            .collect();
        expected_mistakes.sort();
        let mut mistakes = t.mistakes.clone();
        mistakes.sort();
        prop_assert_eq!(mistakes, expected_mistakes);
        prop_assert_eq!(t.tries, kept.values().map(|k| k.tries).sum::<u32>());
        for (id, k) in &kept {
            let p = progress.item(&topic.id, id).unwrap();
            prop_assert_eq!(p.tries, k.tries, "item {}", id);
            prop_assert_eq!(p.last_correct, k.last_correct, "item {}", id);
        }
        prop_assert_eq!(t.tests, tests);
        prop_assert_eq!(t.last_test.as_ref().map(|x| x.percent()), last_test);
        prop_assert_eq!(t.best_test.as_ref().map(|x| x.percent()), best_test);
        // Long after the last session every answered item is due.
        let answered = kept.values().filter(|k| k.tries > 0).count();
        let far = report(&progress, std::slice::from_ref(&topic), today + 100_000);
        prop_assert_eq!(far.topics[0].due.len(), answered);
    }
}
