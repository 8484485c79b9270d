//! `[[scenario]]`: events, rules and generation of a replay-lab scenario.
//! Checks within one scenario live here; ids across files and `replay`
//! references are resolved in `merge.rs`.

use super::fields::{Fields, as_string, not_blank, wrong_type};
use super::item::{self, Id};
use super::{Cx, FastSet, Span, describe};
use crate::content::rules::{BAD_ID, SCENARIO_WITHOUT_KEY, WRONG_TYPE};
use crate::content::rules::{
    BAD_RULE, GENERATE_RANGE, MISSING_KEY, MISSING_KEY_FIELD, NO_RULE, OUT_OF_RANGE, OVER_BUDGET,
    UNUSED_RULE,
};
use crate::content::{Datum, Expected, Generate, Origin, RuleAction, Scenario, ScenarioEvent};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub(crate) const SCENARIO_KEYS: &[&str] = &[
    "id",
    "title",
    "about",
    "key",
    "snapshot_every",
    "events",
    "rules",
    "generate",
];
const EVENT_KEYS: &[&str] = &["stream", "type", "data", "expected", "writer"];
const GENERATE_KEYS: &[&str] = &["count", "entities", "stream", "pattern"];
const PATTERN_KEYS: &[&str] = &["type", "data"];
const MAX_SNAPSHOT_EVERY: i64 = 10_000_000;

/// Read and check one scenario.
pub(super) fn read(cx: &mut Cx, table: &DeTable, header: Span) -> (Scenario, Option<Id>) {
    let fields = Fields::new(
        cx,
        table,
        header.clone(),
        "[[scenario]]",
        SCENARIO_KEYS,
        &[],
    );
    let id = item::read_id(cx, &fields);
    if let Some(id) = id
        .as_ref()
        .filter(|id| id.value == crate::content::MY_PROGRESS)
    {
        cx.report(
            BAD_ID,
            id.span.clone(),
            format!("the scenario id `{}` is kata's own", id.value),
        )
        .help = Some(
            "`kata replay my-progress` replays the learner's journal; choose another id".into(),
        );
    }
    let title = fields.text(cx, "title", true);
    let about = fields.text(cx, "about", false);
    let key = fields.text(cx, "key", false);
    let snapshot_every = match fields.integer(cx, "snapshot_every") {
        Some((n, _)) if (0..=MAX_SNAPSHOT_EVERY).contains(&n) => n as u64,
        Some((n, span)) => {
            cx.report(
                OUT_OF_RANGE,
                span,
                format!("`snapshot_every` is {n}; give 0 (never) to {MAX_SNAPSHOT_EVERY}"),
            );
            0
        }
        None => 0,
    };
    let mut typed = Vec::new(); // (event type, span) of every event, listed and pattern
    let (events, data_at) = read_events(cx, &fields, &mut typed);
    let generate = read_generate(cx, &fields, &mut typed);
    if events.is_empty() && fields.get("generate").is_none() {
        cx.report(MISSING_KEY, header.clone(), "[[scenario]] has no events")
            .help = Some("list `events = [...]`, or add a `[scenario.generate]` table".into());
    }
    let rules = read_rules(cx, &fields, &typed);
    if let Some(key) = &key {
        for (event, at) in events.iter().zip(&data_at) {
            if !event.data.iter().any(|(k, _)| k == key.value) {
                cx.report(
                    MISSING_KEY_FIELD,
                    at.clone(),
                    format!(
                        "this {} event has no `{}` in its data, the scenario's key field",
                        event.event_type, key.value
                    ),
                )
                .help = Some(format!(
                    "add `{} = …` to its data so replay knows which entity it changes",
                    key.value
                ));
            }
        }
    }
    if key.is_none() {
        without_key(cx, &header, &events, &rules);
    }
    let scenario = Scenario {
        id: id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        title: title.map(|t| t.value.to_string()).unwrap_or_default(),
        about: about.map(|t| t.value.to_string()),
        key: key.map(|t| t.value.to_string()),
        snapshot_every,
        events,
        rules,
        generate,
        origin: Origin {
            path: cx.path.to_string(),
            line: cx.lines.place(header.start).line,
        },
    };
    check_budget(cx, &fields, &scenario);
    (scenario, id)
}

