//! Learn in the TUI: n on home opens the topic's notes, → and ← page, the
//! last note says so, each note shown is in the journal once, and home's
//! Learn row sits before Flashcards (snapshots at 80×24 and 120×40).

use crate::support::Harness;
use kata::content::{Catalog, Note, Topic};
use kata::progress::{Event, parse_line};
use kata::tui::app::{HomeRow, Screen};
use ratatui::crossterm::event::KeyCode;

fn catalog() -> Catalog {
    let note = |id: &str, title: &str, body: &str| Note {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        sources: vec!["https://example.org/event-sourcing".into()],
        ..Note::default()
    };
    Catalog {
        topics: vec![Topic {
            id: "notes".into(),
            title: "Notes".into(),
            notes: vec![
                note(
                    "keeps",
                    "What an event store keeps",
                    "Every change is an event,\nappended to its stream.\n\n```python\nstore.append(\"order-1\", [placed])  # revision 0\n```\n\nThe state is derived by replaying them.",
                ),
                note("revisions", "Revisions", "Counted from 0 in each stream."),
            ],
            ..Topic::default()
        }],
        ..Catalog::default()
    }
}

fn at(h: &Harness) -> Option<usize> {
    match &h.app.screen {
        Screen::Learn(run) => Some(run.reading.index()),
        _ => None,
    }
}

#[test]
fn notes_page_with_the_arrows_and_the_last_one_says_so() {
    let mut h = Harness::new(catalog(), 80, 24);
    h.keys("n");
    assert_eq!(at(&h), Some(0));
    let screen = h.screen();
    assert!(
        screen.contains("Every change is an event, appended to its stream."),
        "{screen}"
    );
    assert!(screen.contains("store.append"), "{screen}");
    h.key(KeyCode::Left);
    assert!(
        h.screen().contains("This is the first note."),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Right);
    assert_eq!(at(&h), Some(1));
    assert!(
        h.screen().contains("That is the last note"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char(' '));
    assert_eq!(at(&h), Some(1), "no note after the last");
    h.keys("p");
    assert_eq!(at(&h), Some(0));
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home));
    assert_eq!(h.app.chosen_row(), Some(HomeRow::Learn));
}

#[test]
fn each_note_shown_is_read_once_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_journal(dir.path(), 100, 30);
    let rows = h.app.home_rows();
    let learn = rows.iter().position(|r| *r == HomeRow::Learn).unwrap();
    assert_eq!(
        rows[learn + 1],
        HomeRow::Cards,
        "Learn comes before Flashcards"
    );
    assert_eq!(rows[learn - 1], HomeRow::Exam, "and after the exam");
    h.keys("n");
    h.key(KeyCode::Right);
    h.key(KeyCode::Left);
    h.key(KeyCode::Right);
    h.key(KeyCode::Esc);
    let journal = std::fs::read_to_string(dir.path().join(kata::progress::JOURNAL_FILE)).unwrap();
    let read: Vec<String> = journal
        .lines()
        .filter_map(|l| match parse_line(l.as_bytes()).unwrap().event {
            Event::NoteRead { item, .. } => Some(item),
            _ => None,
        })
        .collect();
    let notes = &h.app.catalog.topics[0].notes;
    assert_eq!(read, [notes[0].id.clone(), notes[1].id.clone()]);
    assert!(journal.contains(r#""mode":"learn""#), "{journal}");
}

#[test]
fn learn_screens() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = Harness::new(catalog(), w, ht);
        h.keys("n");
        insta::assert_snapshot!(format!("learn_first_{w}x{ht}"), h.screen());
        h.key(KeyCode::Right);
        insta::assert_snapshot!(format!("learn_last_{w}x{ht}"), h.screen());
    }
}
