//! The rules projection: state as a map of entities, changed by per-event-type actions that
//! content authors write as data.

use std::fmt;
use std::sync::Arc;

use super::log::FastMap;
use super::{Name, Projection, Recorded, Store, Table, Value};

/// What an event of one type does to its entity.
///
/// Only `Create` copies all of the event's data fields and `Merge` overwrites every field the
/// event has; the others change only the fields they name. Any action but `Create` and
/// `Delete` on an entity never seen creates it with just its key field (numbers start at 0,
/// lists empty).
///
/// Actions deserialize from the scenario format: `"create"`, `"merge"`, `"delete"`,
/// `{ set = { field = literal } }`, `{ add = { field = "data field" } }`, `{ subtract = … }`,
/// `{ push = { list = "data field" } }`, `{ remove = … }`.
///
/// ```
/// use kata::store::Action;
/// let shipped: Action = toml::from_str::<toml::Table>(r#"a = { set = { status = "shipped" } }"#)
///     .unwrap()["a"].clone().try_into().unwrap();
/// assert_eq!(shipped, Action::set([("status", "shipped")]));
/// let deposit: Action = serde_json::from_str(r#"{"add": {"balance": "amount"}}"#).unwrap();
/// assert_eq!(deposit, Action::add([("balance", "amount")]));
/// let create: Action = serde_json::from_str(r#""create""#).unwrap();
/// assert_eq!(create, Action::Create);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The entity becomes exactly the event's data fields.
    Create,
    /// Every data field of the event overwrites the entity's field of that name.
    Merge,
    /// The entity is gone.
    Delete,
    /// Each field is set to the literal.
    Set(Vec<(Name, Value)>),
    /// Each entity field (number, from 0) grows by the event's data field.
    Add(Vec<(Name, Name)>),
    /// Each entity field (number, from 0) shrinks by the event's data field.
    Subtract(Vec<(Name, Name)>),
    /// Each entity list (from empty) gets the event's data field appended.
    Push(Vec<(Name, Name)>),
    /// Each entity list loses the first element equal to the event's data field.
    Remove(Vec<(Name, Name)>),
}

fn pairs<A: Into<Name>, B: Into<Name>>(
    pairs: impl IntoIterator<Item = (A, B)>,
) -> Vec<(Name, Name)> {
    pairs
        .into_iter()
        .map(|(a, b)| (a.into(), b.into()))
        .collect()
}

impl Action {
    /// `set = { field = literal, … }`
    ///
    /// See the example on [`Action`].
    pub fn set<N: Into<Name>, V: Into<Value>>(fields: impl IntoIterator<Item = (N, V)>) -> Action {
        Action::Set(
            fields
                .into_iter()
                .map(|(n, v)| (n.into(), v.into()))
                .collect(),
        )
    }
    /// `add = { field = "data field", … }`
    ///
    /// See the example on [`Action`].
    pub fn add<A: Into<Name>, B: Into<Name>>(fields: impl IntoIterator<Item = (A, B)>) -> Action {
        Action::Add(pairs(fields))
    }
    /// `subtract = { field = "data field", … }`
    pub fn subtract<A: Into<Name>, B: Into<Name>>(
        fields: impl IntoIterator<Item = (A, B)>,
    ) -> Action {
        Action::Subtract(pairs(fields))
    }
    /// `push = { list = "data field", … }`
    pub fn push<A: Into<Name>, B: Into<Name>>(lists: impl IntoIterator<Item = (A, B)>) -> Action {
        Action::Push(pairs(lists))
    }
    /// `remove = { list = "data field", … }`
    pub fn remove<A: Into<Name>, B: Into<Name>>(lists: impl IntoIterator<Item = (A, B)>) -> Action {
        Action::Remove(pairs(lists))
    }
}

impl TryFrom<&Value> for Action {
    type Error = String;

