//! `kata schema` against real files: everything kata accepts validates, and
//! the usual slips are flagged the way an editor would flag them.

use kata::content::{ContentFile, Sources};
use serde_json::Value;
use std::process::Command;

fn schema_from_the_binary() -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_kata"))
        .arg("schema")
        .output()
        .expect("kata runs");
    assert_eq!(output.status.code(), Some(0));
    serde_json::from_slice(&output.stdout).expect("kata schema prints JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema_from_the_binary()).expect("a valid JSON Schema")
}

/// A TOML file as the JSON document an editor validates.
fn as_json(text: &str) -> Value {
    toml::from_str(text).expect("valid TOML")
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, name: &str, text: &str) {
    let errors: Vec<String> = validator
        .iter_errors(&as_json(text))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
}

#[test]
fn the_schema_is_draft_07_with_a_title() {
    let schema = schema_from_the_binary();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["title"], "kata content file");
}

#[test]
fn every_bundled_file_validates_and_deserializes_into_the_shape_types() {
    let validator = validator();
    let files = Sources::bundled().files;
    assert!(!files.is_empty());
    for file in files {
        let text = std::str::from_utf8(&file.bytes).unwrap();
        assert_valid(&validator, &file.path, text);
        let shape: ContentFile =
            toml::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", file.path));
        assert!(
            !shape.question.is_empty()
                || !shape.exercise.is_empty()
                || !shape.scenario.is_empty()
                || !shape.kata.is_empty()
                || !shape.card.is_empty()
                || !shape.note.is_empty(),
            "{}",
            file.path
        );
    }
}

#[test]
fn the_good_fixtures_validate() {
    let validator = validator();
    for name in ["exercises/fixture.toml", "quizzes/fixture.toml"] {
        let path = format!(
            "{}/tests/fixtures/check/good/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        assert_valid(&validator, name, &std::fs::read_to_string(path).unwrap());
    }
}

#[test]
fn the_usual_slips_are_flagged_where_they_are() {
    let validator = validator();
    let good = r#"
        [topic]
        id = "t"
        title = "T"
        [[question]]
        id = "q"
        difficulty = "easy"
        prompt = "Why?"
        options = ["One", "Two"]
        answer = "A"
        hint = "Think"
        mistakes = []
    "#;
    assert_valid(&validator, "good", good);
    for (slip, from, to, pointer) in [
        ("a misspelt key", "prompt =", "promt =", "/question/0"),
        (
            "a lower-case answer",
            "answer = \"A\"",
            "answer = \"a\"",
            "/question/0/answer",
        ),
        (
            "a bad difficulty",
            "\"easy\"",
            "\"tough\"",
            "/question/0/difficulty",
        ),
        (
            "one option",
            "[\"One\", \"Two\"]",
            "[\"One\"]",
            "/question/0/options",
        ),
        ("a bad id", "id = \"q\"", "id = \"Q 1\"", "/question/0/id"),
        ("a blank hint", "\"Think\"", "\"  \"", "/question/0/hint"),
        ("an unknown table", "[[question]]", "[[questions]]", ""),
    ] {
        let text = good.replacen(from, to, 1);
        let errors: Vec<String> = validator
            .iter_errors(&as_json(&text))
            .map(|e| e.instance_path().to_string())
            .collect();
        assert!(errors.iter().any(|p| p == pointer), "{slip}: {errors:?}");
    }
}

#[test]
fn a_new_topic_validates_against_the_schema() {
    let validator = validator();
    let new = kata::content::TopicTemplate::new("sagas", "Sagas");
    assert_valid(&validator, "exercises", &new.exercises);
    assert_valid(&validator, "quiz", &new.quiz);
}
