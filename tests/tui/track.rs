//! The track on home: topics in order, each after what it builds on, the
//! strong ones marked and the one to take next pointed at.

use crate::support::{Harness, options};
use kata::tui::App;
use kata::tui::learner::Learner;
use ratatui::crossterm::event::KeyCode;

fn track_catalog() -> kata::content::Catalog {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/track");
    let catalog = kata::replay::predict::load(&[fixtures]);
    assert!(catalog.problems.is_empty(), "{:#?}", catalog.problems);
    catalog
}

/// A journal in which the learner passed a test of `event-store`.
fn strong_in_event_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(kata::progress::JOURNAL_FILE),
        concat!(
            r#"{"v":1,"at":1732700000000,"type":"SessionStarted","session":1,"topic":"event-store","mode":"test","seed":4}"#,
            "\n",
            r#"{"v":1,"at":1732700600000,"type":"TestFinished","session":1,"topic":"event-store","seed":4,"points":19,"total":20,"verdict":"strong"}"#,
            "\n",
        ),
    )
    .unwrap();
    dir
}

#[test]
fn home_shows_the_track_in_order_with_the_next_topic() {
    let dir = strong_in_event_store();
    for (w, ht) in [(80, 24), (120, 40)] {
        let app = App::with_learner(track_catalog(), options(), Learner::open(dir.path(), 0));
        let h = Harness::with_app(app, w, ht);
        let screen = h.screen();
        let at = |needle: &str| {
            screen
                .find(needle)
                .unwrap_or_else(|| panic!("{needle} not on\n{screen}"))
        };
        assert!(at("Track") < at("1. Event store concept"));
        assert!(at("1. Event store concept") < at("3. Leases and locks"));
        assert!(screen.contains("✓ strong"), "{screen}");
        assert!(
            screen.contains("▶ 2. Optimistic concurrency and idempotent appends  ← next"),
            "home opens on the next topic: {screen}"
        );
        insta::assert_snapshot!(format!("track_home_{w}x{ht}"), screen);
    }
}

#[test]
fn with_nothing_strong_the_first_topic_is_next_and_the_query_side_comes_last() {
    let catalog = track_catalog();
    let ids: Vec<&str> = catalog.topics.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "event-store",
            "concurrency",
            "leases",
            "read-models",
            "queries"
        ]
    );
    let mut h = Harness::new(catalog, 120, 60);
    let screen = h.screen();
    assert!(
        screen.contains("1. Event store concept in Microservices  ← next"),
        "{screen}"
    );
    // Only the chosen topic is told in full: one line for each of the rest.
    assert!(screen.contains("\n   5. The query side\n"), "{screen}");
    assert!(!screen.contains("builds on"), "{screen}");
    for _ in 0..4 {
        h.key(KeyCode::Down);
    }
    let screen = h.screen();
    assert!(screen.contains("▶ 5. The query side"), "{screen}");
    assert!(
        screen.contains("builds on Read models, Leases and locks"),
        "{screen}"
    );
}