    /// Reads the scenario format; the error says what was expected.
    fn try_from(value: &Value) -> Result<Action, String> {
        const EXPECTED: &str = r#"expected "create", "merge", "delete" or a table with one of set, add, subtract, push, remove"#;
        match value {
            Value::String(word) => match &**word {
                "create" => Ok(Action::Create),
                "merge" => Ok(Action::Merge),
                "delete" => Ok(Action::Delete),
                other => Err(format!("unknown action {other:?}: {EXPECTED}")),
            },
            Value::Table(table) if table.len() == 1 => {
                let (verb, arguments) = table.iter().next().expect("one field");
                let Some(arguments) = arguments.as_table() else {
                    return Err(format!(
                        "`{verb}` takes a table like {{ field = … }}, found {}",
                        arguments.kind()
                    ));
                };
                let names = || -> Result<Vec<(Name, Name)>, String> {
                    arguments
                        .iter()
                        .map(|(field, source)| match source.as_str() {
                            Some(source) => Ok((field, Name::new(source))),
                            None => Err(format!(
                                "`{verb}.{field}` must name a data field as a string, found {}",
                                source.kind()
                            )),
                        })
                        .collect()
                };
                match verb.as_str() {
                    "set" => Ok(Action::Set(arguments.fields().to_vec())),
                    "add" => Ok(Action::Add(names()?)),
                    "subtract" => Ok(Action::Subtract(names()?)),
                    "push" => Ok(Action::Push(names()?)),
                    "remove" => Ok(Action::Remove(names()?)),
                    other => Err(format!("unknown action `{other}`: {EXPECTED}")),
                }
            }
            other => Err(format!("{EXPECTED}, found {}", other.kind())),
        }
    }
}

impl TryFrom<Value> for Action {
    type Error = String;
    fn try_from(value: Value) -> Result<Action, String> {
        Action::try_from(&value)
    }
}

impl<'de> serde::Deserialize<'de> for Action {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Action, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Action::try_from(&value).map_err(serde::de::Error::custom)
    }
}

/// A projection driven by data: per event type an [`Action`] on the entity named by the
/// event's key field (or on one record when there is no key field).
///
/// Event types and field names are resolved to interned [`Name`]s once, at construction, so a
/// replay does no string work. Events of a type without a rule are skipped. Anomalies are
/// [`Warning`]s at that event, never panics; a warned event leaves the state unchanged
/// (except `create` of an existing entity, which overwrites it as the rule says).
///
/// ```
/// use kata::store::{Action, ExpectedVersion, NewEvent, RulesProjection, Store};
/// let rules = RulesProjection::new(Some("userId"), [
///     ("UserCreated", Action::Create),
///     ("UserNameUpdated", Action::Merge),
///     ("UserDeleted", Action::Delete),
/// ]);
/// let mut store = Store::new();
/// store.append("user-1", ExpectedVersion::NoStream, [
///     NewEvent::new("UserCreated").with("userId", 1).with("name", "Alice"),
///     NewEvent::new("UserNameUpdated").with("userId", 1).with("name", "Alicia"),
/// ]).unwrap();
/// let (state, warnings) = rules.replay_with_warnings(&store, store.len());
/// assert_eq!(serde_json::to_string(&state).unwrap(), r#"{"1":{"userId":1,"name":"Alicia"}}"#);
/// assert!(warnings.is_empty());
/// store.append("user-1", ExpectedVersion::Exact(1), [
///     NewEvent::new("UserDeleted").with("userId", 1),
///     NewEvent::new("UserNameUpdated").with("userId", 1).with("name", "Ghost"),
/// ]).unwrap();
/// let (state, warnings) = rules.replay_with_warnings(&store, store.len());
/// assert_eq!(serde_json::to_string(&state).unwrap(), "{}");
/// assert_eq!(warnings[0].to_string(), "position 3: UserNameUpdated on entity 1 after it was deleted; the state is unchanged");
/// ```
#[derive(Clone, Debug)]
pub struct RulesProjection {
    key: Option<Name>,
    /// Indexed by [`Name::index`] of the event type.
    rules: Vec<Option<Action>>,
    version: u32,
}

