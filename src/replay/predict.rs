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
/// ignored (the value before it), the event applied twice, the event's
/// amount taken the wrong way, or the event's number taken as the new value.
/// No two choices show the same text; `None` past the end of the log.
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let bank = kata::replay::Timeline::new(catalog.scenario("bank-account").unwrap());
/// let choices = kata::replay::predict::choices(&bank, 4, &kata::store::Value::from(0i64), "balance").unwrap();
/// let texts: Vec<&str> = choices.iter().map(|c| c.text.as_str()).collect();
/// // Position 4 is a withdrawal of 3 from 17.
/// assert_eq!(texts, ["14", "17", "11", "20", "3"]);
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
    if let (Some(Value::Int(b)), Some(Value::Int(a))) = (&before, &after) {
        let delta = a - b;
        if delta != 0 {
            offer(
                &mut out,
                Some(Value::from(a + delta)),
                "the event applied twice: each event is folded exactly once",
            );
            offer(
                &mut out,
                Some(Value::from(b - delta)),
                "the amount taken the wrong way: this event's rule goes the other way",
            );
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
    offer(
        &mut out,
        own,
        "the event's own number: its rule folds it into the state rather than replacing it",
    );
    if after.is_some() && out.len() < 4 {
        offer(
            &mut out,
            None,
            "no such field: the entity and field exist right after this event",
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
