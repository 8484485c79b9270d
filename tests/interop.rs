//! Moodle GIFT and Moodle XML in and out (issue 15 items 11–12): a bank
//! comes in as topic files `kata check` accepts, with everything kata cannot
//! represent listed by line; kata's items go out, are read by parsers kata
//! did not write (gift-pegjs; Python's xml.etree), and come back equivalent
//! — for the bundled topic and for generated ones.

#[path = "common/npm.rs"]
mod npm;

use kata::content::interop::{BankExercise, BankQuestion, BankTopic, gift, moodle_xml};
use kata::content::{Question, SourceFile, Sources, Topic};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

fn kata(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(args)
        .current_dir(dir)
        .env("KATA_HOME", dir)
        .output()
        .expect("kata runs")
}

/// `kata import FILE --dir course` in `dir`: it succeeds and says each of
/// `lines`; `kata check course` then passes; the imported topics, loaded.
fn import_and_check(dir: &Path, file: &str, lines: &[&str]) -> kata::content::Catalog {
    let out = kata(&["import", file, "--dir", "course"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    for line in lines {
        assert!(said.contains(line), "{line:?} in {said}");
    }
    let checked = kata(&["check", "course"], dir);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    let mut sources = Sources::default();
    sources.add_path(&dir.join("course"));
    sources.load()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What GIFT carries of a question: id, prompt, options, answers (one, or
/// a choose-all question's), feedback by option, steps, and whether it
/// shuffles.
type Parts = (
    String,
    String,
    Vec<String>,
    Vec<usize>,
    BTreeMap<usize, String>,
    Vec<String>,
    bool,
);

/// A kata question as the bank would hold it: what GIFT carries.
fn as_bank(q: &Question) -> Parts {
    (
        q.id.clone(),
        q.prompt.clone(),
        q.options.clone(),
        q.answers(),
        q.feedback.clone(),
        q.steps.clone(),
        q.shuffle || q.options != ["True", "False"] || q.is_choose_all(),
    )
}

fn bank_parts(q: &BankQuestion) -> Parts {
    (
        q.id.clone(),
        q.prompt.clone(),
        q.options.clone(),
        if q.choose_all.is_empty() {
            vec![q.answer]
        } else {
            q.choose_all.clone()
        },
        q.feedback.clone(),
        q.steps.clone(),
        q.shuffle,
    )
}

#[track_caller]
fn assert_round_trip(topic: &Topic) {
    let written = gift::write(topic);
    let bank = gift::read(&written.text, "x").unwrap_or_else(|e| panic!("{e}\n{}", written.text));
    assert!(bank.left_out.is_empty(), "{:?}", bank.left_out);
    assert_eq!(bank.topics.len(), 1, "{}", written.text);
    let back = &bank.topics[0];
    assert_eq!(back.title, topic.title);
    let sent: Vec<_> = topic.questions.iter().map(as_bank).collect();
    let came: Vec<_> = back.questions.iter().map(bank_parts).collect();
    assert_eq!(came, sent, "{}", written.text);
}

/// Moodle XML carries the hint and the exercises too (all but their
/// per-option feedback, which ddwtos has no place for).
#[track_caller]
fn assert_xml_round_trip(topic: &Topic) {
    let written = moodle_xml::write(topic);
    let bank =
        moodle_xml::read(&written.text, "x").unwrap_or_else(|e| panic!("{e}\n{}", written.text));
    assert!(bank.left_out.is_empty(), "{:?}", bank.left_out);
    assert_eq!(bank.topics.len(), 1, "{}", written.text);
    let back = &bank.topics[0];
    assert_eq!(back.title, topic.title);
    let sent: Vec<_> = topic
        .questions
        .iter()
        .map(|q| (as_bank(q), q.hint.clone()))
        .collect();
    let came: Vec<_> = back
        .questions
        .iter()
        .map(|q| (bank_parts(q), q.hint.clone()))
        .collect();
    assert_eq!(came, sent, "{}", written.text);
    // A typed exercise stays in kata, and the export names it.
    let typed: Vec<&str> = (topic.exercises.iter())
        .filter(|e| e.is_typed())
        .map(|e| e.id.as_str())
        .collect();
    for id in &typed {
        assert!(
            written.left_out.iter().any(|(left, _)| left == id),
            "{id} is not named as left out"
        );
    }
    let sent: Vec<_> = topic
        .exercises
        .iter()
        .filter(|e| !e.is_typed())
        .map(|e| {
            let code = e.fill(&vec![None; e.blanks()], |b, _| format!("{{{{{}}}}}", b + 1));
            (
                e.id.clone(),
                e.prompt.clone(),
                code,
                e.options.clone(),
                e.answer.clone(),
                e.steps.clone(),
                e.hint.clone(),
                e.shuffle,
            )
        })
        .collect();
    let came: Vec<_> = back
        .exercises
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                e.prompt.clone(),
                e.code.clone(),
                e.options.clone(),
                e.answer.clone(),
                e.steps.clone(),
                e.hint.clone(),
                e.shuffle,
            )
        })
        .collect();
    assert_eq!(came, sent, "{}", written.text);
}

#[test]
fn the_bundled_topic_goes_out_as_moodle_xml_and_comes_back_equivalent() {
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    assert!(!topic.exercises.is_empty());
    assert_xml_round_trip(topic);
}

/// Python's own XML parser reads the export: one category and one
/// `<question>` per question and exercise, each with its name.
#[test]
fn python_s_xml_parser_reads_the_moodle_xml_export() {
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bank.xml");
    std::fs::write(&path, moodle_xml::write(topic).text).unwrap();
    let out = Command::new("python3")
        .arg("-c")
        .arg("import sys, xml.etree.ElementTree as E\nq = E.parse(sys.argv[1]).getroot()\nprint(' '.join(f\"{x.get('type')}:{x.findtext('name/text') or ''}\" for x in q.iter('question')))")
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let read = text(&out.stdout);
    let kinds: Vec<&str> = read.split_whitespace().collect();
    let chosen: Vec<_> = topic.exercises.iter().filter(|e| !e.is_typed()).collect();
    assert_eq!(
        kinds.len(),
        1 + topic.questions.len() + chosen.len(),
        "{read}"
    );
    assert!(kinds[0].starts_with("category:"));
    for e in chosen {
        assert!(
            kinds.contains(&format!("ddwtos:{}", e.id).as_str()),
            "{read}"
        );
    }
}

#[test]
fn the_bundled_topic_goes_out_and_comes_back_equivalent() {
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    assert!(topic.questions.len() >= 10);
    assert_round_trip(topic);
    let written = gift::write(topic);
    let left: Vec<&str> = written.left_out.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        left.len(),
        topic.exercises.len() + topic.katas.len() + topic.cards.len() + topic.notes.len(),
        "every exercise, kata, card and note is named as left out: {left:?}"
    );
}

