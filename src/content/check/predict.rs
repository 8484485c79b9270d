//! `[[predict]]`: a scenario, the position of an event in it, an entity and
//! a field. What can be checked from the file alone is checked here (the
//! keys, a position below 0, the scenario's id, which K026 then looks up);
//! whether the position and the field exist needs the scenario replayed,
//! which `replay::predict::resolve` does (K061, K062 at the places kept here).

use super::fields::{Fields, wrong_type};
use super::item::{self, CARD_KEYS, EXERCISE_KEYS, Id, PREDICT_KEYS, QUESTION_KEYS};
use super::{Cx, Span};
use crate::content::rules::PREDICT_PAST_END;
use crate::content::{Datum, Origin, Prediction};
use toml::de::{DeTable, DeValue};

/// Read and check one prediction; the id is returned with its place for
/// the duplicate checks.
pub(super) fn read(cx: &mut Cx, table: &DeTable, header: Span) -> (Prediction, Option<Id>) {
    let fields = Fields::new(
        cx,
        table,
        header.clone(),
        "[[predict]]",
        PREDICT_KEYS,
        &[
            ("[[question]]", QUESTION_KEYS),
            ("[[exercise]]", EXERCISE_KEYS),
            ("[[card]]", CARD_KEYS),
        ],
    );
    let id = item::read_id(cx, &fields);
    let difficulty = item::read_difficulty(cx, &fields);
    let prompt = fields
        .text(cx, "prompt", false)
        .map(|t| t.value.to_string())
        .unwrap_or_default();
    let scenario = fields.string(cx, "scenario", true).map(|text| {
        item::check_id(cx, "scenario", &text);
        cx.replays.push((text.value.to_string(), text.span.clone()));
        text.value.to_string()
    });
    fields.require(cx, "at");
    let at = match fields.integer(cx, "at") {
        Some((n, span)) if n < 0 => {
            cx.report(
                PREDICT_PAST_END,
                span,
                format!("`at` is {n}: positions count the scenario's events from 0"),
            )
            .help = Some(
                "write the position of the event whose effect is asked, 0 for the first".into(),
            );
            None
        }
        Some((n, span)) => Some((n as u64, cx.locate(span).related("the position asked"))),
        None => None,
    };
    let entity = fields
        .get("entity")
        .and_then(|value| match value.get_ref() {
            DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
                .ok()
                .map(Datum::Int),
            DeValue::String(s) => Some(Datum::Text(s.to_string())),
            _ => {
                wrong_type(
                    cx,
                    "entity",
                    "the entity's key, a number or a string",
                    value,
                );
                None
            }
        });
    let field = fields.text(cx, "field", true);
    let field_place = field
        .as_ref()
        .map(|f| cx.locate(f.span.clone()).related("the field asked"));
    let hint = item::read_hint(cx, &fields);
    let prediction = Prediction {
        id: id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        difficulty,
        prompt,
        scenario: scenario.unwrap_or_default(),
        at: at.as_ref().map_or(0, |(n, _)| *n),
        entity,
        field: field.map(|t| t.value.to_string()).unwrap_or_default(),
        hint,
        origin: Origin {
            path: cx.path.to_string(),
            line: cx.lines.place(header.start).line,
        },
        at_place: at.map(|(_, place)| place),
        field_place,
    };
    (prediction, id)
}
