//! Rules shared by questions and exercises: ids, difficulty, options,
//! answer letters, feedback, and the duplicate-id check of one file.

use super::fields::{Fields, Text, as_string, not_blank};
use super::{Cx, Span};
use super::{FastMap, FastSet};
use crate::content::rules::{
    ANSWER_OUT_OF_RANGE, BAD_DIFFICULTY, BAD_ID, DUPLICATE_ID, DUPLICATE_OPTION,
    FEEDBACK_ON_ANSWER, FEEDBACK_UNKNOWN_OPTION, NO_HINT, OPTION_COUNT,
};
use crate::content::{Difficulty, letter};
use std::collections::BTreeMap;
use toml::Spanned;
use toml::de::{DeString, DeValue};

/// Where `answer` names `letter`: the string itself, or its element of an
/// exercise's array.
fn answer_span(fields: &Fields, letter: &str) -> Option<Span> {
    let value = fields.get("answer")?;
    match value.get_ref() {
        toml::de::DeValue::String(s) if s.as_ref() == letter => Some(value.span()),
        toml::de::DeValue::Array(items) => items
            .iter()
            .find(|v| matches!(v.get_ref(), toml::de::DeValue::String(s) if s.as_ref() == letter))
            .map(|v| v.span()),
        _ => None,
    }
}

/// Keys of `[[question]]`, for suggestions and "belongs elsewhere" help.
pub(crate) const QUESTION_KEYS: &[&str] = &[
    "id",
    "difficulty",
    "prompt",
    "options",
    "answer",
    "steps",
    "quick_check",
    "hint",
    "mistakes",
    "feedback",
    "replay",
    "shuffle",
];

/// Keys of `[[exercise]]`.
pub(crate) const EXERCISE_KEYS: &[&str] = &[
    "id",
    "difficulty",
    "prompt",
    "lang",
    "code",
    "options",
    "answer",
    "attempts",
    "hint",
    "mistakes",
    "steps",
    "feedback",
    "replay",
    "effect",
    "shuffle",
    "run",
    "typed",
    "accept",
];

/// Keys of `[[note]]`.
pub(crate) const NOTE_KEYS: &[&str] = &["id", "title", "body", "sources"];

/// Keys of `[[order]]`.
pub(crate) const ORDER_KEYS: &[&str] = &[
    "id",
    "difficulty",
    "prompt",
    "items",
    "attempts",
    "hint",
    "steps",
];

/// Keys of `[[predict]]`.
pub(crate) const PREDICT_KEYS: &[&str] = &[
    "id",
    "difficulty",
    "prompt",
    "scenario",
    "at",
    "entity",
    "field",
    "hint",
];

/// Keys of `[[card]]`.
pub(crate) const CARD_KEYS: &[&str] = &["id", "front", "back", "sources"];

/// Keys of `[[kata]]`, exactly as issue 10 writes them.
pub(crate) const KATA_KEYS: &[&str] = &[
    "id",
    "difficulty",
    "prompt",
    "lang",
    "setup",
    "starter",
    "solution",
    "tests",
    "hint",
    "steps",
    "replay",
];

/// Keys of `[topic]`.
pub(crate) const TOPIC_KEYS: &[&str] = &["id", "title", "area", "minutes", "shuffle", "requires"];

/// Most options an item may have: one per letter.
const MAX_OPTIONS: usize = 26;

/// An item's id and where it was written.
#[derive(Debug, Clone)]
pub(crate) struct Id {
    pub value: String,
    pub span: Span,
}

/// Whether an id is made of `a-z`, `0-9` and `-` only (and is not empty).
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A required id (of a topic or an item).
pub(super) fn read_id(cx: &mut Cx, fields: &Fields) -> Option<Id> {
    let text = fields.string(cx, "id", true)?;
    check_id(cx, "id", &text);
    Some(Id {
        value: text.value.to_string(),
        span: text.span,
    })
}

