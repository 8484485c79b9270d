//! The store itself: one global log of events, indexed by stream.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::event::{StoredEvent, TOMBSTONE_REVISION};
use super::{EventId, ExpectedVersion, Name, NewEvent, Recorded, StoreError, StreamVersion, Value};

pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// The event type of the tombstone a hard delete writes (KurrentDB's name).
///
/// ```
/// use kata::store::{ExpectedVersion, NewEvent, Store, TOMBSTONE_TYPE};
/// let mut store = Store::new();
/// store.append("a-1", ExpectedVersion::Any, [NewEvent::new("Opened")]).unwrap();
/// store.hard_delete("a-1").unwrap();
/// assert_eq!(store.read_all(0).last().map(|e| e.event_type().as_str()), Some(TOMBSTONE_TYPE));
/// ```
pub const TOMBSTONE_TYPE: &str = "$streamDeleted";

/// An in-memory event store with KurrentDB's semantics: one global log, streams with
/// gap-free revisions, optimistic concurrency, soft and hard deletes, lazy reads.
///
/// Stored events can never change: the store has no method that edits or removes one, and
/// reads hand out [`Recorded`] views that borrow the store immutably.
///
/// **Sharing between threads:** `Store` is plain data (`Send + Sync`) with `&mut self` writes,
/// so the borrow checker already forbids a write during a read. To write from one thread and
/// read from others, wrap it in a [`SharedStore`](super::SharedStore) (one `RwLock`: appends are
/// serialized, so of N writers at the same expected version exactly one wins).
///
/// ```
/// use kata::store::{Direction, ExpectedVersion, NewEvent, Store};
/// let mut store = Store::new();
/// store.append("account-1", ExpectedVersion::NoStream, [NewEvent::new("Opened").with("owner", "Ada")]).unwrap();
/// store.append("account-2", ExpectedVersion::NoStream, [NewEvent::new("Opened").with("owner", "Bob")]).unwrap();
/// store.append("account-1", ExpectedVersion::Exact(0), [
///     NewEvent::new("Deposited").with("amount", 10),
///     NewEvent::new("Deposited").with("amount", 5),
/// ]).unwrap();
/// let types: Vec<_> = store.read_stream("account-1", 0, Direction::Forwards).unwrap()
///     .map(|e| e.event_type().as_str())
///     .collect();
/// assert_eq!(types, ["Opened", "Deposited", "Deposited"]);
/// assert_eq!(store.len(), 4);
/// ```
#[derive(Default)]
pub struct Store {
    events: Vec<StoredEvent>,
    /// Every event's data fields, back to back: one allocation instead of one per event.
    fields: Vec<(Name, Value)>,
    streams: Vec<Stream>,
    stream_ids: FastMap<Arc<str>, u32>,
    categories: Vec<Box<str>>,
    category_ids: FastMap<Box<str>, u32>,
    /// Caller-given event ids only: store-assigned ids encode their position instead.
    ids: FastMap<EventId, u64>,
    /// Counts by event type, indexed by [`Name::index`].
    type_counts: Vec<u64>,
    /// Successful non-empty appends so far: the logical clock.
    appends: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Life {
    Live,
    SoftDeleted,
    Tombstoned,
}

struct Stream {
    name: Arc<str>,
    category: u32,
    positions: Vec<u64>,
    /// Revisions below this are hidden from stream reads (truncate-before, soft delete).
    truncate_before: u64,
    /// Revisions at which the stream was written again after a soft delete.
    restarts: Vec<u64>,
    life: Life,
}

impl Stream {
    fn version(&self) -> StreamVersion {
        match self.life {
            Life::Tombstoned => StreamVersion::Deleted,
            Life::SoftDeleted => StreamVersion::NoStream,
            Life::Live => match self.positions.len() {
                0 => StreamVersion::NoStream,
                n => StreamVersion::Revision(n as u64 - 1),
            },
        }
    }
}

/// What a successful append did.
///
/// ```
/// use kata::store::{ExpectedVersion, NewEvent, Store, StreamVersion};
/// let mut store = Store::new();
/// let appended = store.append("a-1", ExpectedVersion::Any, [NewEvent::new("A"), NewEvent::new("B")]).unwrap();
/// assert_eq!((appended.positions, appended.version, appended.retry), (0..2, StreamVersion::Revision(1), false));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appended {
    /// The global positions of the batch (empty for an empty batch).
    pub positions: Range<u64>,
    /// The stream's version after the append: use it as the next `ExpectedVersion::Exact`.
    pub version: StreamVersion,
    /// True when this was a retry of an earlier append: nothing new was written.
    pub retry: bool,
}

