//! `[[question]]`: a multiple-choice question with one correct option.

use super::fields::Fields;
use super::item::{self, EXERCISE_KEYS, Id, QUESTION_KEYS};
use super::{Cx, Span};
use crate::content::{Origin, Question};
use toml::de::DeTable;

/// Read and check one question; the id is returned with its place for the
/// duplicate checks.
/// `shuffle` is the file's default (`[topic] shuffle`) unless the question sets its own.
pub(super) fn read(
    cx: &mut Cx,
    table: &DeTable,
    header: Span,
    shuffle: bool,
) -> (Question, Option<Id>) {
    let fields = Fields::new(
        cx,
        table,
        header.clone(),
        "[[question]]",
        QUESTION_KEYS,
        &[("[[exercise]]", EXERCISE_KEYS)],
    );
    let id = item::read_id(cx, &fields);
    let difficulty = item::read_difficulty(cx, &fields);
    let prompt = fields.text(cx, "prompt", true);
    let options = item::read_options(cx, &fields);
    let answer = fields
        .string(cx, "answer", true)
        .and_then(|text| item::read_letter(cx, &text, options.as_ref().map(Vec::len)));
    let feedback = item::read_feedback(
        cx,
        &fields,
        options.as_ref().map(Vec::len),
        answer.as_slice(),
    );
    let hint = item::read_hint(cx, &fields);
    let question = Question {
        id: id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        difficulty,
        prompt: prompt.map(|t| t.value.to_string()).unwrap_or_default(),
        options: options.unwrap_or_default(),
        answer: answer.unwrap_or_default(),
        steps: item::read_list(cx, &fields, "steps", false),
        quick_check: fields
            .text(cx, "quick_check", false)
            .map(|t| t.value.to_string()),
        hint,
        mistakes: item::read_list(cx, &fields, "mistakes", true),
        feedback,
        replay: item::read_replay(cx, &fields),
        shuffle: fields.boolean(cx, "shuffle").unwrap_or(shuffle),
        origin: Origin {
            path: cx.path.to_string(),
            line: cx.lines.place(header.start).line,
        },
    };
    super::guess::check_item(
        cx,
        &fields,
        &super::guess::Item {
            options: &question.options,
            answers: &[question.answer],
            hint: &question.hint,
            prompt: &question.prompt,
            shuffle: question.shuffle,
            is_question: true,
        },
    );
    (question, id)
}
