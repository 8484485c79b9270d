//! Shuffled options, as a state machine: the same seed shows the same order,
//! another seed another; what the session marks, the feedback it gives and the
//! letters in its steps all follow the letters on screen; the journal records
//! the options as written. In the core, through `kata plain`, and in the journal.

use kata::content::{Item, Question, Topic, letter};
use kata::practice::{Mode, Session};
use kata::progress::{Event, Recorded, Recorder, Standing, load_bytes, project, standing};
use std::collections::BTreeMap;
use std::process::Command;

mod common;

fn bundled() -> Topic {
    kata::replay::predict::load(&[])
        .topic("event-store")
        .expect("bundled topic")
        .clone()
}

fn orders(session: &Session) -> Vec<Vec<usize>> {
    (0..session.len())
        .map(|i| session.order(i).to_vec())
        .collect()
}

#[test]
fn the_same_seed_shows_the_same_order_and_another_seed_another() {
    let topic = bundled();
    for mode in [Mode::Practice, Mode::Quiz, Mode::Test] {
        let a = kata::practice::start(&topic, mode, 42);
        let b = kata::practice::start(&topic, mode, 42);
        assert_eq!(orders(&a), orders(&b), "{mode:?}: same seed, same order");
        assert_eq!(a.items(), b.items());
        let c = kata::practice::start(&topic, mode, 43);
        if mode != Mode::Test {
            assert_ne!(
                orders(&a),
                orders(&c),
                "{mode:?}: another seed, another order"
            );
        }
    }
    // Over many seeds every bundled question shows its right answer under more than one letter.
    for q in &topic.questions {
        let letters: std::collections::BTreeSet<usize> = (0..40)
            .map(|seed| {
                let s = Session::shuffled(Mode::Quiz, vec![Item::Question(q.clone())], seed);
                s.current().answer()[0]
            })
            .collect();
        assert!(
            letters.len() > 1,
            "{} always shows its answer at one letter",
            q.id
        );
    }
}

#[test]
fn a_printed_test_seed_reproduces_the_options_too() {
    let topic = bundled();
    let a = kata::practice::start(&topic, Mode::Test, 7);
    let b = kata::practice::start(&topic, Mode::Test, 7);
    let shown = |s: &Session| -> Vec<(String, Vec<String>)> {
        s.items()
            .iter()
            .map(|i| (i.id().to_string(), i.options().to_vec()))
            .collect()
    };
    assert_eq!(shown(&a), shown(&b));
}

/// A question whose prose names options by placeholder, with feedback on two wrong ones.
fn lettered_question() -> Question {
    Question {
        id: "naming".into(),
        prompt: "Which name is an event?".into(),
        options: vec![
            "PlaceOrder".into(),
            "OrderPlaced".into(),
            "GetOrder".into(),
            "OrderService".into(),
        ],
        answer: 1,
        steps: vec!["{{B}} is in the past tense; {{A}} is a command.".into()],
        hint: "Not {{C}}: a query records nothing.".into(),
        feedback: BTreeMap::from([
            (0, "{{A}} is a command, not a fact.".to_string()),
            (2, "A query changes nothing.".to_string()),
        ]),
        shuffle: true,
        ..Question::default()
    }
}

#[test]
fn marks_feedback_and_letters_follow_the_letters_shown() {
    let written = lettered_question();
    for seed in 0..30 {
        let mut s = Session::shuffled(Mode::Quiz, vec![Item::Question(written.clone())], seed);
        let order = s.order(0).to_vec();
        let shown_at = |w: usize| order.iter().position(|&o| o == w).unwrap();
        let shown = s.current().clone();
        assert_eq!(shown.options()[shown.answer()[0]], "OrderPlaced");
        let (a, b, c) = (
            letter(shown_at(0)),
            letter(shown_at(1)),
            letter(shown_at(2)),
        );
        assert_eq!(
            shown.steps(),
            [format!("{b} is in the past tense; {a} is a command.")]
        );
        assert_eq!(shown.hint(), format!("Not {c}: a query records nothing."));
        // Choose "PlaceOrder" where it is shown: wrong, with its own feedback under its shown letter.
        let result = s.answer(&[shown_at(0)]).unwrap();
        assert!(!result.correct && result.marks == [false]);
        assert_eq!(
            result.feedback,
            [(shown_at(0), format!("{a} is a command, not a fact."))]
        );
        assert_eq!(s.in_file(0, &s.state(0).attempts[0].chosen), [0]);
    }
}

