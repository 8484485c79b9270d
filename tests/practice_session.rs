//! The practice core as a learner drives it: choices, tries, hints, outcomes, score.

use kata::content::{CodePiece, Difficulty, Exercise, Item, Question};
use kata::practice::{Mode, Outcome, Session, SubmitError};

fn exercise(difficulty: Difficulty, answer: Vec<usize>) -> Item {
    let mut code = Vec::new();
    for b in 0..answer.len() {
        code.push(CodePiece::Text("x ".into()));
        code.push(CodePiece::Blank(b));
    }
    Item::Exercise(Exercise {
        id: "ex".into(),
        difficulty,
        prompt: "fill".into(),
        code,
        options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        answer,
        attempts: 3,
        hint: "look closely".into(),
        feedback: [(2, "c is for counting".to_string())].into(),
        ..Exercise::default()
    })
}

fn question(id: &str, difficulty: Difficulty, answer: usize) -> Item {
    Item::Question(Question {
        id: id.into(),
        difficulty,
        prompt: "why?".into(),
        options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        answer,
        hint: "think".into(),
        ..Question::default()
    })
}

#[test]
fn submit_needs_every_blank_filled() {
    let mut s = Session::new(Mode::Practice, vec![exercise(Difficulty::Hard, vec![0, 1])]);
    s.choose(0, 0).unwrap();
    assert_eq!(s.submit(), Err(SubmitError::Unfilled(vec![1])));
    assert!(
        s.current_state().attempts.is_empty(),
        "a refused submit is not a try"
    );
}

#[test]
fn wrong_try_marks_each_blank_and_keeps_the_right_ones() {
    let mut s = Session::new(Mode::Practice, vec![exercise(Difficulty::Hard, vec![0, 1])]);
    let r = s.answer(&[0, 2]).unwrap();
    assert!(!r.correct);
    assert_eq!(r.marks, vec![true, false]);
    assert_eq!(r.attempts_left, 2);
    assert_eq!(r.feedback, vec![(2, "c is for counting".to_string())]);
    assert!(!r.reveal);
    assert_eq!(s.current_state().chosen, vec![Some(0), None]);
}

#[test]
fn fourth_try_is_refused_and_solution_revealed_after_third() {
    let mut s = Session::new(Mode::Practice, vec![exercise(Difficulty::Easy, vec![0])]);
    assert_eq!(s.answer(&[1]).unwrap().attempts_left, 2);
    assert_eq!(s.answer(&[1]).unwrap().attempts_left, 1);
    let last = s.answer(&[1]).unwrap();
    assert!(last.finished && last.reveal);
    assert_eq!(s.current_state().outcome, Outcome::Failed);
    assert_eq!(s.answer(&[0]), Err(SubmitError::Finished));
    assert_eq!(s.current_state().attempts.len(), 3);
    assert_eq!(s.score().points, 0.0);
}

#[test]
fn later_tries_and_hints_earn_less() {
    let mut s = Session::new(Mode::Practice, vec![exercise(Difficulty::Hard, vec![0])]);
    s.answer(&[1]).unwrap();
    let r = s.answer(&[0]).unwrap();
    assert!(r.correct && r.finished);
    assert_eq!(s.current_state().outcome, Outcome::Solved { on_try: 2 });
    assert_eq!(s.points(0), 2.0);

    let mut hinted = Session::new(Mode::Practice, vec![exercise(Difficulty::Hard, vec![0])]);
    assert_eq!(hinted.show_hint(), Some("look closely"));
    hinted.answer(&[0]).unwrap();
    assert_eq!(hinted.points(0), 1.5);
}

/// An item with no hint (one brought in from Moodle) offers none, says so in
/// the words both front-ends show, and keeps its full points.
#[test]
fn an_item_without_a_hint_offers_none_and_keeps_its_points() {
    let mut item = exercise(Difficulty::Hard, vec![0]);
    if let Item::Exercise(e) = &mut item {
        e.hint = String::new();
    }
    let mut s = Session::new(Mode::Practice, vec![item]);
    assert!(!s.hints_allowed());
    assert_eq!(s.show_hint(), None);
    assert_eq!(s.no_hint_reason(), "This item has no hint.");
    assert!(!s.current_state().hint_shown);
    s.answer(&[0]).unwrap();
    assert_eq!(s.points(0), 3.0);
}

#[test]
fn a_test_gives_one_try_no_hint_and_no_solution_until_the_end() {
    let mut s = Session::new(
        Mode::Test,
        vec![
            question("a", Difficulty::Easy, 0),
            question("b", Difficulty::Medium, 1),
        ],
    );
    assert_eq!(s.show_hint(), None);
    let r = s.answer(&[3]).unwrap();
    assert!(r.finished && !r.reveal && r.attempts_left == 0);
    assert!(
        !r.marked,
        "a test does not say right or wrong until the results"
    );
    assert!(!s.marks_shown() && !s.hints_allowed());
    assert!(!s.may_reveal(0));
    s.next_item();
    s.answer(&[1]).unwrap();
    assert!(s.is_over());
    assert!(s.may_reveal(0));
    assert!(s.marks_shown(), "the results show every mark");
    assert_eq!(s.score().to_string(), "2/3 (67%)");
}

#[test]
fn ending_a_test_early_fails_the_open_items() {
    let mut s = Session::new(
        Mode::Test,
        vec![
            question("a", Difficulty::Easy, 0),
            question("b", Difficulty::Hard, 1),
        ],
    );
    s.answer(&[0]).unwrap();
    s.end();
    assert!(s.is_over());
    assert_eq!(s.state(1).outcome, Outcome::Failed);
    assert_eq!(s.score().to_string(), "1/4 (25%)");
    assert_eq!(s.score_of(Difficulty::Hard).points, 0.0);
    s.next_item();
    assert_eq!(s.answer(&[1]), Err(SubmitError::Finished));
}