/// Which way to read a stream.
///
/// ```
/// use kata::store::{Direction, ExpectedVersion, NewEvent, Store};
/// let mut store = Store::new();
/// store.append("a-1", ExpectedVersion::Any, [NewEvent::new("A"), NewEvent::new("B")]).unwrap();
/// let newest = store.read_stream("a-1", 1, Direction::Backwards).unwrap().next().unwrap();
/// assert_eq!(newest.event_type().as_str(), "B");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From a revision towards the end.
    Forwards,
    /// From a revision towards the start.
    Backwards,
}

impl Store {
    /// An empty store.
    ///
    /// See the example on [`Store`].
    pub fn new() -> Store {
        Store::default()
    }

    /// An empty store with room for `events` events of about `fields_per_event` data fields,
    /// so building a large generated scenario does not keep regrowing the log.
    ///
    /// ```
    /// use kata::store::{ExpectedVersion, Name, NewEvent, Store};
    /// let mut store = Store::with_capacity(4, 1);
    /// store.reserve(4, 1);
    /// assert!(store.is_empty());
    /// store.append("a-1", ExpectedVersion::Any, [NewEvent::new("Opened"), NewEvent::new("Opened")]).unwrap();
    /// assert_eq!(store.count_of(Name::new("Opened")), 2);
    /// assert_eq!(store.event(1).map(|e| e.revision()), Some(1));
    /// assert_eq!(store.stream_names().collect::<Vec<_>>(), ["a-1"]);
    /// assert!(store.heap_bytes() > 0);
    /// ```
    pub fn with_capacity(events: usize, fields_per_event: usize) -> Store {
        let mut store = Store::new();
        store.reserve(events, fields_per_event);
        store
    }

    /// Makes room for `events` more events of about `fields_per_event` data fields.
    ///
    /// See the example on [`Store::with_capacity`].
    pub fn reserve(&mut self, events: usize, fields_per_event: usize) {
        self.events.reserve(events);
        self.fields.reserve(events.saturating_mul(fields_per_event));
    }

    /// Number of events in the global log (including hidden ones and tombstones).
    ///
    /// See the example on [`Store`].
    pub fn len(&self) -> u64 {
        self.events.len() as u64
    }

    /// Whether nothing was ever appended.
    ///
    /// See the example on [`Store::with_capacity`].
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Appends `events` to `stream` if the stream is at the `expected` version.
    ///
    /// - The batch is atomic and contiguous: on success its events take the next positions of
    ///   the global log and the next revisions of the stream; on any error nothing changes.
    /// - **Retries:** if the batch's events all carry ids ([`NewEvent::with_id`]) that are
    ///   already stored as this stream's events, in this order, at the place the expected
    ///   version names, the append succeeds with `retry: true` and writes nothing. A batch of
    ///   which only some ids are stored fails with [`StoreError::PartialRetry`].
    /// - **Empty batch:** checks that the stream is not deleted and that the expected version
    ///   holds, then writes nothing (it does not create the stream) and returns the current
    ///   version.
    /// - After a soft delete the stream counts as missing (`NoStream`) until written again;
    ///   the new events continue the old revision count. After a hard delete every append
    ///   fails with [`StoreError::StreamDeleted`].
    ///
    /// The checks, in order: deleted stream, retry, expected version, then each event's id
    /// (already stored: `PartialRetry`; twice in the batch: `DuplicateIdInBatch`; top bit
    /// set: `ReservedId`).
    ///
    /// ```
    /// use kata::store::{EventId, ExpectedVersion, NewEvent, Store, StreamVersion};
    /// let mut store = Store::new();
    /// let batch = vec![NewEvent::new("CartOpened").with_id(EventId::new(1))];
    /// let first = store.append("cart-9", ExpectedVersion::NoStream, batch.clone()).unwrap();
    /// let again = store.append("cart-9", ExpectedVersion::NoStream, batch).unwrap();
    /// assert!(again.retry && !first.retry);
    /// assert_eq!((again.positions, store.len()), (0..1, 1));
    /// let empty = store.append("cart-9", ExpectedVersion::Exact(0), []).unwrap();
    /// assert_eq!(empty.version, StreamVersion::Revision(0));
    /// ```
    pub fn append(
        &mut self,
        stream: &str,
        expected: ExpectedVersion,
        events: impl IntoIterator<Item = NewEvent>,
    ) -> Result<Appended, StoreError> {
        let existing = self.stream_ids.get(stream).copied();
        let actual = existing.map_or(StreamVersion::NoStream, |s| {
            self.streams[s as usize].version()
        });
        if actual == StreamVersion::Deleted {
            return Err(StoreError::StreamDeleted {
                stream: stream.to_owned(),
            });
        }
        let mut events = events.into_iter().peekable();
        let Some(first) = events.peek() else {
            return if expected.accepts(actual) {
                let len = self.len();
                Ok(Appended {
                    positions: len..len,
                    version: actual,
                    retry: false,
                })
            } else {
                Err(wrong_version(stream, expected, actual))
            };
        };
        if first.id.and_then(|id| self.find_id(id)).is_some() {
            return self.check_retry(stream, existing, expected, actual, events.collect());
        }
        if !expected.accepts(actual) {
            return Err(wrong_version(stream, expected, actual));
        }
        self.write_batch(stream, existing, events)
    }

