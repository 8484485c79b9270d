//! A typed exercise (`typed = true`): the learner types each blank, and
//! `accept` lists the texts that are right in it. What this checks: one
//! list per blank, each text on one line and no two alike in a list (by
//! [`typed_form`]), no `options`/`answer`/`effect` beside it, and feedback
//! keyed by a wrong text, never by one every blank accepts.

use super::fields::{Fields, as_string, not_blank, wrong_type};
use super::{Cx, Span};
use crate::content::rules::{FEEDBACK_ON_ANSWER, TYPED_ACCEPT, TYPED_WITH_OPTIONS};
use crate::content::typed_form;
use std::collections::BTreeMap;
use toml::de::DeValue;

/// What a typed exercise holds besides its code.
#[derive(Debug, Default)]
pub(super) struct Typed {
    pub accept: Vec<Vec<String>>,
    pub feedback: BTreeMap<String, String>,
}

/// Read `accept` and `feedback` of a typed exercise with `blanks` blanks
/// (`None` when the code's numbering is broken, so no count is checked).
pub(super) fn read(cx: &mut Cx, fields: &Fields, blanks: Option<usize>) -> Typed {
    refuse_options(cx, fields);
    let accept = read_accept(cx, fields, blanks);
    let feedback = read_feedback(cx, fields, &accept);
    Typed { accept, feedback }
}

/// `options`, `answer` and `effect` belong to an exercise chosen from a pool.
fn refuse_options(cx: &mut Cx, fields: &Fields) {
    for key in ["options", "answer", "effect"] {
        let Some(value) = fields.get(key) else {
            continue;
        };
        let d = cx.report(
            TYPED_WITH_OPTIONS,
            value.span(),
            format!(
                "`{key}` in a typed exercise: its learner types each blank, so nothing is chosen"
            ),
        );
        d.help = Some(match key {
            "effect" => "delete `effect`; give the exercise `[exercise.run]` to show what the typed code does".into(),
            _ => "delete `options` and `answer` and list each blank's right texts in `accept = [[\"…\"]]`, or delete `typed = true` to let the learner choose".into(),
        });
    }
}

fn read_accept(cx: &mut Cx, fields: &Fields, blanks: Option<usize>) -> Vec<Vec<String>> {
    let Some(value) = fields.require(cx, "accept") else {
        return Vec::new();
    };
    let shape = "a list of lists of texts, one list per blank: `accept = [[\"append\"]]`";
    let DeValue::Array(lists) = value.get_ref() else {
        wrong_type(cx, "accept", shape, value);
        return Vec::new();
    };
    let mut accept = Vec::new();
    for list in lists.iter() {
        let DeValue::Array(texts) = list.get_ref() else {
            wrong_type(cx, "accept", shape, list);
            accept.push(Vec::new());
            continue;
        };
        if texts.is_empty() {
            cx.report(
                TYPED_ACCEPT,
                list.span(),
                "a blank accepts no text: the learner could never be right",
            )
            .help = Some("write the text that is right in this blank: `[\"append\"]`".into());
        }
        let mut blank = Vec::new();
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        for element in texts.iter() {
            let Some(text) = as_string(cx, "accept", element) else {
                continue;
            };
            not_blank(cx, "accept", &text);
            if text.value.contains('\n') {
                cx.report(
                    TYPED_ACCEPT,
                    text.span.clone(),
                    "an accepted text holds a line break: a blank is typed on one line",
                )
                .help = Some("accept the text on one line".into());
            }
            let form = typed_form(text.value);
            if let Some(first) = seen.get(&form) {
                let related = cx.locate(first.clone()).related("the same answer here");
                let d = cx.report(
                    TYPED_ACCEPT,
                    text.span.clone(),
                    format!(
                        "`{}` is accepted twice in this blank (spaces around a text and ' or \" do not count)",
                        text.value.trim()
                    ),
                );
                d.help = Some("keep one of the two".into());
                d.related.push(related);
            } else {
                seen.insert(form, text.span.clone());
            }
            blank.push(text.value.trim().to_string());
        }
        accept.push(blank);
    }
    if let Some(blanks) = blanks
        && accept.len() != blanks
    {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        cx.report(
            TYPED_ACCEPT,
            value.span(),
            format!(
                "{} list{} of accepted texts for {blanks} blank{}",
                accept.len(),
                s(accept.len()),
                s(blanks)
            ),
        )
        .help = Some(format!(
            "give one list per blank, in blank order: `accept = [{}]`",
            vec!["[\"…\"]"; blanks.min(4)].join(", ")
        ));
    }
    accept
}

/// `feedback = { "add" = "…" }`: why a wrong text is wrong.
fn read_feedback(cx: &mut Cx, fields: &Fields, accept: &[Vec<String>]) -> BTreeMap<String, String> {
    let mut feedback = BTreeMap::new();
    let Some(table) = fields.table(cx, "feedback") else {
        return feedback;
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        let Some(text) = as_string(cx, "feedback", value) else {
            continue;
        };
        not_blank(cx, "feedback", &text);
        let form = typed_form(name);
        // A text right in one blank may be wrong in another (`+=` where `-=`
        // belongs), and feedback is shown only where a text is wrong: refused
        // only when every blank accepts it.
        let accepted_everywhere = !accept.is_empty()
            && accept
                .iter()
                .all(|list| list.iter().any(|a| typed_form(a) == form));
        if accepted_everywhere {
            let which = if accept.len() == 1 {
                "the blank accepts"
            } else {
                "every blank accepts"
            };
            cx.report(
                FEEDBACK_ON_ANSWER,
                key.span(),
                format!("feedback for `{name}`, which {which}"),
            )
            .help = Some(format!(
                "feedback explains why a wrong text is wrong: if `{name}` is right, move this text to `steps`; if it is wrong, take it out of `accept`"
            ));
            continue;
        }
        feedback.insert(form, text.value.to_string());
    }
    feedback
}