/// Report an id (or a reference to one) that is not `[a-z0-9-]+`.
pub(super) fn check_id(cx: &mut Cx, key: &str, text: &Text) {
    if is_valid_id(text.value) {
        return;
    }
    let suggestion: String = text
        .value
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '-'
            }
        })
        .collect();
    let diagnostic = cx.report(
        BAD_ID,
        text.span.clone(),
        format!(
            "`{key}` must use only a-z, 0-9 and - (found `{}`)",
            text.value
        ),
    );
    if is_valid_id(&suggestion) {
        diagnostic.help = Some(format!("try `{suggestion}`"));
    }
}

pub(super) fn read_difficulty(cx: &mut Cx, fields: &Fields) -> Difficulty {
    let Some(text) = fields.string(cx, "difficulty", true) else {
        return Difficulty::default();
    };
    match text.value.parse() {
        Ok(difficulty) => difficulty,
        Err(()) => {
            let lower = text.value.trim().to_lowercase();
            // `Medium` or `medum` is surely `medium`: a fix; `tough` is not.
            let meant = lower
                .parse::<Difficulty>()
                .ok()
                .map(|d| d.to_string())
                .or_else(|| {
                    super::fields::nearest(&lower, &["easy", "medium", "hard"]).map(str::to_string)
                });
            let fix = meant
                .as_ref()
                .map(|d| cx.fix(text.span.clone(), format!("\"{d}\"")));
            let d = cx.report(
                BAD_DIFFICULTY,
                text.span,
                format!("unknown difficulty `{}`", text.value),
            );
            d.help = Some(match meant {
                Some(meant) => format!("write `{meant}`"),
                None => "use `easy`, `medium` or `hard`".to_string(),
            });
            d.fix = fix;
            Difficulty::default()
        }
    }
}

/// The options: 2 to 26 non-blank, distinct texts. `None` when they are
/// missing or not strings, so answer checks know not to guess.
pub(super) fn read_options(cx: &mut Cx, fields: &Fields) -> Option<Vec<String>> {
    let (texts, span) = fields.texts(cx, "options", true)?;
    if texts.len() < 2 || texts.len() > MAX_OPTIONS {
        cx.report(
            OPTION_COUNT,
            span,
            format!(
                "{} option{}; an item needs 2 to {MAX_OPTIONS}",
                texts.len(),
                if texts.len() == 1 { "" } else { "s" }
            ),
        )
        .help = Some(if texts.len() < 2 {
            "add the wrong options a learner might believe: `options = [\"…\", \"…\"]`".into()
        } else {
            format!("keep at most {MAX_OPTIONS} options (A to Z), the likeliest mistakes")
        });
    }
    // "Yes" and "Yes\u{200b}" read the same: invisible characters do not
    // count. Each text is looked up among the ones before it, not compared
    // with each of them: 100,000 options check in linear time.
    let visible = |t: &Text| -> String {
        (t.value.chars())
            .filter(|&c| !crate::safe_text::is_invisible(c))
            .collect()
    };
    let mut first_of: FastMap<String, usize> =
        FastMap::with_capacity_and_hasher(texts.len(), Default::default());
    for (i, text) in texts.iter().enumerate() {
        let seen = visible(text);
        if let Some(&first) = first_of.get(&seen) {
            let related = (!cx.full()).then(|| {
                cx.locate(texts[first].span.clone())
                    .related(format!("option {} is here", letter(first)))
            });
            let message = format!(
                "option {} repeats option {}: `{}`",
                letter(i),
                letter(first),
                text.value
            );
            let diagnostic = cx.report(DUPLICATE_OPTION, text.span.clone(), message);
            diagnostic.related.extend(related);
            diagnostic.help = Some(if seen == text.value {
                "each option must read differently".into()
            } else {
                "each option must read differently; these differ only by invisible characters"
                    .into()
            });
        } else {
            first_of.insert(seen, i);
        }
    }
    Some(texts.iter().map(|t| t.value.to_string()).collect())
}

