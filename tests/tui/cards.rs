//! Flashcards in the TUI: Space turns the card, 1–4 grade it, a card graded
//! Again comes back at the end of the session, every grade is in the journal
//! before the next card shows, and home's row says what is due (snapshots of
//! the front, the back and the end at 80×24 and 120×40).

use crate::support::Harness;
use kata::content::{Card, Catalog, Topic};
use kata::progress::{Event, parse_line};
use kata::tui::app::{HomeRow, Screen};
use kata::tui::keymap::Context;
use ratatui::crossterm::event::KeyCode;

fn catalog() -> Catalog {
    let card = |id: &str, front: &str, back: &str| Card {
        id: id.into(),
        front: front.into(),
        back: back.into(),
        sources: vec!["https://example.org/event-sourcing".into()],
        ..Card::default()
    };
    Catalog {
        topics: vec![Topic {
            id: "cards".into(),
            title: "Cards".into(),
            cards: vec![
                card(
                    "append-only",
                    "What does append-only mean for an event store?",
                    "Events are only added at the end of their stream; a stored event is never changed.",
                ),
                card(
                    "revision",
                    "From which number do a stream's revisions count?",
                    "From 0, in KurrentDB and in kata's own store.",
                ),
            ],
            ..Topic::default()
        }],
        ..Catalog::default()
    }
}

fn deck_ids(h: &Harness) -> Option<String> {
    match &h.app.screen {
        Screen::Cards(run) => run.deck.current().map(|c| c.id.clone()),
        _ => None,
    }
}

#[test]
fn turn_then_grade_and_again_comes_back_at_the_end() {
    let mut h = Harness::new(catalog(), 80, 24);
    h.keys("f");
    assert_eq!(h.app.context(), Context::Cards);
    assert_eq!(deck_ids(&h).as_deref(), Some("append-only"));
    // A grade before turning says to turn first and changes nothing.
    h.keys("3");
    assert_eq!(h.app.context(), Context::Cards);
    assert!(
        h.screen().contains("turn the card with Space"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.context(), Context::CardBack);
    assert!(
        h.screen().contains("a stored event is never"),
        "{}",
        h.screen()
    );
    h.keys("1");
    assert!(
        h.screen().contains("Graded again: it comes back"),
        "{}",
        h.screen()
    );
    assert_eq!(deck_ids(&h).as_deref(), Some("revision"));
    h.key(KeyCode::Enter);
    h.keys("4");
    assert_eq!(
        deck_ids(&h).as_deref(),
        Some("append-only"),
        "Again came back"
    );
    assert!(h.screen().contains("once more · 1 left"), "{}", h.screen());
    h.key(KeyCode::Char(' '));
    h.keys("9");
    assert_eq!(h.app.context(), Context::CardBack, "9 is no grade");
    h.keys("3");
    assert_eq!(h.app.context(), Context::CardsDone);
    let screen = h.screen();
    assert!(
        screen.contains("again 1 · hard 0 · good 0 · easy 1"),
        "{screen}"
    );
    assert!(
        screen.contains("1 more turn for the cards graded again"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.screen, Screen::Home));
    assert_eq!(
        h.app.chosen_row(),
        Some(HomeRow::Cards),
        "home keeps the row"
    );
}

#[test]
fn every_grade_is_in_the_journal_and_home_counts_what_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_journal(dir.path(), 100, 30);
    let cards = h.app.catalog.topics[0].cards.len();
    assert!(
        h.screen().contains(&format!(
            "{cards} cards to recall and grade yourself: 0 due, {cards} new"
        )),
        "{}",
        h.screen()
    );
    h.keys("f");
    for grade in ["3", "1", "2"] {
        h.key(KeyCode::Char(' '));
        h.keys(grade);
    }
    h.key(KeyCode::Esc);
    let journal = std::fs::read_to_string(dir.path().join(kata::progress::JOURNAL_FILE)).unwrap();
    let ratings: Vec<u8> = journal
        .lines()
        .filter_map(|l| match parse_line(l.as_bytes()).unwrap().event {
            Event::CardRated { rating, .. } => Some(rating),
            _ => None,
        })
        .collect();
    assert_eq!(ratings, [3, 1, 2]);
    assert!(journal.contains(r#""mode":"cards""#), "{journal}");
    let left = cards - 3;
    assert!(
        h.screen().contains(&format!("0 due, {left} new")),
        "graded cards are no longer new:\n{}",
        h.screen()
    );
}

#[test]
fn a_topic_without_cards_has_no_flashcards_row() {
    let mut catalog = catalog();
    catalog.topics[0].cards.clear();
    catalog.topics[0].questions = crate::support::handmade().topics[0].questions.clone();
    let mut h = Harness::new(catalog, 80, 24);
    assert!(!h.screen().contains("Flashcards"), "{}", h.screen());
    h.keys("f");
    assert!(matches!(h.app.screen, Screen::Home));
    assert!(
        h.screen().contains("has no flashcards yet"),
        "{}",
        h.screen()
    );
}

#[test]
fn flashcard_screens() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = Harness::new(catalog(), w, ht);
        h.keys("f");
        insta::assert_snapshot!(format!("cards_front_{w}x{ht}"), h.screen());
        h.key(KeyCode::Char(' '));
        insta::assert_snapshot!(format!("cards_back_{w}x{ht}"), h.screen());
        h.keys("3");
        h.key(KeyCode::Char(' '));
        h.keys("4");
        insta::assert_snapshot!(format!("cards_done_{w}x{ht}"), h.screen());
    }
}
