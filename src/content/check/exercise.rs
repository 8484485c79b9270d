//! `[[exercise]]`: code with numbered blanks filled from one pool of options,
//! or typed by the learner (`typed = true`, read in `typed`).

use super::blanks::{self, Marker};
use super::fields::{Fields, Text};
use super::item::{self, EXERCISE_KEYS, FeedbackFor, Id, QUESTION_KEYS};
use super::strings::Positions;
use super::{Cx, FastMap, FastSet, Span};
use crate::content::rules::{
    ANSWER_COUNT, BLANK_NEAR_MISS, BLANK_NUMBERING, BLANK_REPEATED, EFFECT_BESIDE_RUN,
    FEEDBACK_UNKNOWN_OPTION, NO_BLANKS, OUT_OF_RANGE,
};
use crate::content::{CodePiece, Exercise, Origin};
use std::collections::BTreeMap;
use toml::de::{DeTable, DeValue};

/// Tries a learner gets when `attempts` is not given.
pub const DEFAULT_ATTEMPTS: u8 = 3;
const MAX_ATTEMPTS: i64 = 10;

/// Read and check one exercise; the id is returned with its place for the
/// duplicate checks.
/// `shuffle` is the file's default (`[topic] shuffle`) unless the exercise sets its own.
pub(super) fn read(
    cx: &mut Cx,
    table: &DeTable,
    header: Span,
    shuffle: bool,
) -> (Exercise, Option<Id>) {
    let fields = Fields::new(
        cx,
        table,
        header.clone(),
        "[[exercise]]",
        EXERCISE_KEYS,
        &[("[[question]]", QUESTION_KEYS)],
    );
    let id = item::read_id(cx, &fields);
    let difficulty = item::read_difficulty(cx, &fields);
    let prompt = fields.text(cx, "prompt", true);
    let lang = fields.text(cx, "lang", false);
    let code_text = fields.string(cx, "code", true);
    let (code, blanks) = match &code_text {
        Some(text) => read_code(cx, text),
        None => (Vec::new(), None),
    };
    let near_misses = code_text
        .as_ref()
        .map(|text| near_blanks(cx, text))
        .unwrap_or_default();
    // A typed exercise has no pool: what is right is `accept`, read apart.
    let typed = fields
        .boolean(cx, "typed")
        .unwrap_or(false)
        .then(|| super::typed::read(cx, &fields, blanks));
    let (options, answer) = match typed {
        Some(_) => (None, Vec::new()),
        None => {
            let options = item::read_options(cx, &fields);
            let answer = read_answers(
                cx,
                &fields,
                options.as_ref().map(Vec::len),
                blanks,
                near_misses,
            );
            (options, answer)
        }
    };
    let attempts = read_attempts(cx, &fields);
    let (feedback, blank_feedback) = match typed {
        Some(_) => Default::default(),
        None => read_feedback(cx, &fields, options.as_ref().map(Vec::len), &answer),
    };
    let replay = item::read_replay(cx, &fields);
    let effect = match typed {
        // Refused above (K056): nothing to simulate without options.
        Some(_) => None,
        None => super::effect::read(cx, &fields, blanks, replay.is_some()),
    };
    let run = super::run::read(cx, &fields, lang.as_ref(), code_text.as_ref());
    if effect.is_some()
        && run.is_some()
        && let Some(value) = fields.get("effect")
    {
        // Two pictures of one try that can disagree: the simulation reads the
        // options forgivingly, the run is the code itself. Keep the true one.
        cx.report(
            EFFECT_BESIDE_RUN,
            value.span(),
            "`effect` beside `[exercise.run]`: the lab would simulate what the run already shows",
        )
        .help = Some(
            "delete `effect`; the run's output and tests show what each option really does".into(),
        );
    }
    let exercise = Exercise {
        id: id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        difficulty,
        prompt: prompt.map(|t| t.value.to_string()).unwrap_or_default(),
        lang: lang.as_ref().map(|t| t.value.to_string()),
        code,
        options: options.unwrap_or_default(),
        answer,
        attempts,
        hint: item::read_hint(cx, &fields),
        mistakes: item::read_list(cx, &fields, "mistakes", true),
        steps: item::read_list(cx, &fields, "steps", false),
        feedback,
        blank_feedback,
        replay,
        effect,
        shuffle: fields.boolean(cx, "shuffle").unwrap_or(shuffle),
        run,
        accept: typed.as_ref().map(|t| t.accept.clone()).unwrap_or_default(),
        typed_feedback: typed.map(|t| t.feedback).unwrap_or_default(),
        ordering: false,
        origin: Origin {
            path: cx.path.to_string(),
            line: cx.lines.place(header.start).line,
        },
    };
    if !exercise.is_typed() && exercise.answer.len() == blanks.unwrap_or(0) {
        super::guess::check_item(
            cx,
            &fields,
            &super::guess::Item {
                options: &exercise.options,
                answers: &exercise.answer,
                hint: &exercise.hint,
                prompt: &exercise.prompt,
                shuffle: exercise.shuffle,
                is_question: false,
            },
        );
    }
    (exercise, id)
}

