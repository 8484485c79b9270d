//! Where the TUI gets its catalog: the one place to switch to `content::load`.
//!
//! TEMPORARY: the content loader is being built on another branch. Until it is
//! merged this reads the two bundled files with a minimal serde mapping (no
//! checks, no `--content` folders), so the TUI can run on the real topic. When
//! the loader lands, `load` becomes `crate::content::load(extra)` and the rest
//! of this file goes.

use crate::content::{Catalog, CodePiece, Difficulty, Exercise, Question, Topic};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The bundled topics plus those in `extra` folders.
pub fn load(extra: &[PathBuf]) -> Catalog {
    let _ = extra; // folders need the real loader
    let mut topic = Topic::default();
    let mut problems = Vec::new();
    for (path, text) in [
        (
            "bundled:exercises/event-store.toml",
            include_str!("../../exercises/event-store.toml"),
        ),
        (
            "bundled:quizzes/event-store.toml",
            include_str!("../../quizzes/event-store.toml"),
        ),
    ] {
        match toml::from_str::<RawFile>(text) {
            Ok(file) => merge(&mut topic, file),
            Err(e) => problems.push(crate::content::Diagnostic::error(
                "K000",
                path,
                e.to_string(),
            )),
        }
    }
    Catalog {
        topics: if topic.id.is_empty() {
            Vec::new()
        } else {
            vec![topic]
        },
        problems,
    }
}

#[derive(Deserialize)]
struct RawFile {
    topic: RawTopic,
    #[serde(default)]
    question: Vec<RawQuestion>,
    #[serde(default)]
    exercise: Vec<RawExercise>,
}

#[derive(Deserialize)]
struct RawTopic {
    id: String,
    title: String,
    area: Option<String>,
    minutes: Option<u32>,
}

#[derive(Deserialize)]
struct RawQuestion {
    id: String,
    difficulty: String,
    prompt: String,
    options: Vec<String>,
    answer: String,
    #[serde(default)]
    steps: Vec<String>,
    quick_check: Option<String>,
    hint: String,
    #[serde(default)]
    mistakes: Vec<String>,
    #[serde(default)]
    feedback: BTreeMap<String, String>,
    replay: Option<String>,
}

#[derive(Deserialize)]
struct RawExercise {
    id: String,
    difficulty: String,
    prompt: String,
    lang: Option<String>,
    code: String,
    options: Vec<String>,
    answer: Vec<String>,
    attempts: Option<u8>,
    hint: String,
    #[serde(default)]
    mistakes: Vec<String>,
    #[serde(default)]
    steps: Vec<String>,
    #[serde(default)]
    feedback: BTreeMap<String, String>,
    replay: Option<String>,
}

fn letter_index(s: &str) -> usize {
    s.chars()
        .next()
        .and_then(crate::content::index_of_letter)
        .unwrap_or(0)
}

fn feedback(raw: BTreeMap<String, String>) -> BTreeMap<usize, String> {
    raw.into_iter().map(|(k, v)| (letter_index(&k), v)).collect()
}

fn code_pieces(code: &str) -> Vec<CodePiece> {
    let mut pieces = Vec::new();
    let mut rest = code;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        if start > 0 {
            pieces.push(CodePiece::Text(rest[..start].to_string()));
        }
        let n: usize = rest[start + 2..start + len].trim().parse().unwrap_or(1);
        pieces.push(CodePiece::Blank(n.saturating_sub(1)));
        rest = &rest[start + len + 2..];
    }
    if !rest.is_empty() {
        pieces.push(CodePiece::Text(rest.to_string()));
    }
    pieces
}

fn merge(topic: &mut Topic, file: RawFile) {
    topic.id = file.topic.id;
    topic.title = file.topic.title;
    topic.area = file.topic.area;
    topic.minutes = file.topic.minutes;
    for q in file.question {
        topic.questions.push(Question {
            id: q.id,
            difficulty: q.difficulty.parse().unwrap_or(Difficulty::Easy),
            prompt: q.prompt,
            options: q.options,
            answer: letter_index(&q.answer),
            steps: q.steps,
            quick_check: q.quick_check,
            hint: q.hint,
            mistakes: q.mistakes,
            feedback: feedback(q.feedback),
            replay: q.replay,
            origin: Default::default(),
        });
    }
    for e in file.exercise {
        topic.exercises.push(Exercise {
            id: e.id,
            difficulty: e.difficulty.parse().unwrap_or(Difficulty::Easy),
            prompt: e.prompt,
            lang: e.lang,
            code: code_pieces(&e.code),
            options: e.options,
            answer: e.answer.iter().map(|a| letter_index(a)).collect(),
            attempts: e.attempts.unwrap_or(3),
            hint: e.hint,
            mistakes: e.mistakes,
            steps: e.steps,
            feedback: feedback(e.feedback),
            replay: e.replay,
            origin: Default::default(),
        });
    }
}
