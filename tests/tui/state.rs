//! Key and mouse sequences → the state a learner relies on.

use crate::support::{Harness, bundled, handmade};
use kata::practice::{Mode, Outcome};
use kata::tui::app::{Focus, Overlay, Screen};
use kata::tui::{App, Target};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn run(app: &App) -> &kata::tui::app::Run {
    match &app.screen {
        Screen::Run(run) => run,
        _ => panic!("not in a run"),
    }
}

#[test]
fn enter_on_home_starts_practice_on_the_first_task() {
    let mut h = Harness::new(bundled(), 80, 24);
    assert_eq!(
        h.app.home.focus,
        Focus::Modes,
        "one topic: the modes have the focus"
    );
    h.key(KeyCode::Enter);
    let r = run(&h.app);
    assert_eq!(r.mode(), Mode::Practice);
    assert_eq!(r.session.current().id(), "define-event");
}

#[test]
fn letters_fill_blanks_in_order_and_enter_checks() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("nnn");
    assert_eq!(run(&h.app).session.current().id(), "filter-orders");
    h.keys("a");
    assert_eq!(run(&h.app).session.current_state().chosen, [Some(0), None]);
    assert_eq!(
        run(&h.app).blank,
        1,
        "placing an option moves to the next blank"
    );
    h.keys("b");
    h.key(KeyCode::Enter);
    assert_eq!(
        run(&h.app).session.current_state().outcome,
        Outcome::Solved { on_try: 1 }
    );
}

#[test]
fn a_wrong_try_keeps_right_blanks_and_counts_down_attempts() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("nnn");
    h.keys("ac");
    h.key(KeyCode::Enter);
    let r = run(&h.app);
    assert_eq!(r.session.current_state().chosen, [Some(0), None]);
    assert_eq!(r.session.attempts_left(r.session.index()), 2);
    assert_eq!(r.blank, 1, "the cursor goes to the blank to fix");
    assert!(
        h.screen()
            .contains("✗ Not yet: 1 of 2 blanks right — 2 attempts left.")
    );
}

#[test]
fn enter_with_an_empty_blank_says_which_one() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("nnn");
    h.keys("a");
    h.key(KeyCode::Enter);
    assert!(run(&h.app).session.current_state().attempts.is_empty());
    assert!(h.screen().contains("blank 2 still empty"), "{}", h.screen());
}

#[test]
fn arrows_tab_and_backspace_edit_blanks() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("nnn");
    h.key(KeyCode::Tab);
    assert_eq!(run(&h.app).blank, 1);
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    assert_eq!(run(&h.app).session.current_state().chosen, [None, Some(1)]);
    assert_eq!(run(&h.app).blank, 0, "moves on to the empty blank");
    h.key(KeyCode::BackTab);
    h.key(KeyCode::Backspace);
    assert_eq!(run(&h.app).session.current_state().chosen, [None, None]);
}

#[test]
fn hint_is_shown_and_halves_the_points() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("h");
    assert!(run(&h.app).session.current_state().hint_shown);
    assert!(h.screen().contains("Hint:"));
    h.keys("b");
    h.key(KeyCode::Enter);
    assert_eq!(run(&h.app).session.points(0), 0.5);
}

#[test]
fn click_a_blank_then_an_option() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("nnn");
    h.click(Target::Blank(1));
    h.click(Target::Option(1));
    h.click(Target::Blank(0));
    h.click(Target::Option(0));
    assert_eq!(
        run(&h.app).session.current_state().chosen,
        [Some(0), Some(1)]
    );
}

#[test]
fn drag_an_option_onto_a_blank() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("nnn");
    h.drag(Target::Option(1), Target::Blank(1));
    assert_eq!(run(&h.app).session.current_state().chosen, [None, Some(1)]);
    h.drag(Target::Option(0), Target::Blank(0));
    h.click(Target::Button(kata::tui::action::Button::Check));
    assert_eq!(
        run(&h.app).session.current_state().outcome,
        Outcome::Solved { on_try: 1 }
    );
}

#[test]
fn a_quiz_answer_by_letter_shows_the_solution() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.keys("u");
    h.keys("a");
    let r = run(&h.app);
    assert_eq!(
        r.session.current_state().outcome,
        Outcome::Solved { on_try: 1 }
    );
    assert!(h.screen().contains("✓ Correct"));
    assert!(h.screen().contains("Solution"));
    h.key(KeyCode::Enter);
    assert_eq!(run(&h.app).session.index(), 1, "Enter goes on");
}

