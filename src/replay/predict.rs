//! Predict's core, UI-free: for a scenario's timeline and a position, what the
//! event there truly does to the state (computed by the same rebuild as the
//! lab: the snapshot rule, then the event applied with its changes traced),
//! and plausible wrong answers derived from the same facts, so an author
//! never writes an answer that could drift from the store.

use super::Timeline;
use crate::store::{Change, ChangeKind, Name, Projection, Value};

/// What one step of a scenario does.
#[derive(Debug, Clone, PartialEq)]
pub enum Truth {
    /// The event changed the state: each entity or field it added, changed or removed.
    Changed(Vec<Change>),
    /// The event applied and changed nothing (say, a value set to what it was).
    Nothing,
    /// The event's rule could not apply: the state is unchanged, with this warning.
    Warning(String),
    /// The store refused the append, so no event was stored: the reason.
    Refused(String),
}

/// The truth at 0-based `position` of the log: the state just before it,
/// rebuilt by the snapshot rule, then the event applied and traced.
///
/// ```
/// use kata::replay::predict::{Truth, truth_at};
/// let catalog = kata::content::load(&[]);
/// let users = kata::replay::Timeline::new(catalog.scenario("user-after-delete").unwrap());
/// assert!(matches!(truth_at(&users, 0), Some(Truth::Changed(_))));
/// assert!(matches!(truth_at(&users, 2), Some(Truth::Warning(w)) if w.contains("deleted")));
/// assert_eq!(truth_at(&users, 3), None);
/// ```
pub fn truth_at(timeline: &Timeline, position: u64) -> Option<Truth> {
    let event = timeline.event(position)?;
    let (mut state, _) = timeline.state_at(position);
    let mut changes = Vec::new();
    let warning = timeline
        .rules()
        .apply_traced(&mut state, &event, &mut changes);
    Some(match warning {
        Some(w) => Truth::Warning(w.to_string()),
        None if changes.is_empty() => Truth::Nothing,
        None => Truth::Changed(changes),
    })
}

/// The truth of the `n`-th refused append of the scenario (they sit between
/// stored events: see [`super::Refusal::after`]).
pub fn refused(timeline: &Timeline, n: usize) -> Option<Truth> {
    let r = timeline.refusals().get(n)?;
    Some(Truth::Refused(r.reason.clone()))
}

/// A field's value right after the event at `position`, the learner's
/// question in a `[[predict]]` item: `None` when the entity or the field
/// does not exist then.
///
/// ```
/// use kata::store::Value;
/// let catalog = kata::content::load(&[]);
/// let bank = kata::replay::Timeline::new(catalog.scenario("bank-account").unwrap());
/// // Opened at 0, +10, −3, +10, −3: after position 4 the balance is 14.
/// let balance = kata::replay::predict::value_after(&bank, 4, &Value::from(0i64), "balance");
/// assert_eq!(balance, Some(Value::from(14i64)));
/// ```
pub fn value_after(
    timeline: &Timeline,
    position: u64,
    entity: &Value,
    field: &str,
) -> Option<Value> {
    let (state, _) = timeline.state_at(position + 1);
    let fields = match timeline.rules().key() {
        Some(_) => state.get(entity)?,
        None => state.record()?,
    };
    fields.get(field).cloned()
}

/// One answer offered to the learner.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The value as shown, e.g. `14` or `(no such field)`.
    pub text: String,
    pub correct: bool,
    /// For a wrong one: the slip that leads to it, to say after a wrong pick.
    pub why: &'static str,
}

pub(super) const NO_VALUE: &str = "(no such field)";

fn shown(value: Option<&Value>) -> String {
    value.map_or(NO_VALUE.to_string(), Value::to_string)
}

