//! `EventStore` inside the sandbox, backed by kata's own [`Store`].
//!
//! The Python side is a small prelude (below) whose methods call three host
//! functions; the host side answers them from a `Store` that lives for one
//! run. What the code appended travels back to kata as the list of
//! successful appends, which [`rebuild`] replays into a fresh store.

use super::wire::{Append, WireEvent};
use crate::store::{Direction, ExpectedVersion, NewEvent, RecordedEvent, Store, Table, Value};
use monty_types::{DictPairs, ExcType, ExtFunctionResult, MontyException, MontyObject};
use std::sync::Arc;

/// Kata's prelude: fed before setup, in the same namespace. Its helper names
/// start with `_kata` so they do not collide with the learner's.
///
/// Every `EventStore()` opens the same store of this run, as two services
/// opening one event store would.
pub const PRELUDE: &str = r#"
import dataclasses as _kata_dataclasses

@_kata_dataclasses.dataclass(frozen=True)
class RecordedEvent:
    stream: str
    type: str
    data: dict
    revision: int
    position: int

# monty has no class inheritance yet, so the conflict is a ValueError by another name.
WrongExpectedVersion = ValueError

def _kata_batch(events):
    batch = []
    for event in events:
        if isinstance(event, dict):
            batch.append((event["type"], event.get("data", {})))
        else:
            batch.append((event.type, event.data))
    return batch

class EventStore:
    def append(self, stream, events, expected_version=None):
        if not isinstance(events, list):
            events = [events]
        answer = _kata_store_append(stream, _kata_batch(events), expected_version)
        if isinstance(answer, str):
            raise WrongExpectedVersion(answer)
        return answer

    def read(self, stream):
        return [RecordedEvent(*row) for row in _kata_store_read(stream)]

    def read_all(self):
        return [RecordedEvent(*row) for row in _kata_store_read_all()]

    def version(self, stream):
        return _kata_store_version(stream)
"#;

const APPEND: &str = "_kata_store_append";
const READ: &str = "_kata_store_read";
const READ_ALL: &str = "_kata_store_read_all";
const VERSION: &str = "_kata_store_version";

/// The host functions the prelude calls, as monty inputs.
pub(crate) fn host_functions() -> Vec<(String, MontyObject)> {
    [APPEND, READ, READ_ALL, VERSION]
        .into_iter()
        .map(|name| {
            (
                name.to_string(),
                MontyObject::Function {
                    name: name.to_string(),
                    docstring: None,
                },
            )
        })
        .collect()
}

/// The store of one run and what was appended to it.
#[derive(Default)]
pub(crate) struct HostStore {
    store: Store,
    appends: Vec<Append>,
}

impl HostStore {
    /// Answers one host call from the prelude.
    pub(crate) fn call(&mut self, name: &str, args: &[MontyObject]) -> ExtFunctionResult {
        let result = match (name, args) {
            (APPEND, [stream, events, expected]) => self.append(stream, events, expected),
            (READ, [stream]) => text(stream, "stream").map(|s| self.read(&s)),
            (READ_ALL, []) => Ok(rows(self.store.read_all(0).map(|e| e.to_owned_event()))),
            (VERSION, [stream]) => text(stream, "stream").map(|s| {
                MontyObject::Int(match self.store.stream_version(&s) {
                    crate::store::StreamVersion::Revision(r) => r as i64,
                    _ => -1,
                })
            }),
            _ => return ExtFunctionResult::NotFound(name.to_string()),
        };
        match result {
            Ok(value) => ExtFunctionResult::Return(value),
            Err(e) => ExtFunctionResult::Error(e),
        }
    }

    fn append(
        &mut self,
        stream: &MontyObject,
        events: &MontyObject,
        expected: &MontyObject,
    ) -> Result<MontyObject, MontyException> {
        let stream = text(stream, "stream")?;
        let expected = expected_version(expected)?;
        let MontyObject::List(batch) = events else {
            return Err(type_error("append takes a list of events"));
        };
        let mut wire = Vec::with_capacity(batch.len());
        for item in batch {
            let MontyObject::Tuple(pair) = item else {
                return Err(type_error("an event needs a type and data"));
            };
            let [event_type, data] = pair.as_slice() else {
                return Err(type_error("an event needs a type and data"));
            };
            let event_type = text(event_type, "an event's type")?;
            let data = match to_value(data)? {
                Value::Table(t) => Arc::unwrap_or_clone(t),
                other => {
                    return Err(type_error(&format!(
                        "an event's data must be a dict, not {}",
                        other.kind()
                    )));
                }
            };
            wire.push(WireEvent { event_type, data });
        }
        let new = wire
            .iter()
            .map(|e| NewEvent::from_table(e.event_type.as_str(), e.data.clone()));
        match self.store.append(&stream, expected, new) {
            Ok(appended) => {
                self.appends.push(Append {
                    stream,
                    events: wire,
                });
                Ok(MontyObject::Int(match appended.version {
                    crate::store::StreamVersion::Revision(r) => r as i64,
                    _ => -1,
                }))
            }
            // A conflict comes back as text: the prelude raises WrongExpectedVersion with it.
            Err(e @ crate::store::StoreError::WrongExpectedVersion { .. }) => {
                Ok(MontyObject::String(e.to_string()))
            }
            Err(e) => Err(MontyException::new(
                ExcType::ValueError,
                Some(e.to_string()),
            )),
        }
    }

