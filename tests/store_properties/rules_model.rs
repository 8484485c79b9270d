//! An independent model of the rules projection, written from its documented
//! behaviour with plain vectors and linear scans, sharing no code with
//! `store::RulesProjection`: entities in order of first appearance, each
//! action and each warning spelled out. The properties compare the real
//! projection's state (as JSON) and warnings against it.

use serde_json::{Map, Value as Json, json};

/// A data value as the model sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Int(i64),
    Float(f64),
    Text(&'static str),
    Bool(bool),
    List(Vec<Val>),
}

impl Val {
    fn json(&self) -> Json {
        match self {
            Val::Int(n) => json!(n),
            Val::Float(x) => json!(x),
            Val::Text(s) => json!(s),
            Val::Bool(b) => json!(b),
            Val::List(items) => Json::Array(items.iter().map(Val::json).collect()),
        }
    }

    /// The text of a key in the state's JSON object.
    fn key_text(&self) -> String {
        match self {
            Val::Text(s) => s.to_string(),
            Val::Int(n) => n.to_string(),
            Val::Bool(b) => b.to_string(),
            other => panic!("not a key: {other:?}"),
        }
    }

    fn is_number(&self) -> bool {
        matches!(self, Val::Int(_) | Val::Float(_))
    }

    fn as_f64(&self) -> f64 {
        match self {
            Val::Int(n) => *n as f64,
            Val::Float(x) => *x,
            other => panic!("not a number: {other:?}"),
        }
    }
}

