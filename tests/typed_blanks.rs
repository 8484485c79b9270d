//! Typed blanks (`typed = true`, `accept`): the file format and its checks
//! with their places, the session's rules (how texts compare, feedback,
//! tries, retry), the runnable checks of accepted and foreseen wrong texts,
//! and the line mode end to end: the journal keeps the texts and the xAPI
//! statement carries them as a fill-in response.

use kata::content::{Item, Place, SourceFile, Sources};
use kata::practice::{Mode, Outcome, Session, SubmitError};
use std::io::Write;
use std::process::{Command, Stdio};

const TOPIC: &str = r#"[topic]
id = "logs"
title = "Logs"

[[exercise]]
id = "append-typed"
typed = true
difficulty = "medium"
prompt = "Record the event."
lang = "python"
code = "store.{{1}}(event)"
accept = [["append"]]
attempts = 2
hint = "Only one place is left for a new event."
mistakes = ["Inserting before older events."]
feedback = { "insert" = "An event store never reorders history." }
steps = ["Events go at the end."]
"#;

fn load(text: &str) -> kata::content::Catalog {
    let mut sources = Sources::default();
    sources
        .files
        .push(SourceFile::new("logs.toml", text.as_bytes().to_vec()));
    sources.load()
}

fn exercise(text: &str) -> kata::content::Exercise {
    let catalog = load(text);
    assert!(!catalog.has_errors(), "{:#?}", catalog.problems);
    catalog.topic("logs").unwrap().exercises[0].clone()
}

/// (code, line, column) of every problem.
fn problems(text: &str) -> Vec<(&'static str, usize, usize)> {
    load(text)
        .problems
        .iter()
        .map(|d| {
            let Place { line, column } = d.at.expect("a place");
            (d.code, line, column)
        })
        .collect()
}

#[test]
fn typed_true_makes_an_exercise_the_learner_types() {
    let e = exercise(TOPIC);
    assert!(e.is_typed());
    assert_eq!(e.blanks(), 1);
    assert!(e.options.is_empty() && e.answer.is_empty());
    assert_eq!(e.accept, [["append"]]);
    assert_eq!(e.solved_code(), "store.append(event)");
    assert_eq!(
        e.typed_feedback_for("insert"),
        Some("An event store never reorders history.")
    );
}

#[test]
fn k056_options_answer_or_effect_beside_typed() {
    let text = TOPIC.replace(
        "accept = [[\"append\"]]\n",
        "accept = [[\"append\"]]\noptions = [\"append\", \"insert\"]\nanswer = [\"A\"]\n",
    );
    assert_eq!(problems(&text), [("K056", 13, 11), ("K056", 14, 10)]);
}

#[test]
fn k057_a_list_per_blank_none_empty_none_twice_one_line_each() {
    let two = TOPIC.replace(
        "accept = [[\"append\"]]",
        "accept = [[\"append\"], [\"x\"]]",
    );
    assert_eq!(problems(&two), [("K057", 12, 10)]);
    let empty = TOPIC.replace("accept = [[\"append\"]]", "accept = [[]]");
    assert_eq!(problems(&empty), [("K057", 12, 11)]);
    // ' and " and the spaces around a text do not make another answer.
    let twice = TOPIC.replace(
        "accept = [[\"append\"]]",
        "accept = [[\"'a'\", \" \\\"a\\\" \"]]",
    );
    let found = load(&twice);
    let d = found.problems.iter().find(|d| d.code == "K057").unwrap();
    assert_eq!(
        d.at,
        Some(Place {
            line: 12,
            column: 19
        })
    );
    assert_eq!(d.related.len(), 1, "the first of the two is named");
    let missing = TOPIC.replace("accept = [[\"append\"]]\n", "");
    assert_eq!(problems(&missing), [("K007", 5, 1)]);
    let lines = TOPIC.replace("accept = [[\"append\"]]", "accept = [[\"a\\nb\"]]");
    assert_eq!(problems(&lines), [("K057", 12, 12)]);
}

#[test]
fn k022_feedback_for_a_text_the_blank_accepts() {
    let text = TOPIC.replace("{ \"insert\" =", "{ \"Append \" = \"no\", \"insert\" =");
    // Case counts (`Append` is another name), spaces around it do not.
    assert_eq!(problems(&text), []);
    let text = TOPIC.replace("{ \"insert\" =", "{ \" append\" = \"no\", \"insert\" =");
    assert_eq!(problems(&text), [("K022", 16, 14)]);
}

fn session() -> Session {
    Session::new(Mode::Practice, vec![Item::Exercise(exercise(TOPIC))])
}

