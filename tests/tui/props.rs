//! Any terminal size, any key sequence: every screen draws without panicking.

use crate::support::{Harness, bundled, handmade};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, MouseButton, MouseEventKind};

/// Ways to reach each screen from home.
const SCREENS: &[&str] = &[
    "",              // home
    "?",             // help
    "p",             // exercise
    "pnnnac\r",      // wrong try
    "pnnnab\r",      // solved
    "u",             // question
    "ua",            // answered
    "t",             // test
    "taaaaaaaaaa",   // results
    "taaaaaaaaaa\r", // review
    "l",             // replay lab: scenarios
    "l\rG",          // lab at the end of user-lifecycle
    "ljj\r:250\rs",  // bank account, snapshot lesson
    "ljj\re",        // bank account, edit lesson
    "lj\rG",         // a warning
];

fn type_keys(h: &mut Harness, keys: &str) {
    for c in keys.chars() {
        match c {
            '\r' => h.key(KeyCode::Enter),
            c => h.key(KeyCode::Char(c)),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_screen_draws_at_any_size(
        screen in 0..SCREENS.len(),
        width in 1u16..=300,
        height in 1u16..=100,
        handmade_topic in any::<bool>(),
    ) {
        let catalog = if handmade_topic { handmade() } else { bundled() };
        let mut h = Harness::new(catalog, 80, 24);
        type_keys(&mut h, SCREENS[screen]);
        h.resize(width, height);
        // Keep going at that size: scroll, click somewhere, draw again.
        h.key(KeyCode::PageDown);
        h.mouse(MouseEventKind::Down(MouseButton::Left), width / 2, height / 2);
        h.mouse(MouseEventKind::Up(MouseButton::Left), width / 2, height / 2);
        h.key(KeyCode::Down);
    }

    #[test]
    fn random_keys_never_panic(
        keys in proptest::collection::vec(
            prop_oneof![
                proptest::char::range('a', 'z').prop_map(KeyCode::Char),
                Just(KeyCode::Enter), Just(KeyCode::Esc), Just(KeyCode::Tab),
                Just(KeyCode::BackTab), Just(KeyCode::Up), Just(KeyCode::Down),
                Just(KeyCode::Left), Just(KeyCode::Right), Just(KeyCode::Backspace),
                Just(KeyCode::PageDown), Just(KeyCode::PageUp), Just(KeyCode::Char('?')),
            ],
            0..60,
        ),
        width in 1u16..=160,
        height in 1u16..=60,
    ) {
        let mut h = Harness::new(bundled(), width, height);
        for key in keys {
            if key == KeyCode::Char('q') || h.app.quit {
                continue;
            }
            h.key(key);
        }
    }
}
