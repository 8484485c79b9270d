//! Flashcards in the TUI: a [`Deck`] on screen. Space (or Enter) turns the
//! card, 1–4 grade the recall, and every grade is in the journal before the
//! next card shows. The rules are the deck's (`practice::cards`); this file
//! only maps keys to them and keeps what the screen shows between cards.

use super::action::Action;
use super::app::{App, HomeRow, Screen, Tone};
use super::learner::Entry;
use crate::practice::Deck;
use crate::progress::{NextReview, Rating, Recorder};

/// A Flashcards session on screen.
pub struct CardsRun {
    pub topic: usize,
    pub deck: Deck,
    /// Where the grades go; `None` without a journal (nothing is saved).
    recorder: Option<Recorder<Entry>>,
    /// The last grade and when that card comes back, for the line under the card.
    pub last: Option<(Rating, Option<NextReview>, bool)>,
    /// How the session was made: due and new cards, or every card because
    /// none was either (said on screen, so a drill of rested cards is no surprise).
    pub due: usize,
    pub new: usize,
}

/// Open Flashcards on the chosen topic: due cards first, then new ones.
pub fn open(app: &mut App) {
    let Some(topic) = app.catalog.topics.get(app.home.topic) else {
        return;
    };
    if topic.cards.is_empty() {
        app.say(
            format!("“{}” has no flashcards yet.", topic.title),
            Tone::Bad,
        );
        return;
    }
    let queue = match &app.learner {
        Some(learner) => learner.card_queue(topic),
        None => crate::progress::CardQueue {
            new: (0..topic.cards.len()).collect(),
            ..Default::default()
        },
    };
    let deck = Deck::new(
        queue
            .session()
            .iter()
            .map(|&i| topic.cards[i].clone())
            .collect(),
    );
    let id = topic.id.clone();
    let mut recorder = None;
    if let Some(learner) = &mut app.learner {
        match learner.start_cards(&id) {
            Ok(r) => recorder = Some(r),
            Err(message) => app.say(message, Tone::Bad),
        }
    }
    // Back home, the cursor is on the row that opened it.
    if let Some(row) = app.home_rows().iter().position(|r| *r == HomeRow::Cards) {
        app.home.mode = row;
    }
    app.screen = Screen::Cards(Box::new(CardsRun {
        topic: app.home.topic,
        deck,
        recorder,
        last: None,
        due: queue.due.len(),
        new: queue.new.len(),
    }));
    app.reset_view();
}

/// What an action does on the Flashcards screen.
pub fn update(app: &mut App, action: Action) {
    let Screen::Cards(run) = &mut app.screen else {
        return;
    };
    match action {
        Action::Back => app.screen = Screen::Home,
        Action::Retake if run.deck.is_over() => open(app),
        Action::Confirm | Action::Press(super::action::Target::Button(_)) if run.deck.is_over() => {
            app.screen = Screen::Home
        }
        Action::Confirm if !run.deck.is_turned() => {
            run.deck.turn();
            app.reset_view();
        }
        Action::Digit(level) if run.deck.is_turned() => grade(app, level),
        Action::Digit(_) if !run.deck.is_over() => app.say(
            "Recall the answer first, then turn the card with Space; grade it after.",
            Tone::Info,
        ),
        _ => {}
    }
}

fn grade(app: &mut App, level: u8) {
    let Some(rating) = Rating::from_level(level) else {
        app.say(
            "Grade with 1 (again: you did not recall it), 2 (hard), 3 (good) or 4 (easy).",
            Tone::Bad,
        );
        return;
    };
    let Screen::Cards(run) = &mut app.screen else {
        return;
    };
    let Some(card) = run.deck.current().cloned() else {
        return;
    };
    let Ok(graded) = run.deck.grade(rating) else {
        return;
    };
    let topic = &app.catalog.topics[run.topic].id;
    let mut failed = None;
    if let (Some(learner), Some(recorder)) = (&mut app.learner, &mut run.recorder) {
        failed = learner.card_graded(recorder, &run.deck, &graded).err();
    }
    let next = app
        .learner
        .as_ref()
        .and_then(|l| l.card_next_review(topic, &card));
    run.last = Some((rating, next, graded.again));
    app.reset_view();
    if let Some(message) = failed {
        app.say(message, Tone::Bad);
    }
}