    fn read(&self, stream: &str) -> MontyObject {
        match self.store.read_stream(stream, 0, Direction::Forwards) {
            Ok(events) => rows(events.map(|e| e.to_owned_event())),
            Err(_) => MontyObject::List(Vec::new()),
        }
    }

    pub(crate) fn into_appends(self) -> Vec<Append> {
        self.appends
    }
}

/// Kata's store holding what the sandbox appended, in the same order.
pub(crate) fn replay(appends: &[Append]) -> Store {
    let mut store = Store::new();
    for append in appends {
        let events = append
            .events
            .iter()
            .map(|e| NewEvent::from_table(e.event_type.as_str(), e.data.clone()));
        // These appends succeeded in the worker's store in this order, so they do here.
        let _ = store.append(&append.stream, ExpectedVersion::Any, events);
    }
    store
}

/// Kata's store holding these recorded events (as `Outcome::events` lists them).
pub(crate) fn rebuild(events: &[RecordedEvent]) -> Store {
    let mut store = Store::new();
    for e in events {
        let _ = store.append(
            &e.stream,
            ExpectedVersion::Any,
            [NewEvent::from_table(e.event_type, e.data.clone())],
        );
    }
    store
}

fn rows(events: impl Iterator<Item = RecordedEvent>) -> MontyObject {
    MontyObject::List(
        events
            .map(|e| {
                MontyObject::Tuple(vec![
                    MontyObject::String(e.stream),
                    MontyObject::String(e.event_type.as_str().to_string()),
                    from_table(&e.data),
                    MontyObject::Int(e.revision as i64),
                    MontyObject::Int(e.position as i64),
                ])
            })
            .collect(),
    )
}

/// `None` → any version; `-1` or `"no_stream"` → the stream must not exist;
/// `r` → the stream's last revision must be `r`; `"any"`, `"stream_exists"`.
fn expected_version(value: &MontyObject) -> Result<ExpectedVersion, MontyException> {
    match value {
        MontyObject::None => Ok(ExpectedVersion::Any),
        MontyObject::Int(-1) => Ok(ExpectedVersion::NoStream),
        MontyObject::Int(r) if *r >= 0 => Ok(ExpectedVersion::Exact(*r as u64)),
        MontyObject::String(s) if s == "any" => Ok(ExpectedVersion::Any),
        MontyObject::String(s) if s == "no_stream" => Ok(ExpectedVersion::NoStream),
        MontyObject::String(s) if s == "stream_exists" => Ok(ExpectedVersion::StreamExists),
        _ => Err(MontyException::new(
            ExcType::ValueError,
            Some(
                "expected_version is a revision (0, 1, …), -1 for a new stream, or None for any"
                    .into(),
            ),
        )),
    }
}

fn text(value: &MontyObject, what: &str) -> Result<String, MontyException> {
    match value {
        MontyObject::String(s) => Ok(s.clone()),
        _ => Err(type_error(&format!("{what} must be a str"))),
    }
}

fn type_error(message: &str) -> MontyException {
    MontyException::new(ExcType::TypeError, Some(message.to_string()))
}

/// A Python value as event data: bool, int, float, str, list, and dicts with str keys.
fn to_value(value: &MontyObject) -> Result<Value, MontyException> {
    Ok(match value {
        MontyObject::Bool(b) => Value::Bool(*b),
        MontyObject::Int(i) => Value::Int(*i),
        MontyObject::Float(f) => Value::Float(*f),
        MontyObject::String(s) => Value::from(s.as_str()),
        MontyObject::List(items) | MontyObject::Tuple(items) => Value::Array(Arc::new(
            items.iter().map(to_value).collect::<Result<_, _>>()?,
        )),
        MontyObject::Dict(pairs) => {
            let mut table = Table::new();
            for (k, v) in pairs {
                let MontyObject::String(k) = k else {
                    return Err(type_error("event data keys must be str"));
                };
                table.insert(k.as_str(), to_value(v)?);
            }
            Value::from(table)
        }
        MontyObject::None => {
            return Err(type_error(
                "event data cannot hold None: leave the field out instead",
            ));
        }
        other => {
            return Err(type_error(&format!(
                "event data cannot hold {}",
                other.type_name()
            )));
        }
    })
}

fn from_value(value: &Value) -> MontyObject {
    match value {
        Value::Bool(b) => MontyObject::Bool(*b),
        Value::Int(i) => MontyObject::Int(*i),
        Value::Float(f) => MontyObject::Float(*f),
        Value::String(s) => MontyObject::String(s.to_string()),
        Value::Array(items) => MontyObject::List(items.iter().map(from_value).collect()),
        Value::Table(t) => from_table(t),
    }
}

fn from_table(table: &Table) -> MontyObject {
    MontyObject::Dict(DictPairs::from(
        table
            .iter()
            .map(|(k, v)| (MontyObject::String(k.as_str().to_string()), from_value(v)))
            .collect::<Vec<_>>(),
    ))
}