/// Warn when a scenario has no `key` but its events come from several
/// streams: replay then folds every event into one record, so a second
/// `create` silently overwrites the first entity, and the lesson changes
/// (K051). One stream is one entity: no key is needed there.
fn without_key(
    cx: &mut Cx,
    header: &Span,
    events: &[ScenarioEvent],
    rules: &[(String, RuleAction)],
) {
    let mut streams: Vec<&str> = events.iter().map(|e| e.stream.as_str()).collect();
    streams.sort_unstable();
    streams.dedup();
    if streams.len() < 2 || rules.is_empty() {
        return;
    }
    let shown = streams.len().min(3);
    let more = if streams.len() > shown { ", …" } else { "" };
    let fields: Vec<&str> = events
        .first()
        .map(|e| e.data.iter().map(|(k, _)| k.as_str()).collect())
        .unwrap_or_default();
    let suggestion = fields
        .iter()
        .find(|f| f.ends_with("id") || f.ends_with("Id"))
        .or(fields.first())
        .map_or("the data field that names the entity".to_string(), |f| {
            format!("`key = \"{f}\"`")
        });
    cx.report(
        SCENARIO_WITHOUT_KEY,
        header.clone(),
        format!(
            "this scenario has no `key`, but its events come from {} streams ({}{more}): replay folds them all into one record",
            streams.len(),
            streams[..shown].join(", ")
        ),
    )
    .help = Some(format!(
        "add {suggestion} so each entity keeps its own state; without a key the state is one record, as for a single stream"
    ));
}

/// Refuse a scenario whose replay would exhaust memory (K035), at the key
/// that costs most: `snapshot_every` for snapshots, `generate.count` for the
/// log, `generate.entities` for the state.
fn check_budget(cx: &mut Cx, fields: &Fields, scenario: &Scenario) {
    let Err(refused) = crate::content::within_budget(scenario) else {
        return;
    };
    let generate = |key: &str| match fields.get("generate").map(|g| g.get_ref()) {
        Some(DeValue::Table(t)) => t.get(key).map(|v| v.span()),
        _ => None,
    };
    let span = match refused.largest_part() {
        "snapshots" => fields.get("snapshot_every").map(|v| v.span()),
        "events" => generate("count"),
        _ => generate("entities"),
    }
    .or_else(|| generate("count"))
    .unwrap_or_else(|| fields.header());
    cx.report(OVER_BUDGET, span, refused.to_string()).help = Some(refused.help().into());
}

/// The tables of an array key (`events`, `pattern`), each with its span.
fn tables<'a, 'i>(
    cx: &mut Cx,
    key: &str,
    value: &'a Spanned<DeValue<'i>>,
) -> Vec<(&'a DeTable<'i>, Span)> {
    let DeValue::Array(array) = value.get_ref() else {
        wrong_type(cx, key, "an array of tables like `{ type = \"…\" }`", value);
        return Vec::new();
    };
    let mut found = Vec::new();
    for element in array.iter() {
        match element.get_ref() {
            DeValue::Table(t) => found.push((t, element.span())),
            _ => wrong_type(cx, key, "an array of tables", element),
        }
    }
    found
}

/// The listed events, each with where its data is written (the event
/// itself when it has none): where a missing key field is reported.
fn read_events(
    cx: &mut Cx,
    fields: &Fields,
    typed: &mut Vec<(String, Span)>,
) -> (Vec<ScenarioEvent>, Vec<Span>) {
    let Some(value) = fields.get("events") else {
        return (Vec::new(), Vec::new());
    };
    let mut events = Vec::new();
    let mut data_at = Vec::new();
    for (table, span) in tables(cx, "events", value) {
        let at = table.get("data").map_or(span.clone(), |d| d.span());
        let f = Fields::new(cx, table, span, "an event of [[scenario]]", EVENT_KEYS, &[]);
        let stream = f.text(cx, "stream", true);
        let event_type = f.text(cx, "type", true);
        let data = read_data(cx, &f);
        let expected = f.get("expected").and_then(|v| read_expected(cx, v));
        let writer = f.text(cx, "writer", false);
        if let Some(t) = &event_type {
            typed.push((t.value.to_string(), t.span.clone()));
        }
        if let (Some(stream), Some(event_type)) = (stream, event_type) {
            events.push(ScenarioEvent {
                stream: stream.value.to_string(),
                event_type: event_type.value.to_string(),
                data,
                expected,
                writer: writer.map(|w| w.value.to_string()),
            });
            data_at.push(at);
        }
    }
    (events, data_at)
}

