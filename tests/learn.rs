//! Learn driven through the binary: `kata plain --mode learn` shows each
//! note with its code and sources, pages with Enter and p, records each note
//! shown once, and a topic without notes says so.

use kata::progress::{Event, JOURNAL_FILE, parse_line};
use std::process::Command;

mod common;

fn learn(data: &std::path::Path, input: &str) -> String {
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data)
            .args(["plain", "--mode", "learn"]),
        input,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn read(data: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(data.join(JOURNAL_FILE))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| match parse_line(l.as_bytes()).unwrap().event {
            Event::NoteRead { item, .. } => Some(item),
            _ => None,
        })
        .collect()
}

#[test]
fn every_note_in_order_then_the_way_to_practice() {
    let data = tempfile::tempdir().unwrap();
    let catalog = kata::replay::predict::load(&[]);
    let notes = &catalog.topic("event-store").unwrap().notes;
    let n = notes.len();
    assert!(n >= 5);
    // Forward, back once, then forward to the end.
    let mut input = String::from("\np\n");
    input.push_str(&"\n".repeat(n));
    let out = learn(data.path(), &input);
    for (i, note) in notes.iter().enumerate() {
        assert!(
            out.contains(&format!("Note {} of {n} · {}", i + 1, note.title)),
            "{out}"
        );
    }
    assert!(out.contains("code (python):"), "{out}");
    assert!(out.contains("source: https://"), "{out}");
    assert!(out.contains(&format!("Read {n} of {n} note(s)")), "{out}");
    let ids: Vec<String> = notes.iter().map(|n| n.id.clone()).collect();
    assert_eq!(read(data.path()), ids, "each note once, in order");
}

#[test]
fn q_stops_and_only_the_notes_shown_are_read() {
    let data = tempfile::tempdir().unwrap();
    let out = learn(data.path(), "\n:q\n");
    assert!(out.contains("Read 2 of"), "{out}");
    assert_eq!(read(data.path()).len(), 2);
}