#[test]
fn an_exercise_is_solved_by_the_letters_shown_and_recorded_as_written() {
    let topic = bundled();
    let count = topic
        .exercises
        .iter()
        .find(|e| e.id == "count-by-type")
        .unwrap()
        .clone();
    let mut s = Session::shuffled(Mode::Practice, vec![Item::Exercise(count.clone())], 9);
    let shown = s.current().answer();
    assert_ne!(shown, count.answer, "seed 9 moves the pool");
    let result = s.answer(&shown).unwrap();
    assert!(result.correct);
    assert_eq!(s.in_file(0, &shown), count.answer);
    let mut recorder = Recorder::start(Vec::<Recorded>::new(), "event-store", &s).unwrap();
    recorder.answered(&s, 0, &result).unwrap();
    let events = recorder.into_sink();
    match &events[1].event {
        Event::AnswerSubmitted {
            chosen,
            hash,
            correct,
            ..
        } => {
            assert_eq!(
                chosen, &count.answer,
                "the journal keeps the options as written"
            );
            assert_eq!(hash, &kata::progress::content_hash(&Item::Exercise(count)));
            assert!(correct);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_pinned_item_keeps_its_order_under_every_seed() {
    let pinned = Question {
        shuffle: false,
        ..lettered_question()
    };
    for seed in 0..20 {
        let s = Session::shuffled(Mode::Quiz, vec![Item::Question(pinned.clone())], seed);
        assert_eq!(s.order(0), [0, 1, 2, 3]);
        assert_eq!(s.current().options(), pinned.options);
    }
}

#[test]
fn an_edited_topic_keeps_the_order_of_unchanged_items() {
    let topic = bundled();
    let mut s = kata::practice::start(&topic, Mode::Quiz, 11);
    let right = s.current().answer();
    s.answer(&right).unwrap();
    let rebuilt = s.rebuilt(s.written_items().to_vec());
    assert_eq!(orders(&rebuilt), orders(&s));
    assert!(
        rebuilt.state(0).outcome.is_finished(),
        "the work carries over"
    );
}

/// `kata plain ARGS` with `input`; stdout.
fn plain(args: &[&str], input: &str) -> String {
    let data = tempfile::tempdir().unwrap();
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data.path())
            .arg("plain")
            .args(args),
        input,
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The option lines of the first item in a plain transcript.
fn first_options(out: &str) -> Vec<String> {
    out.lines()
        .skip_while(|l| !l.starts_with("A) "))
        .take_while(|l| l.len() > 2 && &l[1..3] == ") ")
        .map(str::to_string)
        .collect()
}

#[test]
fn plain_shows_the_sessions_order_and_marks_by_the_letters_shown() {
    let topic = bundled();
    let session = kata::practice::start(&topic, Mode::Quiz, 5);
    let item = session.current();
    let right = item.answer()[0];
    let out = plain(
        &["--mode", "quiz", "--seed", "5"],
        &format!("{}\nq\n", letter(right)),
    );
    let expected: Vec<String> = (item.options().iter().enumerate())
        .map(|(i, o)| format!("{}) {o}", letter(i)))
        .collect();
    assert_eq!(first_options(&out), expected, "{out}");
    assert!(out.contains("> correct"), "{out}");
    assert!(
        out.contains(&format!(
            "Final answer: {} -> Option {}",
            item.options()[right],
            letter(right)
        )),
        "{out}"
    );
    let other = plain(&["--mode", "quiz", "--seed", "6"], "q\n");
    let options_of = |seed| {
        kata::practice::start(&topic, Mode::Quiz, seed).items()[0]
            .options()
            .to_vec()
    };
    if options_of(5) != options_of(6) {
        assert_ne!(first_options(&other), first_options(&out));
    }
}

#[test]
fn plain_feedback_names_the_wrong_option_by_its_shown_letter() {
    let topic = bundled();
    let session = kata::practice::start(&topic, Mode::Quiz, 5);
    let item = session.current();
    let (&wrong, text) = item
        .feedback()
        .iter()
        .next()
        .expect("the first question has feedback");
    let out = plain(
        &["--mode", "quiz", "--seed", "5"],
        &format!("{}\nq\n", letter(wrong)),
    );
    assert!(out.contains(&format!("{}: {text}", letter(wrong))), "{out}");
}

#[test]
fn the_plain_test_review_names_the_letters_the_learner_saw() {
    let topic = bundled();
    let session = kata::practice::start(&topic, Mode::Test, 21);
    let input: String = session
        .items()
        .iter()
        .map(|i| {
            // Every right letter: a choose-all question's on one line.
            let letters: Vec<String> = i.answer().iter().map(|&a| letter(a).to_string()).collect();
            format!("{}\n", letters.join(" "))
        })
        .collect();
    let out = plain(&["--mode", "test", "--seed", "21"], &input);
    assert!(out.contains("verdict: strong"), "{out}");
    for (n, item) in session.items().iter().enumerate() {
        let given: Vec<String> = (item.answer().iter())
            .map(|&a| format!("{} \"{}\"", letter(a), item.options()[a]))
            .collect();
        let line = format!(
            "{}. {} · {} — correct\n   your answer:  {}\n",
            n + 1,
            item.difficulty(),
            item.id(),
            given.join(", ")
        );
        assert!(out.contains(&line), "missing `{line}` in {out}");
    }
}

#[test]
fn a_v1_journal_and_a_journal_of_shuffled_tries_both_load() {
    let topic = bundled();
    let purpose = topic.item("purpose").unwrap();
    let hash = kata::progress::content_hash(&purpose);
    // Written before options moved: `chosen` was the option's place in the file then too.
    let v1 = format!(
        concat!(
            r#"{{"v":1,"at":1732700000000,"type":"SessionStarted","session":1,"topic":"event-store","mode":"quiz"}}"#,
            "\n",
            r#"{{"v":1,"at":1732700009000,"type":"AnswerSubmitted","session":1,"topic":"event-store","item":"purpose","hash":"{}","chosen":[0],"try":1,"correct":true,"points":1}}"#,
            "\n"
        ),
        hash
    );
    let old = load_bytes(v1.as_bytes());
    assert!(old.problems.is_empty(), "{:?}", old.problems);
    assert_eq!(old.events.len(), 2);

    // Now a shuffled session answers the same question wrong, then right, on another item.
    let mut s = kata::practice::start(&topic, Mode::Quiz, 3);
    let mut recorder = Recorder::start(Vec::<Recorded>::new(), "event-store", &s).unwrap();
    let shown_right = s.current().answer()[0];
    let shown_wrong = (shown_right + 1) % s.current().options().len();
    let result = s.answer(&[shown_wrong]).unwrap();
    recorder.answered(&s, 0, &result).unwrap();
    s.next_item();
    let right = s.current().answer();
    let result = s.answer(&right).unwrap();
    recorder.answered(&s, 1, &result).unwrap();
    let mut bytes = v1.into_bytes();
    for event in recorder.into_sink() {
        bytes.extend(event.to_line().into_bytes());
    }
    let both = load_bytes(&bytes);
    assert!(both.problems.is_empty(), "{:?}", both.problems);
    let chosen: Vec<Vec<usize>> = (both.events.iter())
        .filter_map(|r| match &r.event {
            Event::AnswerSubmitted { chosen, .. } => Some(chosen.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(chosen[1], [s.order(0)[shown_wrong]], "recorded as written");
    assert_ne!(
        chosen[1],
        [0],
        "the wrong option is not the right one in the file"
    );
    let progress = project(&both.events, 0);
    assert_eq!(
        standing(&progress, "event-store", &purpose),
        Standing::Mistake
    );
    let second = topic.item(s.items()[1].id()).unwrap();
    assert_eq!(
        standing(&progress, "event-store", &second),
        Standing::Solved
    );
}

#[test]
fn kata_seed_before_another_command_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(["--seed", "4", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kata plain --mode test --seed N"));
}