/// The true value of `field` of `entity` right after the event at `position`,
/// first, then plausible wrong values, each from a real slip: the event
/// ignored (the value before it), the event applied twice (at odd
/// positions) or the change taken the wrong way (at even ones: offering both
/// mirror images would make the middle value always right), or the event's
/// number taken as the new value.
/// No two choices show the same text; `None` past the end of the log.
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let bank = kata::replay::Timeline::new(catalog.scenario("bank-account").unwrap());
/// let choices = kata::replay::predict::choices(&bank, 4, &kata::store::Value::from(0i64), "balance").unwrap();
/// let texts: Vec<&str> = choices.iter().map(|c| c.text.as_str()).collect();
/// // Position 4 is a withdrawal of 3 from 17.
/// // The true value, the event left out, the change the wrong way, its own number.
/// assert_eq!(texts, ["14", "17", "20", "3"]);
/// assert!(choices[0].correct && choices[1..].iter().all(|c| !c.correct));
/// ```
pub fn choices(
    timeline: &Timeline,
    position: u64,
    entity: &Value,
    field: &str,
) -> Option<Vec<Choice>> {
    let event = timeline.event(position)?;
    let (mut state, _) = timeline.state_at(position);
    let get = |state: &crate::store::RulesState| -> Option<Value> {
        let fields = match timeline.rules().key() {
            Some(_) => state.get(entity)?,
            None => state.record()?,
        };
        fields.get(field).cloned()
    };
    let before = get(&state);
    timeline.rules().apply(&mut state, &event);
    let after = get(&state);
    let mut out = vec![Choice {
        text: shown(after.as_ref()),
        correct: true,
        why: "",
    }];
    fn offer(out: &mut Vec<Choice>, value: Option<Value>, why: &'static str) {
        let text = shown(value.as_ref());
        if !out.iter().any(|c| c.text == text) {
            out.push(Choice {
                text,
                correct: false,
                why,
            });
        }
    }
    offer(
        &mut out,
        before.clone(),
        "the value before this event: the event was left out",
    );
    // The change in numbers, when the field is a number before and after.
    // Only one of the two mirror images of the true change is offered, which
    // one by the position: with both, the middle value would always be right.
    if let (Some(Value::Int(b)), Some(Value::Int(a))) = (&before, &after) {
        let delta = a - b;
        if delta != 0 {
            if position % 2 == 1 {
                offer(
                    &mut out,
                    Some(Value::from(a + delta)),
                    "the event applied twice: each event is folded exactly once",
                );
            } else {
                offer(
                    &mut out,
                    Some(Value::from(b - delta)),
                    "the change applied in the wrong direction: this event's rule moves the value the other way",
                );
            }
        }
    }
    // The event's own number taken as the field's new value.
    let key: Option<Name> = timeline.rules().key();
    let own = event
        .data()
        .fields()
        .iter()
        .find(|(name, v)| Some(*name) != key && matches!(v, Value::Int(_)))
        .map(|(_, v)| v.clone());
    if let Some(own) = own {
        offer(
            &mut out,
            Some(own),
            "the event's own number: its rule folds it into the state rather than replacing it",
        );
    }
    if after.is_some() && out.len() < 4 {
        offer(
            &mut out,
            None,
            "thinking the field is gone: the entity and its field exist right after this event",
        );
    }
    Some(out)
}

/// Whether a change touches `field` of `entity` (or the whole entity).
pub fn touches(change: &Change, entity: &Value, field: Option<&str>) -> bool {
    change.key.as_ref() == Some(entity)
        && match (field, change.field) {
            (Some(f), Some(c)) => c.as_str() == f,
            (None, _) => true,
            (Some(_), None) => change.kind != ChangeKind::Changed,
        }
}

/// A prediction may replay at most this many events: it is replayed
/// whenever kata loads content. Bigger scenarios are for the lab's Predict mode.
pub const PREDICT_ITEM_EVENTS: u64 = 20_000;

