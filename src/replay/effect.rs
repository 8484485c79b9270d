//! What a fill-in exercise's completed code does to its scenario's store:
//! the [`Effect`] vocabulary of content, with the learner's options bound in,
//! run against the scenario.

use super::Timeline;
use crate::content::{Effect, Scenario};
use crate::store::{Name, Recorded};

/// What the learner's code did, as lines a front-end shows under a title.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Outcome {
    /// One line: what ran, e.g. `filter: event.type != "OrderPlaced"`.
    pub title: String,
    /// The events or counts it produced.
    pub lines: Vec<String>,
    /// What it means, when the code does not do what the task asks.
    pub note: Option<String>,
}

/// One event as a row: `#3 order-1@0 OrderPlaced { id = "order-1" }`.
pub fn describe(event: &Recorded<'_>) -> String {
    format!(
        "#{} {}@{} {} {}",
        event.position(),
        event.stream(),
        event.revision(),
        event.event_type(),
        event.data()
    )
}

/// Trims spaces and quotes: `'UserDeleted'` → `UserDeleted`.
fn unquote(text: &str) -> &str {
    text.trim().trim_matches(|c| c == '\'' || c == '"')
}

/// `event.type`, `.type`, `event["type"]` and `type` all name the field `type`.
fn field_name(text: &str) -> &str {
    let t = text.trim();
    let t = t.strip_prefix("event").unwrap_or(t);
    let t = t.strip_prefix('.').unwrap_or(t);
    let t = t
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(t);
    unquote(t)
}

/// A condition on events: which part of the event, `==`/`!=`, and the value.
struct Condition {
    field: String,
    equal: bool,
    value: String,
}

impl Condition {
    fn read(field: &str, compare: &str, value: &str) -> Result<Condition, String> {
        let equal = match compare.trim() {
            "==" => true,
            "!=" => false,
            other => {
                return Err(format!(
                    "`{other}` is not a comparison: the code would not run"
                ));
            }
        };
        Ok(Condition {
            field: field_name(field).to_string(),
            equal,
            value: unquote(value).to_string(),
        })
    }

    fn keeps(&self, event: &Recorded<'_>) -> bool {
        let matches = match self.field.as_str() {
            "type" => event.event_type().as_str() == self.value,
            "stream" => event.stream() == self.value,
            // Data is a table of facts: it never equals a name.
            _ => false,
        };
        matches == self.equal
    }

    fn text(&self) -> String {
        format!(
            "event.{} {} {:?}",
            self.field,
            if self.equal { "==" } else { "!=" },
            self.value
        )
    }
}

/// Runs `effect` (already bound to the learner's options) on `scenario`.
///
/// ```
/// use kata::content::Effect;
/// let catalog = kata::content::load(&[]);
/// let shop = catalog.scenario("shop-orders").unwrap();
/// let filter = Effect::Filter { field: ".type".into(), compare: "!=".into(), value: "OrderPlaced".into() };
/// let outcome = kata::replay::effect::run(shop, &filter);
/// assert!(outcome.lines.iter().all(|l| !l.contains("OrderPlaced")));
/// assert_eq!(outcome.lines.len(), 5);
/// ```
pub fn run(scenario: &Scenario, effect: &Effect) -> Outcome {
    match effect {
        Effect::Append { what, event } => append(scenario, what, event),
        Effect::Filter {
            field,
            compare,
            value,
        } => {
            let timeline = Timeline::new(scenario);
            match Condition::read(field, compare, value) {
                Err(note) => Outcome {
                    title: format!(
                        "filter: event{} {} {}",
                        field.trim(),
                        compare.trim(),
                        value.trim()
                    ),
                    lines: Vec::new(),
                    note: Some(note),
                },
                Ok(condition) => {
                    let lines: Vec<String> = timeline
                        .store()
                        .read_all(0)
                        .filter(|e| condition.keeps(e))
                        .map(|e| describe(&e))
                        .collect();
                    let note = match (condition.field.as_str(), condition.equal) {
                        ("type" | "stream", true) => None,
                        ("type" | "stream", false) => Some(format!(
                            "!= keeps every event except {}: {} of {}",
                            condition.value,
                            lines.len(),
                            timeline.len()
                        )),
                        (other, _) => Some(format!(
                            "event.{other} holds the event's facts, never its name: it is never equal to {:?}",
                            condition.value
                        )),
                    };
                    Outcome {
                        title: format!("filter: {}", condition.text()),
                        lines,
                        note,
                    }
                }
            }
        }
        Effect::Count {
            counter,
            compare,
            value,
        } => {
            let title = format!(
                "count: {}(event.type for event in store if event.type {} {})",
                counter.trim(),
                compare.trim(),
                value.trim()
            );
            if counter.trim() != "Counter" {
                return Outcome {
                    title,
                    lines: Vec::new(),
                    note: Some(format!(
                        "`{}` does not count anything: Counter does",
                        counter.trim()
                    )),
                };
            }
            let condition = match Condition::read("type", compare, value) {
                Ok(c) => c,
                Err(note) => {
                    return Outcome {
                        title,
                        lines: Vec::new(),
                        note: Some(note),
                    };
                }
            };
            let timeline = Timeline::new(scenario);
            let mut counts: Vec<(Name, u64)> = Vec::new();
            for event in timeline.store().read_all(0).filter(|e| condition.keeps(e)) {
                match counts.iter_mut().find(|(t, _)| *t == event.event_type()) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((event.event_type(), 1)),
                }
            }
            let note = condition.equal.then(|| {
                format!(
                    "== counts only {} events, the ones the task leaves out",
                    condition.value
                )
            });
            Outcome {
                title,
                lines: counts.iter().map(|(t, n)| format!("{t}: {n}")).collect(),
                note,
            }
        }
    }
}

fn append(scenario: &Scenario, what: &str, event: &crate::content::ScenarioEvent) -> Outcome {
    let what = unquote(what);
    let mut extended = scenario.clone();
    let note = match what {
        "event" => {
            extended.events.push(event.clone());
            None
        }
        w if w.ends_with(".data") || w == "data" => {
            let mut e = event.clone();
            e.event_type = "(no type)".into();
            extended.events.push(e);
            Some(
                "data without its type: replay cannot tell what happened, so no rule applies"
                    .into(),
            )
        }
        w if w.ends_with(".type") || w == "type" => {
            let mut e = event.clone();
            e.data.clear();
            extended.events.push(e);
            Some("a type without its data: replay knows something happened, but not to whom".into())
        }
        other => Some(format!(
            "`{other}` is not an event: nothing useful is appended"
        )),
    };
    let timeline = Timeline::new(&extended);
    let len = timeline.len();
    let from = len.saturating_sub(3);
    let mut lines: Vec<String> = (from..len)
        .filter_map(|p| timeline.event(p))
        .map(|e| describe(&e))
        .collect();
    if note.is_none()
        && let Some(last) = lines.last_mut()
    {
        last.push_str("   ← appended");
    }
    lines.push(format!(
        "state: {}",
        serde_json::to_string(timeline.final_state()).unwrap_or_default()
    ));
    Outcome {
        title: format!("event_store.append({what})"),
        lines,
        note,
    }
}
