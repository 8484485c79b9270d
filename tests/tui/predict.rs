//! Predict in the lab: opened from home's Predict row (`w`) or with `p` in
//! the lab; letters answer, the lab applies the event, the panel keeps the
//! score; the first answer records the session; screens at 80×24 and 120×40.

use crate::support::{Harness, bundled};
use kata::progress::{Event, parse_line};
use kata::tui::action::Target;
use kata::tui::app::{HomeRow, Screen};
use kata::tui::lab::{LabView, Pane};
use ratatui::crossterm::event::KeyCode;

fn view(h: &Harness) -> &LabView {
    match &h.app.screen {
        Screen::Lab(lab) => lab.view().expect("a scenario is open"),
        _ => panic!("not in the lab:\n{}", h.screen()),
    }
}

/// Home → w → the scenario with this id, Predict on.
fn open(h: &mut Harness, id: &str) {
    h.open_scenario('w', id);
}

fn right_letter(h: &Harness) -> char {
    let ask = view(h).predict.as_ref().unwrap().ask.as_ref().unwrap();
    kata::content::letter(ask.answer()).to_ascii_lowercase()
}

fn wrong_letter(h: &Harness) -> char {
    let ask = view(h).predict.as_ref().unwrap().ask.as_ref().unwrap();
    kata::content::letter((ask.answer() + 1) % ask.outcomes.len()).to_ascii_lowercase()
}

#[test]
fn home_offers_predict_last_and_w_opens_the_list_for_it() {
    let mut h = Harness::new(bundled(), 100, 30);
    let rows = h.app.home_rows();
    assert_eq!(rows.last(), Some(&HomeRow::Predict));
    assert_eq!(rows[rows.len() - 2], HomeRow::Lab);
    // Review and Due join these once a journal has something to review.
    assert!(
        rows.len() >= 8,
        "every mode with something to offer: {rows:?}"
    );
    assert!(h.screen().contains("Predict"), "{}", h.screen());
    h.keys("w");
    assert!(
        h.screen().contains("Predict · choose a scenario"),
        "{}",
        h.screen()
    );
}

#[test]
fn a_right_and_a_wrong_prediction_score_and_apply_the_event() {
    let mut h = Harness::new(bundled(), 100, 30);
    open(&mut h, "bank-account");
    assert_eq!(view(&h).pane, Pane::Predict);
    assert_eq!(
        view(&h).timeline.cursor(),
        0,
        "nothing applied before the answer"
    );
    let right = right_letter(&h);
    h.keys(&right.to_string());
    assert_eq!(
        view(&h).timeline.cursor(),
        1,
        "answered: the event is applied"
    );
    let wrong = wrong_letter(&h);
    h.keys(&wrong.to_string());
    let score = &view(&h).predict.as_ref().unwrap().score;
    assert_eq!((score.right, score.asked), (1, 2));
    let screen = h.screen();
    assert!(screen.contains("Predict · 1 of 2 right"), "{screen}");
    assert!(
        screen.contains("Why not"),
        "a wrong pick is explained: {screen}"
    );
    assert!(screen.contains("What it did"), "{screen}");
}

#[test]
fn a_click_on_an_outcome_answers_with_it() {
    let mut h = Harness::new(bundled(), 120, 40);
    open(&mut h, "user-lifecycle");
    let answer = view(&h)
        .predict
        .as_ref()
        .unwrap()
        .ask
        .as_ref()
        .unwrap()
        .answer();
    h.click(Target::Option(answer));
    assert_eq!(view(&h).predict.as_ref().unwrap().score.right, 1);
}

#[test]
fn moving_by_hand_asks_about_the_new_next_event_and_p_turns_it_off() {
    let mut h = Harness::new(bundled(), 100, 30);
    open(&mut h, "user-after-delete");
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    let ask = view(&h).predict.as_ref().unwrap().ask.clone().unwrap();
    assert_eq!(ask.step, kata::replay::prediction::Step::Event(2));
    assert_eq!(
        view(&h).predict.as_ref().unwrap().score.asked,
        0,
        "a skip is not scored"
    );
    h.keys("p");
    assert!(view(&h).predict.is_none());
    assert_eq!(view(&h).pane, Pane::State);
    h.keys("a");
    assert_eq!(
        view(&h).timeline.cursor(),
        2,
        "letters do nothing with Predict off"
    );
    h.keys("p");
    assert!(
        view(&h).predict.is_some(),
        "p turns it on again in any scenario"
    );
}

#[test]
fn the_end_of_the_log_says_so() {
    let mut h = Harness::new(bundled(), 100, 30);
    open(&mut h, "user-lifecycle");
    for _ in 0..3 {
        let right = right_letter(&h);
        h.keys(&right.to_string());
    }
    assert!(view(&h).predict.as_ref().unwrap().ask.is_none());
    assert!(
        h.screen().contains("Every step is predicted"),
        "{}",
        h.screen()
    );
}

#[test]
fn the_first_answer_records_a_predict_session_once_and_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_journal(dir.path(), 100, 30);
    open(&mut h, "bank-account");
    let journal = dir.path().join(kata::progress::JOURNAL_FILE);
    let starts = || {
        std::fs::read_to_string(&journal)
            .unwrap_or_default()
            .lines()
            .filter(|l| {
                matches!(parse_line(l.as_bytes()).unwrap().event,
                    Event::SessionStarted { ref mode, ref topic, .. } if mode == "predict" && topic == "event-store")
            })
            .count()
    };
    assert_eq!(starts(), 0, "opening is not practice yet");
    for _ in 0..2 {
        let right = right_letter(&h);
        h.keys(&right.to_string());
    }
    let wrong = wrong_letter(&h);
    h.keys(&wrong.to_string());
    assert_eq!(starts(), 1);
    let predicted: Vec<(u64, bool)> = std::fs::read_to_string(&journal)
        .unwrap()
        .lines()
        .filter_map(|l| match parse_line(l.as_bytes()).unwrap().event {
            Event::Predicted {
                scenario,
                position,
                correct,
                response,
                ..
            } => {
                assert_eq!(scenario, "bank-account");
                assert!(!response.is_empty());
                Some((position, correct))
            }
            _ => None,
        })
        .collect();
    assert_eq!(predicted, vec![(0, true), (1, true), (2, false)]);
}

#[test]
fn predict_screens() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = Harness::new(bundled(), w, ht);
        open(&mut h, "bank-account");
        let right = right_letter(&h);
        h.keys(&right.to_string());
        let wrong = wrong_letter(&h);
        h.keys(&wrong.to_string());
        insta::assert_snapshot!(format!("predict_{w}x{ht}"), h.screen());
    }
    let mut h = Harness::new(bundled(), 80, 24);
    open(&mut h, "concurrent-writers");
    for _ in 0..2 {
        let right = right_letter(&h);
        h.keys(&right.to_string());
    }
    insta::assert_snapshot!("predict_refusal_80x24", h.screen());
}
