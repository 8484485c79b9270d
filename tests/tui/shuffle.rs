//! The TUI on the bundled topic as the binary loads it, options shuffled:
//! the letter a learner presses is the letter they see, and every letter the
//! screen shows after it — the mark, the feedback, the final answer — is too.

use crate::support::{Harness, shuffled_bundled};
use kata::content::letter;
use kata::practice::Outcome;
use kata::tui::app::Screen;

fn session(h: &Harness) -> &kata::practice::Session {
    match &h.app.screen {
        Screen::Run(run) => &run.session,
        _ => panic!("not in a run"),
    }
}

#[test]
fn the_letter_shown_is_the_letter_marked() {
    let mut h = Harness::new(shuffled_bundled(), 80, 60);
    h.keys("u");
    let item = session(&h).current().clone();
    let right = item.answer()[0];
    assert_eq!(
        item.options()[right],
        "To record every change as an immutable fact, in order"
    );
    assert_ne!(
        session(&h).order(0),
        [0, 1, 2, 3],
        "seed 7 moves this question's options"
    );
    let shown = letter(right);
    assert!(
        h.screen()
            .contains(&format!("{shown}.  {}", item.options()[right])),
        "{}",
        h.screen()
    );
    h.keys(&shown.to_ascii_lowercase().to_string());
    assert_eq!(session(&h).state(0).outcome, Outcome::Solved { on_try: 1 });
    let screen = h.screen();
    assert!(screen.contains(&format!("✓ {shown}.")), "{screen}");
    assert!(screen.contains(&format!("→ Option {shown}")), "{screen}");
}

#[test]
fn feedback_names_the_wrong_option_by_the_letter_shown() {
    let mut h = Harness::new(shuffled_bundled(), 80, 60);
    h.keys("u");
    let item = session(&h).current().clone();
    let (&wrong, why) = item
        .feedback()
        .iter()
        .next()
        .expect("feedback on a wrong option");
    h.keys(&letter(wrong).to_ascii_lowercase().to_string());
    assert_eq!(session(&h).state(0).outcome, Outcome::Failed);
    let screen = h.screen();
    assert!(
        screen.contains(&format!("✗ {}.", letter(wrong))),
        "{screen}"
    );
    let first_words: String = why.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    assert!(screen.contains(&first_words), "{screen}");
}