#[test]
fn clicking_an_answer_answers_it() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.keys("u");
    h.click(Target::Option(1));
    assert_eq!(run(&h.app).session.current_state().outcome, Outcome::Failed);
    assert!(
        h.screen()
            .contains("✗ Not quite: you chose B, the answer is A.")
    );
}

#[test]
fn a_test_hides_results_until_it_ends_then_shows_the_verdict() {
    let mut h = Harness::new(handmade(), 80, 24);
    h.keys("t");
    assert_eq!(run(&h.app).mode(), Mode::Test);
    h.keys("h");
    assert!(
        !run(&h.app).session.current_state().hint_shown,
        "no hints in a test"
    );
    for _ in 0..3 {
        let answer = run(&h.app).session.current().answer()[0];
        h.keys(&kata::content::letter(answer).to_string());
        h.key(KeyCode::Enter);
    }
    let Screen::Results(r) = &h.app.screen else {
        panic!("results expected:\n{}", h.screen())
    };
    assert_eq!(r.session.score().percent(), 100.0);
    assert!(h.screen().contains("✓ strong"));
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("Solution"), "Enter opens a solution");
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Results(_)));
}

#[test]
fn esc_in_a_test_asks_before_ending_it() {
    let mut h = Harness::new(handmade(), 80, 24);
    h.keys("t");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.overlay, Some(Overlay::ConfirmEnd));
    h.keys("n");
    assert_eq!(h.app.overlay, None);
    assert!(matches!(h.app.screen, Screen::Run(_)));
    h.key(KeyCode::Esc);
    h.keys("y");
    let Screen::Results(r) = &h.app.screen else {
        panic!("results expected")
    };
    assert!(r.session.is_over());
    assert!(h.screen().contains("needs practice"));
}

#[test]
fn the_countdown_ends_the_test() {
    let mut options = crate::support::options();
    options.time_limit = Some(std::time::Duration::from_secs(90));
    let mut h = Harness::with(handmade(), options, 80, 24);
    h.keys("t");
    assert!(h.screen().contains("time 1:30 left"), "{}", h.screen());
    let deadline = h.app.deadline().expect("a timed test has a deadline");
    kata::tui::update(
        &mut h.app,
        kata::tui::Action::Tick(deadline - std::time::Duration::from_secs(5)),
    );
    h.draw();
    assert!(h.screen().contains("time 0:05 left"));
    h.keys("a");
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("recorded ·"), "{}", h.screen());
    kata::tui::update(&mut h.app, kata::tui::Action::Tick(deadline));
    h.draw();
    assert!(matches!(h.app.screen, Screen::Results(_)));
    // The last key's "Answer A recorded" is stale now: the news is the time.
    assert!(h.screen().contains("Time is up"), "{}", h.screen());
    assert!(!h.screen().contains("recorded ·"), "{}", h.screen());
    assert!(
        h.app.deadline().is_none(),
        "no more wake-ups once the test ended"
    );
}

/// How many items practice on the first topic holds.
fn practice_len(h: &Harness) -> usize {
    kata::practice::start(&h.app.catalog.topics[0], Mode::Practice, 0).len()
}

#[test]
fn leaving_practice_keeps_it_for_later_and_home_shows_progress() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("b");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home));
    assert!(
        h.screen()
            .contains(&format!("practice 1/{} solved", practice_len(&h))),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Enter);
    assert_eq!(
        run(&h.app).session.current_state().outcome,
        Outcome::Solved { on_try: 1 }
    );
}

#[test]
fn resizing_keeps_the_state() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("nnna");
    h.resize(30, 10);
    assert!(h.screen().contains("enlarge the terminal"));
    h.resize(120, 40);
    assert_eq!(run(&h.app).session.current_state().chosen, [Some(0), None]);
    assert!(h.screen().contains("⟦1 .type⟧"));
}

#[test]
fn help_opens_and_closes_and_q_or_esc_at_home_quit() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.keys("?");
    assert_eq!(h.app.overlay, Some(Overlay::Help));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.overlay, None);
    assert!(!h.app.quit);
    h.key(KeyCode::Esc);
    assert!(h.app.quit);

    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("q");
    assert!(h.app.quit);

    let mut h = Harness::new(bundled(), 80, 24);
    h.event(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(h.app.quit);
}

