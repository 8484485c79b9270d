//! Property: the figures computed from the journal equal an independent model
//! kept alongside while random sessions run (tries, hints, resets, tests).
//!
//! The model takes nothing from the code under test: whether a try is
//! accepted and whether it is right come from the bits the test generated and
//! the item's content; points and percentages from the scoring rule (a try
//! *k* of *n* earns `(n − k + 1) / n` of the item's weight, halved after a
//! hint); and what is due from FSRS-6's published first stabilities (a first
//! review rated Again 0.21 days, Hard 1.29, Good 2.31: at 90 % retention the
//! interval is the stability, rounded, at least a day), checked on the days
//! right after the sessions, not 100,000 days ahead.

use kata::content::Item;
use kata::practice::SubmitError;
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

/// What the model says about one item since the last reset.
#[derive(Debug, Default, Clone, PartialEq)]
struct Kept {
    tries: u32,
    last_correct: Option<bool>,
    /// (day, rating) of each session that answered it: its first try's rating.
    reviews: Vec<(i64, Rating)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Rating {
    Again,
    Hard,
    Good,
}

/// One item within one session, as the model follows it.
#[derive(Debug, Default, Clone)]
struct InRun {
    tries: usize,
    solved_on: Option<usize>,
    hint: bool,
}

/// Tries an item allows: one in a test and for a question, else the exercise's own number.
fn allowed(item: &Item, mode: Mode) -> usize {
    match item {
        Item::Exercise(e) if mode != Mode::Test => e.attempts.max(1) as usize,
        _ => 1,
    }
}

fn weight(item: &Item) -> f64 {
    match item.difficulty() {
        kata::content::Difficulty::Easy => 1.0,
        kata::content::Difficulty::Medium => 2.0,
        kata::content::Difficulty::Hard => 3.0,
    }
}

const DAY: i64 = 86_400_000;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn stats_from_the_journal_equal_an_independent_model(runs in runs(), seed in any::<u64>()) {
        let catalog = kata::replay::predict::load(&[]);
        let topic = catalog.topic("event-store").unwrap().clone();
        let mut journal: Vec<Recorded> = Vec::new();
        let mut kept: HashMap<String, Kept> = HashMap::new();
        let mut best_test: Option<f64> = None;
        let mut last_test: Option<f64> = None;
        let mut tests = 0u32;
        for (day, run) in runs.iter().enumerate() {
            let day = day as i64;
            if run.reset_before {
                journal.push(Recorded { at: day * DAY, event: Event::ProgressReset { topic: Some(topic.id.clone()) } });
                kept.clear();
                best_test = None;
                last_test = None;
                tests = 0;
            }
            let mut session: Session = kata::practice::start(&topic, run.mode, seed);
            if session.is_empty() {
                continue;
            }
            let mut in_run = vec![InRun::default(); session.len()];
            let mut clock = day * DAY + 1000;
            let mut recorder = Recorder::start_with_clock(
                std::mem::take(&mut journal),
                &topic.id,
                &session,
                Box::new(move || { clock += 1; clock }),
            ).unwrap();
            for action in &run.actions {
                let index = session.index();
                let item: Item = session.current().clone();
                let m = &mut in_run[index];
                let open = m.solved_on.is_none() && m.tries < allowed(&item, run.mode);
                match action {
                    // An item without blanks is not answered by letters: not this model's.
                    Action::Answer(_) if item.blanks() == 0 => {}
                    Action::Answer(bits) => {
                        let n = item.options().len();
                        let right: Vec<bool> = (0..item.blanks()).map(|b| bits >> (b % 8) & 1 == 1).collect();
                        // A typed exercise: each blank's first accepted text, or a wrong one.
                        let typed: Option<Vec<String>> = match &item {
                            Item::Exercise(e) if e.is_typed() => Some(
                                e.accept.iter().zip(&right)
                                    .map(|(a, &r)| if r { a[0].clone() } else { "nope".to_string() })
                                    .collect(),
                            ),
                            _ => None,
                        };
                        prop_assert!(n >= 2 || typed.is_some(), "a wrong option exists");
                        let choose_all = matches!(&item, Item::Question(q) if q.is_choose_all());
                        let choices: Vec<usize> = if typed.is_some() {
                            Vec::new()
                        } else if choose_all {
                            // Every answer, or one of them and a wrong option
                            // (credit (1 − 1) / 2 = 0: no points, as the model says).
                            let answers = item.answer();
                            let wrong = (0..n).find(|o| !answers.contains(o)).unwrap();
                            if right[0] { answers } else { vec![answers[0], wrong] }
                        } else {
                            item.answer().iter().zip(&right).map(|(&a, &r)| {
                                if r { a } else { (a + 1) % n }
                            }).collect()
                        };
                        let correct = right.iter().all(|&r| r);
                        let answered = match &typed {
                            Some(texts) => session.answer_typed(texts),
                            None => session.answer(&choices),
                        };
                        match answered {
                            Ok(result) => {
                                prop_assert!(open, "an answer to a finished item was taken");
                                prop_assert_eq!(result.correct, correct);
                                recorder.answered(&session, index, &result).unwrap();
                                m.tries += 1;
                                if correct {
                                    m.solved_on = Some(m.tries);
                                }
                                // The points the journal keeps for the try (what export shows).
                                let n = allowed(&item, run.mode) as f64;
                                let expected = if correct {
                                    weight(&item) * (n - m.tries as f64 + 1.0) / n * if m.hint { 0.5 } else { 1.0 }
                                } else {
                                    0.0
                                };
                                match &recorder.sink().last().unwrap().event {
                                    Event::AnswerSubmitted { points, correct: c, try_number, .. } => {
                                        prop_assert!((points - expected).abs() < 1e-9, "points {} vs {}", points, expected);
                                        prop_assert_eq!(*c, correct);
                                        prop_assert_eq!(*try_number as usize, m.tries);
                                    }
                                    other => prop_assert!(false, "not an answer: {:?}", other),
                                }
                                let k = kept.entry(item.id().to_string()).or_default();
                                if m.tries == 1 {
                                    let rating = match (correct, m.hint) {
                                        (false, _) => Rating::Again,
                                        (true, true) => Rating::Hard,
                                        (true, false) => Rating::Good,
                                    };
                                    k.reviews.push((day, rating));
                                }
                                k.tries += 1;
                                k.last_correct = Some(correct);
                            }
                            Err(SubmitError::Finished) => prop_assert!(!open, "an open item refused a try"),
                            Err(e) => prop_assert!(false, "a well-formed answer refused: {e}"),
                        }
                    }
                    Action::Hint => {
                        let shown = session.show_hint().is_some();
                        prop_assert_eq!(shown, run.mode != Mode::Test, "hints are off in tests only");
                        if shown {
                            if open {
                                m.hint = true;
                            }
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
                let total: f64 = session.items().iter().map(weight).sum();
                let points: f64 = session.items().iter().zip(&in_run).map(|(item, m)| {
                    let n = allowed(item, run.mode) as f64;
                    match m.solved_on {
                        Some(k) => weight(item) * (n - k as f64 + 1.0) / n * if m.hint { 0.5 } else { 1.0 },
                        None => 0.0,
                    }
                }).sum();
                let percent = 100.0 * points / total;
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
        let last_day = runs.len() as i64 - 1;
        let r = report(&progress, std::slice::from_ref(&topic), last_day);
        let t = &r.topics[0];

        let solved = kept.values().filter(|k| k.last_correct == Some(true)).count();
        prop_assert_eq!(t.solved, solved);
        let mut expected_mistakes: Vec<String> = kept
            .iter()
            .filter(|(_, k)| k.last_correct == Some(false))
            .map(|(id, _)| id.clone())
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
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            (a, b) => a.is_none() && b.is_none(),
        };
        prop_assert!(close(t.last_test.as_ref().map(|x| x.percent()), last_test), "last test {:?} vs {:?}", t.last_test, last_test);
        prop_assert!(close(t.best_test.as_ref().map(|x| x.percent()), best_test), "best test {:?} vs {:?}", t.best_test, best_test);

        // Due on the days right after the sessions.
        for today in last_day..=last_day + 3 {
            let due: Vec<String> = kata::progress::due(&progress, &topic, today)
                .iter()
                .map(|i| i.id().to_string())
                .collect();
            for (id, k) in &kept {
                let is_due = due.contains(id);
                match k.reviews.as_slice() {
                    [] => prop_assert!(!is_due, "{} never answered since the reset", id),
                    [(day, rating)] => {
                        let interval = if *rating == Rating::Good { 2 } else { 1 };
                        prop_assert_eq!(is_due, today >= day + interval, "{} reviewed once on day {} ({:?}), today {}", id, day, rating, today);
                    }
                    [.., (last, _)] => {
                        if today == *last {
                            prop_assert!(!is_due, "{} is never due on the day of its review", id);
                        }
                    }
                }
            }
            for id in &due {
                prop_assert!(kept.contains_key(id), "{} is due but was never answered since the reset", id);
            }
        }
        // Within a year every answered item comes back (a handful of reviews, days apart).
        let year = kata::progress::due(&progress, &topic, last_day + 365);
        let answered = kept.values().filter(|k| !k.reviews.is_empty()).count();
        prop_assert_eq!(year.len(), answered);
    }
}