/// One event's type and data, in data order (`k` first, then `amount`).
#[derive(Clone, Debug)]
pub struct Ev {
    pub event_type: &'static str,
    pub data: Vec<(&'static str, Val)>,
}

impl Ev {
    fn get(&self, field: &str) -> Option<&Val> {
        self.data.iter().find(|(f, _)| *f == field).map(|(_, v)| v)
    }
}

/// The rules every property uses, as the model reads them (the same as
/// `rules()` in the suite).
enum Rule {
    Create,
    Merge,
    Delete,
    Add(&'static str, &'static str),
    Subtract(&'static str, &'static str),
    Push(&'static str, &'static str),
    Remove(&'static str, &'static str),
    Set(&'static str, Val),
}

fn rule(event_type: &str) -> Option<Rule> {
    Some(match event_type {
        "Created" => Rule::Create,
        "Merged" => Rule::Merge,
        "Deleted" => Rule::Delete,
        "Added" => Rule::Add("total", "amount"),
        "Subtracted" => Rule::Subtract("total", "amount"),
        "Pushed" => Rule::Push("items", "amount"),
        "Removed" => Rule::Remove("items", "amount"),
        "Flagged" => Rule::Set("flag", Val::Bool(true)),
        _ => return None,
    })
}

/// The key field of the rules.
pub const KEY: &str = "k";

struct Entity {
    key: Val,
    /// `None` once deleted (kept, so later events on it are warned about).
    fields: Option<Vec<(&'static str, Val)>>,
}

/// The model's state, and the warnings so far as (position, kind, field).
#[derive(Default)]
pub struct RulesModel {
    entities: Vec<Entity>,
    pub warnings: Vec<(u64, &'static str, &'static str)>,
}

fn put(fields: &mut Vec<(&'static str, Val)>, name: &'static str, value: Val) {
    match fields.iter_mut().find(|(f, _)| *f == name) {
        Some((_, v)) => *v = value,
        None => fields.push((name, value)),
    }
}

fn get<'a>(fields: Option<&'a Vec<(&'static str, Val)>>, name: &str) -> Option<&'a Val> {
    fields?.iter().find(|(f, _)| *f == name).map(|(_, v)| v)
}

impl RulesModel {
    /// Applies the event at `position` (a log entry that is not an event,
    /// like a tombstone, is simply not applied).
    pub fn apply(&mut self, position: u64, event: &Ev) {
        if let Err((kind, field)) = self.try_apply(event) {
            self.warnings.push((position, kind, field));
        }
    }

    fn try_apply(&mut self, event: &Ev) -> Result<(), (&'static str, &'static str)> {
        let Some(rule) = rule(event.event_type) else {
            return Ok(());
        };
        let key = match event.get(KEY) {
            None => return Err(("missing_key", KEY)),
            Some(Val::Int(_) | Val::Text(_) | Val::Bool(_)) => event.get(KEY).unwrap().clone(),
            Some(_) => return Err(("bad_key", KEY)),
        };
        let index = self.entities.iter().position(|e| e.key == key);
        let live = index.filter(|&i| self.entities[i].fields.is_some());
        match rule {
            Rule::Create => {
                let fields = Some(event.data.clone());
                match index {
                    Some(i) => self.entities[i].fields = fields,
                    None => self.entities.push(Entity { key, fields }),
                }
                return match live {
                    Some(_) => Err(("create_of_existing", "")),
                    None => Ok(()),
                };
            }
            Rule::Delete => {
                let Some(i) = live else {
                    return Err(("delete_of_missing", ""));
                };
                self.entities[i].fields = None;
                return Ok(());
            }
            _ if index.is_some() && live.is_none() => return Err(("updated_after_delete", "")),
            _ => {}
        }
        let current = live.and_then(|i| self.entities[i].fields.as_ref());
        // Every check before any change: a warned event changes nothing.
        let data = |source: &'static str| event.get(source).ok_or(("missing_data_field", source));
        let new_value = match &rule {
            Rule::Add(field, source) | Rule::Subtract(field, source) => {
                let amount = data(source)?;
                if !amount.is_number() {
                    return Err(("not_a_number", source));
                }
                let now = get(current, field);
                if now.is_some_and(|n| !n.is_number()) {
                    return Err(("not_a_number", field));
                }
                let subtract = matches!(rule, Rule::Subtract(..));
                let result = match (now.unwrap_or(&Val::Int(0)), amount) {
                    (Val::Int(a), Val::Int(b)) => {
                        let sum = if subtract {
                            a.checked_sub(*b)
                        } else {
                            a.checked_add(*b)
                        };
                        Val::Int(sum.ok_or(("overflow", *field))?)
                    }
                    (a, b) => Val::Float(if subtract {
                        a.as_f64() - b.as_f64()
                    } else {
                        a.as_f64() + b.as_f64()
                    }),
                };
                Some((*field, result))
            }
            Rule::Push(list, source) | Rule::Remove(list, source) => {
                let element = data(source)?;
                let mut items = match get(current, list) {
                    None => Vec::new(),
                    Some(Val::List(items)) => items.clone(),
                    Some(_) => return Err(("not_a_list", list)),
                };
                if matches!(rule, Rule::Push(..)) {
                    items.push(element.clone());
                } else {
                    let at = items
                        .iter()
                        .position(|i| i == element)
                        .ok_or(("not_in_list", *list))?;
                    items.remove(at);
                }
                Some((*list, Val::List(items)))
            }
            Rule::Merge | Rule::Set(..) => None,
            Rule::Create | Rule::Delete => unreachable!(),
        };
        let i = match live {
            Some(i) => i,
            None => {
                // An entity never seen starts with just its key field.
                self.entities.push(Entity {
                    key: key.clone(),
                    fields: Some(vec![(KEY, key)]),
                });
                self.entities.len() - 1
            }
        };
        let fields = self.entities[i].fields.as_mut().expect("live");
        match rule {
            Rule::Merge => {
                for (name, value) in &event.data {
                    put(fields, name, value.clone());
                }
            }
            Rule::Set(name, value) => put(fields, name, value),
            _ => {
                let (name, value) = new_value.expect("computed above");
                put(fields, name, value);
            }
        }
        Ok(())
    }

    /// The state as the projection serializes it: an object from each live
    /// entity's key to its fields.
    pub fn json(&self) -> Json {
        let mut state = Map::new();
        for entity in &self.entities {
            if let Some(fields) = &entity.fields {
                let fields: Map<String, Json> = fields
                    .iter()
                    .map(|(name, value)| (name.to_string(), value.json()))
                    .collect();
                state.insert(entity.key.key_text(), Json::Object(fields));
            }
        }
        Json::Object(state)
    }
}