pub(super) fn read_data(cx: &mut Cx, f: &Fields) -> Vec<(String, Datum)> {
    match f.get("data") {
        None => Vec::new(),
        Some(value) => match read_datum(cx, "data", value) {
            Some(Datum::Table(fields)) => fields,
            Some(_) => {
                wrong_type(cx, "data", "a table like `{ userId = 1 }`", value);
                Vec::new()
            }
            None => Vec::new(),
        },
    }
}

fn read_expected(cx: &mut Cx, value: &Spanned<DeValue>) -> Option<Expected> {
    let expected = match value.get_ref() {
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .ok()
            .filter(|n| *n >= 0)
            .map(|n| Expected::Revision(n as u64)),
        DeValue::String(s) => match s.as_ref() {
            "any" => Some(Expected::Any),
            "no_stream" => Some(Expected::NoStream),
            "exists" => Some(Expected::Exists),
            _ => None,
        },
        _ => None,
    };
    if expected.is_none() {
        match value.get_ref() {
            // A wrong word is not a wrong type: name the words, and the near one.
            DeValue::String(s) => {
                let words = ["any", "no_stream", "exists"];
                let near = super::fields::nearest(s, &words);
                let fix = near.map(|near| cx.fix(value.span(), format!("\"{near}\"")));
                let d = cx.report(
                    WRONG_TYPE,
                    value.span(),
                    format!("`expected` is `{s}`, which is not a revision or one of \"any\", \"no_stream\", \"exists\""),
                );
                d.help = Some(match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => {
                        "write a revision (0, 1, …), or \"any\", \"no_stream\" or \"exists\"".into()
                    }
                });
                d.fix = fix;
            }
            _ => wrong_type(
                cx,
                "expected",
                "a revision (0, 1, …) or \"any\", \"no_stream\", \"exists\"",
                value,
            ),
        }
    }
    expected
}

