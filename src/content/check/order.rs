//! `[[order]]`: put the lines or events in order (a Parsons problem). The
//! author lists the items in the right order; the learner places each into
//! its numbered place, from the items shown shuffled. It is read straight
//! into a fill-in exercise — one blank per place, the items as its options,
//! the right order as its answer — so every session, the journal, stats,
//! reviews and exports treat it as they treat any task, and an item placed
//! in the wrong place is told "it belongs in another blank".

use super::exercise::read_attempts;
use super::fields::Fields;
use super::item::{self, EXERCISE_KEYS, Id, ORDER_KEYS, QUESTION_KEYS};
use super::{Cx, Span};
use crate::content::rules::ORDER_ITEMS;
use crate::content::{CodePiece, Exercise, Origin, letter};
use toml::de::DeTable;

/// Places an ordering item may have: one letter per item.
const MAX_ITEMS: usize = 26;

/// Read and check one ordering item, as the exercise a session asks.
pub(super) fn read(cx: &mut Cx, table: &DeTable, header: Span) -> (Exercise, Option<Id>) {
    let fields = Fields::new(
        cx,
        table,
        header.clone(),
        "[[order]]",
        ORDER_KEYS,
        &[
            ("[[exercise]]", EXERCISE_KEYS),
            ("[[question]]", QUESTION_KEYS),
        ],
    );
    let id = item::read_id(cx, &fields);
    let difficulty = item::read_difficulty(cx, &fields);
    let prompt = fields
        .text(cx, "prompt", true)
        .map(|t| t.value.to_string())
        .unwrap_or_default();
    let items = match fields.texts(cx, "items", true) {
        Some((texts, span)) => {
            let items: Vec<String> = texts.iter().map(|t| t.value.to_string()).collect();
            if items.len() < 3 || items.len() > MAX_ITEMS {
                cx.report(
                    ORDER_ITEMS,
                    span,
                    format!(
                        "`items` lists {} item{}: an order needs 3 to {MAX_ITEMS}",
                        items.len(),
                        if items.len() == 1 { "" } else { "s" }
                    ),
                )
                .help = Some(if items.len() < 3 {
                    "with two items the order is a coin toss: add a third, or ask a question instead".into()
                } else {
                    "split it into two orderings".into()
                });
            }
            for (i, text) in texts.iter().enumerate() {
                if let Some(first) = texts[..i].iter().position(|t| t.value == text.value) {
                    let related = cx
                        .locate(texts[first].span.clone())
                        .related("first listed here");
                    let d = cx.report(
                        ORDER_ITEMS,
                        text.span.clone(),
                        format!(
                            "item {} repeats item {}: two places would hold one text",
                            i + 1,
                            first + 1
                        ),
                    );
                    d.related.push(related);
                    d.help = Some("make every item say something different".into());
                }
            }
            items
        }
        None => Vec::new(),
    };
    let attempts = read_attempts(cx, &fields);
    let hint = item::read_hint(cx, &fields);
    let mut steps = item::read_list(cx, &fields, "steps", false);
    // The solution always shows the order itself, before the author's why.
    let order: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, item)| format!("{}. {item}", i + 1))
        .collect();
    if !order.is_empty() {
        steps.insert(0, format!("In order: {}.", order.join("; ")));
    }
    let mut code = Vec::new();
    for i in 0..items.len() {
        code.push(CodePiece::Text(format!("{}. ", i + 1)));
        code.push(CodePiece::Blank(i));
        if i + 1 < items.len() {
            code.push(CodePiece::Text("\n".into()));
        }
    }
    let exercise = Exercise {
        id: id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        difficulty,
        prompt,
        lang: Some("text".into()),
        code,
        answer: (0..items.len()).collect(),
        options: items,
        attempts,
        hint,
        steps,
        // Shown shuffled, always: in the written order every answer is A, B, C.
        shuffle: true,
        ordering: true,
        origin: Origin {
            path: cx.path.to_string(),
            line: cx.lines.place(header.start).line,
        },
        ..Exercise::default()
    };
    debug_assert!(
        exercise
            .answer
            .iter()
            .all(|&a| letter(a).is_ascii_uppercase())
    );
    (exercise, id)
}
