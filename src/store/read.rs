//! Lazy reads: a stream in either direction, the global log, filtered views.

use super::event::StoredEvent;
use super::{Direction, Name, Recorded, Store, StoreError};

/// The events of one stream in revision order (or reverse): a lazy iterator over the store.
///
/// See the example on [`Store::read_stream`].
pub struct StreamEvents<'a> {
    store: &'a Store,
    positions: std::slice::Iter<'a, u64>,
    direction: Direction,
}

impl<'a> Iterator for StreamEvents<'a> {
    type Item = Recorded<'a>;

    fn next(&mut self) -> Option<Recorded<'a>> {
        let position = match self.direction {
            Direction::Forwards => self.positions.next(),
            Direction::Backwards => self.positions.next_back(),
        }?;
        let event = &self.store.stored()[*position as usize];
        Some(self.store.recorded(*position, event))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.positions.size_hint()
    }
}

impl ExactSizeIterator for StreamEvents<'_> {}

/// Events of the global log in position order: a lazy iterator over the store.
///
/// See the example on [`Store::read_all`].
pub struct AllEvents<'a> {
    store: &'a Store,
    events: std::iter::Enumerate<std::slice::Iter<'a, StoredEvent>>,
    offset: u64,
}

impl<'a> Iterator for AllEvents<'a> {
    type Item = Recorded<'a>;

    #[inline]
    fn next(&mut self) -> Option<Recorded<'a>> {
        let (i, event) = self.events.next()?;
        Some(self.store.recorded(self.offset + i as u64, event))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.events.size_hint()
    }
}

impl DoubleEndedIterator for AllEvents<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let (i, event) = self.events.next_back()?;
        Some(self.store.recorded(self.offset + i as u64, event))
    }
}

impl ExactSizeIterator for AllEvents<'_> {}

/// Which events a filtered read or subscription lets through: by event type and/or by stream
/// category (the part of the stream name before the first `-`). Empty lists let everything
/// through.
///
/// ```
/// use kata::store::{EventFilter, ExpectedVersion, NewEvent, Store};
/// let mut store = Store::new();
/// store.append("order-1", ExpectedVersion::Any, [NewEvent::new("OrderPlaced"), NewEvent::new("OrderShipped")]).unwrap();
/// store.append("user-1", ExpectedVersion::Any, [NewEvent::new("UserCreated")]).unwrap();
/// let placed = EventFilter::new().event_type("OrderPlaced");
/// assert_eq!(store.read_all_filtered(0, &placed).count(), 1);
/// let orders = EventFilter::new().category("order");
/// assert_eq!(store.read_all_filtered(0, &orders).count(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    types: Vec<Name>,
    categories: Vec<String>,
}

impl EventFilter {
    /// A filter that lets everything through.
    ///
    /// See the example on [`EventFilter`].
    pub fn new() -> EventFilter {
        EventFilter::default()
    }

    /// Also let events of `event_type` through (types are alternatives).
    ///
    /// See the example on [`EventFilter`].
    pub fn event_type(mut self, event_type: impl Into<Name>) -> EventFilter {
        self.types.push(event_type.into());
        self
    }

    /// Also let events of streams in `category` through (categories are alternatives).
    ///
    /// See the example on [`EventFilter`].
    pub fn category(mut self, category: impl Into<String>) -> EventFilter {
        self.categories.push(category.into());
        self
    }

    pub(crate) fn resolve(&self, store: &Store) -> ResolvedFilter {
        ResolvedFilter {
            types: self.types.clone(),
            any_category: self.categories.is_empty(),
            categories: self
                .categories
                .iter()
                .filter_map(|c| store.category_id(c))
                .collect(),
        }
    }
}

/// A filter with its category names turned into the store's category numbers.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedFilter {
    types: Vec<Name>,
    any_category: bool,
    categories: Vec<u32>,
}

impl ResolvedFilter {
    pub(crate) fn matches(&self, store: &Store, event: &StoredEvent) -> bool {
        (self.types.is_empty() || self.types.contains(&event.event_type))
            && (self.any_category || self.categories.contains(&store.category_of(event)))
    }
}