impl RulesProjection {
    /// Rules keyed by the data field `key` (`None`: the state is one record). A later rule for
    /// the same event type replaces an earlier one.
    ///
    /// See the example on [`RulesProjection`].
    pub fn new<T: Into<Name>>(
        key: Option<&str>,
        rules: impl IntoIterator<Item = (T, Action)>,
    ) -> RulesProjection {
        let mut table: Vec<Option<Action>> = Vec::new();
        for (event_type, action) in rules {
            let index = event_type.into().index();
            if index >= table.len() {
                table.resize(index + 1, None);
            }
            table[index] = Some(action);
        }
        RulesProjection {
            key: key.map(Name::new),
            rules: table,
            version: 1,
        }
    }

    /// The same rules with another projection version (for snapshots).
    pub fn with_version(mut self, version: u32) -> RulesProjection {
        self.version = version;
        self
    }

    /// The key field, if any.
    pub fn key(&self) -> Option<Name> {
        self.key
    }

    /// The action for `event_type`, if there is a rule.
    #[inline]
    pub fn rule(&self, event_type: Name) -> Option<&Action> {
        self.rules.get(event_type.index())?.as_ref()
    }

    /// A state with no entities, keyed or not as these rules are.
    pub fn empty_state(&self) -> RulesState {
        RulesState {
            keyed: self.key.is_some(),
            ..RulesState::default()
        }
    }

    /// Folds one event; returns the warning if the event could not apply as its rule says.
    #[inline]
    pub fn apply_checked(&self, state: &mut RulesState, event: &Recorded<'_>) -> Option<Warning> {
        let action = self.rule(event.event_type())?;
        let warn = |key: Option<Value>, problem| {
            Some(Warning {
                position: event.position(),
                event_type: event.event_type(),
                key,
                problem,
            })
        };
        let (key, key_value) = match self.key {
            None => (Key::Record, None),
            Some(field) => match event.data().field(field) {
                None => return warn(None, Problem::MissingKey { field }),
                Some(value) => match Key::of(value) {
                    Some(key) => (key, Some(value)),
                    None => {
                        return warn(
                            None,
                            Problem::BadKey {
                                field,
                                found: value.kind(),
                            },
                        );
                    }
                },
            },
        };
        let index = state.find(&key);
        let live = index.filter(|&i| !state.entities[i as usize].deleted);
        let report_key = || key_value.cloned();
        match action {
            Action::Create => {
                let fields = Table::from_fields(event.data().fields().to_vec());
                let warning = live.map(|_| Problem::CreateOfExisting);
                state.put(key, key_value, index, fields);
                warning.and_then(|problem| warn(report_key(), problem))
            }
            Action::Delete => match live {
                None => warn(report_key(), Problem::DeleteOfMissing),
                Some(i) => {
                    let entity = Arc::make_mut(&mut state.entities[i as usize]);
                    entity.deleted = true;
                    entity.fields = Table::new();
                    None
                }
            },
            _ if index.is_some() && live.is_none() => {
                warn(report_key(), Problem::UpdatedAfterDelete)
            }
            _ => {
                let current = live.map(|i| &state.entities[i as usize].fields);
                if let Err(problem) = check(action, current, event) {
                    return warn(report_key(), problem);
                }
                let i = match live {
                    Some(i) => i,
                    None => {
                        let mut fields = Table::new();
                        if let (Some(field), Some(value)) = (self.key, key_value) {
                            fields.insert(field, value.clone());
                        }
                        state.put(key, key_value, None, fields)
                    }
                };
                let entity = Arc::make_mut(&mut state.entities[i as usize]);
                change(action, &mut entity.fields, event);
                None
            }
        }
    }

