//! Replay-lab scenarios as instructors write them (`[[scenario]]`): plain data,
//! checked, with nothing of the event store in it. `replay::` turns one into a
//! store and a projection.

use super::Origin;
use serde::Serialize;

/// A value in a scenario's event data or a `set` rule: the shape of TOML
/// without dates. Table fields come in key order (as the TOML parser gives them).
///
/// ```
/// use kata::content::Datum;
/// let d = Datum::Table(vec![("userId".into(), Datum::Int(1))]);
/// assert_eq!(d.get("userId"), Some(&Datum::Int(1)));
/// assert_eq!(Datum::Text("Alice".into()).to_string(), "\"Alice\"");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Datum {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    List(Vec<Datum>),
    Table(Vec<(String, Datum)>),
}

impl Datum {
    /// A field of a table.
    ///
    /// See the example on [`Datum`].
    pub fn get(&self, field: &str) -> Option<&Datum> {
        match self {
            Datum::Table(fields) => fields.iter().find(|(k, _)| k == field).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl std::fmt::Display for Datum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Datum::Bool(b) => write!(f, "{b}"),
            Datum::Int(n) => write!(f, "{n}"),
            Datum::Float(x) => write!(f, "{x:?}"),
            Datum::Text(s) => write!(f, "{s:?}"),
            Datum::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Datum::Table(fields) => {
                f.write_str("{")?;
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, " {k} = {v}")?;
                }
                f.write_str(" }")
            }
        }
    }
}

/// What an event of one type does to its entity: the rules projection's
/// actions as written in `[scenario.rules]`. Pairs are (entity field, data
/// field) for add/subtract/push/remove and (entity field, literal) for set.
///
/// ```
/// use kata::content::RuleAction;
/// let a = RuleAction::Add(vec![("balance".into(), "amount".into())]);
/// assert_eq!(a.verb(), "add");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleAction {
    Create,
    Merge,
    Delete,
    Set(Vec<(String, Datum)>),
    Add(Vec<(String, String)>),
    Subtract(Vec<(String, String)>),
    Push(Vec<(String, String)>),
    Remove(Vec<(String, String)>),
}

impl RuleAction {
    /// The word the author wrote: `create`, `set`, `add`…
    ///
    /// See the example on [`RuleAction`].
    pub fn verb(&self) -> &'static str {
        match self {
            RuleAction::Create => "create",
            RuleAction::Merge => "merge",
            RuleAction::Delete => "delete",
            RuleAction::Set(_) => "set",
            RuleAction::Add(_) => "add",
            RuleAction::Subtract(_) => "subtract",
            RuleAction::Push(_) => "push",
            RuleAction::Remove(_) => "remove",
        }
    }
}

/// The version a writer expects a stream to be at when appending.
///
/// ```
/// use kata::content::Expected;
/// assert_eq!(Expected::Revision(0).to_string(), "revision 0");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    /// `"any"`: no check.
    Any,
    /// `"no_stream"`: the stream must not exist yet.
    NoStream,
    /// `"exists"`: the stream must exist.
    Exists,
    /// The stream's last revision must be this one.
    Revision(u64),
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expected::Any => f.write_str("any version"),
            Expected::NoStream => f.write_str("no stream"),
            Expected::Exists => f.write_str("an existing stream"),
            Expected::Revision(n) => write!(f, "revision {n}"),
        }
    }
}

/// One listed event of a scenario. Without `expected` it is appended with no
/// version check; with it, an append the store refuses is shown as refused.
///
/// ```
/// use kata::content::ScenarioEvent;
/// let e = ScenarioEvent { stream: "user-1".into(), event_type: "UserCreated".into(), ..Default::default() };
/// assert!(e.expected.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ScenarioEvent {
    pub stream: String,
    pub event_type: String,
    pub data: Vec<(String, Datum)>,
    pub expected: Option<Expected>,
    /// Who appends it (a name for the lesson, e.g. "clerk A").
    pub writer: Option<String>,
}

/// Events appended after the listed ones: event `i` goes to entity
/// `n = i % entities` (its key field is set to `n`, its stream is
/// `<stream>-<n>`) and takes `pattern[(i / entities) % pattern.len()]`.
///
/// ```
/// use kata::content::Generate;
/// let g = Generate { count: 4, entities: 2, stream: "account".into(), pattern: vec![("Deposited".into(), vec![])] };
/// assert_eq!(g.entity_of(3), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Generate {
    pub count: u64,
    pub entities: u64,
    pub stream: String,
    /// (event type, data) per step of the pattern.
    pub pattern: Vec<(String, Vec<(String, Datum)>)>,
}