#[test]
fn results_after_the_last_practice_task() {
    let mut h = Harness::new(handmade(), 80, 24);
    h.key(KeyCode::Enter);
    h.keys("ab");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    let Screen::Results(r) = &h.app.screen else {
        panic!("results expected:\n{}", h.screen())
    };
    assert_eq!(r.session.score().percent(), 100.0);
    h.keys("r");
    assert!(
        matches!(&h.app.screen, Screen::Run(r) if !r.session.is_over()),
        "r starts again"
    );
}

#[test]
fn behind_enlarge_the_terminal_only_quitting_acts() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.resize(50, 12);
    assert!(
        h.screen().contains("enlarge the terminal"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.screen, Screen::Home), "Enter acted unseen");
    h.resize(80, 24);
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.screen, Screen::Run(_)));
    h.resize(50, 12);
    h.key(KeyCode::Esc);
    h.keys("b");
    assert!(matches!(h.app.screen, Screen::Run(_)), "Esc left unseen");
    assert!(
        run(&h.app).session.state(0).attempts.is_empty(),
        "a letter chose unseen"
    );
    h.keys("q");
    assert!(h.app.quit, "quitting still works");
}

#[test]
fn q_in_a_running_test_asks_and_n_goes_back_to_it() {
    let mut h = Harness::new(handmade(), 80, 24);
    h.keys("t");
    h.keys("q");
    assert!(!h.app.quit);
    assert_eq!(h.app.overlay, Some(Overlay::ConfirmQuit));
    assert!(
        h.screen().contains("Quit in the middle of the test?"),
        "{}",
        h.screen()
    );
    h.keys("n");
    assert_eq!(h.app.overlay, None);
    assert!(!h.app.quit);
    // Ctrl-C asks too; a second Ctrl-C leaves.
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    h.event(ctrl_c.clone());
    assert_eq!(h.app.overlay, Some(Overlay::ConfirmQuit));
    h.event(ctrl_c);
    assert!(h.app.quit);
}

#[test]
fn ctrl_r_takes_an_answered_item_again_from_its_screen_or_the_results() {
    let ctrl_r = Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    let mut h = Harness::new(handmade(), 80, 24);
    h.keys("u");
    let wrong = {
        let r = run(&h.app);
        let shown = r.session.current();
        kata::content::letter((shown.answer()[0] + 1) % shown.options().len())
    };
    h.keys(&wrong.to_ascii_lowercase().to_string());
    assert!(run(&h.app).session.current_state().outcome.is_finished());
    h.event(ctrl_r.clone());
    let r = run(&h.app);
    assert_eq!(r.session.current_state().outcome, Outcome::Open);
    assert!(h.screen().contains("Taken again"), "{}", h.screen());
    let right = kata::content::letter(r.session.current().answer()[0]);
    h.keys(&right.to_ascii_lowercase().to_string());
    let r = run(&h.app);
    assert!(r.session.current_state().outcome.is_solved());
    assert!(r.session.points(0) > 0.0 && r.session.retried(0));
}

#[test]
fn a_test_answer_changes_until_enter_confirms_it_and_then_stands() {
    let mut h = Harness::new(handmade(), 80, 24);
    h.keys("t");
    h.keys("a");
    h.keys("b");
    let r = run(&h.app);
    assert!(
        r.session.current_state().attempts.is_empty(),
        "not yet an answer"
    );
    assert_eq!(r.session.current_state().chosen, [Some(1)]);
    assert!(
        h.screen().contains("B chosen: Enter or → confirms it"),
        "{}",
        h.screen()
    );
    assert!(
        h.screen().contains("your choice: Enter or → confirms"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Enter);
    let r = run(&h.app);
    assert_eq!(
        r.session.index(),
        1,
        "confirmed, and on to the next question"
    );
    assert_eq!(r.session.state(0).attempts.len(), 1);
    // → confirms too.
    h.keys("a");
    h.key(KeyCode::Right);
    assert_eq!(run(&h.app).session.state(1).attempts.len(), 1);
    // Back on a confirmed answer, a letter says so.
    h.keys("p");
    h.keys("p");
    h.keys("c");
    assert!(
        h.screen().contains("Your answer B is confirmed"),
        "{}",
        h.screen()
    );
    assert_eq!(run(&h.app).session.state(0).attempts[0].chosen, [1]);
}
