//! Keys on a choose-all question: a letter (or a click) picks or unpicks
//! an option, ↑↓ then Enter does the same for the highlighted one, and
//! Enter with nothing highlighted checks the picks. The same in a test: the
//! picks are the answer once Enter confirms them.

use super::action::{Action, Target};
use super::app::{App, Screen, Tone, step_cursor, submit};

/// Handle `action` on the current choose-all question.
pub fn keys(app: &mut App, action: Action) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let options = run.session.current().options().len();
    match action {
        Action::Choose(option) | Action::Press(Target::Option(option)) if option < options => {
            toggle(app, option)
        }
        Action::Up | Action::Down => {
            run.cursor = Some(step_cursor(run.cursor, action == Action::Down, options));
        }
        Action::Confirm => match run.cursor.take() {
            Some(option) => toggle(app, option),
            None if run.session.current_state().picked.is_empty() => app.say(
                format!(
                    "Pick every option that applies ({}), then Enter checks.",
                    super::keymap::letters_label(options)
                ),
                Tone::Info,
            ),
            None => submit(app),
        },
        _ => {}
    }
}

fn toggle(app: &mut App, option: usize) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    if let Err(e) = run.session.toggle(option) {
        app.say(e.to_string(), Tone::Bad);
        return;
    }
    let picked = &run.session.current_state().picked;
    let letters: Vec<String> = picked
        .iter()
        .map(|&p| crate::content::letter(p).to_string())
        .collect();
    let text = if picked.is_empty() {
        "Nothing picked.".to_string()
    } else {
        format!("Picked {}: Enter checks.", letters.join(", "))
    };
    app.say(text, Tone::Info);
}
