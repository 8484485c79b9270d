//! Every screen at 80×24 and 120×40 (insta snapshots of the characters), and
//! the styles that carry meaning (snapshots do not show styles).

use crate::support::{Harness, bundled, handmade};
use kata::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Snapshot the screen reached by `steps` at both sizes.
fn snap(name: &str, catalog: fn() -> kata::content::Catalog, steps: impl Fn(&mut Harness)) {
    for (w, h) in SIZES {
        let mut harness = Harness::new(catalog(), w, h);
        steps(&mut harness);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), harness.screen());
    }
}

fn practice_task4(h: &mut Harness) {
    h.key(KeyCode::Enter);
    h.keys("nnn");
}

#[test]
fn home() {
    snap("home", bundled, |_| {});
}

#[test]
fn home_lists_content_that_failed_to_load() {
    snap("home_problems", handmade, |_| {});
}

#[test]
fn exercise_open() {
    snap("exercise_open", bundled, practice_task4);
}

#[test]
fn exercise_multiline_code() {
    snap("exercise_three_blanks", bundled, |h| {
        h.key(KeyCode::Enter);
        h.keys("nnnnac");
    });
}

#[test]
fn exercise_wrong_try() {
    snap("exercise_wrong_try", bundled, |h| {
        practice_task4(h);
        h.keys("ac");
        h.key(KeyCode::Enter);
    });
}

#[test]
fn exercise_solved() {
    snap("exercise_solved", bundled, |h| {
        practice_task4(h);
        h.keys("ab");
        h.key(KeyCode::Enter);
    });
}

#[test]
fn exercise_out_of_attempts() {
    snap("exercise_failed", bundled, |h| {
        h.key(KeyCode::Enter);
        for _ in 0..3 {
            h.keys("a");
            h.key(KeyCode::Enter);
        }
    });
}

#[test]
fn question_open() {
    snap("question_open", bundled, |h| h.keys("u"));
}

#[test]
fn question_right() {
    snap("question_right", bundled, |h| h.keys("ua"));
}

#[test]
fn question_wrong_with_feedback() {
    snap("question_wrong", bundled, |h| h.keys("unna"));
}

#[test]
fn test_running() {
    // One answer confirmed, the next only chosen: Enter confirms it.
    snap("test_running", bundled, |h| {
        h.keys("ta");
        h.key(KeyCode::Enter);
        h.keys("b");
    });
}

#[test]
fn test_results() {
    snap("test_results", bundled, |h| {
        h.keys("t");
        // Answer A to all ten: some right, some wrong.
        for _ in 0..10 {
            h.keys("a");
            h.key(KeyCode::Enter);
        }
    });
}

#[test]
fn test_review_of_one_question() {
    snap("test_review", bundled, |h| {
        h.keys("t");
        for _ in 0..10 {
            h.keys("a");
            h.key(KeyCode::Enter);
        }
        h.key(KeyCode::Down);
        h.key(KeyCode::Enter);
    });
}

#[test]
fn help_overlay() {
    snap("help_exercise", bundled, |h| {
        practice_task4(h);
        h.keys("?");
    });
    snap("help_home", bundled, |h| h.keys("?"));
}

#[test]
fn confirm_ending_a_test() {
    snap("confirm_end", bundled, |h| {
        h.keys("t");
        h.key(KeyCode::Esc);
    });
}

#[test]
fn too_small() {
    for (w, h) in [(59, 24), (80, 15), (20, 5)] {
        let harness = Harness::new(bundled(), w, h);
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), harness.screen());
    }
}

/// The first cell holding `symbol` on a row that shows `row_text`.
fn cell_of<'a>(h: &'a Harness, row_text: &str, symbol: &str) -> &'a ratatui::buffer::Cell {
    let buffer = h.buffer();
    let area = buffer.area;
    let screen = h.screen();
    let rows: Vec<&str> = screen.lines().collect();
    for y in 0..area.height {
        if !rows[y as usize].contains(row_text) {
            continue;
        }
        for x in 0..area.width {
            if buffer[(x, y)].symbol() == symbol {
                return &buffer[(x, y)];
            }
        }
    }
    panic!("{symbol} not on screen:\n{}", h.screen());
}

fn wrong_try(theme: Theme) -> Harness {
    let mut options = crate::support::options();
    options.theme = Some(theme);
    let mut h = Harness::with(bundled(), options, 80, 24);
    practice_task4(&mut h);
    h.keys("ac");
    h.key(KeyCode::Enter);
    h
}

#[test]
fn marks_are_bold_and_coloured_right_green_wrong_red() {
    let h = wrong_try(Theme { color: true });
    // The per-blank list under the result: "✓ [1] A .type" and "✗ [2] C !=".
    let ok = cell_of(&h, "[1] A .type", "✓");
    assert!(ok.modifier.contains(Modifier::BOLD));
    assert_eq!(ok.fg, Color::Green);
    let bad = cell_of(&h, "[2] C !=", "✗");
    assert!(bad.modifier.contains(Modifier::BOLD));
    assert_eq!(bad.fg, Color::Red);
}

#[test]
fn marks_in_the_code_and_the_progress_strip_carry_meaning_too() {
    let mut h = wrong_try(Theme { color: true });
    // The right blank keeps its ✓ in the code, bold and green.
    let ok = cell_of(&h, "⟦1 .type ✓⟧", "✓");
    assert!(ok.modifier.contains(Modifier::BOLD));
    assert_eq!(ok.fg, Color::Green);
    h.keys("b");
    h.key(KeyCode::Enter);
    h.keys("p"); // back to task 3, so task 4's ✓ in the strip is not under the cursor
    let strip = cell_of(&h, "▶ ✓", "✓");
    assert_eq!(strip.fg, Color::Green);
    assert!(strip.modifier.contains(Modifier::BOLD));
}

#[test]
fn no_color_keeps_the_marks_bold_and_drops_every_colour() {
    let h = wrong_try(Theme { color: false });
    assert!(
        cell_of(&h, "[1] A .type", "✓")
            .modifier
            .contains(Modifier::BOLD)
    );
    assert!(
        cell_of(&h, "[2] C !=", "✗")
            .modifier
            .contains(Modifier::BOLD)
    );
    for cell in h.buffer().content() {
        assert_eq!(cell.fg, Color::Reset, "colour at {:?}", cell.symbol());
        assert_eq!(cell.bg, Color::Reset);
    }
}

#[test]
fn the_current_blank_and_the_cursor_are_reversed() {
    let mut h = Harness::new(bundled(), 80, 24);
    practice_task4(&mut h);
    let (x, y) = h.spot(kata::tui::Target::Blank(0));
    assert!(
        h.buffer()[(x, y)].modifier.contains(Modifier::REVERSED),
        "current blank [1"
    );
    let (x, y) = h.spot(kata::tui::Target::Blank(1));
    assert!(
        !h.buffer()[(x, y)].modifier.contains(Modifier::REVERSED),
        "other blank [2"
    );
    h.key(KeyCode::Down);
    let (x, y) = h.spot(kata::tui::Target::Option(0));
    assert_eq!(h.buffer()[(x - 1, y)].symbol(), "▶");
    assert!(h.buffer()[(x + 1, y)].modifier.contains(Modifier::REVERSED));
}