/// Events of the global log that pass an [`EventFilter`], lazily.
///
/// See the example on [`Store::read_all_filtered`].
pub struct FilteredEvents<'a> {
    all: AllEvents<'a>,
    filter: ResolvedFilter,
}

impl<'a> Iterator for FilteredEvents<'a> {
    type Item = Recorded<'a>;

    fn next(&mut self) -> Option<Recorded<'a>> {
        let store = self.all.store;
        for (i, event) in self.all.events.by_ref() {
            if self.filter.matches(store, event) {
                return Some(store.recorded(self.all.offset + i as u64, event));
            }
        }
        None
    }
}

impl Store {
    /// The stream's visible events from revision `from`: forwards (`from` and later) or
    /// backwards (`from` and earlier; pass `u64::MAX` to start at the end).
    ///
    /// Fails with `StreamNotFound` for a stream never written or soft-deleted, and with
    /// `StreamDeleted` after a hard delete.
    ///
    /// ```
    /// use kata::store::{Direction, ExpectedVersion, NewEvent, Store};
    /// let mut store = Store::new();
    /// store.append("user-1", ExpectedVersion::Any, (0..4).map(|i| NewEvent::new("Seen").with("i", i))).unwrap();
    /// let back: Vec<u64> = store.read_stream("user-1", 2, Direction::Backwards).unwrap().map(|e| e.revision()).collect();
    /// assert_eq!(back, [2, 1, 0]);
    /// let last = store.read_stream("user-1", u64::MAX, Direction::Backwards).unwrap().next().unwrap();
    /// assert_eq!(last.revision(), 3);
    /// ```
    pub fn read_stream(
        &self,
        stream: &str,
        from: u64,
        direction: Direction,
    ) -> Result<StreamEvents<'_>, StoreError> {
        let visible = self.stream_positions(stream)?;
        // Visible events are a suffix of the stream, so revision r sits at index r - hidden.
        let hidden = visible
            .first()
            .map_or(0, |&p| self.stored()[p as usize].revision);
        let index = from.saturating_sub(hidden);
        let positions = match direction {
            Direction::Forwards => &visible[(index as usize).min(visible.len())..],
            Direction::Backwards if from < hidden => &visible[..0],
            Direction::Backwards => {
                let end = index.saturating_add(1).min(visible.len() as u64);
                &visible[..end as usize]
            }
        };
        Ok(StreamEvents {
            store: self,
            positions: positions.iter(),
            direction,
        })
    }

    /// The global log from `position` on, in order.
    ///
    /// ```
    /// use kata::store::{ExpectedVersion, NewEvent, Store};
    /// let mut store = Store::new();
    /// store.append("a-1", ExpectedVersion::Any, [NewEvent::new("X"), NewEvent::new("Y")]).unwrap();
    /// let positions: Vec<u64> = store.read_all(1).map(|e| e.position()).collect();
    /// assert_eq!(positions, [1]);
    /// assert_eq!(store.read_all(0).rev().next().unwrap().event_type().as_str(), "Y");
    /// ```
    pub fn read_all(&self, from: u64) -> AllEvents<'_> {
        let start = (from.min(self.len())) as usize;
        AllEvents {
            store: self,
            events: self.stored()[start..].iter().enumerate(),
            offset: start as u64,
        }
    }

    /// The global log from `position` on, keeping only the events `filter` lets through.
    ///
    /// ```
    /// use kata::store::{EventFilter, ExpectedVersion, NewEvent, Store};
    /// let mut store = Store::new();
    /// store.append("a-1", ExpectedVersion::Any, [NewEvent::new("Opened"), NewEvent::new("Closed")]).unwrap();
    /// store.append("b-1", ExpectedVersion::Any, [NewEvent::new("Opened")]).unwrap();
    /// let opened = EventFilter::new().event_type("Opened");
    /// assert_eq!(store.read_all_filtered(0, &opened).map(|e| e.position()).collect::<Vec<_>>(), [0, 2]);
    /// assert_eq!(store.read_all_filtered(0, &EventFilter::new().category("b")).count(), 1);
    /// ```
    pub fn read_all_filtered(&self, from: u64, filter: &EventFilter) -> FilteredEvents<'_> {
        FilteredEvents {
            all: self.read_all(from),
            filter: filter.resolve(self),
        }
    }
}