    fn write_batch(
        &mut self,
        stream: &str,
        existing: Option<u32>,
        events: impl Iterator<Item = NewEvent>,
    ) -> Result<Appended, StoreError> {
        let start = self.events.len();
        let fields_start = self.fields.len();
        let stream_id = match existing {
            Some(id) => id,
            None => self.create_stream(stream)?,
        };
        let revisions_start = self.streams[stream_id as usize].positions.len();
        let mut failure = None;
        let mut events = events;
        for event in events.by_ref() {
            if let Some(id) = event.id {
                if let Some(found) = self.find_id(id) {
                    failure = Some(if found >= start as u64 {
                        StoreError::DuplicateIdInBatch { id }
                    } else {
                        StoreError::PartialRetry {
                            stream: stream.to_owned(),
                            stored: 1,
                            batch: 0,
                        }
                    });
                    break;
                }
                if id.is_assigned_by_store() {
                    failure = Some(StoreError::ReservedId { id });
                    break;
                }
            }
            if let Err(full) = self.push_event(stream_id, event) {
                failure = Some(full);
                break;
            }
        }
        if let Some(mut error) = failure {
            // Count the rest of the batch so the message can say how much of it was stored.
            if let StoreError::PartialRetry { stored, batch, .. } = &mut error {
                let written = self.events.len() - start;
                let mut rest_stored = 0;
                let mut rest = 0;
                for event in events {
                    rest += 1;
                    if event
                        .id
                        .and_then(|id| self.find_id(id))
                        .is_some_and(|p| p < start as u64)
                    {
                        rest_stored += 1;
                    }
                }
                *stored += rest_stored;
                *batch = written + 1 + rest;
            }
            self.roll_back(
                start,
                fields_start,
                stream_id,
                existing.is_none(),
                revisions_start,
            );
            return Err(error);
        }
        let stream_record = &mut self.streams[stream_id as usize];
        if stream_record.life == Life::SoftDeleted {
            stream_record.life = Life::Live;
            stream_record.restarts.push(revisions_start as u64);
        }
        let version = stream_record.version();
        self.appends += 1;
        Ok(Appended {
            positions: start as u64..self.len(),
            version,
            retry: false,
        })
    }

    #[inline]
    fn push_event(&mut self, stream_id: u32, event: NewEvent) -> Result<(), StoreError> {
        let position = self.events.len() as u64;
        let data_start = u32::try_from(self.fields.len()).map_err(|_| StoreError::Full)?;
        let data_len = u32::try_from(event.data.len()).map_err(|_| StoreError::Full)?;
        if data_start.checked_add(data_len).is_none() {
            return Err(StoreError::Full);
        }
        let stream = &mut self.streams[stream_id as usize];
        let revision = stream.positions.len() as u64;
        stream.positions.push(position);
        let id = match event.id {
            Some(id) => {
                self.ids.insert(id, position);
                id
            }
            None => EventId::assigned(position),
        };
        self.fields.extend(event.data);
        let type_index = event.event_type.index();
        if type_index >= self.type_counts.len() {
            self.type_counts.resize(type_index + 1, 0);
        }
        self.type_counts[type_index] += 1;
        self.events.push(StoredEvent {
            id,
            revision,
            timestamp: self.appends,
            stream: stream_id,
            event_type: event.event_type,
            data_start,
            data_len,
            metadata: event.metadata.map(Box::new),
        });
        Ok(())
    }