impl Generate {
    /// Fewest and most generated events a scenario may ask for.
    pub const COUNT: std::ops::RangeInclusive<u64> = 1..=10_000_000;

    /// The entity generated event `i` belongs to.
    ///
    /// See the example on [`Generate`].
    pub fn entity_of(&self, i: u64) -> u64 {
        i % self.entities
    }

    /// The pattern step generated event `i` takes.
    pub fn step_of(&self, i: u64) -> usize {
        ((i / self.entities) % self.pattern.len() as u64) as usize
    }
}

/// The scenario id kata keeps for the learner's own journal (`kata replay
/// my-progress`, and the lab's last entry): content may not use it (K009).
///
/// ```
/// assert_eq!(kata::content::MY_PROGRESS, "my-progress");
/// ```
pub const MY_PROGRESS: &str = "my-progress";

/// A replay-lab scenario: events, the rules that fold them into state, and
/// how often to snapshot. Ids are global across all loaded content.
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let s = catalog.scenario("user-lifecycle").unwrap();
/// assert_eq!(s.events.len(), 3);
/// assert_eq!(s.key.as_deref(), Some("userId"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub about: Option<String>,
    /// The data field naming the entity; `None`: the state is one record.
    pub key: Option<String>,
    /// Snapshot after every N-th event; 0 = never.
    pub snapshot_every: u64,
    pub events: Vec<ScenarioEvent>,
    /// (event type, action), in the order written.
    pub rules: Vec<(String, RuleAction)>,
    pub generate: Option<Generate>,
    pub origin: Origin,
}

impl Scenario {
    /// Listed plus generated events.
    pub fn total_events(&self) -> u64 {
        self.events.len() as u64 + self.generate.as_ref().map_or(0, |g| g.count)
    }
}

/// What a fill-in exercise's completed code does to its scenario's store,
/// with the learner's chosen options bound in: any `{{N}}` in a parameter is
/// replaced by the text of the option in blank N. See AUTHORING.md.
///
/// ```
/// use kata::content::Effect;
/// let e = Effect::Filter { field: "{{1}}".into(), compare: "{{2}}".into(), value: "OrderPlaced".into() };
/// assert_eq!(e.bind(&[".type", "!="]), Effect::Filter { field: ".type".into(), compare: "!=".into(), value: "OrderPlaced".into() });
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase", tag = "do")]
pub enum Effect {
    /// Append `what` (the whole event, its data, its type…) built from `event`.
    Append { what: String, event: ScenarioEvent },
    /// Keep the events whose `field` compares (`==` / `!=`) to `value`.
    Filter {
        field: String,
        compare: String,
        value: String,
    },
    /// Count events by type with `counter`, keeping those whose type compares to `value`.
    Count {
        counter: String,
        compare: String,
        value: String,
    },
}

impl Effect {
    /// The effect with every `{{N}}` replaced by `chosen[N-1]` (an unfilled
    /// blank binds to the empty text).
    ///
    /// See the example on [`Effect`].
    pub fn bind(&self, chosen: &[&str]) -> Effect {
        let b = |text: &str| bind_text(text, chosen);
        match self {
            Effect::Append { what, event } => Effect::Append {
                what: b(what),
                event: event.clone(),
            },
            Effect::Filter {
                field,
                compare,
                value,
            } => Effect::Filter {
                field: b(field),
                compare: b(compare),
                value: b(value),
            },
            Effect::Count {
                counter,
                compare,
                value,
            } => Effect::Count {
                counter: b(counter),
                compare: b(compare),
                value: b(value),
            },
        }
    }

    /// Every blank number (1-based) the effect's parameters name.
    pub fn blanks(&self) -> Vec<usize> {
        let texts: Vec<&str> = match self {
            Effect::Append { what, .. } => vec![what],
            Effect::Filter {
                field,
                compare,
                value,
            } => vec![field, compare, value],
            Effect::Count {
                counter,
                compare,
                value,
            } => vec![counter, compare, value],
        };
        texts.into_iter().flat_map(placeholders).collect()
    }
}

/// The 1-based blank numbers of the `{{N}}` placeholders in `text`.
fn placeholders(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                if let Ok(n) = after[..end].trim().parse() {
                    found.push(n);
                }
                rest = &after[end + 2..];
            }
            None => break,
        }
    }
    found
}

fn bind_text(text: &str, chosen: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                match after[..end].trim().parse::<usize>() {
                    Ok(n) if n >= 1 => out.push_str(chosen.get(n - 1).copied().unwrap_or("")),
                    _ => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