/// Whether a name can be written as a TOML bare key.
fn is_bare_key(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Any TOML value but a date.
fn read_datum(cx: &mut Cx, key: &str, value: &Spanned<DeValue>) -> Option<Datum> {
    Some(match value.get_ref() {
        DeValue::Boolean(b) => Datum::Bool(*b),
        DeValue::Integer(n) => match i64::from_str_radix(n.as_str(), n.radix()) {
            Ok(n) => Datum::Int(n),
            Err(_) => {
                wrong_type(cx, key, "an integer that fits 64 bits", value);
                return None;
            }
        },
        DeValue::Float(x) => match x.as_str().parse::<f64>() {
            // NaN equals nothing, not even itself: replay would show it changing at every event.
            Ok(x) if !x.is_nan() => Datum::Float(x),
            _ => {
                wrong_type(cx, key, "a number (`nan` is not one)", value);
                return None;
            }
        },
        DeValue::String(_) => Datum::Text(as_string(cx, key, value)?.value.to_string()),
        DeValue::Array(items) => Datum::List(
            items
                .iter()
                .filter_map(|item| read_datum(cx, key, item))
                .collect(),
        ),
        DeValue::Table(table) => Datum::Table(
            table
                .iter()
                .filter_map(|(k, v)| {
                    Some((k.get_ref().to_string(), read_datum(cx, k.get_ref(), v)?))
                })
                .collect(),
        ),
        DeValue::Datetime(_) => {
            wrong_type(
                cx,
                key,
                "a number, string, boolean, array or table (not a date)",
                value,
            );
            return None;
        }
    })
}

fn read_rules(cx: &mut Cx, fields: &Fields, typed: &[(String, Span)]) -> Vec<(String, RuleAction)> {
    let Some(table) = fields.table(cx, "rules") else {
        if fields.get("rules").is_none() {
            cx.report(MISSING_KEY, fields.header(), "[[scenario]] is missing `rules`")
                .help = Some(
                "add `[scenario.rules]` with an action per event type, e.g. `UserCreated = \"create\"`"
                    .into(),
            );
        }
        return Vec::new();
    };
    // Event types are looked up, not searched for: a scenario with many
    // events and many rules checks in linear time.
    let types: FastSet<&str> = typed.iter().map(|(t, _)| t.as_str()).collect();
    let mut rules = Vec::new();
    for (key, value) in table.iter() {
        let event_type = key.get_ref().to_string();
        if !types.contains(event_type.as_str()) {
            let near = super::fields::nearest_name(&event_type, types.iter().copied());
            // Renamed only to a type that has no rule yet (else a duplicate
            // key) and that stays a bare key.
            // …and that no other rule key is meant as (`OrderPlace` and
            // `OrderPlacd` both near `OrderPlaced`: neither fix is certain).
            let alone = near.is_some_and(|near| {
                !cx.full()
                    && table
                        .keys()
                        .filter(|k| {
                            let k = k.get_ref().as_ref();
                            !types.contains(k)
                                && super::fields::nearest_name(k, types.iter().copied())
                                    == Some(near)
                        })
                        .count()
                        == 1
            });
            let fix = near
                .filter(|near| alone && !table.contains_key(*near) && is_bare_key(near))
                .filter(|_| super::fields::written_once(cx.text, &event_type))
                .map(|near| cx.fix(key.span(), near));
            let d = cx.report(
                UNUSED_RULE,
                key.span(),
                format!("rule for `{event_type}`, but no event of the scenario has that type"),
            );
            d.help = Some(match near {
                Some(near) => format!("did you mean `{near}`? (an event type of this scenario)"),
                None => "check the spelling against the events' `type`, or remove the rule".into(),
            });
            d.fix = fix;
        }
        if let Some(action) = read_action(cx, &event_type, value) {
            rules.push((event_type, action));
        }
    }
    let mut warned: FastSet<&str> = FastSet::default();
    for (t, span) in typed {
        if !table.contains_key(t.as_str()) && warned.insert(t) {
            // A rule one slip away from this type is the likelier fix.
            let misspelt = super::fields::nearest_name(
                t,
                table
                    .keys()
                    .map(|k| k.get_ref().as_ref())
                    .filter(|k| !types.contains(k)),
            );
            cx.report(
                NO_RULE,
                span.clone(),
                format!("no rule for `{t}` events: replay will skip them"),
            )
            .help = Some(match misspelt {
                Some(rule) => format!("the rule `{rule}` looks meant for `{t}`: rename it `{t}`"),
                None => format!("add `{t} = \"merge\"` (or another action) to `[scenario.rules]`"),
            });
        }
    }
    rules
}

const ACTION_HELP: &str = r#"write "create", "merge", "delete", or a table: { set = { status = "shipped" } }, { add = { balance = "amount" } }, subtract, push, remove"#;

fn read_action(cx: &mut Cx, event_type: &str, value: &Spanned<DeValue>) -> Option<RuleAction> {
    let bad = |cx: &mut Cx, span: Span, message: String| {
        cx.report(BAD_RULE, span, message).help = Some(ACTION_HELP.into());
        None
    };
    match value.get_ref() {
        DeValue::String(word) => match word.as_ref() {
            "create" => Some(RuleAction::Create),
            "merge" => Some(RuleAction::Merge),
            "delete" => Some(RuleAction::Delete),
            other => bad(
                cx,
                value.span(),
                format!("unknown action `{other}` for `{event_type}`"),
            ),
        },
        DeValue::Table(table) if table.len() == 1 => {
            let (verb, arguments) = table.iter().next().expect("one entry");
            let verb_name = verb.get_ref().as_ref();
            let DeValue::Table(arguments_table) = arguments.get_ref() else {
                return bad(
                    cx,
                    arguments.span(),
                    format!(
                        "`{verb_name}` takes a table like {{ field = … }}, found {}",
                        describe(arguments.get_ref())
                    ),
                );
            };
            if verb_name == "set" {
                let mut pairs = Vec::new();
                for (field, literal) in arguments_table.iter() {
                    pairs.push((
                        field.get_ref().to_string(),
                        read_datum(cx, field.get_ref(), literal)?,
                    ));
                }
                return Some(RuleAction::Set(pairs));
            }
            let mut pairs = Vec::new();
            for (field, source) in arguments_table.iter() {
                match source.get_ref() {
                    DeValue::String(s) if !s.trim().is_empty() => {
                        pairs.push((field.get_ref().to_string(), s.to_string()))
                    }
                    other => {
                        return bad(
                            cx,
                            source.span(),
                            format!(
                                "`{verb_name}.{}` must name a data field as a string, found {}",
                                field.get_ref(),
                                describe(other)
                            ),
                        );
                    }
                }
            }
            match verb_name {
                "add" => Some(RuleAction::Add(pairs)),
                "subtract" => Some(RuleAction::Subtract(pairs)),
                "push" => Some(RuleAction::Push(pairs)),
                "remove" => Some(RuleAction::Remove(pairs)),
                other => bad(
                    cx,
                    verb.span(),
                    format!("unknown action `{other}` for `{event_type}`"),
                ),
            }
        }
        other => bad(
            cx,
            value.span(),
            format!(
                "the rule for `{event_type}` must be a word or a one-key table, found {}",
                describe(other)
            ),
        ),
    }
}

fn read_generate(
    cx: &mut Cx,
    fields: &Fields,
    typed: &mut Vec<(String, Span)>,
) -> Option<Generate> {
    let value = fields.get("generate")?;
    let DeValue::Table(table) = value.get_ref() else {
        wrong_type(cx, "generate", "a table (`[scenario.generate]`)", value);
        return None;
    };
    let g = Fields::new(
        cx,
        table,
        value.span(),
        "[scenario.generate]",
        GENERATE_KEYS,
        &[],
    );
    let count = match g.integer(cx, "count") {
        None => {
            cx.report(
                MISSING_KEY,
                g.header(),
                "[scenario.generate] is missing `count`",
            );
            None
        }
        Some((n, span)) => {
            let ok = n >= 0 && Generate::COUNT.contains(&(n as u64));
            if !ok {
                cx.report(
                    GENERATE_RANGE,
                    span,
                    format!("`count` is {n}; give 1 to 10,000,000 generated events"),
                )
                .help = Some(
                    "write e.g. `count = 1000`; a million events replay in about a second".into(),
                );
            }
            ok.then_some(n as u64)
        }
    };
    let entities = match g.integer(cx, "entities") {
        None => {
            cx.report(
                MISSING_KEY,
                g.header(),
                "[scenario.generate] is missing `entities`",
            );
            None
        }
        Some((n, span)) => {
            let ok = n >= 1 && count.is_none_or(|c| n as u64 <= c);
            if !ok {
                cx.report(
                    GENERATE_RANGE,
                    span,
                    format!("`entities` is {n}; give at least 1 and at most `count`"),
                )
                .help = Some(format!(
                    "write `entities = {}` or fewer: each entity gets events in turn",
                    count.map_or(1, |c| c.clamp(1, 100))
                ));
            }
            ok.then_some(n as u64)
        }
    };
    let stream = g.text(cx, "stream", true);
    let mut pattern = Vec::new();
    match g.get("pattern") {
        None => {
            cx.report(
                MISSING_KEY,
                g.header(),
                "[scenario.generate] is missing `pattern`",
            );
        }
        Some(value) => {
            let steps = tables(cx, "pattern", value);
            if steps.is_empty() {
                cx.report(MISSING_KEY, value.span(), "`pattern` has no step")
                    .help = Some("give at least one `{ type = \"…\", data = { … } }`".into());
            }
            for (table, span) in steps {
                let f = Fields::new(cx, table, span, "a step of `pattern`", PATTERN_KEYS, &[]);
                let event_type = f.text(cx, "type", true);
                let data = read_data(cx, &f);
                if let Some(t) = event_type {
                    typed.push((t.value.to_string(), t.span.clone()));
                    pattern.push((t.value.to_string(), data));
                }
            }
        }
    }
    if let Some(stream) = &stream {
        not_blank(cx, "stream", stream);
    }
    Some(Generate {
        count: count?,
        entities: entities?,
        stream: stream?.value.to_string(),
        pattern: Some(pattern).filter(|p| !p.is_empty())?,
    })
}