#[test]
fn wrong_number_of_letters_is_not_a_try() {
    let mut s = Session::new(Mode::Practice, vec![exercise(Difficulty::Hard, vec![0, 1])]);
    assert!(matches!(s.answer(&[0]), Err(SubmitError::Invalid(_))));
    assert!(matches!(s.answer(&[0, 9]), Err(SubmitError::Invalid(_))));
    assert!(s.current_state().attempts.is_empty());
}

#[test]
fn navigation_stays_in_bounds_and_finds_open_items() {
    let mut s = Session::new(
        Mode::Quiz,
        vec![
            question("a", Difficulty::Easy, 0),
            question("b", Difficulty::Easy, 0),
            question("c", Difficulty::Easy, 0),
        ],
    );
    assert!(!s.previous_item());
    s.answer(&[0]).unwrap();
    assert_eq!(s.next_open(), Some(1));
    s.go_to(99);
    assert_eq!(s.index(), 2);
    assert!(!s.next_item());
}

// Confidence-based marking (issue 11, item 4).

#[test]
fn with_confidence_marking_a_first_try_waits_for_its_rating_and_earns_its_mark() {
    use kata::practice::Confidence;
    let items = vec![
        question("q1", Difficulty::Easy, 0),
        question("q2", Difficulty::Easy, 1),
        exercise(Difficulty::Hard, vec![0, 1]),
    ];
    let mut s = Session::new(Mode::Practice, items).with_confidence();
    assert!(s.rates_confidence() && s.needs_rating());
    assert_eq!(s.answer(&[0]), Err(SubmitError::Unrated));
    assert!(s.current_state().attempts.is_empty(), "nothing was marked");
    // The rating may change until the try is marked.
    s.rate(Confidence::Low).unwrap();
    s.rate(Confidence::High).unwrap();
    let right = s.answer(&[0]).unwrap();
    assert_eq!(right.cbm, Some(3));
    assert!(
        s.rate(Confidence::Low).is_err(),
        "a marked try keeps its rating"
    );

    s.next_item();
    s.rate(Confidence::High).unwrap();
    assert_eq!(
        s.answer(&[0]).unwrap().cbm,
        Some(-6),
        "a confident mistake costs 6"
    );

    s.next_item();
    s.rate(Confidence::Mid).unwrap();
    let first = s.answer(&[0, 2]).unwrap();
    assert_eq!(first.cbm, Some(-2));
    // Later tries are not rated: they have seen the marks.
    assert!(!s.needs_rating());
    let second = s.answer(&[0, 1]).unwrap();
    assert_eq!(second.cbm, None);

    let c = s.calibration();
    assert_eq!(c.levels, [(0, 0), (1, 0), (2, 1)]);
    assert_eq!(c.score().marks, 3 - 6 - 2);
    // The plain score is as without marking: 1 + 0 + the exercise's second try.
    assert!(s.score().points > 1.0);
}

#[test]
fn without_confidence_marking_nothing_asks_for_a_rating() {
    let mut s = Session::new(Mode::Quiz, vec![question("q", Difficulty::Easy, 0)]);
    assert!(!s.needs_rating());
    assert!(s.rate(kata::practice::Confidence::High).is_err());
    assert_eq!(s.answer(&[0]).unwrap().cbm, None);
    assert!(s.calibration().is_empty());
}

// Retry one item (issue 11, item 7).

#[test]
fn a_finished_item_can_be_taken_again_for_half_its_points_at_most() {
    let mut s = Session::new(
        Mode::Quiz,
        vec![
            question("q1", Difficulty::Medium, 1),
            question("q2", Difficulty::Easy, 0),
        ],
    );
    assert!(s.retry(0).is_err(), "an open item is not retried");
    s.answer(&[0]).unwrap();
    assert_eq!(s.current_state().outcome, Outcome::Failed);
    s.next_item();
    s.retry(0).unwrap();
    assert_eq!(s.index(), 0, "the retried item is on screen");
    assert!(s.retried(0));
    assert_eq!(s.current_state().outcome, Outcome::Open);
    assert!(s.current_state().attempts.is_empty());
    assert_eq!(s.current_state().earlier_tries, 1);
    let again = s.answer(&[1]).unwrap();
    assert!(again.correct);
    assert_eq!(s.points(0), 1.0, "half of a medium item's 2");
}

#[test]
fn a_test_keeps_its_answers_and_a_kata_is_not_reset_here() {
    let mut s = Session::test(
        &[match question("q", Difficulty::Easy, 0) {
            Item::Question(q) => q,
            _ => unreachable!(),
        }],
        1,
    );
    s.answer(&[0]).unwrap();
    assert!(
        s.retry(0)
            .unwrap_err()
            .to_string()
            .contains("a test's answers stand")
    );
}

#[test]
fn a_retried_item_is_not_rated_again_and_keeps_its_first_rating() {
    use kata::practice::Confidence;
    let mut s =
        Session::new(Mode::Quiz, vec![question("q", Difficulty::Easy, 0)]).with_confidence();
    s.rate(Confidence::High).unwrap();
    assert_eq!(s.answer(&[1]).unwrap().cbm, Some(-6));
    s.retry(0).unwrap();
    assert!(!s.needs_rating(), "a retry has seen the solution");
    assert!(s.rate(Confidence::High).is_err());
    assert_eq!(s.answer(&[0]).unwrap().cbm, None);
    assert_eq!(
        s.calibration().levels,
        [(0, 0), (0, 0), (1, 0)],
        "the first, rated try counts"
    );
}