#[test]
fn a_typed_text_is_right_after_trimming_with_either_quote() {
    let quoted = TOPIC
        .replace("accept = [[\"append\"]]", "accept = [[\"'append'\"]]")
        .replace("store.{{1}}(event)", "getattr(store, {{1}})(event)");
    let mut s = Session::new(Mode::Practice, vec![Item::Exercise(exercise(&quoted))]);
    assert!(s.answer_typed(&["  \"append\" ".into()]).unwrap().correct);
    let mut s = session();
    let wrong = s.answer_typed(&["Append".into()]).unwrap();
    assert!(!wrong.correct, "case counts");
    assert_eq!(wrong.attempts_left, 1);
}

#[test]
fn a_wrong_text_keeps_its_place_and_brings_the_authors_words() {
    let mut s = session();
    assert_eq!(s.submit(), Err(SubmitError::Unfilled(vec![0])));
    s.type_text(0, "   ").unwrap();
    assert_eq!(s.submit(), Err(SubmitError::Unfilled(vec![0])));
    s.type_text(0, "insert\n").unwrap();
    let result = s.submit().unwrap();
    assert!(!result.correct);
    assert_eq!(
        result.typed_feedback,
        [(
            "insert".to_string(),
            "An event store never reorders history.".to_string()
        )]
    );
    assert!(result.feedback.is_empty(), "no option letters to explain");
    assert_eq!(
        s.current_state().typed,
        ["insert"],
        "the line break is dropped"
    );
    assert_eq!(s.current_state().attempts[0].typed, ["insert"]);
    assert!(s.current_state().attempts[0].chosen.is_empty());
    s.type_text(0, "append").unwrap();
    let right = s.submit().unwrap();
    assert!(right.correct && right.finished);
    assert_eq!(s.current_state().outcome, Outcome::Solved { on_try: 2 });
    assert_eq!(s.type_text(0, "x"), Err(SubmitError::Finished));
}

#[test]
fn a_typed_item_refuses_letters_and_a_chosen_item_refuses_texts() {
    let mut s = session();
    assert!(matches!(s.answer(&[0]), Err(SubmitError::Invalid(_))));
    assert!(matches!(
        s.answer_typed(&["a".into(), "b".into()]),
        Err(SubmitError::Invalid(_))
    ));
    let question = kata::content::Question {
        options: vec!["a".into(), "b".into()],
        ..Default::default()
    };
    let mut q = Session::new(Mode::Quiz, vec![Item::Question(question)]);
    assert!(matches!(q.type_text(0, "a"), Err(SubmitError::Invalid(_))));
}

#[test]
fn a_retry_empties_every_blank_and_earns_at_most_half() {
    let mut s = session();
    s.answer_typed(&["append".into()]).unwrap();
    s.retry(0).unwrap();
    assert_eq!(s.current_state().typed, [""]);
    assert!(s.answer_typed(&["append".into()]).unwrap().correct);
    assert_eq!(s.points(0), 1.0, "half of a medium item's 2 points");
}

#[test]
fn the_content_hash_changes_with_what_is_accepted() {
    let one = Item::Exercise(exercise(TOPIC));
    let two = Item::Exercise(exercise(&TOPIC.replace(
        "accept = [[\"append\"]]",
        "accept = [[\"append\", \"store.append\"]]",
    )));
    assert_ne!(
        kata::progress::content_hash(&one),
        kata::progress::content_hash(&two)
    );
}

const RUNNABLE: &str = r#"
[exercise.run]
setup = '''
class Store:
    def __init__(self):
        self.events = []
    def append(self, event):
        self.events.append(event)
    def record(self, event):
        self.events.append(event)
    def extend(self, events):
        self.events.extend(events)
    def insert(self, event):
        raise TypeError("insert needs a position")
store = Store()
event = {"type": "Opened"}
'''
tests = ['''assert store.events == [event], f"the store holds {store.events!r}"''']
"#;

#[test]
fn kata_check_runs_every_accepted_text_and_every_foreseen_wrong_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("logs.toml");
    // `insert` fails the test, as feedback says it should; `extend` is
    // accepted but adds the event's key, not the event (K039); `record`,
    // foreseen as wrong, works on this store (K040).
    let text = format!(
        "{}{RUNNABLE}",
        TOPIC
            .replace(
                "accept = [[\"append\"]]",
                "accept = [[\"append\", \"extend\"]]"
            )
            .replace("{ \"insert\" =", "{ \"record\" = \"no\", \"insert\" =")
    );
    std::fs::write(&file, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kata"))
        .arg("check")
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("`extend`, accepted in blank 1, fails the tests [K039]"),
        "{text}"
    );
    assert!(
        text.contains("the tests cannot tell `record` in blank 1 from the answer [K040]"),
        "{text}"
    );
    assert!(!text.contains("`insert`"), "{text}");
}

