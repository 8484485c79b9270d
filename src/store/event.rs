//! Events: the ones you append ([`NewEvent`]) and the ones the store hands back ([`Recorded`]).

use std::fmt;

use serde::ser::SerializeStruct;

use super::value::{field_of, serialize_fields, write_fields};
use super::{Name, Table, Value};

/// A unique event id (128 bits, printed like a UUID).
///
/// Give your own ids ([`NewEvent::with_id`]) to make retries idempotent; events appended
/// without one get an id made from their global position. Ids with the top bit set are reserved
/// for those store-assigned ids.
///
/// ```
/// use kata::store::EventId;
/// let id = EventId::new(0x2a);
/// assert_eq!(id.to_string(), "00000000-0000-0000-0000-00000000002a");
/// assert!(!id.is_assigned_by_store());
/// ```
// Two u64 halves rather than a u128 keep the alignment, and so every stored event, at 8 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId {
    high: u64,
    low: u64,
}

const STORE_ASSIGNED: u64 = 1 << 63;

impl EventId {
    /// The id with this 128-bit value.
    ///
    /// See the example on [`EventId`].
    pub const fn new(value: u128) -> EventId {
        EventId {
            high: (value >> 64) as u64,
            low: value as u64,
        }
    }

    /// The 128-bit value.
    ///
    /// ```
    /// use kata::store::EventId;
    /// assert_eq!(EventId::new(42).as_u128(), 42);
    /// ```
    pub const fn as_u128(self) -> u128 {
        ((self.high as u128) << 64) | self.low as u128
    }

    /// Whether the store made this id up (the event was appended without one).
    ///
    /// See the example on [`EventId`].
    #[inline]
    pub const fn is_assigned_by_store(self) -> bool {
        self.high & STORE_ASSIGNED != 0
    }

    #[inline]
    pub(crate) const fn assigned(position: u64) -> EventId {
        EventId {
            high: STORE_ASSIGNED,
            low: position,
        }
    }

    /// The position a store-assigned id was made from.
    pub(crate) fn assigned_position(self) -> Option<u64> {
        (self.high == STORE_ASSIGNED).then_some(self.low)
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.as_u128();
        write!(
            f,
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            (v >> 96) as u32,
            (v >> 80) as u16,
            (v >> 64) as u16,
            (v >> 48) as u16,
            v & 0xffff_ffff_ffff
        )
    }
}

impl fmt::Debug for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EventId({self})")
    }
}

impl serde::Serialize for EventId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why an event happened: the conversation it belongs to (correlation) and the message that
/// caused it (causation).
///
/// ```
/// use kata::store::{EventId, Metadata};
/// let meta = Metadata { correlation_id: Some(EventId::new(1)), causation_id: None };
/// assert_eq!(meta.correlation_id, Some(EventId::new(1)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Metadata {
    /// The id shared by every message of one conversation or workflow.
    pub correlation_id: Option<EventId>,
    /// The id of the message (command or event) that caused this event.
    pub causation_id: Option<EventId>,
}

/// An event to append: its type, its data fields and optionally an id and metadata.
///
/// ```
/// use kata::store::{EventId, NewEvent};
/// let deposited = NewEvent::new("Deposited").with("account", 7).with("amount", 10);
/// assert_eq!(deposited.event_type().as_str(), "Deposited");
/// let retryable = deposited.with_id(EventId::new(99));
/// assert_eq!(retryable.id(), Some(EventId::new(99)));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    pub(crate) event_type: Name,
    pub(crate) data: Vec<(Name, Value)>,
    pub(crate) id: Option<EventId>,
    pub(crate) metadata: Option<Metadata>,
}

impl NewEvent {
    /// An event of type `event_type` with no data yet.
    ///
    /// See the example on [`NewEvent`].
    #[inline]
    pub fn new(event_type: impl Into<Name>) -> NewEvent {
        NewEvent {
            event_type: event_type.into(),
            data: Vec::new(),
            id: None,
            metadata: None,
        }
    }

