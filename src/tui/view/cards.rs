//! The Flashcards screen: the card's front, its back once turned (with its
//! sources), the grade keys, and after the last card the session's tally.

use super::bar;
use crate::progress::Rating;
use crate::tui::app::App;
use crate::tui::cards::CardsRun;
use crate::tui::flow::{Atom, Doc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

pub fn header(frame: &mut Frame, area: Rect, app: &App, run: &CardsRun) {
    let topic = &app.catalog.topics[run.topic];
    let deck = &run.deck;
    let right = if deck.is_over() {
        "done".to_string()
    } else if deck.graded() >= deck.len() {
        format!("once more · {} left", deck.left())
    } else {
        format!("card {} of {}", deck.graded() + 1, deck.len())
    };
    bar(
        frame,
        area,
        app,
        &format!("kata · {} · Flashcards", topic.title),
        &right,
    );
}

pub fn doc(app: &App, run: &CardsRun, width: u16) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    let deck = &run.deck;
    if let Some((rating, next, again)) = &run.last {
        let when = if *again {
            "it comes back before this session ends".to_string()
        } else {
            next.as_ref().map(|n| n.words()).unwrap_or_default()
        };
        let said = format!("Graded {}", rating.word());
        doc.flow(
            0,
            2,
            vec![
                Atom::new("› ", t.hint()),
                Atom::new(
                    if when.is_empty() {
                        said
                    } else {
                        format!("{said}: {when}")
                    },
                    t.dim(),
                ),
            ],
        );
        doc.blank();
    } else if run.due == 0 && run.new == 0 {
        doc.text(
            "Nothing is due and every card has been graded: going through all of them, soonest due first.",
            t.dim(),
            0,
        );
        doc.blank();
    }
    let Some(card) = deck.current() else {
        done(&mut doc, app, run);
        return doc;
    };
    doc.line(Span::styled("Recall", t.heading()));
    doc.text(&card.front, t.bold(), 2);
    doc.blank();
    if !deck.is_turned() {
        doc.text(
            "Say or think the answer, then turn the card with Space.",
            t.dim(),
            2,
        );
        return doc;
    }
    doc.line(Span::styled("Answer", t.heading()));
    for line in card.back.lines() {
        doc.text(line, t.plain(), 2);
    }
    if !card.sources.is_empty() {
        doc.blank();
        for source in &card.sources {
            doc.flow(
                2,
                4,
                vec![
                    Atom::new("source: ", t.dim()),
                    Atom::new(source.clone(), t.dim()),
                ],
            );
        }
    }
    doc.blank();
    doc.line(Span::styled("How well did you recall it?", t.heading()));
    for rating in Rating::ALL {
        doc.flow(
            2,
            6,
            vec![
                Atom::new(format!("{} ", rating as u8), t.key()),
                Atom::new(format!("{:<6}", rating.word()), t.bold()),
                Atom::new(meaning(rating), t.plain()),
            ],
        );
    }
    doc
}

/// What each grade claims, so a learner grades the same way every time.
fn meaning(rating: Rating) -> &'static str {
    match rating {
        Rating::Again => "I did not recall it (it comes back in this session)",
        Rating::Hard => "I recalled it, with real effort or only in part",
        Rating::Good => "I recalled it after a moment's thought",
        Rating::Easy => "I knew it at once",
    }
}

fn done(doc: &mut Doc, app: &App, run: &CardsRun) {
    let t = app.theme;
    let deck = &run.deck;
    let [again, hard, good, easy] = deck.tally();
    doc.line(Span::styled("Every card recalled", t.heading()));
    doc.text(
        &format!(
            "{} card{} · first grades: again {again} · hard {hard} · good {good} · easy {easy}",
            deck.len(),
            if deck.len() == 1 { "" } else { "s" }
        ),
        t.plain(),
        2,
    );
    if deck.graded() > deck.len() {
        doc.text(
            &format!(
                "{} more turn{} for the cards graded again: only a card's first grade sets when it comes back.",
                deck.graded() - deck.len(),
                if deck.graded() - deck.len() == 1 { "" } else { "s" }
            ),
            t.dim(),
            2,
        );
    }
    doc.blank();
    doc.text(
        "Enter goes home; r goes through the cards again (due and new ones first).",
        t.dim(),
        0,
    );
}
