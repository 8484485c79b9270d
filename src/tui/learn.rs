//! Learn in the TUI: a topic's notes, one on screen at a time. → (or n,
//! Space) shows the next, ← (or p) the previous; each note shown is recorded
//! as read. The paging rules are `practice::Reading`'s.

use super::action::Action;
use super::app::{App, HomeRow, Screen, Tone};
use super::learner::Entry;
use crate::practice::Reading;
use crate::progress::Recorder;

/// A Learn session on screen.
pub struct LearnRun {
    pub topic: usize,
    pub reading: Reading,
    /// Where the readings go; `None` without a journal.
    recorder: Option<Recorder<Entry>>,
}

/// Open Learn on the chosen topic, at its first note.
pub fn open(app: &mut App) {
    let Some(topic) = app.catalog.topics.get(app.home.topic) else {
        return;
    };
    if topic.notes.is_empty() {
        app.say(format!("“{}” has no notes yet.", topic.title), Tone::Bad);
        return;
    }
    let reading = Reading::new(topic.notes.clone());
    let id = topic.id.clone();
    let mut recorder = None;
    if let Some(learner) = &mut app.learner {
        match learner.start_learn(&id) {
            Ok(r) => recorder = Some(r),
            Err(message) => app.say(message, Tone::Bad),
        }
    }
    if let Some(row) = app.home_rows().iter().position(|r| *r == HomeRow::Learn) {
        app.home.mode = row;
    }
    app.screen = Screen::Learn(Box::new(LearnRun {
        topic: app.home.topic,
        reading,
        recorder,
    }));
    record(app);
    app.reset_view();
}

/// What an action does in Learn.
pub fn update(app: &mut App, action: Action) {
    let Screen::Learn(run) = &mut app.screen else {
        return;
    };
    match action {
        Action::Back => app.screen = Screen::Home,
        Action::NextItem | Action::Confirm | Action::StepForward => {
            if run.reading.forward() {
                record(app);
                app.reset_view();
            } else {
                app.say(
                    "That was the last note: Esc goes home, where practice, quiz and flashcards wait.",
                    Tone::Info,
                );
            }
        }
        Action::PrevItem | Action::StepBack => {
            if run.reading.back() {
                app.reset_view();
            } else {
                app.say("This is the first note.", Tone::Info);
            }
        }
        _ => {}
    }
}

/// Record the note on screen as read (once per note in the session).
fn record(app: &mut App) {
    let Screen::Learn(run) = &mut app.screen else {
        return;
    };
    let (Some(note), Some(recorder), Some(learner)) =
        (run.reading.current(), &mut run.recorder, &mut app.learner)
    else {
        return;
    };
    if let Err(message) = learner.note_read(recorder, note) {
        app.say(message, Tone::Bad);
    }
}
