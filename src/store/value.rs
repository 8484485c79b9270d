//! The structured data an event carries and a projection's state is made of.

use std::fmt;
use std::sync::Arc;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};

use super::Name;

/// A data value: the shape of TOML and of JSON without `null`.
///
/// Cloning is cheap (strings, arrays and tables are shared, copied only when changed), so
/// states and snapshots can share values with the events they came from. `Value` serializes
/// as plain JSON/TOML and deserializes from either, so content loaders can read event data
/// straight into it.
///
/// ```
/// use kata::store::{Table, Value};
/// let user: Value = Table::new().with("userId", 1).with("name", "Alice").into();
/// assert_eq!(serde_json::to_string(&user).unwrap(), r#"{"userId":1,"name":"Alice"}"#);
/// let same: Value = serde_json::from_str(r#"{"userId":1,"name":"Alice"}"#).unwrap();
/// assert_eq!(user, same);
/// assert_eq!(Value::from(2.5).as_f64(), Some(2.5));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    String(Arc<str>),
    /// A list of values.
    Array(Arc<Vec<Value>>),
    /// Named fields.
    Table(Arc<Table>),
}

impl Value {
    /// The integer, if this is one.
    ///
    /// ```
    /// use kata::store::Value;
    /// assert_eq!(Value::from(3).as_i64(), Some(3));
    /// assert_eq!(Value::from(3.0).as_i64(), None); // floats are not integers
    /// ```
    #[inline]
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// The number as a float, if this is an integer or a float.
    ///
    /// See the example on [`Value`].
    #[inline]
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }

    /// The text, if this is a string.
    ///
    /// ```
    /// use kata::store::Value;
    /// assert_eq!(Value::from("Alice").as_str(), Some("Alice"));
    /// assert_eq!(Value::from(true).as_bool(), Some(true));
    /// assert_eq!(Value::from(1).as_str(), None);
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    ///
    /// See the example on [`Value::as_str`].
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    ///
    /// ```
    /// use kata::store::{Table, Value};
    /// let tags = Value::from(vec![1, 2]);
    /// assert_eq!(tags.as_array().map(|a| a.len()), Some(2));
    /// let order: Value = Table::new().with("id", 7).into();
    /// assert_eq!(order.as_table().and_then(|t| t.get("id")), Some(&Value::from(7)));
    /// assert_eq!(tags.as_table(), None);
    /// ```
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The table, if this is one.
    ///
    /// See the example on [`Value::as_array`].
    pub fn as_table(&self) -> Option<&Table> {
        match self {
            Value::Table(table) => Some(table),
            _ => None,
        }
    }

    /// What kind of value this is, in words for messages ("an integer", "a table", …).
    ///
    /// ```
    /// use kata::store::{Table, Value};
    /// assert_eq!(Value::from(1).kind(), "an integer");
    /// assert_eq!(Value::from(Table::new()).kind(), "a table");
    /// ```
    #[inline]
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a float",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

/// Compact, JSON-like text: `{name = "Alice", tags = [1, 2]}` reads well in a timeline row.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(n) => write!(f, "{n}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::String(s) => write!(f, "{s:?}"),
            Value::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Table(table) => write!(f, "{table}"),
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}
impl From<i32> for Value {
    fn from(n: i32) -> Value {
        Value::Int(n.into())
    }
}
impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Int(n.into())
    }
}
impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Float(x)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.into())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s.into())
    }
}
impl From<Arc<str>> for Value {
    fn from(s: Arc<str>) -> Value {
        Value::String(s)
    }
}
impl From<Table> for Value {
    fn from(table: Table) -> Value {
        Value::Table(Arc::new(table))
    }
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Array(Arc::new(items.into_iter().map(Into::into).collect()))
    }
}

/// Named fields in the order they were first set; each name at most once.
///
/// Lookups scan the fields, which beats hashing for the handful of fields an event or an entity
/// has.
///
/// ```
/// use kata::store::{Table, Value};
/// let mut order = Table::new().with("id", 7).with("status", "placed");
/// order.insert("status", "shipped");
/// assert_eq!(order.get("status"), Some(&Value::from("shipped")));
/// assert_eq!(order.len(), 2);
/// assert_eq!(order.to_string(), r#"{id = 7, status = "shipped"}"#);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    fields: Vec<(Name, Value)>,
}

impl Table {
    /// An empty table.
    ///
    /// See the example on [`Table`].
    pub fn new() -> Table {
        Table::default()
    }

    /// This table with `field` set to `value` (builder style).
    ///
    /// See the example on [`Table`].
    pub fn with(mut self, field: impl Into<Name>, value: impl Into<Value>) -> Table {
        self.insert(field, value);
        self
    }

