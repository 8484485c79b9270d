//! A typed exercise in the TUI: every printable key types into the current
//! blank (letters that are commands elsewhere too), ⌫ and Ctrl-U take text
//! back, Tab moves between blanks, Enter checks, Ctrl-G shows the hint, and
//! with confidence marking the 1–3 after Enter rates instead of typing
//! (snapshots at 80×24 and 120×40).

use crate::support::Harness;
use kata::content::{Catalog, CodePiece, Difficulty, Exercise, Topic};
use kata::practice::Outcome;
use kata::tui::app::Screen;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn catalog() -> Catalog {
    let e = Exercise {
        id: "fold-balance".into(),
        difficulty: Difficulty::Medium,
        prompt: "Type the operators that fold each event into the balance.".into(),
        lang: Some("python".into()),
        code: vec![
            CodePiece::Text("if deposit:\n    balance ".into()),
            CodePiece::Blank(0),
            CodePiece::Text(" amount\nelse:\n    balance ".into()),
            CodePiece::Blank(1),
            CodePiece::Text(" amount".into()),
        ],
        accept: vec![vec!["+=".into()], vec!["-=".into(), "= balance -".into()]],
        typed_feedback: [("=+".to_string(), "=+ is = +: an assignment.".to_string())].into(),
        attempts: 3,
        hint: "What does a deposit do to the balance so far?".into(),
        mistakes: vec!["Setting the balance to one event's amount.".into()],
        steps: vec!["Each event changes the state so far.".into()],
        ..Exercise::default()
    };
    Catalog {
        topics: vec![Topic {
            id: "money".into(),
            title: "Money".into(),
            exercises: vec![e],
            ..Topic::default()
        }],
        ..Catalog::default()
    }
}

fn typed(h: &Harness) -> Vec<String> {
    match &h.app.screen {
        Screen::Run(run) => run.session.current_state().typed.clone(),
        _ => panic!("not in a run:\n{}", h.screen()),
    }
}

fn outcome(h: &Harness) -> Outcome {
    match &h.app.screen {
        Screen::Run(run) => run.session.current_state().outcome,
        _ => panic!("not in a run:\n{}", h.screen()),
    }
}

fn ctrl(h: &mut Harness, c: char) {
    h.event(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

#[test]
fn every_printable_key_types_and_tab_moves_to_the_next_blank() {
    let mut h = Harness::new(catalog(), 80, 24);
    h.keys("p");
    // h, n, q and ? are commands elsewhere; here they are text.
    h.keys("hnq?");
    assert_eq!(typed(&h), ["hnq?", ""]);
    assert!(matches!(h.app.screen, Screen::Run(_)), "q did not quit");
    for _ in 0..4 {
        h.key(KeyCode::Backspace);
    }
    h.keys("=+");
    h.key(KeyCode::Tab);
    h.keys("-=");
    assert_eq!(typed(&h), ["=+", "-="]);
    assert!(h.screen().contains("⟦2 -=▏⟧"), "{}", h.screen());
    h.key(KeyCode::BackTab);
    ctrl(&mut h, 'u');
    assert_eq!(typed(&h), ["", "-="], "Ctrl-U empties the blank");
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("Type blank 1 first"), "{}", h.screen());
    assert_eq!(outcome(&h), Outcome::Open);
}

#[test]
fn a_wrong_try_marks_each_blank_with_the_authors_words_and_keeps_the_text() {
    let mut h = Harness::new(catalog(), 80, 24);
    h.keys("p");
    h.keys("=+");
    h.key(KeyCode::Tab);
    h.keys("-=");
    h.key(KeyCode::Enter);
    assert_eq!(outcome(&h), Outcome::Open);
    let screen = h.screen();
    assert!(screen.contains("1 of 2 blanks right"), "{screen}");
    assert!(
        screen.contains("✗ [1] =+ — =+ is = +: an assignment."),
        "{screen}"
    );
    insta::assert_snapshot!("typed_wrong_80x24", screen);
    // The cursor is back on the wrong blank, its text there to mend.
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.keys("+=");
    h.key(KeyCode::Enter);
    assert_eq!(outcome(&h), Outcome::Solved { on_try: 2 });
    h.key(KeyCode::PageDown);
    assert!(
        h.screen().contains("Blank 2 also accepts: = balance -"),
        "{}",
        h.screen()
    );
}

#[test]
fn ctrl_g_shows_the_hint() {
    let mut h = Harness::new(catalog(), 80, 24);
    h.keys("p");
    ctrl(&mut h, 'g');
    assert!(
        h.screen().contains("Hint: What does a deposit do"),
        "{}",
        h.screen()
    );
    assert_eq!(typed(&h), ["", ""], "no g was typed");
}

#[test]
fn with_confidence_marking_the_digit_after_enter_rates_and_checks() {
    let mut h = Harness::new(catalog(), 80, 24);
    h.keys("c");
    h.keys("p");
    h.keys("+=");
    h.key(KeyCode::Tab);
    // A digit before Enter is text: `-1` could be an answer.
    h.keys("-=");
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("How sure are you?"), "{}", h.screen());
    assert_eq!(outcome(&h), Outcome::Open);
    h.keys("3");
    assert_eq!(outcome(&h), Outcome::Solved { on_try: 1 });
    assert_eq!(typed(&h), ["+=", "-="], "the 3 rated, it was not typed");
}

#[test]
fn the_open_task_at_120x40() {
    let mut h = Harness::new(catalog(), 120, 40);
    h.keys("p");
    h.keys("+=");
    insta::assert_snapshot!("typed_open_120x40", h.screen());
}