    /// An event of type `event_type` whose data is `data`.
    ///
    /// ```
    /// use kata::store::{EventId, Metadata, NewEvent, Table};
    /// let meta = Metadata { correlation_id: Some(EventId::new(1)), causation_id: None };
    /// let event = NewEvent::from_table("Deposited", Table::new().with("amount", 10)).with_metadata(meta);
    /// assert_eq!(event.data().len(), 1);
    /// ```
    pub fn from_table(event_type: impl Into<Name>, data: Table) -> NewEvent {
        NewEvent {
            data: data.into_fields(),
            ..NewEvent::new(event_type)
        }
    }

    /// An event of type `event_type` with exactly these fields (the caller
    /// makes sure each name appears once): no lookups, for bulk loading.
    ///
    /// ```
    /// use kata::store::{Name, NewEvent, Value};
    /// let e = NewEvent::from_fields(Name::new("Deposited"), vec![(Name::new("amount"), Value::Int(10))]);
    /// assert_eq!(e.data().get("amount"), Some(&Value::Int(10)));
    /// ```
    pub fn from_fields(event_type: Name, data: Vec<(Name, Value)>) -> NewEvent {
        debug_assert!(
            data.iter()
                .enumerate()
                .all(|(i, (n, _))| data[..i].iter().all(|(m, _)| m != n)),
            "a field name appears twice"
        );
        NewEvent {
            event_type,
            data,
            id: None,
            metadata: None,
        }
    }

    /// This event with data field `field` set to `value`.
    ///
    /// See the example on [`NewEvent`].
    #[inline]
    pub fn with(mut self, field: impl Into<Name>, value: impl Into<Value>) -> NewEvent {
        let field = field.into();
        let value = value.into();
        match self.data.iter_mut().find(|(name, _)| *name == field) {
            Some((_, slot)) => *slot = value,
            None => self.data.push((field, value)),
        }
        self
    }

    /// This event with the id `id` (makes retries of its append idempotent).
    ///
    /// See the example on [`NewEvent`].
    pub fn with_id(mut self, id: EventId) -> NewEvent {
        self.id = Some(id);
        self
    }

    /// This event with correlation and causation metadata.
    ///
    /// See the example on [`NewEvent::from_table`].
    pub fn with_metadata(mut self, metadata: Metadata) -> NewEvent {
        self.metadata = Some(metadata);
        self
    }

    /// The event type.
    ///
    /// See the example on [`NewEvent`].
    pub fn event_type(&self) -> Name {
        self.event_type
    }

    /// The id given with [`NewEvent::with_id`], if any.
    ///
    /// See the example on [`NewEvent`].
    pub fn id(&self) -> Option<EventId> {
        self.id
    }

    /// The data fields.
    ///
    /// See the example on [`NewEvent::from_table`].
    pub fn data(&self) -> Data<'_> {
        Data(&self.data)
    }
}

/// How an event sits in the store. Kept small: a million events with one field each take
/// about 90 bytes apiece including their data (see BENCHMARKS.md).
#[derive(Debug)]
pub(crate) struct StoredEvent {
    pub(crate) id: EventId,
    pub(crate) revision: u64,
    pub(crate) timestamp: u64,
    pub(crate) stream: u32,
    pub(crate) event_type: Name,
    /// The data fields live in the store's shared field arena: one allocation for all events.
    pub(crate) data_start: u32,
    pub(crate) data_len: u32,
    pub(crate) metadata: Option<Box<Metadata>>,
}

/// The revision KurrentDB gives a hard-delete tombstone, so it sorts after every real event.
///
/// ```
/// use kata::store::{ExpectedVersion, NewEvent, Store, TOMBSTONE_REVISION};
/// let mut store = Store::new();
/// store.append("a-1", ExpectedVersion::Any, [NewEvent::new("Opened")]).unwrap();
/// store.hard_delete("a-1").unwrap();
/// assert_eq!(store.read_all(0).last().map(|e| e.revision()), Some(TOMBSTONE_REVISION));
/// ```
pub const TOMBSTONE_REVISION: u64 = u64::MAX;

