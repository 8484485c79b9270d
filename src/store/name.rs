//! Interned names for event types and field names.

use std::collections::HashMap;
use std::fmt;
use std::sync::{OnceLock, PoisonError, RwLock};

/// An interned event type or field name: a small `Copy` number that stands for a string.
///
/// Comparing, hashing and storing a `Name` costs as much as a `u32`, which is what keeps a
/// million small events small and a rules projection fast. Names live for the whole process
/// (one table shared by every [`Store`](super::Store)), so use them for the bounded vocabulary of
/// event types and field names, not for unbounded values such as stream names.
///
/// ```
/// use kata::store::Name;
/// let amount = Name::new("amount");
/// assert_eq!(amount, Name::new("amount"));
/// assert_eq!(amount.as_str(), "amount");
/// assert_eq!(Name::find("never-used-anywhere"), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(u32);

#[derive(Default)]
struct Interner {
    ids: HashMap<&'static str, u32>,
    names: Vec<&'static str>,
}

fn interner() -> &'static RwLock<Interner> {
    static INTERNER: OnceLock<RwLock<Interner>> = OnceLock::new();
    INTERNER.get_or_init(Default::default)
}

impl Name {
    /// The name for `text`, interning it on first use.
    ///
    /// See the example on [`Name`].
    pub fn new(text: &str) -> Name {
        if let Some(name) = Name::find(text) {
            return name;
        }
        // A poisoned lock only means another thread panicked mid-insert of a complete entry
        // (map and vector are updated after the leak); the table is still consistent.
        let mut table = interner().write().unwrap_or_else(PoisonError::into_inner);
        if let Some(&id) = table.ids.get(text) {
            return Name(id);
        }
        let id = u32::try_from(table.names.len()).expect("fewer than 4 billion distinct names");
        let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
        table.names.push(text);
        table.ids.insert(text, id);
        Name(id)
    }

    /// The name for `text` if it was ever interned, without interning it.
    ///
    /// See the example on [`Name`].
    pub fn find(text: &str) -> Option<Name> {
        let table = interner().read().unwrap_or_else(PoisonError::into_inner);
        table.ids.get(text).map(|&id| Name(id))
    }

    /// The text of this name.
    ///
    /// See the example on [`Name`].
    pub fn as_str(self) -> &'static str {
        let table = interner().read().unwrap_or_else(PoisonError::into_inner);
        table.names[self.0 as usize]
    }

    pub(crate) fn from_index(index: usize) -> Name {
        Name(index as u32)
    }

    /// A dense index (0, 1, 2, … in order of first use), handy for lookup tables.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::new(text)
    }
}

impl From<&String> for Name {
    fn from(text: &String) -> Name {
        Name::new(text)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Name, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Name::new(&text))
    }
}