    /// Sets `field` to `value`, returning the value it replaces.
    ///
    /// See the example on [`Table`].
    #[inline]
    pub fn insert(&mut self, field: impl Into<Name>, value: impl Into<Value>) -> Option<Value> {
        let field = field.into();
        let value = value.into();
        match self.fields.iter_mut().find(|(name, _)| *name == field) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                self.fields.push((field, value));
                None
            }
        }
    }

    /// Removes `field`, returning its value.
    ///
    /// ```
    /// use kata::store::{Name, Table, Value};
    /// let mut cart = Table::new().with("id", 1).with("total", 10);
    /// if let Some(total) = cart.get_mut(Name::new("total")) { *total = Value::from(12); }
    /// assert_eq!(cart.get_name(Name::new("total")), Some(&Value::from(12)));
    /// assert_eq!(cart.remove(Name::new("id")), Some(Value::from(1)));
    /// assert_eq!(cart.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>(), ["total"]);
    /// assert_eq!(cart.fields().len(), 1);
    /// assert!(!cart.is_empty() && Table::new().is_empty());
    /// ```
    pub fn remove(&mut self, field: Name) -> Option<Value> {
        let index = self.fields.iter().position(|(name, _)| *name == field)?;
        Some(self.fields.remove(index).1)
    }

    /// The value of the field called `field`.
    ///
    /// See the example on [`Table`].
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.get_name(Name::find(field)?)
    }

    /// The value of `field` (the fast path when the name is already interned).
    ///
    /// See the example on [`Table::remove`].
    #[inline]
    pub fn get_name(&self, field: Name) -> Option<&Value> {
        field_of(&self.fields, field)
    }

    /// A mutable reference to the value of `field`.
    ///
    /// See the example on [`Table::remove`].
    #[inline]
    pub fn get_mut(&mut self, field: Name) -> Option<&mut Value> {
        self.fields
            .iter_mut()
            .find(|(name, _)| *name == field)
            .map(|(_, value)| value)
    }

    /// The fields in order.
    ///
    /// See the example on [`Table::remove`].
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (Name, &Value)> {
        self.fields.iter().map(|(name, value)| (*name, value))
    }

    /// The fields as a slice of pairs.
    ///
    /// See the example on [`Table::remove`].
    pub fn fields(&self) -> &[(Name, Value)] {
        &self.fields
    }

    /// Number of fields.
    ///
    /// See the example on [`Table`].
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the table has no fields.
    ///
    /// See the example on [`Table::remove`].
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub(crate) fn into_fields(self) -> Vec<(Name, Value)> {
        self.fields
    }

    pub(crate) fn from_fields(fields: Vec<(Name, Value)>) -> Table {
        Table { fields }
    }
}

#[inline]
pub(crate) fn field_of(fields: &[(Name, Value)], field: Name) -> Option<&Value> {
    fields
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, value)| value)
}

impl<N: Into<Name>, V: Into<Value>> FromIterator<(N, V)> for Table {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Table {
        let mut table = Table::new();
        for (name, value) in iter {
            table.insert(name, value);
        }
        table
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_fields(f, &self.fields)
    }
}

pub(crate) fn write_fields(f: &mut fmt::Formatter<'_>, fields: &[(Name, Value)]) -> fmt::Result {
    f.write_str("{")?;
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{name} = {value}")?;
    }
    f.write_str("}")
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Int(n) => serializer.serialize_i64(*n),
            Value::Float(x) => serializer.serialize_f64(*x),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items.iter() {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Table(table) => table.serialize(serializer),
        }
    }
}

impl serde::Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_fields(&self.fields, serializer)
    }
}

pub(crate) fn serialize_fields<S: serde::Serializer>(
    fields: &[(Name, Value)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(fields.len()))?;
    for (name, value) in fields {
        map.serialize_entry(name.as_str(), value)?;
    }
    map.end()
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean, number, string, array or table (null is not a value)")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Int(n))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
        i64::try_from(n)
            .map(Value::Int)
            .map_err(|_| E::custom(format!("integer {n} is larger than {}", i64::MAX)))
    }
    fn visit_f64<E>(self, x: f64) -> Result<Value, E> {
        Ok(Value::Float(x))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::from(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(Arc::new(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        Ok(Value::from(TableVisitor.visit_map(map)?))
    }
}

struct TableVisitor;

impl<'de> Visitor<'de> for TableVisitor {
    type Value = Table;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table of fields")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Table, A::Error> {
        let mut table = Table::new();
        while let Some((name, value)) = map.next_entry::<Name, Value>()? {
            if table.insert(name, value).is_some() {
                return Err(de::Error::custom(format!("field `{name}` appears twice")));
            }
        }
        Ok(table)
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

impl<'de> serde::Deserialize<'de> for Table {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Table, D::Error> {
        deserializer.deserialize_map(TableVisitor)
    }
}