/// Texts with GIFT's special characters, quotes, non-ASCII and (for
/// prompts) newlines; trimmed, never blank.
fn words(newlines: bool) -> impl Strategy<Value = String> {
    let pattern = if newlines {
        "[a-zA-Z0-9éü✓ ~=#{}:\\\\\"'$%/\\-\n]{0,30}"
    } else {
        "[a-zA-Z0-9éü✓ ~=#{}:\\\\\"'$%/\\-]{0,30}"
    };
    (
        proptest::string::string_regex("[a-zA-Z]{1,8}").unwrap(),
        proptest::string::string_regex(pattern).unwrap(),
    )
        .prop_map(|(head, rest)| format!("{head}{}", rest.trim_end()))
        .prop_filter(
            "no blank line inside (it would be a paragraph, not a line)",
            |t| !t.contains("\n\n") && !t.lines().any(|l| l.trim().is_empty()),
        )
}

fn question(n: usize) -> impl Strategy<Value = BankQuestion> {
    (
        words(true),
        proptest::collection::vec(words(false), 2..6),
        // Steps may hold a line break: each still comes back as one step.
        proptest::collection::vec(words(true), 0..3),
        any::<u8>(),
        any::<u8>(),
        proptest::option::of(words(false)),
    )
        .prop_filter_map(
            "distinct options",
            move |(prompt, options, steps, answer, fb, hint)| {
                let mut seen = std::collections::HashSet::new();
                if !options.iter().all(|o| seen.insert(o.trim().to_string())) {
                    return None;
                }
                let answer = answer as usize % options.len();
                let mut feedback = BTreeMap::new();
                let wrong = (answer + 1 + fb as usize % (options.len() - 1)) % options.len();
                if fb % 2 == 0 {
                    feedback.insert(wrong, format!("Not {}: {}", wrong + 1, options[wrong]));
                }
                // Some are choose-all: the answer and one more option that
                // has no feedback (feedback is for wrong options).
                let mut choose_all = Vec::new();
                if fb % 3 == 1 && options.len() >= 3 {
                    let other = (0..options.len())
                        .find(|&o| o != answer && !feedback.contains_key(&o))
                        .unwrap();
                    choose_all = vec![answer.min(other), answer.max(other)];
                }
                Some(BankQuestion {
                    id: format!("q{n}"),
                    line: 0,
                    prompt,
                    answer: choose_all.first().copied().unwrap_or(answer),
                    choose_all,
                    options,
                    feedback,
                    steps,
                    shuffle: true,
                    hint: hint.unwrap_or_default(),
                })
            },
        )
}