/// The option index an answer letter names: one upper-case letter of an
/// existing option. `options` is `None` when the options could not be read.
pub(super) fn read_letter(cx: &mut Cx, text: &Text, options: Option<usize>) -> Option<usize> {
    let mut chars = text.value.chars();
    let single = match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    let index = single
        .filter(char::is_ascii_uppercase)
        .map(|c| (c as u8 - b'A') as usize);
    match (index, options) {
        (Some(i), Some(n)) if i < n => Some(i),
        (Some(_), None) => None,
        _ => {
            let range = match options {
                Some(0) | None => "an option letter".to_string(),
                Some(1) => "`A`".to_string(),
                Some(n) => format!("`A` to `{}`", letter(n - 1)),
            };
            let message = match (index, options) {
                (Some(_), Some(n)) => format!(
                    "answer `{}` names no option; there {} {n} ({range})",
                    text.value,
                    if n == 1 { "is" } else { "are" }
                ),
                _ => format!(
                    "answer `{}` is not an option letter; write {range}",
                    text.value
                ),
            };
            let lower = single.filter(char::is_ascii_lowercase);
            cx.report(ANSWER_OUT_OF_RANGE, text.span.clone(), message)
                .help = Some(match lower {
                Some(c) => format!("letters are upper-case: `{}`", c.to_ascii_uppercase()),
                None => "give the letter of the correct option: A is the first".to_string(),
            });
            None
        }
    }
}

/// `feedback`: why each wrong option is wrong, by its letter.
pub(super) fn read_feedback(
    cx: &mut Cx,
    fields: &Fields,
    options: Option<usize>,
    answers: &[usize],
) -> BTreeMap<usize, String> {
    let Some(table) = fields.table(cx, "feedback") else {
        return BTreeMap::new();
    };
    letter_feedback(
        cx,
        fields,
        table.iter(),
        options,
        answers,
        FeedbackFor::Question,
    )
}

/// Where a feedback table applies: a question or any blank of an exercise
/// (`feedback = { C = "…" }`), or one blank (`feedback = { 2 = { C = "…" } }`).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum FeedbackFor {
    Question,
    /// Any blank of an exercise (its letter keys, beside the blank keys).
    AnyBlank,
    /// One blank of an exercise, by index.
    Blank(usize),
}

/// Letter keys → texts, each checked: an option that exists, and not one of
/// `answers` (the answers of the blanks the feedback applies to).
pub(super) fn letter_feedback<'k, 'v: 'k>(
    cx: &mut Cx,
    fields: &Fields,
    entries: impl Iterator<Item = (&'k Spanned<DeString<'v>>, &'k Spanned<DeValue<'v>>)>,
    options: Option<usize>,
    answers: &[usize],
    place: FeedbackFor,
) -> BTreeMap<usize, String> {
    let mut feedback = BTreeMap::new();
    let answers: FastSet<usize> = answers.iter().copied().collect();
    for (key, value) in entries {
        let name = key.get_ref().as_ref();
        let text = as_string(cx, "feedback", value);
        if let Some(text) = &text {
            not_blank(cx, "feedback", text);
        }
        let mut chars = name.chars();
        let index = match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_uppercase() => Some((c as u8 - b'A') as usize),
            _ => None,
        };
        match (index, options) {
            (Some(i), Some(n)) if i >= n => {
                cx.report(
                    FEEDBACK_UNKNOWN_OPTION,
                    key.span(),
                    format!("feedback for `{name}`, but there is no option {name}"),
                )
                .help = Some(format!("the options are `A` to `{}`", letter(n.max(1) - 1)));
            }
            (Some(i), _) if answers.contains(&i) => {
                // Either place may be the slip: the feedback, or the answer.
                let related = answer_span(fields, name).map(|span| {
                    cx.locate(span)
                        .related(format!("`{name}` is the answer here"))
                });
                let (message, more) = match place {
                    FeedbackFor::Blank(b) => (
                        format!(
                            "feedback for `{name}` in blank {}, which is that blank's answer",
                            b + 1
                        ),
                        String::new(),
                    ),
                    FeedbackFor::AnyBlank => (
                        format!("feedback for `{name}`, which is a correct answer"),
                        format!(
                            "; to say why it does not fit another blank, key it by that blank: `feedback = {{ 2 = {{ {name} = \"…\" }} }}`"
                        ),
                    ),
                    FeedbackFor::Question => (
                        format!("feedback for `{name}`, which is a correct answer"),
                        String::new(),
                    ),
                };
                let d = cx.report(FEEDBACK_ON_ANSWER, key.span(), message);
                d.help = Some(format!(
                    "feedback explains why a wrong option is wrong: if `{name}` is right, move this text to `steps`; if `{name}` is wrong, correct `answer`{more}"
                ));
                d.related.extend(related);
            }
            (Some(i), _) => {
                if let Some(text) = text {
                    feedback.insert(i, text.value.to_string());
                }
            }
            (None, _) => {
                let help = name
                    .chars()
                    .next()
                    .filter(|c| c.is_ascii_lowercase() && name.len() == 1)
                    .map(|c| format!("letters are upper-case: `{}`", c.to_ascii_uppercase()))
                    .unwrap_or_else(|| match place {
                        FeedbackFor::AnyBlank => "key feedback by an option letter, `B = \"...\"`, or by a blank number, `2 = { B = \"...\" }`".into(),
                        _ => "key feedback by an option letter: `B = \"...\"`".into(),
                    });
                cx.report(
                    FEEDBACK_UNKNOWN_OPTION,
                    key.span(),
                    format!("feedback for `{name}`, which is not an option letter"),
                )
                .help = Some(help);
            }
        }
    }
    feedback
}