/// Turns every topic's `[[predict]]` items into questions, each scenario
/// replayed once: the answer is the field's true value right after the
/// event, the wrong options are [`choices`]' slips, each with why it is
/// wrong as its feedback, and the steps show the rebuild. A prediction that
/// asks past its scenario's end (K061) or about a field that does not exist
/// then (K062) is left out with a diagnostic at its `at` or `field`; the
/// rest of the topic works. Calling it again changes nothing.
///
/// ```
/// let mut catalog = kata::content::load(&[]);
/// let before = catalog.topic("event-store").unwrap().questions.len();
/// kata::replay::predict::resolve(&mut catalog);
/// let topic = catalog.topic("event-store").unwrap();
/// assert_eq!(topic.questions.len(), before + topic.predictions.len());
/// ```
pub fn resolve(catalog: &mut crate::content::Catalog) {
    use std::collections::HashMap;
    let mut timelines: HashMap<String, Option<Timeline>> = HashMap::new();
    let mut problems = Vec::new();
    for t in 0..catalog.topics.len() {
        let mut questions = Vec::new();
        for p in &catalog.topics[t].predictions {
            if catalog.topics[t].questions.iter().any(|q| q.id == p.id) {
                continue;
            }
            // An unknown scenario is K026's, reported with the file.
            let Some(scenario) = catalog.scenario(&p.scenario) else {
                continue;
            };
            if scenario.total_events() > PREDICT_ITEM_EVENTS {
                problems.push(*problem(
                    "K061",
                    p,
                    p.at_place.as_ref(),
                    format!(
                        "`{}` has {} events: a prediction replays its scenario whenever kata loads, up to {PREDICT_ITEM_EVENTS} events",
                        p.scenario,
                        scenario.total_events()
                    ),
                    "ask about a smaller scenario; on this one, the lab's Predict mode (p) asks about every event",
                ));
                continue;
            }
            let timeline = timelines
                .entry(p.scenario.clone())
                .or_insert_with(|| Timeline::try_new(scenario).ok());
            let Some(timeline) = timeline.as_ref() else {
                continue;
            };
            match question(timeline, p) {
                Ok(q) => questions.push(q),
                Err(d) => problems.push(*d),
            }
        }
        catalog.topics[t].questions.extend(questions);
    }
    catalog.problems.extend(problems);
}

fn problem(
    code: &'static str,
    p: &crate::content::Prediction,
    place: Option<&crate::content::Related>,
    message: String,
    help: &str,
) -> Box<crate::content::Diagnostic> {
    let mut d = crate::content::Diagnostic::error(code, p.origin.path.clone(), message);
    if let Some(place) = place {
        d.at = Some(place.at);
        d.end = place.end;
        d.source_line = place.source_line.clone();
    }
    d.help = Some(help.to_string());
    Box::new(d)
}

