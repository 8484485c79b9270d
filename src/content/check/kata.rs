//! `[[kata]]`: the learner writes the code; its tests decide when it works.
//! The checks here read the table alone; whether the solution passes and the
//! starter fails is found by running them (`kata check`, through the sandbox).

use super::fields::Fields;
use super::item::{self, EXERCISE_KEYS, Id, KATA_KEYS, QUESTION_KEYS};
use super::{Cx, Span};
use crate::content::rules::{KATA_LANG, KATA_NO_TESTS, KATA_STARTER_IS_SOLUTION};
use crate::content::{Kata, Origin};
use toml::de::DeTable;

/// Read and check one kata; the id is returned with its place for the
/// duplicate checks.
pub(super) fn read(cx: &mut Cx, table: &DeTable, header: Span) -> (Kata, Option<Id>) {
    let fields = Fields::new(
        cx,
        table,
        header.clone(),
        "[[kata]]",
        KATA_KEYS,
        &[
            ("[[exercise]]", EXERCISE_KEYS),
            ("[[question]]", QUESTION_KEYS),
        ],
    );
    let id = item::read_id(cx, &fields);
    let difficulty = item::read_difficulty(cx, &fields);
    let prompt = fields.text(cx, "prompt", true);
    let lang = read_lang(cx, &fields);
    // Setup and starter may be empty: a kata can start from a blank page.
    let setup = fields.string(cx, "setup", false);
    let starter = fields.string(cx, "starter", true);
    let solution = fields.text(cx, "solution", true);
    let tests = read_tests(cx, &fields);
    if let (Some(starter), Some(solution)) = (&starter, &solution)
        && starter.value.trim() == solution.value.trim()
    {
        cx.report(
            KATA_STARTER_IS_SOLUTION,
            starter.span.clone(),
            "`starter` is the same code as `solution`: the learner starts with the answer",
        )
        .help = Some(
            "give the outline to complete (a signature and `pass`), not the finished code".into(),
        );
    }
    let places = super::run::kata_places(cx, &fields, &header);
    let kata = Kata {
        places,
        id: id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        difficulty,
        prompt: prompt.map(|t| t.value.to_string()).unwrap_or_default(),
        lang,
        setup: setup.map(|t| t.value.to_string()).unwrap_or_default(),
        starter: starter.map(|t| t.value.to_string()).unwrap_or_default(),
        solution: solution.map(|t| t.value.to_string()).unwrap_or_default(),
        tests,
        hint: item::read_hint(cx, &fields),
        steps: item::read_list(cx, &fields, "steps", false),
        replay: item::read_replay(cx, &fields),
        origin: Origin {
            path: cx.path.to_string(),
            line: cx.lines.place(header.start).line,
        },
    };
    (kata, id)
}

/// `lang`: optional, and `python` when given (the only language that runs).
fn read_lang(cx: &mut Cx, fields: &Fields) -> String {
    if let Some(text) = fields.text(cx, "lang", false)
        && text.value != crate::content::KATA_LANG
    {
        let help = if text.value.trim().eq_ignore_ascii_case("python") {
            "write it in lower case: `lang = \"python\"`".to_string()
        } else {
            "katas run in kata's Python sandbox: write `lang = \"python\"` or leave `lang` out"
                .to_string()
        };
        cx.report(
            KATA_LANG,
            text.span,
            format!("kata `lang` is `{}`; only `python` runs", text.value),
        )
        .help = Some(help);
    }
    crate::content::KATA_LANG.to_string()
}

/// `tests`: each a snippet run after the code; none is worth a warning.
fn read_tests(cx: &mut Cx, fields: &Fields) -> Vec<String> {
    match fields.texts(cx, "tests", false) {
        Some((texts, span)) => {
            if texts.is_empty() {
                cx.report(
                    KATA_NO_TESTS,
                    span,
                    "`tests` is empty: any code solves this kata",
                )
                .help = Some(
                    "add an assert per behaviour: `tests = ['''assert rebuild([]) is None''']`"
                        .into(),
                );
            }
            texts.iter().map(|t| t.value.to_string()).collect()
        }
        None => {
            if fields.get("tests").is_none() {
                cx.report(
                    KATA_NO_TESTS,
                    fields.header(),
                    "[[kata]] has no `tests`: any code solves it",
                )
                .help =
                    Some("add `tests = [...]`, one assert per behaviour the code must have".into());
            }
            Vec::new()
        }
    }
}