    /// Folds one event and reports what it changed in `changes` (cleared first): the entity
    /// added or removed, and each field added, changed or removed. For the replay lab's
    /// highlighting.
    ///
    /// ```
    /// use kata::store::{Action, ChangeKind, ExpectedVersion, NewEvent, RulesProjection, Store};
    /// let rules = RulesProjection::new(Some("id"), [("Deposited", Action::add([("balance", "amount")]))]);
    /// let mut store = Store::new();
    /// store.append("account-1", ExpectedVersion::Any, [NewEvent::new("Deposited").with("id", 1).with("amount", 10)]).unwrap();
    /// let mut state = rules.empty_state();
    /// let mut changes = Vec::new();
    /// rules.apply_traced(&mut state, &store.event(0).unwrap(), &mut changes);
    /// let kinds: Vec<_> = changes.iter().map(|c| (c.field.map(|f| f.as_str()), c.kind)).collect();
    /// assert_eq!(kinds, [(None, ChangeKind::Added), (Some("id"), ChangeKind::Added), (Some("balance"), ChangeKind::Added)]);
    /// ```
    pub fn apply_traced(
        &self,
        state: &mut RulesState,
        event: &Recorded<'_>,
        changes: &mut Vec<Change>,
    ) -> Option<Warning> {
        changes.clear();
        let key = self.key.map_or(Some(Key::Record), |field| {
            event.data().field(field).and_then(Key::of)
        });
        let before = key.as_ref().and_then(|k| state.live(k).cloned());
        let warning = self.apply_checked(state, event);
        if let Some(key) = key {
            let after = state.live(&key);
            diff(state.key_value(&key), before.as_ref(), after, changes);
        }
        warning
    }

    /// Replays the first `upto` events, collecting every warning.
    ///
    /// See the example on [`RulesProjection`].
    pub fn replay_with_warnings(&self, store: &Store, upto: u64) -> (RulesState, Vec<Warning>) {
        let mut state = self.empty_state();
        let mut warnings = Vec::new();
        for event in store.read_all(0).take(upto.min(store.len()) as usize) {
            warnings.extend(self.apply_checked(&mut state, &event));
        }
        (state, warnings)
    }
}

impl Projection for RulesProjection {
    type State = RulesState;

    fn version(&self) -> u32 {
        self.version
    }

    fn initial_state(&self) -> RulesState {
        self.empty_state()
    }

    #[inline]
    fn apply(&self, state: &mut RulesState, event: &Recorded<'_>) {
        let _ = self.apply_checked(state, event);
    }
}

#[inline]
fn number_of(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| matches!(v, Value::Int(_) | Value::Float(_)))
}

/// Checks that `action` can apply to an entity with `fields` (`None`: not seen yet).
#[inline]
fn check(action: &Action, fields: Option<&Table>, event: &Recorded<'_>) -> Result<(), Problem> {
    let current = |field: Name| fields.and_then(|f| f.get_name(field));
    let data = |source: Name| {
        event
            .data()
            .field(source)
            .ok_or(Problem::MissingDataField { field: source })
    };
    match action {
        Action::Add(pairs) | Action::Subtract(pairs) => {
            for &(field, source) in pairs {
                let amount = data(source)?;
                if number_of(Some(amount)).is_none() {
                    return Err(Problem::NotANumber {
                        field: source,
                        found: amount.kind(),
                    });
                }
                let now = current(field);
                if now.is_some() && number_of(now).is_none() {
                    let found = now.map_or("nothing", Value::kind);
                    return Err(Problem::NotANumber { field, found });
                }
                let subtract = matches!(action, Action::Subtract(_));
                if arithmetic(now, amount, subtract).is_none() {
                    return Err(Problem::Overflow { field });
                }
            }
        }
        Action::Push(pairs) | Action::Remove(pairs) => {
            for &(list, source) in pairs {
                let element = data(source)?;
                let items = match current(list) {
                    None => &[][..],
                    Some(Value::Array(items)) => &items[..],
                    Some(other) => {
                        return Err(Problem::NotAList {
                            field: list,
                            found: other.kind(),
                        });
                    }
                };
                if matches!(action, Action::Remove(_)) && !items.contains(element) {
                    return Err(Problem::NotInList {
                        field: list,
                        element: element.clone(),
                    });
                }
            }
        }
        Action::Create | Action::Merge | Action::Delete | Action::Set(_) => {}
    }
    Ok(())
}

/// `now ± amount`, integers staying integers; `None` on integer overflow.
#[inline]
fn arithmetic(now: Option<&Value>, amount: &Value, subtract: bool) -> Option<Value> {
    match (now.unwrap_or(&Value::Int(0)), amount) {
        (Value::Int(a), Value::Int(b)) => if subtract {
            a.checked_sub(*b)
        } else {
            a.checked_add(*b)
        }
        .map(Value::Int),
        (a, b) => {
            let (a, b) = (a.as_f64()?, b.as_f64()?);
            Some(Value::Float(if subtract { a - b } else { a + b }))
        }
    }
}