/// An exercise: code of words around 1–3 blanks, one pool, a hint.
fn exercise(n: usize) -> impl Strategy<Value = BankExercise> {
    (
        words(false),
        proptest::collection::vec(words(false), 2..5),
        proptest::collection::vec(words(false), 2..6),
        proptest::collection::vec(any::<u8>(), 1..4),
        words(false),
    )
        .prop_filter_map(
            "distinct options, no gap marks of its own",
            move |(prompt, pieces, options, picks, hint)| {
                let mut seen = std::collections::HashSet::new();
                if !options.iter().all(|o| seen.insert(o.trim().to_string())) {
                    return None;
                }
                let marks = |t: &String| ["{{", "}}", "[[", "]]"].iter().any(|m| t.contains(m));
                if pieces.iter().chain(&options).any(marks) {
                    return None;
                }
                let blanks = picks.len().min(pieces.len() - 1);
                let mut code = pieces[0].clone();
                for b in 0..blanks {
                    code.push_str(&format!(" {{{{{}}}}} {}", b + 1, pieces[b + 1]));
                }
                Some(BankExercise {
                    id: format!("e{n}"),
                    line: 0,
                    prompt,
                    code,
                    answer: picks[..blanks]
                        .iter()
                        .map(|p| *p as usize % options.len())
                        .collect(),
                    options,
                    steps: Vec::new(),
                    hint,
                    shuffle: true,
                })
            },
        )
}

fn topic() -> impl Strategy<Value = BankTopic> {
    (1usize..6, 0usize..3)
        .prop_flat_map(|(n, e)| {
            (
                (0..n).map(question).collect::<Vec<_>>(),
                (0..e).map(exercise).collect::<Vec<_>>(),
            )
        })
        .prop_map(|(questions, exercises)| BankTopic {
            id: "generated".into(),
            title: "A generated topic".into(),
            questions,
            exercises,
        })
}

/// A bank topic written as a kata file and loaded through `kata check`.
fn loaded(bank: &BankTopic) -> Topic {
    let mut sources = Sources::default();
    sources.files.push(SourceFile::new(
        "generated.toml",
        bank.to_toml("a test").into_bytes(),
    ));
    let catalog = sources.load();
    let errors: Vec<_> = catalog.problems.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{}", bank.to_toml("a test"));
    catalog.topic("generated").expect("loads").clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Generated bank → kata file (checked) → Moodle XML → bank.
    #[test]
    fn generated_topics_go_out_as_moodle_xml_and_come_back_equivalent(bank in topic()) {
        assert_xml_round_trip(&loaded(&bank));
    }

    /// Generated bank → kata file (checked) → GIFT → bank: the same questions.
    #[test]
    fn generated_topics_go_out_and_come_back_equivalent(bank in topic()) {
        let topic = loaded(&bank);
        assert_round_trip(&topic);
        let back = gift::read(&gift::write(&topic).text, "x").unwrap();
        let came: Vec<_> = back.topics[0].questions.iter().map(bank_parts).collect();
        let sent: Vec<_> = bank.questions.iter().map(bank_parts).collect();
        prop_assert_eq!(came, sent);
    }
}