    /// Undoes a half-written batch; nobody saw it, since writing needs `&mut self`.
    fn roll_back(
        &mut self,
        start: usize,
        fields_start: usize,
        stream_id: u32,
        created: bool,
        revisions_start: usize,
    ) {
        for event in self.events.drain(start..) {
            self.type_counts[event.event_type.index()] -= 1;
            if !event.id.is_assigned_by_store() {
                self.ids.remove(&event.id);
            }
        }
        self.fields.truncate(fields_start);
        self.streams[stream_id as usize]
            .positions
            .truncate(revisions_start);
        if created {
            let stream = self
                .streams
                .pop()
                .expect("the stream created for this batch");
            self.stream_ids.remove(&stream.name);
        }
    }

    fn check_retry(
        &self,
        stream: &str,
        existing: Option<u32>,
        expected: ExpectedVersion,
        actual: StreamVersion,
        batch: Vec<NewEvent>,
    ) -> Result<Appended, StoreError> {
        let found: Vec<Option<u64>> = batch
            .iter()
            .map(|event| event.id.and_then(|id| self.find_id(id)))
            .collect();
        let stored = found.iter().flatten().count();
        if stored < batch.len() {
            return Err(StoreError::PartialRetry {
                stream: stream.to_owned(),
                stored,
                batch: batch.len(),
            });
        }
        let first = &self.events[found[0].unwrap_or_default() as usize];
        let mismatch = |i: usize| StoreError::RetryMismatch {
            stream: stream.to_owned(),
            id: batch[i].id.unwrap_or(EventId::new(0)),
        };
        let Some(stream_id) = existing.filter(|&s| s == first.stream) else {
            return Err(mismatch(0));
        };
        for (i, position) in found.iter().enumerate() {
            let event = &self.events[position.unwrap_or_default() as usize];
            if event.stream != stream_id || event.revision != first.revision + i as u64 {
                return Err(mismatch(i));
            }
        }
        let r0 = first.revision;
        let compatible = match expected {
            ExpectedVersion::Any | ExpectedVersion::StreamExists => true,
            ExpectedVersion::NoStream => {
                r0 == 0 || self.streams[stream_id as usize].restarts.contains(&r0)
            }
            ExpectedVersion::Exact(e) => e.checked_add(1) == Some(r0),
        };
        if !compatible {
            return Err(wrong_version(stream, expected, actual));
        }
        let p0 = found[0].unwrap_or_default();
        Ok(Appended {
            positions: p0..p0 + batch.len() as u64,
            version: StreamVersion::Revision(r0 + batch.len() as u64 - 1),
            retry: true,
        })
    }

    #[inline]
    fn find_id(&self, id: EventId) -> Option<u64> {
        match id.assigned_position() {
            Some(position) => self
                .events
                .get(usize::try_from(position).ok()?)
                .filter(|event| event.id == id)
                .map(|_| position),
            None => self.ids.get(&id).copied(),
        }
    }

    fn create_stream(&mut self, name: &str) -> Result<u32, StoreError> {
        let id = u32::try_from(self.streams.len()).map_err(|_| StoreError::Full)?;
        let category_name = name.split_once('-').map_or(name, |(category, _)| category);
        let category = match self.category_ids.get(category_name) {
            Some(&c) => c,
            None => {
                let c = self.categories.len() as u32;
                self.categories.push(category_name.into());
                self.category_ids.insert(category_name.into(), c);
                c
            }
        };
        let name: Arc<str> = name.into();
        self.stream_ids.insert(name.clone(), id);
        self.streams.push(Stream {
            name,
            category,
            positions: Vec::new(),
            truncate_before: 0,
            restarts: Vec::new(),
            life: Life::Live,
        });
        Ok(id)
    }

    /// The stream's current version, as expected-version checks see it.
    ///
    /// See the example on [`StreamVersion`].
    pub fn stream_version(&self, stream: &str) -> StreamVersion {
        self.stream_ids
            .get(stream)
            .map_or(StreamVersion::NoStream, |&s| {
                self.streams[s as usize].version()
            })
    }

