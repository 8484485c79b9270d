//! Exercise feedback keyed by blank (`feedback = { 2 = { C = "…" } }`): the
//! learner reads why an option is wrong where they put it, an option that
//! belongs in another blank says so, and the checks know which blank's
//! answer each key may not explain.

use kata::content::{Item, SourceFile, Sources};
use kata::practice::{Mode, Session};

const EXERCISE: &str = r#"[topic]
id = "filters"
title = "Filters"

[[exercise]]
id = "filter"
difficulty = "medium"
prompt = "Keep the orders."
code = "[e for e in store if e{{1}} {{2}} 'OrderPlaced']"
options = [".type", "==", "!=", ".data"]
answer = ["A", "B"]
hint = "Which part names what happened?"
mistakes = ["Comparing the data"]
shuffle = false
FEEDBACK
"#;

fn load(feedback: &str) -> kata::content::Catalog {
    let mut sources = Sources::default();
    sources.files.push(SourceFile::new(
        "filters.toml",
        EXERCISE.replace("FEEDBACK", feedback).into_bytes(),
    ));
    sources.load()
}

fn codes(feedback: &str) -> Vec<&'static str> {
    load(feedback).problems.iter().map(|d| d.code).collect()
}

#[test]
fn each_try_reads_the_feedback_of_the_blank_its_option_is_in() {
    let catalog = load(
        r#"feedback = { D = ".data holds the facts.", 2 = { C = "!= keeps every other event." } }"#,
    );
    assert!(!catalog.has_errors(), "{:?}", catalog.problems);
    let exercise = catalog.topic("filters").unwrap().exercises[0].clone();
    let mut s = Session::new(Mode::Practice, vec![Item::Exercise(exercise)]);
    // `!=` in blank 1: blank 2's feedback is not about it; nothing is said.
    // `.type` in blank 2: it belongs in blank 1.
    let result = s.answer(&[2, 0]).unwrap();
    assert_eq!(
        result.feedback,
        [(
            0,
            "It belongs in another blank, not in blank 2.".to_string()
        )]
    );
    // `.data` in blank 1 (any blank's text), `!=` in blank 2 (blank 2's).
    let result = s.answer(&[3, 2]).unwrap();
    assert_eq!(
        result.feedback,
        [
            (3, ".data holds the facts.".to_string()),
            (2, "!= keeps every other event.".to_string())
        ]
    );
}

#[test]
fn the_checks_place_a_blank_key_and_its_answer() {
    assert!(codes(r#"feedback = { 2 = { A = "Blank 1's, not this one's." } }"#).is_empty());
    // Blank 2's answer, explained in blank 2.
    assert_eq!(codes(r#"feedback = { 2 = { B = "x" } }"#), ["K022"]);
    // A letter key is for every blank: not for an answer of any.
    let catalog = load(r#"feedback = { A = "x" }"#);
    let d = &catalog.problems[0];
    assert_eq!(d.code, "K022");
    assert!(
        d.help.as_deref().unwrap().contains("key it by that blank"),
        "{d}"
    );
    // A blank the code does not have.
    let catalog = load(r#"feedback = { 3 = { C = "x" } }"#);
    let d = &catalog.problems[0];
    assert_eq!(
        (d.code, d.message.as_str()),
        ("K021", "feedback for blank 3, but the code has 2 blanks")
    );
    assert_eq!(codes(r#"feedback = { 1 = "x" }"#), ["K008"]);
}

#[test]
fn shuffled_options_keep_each_blank_s_feedback_with_its_option() {
    let catalog = load(r#"feedback = { 2 = { C = "!= keeps every other event." } }"#);
    let mut exercise = catalog.topic("filters").unwrap().exercises[0].clone();
    exercise.shuffle = true;
    for seed in 0..10 {
        let s = Session::new(Mode::Practice, vec![Item::Exercise(exercise.clone())])
            .with_options_shuffled(seed);
        let Item::Exercise(shown) = s.current() else {
            panic!("an exercise");
        };
        let at = shown.options.iter().position(|o| o == "!=").unwrap();
        assert_eq!(
            shown.feedback_for(1, at).as_deref(),
            Some("!= keeps every other event."),
            "seed {seed}"
        );
    }
}