/// Runs of spaces as one: gift-pegjs collapses them in what it reads
/// (Moodle's own import keeps plain text as written).
fn squeezed(v: &Value) -> Value {
    match v {
        Value::String(s) => json!(
            s.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        other => other.clone(),
    }
}

/// What gift-pegjs reads from kata's export: every question, each option
/// with its mark and feedback, the steps as general feedback.
#[test]
fn gift_pegjs_reads_the_export_as_kata_wrote_it() {
    let Some(tools) = npm::consumers() else {
        return;
    };
    let catalog = kata::replay::predict::load(&[]);
    let mut topics = vec![catalog.topic("event-store").unwrap().clone()];
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..8 {
        topics.push(loaded(&topic().new_tree(&mut runner).unwrap().current()));
    }
    for topic in &topics {
        let written = gift::write(topic);
        let answer = npm::node(&tools.join("gift.mjs"), &json!({ "gift": written.text }));
        assert!(answer.get("error").is_none(), "{answer}\n{}", written.text);
        let read: Vec<&Value> = answer["questions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["type"] != "Category")
            .collect();
        assert_eq!(read.len(), topic.questions.len(), "{}", written.text);
        for (q, r) in topic.questions.iter().zip(read) {
            assert_eq!(r["title"], q.id.as_str());
            assert_eq!(squeezed(&r["stem"]), squeezed(&json!(q.prompt)), "{}", q.id);
            let steps = (!q.steps.is_empty()).then(|| q.steps.join("\n\n"));
            if r["type"] == "TF" {
                assert_eq!(r["isTrue"], q.answer == 0);
                continue;
            }
            assert_eq!(r["type"], "MC", "{}", q.id);
            assert_eq!(
                squeezed(&r["feedback"]),
                squeezed(&json!(steps)),
                "{}",
                q.id
            );
            let choices = r["choices"].as_array().unwrap();
            assert_eq!(choices.len(), q.options.len());
            let share = 100.0 / q.answers().len() as f64;
            for (i, c) in choices.iter().enumerate() {
                assert_eq!(squeezed(&c["text"]), squeezed(&json!(q.options[i])));
                if q.is_choose_all() {
                    // `~%50%A ~%-50%B`: each right answer an equal share.
                    let weight = c["weight"].as_f64().unwrap();
                    let expected = if q.choose_all.contains(&i) {
                        share
                    } else {
                        -share
                    };
                    assert!((weight - expected).abs() < 0.01, "{}: {c}", q.id);
                    continue;
                }
                assert_eq!(c["correct"], i == q.answer);
                assert_eq!(
                    squeezed(&c["feedback"]),
                    squeezed(&json!(q.feedback.get(&i)))
                );
            }
        }
    }
}

const BANK: &str = "// A small bank, as Moodle exports it.
$CATEGORY: $course$/top/Event sourcing/Basics

::append-only::[html]What does an event store <b>never</b> do to a stored event?{
\t~Append to it#Appending adds new events; it never touches old ones.
\t=Change or delete it#Right: events are immutable.
\t~Read it
\t####Stored events are facts\\: they happened.
}

::tf::Snapshots replace the event log.{F#No: a snapshot is a cache of the log.#Right: the log stays the truth.}

Grant is {~buried =entombed ~living} in Grant's tomb.

::short::Name the operation that adds an event.{=append =append()}

::num::How many events? {#3}

::match::Match.{=a -> b =c -> d}

This is a description with no answers.

$CATEGORY: $course$/top/CQRS

What does CQRS separate?{=Commands from queries ~Streams from snapshots ~Nothing}

::multi::Pick all.{~%50%A ~%50%B ~%-100%C}

::essay::Explain.{}
";

#[test]
fn a_bank_comes_in_as_files_that_check_with_every_left_out_question_listed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bank.gift"), BANK).unwrap();
    let catalog = import_and_check(
        dir.path(),
        "bank.gift",
        &[
            "created course/basics.toml (3 questions, topic `basics`)",
            "created course/cqrs.toml (2 questions, topic `cqrs`)",
            "left out 5 questions kata cannot represent:",
            "bank.gift:15: a short-answer question",
            "bank.gift:17: a numerical question",
            "bank.gift:19: a matching question",
            "bank.gift:21: a description",
            "bank.gift:29: an essay question",
        ],
    );
    // A multiple answer whose right answers share 100 % is choose-all.
    let multi = &catalog.topic("cqrs").unwrap().questions[1];
    assert_eq!(multi.options, ["A", "B", "C"]);
    assert_eq!(multi.choose_all, [0, 1]);
    let basics = catalog.topic("basics").unwrap();
    let q = &basics.questions[0];
    // HTML made plain; the right option's feedback and the general feedback are the steps.
    assert_eq!(
        q.prompt,
        "What does an event store never do to a stored event?"
    );
    assert_eq!(q.answer, 1);
    assert_eq!(
        q.feedback[&0],
        "Appending adds new events; it never touches old ones."
    );
    assert_eq!(
        q.steps,
        [
            "Right: events are immutable.",
            "Stored events are facts: they happened."
        ]
    );
    let tf = &basics.questions[1];
    assert_eq!(
        (tf.options.as_slice(), tf.answer, tf.shuffle),
        (&["True".to_string(), "False".to_string()][..], 1, false)
    );
    // Moodle: `{F#shown for the wrong answer#shown for the right one}`.
    assert_eq!(tf.feedback[&0], "No: a snapshot is a cache of the log.");
    assert_eq!(tf.steps, ["Right: the log stays the truth."]);
    assert_eq!(
        basics.questions[2].prompt,
        "Grant is _____ in Grant's tomb."
    );
    assert_eq!(catalog.topic("cqrs").unwrap().title, "CQRS");

    // A second import into the same folder refuses, and writes nothing.
    let again = kata(&["import", "bank.gift", "--dir", "course"], dir.path());
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("never overwrites"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn a_broken_or_hostile_bank_is_refused_at_its_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "open.gift",
            b"::a::Fine?{=yes ~no}\n\n::b::Unclosed {=yes ~no\n",
            "open.gift:3:15: the answers opened with `{` are not closed with `}`",
        ),
        (
            "name.gift",
            b"::a Fine?{=yes ~no}\n",
            "name.gift:1:1: the question name opened with `::` is not closed",
        ),
        (
            "escape.gift",
            b"::a::Fine?{=yes ~no}\n\n::b::Bold \x1b[1mnow{=yes ~no}\n",
            "escape.gift:3:11: the control character U+001B is not text",
        ),
        (
            "latin1.gift",
            b"::a::Caf\xe9?{=yes ~no}\n",
            "latin1.gift:1: error: the file is not UTF-8",
        ),
    ];
    for (name, bytes, expected) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let out = kata(&["import", name, "--dir", "course"], dir.path());
        assert_eq!(out.status.code(), Some(1), "{name}");
        let said = text(&out.stderr);
        assert!(said.contains(expected), "{name}: {said}");
        assert!(
            !said.contains('\x1b'),
            "{name}: an escape reached the terminal"
        );
        assert!(
            !dir.path().join("course").exists(),
            "{name}: something was written"
        );
    }
    // A question of 20,000 empty elements: refused at the question's line
    // (the stream keeps one question, and that one is capped).
    let swollen = format!(
        "<quiz>\n<question type=\"multichoice\">{}</question></quiz>",
        "<x/>".repeat(20_000)
    );
    let xml: [(&str, &str, &str); 6] = [
        (
            "swollen.xml",
            swollen.as_str(),
            "swollen.xml:2:1: this question holds over 10000 elements",
        ),
        (
            "bomb.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<quiz><question type=\"multichoice\"><questiontext><text>&b;</text></questiontext></question></quiz>",
            "bomb.xml:2:1: a document type declaration",
        ),
        (
            "open.xml",
            "<quiz>\n<question type=\"multichoice\">\n<name><text>a</text></name>\n</quiz>",
            "open.xml:4:1: not well-formed XML",
        ),
        (
            "other.xml",
            "<html><body/></html>",
            "other.xml:1:1: no <quiz> element",
        ),
        (
            "escape.xml",
            "<quiz>\n<question type=\"multichoice\"><questiontext><text>Bold \u{1b}[1m</text></questiontext></question></quiz>",
            "escape.xml:2:",
        ),
        (
            "entity.xml",
            "<quiz><question type=\"multichoice\"><questiontext><text>&nope;</text></questiontext></question></quiz>",
            "entity.xml:1:1: bad text",
        ),
    ];
    for (name, body, expected) in xml {
        std::fs::write(dir.path().join(name), body).unwrap();
        let out = kata(&["import", name, "--dir", "course"], dir.path());
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out.stdout));
        let said = text(&out.stderr);
        assert!(said.contains(expected), "{name}: {said}");
        assert!(
            !said.contains('\x1b'),
            "{name}: an escape reached the terminal"
        );
        assert!(
            !dir.path().join("course").exists(),
            "{name}: something was written"
        );
    }
    std::fs::write(dir.path().join("bank.csv"), "a,b").unwrap();
    let out = kata(&["import", "bank.csv", "--dir", "course"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Projections</text></category></question>
  <question type="multichoice">
    <name><text>rebuild</text></name>
    <questiontext format="html"><text><![CDATA[<p>How is a read model <b>rebuilt</b>?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>The log is the source of truth.</text></generalfeedback>
    <single>true</single>
    <answer fraction="100"><text>Replay the log from the start</text></answer>
    <answer fraction="0"><text>Copy another read model</text><feedback><text>It may be wrong too.</text></feedback></answer>
    <hint format="html"><text>Where does every read model come from?</text></hint>
  </question>
  <question type="truefalse">
    <name><text>eventual</text></name>
    <questiontext format="html"><text>Read models are always up to date.</text></questiontext>
    <answer fraction="0"><text>true</text><feedback><text>They lag behind the log.</text></feedback></answer>
    <answer fraction="100"><text>false</text><feedback><text>Right: they catch up.</text></feedback></answer>
  </question>
  <question type="ddwtos">
    <name><text>checkpoint</text></name>
    <questiontext format="html"><text>&lt;p&gt;Save the position.&lt;/p&gt;&lt;pre&gt;checkpoint = event.[[1]]
store.[[2]](checkpoint)&lt;/pre&gt;</text></questiontext>
    <dragbox><text>position</text><group>1</group></dragbox>
    <dragbox><text>save</text><group>1</group></dragbox>
    <dragbox><text>type</text><group>1</group></dragbox>
  </question>
  <question type="gapselect">
    <name><text>lag</text></name>
    <questiontext format="html"><text>A read model is [[1]] consistent.</text></questiontext>
    <selectoption><text>eventually</text><group>1</group></selectoption>
    <selectoption><text>strongly</text><group>1</group></selectoption>
  </question>
  <question type="shortanswer"><name><text>s</text></name></question>
  <question type="multichoice">
    <name><text>many</text></name>
    <questiontext><text>Pick all.</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>A</text></answer>
    <answer fraction="50"><text>B</text></answer>
  </question>
  <question type="multichoice">
    <name><text>both</text></name>
    <questiontext><text>Which are events?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>OrderPlaced</text></answer>
    <answer fraction="-50"><text>PlaceOrder</text><feedback><text>A command, not an event.</text></feedback></answer>
    <answer fraction="50"><text>OrderShipped</text></answer>
  </question>
</quiz>
"#;

#[test]
fn a_moodle_xml_bank_comes_in_with_exercises_hints_and_every_left_out_question_listed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bank.xml"), XML).unwrap();
    let catalog = import_and_check(
        dir.path(),
        "bank.xml",
        &[
            "created course/projections.toml (3 questions, 2 exercises, topic `projections`)",
            "left out 2 questions kata cannot represent:",
            "bank.xml:33: a short-answer question",
            // Every answer right: nothing to tell apart.
            "bank.xml:34: a multiple answer kata cannot hold",
        ],
    );
    assert!(
        !catalog.problems.iter().any(|d| d.is_error()),
        "{:#?}",
        catalog.problems
    );
    let t = catalog.topic("projections").unwrap();
    let q = &t.questions[0];
    assert_eq!(q.prompt, "How is a read model rebuilt?");
    assert_eq!(q.hint, "Where does every read model come from?");
    assert_eq!(q.feedback[&1], "It may be wrong too.");
    assert_eq!(q.steps, ["The log is the source of truth."]);
    let tf = &t.questions[1];
    assert_eq!((tf.answer, tf.shuffle), (1, false));
    assert_eq!(tf.feedback[&0], "They lag behind the log.");
    assert_eq!(tf.steps, ["Right: they catch up."]);
    let both = &t.questions[2];
    assert_eq!(both.choose_all, [0, 2], "a multiple answer of equal shares");
    assert_eq!(both.feedback[&1], "A command, not an event.");
    let e = &t.exercises[0];
    assert_eq!(e.prompt, "Save the position.");
    assert_eq!(e.answer, [0, 1]);
    assert_eq!(
        e.fill(&[Some(0), Some(1)], |_, o| o.to_string()),
        "checkpoint = event.position\nstore.save(checkpoint)"
    );
    let g = &t.exercises[1];
    assert_eq!(
        g.fill(&[Some(0)], |_, o| o.to_string()),
        "A read model is eventually consistent."
    );
}

#[test]
fn export_content_writes_the_bank_and_names_what_gift_cannot_hold() {
    let dir = tempfile::tempdir().unwrap();
    let out = kata(
        &[
            "export-content",
            "--format",
            "gift",
            "--topic",
            "event-store",
            "--out",
            "es.gift",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(
        said.contains("left out event-store/filter-orders: a fill-in exercise"),
        "{said}"
    );
    assert!(
        said.contains("left out event-store/rebuild-user: a kata"),
        "{said}"
    );
    // And the bank comes back in as a topic kata checks clean.
    let back = kata(&["import", "es.gift", "--dir", "course"], dir.path());
    assert_eq!(back.status.code(), Some(0), "{}", text(&back.stderr));
    let checked = kata(&["check", "course"], dir.path());
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    let unknown = kata(&["export-content", "--topic", "nope"], dir.path());
    assert_eq!(unknown.status.code(), Some(2));
}

/// Found in review: each of these read wrongly or panicked.
#[test]
fn gift_reads_the_cases_moodle_reads_and_never_panics_on_an_escape_before_non_ascii() {
    // A backslash before a multi-byte character (it panicked).
    for text in ["Q\\é {T}", "::\\é::Q{T}", "C\\:\\Ünicode {T}"] {
        let bank = gift::read(text, "x").unwrap();
        assert_eq!(bank.topics[0].questions.len(), 1, "{text}");
    }
    // Moodle keeps a backslash it does not know as text.
    let bank = gift::read("What does \\d match? {=a digit ~d}", "x").unwrap();
    assert_eq!(bank.topics[0].questions[0].prompt, "What does \\d match?");
    // `->` in an option of a multiple choice, and `%s` as an option.
    let bank = gift::read(
        "Q {=Command -> Event ~Event -> Command}\n\nR {=%s ~%d}",
        "x",
    )
    .unwrap();
    assert!(bank.left_out.is_empty(), "{:?}", bank.left_out);
    assert_eq!(bank.topics[0].questions[0].options[0], "Command -> Event");
    assert_eq!(bank.topics[0].questions[1].options, ["%s", "%d"]);
    // Weighted answers are still a multiple-answer question.
    let bank = gift::read("Q {~%50%A ~%-33.3%B ~C}", "x").unwrap();
    assert_eq!(bank.left_out.len(), 1);
    // Categories with one slug stay apart.
    let bank = gift::read(
        "$CATEGORY: C\n\nq{T}\n\n$CATEGORY: C++\n\nr{T}\n\n$CATEGORY: C\n\ns{F}",
        "x",
    )
    .unwrap();
    let topics: Vec<(&str, &str, usize)> = bank
        .topics
        .iter()
        .map(|t| (t.id.as_str(), t.title.as_str(), t.questions.len()))
        .collect();
    assert_eq!(topics, [("c", "C", 2), ("c-2", "C++", 1)]);
    // 20,000 questions of one name get ids in one pass (it was quadratic).
    let bank = gift::read(&"::a::x{T}\n\n".repeat(20_000), "x").unwrap();
    let ids = &bank.topics[0].questions;
    assert_eq!(
        (ids[0].id.as_str(), ids[19_999].id.as_str()),
        ("a", "a-20000")
    );
}

#[test]
fn moodle_xml_reads_gaps_as_moodle_does_and_refuses_a_decoded_escape() {
    let ddwtos = |text: &str| {
        format!(
            "<quiz><question type=\"ddwtos\"><name><text>e</text></name><questiontext format=\"html\"><text>{}</text></questiontext><dragbox><text>i</text></dragbox><dragbox><text>j</text></dragbox></question></quiz>",
            text
        )
    };
    // `arr[[[1]]]`: `arr[`, gap 1, `]`.
    let bank = moodle_xml::read(&ddwtos("&lt;pre&gt;arr[[[1]]] = x&lt;/pre&gt;"), "x").unwrap();
    assert_eq!(bank.topics[0].exercises[0].code, "arr[{{1}}] = x");
    // A Go template's `{{.ID}}` is text, not a kata blank.
    let bank = moodle_xml::read(&ddwtos("docker ps --format '{{.ID}}' [[2]]"), "x").unwrap();
    assert_eq!(
        bank.topics[0].exercises[0].code,
        "docker ps --format '{{.ID}}' {{1}}"
    );
    assert_eq!(bank.topics[0].exercises[0].answer, [1]);
    // Many `[[` with no gap are read in one pass.
    let many = format!("{} [[1]]", "[[".repeat(100_000));
    assert_eq!(
        moodle_xml::read(&ddwtos(&many), "x").unwrap().topics[0].exercises[0].answer,
        [0]
    );
    // `&#27;` decodes to ESC: refused at its line.
    let e = moodle_xml::read("<quiz>\n<question type=\"multichoice\"><questiontext><text>&#27;[2J</text></questiontext></question></quiz>", "x").unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.contains("U+001B"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the bytes, both readers answer (a bank or an error), never panic.
    #[test]
    fn the_readers_never_panic(text in "[\\\\{}~=#:%\\[\\]<>&;/a-zé€\\-> \n\t]{0,120}") {
        let _ = gift::read(&text, "x");
        let _ = moodle_xml::read(&format!("<quiz><question type=\"ddwtos\"><questiontext><text>{text}</text></questiontext></question></quiz>"), "x");
        let _ = moodle_xml::read(&text, "x");
    }
}

#[test]
fn the_readers_follow_moodle_on_category_slashes_the_last_general_feedback_and_text_after_code() {
    // `//` is a `/` inside a category name, and kata writes it so.
    let bank = gift::read(
        "$CATEGORY: $course$/top/TCP//IP\n\n::a::Which layer?{=transport ~link}\n",
        "f",
    )
    .unwrap();
    assert_eq!(bank.topics[0].title, "TCP/IP");
    let catalog = kata::replay::predict::load(&[]);
    let mut topic = catalog.topic("event-store").unwrap().clone();
    topic.title = "Events / streams".into();
    assert!(
        gift::write(&topic)
            .text
            .contains("$CATEGORY: $course$/top/Events // streams\n")
    );
    let back = moodle_xml::read(&moodle_xml::write(&topic).text, "x").unwrap();
    assert_eq!(back.topics[0].title, "Events / streams");

    // Moodle takes the last `####` as the start of the general feedback.
    let bank = gift::read("::a::Pick {=yes ~no ####first ####last}\n", "f").unwrap();
    assert_eq!(bank.topics[0].questions[0].steps, ["last"]);

    // Text after the code of a ddwtos question is part of its prompt.
    let xml = r#"<quiz><question type="ddwtos"><name><text>d</text></name>
<questiontext format="html"><text>&lt;p&gt;Fill it.&lt;/p&gt;&lt;pre&gt;store.[[1]](e)&lt;/pre&gt;&lt;p&gt;Then run it.&lt;/p&gt;</text></questiontext>
<dragbox><text>append</text><group>1</group></dragbox><dragbox><text>insert</text><group>1</group></dragbox>
</question></quiz>"#;
    let bank = moodle_xml::read(xml, "f").unwrap();
    assert_eq!(
        bank.topics[0].exercises[0].prompt,
        "Fill it.\n\nThen run it."
    );
}

#[test]
fn code_that_moodle_would_read_as_a_gap_is_left_out_and_a_file_name_stays_in_its_comment() {
    let mut sources = Sources::default();
    sources.files.push(SourceFile::new(
        "r.toml",
        br#"[topic]
id = "r-lists"
title = "R lists"

[[exercise]]
id = "first"
difficulty = "easy"
prompt = "Take the first element."
code = "x[[1]] + {{1}}"
options = ["1", "2"]
answer = ["A"]
hint = "One."
mistakes = ["Two."]
"#
        .to_vec(),
    ));
    let catalog = sources.load();
    assert!(!catalog.has_errors(), "{:?}", catalog.problems);
    let written = moodle_xml::write(catalog.topic("r-lists").unwrap());
    assert!(!written.text.contains("ddwtos"), "{}", written.text);
    assert_eq!(written.left_out.len(), 1);
    assert!(written.left_out[0].1.contains("`[[n]]`"));

    let bank = gift::read("::a::Which?{=yes ~no}\n", "f").unwrap();
    let toml = bank.topics[0].to_toml("bank\n[topic]\nid = \"x\".gift");
    assert!(
        toml.starts_with("# Brought in by `kata import` from bank?[topic]?id = \"x\".gift.\n"),
        "{toml}"
    );
}
