//! Choose-all questions (`answer = ["A", "C"]`): the file format and its
//! checks, the session's rules (picks, credit, tries), the line mode end to
//! end with the journal, and the shuffled presentation.

use kata::content::{Item, Question, SourceFile, Sources};
use kata::practice::{Mode, Outcome, Session, SubmitError};
use std::io::Write;
use std::process::{Command, Stdio};

const TOPIC: &str = r#"[topic]
id = "logs"
title = "Logs"

[[question]]
id = "append-only"
difficulty = "medium"
prompt = "Which of these follow from an append-only log?"
options = ["Any past state can be rebuilt", "Events are edited to fix them", "The log is an audit trail", "Queries never need read models"]
answer = ["A", "C"]
hint = "What does a log that only grows allow?"
mistakes = ["Editing events in place"]
feedback = { B = "A correction is a new event." }
steps = ["Nothing is overwritten, so the past can be replayed."]
shuffle = false
"#;

fn load(text: &str) -> kata::content::Catalog {
    let mut sources = Sources::default();
    sources
        .files
        .push(SourceFile::new("logs.toml", text.as_bytes().to_vec()));
    sources.load()
}

fn question() -> Question {
    let catalog = load(TOPIC);
    assert!(!catalog.has_errors(), "{:?}", catalog.problems);
    catalog.topic("logs").unwrap().questions[0].clone()
}

#[test]
fn a_list_of_letters_makes_a_choose_all_question_and_one_letter_does_not() {
    let q = question();
    assert!(q.is_choose_all());
    assert_eq!(q.answers(), [0, 2]);
    assert_eq!(q.answer, 0);
    let one = load(&TOPIC.replace(r#"answer = ["A", "C"]"#, r#"answer = ["C"]"#));
    let q = &one.topic("logs").unwrap().questions[0];
    assert!(!q.is_choose_all());
    assert_eq!(q.answer, 2);
}

#[test]
fn k055_an_empty_repeated_or_all_answer_list_and_k022_feedback_on_any_answer() {
    let codes = |text: String| -> Vec<&'static str> {
        load(&text).problems.iter().map(|d| d.code).collect()
    };
    assert_eq!(
        codes(TOPIC.replace(r#"answer = ["A", "C"]"#, "answer = []")),
        ["K055"]
    );
    assert_eq!(
        codes(TOPIC.replace(r#"answer = ["A", "C"]"#, r#"answer = ["A", "C", "A"]"#)),
        ["K055"]
    );
    assert_eq!(
        codes(TOPIC.replace(r#"answer = ["A", "C"]"#, r#"answer = ["A", "B", "C", "D"]"#)),
        ["K055", "K022"]
    );
    assert_eq!(
        codes(TOPIC.replace(r#"answer = ["A", "C"]"#, r#"answer = ["A", "E"]"#)),
        ["K012"]
    );
    assert_eq!(
        codes(TOPIC.replace(r#"{ B = "#, r#"{ C = "#)),
        ["K022"],
        "feedback for the second correct option"
    );
}

#[test]
fn the_try_is_right_only_with_every_answer_and_credit_is_right_minus_wrong() {
    let q = question();
    assert_eq!(q.credit(&[0, 2]), 1.0);
    assert_eq!(q.credit(&[0]), 0.5);
    assert_eq!(q.credit(&[0, 1]), 0.0);
    assert_eq!(
        q.credit(&[0, 1, 2, 3]),
        0.0,
        "ticking everything earns nothing"
    );
    assert_eq!(q.credit(&[1, 3]), 0.0, "never below 0");

    // Quiz: one try; the last pick's credit of a right try's points.
    let mut s = Session::new(Mode::Quiz, vec![Item::Question(q.clone())]);
    let result = s.answer(&[0]).unwrap();
    assert!(!result.correct);
    assert_eq!(s.current_state().outcome, Outcome::Failed);
    assert_eq!(s.points(0), 1.0, "half of a medium question's 2 points");

    let mut s = Session::new(Mode::Quiz, vec![Item::Question(q.clone())]);
    assert!(
        s.answer(&[2, 0, 2]).unwrap().correct,
        "order and repeats do not matter"
    );
    assert_eq!(s.points(0), 2.0);
}

#[test]
fn toggling_picks_and_nothing_picked_is_not_an_answer() {
    let q = question();
    let mut s = Session::new(Mode::Practice, vec![Item::Question(q)]);
    assert_eq!(s.submit(), Err(SubmitError::Unfilled(vec![0])));
    s.toggle(3).unwrap();
    s.toggle(0).unwrap();
    s.toggle(3).unwrap();
    assert_eq!(s.current_state().picked, [0]);
    assert!(s.toggle(9).is_err());
    assert!(s.choose(0, 1).is_ok(), "a blank choice does not pick");
    assert_eq!(s.current_state().picked, [0]);
    let result = s.submit().unwrap();
    assert!(!result.correct);
    assert_eq!(result.marks, [true]);
    assert_eq!(s.current_state().attempts[0].missed, 1);
}

#[test]
fn a_retry_starts_with_nothing_picked_and_earns_at_most_half() {
    let q = question();
    let mut s = Session::new(Mode::Quiz, vec![Item::Question(q)]);
    s.toggle(0).unwrap();
    s.toggle(1).unwrap();
    s.submit().unwrap();
    s.retry(0).unwrap();
    assert!(s.current_state().picked.is_empty());
    assert!(s.answer(&[0, 2]).unwrap().correct);
    assert_eq!(s.points(0), 1.0, "a retry earns at most half");
}

#[test]
fn shuffled_options_keep_every_answer_with_its_text() {
    let q = question();
    let texts: Vec<String> = q.answers().iter().map(|&a| q.options[a].clone()).collect();
    let mut q = q;
    q.shuffle = true;
    for seed in 0..20 {
        let s =
            Session::new(Mode::Quiz, vec![Item::Question(q.clone())]).with_options_shuffled(seed);
        let Item::Question(shown) = s.current() else {
            panic!("a question");
        };
        let mut shown_texts: Vec<String> = shown
            .answers()
            .iter()
            .map(|&a| shown.options[a].clone())
            .collect();
        shown_texts.sort();
        let mut expected = texts.clone();
        expected.sort();
        assert_eq!(shown_texts, expected, "seed {seed}");
        assert_eq!(shown.answer, shown.answers()[0]);
    }
}

#[test]
fn the_line_mode_takes_every_letter_on_one_line_and_journals_the_picks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("logs.toml"), TOPIC).unwrap();
    let data = dir.path().join("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(["--content"])
        .arg(dir.path())
        .arg("--data-dir")
        .arg(&data)
        .args(["plain", "--topic", "logs", "--mode", "quiz"])
        .env("KATA_NOW_MS", "1796221291655")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"A B\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Choose all that apply: give every letter that is right"),
        "{text}"
    );
    assert!(
        text.contains("picks: B not right; 1 right option not picked"),
        "{text}"
    );
    assert!(text.contains("B: A correction is a new event."), "{text}");
    assert!(
        text.contains(
            "Final answer: Any past state can be rebuilt; The log is an audit trail -> Options A, C"
        ),
        "{text}"
    );
    let journal = std::fs::read_to_string(data.join("journal.jsonl")).unwrap();
    let answered: serde_json::Value = journal
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|e| e["type"] == "AnswerSubmitted")
        .unwrap();
    assert_eq!(answered["chosen"], serde_json::json!([0, 1]));
    assert_eq!(answered["correct"], false);
    assert_eq!(
        answered["points"], 0.0,
        "one right and one wrong pick earn nothing"
    );
}