/// Warn at each `{{ 2 }}`, with the fix `{{2}}` where the file holds it as
/// written (no escape inside); returns the blanks they are meant as.
fn near_blanks(cx: &mut Cx, text: &Text) -> Vec<String> {
    let found = blanks::near_misses(text.value);
    if found.is_empty() {
        return Vec::new();
    }
    // A fix only where the near misses complete the numbering: blanks
    // `{{1}}` and `{{ 2 }}` are surely `{{1}}`, `{{2}}`; a `{{ 1 }}` beside a
    // real `{{1}}` (a comment, a template) is not.
    let (_, markers) = blanks::split(text.value);
    let mut numbers: Vec<usize> = markers.iter().map(|m| m.number).collect();
    numbers.extend(found.iter().map(|n| n.number.parse().unwrap_or(usize::MAX)));
    numbers.sort_unstable();
    let completes = numbers.iter().enumerate().all(|(i, n)| *n == i + 1);
    let positions = Positions::new(cx.text, &text.span, text.value);
    for near in &found {
        let span = positions.at(near.range.start)..positions.at(near.range.end);
        let as_written =
            completes && cx.text.get(span.clone()) == text.value.get(near.range.clone());
        let blank = format!("{{{{{}}}}}", near.number);
        let fix = as_written.then(|| cx.fix(span.clone(), blank.clone()));
        let d = cx.report(
            BLANK_NEAR_MISS,
            span,
            format!("this is not a blank: a blank is written `{blank}`, without spaces"),
        );
        d.help = Some(format!("write `{blank}`"));
        d.fix = fix;
    }
    found
        .iter()
        .map(|near| format!("{{{{{}}}}}", near.number))
        .collect()
}

/// Split the code at its blanks and check their numbering; returns the
/// pieces and the blank count when the numbering is sound.
fn read_code(cx: &mut Cx, text: &Text) -> (Vec<CodePiece>, Option<usize>) {
    let (pieces, markers) = blanks::split(text.value);
    if markers.is_empty() {
        cx.report(NO_BLANKS, text.span.clone(), "`code` has no blank")
            .help = Some("mark the blanks `{{1}}`, `{{2}}`… where the learner fills in".into());
        return (pieces, None);
    }
    // The code is walked once for every marker's place, and each number is
    // looked up, not searched for: 20,000 blanks check in linear time.
    let positions = Positions::new(cx.text, &text.span, text.value);
    let marker_span =
        |marker: &Marker| positions.at(marker.range.start)..positions.at(marker.range.end);
    let numbers: FastSet<usize> = markers.iter().map(|m| m.number).collect();
    let count = numbers.len();
    let mut first_of: FastMap<usize, &Marker> =
        FastMap::with_capacity_and_hasher(count, Default::default());
    // The lowest number missing from 1..=count, found once.
    let missing = (1..=count).find(|n| !numbers.contains(n));
    let mut sound = true;
    for marker in &markers {
        let span = marker_span(marker);
        if let Some(first) = first_of.get(&marker.number) {
            let first_span = marker_span(first);
            let related = (!cx.full()).then(|| cx.locate(first_span).related("first used here"));
            let diagnostic = cx.report(
                BLANK_REPEATED,
                span,
                format!("blank {{{{{}}}}} is used twice", marker.number),
            );
            diagnostic.related.extend(related);
            diagnostic.help = Some("number each blank once: {{1}}, {{2}}, …".into());
            sound = false;
        } else if marker.number == 0 || marker.number > count {
            first_of.insert(marker.number, marker);
            let missing = missing
                .map(|n| format!("; there is no {{{{{n}}}}}"))
                .unwrap_or_default();
            let shown = if marker.number == usize::MAX {
                "this blank's number".to_string()
            } else {
                format!("blank {{{{{}}}}}", marker.number)
            };
            cx.report(
                BLANK_NUMBERING,
                span,
                format!("{shown} is out of order: blanks are numbered 1 to {count} without gaps{missing}"),
            )
            .help = Some(format!(
                "number the blanks {{{{1}}}} to {{{{{count}}}}} in the order they appear, each once, and keep `answer` in that order"
            ));
            sound = false;
        } else {
            first_of.insert(marker.number, marker);
        }
    }
    (pieces, sound.then_some(count))
}

