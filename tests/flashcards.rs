//! Flashcards driven through the binary: `kata plain --mode cards` shows the
//! due cards first, then the new ones, records every grade, brings a card
//! graded Again back before the session ends, and on a later day shows only
//! what FSRS says is due.

use kata::progress::{Event, JOURNAL_FILE, parse_line};
use std::path::Path;
use std::process::Command;

mod common;

const DAY: i64 = 86_400_000;
/// 2026-11-30 12:00 UTC.
const NOW: i64 = 1_796_040_000_000;

fn cards(data: &Path, now: i64, input: &str) -> String {
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data)
            .args(["plain", "--mode", "cards"])
            .env("KATA_NOW_MS", now.to_string())
            .env("TZ", "UTC"),
        input,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn ratings(data: &Path) -> Vec<(String, u8)> {
    let journal = std::fs::read_to_string(data.join(JOURNAL_FILE)).unwrap_or_default();
    journal
        .lines()
        .filter_map(|l| match parse_line(l.as_bytes()).unwrap().event {
            Event::CardRated { item, rating, .. } => Some((item, rating)),
            _ => None,
        })
        .collect()
}

fn bundled_cards() -> Vec<String> {
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    topic.cards.iter().map(|c| c.id.clone()).collect()
}

#[test]
fn a_whole_session_then_only_the_due_cards_the_next_day() {
    let data = tempfile::tempdir().unwrap();
    let ids = bundled_cards();
    let n = ids.len();
    assert!(n >= 12, "the topic has at least 12 cards");
    // The first card: Again, then Good when it comes back; every other card Good.
    let mut input = String::from("\n1\n");
    for _ in 1..n {
        input.push_str("\n3\n");
    }
    input.push_str("\n3\n");
    let out = cards(data.path(), NOW, &input);
    assert!(out.contains(&format!("Card 1 of {n}")), "{out}");
    assert!(
        out.contains("Again: it comes back before the session ends"),
        "{out}"
    );
    assert!(out.contains("Once more: 1 left to recall"), "{out}");
    assert!(out.contains("Good: next review in 2 days"), "{out}");
    assert!(
        out.contains(&format!(
            "Done: {n} card(s) · again 1 · hard 0 · good {}",
            n - 1
        )),
        "{out}"
    );
    let graded = ratings(data.path());
    assert_eq!(graded.len(), n + 1);
    assert_eq!(graded[0], (ids[0].clone(), 1));
    assert_eq!(graded[n], (ids[0].clone(), 3), "the repeat is recorded too");

    // Tomorrow only the card first graded Again is due: its first grade schedules it.
    let out = cards(data.path(), NOW + DAY, "\n4\n");
    assert!(out.contains("Card 1 of 1"), "{out}");
    assert!(out.contains(&format!("  {}", front(&ids[0]))), "{out}");
    assert!(out.contains("Done: 1 card(s)"), "{out}");
}

fn front(id: &str) -> String {
    let catalog = kata::replay::predict::load(&[]);
    let card = catalog
        .topic("event-store")
        .unwrap()
        .cards
        .iter()
        .find(|c| c.id == id)
        .cloned();
    card.unwrap().front
}

#[test]
fn nothing_due_and_nothing_new_is_a_drill_of_every_card() {
    let data = tempfile::tempdir().unwrap();
    let n = bundled_cards().len();
    let all_good = "\n3\n".repeat(n);
    cards(data.path(), NOW, &all_good);
    // The same day: every card is graded and none is due; all come, and :q stops.
    let out = cards(data.path(), NOW, "\n3\n:q\n");
    assert!(out.contains(&format!("Card 1 of {n}")), "{out}");
    assert!(
        out.contains(&format!("Stopped: 1 of {n} card(s) graded")),
        "{out}"
    );
    assert_eq!(ratings(data.path()).len(), n + 1);
}

#[test]
fn a_wrong_grade_is_asked_again_and_input_ending_stops_cleanly() {
    let data = tempfile::tempdir().unwrap();
    let out = cards(data.path(), NOW, "\nfive\ngood\n\n");
    assert!(out.contains("Grade with 1 (again"), "{out}");
    assert!(out.contains("Stopped: 1 of"), "{out}");
    assert_eq!(ratings(data.path()).len(), 1);
}

#[test]
fn a_topic_without_cards_says_so_and_records_nothing() {
    let data = tempfile::tempdir().unwrap();
    let content = tempfile::tempdir().unwrap();
    std::fs::write(
        content.path().join("t.toml"),
        "[topic]\nid = \"plain-only\"\ntitle = \"Plain\"\n\n[[question]]\nid = \"q\"\ndifficulty = \"easy\"\nprompt = \"Which?\"\noptions = [\"one\", \"two\"]\nanswer = \"A\"\nhint = \"The first.\"\nmistakes = []\n",
    )
    .unwrap();
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data.path())
            .arg("--content")
            .arg(content.path())
            .args(["plain", "--mode", "cards", "--topic", "plain-only"]),
        "",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("“Plain” has no flashcards."), "{text}");
    assert!(ratings(data.path()).is_empty());
    let journal = std::fs::read_to_string(data.path().join(JOURNAL_FILE)).unwrap_or_default();
    assert!(!journal.contains("SessionStarted"), "{journal}");
}
