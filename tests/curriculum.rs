//! The curriculum (issue 13): every bundled topic holds at least what a
//! topic of the track must, so none can quietly shrink. The counts are the
//! issue's; the quality of each item is `kata check --deny-warnings`'s, the
//! guessing strategies' (tests/guessing_strategies.rs) and the CPython
//! differential test's (tests/sandbox_differential.rs), which walk every
//! bundled topic too.

use kata::content::{Catalog, Difficulty, Topic};
use std::collections::BTreeSet;

fn bundled() -> Catalog {
    let catalog = kata::replay::predict::load(&[]);
    assert!(
        catalog.problems.iter().all(|d| !d.is_error()),
        "{:#?}",
        catalog.problems
    );
    catalog
}

/// What one topic holds, by the counts.
#[derive(Debug)]
struct Holds {
    runnable_exercises: usize,
    runnable_blank_counts: BTreeSet<usize>,
    typed_exercises: usize,
    katas_with_tests: usize,
    questions: usize,
    questions_by_difficulty: [usize; 3],
    choose_all: usize,
    orderings: usize,
    most_predictions_on_one_scenario: usize,
    cards: usize,
    notes: usize,
    notes_without_sources: Vec<String>,
}

fn holds(catalog: &Catalog, topic: &Topic) -> Holds {
    let fill_in = topic.exercises.iter().filter(|e| !e.ordering);
    let runnable: Vec<_> = fill_in.clone().filter(|e| e.run.is_some()).collect();
    // A resolved `[[predict]]` is a question too; count it as a prediction.
    let predicted: BTreeSet<&str> = topic.predictions.iter().map(|p| p.id.as_str()).collect();
    let questions: Vec<_> = (topic.questions.iter())
        .filter(|q| !predicted.contains(q.id.as_str()))
        .collect();
    let mut by_scenario = std::collections::BTreeMap::<&str, usize>::new();
    for p in &topic.predictions {
        // Only over a scenario of this topic.
        if catalog.scenario_topic(&p.scenario).map(|t| t.id.as_str()) == Some(topic.id.as_str()) {
            *by_scenario.entry(p.scenario.as_str()).or_default() += 1;
        }
    }
    Holds {
        runnable_exercises: runnable.len(),
        runnable_blank_counts: runnable.iter().map(|e| e.blanks()).collect(),
        typed_exercises: fill_in.filter(|e| e.is_typed()).count(),
        katas_with_tests: topic.katas.iter().filter(|k| !k.tests.is_empty()).count(),
        questions: questions.len(),
        questions_by_difficulty: Difficulty::ALL
            .map(|d| questions.iter().filter(|q| q.difficulty == d).count()),
        choose_all: questions
            .iter()
            .filter(|q| !q.choose_all.is_empty())
            .count(),
        orderings: topic.exercises.iter().filter(|e| e.ordering).count(),
        most_predictions_on_one_scenario: by_scenario.values().copied().max().unwrap_or(0),
        cards: topic.cards.len(),
        notes: topic.notes.len(),
        notes_without_sources: (topic.notes.iter())
            .filter(|n| n.sources.is_empty())
            .map(|n| n.id.clone())
            .collect(),
    }
}

#[test]
fn every_bundled_topic_holds_what_a_topic_of_the_track_must() {
    let catalog = bundled();
    for topic in &catalog.topics {
        let h = holds(&catalog, topic);
        let id = &topic.id;
        assert!(h.runnable_exercises >= 4, "{id}: {h:#?}");
        for blanks in [1, 2, 3] {
            assert!(
                h.runnable_blank_counts.contains(&blanks),
                "{id}: no runnable exercise with {blanks} blank(s): {h:#?}"
            );
        }
        assert!(h.typed_exercises >= 1, "{id}: {h:#?}");
        assert!(h.katas_with_tests >= 2, "{id}: {h:#?}");
        assert!(h.questions >= 10, "{id}: {h:#?}");
        assert!(
            h.questions_by_difficulty.iter().all(|&n| n >= 1),
            "{id}: every difficulty: {h:#?}"
        );
        assert!(h.choose_all >= 2, "{id}: {h:#?}");
        assert!(h.orderings >= 2, "{id}: {h:#?}");
        assert!(h.most_predictions_on_one_scenario >= 3, "{id}: {h:#?}");
        assert!(h.cards >= 10, "{id}: {h:#?}");
        assert!(h.notes >= 1, "{id}: {h:#?}");
        assert!(h.notes_without_sources.is_empty(), "{id}: {h:#?}");
    }
}

/// The track holds together: every topic after the first builds on one
/// before it, so home's path has no loose ends.
#[test]
fn the_bundled_track_runs_from_its_first_topic() {
    let catalog = bundled();
    let first = &catalog.topics[0];
    assert_eq!(first.id, "event-store");
    assert!(first.requires.is_empty());
    for (i, topic) in catalog.topics.iter().enumerate().skip(1) {
        assert!(!topic.requires.is_empty(), "{} builds on nothing", topic.id);
        let before: Vec<&str> = catalog.topics[..i].iter().map(|t| t.id.as_str()).collect();
        assert!(
            topic.requires.iter().all(|r| before.contains(&r.as_str())),
            "{} comes before what it requires",
            topic.id
        );
    }
}