#[test]
fn the_line_mode_asks_blank_by_blank_and_the_journal_and_xapi_keep_the_texts() {
    let dir = tempfile::tempdir().unwrap();
    let two_blanks = TOPIC
        .replace("store.{{1}}(event)", "store.{{1}}({{2}})")
        .replace(
            "accept = [[\"append\"]]",
            "accept = [[\"append\"], [\"event\"]]",
        );
    std::fs::write(dir.path().join("logs.toml"), two_blanks).unwrap();
    let data = dir.path().join("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(["--content"])
        .arg(dir.path())
        .arg("--data-dir")
        .arg(&data)
        .args(["plain", "--topic", "logs"])
        .env("KATA_NOW_MS", "1796221291655")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Wrong in blank 1, then only blank 1 is asked again.
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"insert\nevent\n:h\nappend\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("    store.[blank 1]([blank 2])"), "{text}");
    assert!(
        text.contains("blank 1> blank 2> wrong (1 attempt left)"),
        "{text}"
    );
    assert!(
        text.contains("blanks: blank 1 wrong, blank 2 right"),
        "{text}"
    );
    assert!(
        text.contains("`insert`: An event store never reorders history."),
        "{text}"
    );
    assert!(
        text.contains("blank 1> hint: Only one place is left for a new event.\nblank 1> correct"),
        "{text}"
    );
    assert!(text.contains("Blank 1: append\nBlank 2: event"), "{text}");
    assert!(
        !text.contains("blank 2> correct"),
        "blank 2 was right: {text}"
    );
    let journal = std::fs::read_to_string(data.join("journal.jsonl")).unwrap();
    let tries: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| e["type"] == "AnswerSubmitted")
        .collect();
    assert_eq!(tries.len(), 2);
    assert_eq!(tries[0]["typed"], serde_json::json!(["insert", "event"]));
    assert_eq!(tries[0]["chosen"], serde_json::json!([]));
    assert_eq!(tries[1]["typed"], serde_json::json!(["append", "event"]));
    assert_eq!(tries[1]["correct"], true);
    // The journal reads back, and sync maps each try to a fill-in answer.
    let sync = Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(["--content"])
        .arg(dir.path())
        .arg("--data-dir")
        .arg(&data)
        .args(["sync", "--dry-run", "--lrs", "http://127.0.0.1:9/xAPI"])
        .args(["--as", "mailto:ana@example.org"])
        .env("KATA_CONFIG", dir.path().join("config.toml"))
        .output()
        .unwrap();
    let printed = String::from_utf8(sync.stdout).unwrap();
    assert_eq!(sync.status.code(), Some(0), "{printed}");
    let answered: Vec<serde_json::Value> = printed
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .flat_map(|v| match v {
            serde_json::Value::Array(all) => all,
            one => vec![one],
        })
        .filter(|s| s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered")
        .collect();
    assert_eq!(answered.len(), 2, "{printed}");
    assert_eq!(answered[0]["result"]["response"], "insert[,]event");
    assert_eq!(
        answered[0]["object"]["definition"]["interactionType"],
        "fill-in"
    );
    assert_eq!(answered[1]["result"]["success"], true);
}

#[test]
fn a_text_right_in_one_blank_may_be_explained_where_it_is_wrong() {
    let text = TOPIC
        .replace("store.{{1}}(event)", "balance {{1}} a; balance {{2}} b")
        .replace("accept = [[\"append\"]]", "accept = [[\"+=\"], [\"-=\"]]")
        .replace(
            "{ \"insert\" = \"An event store never reorders history.\" }",
            "{ \"+=\" = \"This blank is the withdrawal.\" }",
        );
    assert_eq!(problems(&text), []);
    let mut s = Session::new(Mode::Practice, vec![Item::Exercise(exercise(&text))]);
    let result = s.answer_typed(&["+=".into(), "+=".into()]).unwrap();
    assert_eq!(result.marks, [true, false]);
    assert_eq!(
        result.typed_feedback,
        [(
            "+=".to_string(),
            "This blank is the withdrawal.".to_string()
        )],
        "said once, for the blank where it is wrong"
    );
    // Accepted in every blank: never wrong, so never explained.
    let everywhere = text.replace("[[\"+=\"], [\"-=\"]]", "[[\"+=\"], [\"+=\", \"-=\"]]");
    assert_eq!(problems(&everywhere), [("K022", 16, 14)]);
}
