//! `kata new topic ID` as an instructor runs it: the files it writes check
//! clean, validate against `kata schema`, and can be taken at once.

use std::path::Path;
use std::process::{Command, Output};

mod common;

fn kata_in(dir: &Path, args: &[&str], input: &str) -> Output {
    common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .args(args)
            .current_dir(dir)
            // The tries `plain` records go to the temporary folder, never the real journal.
            .env("KATA_HOME", dir),
        input,
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn a_new_topic_checks_clean_validates_and_can_be_taken() {
    let dir = tempfile::tempdir().unwrap();
    let made = kata_in(
        dir.path(),
        &["new", "topic", "sagas", "--dir", "course"],
        "",
    );
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let course = dir.path().join("course");
    let exercises = std::fs::read_to_string(course.join("exercises/sagas.toml")).unwrap();
    let quiz = std::fs::read_to_string(course.join("quizzes/sagas.toml")).unwrap();
    for file in [&exercises, &quiz] {
        assert!(file.starts_with("#:schema ../kata.schema.json\n"));
    }

    let checked = kata_in(dir.path(), &["check", "--deny-warnings", "course"], "");
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));

    // The schema file the `#:schema` lines point at is `kata schema`'s output,
    // and both files validate against it.
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(course.join("kata.schema.json")).unwrap())
            .unwrap();
    let printed: serde_json::Value =
        serde_json::from_slice(&kata_in(dir.path(), &["schema"], "").stdout).unwrap();
    assert_eq!(written, printed);
    let validator = jsonschema::validator_for(&written).unwrap();
    for file in [&exercises, &quiz] {
        let json: serde_json::Value = toml::from_str(file).unwrap();
        assert!(validator.is_valid(&json), "{file}");
    }

    // Options are shuffled: answer with the letters seed 0 shows.
    let catalog = kata::replay::predict::load(std::slice::from_ref(&course));
    let topic = catalog.topic("sagas").expect("the new topic loads");
    // Every item right, in the session's order: a line of letters each.
    let letters = |mode| -> String {
        let session = kata::practice::start(topic, mode, 0);
        session
            .items()
            .iter()
            .filter(|item| !item.answer().is_empty())
            .map(|item| {
                let letters: Vec<String> = (item.answer().iter())
                    .map(|&a| kata::content::letter(a).to_string())
                    .collect();
                letters.join(" ") + "\n"
            })
            .collect()
    };
    let taken = kata_in(
        dir.path(),
        &[
            "--content",
            "course",
            "plain",
            "--topic",
            "sagas",
            "--seed",
            "0",
        ],
        // The exercise, then the scaffold's kata, written as its solution says.
        &format!(
            "{}{}\n.\n",
            letters(kata::practice::Mode::Practice),
            topic.katas[0].solution
        ),
    );
    let shown = text(&taken.stdout);
    assert!(shown.contains("keep-even-numbers"), "{shown}");
    // The exercise (easy, 1), the ordering (easy, 1) and the kata (easy, 1).
    assert!(shown.contains("score: 3/3 (100%)"), "{shown}");
    let quizzed = kata_in(
        dir.path(),
        &[
            "--content",
            "course",
            "plain",
            "--topic",
            "sagas",
            "--mode",
            "quiz",
            "--seed",
            "0",
        ],
        &letters(kata::practice::Mode::Quiz),
    );
    // The scaffold's questions: medium (2), choose-all easy (1) and the
    // prediction, easy (1), its answer computed by replaying the scenario.
    assert!(
        text(&quizzed.stdout).contains("score: 4/4 (100%)"),
        "{}",
        text(&quizzed.stdout)
    );
}

#[test]
fn kata_new_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("quizzes")).unwrap();
    std::fs::write(dir.path().join("quizzes/sagas.toml"), "mine").unwrap();
    let refused = kata_in(dir.path(), &["new", "topic", "sagas"], "");
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("already exists"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("quizzes/sagas.toml")).unwrap(),
        "mine"
    );
    // Nothing was half-made.
    assert!(!dir.path().join("exercises/sagas.toml").exists());
}

#[test]
fn kata_new_refuses_a_bad_id_as_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for id in ["Sagas", "my topic", "", "ü"] {
        let refused = kata_in(dir.path(), &["new", "topic", id], "");
        assert_eq!(refused.status.code(), Some(2), "{id:?}");
        assert!(text(&refused.stderr).contains("a-z, 0-9 and -"), "{id:?}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_new_file_for_an_existing_topic_joins_it() {
    // `event-store` is bundled: the new files take its title, so they add to
    // the topic instead of clashing with it.
    let dir = tempfile::tempdir().unwrap();
    let made = kata_in(dir.path(), &["new", "topic", "event-store"], "");
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let checked = kata_in(dir.path(), &["check", "."], "");
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
}

#[test]
fn the_tutorial_in_authoring_md_shows_what_kata_prints() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("AUTHORING.md"))
        .unwrap();
    let start = doc
        .find("kata check .\n```\n\n```text\n")
        .expect("the tutorial's check step")
        + "kata check .\n```\n\n```text\n".len();
    let shown = &doc[start..start + doc[start..].find("```").unwrap()];

    let dir = tempfile::tempdir().unwrap();
    kata_in(dir.path(), &["new", "topic", "sagas"], "");
    let quiz = dir.path().join("quizzes/sagas.toml");
    let written = std::fs::read_to_string(&quiz).unwrap();
    std::fs::write(
        &quiz,
        written.replacen("answer = \"A\"", "answer = \"E\"", 1),
    )
    .unwrap();
    let checked = kata_in(dir.path(), &["check", "."], "");
    assert_eq!(checked.status.code(), Some(1));
    assert_eq!(text(&checked.stdout), shown);
}