/// `feedback`: letter keys for an option in any blank, and number keys for
/// one blank (`2 = { C = "…" }`), where an option right in another blank may
/// be explained.
#[allow(clippy::type_complexity)]
fn read_feedback(
    cx: &mut Cx,
    fields: &Fields,
    options: Option<usize>,
    answer: &[usize],
) -> (
    BTreeMap<usize, String>,
    BTreeMap<usize, BTreeMap<usize, String>>,
) {
    let mut by_blank = BTreeMap::new();
    let Some(table) = fields.table(cx, "feedback") else {
        return (BTreeMap::new(), by_blank);
    };
    let is_blank = |name: &str| !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit());
    let general = item::letter_feedback(
        cx,
        fields,
        table
            .iter()
            .filter(|(k, _)| !is_blank(k.get_ref().as_ref())),
        options,
        answer,
        FeedbackFor::AnyBlank,
    );
    for (key, value) in table.iter().filter(|(k, _)| is_blank(k.get_ref().as_ref())) {
        let name = key.get_ref().as_ref();
        let blank = name.parse::<usize>().unwrap_or(usize::MAX);
        // Blanks are known only when the answer is: otherwise nothing to check.
        if !answer.is_empty() && (blank == 0 || blank > answer.len()) {
            cx.report(
                FEEDBACK_UNKNOWN_OPTION,
                key.span(),
                format!(
                    "feedback for blank {name}, but the code has {}",
                    if answer.len() == 1 {
                        "1 blank".to_string()
                    } else {
                        format!("{} blanks", answer.len())
                    }
                ),
            )
            .help = Some(format!(
                "key it by a blank from 1 to {}, or by an option letter for every blank",
                answer.len()
            ));
            continue;
        }
        let DeValue::Table(inner) = value.get_ref() else {
            super::fields::wrong_type(
                cx,
                "feedback",
                "a table like `{ C = \"why C is wrong here\" }`",
                value,
            );
            continue;
        };
        let answers: Vec<usize> = answer.get(blank - 1).copied().into_iter().collect();
        let texts = item::letter_feedback(
            cx,
            fields,
            inner.iter(),
            options,
            &answers,
            FeedbackFor::Blank(blank - 1),
        );
        if !texts.is_empty() {
            by_blank.insert(blank - 1, texts);
        }
    }
    (general, by_blank)
}

/// `["A", "B", "C"]` for three blanks: an example answer of the right length.
fn example_answer(blanks: usize) -> String {
    let letters: Vec<String> = (0..blanks.min(6))
        .map(|i| format!("\"{}\"", crate::content::letter(i)))
        .collect();
    let more = if blanks > 6 { ", …" } else { "" };
    format!("[{}{more}]", letters.join(", "))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("a {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// One letter per blank, in blank order.
fn read_answers(
    cx: &mut Cx,
    fields: &Fields,
    options: Option<usize>,
    blanks: Option<usize>,
    near_misses: Vec<String>,
) -> Vec<usize> {
    let Some((letters, span)) = fields.texts(cx, "answer", true) else {
        return Vec::new();
    };
    if let Some(blanks) = blanks
        && letters.len() != blanks
    {
        cx.report(
            ANSWER_COUNT,
            span,
            format!(
                "{} answer{} for {blanks} blank{}",
                letters.len(),
                if letters.len() == 1 { "" } else { "s" },
                if blanks == 1 { "" } else { "s" }
            ),
        )
        .help = Some(if !near_misses.is_empty() && letters.len() > blanks {
            let n = near_misses.len();
            format!(
                "the code has {} that {} not {}: write {}, without spaces, and the count adds up",
                plural(n, "`{{ n }}`"),
                if n == 1 { "is" } else { "are" },
                if n == 1 { "a blank" } else { "blanks" },
                near_misses
                    .iter()
                    .map(|b| format!("`{b}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        } else {
            format!(
                "give one letter per blank, in blank order: `answer = {}`",
                example_answer(blanks)
            )
        });
    }
    letters
        .iter()
        .filter_map(|text| item::read_letter(cx, text, options))
        .collect()
}

/// `attempts`: 1 to 10 tries, 3 when left out (K020 outside the range).
pub(super) fn read_attempts(cx: &mut Cx, fields: &Fields) -> u8 {
    match fields.integer(cx, "attempts") {
        Some((n, _)) if (1..=MAX_ATTEMPTS).contains(&n) => n as u8,
        Some((n, span)) => {
            cx.report(
                OUT_OF_RANGE,
                span,
                format!("`attempts` is {n}; allow 1 to {MAX_ATTEMPTS} tries"),
            )
            .help = Some(format!(
                "leave it out for the default of {DEFAULT_ATTEMPTS}"
            ));
            DEFAULT_ATTEMPTS
        }
        None => DEFAULT_ATTEMPTS,
    }
}