/// Applies a checked action (cannot fail).
#[inline]
fn change(action: &Action, fields: &mut Table, event: &Recorded<'_>) {
    let data = event.data();
    match action {
        Action::Merge => {
            for (name, value) in data.fields() {
                fields.insert(*name, value.clone());
            }
        }
        Action::Set(literals) => {
            for (name, value) in literals {
                fields.insert(*name, value.clone());
            }
        }
        Action::Add(pairs) | Action::Subtract(pairs) => {
            let subtract = matches!(action, Action::Subtract(_));
            for &(field, source) in pairs {
                let amount = data.field(source).expect("checked");
                match fields.get_mut(field) {
                    // The hot path of a ledger replay: update the number in place.
                    Some(Value::Int(n)) if matches!(amount, Value::Int(_)) => {
                        let b = amount.as_i64().expect("checked");
                        *n = if subtract {
                            n.wrapping_sub(b)
                        } else {
                            n.wrapping_add(b)
                        };
                    }
                    now => {
                        let result =
                            arithmetic(now.map(|v| &*v), amount, subtract).expect("checked");
                        fields.insert(field, result);
                    }
                }
            }
        }
        Action::Push(pairs) | Action::Remove(pairs) => {
            for &(list, source) in pairs {
                let element = data.field(source).expect("checked");
                if fields.get_name(list).is_none() {
                    fields.insert(list, Value::Array(Arc::new(Vec::new())));
                }
                if let Some(Value::Array(items)) = fields.get_mut(list) {
                    let items = Arc::make_mut(items);
                    if matches!(action, Action::Push(_)) {
                        items.push(element.clone());
                    } else if let Some(at) = items.iter().position(|item| item == element) {
                        items.remove(at);
                    }
                }
            }
        }
        Action::Create | Action::Delete => unreachable!("handled by apply_checked"),
    }
}

/// Identifies an entity: the key field's value (integers, strings and booleans can be keys).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Record,
    Int(i64),
    Str(Arc<str>),
    Bool(bool),
}

impl Key {
    #[inline]
    fn of(value: &Value) -> Option<Key> {
        match value {
            Value::Int(n) => Some(Key::Int(*n)),
            Value::String(s) => Some(Key::Str(s.clone())),
            Value::Bool(b) => Some(Key::Bool(*b)),
            _ => None,
        }
    }
}

/// One entity of a [`RulesState`].
#[derive(Clone, Debug, PartialEq)]
struct Entity {
    key: Option<Value>,
    fields: Table,
    /// Deleted entities stay, so later actions on them can be warned about.
    deleted: bool,
}

/// The state a [`RulesProjection`] builds: entities in order of first appearance.
///
/// Cloning is cheap (entities are shared until changed), which is what keeps snapshots
/// small. Serializes as the replay JSON expects: keyed, an object from each entity's key (as a
/// string) to its fields; unkeyed, the record or `null`.
///
/// ```
/// use kata::store::{Action, ExpectedVersion, NewEvent, RulesProjection, Store, Value};
/// let rules = RulesProjection::new(None, [("Renamed", Action::Merge)]);
/// let mut store = Store::new();
/// store.append("settings", ExpectedVersion::Any, [NewEvent::new("Renamed").with("title", "kata")]).unwrap();
/// let state = store.replay(&rules, store.len());
/// assert_eq!(state.record().and_then(|r| r.get("title")), Some(&Value::from("kata")));
/// assert_eq!(serde_json::to_string(&state).unwrap(), r#"{"title":"kata"}"#);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RulesState {
    keyed: bool,
    /// Entity number + 1 (0: none) for integer keys in `0..DENSE_KEYS`: a plain array lookup
    /// instead of hashing, and small enough to stay in cache. Generated scenarios number their
    /// entities this way.
    dense: Arc<Vec<u32>>,
    /// Every other key.
    index: Arc<FastMap<Key, u32>>,
    entities: Vec<Arc<Entity>>,
}

