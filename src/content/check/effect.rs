//! `effect` of an `[[exercise]]`: what its completed code does to the
//! `replay` scenario's store (see `content::Effect`).

use super::fields::{Fields, wrong_type};
use super::{Cx, Span};
use crate::content::rules::{BAD_EFFECT, MISSING_KEY};
use crate::content::{Effect, ScenarioEvent};
use toml::de::DeValue;

const EFFECT_KEYS: &[&str] = &[
    "do", "what", "event", "field", "compare", "counter", "value",
];

/// Read `effect` when present; `blanks` is the exercise's blank count, when known.
pub(super) fn read(
    cx: &mut Cx,
    fields: &Fields,
    blanks: Option<usize>,
    has_replay: bool,
) -> Option<Effect> {
    let value = fields.get("effect")?;
    let DeValue::Table(table) = value.get_ref() else {
        wrong_type(cx, "effect", "a table like `{ do = \"filter\", … }`", value);
        return None;
    };
    let span = value.span();
    let f = Fields::new(cx, table, span.clone(), "`effect`", EFFECT_KEYS, &[]);
    if !has_replay {
        cx.report(
            BAD_EFFECT,
            span.clone(),
            "`effect` without `replay`: it needs a scenario to act on",
        )
        .help = Some("add `replay = \"scenario-id\"` to the exercise".into());
    }
    let verb = f.string(cx, "do", true)?;
    let text = |cx: &mut Cx, key: &str| f.string(cx, key, true).map(|t| t.value.to_string());
    let effect = match verb.value {
        "append" => {
            let what = text(cx, "what");
            let event = read_event(cx, &f);
            Effect::Append {
                what: what?,
                event: event?,
            }
        }
        "filter" => {
            let (field, compare, value) =
                (text(cx, "field"), text(cx, "compare"), text(cx, "value"));
            Effect::Filter {
                field: field?,
                compare: compare?,
                value: value?,
            }
        }
        "count" => {
            let (counter, compare, value) =
                (text(cx, "counter"), text(cx, "compare"), text(cx, "value"));
            Effect::Count {
                counter: counter?,
                compare: compare?,
                value: value?,
            }
        }
        other => {
            cx.report(
                BAD_EFFECT,
                verb.span.clone(),
                format!("unknown effect `{other}`"),
            )
            .help = Some("`do` is \"append\", \"filter\" or \"count\"".into());
            return None;
        }
    };
    if let Some(n) = blanks {
        for blank in effect.blanks() {
            if blank == 0 || blank > n {
                let at = marker_span(cx, table, blank).unwrap_or(span.clone());
                cx.report(
                    BAD_EFFECT,
                    at,
                    format!(
                        "the effect binds {{{{{blank}}}}}, but the code has {}",
                        if n == 1 {
                            "1 blank".to_string()
                        } else {
                            format!("{n} blanks")
                        }
                    ),
                )
                .help = Some(if n == 1 {
                    "bind the code's blank, `{{1}}`".to_string()
                } else {
                    format!("bind one of the code's blanks, `{{{{1}}}}` to `{{{{{n}}}}}`")
                });
            }
        }
    }
    Some(effect)
}

/// Where `{{blank}}` is written in one of the effect's strings, so the caret
/// is on the marker rather than on the whole effect.
fn marker_span(cx: &Cx, table: &toml::de::DeTable, blank: usize) -> Option<Span> {
    let marker = format!("{{{{{blank}}}}}");
    table.iter().find_map(|(_, value)| {
        let DeValue::String(s) = value.get_ref() else {
            return None;
        };
        let at = s.find(&marker)?;
        let positions = super::strings::Positions::new(cx.text, &value.span(), s);
        Some(positions.at(at)..positions.at(at + marker.len()))
    })
}

fn read_event(cx: &mut Cx, f: &Fields) -> Option<ScenarioEvent> {
    let Some(value) = f.get("event") else {
        cx.report(
            MISSING_KEY,
            f.header(),
            "an append effect is missing `event`",
        )
        .help = Some(
            "add the event it appends: `event = { stream = \"order-9\", type = \"OrderPlaced\", data = { … } }`"
                .into(),
        );
        return None;
    };
    let DeValue::Table(table) = value.get_ref() else {
        wrong_type(
            cx,
            "event",
            "a table like `{ stream = \"order-9\", type = \"OrderPlaced\" }`",
            value,
        );
        return None;
    };
    let span: Span = value.span();
    let e = Fields::new(
        cx,
        table,
        span,
        "the effect's `event`",
        &["stream", "type", "data"],
        &[],
    );
    let stream = e.text(cx, "stream", true);
    let event_type = e.text(cx, "type", true);
    let data = super::scenario::read_data(cx, &e);
    Some(ScenarioEvent {
        stream: stream?.value.to_string(),
        event_type: event_type?.value.to_string(),
        data,
        ..ScenarioEvent::default()
    })
}