    /// Hides the stream's events below `revision` from stream reads (KurrentDB's
    /// truncate-before). They stay in the global log; revisions keep counting. The mark only
    /// moves forwards.
    ///
    /// ```
    /// use kata::store::{Direction, ExpectedVersion, NewEvent, Store};
    /// let mut store = Store::new();
    /// let three = (0..3).map(|i| NewEvent::new("Ticked").with("i", i));
    /// store.append("clock-1", ExpectedVersion::Any, three).unwrap();
    /// store.truncate_before("clock-1", 2).unwrap();
    /// let left: Vec<u64> = store.read_stream("clock-1", 0, Direction::Forwards).unwrap().map(|e| e.revision()).collect();
    /// assert_eq!(left, [2]);
    /// assert_eq!(store.read_all(0).count(), 3);
    /// ```
    pub fn truncate_before(&mut self, stream: &str, revision: u64) -> Result<(), StoreError> {
        let s = self.readable_stream(stream)?;
        let record = &mut self.streams[s as usize];
        record.truncate_before = record.truncate_before.max(revision);
        Ok(())
    }

    /// Soft delete: the stream reads as not found and accepts `NoStream` until written again;
    /// its events stay in the global log and a new append continues its revisions.
    ///
    /// ```
    /// use kata::store::{ExpectedVersion, NewEvent, Store, StreamVersion};
    /// let mut store = Store::new();
    /// store.append("user-1", ExpectedVersion::NoStream, [NewEvent::new("UserCreated")]).unwrap();
    /// store.soft_delete("user-1").unwrap();
    /// assert!(store.read_stream("user-1", 0, kata::store::Direction::Forwards).is_err());
    /// let again = store.append("user-1", ExpectedVersion::NoStream, [NewEvent::new("UserCreated")]).unwrap();
    /// assert_eq!(again.version, StreamVersion::Revision(1));
    /// ```
    pub fn soft_delete(&mut self, stream: &str) -> Result<(), StoreError> {
        let s = self.readable_stream(stream)?;
        let record = &mut self.streams[s as usize];
        record.truncate_before = record.positions.len() as u64;
        record.life = Life::SoftDeleted;
        Ok(())
    }

    /// Hard delete: writes a tombstone event (type `$streamDeleted`, revision
    /// [`TOMBSTONE_REVISION`]) to the global log; from then on every read of and append to
    /// the stream fails with [`StoreError::StreamDeleted`]. Works on a stream never written,
    /// to reserve its name forever. Returns the tombstone's position.
    ///
    /// ```
    /// use kata::store::{ExpectedVersion, NewEvent, Store, StoreError};
    /// let mut store = Store::new();
    /// store.append("user-1", ExpectedVersion::Any, [NewEvent::new("UserCreated")]).unwrap();
    /// assert_eq!(store.hard_delete("user-1"), Ok(1));
    /// let refused = store.append("user-1", ExpectedVersion::Any, [NewEvent::new("UserCreated")]);
    /// assert!(matches!(refused, Err(StoreError::StreamDeleted { .. })));
    /// ```
    pub fn hard_delete(&mut self, stream: &str) -> Result<u64, StoreError> {
        let s = match self.stream_ids.get(stream) {
            Some(&s) if self.streams[s as usize].life == Life::Tombstoned => {
                return Err(StoreError::StreamDeleted {
                    stream: stream.to_owned(),
                });
            }
            Some(&s) => s,
            None => self.create_stream(stream)?,
        };
        let position = self.len();
        let data_start = u32::try_from(self.fields.len()).map_err(|_| StoreError::Full)?;
        let event_type = Name::new(TOMBSTONE_TYPE);
        if event_type.index() >= self.type_counts.len() {
            self.type_counts.resize(event_type.index() + 1, 0);
        }
        self.type_counts[event_type.index()] += 1;
        self.events.push(StoredEvent {
            id: EventId::assigned(position),
            revision: TOMBSTONE_REVISION,
            timestamp: self.appends,
            stream: s,
            event_type,
            data_start,
            data_len: 0,
            metadata: None,
        });
        self.appends += 1;
        self.streams[s as usize].life = Life::Tombstoned;
        Ok(position)
    }