/// Integer keys below this use the dense index (at most 4 MB of it).
const DENSE_KEYS: i64 = 1 << 20;

impl RulesState {
    #[inline]
    fn find(&self, key: &Key) -> Option<u32> {
        match key {
            Key::Int(n) if (0..DENSE_KEYS).contains(n) => {
                let slot = *self.dense.get(*n as usize)?;
                slot.checked_sub(1)
            }
            _ => self.index.get(key).copied(),
        }
    }

    fn remember(&mut self, key: Key, entity: u32) {
        match key {
            Key::Int(n) if (0..DENSE_KEYS).contains(&n) => {
                let dense = Arc::make_mut(&mut self.dense);
                if dense.len() <= n as usize {
                    dense.resize(n as usize + 1, 0);
                }
                dense[n as usize] = entity + 1;
            }
            _ => {
                Arc::make_mut(&mut self.index).insert(key, entity);
            }
        }
    }

    fn put(
        &mut self,
        key: Key,
        key_value: Option<&Value>,
        index: Option<u32>,
        fields: Table,
    ) -> u32 {
        let entity = Entity {
            key: key_value.cloned(),
            fields,
            deleted: false,
        };
        match index {
            Some(i) => {
                self.entities[i as usize] = Arc::new(entity);
                i
            }
            None => {
                let i = self.entities.len() as u32;
                self.entities.push(Arc::new(entity));
                self.remember(key, i);
                i
            }
        }
    }

    fn live(&self, key: &Key) -> Option<&Table> {
        let entity = &self.entities[self.find(key)? as usize];
        (!entity.deleted).then_some(&entity.fields)
    }

    fn key_value(&self, key: &Key) -> Option<Value> {
        self.entities[self.find(key)? as usize].key.clone()
    }

    /// The live entities as (key, fields), in order of first appearance (key `None` for the
    /// record of an unkeyed state).
    pub fn entities(&self) -> impl Iterator<Item = (Option<&Value>, &Table)> {
        self.entities
            .iter()
            .filter(|e| !e.deleted)
            .map(|e| (e.key.as_ref(), &e.fields))
    }

    /// The fields of the live entity whose key is `key`.
    ///
    /// See the example on [`RulesState`].
    pub fn get(&self, key: &Value) -> Option<&Table> {
        self.live(&Key::of(key)?)
    }

    /// The record of an unkeyed state (`None` before it exists or after a delete).
    ///
    /// See the example on [`RulesState`].
    pub fn record(&self) -> Option<&Table> {
        self.live(&Key::Record)
    }

    /// Number of live entities.
    ///
    /// See the example on [`RulesState`].
    pub fn len(&self) -> usize {
        self.entities.iter().filter(|e| !e.deleted).count()
    }

    /// Whether there is no live entity.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A key as JSON object keys need it: text.
fn key_text(key: Option<&Value>) -> String {
    match key {
        Some(Value::String(s)) => s.to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

impl serde::Serialize for RulesState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if !self.keyed {
            return self.record().serialize(serializer);
        }
        let mut map = serializer.serialize_map(None)?;
        for (key, fields) in self.entities() {
            map.serialize_entry(&key_text(key), fields)?;
        }
        map.end()
    }
}

/// Whether a change added, changed or removed something.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// It was not there before (shown `+`).
    Added,
    /// It was there with another value (shown `~`).
    Changed,
    /// It is gone (shown `−`).
    Removed,
}

/// One thing an event changed in a [`RulesState`].
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Change {
    /// The entity's key (`None` for an unkeyed record).
    pub key: Option<Value>,
    /// The field, or `None` when the whole entity appeared or disappeared.
    pub field: Option<Name>,
    /// Added, changed or removed.
    pub kind: ChangeKind,
    /// The value before (fields only).
    pub before: Option<Value>,
    /// The value after (fields only).
    pub after: Option<Value>,
}

