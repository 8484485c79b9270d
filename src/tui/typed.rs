//! Keys on a typed exercise: every printable key types into the current
//! blank, ⌫ deletes a character, Ctrl-U empties the blank, Tab and ⇧Tab move
//! between blanks, Enter checks. Commands that letters carry elsewhere (hint,
//! next) are on Ctrl here, so no letter is ever taken from the answer.

use super::action::{Action, Target};
use super::app::{App, Screen, Tone, rate, submit};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Handle `action` on the current typed exercise.
pub fn keys(app: &mut App, action: Action) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let blanks = run.session.current().blanks().max(1);
    let blank = run.blank.min(blanks - 1);
    let mut text = run.session.current_state().typed[blank].clone();
    match action {
        Action::NextBlank => run.blank = (blank + 1) % blanks,
        Action::PrevBlank => run.blank = (blank + blanks - 1) % blanks,
        Action::Press(Target::Blank(b)) if b < blanks => run.blank = b,
        Action::Clear => put(app, blank, String::new()),
        Action::Confirm => check(app),
        Action::EditKey(key) => {
            let ctrl = key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match key.code {
                KeyCode::Char(c @ '1'..='3') if run.rating && !ctrl => {
                    run.rating = false;
                    rate(app, c as u8 - b'0');
                }
                KeyCode::Char(c) if !ctrl => {
                    text.push(c);
                    put(app, blank, text);
                }
                KeyCode::Backspace => {
                    text.pop();
                    put(app, blank, text);
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// Replace the text of `blank`; typing again withdraws a pending rating prompt.
fn put(app: &mut App, blank: usize, text: String) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    run.rating = false;
    if let Err(e) = run.session.type_text(blank, &text) {
        app.say(e.to_string(), Tone::Bad);
    }
}

/// Enter: check, or first ask how sure the learner is when marking is on.
fn check(app: &mut App) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let state = run.session.current_state();
    if let Some(empty) = state.typed.iter().position(|t| t.trim().is_empty()) {
        run.blank = empty;
        let message = format!("Type blank {} first: every blank needs a text.", empty + 1);
        app.say(message, Tone::Bad);
        return;
    }
    if run.session.needs_rating() {
        run.rating = true;
        app.say(
            "How sure are you? Press 1 (not sure), 2 (fairly sure) or 3 (very sure).",
            Tone::Info,
        );
        return;
    }
    submit(app);
}