/// One prediction as a question, or why it cannot be asked.
fn question(
    timeline: &Timeline,
    p: &crate::content::Prediction,
) -> Result<crate::content::Question, Box<crate::content::Diagnostic>> {
    let len = timeline.len();
    if p.at >= len {
        return Err(problem(
            "K061",
            p,
            p.at_place.as_ref(),
            format!(
                "`at` is {}, but `{}` has positions 0 to {}",
                p.at,
                p.scenario,
                len.saturating_sub(1)
            ),
            "positions count the scenario's stored events from 0 (refused appends are not stored)",
        ));
    }
    let keyed = timeline.rules().key();
    let entity = match (&p.entity, keyed) {
        (Some(datum), _) => super::value(datum),
        (None, Some(key)) => {
            return Err(problem(
                "K062",
                p,
                p.field_place.as_ref(),
                format!(
                    "`{}` keeps one entity per `{key}`: say which with `entity = …`",
                    p.scenario
                ),
                "add `entity = ` and the key of the entity asked about",
            ));
        }
        (None, None) => Value::Bool(false),
    };
    let who = match keyed {
        Some(key) => format!("{key} {entity}"),
        None => "the record".to_string(),
    };
    let Some(value) = value_after(timeline, p.at, &entity, &p.field) else {
        let (state, _) = timeline.state_at(p.at + 1);
        let fields: Option<Vec<String>> = match keyed {
            Some(_) => state.get(&entity),
            None => state.record(),
        }
        .map(|t| t.iter().map(|(name, _)| format!("`{name}`")).collect());
        let help = match fields {
            Some(names) if !names.is_empty() => {
                format!("right after it, {who} has {}", names.join(", "))
            }
            _ => format!(
                "{who} does not exist right after position {}: ask about a later one",
                p.at
            ),
        };
        return Err(problem(
            "K062",
            p,
            p.field_place.as_ref(),
            format!(
                "right after position {} of `{}`, {who} has no field `{}`",
                p.at, p.scenario, p.field
            ),
            &help,
        ));
    };
    let choices = choices(timeline, p.at, &entity, &p.field).expect("the position exists");
    let event = timeline.event(p.at).expect("the position exists");
    let shown_event = format!("{} {}", event.event_type(), event.data());
    let (before_state, rebuild) = timeline.state_at(p.at);
    let before = match keyed {
        Some(_) => before_state.get(&entity),
        None => before_state.record(),
    }
    .and_then(|fields| fields.get(&p.field).cloned());
    let prompt = if p.prompt.is_empty() {
        format!(
            "Replay “{}”: what is `{}` of {who} right after position {} ({shown_event})?",
            timeline.title, p.field, p.at
        )
    } else {
        p.prompt.clone()
    };
    // The rebuild in words: from the start, or from the latest snapshot.
    let positions = |from: u64, to: u64| match from == to {
        true => format!("position {from}"),
        false => format!("positions {from} to {to}"),
    };
    let rebuilt = match rebuild {
        None => "nothing applied yet".to_string(),
        Some(r) => match r.snapshot {
            None => format!("{} folded from the start", positions(0, r.position)),
            Some(s) if s == r.position => {
                format!("loaded as it is from the snapshot taken right after position {s}")
            }
            Some(s) => format!(
                "the snapshot taken right after position {s}, then {} folded on it",
                positions(s + 1, r.position)
            ),
        },
    };
    let steps = vec![
        match &before {
            Some(b) => format!(
                "Before position {}, `{}` of {who} is {b} ({rebuilt}).",
                p.at, p.field
            ),
            None => format!(
                "Before position {}, {who} has no `{}` yet ({rebuilt}).",
                p.at, p.field
            ),
        },
        match (&before, &value) {
            (Some(Value::Int(b)), Value::Int(a)) if a != b => format!(
                "Position {} is {shown_event}: its rule changes `{}` once, {b} {} {} = {a}.",
                p.at,
                p.field,
                if a > b { "+" } else { "−" },
                (a - b).abs()
            ),
            (Some(b), a) if a == b => format!(
                "Position {} is {shown_event}: its rule leaves `{}` as it was.",
                p.at, p.field
            ),
            _ => format!(
                "Position {} is {shown_event}: its rule sets `{}` to {value}, once.",
                p.at, p.field
            ),
        },
        format!("So right after it, `{}` of {who} is {value}.", p.field),
    ];
    // The true value first would put every prediction's answer at A where
    // options are not shuffled (`shuffle = false` sessions, exports): turn
    // the list by the item's id, the same way every time.
    let mut choices = choices;
    let turn =
        p.id.bytes()
            .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
    let len = choices.len();
    choices.rotate_right(turn % len);
    let answer = choices.iter().position(|c| c.correct).expect("one is true");
    let feedback = choices
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.correct)
        .map(|(i, c)| (i, format!("That is {}.", c.why)))
        .collect();
    Ok(crate::content::Question {
        id: p.id.clone(),
        difficulty: p.difficulty,
        prompt,
        options: choices.iter().map(|c| c.text.clone()).collect(),
        answer,
        choose_all: Vec::new(),
        steps,
        quick_check: None,
        hint: p.hint.clone(),
        mistakes: Vec::new(),
        feedback,
        replay: Some(p.scenario.clone()),
        shuffle: true,
        origin: p.origin.clone(),
    })
}

/// [`crate::content::load`], with every prediction replayed into its
/// question ([`resolve`]): what the front-ends and commands load.
///
/// ```
/// let catalog = kata::replay::predict::load(&[]);
/// let topic = catalog.topic("event-store").unwrap();
/// assert!(topic.predictions.iter().all(|p| topic.questions.iter().any(|q| q.id == p.id)));
/// ```
pub fn load(extra: &[std::path::PathBuf]) -> crate::content::Catalog {
    let mut catalog = crate::content::load(extra);
    resolve(&mut catalog);
    catalog
}
