//! A choose-all question in the TUI: letters tick and untick, Enter checks,
//! and the result marks every option (snapshots at 80×24 and 120×40).

use crate::support::Harness;
use kata::content::{Catalog, Difficulty, Question, Topic};
use kata::practice::Outcome;
use kata::tui::app::Screen;
use ratatui::crossterm::event::KeyCode;

fn catalog() -> Catalog {
    let q = Question {
        id: "append-only".into(),
        difficulty: Difficulty::Medium,
        prompt: "Which of these follow from an append-only log?".into(),
        options: vec![
            "Any past state can be rebuilt".into(),
            "Events are edited to fix them".into(),
            "The log is an audit trail".into(),
            "Queries never need read models".into(),
        ],
        answer: 0,
        choose_all: vec![0, 2],
        steps: vec!["Nothing is overwritten, so the past can be replayed.".into()],
        hint: "What does a log that only grows allow?".into(),
        mistakes: vec!["Editing events in place".into()],
        feedback: [(1, "A correction is a new event.".to_string())].into(),
        ..Question::default()
    };
    Catalog {
        topics: vec![Topic {
            id: "logs".into(),
            title: "Logs".into(),
            questions: vec![q],
            ..Topic::default()
        }],
        ..Catalog::default()
    }
}

fn picked(h: &Harness) -> Vec<usize> {
    match &h.app.screen {
        Screen::Run(run) => run.session.current_state().picked.clone(),
        _ => panic!("not in a run:\n{}", h.screen()),
    }
}

fn outcome(h: &Harness) -> Outcome {
    match &h.app.screen {
        Screen::Run(run) => run.session.current_state().outcome,
        _ => panic!("not in a run:\n{}", h.screen()),
    }
}

#[test]
fn letters_tick_and_untick_and_enter_checks() {
    let mut h = Harness::new(catalog(), 80, 24);
    h.keys("u");
    assert!(
        h.screen().contains("Choose all that apply"),
        "{}",
        h.screen()
    );
    h.keys("abc");
    assert_eq!(picked(&h), [0, 1, 2]);
    h.keys("b");
    assert_eq!(picked(&h), [0, 2], "a second press unticks");
    assert!(h.screen().contains("[x] A."), "{}", h.screen());
    assert!(h.screen().contains("[ ] B."), "{}", h.screen());
    h.key(KeyCode::Enter);
    assert_eq!(outcome(&h), Outcome::Solved { on_try: 1 });
    assert!(h.screen().contains("✓ Correct"), "{}", h.screen());
}

#[test]
fn enter_with_nothing_ticked_asks_and_a_cursor_ticks_with_enter() {
    let mut h = Harness::new(catalog(), 80, 24);
    h.keys("u");
    h.key(KeyCode::Enter);
    assert!(
        h.screen().contains("Pick every option that applies"),
        "{}",
        h.screen()
    );
    assert_eq!(outcome(&h), Outcome::Open);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    assert_eq!(picked(&h), [0], "Enter on the highlighted option ticks it");
}

#[test]
fn a_wrong_try_marks_every_option_with_the_feedback_of_the_wrong_picks() {
    let mut h = Harness::new(catalog(), 80, 24);
    h.keys("u");
    h.keys("ab");
    h.key(KeyCode::Enter);
    // The quiz gives a question one try: the result is shown at once.
    assert_eq!(outcome(&h), Outcome::Failed);
    let screen = h.screen();
    assert!(
        screen.contains("you picked A, B; the answers are A, C"),
        "{screen}"
    );
    assert!(screen.contains("A correction is a new event."), "{screen}");
    assert!(screen.contains("also right: you left it out"), "{screen}");
    insta::assert_snapshot!("choose_all_result_80x24", screen);
}

#[test]
fn the_question_at_120x40() {
    let mut h = Harness::new(catalog(), 120, 40);
    h.keys("u");
    h.keys("c");
    insta::assert_snapshot!("choose_all_question_120x40", h.screen());
}