fn diff(
    key: Option<Value>,
    before: Option<&Table>,
    after: Option<&Table>,
    changes: &mut Vec<Change>,
) {
    let change = |field, kind, before: Option<&Value>, after: Option<&Value>| Change {
        key: key.clone(),
        field,
        kind,
        before: before.cloned(),
        after: after.cloned(),
    };
    match (before, after) {
        (None, Some(_)) => changes.push(change(None, ChangeKind::Added, None, None)),
        (Some(_), None) => changes.push(change(None, ChangeKind::Removed, None, None)),
        _ => {}
    }
    let empty = Table::new();
    let (before, after) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    for (name, old) in before.iter() {
        match after.get_name(name) {
            None => changes.push(change(Some(name), ChangeKind::Removed, Some(old), None)),
            Some(new) if new != old => changes.push(change(
                Some(name),
                ChangeKind::Changed,
                Some(old),
                Some(new),
            )),
            Some(_) => {}
        }
    }
    for (name, new) in after.iter() {
        if before.get_name(name).is_none() {
            changes.push(change(Some(name), ChangeKind::Added, None, Some(new)));
        }
    }
}

/// An event a rule could not apply as written: shown at that event in the replay lab.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Warning {
    /// The event's global position.
    pub position: u64,
    /// The event's type.
    pub event_type: Name,
    /// The entity's key, when known.
    pub key: Option<Value>,
    /// What went wrong.
    pub problem: Problem,
}

/// What a [`Warning`] is about.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// The event has no key field.
    MissingKey {
        /// The key field.
        field: Name,
    },
    /// The key field is not an integer, string or boolean.
    BadKey {
        /// The key field.
        field: Name,
        /// What it is instead.
        found: &'static str,
    },
    /// An action other than `create` on an entity deleted earlier: the state is unchanged.
    UpdatedAfterDelete,
    /// `delete` of an entity that does not exist.
    DeleteOfMissing,
    /// `create` of an entity that exists: its fields were overwritten.
    CreateOfExisting,
    /// The rule names a data field the event does not have.
    MissingDataField {
        /// The data field.
        field: Name,
    },
    /// `add`/`subtract` on something that is not a number.
    NotANumber {
        /// The field (of the entity, or of the event's data).
        field: Name,
        /// What it is instead.
        found: &'static str,
    },
    /// `push`/`remove` on a field that is not a list.
    NotAList {
        /// The entity's field.
        field: Name,
        /// What it is instead.
        found: &'static str,
    },
    /// `remove` of an element that is not in the list.
    NotInList {
        /// The list field.
        field: Name,
        /// The element looked for.
        element: Value,
    },
    /// `add`/`subtract` would overflow a 64-bit integer.
    Overflow {
        /// The entity's field.
        field: Name,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let entity = match &self.key {
            Some(key) => format!("entity {key}"),
            None => "the record".to_owned(),
        };
        let (position, event) = (self.position, self.event_type);
        write!(f, "position {position}: ")?;
        match &self.problem {
            Problem::MissingKey { field } => {
                write!(
                    f,
                    "{event} has no key field `{field}`; the event is skipped"
                )
            }
            Problem::BadKey { field, found } => write!(
                f,
                "{event}'s key field `{field}` is {found}; keys must be integers, strings or booleans"
            ),
            Problem::UpdatedAfterDelete => {
                write!(
                    f,
                    "{event} on {entity} after it was deleted; the state is unchanged"
                )
            }
            Problem::DeleteOfMissing => write!(f, "{event} deletes {entity}, which does not exist"),
            Problem::CreateOfExisting => {
                write!(
                    f,
                    "{event} creates {entity}, which already exists; its fields are overwritten"
                )
            }
            Problem::MissingDataField { field } => write!(
                f,
                "{event} on {entity} has no data field `{field}`; the state is unchanged"
            ),
            Problem::NotANumber { field, found } => write!(
                f,
                "{event} on {entity}: `{field}` is {found}, not a number; the state is unchanged"
            ),
            Problem::NotAList { field, found } => write!(
                f,
                "{event} on {entity}: `{field}` is {found}, not a list; the state is unchanged"
            ),
            Problem::NotInList { field, element } => write!(
                f,
                "{event} on {entity}: {element} is not in `{field}`; the state is unchanged"
            ),
            Problem::Overflow { field } => write!(
                f,
                "{event} on {entity}: `{field}` would overflow; the state is unchanged"
            ),
        }
    }
}