/// A stored event as reads hand it out: a shared, read-only view into the store.
///
/// There is no way to change a stored event: `Recorded` only has getters, its fields are
/// private, and it borrows the store immutably, so the borrow checker refuses any append or
/// delete while you hold one. This does not compile:
///
/// ```compile_fail
/// use kata::store::{ExpectedVersion, NewEvent, Store};
/// let mut store = Store::new();
/// store.append("user-1", ExpectedVersion::Any, [NewEvent::new("UserCreated")]).unwrap();
/// let event = store.read_all(0).next().unwrap();
/// event.event_type = "UserDeleted".into(); // private field of a shared view: refused
/// ```
///
/// and neither does holding a view across a write (so a view can never change under you):
///
/// ```compile_fail
/// use kata::store::{ExpectedVersion, NewEvent, Store};
/// let mut store = Store::new();
/// store.append("user-1", ExpectedVersion::Any, [NewEvent::new("UserCreated")]).unwrap();
/// let event = store.read_all(0).next().unwrap();
/// store.truncate_before("user-1", 1).unwrap(); // needs `&mut store` while `event` borrows it
/// println!("{}", event.event_type());
/// ```
///
/// ```
/// use kata::store::{ExpectedVersion, NewEvent, Store};
/// let mut store = Store::new();
/// store.append("user-1", ExpectedVersion::NoStream, [NewEvent::new("UserCreated").with("userId", 1)]).unwrap();
/// let event = store.read_all(0).next().unwrap();
/// assert_eq!((event.position(), event.stream(), event.revision()), (0, "user-1", 0));
/// assert_eq!(event.event_type().as_str(), "UserCreated");
/// assert_eq!(event.data().get("userId").and_then(|v| v.as_i64()), Some(1));
/// ```
#[derive(Clone, Copy)]
pub struct Recorded<'a> {
    pub(crate) position: u64,
    pub(crate) event: &'a StoredEvent,
    /// The store, to look the stream name up only when asked: folds rarely need it, and
    /// skipping that random access per event is a large part of replay speed.
    pub(crate) store: &'a super::Store,
    pub(crate) data: &'a [(Name, Value)],
}

impl<'a> Recorded<'a> {
    /// The place in the whole log: dense, from 0.
    ///
    /// See the example on [`Recorded`].
    #[inline]
    pub fn position(&self) -> u64 {
        self.position
    }

    /// The stream's name, e.g. `account-7`.
    ///
    /// See the example on [`Recorded`].
    pub fn stream(&self) -> &'a str {
        self.store.stream_name(self.event.stream)
    }

    /// The place in its stream: from 0, no gaps ([`TOMBSTONE_REVISION`] for a tombstone).
    ///
    /// See the example on [`Recorded`].
    pub fn revision(&self) -> u64 {
        self.event.revision
    }

    /// The event type.
    ///
    /// See the example on [`Recorded`].
    #[inline]
    pub fn event_type(&self) -> Name {
        self.event.event_type
    }

    /// The data fields.
    ///
    /// See the example on [`Recorded`].
    #[inline]
    pub fn data(&self) -> Data<'a> {
        Data(self.data)
    }

    /// The unique id.
    ///
    /// See the example on [`Recorded::to_owned_event`].
    pub fn id(&self) -> EventId {
        self.event.id
    }

    /// Correlation and causation ids, if given.
    ///
    /// See the example on [`Recorded::to_owned_event`].
    pub fn metadata(&self) -> Option<&'a Metadata> {
        self.event.metadata.as_deref()
    }

    /// The logical timestamp: the number of the append that wrote this event (0 for the first
    /// successful append, 1 for the next…). Events of one batch share it.
    ///
    /// See the example on [`Recorded::to_owned_event`].
    pub fn timestamp(&self) -> u64 {
        self.event.timestamp
    }

    /// An owned copy, to keep after the store is borrowed again or to send to another thread.
    ///
    /// ```
    /// use kata::store::{EventId, ExpectedVersion, Metadata, NewEvent, Store};
    /// let mut store = Store::new();
    /// let meta = Metadata { correlation_id: Some(EventId::new(7)), causation_id: None };
    /// store.append("a-1", ExpectedVersion::Any, [NewEvent::new("Opened").with_id(EventId::new(1)).with_metadata(meta)]).unwrap();
    /// let owned = store.read_all(0).next().unwrap().to_owned_event();
    /// assert_eq!((owned.id, owned.metadata, owned.timestamp, owned.stream.as_str()), (EventId::new(1), Some(meta), 0, "a-1"));
    /// ```
    pub fn to_owned_event(&self) -> RecordedEvent {
        RecordedEvent {
            position: self.position,
            stream: self.stream().into(),
            revision: self.revision(),
            event_type: self.event_type(),
            data: Table::from_fields(self.data.to_vec()),
            id: self.id(),
            metadata: self.metadata().copied(),
            timestamp: self.timestamp(),
        }
    }
}