/// `replay`: the id of a replay-lab scenario. Whether it exists is checked
/// once scenarios load (the replay-lab issue); its form is checked now.
/// `hint`: optional. A missing one is a warning (K053), not an error, so a
/// bank brought in from Moodle (which has no hints in GIFT) checks clean;
/// the learner's `h` then says the item has none. An empty string is "no
/// hint" to the model.
pub(super) fn read_hint(cx: &mut Cx, fields: &Fields) -> String {
    if fields.get("hint").is_none() {
        cx.report(
            NO_HINT,
            fields.header(),
            "this item has no `hint`: a stuck learner gets nothing between the question and the answer",
        )
        .help = Some(
            "add `hint = \"...\"`: a nudge towards the idea to use, never the answer".into(),
        );
        return String::new();
    }
    fields
        .text(cx, "hint", false)
        .map(|t| t.value.to_string())
        .unwrap_or_default()
}

pub(super) fn read_replay(cx: &mut Cx, fields: &Fields) -> Option<String> {
    let text = fields.string(cx, "replay", false)?;
    check_id(cx, "replay", &text);
    cx.replays.push((text.value.to_string(), text.span.clone()));
    Some(text.value.to_string())
}

/// A list of texts (`steps`, `mistakes`).
pub(super) fn read_list(cx: &mut Cx, fields: &Fields, key: &str, required: bool) -> Vec<String> {
    fields
        .texts(cx, key, required)
        .map(|(texts, _)| texts.iter().map(|t| t.value.to_string()).collect())
        .unwrap_or_default()
}

/// Ids used twice in one file: reported at the second, noting the first.
pub(super) fn duplicate_ids<'a>(cx: &mut Cx, ids: impl Iterator<Item = &'a Id>) {
    let mut ids: Vec<&Id> = ids.collect();
    ids.sort_by_key(|id| id.span.start);
    let mut first_of: FastMap<&str, &Id> =
        FastMap::with_capacity_and_hasher(ids.len(), Default::default());
    for id in ids {
        if let Some(first) = first_of.get(id.value.as_str()) {
            let related =
                (!cx.full()).then(|| cx.locate(first.span.clone()).related("first defined here"));
            let diagnostic = cx.report(
                DUPLICATE_ID,
                id.span.clone(),
                format!("duplicate id `{}`", id.value),
            );
            diagnostic.related.extend(related);
            diagnostic.help = Some("ids must be unique within a topic".into());
        } else {
            first_of.insert(&id.value, id);
        }
    }
}
