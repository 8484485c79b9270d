//! The exam form in the TUI: x on home opens it, ↑↓ choose a row, ←→ and
//! Space change it, Enter starts an exam of what was chosen, timed when a
//! limit was set (snapshots at 80×24 and 120×40).

use crate::support::{Harness, bundled};
use kata::content::Item;
use kata::practice::Mode;
use kata::tui::app::{HomeRow, Screen};
use kata::tui::keymap::Context;
use ratatui::crossterm::event::KeyCode;

#[test]
fn the_form_sets_items_levels_kinds_and_time_and_enter_starts() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.keys("x");
    assert_eq!(h.app.context(), Context::ExamSetup);
    // Items 10 → 4.
    for _ in 0..6 {
        h.key(KeyCode::Left);
    }
    // easy off; then questions off (fill-in tasks only).
    h.key(KeyCode::Down);
    h.key(KeyCode::Char(' '));
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char(' '));
    // The time limit: 10 minutes.
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    assert!(h.screen().contains("◀ 10 min ▶"), "{}", h.screen());
    h.key(KeyCode::Enter);
    let Screen::Run(run) = &h.app.screen else {
        panic!("no exam:\n{}", h.screen())
    };
    assert_eq!(run.mode(), Mode::Exam);
    assert_eq!(run.session.len(), 4);
    assert!(
        run.session
            .items()
            .iter()
            .all(|i| matches!(i, Item::Exercise(_)))
    );
    assert!(
        run.session
            .items()
            .iter()
            .all(|i| i.difficulty() != kata::content::Difficulty::Easy)
    );
    assert!(run.countdown.is_some(), "timed");
    assert!(h.screen().contains("left"), "{}", h.screen());
}

#[test]
fn nothing_chosen_cannot_start_and_esc_goes_home() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.keys("x");
    for _ in 0..3 {
        h.key(KeyCode::Down);
        h.key(KeyCode::Char(' '));
    }
    assert!(
        h.screen().contains("No item of this topic fits"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Enter);
    assert!(
        h.screen().contains("Choose at least one difficulty"),
        "{}",
        h.screen()
    );
    assert_eq!(h.app.context(), Context::ExamSetup);
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home));
    assert_eq!(h.app.chosen_row(), Some(HomeRow::Exam));
}

#[test]
fn exam_form_screens() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = Harness::new(bundled(), w, ht);
        h.keys("x");
        insta::assert_snapshot!(format!("exam_form_{w}x{ht}"), h.screen());
    }
}

#[test]
fn quitting_an_exam_midway_asks_in_the_exams_words() {
    let mut h = Harness::new(bundled(), 100, 30);
    h.keys("x");
    h.key(KeyCode::Enter);
    assert!(matches!(&h.app.screen, Screen::Run(run) if run.mode() == Mode::Exam));
    h.keys("q");
    assert_eq!(h.app.context(), Context::ConfirmQuit);
    let screen = h.screen();
    assert!(
        screen.contains("Quit in the middle of the exam?"),
        "{screen}"
    );
    assert!(
        !screen.contains("recorded as abandoned"),
        "an exam records no verdict: {screen}"
    );
}