impl fmt::Debug for Recorded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorded")
            .field("position", &self.position)
            .field("stream", &self.stream())
            .field("revision", &self.revision())
            .field("event_type", &self.event_type())
            .field("data", &self.data())
            .field("id", &self.id())
            .finish()
    }
}

/// `{"position", "stream", "revision", "type", "data", "id", "timestamp"}` (+ `"metadata"`).
impl serde::Serialize for Recorded<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Recorded", 8)?;
        s.serialize_field("position", &self.position)?;
        s.serialize_field("stream", self.stream())?;
        s.serialize_field("revision", &self.revision())?;
        s.serialize_field("type", &self.event_type())?;
        s.serialize_field("data", &self.data())?;
        s.serialize_field("id", &self.id())?;
        s.serialize_field("timestamp", &self.timestamp())?;
        if let Some(metadata) = self.metadata() {
            s.serialize_field("metadata", metadata)?;
        } else {
            s.skip_field("metadata")?;
        }
        s.end()
    }
}

/// An owned copy of a stored event ([`Recorded::to_owned_event`]).
///
/// ```
/// use kata::store::{ExpectedVersion, NewEvent, Store};
/// let mut store = Store::new();
/// store.append("a-1", ExpectedVersion::Any, [NewEvent::new("Opened").with("id", 1)]).unwrap();
/// let owned = store.read_all(0).next().unwrap().to_owned_event();
/// drop(store); // the copy outlives the store
/// assert_eq!((owned.position, owned.revision, owned.event_type.as_str()), (0, 0, "Opened"));
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RecordedEvent {
    /// Place in the whole log.
    pub position: u64,
    /// Stream name.
    pub stream: String,
    /// Place in the stream.
    pub revision: u64,
    /// Event type.
    #[serde(rename = "type")]
    pub event_type: Name,
    /// Data fields.
    pub data: Table,
    /// Unique id.
    pub id: EventId,
    /// Correlation and causation ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Logical timestamp (append number).
    pub timestamp: u64,
}

/// An event's data fields: a read-only view that serializes as a table.
///
/// ```
/// use kata::store::{Name, NewEvent};
/// let event = NewEvent::new("Deposited").with("amount", 10);
/// assert_eq!(event.data().get("amount").and_then(|v| v.as_i64()), Some(10));
/// assert_eq!(event.data().field(Name::new("amount")).and_then(|v| v.as_i64()), Some(10));
/// assert_eq!(event.data().to_string(), "{amount = 10}");
/// ```
#[derive(Clone, Copy, PartialEq)]
pub struct Data<'a>(pub(crate) &'a [(Name, Value)]);

impl<'a> Data<'a> {
    /// The value of the field called `field`.
    ///
    /// See the example on [`Data`].
    pub fn get(&self, field: &str) -> Option<&'a Value> {
        field_of(self.0, Name::find(field)?)
    }

    /// The value of `field` (fast path with an interned name).
    ///
    /// See the example on [`Data`].
    #[inline]
    pub fn field(&self, field: Name) -> Option<&'a Value> {
        field_of(self.0, field)
    }

    /// The fields in order.
    ///
    /// See the example on [`Data::to_table`].
    pub fn fields(&self) -> &'a [(Name, Value)] {
        self.0
    }

    /// Number of fields.
    ///
    /// See the example on [`Data::to_table`].
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no fields.
    ///
    /// See the example on [`Data::to_table`].
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// An owned table with the same fields.
    ///
    /// ```
    /// use kata::store::{NewEvent, Table};
    /// let event = NewEvent::new("Deposited").with("amount", 10);
    /// assert_eq!(event.data().to_table(), Table::new().with("amount", 10));
    /// assert_eq!((event.data().len(), event.data().fields().len()), (1, 1));
    /// assert!(NewEvent::new("Opened").data().is_empty());
    /// ```
    pub fn to_table(&self) -> Table {
        Table::from_fields(self.0.to_vec())
    }
}

impl fmt::Debug for Data<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_fields(f, self.0)
    }
}

impl fmt::Display for Data<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_fields(f, self.0)
    }
}

impl serde::Serialize for Data<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_fields(self.0, serializer)
    }
}