    fn readable_stream(&self, stream: &str) -> Result<u32, StoreError> {
        let not_found = || StoreError::StreamNotFound {
            stream: stream.to_owned(),
        };
        let s = *self.stream_ids.get(stream).ok_or_else(not_found)?;
        match self.streams[s as usize].life {
            Life::Live if !self.streams[s as usize].positions.is_empty() => Ok(s),
            Life::Live | Life::SoftDeleted => Err(not_found()),
            Life::Tombstoned => Err(StoreError::StreamDeleted {
                stream: stream.to_owned(),
            }),
        }
    }

    /// The event at global `position`, if there is one.
    ///
    /// See the example on [`Store::with_capacity`].
    pub fn event(&self, position: u64) -> Option<Recorded<'_>> {
        let event = self.events.get(usize::try_from(position).ok()?)?;
        Some(self.recorded(position, event))
    }

    #[inline]
    pub(crate) fn recorded<'a>(&'a self, position: u64, event: &'a StoredEvent) -> Recorded<'a> {
        let start = event.data_start as usize;
        Recorded {
            position,
            event,
            store: self,
            data: &self.fields[start..start + event.data_len as usize],
        }
    }

    pub(crate) fn stream_name(&self, stream: u32) -> &str {
        &self.streams[stream as usize].name
    }

    pub(crate) fn stored(&self) -> &[StoredEvent] {
        &self.events
    }

    pub(crate) fn stream_positions(&self, stream: &str) -> Result<&[u64], StoreError> {
        let s = self.readable_stream(stream)?;
        let record = &self.streams[s as usize];
        let hidden = (record.truncate_before as usize).min(record.positions.len());
        Ok(&record.positions[hidden..])
    }

    pub(crate) fn category_id(&self, category: &str) -> Option<u32> {
        self.category_ids.get(category).copied()
    }

    pub(crate) fn category_of(&self, event: &StoredEvent) -> u32 {
        self.streams[event.stream as usize].category
    }

    /// How many events of `event_type` the global log holds.
    ///
    /// See the example on [`Store::with_capacity`].
    pub fn count_of(&self, event_type: Name) -> u64 {
        self.type_counts
            .get(event_type.index())
            .copied()
            .unwrap_or(0)
    }

    /// Every event type in the log with its count, in order of first use of the name.
    ///
    /// ```
    /// use kata::store::{ExpectedVersion, Name, NewEvent, Store};
    /// let mut store = Store::new();
    /// store.append("shop-1", ExpectedVersion::Any, [NewEvent::new("OrderPlaced"), NewEvent::new("OrderPlaced")]).unwrap();
    /// store.append("shop-1", ExpectedVersion::Any, [NewEvent::new("OrderShipped")]).unwrap();
    /// let counts = store.counts_by_type();
    /// assert!(counts.contains(&(Name::new("OrderPlaced"), 2)));
    /// assert_eq!(store.count_of(Name::new("OrderShipped")), 1);
    /// ```
    pub fn counts_by_type(&self) -> Vec<(Name, u64)> {
        self.type_counts
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .map(|(index, &count)| (Name::from_index(index), count))
            .collect()
    }

    /// The names of the streams that can be read (not deleted, not empty), in order of creation.
    ///
    /// See the example on [`Store::with_capacity`].
    pub fn stream_names(&self) -> impl Iterator<Item = &str> {
        self.streams
            .iter()
            .filter(|s| s.life == Life::Live && !s.positions.is_empty())
            .map(|s| &*s.name)
    }

    /// Bytes of memory the store holds (capacity of its tables, not counting allocator
    /// overhead or shared strings): for the memory benchmark and the replay lab's gauge.
    ///
    /// See the example on [`Store::with_capacity`].
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.events.capacity() * size_of::<StoredEvent>()
            + self.fields.capacity() * size_of::<(Name, Value)>()
            + self
                .streams
                .iter()
                .map(|s| size_of::<Stream>() + s.positions.capacity() * 8 + s.name.len())
                .sum::<usize>()
            + self.stream_ids.capacity() * (size_of::<(Arc<str>, u32)>() + 1)
            + self.ids.capacity() * (size_of::<(EventId, u64)>() + 1)
            + self.type_counts.capacity() * 8
    }
}

fn wrong_version(stream: &str, expected: ExpectedVersion, actual: StreamVersion) -> StoreError {
    StoreError::WrongExpectedVersion {
        stream: stream.to_owned(),
        expected,
        actual,
    }
}
