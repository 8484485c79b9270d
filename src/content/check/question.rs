//! `[[question]]`: a multiple-choice question with one correct option, or
//! a choose-all question with several (`answer = ["A", "C"]`).

use super::fields::Fields;
use super::item::{self, EXERCISE_KEYS, Id, QUESTION_KEYS};
use super::{Cx, Span};
use crate::content::rules::CHOOSE_ALL_ANSWER;
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
    let answers = read_answers(cx, &fields, options.as_ref().map(Vec::len));
    let feedback = item::read_feedback(cx, &fields, options.as_ref().map(Vec::len), &answers);
    let hint = item::read_hint(cx, &fields);
    let question = Question {
        id: id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        difficulty,
        prompt: prompt.map(|t| t.value.to_string()).unwrap_or_default(),
        options: options.unwrap_or_default(),
        answer: answers.first().copied().unwrap_or_default(),
        choose_all: if answers.len() > 1 {
            answers.clone()
        } else {
            Vec::new()
        },
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
            answers: &question.answers(),
            hint: &question.hint,
            prompt: &question.prompt,
            shuffle: question.shuffle,
            is_question: true,
        },
    );
    (question, id)
}

/// `answer = "B"`, or `answer = ["A", "C"]` for a choose-all question: each
/// a letter of an option, none twice; returned in option order.
fn read_answers(cx: &mut Cx, fields: &Fields, options: Option<usize>) -> Vec<usize> {
    let Some(value) = fields.get("answer") else {
        // Reported as missing at the header.
        let _ = fields.string(cx, "answer", true);
        return Vec::new();
    };
    if matches!(value.get_ref(), toml::de::DeValue::String(_)) {
        return fields
            .string(cx, "answer", true)
            .and_then(|text| item::read_letter(cx, &text, options))
            .into_iter()
            .collect();
    }
    let Some((letters, span)) = fields.texts(cx, "answer", true) else {
        return Vec::new();
    };
    if letters.is_empty() {
        cx.report(
            CHOOSE_ALL_ANSWER,
            span,
            "`answer = []` names no option",
        )
        .help = Some(
            "give the letter of the correct option, `answer = \"A\"`, or every correct one of a choose-all question, `answer = [\"A\", \"C\"]`"
                .into(),
        );
        return Vec::new();
    }
    let mut answers: Vec<usize> = Vec::new();
    let mut first_of: Vec<(usize, Span)> = Vec::new();
    for text in &letters {
        let Some(index) = item::read_letter(cx, text, options) else {
            continue;
        };
        if let Some((_, first)) = first_of.iter().find(|(i, _)| *i == index) {
            let related = cx.locate(first.clone()).related("first named here");
            let d = cx.report(
                CHOOSE_ALL_ANSWER,
                text.span.clone(),
                format!("`{}` is named twice in `answer`", text.value),
            );
            d.help = Some("name each correct option once".into());
            d.related.push(related);
            continue;
        }
        first_of.push((index, text.span.clone()));
        answers.push(index);
    }
    answers.sort_unstable();
    if options.is_some_and(|n| answers.len() == n && n > 0) {
        cx.report(
            CHOOSE_ALL_ANSWER,
            span,
            "every option is correct: picking all of them, without reading the question, is the answer",
        )
        .help = Some("add options that are wrong, the mistakes a learner might make".into());
    }
    answers
}
